"""The guide's "Passport validity" note for travellers unlike the demo: a US citizen to
FOSDEM in Brussels (Schengen's 3 months after leaving), an Indian to Vancouver (Canada's
"valid for the stay"), a German to Tokyo (Japan's "valid for the stay")."""

from __future__ import annotations

from datetime import date

import pytest
from guide_helpers import BRUSSELS_VENUE, NOW, with_venue

from tripkit.catalog.loader import load_catalog
from tripkit.core.models import Trip, Venue
from tripkit.services.guide import _Builder, build_guide

VANCOUVER = Venue(
    name="Vancouver Convention Centre",
    city="Vancouver",
    country="CA",
    tz="America/Vancouver",
)
TOKYO = Venue(name="Tokyo Big Sight", city="Tokyo", country="JP", tz="Asia/Tokyo")


def passport_note(trip: Trip, lang: str = "en") -> str:
    entry = build_guide(trip, lang, NOW).section("entry")
    assert entry is not None
    note = next(n for n in entry.notes if n.title in ("Passport validity", "パスポートの有効期間"))
    return note.text


@pytest.mark.parametrize(
    ("venue", "citizenship", "rule"),
    [
        (BRUSSELS_VENUE, "US", "at least 3 months after the day you plan to leave"),
        (VANCOUVER, "IN", "your stay cannot run past its expiry date"),
        (TOKYO, "DE", "valid throughout the stay"),
    ],
)
def test_a_sourced_passport_rule_is_not_introduced_as_missing(
    demo_trip: Trip, venue: Venue, citizenship: str, rule: str
) -> None:
    # Wrong (the old note): "tripkit has no sourced passport-validity rule for Belgium. Your
    # passport must be valid at least 3 months after...", with the rule's own sources under
    # it, in `tripkit guide` and the printed binder, while `tripkit entry` applies that very
    # rule. A traveller told there is no rule may take "valid for the trip" as enough and be
    # refused boarding with a passport that ends within 3 months of leaving Schengen.
    text = passport_note(with_venue(demo_trip, venue, [citizenship]))
    assert rule in text
    assert "no sourced" not in text


def test_a_rule_file_without_a_note_still_says_its_rule(demo_trip: Trip) -> None:
    trip = with_venue(demo_trip, BRUSSELS_VENUE, ["US"])
    catalog = load_catalog(None)
    rule = catalog.countries["BE"].passport.model_copy(update={"note": None})
    assert (rule.months_beyond_departure, rule.issued_within_years) == (3, 10)
    en = _Builder(trip, "en", date(2026, 11, 27), 12, catalog).known_passport_rule(rule)
    assert en == (
        "Your passport must be valid at least 3 months after the day you leave. "
        "It must have been issued within the previous 10 years."
    )
    ja = _Builder(trip, "ja", date(2026, 11, 27), 12, catalog).known_passport_rule(rule)
    assert "3か月" in ja and "10年" in ja and "must" not in ja
    stay = catalog.countries["JP"].passport.model_copy(update={"note": None})
    assert stay.valid_for_stay
    assert (
        _Builder(trip, "en", date(2026, 11, 27), 12, catalog).known_passport_rule(stay)
        == "Your passport must be valid for the whole stay."
    )
