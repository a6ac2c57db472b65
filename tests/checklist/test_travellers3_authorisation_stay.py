"""An online authorisation valid on arrival that ends during the stay: the checklist says what
the references say (shared/reference/travel-facts.md, entry-rules-world.md), no more.

- Australia's ETA: "enter any time within 12 months (or until passport expires); stay up to
  3 months per visit" (Australian Embassy Tokyo, official): valid on the day of arrival, it
  covers the stay. A German at a Sydney conference whose ETA ends mid-stay is in order.
- ESTA, Canada's eTA (and UK ETA, K-ETA): the references give their validity (2 years, 5
  years or until the passport expires) but say nothing on whether one must last until the
  traveller leaves. Ending mid-stay is then unknown, said with where to check: not the
  confident failure tripkit gave ("must be valid until you leave"), nor "in order".
- Ending before arrival is a failure for every scheme (no boarding without one)."""

from __future__ import annotations

from datetime import UTC, datetime

from trip_builders import Flight, flying_trip

from tripkit.core.models import ChecklistItem, Trip
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def trip(citizen: str, home_tz: str, venue: dict[str, str], days: tuple[str, str],
         flights: list[Flight], auth: dict[str, str]) -> Trip:  # fmt: skip
    return flying_trip(citizen, home_tz, venue, days, flights, authorisations=(auth,))


SYD, BER, VAN, PAR = "Australia/Sydney", "Europe/Berlin", "America/Vancouver", "Europe/Paris"


def german_to_sydney(eta_expires: str) -> Trip:
    """Arrives Sun 7 Mar 2027, leaves Sat 13 Mar (via Singapore both ways)."""
    sin = "Asia/Singapore"
    return trip(
        "DE",
        BER,
        {"city": "Sydney", "country": "AU", "tz": SYD},
        ("2027-03-09", "2027-03-11"),
        [
            ("SQ325", "FRA", "SIN", f"2027-03-05T21:00[{BER}]", f"2027-03-06T16:40[{sin}]"),
            ("SQ221", "SIN", "SYD", f"2027-03-06T20:30[{sin}]", f"2027-03-07T06:30[{SYD}]"),
            ("SQ222", "SYD", "SIN", f"2027-03-13T08:00[{SYD}]", f"2027-03-13T14:00[{sin}]"),
            ("SQ326", "SIN", "FRA", f"2027-03-13T23:00[{sin}]", f"2027-03-14T06:00[{BER}]"),
        ],
        {"kind": "AU-ETA", "country": "AU", "expires": eta_expires},
    )


def french_to_vancouver(eta_expires: str) -> Trip:
    """Arrives Mon 10 May 2027, leaves Sat 15 May."""
    return trip(
        "FR",
        PAR,
        {"city": "Vancouver", "country": "CA", "tz": VAN},
        ("2027-05-11", "2027-05-14"),
        [
            ("AF378", "CDG", "YVR", f"2027-05-10T13:35[{PAR}]", f"2027-05-10T15:05[{VAN}]"),
            ("AF379", "YVR", "CDG", f"2027-05-15T17:30[{VAN}]", f"2027-05-16T12:30[{PAR}]"),
        ],
        {"kind": "eTA", "country": "CA", "expires": eta_expires},
    )


def items(store: Store, t: Trip) -> dict[str, ChecklistItem]:
    store.put_trip(t)
    return {i.id: i for i in svc.checklist_items(store, t, "en", now=NOW)}


def test_an_australian_eta_valid_on_arrival_covers_the_stay(store: Store) -> None:
    """Wrong before: "your AU-ETA is valid until Wed 10 Mar 2027, during your stay" as a
    problem to fix: the traveller would pay for and wait on a new ETA the Australian
    Embassy's page says they do not need (entering within its 12 months is what counts)."""
    got = items(store, german_to_sydney("2027-03-10"))["entry-authorisation"]
    assert got.status == "done", got.reason
    assert got.problem == ""
    assert (
        "You hold Australia ETA (subclass 601), valid until Wed 10 Mar 2027: you enter on Sun 7 "
        "Mar 2027 within it"
    ) in got.reason
    # Ending before the day of arrival is still a failure.
    early = items(store, german_to_sydney("2027-03-06"))["entry-authorisation"]
    assert early.status != "done" and "Your Australia ETA ends Sat 6 Mar 2027" in early.problem


def test_a_canadian_eta_ending_mid_stay_is_unknown_not_a_failure(store: Store) -> None:
    """Wrong before: "your eTA is valid until Wed 12 May 2027, during your stay (you leave on
    Sat 15 May 2027)" as a failed check, a rule no reference states: tripkit says what it
    knows (valid on arrival), that its sources are silent on the rest, and where to check."""
    got = items(store, french_to_vancouver("2027-05-12"))
    auth = got["entry-authorisation"]
    assert auth.problem == ""
    assert auth.status == "todo"  # neither failed nor "done"
    assert (
        "Your Canada eTA is valid when you arrive on Mon 10 May 2027 but ends Wed 12 May 2027, "
        "before you leave on Sat 15 May 2027; tripkit's sources do not say whether it must last "
        "the whole stay"
    ) in auth.reason
    # Said once, and a curated note's full stop does not run into the next clause (".;").
    assert "need Canada eTA for Canada (electronic travel authorisation)" in auth.reason
    assert ".;" not in auth.reason
    assert "canada.ca" in auth.reason  # the official site to check on
    # Valid through the day of leaving: in order, as before.
    assert items(store, french_to_vancouver("2027-05-15"))["entry-authorisation"].status == "done"


def test_the_japanese_reading_says_unknown_too(store: Store) -> None:
    t = french_to_vancouver("2027-05-12")
    store.put_trip(t)
    got = {i.id: i for i in svc.checklist_items(store, t, "ja", now=NOW)}
    assert "tripkitの情報源に記載がありません" in got["entry-authorisation"].reason


def test_tripkit_entry_says_it_too(store: Store) -> None:
    """`tripkit entry` (the route's borders) labelled the eTA "does not cover the trip" and
    the AU-ETA likewise: the same facts as the checklist, in its own words."""
    from tripkit.services.entry import STATUS_LABELS, borders, status_key

    for t, label in (
        (french_to_vancouver("2027-05-12"), "valid on arrival; the rest of the stay unknown"),
        (german_to_sydney("2027-03-10"), "in order"),
    ):
        views = [bv for bv in borders(t, "en") if bv.border.country in ("AU", "CA")]
        assert [STATUS_LABELS[status_key(bv.verdict)] for bv in views] == [label]
