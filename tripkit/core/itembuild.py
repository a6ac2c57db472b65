"""Checklist items built and written out without pydantic's validator and serializer.

Why: `ChecklistItem` and `ItemState` are `defer_build` models, and building their validator
(plus, on the way, pydantic's plugin loader and importlib.metadata) was the largest single
cost left in a `tripkit checklist --json` process after the trusted reads of trips and
catalogs (issue 13). Every value an item is made of was computed by tripkit from data
validated when it was read or written (rules, the trip, the user's state), so what the
validator would add is the normalisation of `due` alone, done here with the field's own
function (`parse_zoned`).

The fields stay declared once, in tripkit.core.models; tests/checklist/test_itembuild.py
fails when a field, a validator or a serializer is added there that this module does not
know about.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tripkit.core import lean, leanmode
from tripkit.core.lean_schema import SCHEMA
from tripkit.core.zoned import format_zoned, parse_zoned

if TYPE_CHECKING:
    from tripkit.core.models import ChecklistItem, ItemState, Source

# In a lean evaluation (tripkit.core.leanmode) the items are lean objects (tripkit.core.lean),
# made and written out without pydantic (issue 13); else models, made by model_construct.


# The models' fields, from the table generated from them (tests/core/test_lean.py keeps the
# two the same), read without importing the models.
_FIELDS = frozenset(f[0] for f in SCHEMA["ChecklistItem"]["fields"])
_REQUIRED = frozenset(f[0] for f in SCHEMA["ChecklistItem"]["fields"] if f[3] == ("required",))
_STATE_FIELDS = frozenset(f[0] for f in SCHEMA["ItemState"]["fields"])


def new_state(**values: Any) -> ItemState:
    """`ItemState(**values)` for values tripkit computed itself (the user's state as a
    reservation settles it, say): the fields set are the keys given; `snoozed_until` goes
    through ZonedDateTime's own normalisation. A misspelt field is a TypeError."""
    if not set(values) <= _STATE_FIELDS:
        raise TypeError(f"ItemState: unknown {sorted(set(values) - _STATE_FIELDS)}")
    until = values.get("snoozed_until")
    if until is not None:
        values["snoozed_until"] = parse_zoned(until)
    if leanmode.on():
        state: ItemState = lean.new("ItemState", set(values), **values)
        return state
    from tripkit.core.models import ItemState

    return ItemState.model_construct(set(values), **values)


def blank_state() -> ItemState:
    """`ItemState()`: every field at its default (the user did nothing with the item)."""
    return new_state()


def new_item(**values: Any) -> ChecklistItem:
    """`ChecklistItem(**values)` for values tripkit computed itself (see the module docstring).

    The fields set are the keys given, as with validation; lists are copied as validation
    copies them; `due` goes through ZonedDateTime's own normalisation. A misspelt or missing
    field is a TypeError (model_construct would drop or leave it silently)."""
    fields_set = set(values)
    if not _REQUIRED <= fields_set <= _FIELDS:
        raise TypeError(
            f"ChecklistItem: unknown {sorted(fields_set - _FIELDS)}, "
            f"missing {sorted(_REQUIRED - fields_set)}"
        )
    due = values.get("due")
    if due is not None:
        values["due"] = parse_zoned(due)
    for name in ("sources", "depends_on"):
        # Copied as validation copies them; absent, the default given here: pydantic's own
        # (`default_factory=list`) first asks inspect.signature(list) whether the factory
        # takes the validated data, which compiles the tokenizer's patterns (~2 ms, once per
        # process). Not in `fields_set`, as a default is not.
        values[name] = list(values[name]) if name in values else []
    if "state" not in values:
        values["state"] = blank_state()  # the default factory would validate ItemState()
    if leanmode.on():
        item: ChecklistItem = lean.new("ChecklistItem", fields_set, **values)
        return item
    from tripkit.core.models import ChecklistItem

    return ChecklistItem.model_construct(fields_set, **values)


def _zoned(value: datetime | None) -> str | None:
    return None if value is None else format_zoned(value)


def source_json(source: Source) -> dict[str, Any]:
    """`source.model_dump(mode="json")` as a `Source` field writes it (a subclass such as
    curated's DataSource is written with Source's fields only, as pydantic does)."""
    return {"title": source.title, "url": source.url, "date": source.date}


def state_json(state: ItemState) -> dict[str, Any]:
    """`state.model_dump(mode="json")`."""
    return {
        "status": state.status,
        "reason": state.reason,
        "snoozed_until": _zoned(state.snoozed_until),
        # a plain datetime field: pydantic-core's own JSON form of it (tripkit.core.lean)
        "changed": None if state.changed is None else lean.datetime_json(state.changed),
    }


def item_json(item: ChecklistItem) -> dict[str, Any]:
    """`item.model_dump(mode="json")`, same keys in the same order, same values."""
    return {
        "id": item.id,
        "phase": item.phase,
        "title": item.title,
        "details": item.details,
        "due": _zoned(item.due),
        "due_day": None if item.due_day is None else item.due_day.isoformat(),
        "status": item.status,
        "reason": item.reason,
        "problem": item.problem,
        "sources": [source_json(s) for s in item.sources],
        "depends_on": list(item.depends_on),
        "custom": item.custom,
        "elsewhere": item.elsewhere,
        "state": state_json(item.state),
    }


__all__ = ["blank_state", "new_state", "new_item", "item_json", "state_json", "source_json"]
