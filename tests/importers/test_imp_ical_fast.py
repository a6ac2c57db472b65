"""The .ics importer's own reader of plain events (`ical_fast`) reads what icalendar reads.

The importer takes from an event only what `view` below collects (the text of UID, SUMMARY,
LOCATION, DESCRIPTION, STATUS, URL, X-ALT-DESC; the times, their TZID and whether they are
dates, naive, or UTC; the duration; the categories; the CN of ORGANIZER/ATTENDEE; whether it
repeats). For every event of every corpus .ics, and for generated events made of the
characters that matter to the content-line grammar (backslashes, quotes, colons, commas,
carets, folds, odd parameters), `read_event` must either decline (None: icalendar reads the
event) or give exactly icalendar's view; and it must not accept an event icalendar refuses.
The tests also check it accepts the plain events it exists for, so they cannot pass vacuously.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.importers import ical, ical_fast
from tripkit.importers.stream import Input

TEXT = ("UID", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "URL", "X-ALT-DESC")
TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION")
READ = (*TEXT, *TIMES, "CATEGORIES", "ORGANIZER", "ATTENDEE", "RRULE", "RDATE")


def _one(name: str, prop: Any) -> Any:
    if name in TIMES:
        try:
            dt = prop.dt
        except Exception:  # noqa: BLE001 - a broken value: the importer reports it
            return "broken"
        tzid = prop.params.get("TZID")
        tz = getattr(dt, "tzinfo", None)
        if tzid is not None:  # the importer reads the wall clock and the TZID
            wall = dt.replace(tzinfo=None) if hasattr(dt, "hour") else dt
            return (type(dt).__name__, str(wall), str(tzid))
        return (type(dt).__name__, str(dt), getattr(tz, "key", repr(tz)) if tz else None)
    if name == "CATEGORIES":
        return [str(c) for c in prop.cats]
    if name in ("ORGANIZER", "ATTENDEE"):
        cn = prop.params.get("CN")
        return None if cn is None else str(cn)
    if name in ("RRULE", "RDATE"):
        return "present"
    return str(prop)


def view(event: Any) -> dict[str, list[Any]]:
    out = {}
    for name in READ:
        value = event.get(name)
        if value is not None:
            items = value if isinstance(value, list) else [value]
            out[name] = [_one(name, x) for x in items]
    return out


def _same_as_icalendar(text: str) -> bool:
    """Whether the fast reader accepted `text` (its view then checked against icalendar's)."""
    fast = ical_fast.read_event(text)
    if fast is None:
        return False
    slow = icalendar.Event.from_ical(text)  # must not raise: the fast reader accepted it
    assert view(fast) == view(slow), text
    return True


def _corpus_events(corpus: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(corpus.rglob("*.ics")):
        blocks = ical._blocks(Input(path.read_bytes(), path.name))
        for line, _offset, lines in blocks:
            text = b"\n".join(lines).decode("utf-8", "replace")
            out.append((f"{path.name}:{line}", text))
    return out


def test_every_corpus_event_reads_the_same(corpus: Path) -> None:
    events = _corpus_events(corpus)
    accepted = [where for where, text in events if _same_as_icalendar(text)]
    # The plain events are read by the fast reader (all but the repeating ones).
    repeating = [w for w, t in events if "\nRRULE" in t or "\nRDATE" in t]
    assert len(accepted) >= len(events) - len(repeating) > 1000


def test_plain_events_are_accepted() -> None:
    text = (
        "BEGIN:VEVENT\nUID:a@b\nDTSTART;TZID=Europe/Berlin:20250301T100000\n"
        "DTEND;VALUE=DATE-TIME:20250301T110000Z\nSUMMARY:Hall\\, 1\\nsecond line\n"
        'DESCRIPTION:long\n  folded text\nATTENDEE;CN="Ann, B";ROLE=CHAIR:mailto:a@b\n'
        "CATEGORIES:Talk,Web\nDTSTAMP:20250101T000000Z\nSEQUENCE:3\nCLASS:PUBLIC\n"
        "X-ALT-DESC;FMTTYPE=text/html:<p>a\\,b</p>\nEND:VEVENT"
    )
    assert _same_as_icalendar(text)
    fast = ical_fast.read_event(text)
    assert fast is not None
    assert fast["SUMMARY"] == "Hall, 1\nsecond line"
    assert fast["DESCRIPTION"] == "long folded text"
    assert fast["X-ALT-DESC"] == "<p>a\\,b</p>"


@pytest.mark.parametrize(
    "line",
    [
        "RRULE:FREQ=DAILY;COUNT=2",  # repeating: icalendar and recurring-ical-events
        "DTSTART;TZID=Europe/Berlin:20250301",  # icalendar makes a zoned midnight of it
        "DTSTART;TZID=Europe/Berlin:20250301T100000Z",
        "DTSTART:20250230T100000",  # out of range: icalendar's message is shown
        "SUMMARY;VALUE=BINARY:x",  # another value type
        "CATEGORIES:a\\,b",
        "ATTENDEE;CN= Ann:mailto:a",  # spaces around a parameter value
        "ATTENDEE;CN=a^nb:mailto:a",  # RFC 6868 caret escapes
        "GEO:1;2",  # a type that can fail
        "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Reminder\nEND:VALARM",  # a sub-component
        "DTSTART\\;X:20250301T100000",
        "DTSTART:000\u06610101",  # a digit of another script (int() would read it)
        "DURATION:PT\u0661H",
    ],
)
def test_other_events_are_left_to_icalendar(line: str) -> None:
    text = f"BEGIN:VEVENT\nUID:a\nDTSTART:20250301T100000Z\n{line}\nEND:VEVENT"
    assert ical_fast.read_event(text) is None


NAMES = [
    *READ,
    "BEGIN",
    "END",
    "DTSTAMP",
    "SEQUENCE",
    "CLASS",
    "X-FOO",
    "GEO",
    "dtstart",
    "Summary",
    "EXDATE",
]
PARAM_KEYS = ["TZID", "CN", "VALUE", "ROLE", "cn", "X-P", "tzid"]
PARAM_VALUES = st.one_of(
    st.sampled_from(
        ["Europe/Berlin", "W. Europe Standard Time", "DATE", "DATE-TIME", "Ann", '"Ann, B"']
        + ['"a:b;c"', " x", "a^nb", "%2C", "", '"', "a\\,b", '" q "', "UTC", "date"]
    ),
    st.text(alphabet='aZ ,;:"^%\\-=\u00a0\u0661', max_size=6),
)
TIMELIKE = st.one_of(
    st.sampled_from(["20250301", "20250301T100000", "20250301T100000Z", "PT1H", "P1D"]),
    st.sampled_from(["P2W", "PT", "P", "-PT1H", "P1DT2H3M4S", "20251301T100000", "2025"]),
    st.from_regex(r"\A(?:\d{8}(?:T\d{6}Z?)?|P(?:\d{1,3}[WD])?(?:T\d{1,3}[HMS])?)\Z"),
)
VALUES = st.one_of(
    TIMELIKE, st.text(alphabet='aZ ,;:\\nN"^%\t09TZPD-\u00e9\u00a0\u0661', max_size=12)
)


@st.composite
def events(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        name = draw(st.sampled_from(NAMES))
        params = draw(st.lists(st.tuples(st.sampled_from(PARAM_KEYS), PARAM_VALUES), max_size=2))
        line = name + "".join(f";{k}={v}" for k, v in params) + ":" + draw(VALUES)
        if draw(st.booleans()) and len(line) > 2:  # folded somewhere
            cut = draw(st.integers(1, len(line) - 1))
            line = line[:cut] + "\n" + draw(st.sampled_from([" ", "\t"])) + line[cut:]
        lines.append(line)
    return "BEGIN:VEVENT\n" + "\n".join(lines) + "\nEND:VEVENT"


@settings(max_examples=600, deadline=None)
@given(events())
def test_generated_events_read_the_same(text: str) -> None:
    _same_as_icalendar(text)


# The calendar's own properties (`read_calendar`): what the importer reads of them must be
# icalendar's, and a header it accepts must be one icalendar parses.
CALENDAR_NAMES = [
    *ical_fast._CALENDAR_READS,
    "VERSION",
    "CALSCALE",
    "METHOD",
    "X-WR-CALDESC",
    "prodid",
    "X-Wr-Calname",
    "REFRESH-INTERVAL",
    "DTSTAMP",
    "GEO",
    "BEGIN",
    "END",
]


def _same_calendar_as_icalendar(text: str) -> bool:
    """Whether `read_calendar` accepted `text` (its values then checked against icalendar's)."""
    fast = ical_fast.read_calendar(text)
    if fast is None:
        return False
    cal = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\n{text}\nEND:VCALENDAR\n")
    assert isinstance(cal, icalendar.Calendar) and not cal.subcomponents, text
    for name in ical_fast._CALENDAR_READS:
        value = cal.get(name)
        assert not isinstance(value, list), text  # given twice: declined
        assert (None if value is None else str(value)) == fast.get(name), text
    return True


@st.composite
def calendar_headers(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        name = draw(st.sampled_from(CALENDAR_NAMES))
        params = draw(st.lists(st.tuples(st.sampled_from(PARAM_KEYS), PARAM_VALUES), max_size=2))
        line = name + "".join(f";{k}={v}" for k, v in params) + ":" + draw(VALUES)
        if draw(st.booleans()) and len(line) > 2:
            cut = draw(st.integers(1, len(line) - 1))
            line = line[:cut] + "\n" + draw(st.sampled_from([" ", "\t"])) + line[cut:]
        lines.append(line)
    return "\n".join(lines)


@settings(max_examples=600, deadline=None)
@given(calendar_headers())
def test_generated_calendar_headers_read_the_same(text: str) -> None:
    _same_calendar_as_icalendar(text)


def test_calendar_headers_are_read(corpus: Path) -> None:
    """Every corpus header without a VTIMEZONE is read by `read_calendar` (so the test above
    cannot pass by declining), with icalendar's values; a VTIMEZONE is left to icalendar."""
    read = 0
    for path in sorted(corpus.rglob("*.ics")):
        scan = ical._Scan(Input(path.read_bytes(), path.name), path.name)
        text = ical._decode_lines(scan.calendar, [], path.name, 0)
        if "BEGIN:VTIMEZONE" in text:
            assert ical_fast.read_calendar(text) is None
        else:
            assert _same_calendar_as_icalendar(text), path.name
            read += 1
    assert read >= 5
    assert _same_calendar_as_icalendar(
        "VERSION:2.0\nPRODID:-//A\\, B//EN\nX-WR-CALNAME;LANGUAGE=de:Kiel\\, 2020\n"
        "X-WR-TIMEZONE:Europe/Berlin\nMETHOD:PUBLISH"
    )
    assert ical_fast.read_calendar("X-WR-CALNAME:a\nX-WR-CALNAME:b") is None
    assert ical_fast.read_calendar("REFRESH-INTERVAL;VALUE=DURATION:P1W") is None
