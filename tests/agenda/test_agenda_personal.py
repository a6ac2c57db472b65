"""Personal agenda items: CLI add/edit/remove/list, the trip file's `agenda:`, and their part
in `schedule agenda` and its conflict check (with a real corpus programme)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from agenda_helpers import run

from tripkit.core.models import AgendaEntry, Trip
from tripkit.services.agenda import AgendaError, parse_end, parse_start
from tripkit.store import Store

T = "dockercon-sf-example"
FIRST = "8079583e-8321-506c-95af-fd2903a5f075"  # 2020-12-14 08:00-08:30 UTC, Gray Room
SECOND = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"  # 08:30-09:00 UTC, Gray Room


@pytest.fixture
def democon(corpus: Path, home_store: Store) -> Store:
    code, _, err = run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))
    assert code == 0, err
    return home_store


def test_a_personal_item_conflicting_with_a_starred_session(democon: Store) -> None:
    run("schedule", "star", FIRST, SECOND)
    # The venue is in Los Angeles (00:00 PST = 08:00 UTC); given in UTC on purpose.
    code, out, err = run(
        "agenda",
        "add",
        "Call with the team",
        "--start",
        "2020-12-14 08:20[UTC]",
        "--end",
        "+15m",
        "--place",
        "Lobby",
        "--kind",
        "meeting",
    )
    assert code == 0, err
    assert out.startswith("Added: ")
    code, out, _ = run("schedule", "agenda", "--json")
    items = json.loads(out)
    assert [(i["entry"], i["id"]) for i in items] == [
        ("session", FIRST),
        ("personal", "call-with-the-team"),
        ("session", SECOND),
    ]
    me = items[1]
    assert me["start"] == "2020-12-14T00:20:00-08:00" and me["end"] == "2020-12-14T00:35:00-08:00"
    assert me["given_tz"] == "UTC" and me["place"] == "Lobby" and me["kind"] == "meeting"
    assert me["conflicts"] == [
        {"id": FIRST, "programme": "main", "kind": "overlap"},
        {"id": SECOND, "programme": "main", "kind": "overlap"},
    ]
    assert items[0]["conflicts"] == [{"personal": "call-with-the-team", "kind": "overlap"}]
    code, out, _ = run("schedule", "agenda")
    assert "“Focused 5thgeneration hardware” and “Call with the team” overlap by 10 min" in out
    assert "(mine) Call with the team  [Lobby]  (me:call-with-the-team)" in out
    # Moved after the sessions, and back to back in another place: a travel conflict.
    code, _, err = run("agenda", "edit", "call-with-the-team", "--start", "2020-12-14 01:00")
    assert code == 0, err
    code, out, _ = run("schedule", "agenda", "--json")
    me = [i for i in json.loads(out) if i["entry"] == "personal"][0]
    assert me["start"] == "2020-12-14T01:00:00-08:00" and me["end"] == "2020-12-14T01:15:00-08:00"
    assert me["conflicts"] == [{"id": SECOND, "programme": "main", "kind": "travel"}]
    code, out, _ = run("agenda", "remove", "call-with-the-team")
    assert code == 0 and out.startswith("Removed: ")
    code, out, _ = run("schedule", "agenda", "--json")
    assert all(i["conflicts"] == [] for i in json.loads(out)[:1])
    assert [i["entry"] for i in json.loads(out)] == ["session", "session"]


def test_ids_are_stable_and_unique(democon: Store) -> None:
    for _ in range(2):
        code, _, err = run(
            "agenda",
            "add",
            "Lunch",
            "--start",
            "2027-01-12 12:00",
            "--end",
            "13:00",
            "--kind",
            "meal",
        )
        assert code == 0, err
    code, out, _ = run("agenda", "list", "--json")
    assert [i["id"] for i in json.loads(out)] == ["lunch", "lunch-2"]
    run("agenda", "edit", "lunch", "--title", "Team lunch", "--place", "Tadich Grill")
    code, out, _ = run("agenda", "list", "--json")
    got = json.loads(out)
    assert [(i["id"], i["title"], i["place"]) for i in got] == [
        ("lunch", "Team lunch", "Tadich Grill"),
        ("lunch-2", "Lunch", ""),
    ]
    assert got[0]["start"] == "2027-01-12T12:00:00-08:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2027-01-12 25:00", "--end", "+1h"], "start '2027-01-12 25:00'"),
        (["--start", "2027-01-12 10:00", "--end", "09:00"], "it ends before it starts"),
        (["--start", "2027-01-12 10:00[Mars/Olympus]", "--end", "+1h"], "Mars/Olympus"),
        (["--start", "2027-01-12 10:00", "--end", "+1d"], "end '+1d'"),
        # 02:30 on 2027-03-14 does not exist in Los Angeles (clocks go 02:00 -> 03:00).
        (["--start", "2027-03-14 02:30", "--end", "+1h"], "start '2027-03-14 02:30'"),
    ],
)
def test_bad_input_is_one_clear_message_and_stores_nothing(
    democon: Store, args: list[str], message: str
) -> None:
    code, out, err = run("agenda", "add", "Meeting", *args)
    assert code == 1, out
    assert message in err and "Traceback" not in err
    assert democon.personal.list(T) == []


@pytest.mark.parametrize(
    ("args", "english", "japanese"),
    [
        # Tracebacks (OverflowError) before: a length past year 9999.
        (
            ["--start", "2027-01-12 10:00", "--end", "+99999999h"],
            "tripkit: end '+99999999h': past the end of the calendar",
            "tripkit: 終了時刻「+99999999h」: 扱える日付の範囲を超えています",
        ),
        (
            ["--start", "9999-12-31 10:00", "--end", "+20h"],
            "tripkit: end '+20h': past the end of the calendar",
            "tripkit: 終了時刻「+20h」: 扱える日付の範囲を超えています",
        ),
        # English in Japanese output before.
        (
            ["--start", "2027-03-14 02:30", "--end", "+1h"],
            "tripkit: start '2027-03-14 02:30': 2027-03-14 02:30 does not exist in "
            "America/Los_Angeles (clocks skip it)",
            "tripkit: 開始時刻「2027-03-14 02:30」: 2027-03-14 02:30 は America/Los_Angeles に"
            "存在しない時刻です (夏時間で飛ばされます)",
        ),
        (
            ["--start", "2027-01-12 10:00", "--end", "09:00"],
            "tripkit: it ends before it starts",
            "tripkit: 終了が開始より前です",
        ),
        (
            ["--start", "2027-01-12 10:00", "--end", "+1d"],
            "tripkit: end '+1d': use a time like 2027-01-12 10:30, 10:30, +90m or +2h",
            "tripkit: 終了時刻「+1d」: 2027-01-12 10:30、10:30、+90m、+2h "
            "のように時刻を指定してください",
        ),
    ],
)
def test_bad_times_are_said_in_the_users_language(
    democon: Store, args: list[str], english: str, japanese: str
) -> None:
    code, _, err = run("agenda", "add", "Meeting", *args)
    assert code == 1 and err.strip() == english
    code, _, err = run("--lang", "ja", "agenda", "add", "Meeting", *args)
    assert code == 1 and err.strip() == japanese
    code, _, err = run(
        "--lang", "ja", "agenda", "add", " ", "--start", "2027-01-12 10:00", "--end", "+1h"
    )
    assert code == 1 and err.strip() == "tripkit: タイトルが空です"
    assert democon.personal.list(T) == []


def test_duration_across_dst_is_elapsed_time() -> None:
    # 2027-03-14 01:30 PST + 2 h of real time = 04:30 PDT (the clock skips 02:00-03:00).
    start = parse_start("2027-03-14 01:30", "America/Los_Angeles")
    end = parse_end("+2h", start)
    assert end.isoformat() == "2027-03-14T04:30:00-07:00"
    assert (end - start).total_seconds() == 3 * 3600  # wall clock; the instants are 2 h apart
    assert end.timestamp() - start.timestamp() == 2 * 3600
    with pytest.raises(AgendaError):
        parse_end("soon", start)


def test_trip_file_items_are_on_the_agenda(democon: Store, demo_trip: Trip) -> None:
    la = ZoneInfo("America/Los_Angeles")
    trip = demo_trip.model_copy(
        update={
            "agenda": [
                AgendaEntry(
                    id="booth",
                    title="Booth duty",
                    start=datetime(2020, 12, 14, 0, 0, tzinfo=la),
                    end=datetime(2020, 12, 14, 2, 0, tzinfo=la),
                    place="Expo hall",
                    kind="booth",
                )
            ]
        }
    )
    democon.put_trip(trip)
    run("schedule", "star", FIRST)
    code, out, _ = run("schedule", "agenda", "--json")
    items = json.loads(out)
    # Same start: the shorter first.
    assert [(i["entry"], i["id"]) for i in items] == [("session", FIRST), ("personal", "booth")]
    assert items[1]["conflicts"] == [{"id": FIRST, "programme": "main", "kind": "overlap"}]
    code, _, err = run("agenda", "remove", "booth")
    assert code == 1 and "comes from the trip file" in err


def test_trip_file_agenda_validation() -> None:
    la = ZoneInfo("America/Los_Angeles")
    with pytest.raises(ValueError, match="must end after it starts"):
        AgendaEntry(
            id="x",
            title="X",
            start=datetime(2027, 1, 1, 10, tzinfo=la),
            end=datetime(2027, 1, 1, 9, tzinfo=la),
        )


def test_the_documented_trip_file_example_parses(demo_trip: Trip) -> None:
    from testpaths import REPO

    from tripkit.services.trips import parse_trip_yaml, trip_to_yaml

    doc = (REPO / "docs/trip-format.md").read_text()
    example = "agenda:" + doc.split("```yaml\nagenda:")[1].split("```")[0]
    trip = parse_trip_yaml(trip_to_yaml(demo_trip) + example, "trip-format.md")
    assert [(a.id, a.kind, a.start.isoformat()) for a in trip.agenda] == [
        ("booth-monday", "booth", "2027-05-14T10:00:00-07:00")
    ]
    assert [(d.id, d.due.isoformat()) for d in trip.deadlines] == [
        ("hotel-block", "2027-04-20T23:59:00-07:00")
    ]
    # Written back out, the lists survive (and a trip without them writes neither).
    assert "booth-monday" in trip_to_yaml(trip)
    assert "agenda" not in trip_to_yaml(demo_trip)


def test_hostile_titles_are_shown_literally(democon: Store) -> None:
    code, _, err = run(
        "agenda",
        "add",
        "Dinner \x1b[31mred\u202e",
        "--start",
        "2027-01-12 19:00",
        "--end",
        "+2h",
        "--place",
        "<b>Tadich</b>",
    )
    assert code == 0, err
    code, out, _ = run("agenda", "list")
    assert "Dinner \\x1b[31mred\\u202e" in out and "[<b>Tadich</b>]" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_trip_file_agenda_ids_must_be_unique(demo_trip: Trip) -> None:
    la = ZoneInfo("America/Los_Angeles")
    entry = AgendaEntry(
        id="x",
        title="X",
        start=datetime(2027, 1, 1, 9, tzinfo=la),
        end=datetime(2027, 1, 1, 10, tzinfo=la),
    )
    with pytest.raises(ValueError, match="agenda item id 'x' is used twice"):
        Trip.model_validate({**demo_trip.model_dump(), "agenda": [entry, entry]})


def test_an_item_far_from_the_trip_is_saved_with_a_warning(democon: Store) -> None:
    # Before: "1027" typed for "2027" was saved without a word (shown as "10:00 LMT").
    code, out, err = run(
        "agenda", "add", "Badge pickup", "--start", "1027-01-12 10:00", "--end", "+1h"
    )
    assert code == 0 and out.startswith("Added: Fri 12 Jan 1027 10:00 LMT")
    assert err.startswith("warning: it is on Fri 12 Jan 1027, not during this trip (")
    assert err.rstrip().endswith("give or take a week): check the date.")
    assert [i.title for i in democon.personal.list(T)] == ["Badge pickup"]
    code, _, err = run(
        "--lang", "ja", "agenda", "edit", "badge-pickup", "--start", "2027-01-12 10:00"
    )
    assert code == 0 and err == ""  # within the trip: nothing to say
