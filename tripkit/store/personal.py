"""The repository of personal agenda items (table personal_item, schema 4)."""

from __future__ import annotations

from typing import Any

from tripkit.core.personal import PersonalItem
from tripkit.core.zoned import from_micros, micros, zone_of
from tripkit.errors import NotFoundError
from tripkit.store.db import Database
from tripkit.store.trips import Trips

_COLS = "id, title, start_us, start_tz, end_us, end_tz, place, note, kind"


def _item(row: Any) -> PersonalItem:
    return PersonalItem(
        row[0],
        row[1],
        from_micros(row[2], row[3]),
        from_micros(row[4], row[5]),
        row[6],
        row[7],
        row[8],
    )


class PersonalItems:
    def __init__(self, db: Database, trips: Trips):
        self.db = db
        self.trips = trips

    def list(
        self, trip_id: str, *, start_us: int | None = None, end_us: int | None = None
    ) -> list[PersonalItem]:
        """The trip's items in time order (optionally those starting in [start, end))."""
        where = "trip_id = ?"
        args: list[Any] = [trip_id]
        if start_us is not None and end_us is not None:
            where += " AND start_us >= ? AND start_us < ?"
            args += [start_us, end_us]
        return [
            _item(r)
            for r in self.db.rows(
                f"SELECT {_COLS} FROM personal_item WHERE {where} "  # noqa: S608
                "ORDER BY start_us, end_us, id",
                *args,
            )
        ]

    def get(self, trip_id: str, item_id: str) -> PersonalItem:
        rows = self.db.rows(
            f"SELECT {_COLS} FROM personal_item "  # noqa: S608
            "WHERE trip_id = ? AND id = ?",
            trip_id,
            item_id,
        )
        if not rows:
            raise NotFoundError(
                "no agenda item with id {item} (see `tripkit agenda list`)", item=repr(item_id)
            )
        return _item(rows[0])

    def ids(self, trip_id: str) -> set[str]:
        return {
            r[0] for r in self.db.rows("SELECT id FROM personal_item WHERE trip_id = ?", trip_id)
        }

    def put(self, trip_id: str, item: PersonalItem) -> None:
        """Add the item, or replace the one with its id."""
        with self.db.tx():
            self.trips.require(trip_id)
            self.db.conn.execute(
                f"INSERT OR REPLACE INTO personal_item(trip_id, {_COLS}) "  # noqa: S608
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    trip_id,
                    item.id,
                    item.title,
                    micros(item.start),
                    zone_of(item.start).key,
                    micros(item.end),
                    zone_of(item.end).key,
                    item.place,
                    item.note,
                    item.kind,
                ),
            )

    def remove(self, trip_id: str, item_id: str) -> PersonalItem:
        with self.db.tx():
            item = self.get(trip_id, item_id)
            self.db.conn.execute(
                "DELETE FROM personal_item WHERE trip_id = ? AND id = ?", (trip_id, item_id)
            )
        return item


__all__ = ["PersonalItems"]
