"""The route: every border a trip crosses, in order. Pure: the facts about countries come in
as arguments (RouteFacts), so that tests can state them and the core reads no files.

A border is where a traveller meets another country's immigration:

* ``entry``: landing in a country (or border area) the traveller stays in or travels on
  inside. A border area (Schengen) counts once: it is entered at its first airport, and a
  flight between two members crosses no border (FRA then BRU: the border is FRA).
* ``transit``: a connection (the next flight leaves the same airport within a day and goes
  to another jurisdiction) in a country the traveller does not stay in. Whether it is
  airside depends on that country: the US has none, so a US connection passes US
  immigration and customs at that airport (bags collected and re-checked).
* ``preclearance``: US immigration done before boarding abroad (Dublin, Vancouver...): the
  border is at the departure airport, at the departure instant; the landing in the US that
  follows is no border.
* ``return``: landing back in the home country (or its border area).

Leaving a country is not listed: exit checks ask nothing of the traveller that tripkit
could check. A trip without flights or ground legs has one entry border, at the conference's
start, crossed by a way tripkit does not know (``by`` None).

Ground legs (``Trip.ground``: a train, a coach, a drive, a ferry) cross borders too, by land
or sea (``by``): entry rules can differ by the way a border is crossed (Canada's eTA is for
air arrivals only). A leg's crossing is placed at its arrival (its departure, or the
conference's days, when it has no times), and said to be at an unknown place on the leg
(`checked` "unknown": before boarding, on board or on arrival, the sources rarely say);
where the data says the border is passed before departure (juxtaposed controls: into the
Schengen area from the UK, at London St Pancras), it is placed at the leg's departure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from tripkit.core.record import Record, field, replace
from tripkit.core.zoned import at_midnight, utc

if TYPE_CHECKING:
    from tripkit.core.models import FlightSegment, Trip

# Two flights at the same airport this close form a connection (as in core.anchors).
CONNECTION_MAX = timedelta(hours=24)

BorderKind = Literal["entry", "transit", "preclearance", "return"]
Airside = Literal["allowed", "not-allowed", "unknown"]
# How a border is crossed: at an airport, by land, by sea; None: tripkit does not know (a
# trip that does not say how the traveller travels, a stay reached some other way).
CrossedBy = Literal["air", "land", "sea"]


class RouteFacts(Record, frozen=True):
    """What the route model needs to know about countries, from the curated data.

    * ``airport_country``: IATA -> ISO country (None when unknown); a segment's own
      origin_country / destination_country win over it.
    * ``areas``: member country -> border area id (e.g. "DE" -> "schengen").
    * ``preclearance``: country -> airports abroad where its border is crossed (US -> DUB...).
    * ``airside``: country -> whether a connection can stay airside ("not-allowed" for the
      US). Countries not listed are "unknown".
    * ``customs_at_first_port``: countries where checked bags clear customs at the first
      airport, so a domestic connection means collecting and re-checking them (the US).
    """

    airport_country: Callable[[str], str | None] = lambda _code: None
    areas: Mapping[str, str] = field(default_factory=dict)
    preclearance: Mapping[str, Set[str]] = field(default_factory=dict)
    airside: Mapping[str, Airside] = field(default_factory=dict)
    customs_at_first_port: Set[str] = frozenset()
    # Jurisdiction -> the countries from which, on the ground, it is entered before departure
    # (juxtaposed controls: "schengen" -> {"GB"}).
    before_departure: Mapping[str, Set[str]] = field(default_factory=dict)

    def jurisdiction(self, country: str | None) -> str | None:
        """The border a country belongs to: its area's id, or the country itself."""
        if country is None:
            return None
        return self.areas.get(country, country)


class Border(Record, frozen=True):
    """One border crossed, in route order.

    ``at`` is the instant of the crossing in the zone of the airport where it happens (the
    landing; for preclearance, the take-off). ``until`` is when the traveller leaves that
    jurisdiction again (None when no flight out is known): each entry is judged for its own
    dates. ``countries`` are the countries of the jurisdiction the traveller lands in before
    leaving it (FRA then BRU: DE, BE).
    """

    kind: BorderKind
    country: str  # ISO 3166 alpha-2 of the airport where the border is crossed
    airport: str | None  # IATA; None for a trip without flights
    at: datetime
    area: str | None = None  # e.g. "schengen"
    until: datetime | None = None
    countries: tuple[str, ...] = ()
    inbound: FlightSegment | None = None  # the flight that brings the traveller here
    onward: FlightSegment | None = None  # the next flight, when it is a connection here
    airside: Airside = "unknown"  # for transits: may the traveller stay airside?
    # At an entry: the next flight is a connection inside the same jurisdiction (SFO then
    # AUS) and bags clear customs here: collect and re-check them.
    recheck_bags: bool = False
    destination: bool = False  # the conference's country (or its area) is entered here
    by: CrossedBy | None = None
    # A ground leg's border: passed before departure where it starts ("before-departure",
    # `place` names it), or somewhere on the leg tripkit's sources do not say ("unknown",
    # `place` is "origin → destination"). None: at an airport, or a stay's country.
    checked: Literal["before-departure", "unknown"] | None = None
    place: str = ""

    @property
    def day(self) -> date:
        """The local date of the crossing at its airport."""
        return self.at.date()

    @property
    def leave_day(self) -> date | None:
        return self.until.date() if self.until is not None else None


def _countries(seg: FlightSegment, facts: RouteFacts) -> tuple[str | None, str | None]:
    return (
        seg.origin_country or facts.airport_country(seg.origin),
        seg.destination_country or facts.airport_country(seg.destination),
    )


def _elapsed(a: datetime, b: datetime) -> timedelta:
    return b.astimezone(UTC) - a.astimezone(UTC)


def _is_connection(inbound: FlightSegment, onward: FlightSegment | None) -> bool:
    return (
        onward is not None
        and inbound.destination == onward.origin
        and _elapsed(inbound.arrives, onward.departs) < CONNECTION_MAX
    )


class _Crossing(Record, frozen=True):
    """A way into a country other than a flight: a ground leg, or a stay that says its
    country (the traveller got there somehow). `at` is when the border is taken as crossed."""

    at: datetime
    country: str
    by: CrossedBy | None
    checked: Literal["before-departure", "unknown"] | None = None
    place: str = ""


def _crossings(
    trip: Trip, conf_start: datetime, conf_end: datetime, facts: RouteFacts
) -> list[_Crossing]:
    dest = trip.destination_country
    out = [_Crossing(st.check_in, st.country, None) for st in trip.stays if st.country is not None]
    for leg in trip.ground:
        early = facts.before_departure.get(facts.jurisdiction(leg.destination_country) or "", ())
        if leg.origin_country in early and leg.start is not None:
            out.append(
                _Crossing(
                    leg.start, leg.destination_country, leg.by, "before-departure", leg.origin
                )
            )
            continue
        at = leg.end or (conf_start if leg.destination_country == dest else conf_end)
        place = f"{leg.origin} → {leg.destination}"
        out.append(_Crossing(at, leg.destination_country, leg.by, "unknown", place))
    return sorted(out, key=lambda c: utc(c.at))


def borders(trip: Trip, facts: RouteFacts) -> list[Border]:
    """Every border of `trip`, in route order (see the module docstring)."""
    dest_jur = facts.jurisdiction(trip.destination_country)
    home_jur = facts.jurisdiction(trip.traveller.home_country)
    flights = trip.flights
    conf_start_at = at_midnight(trip.conference.first_day, trip.venue_tz)
    conf_end_at = at_midnight(trip.conference.last_day + timedelta(days=1), trip.venue_tz)
    # Ground legs and stays that say their country: borders crossed by land or sea (Brussels
    # to London by train), or some way tripkit does not know (a stay's country).
    land = _crossings(trip, conf_start_at, conf_end_at, facts)
    if not flights and not trip.ground:
        if dest_jur == home_jur:
            return []
        return [
            Border(
                "entry",
                trip.destination_country,
                None,
                conf_start_at,
                area=facts.areas.get(trip.destination_country),
                countries=(trip.destination_country,),
                destination=True,
            )
        ]
    moves = _moves(trip, facts)
    if not flights:
        first = trip.ground[0]
        current = facts.jurisdiction(first.origin_country) or home_jur
        out: list[Border] = []
        while land:
            current = _land(out, land.pop(0), current, home_jur, dest_jur, facts)
        if dest_jur not in (home_jur, facts.jurisdiction(first.origin_country)) and not any(
            b.destination for b in out
        ):
            # The legs given do not reach the conference's country: how is not known.
            out.append(
                Border(
                    "entry",
                    trip.destination_country,
                    None,
                    conf_start_at,
                    area=facts.areas.get(trip.destination_country),
                    destination=True,
                )
            )
            out.sort(key=lambda b: utc(b.at))
        return _with_departures(out, moves, facts)
    countries = [_countries(s, facts) for s in flights]
    conf_end = utc(conf_end_at)
    out = []
    # Where the traveller legally is: the first origin's jurisdiction (normally home).
    current = facts.jurisdiction(countries[0][0]) or home_jur
    if trip.ground and trip.ground[0].start is not None:
        if utc(trip.ground[0].start) < utc(flights[0].departs):
            current = facts.jurisdiction(trip.ground[0].origin_country) or home_jur
    precleared: str | None = None  # the jurisdiction already cleared before boarding
    for i, seg in enumerate(flights):
        while land and utc(land[0].at) < utc(seg.departs):
            current = _land(out, land.pop(0), current, home_jur, dest_jur, facts)
        origin_c, dest_c = countries[i]
        onward = flights[i + 1] if i + 1 < len(flights) else None
        # Preclearance: this flight goes to a country whose border sits at its origin.
        if dest_c is not None and seg.origin in facts.preclearance.get(dest_c, ()):
            jur = facts.jurisdiction(dest_c)
            if jur != current:
                out.append(
                    Border(
                        "preclearance",
                        dest_c,
                        seg.origin,
                        seg.departs,
                        area=facts.areas.get(dest_c),
                        inbound=seg,
                        destination=jur == dest_jur,
                        by="air",
                    )
                )
                precleared = jur
        jur = facts.jurisdiction(dest_c)
        if jur is None or dest_c is None:
            # A country tripkit cannot place: not a border it can name. Said by the caller
            # (the airport is not in the catalog); the traveller's position stays unknown.
            current = None
            continue
        if jur == current:
            continue  # a domestic flight, or one inside a border area
        if precleared == jur:
            current, precleared = jur, None  # landing after preclearance: no second border
            continue
        connection = _is_connection(seg, onward)
        next_jur = facts.jurisdiction(countries[i + 1][1]) if onward is not None else None
        stays_here = jur == dest_jur and utc(seg.arrives) < conf_end
        if jur == home_jur and i > 0:
            kind: BorderKind = "return"
        elif connection and next_jur != jur and not stays_here:
            kind = "transit"
        else:
            kind = "entry"
        airside: Airside = facts.airside.get(dest_c, "unknown")
        recheck = (
            kind == "entry"
            and connection
            and next_jur == jur
            and dest_c in facts.customs_at_first_port
        )
        if kind == "transit" and airside == "not-allowed":
            recheck = dest_c in facts.customs_at_first_port
        out.append(
            Border(
                kind,
                dest_c,
                seg.destination,
                seg.arrives,
                area=facts.areas.get(dest_c),
                inbound=seg,
                onward=onward if connection else None,
                airside=airside,
                recheck_bags=recheck,
                destination=jur == dest_jur and kind == "entry",
                by="air",
            )
        )
        current = jur  # physically there (airside or not) until the next flight
    while land:
        current = _land(out, land.pop(0), current, home_jur, dest_jur, facts)
    return _with_departures(out, moves, facts)


def _land(
    out: list[Border],
    crossing: _Crossing,
    current: str | None,
    home_jur: str | None,
    dest_jur: str | None,
    facts: RouteFacts,
) -> str | None:
    """A border crossed without a flight (airport None), if `crossing` goes into another
    jurisdiction than where the traveller is. Returns where they are."""
    country = crossing.country
    jur = facts.jurisdiction(country)
    if jur is None or jur == current:
        return current
    kind: BorderKind = "return" if jur == home_jur else "entry"
    out.append(
        Border(
            kind,
            country,
            None,
            crossing.at,
            area=facts.areas.get(country),
            destination=jur == dest_jur and kind == "entry",
            by=crossing.by,
            checked=crossing.checked,
            place=crossing.place,
        )
    )
    return jur


# One departure from a country: (instant, origin country, destination country).
_Move = tuple[datetime, "str | None", "str | None"]


def _moves(trip: Trip, facts: RouteFacts) -> list[_Move]:
    """Every departure with a known time, flights and ground legs, in time order."""
    out: list[_Move] = [(seg.departs, *_countries(seg, facts)) for seg in trip.flights]
    out += [
        (leg.departs, leg.origin_country, leg.destination_country)
        for leg in trip.ground
        if leg.departs is not None
    ]
    return sorted(out, key=lambda m: utc(m[0]))


def _with_departures(out: list[Border], moves: list[_Move], facts: RouteFacts) -> list[Border]:
    """Fill each border's `until` (the departure that leaves its jurisdiction) and the
    countries landed in meanwhile."""
    done: list[Border] = []
    for border in out:
        jur = facts.jurisdiction(border.country)
        start = utc(border.at)
        seen: list[str] = [border.country] if border.kind != "preclearance" else []
        until = None
        for departs, o, d in moves:
            if utc(departs) < start:
                continue
            if border.kind == "preclearance" and utc(departs) == start:
                if d is not None and d not in seen:
                    seen.append(d)
                continue
            if facts.jurisdiction(o) == jur and facts.jurisdiction(d) != jur:
                until = departs
                break
            if d is not None and facts.jurisdiction(d) == jur and d not in seen:
                seen.append(d)
        if until is None:
            # Left without a known departure (a land border next): the next border elsewhere.
            until = next(
                (b.at for b in out if utc(b.at) > start and facts.jurisdiction(b.country) != jur),
                None,
            )
        done.append(replace(border, until=until, countries=tuple(seen)))
    return done


def stay_window(border: Border, fallback_end: date) -> tuple[date, date]:
    """The local dates a border's stay covers: entry day to leaving day (or `fallback_end`)."""
    return border.day, border.leave_day or fallback_end
