"""The store file on disk: migrations, refusing files it must not touch, and permissions."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from tripkit.core.models import ItemState, Trip
from tripkit.errors import NotFoundError, StoreError
from tripkit.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_v1(folder: Path, trip: Trip) -> Path:
    """A database as the first tripkit release wrote it: only MIGRATIONS[0], plus some data."""
    folder.mkdir(parents=True)
    db = folder / DB_NAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO trips(id, data, updated) VALUES(?, ?, ?)",
        (trip.id, trip.model_dump_json(), "2026-11-01T00:00:00+00:00"),
    )
    conn.execute(
        "INSERT INTO item_states(trip_id, item_id, data) VALUES(?, ?, ?)",
        (trip.id, "esta", ItemState(status="done").model_dump_json()),
    )
    conn.execute("INSERT INTO settings(key, value) VALUES('current_trip', ?)", (trip.id,))
    conn.close()
    return db


def test_v1_database_upgrades_keeping_its_data(tmp_path: Path, demo_trip: Trip) -> None:
    folder = tmp_path / "old"
    make_v1(folder, demo_trip)
    with Store.open(folder) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert store.get_trip(demo_trip.id) == demo_trip
        assert store.item_states(demo_trip.id)["esta"].status == "done"
        assert store.current_trip_id() == demo_trip.id
        # The tables added by migration 1 -> 2 work.
        store.set_stars(demo_trip.id, ["s1"], True)
        assert store.picks(demo_trip.id)["s1"].starred is True
        assert store.get_schedule(demo_trip.id) is None
    # A second open finds nothing to do and keeps everything.
    with Store.open(folder) as store:
        assert store.picks(demo_trip.id)["s1"].starred is True


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_newer_schema_is_refused_and_left_byte_identical(tmp_path: Path, journal: str) -> None:
    folder = tmp_path / "newer"
    folder.mkdir()
    db = folder / DB_NAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1])
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db)
    with pytest.raises(StoreError) as err:
        Store.open(folder)
    assert f"schema {SCHEMA_VERSION + 1}" in str(err.value)
    assert "newer tripkit" in str(err.value)
    assert str(db) in str(err.value)
    assert digest(db) == before


def test_random_bytes_are_refused_and_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    db = folder / DB_NAME
    db.write_bytes(random.Random(7).randbytes(64 * 1024))
    before = digest(db)
    with pytest.raises(StoreError) as err:
        Store.open(folder)
    assert "damaged or not a database" in str(err.value)
    assert "left as it is" in str(err.value)
    assert digest(db) == before


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_store_is_refused_and_not_overwritten(
    tmp_path: Path, demo_trip: Trip, keep: float
) -> None:
    folder = tmp_path / "cut"
    with Store.open(folder) as store:
        for i in range(100):
            store.put_trip(demo_trip.model_copy(update={"id": f"t{i}", "notes": "n" * 3000}))
    db = folder / DB_NAME
    data = db.read_bytes()
    assert len(data) > 300_000  # several hundred pages, so the cut removes real content
    db.write_bytes(data[: int(len(data) * keep)])
    before = digest(db)
    with pytest.raises(StoreError) as err:
        Store.open(folder)
    assert "damaged" in str(err.value)
    assert digest(db) == before


def test_foreign_sqlite_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    db = folder / DB_NAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada')")
    conn.close()
    before = digest(db)
    with pytest.raises(StoreError, match="not a tripkit store"):
        Store.open(folder)
    assert digest(db) == before


def test_foreign_file_using_user_version_is_refused(tmp_path: Path) -> None:
    """Other programs use user_version too: version 1 without tripkit's tables is not ours."""
    folder = tmp_path / "other1"
    folder.mkdir()
    db = folder / DB_NAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = digest(db)
    with pytest.raises(StoreError, match="not a tripkit store"):
        Store.open(folder)
    assert digest(db) == before


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    """A zero-byte file holds nothing to lose: SQLite treats it as an empty database."""
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")
    with Store.open(folder) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_files_are_private(tmp_path: Path, demo_trip: Trip) -> None:
    folder = tmp_path / "a" / "private"
    old = os.umask(0o022)  # a typical umask: without care the files would be world-readable
    try:
        store = Store.open(folder)
        store.put_trip(demo_trip)  # a write, so the -wal and -shm files exist
        files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
        store.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert files == {DB_NAME: 0o600, f"{DB_NAME}-wal": 0o600, f"{DB_NAME}-shm": 0o600}


def test_open_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no tripkit store"):
        Store.open(tmp_path / "nothing", create=False)
    assert not (tmp_path / "nothing").exists()


def test_writes_for_unknown_trip_are_clear_errors(store: Store) -> None:
    with pytest.raises(NotFoundError, match="'ghost'"):
        store.set_item_state("ghost", "esta", ItemState(status="done"))
    with pytest.raises(NotFoundError):
        store.set_stars("ghost", ["a"], True)
    with pytest.raises(NotFoundError):
        store.set_note("ghost", "a", "hi")
    assert store.list_trips() == []


def test_failed_transaction_leaves_nothing(store: Store, demo_trip: Trip) -> None:
    store.put_trip(demo_trip)
    with pytest.raises(RuntimeError), store.transaction():
        store.set_stars(demo_trip.id, ["a", "b"], True)
        store.set_item_state(demo_trip.id, "esta", ItemState(status="done"))
        raise RuntimeError("user action failed halfway")
    assert store.picks(demo_trip.id) == {}
    assert store.item_states(demo_trip.id) == {}


def test_put_trip_keeps_state_and_delete_removes_it(store: Store, demo_trip: Trip) -> None:
    store.put_trip(demo_trip)
    store.set_item_state(demo_trip.id, "esta", ItemState(status="done"))
    store.set_note(demo_trip.id, "k1", "front row")
    store.put_trip(demo_trip.model_copy(update={"name": "Renamed"}))
    assert store.get_trip(demo_trip.id).name == "Renamed"
    assert store.item_states(demo_trip.id)["esta"].status == "done"
    assert store.picks(demo_trip.id)["k1"].note == "front row"
    store.set_current_trip(demo_trip.id)
    store.delete_trip(demo_trip.id)
    assert store.current_trip_id() is None
    # Recreating the id starts clean: no state left behind by the deleted trip.
    store.put_trip(demo_trip)
    assert store.item_states(demo_trip.id) == {}
    assert store.picks(demo_trip.id) == {}


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    """--data-dir pointing at a folder the user already has must not change that folder."""
    folder = tmp_path / "documents"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Store.open(folder).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / DB_NAME).stat().st_mode) == 0o600
