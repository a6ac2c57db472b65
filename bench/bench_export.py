"""Calendar export of the largest corpus schedule (38c3, 1,007 sessions) all starred, against
bare `icalendar` serialising the same events in the same run (target: at most 1.0x).

tripkit's side is the whole pure export (entries built from the sessions, then written by
tripkit's own writer); the baseline only puts the finished entries into icalendar objects
and serialises them. The export through the store (read, SEQUENCE records, write) is
reported beside it with its own ratio.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from bench.common import SHARED, Result
from tripkit.core.models import Session
from tripkit.demo import example_trip
from tripkit.exporters.ics import CalEntry, _timezone_spans, calendar_entries, render_ics, vtimezone
from tripkit.importers import parse
from tripkit.services.export import ics_document
from tripkit.store import Store

SCHEDULE = SHARED / "corpus" / "schedules" / "frab-xml" / "38c3.xml"
STAMP = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _interleaved(fns: list[Callable[[], object]], *, repeat: int) -> list[float]:
    """Median ms of each fn, run alternately so that all see the same machine load (other
    processes on a shared machine otherwise swing a one-after-the-other comparison)."""
    for fn in fns:
        fn()  # warm-up
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
    return [statistics.median(t) for t in times]


def _bare_icalendar(entries: list[CalEntry]) -> Callable[[], bytes]:
    def run() -> bytes:
        # The same properties, put straight into icalendar objects.
        cal = Calendar()
        cal.add("prodid", "-//bench//EN")
        cal.add("version", "2.0")
        for key, first, last in _timezone_spans(entries):
            cal.add_component(vtimezone(key, first, last))
        for e in entries:
            ev = Event()
            ev.add("uid", e.uid)
            ev.add("dtstamp", STAMP)
            ev.add("sequence", 0)
            ev.add("summary", e.summary)
            ev.add("dtstart", e.start)
            if e.end is not None:
                ev.add("dtend", e.end)
            if e.location:
                ev.add("location", e.location)
            ev.add("description", e.description)
            if e.url:
                ev.add("url", e.url)
            if e.categories:
                ev.add("categories", list(e.categories))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e.summary)
            alarm.add("trigger", timedelta(minutes=-15))
            ev.add_component(alarm)
            cal.add_component(ev)
        return cal.to_ical()

    return run


def bench_ics_38c3_all_starred() -> Result:
    if not SCHEDULE.exists():
        return Result(
            name="export ics, 38c3 all starred",
            value=0,
            unit="ms",
            ok=True,
            extra=f"skipped: {SCHEDULE} is absent",
        )
    trip = example_trip(date(2026, 11, 27))
    sessions: list[Session] = parse(
        SCHEDULE.read_bytes(), source=str(SCHEDULE), venue_tz=trip.venue_tz
    ).sessions
    entries = calendar_entries(trip, sessions=sessions, include=["agenda"])

    def tripkit_export() -> bytes:
        found = calendar_entries(trip, sessions=sessions, include=["agenda"])
        return render_ics(found, stamp=STAMP, name=trip.name)

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        from tripkit.core.models import Schedule

        store.put_trip(trip)
        store.put_schedule(trip.id, Schedule(source="bench", format="frab-xml", sessions=sessions))
        store.set_stars(trip.id, [s.key for s in sessions], True)

        def through_store() -> bytes:
            return ics_document(store, trip, include=["agenda"], now=STAMP)[0]

        value, baseline, full = _interleaved(
            [tripkit_export, _bare_icalendar(entries), through_store], repeat=5
        )

    ratio = value / baseline
    return Result(
        name=f"export ics, 38c3 all starred ({len(sessions)} sessions)",
        value=value,
        unit="ms",
        baseline_name="bare icalendar, same events",
        baseline=baseline,
        target="<= 1.0x baseline",
        ok=ratio <= 1.0,
        extra=(
            f"through the store (read, SEQUENCE records, write) {full:.0f} ms = "
            f"{full / baseline:.2f}x"
        ),
    )
