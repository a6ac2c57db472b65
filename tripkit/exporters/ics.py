"""The trip as iCalendar (RFC 5545): starred sessions, flights, stays and checklist deadlines.

Pure functions: `calendar_entries` turns the trip's data into `CalEntry` values, and
`render_ics` serialises them with the `icalendar` library. Both are deterministic, so the same
data gives byte-identical output:

- UIDs are `<kind>-<hash of trip id + item key>@tripkit`, so importing a new export updates the
  events of the last one instead of adding copies.
- SEQUENCE and DTSTAMP come from `versions` (kept by services/export.py: the sequence rises and
  the stamp moves to the time of the change whenever an entry's fingerprint changes), never from
  the clock. Entries without a version get SEQUENCE 0 and the `stamp` given by the caller.
- Times keep their IANA zone (TZID) and each zone used gets a VTIMEZONE generated from tzdata,
  limited to the years the file needs. A flight starts in the departure zone and ends in the
  arrival zone.
- Stays are all-day events from the check-in date to the check-out date inclusive (dates in the
  stay's own zone, so the banner never shifts a day for a viewer in another zone), marked
  TRANSPARENT so they do not block the agenda; the exact check-in/out times are in the text.
- A checklist deadline becomes a VTODO with DUE (for clients with tasks) and an all-day VEVENT
  on the due date with an absolute VALARM at the due time (khal, calcurse and most phone
  calendars ignore VTODO or drop its DUE).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Literal

from icalendar import Alarm, Calendar, Event, Timezone, Todo, vText

from tripkit.core.models import ChecklistItem, FlightSegment, Session, Stay, Trip
from tripkit.core.timefmt import fmt_dt
from tripkit.core.zoned import zone_of
from tripkit.exporters.text import clean, one_line, safe_url
from tripkit.i18n import tr

Include = Literal["agenda", "flights", "stays", "checklist"]
INCLUDES: tuple[Include, ...] = ("agenda", "flights", "stays", "checklist")
PRODID = "-//tripkit//tripkit trip export//EN"
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/Zulu", "Zulu", "Etc/UCT", "UCT"}


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
    due: datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    status: str = ""  # CANCELLED (session), COMPLETED (todo)
    transparent: bool = False
    alarm_before: timedelta | None = None  # relative to DTSTART (VEVENT) or DUE (VTODO)
    alarm_at: datetime | None = None  # absolute trigger (all-day deadline events)
    sort_key: tuple[str, ...] = field(default=(), compare=False)

    @property
    def fingerprint(self) -> str:
        parts = [self.component, self.summary, _t(self.start), _t(self.end), _t(self.due),
                 self.location, self.description, self.url, "\x1f".join(self.categories),
                 self.status, str(self.transparent), str(self.alarm_before), _t(self.alarm_at)]
        return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:32]


def _t(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value.isoformat()}[{getattr(value.tzinfo, 'key', '')}]"
    return value.isoformat()


def make_uid(kind: str, trip_id: str, key: str) -> str:
    """Stable UID for one exported thing of a trip: same trip + key, same UID."""
    digest = hashlib.sha256(f"{trip_id}\x00{kind}\x00{key}".encode()).hexdigest()[:24]
    return f"{kind}-{digest}@tripkit"


# --- building entries ----------------------------------------------------------------------


def calendar_entries(
    trip: Trip,
    *,
    sessions: Sequence[Session] = (),
    items: Sequence[ChecklistItem] = (),
    include: Iterable[Include] = INCLUDES,
    alarm_minutes: int | None = 15,
    lang: str = "en",
) -> list[CalEntry]:
    """The entries to export, in a stable order. `sessions` are the starred ones."""
    want = set(include)
    alarm = timedelta(minutes=alarm_minutes) if alarm_minutes is not None else None
    out: list[CalEntry] = []
    if "agenda" in want:
        out += [_session(trip, s, alarm, lang) for s in sessions]
    if "flights" in want:
        out += _flights(trip, alarm, lang)
    if "stays" in want:
        out += _stays(trip, lang)
    if "checklist" in want:
        for item in items:
            out += _deadline(trip, item, alarm, lang)
    out.sort(key=lambda e: e.sort_key)
    return out


def _sort(start: datetime | date | None, kind: str, uid: str) -> tuple[str, ...]:
    if isinstance(start, datetime):
        instant = start.astimezone(UTC).isoformat()
    elif isinstance(start, date):
        instant = f"{start.isoformat()}T00:00:00"
    else:
        instant = ""
    return (instant, kind, uid)


def _session(trip: Trip, s: Session, alarm: timedelta | None, lang: str) -> CalEntry:
    venue = trip.conference.venue
    location = ", ".join(one_line(p) for p in (s.room, venue.name, venue.address) if p.strip())
    lines = []
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
    uid = make_uid("session", trip.id, s.key)
    start = _zoned(s.start)
    # A schedule may give no real end (end == start, or before it): leave DTEND out, which
    # RFC 5545 reads as "ends when it starts"; an end before the start makes khal refuse the
    # whole file and calcurse drop the event.
    end = _zoned(s.end) if s.end > s.start else None
    return CalEntry(
        uid=uid,
        component="VEVENT",
        summary=one_line(s.title) or tr("(untitled session)", lang),
        start=start,
        end=end,
        location=location,
        description="\n".join(lines).strip(),
        url=url,
        categories=(one_line(s.track),) if s.track.strip() else (),
        status="CANCELLED" if s.cancelled else "",
        alarm_before=None if s.cancelled else alarm,
        sort_key=_sort(start, "1", uid),
    )


def _occurrence_keys(keys: list[str]) -> list[str]:
    """Make repeated keys unique by counting them (second NH7 of a trip: 'NH7|SFO|NRT|2')."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}|{seen[k]}")
    return out


def _flights(trip: Trip, alarm: timedelta | None, lang: str) -> list[CalEntry]:
    keys = _occurrence_keys([f"{f.flight}|{f.origin}|{f.destination}" for f in trip.flights])
    return [_flight(trip, f, key, alarm, lang) for f, key in zip(trip.flights, keys, strict=True)]


def _flight(trip: Trip, f: FlightSegment, key: str, alarm: timedelta | None, lang: str) -> CalEntry:
    hours, rest = divmod(int(f.duration.total_seconds()) // 60, 60)
    lines = [
        tr("Departs {origin} {when}", lang, origin=f.origin, when=fmt_dt(f.departs, lang=lang)),
        tr("Arrives {destination} {when}", lang, destination=f.destination,
           when=fmt_dt(f.arrives, lang=lang)),
        tr("Flight time {hours} h {minutes} min", lang, hours=hours, minutes=rest),
    ]
    if f.booking_ref:
        lines.append(tr("Booking reference: {ref}", lang, ref=one_line(f.booking_ref)))
    uid = make_uid("flight", trip.id, key)
    start = _zoned(f.departs)
    return CalEntry(
        uid=uid,
        component="VEVENT",
        summary=tr("Flight {flight} {origin} → {destination}", lang, flight=one_line(f.flight),
                   origin=f.origin, destination=f.destination),
        start=start,
        end=_zoned(f.arrives),
        location=f.origin,
        description="\n".join(lines),
        alarm_before=alarm,
        sort_key=_sort(start, "0", uid),
    )


def _stays(trip: Trip, lang: str) -> list[CalEntry]:
    keys = _occurrence_keys([s.name for s in trip.stays])
    return [_stay(trip, s, key, lang) for s, key in zip(trip.stays, keys, strict=True)]


def _stay(trip: Trip, s: Stay, key: str, lang: str) -> CalEntry:
    first = s.check_in.date()
    last = s.check_out.astimezone(zone_of(s.check_in)).date()
    lines = [
        tr("Check-in {when}", lang, when=fmt_dt(s.check_in, lang=lang)),
        tr("Check-out {when}", lang, when=fmt_dt(s.check_out, lang=lang)),
    ]
    uid = make_uid("stay", trip.id, key)
    return CalEntry(
        uid=uid,
        component="VEVENT",
        summary=tr("Stay: {name}", lang, name=one_line(s.name)),
        start=first,
        end=last + timedelta(days=1),  # DTEND of an all-day event is exclusive
        location=one_line(", ".join(p for p in (s.name, s.address) if p.strip())),
        description="\n".join(lines),
        transparent=True,
        sort_key=_sort(first, "2", uid),
    )


def _deadline(
    trip: Trip, item: ChecklistItem, alarm: timedelta | None, lang: str
) -> list[CalEntry]:
    if item.due is None or item.status == "not_applicable":
        return []
    due = _zoned(item.due)
    closed = item.status in ("done", "skipped")
    lines = [clean(item.details).strip()] if item.details.strip() else []
    if item.reason.strip():
        lines.append(tr("Why: {reason}", lang, reason=one_line(item.reason)))
    if item.problem.strip():
        lines.append(tr("Problem: {problem}", lang, problem=one_line(item.problem)))
    lines += [f"{one_line(src.title)} {safe_url(src.url)}".strip() for src in item.sources]
    description = "\n".join(lines)
    title = one_line(item.title)
    todo_uid = make_uid("todo", trip.id, item.id)
    day_uid = make_uid("deadline", trip.id, item.id)
    day = due.date()  # in the zone the traveller will be in then
    prefix = {"done": tr("Done: ", lang), "skipped": tr("Skipped: ", lang)}.get(item.status, "")
    return [
        CalEntry(
            uid=todo_uid,
            component="VTODO",
            summary=title,
            due=due,
            description=description,
            categories=("tripkit", item.phase),
            status="COMPLETED" if item.status == "done" else (
                "CANCELLED" if item.status == "skipped" else "NEEDS-ACTION"),
            alarm_before=None if closed else alarm,
            sort_key=_sort(due, "3", todo_uid),
        ),
        CalEntry(
            uid=day_uid,
            component="VEVENT",
            summary=prefix + tr("Due: {title}", lang, title=title),
            start=day,
            end=day + timedelta(days=1),
            description=tr("Due {when}", lang, when=fmt_dt(due, lang=lang))
            + ("\n" + description if description else ""),
            categories=("tripkit", item.phase),
            transparent=True,
            alarm_at=None if closed or alarm is None else (due - alarm).astimezone(UTC),
            sort_key=_sort(day, "3", day_uid),
        ),
    ]


def _zoned(dt: datetime) -> datetime:
    """The time as the file will carry it: UTC zones become UTC ('Z'), others keep their TZID."""
    if getattr(dt.tzinfo, "key", None) in _UTC_KEYS:
        return dt.astimezone(UTC)
    return dt


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
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", one_line(name))
    for tz in _timezones(entries):
        cal.add_component(tz)
    default = Version(0, stamp.astimezone(UTC))
    for entry in entries:
        cal.add_component(_component(entry, versions.get(entry.uid, default)))
    return cal.to_ical()


def _component(e: CalEntry, version: Version) -> Event | Todo:
    comp: Event | Todo = Event() if e.component == "VEVENT" else Todo()
    comp.add("uid", e.uid)
    comp.add("dtstamp", version.stamp)
    comp.add("sequence", version.sequence)
    comp.add("summary", e.summary)
    if e.start is not None:
        comp.add("dtstart", e.start)
    if e.end is not None:
        comp.add("dtend", e.end)
    if e.due is not None:
        comp.add("due", e.due)
    if e.location:
        comp.add("location", e.location)
    if e.description:
        comp.add("description", e.description)
    if e.url:
        comp.add("url", e.url)
    if e.categories:
        comp.add("categories", list(e.categories))
    if e.status:
        comp.add("status", e.status)
    if e.transparent:
        comp.add("transp", "TRANSPARENT")
    if e.alarm_before is not None or e.alarm_at is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(e.summary))
        if e.alarm_at is not None:
            alarm.add("trigger", e.alarm_at, parameters={"value": "DATE-TIME"})
        elif e.alarm_before is not None:
            # A VTODO without DTSTART must relate its alarm to DUE (RFC 5545 3.8.6.3).
            params = {"related": "END"} if e.component == "VTODO" else {}
            alarm.add("trigger", -e.alarm_before, parameters=params)
        comp.add_component(alarm)
    return comp


def _timezones(entries: Sequence[CalEntry]) -> list[Timezone]:
    """A VTIMEZONE for each TZID used, covering the years of the instants in the file."""
    years: dict[str, list[int]] = {}
    for e in entries:
        for value in (e.start, e.end, e.due):
            if isinstance(value, datetime) and value.tzinfo is not UTC:
                years.setdefault(zone_of(value).key, []).append(value.year)
    return [_vtimezone(key, min(ys), max(ys)) for key, ys in sorted(years.items())]


@cache
def _vtimezone(key: str, first_year: int, last_year: int) -> Timezone:
    # From tzdata, never written by hand: a stale VTIMEZONE shifts times in Thunderbird/Evolution.
    tz = Timezone.from_tzid(
        key, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
    )
    # icalendar notes the covered years in a COMMENT, which RFC 5545 does not allow on
    # VTIMEZONE itself (libical's restriction check rejects it).
    tz.pop("COMMENT", None)
    return tz
