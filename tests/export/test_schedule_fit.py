"""core.schedule_fit on real schedules: FOSDEM 2025 in a FOSDEM 2026 trip, FOSDEM 2026 in
the San Francisco demo, and the right schedule in the right trip; with the exports' use of
it (LOCATION names the venue only for the trip's own conference)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from trips import fosdem_via_frankfurt

from tripkit.core.models import Schedule, Trip
from tripkit.core.schedule_fit import schedule_fit
from tripkit.demo import example_trip
from tripkit.exporters.fit_text import fit_warnings
from tripkit.importers import parse
from tripkit.services.export import ics_document
from tripkit.store import Store

pytestmark = pytest.mark.corpus


def fosdem(corpus: Path, year: int, trip: Trip) -> Schedule:
    path = corpus / "frab-xml" / f"fosdem-{year}.xml"
    return parse(path.read_bytes(), source=str(path), venue_tz=trip.venue_tz)


def test_right_schedule_in_the_right_trip_fits(corpus: Path) -> None:
    trip = fosdem_via_frankfurt()
    fit = schedule_fit(trip, fosdem(corpus, 2026, trip).sessions)
    assert fit.ok and fit.same_conference and not fit.zone_differs
    assert (fit.first_day, fit.last_day) == (date(2026, 1, 31), date(2026, 2, 1))
    assert fit_warnings(fit) == []


def test_last_years_fosdem_in_this_years_trip(corpus: Path) -> None:
    trip = fosdem_via_frankfurt()
    fit = schedule_fit(trip, fosdem(corpus, 2025, trip).sessions)
    assert fit.outside_trip and not fit.same_conference and not fit.ok
    assert not fit.zone_differs  # same city, same clock: only the dates give it away
    assert fit.days_outside == (date(2025, 2, 1), date(2025, 2, 2))
    assert fit_warnings(fit) == [
        "The schedule's sessions run Sat 1 Feb 2025 to Sun 2 Feb 2025, not during this trip "
        "(Thu 29 Jan 2026 to Tue 3 Feb 2026, give or take a week): check that it is the right "
        "event and year."
    ]
    assert "イベントと開催年" in fit_warnings(fit, "ja")[0]


def test_fosdem_in_the_san_francisco_demo(corpus: Path, tmp_path: Path) -> None:
    # The demo placed so that its dates overlap FOSDEM 2026: only the clock differs.
    trip = example_trip(date(2025, 12, 20))
    schedule = fosdem(corpus, 2026, trip)
    fit = schedule_fit(trip, schedule.sessions)
    assert fit.overlaps and not fit.outside_trip
    assert fit.zone_differs and fit.schedule_zone == "Europe/Brussels"
    assert not fit.same_conference
    assert fit_warnings(fit)[0].startswith(
        "The schedule's times are in Brussels time (CET, UTC+1), "
        "but the venue is in Los Angeles time (PST, UTC-8)"
    )
    # The calendar keeps Brussels times in Brussels and names only the schedule's room.
    with Store.open(tmp_path / "store") as store:
        store.put_trip(trip)
        store.put_schedule(trip.id, schedule)
        janson = [s for s in schedule.sessions if s.room == "Janson"][:3]
        store.set_stars(trip.id, [s.key for s in janson], True)
        data, _ = ics_document(
            store, trip, include=["agenda"], now=datetime(2025, 12, 20, tzinfo=UTC)
        )
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 3
    for event in events:
        assert str(event["LOCATION"]) == "Janson"
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_the_demo_with_its_own_schedule_names_the_venue(tmp_path: Path) -> None:
    from export_sample import sessions

    trip = example_trip(date(2026, 11, 27))
    fit = schedule_fit(trip, sessions())
    assert fit.same_conference
    with Store.open(tmp_path / "store") as store:
        store.put_trip(trip)
        store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=sessions()))
        store.set_stars(trip.id, ["kn-1"], True)
        data, _ = ics_document(store, trip, include=["agenda"])
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == (
        "Hall A, Moscone Center, 747 Howard St, San Francisco, CA 94103"
    )


def test_empty_schedule_and_partial_overlap() -> None:
    from export_sample import SF, at, sessions

    trip = example_trip(date(2026, 11, 27))
    assert schedule_fit(trip, []).ok
    assert not schedule_fit(trip, [], declared_zone="Europe/Brussels").ok
    assert schedule_fit(trip, [], declared_zone="US/Pacific").ok  # same clock, other name
    early = sessions()[0].model_copy(
        update={
            "key": "early",
            "start": at(f"2026-12-01T09:00[{SF}]"),
            "end": at(f"2026-12-01T10:00[{SF}]"),
        }
    )
    fit = schedule_fit(trip, [*sessions(), early])
    assert fit.overlaps and not fit.ok and fit.days_outside == (date(2026, 12, 1),)
    assert fit_warnings(fit) == [
        "1 session day falls outside this trip (Mon 11 Jan 2027 to Sat 16 Jan 2027, give or "
        "take a week): Tue 1 Dec 2026."
    ]
