"""The trip as iCalendar (RFC 5545): starred sessions, flights, stays and checklist deadlines.

Pure functions: `calendar_entries` turns the trip's data into `CalEntry` values, and
`render_ics` serialises them. Both are deterministic, so the same data gives byte-identical
output:

- The file is the *state* of the trip for one export profile (language, alarm, what is
  included, --todos). UIDs are `<kind>-<hash of trip id + profile + item key>@tripkit`: the
  same profile updates the events of its last export in place; another profile (a Japanese
  export, another alarm) has its own UIDs, so two files with different content never fight
  over one event's SEQUENCE.
- SEQUENCE and DTSTAMP come from `versions` (kept by services/export.py per profile: the
  sequence rises and the stamp moves to the time of the change whenever an entry's
  fingerprint changes), never from the clock.
- Something that was published and is no longer part of the plan (un-starred, removed by a
  refresh, a deadline done or no longer applicable) is published as a `tombstone`: the same
  UID with STATUS:CANCELLED and a higher SEQUENCE, which calendars that honour UIDs apply
  in place. services/export.py decides how long (see `tombstone_until`).
- Times keep their IANA zone (TZID) and each zone used gets a VTIMEZONE generated from tzdata,
  limited to the years the file needs. A flight starts in the departure zone and ends in the
  arrival zone.
- Stays are all-day events from the check-in date to the check-out date inclusive (dates in the
  stay's own zone), marked TRANSPARENT so they do not block the agenda.
- A checklist deadline is ONE reminder: by default an all-day event on the due date (in the
  zone the traveller is in then) with one absolute alarm at a sensible local hour
  (`deadline_reminder`), or with `todos=True` a VTODO with DUE and the same alarm instead.
  No alarm ever fires while the traveller is in the air (`out_of_the_air`).

Serialisation is a small writer for tripkit's fixed property set (`render_ics`). It produces
exactly the bytes `icalendar` would (property order, escaping, folding at 75 octets without
splitting a UTF-8 sequence or an escape), which tests check against `ics_reference`, but folds
by bytes instead of one character at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from tripkit.core.dueday import date_only_due, due_day_text
from tripkit.core.journey import leg_title
from tripkit.core.models import ChecklistItem, FlightSegment, GroundLeg, Session, Stay, Trip
from tripkit.core.timefmt import fmt_dt
from tripkit.core.zoned import get_zone, localize, zone_of
from tripkit.exporters.text import clean, one_line, safe_url
from tripkit.i18n import tr

if TYPE_CHECKING:
    from icalendar import Timezone

Include = Literal["agenda", "flights", "stays", "checklist"]
INCLUDES: tuple[Include, ...] = ("agenda", "flights", "stays", "checklist")
PRODID = "-//tripkit//tripkit trip export//EN"
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/Zulu", "Zulu", "Etc/UCT", "UCT"}

# A deadline reminder rings at 09:00 local on the due day (time to act that day) unless the
# deadline comes sooner; never before 08:00 (then at 20:00 the evening before).
REMIND_AT = time(9, 0)
EARLIEST = time(8, 0)
EVENING_BEFORE = time(20, 0)
# An alarm that would ring in the air rings this long before take-off instead (at the airport,
# before boarding), or at landing when what it announces is after the landing.
BEFORE_TAKE_OFF = timedelta(hours=2)


@dataclass(frozen=True)
class Version:
    """What the store remembers of an exported entry: its SEQUENCE and DTSTAMP."""

    sequence: int
    stamp: datetime  # UTC; the time this content was first exported


@dataclass(frozen=True)
class CalEntry:
    """One VEVENT or VTODO, before serialisation. `fingerprint` covers every exported field."""

    uid: str
    component: Literal["VEVENT", "VTODO"]
    summary: str
    start: datetime | date | None = None
    end: datetime | date | None = None
    due: datetime | date | None = None  # a date: a due that is a day (VALUE=DATE)
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    status: str = ""  # CANCELLED (session, tombstone), COMPLETED (todo)
    transparent: bool = False
    alarm_before: timedelta | None = None  # relative to DTSTART (VEVENT) or DUE (VTODO)
    alarm_at: datetime | None = None  # absolute trigger (deadlines, alarms moved off a flight)
    sort_key: tuple[str, ...] = field(default=(), compare=False)

    @property
    def fingerprint(self) -> str:
        parts = [
            self.component,
            self.summary,
            _t(self.start),
            _t(self.end),
            _t(self.due),
            self.location,
            self.description,
            self.url,
            "\x1f".join(self.categories),
            self.status,
            str(self.transparent),
            str(self.alarm_before),
            _t(self.alarm_at),
        ]
        return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:32]

    @property
    def last_instant(self) -> datetime | None:
        """When what this entry announces is over (for how long a tombstone is worth it)."""
        for value in (self.end, self.due, self.start):
            if isinstance(value, datetime):
                return value.astimezone(UTC)
            if isinstance(value, date):
                return datetime(value.year, value.month, value.day, tzinfo=UTC) + timedelta(
                    days=1, hours=14
                )  # the end of that date in any zone (UTC-12..+14)
        return None


def _t(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value.isoformat()}[{getattr(value.tzinfo, 'key', '')}]"
    return value.isoformat()


@dataclass(frozen=True)
class Profile:
    """The export options that change what a file says. Each profile is its own calendar
    stream: own UIDs, own SEQUENCE records."""

    lang: str = "en"
    alarm_minutes: int | None = 15
    include: tuple[Include, ...] = INCLUDES
    todos: bool = False

    @property
    def key(self) -> str:
        alarm = "none" if self.alarm_minutes is None else str(self.alarm_minutes)
        include = ",".join(i for i in INCLUDES if i in self.include)
        return f"lang={self.lang};alarm={alarm};include={include};todos={int(self.todos)}"


DEFAULT_PROFILE = Profile()


def make_uid(kind: str, trip_id: str, key: str, profile: Profile = DEFAULT_PROFILE) -> str:
    """Stable UID for one exported thing of a trip in one profile. The default profile keeps
    the UIDs of exports made before profiles existed, so that a calendar holding one is
    updated, not given copies."""
    salt = "" if profile == DEFAULT_PROFILE else f"\x00{profile.key}"
    text = f"{trip_id}\x00{kind}\x00{key}{salt}"
    return f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:24]}@tripkit"


# --- building entries ----------------------------------------------------------------------


def calendar_entries(
    trip: Trip,
    *,
    sessions: Sequence[Session] = (),
    items: Sequence[ChecklistItem] = (),
    include: Iterable[Include] = INCLUDES,
    alarm_minutes: int | None = 15,
    lang: str = "en",
    todos: bool = False,
    venue: bool = True,
    personal: Sequence[Any] = (),
    states: Mapping[str, str] | None = None,
) -> list[CalEntry]:
    """The entries to export, in a stable order. `sessions` are the starred ones. `venue`
    says whether the schedule is this trip's conference (core.schedule_fit): only then does a
    session's LOCATION name the trip's venue after the schedule's own room."""
    want = tuple(i for i in INCLUDES if i in set(include))
    profile = Profile(lang, alarm_minutes, want, todos)
    b = _Builder(trip, profile, venue)
    out: list[CalEntry] = []
    if "agenda" in want:
        out += [b.session(s, (states or {}).get(s.key, "")) for s in sessions]
        # The traveller's own items (tripkit.core.personal): UIDs from their stable ids.
        out += [b.personal(p) for p in personal]
    if "flights" in want:  # the journey: flights, and legs by train, coach, car or ferry
        out += b.flights()
        out += b.ground()
    if "stays" in want:
        out += b.stays()
    if "checklist" in want:
        for item in items:
            entry = b.deadline(item)
            if entry is not None:
                out.append(entry)
    out.sort(key=lambda e: e.sort_key)
    return out


def sort_key(start: datetime | date | None, kind: str, uid: str) -> tuple[str, ...]:
    if isinstance(start, datetime):
        instant = start.astimezone(UTC).isoformat()
    elif isinstance(start, date):
        instant = f"{start.isoformat()}T00:00:00"
    else:
        instant = ""
    return (instant, kind, uid)


def in_the_air(trip: Trip) -> list[tuple[datetime, datetime]]:
    """The UTC intervals during which the traveller is flying."""
    return [(f.departs.astimezone(UTC), f.arrives.astimezone(UTC)) for f in trip.flights]


def out_of_the_air(
    ring: datetime, announces: datetime, air: Sequence[tuple[datetime, datetime]]
) -> datetime:
    """`ring` moved off any flight: to the landing when what it announces (`announces`) is at
    or after that landing, else to BEFORE_TAKE_OFF before the take-off. Repeated so that a
    move into an earlier leg of a connection is moved again."""
    ring = ring.astimezone(UTC)
    announces = announces.astimezone(UTC)
    for _ in range(len(air) + 1):
        flight = next(((d, a) for d, a in air if d < ring < a), None)
        if flight is None:
            return ring
        departs, arrives = flight
        ring = arrives if announces >= arrives else departs - BEFORE_TAKE_OFF
    return ring


def deadline_reminder(
    due: datetime, lead: timedelta, air: Sequence[tuple[datetime, datetime]]
) -> datetime:
    """When to remind of a deadline, in UTC: 09:00 local on the due day, or `lead` before the
    deadline when that is sooner; a time before 08:00 becomes 20:00 the evening before; and
    never in the air."""
    zone = zone_of(due)
    ring = min(
        localize(datetime.combine(due.date(), REMIND_AT), zone).astimezone(UTC),
        due.astimezone(UTC) - lead,
    )
    local = ring.astimezone(zone)
    if local.time() < EARLIEST:
        ring = localize(
            datetime.combine(local.date() - timedelta(days=1), EVENING_BEFORE), zone
        ).astimezone(UTC)
    return out_of_the_air(ring, due, air)


def _morning(day: date, zone: ZoneInfo) -> datetime:
    """The reminder hour of a day a deadline falls on (a day's reminder is for its morning)."""
    return localize(datetime.combine(day, REMIND_AT), zone)


class _Builder:
    def __init__(self, trip: Trip, profile: Profile, venue: bool) -> None:
        self.trip = trip
        self.profile = profile
        self.lang = profile.lang
        minutes = profile.alarm_minutes
        self.alarm = timedelta(minutes=minutes) if minutes is not None else None
        self.air = in_the_air(trip)
        place = trip.conference.venue
        self.venue = (
            ", ".join(one_line(p) for p in (place.name, place.address) if p.strip())
            if venue
            else ""
        )

    def uid(self, kind: str, key: str) -> str:
        return make_uid(kind, self.trip.id, key, self.profile)

    def _alarm(self, start: datetime) -> tuple[timedelta | None, datetime | None]:
        """A relative alarm `self.alarm` before `start`, or an absolute one when that would ring
        in the air."""
        if self.alarm is None:
            return None, None
        ring = start.astimezone(UTC) - self.alarm
        moved = out_of_the_air(ring, start, self.air)
        return (self.alarm, None) if moved == ring else (None, moved)

    def session(self, s: Session, state: str = "") -> CalEntry:
        lang = self.lang
        lines = [state] if state else []  # the user's interest and reservation
        if s.subtitle:
            lines.append(one_line(s.subtitle))
        if s.speakers:
            names = ", ".join(one_line(sp.name) for sp in s.speakers)
            lines.append(tr("Speakers: {names}", lang, names=names))
        if s.track:
            lines.append(tr("Track: {track}", lang, track=one_line(s.track)))
        if s.needs_registration:
            lines.append(tr("Registration required.", lang))
        if s.abstract:
            lines += ["", clean(s.abstract).strip()]
        url = safe_url(s.url)
        if url:
            lines += ["", url]
        uid = self.uid("session", s.key)
        start = _zoned(s.start)
        # A schedule may give no real end (end == start, or before it): leave DTEND out, which
        # RFC 5545 reads as "ends when it starts"; an end before the start makes khal refuse
        # the whole file and calcurse drop the event.
        end = _zoned(s.end) if s.end > s.start else None
        before, at = (None, None) if s.cancelled else self._alarm(s.start)
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=one_line(s.title) or tr("(untitled session)", lang),
            start=start,
            end=end,
            # The schedule's own room; the venue only when the schedule is this trip's
            # conference (a Brussels room is not at Moscone Center).
            location=", ".join(p for p in (one_line(s.room), self.venue) if p),
            description="\n".join(lines).strip(),
            url=url,
            categories=(one_line(s.track),) if s.track.strip() else (),
            status="CANCELLED" if s.cancelled else "",
            alarm_before=before,
            alarm_at=at,
            sort_key=sort_key(start, "1", uid),
        )

    def personal(self, item: Any) -> CalEntry:
        """A personal agenda item (meeting, booth duty, meal...): UID from its id, so an
        edit updates the calendar's copy instead of adding one."""
        uid = self.uid("personal", item.id)
        start = _zoned(item.start)
        before, at = self._alarm(item.start)
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=one_line(item.title),
            start=start,
            end=_zoned(item.end),
            location=one_line(item.place),
            description=clean(item.note).strip(),
            alarm_before=before,
            alarm_at=at,
            sort_key=sort_key(start, "1", uid),
        )

    def flights(self) -> list[CalEntry]:
        flights = self.trip.flights
        keys = _occurrence_keys([f"{f.flight}|{f.origin}|{f.destination}" for f in flights])
        return [self.flight(f, key) for f, key in zip(flights, keys, strict=True)]

    def flight(self, f: FlightSegment, key: str) -> CalEntry:
        lang = self.lang
        hours, rest = divmod(int(f.duration.total_seconds()) // 60, 60)
        lines = [
            tr("Departs {origin} {when}", lang, origin=f.origin, when=fmt_dt(f.departs, lang=lang)),
            tr(
                "Arrives {destination} {when}",
                lang,
                destination=f.destination,
                when=fmt_dt(f.arrives, lang=lang),
            ),
            tr("Flight time {hours} h {minutes} min", lang, hours=hours, minutes=rest),
        ]
        if f.booking_ref:
            lines.append(tr("Booking reference: {ref}", lang, ref=one_line(f.booking_ref)))
        uid = self.uid("flight", key)
        start = _zoned(f.departs)
        before, at = self._alarm(f.departs)
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=tr(
                "Flight {flight} {origin} → {destination}",
                lang,
                flight=one_line(f.flight),
                origin=f.origin,
                destination=f.destination,
            ),
            start=start,
            end=_zoned(f.arrives),
            location=f.origin,
            description="\n".join(lines),
            alarm_before=before,
            alarm_at=at,
            sort_key=sort_key(start, "0", uid),
        )

    def ground(self) -> list[CalEntry]:
        """A leg with both times is an event, in the zones of its ends; a leg without them
        has no place in a calendar (the trip and the binder list it)."""
        legs = [g for g in self.trip.ground if g.departs is not None and g.arrives is not None]
        keys = _occurrence_keys([f"{g.mode}|{g.origin}|{g.destination}" for g in legs])
        return [self.leg(g, key) for g, key in zip(legs, keys, strict=True)]

    def leg(self, g: GroundLeg, key: str) -> CalEntry:
        lang = self.lang
        assert g.departs is not None and g.arrives is not None
        lines = [
            tr(
                "Departs {place} {when}{home}",
                lang,
                place=one_line(g.origin),
                when=fmt_dt(g.departs, lang=lang),
                home="",
            ),
            tr(
                "Arrives {place} {when}{home}",
                lang,
                place=one_line(g.destination),
                when=fmt_dt(g.arrives, lang=lang),
                home="",
            ),
        ]
        if g.booking_ref:
            lines.append(tr("Booking reference: {ref}", lang, ref=one_line(g.booking_ref)))
        uid = self.uid("ground", key)
        start = _zoned(g.departs)
        before, at = self._alarm(g.departs)
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=f"{one_line(leg_title(g, lang))} {one_line(g.origin)} → "
            f"{one_line(g.destination)}",
            start=start,
            end=_zoned(g.arrives),
            location=one_line(g.origin),
            description="\n".join(lines),
            alarm_before=before,
            alarm_at=at,
            sort_key=sort_key(start, "0", uid),
        )

    def stays(self) -> list[CalEntry]:
        keys = _occurrence_keys([s.name for s in self.trip.stays])
        return [self.stay(s, key) for s, key in zip(self.trip.stays, keys, strict=True)]

    def stay(self, s: Stay, key: str) -> CalEntry:
        lang = self.lang
        first = s.check_in.date()
        last = s.check_out.astimezone(zone_of(s.check_in)).date()
        lines = [
            tr("Check-in {when}", lang, when=fmt_dt(s.check_in, lang=lang)),
            tr("Check-out {when}", lang, when=fmt_dt(s.check_out, lang=lang)),
        ]
        uid = self.uid("stay", key)
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=tr("Stay: {name}", lang, name=one_line(s.name)),
            start=first,
            end=last + timedelta(days=1),  # DTEND of an all-day event is exclusive
            location=one_line(", ".join(p for p in (s.name, s.address) if p.strip())),
            description="\n".join(lines),
            transparent=True,
            sort_key=sort_key(first, "2", uid),
        )

    def deadline(self, item: ChecklistItem) -> CalEntry | None:
        """One reminder for an open deadline. A done, skipped or not-applicable item is not
        part of the plan (a tombstone cancels what an earlier file published), except that a
        task list (--todos) shows a done task as COMPLETED."""
        lang = self.lang
        if item.due is None or item.status in ("not_applicable", "skipped"):
            return None
        done = item.status == "done"
        if done and not self.profile.todos:
            return None
        # An item due on a day (a badge pickup without a time, "the day after booking") is
        # not due at a midnight (tripkit.core.dueday): a day in the calendar too, never "00:00".
        day_only = date_only_due(item)
        due: datetime | date = _zoned(item.due) if day_only is None else day_only
        when = fmt_dt(item.due, lang=lang) if day_only is None else due_day_text(day_only, lang)
        lines = [tr("Due {when}", lang, when=when)]
        if item.details.strip():
            lines.append(clean(item.details).strip())
        if item.reason.strip():
            lines.append(tr("Why: {reason}", lang, reason=one_line(item.reason)))
        if item.problem.strip():
            lines.append(tr("Problem: {problem}", lang, problem=one_line(item.problem)))
        lines += [f"{one_line(src.title)} {safe_url(src.url)}".strip() for src in item.sources]
        description = "\n".join(lines)
        title = one_line(item.title)
        ring = None
        if self.alarm is not None and not done:
            # A day's reminder: the lead before that morning, not before its end at midnight.
            at = item.due if day_only is None else _morning(day_only, zone_of(item.due))
            ring = deadline_reminder(at, self.alarm, self.air)
        if self.profile.todos:
            uid = self.uid("todo", item.id)
            return CalEntry(
                uid=uid,
                component="VTODO",
                summary=title,
                due=due,
                description=description,
                categories=("tripkit", item.phase),
                status="COMPLETED" if done else "NEEDS-ACTION",
                alarm_at=ring,
                sort_key=sort_key(due, "3", uid),
            )
        uid = self.uid("deadline", item.id)
        day = day_only or item.due.date()  # in the zone the traveller will be in then
        return CalEntry(
            uid=uid,
            component="VEVENT",
            summary=tr("Due: {title}", lang, title=title),
            start=day,
            end=day + timedelta(days=1),
            description=description,
            categories=("tripkit", item.phase),
            transparent=True,
            alarm_at=ring,
            sort_key=sort_key(day, "3", uid),
        )


def _occurrence_keys(keys: list[str]) -> list[str]:
    """Make repeated keys unique by counting them (second NH7 of a trip: 'NH7|SFO|NRT|2')."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}|{seen[k]}")
    return out


def _zoned(dt: datetime) -> datetime:
    """The time as the file will carry it: UTC zones become UTC ('Z'), others keep their TZID.

    A wall time the clocks show twice (02:30 on the night summer time ends) is, with a TZID,
    its first occurrence (RFC 5545 3.3.5) whatever `fold` says: the second one (the moment
    Sydney's clocks go back, a flight in the repeated hour) is written in UTC, which is one
    instant for every reader."""
    if getattr(dt.tzinfo, "key", None) in _UTC_KEYS:
        return dt.astimezone(UTC)
    if dt.replace(fold=0).astimezone(UTC) != dt.astimezone(UTC):
        return dt.astimezone(UTC)
    return dt


# --- tombstones ----------------------------------------------------------------------------


def stub(entry: CalEntry) -> list[str]:
    """What a tombstone needs of an entry, as JSON-able text: component, summary, times."""
    return [entry.component, entry.summary, _dump(entry.start), _dump(entry.end), _dump(entry.due)]


def tombstone(uid: str, data: Sequence[str], lang: str) -> CalEntry:
    """The cancelled form of a published entry that is no longer part of the plan."""
    component: Literal["VEVENT", "VTODO"] = "VTODO" if data[0] == "VTODO" else "VEVENT"
    start, end, due = _load(data[2]), _load(data[3]), _load(data[4])
    return CalEntry(
        uid=uid,
        component=component,
        summary=str(data[1]),
        start=start,
        end=end,
        due=due if isinstance(due, datetime) else None,
        description=tr(
            "No longer in your tripkit plan (un-starred, removed from the "
            "schedule, done or no longer needed).",
            lang,
        ),
        status="CANCELLED",
        transparent=component == "VEVENT",
        sort_key=sort_key(start if start is not None else due, "4", uid),
    )


def _dump(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        key = "UTC" if value.tzinfo is UTC else zone_of(value).key
        return f"{value.isoformat()}|{key}"
    return value.isoformat()


def _load(text: str) -> datetime | date | None:
    if not text:
        return None
    if "|" in text:
        iso, _, key = text.partition("|")
        zone = UTC if key == "UTC" else get_zone(key)
        return datetime.fromisoformat(iso).astimezone(zone)
    return date.fromisoformat(text)


# --- serialising ---------------------------------------------------------------------------


def render_ics(
    entries: Sequence[CalEntry],
    *,
    stamp: datetime,
    versions: Mapping[str, Version] | None = None,
    name: str = "",
) -> bytes:
    """The calendar file (CRLF lines folded at 75 octets, UTF-8). `stamp` is the DTSTAMP of
    entries that have no version yet; it must be aware."""
    versions = versions or {}
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(PRODID)}", "CALSCALE:GREGORIAN"]
    if name:
        # icalendar writes an X- property's value as given (no TEXT escaping); so does this
        # writer, to give the same bytes. one_line() keeps line breaks out of it.
        out.append(f"X-WR-CALNAME:{one_line(name)}")
    lines = [_fold(line) for line in out]
    lines += [_vtimezone_text(key, first, last) for key, first, last in _timezone_spans(entries)]
    default = Version(0, stamp.astimezone(UTC))
    for e in entries:
        lines.append(_component_text(e, versions.get(e.uid, default)))
    lines.append("END:VCALENDAR\r\n")
    return "\r\n".join(lines).encode("utf-8")


def _component_text(e: CalEntry, version: Version) -> str:
    """One component's lines in icalendar's order: for VEVENT its canonical properties first
    (SUMMARY, DTSTART, DTEND, DTSTAMP, UID, SEQUENCE), then the rest alphabetically; VTODO
    and VALARM all alphabetically."""
    summary = f"SUMMARY:{_text(e.summary)}"
    stamp = f"DTSTAMP:{_utc_text(version.stamp)}"
    uid = f"UID:{_text(e.uid)}"
    seq = f"SEQUENCE:{version.sequence}"
    rest: list[str] = []
    if e.categories:
        rest.append("CATEGORIES:" + ",".join(_text(c) for c in e.categories))
    if e.description:
        rest.append(f"DESCRIPTION:{_text(e.description)}")
    if e.location:
        rest.append(f"LOCATION:{_text(e.location)}")
    if e.status:
        rest.append(f"STATUS:{_text(e.status)}")
    if e.component == "VEVENT":
        if e.transparent:
            rest.append("TRANSP:TRANSPARENT")
        if e.url:
            rest.append(f"URL:{e.url}")
        head = [summary]
        if e.start is not None:
            head.append(_when("DTSTART", e.start))
        if e.end is not None:
            head.append(_when("DTEND", e.end))
        props = ["BEGIN:VEVENT", *head, stamp, uid, seq, *rest]
    else:
        todo: list[str] = []
        todo += rest[:2]  # CATEGORIES, DESCRIPTION
        todo.append(stamp)
        if e.start is not None:
            todo.append(_when("DTSTART", e.start))
        if e.due is not None:
            todo.append(_when("DUE", e.due))
        todo += rest[2:]  # LOCATION, STATUS
        todo.append(seq)
        todo.append(summary)
        todo.append(uid)
        if e.url:
            todo.append(f"URL:{e.url}")
        props = ["BEGIN:VTODO", *sorted_todo(todo)]
    if e.alarm_before is not None or e.alarm_at is not None:
        props += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_text(e.summary)}"]
        if e.alarm_at is not None:
            props.append(f"TRIGGER;VALUE=DATE-TIME:{_utc_text(e.alarm_at)}")
        elif e.alarm_before is not None:
            # A VTODO without DTSTART must relate its alarm to DUE (RFC 5545 3.8.6.3).
            related = ";RELATED=END" if e.component == "VTODO" else ""
            props.append(f"TRIGGER{related}:{_duration(-e.alarm_before)}")
        props.append("END:VALARM")
    props.append(f"END:{e.component}")
    return "\r\n".join(_fold(p) for p in props)


def sorted_todo(props: list[str]) -> list[str]:
    """VTODO has no canonical order in icalendar: its properties come alphabetically."""
    return sorted(props, key=lambda p: p.split(":", 1)[0].split(";", 1)[0])


def _when(name: str, value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is UTC:
            return f"{name}:{_utc_text(value)}"
        return f"{name};TZID={zone_of(value).key}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def _utc_text(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"


@cache
def _duration(value: timedelta) -> str:
    from icalendar import vDuration

    return vDuration(value).to_ical().decode()


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, as icalendar does it (same order of replacements)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str) -> str:
    """Fold a content line into chunks of at most 74 octets joined by CRLF + space, never
    inside a UTF-8 sequence and never right after a backslash or caret that escapes the next
    character (icalendar's rule, so the bytes are the same as its character-by-character
    fold)."""
    data = line.encode("utf-8")
    size = len(data)
    if size < 75:
        return line
    parts = []
    pos = 0
    while size - pos >= 75:
        cut = pos + 74
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            cut -= 1
        last = data[cut - 1]
        if last in (0x5C, 0x5E) and cut - 1 > pos:  # "\" or "^" and not alone on its line
            cut -= 1
        parts.append(data[pos:cut])
        pos = cut
    parts.append(data[pos:])
    return b"\r\n ".join(parts).decode("utf-8")


def _timezone_spans(entries: Sequence[CalEntry]) -> list[tuple[str, int, int]]:
    """Each TZID used, with the first and last year of its instants in the file."""
    years: dict[str, tuple[int, int]] = {}
    for e in entries:
        for value in (e.start, e.end, e.due):
            if isinstance(value, datetime) and value.tzinfo is not UTC:
                tz = value.tzinfo
                key = tz.key if isinstance(tz, ZoneInfo) else zone_of(value).key
                y = value.year
                span = years.get(key)
                years[key] = (y, y) if span is None else (min(span[0], y), max(span[1], y))
    return [(key, a, b) for key, (a, b) in sorted(years.items())]


@cache
def _vtimezone_text(key: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE as icalendar writes it (without the final CRLF)."""
    return vtimezone(key, first_year, last_year).to_ical().decode("utf-8").removesuffix("\r\n")


def vtimezone(key: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE from tzdata, never written by hand: a stale one shifts times in
    Thunderbird/Evolution."""
    from icalendar import Timezone

    # Clamped to the years `date` can hold: a session typed in year 9999 must export too.
    tz = Timezone.from_tzid(
        key,
        first_date=date(max(first_year - 1, MINYEAR), 1, 1),
        last_date=date(min(last_year + 2, MAXYEAR), 1, 1),
    )
    # icalendar notes the covered years in a COMMENT, which RFC 5545 does not allow on
    # VTIMEZONE itself (libical's restriction check rejects it).
    tz.pop("COMMENT", None)
    return tz
