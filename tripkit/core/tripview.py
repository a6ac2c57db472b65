"""Read-only records of a stored trip, for screens that only show it (the TUI's Overview and
Schedule screen), built from the trip's JSON without pydantic.

Why: the models (tripkit.core.models) cost pydantic and ~54 classes, ~9 MB of a TUI process
whose bare Textual app is ~33 MB (issue 10: RSS on the Schedule screen <= 1.5x). A stored
trip was validated when it was written, so a screen that shows its name, dates, venue and
legs can read those fields back as plain values.

One place for each fact:
- the fields are the models' own: tests/core/test_tripview.py checks every record field
  against the model's field of the same name (its kind and its default), so a renamed or
  retyped field fails there, not on a screen;
- the logic over them (a trip's zones, a ground leg's start and end, a flight's duration) is
  written once, in the mixins below, which the models inherit too.
Records hold only the fields read-only screens use (the traveller's documents, notes and
deadlines are left out: the screens that show or edit them load the model).
A row this reader cannot read (an older release's, one edited by hand) raises ValueError;
the caller then loads the model, which validates it and words any problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# The logic shared with the models lives in tripkit.core.triplogic (re-exported here).
from tripkit.core.triplogic import FlightLogic, GroundLogic, TripLogic
from tripkit.core.zoned import parse_zoned

# --- the records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VenueView:
    name: str
    city: str
    country: str
    tz: str
    address: str = ""
    city_id: str | None = None
    venue_id: str | None = None


@dataclass(frozen=True, slots=True)
class TimeWindowView:
    start: datetime
    end: datetime
    label: str = ""


@dataclass(frozen=True, slots=True)
class ConferenceView:
    name: str
    first_day: date
    last_day: date
    venue: VenueView
    url: str = ""
    badge_pickup: tuple[TimeWindowView, ...] = ()


@dataclass(frozen=True, slots=True)
class TravellerView:
    citizenships: list[str]
    home_country: str
    home_tz: str
    name: str = ""
    language: str = "en"


@dataclass(frozen=True, slots=True)
class FlightView(FlightLogic):
    flight: str
    origin: str
    destination: str
    departs: datetime
    arrives: datetime
    booking_ref: str = ""
    origin_country: str | None = None
    destination_country: str | None = None


@dataclass(frozen=True, slots=True)
class GroundView(GroundLogic):
    mode: str
    origin: str
    destination: str
    origin_country: str
    destination_country: str
    departs: datetime | None = None
    arrives: datetime | None = None
    service: str = ""
    booking_ref: str = ""


@dataclass(frozen=True, slots=True)
class StayView:
    name: str
    check_in: datetime
    check_out: datetime
    address: str = ""
    country: str | None = None


@dataclass(frozen=True, slots=True)
class TripView(TripLogic):
    id: str
    name: str
    traveller: TravellerView
    conference: ConferenceView
    example: bool = False
    booked_on: date | None = None
    flights: tuple[FlightView, ...] = ()
    ground: tuple[GroundView, ...] = ()
    stays: tuple[StayView, ...] = ()


# Each record and the model whose fields it mirrors (for the drift test).
MIRRORS: dict[type, str] = {
    VenueView: "Venue",
    TimeWindowView: "TimeWindow",
    ConferenceView: "Conference",
    TravellerView: "Traveller",
    FlightView: "FlightSegment",
    GroundView: "GroundLeg",
    StayView: "Stay",
    TripView: "Trip",
}


# --- reading the stored JSON ---------------------------------------------------------------


def _str(data: dict[str, Any], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key}: not text")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key}: not text")
    return value


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError("not a date")
    return date.fromisoformat(value)


def _zoned(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("not a zoned time")
    return parse_zoned(value)


def _opt_zoned(value: Any) -> datetime | None:
    return None if value is None else _zoned(value)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key}: not a list of mappings")
    return value


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{key}: not a mapping")
    return value


def trip_view(data: Any) -> TripView:
    """The record of a trip from its stored JSON (`Trip.model_dump(mode="json")`, as
    tripkit.store writes it). ValueError when the data is not of that shape."""
    try:
        return _trip(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a stored trip ({exc})") from None


def _trip(data: Any) -> TripView:
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    t, c = _dict(data, "traveller"), _dict(data, "conference")
    v = _dict(c, "venue")
    citizenships = t["citizenships"]
    if not isinstance(citizenships, list) or not all(isinstance(x, str) for x in citizenships):
        raise ValueError("citizenships: not a list of codes")
    booked = data.get("booked_on")
    return TripView(
        id=_str(data, "id"),
        name=_str(data, "name"),
        example=bool(data.get("example", False)),
        booked_on=None if booked is None else _day(booked),
        traveller=TravellerView(
            citizenships=list(citizenships),
            home_country=_str(t, "home_country"),
            home_tz=_str(t, "home_tz"),
            name=_str(t, "name", ""),
            language=_str(t, "language", "en"),
        ),
        conference=ConferenceView(
            name=_str(c, "name"),
            url=_str(c, "url", ""),
            first_day=_day(c["first_day"]),
            last_day=_day(c["last_day"]),
            venue=VenueView(
                name=_str(v, "name"),
                address=_str(v, "address", ""),
                city=_str(v, "city"),
                city_id=_opt_str(v, "city_id"),
                venue_id=_opt_str(v, "venue_id"),
                country=_str(v, "country"),
                tz=_str(v, "tz"),
            ),
            badge_pickup=tuple(
                TimeWindowView(
                    start=_zoned(w["start"]), end=_zoned(w["end"]), label=_str(w, "label", "")
                )
                for w in _list(c, "badge_pickup")
            ),
        ),
        flights=tuple(
            FlightView(
                flight=_str(f, "flight"),
                origin=_str(f, "origin"),
                destination=_str(f, "destination"),
                departs=_zoned(f["departs"]),
                arrives=_zoned(f["arrives"]),
                booking_ref=_str(f, "booking_ref", ""),
                origin_country=_opt_str(f, "origin_country"),
                destination_country=_opt_str(f, "destination_country"),
            )
            for f in _list(data, "flights")
        ),
        ground=tuple(
            GroundView(
                mode=_str(g, "mode"),
                origin=_str(g, "origin"),
                destination=_str(g, "destination"),
                origin_country=_str(g, "origin_country"),
                destination_country=_str(g, "destination_country"),
                departs=_opt_zoned(g.get("departs")),
                arrives=_opt_zoned(g.get("arrives")),
                service=_str(g, "service", ""),
                booking_ref=_str(g, "booking_ref", ""),
            )
            for g in _list(data, "ground")
        ),
        stays=tuple(
            StayView(
                name=_str(s, "name"),
                address=_str(s, "address", ""),
                check_in=_zoned(s["check_in"]),
                check_out=_zoned(s["check_out"]),
                country=_opt_str(s, "country"),
            )
            for s in _list(data, "stays")
        ),
    )
