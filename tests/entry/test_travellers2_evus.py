"""A PRC passport holder with a US B visa: the rule's own note asks for an EVUS enrollment
too, so the US border is never "in order" on the visa alone (tripkit.core.entry
companion_schemes, data/countries/us.yaml `EVUS`)."""

from __future__ import annotations

from datetime import date

import pytest
from entry_builders import LA, seg, trip

from tripkit.core.models import Trip
from tripkit.paths import bundled_data
from tripkit.services import entry as svc

pytestmark = pytest.mark.skipif(
    not (bundled_data() / "countries" / "us.yaml").is_file(), reason="no bundled entry data"
)
SHA = "Asia/Shanghai"


def prc_to_la(*, evus: bool) -> Trip:
    auths = [{"kind": "US-visa", "country": "US", "expires": "2035-01-01"}]
    if evus:
        auths.append(
            {
                "kind": "EVUS",
                "country": "US",
                "expires": "2028-03-01",
                "passport_expires": "2035-01-01",
            }
        )
    flights = [
        seg("CA987", "PEK", "LAX", f"2027-05-12T12:00[{SHA}]", f"2027-05-12T08:30[{LA}]"),
        seg("CA988", "LAX", "PEK", f"2027-05-18T11:00[{LA}]", f"2027-05-19T16:00[{SHA}]"),
    ]
    return trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 5, 14),
        last_day=date(2027, 5, 16),
        citizenships=["CN"],
        home_country="CN",
        home_tz=SHA,
        authorisations=auths,
    )


def test_prc_b_visa_without_evus_is_not_in_order() -> None:
    """Told "in order" with a B visa alone, a PRC traveller flies without the EVUS
    enrollment the rule itself requires and can be refused boarding for the US."""
    lax = svc.borders(prc_to_la(evus=False), "en")[0]
    assert lax.verdict.status == "missing"
    assert lax.verdict.requirement == "visa"
    # The visa is said as held (not "No visa is recorded"); what is missing is the EVUS.
    assert any(line.startswith("You hold US visitor visa") for line in lax.lines)
    warning = " ".join(lax.warnings)
    assert "EVUS enrollment" in warning and "none is recorded in the trip" in warning
    assert "No US visitor visa" not in warning
    assert "USD" not in warning  # the current fee is UNCONFIRMED: never stated
    assert lax.due is not None and lax.due < prc_to_la(evus=False).flights[0].departs
    ja = svc.borders(prc_to_la(evus=False), "ja")[0]
    assert "EVUS登録" in " ".join(ja.warnings)


def test_prc_b_visa_with_evus_recorded_is_in_order() -> None:
    """With the EVUS enrollment in the trip, nothing is left to do: a warning then would send
    the traveller to enrol twice."""
    lax = svc.borders(prc_to_la(evus=True), "en")[0]
    assert lax.verdict.status == "ok"
    assert not lax.warnings
    assert any(line.startswith("You hold EVUS enrollment") for line in lax.lines)


def test_evus_is_asked_of_prc_passports_only() -> None:
    """An Indian with a B visa (no EVUS programme for them) must not be sent to enrol."""
    t = prc_to_la(evus=False)
    t = t.model_copy(
        update={
            "traveller": t.traveller.model_copy(
                update={"citizenships": ["IN"], "home_country": "IN"}
            )
        }
    )
    lax = svc.borders(t, "en")[0]
    assert lax.verdict.status == "ok"
    assert "EVUS" not in " ".join(lax.lines + lax.warnings)


def test_the_checklist_asks_for_evus_before_departure(store) -> None:  # noqa: ANN001
    """The entry-authorisation item was ticked "done" on the visa alone: the traveller would
    never be reminded of EVUS. The visa item stays done (the visa is held), so the one thing
    to do is said once, where it is due (before departure)."""
    from datetime import UTC, datetime

    from tripkit.services.checklist import checklist_items

    t = prc_to_la(evus=False)
    store.put_trip(t)
    now = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    got = {i.id: i for i in checklist_items(store, t, "en", now=now)}
    auth = got["entry-authorisation"]
    assert auth.status == "todo"
    assert "EVUS enrollment" in auth.problem
    assert auth.due is not None and auth.due < t.flights[0].departs
    assert got["visa-eligibility"].status == "done"
    t2 = prc_to_la(evus=True)
    store.put_trip(t2)
    got2 = {i.id: i for i in checklist_items(store, t2, "en", now=now)}
    assert got2["entry-authorisation"].status == "done"
