"""A store written by the previous release (schema 2: one JSON schedule per trip) opens in
this one with every star, note, change report, setting and checklist state kept, and its
sessions become rows that search and the agenda read.

The old store is made by the previous release's own code (legacy_store_v2.py, a verbatim copy
of main's tripkit/store.py), not by hand-written SQL, so the test sees what users have.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from legacy_store_v2 import Store as OldStore

from tripkit.core.models import CustomItem, ItemState, Schedule, Session, Trip
from tripkit.core.reimport import ChangeReport, diff_schedules
from tripkit.importers import parse
from tripkit.store import SCHEMA_VERSION, Query, Store


def _sessions_json(schedule: Schedule) -> list[dict[str, object]]:
    # `recorded` came after schema 2 (whose release never stored it): a refresh brings it.
    return sorted(
        (s.model_dump(mode="json", exclude={"recorded"}) for s in schedule.sessions),
        key=lambda d: str(d["key"]),
    )


def test_v2_store_migrates_losing_nothing(tmp_path: Path, corpus: Path, demo_trip: Trip) -> None:
    data = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    first = parse(data, source="/x/democon.json", fmt=None, tz=None, venue_tz=demo_trip.venue_tz)
    keys = [s.key for s in first.sessions]
    folder = tmp_path / "v2"
    old = OldStore.open(folder)
    assert old.schema_version == 2
    old.put_trip(demo_trip)
    old.set_current_trip(demo_trip.id)
    old.put_schedule(demo_trip.id, first, raw=data, etag='"v1"', last_modified="Mon, 1 Dec")
    old.set_stars(demo_trip.id, keys[:5], True)
    old.set_note(demo_trip.id, keys[0], "front row")
    old.set_note(demo_trip.id, keys[7], "maybe")  # a note without a star
    old.set_stars(demo_trip.id, ["withdrawn-talk"], True)  # a star whose session went away
    # A refresh with changes, so that there is a change report and a key rename to keep.
    second = first.model_copy(deep=True)
    second.sessions[1].title = "Renamed talk"
    second.sessions[2].start += timedelta(hours=1)
    second.sessions[2].end += timedelta(hours=1)
    second.sessions[3].key = "new-key-for-3"
    report = diff_schedules(first, second, keys[:5])
    assert report.key_renames == {keys[3]: "new-key-for-3"}
    old.put_schedule(
        demo_trip.id,
        second,
        raw=data,
        etag='"v2"',
        last_modified="Tue, 2 Dec",
        changes=report.to_json(),
        key_renames=report.key_renames,
    )
    old.set_setting(f"schedule.tz.{demo_trip.id}", "Europe/Berlin")
    old.set_setting("lang", "ja")
    old.set_item_state(demo_trip.id, "esta", ItemState(status="done"))
    old.add_custom_item(demo_trip.id, CustomItem(id="adapter", title="Buy a plug adapter"))
    before = old.get_schedule(demo_trip.id)
    before_picks = {k: (p.starred, p.note) for k, p in old.picks(demo_trip.id).items()}
    before_states = old.item_states(demo_trip.id)
    old.close()
    assert before is not None and before_picks[keys[0]] == (True, "front row")

    with Store.open(folder) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        after = store.get_schedule(demo_trip.id)
        assert after is not None
        assert _sessions_json(after.schedule) == _sessions_json(before.schedule)
        for field in ("title", "source", "format", "tz", "warnings"):
            assert getattr(after.schedule, field) == getattr(before.schedule, field)
        assert (after.raw, after.etag, after.last_modified, after.imported) == (
            before.raw,
            before.etag,
            before.last_modified,
            before.imported,
        )
        assert after.changes == before.changes
        migrated_report = ChangeReport.from_json(after.changes)
        assert [c.kind for c in migrated_report.changes] == [c.kind for c in report.changes]
        assert {
            k: (p.starred, p.note) for k, p in store.picks(demo_trip.id).items()
        } == before_picks
        assert store.picks(demo_trip.id)["new-key-for-3"].starred  # renamed, kept
        assert store.picks(demo_trip.id)["withdrawn-talk"].starred
        assert store.get_setting(f"schedule.tz.{demo_trip.id}") == "Europe/Berlin"
        assert store.get_setting("lang") == "ja"
        assert store.current_trip_id() == demo_trip.id
        assert store.item_states(demo_trip.id) == before_states
        assert [i.id for i in store.custom_items(demo_trip.id)] == ["adapter"]
        # The rows are queried: the agenda and the search index work on migrated data.
        starred = store.programmes.starred(demo_trip.id)
        assert {s.key for s in starred} == {keys[0], keys[1], keys[2], "new-key-for-3", keys[4]}
        hit = store.programmes.find(demo_trip.id, Query("renamed talk"))
        assert [s.key for s in hit] == [keys[1]]
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # A second open has nothing to migrate and changes nothing.
    with Store.open(folder) as store:
        assert len(store.sessions(demo_trip.id)) == len(first.sessions)


def test_v2_store_with_an_offset_in_seconds_migrates(tmp_path: Path, demo_trip: Trip) -> None:
    """The previous release stored year-1026 times as -07:52:58 and could not read them
    back; the migration reads them (offsets with seconds are accepted now) and keeps them."""
    la = ZoneInfo("America/Los_Angeles")
    lmt = Session(
        key="old",
        title="Founding",
        start=datetime(1026, 5, 1, 9, tzinfo=la),
        end=datetime(1026, 5, 1, 10, tzinfo=la),
    )
    ok = Session(
        key="ok",
        title="Keynote",
        start=datetime(2026, 12, 10, 9, tzinfo=la),
        end=datetime(2026, 12, 10, 10, tzinfo=la),
    )
    folder = tmp_path / "v2"
    old = OldStore.open(folder)
    old.put_trip(demo_trip)
    old.put_schedule(demo_trip.id, Schedule(source="s", format="csv", sessions=[lmt, ok]))
    old.set_stars(demo_trip.id, ["old"], True)
    assert (
        "-07:52:58[America/Los_Angeles]"
        in old._conn.execute("SELECT data FROM schedules").fetchone()[0]
    )
    old.close()
    with Store.open(folder) as store:
        got = {s.key: s for s in store.sessions(demo_trip.id)}
        assert got["old"].start == lmt.start
        assert got["old"].start.utcoffset() == lmt.start.utcoffset()
        assert store.picks(demo_trip.id)["old"].starred


def test_v2_store_with_an_unreadable_schedule_keeps_it_aside(
    tmp_path: Path, demo_trip: Trip
) -> None:
    """A schedule that no longer validates is not dropped: it is kept whole (for `tripkit
    doctor` to export) and the picks stay; the rest of the store opens."""
    folder = tmp_path / "v2"
    old = OldStore.open(folder)
    old.put_trip(demo_trip)
    old.set_stars(demo_trip.id, ["k1"], True)
    bad = json.dumps(
        {
            "source": "s",
            "format": "csv",
            "sessions": [{"key": "k1", "title": "T", "start": "not a time", "end": "nor this"}],
        }
    )
    old._conn.execute(
        "INSERT INTO schedules(trip_id, data, imported) VALUES(?, ?, 'x')", (demo_trip.id, bad)
    )
    old.close()
    with Store.open(folder) as store:
        assert store.get_schedule(demo_trip.id) is None
        assert store.picks(demo_trip.id)["k1"].starred
        kept = store.db.conn.execute("SELECT trip_id, what, data FROM unreadable").fetchall()
        assert kept == [(demo_trip.id, "schedule", bad)]


def test_v2_schedule_that_cannot_become_rows_is_kept_aside(tmp_path: Path, demo_trip: Trip) -> None:
    """Two sessions with one id validate as a document but not as rows: that schedule is
    kept whole for `tripkit doctor`, and the migration (and the other trips) go on."""
    la = ZoneInfo("America/Los_Angeles")
    twin = Session(
        key="same",
        title="A",
        start=datetime(2027, 1, 12, 9, tzinfo=la),
        end=datetime(2027, 1, 12, 10, tzinfo=la),
    )
    other = demo_trip.model_copy(update={"id": "other"})
    folder = tmp_path / "v2"
    old = OldStore.open(folder)
    for trip in (demo_trip, other):
        old.put_trip(trip)
    old.put_schedule(demo_trip.id, Schedule(source="s", format="csv", sessions=[twin, twin]))
    old.put_schedule(other.id, Schedule(source="o", format="csv", sessions=[twin]))
    old.close()
    with Store.open(folder) as store:
        assert store.get_schedule(demo_trip.id) is None
        kept = store.db.conn.execute("SELECT trip_id, problem FROM unreadable").fetchall()
        assert [k[0] for k in kept] == [demo_trip.id] and "same id" in kept[0][1]
        stored = store.get_schedule(other.id)
        assert stored is not None and [s.key for s in stored.schedule.sessions] == ["same"]
