"""The trip: traveller, conference, flights, stays; and schedule sessions.

Pydantic v2 models. Every datetime is a ZonedDateTime (aware, IANA zone). Flights keep their
departure and arrival zones apart; date-only facts (passport expiry, conference days) stay
dates so that they never shift a day when the viewing zone changes.
"""

# No `from __future__ import annotations` here (nor in tripkit.core.curated): pydantic would
# evaluate every field's annotation from its text when each class is made, ~20 M machine
# instructions of a cold `tripkit checklist --json` (issue 13). Only true forward references
# (a validator returning its own class) are quoted.

import re
from datetime import date, datetime, timedelta
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

# Lang and LANGS live in a pydantic-free module (i18n needs them at start-up); re-exported here.
from tripkit.core.langs import LANGS as LANGS
from tripkit.core.langs import Lang as Lang

# The derived values (a trip's zones, a leg's start and end) are shared with the read-only
# records of tripkit.core.tripview: written once, in tripkit.core.triplogic.
from tripkit.core.triplogic import (
    FlightLogic,
    GroundLogic,
    TravellerLogic,
    TripLogic,
    VisitLogic,
)
from tripkit.core.zoned import TimeZoneName, ZonedDateTime, utc
from tripkit.errors import Msg


def _country(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", code or ""):
        raise ValueError(
            Msg("{code!r} is not a two-letter ISO 3166 country code (e.g. JP, US)", code=code)
        )
    return code.upper()


def _iata(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", code or ""):
        raise ValueError(
            Msg("{code!r} is not a three-letter IATA airport code (e.g. NRT, SFO)", code=code)
        )
    return code.upper()


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", value or ""):
        raise ValueError(
            Msg(
                "{value!r} is not a valid id: use lowercase letters, digits and '-', "
                "up to 63 characters",
                value=value,
            )
        )
    return value


def full_address(url: str) -> str:
    """A source must name a page, not a whole site: `https://www.cbp.gov` (or with only "/")
    tells a reader nothing they can check."""
    if url.startswith("tripkit:"):  # tripkit's own editorial advice (kind: advice notes)
        return url
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url!r} is not a web address (http:// or https://)")
    if parts.path in ("", "/") and not parts.query:
        raise ValueError(
            f"{url!r} is a bare domain: give the full address of the page that states the fact"
        )
    return url


Country = Annotated[str, AfterValidator(_country)]
Iata = Annotated[str, AfterValidator(_iata)]
Slug = Annotated[str, AfterValidator(_slug)]


class Model(BaseModel):
    """Strict by default: unknown keys in a user's YAML are an error, not silently dropped."""

    # defer_build: a model's validator is built when it is first used, so a command pays only
    # for the models it validates (the checklist never validates a Session or a guide note).
    # protected_namespaces=(): no field name starts with `model_`, and checking every field
    # of every class against pydantic's reserved prefixes at import is paid by each command.
    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        validate_assignment=True,
        defer_build=True,
        protected_namespaces=(),
    )


class Passport(Model):
    """A passport the traveller holds. Never its number: tripkit does not need it."""

    expires: date
    issued: date | None = None
    e_passport: bool = True
    country: Country | None = None  # issuing country; defaults to the first citizenship

    @model_validator(mode="after")
    def _dates(self) -> "Passport":
        if self.issued is not None and self.issued >= self.expires:
            raise ValueError("the passport expires before it was issued")
        return self


class Residence(Model):
    """The traveller's right to live in their home country when they are not its citizen
    (a Japanese residence card, a US green card...): what brings them back home."""

    status: str = Field(default="", max_length=100)  # e.g. "permanent resident", "engineer"
    expires: date | None = None  # the status's (or card's) end; None: permanent / unknown
    permanent: bool = False


class Authorisation(Model):
    """A travel authorisation already held (ESTA, eTA, UK ETA, ETIAS, visa...).

    `passport_expires` identifies the passport it was issued for: electronic authorisations
    are tied to one passport, so when the traveller's passport changes it stops being valid.
    """

    kind: str = Field(min_length=1, max_length=40)  # e.g. "ESTA", "eTA", "UK-ETA", "visa-B1/B2"
    country: Country  # the country it admits you to
    expires: date
    granted: date | None = None
    passport_expires: date | None = None


class Visit(VisitLogic, Model):
    """A past stay in a country, for travel-history rules (the US VWP bar on travel to Cuba
    since 2021-01-12...). `on` is the (first) day there; `until` the last, if longer."""

    country: Country
    # `date:` is accepted too: an unquoted `on:` key is the boolean true in YAML 1.1.
    on: date = Field(validation_alias=AliasChoices("on", "date"))
    until: date | None = None


class Traveller(TravellerLogic, Model):
    """Who travels. `passports` holds one passport per citizenship (a dual citizen lists
    both); `passport` is the one carried by default, kept for trip files written before
    `passports` existed (either key may be given; with `passports`, `passport` follows it)."""

    name: str = Field(default="", max_length=200)
    citizenships: list[Country] = Field(min_length=1)
    home_country: Country
    home_tz: TimeZoneName
    language: Lang = "en"
    passport: Passport
    passports: list[Passport] = Field(default_factory=list)
    # Set when the traveller lives in a country they are not a citizen of.
    residence: Residence | None = None
    authorisations: list[Authorisation] = Field(default_factory=list)
    # Countries visited (and when), for entry rules such as the US VWP travel-history bar.
    visited: list[Visit] = Field(default_factory=list)

    # The derivations are the lean traveller's too (tripkit.core.triplogic.TravellerLogic).
    @model_validator(mode="before")
    @classmethod
    def _passport_from_list(cls, data: object) -> object:
        return cls._lean_before(data)

    @model_validator(mode="after")
    def _one_passport_per_citizenship(self) -> "Traveller":
        self._lean_after()
        return self

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        """A one-passport traveller is written as before (`passport` only)."""
        data: dict[str, object] = handler(self)
        if len(self.passports) <= 1:
            data.pop("passports", None)
        if self.residence is None:
            data.pop("residence", None)
        return data

    def passport_for(self, country: str) -> Passport | None:
        found: Passport | None = TravellerLogic.passport_for(self, country)
        return found


class Venue(Model):
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(default="", max_length=400)
    city: str = Field(min_length=1, max_length=100)
    city_id: str | None = None  # key of the curated city notes (e.g. "san-francisco")
    venue_id: str | None = None  # key of the curated venue notes (e.g. "moscone-center")
    country: Country
    tz: TimeZoneName


class TimeWindow(Model):
    start: ZonedDateTime
    end: ZonedDateTime
    label: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> "TimeWindow":
        if utc(self.end) <= utc(self.start):
            raise ValueError("a time window must end after it starts")
        return self


class Conference(Model):
    name: str = Field(min_length=1, max_length=200)
    url: str = Field(default="", max_length=2000)
    first_day: date
    last_day: date
    venue: Venue
    badge_pickup: list[TimeWindow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> "Conference":
        if self.last_day < self.first_day:
            raise ValueError("the conference's last day is before its first day")
        return self


class FlightSegment(FlightLogic, Model):
    """One take-off and landing. Departure and arrival each keep their own zone."""

    flight: str = Field(min_length=2, max_length=12)  # e.g. "NH7"
    origin: Iata
    destination: Iata
    departs: ZonedDateTime  # in the origin airport's zone
    arrives: ZonedDateTime  # in the destination airport's zone
    booking_ref: str = Field(default="", max_length=20)
    # Countries of the airports; filled from the airport catalog when left out.
    origin_country: Country | None = None
    destination_country: Country | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "FlightSegment":
        if utc(self.arrives) <= utc(self.departs):
            raise ValueError(
                "the flight lands before it takes off (compare instants, not clock times: "
                "check the zones of departs and arrives)"
            )
        if self.duration > timedelta(hours=22):
            raise ValueError("a single flight segment longer than 22 hours is not plausible")
        return self


GroundMode = Literal["train", "bus", "car", "ferry"]


class GroundLeg(GroundLogic, Model):
    """A leg travelled without flying: a train, a coach, a drive or a ferry.

    Places are free text (a station, a city, a port): there is no catalog to look them up,
    so each end says its country, which is what tells the route which border the leg
    crosses (and that it is crossed by land or sea, not at an airport). Times are optional
    (a drive has no timetable); when given, each is in its own zone, like a flight's.
    """

    mode: GroundMode
    origin: str = Field(min_length=1, max_length=200)  # e.g. "Frankfurt (Main) Hbf"
    destination: str = Field(min_length=1, max_length=200)
    origin_country: Country
    destination_country: Country
    departs: ZonedDateTime | None = None  # in the origin's zone
    arrives: ZonedDateTime | None = None  # in the destination's zone
    service: str = Field(default="", max_length=40)  # e.g. "ICE 14", "Eurostar 9116"
    booking_ref: str = Field(default="", max_length=20)

    @model_validator(mode="after")
    def _ordered(self) -> "GroundLeg":
        if self.departs is not None and self.arrives is not None:
            if utc(self.arrives) <= utc(self.departs):
                raise ValueError(
                    "the leg arrives before it departs (compare instants, not clock times: "
                    "check the zones of departs and arrives)"
                )
            if utc(self.arrives) - utc(self.departs) > timedelta(days=8):
                raise ValueError("a single leg longer than 8 days is not plausible")
        return self


class Stay(Model):
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(default="", max_length=400)
    check_in: ZonedDateTime
    check_out: ZonedDateTime
    # The stay's country, when it is reached without a flight (a train from Brussels to
    # London crosses a border the flights do not show). Optional.
    country: Country | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Stay":
        if utc(self.check_out) <= utc(self.check_in):
            raise ValueError("check-out must be after check-in")
        return self


class AgendaEntry(Model):
    """A personal agenda item written in the trip file (a meeting, booth duty, a meal...);
    the same fields as tripkit.core.personal.PersonalItem, which the agenda uses."""

    id: Slug
    title: str = Field(min_length=1, max_length=200)
    start: ZonedDateTime
    end: ZonedDateTime
    place: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)
    kind: Literal["meeting", "booth", "meal", "travel", "badge", "other"] = "other"

    @model_validator(mode="after")
    def _ordered(self) -> "AgendaEntry":
        if utc(self.end) <= utc(self.start):
            raise ValueError("an agenda item must end after it starts")
        return self


class ConferenceDeadline(Model):
    """A date the conference itself sets: reservations open, early bird ends, the hotel
    block closes. It becomes a dated checklist item."""

    id: Slug
    title: str = Field(min_length=1, max_length=200)
    due: ZonedDateTime
    url: str = Field(default="", max_length=2000)


class Trip(TripLogic, Model):
    id: Slug
    name: str = Field(min_length=1, max_length=200)
    example: bool = False  # the bundled demo trip; its dates are made up and labelled so
    booked_on: date | None = None
    traveller: Traveller
    conference: Conference
    flights: list[FlightSegment] = Field(default_factory=list)
    # Legs by train, coach, car or ferry (the whole journey, or part of it), in travel order.
    ground: list[GroundLeg] = Field(default_factory=list)
    stays: list[Stay] = Field(default_factory=list)
    notes: str = Field(default="", max_length=20000)
    agenda: list[AgendaEntry] = Field(default_factory=list)  # the traveller's own items
    deadlines: list[ConferenceDeadline] = Field(default_factory=list)

    @field_validator("agenda")
    @classmethod
    def _agenda_ids_unique(cls, items: list[AgendaEntry]) -> list[AgendaEntry]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"agenda item id {item.id!r} is used twice")
            seen.add(item.id)
        return items

    # A field validator (not a model one) so that the error points at `flights` in a YAML file.
    @field_validator("flights")
    @classmethod
    def _flights_in_order(cls, flights: list[FlightSegment]) -> list[FlightSegment]:
        for a, b in zip(flights, flights[1:], strict=False):
            if utc(b.departs) < utc(a.arrives):
                raise ValueError(
                    f"flight {b.flight} departs before flight {a.flight} lands; "
                    "list segments in travel order"
                )
        return flights

    @field_validator("ground")
    @classmethod
    def _ground_in_order(cls, legs: list[GroundLeg]) -> list[GroundLeg]:
        for n, (a, b) in enumerate(zip(legs, legs[1:], strict=False)):
            if a.end is not None and b.start is not None and utc(b.start) < utc(a.end):
                raise ValueError(
                    f"leg {n + 2} ({b.origin} to {b.destination}) starts before leg {n + 1} "
                    "ends; list legs in travel order"
                )
        return legs


# --- Schedules ---------------------------------------------------------------------------


class Speaker(Model):
    name: str
    id: str = ""


class Session(Model):
    """One programme item, normalised from any schedule format.

    `key` is the identity used to match sessions across re-imports (frab guid, pretalx code,
    Sessionize id, or iCalendar UID plus start); it is unique within one schedule.
    Text fields hold plain text only: markup and control characters are removed on import.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    key: str
    title: str
    subtitle: str = ""
    start: ZonedDateTime
    end: ZonedDateTime
    room: str = ""
    track: str = ""
    type: str = ""
    languages: list[str] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    abstract: str = ""
    url: str = ""
    needs_registration: bool = False
    cancelled: bool = False
    # Whether it will be recorded: False when the speaker opted out (frab <recording><optout>,
    # pretalx do_not_record), True when the schedule says it is recorded, None: not said.
    recorded: bool | None = None

    @property
    def duration(self) -> timedelta:
        return utc(self.end) - utc(self.start)


class Schedule(Model):
    """A conference programme as imported, with where it came from."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    title: str = ""
    source: str  # path or URL it was imported from
    format: str  # "frab-xml", "frab-json", "schedule2", "sessionize", "ical", "csv"
    tz: TimeZoneName | None = None  # the zone the file declares, when it declares one
    sessions: list[Session] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # said in the import report


ChecklistStatus = Literal["todo", "done", "skipped", "snoozed", "not_applicable", "overdue"]


class ItemState(Model):
    """What the user did with a checklist item. Survives trip edits and re-evaluation."""

    status: Literal["todo", "done", "skipped", "snoozed"] = "todo"
    reason: str = Field(default="", max_length=1000)  # why skipped
    snoozed_until: ZonedDateTime | None = None
    changed: datetime | None = None


class CustomItem(Model):
    """An item the user added to their own checklist."""

    id: Slug
    phase: str = "prepare"
    title: str = Field(min_length=1, max_length=300)
    details: str = Field(default="", max_length=5000)
    due: ZonedDateTime | None = None


# --- Checklist output --------------------------------------------------------------------

Phase = Literal["prepare", "depart", "in-flight", "arrive", "venue", "after"]
PHASES: tuple[Phase, ...] = ("prepare", "depart", "in-flight", "arrive", "venue", "after")


class Source(Model):
    """Where a fact comes from: a title, an address, and the date the source itself gives.
    (Curated data checks that the address is a full page: tripkit.core.curated.DataSource.)"""

    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=2000)
    # as the source states it ("2025-08-28", "no date")
    date: str = Field(default="", max_length=40)


class ChecklistItem(Model):
    """One evaluated checklist item, in one language, ready to show or export.

    `due` is in the zone where the traveller will be at that moment (home before departure,
    the venue's zone after arrival); `home_tz` lets views show the home time beside it.
    """

    id: str
    phase: Phase
    title: str
    details: str = ""
    due: ZonedDateTime | None = None
    # Set when the deadline is a day, not an hour (a badge pickup without a time, "14 days
    # before the conference"): the item is due on that day and `due` is the day's end, the
    # instant it turns overdue (tripkit.core.dueday).
    due_day: date | None = None
    status: ChecklistStatus = "todo"
    reason: str = ""  # why it applies (or, when not_applicable, why not)
    problem: str = ""  # a failed document check: what is wrong and what to do
    sources: list[Source] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    custom: bool = False
    # Not applicable because it concerns another destination (hidden unless asked for).
    elsewhere: bool = False
    state: ItemState = Field(default_factory=ItemState)
