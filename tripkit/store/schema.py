"""The store's schema: one migration per version, never edited once shipped.

Version 3 turns the stored schedule (one JSON document per trip) into rows: a programme per
imported source (named, so that a trip can hold several), its sessions, their speakers and
links, the user's picks keyed by (trip, programme name, session key) so that they survive a
re-import, and a full-text index (one FTS5 table per programme) over each session's folded
text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

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
    # 2 -> 3: sessions as rows (the data is moved by DATA_STEPS[2])
    """
    CREATE TABLE programme (
        id INTEGER PRIMARY KEY,
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        tz TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        etag TEXT,
        last_modified TEXT,
        imported TEXT NOT NULL,
        changes TEXT,
        raw_size INTEGER,  -- bytes of the copy in programme_raw (NULL: no copy kept)
        UNIQUE (trip_id, name)
    );
    CREATE TABLE programme_raw (
        programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,  -- zlib stream, in pieces of about RAW_PIECE bytes
        PRIMARY KEY (programme_id, seq)
    );
    CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT NOT NULL DEFAULT '',
        start_us INTEGER NOT NULL,
        start_tz TEXT NOT NULL,
        end_us INTEGER NOT NULL,
        end_tz TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT '',
        track TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL DEFAULT '',
        languages TEXT NOT NULL DEFAULT '',
        abstract TEXT NOT NULL DEFAULT '',
        needs_registration INTEGER NOT NULL DEFAULT 0,
        cancelled INTEGER NOT NULL DEFAULT 0,
        title_norm TEXT NOT NULL DEFAULT '',
        room_norm TEXT NOT NULL DEFAULT '',
        track_norm TEXT NOT NULL DEFAULT '',
        UNIQUE (programme_id, key)
    );
    CREATE INDEX session_by_start ON session(programme_id, start_us);
    CREATE INDEX session_needs_registration ON session(programme_id)
        WHERE needs_registration = 1 AND cancelled = 0;
    CREATE TABLE person (
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        ext_id TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE link (
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE pick (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        programme TEXT NOT NULL,
        session_key TEXT NOT NULL,
        starred INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (trip_id, programme, session_key)
    );
    CREATE INDEX pick_starred ON pick(trip_id, programme) WHERE starred = 1;
    CREATE TABLE unreadable (
        id INTEGER PRIMARY KEY,
        trip_id TEXT NOT NULL,
        what TEXT NOT NULL,
        data TEXT NOT NULL,
        problem TEXT NOT NULL
    );
    -- Each programme's search index is its own FTS5 table, fts_<programme id> (FTS_TABLE):
    -- replacing a programme drops its table at once instead of un-indexing every row.
    """,
    # 3 -> 4: how much the user wants a session, its reservation, whether they went; and
    # the user's own agenda items (meetings, booth duty, meals...), with stable ids.
    """
    ALTER TABLE pick ADD COLUMN interest TEXT NOT NULL DEFAULT '';  -- '' | must | want | maybe
    ALTER TABLE pick ADD COLUMN reservation TEXT NOT NULL DEFAULT '';  -- '' | reserved | ...
    ALTER TABLE pick ADD COLUMN attended INTEGER;  -- NULL: not said (defaults from the star)
    ALTER TABLE session ADD COLUMN recorded INTEGER;  -- NULL: the schedule does not say
    CREATE TABLE personal_item (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'other',
        title TEXT NOT NULL,
        start_us INTEGER NOT NULL,
        start_tz TEXT NOT NULL,
        end_us INTEGER NOT NULL,
        end_tz TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (trip_id, id)
    );
    CREATE INDEX personal_item_by_start ON personal_item(trip_id, start_us);
    """,
    # 4 -> 5: the evaluated checklist of a trip in one language, kept for the next read
    # (tripkit.services.checklist_cache): derived data, used only while `key` (a digest of
    # every input) matches and the time read is inside (valid_from, valid_until).
    """
    CREATE TABLE checklist_cache (
        trip_id TEXT NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        key TEXT NOT NULL,
        valid_from INTEGER,  -- microseconds since the epoch (UTC), NULL: no lower bound
        valid_until INTEGER,  -- NULL: no upper bound
        data TEXT NOT NULL,  -- the items as `tripkit checklist --json --all` writes them
        PRIMARY KEY (trip_id, lang)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# The programme every trip had before several were possible, and the default of an import.
MAIN = "main"

# A programme's search index: the folded text of each session (rowid = session id), trigram
# tokens without positions (detail=none: a third of the size, three times faster to build;
# queries AND the trigrams of each word, then test the exact substring).
FTS_TABLE = """CREATE VIRTUAL TABLE fts_{pid} USING fts5(
    text, tokenize = 'trigram case_sensitive 1', detail = 'none', columnsize = 0)"""


def fts_name(programme_id: int) -> str:
    return f"fts_{int(programme_id)}"


def _v3_data(conn: sqlite3.Connection) -> None:
    """Move each stored schedule into rows and each pick under the trip's main programme.

    Nothing is dropped: a schedule that no longer validates is kept whole in `unreadable`
    (where `tripkit doctor` finds it), and every pick moves, whether or not its session
    still exists (stars of removed sessions come back if the session does).
    """
    conn.execute(
        "INSERT INTO pick(trip_id, programme, session_key, starred, note) "
        "SELECT trip_id, ?, session_key, starred, note FROM picks",
        (MAIN,),
    )
    rows = conn.execute(
        "SELECT trip_id, data, raw, etag, last_modified, imported, changes FROM schedules"
    ).fetchall()
    if rows:
        _v3_schedules(conn, rows)
    conn.execute("DROP TABLE picks")
    conn.execute("DROP TABLE schedules")


def _v3_schedules(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """The stored schedules as rows. Only a store that has some loads the models: a new
    store (the TUI's first start) is created without pydantic (~56 MB kept for the app's
    whole life)."""
    from pydantic import ValidationError

    from tripkit.core.models import Schedule
    from tripkit.errors import StoreError
    from tripkit.store.schedules import write_programme

    for trip_id, data, raw, etag, last_modified, imported, changes in rows:
        try:
            schedule = Schedule.model_validate_json(data)
        except (ValidationError, ValueError) as exc:
            conn.execute(
                "INSERT INTO unreadable(trip_id, what, data, problem) VALUES(?, 'schedule', ?, ?)",
                (trip_id, data, str(exc).splitlines()[0]),
            )
            continue
        # A savepoint per schedule: one that cannot be stored as rows is kept aside whole
        # instead of failing the migration (and with it every command).
        conn.execute("SAVEPOINT v3_schedule")
        try:
            write_programme(
                conn,
                trip_id,
                MAIN,
                schedule,
                schedule.sessions,
                raw=raw,
                etag=etag,
                last_modified=last_modified,
                imported=imported,
                changes=json.loads(changes) if changes else None,
            )
        except (StoreError, ValueError) as exc:
            conn.execute("ROLLBACK TO v3_schedule")
            conn.execute(
                "INSERT INTO unreadable(trip_id, what, data, problem) VALUES(?, 'schedule', ?, ?)",
                (trip_id, data, str(exc)),
            )
        conn.execute("RELEASE v3_schedule")


# Python steps run after a migration's SQL, in the same transaction.
DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {2: _v3_data}


def tables_at(version: int) -> set[str]:
    """The tables a store of `version` must have (to tell a tripkit store from another file)."""
    out: set[str] = set()
    for script in MIGRATIONS[:version]:
        out |= set(re.findall(r"CREATE TABLE (\w+)", script))
        if script is MIGRATIONS[2]:
            out -= {"schedules", "picks"}  # dropped by the 2 -> 3 data step
    return out
