"""The checklist for trips that do not fly: a German on the ICE to FOSDEM, a trip that does
not say how the traveller travels, and the demo's Japanese traveller flying NRT -> SFO, who
must keep every air item. Each test says what a wrong answer costs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner
from fosdem_trips import german_by_train
from japanese_words import problems, trip_literals

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import ChecklistItem, Trip
from tripkit.services import checklist as svc
from tripkit.store import Store

# Ten days before FOSDEM 2027: every "45 days before" item is past due by then.
LATE = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
# The items that only make sense when flying (or worded for it).
AIR_ITEMS = (
    "flights-booked",
    "in-flight-wifi",
    "in-flight-jet-lag",
    "jet-lag-east",
    "jet-lag-west",
    "us-return-ticket",
    "us-mobile-passport-control",
    "us-connection-bags",
    "jp-face-gates",
    "jp-visit-japan-web",
)


def items(
    store: Store, t: Trip, lang: str = "en", now: datetime = LATE
) -> dict[str, ChecklistItem]:
    store.put_trip(t)
    got = svc.checklist_items(store, t, lang, now=now, include_elsewhere=True)
    return {i.id: i for i in got}


def checklist_json(t: Trip, lang: str = "en") -> list[dict[str, object]]:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(main, ["--lang", lang, "checklist", "--json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    return data["items"] if isinstance(data, dict) else data


def test_the_german_on_the_train_is_not_told_to_book_flights(store: Store) -> None:
    # Wrong: an overdue "Book your flights" for someone who takes the ICE, and in-flight
    # Wi-Fi and jet-lag advice for a 3-hour train ride.
    got = items(store, german_by_train())
    for rule_id in AIR_ITEMS:
        assert got[rule_id].status == "not_applicable", (rule_id, got[rule_id].reason)
    assert "you travel by train, not by air" in got["jet-lag-east"].reason
    journey = got["journey-booked"]
    assert journey.status == "done"  # the legs are in the trip
    assert "Legs by train in the trip: 2." in journey.reason
    # Overdue ten days before: only the conference's own 14-day deadline, nothing of travel.
    assert [i.id for i in got.values() if i.status == "overdue"] == ["session-preregistration"]
    text = " ".join(f"{i.title} {i.problem}" for i in got.values() if i.status != "not_applicable")
    assert "flight" not in text.casefold()
    # Deadlines follow the train: 7 days before the ICE leaves Frankfurt at 14:29.
    assert got["travel-advice"].due is not None
    assert got["travel-advice"].due.isoformat() == "2027-01-22T14:29:00+01:00"


def test_the_train_trip_json_has_no_flight_items_to_do() -> None:
    # What scripts and the TUI read: the same answer as the engine.
    data = {i["id"]: i for i in checklist_json(german_by_train())}
    assert data["flights-booked"]["status"] == "not_applicable"
    assert data["in-flight-wifi"]["status"] == "not_applicable"
    assert data["journey-booked"]["status"] == "done"


def test_a_trip_without_travel_info_gets_the_honest_generic_item(
    store: Store, demo_trip: Trip
) -> None:
    # Wrong: assuming air ("Book your flights") when the trip says nothing of the journey;
    # also wrong: saying nothing, since deadlines then hang on the conference days.
    t = demo_trip.model_copy(deep=True, update={"id": "no-travel", "flights": [], "ground": []})
    got = items(store, t)
    journey = got["journey-booked"]
    assert journey.status == "overdue"
    assert journey.problem.startswith("Book how you get there and back (a flight, a train")
    assert got["flights-booked"].status == "not_applicable"
    # Not a ground trip either: the air advice that may concern it stays (17 h to SF).
    assert got["jet-lag-east"].status != "not_applicable"
    assert "Book your flights" not in " ".join(i.problem for i in got.values())


def test_the_demo_flying_nrt_sfo_keeps_every_air_item(store: Store, demo_trip: Trip) -> None:
    # Wrong: losing the ESTA-visitor, in-flight and jet-lag items of the common case.
    got = items(store, demo_trip, now=datetime(2026, 11, 30, tzinfo=UTC))
    for rule_id in (
        "flights-booked",
        "in-flight-wifi",
        "in-flight-jet-lag",
        "jet-lag-east",
        "us-return-ticket",
        "us-mobile-passport-control",
        "jp-face-gates",
        "jp-visit-japan-web",
    ):
        assert got[rule_id].status != "not_applicable", (rule_id, got[rule_id].reason)
    assert got["flights-booked"].status == "done"
    assert got["journey-booked"].status == "not_applicable"
    # The reason does not say the same fact twice (condition and check alike).
    assert got["flights-booked"].reason.count("flight segments in the trip") == 1


def test_the_train_trip_reads_in_japanese() -> None:
    t = german_by_train()
    data = checklist_json(t, "ja")
    text = "\n".join(str(i.get(k) or "") for i in data for k in ("title", "reason", "problem"))
    found = problems(text, allowed=trip_literals(t), cities=("Brussels", "Frankfurt"))
    assert not found, "\n".join(found)
    assert "移動手段は列車で、空路ではありません" in text
    assert "旅行の列車の区間: 2区間" in text


def test_a_train_that_starts_abroad_does_not_hide_the_flight_there(store: Store) -> None:
    # Wrong: an engineer living in Tokyo who has entered only the Frankfurt -> Brussels train
    # told "you travel by train, not by air" (no jet-lag advice, the journey "booked").
    from tripkit.core.models import Passport, Traveller

    t = german_by_train().model_copy(update={"id": "tokyo-then-train"})
    t.traveller = Traveller(
        citizenships=["IN"],
        home_country="JP",
        home_tz="Asia/Tokyo",
        passport=Passport(expires=t.traveller.passport.expires),
    )
    got = items(store, t)
    journey = got["journey-booked"]
    assert journey.status == "overdue"
    assert "Your first leg leaves from Germany, not from home (Japan)." in journey.reason
    assert journey.problem.startswith("Add how you get from Japan to Frankfurt (Main) Hbf")
    assert got["jet-lag-west"].status != "not_applicable"  # Tokyo to Brussels: 8 h west


def test_a_title_that_starts_with_a_filled_in_word_starts_with_a_capital(store: Store) -> None:
    # Wrong: "travel authorisation valid on arrival..." when no scheme applies (the title's
    # first word is the fallback filled into "{scheme} valid..."): a list item that reads as
    # a broken sentence.
    got = items(store, german_by_train())
    title = got["entry-authorisation"].title
    assert title.startswith("Travel authorisation valid for your arrival"), title
