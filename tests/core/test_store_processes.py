"""Real processes sharing one store: concurrent writers, and a writer killed mid-transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tripkit.core.models import Trip
from tripkit.store import DB_NAME, SCHEMA_VERSION, Store

N = 200  # write transactions per process

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tripkit.core.models import ItemState
    from tripkit.store import Store

    folder, tag, trip_id, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
    n = int(sys.argv[5])
    store = Store.open(folder)
    trip = store.get_trip(trip_id)
    print("ready", flush=True)
    while not go.exists():  # both processes start writing at the same moment
        time.sleep(0.001)
    for i in range(n):
        key = f"{tag}-{i}"
        kind = i % 3
        if kind == 0:
            store.set_stars(trip_id, [key], True)
        elif kind == 1:
            store.set_item_state(trip_id, key, ItemState(status="done", reason=key))
        else:
            store.put_trip(trip.model_copy(update={"id": key, "name": key}))
    store.close()
    print("done", flush=True)
    """
)

KILLED = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tripkit.store import Store

    folder, trip_id, k = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = Store.open(folder)
    for i in range(k):
        store.set_note(trip_id, f"committed-{i}", f"note {i}")
        print(i + 1, flush=True)  # printed only once the transaction has committed
    # A tiny page cache makes SQLite spill the open transaction's pages into the WAL file,
    # so the kill lands on a transaction that has really written to disk.
    store.db.conn.execute("PRAGMA cache_size = 8")
    with store.transaction():
        j = 0
        while True:
            store.set_note(trip_id, f"uncommitted-{j}", "x" * 500)
            j += 1
            if j == 3000:
                print("in-big-transaction", flush=True)
    """
)


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_two_processes_writing_at_once(tmp_path: Path, demo_trip: Trip) -> None:
    folder = tmp_path / "shared"
    with Store.open(folder) as store:
        store.put_trip(demo_trip)
    go = tmp_path / "go"
    procs = [_spawn(WRITER, str(folder), tag, demo_trip.id, str(go), str(N)) for tag in "ab"]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "done"

    with Store.open(folder) as store:
        stars = {k for k, pick in store.picks(demo_trip.id).items() if pick.starred}
        states = store.item_states(demo_trip.id)
        trips = {t.id for t in store.list_trips()}
        found = 0
        for tag in "ab":
            for i in range(N):
                key = f"{tag}-{i}"
                if i % 3 == 0:
                    assert key in stars
                elif i % 3 == 1:
                    assert states[key].reason == key
                else:
                    assert key in trips
                    assert store.get_trip(key).name == key
                found += 1
        assert found == 2 * N
        assert len(stars) + len(states) + len(trips) - 1 == 2 * N  # -1: the demo trip
        assert store.db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_process_killed_mid_transaction(tmp_path: Path, demo_trip: Trip) -> None:
    folder = tmp_path / "killed"
    with Store.open(folder) as store:
        store.put_trip(demo_trip)
    k = 25
    proc = _spawn(KILLED, str(folder), demo_trip.id, str(k))
    assert proc.stdout is not None
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline().strip()
        if line == "in-big-transaction":
            break
        assert line, proc.stderr.read() if proc.stderr else "writer ended early"
        committed = int(line)
    else:  # pragma: no cover - only when the machine is hopelessly slow
        proc.kill()
        raise AssertionError("the writer never reached its big transaction")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert committed == k
    # The uncommitted transaction reached the disk (the WAL holds its pages) before the kill.
    wal = folder / f"{DB_NAME}-wal"
    assert wal.stat().st_size > 3000 * 500

    with Store.open(folder) as store:
        picks = store.picks(demo_trip.id)
        assert {key for key in picks if key.startswith("committed-")} == {
            f"committed-{i}" for i in range(k)
        }
        assert picks["committed-7"].note == "note 7"
        assert not [key for key in picks if key.startswith("uncommitted-")]
        assert store.get_trip(demo_trip.id) == demo_trip
        assert store.db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


FIRST_OPEN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tripkit.demo import example_trip
    from datetime import date
    from tripkit.store import Store

    folder, tag, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    trip = example_trip(date(2026, 11, 27)).model_copy(update={"id": tag})
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    with Store.open(folder) as store:  # all create and migrate the same new store at once
        store.put_trip(trip)
        print(store.schema_version, flush=True)
    """
)


def test_processes_creating_the_store_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    go = tmp_path / "go"
    tags = [f"p{i}" for i in range(4)]
    procs = [_spawn(FIRST_OPEN, str(folder), tag, str(go)) for tag in tags]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == str(SCHEMA_VERSION)
    with Store.open(folder) as store:
        assert sorted(t.id for t in store.list_trips()) == tags
        assert store.db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
