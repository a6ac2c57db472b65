"""The personal agenda: starred sessions, their conflicts, and what is on now and next.

Pure functions over sessions and the set of starred keys; the store and the views call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

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

# Every comparison, subtraction and sort below goes through UTC: two sessions in the same
# zone would otherwise compare by wall clock, and in the hour the clocks go back 01:15 PST
# (the later instant) sorts before 01:30 PDT.


def _in_time_order(s: Timed) -> tuple[datetime, datetime, str]:
    return utc(s.start), utc(s.end), s.key


def starred_sessions(sessions: Iterable[Session], starred: Iterable[str]) -> list[Session]:
    """The starred sessions in time order (sessions that no longer exist are simply absent)."""
    keys = set(starred)
    return sorted((s for s in sessions if s.key in keys), key=_in_time_order)


@dataclass(frozen=True)
class Conflict:
    """Two starred sessions you cannot both attend in full.

    kind "overlap": they overlap in time. kind "travel": they do not overlap but are in
    different rooms with less than the travel gap between the end of one and the start of
    the next. `first` starts no later than `second`.
    """

    first: Timed
    second: Timed
    kind: Literal["overlap", "travel"]

    @property
    def overlap(self) -> timedelta:
        """How long both run at once (zero for a travel conflict)."""
        return max(timedelta(0),
                   min(utc(self.first.end), utc(self.second.end)) - utc(self.second.start))

    @property
    def gap(self) -> timedelta:
        """Time between the end of the first and the start of the second (may be negative)."""
        return utc(self.second.start) - utc(self.first.end)


def conflicts(
    sessions: Sequence[Timed], *, travel_gap: timedelta = DEFAULT_TRAVEL_GAP
) -> list[Conflict]:
    """Every pair of sessions that conflict, not only neighbours in time order.

    Sort and sweep: after sorting by start instant, each session is compared only with the
    later ones that start before it ends (plus the travel gap), and the scan stops at the
    first that starts after: O(n log n + pairs within reach). A long session can overlap
    several others that do not overlap each other, and each such pair is found. Times and
    folded rooms are computed once per session, and nothing is copied per step. Cancelled
    sessions are skipped. A travel conflict needs two known, different rooms; with
    `travel_gap` > 0, back-to-back sessions (gap 0) in different rooms conflict.
    """
    travel_gap = max(travel_gap, timedelta(0))
    live = sorted(
        ((utc(s.start), utc(s.end), s.key, s) for s in sessions if not s.cancelled),
        key=lambda t: (t[0], t[1], t[2]),
    )
    # None: no room given (no travel conflict can be claimed), else the folded name.
    rooms = [normalise(t[3].room) if t[3].room else None for t in live]
    out: list[Conflict] = []
    n = len(live)
    check_travel = travel_gap > timedelta(0)
    for i in range(n):
        _a_start, a_end, _k, a = live[i]
        horizon = a_end + travel_gap
        j = i + 1
        while j < n:
            b_start = live[j][0]
            if b_start >= horizon:  # sorted by start: no later session can conflict with a
                break
            if b_start < a_end:
                out.append(Conflict(a, live[j][3], "overlap"))
            elif (check_travel and rooms[i] is not None and rooms[j] is not None
                  and rooms[i] != rooms[j]):
                out.append(Conflict(a, live[j][3], "travel"))
            j += 1
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
    now = sorted((s for s in live if utc(s.start) <= at < utc(s.end)),
                 key=lambda s: (utc(s.start), s.key))
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
