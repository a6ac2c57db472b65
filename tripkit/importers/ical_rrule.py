"""Simple repeating events expanded without recurring-ical-events (issue 13: .ics import speed).

recurring-ical-events needs icalendar's parse of the event (about 40 us a property line), a
query object per series, a rule string re-parsed by dateutil (its UNTIL through dateutil's
general date parser) and a copied icalendar component per occurrence: for the corpus's file of
repeating events that was 2.2x icalendar's bare parse of the file, more than half of it in the
library. A series made of one plain event with one simple RRULE and optional EXDATEs is
expanded here instead, by the same steps the library takes (recurring_ical_events.series.rrule:
`RecurrenceRules` and `Series.between`, version 3.8), with the same objects:

* the event's properties as `ical_fast` reads them (the same values as icalendar's), its
  DTSTART/DTEND/EXDATE values made as icalendar makes them (`vDDDTypes.from_ical` with the
  TZID: the same tzinfo object from icalendar's zone cache, a VTIMEZONE's own or IANA's);
* the rule built by dateutil's `rrule` from the same arguments `rrulestr` would give it, and
  the library's handling of a floating UNTIL beside a zoned DTSTART (read as UTC), of a UTC
  UNTIL beside a floating or all-day start (its zone dropped), of DTSTART as an occurrence
  whether or not the rule matches it;
* wall-clock occurrences in the event's zone (dateutil keeps the wall time; a weekly 10:00
  Europe/Berlin meeting stays at 10:00 after the change of time), EXDATEs matched by the
  library's recurrence ids (UTC and wall clock), the query's window and span test;
* each occurrence as the library's copy gives it to the importer: DTSTART, DTEND and
  RECURRENCE-ID as `vDDDTypes` of the occurrence's start and end, DURATION removed.

Anything else is declined (None) and the library expands it: RDATE, EXRULE, RECURRENCE-ID
(overrides), several events with one UID, several RRULEs, a rule part other than FREQ
(daily to yearly), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTH, BYMONTHDAY, WKST, COUNT with
UNTIL, a folded RRULE or EXDATE, an EXDATE parameter other than TZID and VALUE, DTEND in
another zone than DTSTART, an end before the start, dates mixed with date-times, a floating
start with a zoned EXDATE, any event `ical_fast` declines. tests/importers/test_imp_ical_rrule.py
compares the two expansions over generated series and the corpus; `text.FAST_PATHS = False`
switches this off.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil import rrule as _rr
from icalendar.prop import vDDDLists, vDDDTypes
from recurring_ical_events.util import (
    compare_greater,
    convert_to_date,
    convert_to_datetime,
    time_span_contains_event,
    to_recurrence_ids,
)

from tripkit.importers import ical_fast as _fast

_REPEAT_LINE = re.compile(r"(RRULE|EXDATE)([;:])")
_FREQ = {
    "YEARLY": _rr.YEARLY,
    "MONTHLY": _rr.MONTHLY,
    "WEEKLY": _rr.WEEKLY,
    "DAILY": _rr.DAILY,
}
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"([+-]?[1-9]\d?)?(MO|TU|WE|TH|FR|SA|SU)", re.ASCII)
_POSITIVE = re.compile(r"[1-9]\d{0,3}", re.ASCII)
_SIGNED = re.compile(r"[+-]?[1-9]\d?", re.ASCII)
_UNTIL = re.compile(r"\d{8}(?:T\d{6}Z?)?", re.ASCII)
_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "BYMONTHDAY", "WKST")


class Master:
    """A repeating event the expansion below can take: `props` as `ical_fast` reads the
    event without its RRULE and EXDATE lines, plus "RRULE" (the rule's parts, what
    `ical._expand` asks of a rule); `exdates` the EXDATE values as icalendar reads them."""

    __slots__ = ("exdates", "props", "rule")

    def __init__(self, props: dict[str, Any], rule: dict[str, str], exdates: list[Any]):
        self.props = props
        self.rule = rule
        self.exdates = exdates


def read_master(text: str) -> Master | None:
    """The event in `text` (its lines, LF-separated) if it is a series this module expands
    the way recurring-ical-events does, else None."""
    lines = text.split("\n")
    keep: list[str] = []
    rules: list[str] = []
    exdates: list[Any] = []
    for i, line in enumerate(lines):
        m = _REPEAT_LINE.match(line)
        if m is None:
            keep.append(line)
            continue
        if i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t"):
            return None  # folded: icalendar joins it
        if m[1] == "RRULE":
            if m[2] != ":":
                return None
            rules.append(line[6:])
        else:
            values = _exdates(line)
            if values is None:
                return None
            exdates.extend(values)
    if len(rules) != 1:
        return None
    rule = _rule(rules[0])
    if rule is None:
        return None
    props = _fast.read_event("\n".join(keep))
    if props is None or "RECURRENCE-ID" in props:
        return None
    for name in ("DTSTART", "DTEND", "DURATION"):
        if isinstance(props.get(name), list):
            return None
    if "DTSTART" not in props or ("DTEND" in props and "DURATION" in props):
        return None
    props["RRULE"] = rule
    return Master(props, rule, exdates)


def _exdates(line: str) -> list[Any] | None:
    m = _fast._LINE.fullmatch(line)
    if m is None:
        return None
    params = _fast._params(m[2]) if m[2] else {}
    if params is None or not set(params) <= {"TZID", "VALUE"}:
        return None
    if params.get("VALUE", "DATE-TIME") not in ("DATE", "DATE-TIME"):
        return None
    raw = m[3]
    for value in raw.split(","):
        t = _fast._TIME.fullmatch(value)
        if t is None or (params.get("VALUE") == "DATE") != (t[4] is None):
            return None
        if "TZID" in params and (t[7] or t[4] is None):
            return None
    try:
        return list(vDDDLists.from_ical(raw, params.get("TZID")))
    except Exception:  # noqa: BLE001 - whatever icalendar makes of it, the library reports
        return None


def _rule(raw: str) -> dict[str, str] | None:
    parts: dict[str, str] = {}
    for part in raw.split(";"):
        key, eq, value = part.partition("=")
        if not eq or key not in _PARTS or key in parts or not value:
            return None
        parts[key] = value
    if parts.get("FREQ") not in _FREQ or ("COUNT" in parts and "UNTIL" in parts):
        return None
    for key in ("INTERVAL", "COUNT"):
        if key in parts and _POSITIVE.fullmatch(parts[key]) is None:
            return None
    if "UNTIL" in parts and _UNTIL.fullmatch(parts["UNTIL"]) is None:
        return None
    if "WKST" in parts and parts["WKST"] not in _DAYS:
        return None
    for key, lo, hi in (("BYMONTH", 1, 12), ("BYMONTHDAY", -31, 31)):
        if key in parts:
            for x in parts[key].split(","):
                if _SIGNED.fullmatch(x) is None or not lo <= int(x) <= hi:
                    return None
    if "BYDAY" in parts:
        for x in parts["BYDAY"].split(","):
            d = _BYDAY.fullmatch(x)
            if d is None or (d[1] is not None and not -53 <= int(d[1]) <= 53):
                return None
    return parts


def _icalendar_value(prop: Any) -> Any:
    """A DTSTART/DTEND read by `ical_fast` as icalendar's parse of it gives its `.dt`."""
    dt = prop.dt
    tzid = prop.params.get("TZID")
    if isinstance(dt, datetime) and tzid is not None:
        return vDDDTypes.from_ical(f"{dt:%Y%m%dT%H%M%S}", tzid)
    return dt


def expand(master: Master, lo: date, hi: date) -> list[dict[str, Any]] | None:
    """The occurrences recurring-ical-events gives for `master` queried between the dates
    `lo` and `hi` (`query.between(lo, hi)`), each as the properties the importer reads; None
    when a case the library may treat otherwise turns up, or anything fails (the library
    then expands the series, and reports what it cannot expand)."""
    try:
        return _expand(master, lo, hi)
    except Exception:  # noqa: BLE001 - declined: the library's own expansion decides
        return None


def _expand(master: Master, lo: date, hi: date) -> list[dict[str, Any]] | None:
    props = master.props
    start0 = _icalendar_value(props["DTSTART"])
    # EventAdapter.raw_end
    if "DTEND" in props:
        end0 = _icalendar_value(props["DTEND"])
    elif "DURATION" in props:
        delta = props["DURATION"].dt
        if delta.seconds != 0 and not isinstance(start0, datetime):
            return None
        end0 = start0 + delta
    else:
        end0 = start0 if isinstance(start0, datetime) else start0 + timedelta(days=1)
    timed = isinstance(start0, datetime)
    if timed != isinstance(end0, datetime):
        return None
    if timed and start0.tzinfo is not end0.tzinfo:
        return None
    if end0 < start0:
        return None
    exdates = master.exdates
    if any(isinstance(x, datetime) != timed for x in exdates):
        return None
    if timed and start0.tzinfo is None and any(x.tzinfo is not None for x in exdates):
        return None
    duration = end0 - start0
    tzinfo = start0.tzinfo if timed else None
    # RecurrenceRules.__init__ and make_all_dates_comparable
    check_datetime: set[Any] = set()
    check_date: set[date] = set()
    for x in exdates:
        check_datetime.update(to_recurrence_ids(x))
        if not timed:
            check_date.add(x)
    for x in exdates:
        check_datetime.add(convert_to_datetime(x, tzinfo))
    start = convert_to_datetime(start0, tzinfo)
    rule, until = _dateutil_rule(master.rule, start, all_dates=not timed)
    # Series.rrule_between, RecurrenceRules.rrule_between
    first = convert_to_datetime(lo - duration, tzinfo)
    last = convert_to_datetime(hi, tzinfo)
    starts: list[datetime] = []
    with_start = (until is None or not compare_greater(start, until)) and first <= start <= last
    if with_start:
        starts.append(start)  # the rule set's RDATE of DTSTART
    for s in rule.between(first, last, inc=True):
        # The library skips a start it returned already (a set of them; hashing a time in a
        # VTIMEZONE's zone costs a rule evaluation): the rule's times rise, only DTSTART can
        # come twice.
        if with_start and s == start:
            continue
        if until is None or not compare_greater(s, until):
            starts.append(s)
    # Series.between, Occurrence.as_component
    out: list[dict[str, Any]] = []
    for s in starts:
        if exdates and (  # (without any, both checks are empty: the UTC conversion is saved)
            convert_to_date(s) in check_date
            or bool(check_datetime.intersection(to_recurrence_ids(s)))
        ):
            continue
        occ_start: Any = s
        occ_end: Any = s + duration
        if not timed:
            occ_start, occ_end = convert_to_date(occ_start), convert_to_date(occ_end)
        if not time_span_contains_event(lo, hi, occ_start, occ_end):
            continue
        occurrence = dict(props)
        del occurrence["RRULE"]
        occurrence.pop("DURATION", None)
        # (the library makes RECURRENCE-ID a second vDDDTypes of the same start: one object
        # serves, as the importer only reads them)
        occurrence["DTSTART"] = occurrence["RECURRENCE-ID"] = vDDDTypes(occ_start)
        occurrence["DTEND"] = vDDDTypes(occ_end)
        out.append(occurrence)
    return out


def _dateutil_rule(parts: dict[str, str], start: datetime, *, all_dates: bool) -> tuple[Any, Any]:
    """dateutil's rule as `rrulestr(rule, dtstart=start)` gives it in
    `RecurrenceRules.create_rule_with_start`, and the library's own UNTIL (`rule.until`)."""
    until_text = parts.get("UNTIL")
    until_dt: datetime | None = None
    until: Any = None
    if until_text is not None:
        utc = until_text.endswith("Z")
        if (start.tzinfo is not None) != utc:
            # rrulestr refuses it; the library retries with the UNTIL changed
            if all_dates:
                until_text = until_text[:8]
            elif start.tzinfo is None:
                until_text = until_text[:-1]
            else:
                if len(until_text) == 8:
                    until_text += "T000000"
                until_text += "Z"
        until_dt = _until_datetime(until_text)
        until = vDDDTypes.from_ical(until_text)
    byday = None
    if "BYDAY" in parts:
        byday = []
        for x in parts["BYDAY"].split(","):
            d = _BYDAY.fullmatch(x)
            assert d is not None  # checked by _rule
            day = _rr.weekdays[_DAYS.index(d[2])]
            byday.append(day(int(d[1])) if d[1] else day)
    rule = _rr.rrule(
        _FREQ[parts["FREQ"]],
        dtstart=start,
        interval=int(parts.get("INTERVAL", "1")),
        wkst=_DAYS.index(parts["WKST"]) if "WKST" in parts else None,
        count=int(parts["COUNT"]) if "COUNT" in parts else None,
        until=until_dt,
        byweekday=byday,
        bymonth=[int(x) for x in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else None,
        bymonthday=(
            [int(x) for x in parts["BYMONTHDAY"].split(",")] if "BYMONTHDAY" in parts else None
        ),
        cache=True,
    )
    return rule, until


def _until_datetime(text: str) -> datetime:
    """What dateutil's parser makes of an UNTIL value (naive, or UTC with Z)."""
    t = _fast._TIME.fullmatch(text)
    assert t is not None  # checked by _rule
    y, mo, d = int(t[1]), int(t[2]), int(t[3])
    if t[4] is None:
        return datetime(y, mo, d)  # noqa: DTZ001 - a floating UNTIL, as rrulestr reads it
    h, mi, s = int(t[4]), int(t[5]), int(t[6])
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC if t[7] else None)  # noqa: DTZ001
