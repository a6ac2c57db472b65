"""Walking time inside the venue: rooms to buildings from the venue data (Moscone, ULB at
FOSDEM with the real schedule's room names), and the conflict check using the walk instead
of the fixed gap."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from agenda_helpers import run

from tripkit.catalog.loader import load_bundled
from tripkit.core.agenda import conflicts
from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.walking import from_data
from tripkit.importers import parse
from tripkit.services.venue_walks import _load
from tripkit.store import Store

LA = ZoneInfo("America/Los_Angeles")
T = "dockercon-sf-example"


def _s(key: str, start: datetime, minutes: int, room: str) -> Session:
    return Session(
        key=key, title=f"Talk {key}", start=start, end=start + timedelta(minutes=minutes), room=room
    )


def test_bundled_venue_walks_validate_and_load() -> None:
    catalog = load_bundled()  # the schema: sourced buildings, walks sourced or estimates
    assert [b.id for b in catalog.venues["ulb-brussels"].buildings] == [
        "janson",
        "k",
        "h",
        "aw",
        "u",
    ]
    moscone = _load("moscone-center")
    assert moscone is not None
    assert moscone.minutes("Moscone South 103", "Moscone West 2001") == 7
    assert moscone.minutes("moscone north hall e", "MOSCONE SOUTH 102") == 4
    assert moscone.minutes("Moscone West 2001", "Moscone West 3022") is None  # same building
    assert moscone.minutes("Room 2001", "Moscone West 3022") is None  # unknown room


def test_every_fosdem_room_maps_to_a_building(corpus: Path) -> None:
    ulb = _load("ulb-brussels")
    assert ulb is not None
    for name in ("fosdem-2025.xml", "fosdem-2026.xml"):
        sch = parse(
            (corpus / "frab-xml" / name).read_bytes(), source=name, venue_tz="Europe/Brussels"
        )
        rooms = {s.room for s in sch.sessions}
        unmapped = sorted(r for r in rooms if ulb.building_of(r) is None)
        assert unmapped == [], name
    assert ulb.building_of("K.3.201").id == "k"  # type: ignore[union-attr]
    assert ulb.building_of("UB2.252A").id == "u"  # type: ignore[union-attr]
    assert ulb.building_of("AW1.126").id == "aw"  # type: ignore[union-attr]
    assert ulb.building_of("H.1302").id == "h"  # type: ignore[union-attr]
    assert ulb.minutes("K.3.201", "UD2.120") == 6


def test_walking_time_changes_a_tight_verdict() -> None:
    walks = from_data(
        {
            "buildings": [
                {"id": "s", "name": "Moscone South", "rooms": ["Moscone South"]},
                {"id": "w", "name": "Moscone West", "rooms": ["Moscone West"]},
                {"id": "n", "name": "Moscone North", "rooms": ["Moscone North"]},
            ],
            "walks": [
                {"between": ["s", "w"], "minutes": 7, "estimate": True},
                {"between": ["n", "s"], "minutes": 2},
            ],
        }
    )
    t0 = datetime(2027, 1, 12, 9, 0, tzinfo=LA)
    a = _s("a", t0, 60, "Moscone South 103")
    b = _s("b", t0 + timedelta(minutes=65), 30, "Moscone West 2001")  # 5 min later
    c = _s("c", t0 + timedelta(minutes=98), 30, "Moscone North 24")  # 3 min after b
    d = _s("d", t0 + timedelta(minutes=131), 30, "Moscone South 103")  # 3 min after c
    fixed = conflicts([a, b, c, d], travel_gap=timedelta(minutes=5))
    assert [(x.first.key, x.second.key) for x in fixed] == [("b", "c"), ("c", "d")]
    walked = conflicts(
        [a, b, c, d],
        travel_gap=timedelta(minutes=5),
        walk_minutes=walks.minutes,
        longest_walk=walks.longest,
    )
    # South -> West takes 7: 5 is tight now. West -> North has no walk: the gap applies.
    # North -> South takes 2: 3 minutes is enough.
    assert [(x.first.key, x.second.key) for x in walked] == [("a", "b"), ("b", "c")]


def test_agenda_says_the_walk(home_store: Store, tmp_path: Path) -> None:
    t0 = datetime(2027, 1, 12, 9, 0, tzinfo=LA)
    header = Schedule(source="test", format="csv", sessions=[])
    sessions = [
        _s("south", t0, 60, "Moscone South 103"),
        _s("west", t0 + timedelta(minutes=65), 30, "Moscone West 2001"),
    ]
    home_store.programmes.write(T, header, sessions)
    home_store.programmes.set_stars(T, ["south", "west"], True)
    code, out, err = run("schedule", "agenda")
    assert code == 0, err
    assert "tight: 5 min to get from Moscone South 103 to Moscone West 2001" in out
    assert "7 min walk from Moscone South to West (tripkit's estimate)" in out
    code, out, _ = run("schedule", "agenda", "--json")
    got = {i["id"]: i["conflicts"] for i in json.loads(out)}
    assert got["south"] == [
        {
            "id": "west",
            "programme": "main",
            "kind": "travel",
            "walk_minutes": 7,
            "walk_estimate": True,
        }
    ]
    code, out, _ = run("schedule", "agenda", "--no-venue-walks", "--json")
    assert all(i["conflicts"] == [] for i in json.loads(out))
    code, out, _ = run("schedule", "agenda", "--lang", "ja")
    assert "Moscone South から West まで徒歩7分(tripkitの推定)" in out


def test_fosdem_real_rooms_with_walks(corpus: Path, home_store: Store, demo_trip: Trip) -> None:
    venue = demo_trip.conference.venue.model_copy(
        update={
            "name": "ULB",
            "city": "Brussels",
            "country": "BE",
            "tz": "Europe/Brussels",
            "venue_id": "ulb-brussels",
            "city_id": None,
        }
    )
    trip = demo_trip.model_copy(
        update={"conference": demo_trip.conference.model_copy(update={"venue": venue})}
    )
    home_store.put_trip(trip)
    path = corpus / "frab-xml/fosdem-2026.xml"
    assert run("schedule", "import", str(path))[0] == 0
    sch = parse(path.read_bytes(), source="f", venue_tz="Europe/Brussels")
    # A real pair: a talk in building K, and one starting 5 minutes after it ends in U.
    ends = {}
    for s in sch.sessions:
        if s.room.startswith("K."):
            ends.setdefault(s.end.timestamp(), s)
    pair = next(
        (ends[s.start.timestamp() - 300], s)
        for s in sch.sessions
        if s.room.startswith("U") and s.start.timestamp() - 300 in ends
    )
    run("schedule", "star", pair[0].key, pair[1].key)
    code, out, _ = run("schedule", "agenda", "--json")
    got = {i["id"]: i["conflicts"] for i in json.loads(out)}
    assert got[pair[0].key] == [
        {
            "id": pair[1].key,
            "programme": "main",
            "kind": "travel",
            "walk_minutes": 6,
            "walk_estimate": True,
        }
    ]
    code, out, _ = run("schedule", "agenda")
    assert "6 min walk from building K to U (tripkit's estimate)" in out
    code, out, _ = run("schedule", "agenda", "--no-venue-walks", "--json")
    assert all(i["conflicts"] == [] for i in json.loads(out))


@pytest.mark.parametrize(
    "bad",
    [
        {
            "buildings": [{"id": "a", "name": "A", "rooms": ["A"]}],
            "walks": [{"between": ["a", "zz"], "minutes": 3}],
        },
    ],
)
def test_bad_walk_data_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="unknown buildings"):
        from_data(bad)


def test_when_to_leave_the_hotel(home_store: Store) -> None:
    code, _, err = run("agenda", "leave")
    assert code == 2 and "give --minutes N once" in err
    run("agenda", "add", "Breakfast meeting", "--start", "2027-01-12 08:30", "--end", "+1h")
    run("agenda", "add", "Booth duty", "--start", "2027-01-12 07:45", "--end", "+2h")
    run("agenda", "add", "Keynote", "--start", "2027-01-13 09:00", "--end", "+1h")
    # After check-out: no stay to leave from (said, not guessed).
    run("agenda", "add", "Last call", "--start", "2027-01-16 10:00", "--end", "+1h")
    code, out, err = run("agenda", "leave", "--minutes", "25", "--json")
    assert code == 0, err
    got = [
        (x["day"], x["leave"], x["first"]["title"], x["from"] and x["from"]["name"])
        for x in json.loads(out)
    ]
    hotel = "Example hotel near Yerba Buena Gardens"
    assert got == [
        ("2027-01-12", "2027-01-12T07:20:00-08:00", "Booth duty", hotel),
        ("2027-01-13", "2027-01-13T08:35:00-08:00", "Keynote", hotel),
        ("2027-01-16", "2027-01-16T09:35:00-08:00", "Last call", None),
    ]
    code, out, _ = run("agenda", "leave")  # the time is remembered
    assert (
        "leave Example hotel near Yerba Buena Gardens ((example) 3rd St, San Francisco, "
        "CA 94103) by 07:20 PST (25 min) for “Booth duty” at 07:45 PST" in out
    )
    assert "leave where you stay by 09:35 PST" in out


def test_leave_time_across_the_dst_change() -> None:
    from tripkit.core.personal import PersonalItem, leave_times

    # 2027-03-14 03:30 PDT, 90 minutes before: 01:00 PST (the clock skipped 02:00-03:00).
    start = datetime(2027, 3, 14, 3, 30, tzinfo=LA)
    item = PersonalItem("x", "Early", start, start + timedelta(hours=1))
    (found,) = leave_times([item], [], 90, "America/Los_Angeles")
    assert found.leave.isoformat() == "2027-03-14T01:00:00-08:00"
