"""A healthy store is never called damaged: a full disk, a read-only disk, a data folder that
is a file and a store that is a folder each get a message naming the real cause, without the
advice to move the store aside; the data stays intact. Also: `trip delete` takes the trip's
settings with it, a duplicate custom item is the user's mistake, not a "Store problem"."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tripkit.cli import main
from tripkit.core.models import CustomItem, Schedule, Trip
from tripkit.errors import StoreError, TripkitError
from tripkit.store import DB_NAME, Store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs), so that "disk full" and "read-only" are real."""
    where = tmp_path / "disk"
    where.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the CI container runs as root)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass


def test_full_disk_is_not_damage(
    small_disk: Path, demo_trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = small_disk / "home"
    monkeypatch.setenv("TRIPKIT_HOME", str(home))
    assert run("demo")[0] == 0
    _fill(small_disk)
    code, out, _ = run("trip", "list")  # reading still works on a full disk
    assert code == 0 and demo_trip.id in out
    with Store.open(home) as store, pytest.raises(StoreError) as exc:
        store.put_trip(demo_trip.model_copy(update={"id": "x", "notes": "n" * 20000}))
    message = str(exc.value)
    assert "disk is full" in message and "intact" in message
    assert "damaged" not in message and "Move it aside" not in message
    with Store.open(home) as store:
        assert store.has_trip(demo_trip.id) and not store.has_trip("x")


def test_read_only_disk_is_not_damage(
    small_disk: Path, demo_trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = small_disk / "home"
    monkeypatch.setenv("TRIPKIT_HOME", str(home))
    assert run("demo")[0] == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, out, _ = run("trip", "list")  # reads work
    assert code == 0 and demo_trip.id in out
    code, _, err = run("trip", "delete", demo_trip.id, "--yes")
    assert code == 1
    assert "read-only" in err and "intact" in err
    assert "damaged" not in err and "Move it aside" not in err


def test_data_folder_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.write_text("my notes")
    monkeypatch.setenv("TRIPKIT_HOME", str(home))
    code, _, err = run("trip", "list")
    assert code == 1 and err.count("\n") == 1
    assert "data folder is a file" in err and "TRIPKIT_HOME" in err
    assert "damaged" not in err and "Move it aside" not in err
    assert home.read_text() == "my notes"


def test_store_that_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / DB_NAME).mkdir(parents=True)
    (home / DB_NAME / "keep").write_text("x")
    monkeypatch.setenv("TRIPKIT_HOME", str(home))
    code, _, err = run("demo")
    assert code == 1 and err.count("\n") == 1
    assert f"{DB_NAME} is a folder" in err
    assert "damaged" not in err and "Move it aside" not in err
    assert (home / DB_NAME / "keep").read_text() == "x"


def test_sqlite_full_in_a_write_says_so(tmp_path: Path, demo_trip: Trip) -> None:
    """SQLITE_FULL (here from a page limit) is reported as a full disk, and nothing changes."""
    store = Store.open(tmp_path / "s")
    store.put_trip(demo_trip)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    sessions = [
        {
            "key": f"k{i}",
            "title": "x" * 2000,
            "start": "2027-01-12T09:00[America/Los_Angeles]",
            "end": "2027-01-12T10:00[America/Los_Angeles]",
        }
        for i in range(50)
    ]
    schedule = Schedule.model_validate({"source": "s", "format": "csv", "sessions": sessions})
    with pytest.raises(StoreError) as exc:
        store.put_schedule(demo_trip.id, schedule)
    assert "disk is full" in str(exc.value) and "damaged" not in str(exc.value)
    assert store.get_schedule(demo_trip.id) is None
    store.close()


def test_corrupt_file_is_still_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"not a database " * 400)
    with pytest.raises(StoreError, match="damaged or not a database"):
        Store.open(folder)


def test_trip_delete_removes_its_settings_and_rows(store: Store, demo_trip: Trip) -> None:
    store.put_trip(demo_trip)
    tid = demo_trip.id
    store.put_schedule(
        tid,
        Schedule.model_validate(
            {
                "source": "s",
                "format": "csv",
                "sessions": [
                    {
                        "key": "k1",
                        "title": "Keynote",
                        "start": "2027-01-12T09:00[America/Los_Angeles]",
                        "end": "2027-01-12T10:00[America/Los_Angeles]",
                        "url": "https://x.test/k1",
                        "speakers": [{"name": "Ada"}],
                    }
                ],
            }
        ),
    )
    store.set_stars(tid, ["k1"], True)
    for key in (f"schedule.tz.{tid}", f"schedule.format.{tid}", f"export.ics.{tid}"):
        store.set_setting(key, "kept by the old trip")
    store.set_setting("lang", "ja")  # not a per-trip setting
    store.delete_trip(tid)
    assert store.settings.all() == {"lang": "ja"}
    conn = store.db.conn
    assert conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'fts%'").fetchall() == []
    for table in ("programme", "session", "person", "link", "pick", "item_states", "custom_items"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table  # noqa: S608
    # A new trip with the same id inherits nothing.
    store.put_trip(demo_trip)
    assert store.get_setting(f"export.ics.{tid}") is None
    assert store.picks(tid) == {} and store.get_schedule(tid) is None


def test_duplicate_custom_item_is_a_plain_message(store: Store, demo_trip: Trip) -> None:
    store.put_trip(demo_trip)
    item = CustomItem(id="adapter", title="Buy a plug adapter")
    store.add_custom_item(demo_trip.id, item)
    with pytest.raises(TripkitError) as exc:
        store.add_custom_item(demo_trip.id, item)
    assert not isinstance(exc.value, StoreError)  # not "Store problem"
    assert exc.value.title != "Store problem"
    assert "'adapter'" in str(exc.value) and "exists already" in str(exc.value)


def test_check_identity_keeps_the_real_error(tmp_path: Path, demo_trip: Trip) -> None:
    """The identity check's cleanup must not replace the real error with "no transaction"."""
    folder = tmp_path / "s"
    with Store.open(folder) as store:
        store.put_trip(demo_trip)
    # Another connection holds an exclusive lock: the check's read fails with "locked".
    other = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    from tripkit.store import db as dbmod

    conn = sqlite3.connect(folder / DB_NAME, timeout=0.1, isolation_level=None)
    database = dbmod.Database(conn, folder / DB_NAME)
    with pytest.raises(StoreError) as exc:
        database._check_identity()
    assert "busy" in str(exc.value) and "damaged" not in str(exc.value)
    other.execute("ROLLBACK")
    other.close()
    conn.close()
