"""Does an imported schedule belong to this trip? A pure check, no I/O.

Two honest signals, both from data the schedule itself carries:
- its days: the sessions' own local dates against the trip (first take-off or check-in or
  conference day to the last landing, check-out or conference day), widened by a week on
  each side for pre- and post-conference events;
- its zone: the sessions' UTC offsets against the venue zone's offsets at the same instants
  (a Brussels programme in a San Francisco trip; two names for one zone are not a mismatch).

A schedule that overlaps the trip window and keeps the venue's clock is the trip's
conference; only then may exports name the trip's venue beside a session's room. The check
cannot know more (a city is not in any schedule format tripkit reads), and says so by
returning the facts, not a verdict on the conference's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from tripkit.core.models import Trip
from tripkit.core.zoned import get_zone

MARGIN = timedelta(days=7)


class Timed(Protocol):
    """A session as far as the check needs it: its aware start (a Session or a stored row)."""

    @property
    def start(self) -> datetime: ...


@dataclass(frozen=True)
class ScheduleFit:
    window: tuple[date, date]  # the trip's days widened by MARGIN
    first_day: date | None  # the schedule's first and last session day (own local dates)
    last_day: date | None
    days_outside: tuple[date, ...]  # session days outside `window`
    days_inside: int  # how many session days are within `window`
    schedule_zone: str | None  # the zone most sessions are in (IANA key)
    venue_zone: str
    zone_differs: bool  # the sessions keep another clock than the venue

    @property
    def outside_trip(self) -> bool:
        """No session day at all within the trip (± a week): another edition or event."""
        return self.first_day is not None and not self.overlaps

    @property
    def overlaps(self) -> bool:
        return self.days_inside > 0

    @property
    def same_conference(self) -> bool:
        """Days within the trip and the venue's clock: the trip's conference as far as the
        schedule can tell."""
        return self.first_day is not None and self.overlaps and not self.zone_differs

    @property
    def ok(self) -> bool:
        """Nothing to warn about."""
        return not self.days_outside and not self.zone_differs


def trip_days(trip: Trip) -> tuple[date, date]:
    """The trip's first and last day, each in the zone where it happens."""
    starts = [trip.conference.first_day]
    ends = [trip.conference.last_day]
    starts += [f.departs.date() for f in trip.flights]
    ends += [f.arrives.date() for f in trip.flights]
    starts += [s.check_in.date() for s in trip.stays]
    ends += [s.check_out.date() for s in trip.stays]
    return min(starts), max(ends)


def schedule_fit(
    trip: Trip, sessions: Sequence[Timed], declared_zone: str | None = None
) -> ScheduleFit:
    """How `sessions` (one imported schedule) fit `trip`. `declared_zone` is the zone the
    file declares, used when there are no sessions to read one from."""
    first, last = trip_days(trip)
    window = (first - MARGIN, last + MARGIN)
    venue = trip.venue_tz
    if not sessions:
        zone_differs = declared_zone is not None and not _same_clock(declared_zone, venue, None)
        return ScheduleFit(window, None, None, (), 0, declared_zone, venue, zone_differs)
    days = sorted({s.start.date() for s in sessions})
    outside = tuple(d for d in days if not window[0] <= d <= window[1])
    zones = Counter(_key(s.start) for s in sessions)
    schedule_zone = zones.most_common(1)[0][0]
    # The clocks differ when most sessions' offsets differ from the venue's at that instant
    # (a few sessions in UTC from a sloppy export are not another place).
    venue_tz = get_zone(venue)
    differing = sum(
        1 for s in sessions if s.start.utcoffset() != s.start.astimezone(venue_tz).utcoffset()
    )
    zone_differs = differing * 2 > len(sessions)
    return ScheduleFit(
        window,
        days[0],
        days[-1],
        outside,
        len(days) - len(outside),
        schedule_zone,
        venue,
        zone_differs,
    )


def _key(dt: datetime) -> str:
    tz = dt.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else str(dt.tzname() or "")


def _same_clock(a: str, b: str, at: datetime | None) -> bool:
    if a == b:
        return True
    try:
        za, zb = get_zone(a), get_zone(b)
    except ValueError:
        return False
    probe = at or datetime(2026, 1, 15, 12, tzinfo=za)
    july = probe.replace(month=7)
    return all(p.utcoffset() == p.astimezone(zb).utcoffset() for p in (probe, july))
