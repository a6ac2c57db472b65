"""A deadline that is a day (tripkit.core.dueday) in the printable binder and the calendar,
for an Indian engineer flying Delhi -> Dubai -> Brussels for FOSDEM 2027 with no hotel yet:
"book where you stay 30 days before the conference" is the 31st of December, all day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from fosdem_trips import indian_via_dubai
from test_export_icscheck import run_icscheck

from tripkit.services.export import checklist_document, ics_document
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
STAY_BY = date(2026, 12, 31)


def test_binder_and_calendar_give_the_day(store: Store, tmp_path: Path) -> None:
    """The printed binder said "04:30 IST" and the calendar's VTODO rang at the venue's
    midnight: both give the day now (the calendar as VALUE=DATE, read by icscheck)."""
    from icalendar import Calendar

    trip = indian_via_dubai()
    store.put_trip(trip)
    text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=NOW)
    line = next(x for x in text.splitlines() if "Hotel (or other stay) booked" in x)
    block = text[text.index(line) : text.index(line) + 300]
    assert "Thu 31 Dec 2026, all day" in block, block
    assert "04:30" not in block, block
    data, _ = ics_document(store, trip, include=["checklist"], todos=True, now=NOW)
    todo = next(
        c
        for c in Calendar.from_ical(data).walk("VTODO")
        if str(c.get("SUMMARY")).startswith("Hotel (or other stay) booked")
    )
    assert todo.get("DUE").dt == STAY_BY
    assert b"DUE;VALUE=DATE:20261231" in data
    path = tmp_path / "todos.ics"
    path.write_bytes(data)
    run_icscheck(path)


def test_a_day_deadline_rings_on_its_morning(store: Store) -> None:
    """A day's reminder rings before that morning (09:00 at home, less the 15 minutes asked
    for), not 15 minutes before the day ends: 23:45 on the 31st leaves no time to book a
    hotel, and a ring at the venue's midnight (04:15 in Delhi, moved to 20:00 the evening
    before) is a day early."""
    from icalendar import Calendar

    trip = indian_via_dubai()
    store.put_trip(trip)
    data, _ = ics_document(store, trip, include=["checklist"], todos=True, now=NOW)
    todo = next(
        c
        for c in Calendar.from_ical(data).walk("VTODO")
        if str(c.get("SUMMARY")).startswith("Hotel (or other stay) booked")
    )
    (alarm,) = todo.walk("VALARM")
    assert alarm.get("TRIGGER").dt == datetime(2026, 12, 31, 3, 15, tzinfo=UTC)  # 08:45 IST
