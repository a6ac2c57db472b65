"""Deep equality of two readings of the same stored JSON: values of the same types all the way
down, and the same fields set (a rule's condition reads which field was given), zones included.
One walk for the trusted reader (models rebuilt without validation) and the lean one (plain
objects): only how a model and a datetime are compared differs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from tripkit.core import lean


def same(a: Any, b: Any, path: str = "$", *, lean_a: bool = False) -> None:
    """`a` is `b`, compared field by field from the model `b`. With `lean_a`, `a` is a lean
    object: of the model's class name, its datetimes at the same offset (a lean datetime has a
    plain fixed-offset zone, pydantic's its own TzInfo); else the same class and zone object."""
    if isinstance(b, BaseModel):
        if lean_a:
            assert isinstance(a, lean.Lean), (path, type(a))
            assert type(a).__name__ == type(b).__name__, path
        else:
            assert type(a) is type(b), path
        assert a.model_fields_set == b.model_fields_set, path
        for name in type(b).model_fields:
            same(getattr(a, name), getattr(b, name), f"{path}.{name}", lean_a=lean_a)
    elif isinstance(b, list | tuple):
        assert type(a) is type(b) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{i}]", lean_a=lean_a)
    elif isinstance(b, dict):
        assert type(a) is dict and list(a) == list(b), path
        for k in b:
            same(a[k], b[k], f"{path}.{k}", lean_a=lean_a)
    else:
        assert type(a) is type(b) and a == b, (path, a, b)
        if isinstance(b, datetime):
            if lean_a:
                assert a.utcoffset() == b.utcoffset(), path
                assert str(a.tzinfo) == str(b.tzinfo) or type(b.tzinfo).__name__ == "TzInfo"
            else:
                assert a.tzinfo == b.tzinfo, path
            assert a.isoformat() == b.isoformat(), path
