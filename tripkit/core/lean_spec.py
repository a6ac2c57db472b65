"""The table tripkit.core.lean reads stored JSON by, made from the pydantic models themselves.

Why: a cold `tripkit checklist --json` (nothing kept) spent more than half of its machine
instructions importing pydantic and making the model classes (issue 13), to read JSON that
tripkit itself wrote from a validated model: a trip row, an item's state, a compiled catalog
copy. tripkit.core.lean reads such JSON into plain objects with the models' fields and the
models' own logic (the mixins they inherit), by this table.

One place for each fact: the fields stay declared once, in the models. This module derives
the table from them (`python tools/gen_lean_schema.py` writes tripkit/core/lean_schema.py)
and tests/core/test_lean.py fails when the committed table is not what the models give now,
or when a model gains a method or a validator the lean objects would not have.

Imports pydantic: only the generator and the tests use it, never a command.
"""

from __future__ import annotations

import importlib
import pprint
import types
import typing
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

# The models a cold checklist reads from JSON (their nested models are found from them):
# "module:class".
ROOTS = (
    "tripkit.core.models:Trip",
    "tripkit.core.models:ItemState",
    "tripkit.core.models:CustomItem",
    "tripkit.core.models:ChecklistItem",
    "tripkit.core.curated:CountryEntry",
    "tripkit.core.curated:AreaEntry",
    "tripkit.core.curated:RegistrationFile",
    "tripkit.core.curated:WorldDataset",
    "tripkit.catalog.copy_models:_RuleFileCopy",
    "tripkit.catalog.airport_models:AirportCountries",
    "tripkit.catalog.airport_models:AirportCityNames",
    "tripkit.catalog.copy_models:CityNames",
)

# Validators that only check (trusted JSON passed them when it was written): skipped when
# reading. Every other validator must be one the lean objects run through a mixin's hook
# (DERIVING); an unknown one fails the table's test, so none is forgotten.
CHECK_ONLY = frozenset(
    {
        "Passport._dates",
        "TimeWindow._ordered",
        "Conference._ordered",
        "FlightSegment._ordered",
        "GroundLeg._ordered",
        "Stay._ordered",
        "AgendaEntry._ordered",
        "Trip._agenda_ids_unique",
        "Trip._flights_in_order",
        "Trip._ground_in_order",
        "Condition._one_key",
        "Due._known_anchor",
        "Due._duration",
        "Due._one_side",
        "Rule._known_phase",
        "Rule._placeholders",
        "Rule._facts_have_sources",
    }
)
# Validators that derive values: each model's mixin defines `_lean_before` (a classmethod
# on the JSON) and/or `_lean_after` (on the object), which the model's validator calls too.
DERIVING = frozenset({"Traveller._passport_from_list", "Traveller._one_passport_per_citizenship"})


class SpecError(Exception):
    """A model this table cannot describe exactly."""


def _conv(annotation: Any, metadata: list[Any]) -> Any:
    for meta in metadata:
        kind = type(meta).__name__
        if kind == "BeforeValidator":
            if getattr(meta.func, "__module__", "") == "tripkit.core.zoned":
                return "zoned"
            raise SpecError("a before validator in a field's type")
        if kind in ("WrapValidator", "PlainValidator"):
            raise SpecError(f"a {kind} in a field's type")
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _conv(args[0], list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        if len(real) != 1:
            raise SpecError(f"a union {annotation!r}")
        inner = _conv(real[0], [])
        return inner if len(real) == len(args) else ("opt", inner)
    if origin is typing.Literal:
        return ("lit", tuple(args))
    if origin is list:
        return ("list", _conv(args[0], []) if args else "any")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ("tuple", _conv(args[0], []))
    if origin is dict:
        return ("dict", _conv(args[0], []), _conv(args[1], [])) if args else ("dict", "any", "any")
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return ("model", annotation.__name__)
        for py_type, label in ((bool, "bool"), (str, "str"), (int, "int"), (float, "float")):
            if annotation is py_type:
                return label
        if annotation is datetime:
            return "datetime"
        if annotation is date:
            return "date"
    if annotation is Any:
        return "any"
    raise SpecError(f"the type {annotation!r}")


def _nested(conv: Any) -> list[str]:
    if isinstance(conv, tuple):
        if conv[0] == "model":
            return [conv[1]]
        if conv[0] == "lit":
            return []
        return [n for c in conv[1:] for n in _nested(c)]
    return []


def _default(info: Any) -> tuple[Any, ...]:
    if info.default is not PydanticUndefined:
        value = info.default
        if isinstance(value, list | dict):
            return ("copy", value)
        if value is not None and not isinstance(value, str | int | float | bool):
            raise SpecError(f"a default {value!r}")
        return ("value", value)
    factory = info.default_factory
    if factory is None:
        return ("required",)
    if factory in (list, dict):
        return ("copy", factory())
    if isinstance(factory, type) and issubclass(factory, BaseModel):
        return ("model", factory.__name__)
    raise SpecError(f"a default factory {factory!r}")


def _keys(name: str, info: Any) -> tuple[str, ...]:
    va = info.validation_alias
    if va is None:
        return (info.alias or name,)
    if isinstance(va, str):
        return (va,)
    choices = getattr(va, "choices", None)
    if choices is None or not all(isinstance(c, str) for c in choices):
        raise SpecError(f"{name}: an alias path")
    return tuple(choices)


def _mixins(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's bases that are not pydantic's: the logic it shares with its lean twin."""
    out = []
    for base in model.__mro__[1:]:
        if issubclass(base, BaseModel) or base is object:
            continue
        if base.__module__ in ("typing", "builtins") or base.__module__.startswith("pydantic"):
            continue
        out.append(f"{base.__module__}:{base.__qualname__}")
    return tuple(out)


def _validators(model: type[BaseModel]) -> list[str]:
    d = model.__pydantic_decorators__
    names = [*d.model_validators, *d.field_validators]
    out = []
    for name in names:
        owner = next(c for c in model.__mro__ if name in c.__dict__)
        out.append(f"{owner.__name__}.{name}")
    return out


def model_spec(model: type[BaseModel]) -> dict[str, Any]:
    """One model's entry: its mixins and fields (name, JSON keys, conversion, default)."""
    if model.__pydantic_root_model__ or model.__private_attributes__:
        raise SpecError(f"{model.__name__}: root model or private attributes")
    if model.model_config.get("extra") == "allow":
        raise SpecError(f"{model.__name__}: extra keys allowed")
    if not getattr(model, "__pydantic_fields_complete__", True):
        hints = typing.get_type_hints(model, include_extras=True)
    else:
        hints = {}
    validators = _validators(model)
    unknown = [v for v in validators if v not in CHECK_ONLY | DERIVING]
    if unknown:
        raise SpecError(f"{model.__name__}: validators {unknown}: neither CHECK_ONLY nor DERIVING")
    fields = []
    for name, info in model.model_fields.items():
        conv = _conv(hints.get(name, info.annotation), list(info.metadata))
        fields.append((name, _keys(name, info), conv, _default(info)))
    return {
        "mixins": _mixins(model),
        "derives": any(v in DERIVING for v in validators),
        "fields": tuple(fields),
    }


def _load(ref: str) -> type[BaseModel]:
    module, _, name = ref.partition(":")
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


def models() -> dict[str, type[BaseModel]]:
    """Every model the table describes, by class name (the roots and what they nest)."""
    found: dict[str, type[BaseModel]] = {}
    todo = [_load(r) for r in ROOTS]
    by_name: dict[str, type[BaseModel]] = {}

    def note(model: type[BaseModel]) -> None:
        other = by_name.setdefault(model.__name__, model)
        if other is not model:
            raise SpecError(f"two models called {model.__name__}")

    for m in todo:
        note(m)
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for _name, _ks, conv, default in model_spec(model)["fields"]:
            names = _nested(conv) + ([default[1]] if default[0] == "model" else [])
            for n in names:
                nested = _find(model, n)
                note(nested)
                todo.append(nested)
    return dict(sorted(found.items()))


def _find(model: type[BaseModel], name: str) -> type[BaseModel]:
    hints = typing.get_type_hints(model, include_extras=True)
    for hint in [*hints.values(), *(f.default_factory for f in model.model_fields.values())]:
        for m in _models_in(hint):
            if m.__name__ == name:
                return m
    raise SpecError(f"{model.__name__}: cannot find the model {name}")


def _models_in(hint: Any) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [m for a in typing.get_args(hint) for m in _models_in(a)]


def table() -> dict[str, Any]:
    return {name: model_spec(model) for name, model in models().items()}


HEADER = '''"""Generated by `python tools/gen_lean_schema.py` from the models: do not edit.

The fields of the models a cold checklist reads, for tripkit.core.lean (see
tripkit.core.lean_spec for why and how; tests/core/test_lean.py checks it is current).
"""

from typing import Any

# fmt: off
'''


def source() -> str:
    return (
        HEADER
        + "SCHEMA: dict[str, Any] = "
        + pprint.pformat(table(), width=100, sort_dicts=True)
        + "\n"
    )
