# ruff: noqa
# mypy: ignore-errors
# FIXTURE: tripkit/store.py exactly as the release before sessions-as-rows shipped it
# (git show 52e0995:tripkit/store.py, schema version 2). Tests build old stores with it; never edit.
"""The SQLite store: trips, the user's checklist state, imported schedules and picks.

One file, `tripkit.db`, in the data folder. WAL journal, a busy timeout and BEGIN IMMEDIATE
for writes let two tripkit processes share it. Each public write method is one transaction:
it either happens whole or not at all. The schema is versioned with PRAGMA user_version;
a database from a newer tripkit, or one that is damaged, is refused and left untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit.errors import NotFoundError, StoreError

# pydantic and the models are imported where a row is parsed, not here: the TUI opens the store
# and reads its settings before its first frame, which must not wait ~0.3 s for pydantic.
if TYPE_CHECKING:
    from pydantic import ValidationError

    from tripkit.core.models import CustomItem, ItemState, Schedule, Session, Trip

DB_NAME = "tripkit.db"

# Each entry upgrades the schema from version i to i+1. Never edit a shipped entry: add one.
MIGRATIONS: list[str] = [
    # 0 -> 1
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE trips (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE item_states (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (trip_id, item_id)
    );
    CREATE TABLE custom_items (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (trip_id, id)
    );
    """,
    # 1 -> 2: imported schedules, the user's picks, and what the last refresh changed
    """
    CREATE TABLE schedules (
        trip_id TEXT PRIMARY KEY REFERENCES trips(id) ON DELETE CASCADE,
        data TEXT NOT NULL,
        raw BLOB,
        etag TEXT,
        last_modified TEXT,
        imported TEXT NOT NULL,
        changes TEXT
    );
    CREATE TABLE picks (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        session_key TEXT NOT NULL,
        starred INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (trip_id, session_key)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Pick:
    starred: bool = False
    note: str = ""


@dataclass(frozen=True)
class StoredSchedule:
    schedule: Schedule
    raw: bytes | None
    etag: str | None
    last_modified: str | None
    imported: str
    changes: Any  # the JSON change report of the last re-import, or None


class Store:
    """Open with `Store.open(folder)`; use as a context manager or call close()."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, create: bool = True) -> Store:
        path = folder / DB_NAME
        if not path.exists():
            if not create:
                raise StoreError(f"no tripkit store at {path}")
            try:
                folder.mkdir(parents=True, mode=0o700)
            except FileExistsError:
                # A folder the user already had (say --data-dir ~/Documents), or one another
                # tripkit process just made, keeps its mode: the files in it are private anyway.
                pass
            except OSError as exc:
                raise StoreError(
                    f"cannot create the data folder: {exc.strerror}", where=str(folder)
                ) from None
            else:
                _make_private(folder, 0o700)  # private even under an unusual umask
        old_umask = os.umask(0o077)  # the db, -wal and -shm files are created private
        try:
            conn = _connect(path)
            store = cls(conn, path)
            try:
                # Identify the file before anything writes to it: switching to WAL rewrites
                # the header, so a refused file must be refused before that.
                store._check_identity()
                _enable_wal(conn, path)
                store._migrate()
            except BaseException:
                conn.close()
                raise
        finally:
            os.umask(old_umask)
        for suffix in ("", "-wal", "-shm"):
            _make_private(path.with_name(path.name + suffix), 0o600)
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_identity(self) -> None:
        """Refuse, without writing, a file from a newer tripkit, another program, or damaged."""
        try:
            # One read transaction, so that both reads see the same state: another process
            # may be creating this very store right now (version 0 -> tables, version 1...).
            self._conn.execute("BEGIN")
            try:
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {
                    row[0]
                    for row in self._conn.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
            finally:
                self._conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"this store was written by a newer tripkit (schema {version}, this one knows "
                f"up to {SCHEMA_VERSION}); upgrade tripkit. The file was not changed.",
                where=str(self.path),
            )
        expected = {
            name
            for script in MIGRATIONS[:version]
            for name in re.findall(r"CREATE TABLE (\w+)", script)
        }
        if (version == 0 and tables) or not expected <= tables:
            raise StoreError(
                "this SQLite file is not a tripkit store; it was not changed",
                where=str(self.path),
            )

    def _migrate(self) -> None:
        try:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            while version < SCHEMA_VERSION:
                with self._write():
                    # Re-read inside the lock: another process may have migrated meanwhile.
                    current = self._conn.execute("PRAGMA user_version").fetchone()[0]
                    if current == version:
                        for statement in _statements(MIGRATIONS[version]):
                            self._conn.execute(statement)
                        self._conn.execute(f"PRAGMA user_version = {version + 1}")
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from None

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE so that writers queue, not fail."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"the store is busy ({exc}); try again", where=str(self.path)
            ) from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may already have rolled back by itself (disk full, I/O error).
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(
                    f"the change was not saved ({exc}); the store is as it was",
                    where=str(self.path),
                ) from None
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several writes of one user action; nested store calls join it."""
        if self._conn.in_transaction:
            yield self
            return
        with self._write():
            yield self

    def _tx(self) -> contextlib.AbstractContextManager[Any]:
        return contextlib.nullcontext() if self._conn.in_transaction else self._write()

    def _rows(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the store ({exc})", where=str(self.path)) from None

    # --- settings --------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", key)
        return rows[0][0] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self._tx():
            self._conn.execute(
                "INSERT INTO settings(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- trips -----------------------------------------------------------------------------

    def list_trips(self) -> list[Trip]:
        return [self._trip(row) for row in self._rows("SELECT id, data FROM trips ORDER BY id")]

    def has_trip(self, trip_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM trips WHERE id = ?", trip_id))

    def _require_trip(self, trip_id: str) -> None:
        if not self.has_trip(trip_id):
            raise NotFoundError(f"no trip called {trip_id!r} (see `tripkit trip list`)")

    def get_trip(self, trip_id: str) -> Trip:
        rows = self._rows("SELECT id, data FROM trips WHERE id = ?", trip_id)
        if not rows:
            raise NotFoundError(f"no trip called {trip_id!r} (see `tripkit trip list`)")
        return self._trip(rows[0])

    def _trip(self, row: sqlite3.Row) -> Trip:
        from pydantic import ValidationError

        from tripkit.core.models import Trip

        try:
            return Trip.model_validate_json(row[1])
        except ValidationError as exc:
            raise StoreError(
                f"trip {row[0]!r} in the store is invalid: {_first_error(exc)}",
                where=str(self.path),
            ) from None

    def put_trip(self, trip: Trip) -> None:
        """Create or replace a trip. The user's checklist state and picks are kept."""
        with self._tx():
            self._conn.execute(
                "INSERT INTO trips(id, data, updated) VALUES(?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated = excluded.updated",
                (trip.id, trip.model_dump_json(), now_utc().isoformat()),
            )

    def delete_trip(self, trip_id: str) -> None:
        with self._tx():
            if not self.has_trip(trip_id):
                raise NotFoundError(f"no trip called {trip_id!r}")
            for table in ("picks", "schedules", "custom_items", "item_states"):
                self._conn.execute(f"DELETE FROM {table} WHERE trip_id = ?", (trip_id,))  # noqa: S608
            self._conn.execute("DELETE FROM trips WHERE id = ?", (trip_id,))
            if self.get_setting("current_trip") == trip_id:
                self._conn.execute("DELETE FROM settings WHERE key = 'current_trip'")

    def current_trip_id(self) -> str | None:
        current = self.get_setting("current_trip")
        if current and self.has_trip(current):
            return current
        rows = self._rows("SELECT id FROM trips ORDER BY updated DESC LIMIT 1")
        return rows[0][0] if rows else None

    def set_current_trip(self, trip_id: str) -> None:
        if not self.has_trip(trip_id):
            raise NotFoundError(f"no trip called {trip_id!r}")
        self.set_setting("current_trip", trip_id)

    # --- checklist state -------------------------------------------------------------------

    def item_states(self, trip_id: str) -> dict[str, ItemState]:
        from pydantic import ValidationError

        from tripkit.core.models import ItemState

        out: dict[str, ItemState] = {}
        for item_id, data in self._rows(
            "SELECT item_id, data FROM item_states WHERE trip_id = ?", trip_id
        ):
            try:
                out[item_id] = ItemState.model_validate_json(data)
            except ValidationError as exc:
                raise StoreError(
                    f"state of item {item_id!r} is invalid: {_first_error(exc)}",
                    where=str(self.path),
                ) from None
        return out

    def set_item_state(self, trip_id: str, item_id: str, state: ItemState) -> None:
        state = state.model_copy(update={"changed": now_utc()})
        with self._tx():
            self._require_trip(trip_id)
            self._conn.execute(
                "INSERT INTO item_states(trip_id, item_id, data) VALUES(?, ?, ?) "
                "ON CONFLICT(trip_id, item_id) DO UPDATE SET data = excluded.data",
                (trip_id, item_id, state.model_dump_json()),
            )

    def custom_items(self, trip_id: str) -> list[CustomItem]:
        from pydantic import ValidationError

        from tripkit.core.models import CustomItem

        rows = self._rows("SELECT data FROM custom_items WHERE trip_id = ? ORDER BY rowid", trip_id)
        try:
            return [CustomItem.model_validate_json(r[0]) for r in rows]
        except ValidationError as exc:
            raise StoreError(
                f"a custom item is invalid: {_first_error(exc)}", where=str(self.path)
            ) from None

    def add_custom_item(self, trip_id: str, item: CustomItem) -> None:
        with self._tx():
            if not self.has_trip(trip_id):
                raise NotFoundError(f"no trip called {trip_id!r}")
            try:
                self._conn.execute(
                    "INSERT INTO custom_items(trip_id, id, data) VALUES(?, ?, ?)",
                    (trip_id, item.id, item.model_dump_json()),
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"an item called {item.id!r} exists already") from None

    def remove_custom_item(self, trip_id: str, item_id: str) -> None:
        with self._tx():
            cur = self._conn.execute(
                "DELETE FROM custom_items WHERE trip_id = ? AND id = ?", (trip_id, item_id)
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no custom item called {item_id!r}")
            self._conn.execute(
                "DELETE FROM item_states WHERE trip_id = ? AND item_id = ?", (trip_id, item_id)
            )

    # --- schedules and picks ---------------------------------------------------------------

    def get_schedule(self, trip_id: str) -> StoredSchedule | None:
        rows = self._rows(
            "SELECT data, raw, etag, last_modified, imported, changes "
            "FROM schedules WHERE trip_id = ?",
            trip_id,
        )
        if not rows:
            return None
        data, raw, etag, last_modified, imported, changes = rows[0]
        from pydantic import ValidationError

        from tripkit.core.models import Schedule

        try:
            schedule = Schedule.model_validate_json(data)
        except ValidationError as exc:
            raise StoreError(
                f"the stored schedule is invalid: {_first_error(exc)}", where=str(self.path)
            ) from None
        return StoredSchedule(
            schedule, raw, etag, last_modified, imported, json.loads(changes) if changes else None
        )

    def sessions(self, trip_id: str) -> list[Session]:
        stored = self.get_schedule(trip_id)
        return stored.schedule.sessions if stored else []

    def put_schedule(
        self,
        trip_id: str,
        schedule: Schedule,
        *,
        raw: bytes | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        changes: Any = None,
        key_renames: dict[str, str] | None = None,
    ) -> None:
        """Store a (re-)imported schedule in one transaction.

        `key_renames` maps old session keys to new ones (a source that changed its ids), so
        the user's stars and notes follow their sessions. Picks of sessions that disappeared
        are kept: the change report names them, and they come back if the session does.
        """
        with self._tx():
            if not self.has_trip(trip_id):
                raise NotFoundError(f"no trip called {trip_id!r}")
            for old, new in (key_renames or {}).items():
                if old == new:
                    continue
                self._conn.execute(
                    "DELETE FROM picks WHERE trip_id = ? AND session_key = ?", (trip_id, new)
                )
                self._conn.execute(
                    "UPDATE picks SET session_key = ? WHERE trip_id = ? AND session_key = ?",
                    (new, trip_id, old),
                )
            self._conn.execute(
                "INSERT INTO schedules(trip_id, data, raw, etag, last_modified, imported, changes) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(trip_id) DO UPDATE SET "
                "data = excluded.data, raw = excluded.raw, etag = excluded.etag, "
                "last_modified = excluded.last_modified, imported = excluded.imported, "
                "changes = excluded.changes",
                (
                    trip_id,
                    schedule.model_dump_json(),
                    raw,
                    etag,
                    last_modified,
                    now_utc().isoformat(),
                    json.dumps(changes) if changes is not None else None,
                ),
            )

    def touch_schedule(self, trip_id: str, *, etag: str | None, last_modified: str | None) -> None:
        """Record a refresh that found nothing new (HTTP 304)."""
        with self._tx():
            self._conn.execute(
                "UPDATE schedules SET etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), imported = ? WHERE trip_id = ?",
                (etag, last_modified, now_utc().isoformat(), trip_id),
            )

    def picks(self, trip_id: str) -> dict[str, Pick]:
        return {
            key: Pick(bool(starred), note)
            for key, starred, note in self._rows(
                "SELECT session_key, starred, note FROM picks WHERE trip_id = ?", trip_id
            )
        }

    def set_stars(self, trip_id: str, keys: list[str], starred: bool) -> None:
        with self._tx():
            self._require_trip(trip_id)
            for key in keys:
                self._conn.execute(
                    "INSERT INTO picks(trip_id, session_key, starred) VALUES(?, ?, ?) "
                    "ON CONFLICT(trip_id, session_key) DO UPDATE SET starred = excluded.starred",
                    (trip_id, key, int(starred)),
                )

    def set_note(self, trip_id: str, key: str, note: str) -> None:
        with self._tx():
            self._require_trip(trip_id)
            self._conn.execute(
                "INSERT INTO picks(trip_id, session_key, note) VALUES(?, ?, ?) "
                "ON CONFLICT(trip_id, session_key) DO UPDATE SET note = excluded.note",
                (trip_id, key, note),
            )


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per action.
        conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        return conn
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None


def _enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    try:
        # Switching to WAL needs the file to itself, and SQLite answers "locked" at once
        # rather than waiting (busy_timeout does not apply): retry while other processes
        # open or create the same store.
        deadline = time.monotonic() + 10.0
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(
                        "the store is busy (another tripkit holds it); try again",
                        where=str(path),
                    ) from None
                time.sleep(0.01)
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"cannot switch to WAL (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None


def _damaged(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    return StoreError(
        f"the store is damaged or not a database ({exc}); it was left as it is. "
        "Move it aside to start afresh.",
        where=str(path),
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _make_private(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def now_utc() -> datetime:
    from tripkit.core.zoned import now_utc as now  # deferred: zoned imports pydantic

    return now()


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))
