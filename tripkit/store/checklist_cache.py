"""The evaluated checklist kept in the store, and the stored inputs it was evaluated from.

A row holds the items of one trip in one language as `tripkit checklist --json --all`
writes them, the digest of every input (`key`, made by tripkit.services.checklist_cache),
and the span of time in which the clock changes nothing in them. It is derived data: a row
whose key or span does not match is never used, a damaged one is ignored, and a failure to
write one only means the next read evaluates again.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, NamedTuple

from tripkit.core.digest import sha256
from tripkit.store.db import Database
from tripkit.store.schema import MAIN

# Settings that are outputs of the checklist, not inputs (see stored_inputs).
DERIVED_SETTINGS = ("tui.summary",)


# A NamedTuple, not a dataclass: made without compiling source at import (CLI start, issue 13).
class Cached(NamedTuple):
    key: str
    valid_from: int | None  # UTC microseconds; None: no bound
    valid_until: int | None
    items: list[dict[str, Any]]

    def holds_at(self, now_us: int) -> bool:
        """Whether the items are those of `now_us`: strictly inside the span (at a bound
        itself an item changes status, e.g. the instant a due time passes)."""
        return (self.valid_from is None or self.valid_from < now_us) and (
            self.valid_until is None or now_us < self.valid_until
        )


def stored_inputs(db: Database, trip_id: str) -> str | None:
    """A digest of everything of the trip's in the store that its checklist reads: the trip
    as stored, the user's state of each item, their own items, and for the registration
    items (tripkit.services.registrations.registration_items) every programme of the trip, every
    session that needs registration (whether starred or not) and every pick; and, though the
    checklist reads neither today, the trip's agenda items and the settings. None when the
    trip is not stored."""
    h = sha256()
    queries = [
        ("trip", "SELECT data FROM trips WHERE id = ?"),
        ("states", "SELECT item_id, data FROM item_states WHERE trip_id = ? ORDER BY item_id"),
        ("custom", "SELECT id, data FROM custom_items WHERE trip_id = ? ORDER BY id"),
        (
            "programmes",
            "SELECT id, name, title, source, format, tz, warnings, etag, last_modified, "
            "imported, changes, raw_size FROM programme WHERE trip_id = ? ORDER BY id",
        ),
        (
            "registration",
            "SELECT p.name, s.* FROM programme p JOIN session s ON s.programme_id = p.id "
            "WHERE p.trip_id = ? AND s.needs_registration = 1 AND s.cancelled = 0 "
            "ORDER BY s.programme_id, s.id",
        ),
        ("picks", "SELECT * FROM pick WHERE trip_id = ? ORDER BY programme, session_key"),
        # Not read by the checklist today; cheap, and a miss is safe where a new reading of
        # them that nobody added here would not be: the user's agenda items and settings.
        ("personal", "SELECT * FROM personal_item WHERE trip_id = ? ORDER BY id"),
        # Less the settings derived from the checklist itself: the TUI's headline (its next
        # deadlines, tripkit.services.tui_support.SUMMARY_KEY), written after each read of
        # it, would otherwise make the kept checklist miss at the next start.
        ("settings", "SELECT key, value FROM settings WHERE ? IS NOT NULL ORDER BY key"),
    ]
    for name, sql in queries:
        found = db.rows(sql, trip_id)
        if name == "trip" and not found:
            return None
        h.update(f"\0{name}\0".encode())
        for row in found:
            if name == "settings" and row[0] in DERIVED_SETTINGS:
                continue
            h.update(repr(tuple(row)).encode("utf-8"))
            h.update(b"\n")
    h.update(f"\0main\0{MAIN}".encode())
    return h.hexdigest()


def read(db: Database, trip_id: str, lang: str) -> Cached | None:
    try:
        rows = db.conn.execute(
            "SELECT key, valid_from, valid_until, data FROM checklist_cache "
            "WHERE trip_id = ? AND lang = ?",
            (trip_id, lang),
        ).fetchall()
    except sqlite3.DatabaseError:
        return None
    if not rows:
        return None
    key, valid_from, valid_until, data = rows[0]
    try:
        items = json.loads(data)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    return Cached(key, valid_from, valid_until, items)


def write(db: Database, trip_id: str, lang: str, cached: Cached) -> None:
    """Keep `cached` for the trip and language (replacing the previous row). Best effort: a
    busy, full or read-only store keeps the old row, which its key then refuses; and a read
    never waits for another process's write to keep its result (no busy timeout here)."""
    data = json.dumps(cached.items, ensure_ascii=False)
    conn = db.conn
    try:
        waits = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
    except sqlite3.Error:
        return
    try:
        _write(db, trip_id, lang, cached, data)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waits)}")


def _write(db: Database, trip_id: str, lang: str, cached: Cached, data: str) -> None:
    try:
        with db.tx():
            db.conn.execute(
                "INSERT INTO checklist_cache(trip_id, lang, key, valid_from, valid_until, data) "
                "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(trip_id, lang) DO UPDATE SET "
                "key = excluded.key, valid_from = excluded.valid_from, "
                "valid_until = excluded.valid_until, data = excluded.data",
                (trip_id, lang, cached.key, cached.valid_from, cached.valid_until, data),
            )
    except (sqlite3.Error, OSError):
        pass
    except Exception as exc:  # the store's own errors (StoreError: busy, read-only...)
        from tripkit.errors import TripkitError

        if not isinstance(exc, TripkitError):
            raise
