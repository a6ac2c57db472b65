"""The checklist's reasons for travellers unlike the demo, on the bundled data and the route:
an Indian engineer to Vancouver through Frankfurt (both ways) with a stop in Seattle, and a
US citizen to FOSDEM whose passport expires during the stay."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fosdem_trips import indian_via_dubai

from tripkit.core.models import ChecklistItem, Trip
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
KOL, BER, LA, VAN = "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles", "America/Vancouver"


def flight(no: str, origin: str, dest: str, departs: str, arrives: str) -> dict[str, str]:
    return {
        "flight": no,
        "origin": origin,
        "destination": dest,
        "departs": departs,
        "arrives": arrives,
    }


def make(
    traveller: dict[str, Any],
    venue: dict[str, str],
    days: tuple[str, str],
    flights: list[dict[str, str]],
) -> Trip:
    return Trip.model_validate(
        {
            "id": "travellers",
            "name": "Travellers",
            "traveller": traveller,
            "conference": {
                "name": "Conf",
                "first_day": days[0],
                "last_day": days[1],
                "venue": {"name": "Venue", **venue},
            },
            "flights": flights,
        }
    )


def indian_to_vancouver() -> Trip:
    return make(
        {
            "citizenships": ["IN"],
            "home_country": "IN",
            "home_tz": KOL,
            "passport": {"expires": "2032-05-01"},
        },
        {"city": "Vancouver", "country": "CA", "tz": VAN},
        ("2027-05-11", "2027-05-13"),
        [
            flight("LH755", "BLR", "FRA", f"2027-05-07T03:00[{KOL}]", f"2027-05-07T09:30[{BER}]"),
            flight("LH490", "FRA", "SEA", f"2027-05-07T13:30[{BER}]", f"2027-05-07T14:55[{LA}]"),
            flight("AS2080", "SEA", "YVR", f"2027-05-09T10:00[{LA}]", f"2027-05-09T11:00[{VAN}]"),
            flight("LH493", "YVR", "FRA", f"2027-05-14T17:30[{VAN}]", f"2027-05-15T12:30[{BER}]"),
            flight("LH754", "FRA", "BLR", f"2027-05-15T14:00[{BER}]", f"2027-05-16T01:30[{KOL}]"),
        ],
    )


def items(store: Store, trip: Trip, lang: str = "en") -> dict[str, ChecklistItem]:
    store.put_trip(trip)
    return {i.id: i for i in svc.checklist_items(store, trip, lang, now=NOW)}


def test_two_connections_in_one_country_are_said_once(store: Store) -> None:
    # Wrong (the old reasons): "Tripkit does not know whether Germany (Schengen area),
    # Germany (Schengen area) asks for an e-passport", and the visa item repeating "tripkit
    # does not know what Germany asks of citizens of India" once per connection. A reason
    # that stutters reads as two different borders to check (and buries the two visas
    # that really are needed further down a long line).
    got = items(store, indian_to_vancouver())
    e_passport = got["e-passport"].reason
    assert e_passport.count("Germany (Schengen area)") == 1, e_passport
    for item_id in ("visa-eligibility", "entry-authorisation"):
        reason = got[item_id].reason
        assert reason.count("what Germany asks of citizens of India") == 1, reason
    # Both visas are still named, each warning its own sentence (the two ran together:
    # "...processing time) No Canadian visitor visa...").
    problem = got["visa-eligibility"].problem
    assert "No US visitor visa (B-1/B-2) is recorded" in problem
    assert "processing time). No Canadian visitor visa is recorded" in problem


def test_a_passport_that_fails_every_border_leaves_no_empty_sentence(store: Store) -> None:
    # Wrong (the old reason): "Applies: you travel abroad (United States to Belgium). . Due
    # 30 days before departure." The stray ". ." looks like a fact that failed to print,
    # on the one item that tells the traveller to renew the passport before FOSDEM.
    trip = make(
        {
            "citizenships": ["US"],
            "home_country": "US",
            "home_tz": "America/New_York",
            "passport": {"expires": "2027-02-03", "issued": "2017-02-04"},
        },
        {"city": "Brussels", "country": "BE", "tz": "Europe/Brussels"},
        ("2027-01-30", "2027-01-31"),
        [
            flight(
                "UA999",
                "IAD",
                "BRU",
                "2027-01-28T17:50[America/New_York]",
                "2027-01-29T07:55[Europe/Brussels]",
            ),
            flight(
                "UA998",
                "BRU",
                "IAD",
                "2027-02-04T11:35[Europe/Brussels]",
                "2027-02-04T14:40[America/New_York]",
            ),
        ],
    )
    got = items(store, trip)["passport-validity"]
    assert got.status == "todo"
    assert ". ." not in got.reason and ".." not in got.reason, got.reason
    assert got.reason.startswith("Applies: you travel abroad (the United States to Belgium).")
    assert "Belgium needs it valid until Tue 4 May 2027" in got.problem


def test_a_passport_without_its_issue_date_is_not_ticked_for_schengen(store: Store) -> None:
    # Wrong (the old item): "[x] Passport valid long enough for Belgium", done by itself,
    # though its own reason asks for the issue date Schengen's 10-year rule needs: a British
    # passport of 10 years 9 months (issued Dec 2016, valid to Sep 2027) is refused at the
    # border, and the ticked item tells the traveller there is nothing left to check.
    trip = make(
        {
            "citizenships": ["GB"],
            "home_country": "GB",
            "home_tz": "Europe/London",
            "passport": {"expires": "2027-09-01"},
        },
        {"city": "Brussels", "country": "BE", "tz": "Europe/Brussels"},
        ("2027-01-30", "2027-01-31"),
        [
            flight(
                "BA388",
                "LHR",
                "BRU",
                "2027-01-29T08:00[Europe/London]",
                "2027-01-29T10:10[Europe/Brussels]",
            ),
            flight(
                "BA389",
                "BRU",
                "LHR",
                "2027-02-02T18:00[Europe/Brussels]",
                "2027-02-02T18:15[Europe/London]",
            ),
        ],
    )
    got = items(store, trip)["passport-validity"]
    assert got.status == "todo", got.reason
    assert "add its issue date" in got.reason


def test_a_briton_is_not_told_to_register_a_trip_where_there_is_no_registration(
    store: Store,
) -> None:
    # Wrong (the old title): "Register your trip with FCDO travel advice e-mail alerts (no trip
    # registration)": the UK switched its trip registration off in 2013. A traveller told to
    # register goes looking for a form that does not exist (or pays a look-alike site), and
    # may skip the travel-advice alerts that are the real service.
    syd, sin, lon = "Australia/Sydney", "Asia/Singapore", "Europe/London"
    trip = make(
        {
            "citizenships": ["GB"],
            "home_country": "GB",
            "home_tz": "Europe/London",
            "passport": {"expires": "2029-09-01"},
        },
        {"city": "Sydney", "country": "AU", "tz": syd},
        ("2027-04-02", "2027-04-04"),
        [
            flight("SQ317", "LHR", "SIN", f"2027-03-30T11:25[{lon}]", f"2027-03-31T07:40[{sin}]"),
            flight("SQ221", "SIN", "SYD", f"2027-03-31T09:15[{sin}]", f"2027-03-31T19:40[{syd}]"),
            flight("SQ232", "SYD", "SIN", f"2027-04-05T09:55[{syd}]", f"2027-04-05T15:40[{sin}]"),
            flight("SQ322", "SIN", "LHR", f"2027-04-05T23:15[{sin}]", f"2027-04-06T05:55[{lon}]"),
        ],
    )
    got = items(store, trip)["trip-registration"]
    assert got.title == "Sign up for FCDO travel advice e-mail alerts (no trip registration)"
    assert "LOCATE service was switched off" in got.details


def test_a_connection_through_one_airport_both_ways_is_said_once(store: Store) -> None:
    # Wrong (the old reasons): an Indian to FOSDEM through Dubai both ways read "e-visa is
    # required at DXB (United Arab Emirates); Schengen visa ... is required at BRU
    # (Belgium); e-visa is required at DXB (United Arab Emirates)", and under it "No e-visa is
    # recorded in the trip: apply now" twice: read as two e-visas to apply for.
    trip = indian_via_dubai(passport_expires="2032-05-01")
    got = items(store, trip)
    item = got["entry-authorisation"]
    assert item.reason.count("e-visa is required") == 1, item.reason
    assert item.reason.count("You change planes at Dubai") == 1, item.reason
    # (the unnamed e-visa names its country: which e-visa to apply for)
    assert item.problem.count("No e-visa for the United Arab Emirates is recorded") == 1, (
        item.problem
    )
    # Both documents are still asked for.
    assert "No Schengen visa (short stay) is recorded" in item.problem
