"""A badge pickup without a time is due on the conference's first day, not at its midnight:
the checklist, the printable binder and the .ics say the day (all day), never "00:00"
(tripkit.core.dueday)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from test_export_icscheck import run_icscheck
from testpaths import TODAY

from tripkit.core.dueday import date_only_due
from tripkit.core.models import Trip
from tripkit.demo import example_trip
from tripkit.services.checklist import checklist_items
from tripkit.services.export import checklist_document, ics_document
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def no_pickup_time() -> Trip:
    trip = example_trip(TODAY)
    conf = trip.conference.model_copy(update={"badge_pickup": []})
    return trip.model_copy(update={"conference": conf})


def test_the_badge_item_is_due_on_the_first_day_all_day(store: Store) -> None:
    """ "Fri 14 May 2027 00:00 PDT" invents an hour: a traveller who believes it heads for a
    registration desk that is closed at midnight, or thinks the item overdue all day."""
    trip = no_pickup_time()
    store.put_trip(trip)
    badge = next(i for i in checklist_items(store, trip, "en", now=NOW) if i.id == "badge-pickup")
    assert date_only_due(badge) == trip.conference.first_day
    for lang, all_day in (("en", ", all day"), ("ja", "(終日)")):
        text, _ = checklist_document(store, trip, fmt="text", lang=lang, binder=True, now=NOW)
        line = next(x for x in text.splitlines() if ("badge" in x or "バッジを受け取る" in x))
        block = text[text.index(line) : text.index(line) + 400]
        assert all_day in block, block
        assert "00:00" not in block, block


def test_with_a_pickup_time_the_hour_is_kept(store: Store) -> None:
    """The demo trip gives its pickup window: its hour is real and stays."""
    trip = example_trip(TODAY)
    store.put_trip(trip)
    badge = next(i for i in checklist_items(store, trip, "en", now=NOW) if i.id == "badge-pickup")
    assert date_only_due(badge) is None


def test_the_calendar_gives_a_day_not_midnight(store: Store, tmp_path: Path) -> None:
    """A VTODO DUE at 00:00 rings the traveller awake at midnight for a desk that is shut; a
    VALUE=DATE due is what the sources give (a day). Read by independent consumers."""
    trip = no_pickup_time()
    store.put_trip(trip)
    data, _ = ics_document(store, trip, include=["checklist"], todos=True, now=NOW)
    from icalendar import Calendar

    todo = next(
        c
        for c in Calendar.from_ical(data).walk("VTODO")
        if str(c.get("SUMMARY")).startswith("Pick up your badge")
    )
    assert todo.get("DUE").dt == trip.conference.first_day  # a date, not a datetime
    assert b"DUE;VALUE=DATE:" + trip.conference.first_day.strftime("%Y%m%d").encode() in data
    assert "all day" in str(todo.get("DESCRIPTION"))
    path = tmp_path / "todos.ics"
    path.write_bytes(data)
    run_icscheck(path)
