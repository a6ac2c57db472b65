"""App-level messages: what changed, posted so that screens refresh and tests can assert on them.

Plain classes rather than dataclasses: building a dataclass costs about a millisecond, and this
module is imported before the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path


class TripChanged(Message):
    """The current trip was saved (edited, created or switched to)."""

    def __init__(self, trip_id: str) -> None:
        super().__init__()
        self.trip_id = trip_id


class StarToggled(Message):
    def __init__(self, session_key: str, starred: bool) -> None:
        super().__init__()
        self.session_key = session_key
        self.starred = starred


class NoteSaved(Message):
    def __init__(self, session_key: str, note: str) -> None:
        super().__init__()
        self.session_key = session_key
        self.note = note


class ItemStateChanged(Message):
    """A checklist item was ticked, skipped, snoozed, reopened or added."""

    def __init__(self, item_id: str, status: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.status = status


class ScheduleImported(Message):
    def __init__(self, source: str, sessions: int) -> None:
        super().__init__()
        self.source = source
        self.sessions = sessions


class ExportWritten(Message):
    def __init__(self, kind: str, path: Path) -> None:
        super().__init__()
        self.kind = kind
        self.path = path


class InterestChanged(Message):
    """The interest in a session was set: "must", "want", "maybe", or "" (not picked)."""

    def __init__(self, programme: str, session_key: str, level: str) -> None:
        super().__init__()
        self.programme = programme
        self.session_key = session_key
        self.level = level


class PersonalItemChanged(Message):
    """A personal agenda item was added, changed or removed (`what`)."""

    def __init__(self, item_id: str, what: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.what = what
