"""The instants a trip's deadlines hang on, and where the traveller is at any instant.

Checklist rules say "72 h before departure" or "14 days before the conference starts";
this module turns a Trip into those instants (aware datetimes, each in the zone where it
happens) and says how each was found, so that a reason can be shown to the user.

Flights are read in travel order. The destination is the venue's country:
- departure: the first segment takes off;
- port of entry: the first segment that lands in the destination country;
- arrival: the last segment landing in the destination country before the conference ends
  (the final airport of the way in, after any domestic connection);
- return departure: the first segment after that leaving the destination country;
- home arrival: the last segment lands.
A trip without flights still works: a trip on the ground (train, coach, car, ferry) takes
its anchors from its legs (tripkit.core.journey); one that says nothing of its journey falls
back to the conference days, and the fallback is said in `notes`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from tripkit.core import wiring
from tripkit.core.journey import ground_anchor_times
from tripkit.core.record import Record, field
from tripkit.core.zoned import at_midnight, get_zone, utc, zone_of

if TYPE_CHECKING:  # types only: the TUI's read-only screens pass records (core.tripview)
    from tripkit.core.models import FlightSegment, Trip

# Segments closer than this at the same airport form a connection, not a stopover.
CONNECTION_MAX = timedelta(hours=24)

ANCHOR_NAMES: tuple[str, ...] = (
    "booking",
    "departure",
    "port_of_entry",
    "arrival",
    "badge_pickup",
    "conference_start",
    "conference_end",
    "return_departure",
    "home_arrival",
)

CountryLookup = Callable[[str], "str | None"]


class Connection(Record, frozen=True):
    airport: str
    country: str | None
    inbound: FlightSegment
    outbound: FlightSegment

    @property
    def gap(self) -> timedelta:
        return _elapsed(self.inbound.arrives, self.outbound.departs)


class Anchors(Record):
    """Every anchor instant (None when unknown) and how each was found."""

    times: dict[str, datetime | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # anchor -> fallback explanation (English)
    connections: list[Connection] = field(default_factory=list)
    # The connection at the port of entry when the journey goes on inside the destination.
    entry_connection: Connection | None = None
    port_of_entry_airport: str | None = None
    arrival_index: int | None = None  # index in trip.flights of the arrival segment
    return_index: int | None = None
    # A trip on the ground only: the legs (in trip.ground) that arrive and that start home;
    # with flights, the leg that leaves the destination when it is the way out (Eurostar).
    ground_arrival_index: int | None = None
    ground_return_index: int | None = None
    # Anchors that are a day, not an hour (tripkit.core.dueday): the booking date, the
    # conference's days, and every anchor that fell back to them (the end of the conference:
    # its last day). Their midnights are no hour anyone chose.
    days: dict[str, date] = field(default_factory=dict)

    def get(self, name: str) -> datetime | None:
        return self.times.get(name)


def default_country_lookup() -> CountryLookup | None:
    """The airport catalog the application installed (tripkit.core.wiring); None: none."""
    return wiring.airport_lookup()


def segment_countries(
    seg: FlightSegment, lookup: CountryLookup | None
) -> tuple[str | None, str | None]:
    """(origin country, destination country): the segment's own fields, then the catalog."""
    origin = seg.origin_country or (lookup(seg.origin) if lookup else None)
    dest = seg.destination_country or (lookup(seg.destination) if lookup else None)
    return origin, dest


def compute_anchors(trip: Trip, lookup: CountryLookup | None = None) -> Anchors:
    a = _compute_anchors(trip, lookup)
    conf = trip.conference
    start, end = a.times["conference_start"], a.times["conference_end"]
    if trip.booked_on:
        a.days["booking"] = trip.booked_on
    for name, at in a.times.items():
        # By identity: a fallback is the conference's own instant; a flight that happens to
        # land at midnight is an hour, not a day.
        if at is start:
            a.days[name] = conf.first_day
        elif at is end:
            a.days[name] = conf.last_day
    return a


def _compute_anchors(trip: Trip, lookup: CountryLookup | None) -> Anchors:
    if lookup is None:
        lookup = default_country_lookup()
    conf = trip.conference
    venue_tz = trip.venue_tz
    dest_country = trip.destination_country
    a = Anchors()
    t = a.times
    t["booking"] = at_midnight(trip.booked_on, trip.home_tz) if trip.booked_on else None
    if t["booking"] is None:
        a.notes["booking"] = "the trip has no booking date"
    t["conference_start"] = at_midnight(conf.first_day, venue_tz)
    # The conference ends with its last day: the next midnight at the venue.
    t["conference_end"] = at_midnight(conf.last_day + timedelta(days=1), venue_tz)
    if conf.badge_pickup:
        t["badge_pickup"] = min((w.start for w in conf.badge_pickup), key=utc)
    else:
        t["badge_pickup"] = t["conference_start"]
        a.notes["badge_pickup"] = "no badge pickup time given: using the conference's first day"

    flights = trip.flights
    countries = [segment_countries(s, lookup) for s in flights]
    for i, (x, y) in enumerate(zip(flights, flights[1:], strict=False)):
        # Subtract in UTC: same-zone aware datetimes subtract by the wall clock in Python.
        if x.destination == y.origin and _elapsed(x.arrives, y.departs) < CONNECTION_MAX:
            a.connections.append(Connection(x.destination, countries[i][1], x, y))

    conf_start, conf_end = t["conference_start"], t["conference_end"]
    assert conf_start is not None and conf_end is not None
    if not flights and trip.ground:
        times, notes, a.ground_arrival_index, a.ground_return_index = ground_anchor_times(
            trip, conf_start, conf_end
        )
        t.update(times)
        a.notes.update(notes)
        return a
    if not flights:
        t["departure"] = t["port_of_entry"] = t["arrival"] = conf_start
        t["return_departure"] = t["home_arrival"] = conf_end
        for name in ("departure", "port_of_entry", "arrival"):
            a.notes[name] = "the trip has no flights: using the conference's first day"
        for name in ("return_departure", "home_arrival"):
            a.notes[name] = "the trip has no flights: using the end of the conference"
        return a

    t["departure"] = flights[0].departs
    # Instants, not wall clocks: an SFO landing and the venue's midnight share a zone.
    inbound = [i for i, s in enumerate(flights) if utc(s.arrives) < utc(conf_end)]
    landing_in_dest = [i for i in inbound if countries[i][1] == dest_country]
    if landing_in_dest:
        first = landing_in_dest[0]
        # The way in ends at the last landing of the consecutive run starting at the port
        # (NRT-LAX, LAX-SFO: arrival is SFO); a later domestic hop is part of the stay.
        run_end = first
        for i in landing_in_dest[1:]:
            if i == run_end + 1:
                run_end = i
        a.arrival_index = run_end
        t["port_of_entry"] = flights[first].arrives
        a.port_of_entry_airport = flights[first].destination
        t["arrival"] = flights[a.arrival_index].arrives
        if run_end > first:
            a.entry_connection = next(
                (c for c in a.connections if c.inbound is flights[first]), None
            )
    elif inbound:
        a.arrival_index = inbound[-1]
        t["arrival"] = t["port_of_entry"] = flights[inbound[-1]].arrives
        a.port_of_entry_airport = flights[inbound[-1]].destination
        a.notes["arrival"] = a.notes["port_of_entry"] = (
            "no flight is known to land in the destination country: using the last landing "
            "before the conference ends"
        )
    else:
        t["arrival"] = t["port_of_entry"] = conf_start
        a.notes["arrival"] = a.notes["port_of_entry"] = (
            "no flight lands before the conference ends: using the conference's first day"
        )

    after = (a.arrival_index + 1) if a.arrival_index is not None else 0
    leaving = [
        i
        for i in range(after, len(flights))
        if countries[i][0] in (dest_country, None) and countries[i][1] != dest_country
    ]
    # A trip that flies in and leaves on the ground (the Eurostar from Brussels to London,
    # then the flight home from Heathrow): the way home starts with the first leg leaving
    # the destination's country after arrival, when it leaves before any flight out does.
    arrived = flights[a.arrival_index].arrives if a.arrival_index is not None else None
    by_ground = [
        (i, g.start)
        for i, g in enumerate(trip.ground)
        if g.start is not None
        and g.origin_country == dest_country != g.destination_country
        and (arrived is None or utc(g.start) >= utc(arrived))
    ]
    first_ground = min(by_ground, key=lambda x: utc(x[1]), default=None)
    if first_ground is not None and (
        not leaving or utc(first_ground[1]) < utc(flights[leaving[0]].departs)
    ):
        a.ground_return_index, t["return_departure"] = first_ground
    elif leaving:
        a.return_index = leaving[0]
        t["return_departure"] = flights[leaving[0]].departs
    else:
        t["return_departure"] = conf_end
        a.notes["return_departure"] = (
            "no flight leaves the destination after arrival: using the end of the conference"
        )
    if after < len(flights):
        t["home_arrival"] = flights[-1].arrives
    else:
        t["home_arrival"] = conf_end
        a.notes["home_arrival"] = "no flight home: using the end of the conference"
    return a


def shift(at: datetime, offset: timedelta, *, calendar: bool = False) -> datetime:
    """`at` moved by `offset`, in `at`'s zone.

    calendar=True (whole days, weeks) keeps the wall-clock time: 7 days before a 17:05
    departure is 17:05, across a DST change. Otherwise the offset is exact elapsed time:
    72 h before is 72 h before, whatever the clocks do. (Python's `aware + timedelta` is
    wall-clock arithmetic, hence the trip through UTC.)
    """
    zone = at.tzinfo
    if calendar:
        wall = at.replace(tzinfo=None) + offset
        # A wall time in a DST gap does not exist: normalising through UTC moves it forward.
        return wall.replace(tzinfo=zone, fold=at.fold).astimezone(UTC).astimezone(zone)
    return (at.astimezone(UTC) + offset).astimezone(zone)


class Position(Record, frozen=True):
    """Where the traveller is at an instant: a zone, and the flight when airborne."""

    tz: str
    in_flight: str | None = None  # flight number while airborne
    place: str = ""  # "home", "venue", an IATA code...


def position(trip: Trip, instant: datetime, anchors: Anchors | None = None) -> Position:
    """The traveller's zone at `instant`.

    Before the first take-off: home. In the air: the zone of the airport being flown to,
    since that is the clock the traveller lives by on landing (and what airlines show).
    On the ground between flights: that airport's zone, except from arrival at the
    destination until the next flight, which is the venue's zone. After the last landing:
    home if it lands in the home zone's country, else that airport's zone.
    Without flights: the venue's zone during the conference days, home otherwise.
    """
    anchors = anchors or compute_anchors(trip)
    flights = trip.flights
    instant = utc(instant)  # compared as instants (same-zone datetimes compare by wall clock)
    if not flights and trip.ground:
        return _ground_position(trip, instant, anchors)
    if not flights:
        start, end = anchors.get("conference_start"), anchors.get("conference_end")
        if start is not None and end is not None and utc(start) <= instant < utc(end):
            return Position(trip.venue_tz, place="venue")
        return Position(trip.home_tz, place="home")
    # At the instant of take-off the traveller is still at the gate; at landing, arrived.
    if instant <= utc(flights[0].departs):
        return Position(trip.home_tz, place="home")
    for i, seg in enumerate(flights):
        if utc(seg.departs) < instant < utc(seg.arrives):
            return Position(zone_of(seg.arrives).key, in_flight=seg.flight)
        following = flights[i + 1] if i + 1 < len(flights) else None
        if utc(seg.arrives) <= instant and (following is None or instant <= utc(following.departs)):
            if i == anchors.arrival_index:
                return Position(trip.venue_tz, place="venue")
            if following is None and _same_offset_now(seg.arrives, trip.home_tz):
                return Position(trip.home_tz, place="home")
            return Position(zone_of(seg.arrives).key, place=seg.destination)
    return Position(trip.home_tz, place="home")  # pragma: no cover - loop always returns


def _ground_position(trip: Trip, instant: datetime, anchors: Anchors) -> Position:
    """On a trip travelled on the ground: home until the first leg leaves, on the way (the
    zone of the leg's end) until arrival, the venue until the way home starts, then on the
    way home (the last leg's zone) and home."""
    start, arrive = anchors.get("departure"), anchors.get("arrival")
    leave, home = anchors.get("return_departure"), anchors.get("home_arrival")
    assert start is not None and arrive is not None and leave is not None and home is not None
    if instant <= utc(start):
        return Position(trip.home_tz, place="home")
    if instant < utc(arrive):
        return Position(zone_of(arrive).key, place="on the way")
    if instant <= utc(leave):
        return Position(trip.venue_tz, place="venue")
    if instant < utc(home):
        return Position(zone_of(home).key, place="on the way")
    return Position(trip.home_tz, place="home")


def where_is(trip: Trip, instant: datetime, anchors: Anchors | None = None) -> str:
    """The IANA zone the traveller is in at `instant` (see `position`)."""
    return position(trip, instant, anchors).tz


def _elapsed(start: datetime, end: datetime) -> timedelta:
    return end.astimezone(UTC) - start.astimezone(UTC)


def _same_offset_now(dt: datetime, tz: str) -> bool:
    return dt.utcoffset() == dt.astimezone(get_zone(tz)).utcoffset()
