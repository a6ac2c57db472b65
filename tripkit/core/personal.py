"""Personal agenda items: the traveller's own meetings, booth shifts, meals, travel blocks.

Pure: an item is built from already-parsed zoned times; the store keeps them, the services
mix them with starred sessions. An item has the attributes the conflict check reads
(key, title, start, end, room, cancelled), so `core.agenda.conflicts` takes it as it takes a
session. Its key is ``me:<id>``: it never equals a session key of an imported programme's
(those carry no such prefix in the agenda's "programme/key" form) and it is stable, so the
.ics export can derive a UID that stays the same across edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tripkit.core.zoned import utc, zone_of
from tripkit.errors import Msg

KINDS = ("meeting", "booth", "meal", "travel", "badge", "other")

# Ids people can type: lower-case letters, digits, "-" (an id is made from the title).
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")

PREFIX = "me:"


@dataclass(frozen=True, slots=True)
class PersonalItem:
    id: str
    title: str
    start: datetime
    end: datetime
    place: str = ""
    note: str = ""
    kind: str = "other"

    def __post_init__(self) -> None:
        check_item(self)

    @property
    def key(self) -> str:
        return PREFIX + self.id

    @property
    def room(self) -> str:
        return self.place

    @property
    def cancelled(self) -> bool:
        return False

    @property
    def programme(self) -> str:
        return ""


def check_item(item: PersonalItem) -> None:
    """Raise ValueError naming the first thing wrong with `item`."""
    if not _ID.match(item.id):
        raise ValueError(f"id {item.id!r}: use lower-case letters, digits and '-'")
    if not item.title.strip():
        raise ValueError(Msg("the title is empty"))
    if len(item.title) > 200:
        raise ValueError(Msg("the title is longer than 200 characters"))
    if item.kind not in KINDS:
        raise ValueError(f"kind {item.kind!r}: use one of {', '.join(KINDS)}")
    for t in (item.start, item.end):
        zone_of(t)  # an IANA zone, not a bare offset: the agenda shows it by name
    if utc(item.end) <= utc(item.start):
        raise ValueError(Msg("it ends before it starts"))


def slug(title: str, taken: set[str]) -> str:
    """A new id from the title (ASCII letters and digits), unique among `taken`."""
    base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40].strip("-") or "item"
    if not base[0].isalnum():
        base = "item-" + base
    out, n = base, 2
    while out in taken:
        out = f"{base}-{n}"
        n += 1
    return out


@dataclass(frozen=True)
class Leave:
    """When to leave where you stay for the first thing of a day."""

    day: date
    first: Any  # the first session or personal item of that day
    leave: datetime  # its start minus the travel time, in the venue's zone
    stay: Any  # the stay (name, address) you sleep at before it, or None


def leave_times(items: Iterable[Any], stays: Sequence[Any], minutes: int, tz: str) -> list[Leave]:
    """For each day (in the venue's zone `tz`), the first item and when to leave for it.
    The stay is the one whose check-in is before that item and check-out after it."""
    zone = ZoneInfo(tz)
    first: dict[date, Any] = {}
    for it in sorted(items, key=lambda x: utc(x.start)):
        if getattr(it, "cancelled", False):
            continue
        first.setdefault(it.start.astimezone(zone).date(), it)
    out = []
    for day, it in sorted(first.items()):
        stay = next(
            (s for s in stays if utc(s.check_in) <= utc(it.start) <= utc(s.check_out)), None
        )
        leave = (utc(it.start) - timedelta(minutes=minutes)).astimezone(zone)
        out.append(Leave(day, it, leave, stay))
    return out
