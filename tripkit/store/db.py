"""The SQLite file: opening it, refusing files it must not touch, migrations, transactions.

One file, `tripkit.db`, in the data folder. WAL journal, a busy timeout and BEGIN IMMEDIATE
for writes let two tripkit processes share it. Each public write is one transaction: it
either happens whole or not at all. The schema is versioned with PRAGMA user_version; a
database from a newer tripkit, or one that is damaged, is refused and left untouched.

Errors name their real cause: a read-only folder, a full disk, a data folder that is a file
or a store that is a folder are not "damage", and the advice to move the store aside is given
only when SQLite itself says the file is not a database.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tripkit.errors import Msg, StoreError
from tripkit.store.schema import (
    DATA_STEPS,
    MIGRATIONS,
    SCHEMA_VERSION,
    tables_at,
)

DB_NAME = "tripkit.db"


def now_utc() -> datetime:
    return datetime.now(UTC)


class Database:
    """A connection with tripkit's rules for transactions and errors."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, create: bool = True) -> Database:
        path = folder / DB_NAME
        _check_folder(folder, path, create=create)
        old_umask = os.umask(0o077)  # the db, -wal and -shm files are created private
        try:
            conn = _connect(path)
            db = cls(conn, path)
            try:
                # Identify the file before anything writes to it: switching to WAL rewrites
                # the header, so a refused file must be refused before that.
                db._check_identity()
                _enable_wal(conn, path)
                db._migrate()
            except BaseException:
                conn.close()
                raise
        finally:
            os.umask(old_umask)
        for suffix in ("", "-wal", "-shm"):
            _make_private(path.with_name(path.name + suffix), 0o600)
        return db

    def close(self) -> None:
        self.conn.close()

    def _check_identity(self) -> None:
        """Refuse, without writing, a file from a newer tripkit, another program, or damaged."""
        try:
            # One read transaction, so that both reads see the same state: another process
            # may be creating this very store right now (version 0 -> tables, version 1...).
            self.conn.execute("BEGIN")
            try:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {
                    row[0]
                    for row in self.conn.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
            finally:
                # Not in a `finally: ROLLBACK` that could raise over the real error: when the
                # BEGIN itself failed there is no transaction to roll back.
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            raise classify(self.path, exc) from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                "this store was written by a newer tripkit (schema {version}, this one knows "
                "up to {known}); upgrade tripkit. The file was not changed.",
                where=str(self.path),
                version=version,
                known=SCHEMA_VERSION,
            )
        if (version == 0 and tables) or not tables_at(version) <= tables:
            raise StoreError(
                "this SQLite file is not a tripkit store; it was not changed",
                where=str(self.path),
            )

    def _migrate(self) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            while version < SCHEMA_VERSION:
                with self.write():
                    # Re-read inside the lock: another process may have migrated meanwhile.
                    current = self.conn.execute("PRAGMA user_version").fetchone()[0]
                    if current == version:
                        for statement in _statements(MIGRATIONS[version]):
                            self.conn.execute(statement)
                        step = DATA_STEPS.get(version)
                        if step is not None:
                            step(self.conn)
                        self.conn.execute(f"PRAGMA user_version = {version + 1}")
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise classify(self.path, exc) from None

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE so that writers queue, not fail."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise classify(self.path, exc, busy="the store is busy ({exc}); try again") from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may already have rolled back by itself (disk full, I/O error).
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise classify(
                    self.path, exc, other="the change was not saved ({exc}); the store is as it was"
                ) from None
            raise

    def tx(self) -> contextlib.AbstractContextManager[Any]:
        """Join the caller's transaction, or make one for this write."""
        return contextlib.nullcontext() if self.conn.in_transaction else self.write()

    def rows(self, sql: str, *args: Any) -> list[Any]:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise classify(self.path, exc, other="cannot read the store ({exc})") from None


# --- errors ---------------------------------------------------------------------------------

_DAMAGED = ("file is not a database", "malformed", "database disk image")


def classify(
    path: Path,
    exc: sqlite3.Error,
    *,
    other: str = "the store cannot be used ({exc}); it was left as it is",
    busy: str = "the store is busy ({exc}); try again",
) -> StoreError:
    """A StoreError naming the real cause of a SQLite error.

    Only a file SQLite itself calls "not a database" or "malformed" is called damaged (the
    one case where moving it aside is the advice). A full disk, a read-only file or folder
    and a busy store are said as such: the data in them is fine.
    """
    text = str(exc)
    lower = text.lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if any(k in lower for k in _DAMAGED):
        return StoreError(
            "the store is damaged or not a database ({detail}); it was left as it is. "
            "Move it aside to start afresh.",
            where=str(path),
            detail=text,
        )
    if "disk is full" in lower or code == sqlite3.SQLITE_FULL:
        return StoreError(
            "the disk is full: nothing was changed and the store is intact; free some space "
            "and try again",
            where=str(path),
        )
    if "readonly" in lower or "read-only" in lower or code == sqlite3.SQLITE_READONLY:
        return StoreError(
            "the store cannot be written: the file or its folder is read-only (check their "
            "permissions); the data in it is intact",
            where=str(path),
        )
    if "unable to open" in lower or code == sqlite3.SQLITE_CANTOPEN:
        return StoreError(
            "cannot open the store ({detail}); nothing was changed",
            where=str(path),
            detail=_open_problem(path),
        )
    if "locked" in lower or "busy" in lower:
        return StoreError(busy, where=str(path), exc=text)
    if "disk i/o" in lower:
        return StoreError(
            "the disk reported an error ({detail}); nothing was changed. Check the disk "
            "before trying again.",
            where=str(path),
            detail=text,
        )
    return StoreError(other, where=str(path), exc=text)


def _open_problem(path: Path) -> Msg:
    folder = path.parent
    if path.is_dir():
        return Msg("{name} is a folder, not a file", name=path.name)
    if folder.exists() and not folder.is_dir():
        return Msg("{folder} is a file, not a folder", folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        return Msg("its folder is not writable (check its permissions)")
    if path.exists() and not os.access(path, os.R_OK):
        return Msg("the file is not readable (check its permissions)")
    return Msg("SQLite could not open it")


def _check_folder(folder: Path, path: Path, *, create: bool) -> None:
    """Say plainly what is wrong with the data folder before SQLite says it vaguely."""
    try:
        # Looking at a path raises when a folder on the way is unreadable (mode 000, another
        # user's folder): that is a permission problem, not damage, and never a traceback.
        folder_is_file = folder.exists() and not folder.is_dir()
        path_is_dir = path.is_dir()
        exists = path.exists()
    except OSError as exc:
        raise StoreError(
            "cannot look into the data folder ({detail}); check its permissions. Nothing was "
            "changed.",
            where=str(folder),
            detail=exc.strerror,
        ) from None
    if folder_is_file:
        raise StoreError(
            "the data folder is a file, not a folder (check TRIPKIT_HOME or --data-dir); "
            "nothing was changed",
            where=str(folder),
        )
    if path_is_dir:
        raise StoreError(
            "{name} is a folder, not a store file; move it or choose another data folder "
            "(--data-dir); nothing was changed",
            where=str(path),
            name=DB_NAME,
        )
    if exists:
        if not os.access(path, os.R_OK):
            raise StoreError(
                "the store file is not readable (check its permissions)", where=str(path)
            )
        return
    if not create:
        raise StoreError("no tripkit store at {path}", path=str(path))
    if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
        raise StoreError(
            "the data folder is not readable (check its permissions)", where=str(folder)
        )
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        # A folder the user already had (say --data-dir ~/Documents), or one another
        # tripkit process just made, keeps its mode: the files in it are private anyway.
        pass
    except OSError as exc:
        reason = {
            errno.ENOSPC: Msg("the disk is full"),
            errno.EROFS: Msg("the disk is read-only"),
            errno.EACCES: Msg("permission denied"),
            errno.ENOTDIR: Msg("a part of its path is a file, not a folder"),
        }.get(exc.errno or 0, exc.strerror or str(exc))
        raise StoreError(
            "cannot create the data folder: {reason}", where=str(folder), reason=reason
        ) from None
    else:
        _make_private(folder, 0o700)  # private even under an unusual umask


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per action.
        conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        return conn
    except sqlite3.Error as exc:
        raise classify(path, exc) from None


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
            # A read-only file or folder cannot switch: say so, the data is fine.
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise sqlite3.OperationalError("attempt to write a readonly database")
            raise sqlite3.OperationalError(f"cannot switch to WAL (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise classify(path, exc) from None


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _make_private(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, mode)
