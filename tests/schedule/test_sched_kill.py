"""kill -9 in the middle of importing a 50,000-session programme leaves the previous
schedule, the stars and the notes exactly as they were (a real process, SIGKILL)."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tripkit.core.models import Trip
from tripkit.services import schedule as svc
from tripkit.store import DB_NAME, Store

REPO = Path(__file__).resolve().parents[2]


def _scale() -> object:
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "bench" / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_during_a_50k_import_keeps_the_previous_schedule(
    corpus: Path, tmp_path: Path, demo_trip: Trip
) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
        svc.import_schedule(store, demo_trip, str(corpus / "frab-json/pretalx-democon.json"))
        before = store.get_schedule(demo_trip.id)
        assert before is not None
        first = before.schedule.sessions[0].key
        svc.set_starred(store, demo_trip, [first], True)
        svc.set_note(store, demo_trip, first, "front row")
        picks = store.picks(demo_trip.id)
    big = tmp_path / "big.xml"
    count = _scale().write_programme(big)  # type: ignore[attr-defined]
    assert count > 50_000
    proc = subprocess.Popen(
        [sys.executable, "-m", "tripkit", "schedule", "import", str(big), "--max-size", "1GB"],
        env={**os.environ, "TRIPKIT_HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wal = home / f"{DB_NAME}-wal"
    deadline = time.monotonic() + 240
    try:
        # Wait until the import is writing (its transaction has put megabytes in the WAL).
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 8_000_000:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the import ended before it could be killed"
        assert wal.exists() and wal.stat().st_size > 8_000_000, "the import never wrote"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(home) as store:
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        after = store.get_schedule(demo_trip.id)
        assert after is not None
        assert after.schedule.source == before.schedule.source
        assert [s.model_dump() for s in after.schedule.sessions] == [
            s.model_dump() for s in before.schedule.sessions
        ]
        assert store.picks(demo_trip.id) == picks
        assert store.programmes.names(demo_trip.id) == ["main"]
        # Search still works on the previous programme.
        assert svc.find(store, demo_trip, before.schedule.sessions[0].title)
