"""Clock changes (DST) in a zone between two instants. Pure.

Found by scanning hour by hour and then narrowing to the minute, so that it works for any
IANA zone (including half-hour changes such as Lord Howe's) without reading tzdata files.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tripkit.core.record import Record
from tripkit.core.zoned import get_zone


class ClockChange(Record, frozen=True):
    at: datetime  # the first instant with the new offset, in the zone
    before: timedelta  # UTC offset before
    after: timedelta  # UTC offset after

    @property
    def forward(self) -> bool:
        return self.after > self.before

    @property
    def hours(self) -> float:
        return abs((self.after - self.before).total_seconds()) / 3600


def clock_changes(tz: str, start: datetime, end: datetime) -> list[ClockChange]:
    """Every change of `tz`'s UTC offset in [start, end)."""
    zone = get_zone(tz)
    out: list[ClockChange] = []
    t = start.astimezone(UTC)
    stop = end.astimezone(UTC)
    prev = t.astimezone(zone).utcoffset() or timedelta(0)
    step = timedelta(hours=1)
    while t < stop:
        nxt = min(t + step, stop)
        off = nxt.astimezone(zone).utcoffset() or timedelta(0)
        if off != prev:
            lo, hi = t, nxt  # offset prev at lo, off at hi: narrow to the minute
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if (mid.astimezone(zone).utcoffset() or timedelta(0)) == prev:
                    lo = mid
                else:
                    hi = mid
            exact = hi.replace(second=0, microsecond=0)
            if (exact.astimezone(zone).utcoffset() or timedelta(0)) != off:
                exact = exact + timedelta(minutes=1)
            out.append(ClockChange(exact.astimezone(zone), prev, off))
            prev = off
        t = nxt
    return out
