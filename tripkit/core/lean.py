"""Plain objects read from JSON tripkit wrote from a valid model, without pydantic: a stored
trip, an item's state, a compiled catalog copy (issue 13: a cold `tripkit checklist --json`).

Why: importing pydantic and making the model classes was more than half of a cold checklist
process's machine instructions, to read JSON that was validated when it was written. A lean
object has its model's fields (tripkit.core.lean_schema, generated from the models), its
model's logic (the mixins the model inherits: tripkit.core.triplogic, tripkit.core.modellogic)
and what the evaluation uses of pydantic's interface (`model_copy`, `model_fields_set`, `==`).
It is what tripkit.core.trusted rebuilds as a model, without the model.

What it trusts: the constraints (lengths, country codes) are not checked again; the
validators that derive values run (through the mixins' `_lean_before`/`_lean_after`).
Anything it cannot rebuild exactly (an unknown or missing key, a value of the wrong JSON
type) raises LeanError, and the caller reads the models instead, which validate and word the
problem: a damaged or older row still gets pydantic's checks and messages.
"""

from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from tripkit.core.zoned import parse_zoned

Convert = Callable[[Any], Any]


class LeanError(ValueError):
    """The JSON cannot be rebuilt exactly without validation: read it with the models."""


class Lean:
    """The base of every lean class: fields in `__dict__`, the keys given in
    `model_fields_set`, and the part of pydantic's interface the evaluation uses."""

    model_fields_set: set[str]
    __hash__ = None  # type: ignore[assignment]  # as a (mutable) pydantic model

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """As pydantic's: a shallow copy (deep with `deep`), `update` set without validation."""
        values = copy.deepcopy(self.__dict__) if deep else self.__dict__.copy()
        fields_set = set(self.model_fields_set)
        if update:
            values.update(update)
            fields_set.update(update)
        values.pop("model_fields_set", None)
        obj = object.__new__(type(self))
        obj.__dict__.update(values)
        object.__setattr__(obj, "model_fields_set", fields_set)
        return obj

    def _fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "model_fields_set"}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Lean)
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields().items())
        return f"{type(self).__name__}({inner})"


_CLASSES: dict[str, type[Lean]] = {}
_PLANS: dict[str, Convert] = {}


def _schema() -> dict[str, Any]:
    from tripkit.core.lean_schema import SCHEMA

    return SCHEMA


def lean_class(name: str) -> type[Lean]:
    """The lean class of the model called `name`: its mixins, then Lean."""
    cls = _CLASSES.get(name)
    if cls is None:
        spec = _schema()[name]
        bases = tuple(_mixin(ref) for ref in spec["mixins"])
        cls = _CLASSES[name] = type(name, (*bases, Lean), {"__module__": __name__})
    return cls


def _mixin(ref: str) -> type:
    module, _, qualname = ref.partition(":")
    mixin: type = getattr(importlib.import_module(module), qualname)
    return mixin


def build(name: str, data: Any) -> Any:
    """The lean object of the model `name` from its JSON (`model_dump(mode="json")` of a
    valid model, or its JSON text parsed). LeanError when it cannot be rebuilt exactly."""
    try:
        return _plan(name)(data)
    except LeanError:
        raise
    except Exception as e:  # noqa: BLE001 - a derivation refusing damaged data: the models say it
        raise LeanError(f"{name}: {type(e).__name__}: {e}") from None


def new(model: str, fields_set: set[str] | None = None, /, **values: Any) -> Any:
    """`Model.model_construct(fields_set, **values)`: the defaults for what is not given."""
    cls = lean_class(model)
    obj = object.__new__(cls)
    full = _template(model)
    full.update(values)
    obj.__dict__.update(full)
    object.__setattr__(obj, "model_fields_set", set(values) if fields_set is None else fields_set)
    return obj


def _template(name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fname, _keys, _conv, default in _schema()[name]["fields"]:
        kind = default[0]
        if kind == "value":
            out[fname] = default[1]
        elif kind == "copy":
            out[fname] = copy.deepcopy(default[1])
        elif kind == "model":
            out[fname] = new(default[1])
        else:
            out[fname] = None
    return out


def _plan(name: str) -> Convert:
    plan = _PLANS.get(name)
    if plan is None:
        # Placeholder first: a model may contain itself (a condition's `all: [conditions]`).
        _PLANS[name] = lambda data: _PLANS[name](data)
        plan = _PLANS[name] = _model_plan(name)
    return plan


def _model_plan(name: str) -> Convert:
    spec = _schema()[name]
    cls = lean_class(name)
    before = getattr(cls, "_lean_before", None) if spec["derives"] else None
    after = getattr(cls, "_lean_after", None) if spec["derives"] else None
    by_key: dict[str, tuple[str, Convert]] = {}
    required: list[str] = []
    for fname, keys, conv, default in spec["fields"]:
        convert = _convert(conv)
        for key in keys:
            by_key[key] = (fname, convert)
        if default[0] == "required":
            required.append(fname)

    def build_one(data: Any) -> Any:
        if before is not None:
            data = before(data)
        if type(data) is not dict:
            raise LeanError(f"{name}: not an object")
        values: dict[str, Any] = {}
        for key, value in data.items():
            entry = by_key.get(key)
            if entry is None or entry[0] in values:
                raise LeanError(f"{name}: unknown key {key!r}")
            values[entry[0]] = entry[1](value)
        for fname in required:
            if fname not in values:
                raise LeanError(f"{name}: {fname} is missing")
        obj = new(name, set(values), **values)
        if after is not None:
            after(obj)
        return obj

    return build_one


def _convert(conv: Any) -> Convert:
    if isinstance(conv, str):
        return _SIMPLE[conv]
    kind = conv[0]
    if kind == "model":
        model = conv[1]
        return lambda v: _plan(model)(v)
    if kind == "opt":
        inner = _convert(conv[1])
        return lambda v: None if v is None else inner(v)
    if kind == "lit":
        allowed = set(conv[1])

        def literal(v: Any) -> Any:
            if v not in allowed:
                raise LeanError(f"{v!r} is not one of {sorted(map(str, allowed))}")
            return v

        return literal
    if kind == "list":
        item = _convert(conv[1])
        return lambda v: [item(x) for x in _typed(v, list)]
    if kind == "tuple":
        item = _convert(conv[1])
        return lambda v: tuple(item(x) for x in _typed(v, list))
    if kind == "dict":
        key, val = _convert(conv[1]), _convert(conv[2])
        return lambda v: {key(k): val(x) for k, x in _typed(v, dict).items()}
    raise LeanError(f"unknown conversion {conv!r}")


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise LeanError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise LeanError(f"expected an integer, got {type(value).__name__}")
    return value


def _float(value: Any) -> float:
    if type(value) not in (int, float):
        raise LeanError(f"expected a number, got {type(value).__name__}")
    return float(value)


def _date(value: Any) -> date:
    if type(value) is not str or len(value) != 10:
        raise LeanError("expected a date like 2026-01-31")
    return date.fromisoformat(value)


# The form pydantic writes a datetime in (model_dump_json): seconds always, microseconds
# when there are any, and Z or a whole-minute offset for an aware one.
_PYDANTIC_DATETIME = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?P<zone>Z|[+-]\d\d:\d\d)?"
)


def _datetime(value: Any) -> datetime:
    if type(value) is not str or _PYDANTIC_DATETIME.fullmatch(value) is None:
        raise LeanError("expected a date and time as pydantic writes it")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    offset = parsed.utcoffset()
    if offset is None:
        return parsed
    # A fixed offset, as pydantic's own (TzInfo): the value and its JSON are the same.
    return parsed.replace(tzinfo=timezone(offset) if offset else UTC)


def datetime_json(value: datetime) -> str:
    """A plain datetime field's JSON as pydantic writes it (`Z` for UTC)."""
    text = value.isoformat()
    if value.utcoffset() == timedelta(0) and text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


def _zoned(value: Any) -> datetime:
    if type(value) is not str:
        raise LeanError("expected a zoned time as text")
    return parse_zoned(value)


def _same(value: Any) -> Any:
    return value


_SIMPLE: dict[str, Convert] = {
    "str": lambda v: _typed(v, str),
    "bool": lambda v: _typed(v, bool),
    "int": _int,
    "float": _float,
    "date": _date,
    "datetime": _datetime,
    "zoned": _zoned,
    "any": _same,
}
