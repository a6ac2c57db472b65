"""Calendar export of 1,000 starred sessions, against bare `icalendar` serialising the same
events in the same run (target: at most 1.5x)."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone

from bench.common import Result, median_ms
from tripkit.core.models import Schedule, Session, Speaker
from tripkit.core.zoned import get_zone
from tripkit.demo import example_trip
from tripkit.exporters.ics import calendar_entries, render_ics
from tripkit.services.export import ics_document, track_versions
from tripkit.store import Store

N = 1000
TZ = "America/Los_Angeles"
STAMP = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _sessions() -> list[Session]:
    zone = get_zone(TZ)
    first = datetime(2027, 1, 12, 8, 0, tzinfo=zone)
    out = []
    for i in range(N):
        start = first + timedelta(days=i % 3, minutes=30 * (i // 30 % 20))
        out.append(Session(
            key=f"s{i}", title=f"Session {i}: containers, caches; and 日本語 {i}",
            start=start, end=start + timedelta(minutes=45), room=f"Room {i % 12}",
            track="Talks", speakers=[Speaker(name=f"Speaker {i}")],
            abstract="An abstract long enough to be folded over several lines. " * 3,
            url=f"https://example.org/s/{i}",
        ))
    return out


def _interleaved(a: Callable[[], object], b: Callable[[], object], *, repeat: int
                 ) -> tuple[float, float]:
    """Median ms of a() and of b(), run alternately so that both see the same machine load
    (other processes on a shared machine otherwise swing a one-after-the-other comparison)."""
    a(), b()  # warm-up
    times_a, times_b = [], []
    for _ in range(repeat):
        for fn, times in ((a, times_a), (b, times_b)):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times_a), statistics.median(times_b)


def bench_ics_1000_sessions() -> Result:
    trip = example_trip(date(2026, 11, 27))
    sessions = _sessions()
    entries = calendar_entries(trip, sessions=sessions, include=["agenda"])

    def tripkit_export() -> bytes:
        found = calendar_entries(trip, sessions=sessions, include=["agenda"])
        return render_ics(found, stamp=STAMP, name=trip.name)

    tz = Timezone.from_tzid(TZ, first_date=date(2026, 1, 1), last_date=date(2029, 1, 1))

    def bare_icalendar() -> bytes:
        # The same properties, put straight into icalendar objects.
        cal = Calendar()
        cal.add("prodid", "-//bench//EN")
        cal.add("version", "2.0")
        cal.add_component(tz)
        for e in entries:
            ev = Event()
            ev.add("uid", e.uid)
            ev.add("dtstamp", STAMP)
            ev.add("sequence", 0)
            ev.add("summary", e.summary)
            ev.add("dtstart", e.start)
            ev.add("dtend", e.end)
            ev.add("location", e.location)
            ev.add("description", e.description)
            ev.add("url", e.url)
            ev.add("categories", list(e.categories))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e.summary)
            alarm.add("trigger", timedelta(minutes=-15))
            ev.add_component(alarm)
            cal.add_component(ev)
        return cal.to_ical()

    value, baseline = _interleaved(tripkit_export, bare_icalendar, repeat=7)

    # Through the store as the CLI does (versions read and written), for information.
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        store.put_trip(trip)
        store.put_schedule(trip.id, Schedule(source="bench", format="csv", sessions=sessions))
        store.set_stars(trip.id, [s.key for s in sessions], True)
        track_versions(store, trip.id, entries, STAMP)
        full = median_ms(lambda: ics_document(store, trip, include=["agenda"], now=STAMP),
                         repeat=3)

    ratio = value / baseline
    return Result(
        name=f"export ics, {N} starred sessions",
        value=value, unit="ms", baseline_name="bare icalendar, same events", baseline=baseline,
        target="<= 1.5x baseline", ok=ratio <= 1.5,
        extra=f"through the store with SEQUENCE tracking: {full:.0f} ms",
    )
