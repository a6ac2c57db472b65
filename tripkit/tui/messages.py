"""App-level messages: what changed, posted so that screens refresh and tests can assert on them.

Each message lists its fields as annotations, and `_Fields` sets them from the constructor's
arguments in that order (type checkers see the typed constructor, through
`dataclass_transform`). Not dataclasses: building one costs about a millisecond, and this module
is imported before the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, dataclass_transform

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path


@dataclass_transform(eq_default=False)
class _Fields(Message):
    """A message whose fields are its class's annotations, set in order by the constructor."""

    _names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = tuple(cls.__dict__.get("__annotations__", {}))

    def __init__(self, *values: object) -> None:
        super().__init__()
        for name, value in zip(self._names, values, strict=True):
            setattr(self, name, value)


class TripChanged(_Fields):
    """The current trip was saved (edited, created or switched to)."""

    trip_id: str


class StarToggled(_Fields):
    session_key: str
    starred: bool


class NoteSaved(_Fields):
    session_key: str
    note: str


class ItemStateChanged(_Fields):
    """A checklist item was ticked, skipped, snoozed, reopened or added."""

    item_id: str
    status: str


class ScheduleImported(_Fields):
    source: str
    sessions: int


class ExportWritten(_Fields):
    kind: str
    path: Path


class InterestChanged(_Fields):
    """The interest in a session was set: "must", "want", "maybe", or "" (not picked)."""

    programme: str
    session_key: str
    level: str


class ReservationChanged(_Fields):
    """A session's reservation state was set: "reserved", "waitlisted", "full", "not-needed",
    or "" (none recorded)."""

    programme: str
    session_key: str
    state: str


class PersonalItemChanged(_Fields):
    """A personal agenda item was added, changed or removed (`what`)."""

    item_id: str
    what: str
