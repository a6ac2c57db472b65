"""Checklist items whose sources speak of Visa Waiver (ESTA) travellers only: they are not
handed to a traveller who enters the US on a B visa."""

from __future__ import annotations

from datetime import UTC, date, datetime

from checklist_builders import esta, make_trip

from tripkit.catalog.loader import load_bundled
from tripkit.catalog.rules import load_rules, rule_files
from tripkit.core.checklist import evaluate
from tripkit.core.models import Authorisation, ChecklistItem, Trip
from tripkit.paths import bundled_data
from tripkit.services.entry import borders

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
RULES = load_rules(rule_files(bundled_data() / "checklists")).rules
VWP_ONLY = ("us-return-ticket", "us-mobile-passport-control")


def items(trip: Trip) -> dict[str, ChecklistItem]:
    """As `tripkit checklist` builds them: with the route's verdicts."""
    got = evaluate(
        trip,
        RULES,
        countries=load_bundled().countries,
        states={},
        now=NOW,
        route=borders(trip, "en"),
    )
    return {i.id: i for i in got}


def test_vwp_items_are_not_handed_to_a_b_visa_holder() -> None:
    # Wrong (the old answer): an Indian with a B visa flying to San Francisco got "Returning
    # ESTA visitor? Mobile Passport Control may save time" and "Print your return ticket for
    # US immigration" (whose details say "Visa Waiver Program travellers ...") as to-dos:
    # MPC is open to returning ESTA travellers (and US citizens, residents, Canadian
    # visitors), not to a first-time B-visa visitor, who would queue for an app that turns
    # them away.
    b_visa = Authorisation(kind="US-visa", country="US", expires=date(2030, 1, 1))
    got = items(make_trip(citizenships=["IN"], home_country="IN", authorisations=[b_visa]))
    for item_id in VWP_ONLY:
        assert item_id not in got or got[item_id].status == "not_applicable", got[item_id]
    # An ESTA traveller still gets both.
    jp = items(make_trip(authorisations=[esta()]))
    for item_id in VWP_ONLY:
        assert jp[item_id].status != "not_applicable", jp[item_id].reason
