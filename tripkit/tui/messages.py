"""App-level messages: what changed, posted so that screens refresh and tests can assert on them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class TripChanged(Message):
    """The current trip was saved (edited, created or switched to)."""

    trip_id: str


@dataclass
class StarToggled(Message):
    session_key: str
    starred: bool


@dataclass
class NoteSaved(Message):
    session_key: str
    note: str


@dataclass
class ItemStateChanged(Message):
    """A checklist item was ticked, skipped, snoozed, reopened or added."""

    item_id: str
    status: str


@dataclass
class ScheduleImported(Message):
    source: str
    sessions: int


@dataclass
class ExportWritten(Message):
    kind: str
    path: Path
