"""Re-import: a changed copy of a real schedule gives the exact change report, and the user's
stars and notes survive (also when a session's ids all change). A failed refresh changes
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sched_helpers import mk

from tripkit.cli import main
from tripkit.core.models import Schedule, Trip
from tripkit.core.reimport import ChangeReport, diff_schedules
from tripkit.errors import ImportError_
from tripkit.services import schedule as svc
from tripkit.store import Store

# Sessions of ../shared/corpus/schedules/frab-json/pretalx-democon.json (day 1, 2020-12-14).
MOVED = "8079583e-8321-506c-95af-fd2903a5f075"  # Focused 5thgeneration hardware, 09:00+01:00
RETITLED = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"  # Quality-focused 6thgeneration website
DELETED = "a179c8ac-e6eb-5b25-8ed0-c5828ef7b6d9"  # Secured mobile concept
REKEYED = "fe76305f-d58f-5880-8918-dedadf9acfe5"  # Focused contextually-based help-desk
TAN_DAY1 = [  # the three Tan Room sessions of day 1, in time order
    "3a74bb53-ef1a-57ce-9ba7-904d27e9eb5f",  # Managed stable function 09:00+01:00
    "ba72da9d-a522-54f6-9301-4bf4f3446425",  # Secured grid-enabled policy 11:30+01:00
    "517218e5-c6e9-5628-b059-4b98e8b17745",  # Monitored 24hour customer loyalty 14:00+01:00
]
NEW_KEY = "11111111-2222-3333-4444-555555555555"
REKEYED_NEW = "99999999-8888-7777-6666-555555555555"


def changed_copy(original: bytes) -> bytes:
    """The democon schedule with one of each kind of change, made as a source would."""
    doc = json.loads(original)
    day1 = doc["schedule"]["conference"]["days"][0]["rooms"]
    gray = day1["Gray Room"]
    by_guid = {e["guid"]: e for e in gray}
    # Move: 09:00 -> 16:00 the same day.
    by_guid[MOVED]["date"] = "2020-12-14T16:00:00+01:00"
    by_guid[MOVED]["start"] = "16:00"
    # Retitle.
    by_guid[RETITLED]["title"] = "Quality-focused 7thgeneration website"
    # Change every id of one session (guid, numeric id, slug, url), nothing else.
    ev = by_guid[REKEYED]
    ev["guid"], ev["id"] = REKEYED_NEW, 9999
    ev["slug"] = "democon-9999-focused-contextually-based-help-desk"
    ev["url"] = "http://localhost/democon/talk/ZZZZZZ/"
    # Delete one.
    gray.remove(by_guid[DELETED])
    # Rename the Tan Room (on day 1, as when a room is renamed mid-conference).
    tan = day1.pop("Tan Room")
    for e in tan:
        e["room"] = "Tan Hall"
    day1["Tan Hall"] = tan
    # Add one.
    added = json.loads(json.dumps(gray[0]))
    added.update(
        guid=NEW_KEY,
        id=10000,
        title="Late-breaking keynote",
        date="2020-12-14T18:00:00+01:00",
        start="18:00",
        slug="democon-10000-late",
    )
    gray.append(added)
    return json.dumps(doc).encode()


@pytest.fixture
def democon_file(corpus: Path, tmp_path: Path) -> Path:
    path = tmp_path / "schedule.json"
    path.write_bytes((corpus / "frab-json/pretalx-democon.json").read_bytes())
    return path


def test_changed_copy_gives_exact_report_and_keeps_picks(
    democon_file: Path, store: Store, stored_trip: Trip
) -> None:
    first = svc.import_schedule(store, stored_trip, str(democon_file))
    assert first.changes is None
    svc.set_starred(store, stored_trip, [MOVED, REKEYED, DELETED], True)
    svc.set_note(store, stored_trip, REKEYED, "ask about the help-desk rota")
    svc.set_note(store, stored_trip, RETITLED, "maybe")

    democon_file.write_bytes(changed_copy(democon_file.read_bytes()))
    result = svc.refresh_schedule(store, stored_trip)
    report = result.changes
    assert report is not None
    got = [(c.kind, c.key, c.starred, c.before, c.after) for c in report.changes]
    assert got == [
        # starred first: removed, then moved
        ("removed", DELETED, True, "", ""),
        (
            "moved",
            MOVED,
            True,
            "2020-12-14T08:00:00+00:00[UTC]/2020-12-14T08:30:00+00:00[UTC]",
            "2020-12-14T15:00:00+00:00[UTC]/2020-12-14T15:30:00+00:00[UTC]",
        ),
        # then the others: room, title, new
        ("room", TAN_DAY1[0], False, "Tan Room", "Tan Hall"),
        ("room", TAN_DAY1[1], False, "Tan Room", "Tan Hall"),
        ("room", TAN_DAY1[2], False, "Tan Room", "Tan Hall"),
        (
            "title",
            RETITLED,
            False,
            "Quality-focused 6thgeneration website",
            "Quality-focused 7thgeneration website",
        ),
        ("new", NEW_KEY, False, "", ""),
    ]
    assert report.key_renames == {REKEYED: REKEYED_NEW}
    assert report.matched == 35  # 36 - 1 deleted (the re-keyed one matched by fallback)
    assert report.counts() == {
        "cancelled": 0,
        "removed": 1,
        "moved": 1,
        "room": 3,
        "title": 1,
        "new": 1,
    }

    picks = store.picks(stored_trip.id)
    assert picks[REKEYED_NEW].starred and picks[REKEYED_NEW].note == "ask about the help-desk rota"
    assert REKEYED not in picks
    assert picks[MOVED].starred
    assert picks[RETITLED].note == "maybe"
    assert picks[DELETED].starred  # kept: it comes back if the session does
    # The report is stored for "changes since last refresh".
    stored_report = svc.last_changes(store, stored_trip)
    assert stored_report is not None
    assert [(c.kind, c.key) for c in stored_report.changes] == [(k, key) for k, key, *_ in got]


def test_refreshing_the_same_copy_reports_nothing(
    democon_file: Path, store: Store, stored_trip: Trip
) -> None:
    svc.import_schedule(store, stored_trip, str(democon_file))
    result = svc.refresh_schedule(store, stored_trip)
    assert result.changes is not None and not result.changes
    assert result.changes.matched == 36


def test_failed_refresh_leaves_schedule_and_picks(
    democon_file: Path, store: Store, stored_trip: Trip
) -> None:
    svc.import_schedule(store, stored_trip, str(democon_file))
    svc.set_starred(store, stored_trip, [MOVED], True)
    svc.set_note(store, stored_trip, MOVED, "front row")
    before = store.get_schedule(stored_trip.id)
    picks = store.picks(stored_trip.id)
    text = democon_file.read_text()
    democon_file.write_text(text[: len(text) // 2])  # truncated download
    with pytest.raises(ImportError_, match="not valid JSON"):
        svc.refresh_schedule(store, stored_trip)
    democon_file.unlink()
    with pytest.raises(ImportError_, match="no such file"):
        svc.refresh_schedule(store, stored_trip)
    after = store.get_schedule(stored_trip.id)
    assert after is not None and before is not None
    assert (after.schedule, after.raw, after.imported, after.changes) == (
        before.schedule,
        before.raw,
        before.imported,
        before.changes,
    )
    assert store.picks(stored_trip.id) == picks


def test_offline_refresh_reparses_the_stored_copy(
    democon_file: Path, store: Store, stored_trip: Trip
) -> None:
    svc.import_schedule(store, stored_trip, str(democon_file))
    democon_file.unlink()  # offline: the source is gone, the stored copy is enough
    result = svc.refresh_schedule(store, stored_trip, offline=True)
    assert result.count == 36 and len(store.sessions(stored_trip.id)) == 36
    assert result.changes is not None and not result.changes


def test_cli_refresh_prints_the_report(democon_file: Path, home_store: Store) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["schedule", "import", str(democon_file)]).exit_code == 0
    assert runner.invoke(main, ["schedule", "star", MOVED]).exit_code == 0
    democon_file.write_bytes(changed_copy(democon_file.read_bytes()))
    result = runner.invoke(main, ["schedule", "refresh"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Changes: 1 removed, 1 moved, 3 changed room, 1 retitled, 1 new" in out
    assert "1 of them affects your starred sessions." in out  # not "1 ... affect"
    # Times in the venue's zone (the example trip is in San Francisco), with the zone label.
    assert (
        "★ moved: Focused 5thgeneration hardware: Mon 14 Dec 2020 00:00 PST → "
        "Mon 14 Dec 2020 07:00 PST"
    ) in out
    assert "room changed: Managed stable function: Tan Room → Tan Hall" in out
    assert "1 session changed its id; its star and note followed it." in out
    shown = runner.invoke(main, ["schedule", "changes", "--json"])
    assert json.loads(shown.stdout)["key_renames"] == {REKEYED: REKEYED_NEW}


# --- pure diff cases ---------------------------------------------------------------------


def sched(*sessions: object) -> Schedule:
    return Schedule(source="test", format="csv", sessions=list(sessions))


def test_cancelled_and_fallback_pairs_one_to_one() -> None:
    old = sched(
        mk("a", "2026-01-13 10:00", "2026-01-13 11:00", title="Keynote"),
        mk("b", "2026-01-13 10:00", "2026-01-13 11:00", title="Twin", room="R1"),
        mk("c", "2026-01-13 10:00", "2026-01-13 11:00", title="Twin", room="R1"),
    )
    new = sched(
        mk("a", "2026-01-13 10:00", "2026-01-13 11:00", title="Keynote", cancelled=True),
        mk("x", "2026-01-13 10:00", "2026-01-13 11:00", title="  TWIN ", room="r1"),
    )
    report = diff_schedules(old, new, starred={"a"})
    assert [(c.kind, c.key, c.starred) for c in report.changes] == [
        ("cancelled", "a", True),
        ("removed", "c", False),
        # matched on normalised text, but the literal change is still reported
        ("room", "x", False),
        ("title", "x", False),
    ]
    assert report.key_renames == {"b": "x"}
    # and the JSON form reads back the same
    again = ChangeReport.from_json(report.to_json())
    assert again.changes == report.changes and again.key_renames == report.key_renames


def test_moved_room_and_title_together_are_three_changes() -> None:
    old = sched(mk("a", "2026-01-13 10:00", "2026-01-13 11:00", title="Old", room="R1"))
    new = sched(mk("a", "2026-01-13 10:30", "2026-01-13 11:30", title="New", room="R2"))
    assert [c.kind for c in diff_schedules(old, new).changes] == ["moved", "room", "title"]


def test_refresh_reuses_the_tz_given_at_import(
    corpus: Path, tmp_path: Path, store: Store, stored_trip: Trip
) -> None:
    # Orlando Code Camp (Sessionize) gives floating local times; the first starts 08:00.
    path = tmp_path / "orlando.json"
    path.write_bytes((corpus / "sessionize/orlando-codecamp-2020-All.json").read_bytes())
    first = svc.import_schedule(store, stored_trip, str(path), tz="America/New_York")
    assert first.count > 0
    starts = sorted(s.start for s in store.sessions(stored_trip.id))
    assert starts[0].isoformat() == "2020-03-28T08:00:00-04:00"
    again = svc.refresh_schedule(store, stored_trip)
    assert sorted(s.start for s in store.sessions(stored_trip.id)) == starts
    assert again.changes is not None and not again.changes
    # A new import without --tz does not inherit it: the venue's zone (with a warning).
    other = svc.import_schedule(store, stored_trip, str(path))
    assert (
        min(s.start for s in store.sessions(stored_trip.id)).isoformat()
        == "2020-03-28T08:00:00-07:00"
    )
    assert any("America/Los_Angeles" in w for w in other.schedule.warnings)
