"""A session's registration is due before the traveller leaves, whatever they travel by: the
departure is the checklist's own anchor (the first flight, or the first ground leg), never
"flights only", so a trip by train gets the same deadline as the rest of its checklist."""

from __future__ import annotations

from datetime import datetime

import pytest
from fosdem_trips import BER, BRU, fly_rail_fly, german_by_train
from sched_helpers import at, mk

from tripkit.core.anchors import compute_anchors
from tripkit.core.models import Schedule, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.services import registrations
from tripkit.store import Store


def _early_train() -> Trip:
    """The German by train leaves on 20 January for a week of stops before FOSDEM (30-31
    January 2027): his first leg, not the conference, closes the registration."""
    t = german_by_train()
    first = t.ground[0].model_copy(
        update={
            "departs": parse_zoned(f"2027-01-20T14:29[{BER}]"),
            "arrives": parse_zoned(f"2027-01-20T17:35[{BRU}]"),
        }
    )
    return t.model_copy(update={"ground": [first, *t.ground[1:]]})


def _stored(store: Store, trip: Trip) -> None:
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    lab = mk(
        "lab1",
        "2027-01-30 10:00",
        "2027-01-30 12:00",
        title="Rust embedded lab",
        needs_registration=True,
        zone=BRU,
    )
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[lab]))
    store.set_stars(trip.id, ["lab1"], True)


def _due(store: Store, trip: Trip) -> datetime:
    items = registrations.registration_items(store, trip, "en", now=at("2026-12-01 09:00", BER))
    (item,) = [i for i in items if i.id == "register:lab1"]
    assert item.due is not None
    return item.due


def test_a_trip_by_train_closes_registration_when_the_train_leaves(store: Store) -> None:
    # Wrong (flights only): due 23 January, three days after the ICE has left: the item says
    # "register before you travel" and dates it to when the traveller is already away.
    trip = _early_train()
    _stored(store, trip)
    due = _due(store, trip)
    assert due == parse_zoned(f"2027-01-20T14:29[{BER}]")
    assert str(due.tzinfo) == BER  # the home zone: they are at home when it falls
    # The same instant the checklist's departure anchor holds (one place for the fact).
    assert due == compute_anchors(trip).get("departure")


def test_seven_days_stand_when_they_come_before_the_train(store: Store) -> None:
    # Leaving on the 29th, the 7 days before the lab (23 January) come first.
    trip = german_by_train()
    _stored(store, trip)
    assert _due(store, trip) == at("2027-01-23 10:00", BRU)


@pytest.mark.parametrize("what", ["no times", "no journey"])
def test_an_assumed_departure_is_no_deadline(store: Store, what: str) -> None:
    # A leg without times (or a trip that does not say how) has its departure assumed on
    # the conference's first day by the anchors: taking that as a deadline would move the
    # registration to a day nobody chose. The 7 days stand.
    trip = _early_train()
    if what == "no times":
        legs = [leg.model_copy(update={"departs": None, "arrives": None}) for leg in trip.ground]
        trip = trip.model_copy(update={"ground": legs})
    else:
        trip = trip.model_copy(update={"ground": []})
    assert "departure" in compute_anchors(trip).notes
    _stored(store, trip)
    assert _due(store, trip) == at("2027-01-23 10:00", BRU)


def test_a_mixed_trip_closes_registration_at_its_first_flight(store: Store) -> None:
    # Flies NRT -> BRU on 28 January, the Eurostar on to London after the conference: the
    # first departure is the flight (10:55 in Tokyo), not the later train.
    trip = fly_rail_fly()
    _stored(store, trip)
    early = mk("lab1", "2027-02-10 10:00", "2027-02-10 12:00", needs_registration=True, zone=BRU)
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[early]))
    due = _due(store, trip)
    assert due == parse_zoned("2027-01-28T10:55[Asia/Tokyo]")
