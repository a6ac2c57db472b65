"""The user's checklist state per item, and the items they added themselves."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, TypeVar

from tripkit.errors import NotFoundError, StoreError, TripkitError
from tripkit.store.db import Database, now_utc
from tripkit.store.trips import Trips, first_error

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tripkit.core.models import CustomItem, ItemState

    M = TypeVar("M", bound=BaseModel)


def _read(model: type[M], data: str) -> M:
    """A stored row: validated when written, so rebuilt without validation when it can be
    exactly (tripkit.core.trusted; as trips are read), else validated strictly. Building the
    validator of ItemState or CustomItem cost a checklist process more than reading them."""
    from tripkit.core.trusted import Untrusted, trusted

    try:
        return trusted(model, json.loads(data))
    except (Untrusted, ValueError, RecursionError):
        return model.model_validate_json(data)


def _read_lean(name: str, data: str) -> Any:
    """In a lean evaluation (tripkit.core.leanmode), the row as a lean object (tripkit.core.lean,
    without pydantic); else, or when it cannot be read lean (an older release's, edited by
    hand), the model (`_read`), which validates it and words any problem."""
    from tripkit.core import lean, leanmode

    if leanmode.on():
        try:
            return lean.build(name, json.loads(data))
        except (ValueError, RecursionError):
            pass
    from tripkit.core import models

    return _read(getattr(models, name), data)


class Checklist:
    def __init__(self, db: Database, trips: Trips):
        self.db = db
        self.trips = trips

    def states(self, trip_id: str) -> dict[str, ItemState]:
        out: dict[str, ItemState] = {}
        for item_id, data in self.db.rows(
            "SELECT item_id, data FROM item_states WHERE trip_id = ?", trip_id
        ):
            try:
                out[item_id] = _read_lean("ItemState", data)
            except ValueError as exc:
                raise StoreError(
                    "state of item {item} is invalid: {problem}",
                    where=str(self.db.path),
                    item=repr(item_id),
                    problem=first_error(exc),
                ) from None
        return out

    def set_state(self, trip_id: str, item_id: str, state: ItemState) -> None:
        from tripkit.core.models import ItemState

        state = state.model_copy(update={"changed": now_utc()})
        data = state.model_dump_json()
        try:
            ItemState.model_validate_json(data)
        except ValueError as exc:
            raise StoreError(
                "the item's state cannot be stored: {problem}", problem=first_error(exc)
            ) from None
        with self.db.tx():
            self.trips.require(trip_id)
            self.db.conn.execute(
                "INSERT INTO item_states(trip_id, item_id, data) VALUES(?, ?, ?) "
                "ON CONFLICT(trip_id, item_id) DO UPDATE SET data = excluded.data",
                (trip_id, item_id, data),
            )

    def custom_items(self, trip_id: str) -> list[CustomItem]:
        rows = self.db.rows(
            "SELECT data FROM custom_items WHERE trip_id = ? ORDER BY rowid", trip_id
        )
        try:
            return [_read_lean("CustomItem", r[0]) for r in rows]
        except ValueError as exc:
            raise StoreError(
                "a custom item is invalid: {problem}",
                where=str(self.db.path),
                problem=first_error(exc),
            ) from None

    def add_custom_item(self, trip_id: str, item: CustomItem) -> None:
        from tripkit.core.models import CustomItem

        data = item.model_dump_json()
        try:
            CustomItem.model_validate_json(data)
        except ValueError as exc:
            raise StoreError(
                "the item cannot be stored: {problem}", problem=first_error(exc)
            ) from None
        with self.db.tx():
            if not self.trips.has(trip_id):
                raise NotFoundError("no trip called {trip}", trip=repr(trip_id))
            try:
                self.db.conn.execute(
                    "INSERT INTO custom_items(trip_id, id, data) VALUES(?, ?, ?)",
                    (trip_id, item.id, data),
                )
            except sqlite3.IntegrityError:
                # The user's mistake, not the store's: a plain error, not a "Store problem".
                raise TripkitError(
                    "an item called {item} exists already; choose another id (or remove that "
                    "one first)",
                    title="Item exists",
                    item=repr(item.id),
                ) from None

    def remove_custom_item(self, trip_id: str, item_id: str) -> None:
        with self.db.tx():
            cur = self.db.conn.execute(
                "DELETE FROM custom_items WHERE trip_id = ? AND id = ?", (trip_id, item_id)
            )
            if cur.rowcount == 0:
                raise NotFoundError("no custom item called {item}", item=repr(item_id))
            self.db.conn.execute(
                "DELETE FROM item_states WHERE trip_id = ? AND item_id = ?", (trip_id, item_id)
            )
