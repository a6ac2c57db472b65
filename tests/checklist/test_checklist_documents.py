"""Passport, ESTA, e-passport and visa checks, computed from the trip (JP -> SFO, leave 15 Jan).

The passport's validity is judged at each border of the route (core.entry, through
services.checklist, the user's path): those tests use the store; the other checks are also
computed by core.checklist.evaluate alone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from checklist_builders import COUNTRIES, esta, make_trip, seg, us_entry

from tripkit.catalog.loader import load_bundled
from tripkit.catalog.rules import load_rules, rule_files
from tripkit.core import documents as docs
from tripkit.core.anchors import compute_anchors
from tripkit.core.checklist import evaluate
from tripkit.core.entry import check_passport
from tripkit.core.models import ChecklistItem, ItemState, Passport, Trip
from tripkit.paths import bundled_data
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
RULES = load_rules(rule_files(bundled_data() / "checklists")).rules


def items(trip: Trip, countries: dict = COUNTRIES, **kw: object) -> dict[str, ChecklistItem]:
    out = evaluate(
        trip,
        RULES,
        countries=countries,
        states=kw.pop("states", {}),  # type: ignore[arg-type]
        now=kw.pop("now", NOW),
        lang=kw.pop("lang", "en"),
    )  # type: ignore[arg-type]
    return {i.id: i for i in out}


def routed(store: Store, trip: Trip, now: datetime = NOW) -> dict[str, ChecklistItem]:
    """The checklist as the traveller gets it: the route's borders judge the passport."""
    store.put_trip(trip)
    return {i.id: i for i in svc.checklist_items(store, trip, "en", now=now)}


def test_the_example_passes_every_document_check(store: Store) -> None:
    assert routed(store, make_trip())["passport-validity"].status == "done"
    got = items(make_trip())
    for rule_id in ("entry-authorisation", "e-passport", "visa-eligibility"):
        assert got[rule_id].status == "done", got[rule_id].reason
        assert got[rule_id].problem == ""
    assert (
        "Your ESTA is valid until Thu 1 Jun 2028: it covers arrival on Mon 11 Jan 2027 "
        "through leaving on Fri 15 Jan 2027."
    ) in got["entry-authorisation"].reason
    assert got["esta-apply"].status == "not_applicable"


# --- passport ------------------------------------------------------------------------------


def test_six_month_club_needs_validity_for_the_stay_only(store: Store) -> None:
    # Expires 1 Mar 2027, six weeks after leaving: enough for a JP citizen (exempt).
    trip = make_trip(
        passport_expires=date(2027, 3, 1), authorisations=[esta(passport_expires=date(2027, 3, 1))]
    )
    got = routed(store, trip)["passport-validity"]
    assert got.status == "done"
    assert (
        "needed until Fri 15 Jan 2027 (valid for the stay: citizens of Japan are exempt from "
        "the longer rule)"
    ) in got.reason


def test_passport_expiring_mid_trip_fails_even_when_exempt(store: Store) -> None:
    trip = make_trip(
        passport_expires=date(2027, 1, 13),
        authorisations=[esta(passport_expires=date(2027, 1, 13))],
    )
    passport = routed(store, trip)["passport-validity"]
    assert passport.status == "todo"
    assert "United States needs it valid until Fri 15 Jan 2027" in passport.problem
    assert "Renew it before you travel." in passport.problem
    # No empty sentence where the failing border's lines are all in the problem.
    assert ". ." not in passport.reason, passport.reason
    # The ESTA ends with the passport: min(ESTA expiry, passport expiry) = 13 Jan.
    auth = items(trip)["entry-authorisation"]
    assert auth.status == "todo"
    # Whether an ESTA must last the stay is not in the references: the passport item carries
    # the failure; this one says what is known (tests/checklist/test_travellers3_...stay.py).
    assert (
        "Your ESTA is valid until Wed 13 Jan 2027 (it ends with your passport): valid when you "
        "arrive on Mon 11 Jan 2027, but it ends before you leave on Fri 15 Jan 2027"
    ) in auth.reason


def test_overdue_passport_check_past_its_deadline(store: Store) -> None:
    trip = make_trip(
        passport_expires=date(2027, 1, 13),
        authorisations=[esta(passport_expires=date(2027, 1, 13))],
    )
    # Due 30 days before the 17:05 JST departure: 12 Dec 2026 17:05 JST.
    now = datetime(2026, 12, 12, 8, 6, tzinfo=UTC)
    got = routed(store, trip, now)["passport-validity"]
    assert got.due is not None and got.due.isoformat() == "2026-12-12T17:05:00+09:00"
    assert got.status == "overdue"


# --- ESTA ----------------------------------------------------------------------------------


def test_renewed_passport_invalidates_the_esta() -> None:
    # The ESTA was granted for the passport expiring 1 Jan 2030; the new one expires 2036.
    trip = make_trip(
        passport_expires=date(2036, 5, 1), authorisations=[esta(passport_expires=date(2030, 1, 1))]
    )
    got = items(trip)
    auth = got["entry-authorisation"]
    assert auth.status == "todo"
    assert auth.problem == (
        "Your ESTA was issued for a passport expiring Tue 1 Jan 2030, but your passport expires "
        "Thu 1 May 2036: a new passport needs a new ESTA. Apply at https://esta.cbp.dhs.gov "
        "(the official site only) by Fri 8 Jan 2027 17:05 JST, 72 h before departure."
    )
    # And the how-to-apply item now applies, saying why.
    apply = got["esta-apply"]
    assert apply.status == "todo"
    assert "a new passport needs a new ESTA" in apply.reason
    assert apply.due is not None and apply.due.isoformat() == "2027-01-08T17:05:00+09:00"


def test_esta_expiring_mid_trip_and_before_arrival() -> None:
    # Ending during the stay: valid on arrival, and the references do not say whether an
    # ESTA must last the stay (tests/checklist/test_travellers3_authorisation_stay.py).
    mid = items(make_trip(authorisations=[esta(expires=date(2027, 1, 14))]))
    assert mid["entry-authorisation"].problem == ""
    assert mid["entry-authorisation"].status == "todo"
    assert (
        "valid until Thu 14 Jan 2027: valid when you arrive on Mon 11 Jan 2027, but it ends "
        "before you leave on Fri 15 Jan 2027"
    ) in mid["entry-authorisation"].reason
    early = items(make_trip(authorisations=[esta(expires=date(2027, 1, 10))]))
    assert (
        "valid until Sun 10 Jan 2027, before you arrive on Mon 11 Jan 2027"
        in early["entry-authorisation"].problem
    )
    # Valid through the day of leaving (15 Jan by the venue's calendar) is enough.
    on_day = items(make_trip(authorisations=[esta(expires=date(2027, 1, 15))]))
    assert on_day["entry-authorisation"].status == "done"


def test_no_esta_recorded() -> None:
    got = items(make_trip(authorisations=[]))["entry-authorisation"]
    assert got.problem.startswith(
        "No ESTA is recorded in the trip (add it if you hold one). "
        "Apply at https://esta.cbp.dhs.gov"
    )


def test_a_ticked_failing_check_stays_open() -> None:
    trip = make_trip(authorisations=[])
    got = items(trip, states={"entry-authorisation": ItemState(status="done")})
    item = got["entry-authorisation"]
    assert item.status == "todo"
    assert (
        "You marked it done, but the check still fails: update the trip's documents."
    ) in item.reason
    skipped = items(trip, states={"entry-authorisation": ItemState(status="skipped")})
    assert skipped["entry-authorisation"].status == "skipped"


# --- e-passport and visa ------------------------------------------------------------------


def test_no_e_passport_points_to_a_visa() -> None:
    got = items(make_trip(e_passport=False))
    item = got["e-passport"]
    assert item.status == "todo"
    assert item.problem == (
        "Without an e-passport you cannot use ESTA: Apply for a B visa at a US Embassy."
    )
    assert got["jp-face-gates"].status == "not_applicable"
    assert "your passport is not an e-passport" in got["jp-face-gates"].reason


def test_travel_history_bars_the_waiver() -> None:
    barred = items(make_trip(visited=[("CU", date(2022, 5, 1))]))["visa-eligibility"]
    assert barred.status == "todo"
    assert barred.problem == (
        "You were in Cuba on Sun 1 May 2022, which makes you ineligible for "
        "ESTA: Apply for a B visa at a US Embassy."
    )
    # A visit before the date the bar starts from does not count.
    old = items(make_trip(visited=[("IR", date(2010, 6, 1))]))["visa-eligibility"]
    assert old.status == "done"


def test_unknown_destination_says_what_to_check() -> None:
    trip = make_trip(
        venue_country="SG",
        venue_tz="Asia/Singapore",
        city="Singapore",
        city_id="singapore",
        flights=[],
        authorisations=[],
    )
    got = items(trip)
    visa = got["visa-eligibility"]
    assert visa.status == "todo" and visa.problem == ""
    assert (
        "Tripkit has no entry rules for Singapore: check with its embassy whether you need a visa "
        "or travel authorisation."
    ) in visa.reason
    assert got["entry-authorisation"].status == "not_applicable"


def test_months_beyond_the_stay_clamp_to_the_month_end() -> None:
    # The border's rule (core.entry, the one place): 31 Aug + 6 months is 29 Feb 2028, not an
    # error or 2 Mar (a traveller told to renew for two days that do not exist).
    rule = us_entry(exempt=[]).passport  # 6 months beyond the stay
    passport = Passport(expires=date(2028, 2, 29))
    got = check_passport(passport, "JP", rule, date(2027, 8, 20), date(2027, 8, 31), False)
    assert got.needed_until == date(2028, 2, 29) and got.ok is True
    short = check_passport(
        Passport(expires=date(2028, 2, 28)), "JP", rule, date(2027, 8, 20), date(2027, 8, 31), False
    )
    assert short.ok is False


def test_authorisation_status_directly() -> None:
    trip = make_trip()
    status = docs.authorisation_status(trip, "ESTA", "US", compute_anchors(trip), "ja")
    assert status.ok and status.valid_until == date(2028, 6, 1)
    assert status.why == (
        "ESTAの有効期限は2028年6月1日(木)で、到着日2027年1月11日(月)から"
        "出国日2027年1月15日(金)まで有効です"
    )


TPE = [
    seg("NH853", "HND", "TPE", "2027-01-11T10:00[Asia/Tokyo]", "2027-01-11T12:45[Asia/Taipei]"),
    seg("NH854", "TPE", "HND", "2027-01-15T14:00[Asia/Taipei]", "2027-01-15T18:15[Asia/Tokyo]"),
]


def test_one_place_judges_the_passport_counted_from_arrival(store: Store) -> None:
    # Taiwan counts 6 months from arrival. Wrong (the old pre-route fallback, a second copy
    # of the rule): "tripkit has no sourced passport-validity rule for Taiwan": a traveller
    # sent to the embassy for what tripkit knows, or, worse, a renewal for nothing.
    trip = make_trip(
        venue_country="TW",
        venue_tz="Asia/Taipei",
        city="Taipei",
        city_id="taipei",
        flights=TPE,
        stays=[],
        authorisations=[],
        citizenships=["DE"],
        home_country="DE",
        home_tz="Europe/Berlin",
        passport_expires=date(2027, 7, 20),
    )
    got = routed(store, trip)["passport-validity"]
    assert got.status == "done", got.reason
    assert "needed until Sun 11 Jul 2027 (6 months from the day you arrive)" in got.reason
    # Without the route the rule is not judged a second way: an honest pointer, never "no
    # sourced rule" nor a verdict.
    bare = items(trip, load_bundled().countries)["passport-validity"]
    assert "no sourced" not in bare.reason and bare.status == "todo" and bare.problem == ""
    assert "tripkit judges your passport at each border of your route" in bare.reason.casefold()
    assert not hasattr(docs, "check_passport")
