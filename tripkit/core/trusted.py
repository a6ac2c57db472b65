"""Models rebuilt from JSON that tripkit itself wrote after validating it, without pydantic's
validation: a stored trip row, a compiled catalog copy.

Why: validating is what builds a model's validator (`defer_build`), and for a trip and the
country catalogs that is most of a `tripkit checklist --json` process (~80 ms of ~350).
What was validated at write time need not be validated again at read time (issue 13:
"validate on write; read trusted rows").

`trusted(Model, data)` builds the same object `Model.model_validate(data)` would for data
that `model_dump(mode="json")` of a valid model produced: the model's own before/after
model validators and field validators still run (they derive values, e.g. a traveller's
passports), JSON values are converted by the field's type (dates, zoned times, nested
models, lists, dicts), and the keys given are the fields set. What it does not do is
re-check constraints (lengths, country codes): that is the trust. Anything it does not know
how to rebuild exactly (an unknown key, a missing required field, a union of two models, a
wrap validator, a value of the wrong JSON type) raises `Untrusted`, and the caller validates
strictly instead, so a damaged or older row still gets pydantic's checks and messages.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined, TzInfo

from tripkit.core.zoned import parse_zoned

M = TypeVar("M", bound=BaseModel)
Convert = Callable[[Any], Any]


class Untrusted(Exception):
    """The data cannot be rebuilt exactly without validation: validate it instead."""


def trusted(model: type[M], data: Any) -> M:
    """`model.model_validate(data)` for JSON data tripkit wrote from a valid model, without
    building the model's validator. Raises Untrusted (see the module docstring)."""
    try:
        out: M = _plan(model)(data)
    except Untrusted:
        raise
    except Exception as e:  # noqa: BLE001 - a model's validator refusing damaged data, say:
        # whatever it is, the strict reader says it properly
        raise Untrusted(f"{model.__name__}: {type(e).__name__}: {e}") from None
    return out


_PLANS: dict[type[BaseModel], Convert] = {}


def _plan(model: type[BaseModel]) -> Convert:
    plan = _PLANS.get(model)
    if plan is None:
        # Placeholder first: a model may contain itself (a condition's `all: [conditions]`).
        _PLANS[model] = lambda data: _PLANS[model](data)
        try:
            plan = _PLANS[model] = _model_plan(model)
        except Untrusted as e:
            _PLANS[model] = plan = _refuse(f"{model.__name__}: {e}")
    return plan


def _refuse(why: str) -> Convert:
    def refuse(_data: Any) -> Any:
        raise Untrusted(why)

    return refuse


def _model_plan(model: type[BaseModel]) -> Convert:
    if model.__pydantic_root_model__ or model.__private_attributes__:
        raise Untrusted(f"{model.__name__}: root model or private attributes")
    if model.__pydantic_post_init__:
        raise Untrusted(f"{model.__name__}: a post-init hook")
    if model.model_config.get("extra") == "allow":
        raise Untrusted(f"{model.__name__}: extra keys allowed")
    decorators = model.__pydantic_decorators__
    before: list[Callable[[Any], Any]] = []
    after: list[Callable[[Any], Any]] = []
    for dec in decorators.model_validators.values():
        mode = dec.info.mode
        func = dec.func  # before: bound to the class already; after: takes the instance
        if mode == "before":
            before.append(func)
        elif mode == "after":
            after.append(func)
        else:
            raise Untrusted(f"{model.__name__}: a {mode} model validator")
    field_checks: dict[str, list[Callable[[Any], Any]]] = {}
    for fdec in decorators.field_validators.values():
        if fdec.info.mode not in ("before", "after"):
            raise Untrusted(f"{model.__name__}: a {fdec.info.mode} field validator")
        for name in fdec.info.fields:
            field_checks.setdefault(name, []).append(_field_func(fdec, model))
    fields: list[tuple[str, Convert, FieldInfo]] = []
    # The fields' types as pydantic evaluated them when the class was made (the Annotated
    # metadata moved to `info.metadata`); when one was a forward reference then (pydantic
    # leaves those unresolved until a model is built, which is what this module avoids), the
    # annotations as written, evaluated now. Evaluating every model's annotations again cost
    # ~3 ms of a cold `tripkit checklist --json` (issue 13).
    hints: dict[str, Any] = {}
    if not getattr(model, "__pydantic_fields_complete__", False):
        try:
            hints = typing.get_type_hints(model, include_extras=True)
        except (NameError, TypeError) as e:
            raise Untrusted(f"{model.__name__}: {e}") from None
    for name, info in model.model_fields.items():
        fields.append((name, _convert(hints.get(name, info.annotation), info.metadata), info))
    # Worked out once per model: the __dict__ of an instance given no key (pydantic's
    # defaults, in field order, immutable ones shared), the factories of the fields whose
    # default is made per instance (mutable defaults are copied), and the required fields.
    # A rebuild then copies that and converts only the keys given: a rule's condition has
    # ~25 fields of which one is given (issue 13: the rules and the country catalogs are
    # most of what a cold `tripkit checklist --json` rebuilds).
    template: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    required: list[str] = []
    by_key: dict[str, tuple[str, Convert, tuple[Convert, ...]]] = {}
    for name, convert, info in fields:
        template[name] = None
        if info.default is not PydanticUndefined:
            if isinstance(info.default, list | dict | set):
                factories.append((name, partial(copy.deepcopy, info.default)))
            else:
                template[name] = info.default
        elif info.default_factory is not None:
            factories.append((name, info.default_factory))  # type: ignore[arg-type]
        else:
            required.append(name)
        entry = (name, convert, tuple(field_checks.get(name, ())))
        by_key.update(dict.fromkeys(_keys(name, info), entry))
    new = model.__new__
    setattr_ = object.__setattr__

    def build(data: Any) -> Any:
        for func in before:
            data = func(data)
        if not isinstance(data, dict):
            raise Untrusted(f"{model.__name__}: not an object")
        values = template.copy()
        given: set[str] = set()
        for key, value in data.items():
            entry = by_key.get(key)
            if entry is None or entry[0] in given:
                raise Untrusted(f"{model.__name__}: unknown key {key!r}")
            name, convert, checks = entry
            given.add(name)
            value = convert(value)
            for check in checks:
                value = check(value)
            values[name] = value
        for name, factory in factories:
            if name not in given:
                values[name] = factory()
        for name in required:
            if name not in given:
                raise Untrusted(f"{model.__name__}: {name} is missing")
        obj = new(model)
        setattr_(obj, "__dict__", values)
        setattr_(obj, "__pydantic_fields_set__", given)
        setattr_(obj, "__pydantic_extra__", None)
        setattr_(obj, "__pydantic_private__", None)
        for func in after:
            obj = func(obj)
        return obj

    return build


def _field_func(dec: Any, model: type[BaseModel]) -> Callable[[Any], Any]:
    func = dec.func  # bound to the class (pydantic validators are class methods)
    if dec.info.mode == "before":
        # Run on the converted value: only a check that returns its input is safe here,
        # which is what tripkit's before field validators are (the rules' phase check).
        def check(value: Any) -> Any:
            out = func(value)
            if out is not value and out != value:
                raise Untrusted(f"{model.__name__}: a before validator changed a value")
            return value

        return check
    return func  # type: ignore[no-any-return]


def _keys(name: str, info: FieldInfo) -> list[str]:
    out = [info.alias or name]
    va = info.validation_alias
    if va is None:
        return out
    if isinstance(va, str):
        return [va]
    choices = getattr(va, "choices", None)
    if choices is None or not all(isinstance(c, str) for c in choices):
        raise Untrusted(f"{name}: an alias path")
    return list(choices)


def _convert(annotation: Any, metadata: list[Any]) -> Convert:
    """How a JSON value becomes the field's value, for the types tripkit's models use."""
    for meta in metadata:
        kind = type(meta).__name__
        if kind == "BeforeValidator":
            if getattr(meta.func, "__module__", "") == "tripkit.core.zoned":
                return _zoned
            raise Untrusted("a before validator in a field's type")
        if kind in ("WrapValidator", "PlainValidator"):
            raise Untrusted(f"a {kind} in a field's type")
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _convert(args[0], list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        if len(real) != 1:
            raise Untrusted(f"a union {annotation!r}")
        inner = _convert(real[0], [])
        if len(real) == len(args):
            return inner
        return lambda v: None if v is None else inner(v)
    if origin is typing.Literal:
        allowed = set(args)

        def literal(v: Any) -> Any:
            if v not in allowed:
                raise Untrusted(f"{v!r} is not one of {sorted(map(str, allowed))}")
            return v

        return literal
    if origin is list:
        item = _convert(args[0], []) if args else _same
        return lambda v: [item(x) for x in _typed(v, list)]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _convert(args[0], [])
        return lambda v: tuple(item(x) for x in _typed(v, list))
    if origin is dict:
        key = _convert(args[0], []) if args else _same
        val = _convert(args[1], []) if args else _same
        return lambda v: {key(k): val(x) for k, x in _typed(v, dict).items()}
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _plan(annotation)
        if annotation is bool:
            return lambda v: _typed(v, bool)
        if annotation is str:
            return lambda v: _typed(v, str)
        if annotation is int:
            return _int
        if annotation is float:
            return _float
        if annotation is datetime:
            return _datetime
        if annotation is date:
            return _date
    if annotation is Any:
        return _same
    raise Untrusted(f"the type {annotation!r}")


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise Untrusted(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _same(value: Any) -> Any:
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise Untrusted(f"expected an integer, got {type(value).__name__}")
    return value


def _float(value: Any) -> float:
    if type(value) not in (int, float):
        raise Untrusted(f"expected a number, got {type(value).__name__}")
    return float(value)


def _date(value: Any) -> date:
    if type(value) is not str or len(value) != 10:
        raise Untrusted("expected a date like 2026-01-31")
    return date.fromisoformat(value)


# The form pydantic writes a datetime in (model_dump_json): seconds always, microseconds
# when there are any, and Z or a whole-minute offset for an aware one.
_PYDANTIC_DATETIME = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?P<zone>Z|[+-]\d\d:\d\d)?"
)


def _datetime(value: Any) -> datetime:
    # Only what pydantic would give back identically. An aware time comes back from pydantic
    # with its own tzinfo class (TzInfo, a fixed offset): rebuilt with the same class, so the
    # value, its repr and its JSON are those of a validated one (the checklist's item states
    # carry the time they changed, in UTC).
    if type(value) is not str or (m := _PYDANTIC_DATETIME.fullmatch(value)) is None:
        raise Untrusted("expected a date and time as pydantic writes it")
    parsed = datetime.fromisoformat(value)
    if m["zone"] is None:
        return parsed
    offset = parsed.utcoffset()
    assert offset is not None  # the pattern had a zone
    return parsed.replace(tzinfo=TzInfo(int(offset.total_seconds())))


def _zoned(value: Any) -> datetime:
    if type(value) is not str:
        raise Untrusted("expected a zoned time as text")
    return parse_zoned(value)
