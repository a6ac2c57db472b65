"""A "starred only" .ics from another companion (FOSDEM Companion bookmarks, pretalx
``faved.ics``, Giggity, EventFahrplan) matched to the sessions of a programme already imported.

    events = read_starred(data, source="faved.ics", venue_tz="Europe/Brussels")
    matched_keys, unmatched = match_starred(events, schedule.sessions)

`match_starred` is pure. An event matches a session by, in this order (the first rule that
finds exactly one session wins; two or more candidates are not guessed between):

1. its UID is the session's key, or the session was itself imported from an .ics with that
   UID (keys ``<uid>/<start>``);
2. the UID names the session's identifier: the part before ``@`` (FOSDEM Companion writes
   ``<event id>@<conference>@<app>``; frab ids are keys ``frab-id:<id>``), or its last
   ``-`` part (pretalx writes ``pretalx-<event>-<code>@<host>``; pretalx codes are keys);
3. the same start instant and the same title, ignoring case and spacing, where the event's
   SUMMARY may add `` - <speakers>`` after the title (pretalx does).

Everything else comes back unmatched, for the caller to report: nothing is starred by a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tripkit.core.models import Session

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class StarredEvent:
    uid: str
    title: str
    start: datetime
    where: str  # file and line, for the report


def read_starred(data: bytes, *, source: str, venue_tz: str | None = None) -> list[StarredEvent]:
    """The events of a starred-only .ics (one ImportError_ if it is not a readable .ics)."""
    from tripkit.errors import ImportError_
    from tripkit.importers.stream import parse_stream

    header, sessions = parse_stream(data, source=source, venue_tz=venue_tz)
    if header.format != "ical":
        raise ImportError_(
            "expected an iCalendar (.ics) file of starred sessions, not {format}",
            where=source,
            format=header.format,
        )
    out = []
    for s in sessions:
        key = s.key.split("#", 1)[0]
        uid = "" if key.startswith("ical:") else key.rsplit("/", 1)[0]
        out.append(StarredEvent(uid=uid, title=s.title, start=s.start, where=source))
    return out


def _norm(title: str) -> str:
    return _SPACES.sub(" ", title).strip().casefold()


def _one(found: list[str] | None) -> str | None:
    return found[0] if found is not None and len(found) == 1 else None


def match_starred(
    events: Iterable[StarredEvent], sessions: Iterable[Session]
) -> tuple[list[str], list[StarredEvent]]:
    """(keys of the sessions to star, in the events' order without repeats; the events that
    match no session, or more than one)."""
    by_key: dict[str, list[str]] = {}
    by_uid: dict[str, list[str]] = {}
    by_time: dict[float, list[tuple[str, str]]] = {}
    for s in sessions:
        by_key.setdefault(s.key, []).append(s.key)
        if "/" in s.key:  # imported from an .ics: "<uid>/<start>"
            by_uid.setdefault(s.key.rsplit("/", 1)[0], []).append(s.key)
        if s.key.startswith("frab-id:"):
            by_key.setdefault(s.key.removeprefix("frab-id:"), []).append(s.key)
        by_time.setdefault(s.start.timestamp(), []).append((_norm(s.title), s.key))
    matched: list[str] = []
    unmatched: list[StarredEvent] = []
    for ev in events:
        key = _match(ev, by_key, by_uid, by_time)
        if key is None:
            unmatched.append(ev)
        elif key not in matched:
            matched.append(key)
    return matched, unmatched


def _match(
    ev: StarredEvent,
    by_key: dict[str, list[str]],
    by_uid: dict[str, list[str]],
    by_time: dict[float, list[tuple[str, str]]],
) -> str | None:
    uid = ev.uid.strip()
    if uid:
        found = _one(by_key.get(uid))
        if found is None and uid in by_uid:
            # Several occurrences of one UID: the one at this event's start.
            stamp = ev.start.timestamp()
            same = [k for k in by_uid[uid] if any(k == key for _, key in by_time.get(stamp, []))]
            found = _one(same)
        if found is not None:
            return found
        local = uid.split("@", 1)[0]
        for candidate in dict.fromkeys((local, local.rsplit("-", 1)[-1])):
            found = _one(by_key.get(candidate))
            if candidate and found is not None:
                return found
    title = _norm(ev.title)
    here = by_time.get(ev.start.timestamp(), [])
    exact = [key for t, key in here if t == title]
    if len(exact) == 1:
        return exact[0]
    prefixed = [key for t, key in here if t and title.startswith(t + " - ")]
    return prefixed[0] if len(prefixed) == 1 else None
