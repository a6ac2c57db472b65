"""A plain VEVENT's properties read without icalendar (issue 13: .ics import speed).

icalendar spends about 40 us on each property line (a character-by-character content-line
scan, a Parameters object, a value object, the type lookup), and most of an import's time went
there. Most events in real feeds are plain: a dozen ``NAME:value`` lines, a TZID or a CN
parameter. `read_event` reads such an event itself and gives the importer what it reads from
icalendar's Event (see `ical._session`), with the same values:

* text properties (UID, SUMMARY, LOCATION, DESCRIPTION, STATUS) as ``str`` with icalendar's
  backslash unescaping (``\\n``/``\\N`` newline, ``\\\\``, ``\\,``, ``\\;``, ``\\:``), URL
  the same (vUri), X-ALT-DESC verbatim (vUnknown);
* DTSTART, DTEND, RECURRENCE-ID as an object with ``.dt`` (date, naive datetime, or a UTC one
  for ``Z``) and ``.params``; DURATION as ``.dt`` (timedelta); CATEGORIES as ``.cats``;
  ORGANIZER and ATTENDEE as ``.params`` (the importer reads only CN);
* a property given twice as a list, in order (as `icalendar.Component.add` does);
* every other property is checked to be one icalendar reads without raising (text, unknown
  X- properties, URIs, addresses, a well-formed DTSTAMP or SEQUENCE...) and skipped.

Anything else gives None and the importer asks icalendar: a folded line it would join
differently, a backslash or quote before the value, a caret or percent in a parameter (RFC
6868 and icalendar's own escaping), spaces around a parameter, a VALUE parameter (it changes
the value type), a TZID on a date or on a ``Z`` time, a time or duration of another shape or
out of range, escapes in CATEGORIES, repeat rules (RRULE, RDATE, EXDATE), a sub-component,
any property type that can fail in other ways. `tests/importers/test_imp_ical_fast.py`
compares the two readers on every corpus event and on generated lines;
`text.FAST_PATHS = False` switches this off.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar.cal.calendar import Calendar
from icalendar.cal.component import Component

# NAME, then ;KEY=VALUE parameters (quoted, or plain without , ; : " \ ^ % and without
# spaces at either end), then the value after the first colon.
_PVALUE = r'(?:"[^"\\^%\s](?:[^"\\^%]*[^"\\^%\s])?"|[^";:,\\^%\s](?:[^";:,\\^%]*[^";:,\\^%\s])?)'
_LINE = re.compile(r"([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=" + _PVALUE + r")*):(.*)", re.S)
_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^;"]*)')
_UNESCAPE = re.compile(r"\\([\\,;:nN])")  # icalendar.parser.property.unescape_backslash
# (ASCII: a str pattern's \d also matches other scripts' digits, which int() reads)
_TIME = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z?))?", re.ASCII)
_STAMP = re.compile(r"\d{8}T\d{6}Z?", re.ASCII)
_INT = re.compile(r"\d{1,9}", re.ASCII)
_DURATION = re.compile(
    r"P(?:(\d{1,6})W|(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?)",
    re.ASCII,
)
_UTC = ZoneInfo("UTC")  # what icalendar gives a "Z" time (its zoneinfo provider)

_TEXT = ("UID", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS")
_TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID")
# How each property name is read: the importer's own, and those known to be safe to skip.
_KIND: dict[str, str] = {
    **dict.fromkeys(_TEXT, "text"),
    **dict.fromkeys(_TIMES, "time"),
    "URL": "text",  # vUri: the same unescaped text
    "X-ALT-DESC": "raw",  # vUnknown: verbatim
    "DURATION": "duration",
    "CATEGORIES": "categories",
    "ORGANIZER": "people",
    "ATTENDEE": "people",
    "DTSTAMP": "stamp",
    "CREATED": "stamp",
    "LAST-MODIFIED": "stamp",
    "SEQUENCE": "int",
    "PRIORITY": "int",
    # a sub-component (VALARM...): its properties are not the event's
    "BEGIN": "slow",
    "END": "slow",
    # handled specially by icalendar's parser, or the repeating events' own path
    "RRULE": "slow",
    "RDATE": "slow",
    "EXDATE": "slow",
    "EXRULE": "slow",
    "FREEBUSY": "slow",
}
# Value types whose parsing cannot fail (any text is a value): such properties are skipped.
_NEVER_FAIL = ("vText", "vUnknown", "vUri", "vCalAddress")
_MAX_KINDS = 500


def _unfolded(lines: list[str]) -> list[str] | None:
    """Content lines with their folds joined; None for what icalendar reads otherwise (a
    blank line, which it joins into a fold; a fold with no line before it)."""
    logical: list[str] = []
    for line in lines:
        if not line:
            return None
        if line[0] in " \t":
            if not logical:
                return None
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _kind(name: str) -> str:
    kind = _KIND.get(name)
    if kind is None:
        factory = Component.types_factory.for_property(name, None)
        kind = "skip" if getattr(factory, "__name__", "") in _NEVER_FAIL else "slow"
        if len(_KIND) < _MAX_KINDS:  # a file of made-up names must not grow it forever
            _KIND[name] = kind
    return kind


class Time:
    """DTSTART, DTEND, RECURRENCE-ID or DURATION, as the importer reads icalendar's."""

    __slots__ = ("dt", "params")

    def __init__(self, dt: Any, params: dict[str, str]):
        self.dt = dt
        self.params = params


class Params:
    """ORGANIZER or ATTENDEE: only the parameters are read."""

    __slots__ = ("params",)

    def __init__(self, params: dict[str, str]):
        self.params = params


class Categories:
    __slots__ = ("cats",)

    def __init__(self, cats: list[str]):
        self.cats = cats


_NO_PARAMS: dict[str, str] = {}


def _params(text: str) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for key, value in _PARAM.findall(text):
        key = key.upper()
        if key in out:
            return None
        out[key] = value[1:-1] if value[:1] == '"' else value
    return out


def _time(raw: str, params: dict[str, str]) -> Any:
    m = _TIME.fullmatch(raw)
    if m is None:
        return None
    value = params.get("VALUE")
    try:
        if m[4] is None:
            if "TZID" in params or value not in (None, "DATE"):
                return None
            return date(int(m[1]), int(m[2]), int(m[3]))
        if value not in (None, "DATE-TIME") or (m[7] and "TZID" in params):
            return None
        return datetime(  # noqa: DTZ001 - floating or TZID times: zoned by the importer
            int(m[1]),
            int(m[2]),
            int(m[3]),
            int(m[4]),
            int(m[5]),
            int(m[6]),
            tzinfo=_UTC if m[7] else None,
        )
    except ValueError:  # out of range: icalendar's message is needed
        return None


def _duration(raw: str) -> timedelta | None:
    m = _DURATION.fullmatch(raw)
    if m is None or raw == "P":
        return None
    weeks, days, hours, minutes, seconds = (int(x) if x else 0 for x in m.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def read_event(text: str) -> dict[str, Any] | None:
    """The properties of one VEVENT (`text`: its lines, LF-separated, BEGIN and END
    included), or None when the event is not plain enough (see the module docstring)."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[0] != "BEGIN:VEVENT" or lines[-1] != "END:VEVENT":
        return None
    logical = _unfolded(lines[1:-1])
    if logical is None:
        return None
    props: dict[str, Any] = {}
    for line in logical:
        m = _LINE.fullmatch(line)
        if m is None:
            return None
        name = m[1].upper()
        kind = _KIND.get(name) or _kind(name)
        params = _params(m[2]) if m[2] else _NO_PARAMS
        if params is None:
            return None
        if "VALUE" in params and kind != "time":
            # (Indico writes DTSTAMP;VALUE=DATE-TIME: the type it has anyway)
            if kind != "stamp" or params["VALUE"] != "DATE-TIME":
                return None
        raw = m[3]
        value: Any
        if kind == "text":
            value = _UNESCAPE.sub(_unescaped, raw) if "\\" in raw else raw
        elif kind == "time":
            dt = _time(raw, params)
            if dt is None:
                return None
            value = Time(dt, params)
        elif kind == "skip":
            continue
        elif kind == "stamp":
            if _STAMP.fullmatch(raw) is None:
                return None
            continue
        elif kind == "int":
            if _INT.fullmatch(raw) is None:
                return None
            continue
        elif kind == "raw":
            value = raw
        elif kind == "people":
            value = Params(params)
        elif kind == "categories":
            if "\\" in raw:
                return None
            value = Categories(raw.split(","))
        elif kind == "duration":
            delta = _duration(raw)
            if delta is None:
                return None
            value = Time(delta, params)
        else:  # "slow"
            return None
        old = props.get(name)
        if old is None:
            props[name] = value
        elif isinstance(old, list):
            old.append(value)
        else:
            props[name] = [old, value]
    return props


def _unescaped(m: re.Match[str]) -> str:
    return "\n" if m[1] in "nN" else m[1]


# The calendar's own properties the importer reads (`ical.stream`).
_CALENDAR_READS = ("PRODID", "X-WR-CALNAME", "X-WR-TIMEZONE")


def read_calendar(text: str) -> dict[str, str] | None:
    """The calendar's own properties (`text`: its lines without BEGIN:/END:VCALENDAR,
    LF-separated) that the importer reads, each as ``str()`` of icalendar's value of it (vText
    unescaped, vUnknown verbatim); None when icalendar must read them: a VTIMEZONE or other
    sub-component, a line that is not plain (as in `read_event`), a VALUE parameter, a
    property of a type that can fail to parse, one of the read properties given twice.

    Why: icalendar's parse of a calendar's three or four header lines was most of the fixed
    cost of an .ics import (about 0.2 ms: a one-event file imported at 1.1x its bare parse,
    an empty one at 1.5x). `tests/importers/test_imp_ical_fast.py` compares the two."""
    out: dict[str, str] = {}
    if not text:
        return out
    logical = _unfolded(text.split("\n"))
    if logical is None:
        return None
    for line in logical:
        m = _LINE.fullmatch(line)
        if m is None:
            return None
        name = m[1].upper()
        if name in ("BEGIN", "END"):
            return None
        params = _params(m[2]) if m[2] else _NO_PARAMS
        if params is None or "VALUE" in params:
            return None
        factory = getattr(Calendar.types_factory.for_property(name, None), "__name__", "")
        if factory not in _NEVER_FAIL:
            return None
        if name in _CALENDAR_READS:
            if name in out:
                return None
            raw = m[3]
            if factory == "vText":
                out[name] = _UNESCAPE.sub(_unescaped, raw) if "\\" in raw else raw
            elif factory == "vUnknown":
                out[name] = raw
            else:
                return None
    return out
