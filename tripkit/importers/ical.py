"""iCalendar feeds (Sched, pretalx, Indico, Symposion, hand-made), read with `icalendar`.

Line endings CRLF, LF and CRCRLF are all accepted. Each VEVENT becomes a session:
title = SUMMARY, room = LOCATION, track = CATEGORIES, speakers = ORGANIZER/ATTENDEE common
names (CN), abstract = DESCRIPTION (or the HTML X-ALT-DESC) as plain text, url = URL,
cancelled = STATUS:CANCELLED. iCalendar has no registration field: needs_registration is
always false. Key = UID plus the start instant in UTC ("<uid>/20200918T110000Z"), because
real feeds reuse one UID for many events.

Times: ``Z`` is UTC; ``TZID=`` names a zone, mapped to IANA when it is a Windows name
("Eastern Standard Time") or an alias; a TZID without VTIMEZONE is fine. A VTIMEZONE labelled
with a zone that has no DST but defining DAYLIGHT rules (pretalx's ``TZID:GMT`` for London,
pretalx#2588) is a mislabel: its times are read in the event zone, else Europe/London when its
offsets are those of the UK. Floating times use the event zone (``--tz``, ``X-WR-TIMEZONE``, the
only TZID the file uses, the venue). No DTEND and no DURATION: per RFC 5545 a date-time event
ends when it starts and a date event lasts one day; a warning counts them. Repeating events
(RRULE/RDATE, with RECURRENCE-ID overrides and EXDATE) are expanded into one session per
occurrence by recurring-ical-events, each keyed by its UID and original start (stable across
re-imports as long as the UID is); a rule without end stops a year after the last dated event.

Read in two passes over the lines (`tripkit.importers.stream`): the calendar's properties,
VTIMEZONEs and DTSTART zones first, then one VEVENT at a time, its line number counted as the
lines go by. A plain event is read by `tripkit.importers.ical_fast` (the same values icalendar
gives, at a tenth of its cost), any other by icalendar; so is the calendar's own header when it
has no VTIMEZONE. Repeating events are kept (as text, with icalendar's parse of them) until the
end and expanded there: a simple series (one event, one plain RRULE, EXDATEs) by
`tripkit.importers.ical_rrule` (recurring-ical-events' own steps without its query and copies,
the same occurrences), every other series by recurring-ical-events from one parse
(`_parse_series`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_, Msg, at_line
from tripkit.importers import ical_fast as _fast
from tripkit.importers import ical_rrule as _rrule
from tripkit.importers import text as _text
from tripkit.importers.common import (
    MAX_SESSION,
    Builder,
    Zones,
    add_instant,
    plain_url,
    speaker,
    zone_named,
)
from tripkit.importers.stream import Input, ScheduleHeader
from tripkit.importers.text import clean_block, clean_line

_TZID = re.compile(rb"^DTSTART[^:]*?;TZID=(\"[^\"]*\"|[^;:]*)", re.I)


def _unique_tzid(raw: bytes) -> str:
    return raw.strip(b'"').decode("utf-8", "replace")


_B_OR_E = (b"B", b"b", b"E", b"e")


class _Scan:
    """Pass 1 over the lines: the calendar's own properties, its VTIMEZONEs and the TZIDs
    of every DTSTART, without keeping any event."""

    def __init__(self, inp: Input, source: str):
        self.calendar: list[bytes] = []  # the VCALENDAR's own lines and its VTIMEZONEs
        self.tzids: set[str] = set()
        self.events = 0
        depth = 0
        in_tz = False
        kept = False  # whether the line before (a folded property's start) was kept
        seen_calendar = False
        for line in _lines(inp):
            first = line[:1]
            if first in (b" ", b"\t"):
                if kept:
                    self.calendar.append(line)
                continue
            kept = False
            # Only BEGIN:/END: lines open or close components: other lines are told apart by
            # their first byte, without an upper-cased copy each.
            upper = line[:16].upper() if first in _B_OR_E else b""
            if upper.startswith(b"BEGIN:"):
                depth += 1
                name = line[6:].strip().upper()
                if depth == 1:
                    seen_calendar = True
                elif depth == 2 and name == b"VTIMEZONE":
                    in_tz = True
                elif depth == 2 and name == b"VEVENT":
                    self.events += 1
                if in_tz:
                    self.calendar.append(line)
                continue
            if upper.startswith(b"END:"):
                if in_tz:
                    self.calendar.append(line)
                    if depth == 2:
                        in_tz = False
                depth -= 1
                if depth < 0:
                    raise ImportError_(
                        "not a valid iCalendar file (an END: without its BEGIN:)", where=source
                    )
                continue
            if depth == 1 or in_tz:
                self.calendar.append(line)
                kept = True
            elif depth == 2 and first in (b"D", b"d") and line[:7].upper() == b"DTSTART":
                m = _TZID.match(line)
                if m:
                    self.tzids.add(_unique_tzid(m[1]))
        if depth > 0 or not seen_calendar:
            raise ImportError_(
                "not a valid iCalendar file (it ends before END:VCALENDAR)", where=source
            )


def _lines(inp: Input) -> Iterator[bytes]:
    """The file's lines; the BOM and blanks before BEGIN:VCALENDAR are dropped (counted)."""
    lines = inp.lines()
    for line in lines:
        start = line.removeprefix(b"\xef\xbb\xbf").strip()
        if start:
            yield start
            break
        yield b""
    yield from lines


class _Header(dict[str, str]):
    """The calendar's own properties as `ical_fast.read_calendar` reads them, with what
    `stream` asks of icalendar's Calendar besides (it has no VTIMEZONE)."""

    def walk(self, _name: str) -> list[Any]:
        return []


def _calendar(scan: _Scan, source: str, warnings: list[str]) -> Any:
    text = _decode_lines(scan.calendar, warnings, source, 0)
    if _text.FAST_PATHS:
        props = _fast.read_calendar(text)
        if props is not None:
            return _Header(props)
    try:
        cal = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\n{text}\nEND:VCALENDAR\n")
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
        raise ImportError_(
            "not a valid iCalendar file ({detail})",
            where=source,
            detail=clean_line(str(e))[:120],
        ) from None
    return cal


def _decode_lines(lines: list[bytes], warnings: list[str], source: str, offset: int) -> str:
    data = b"\n".join(lines)
    if offset == 0 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if not any("is not valid UTF-8" in w for w in warnings):
            warnings.append(
                Msg(
                    "{where}: the file is not valid UTF-8 (first bad byte at {offset}); "
                    "undecodable bytes were replaced",
                    where=source,
                    offset=offset + e.start,
                )
            )
        return data.decode("utf-8", errors="replace")


def stream(
    inp: Input, *, source: str, zones: Zones, warnings: list[str]
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """Two passes over the lines: the header (zones, title) first, then one VEVENT at a time.
    The line number of each event is counted as the lines go by (linear in the file)."""
    scan = _Scan(inp, source)
    cal = _calendar(scan, source, warnings)
    mislabelled = _mislabelled_zones(cal, warnings, source)
    wr_tz = cal.get("X-WR-TIMEZONE")
    if wr_tz is not None:
        zones.declare(str(_first(wr_tz)), f"{source}: X-WR-TIMEZONE")
    else:
        used = scan.tzids - set(mislabelled)
        named = {z.key for z in (zone_named(t) for t in used if t) if z is not None}
        if len(named) == 1:
            zones.declare(named.pop(), f"{source}: TZID")
    header = ScheduleHeader(
        source=source,
        format="ical",
        warnings=warnings,
        title=clean_line(str(cal.get("X-WR-CALNAME") or "")),
        tz=zones.file_zone.key if zones.file_zone else None,
    )
    # Sched writes HTML entities into plain-text properties ("Science &amp; Logic").
    prodid = str(_first(cal.get("PRODID")) or "").lower()
    entities = "sched.com" in prodid
    reader_flags = {"entities": entities, "indico": "indico" in prodid}
    return header, _events(inp, source, zones, mislabelled, warnings, scan.calendar, reader_flags)


def _blocks(inp: Input) -> Iterator[tuple[int, int, list[bytes]]]:
    """(line number, byte offset, lines) of each VEVENT directly inside the calendar."""
    depth = 0
    block: list[bytes] | None = None
    start_line = 0
    start_offset = 0
    offset = 0
    for n, line in enumerate(_lines(inp), 1):
        upper = line[:12].upper() if line[:1] in _B_OR_E else b""
        if upper.startswith(b"BEGIN:"):
            depth += 1
            if depth == 2 and line[6:].strip().upper() == b"VEVENT":
                block, start_line, start_offset = [], n, offset
        elif upper.startswith(b"END:"):
            depth -= 1
            if depth == 1 and block is not None:
                block.append(line)
                yield start_line, start_offset, block
                block = None
                offset += len(line) + 1
                continue
        if block is not None:
            block.append(line)
        offset += len(line) + 1


_REPEATS = ("RRULE", "RDATE", "RECURRENCE-ID")
# A repeating event: its line, its text, and icalendar's parse of it when the first pass made one
# (or ical_rrule's read of it, for a series that module may expand)
_Repeat = tuple[int, str, Any]
MAX_OCCURRENCES = 1000  # per series: a daily rule without end would otherwise never stop
HORIZON = timedelta(days=366)  # past the last dated event, for rules without end


def _events(
    inp: Input,
    source: str,
    zones: Zones,
    mislabelled: dict[str, ZoneInfo | None],
    warnings: list[str],
    calendar: list[bytes],
    flags: dict[str, bool],
) -> Iterator[Session]:
    reader = _Reader(source, zones, mislabelled, warnings, **flags)
    builder = Builder(source, warnings)
    no_end: list[int] = []
    skipped: list[str] = []
    series: dict[str, list[_Repeat]] = {}  # UID -> the repeating events with that UID
    latest: datetime | None = None
    for line, offset, lines in _blocks(inp):
        where = at_line(source, line)
        text = _decode_lines(lines, warnings, source, offset)
        ev = _fast.read_event(text) if _text.FAST_PATHS else None
        master = None
        if ev is None and _text.FAST_PATHS and "RRULE" in text:
            # a simple repeating event: read and later expanded without icalendar (ical_rrule)
            master = _rrule.read_master(text)
            ev = None if master is None else master.props
        if ev is None:  # not a plain event: icalendar reads it (see ical_fast)
            ev = _event(text, where)
        get = _getter(ev)
        if _first(get("DTSTART")) is None:
            skipped.append(where.split(": ", 1)[-1])
            continue
        if any(get(name) is not None for name in _REPEATS):
            # icalendar's parse of it is kept for the expansion (the fast reader's is not
            # what recurring-ical-events reads), or the simple series ical_rrule expands
            parsed = (
                master if master is not None else ev if isinstance(ev, icalendar.Event) else None
            )
            series.setdefault(str(get("UID") or f"line {line}"), []).append((line, text, parsed))
            continue
        session = _session(ev, where, line, reader, zones, builder, no_end)
        latest = session.start if latest is None or session.start > latest else latest
        yield session
    if series:
        yield from _expand(
            series, calendar, latest, source, reader, zones, builder, no_end, warnings
        )
    if no_end:
        shown = ", ".join(str(n) for n in no_end[:10]) + (" ..." if len(no_end) > 10 else "")
        warnings.append(
            Msg(
                "{n} event gives neither DTEND nor DURATION (line {lines}); as RFC 5545 says, it "
                "ends when it starts (0 minutes), or lasts one day for a date-only event",
                plural="{n} events give neither DTEND nor DURATION (lines {lines}); as RFC 5545 "
                "says, they end when they start (0 minutes), or last one day for date-only events",
                n=len(no_end),
                lines=shown,
            )
        )
    if skipped:
        warnings.append(
            Msg(
                "{n} event has no readable DTSTART and was left out ({lines})",
                plural="{n} events have no readable DTSTART and were left out ({lines})",
                n=len(skipped),
                lines=", ".join(skipped[:10]),
            )
        )


def _event(text: str, where: str) -> Any:
    try:
        return icalendar.Event.from_ical(text)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
        raise ImportError_(
            "not a valid iCalendar file ({detail})", where=where, detail=clean_line(str(e))[:120]
        ) from None


def _expand(
    series: dict[str, list[_Repeat]],
    calendar: list[bytes],
    latest: datetime | None,
    source: str,
    reader: _Reader,
    zones: Zones,
    builder: Builder,
    no_end: list[int],
    warnings: list[str],
) -> Iterator[Session]:
    """Every occurrence of each repeating event (RRULE/RDATE, with its RECURRENCE-ID
    overrides and EXDATEs), expanded by recurring-ical-events, or for a simple series (one
    event, one plain RRULE, EXDATEs) by `ical_rrule`, which gives the same occurrences at a
    fraction of the cost. A rule without end stops one year after the last dated event (or
    its own start), at most MAX_OCCURRENCES times."""
    import recurring_ical_events

    zones_text = "\n".join(x.decode("utf-8", "replace") for x in _timezones(calendar))
    simple = {
        uid: items[0][2]
        for uid, items in series.items()
        if len(items) == 1 and isinstance(items[0][2], _rrule.Master)
    }
    # icalendar parses only the series ical_rrule does not take (none, in most files)
    slow = {uid: items for uid, items in series.items() if uid not in simple}
    parsed = _parse_series(slow, zones_text) if slow else None
    slow_index = {uid: k for k, uid in enumerate(slow)}
    endless = 0
    cut: list[str] = []
    for uid, items in series.items():
        # The series is read from its master (the event with the rule, not a moved occurrence
        # written before it): its DTSTART is where the occurrences start, its DTEND/DURATION
        # and rule what the warnings judge. A moved occurrence first used to drop every
        # occurrence before its date, silently.
        master = simple.get(uid)
        events = parsed[1][slow_index[uid]] if parsed is not None and uid in slow else None
        line = items[0][0]
        where = at_line(source, line)
        if master is not None:
            first = master.props
        else:
            first = _event(items[0][1], where) if events is None else events[0]
        if not _is_master(first):
            for i in range(1, len(items)):
                at = at_line(source, items[i][0])
                candidate = _event(items[i][1], at) if events is None else events[i]
                if _is_master(candidate):
                    first, line, where = candidate, items[i][0], at
                    break
        start_prop = _first(first.get("DTSTART"))
        first_start = reader.time(
            start_prop, _value(start_prop, f"{where} DTSTART"), f"{where} DTSTART"
        )
        rule = first.get("RRULE")
        rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
        unbounded = any("UNTIL" not in r and "COUNT" not in r for r in rules)
        endless += unbounded
        if first.get("DTEND") is None and first.get("DURATION") is None:
            no_end.append(line)  # the occurrences get DTEND = DTSTART from the library
        until = max(first_start, latest or first_start) + HORIZON
        lo = (first_start - timedelta(days=2)).date()
        hi = until.date() + timedelta(days=1)
        quick = _rrule.expand(master, lo, hi) if master is not None else None
        try:
            if quick is not None:
                occurrences: Any = quick
            elif parsed is None or master is not None:
                cal = icalendar.Calendar.from_ical(_series_text(zones_text, items))
            else:
                cal = icalendar.Calendar()
                cal.subcomponents = [*parsed[0], *parsed[1][slow_index[uid]]]
            if quick is None:
                occurrences = recurring_ical_events.of(cal).between(lo, hi)
            for count, occurrence in enumerate(occurrences, 1):
                if count > MAX_OCCURRENCES:
                    cut.append(where.split(": ", 1)[-1])
                    break
                yield _session(occurrence, where, line, reader, zones, builder, no_end)
        except ImportError_:
            raise
        except Exception as e:  # noqa: BLE001 - a rule the library cannot expand
            raise ImportError_(
                "the repeat rule (RRULE) could not be expanded ({detail})",
                where=where,
                detail=clean_line(str(e))[:120],
            ) from None
    if endless:
        warnings.append(
            Msg(
                "{n} event repeats without end (RRULE); its occurrences up to a year after the "
                "last dated event were imported",
                plural="{n} events repeat without end (RRULE); their occurrences up to a year "
                "after the last dated event were imported",
                n=endless,
            )
        )
    if cut:
        warnings.append(
            Msg(
                "{n} repeating event had more than {limit} occurrences; the first {count} were "
                "imported ({lines})",
                plural="{n} repeating events had more than {limit} occurrences; the first "
                "{count} were imported ({lines})",
                n=len(cut),
                limit=MAX_OCCURRENCES,
                count=MAX_OCCURRENCES,
                lines=", ".join(cut[:10]),
            )
        )


def _is_master(event: Any) -> bool:
    """The event that defines a series (a rule or extra dates, not a moved occurrence)."""
    return event.get("RECURRENCE-ID") is None and (
        event.get("RRULE") is not None or event.get("RDATE") is not None
    )


def _series_text(zones_text: str, items: list[_Repeat]) -> str:
    """One calendar of the file's VTIMEZONEs and the given events."""
    body = "\n".join(item[1] for item in items)
    return f"BEGIN:VCALENDAR\n{zones_text}\n{body}\nEND:VCALENDAR\n"


def _parse_series(
    series: dict[str, list[_Repeat]], zones_text: str
) -> tuple[list[Any], list[list[Any]]] | None:
    """The VTIMEZONEs and each series' events: icalendar's parse of an event kept from the
    first pass, the zones and the other events (those the fast reader read) from one parse.

    Why: parsing the zones and the events again for every series (and its first event once
    more) was ~80% of the import of a file of repeating events, 4.1x icalendar's bare parse of
    the file. The components are the same whichever parse made them: an event parsed alone or
    after the zones in a calendar gets the same zones, because icalendar resolves a TZID from
    its process-wide cache of VTIMEZONEs, which the header's parse filled before any event was
    read; recurring-ical-events only reads them. None when that parse fails or its components
    do not line up one VTIMEZONE per zone and one VEVENT per event text (a damaged file): the
    caller then parses each series on its own as before, so that the error and the place it
    names stay those of the series at fault (pinned by tests/importers/test_imp_ics_digests)."""
    every = [
        item
        for items in series.values()
        for item in items
        if not isinstance(item[2], icalendar.Event)
    ]
    try:
        cal = icalendar.Calendar.from_ical(_series_text(zones_text, every))
    except Exception:  # noqa: BLE001 - the per-series parse reports it, naming the series
        return None
    if not isinstance(cal, icalendar.Calendar) or len(cal):  # a property outside the events
        return None
    parts = cal.subcomponents
    n_zones = len(parts) - len(every)
    expected = zones_text.upper().count("BEGIN:VTIMEZONE")
    if n_zones != expected or any(c.name != "VTIMEZONE" for c in parts[:n_zones]):
        return None
    fresh = iter(parts[n_zones:])
    if any(c.name != "VEVENT" for c in parts[n_zones:]):
        return None
    grouped = [
        [ev if isinstance(ev, icalendar.Event) else next(fresh) for _l, _t, ev in items]
        for items in series.values()
    ]
    return parts[:n_zones], grouped


def _timezones(calendar: list[bytes]) -> Iterator[bytes]:
    """The VTIMEZONE blocks among the calendar's own lines."""
    inside = False
    for line in calendar:
        upper = line[:16].upper()
        if upper.startswith(b"BEGIN:VTIMEZONE"):
            inside = True
        if inside:
            yield line
        if upper.startswith(b"END:VTIMEZONE"):
            inside = False


def _session(
    ev: Any,
    where: str,
    line: int,
    reader: _Reader,
    zones: Zones,
    builder: Builder,
    no_end: list[int],
) -> Session:
    get = _getter(ev)
    start_prop = _first(get("DTSTART"))
    where_start = f"{where} DTSTART"
    start_value = _value(start_prop, where_start)
    start = reader.time(start_prop, start_value, where_start)
    all_day = not isinstance(start_value, datetime)
    end_prop = _first(get("DTEND"))
    dur_prop = _first(get("DURATION"))
    if end_prop is not None:
        where_end = f"{where} DTEND"
        end = reader.time(end_prop, _value(end_prop, where_end), where_end)
    elif dur_prop is not None:
        delta = _value(dur_prop, f"{where} DURATION")
        if not isinstance(delta, timedelta) or not timedelta(0) <= delta <= MAX_SESSION:
            raise ImportError_(
                "DURATION {value!r} is not a length of time",
                where=f"{where} DURATION",
                value=clean_line(str(delta))[:40],
            )
        if all_day:
            end = _midnight_after(start, delta, zones, where)
        else:
            end = add_instant(start, delta)
    else:
        no_end.append(line)
        end = _midnight_after(start, timedelta(days=1), zones, where) if all_day else start
    uid = clean_line(str(get("UID") or ""))
    # An occurrence of a repeating event is known by its original start (RECURRENCE-ID),
    # which stays the same when that one occurrence is moved.
    original = _first(get("RECURRENCE-ID"))
    if original is not None:
        instant = reader.time(
            original, _value(original, f"{where} RECURRENCE-ID"), f"{where} RECURRENCE-ID"
        )
    else:
        instant = start
    stamp = _utc_stamp(instant)
    title = reader.text(get("SUMMARY"))
    key = f"{uid}/{stamp}" if uid else f"ical:{title[:80]}/{stamp}"
    description = get("DESCRIPTION")
    if description is None:
        description = get("X-ALT-DESC")
    abstract = clean_block(str(_first(description) or ""))
    speakers = _people(get)
    if not speakers and reader.indico:
        speakers = _indico_speakers(abstract)
    return builder.add(
        key=key,
        title=title,
        start=start,
        end=end,
        where=where,
        # Sched writes "Whole Ship\\," (an escaped comma and nothing after it).
        room=reader.text(get("LOCATION")).rstrip(", "),
        track=_categories(get("CATEGORIES")),
        speakers=speakers,
        abstract=abstract,
        url=plain_url(str(_first(get("URL")) or "")),
        cancelled=str(get("STATUS") or "").strip().upper() == "CANCELLED",
    )


_COMPONENT_GETITEM = icalendar.Component.__getitem__


def _getter(ev: Any) -> Callable[[str], Any]:
    """`ev.get` for upper-case property names. icalendar keeps a component's properties in a
    dict under upper-case names and folds the case of every name it is asked for (three
    Python calls per read); reading the dict itself gives the same value without them, as
    long as the component class reads its dict the plain way (checked, else `ev.get`)."""
    if _text.FAST_PATHS and isinstance(ev, dict) and type(ev).__getitem__ is _COMPONENT_GETITEM:
        return partial(dict.get, ev)
    return ev.get  # type: ignore[no-any-return]


def _utc_stamp(instant: datetime) -> str:
    """`instant` in UTC as 20200918T110000Z (what strftime("%Y%m%dT%H%M%SZ") gives, at half
    its cost; strftime itself for years before 1000, which it does not zero-pad)."""
    u = instant.astimezone(UTC)
    if u.year < 1000:
        return u.strftime("%Y%m%dT%H%M%SZ")
    return f"{u.year:04d}{u.month:02d}{u.day:02d}T{u.hour:02d}{u.minute:02d}{u.second:02d}Z"


def _value(prop: Any, where: str) -> Any:
    """The decoded value of a property; icalendar raises on access when the value is broken."""
    try:
        return prop.dt
    except Exception:  # noqa: BLE001 - BrokenCalendarProperty and whatever a bad value raises
        raw = getattr(prop, "to_ical", lambda: b"")()
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise ImportError_(
            "{value} is not a valid value", where=where, value=repr(clean_line(text)[:40])
        ) from None


def _first(prop: Any) -> Any:
    """A property that occurs twice comes back as a list; the first one counts."""
    if isinstance(prop, list):
        return prop[0] if prop else None
    return prop


def _param(prop: Any, name: str) -> str | None:
    prop = _first(prop)
    params = getattr(prop, "params", None)
    value = params.get(name) if params is not None else None
    return str(value) if value is not None else None


def _midnight_after(start: datetime, delta: timedelta, zones: Zones, where: str) -> datetime:
    wall = (start.replace(tzinfo=None) + delta).replace(hour=0, minute=0, second=0)
    return zones.in_zone(wall, start.tzinfo, where)  # type: ignore[arg-type]


def _mislabelled_zones(cal: Any, warnings: list[str], source: str) -> dict[str, ZoneInfo | None]:
    """TZIDs whose VTIMEZONE defines DST although the zone they name has none (pretalx#2588)."""
    out: dict[str, ZoneInfo | None] = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz.get("TZID") or "")
        zone = zone_named(tzid)
        if zone is None:
            continue
        jan = datetime(2025, 1, 15, tzinfo=zone).utcoffset()
        jul = datetime(2025, 7, 15, tzinfo=zone).utcoffset()
        daylight = [c for c in vtz.subcomponents if c.name == "DAYLIGHT"]
        if jan != jul or not daylight:
            continue
        offsets = set()
        for c in vtz.subcomponents:
            off = getattr(c.get("TZOFFSETTO"), "td", None)
            if isinstance(off, timedelta):
                offsets.add(off)
        uk = offsets == {timedelta(0), timedelta(hours=1)}
        out[tzid] = ZoneInfo("Europe/London") if uk else None
        warnings.append(
            Msg(
                "{where}: the VTIMEZONE {tzid} defines summer time although {zone} has none "
                "(a known exporter bug); its times were read in Europe/London"
                if uk
                else "{where}: the VTIMEZONE {tzid} defines summer time although {zone} has "
                "none (a known exporter bug); its times were read in the event's zone",
                where=source,
                tzid=repr(clean_line(tzid)),
                zone=zone.key,
            )
        )
    return out


class _Reader:
    def __init__(
        self,
        source: str,
        zones: Zones,
        mislabelled: dict[str, ZoneInfo | None],
        warnings: list[str],
        entities: bool = False,
        indico: bool = False,
    ):
        self.source, self.zones, self.mislabelled, self.warnings = (
            source,
            zones,
            mislabelled,
            warnings,
        )
        self.entities = entities
        self.indico = indico
        self.unknown: set[str] = set()  # TZIDs already warned about

    def text(self, value: Any) -> str:
        """A one-line property as plain text (entities decoded for producers that write them)."""
        text = str(_first(value) or "")
        if self.entities and "&" in text:
            text = html.unescape(text)
        return clean_line(text)

    def time(self, prop: Any, value: Any, where: str) -> datetime:
        if isinstance(value, date) and not isinstance(value, datetime):
            wall = datetime(value.year, value.month, value.day)  # noqa: DTZ001 - zoned next
            return self.zones.floating(wall, where)
        if not isinstance(value, datetime):
            raise ImportError_("expected a date or date-time", where=where)
        tzid = _param(prop, "TZID")
        wall = value.replace(tzinfo=None)
        if tzid is not None:
            if tzid in self.mislabelled:
                zone = self.mislabelled[tzid]
                if self.zones.has_event_zone or zone is None:
                    return self.zones.floating(wall, where)
                return self.zones.in_zone(wall, zone, where)
            named = zone_named(tzid)
            if named is not None:
                return self.zones.in_zone(wall, named, where)
            if tzid not in self.unknown:
                self.unknown.add(tzid)
                self.warnings.append(
                    Msg(
                        "{where}: TZID {tzid} is not a zone tripkit knows; those times were "
                        "read in the event's zone",
                        where=where,
                        tzid=repr(clean_line(tzid)),
                    )
                )
            return self.zones.floating(wall, where)
        if value.tzinfo is not None:
            return self.zones.explicit(value, where)
        return self.zones.floating(wall, where)


def _categories(prop: Any) -> str:
    names: list[str] = []
    for p in prop if isinstance(prop, list) else [prop]:
        for c in getattr(p, "cats", []) or []:
            text = clean_line(str(c))
            if text and text not in names:
                names.append(text)
    return ", ".join(names)


_INDICO_SPEAKERS = re.compile(r"^Speakers?:[ \t]*(.+)$", re.M)
_NAME_AFFILIATION = re.compile(r"\s*([^,()]+?)\s*(?:\(([^()]*)\))?\s*(?:,|$)")


def _indico_speakers(abstract: str) -> list[Speaker]:
    """Indico writes no ORGANIZER/ATTENDEE but a first line "Speakers: Name (Affiliation),
    Name (Affiliation)" in DESCRIPTION (indico/modules/events/ical.py)."""
    m = _INDICO_SPEAKERS.match(abstract)
    if m is None:
        return []
    out: list[Speaker] = []
    for part in _NAME_AFFILIATION.finditer(m[1]):
        s = speaker(part[1]) if part[1] else None
        if s is not None and s.name not in (x.name for x in out):
            out.append(s)
    return out


def _people(get: Callable[[str], Any]) -> list[Speaker]:
    out: list[Speaker] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        prop = get(name)
        for p in prop if isinstance(prop, list) else [prop]:
            cn = _param(p, "CN")
            s = speaker(cn) if cn else None
            if s is not None and s.name not in (x.name for x in out):
                out.append(s)
    return out
