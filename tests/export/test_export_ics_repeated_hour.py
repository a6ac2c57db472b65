"""The calendar export on the night the clocks go back: a wall time shown twice (Sydney, the
first Sunday of April) must mean the same instant in the file as in tripkit."""

from __future__ import annotations

from datetime import UTC, datetime

from export_sample import NOW, at
from icalendar import Calendar

from tripkit.core.models import ChecklistItem, Session, Trip
from tripkit.exporters.ics import calendar_entries, render_ics

SYD = "Australia/Sydney"


def read_back(trip: Trip, sessions: list[Session], items: list[ChecklistItem]) -> Calendar:
    entries = calendar_entries(trip, sessions=sessions, items=items, todos=True)
    return Calendar.from_ical(render_ics(entries, stamp=NOW, name=trip.name))


def test_the_second_0200_of_the_night_sydney_falls_back_keeps_its_instant(
    demo_trip: Trip,
) -> None:
    # Sydney goes from 03:00 AEDT back to 02:00 AEST on Sun 4 Apr 2027. tripkit's own
    # "Clocks go back 1 h in Sydney" item is due at that moment, 02:00 AEST (16:00 UTC).
    # Wrong (the old file): DUE;TZID=Australia/Sydney:20270404T020000, which RFC 5545 reads
    # as the FIRST 02:00 (AEDT, 15:00 UTC): the reminder came an hour early in one calendar
    # and on time in another (icscheck: ical.js and libical against the zoneinfo oracle
    # disagreed), and a talk in the repeated hour was shown an hour before it starts, so a
    # traveller following the phone would be in the room an hour early, or miss what they
    # planned around it.
    second = at(f"2027-04-04T02:00+10:00[{SYD}]")
    first = at(f"2027-04-04T02:30+11:00[{SYD}]")
    assert second.fold == 1 and first.fold == 0
    item = ChecklistItem(
        id="clock-change-2027-04-04",
        phase="venue",
        title="Clocks go back 1 h in Sydney",
        due=second,
    )
    late = Session(
        key="late",
        title="Late-night hack session",
        start=at(f"2027-04-04T02:15+10:00[{SYD}]"),
        end=at(f"2027-04-04T02:45+10:00[{SYD}]"),
    )
    early = Session(key="early", title="Before the change", start=first, end=second)
    cal = read_back(demo_trip, [late, early], [item])

    todo = next(c for c in cal.walk("VTODO") if "Clocks go back" in str(c["SUMMARY"]))
    assert todo["DUE"].dt.astimezone(UTC) == datetime(2027, 4, 3, 16, 0, tzinfo=UTC)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    hack = events["Late-night hack session"]
    assert hack["DTSTART"].dt.astimezone(UTC) == datetime(2027, 4, 3, 16, 15, tzinfo=UTC)
    assert hack["DTEND"].dt.astimezone(UTC) == datetime(2027, 4, 3, 16, 45, tzinfo=UTC)
    # The first 02:30 is what a TZID wall time means already: it keeps its zone.
    before = events["Before the change"]
    assert before["DTSTART"].dt.astimezone(UTC) == datetime(2027, 4, 3, 15, 30, tzinfo=UTC)
    assert str(before["DTSTART"].params.get("TZID")) == SYD
