"""The personal agenda: starred sessions, their conflicts, and what is on now and next.

Pure functions over sessions and the set of starred keys; the store and the views call them.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from tripkit.core.search import normalise, session_day
from tripkit.core.zoned import utc

if TYPE_CHECKING:
    from tripkit.core.models import Session


class Timed(Protocol):
    """What the conflict check reads of a session: a Session model or a stored row."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def room(self) -> str: ...
    @property
    def cancelled(self) -> bool: ...


DEFAULT_TRAVEL_GAP = timedelta(minutes=5)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # as tripkit.core.zoned.micros counts
_ONE_US = timedelta(microseconds=1)

# Every comparison, subtraction and sort below goes through UTC: two sessions in the same
# zone would otherwise compare by wall clock, and in the hour the clocks go back 01:15 PST
# (the later instant) sorts before 01:30 PDT.


def _in_time_order(s: Timed) -> tuple[datetime, datetime, str]:
    return utc(s.start), utc(s.end), s.key


def starred_sessions(sessions: Iterable[Session], starred: Iterable[str]) -> list[Session]:
    """The starred sessions in time order (sessions that no longer exist are simply absent)."""
    keys = set(starred)
    return sorted((s for s in sessions if s.key in keys), key=_in_time_order)


class Conflict(NamedTuple):
    """Two starred sessions you cannot both attend in full.

    kind "overlap": they overlap in time. kind "travel": they do not overlap but are in
    different rooms with less than the travel gap between the end of one and the start of
    the next. `first` starts no later than `second`. (A named tuple: a busy agenda has
    hundreds of thousands of them, and a tuple is made five times faster than a frozen
    dataclass.)
    """

    first: Timed
    second: Timed
    kind: Literal["overlap", "travel"]

    @property
    def overlap(self) -> timedelta:
        """How long both run at once (zero for a travel conflict)."""
        return max(
            timedelta(0), min(utc(self.first.end), utc(self.second.end)) - utc(self.second.start)
        )

    @property
    def gap(self) -> timedelta:
        """Time between the end of the first and the start of the second (may be negative)."""
        return utc(self.second.start) - utc(self.first.end)


def conflicts(
    sessions: Sequence[Timed],
    *,
    travel_gap: timedelta = DEFAULT_TRAVEL_GAP,
    walk_minutes: Callable[[str, str], int | None] | None = None,
    longest_walk: int = 0,
) -> list[Conflict]:
    """Every pair of sessions that conflict, not only neighbours in time order.

    Sort and sweep: after sorting by start instant, each session is compared only with the
    later ones that start before it ends (plus the travel gap), and the scan stops at the
    first that starts after: O(n log n + pairs within reach). A long session can overlap
    several others that do not overlap each other, and each such pair is found. Times and
    folded rooms are computed once per session, and nothing is copied per step. Cancelled
    sessions are skipped. A travel conflict needs two known, different rooms; with
    `travel_gap` > 0, back-to-back sessions (gap 0) in different rooms conflict.

    `walk_minutes(room_a, room_b)` (venue data: tripkit.core.walking) gives the walk between
    two rooms, used instead of the fixed gap where it is known (None: the gap applies);
    `longest_walk` (minutes) bounds how far ahead the sweep looks.
    """
    gap_us = max(travel_gap, timedelta(0)) // timedelta(microseconds=1)
    reach_us = max(gap_us, max(longest_walk, 0) * 60_000_000) if walk_minutes else gap_us
    needed: dict[tuple[str, str], int] = {}
    # Instants as integers (microseconds since the epoch): compared far faster than datetimes.
    # Inlined `micros` (same arithmetic), and a plain tuple sort: the index breaks ties in
    # input order, as the stable sort by (start, end, key) did, and the sessions themselves
    # are never compared.
    epoch, one_us = _EPOCH, _ONE_US
    if not isinstance(sessions, list | tuple):
        sessions = list(sessions)
    order = sorted(
        [
            ((s.start - epoch) // one_us, (s.end - epoch) // one_us, s.key, i)
            for i, s in enumerate(sessions)
            if not s.cancelled
        ]
    )
    starts = [t[0] for t in order]
    ends = [t[1] for t in order]
    items = [sessions[t[3]] for t in order]
    live = range(len(order))
    del order
    # None: no room given (no travel conflict can be claimed), else the folded name; a
    # programme has few rooms, each folded once.
    folded: dict[str, str] = {}
    rooms: list[str | None] = []
    for s in items:
        room = s.room
        if not room:
            rooms.append(None)
            continue
        f = folded.get(room)
        if f is None:
            f = folded[room] = normalise(room)
        rooms.append(f)
    out: list[Conflict] = []
    n = len(live)
    make = tuple.__new__  # Conflict(...) without the Python-level __new__ of a named tuple
    # The pairs are kept, not cycles: the collector's passes over a growing list of young
    # tuples would make the sweep superlinear, so it is paused meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for i in range(n):
            a_end, a = ends[i], items[i]
            # Sorted by start: the sessions starting before `a` ends overlap it (one slice),
            # those starting within the travel gap after may be too far to walk.
            k = bisect_left(starts, a_end, i + 1)
            if k > i + 1:
                out.extend([make(Conflict, (a, b, "overlap")) for b in items[i + 1 : k]])
            room_a = rooms[i]
            if reach_us and room_a is not None:
                for j in range(k, bisect_left(starts, a_end + reach_us, k)):
                    room_b = rooms[j]
                    if room_b is None or room_b == room_a:
                        continue
                    if walk_minutes is not None:
                        pair = (a.room, items[j].room)
                        need = needed.get(pair)
                        if need is None:
                            m = walk_minutes(*pair)
                            need = needed[pair] = gap_us if m is None else m * 60_000_000
                        if starts[j] - a_end >= need:
                            continue
                    out.append(make(Conflict, (a, items[j], "travel")))
    finally:
        if collecting:
            gc.enable()
    return out


def conflicting_keys(found: Iterable[Conflict]) -> dict[str, list[str]]:
    """For each session in a conflict, the keys of the sessions it conflicts with."""
    out: dict[str, list[str]] = {}
    for c in found:
        out.setdefault(c.first.key, []).append(c.second.key)
        out.setdefault(c.second.key, []).append(c.first.key)
    return out


@dataclass(frozen=True)
class NowNext:
    now: list[Session]  # running at that instant
    next: list[Session]  # the ones with the earliest start after that instant (ties included)

    @property
    def next_start(self) -> datetime | None:
        return self.next[0].start if self.next else None


def now_next(sessions: Iterable[Session], at: datetime) -> NowNext:
    """What runs at the instant `at`, and what starts next (possibly on a later day).

    Instants are compared, so the zone `at` is given in does not matter.
    """
    if at.tzinfo is None:
        raise ValueError("now_next() needs an aware datetime")
    at = utc(at)
    live = [s for s in sessions if not s.cancelled]
    now = sorted(
        (s for s in live if utc(s.start) <= at < utc(s.end)), key=lambda s: (utc(s.start), s.key)
    )
    later = [s for s in live if utc(s.start) > at]
    if not later:
        return NowNext(now, [])
    first = min(utc(s.start) for s in later)
    return NowNext(now, sorted((s for s in later if utc(s.start) == first), key=lambda s: s.key))


def by_day(sessions: Iterable[Session], tz: str) -> dict[date, list[Session]]:
    """Sessions grouped by the day they start on in the venue's zone, each day in time order."""
    out: dict[date, list[Session]] = {}
    for s in sorted(sessions, key=_in_time_order):
        out.setdefault(session_day(s, tz), []).append(s)
    return out


def select_keys(
    sessions: Iterable[Session],
    tz: str,
    *,
    track: str | None = None,
    day: date | None = None,
    room: str | None = None,
) -> list[str]:
    """Keys of the sessions that match every given filter (for bulk star/unstar)."""
    want_track = normalise(track) if track is not None else None
    want_room = normalise(room) if room is not None else None
    out = []
    for s in sessions:
        if want_track is not None and normalise(s.track) != want_track:
            continue
        if want_room is not None and normalise(s.room) != want_room:
            continue
        if day is not None and session_day(s, tz) != day:
            continue
        out.append(s.key)
    return out
