"""`tripkit doctor` finds rows an older release stored but cannot read back, exports them
(nothing is lost) and repairs them, so that the trip, its picks and its schedule work again."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from legacy_store_v2 import Store as OldStore

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store

# 0001-01-01 00:00 in Tokyo (local mean time +09:18:59) is in year 0 in UTC: unreadable.
UNREADABLE = "0001-01-01T00:00:00+09:18:59[Asia/Tokyo]"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _bad_store(demo_trip: Trip) -> Path:
    folder = paths.data_dir()
    old = OldStore.open(folder)
    old.put_trip(demo_trip)
    old.set_current_trip(demo_trip.id)
    old.set_stars(demo_trip.id, ["k1"], True)
    doc = json.loads(demo_trip.model_dump_json())
    doc["stays"].append(
        {
            "name": "Old inn",
            "address": "",
            "check_in": UNREADABLE,
            "check_out": "2027-01-15T11:00:00-08:00[America/Los_Angeles]",
        }
    )
    old._conn.execute("UPDATE trips SET data = ?", (json.dumps(doc),))
    old._conn.execute(
        "INSERT INTO item_states(trip_id, item_id, data) VALUES(?, 'esta', ?)",
        (demo_trip.id, json.dumps({"status": "snoozed", "snoozed_until": UNREADABLE})),
    )
    old._conn.execute(
        "INSERT INTO schedules(trip_id, data, imported) VALUES(?, ?, 'x')",
        (
            demo_trip.id,
            json.dumps(
                {
                    "source": "s",
                    "format": "csv",
                    "sessions": [
                        {"key": "k1", "title": "T", "start": UNREADABLE, "end": UNREADABLE}
                    ],
                }
            ),
        ),
    )
    old.close()
    return folder


def test_doctor_exports_and_repairs(demo_trip: Trip, tmp_path: Path) -> None:
    folder = _bad_store(demo_trip)
    code, _, err = run("trip", "list")
    assert code == 1 and "tripkit doctor" in err  # the way out is named
    code, out, _ = run("doctor")
    assert code == 1
    assert "3 stored rows cannot be read" in out
    assert "stays.1.check_in" in out and "snoozed_until" in out and "schedule" in out
    code, out, err = run("doctor", "--repair")
    assert code == 0, out + err
    assert "The store is healthy now." in out
    rescued = [p for p in folder.iterdir() if p.name.startswith("rescued-")]
    assert len(rescued) == 1
    files = sorted(rescued[0].iterdir())
    assert len(files) == 3
    saved = [json.loads(p.read_text()) for p in files]
    assert {s["what"] for s in saved} == {"trip", "item_state", "schedule"}
    assert all(UNREADABLE in s["data"] for s in saved)  # the original rows, whole
    # The trip works again, with its picks; only the unreadable stay went.
    code, out, err = run("trip", "list")
    assert code == 0, err
    with Store.open(folder) as store:
        trip = store.get_trip(demo_trip.id)
        assert [s.name for s in trip.stays] == [s.name for s in demo_trip.stays]
        assert store.picks(demo_trip.id)["k1"].starred
        assert store.item_states(demo_trip.id) == {}
    code, out, _ = run("doctor")
    assert code == 0 and "healthy" in out


def test_doctor_export_only_changes_nothing(demo_trip: Trip, tmp_path: Path) -> None:
    folder = _bad_store(demo_trip)
    code, out, _ = run("doctor", "--export", str(tmp_path / "out"))
    assert code == 1
    assert len(list((tmp_path / "out").iterdir())) == 3
    with Store.open(folder) as store:
        assert store.db.conn.execute("SELECT count(*) FROM unreadable").fetchone()[0] == 1
        assert UNREADABLE in store.db.conn.execute("SELECT data FROM trips").fetchone()[0]
