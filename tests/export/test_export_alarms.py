"""No reminder rings while the traveller is in the air: the demo trip and FOSDEM via
Frankfurt (two connections), with the real checklist engine, every starred session, and
several alarm settings, as events and as tasks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from testpaths import TODAY
from trips import fosdem_via_frankfurt

from tripkit.core.models import Trip
from tripkit.demo import example_trip
from tripkit.importers import parse
from tripkit.services.export import ics_document
from tripkit.store import Store


def ringing(data: bytes) -> list[tuple[str, datetime]]:
    """(summary, UTC instant) of every alarm in the file, relative triggers resolved."""
    out = []
    for comp in Calendar.from_ical(data).walk():
        if comp.name not in ("VEVENT", "VTODO"):
            continue
        for alarm in comp.subcomponents:
            trigger = alarm["TRIGGER"]
            if isinstance(trigger.dt, datetime):
                at = trigger.dt
            else:
                related = trigger.params.get("RELATED", "START")
                base = comp[
                    "DUE" if comp.name == "VTODO" else ("DTEND" if related == "END" else "DTSTART")
                ].dt
                if not isinstance(base, datetime):  # all-day: midnight UTC is the worst case
                    base = datetime(base.year, base.month, base.day, tzinfo=UTC)
                at = base + trigger.dt
            out.append((str(comp["SUMMARY"]), at.astimezone(UTC)))
    return out


def assert_never_in_the_air(trip: Trip, data: bytes) -> int:
    alarms = ringing(data)
    for f in trip.flights:
        up, down = f.departs.astimezone(UTC), f.arrives.astimezone(UTC)
        airborne = [(s, a) for s, a in alarms if up < a < down]
        assert not airborne, f"{f.flight}: {airborne}"
    return len(alarms)


def export_all(trip: Trip, store: Store, now: datetime) -> None:
    checked = 0
    for todos in (False, True):
        for minutes in (15, 60, 600, 24 * 60):
            data, _ = ics_document(store, trip, alarm_minutes=minutes, todos=todos, now=now)
            checked += assert_never_in_the_air(trip, data)
    assert checked > 20  # alarms were really there to check


def test_demo_trip_alarms_never_ring_in_the_air(store: Store, tmp_path: Path) -> None:
    trip = example_trip(TODAY)
    store.put_trip(trip)
    now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    export_all(trip, store, now)
    # The arrival-day items (due when NH8 lands at 09:40 PST) ring at the landing.
    data, _ = ics_document(store, trip, now=now)
    landing = trip.flights[0].arrives.astimezone(UTC)
    assert any(at == landing for _, at in ringing(data))


@pytest.mark.corpus
def test_fosdem_via_frankfurt_alarms_never_ring_in_the_air(store: Store, corpus: Path) -> None:
    trip = fosdem_via_frankfurt()
    store.put_trip(trip)
    path = corpus / "frab-xml" / "fosdem-2026.xml"
    schedule = parse(path.read_bytes(), source=str(path), venue_tz=trip.venue_tz)
    store.put_schedule(trip.id, schedule)
    store.set_stars(trip.id, [s.key for s in schedule.sessions], True)
    now = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
    export_all(trip, store, now)
    # Ten hours before the Frankfurt -> Brussels leg is over Siberia on the first leg: it
    # rings when that first leg lands instead (what it announces is after the landing).
    data, _ = ics_document(store, trip, alarm_minutes=600, include=["flights"], now=now)
    by_flight = dict(ringing(data))
    assert by_flight["Flight LH1012 FRA → BRU"] == trip.flights[0].arrives.astimezone(UTC)
    # The first leg's own alarm is on the ground, ten hours before take-off.
    assert by_flight["Flight LH711 NRT → FRA"] == (
        trip.flights[0].departs.astimezone(UTC) - timedelta(hours=10)
    )
