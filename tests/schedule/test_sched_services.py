"""Schedule services and CLI: registration checklist items, list/search/show/star/agenda."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sched_helpers import at, mk

from tripkit.cli import main
from tripkit.core.models import ItemState, Schedule, Trip
from tripkit.core.textsafe import for_terminal
from tripkit.errors import NotFoundError
from tripkit.services import registrations
from tripkit.services import schedule as svc
from tripkit.store import Store

TOKYO = "Asia/Tokyo"


# --- registration items ------------------------------------------------------------------


@pytest.fixture
def workshop_schedule(store: Store, stored_trip: Trip) -> Schedule:
    # The example trip (today 2026-11-27): conference from Tue 2027-01-12 at Moscone;
    # NH8 leaves Narita on 2027-01-11 at 17:05 Tokyo time.
    assert stored_trip.conference.first_day.isoformat() == "2027-01-12"
    schedule = Schedule(
        source="test",
        format="csv",
        sessions=[
            mk(
                "w1",
                "2027-01-12 10:00",
                "2027-01-12 12:00",
                title="Kubernetes lab",
                room="Room 2001",
                needs_registration=True,
            ),
            mk(
                "w2",
                "2027-01-20 10:00",
                "2027-01-20 12:00",
                title="Late lab",
                needs_registration=True,
            ),
            mk("w3", "2027-01-12 13:00", "2027-01-12 15:00", needs_registration=True),
            mk(
                "w4",
                "2027-01-13 13:00",
                "2027-01-13 15:00",
                needs_registration=True,
                cancelled=True,
            ),
            mk("t1", "2027-01-12 16:00", "2027-01-12 17:00"),
        ],
    )
    store.put_schedule(stored_trip.id, schedule)
    store.set_stars(stored_trip.id, ["w1", "w2", "w4", "t1"], True)  # not w3
    return schedule


def test_registration_items(store: Store, stored_trip: Trip, workshop_schedule: Schedule) -> None:
    items = registrations.registration_items(
        store, stored_trip, "en", now=at("2026-11-27 09:00", TOKYO)
    )
    assert [i.id for i in items] == ["register:w1", "register:w2"]
    w1, w2 = items
    assert w1.phase == "prepare"
    assert w1.title == "Register for the session “Kubernetes lab”"
    assert "Kubernetes lab" in w1.reason
    assert w1.details == (
        "It starts Tue 12 Jan 2027 10:00 PST in Room 2001. Seats are limited: "
        "register before you travel."
    )
    # Seven days before 10:00 PST on 12 Jan is 03:00 on 6 Jan in Tokyo, before departure.
    assert w1.due == at("2027-01-06 03:00", TOKYO)
    assert str(w1.due.tzinfo) == TOKYO
    # A session more than a week after departure: due at departure (NH8, 17:05 Tokyo).
    assert w2.due == at("2027-01-11 17:05", TOKYO)
    assert (w1.status, w2.status) == ("todo", "todo")


def test_registration_items_state_overdue_and_japanese(
    store: Store, stored_trip: Trip, workshop_schedule: Schedule
) -> None:
    store.set_item_state(stored_trip.id, "register:w1", ItemState(status="done"))
    now = at("2027-01-11 17:05", TOKYO) + timedelta(minutes=1)
    items = registrations.registration_items(store, stored_trip, "ja", now=now)
    assert [(i.id, i.status) for i in items] == [
        ("register:w1", "done"),
        ("register:w2", "overdue"),
    ]
    assert items[0].title == "セッション「Kubernetes lab」に参加登録する"


def test_no_schedule_means_no_items(store: Store, stored_trip: Trip) -> None:
    assert registrations.registration_items(store, stored_trip, "en") == []


def test_star_unknown_session_is_refused(
    store: Store, stored_trip: Trip, workshop_schedule: Schedule
) -> None:
    with pytest.raises(NotFoundError, match="no session with id 'nope'"):
        svc.set_starred(store, stored_trip, ["w3", "nope"], True)
    assert "w3" not in store.picks(stored_trip.id)  # nothing starred half-way


def test_plain_makes_control_characters_visible() -> None:
    assert for_terminal("Talk\x1b[31m red\u202e") == "Talk\\x1b[31m red\\u202e"
    assert for_terminal("line\nbreak") == "line break"
    assert for_terminal("コンテナ入門") == "コンテナ入門"


# --- CLI over a real corpus file ---------------------------------------------------------

GRAY_FIRST = "8079583e-8321-506c-95af-fd2903a5f075"  # Gray Room 08:00-08:30 UTC
GRAY_SECOND = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"  # Gray Room 08:30-09:00 UTC
TAN_FIRST = "3a74bb53-ef1a-57ce-9ba7-904d27e9eb5f"  # Tan Room 08:00-09:30 UTC


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def imported_cli(corpus: Path, home_store: Store) -> Store:
    code, _, err = run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))
    assert code == 0, err
    return home_store


def test_list_json_shape(imported_cli: Store) -> None:
    code, out, _ = run("schedule", "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 36
    first = items[0]
    assert {
        k: first[k] for k in ("id", "title", "start", "end", "room", "track", "speakers", "starred")
    } == {
        "id": GRAY_FIRST,
        "title": "Focused 5thgeneration hardware",
        "start": "2020-12-14T00:00:00-08:00",  # 09:00+01:00 in the file, shown in SF
        "end": "2020-12-14T00:30:00-08:00",
        "room": "Gray Room",
        "track": "Phased",
        "speakers": ["Brian Robinson"],
        "starred": False,
    }


def test_list_text_has_zone_labels(imported_cli: Store) -> None:
    code, out, _ = run("schedule", "list", "--day", "2020-12-14", "--room", "tan room")
    assert code == 0
    assert out.splitlines() == [
        "Mon 14 Dec 2020",
        "    00:00–01:30 PST  Managed stable function  [Tan Room]  "
        "(3a74bb53-ef1a-57ce-9ba7-904d27e9eb5f)",
        "    02:30–04:00 PST  Secured grid-enabled policy  [Tan Room]  "
        "(ba72da9d-a522-54f6-9301-4bf4f3446425)",
        "    05:00–06:30 PST  Monitored 24hour customer loyalty  [Tan Room]  "
        "(517218e5-c6e9-5628-b059-4b98e8b17745)",
    ]


def test_bulk_star_and_unstar(imported_cli: Store) -> None:
    code, out, _ = run("schedule", "star", "--track", "phased")
    assert (code, out.strip()) == (0, "Starred 15 sessions.")
    code, out, _ = run("schedule", "unstar", "--all")
    assert (code, out.strip()) == (0, "Unstarred 36 sessions.")
    code, out, _ = run("schedule", "star", "--day", "2020-12-14")
    assert (code, out.strip()) == (0, "Starred 12 sessions.")
    code, out, _ = run("schedule", "list", "--starred", "--json")
    assert len(json.loads(out)) == 12
    code, _, err = run("schedule", "star")
    assert code == 2 and "give session ids" in err


def test_search_json_and_text(imported_cli: Store) -> None:
    code, out, _ = run("schedule", "search", "HELP-DESK", "--json")
    assert code == 0
    assert [i["title"] for i in json.loads(out)] == [
        "Focused contextually-based help-desk",
        "Networked modular help-desk",
    ]
    code, out, _ = run("schedule", "search", "curtis", "andrews", "--day", "2020-12-15")
    assert code == 0
    assert out.splitlines()[0] == "2 sessions match."


def test_agenda_finds_all_conflicting_pairs(imported_cli: Store) -> None:
    code, _, _ = run("schedule", "star", GRAY_FIRST, GRAY_SECOND, TAN_FIRST)
    assert code == 0
    code, out, _ = run("schedule", "agenda", "--json")
    assert code == 0
    by_id = {i["id"]: i["conflicts"] for i in json.loads(out)}
    # The long Tan Room session overlaps both Gray Room talks; those two are back to back
    # in the same room, which is fine.
    m = {"programme": "main", "kind": "overlap"}
    assert by_id == {
        GRAY_FIRST: [{"id": TAN_FIRST, **m}],
        TAN_FIRST: [{"id": GRAY_FIRST, **m}, {"id": GRAY_SECOND, **m}],
        GRAY_SECOND: [{"id": TAN_FIRST, **m}],
    }
    code, out, _ = run("schedule", "agenda")
    assert (
        "conflict: “Focused 5thgeneration hardware” and “Managed stable function” overlap by 30 min"
    ) in out
    code, out, _ = run("--lang", "ja", "schedule", "agenda")
    assert (
        "重複: 「Managed stable function」と「Quality-focused 6thgeneration website」が 30 分"
        "重なっています" in out
    )
    assert "2020年12月14日(月)" in out


def test_show_and_note(imported_cli: Store) -> None:
    assert run("schedule", "note", GRAY_FIRST, "bring", "laptop")[0] == 0
    code, out, _ = run("schedule", "show", GRAY_FIRST)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Focused 5thgeneration hardware"
    # Venue time with its label, and the traveller's home time beside it.
    assert lines[1] == "Mon 14 Dec 2020 00:00–00:30 PST  (Mon 14 Dec 2020 17:00 JST)"
    assert "Speakers: Brian Robinson" in lines
    assert lines[-1] == "Note: bring laptop"
    code, out, _ = run("schedule", "show", GRAY_FIRST, "--json")
    assert json.loads(out)["note"] == "bring laptop"


def test_errors_are_one_line(imported_cli: Store, tmp_path: Path) -> None:
    code, _, err = run("schedule", "show", "nope")
    assert code == 1 and err == "tripkit: no session with id 'nope' (see `tripkit schedule list`)\n"
    code, _, err = run("schedule", "import", str(tmp_path / "missing.xml"))
    assert code == 1 and err.strip().endswith("missing.xml: no such file")
    code, _, err = run("schedule", "list", "--day", "14/12/2020")
    assert code == 2 and "is not a date like 2026-01-13" in err


def test_commands_before_any_import(home_store: Store) -> None:
    code, _, err = run("schedule", "list")
    assert code == 1
    assert "no schedule imported yet" in err


def test_registration_items_reach_the_checklist(
    store: Store, stored_trip: Trip, workshop_schedule: Schedule
) -> None:
    from tripkit.services.checklist import checklist_items

    items = {
        i.id: i
        for i in checklist_items(store, stored_trip, "en", now=at("2026-11-27 09:00", TOKYO))
    }
    assert items["register:w1"].phase == "prepare"
    assert items["register:w1"].due == at("2027-01-06 03:00", TOKYO)
    assert "register:w3" not in items
