"""Simple repeating events expanded by `ical_rrule` import exactly as recurring-ical-events
expands them (issue 13: the corpus's rrule file was 2.2x icalendar's bare parse, half of it in
the library).

The reference is the import with `text.FAST_PATHS` off: icalendar reads every event and
recurring-ical-events expands every series. Compared: the whole outcome (every session's
fields with their zones, every warning, or the one error), for the corpus file and for
generated files of one series each: daily to yearly rules with INTERVAL, COUNT, UNTIL (UTC,
floating, a date), BYDAY, BYMONTH, BYMONTHDAY, EXDATEs (the event's zone, UTC, floating,
dates), across changes of summer time (Europe/Berlin, America/New_York, Pacific/Auckland,
a file's own VTIMEZONE) and date-line zones (Pacific/Kiritimati, Pacific/Apia), all-day
events, floating and UTC times, DTEND, DURATION or neither. Each test also checks that the
fast expansion was the one taken, so that equality cannot hold by declining everything.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical_samples import RRULE_FILE, STOCKHOLM_OWN_ZONE
from import_digest import canonical, canonical_error

from tripkit.errors import ImportError_
from tripkit.importers import ical_rrule, parse, text

ZONE = STOCKHOLM_OWN_ZONE

# How the start is written: a TZID, UTC, floating, or a date (all-day).
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Apia",
    "/t/Europe/Stockholm",
    "UTC-Z",
    "floating",
    "date",
]
# Days near changes of summer time (north and south) and the year ends.
DAYS = [
    date(2026, 3, 26),
    date(2026, 3, 29),
    date(2026, 4, 3),
    date(2026, 9, 24),
    date(2026, 10, 22),
    date(2026, 10, 25),
    date(2026, 10, 30),
    date(2026, 12, 29),
    date(2011, 12, 28),  # Samoa skipped 30 December 2011
]
DAY_NAMES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _stamp(dt: datetime | date, kind: str) -> tuple[str, str]:
    """(parameters, value) of a time written the way `kind` says."""
    if kind == "date" or not isinstance(dt, datetime):
        return ";VALUE=DATE", f"{dt:%Y%m%d}"
    if kind == "UTC-Z":
        return "", f"{dt:%Y%m%dT%H%M%S}Z"
    if kind == "floating":
        return "", f"{dt:%Y%m%dT%H%M%S}"
    return f";TZID={kind}", f"{dt:%Y%m%dT%H%M%S}"


@st.composite
def series(draw: st.DrawFn) -> str:
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.sampled_from(DAYS)) + timedelta(days=draw(st.integers(-3, 3)))
    hour = draw(st.sampled_from([0, 1, 2, 3, 10, 23]))
    minute = draw(st.sampled_from([0, 30]))
    start: datetime | date = (
        day if zone == "date" else datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001
    )
    params, value = _stamp(start, zone)
    lines = ["UID:s@example.org", "SUMMARY:Weekly sync", f"DTSTART{params}:{value}"]
    end = draw(st.sampled_from(["dtend", "duration", "none"]))
    if end == "dtend":
        delta = (
            timedelta(days=draw(st.integers(1, 2)))
            if zone == "date"
            else timedelta(minutes=draw(st.sampled_from([30, 90, 600, 1500])))
        )
        e_params, e_value = _stamp(start + delta, zone)
        lines.append(f"DTEND{e_params}:{e_value}")
    elif end == "duration":
        lines.append("DURATION:" + ("P1D" if zone == "date" else "PT1H30M"))
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 3))}")
    if freq == "WEEKLY" and draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(DAY_NAMES), min_size=1, max_size=3, unique=True))
        parts.append("BYDAY=" + ",".join(days))
    if freq == "MONTHLY":
        by = draw(st.sampled_from(["", "BYDAY=-1SU", "BYDAY=1MO,2TU", "BYMONTHDAY=1,-1"]))
        if by:
            parts.append(by)
    if freq == "YEARLY" and draw(st.booleans()):
        parts.append("BYMONTH=3,10;BYDAY=-1SU")
    stop = draw(st.sampled_from(["count", "until-utc", "until-floating", "until-date", "none"]))
    span = draw(st.integers(0, 40))
    until = datetime(day.year, day.month, day.day, hour, minute) + timedelta(days=span)  # noqa: DTZ001
    until += timedelta(minutes=draw(st.sampled_from([-60, 0, 60])))
    if stop == "count":
        parts.append(f"COUNT={draw(st.integers(1, 12))}")
    elif stop == "until-utc":
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}Z")
    elif stop == "until-floating":
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}")
    elif stop == "until-date":
        parts.append(f"UNTIL={until:%Y%m%d}")
    elif freq == "DAILY":
        parts.append("COUNT=40")  # an endless daily rule: ~400 occurrences, slow to compare
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(['MO', 'SU']))}")
    lines.append("RRULE:" + ";".join(parts))
    for _ in range(draw(st.integers(0, 2))):
        ex_kind = draw(st.sampled_from([zone, zone, "UTC-Z", "floating", "date", "Asia/Tokyo"]))
        offset = timedelta(days=draw(st.integers(0, 14)))
        shift = timedelta(hours=draw(st.sampled_from([0, 0, 1, -1, 9])))
        if isinstance(start, datetime):
            when: datetime | date = start + offset + shift
        else:
            when = start + offset
        ex_params, ex_value = _stamp(when, ex_kind)
        if draw(st.booleans()):  # two values in one line
            ex_value += "," + _stamp(when + timedelta(days=7), ex_kind)[1]
        lines.append(f"EXDATE{ex_params}:{ex_value}")
    return "\n".join(lines)


def calendar(events: list[str], wr_tz: str | None = "Europe/Berlin") -> bytes:
    """A file of the file's own VTIMEZONE and `events`; `wr_tz` is its X-WR-TIMEZONE (the zone
    of floating and all-day times; without one and without --tz, such a file is refused)."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tripkit test//EN"]
    if wr_tz:
        out.append(f"X-WR-TIMEZONE:{wr_tz}")
    out += ZONE.splitlines()
    for ev in events:
        out += ["BEGIN:VEVENT", *ev.splitlines(), "END:VEVENT"]
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode()


def outcome(data: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch, tz: str | None) -> str:
    monkeypatch.setattr(text, "FAST_PATHS", fast)
    try:
        return canonical(parse(data, source="s.ics", tz=tz))
    except ImportError_ as e:
        return canonical_error(e)
    finally:
        monkeypatch.setattr(text, "FAST_PATHS", True)


class Taken:
    """Counts the series `ical_rrule.expand` took (did not decline)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        real = ical_rrule.expand

        def counted(*args: Any) -> Any:
            got = real(*args)
            self.count += got is not None
            return got

        monkeypatch.setattr(ical_rrule, "expand", counted)


PLAIN = "UID:p@example.org\nSUMMARY:Keynote\nDTSTART:20261101T090000Z\nDTEND:20261101T100000Z"


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ev=series(),
    tz=st.sampled_from([None, "Asia/Tokyo"]),
    wr_tz=st.sampled_from([None, "Europe/Berlin", "Pacific/Auckland"]),
    with_plain=st.booleans(),
)
def test_generated_series_expand_as_the_library_does(
    ev: str,
    tz: str | None,
    wr_tz: str | None,
    with_plain: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = calendar([ev, PLAIN] if with_plain else [ev], wr_tz)
    reference = outcome(data, False, monkeypatch, tz)
    assert outcome(data, True, monkeypatch, tz) == reference, ev


def test_the_generated_kinds_are_taken_by_the_fast_expansion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards the test above: the kinds it generates are expanded by ical_rrule (not declined
    to the library), and give what the library gives."""
    cases = [
        # a weekly 10:00 Berlin meeting keeps 10:00 across the end of summer time
        "UID:a\nDTSTART;TZID=Europe/Berlin:20261015T100000\nDURATION:PT1H\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Europe/Berlin:20261022T100000",
        "UID:b\nDTSTART;TZID=Pacific/Auckland:20260401T090000\nDTEND;TZID=Pacific/Auckland:"
        "20260401T100000\nRRULE:FREQ=DAILY;UNTIL=20260407T000000Z\nEXDATE:20260402T210000Z",
        "UID:c\nDTSTART;TZID=Pacific/Kiritimati:20261230T230000\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:d\nDTSTART;VALUE=DATE:20261228\nDTEND;VALUE=DATE:20261229\n"
        "RRULE:FREQ=DAILY;UNTIL=20270102\nEXDATE;VALUE=DATE:20261231",
        "UID:e\nDTSTART:20261026T100000\nRRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=3",
        "UID:f\nDTSTART;TZID=/t/Europe/Stockholm:20261022T100000\nDURATION:PT5H\n"
        "RRULE:FREQ=DAILY;UNTIL=20261027T150000",
        "UID:g\nDTSTART;TZID=America/New_York:20261030T093000\n"
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20261201",
    ]
    taken = Taken(monkeypatch)
    for ev in cases:
        data = calendar([ev])
        before = taken.count
        assert outcome(data, True, monkeypatch, None) == outcome(data, False, monkeypatch, None)
        assert taken.count == before + 1, ev
    berlin = parse(calendar([cases[0]]), source="s.ics")
    assert [s.start.strftime("%m-%d %H:%M %Z") for s in berlin.sessions] == [
        "10-15 10:00 CEST",
        "10-29 10:00 CET",
        "11-05 10:00 CET",
    ]


@pytest.mark.parametrize(
    "ev",
    [
        # overrides, extra dates, two rules, rule parts it does not know: the library expands
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nRDATE:20261110T090000Z",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nRRULE:FREQ=WEEKLY;COUNT=2",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=HOURLY;COUNT=3",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO;COUNT=3",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=-3",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=3;UNTIL=20261110T000000Z",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=SOMETIMES",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;\n COUNT=3",
        "UID:x\nDTSTART;VALUE=DATE:20261101\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20261102T000000Z",
        "UID:x\nDTSTART;TZID=Europe/Berlin:20261101T090000\nDTEND;TZID=Asia/Tokyo:20261101T"
        "190000\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:x\nDTSTART:20261101T090000\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20261102T090000Z",
        "UID:x\nDTSTART:20261101T090000Z\nDTEND:20261101T080000Z\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:x\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nBEGIN:VALARM\n"
        "ACTION:DISPLAY\nDESCRIPTION:x\nTRIGGER:-PT5M\nEND:VALARM",
    ],
)
# (COUNT with UNTIL is the hostile series under test: dateutil warns of it, and the library
# expands it all the same)
@pytest.mark.filterwarnings("ignore:Using both 'count' and 'until':DeprecationWarning")
def test_other_series_are_left_to_the_library(ev: str, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = Taken(monkeypatch)
    data = calendar([ev])
    assert outcome(data, True, monkeypatch, None) == outcome(data, False, monkeypatch, None)
    assert taken.count == 0


@pytest.mark.corpus
@pytest.mark.parametrize("tz", [None, "America/New_York"])
def test_the_corpus_file_expands_as_the_library_does(
    corpus: Path, tz: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (corpus / RRULE_FILE).read_bytes()
    taken = Taken(monkeypatch)
    fast = outcome(data, True, monkeypatch, tz)
    assert taken.count == data.count(b"\nRRULE:") - 2  # every series but the VTIMEZONE's rules
    assert fast == outcome(data, False, monkeypatch, tz)
