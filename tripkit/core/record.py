"""Records for the rule engine: what a dataclass gives them (an __init__ by field, in order
or by name, defaults and default factories, `==`, repr, frozen instances and their hash,
`replace`), without what a dataclass costs when its class is made.

A dataclass writes the source of its __init__, __repr__, __eq__ (and, frozen, __setattr__,
__delattr__, __hash__) and compiles it at import, in every process: ~75 M machine
instructions for the engine's ~20 classes on a cold `tripkit checklist --json` (`Verdict`,
45 fields, 14 M alone; issue 13). msgspec's Structs avoid that, but importing msgspec costs
~15 M. Here the methods are written once, for every record, and a class only lists its
fields when it is made. Instances are few (a verdict per border and passport), so the
generic __init__ costs nothing that shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")

_MISSING: Any = object()


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made per instance (`field(default_factory=list)`)."""
    return _Factory(default_factory)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


@dataclass_transform(field_specifiers=(field,))
class Record:
    """Subclass with annotated fields (`class Border(Record, frozen=True): ...`)."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Callable[[], Any]]] = {}
    _frozen: ClassVar[bool] = False

    def __init_subclass__(cls, *, frozen: bool = False, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        own = cls.__dict__.get("__annotations__", {})
        names = list(cls._fields)  # a base record's fields first, as a dataclass's
        defaults = dict(cls._defaults)
        factories = dict(cls._factories)
        for name, kind in own.items():
            if str(kind).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in names:
                names.append(name)
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, _Factory):
                factories[name] = value.make
                delattr(cls, name)
            elif value is not _MISSING:
                defaults[name] = value
        cls._fields = tuple(names)
        cls._defaults = defaults
        cls._factories = factories
        cls._frozen = frozen
        if not frozen:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared: unhashable

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} fields, not {len(args)}")
        given = dict(zip(fields, args, strict=False))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{type(self).__name__}() has no field {name!r}")
            if name in given:
                raise TypeError(f"{type(self).__name__}() got {name!r} twice")
            given[name] = value
        values: dict[str, Any] = {}
        for name in fields:
            if name in given:
                values[name] = given[name]
            elif name in self._defaults:
                values[name] = self._defaults[name]
            elif name in self._factories:
                values[name] = self._factories[name]()
            else:
                raise TypeError(f"{type(self).__name__}() is missing {name!r}")
        object.__setattr__(self, "__dict__", values)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._frozen:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__qualname__}({inner})"


def replace(obj: R, /, **changes: Any) -> R:
    """A copy of `obj` with `changes` (as dataclasses.replace)."""
    for name in changes:
        if name not in obj._fields:
            raise TypeError(f"{type(obj).__name__} has no field {name!r}")
    new = object.__new__(type(obj))
    object.__setattr__(new, "__dict__", {**obj.__dict__, **changes})
    return new
