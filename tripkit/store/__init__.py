"""The SQLite store: trips, the user's checklist state, imported programmes and picks.

`Store` is a facade over the repositories (tripkit.store.trips, .checklist, .programmes,
.settings) sharing one `Database` (connection, migrations, transactions: tripkit.store.db).
Its method names are the ones the CLI, the TUI, the exporters and the services call; new
code may use the repositories directly (`store.trips`, `store.programmes`...).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit.store.db import DB_NAME, Database, now_utc
from tripkit.store.schema import MAIN, MIGRATIONS, SCHEMA_VERSION
from tripkit.store.settings import Settings
from tripkit.store.trips import Trips

# pydantic and the models are imported where a row is parsed, not here: the TUI opens the store
# and reads its settings before its first frame, which must not wait ~0.3 s for pydantic. The
# checklist, programme and personal-item repositories (and the core modules they need, ~20 ms)
# are imported when first used, for the same reason; their names are still exported here.
if TYPE_CHECKING:
    from tripkit.core.models import CustomItem, ItemState, Schedule, Session, Trip
    from tripkit.store.checklist import Checklist
    from tripkit.store.personal import PersonalItems
    from tripkit.store.programmes import Dropped, Pick, Programmes, Query, Written
    from tripkit.store.schedules import ProgrammeRow, SessionRow

_LAZY = {
    "Checklist": "tripkit.store.checklist",
    "PersonalItems": "tripkit.store.personal",
    "Dropped": "tripkit.store.programmes",
    "Pick": "tripkit.store.programmes",
    "Programmes": "tripkit.store.programmes",
    "Query": "tripkit.store.programmes",
    "Written": "tripkit.store.programmes",
    "ProgrammeRow": "tripkit.store.schedules",
    "SessionRow": "tripkit.store.schedules",
}


def __getattr__(name: str) -> Any:
    """`from tripkit.store import Pick` and the like, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DB_NAME",
    "MAIN",
    "Dropped",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Pick",
    "ProgrammeRow",
    "Query",
    "SessionRow",
    "Store",
    "StoredSchedule",
    "Written",
    "now_utc",
]


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

    def __init__(self, db: Database):
        self.db = db
        self.path = db.path
        self.settings = Settings(db)
        self.trips = Trips(db, self.settings)

    @cached_property
    def checklist(self) -> Checklist:
        from tripkit.store.checklist import Checklist

        return Checklist(self.db, self.trips)

    @cached_property
    def programmes(self) -> Programmes:
        from tripkit.store.programmes import Programmes

        return Programmes(self.db, self.trips)

    @cached_property
    def personal(self) -> PersonalItems:
        from tripkit.store.personal import PersonalItems

        return PersonalItems(self.db, self.trips)

    @classmethod
    def open(cls, folder: Path, *, create: bool = True) -> Store:
        return cls(Database.open(folder, create=create))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several writes of one user action; nested store calls join it."""
        if self.db.conn.in_transaction:
            yield self
            return
        with self.db.write():
            yield self

    # --- settings --------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.settings.set(key, value)

    # --- trips -----------------------------------------------------------------------------

    def list_trips(self) -> list[Trip]:
        return self.trips.list()

    def has_trip(self, trip_id: str) -> bool:
        return self.trips.has(trip_id)

    def get_trip(self, trip_id: str) -> Trip:
        return self.trips.get(trip_id)

    def put_trip(self, trip: Trip) -> None:
        self.trips.put(trip)

    def delete_trip(self, trip_id: str) -> None:
        self.trips.delete(trip_id)

    def current_trip_id(self) -> str | None:
        return self.trips.current_id()

    def has_programmes(self, trip_id: str) -> bool:
        """Whether any programme is imported for the trip, asked without loading the
        programmes' code (a checklist without one need not import it)."""
        return bool(self.db.rows("SELECT 1 FROM programme WHERE trip_id = ? LIMIT 1", trip_id))

    def set_current_trip(self, trip_id: str) -> None:
        self.trips.set_current(trip_id)

    # --- checklist state -------------------------------------------------------------------

    def item_states(self, trip_id: str) -> dict[str, ItemState]:
        return self.checklist.states(trip_id)

    def set_item_state(self, trip_id: str, item_id: str, state: ItemState) -> None:
        self.checklist.set_state(trip_id, item_id, state)

    def custom_items(self, trip_id: str) -> list[CustomItem]:
        return self.checklist.custom_items(trip_id)

    def add_custom_item(self, trip_id: str, item: CustomItem) -> None:
        self.checklist.add_custom_item(trip_id, item)

    def remove_custom_item(self, trip_id: str, item_id: str) -> None:
        self.checklist.remove_custom_item(trip_id, item_id)

    # --- schedules and picks ---------------------------------------------------------------

    def get_schedule(self, trip_id: str, name: str = MAIN) -> StoredSchedule | None:
        """The whole programme as a Schedule (models built from trusted rows, no validation).

        Reads that show part of a programme should use `programmes.find`/`starred`/... .
        """
        p = self.programmes.get(trip_id, name)
        if p is None:
            return None
        schedule = p.header()
        schedule.sessions = [s.to_session() for s in self.programmes.sessions(trip_id, name)]
        return StoredSchedule(
            schedule, self.programmes.raw(p.id), p.etag, p.last_modified, p.imported, p.changes
        )

    def sessions(self, trip_id: str, name: str = MAIN) -> list[Session]:
        return [s.to_session() for s in self.programmes.sessions(trip_id, name)]

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
        sessions: Iterable[Session] | None = None,
        name: str = MAIN,
    ) -> None:
        """Store a schedule in one transaction, with the change report and renames given.

        `key_renames` maps old session keys to new ones (a source that changed its ids), so
        the user's stars and notes follow their sessions. Picks of sessions that disappeared
        are kept. `sessions` (an iterable consumed once) replaces `schedule.sessions`.
        `programmes.write` computes the report itself.
        """
        self.programmes.write(
            trip_id,
            schedule,
            schedule.sessions if sessions is None else sessions,
            name=name,
            raw=raw,
            etag=etag,
            last_modified=last_modified,
            diff=False,
            changes=changes,
            key_renames=key_renames,
        )

    def touch_schedule(self, trip_id: str, *, etag: str | None, last_modified: str | None) -> None:
        """Record a refresh that found nothing new (HTTP 304)."""
        self.programmes.touch(trip_id, etag=etag, last_modified=last_modified)

    def picks(self, trip_id: str, name: str = MAIN) -> dict[str, Pick]:
        return self.programmes.picks(trip_id, name)

    def set_stars(self, trip_id: str, keys: list[str], starred: bool) -> None:
        self.programmes.set_stars(trip_id, keys, starred)

    def set_note(self, trip_id: str, key: str, note: str) -> None:
        self.programmes.set_note(trip_id, key, note)
