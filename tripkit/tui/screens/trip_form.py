"""The trip editor's form, without Textual: its fields, the values typed, the trip they make, and
what is wrong with them in plain words.

The form holds the text of each field by its path in the trip ("traveller.name",
"flights.0.departs"); a time has a second value for its zone ("flights.0.departs.tz"). `build`
turns the text into the trip's JSON form, which the pydantic model judges; `problems` turns the
model's complaints into one sentence per field, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Field:
    name: str  # the key in the trip's JSON form (last part of the path)
    label: str  # English; translated when shown
    kind: str = "text"  # text, date, time, country, countries, iata, zone, lang, bool
    required: bool = True
    placeholder: str = ""
    on: bool = True  # a checkbox's value when the trip does not say


@dataclass(frozen=True)
class Group:
    """A list of entries in the trip (flights, stays, authorisations, badge pickup times)."""

    path: str
    entry: str  # English title of one entry, numbered ("Flight {n}")
    add: str  # English label of the button that adds one
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fields: tuple[tuple[str, Field], ...]  # (path, field)
    groups: tuple[Group, ...] = ()


def _f(
    path: str,
    label: str,
    kind: str = "text",
    required: bool = True,
    placeholder: str = "",
    on: bool = True,
) -> tuple[str, Field]:
    return path, Field(path.rsplit(".", 1)[-1], label, kind, required, placeholder, on)


PASSPORTS = Group(
    "traveller.passports",
    "Passport {n}",
    "Add passport",
    (
        Field("country", "Issued by", "country", placeholder="JP"),
        Field("expires", "Expires", "date", placeholder="2031-01-31"),
        Field("issued", "Issued on", "date", required=False, placeholder="2021-01-31"),
        Field("e_passport", "E-passport (chip)", "bool"),
    ),
)


AUTHORISATIONS = Group(
    "traveller.authorisations",
    "Authorisation {n}",
    "Add authorisation",
    (
        Field("kind", "Kind (ESTA, eTA, visa…)", placeholder="ESTA"),
        Field("country", "For country", "country", placeholder="US"),
        Field("expires", "Valid until", "date", placeholder="2028-05-01"),
        Field("granted", "Granted on", "date", required=False, placeholder="2026-05-01"),
        Field(
            "passport_expires",
            "For the passport expiring",
            "date",
            required=False,
            placeholder="2031-01-31",
        ),
    ),
)
BADGES = Group(
    "conference.badge_pickup",
    "Badge pickup {n}",
    "Add badge pickup",
    (
        Field("start", "Opens", "time"),
        Field("end", "Closes", "time"),
        Field("label", "Place", required=False, placeholder="Hall B lobby"),
    ),
)
FLIGHTS = Group(
    "flights",
    "Flight {n}",
    "Add flight",
    (
        Field("flight", "Flight", placeholder="NH8"),
        Field("origin", "From (airport)", "iata", placeholder="NRT"),
        Field("departs", "Departs", "time"),
        Field("destination", "To (airport)", "iata", placeholder="SFO"),
        Field("arrives", "Arrives", "time"),
        Field("booking_ref", "Booking ref", required=False),
    ),
)
# A leg without flying (tripkit.core.models.GroundLeg): places are free text, so each end
# says its country (the border it crosses); times are optional (a drive has no timetable).
GROUND = Group(
    "ground",
    "Train, coach, car or ferry {n}",
    "Add train, coach, car or ferry",
    (
        Field("mode", "By (train, bus, car, ferry)", "mode", placeholder="train"),
        Field("service", "Train or coach", required=False, placeholder="ICE 14"),
        Field("origin", "From (place)", placeholder="Frankfurt (Main) Hbf"),
        Field("origin_country", "From (country)", "country", placeholder="DE"),
        Field("departs", "Departs", "time", required=False),
        Field("destination", "To (place)", placeholder="Bruxelles-Midi"),
        Field("destination_country", "To (country)", "country", placeholder="BE"),
        Field("arrives", "Arrives", "time", required=False),
        Field("booking_ref", "Booking ref", required=False),
    ),
)
STAYS = Group(
    "stays",
    "Stay {n}",
    "Add stay",
    (
        Field("name", "Stay"),
        Field("address", "Address", required=False),
        Field("check_in", "Check-in", "time"),
        Field("check_out", "Check-out", "time"),
        Field(
            "country",
            "Country, if reached without a flight",
            "country",
            required=False,
            placeholder="GB",
        ),
    ),
)

STEPS: tuple[Step, ...] = (
    Step(
        "traveller",
        "Traveller",
        (
            _f("name", "Trip name", placeholder="KubeCon EU 2027"),
            _f("traveller.name", "Your name", required=False),
            _f("traveller.citizenships", "Citizenships", "countries", placeholder="JP, US"),
            _f("traveller.home_country", "Home country", "country", placeholder="JP"),
            _f("traveller.home_tz", "Home time zone", "zone", placeholder="Asia/Tokyo"),
            _f("traveller.language", "Language (en/ja)", "lang", placeholder="en"),
        ),
    ),
    Step(
        "documents",
        "Documents",
        (
            # Only when home is a country you are not a citizen of: what lets you live there.
            _f(
                "traveller.residence.status",
                "Residence status",
                required=False,
                placeholder="permanent resident",
            ),
            _f(
                "traveller.residence.expires",
                "Residence valid until",
                "date",
                required=False,
                placeholder="2029-03-31",
            ),
            _f("traveller.residence.permanent", "Permanent residence", "bool", on=False),
        ),
        (PASSPORTS, AUTHORISATIONS),
    ),
    Step(
        "conference",
        "Conference and venue",
        (
            _f("conference.name", "Conference", placeholder="KubeCon EU"),
            _f("conference.url", "Web site", required=False),
            _f("conference.first_day", "First day", "date", placeholder="2027-03-23"),
            _f("conference.last_day", "Last day", "date", placeholder="2027-03-26"),
            _f("conference.venue.name", "Venue"),
            _f("conference.venue.address", "Address", required=False),
            _f("conference.venue.city", "City", placeholder="Amsterdam"),
            _f("conference.venue.country", "Country", "country", placeholder="NL"),
            _f("conference.venue.tz", "Venue time zone", "zone", placeholder="Europe/Amsterdam"),
        ),
        (BADGES,),
    ),
    Step(
        "flights",  # the id stays: drafts and tab ids use it
        # Not "Flights": the step holds the train, coach, car and ferry legs too. "Journey"
        # keeps the five step tabs within 80 columns ("Flights and ground travel" did not).
        "Journey",
        (_f("booked_on", "Booked on", "date", required=False, placeholder="2026-11-20"),),
        (FLIGHTS, GROUND),  # how the traveller gets there: by air, or on the ground
    ),
    Step("stays", "Stays", (), (STAYS,)),
)
GROUPS = {g.path: g for step in STEPS for g in step.groups}
LIST_KINDS = {"countries"}


def scalar_fields() -> dict[str, Field]:
    return {path: f for step in STEPS for path, f in step.fields}


def field_of(path: str) -> Field | None:
    """The field at `path` (group entries included: 'flights.0.origin'), or None."""
    fields = scalar_fields()
    if path in fields:
        return fields[path]
    for group in GROUPS.values():
        rest = path.removeprefix(group.path + ".").split(".")
        if path.startswith(group.path + ".") and len(rest) == 2 and rest[0].isdigit():
            return next((f for f in group.fields if f.name == rest[1]), None)
    return None


def step_of(path: str) -> int:
    for n, step in enumerate(STEPS):
        if any(path == p or path.startswith(p + ".") for p, _f in step.fields):
            return n
        if any(path == g.path or path.startswith(g.path + ".") for g in step.groups):
            return n
    return 0


@dataclass
class TripForm:
    """What has been typed: text per field path, and how many entries each group has."""

    values: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    trip_id: str | None = None  # None: a new trip (its id comes from its name when saved)
    example: bool = False
    # What the trip has beyond the form's fields (notes, countries visited, catalog ids...),
    # kept as it was: for the trip, and for each entry of each group.
    base: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    # --- from and to the trip ------------------------------------------------------------------

    @classmethod
    def from_trip(cls, data: dict[str, Any]) -> TripForm:
        """The form of a stored trip (its JSON form)."""
        import copy

        data = copy.deepcopy(data)
        traveller = data.get("traveller") or {}
        # One passport per citizenship; a trip with one passport has `passport` alone.
        if not traveller.get("passports") and traveller.get("passport"):
            traveller["passports"] = [traveller["passport"]]
        for passport in traveller.get("passports") or []:
            if not passport.get("country") and traveller.get("citizenships"):
                passport["country"] = traveller["citizenships"][0]
        traveller.pop("passport", None)  # the model takes the first of `passports`
        form = cls(trip_id=data.get("id"), example=bool(data.get("example")), base=data)
        for path, f in scalar_fields().items():
            form._load(path, f, _get(data, path))
        for group in GROUPS.values():
            entries = _get(data, group.path) or []
            form.counts[group.path] = len(entries)
            names = {f.name for f in group.fields}
            form.extras[group.path] = [
                {k: v for k, v in e.items() if k not in names} for e in entries
            ]
            for i, entry in enumerate(entries):
                for f in group.fields:
                    form._load(f"{group.path}.{i}.{f.name}", f, entry.get(f.name))
        return form

    @classmethod
    def blank(cls, like: dict[str, Any] | None, lang: str) -> TripForm:
        """A new trip: empty, but for who travels when `like` is the user's own last trip (the
        bundled example's made-up traveller never carries over)."""
        form = cls(counts=dict.fromkeys(GROUPS, 0))
        form.values["traveller.language"] = lang
        form.counts["traveller.passports"] = 1
        form.values["traveller.passports.0.e_passport"] = "true"
        form.values["traveller.residence.permanent"] = "false"
        if like is not None and not like.get("example"):
            for path in (
                "traveller.name",
                "traveller.citizenships",
                "traveller.home_country",
                "traveller.home_tz",
                "traveller.language",
            ):
                form._load(path, scalar_fields()[path], _get(like, path))
        return form

    def _load(self, path: str, f: Field, value: Any) -> None:
        if f.kind == "time":
            wall, zone = split_time(value)
            self.values[path], self.values[path + ".tz"] = wall, zone
        elif f.kind in LIST_KINDS:
            self.values[path] = ", ".join(value or [])
        elif f.kind == "bool":
            self.values[path] = "true" if value is True or (value is None and f.on) else "false"
        else:
            self.values[path] = "" if value is None else str(value)

    def build(self, trip_id: str) -> dict[str, Any]:
        """The trip's JSON form from the text typed (empty optional fields left out)."""
        import copy

        data: dict[str, Any] = copy.deepcopy(self.base)
        data.update({"id": trip_id, "example": self.example})
        for path, f in scalar_fields().items():
            _drop(data, path)
            _put(data, path, self._value(path, f))
        residence = data["traveller"].get("residence") or {}
        if (
            not residence.get("status")
            and not residence.get("expires")
            and not residence.get("permanent")
        ):
            data["traveller"].pop("residence", None)  # a citizen of the home country
        venue = data["conference"]["venue"]
        if venue.get("city") != _get(self.base, "conference.venue.city"):
            venue.pop("city_id", None)  # the curated city (and venue) of another city
            venue.pop("venue_id", None)
        for group in GROUPS.values():
            extras = self.extras.get(group.path, [])
            entries = []
            for i in range(self.counts.get(group.path, 0)):
                entry: dict[str, Any] = dict(extras[i]) if i < len(extras) else {}
                for f in group.fields:
                    _put(entry, f.name, self._value(f"{group.path}.{i}.{f.name}", f))
                before = _get(self.base, f"{group.path}.{i}") if i < len(extras) else None
                typed = {f.name for f in group.fields}
                for code, country in (
                    ("origin", "origin_country"),
                    ("destination", "destination_country"),
                ):
                    if country in typed:
                        continue  # a ground leg's country is typed, not looked up
                    if before is None or entry.get(code) != before.get(code):
                        entry.pop(country, None)  # the catalog fills in the new airport's
                if group.path == "traveller.authorisations" and isinstance(entry.get("kind"), str):
                    # A scheme typed by its name ("UK ETA") is stored by its id (UK-ETA), the
                    # kind tripkit's entry checks match.
                    from tripkit.services.scheme_input import scheme_kind

                    entry["kind"] = scheme_kind(entry["kind"], str(entry.get("country") or ""))
                entries.append(entry)
            _put(data, group.path, entries)
        return data

    def _value(self, path: str, f: Field) -> Any:
        raw = self.values.get(path, "").strip()
        if f.kind == "time":
            zone = self.values.get(path + ".tz", "").strip()
            raw = f"{raw} {zone}" if raw and zone else raw
        if f.kind in ("country", "countries"):
            # A country's name typed ("India", 「インド」) is taken as its code (IN).
            from tripkit.services.country_input import country_code

            if f.kind == "countries":
                return [
                    country_code(p.strip()) for p in raw.replace("、", ",").split(",") if p.strip()
                ]
            raw = country_code(raw) if raw else raw
        if f.kind in LIST_KINDS:
            return [p.strip() for p in raw.replace("、", ",").split(",") if p.strip()]
        if f.kind == "bool":
            return raw == "true" if raw else f.on
        if not raw and not f.required:
            return _OMIT
        return raw

    # --- lists ---------------------------------------------------------------------------------

    def add(self, group: str) -> int:
        n = self.counts.get(group, 0)
        self.counts[group] = n + 1
        return n

    def remove(self, group: str, index: int) -> None:
        n = self.counts.get(group, 0)
        for i in range(index, n - 1):
            for f in GROUPS[group].fields:
                for suffix in ("", ".tz"):
                    nxt = self.values.get(f"{group}.{i + 1}.{f.name}{suffix}", "")
                    self.values[f"{group}.{i}.{f.name}{suffix}"] = nxt
        for key in [k for k in self.values if k.startswith(f"{group}.{n - 1}.")]:
            del self.values[key]
        self.counts[group] = max(0, n - 1)
        extras = self.extras.get(group, [])
        if index < len(extras):
            del extras[index]
        # The stored entries no longer line up with the form's: compare nothing against them.
        self.base = {**self.base}
        _drop(self.base, group)

    # --- the draft -----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "counts": self.counts,
            "trip_id": self.trip_id,
            "example": self.example,
            "base": self.base,
            "extras": self.extras,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TripForm:
        values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
        counts = {str(k): int(v) for k, v in (data.get("counts") or {}).items() if str(k) in GROUPS}
        trip_id = data.get("trip_id")
        base = data.get("base")
        extras = data.get("extras")
        return cls(
            values,
            counts,
            trip_id if isinstance(trip_id, str) else None,
            bool(data.get("example")),
            base if isinstance(base, dict) else {},
            extras if isinstance(extras, dict) else {},
        )


_OMIT = object()


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    if value is _OMIT:
        return
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _drop(data: dict[str, Any], path: str) -> None:
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def split_time(value: Any) -> tuple[str, str]:
    """RFC 9557 text from the model -> ('2026-12-10 17:05', 'Asia/Tokyo') for the form."""
    if not value:
        return "", ""
    from tripkit.core.zoned import parse_zoned, zone_of

    try:
        dt = parse_zoned(value)
    except ValueError:
        return str(value), ""
    return f"{dt:%Y-%m-%d %H:%M}", zone_of(dt).key


# --- what is wrong, in plain words -----------------------------------------------------------

KIND_HELP = {
    "date": "Write a date like 2027-03-23.",
    "time": "Write a date and time like 2027-03-23 17:05, and its time zone.",
    "country": "Two letters, e.g. JP, US, BE, or the country's name.",
    "countries": "Two-letter country codes or names, separated by commas, e.g. JP, US.",
    "iata": "The three-letter airport code, e.g. NRT, SFO.",
    "zone": "A time zone such as Asia/Tokyo or Europe/Brussels.",
    "lang": "en or ja.",
    "mode": "Write train, bus (a coach), car or ferry.",
}
# Complaints of the trip's own checks (tripkit.core.models), by a phrase they contain.
RULES = (
    ("lands before it takes off", "It lands before it takes off: check both times and zones."),
    ("longer than 22 hours", "Longer than 22 hours: check both times and zones."),
    ("check-out must be after check-in", "Check-out must be after check-in."),
    (
        "departs before flight",
        "List the flights in travel order: this one leaves before the one before it lands.",
    ),
    (
        "the leg arrives before it departs",
        "It arrives before it departs: check both times and zones.",
    ),
    ("longer than 8 days", "Longer than 8 days: check both times and zones."),
    (
        "ends; list legs in travel order",
        "List the legs in travel order: this one leaves before the one before it arrives.",
    ),
    ("last day is before its first day", "The last day is before the first day."),
    ("must end after it starts", "It must close after it opens."),
    ("does not exist in", "That time does not exist there (the clocks skip it that night)."),
    (
        "which is not one of the traveller's citizenships",
        "Each passport must be of one of your citizenships (step 1).",
    ),
    ("two passports of", "One passport per citizenship."),
    ("expires before it was issued", "The passport expires before it was issued."),
    (
        "is ambiguous in",
        "That time happens twice there (the clocks go back): write it with an "
        "offset, e.g. 01:30+01:00.",
    ),
)


def _path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def problems(form: TripForm, exc: Any, tr: Callable[[str], str]) -> dict[str, str]:
    """Field path (or group entry, or group, or "") -> one sentence, from a ValidationError."""
    found: dict[str, str] = {}
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        if len(loc) > 1 and isinstance(loc[-1], int) and field_of(_path(loc[:-1])) is not None:
            loc = loc[:-1]  # one of a list field's values (a citizenship): the field
        path = _path(loc)
        if path.startswith("traveller.passport."):
            continue  # the copy of the first passport: its entry reports the same problem
        if path == "traveller.passport":
            found.setdefault("traveller.passports", tr("Add your passport."))
            continue
        if path == "traveller":
            path = "traveller.passports"  # the passports' checks against the citizenships
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        f = field_of(path)
        raw = form.values.get(path, "").strip()
        rule = next((plain for phrase, plain in RULES if phrase in message), None)
        if f is not None and not raw and f.kind != "bool":
            text = tr("Required.")
        elif f is not None and f.kind == "time" and not form.values.get(path + ".tz", "").strip():
            text = tr("Add the time zone (e.g. Asia/Tokyo).")
        elif rule is not None:
            text = tr(rule)
        elif f is not None and f.kind in KIND_HELP:
            text = tr(KIND_HELP[f.kind])
        elif err.get("type") == "string_too_long":
            text = tr("Too long.")
        else:
            text = message  # a check this table does not know yet: in its own words
        found.setdefault(path, text)
    return found
