"""A traveller unlike the demo, for the TUI's conference-day tests: a German developer who
takes the train from Cologne to FOSDEM 2026 in Brussels (no flight, zone Europe/Brussels,
home Europe/Berlin: same offset, other zone), with the real FOSDEM 2026 programme as the
main programme and a small fringe programme whose session ids are FOSDEM's own ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fosdem_trips import flagey_stay, fosdem_conference

from tripkit.core.models import Passport, Schedule, Session, Traveller, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.store import Store

BRU = "Europe/Brussels"


def fosdem_by_train() -> Trip:
    return Trip(
        id="fosdem-by-train",
        name="FOSDEM 2026 (by train)",
        traveller=Traveller(
            name="Jonas Becker",
            citizenships=["DE"],
            home_country="DE",
            home_tz="Europe/Berlin",
            language="en",  # (the UI speaks English or Japanese)
            passport=Passport(expires=date(2032, 3, 1)),
        ),
        conference=fosdem_conference(2026),
        stays=[flagey_stay("2026-01-30T18:00", "2026-02-02T10:00", name="Hotel Flagey")],
    )


def fringe(keys: list[str]) -> Schedule:
    """A fringe programme of two sessions that reuse FOSDEM's ids `keys[0]` and `keys[1]`
    (another source, other sessions: the ids mean nothing across programmes)."""
    z = parse_zoned
    return Schedule(
        title="FOSDEM Fringe",
        source="fringe.json",
        format="frab-json",
        tz=BRU,
        sessions=[
            Session(
                key=keys[0],
                title="Fringe: CHAOSS community meetup",
                start=z(f"2026-01-31T10:00[{BRU}]"),
                end=z(f"2026-01-31T11:00[{BRU}]"),
                room="Brasserie",
                track="Fringe",
                languages=["en"],
            ),
            Session(
                key=keys[1],
                title="Fringe: Kernel hackers breakfast",
                start=z(f"2026-02-01T08:00[{BRU}]"),
                end=z(f"2026-02-01T09:00[{BRU}]"),
                room="Café",
                track="Fringe",
                languages=["en", "de"],
            ),
        ],
    )


def fosdem_store(store: Store, corpus: Path) -> tuple[Trip, list[str]]:
    """The trip with FOSDEM 2026 (main) and the fringe programme; returns the trip and the
    two FOSDEM ids the fringe reuses (those of FOSDEM's first two sessions in time order)."""
    from tripkit.services.schedule import import_schedule

    trip = fosdem_by_train()
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    import_schedule(store, trip, str(corpus / "frab-xml" / "fosdem-2026.xml"))
    first = sorted(store.sessions(trip.id), key=lambda s: (s.start, s.title, s.key))
    keys = [first[0].key, first[1].key]
    store.put_schedule(trip.id, fringe(keys), name="fringe")
    return trip, keys
