"""A trip that flies in and leaves on the ground: NRT -> BRU for FOSDEM, the Eurostar to
London, LHR -> NRT home. The checklist's anchors take the way out of Belgium from the train
(flights only, "no flight leaves the destination" put it at the end of the conference), so
the days in Belgium and the passport's "valid after you leave" count from the real exit."""

from __future__ import annotations

from datetime import date

from fosdem_trips import BRU, fly_rail_fly, german_by_train

from tripkit.core.anchors import compute_anchors
from tripkit.core.documents import leave_date
from tripkit.core.zoned import parse_zoned


def test_the_eurostar_is_the_way_out_of_the_destination() -> None:
    # Wrong: leaving Belgium at the conference's end (31 January, midnight): a passport
    # whose Schengen margin runs out between the two days would pass the check.
    trip = fly_rail_fly()
    a = compute_anchors(trip)
    assert a.get("return_departure") == parse_zoned(f"2027-02-01T08:52[{BRU}]")
    assert "return_departure" not in a.notes
    assert a.ground_return_index == 0
    assert leave_date(trip, a) == date(2027, 2, 1)
    # The journey still ends with the flight home, in Tokyo's zone.
    assert a.get("home_arrival") == parse_zoned("2027-02-04T17:35[Asia/Tokyo]")
    assert a.get("departure") == parse_zoned("2027-01-28T10:55[Asia/Tokyo]")


def test_a_flight_out_that_leaves_first_stays_the_way_out() -> None:
    # A day trip by train to Amsterdam after flying home would be no way out: the earliest
    # departure from the destination wins, flight or leg.
    from tripkit.core.models import FlightSegment

    trip = fly_rail_fly()
    out = FlightSegment(
        flight="SN2093",
        origin="BRU",
        destination="LHR",
        departs=parse_zoned(f"2027-02-01T07:00[{BRU}]"),
        arrives=parse_zoned("2027-02-01T07:15[Europe/London]"),
    )
    trip = trip.model_copy(update={"flights": [trip.flights[0], out, trip.flights[1]]})
    a = compute_anchors(trip)
    assert a.get("return_departure") == out.departs
    assert a.return_index == 1 and a.ground_return_index is None


def test_a_trip_on_the_ground_only_is_unchanged() -> None:
    a = compute_anchors(german_by_train())
    assert a.get("return_departure") == parse_zoned(f"2027-02-01T10:25[{BRU}]")
