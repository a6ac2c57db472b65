"""Trips, the current trip, and deleting a trip with everything that belongs to it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tripkit.errors import NotFoundError, StoreError
from tripkit.store.db import Database, now_utc
from tripkit.store.settings import Settings, per_trip_prefixes

if TYPE_CHECKING:
    from tripkit.core.models import Trip


def _missing(trip_id: str) -> NotFoundError:
    return NotFoundError("no trip called {trip} (see `tripkit trip list`)", trip=repr(trip_id))


class Trips:
    def __init__(self, db: Database, settings: Settings):
        self.db = db
        self.settings = settings

    def list(self) -> list[Trip]:
        return [self._trip(row) for row in self.db.rows("SELECT id, data FROM trips ORDER BY id")]

    def has(self, trip_id: str) -> bool:
        return bool(self.db.rows("SELECT 1 FROM trips WHERE id = ?", trip_id))

    def require(self, trip_id: str) -> None:
        if not self.has(trip_id):
            raise _missing(trip_id)

    def get(self, trip_id: str) -> Trip:
        rows = self.db.rows("SELECT id, data FROM trips WHERE id = ?", trip_id)
        if not rows:
            raise _missing(trip_id)
        return self._trip(rows[0])

    def raw(self, trip_id: str) -> dict[str, Any]:
        """The trip's stored JSON as a dict, unvalidated (it was validated when written):
        for reads that need a field or two, like the venue's zone, without pydantic."""
        rows = self.db.rows("SELECT data FROM trips WHERE id = ?", trip_id)
        if not rows:
            raise _missing(trip_id)
        data: dict[str, Any] = json.loads(rows[0][0])
        return data

    def _trip(self, row: Any) -> Trip:
        """The stored trip. Rows are validated when written (`put`), so they are read back
        without validation when they can be rebuilt exactly (`tripkit.core.trusted`); a row
        that cannot (written by an older release, edited by hand) is validated strictly."""
        from pydantic import ValidationError

        from tripkit.core.models import Trip
        from tripkit.core.trusted import Untrusted, trusted

        try:
            return trusted(Trip, json.loads(row[1]))
        except (Untrusted, ValueError, RecursionError):
            pass
        try:
            return Trip.model_validate_json(row[1])
        except ValidationError as exc:
            raise StoreError(
                "trip {trip} in the store is invalid: {problem}; `tripkit doctor` can repair or "
                "export it",
                where=str(self.db.path),
                trip=repr(row[0]),
                problem=first_error(exc),
            ) from None

    def put(self, trip: Trip) -> None:
        """Create or replace a trip. The user's checklist state and picks are kept."""
        from pydantic import ValidationError

        from tripkit.core.models import Trip

        data = trip.model_dump_json()
        try:  # never store what cannot be read back (a time in year 0 UTC, say)
            Trip.model_validate_json(data)
        except (ValidationError, ValueError) as exc:
            raise StoreError(
                "the trip cannot be stored: {problem}", problem=first_error(exc)
            ) from None
        with self.db.tx():
            self.db.conn.execute(
                "INSERT INTO trips(id, data, updated) VALUES(?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated = excluded.updated",
                (trip.id, data, now_utc().isoformat()),
            )

    def delete(self, trip_id: str) -> None:
        """The trip and everything of it: state, items, programmes, picks, its settings."""
        from tripkit.store.schedules import delete_programme

        with self.db.tx():
            if not self.has(trip_id):
                raise NotFoundError("no trip called {trip}", trip=repr(trip_id))
            conn = self.db.conn
            for (pid,) in conn.execute(
                "SELECT id FROM programme WHERE trip_id = ?", (trip_id,)
            ).fetchall():
                delete_programme(conn, pid)
            for table in ("pick", "custom_items", "item_states", "unreadable", "checklist_cache"):
                conn.execute(f"DELETE FROM {table} WHERE trip_id = ?", (trip_id,))  # noqa: S608
            conn.execute("DELETE FROM trips WHERE id = ?", (trip_id,))
            self.settings.delete_for_trip(trip_id, per_trip_prefixes())
            if self.settings.get("current_trip") == trip_id:
                self.settings.delete("current_trip")

    def current_id(self) -> str | None:
        current = self.settings.get("current_trip")
        if current and self.has(current):
            return current
        rows = self.db.rows("SELECT id FROM trips ORDER BY updated DESC LIMIT 1")
        return rows[0][0] if rows else None

    def set_current(self, trip_id: str) -> None:
        if not self.has(trip_id):
            raise NotFoundError("no trip called {trip}", trip=repr(trip_id))
        self.settings.set("current_trip", trip_id)


def first_error(exc: Exception) -> str:
    """The first problem pydantic found, as `field.path: message`."""
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc)
    err = errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))
