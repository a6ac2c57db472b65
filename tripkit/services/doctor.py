"""`tripkit doctor`: find what an older tripkit stored badly, export it, and repair it.

Older releases could store values they could not read back (a time with a local-mean-time
offset such as -07:52:58, a time whose UTC instant is in year 0): afterwards every command
that reads the trip failed. The doctor validates every stored row, lists what does not read,
writes each such row to a JSON file (so nothing is lost), and with `repair`:
- a trip: drops the list entries that hold the unreadable values (a stay, a flight, a badge
  pickup window...), keeping the trip, its picks and its schedule; a trip that cannot be
  mended that way is left as it is (exported, to fix by hand and `trip import --replace`);
- a checklist state or custom item that does not read: removed (exported);
- a schedule the 2 -> 3 migration could not read (kept aside in `unreadable`): removed from
  the store after the export.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tripkit.core.models import CustomItem, ItemState, Trip
from tripkit.errors import TripkitError
from tripkit.files import write_atomic
from tripkit.store import Store


@dataclass
class Problem:
    what: str  # "trip", "item_state", "custom_item", "schedule", "database"
    trip_id: str
    key: str
    problem: str
    data: str
    fixed: str = ""  # what the repair did

    def as_json(self) -> dict[str, Any]:
        return asdict(self)  # every field, in the order above


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    exported_to: Path | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems


def _first(exc: ValidationError) -> tuple[tuple[Any, ...], str]:
    err = exc.errors()[0]
    loc = tuple(err.get("loc", ()))
    return loc, (".".join(map(str, loc)) + ": " if loc else "") + str(err.get("msg"))


def _check(model: type[BaseModel], data: str) -> str | None:
    try:
        model.model_validate_json(data)
    except (ValidationError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            return _first(exc)[1]
        return str(exc)
    return None


def examine(store: Store) -> Report:
    """Every row that does not read back, without changing anything."""
    conn = store.db.conn
    report = Report()
    integrity = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    if integrity != ["ok"]:
        report.problems.append(Problem("database", "", "", "; ".join(integrity[:5]), ""))
    for trip_id, data in conn.execute("SELECT id, data FROM trips ORDER BY id").fetchall():
        if (msg := _check(Trip, data)) is not None:
            report.problems.append(Problem("trip", trip_id, trip_id, msg, data))
    for trip_id, item_id, data in conn.execute(
        "SELECT trip_id, item_id, data FROM item_states ORDER BY trip_id, item_id"
    ).fetchall():
        if (msg := _check(ItemState, data)) is not None:
            report.problems.append(Problem("item_state", trip_id, item_id, msg, data))
    for trip_id, item_id, data in conn.execute(
        "SELECT trip_id, id, data FROM custom_items ORDER BY trip_id, id"
    ).fetchall():
        if (msg := _check(CustomItem, data)) is not None:
            report.problems.append(Problem("custom_item", trip_id, item_id, msg, data))
    for row_id, trip_id, what, data, problem in conn.execute(
        "SELECT id, trip_id, what, data, problem FROM unreadable ORDER BY id"
    ).fetchall():
        report.problems.append(Problem(what, trip_id, str(row_id), problem, data))
    return report


def export(report: Report, folder: Path) -> Path:
    """Write every problem row to `folder` (one JSON file each); returns the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for i, p in enumerate(report.problems, 1):
            name = f"{i:03d}-{p.what}-{_safe(p.trip_id)}-{_safe(p.key)}.json"
            write_atomic(
                folder / name, json.dumps(p.as_json(), ensure_ascii=False, indent=2).encode()
            )
    except OSError as exc:
        raise TripkitError(
            "cannot write the exported rows ({detail}); nothing was repaired",
            where=str(folder),
            detail=exc.strerror,
        ) from None
    report.exported_to = folder
    return folder


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:40] or "-"


def _mend_trip(data: str) -> tuple[str, list[str]] | None:
    """The trip without the list entries holding unreadable values, and what was dropped."""
    doc = json.loads(data)
    dropped: list[str] = []
    for _ in range(100):
        try:
            Trip.model_validate(doc)
            return json.dumps(doc, ensure_ascii=False), dropped
        except ValidationError as exc:
            loc, msg = _first(exc)
        # The innermost list on the error's path: drop that entry.
        cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        if cut is None:
            return None
        parent: Any = doc
        for part in loc[:cut]:
            parent = parent[part]
        if not isinstance(parent, list) or not 0 <= loc[cut] < len(parent):
            return None
        del parent[loc[cut]]
        dropped.append(msg)
    return None


def repair(store: Store, report: Report) -> Report:
    """Repair what `examine` found (export first: see `export`). One transaction."""
    if report.problems and report.exported_to is None:
        raise TripkitError("export the rows before repairing them")
    conn = store.db.conn
    with store.transaction():
        for p in report.problems:
            if p.what == "trip":
                mended = _mend_trip(p.data)
                if mended is None:
                    p.fixed = "left as it is: fix the exported file and `trip import --replace`"
                    continue
                data, dropped = mended
                conn.execute("UPDATE trips SET data = ? WHERE id = ?", (data, p.trip_id))
                p.fixed = "removed " + "; ".join(dropped)
            elif p.what == "item_state":
                conn.execute(
                    "DELETE FROM item_states WHERE trip_id = ? AND item_id = ?", (p.trip_id, p.key)
                )
                p.fixed = "removed (the item is back to its default state)"
            elif p.what == "custom_item":
                conn.execute(
                    "DELETE FROM custom_items WHERE trip_id = ? AND id = ?", (p.trip_id, p.key)
                )
                p.fixed = "removed"
            elif p.what == "database":
                p.fixed = "not repairable here: copy the exported rows and start a new store"
            else:
                conn.execute("DELETE FROM unreadable WHERE id = ?", (int(p.key),))
                p.fixed = "removed from the store (import the schedule again)"
    return report


def rescue_folder(store: Store) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return store.path.parent / f"rescued-{stamp}"
