"""Repeating .ics events read with one icalendar parse (issue 13).

The expansion used to parse the file's VTIMEZONEs and each series' events again for every
series (and each series' first event once more): the corpus's rrule file imported at 4.1x
icalendar's bare parse. Now the zones and the events the first pass did not already parse
with icalendar are read in one parse (`ical._parse_series`); the per-series parse remains the
fallback for a file whose components do not line up. Pinned here: both give exactly the same
import (the digests of test_imp_ics_digests pin the corpus besides), and the one parse is the
path taken.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from ical_samples import RRULE_FILE, STOCKHOLM_OWN_ZONE
from import_digest import canonical

from tripkit.importers import ical, parse

# A zone of the file's own (a custom TZID, as the corpus file's ics.py writes), a moved
# occurrence (the fast reader reads it, icalendar does not, so the one parse does), EXDATE,
# a rule across the end of summer time, RDATE only without DTEND, a rule without end.
ZONE = STOCKHOLM_OWN_ZONE
EVENTS = [
    "UID:w\nDTSTART;TZID=/t/Europe/Stockholm:20261015T100000\nDURATION:PT1H\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=/t/Europe/Stockholm:20261022T100000\nSUMMARY:Sync",
    "UID:w\nRECURRENCE-ID;TZID=/t/Europe/Stockholm:20261029T100000\n"
    "DTSTART;TZID=/t/Europe/Stockholm:20261029T140000\nDURATION:PT1H\nSUMMARY:Sync (moved)",
    "UID:one\nDTSTART:20261101T090000Z\nDTEND:20261101T100000Z\nSUMMARY:Single",
    "UID:r\nDTSTART;TZID=/t/Europe/Stockholm:20261102T090000\n"
    "RDATE;TZID=/t/Europe/Stockholm:20261103T090000,20261104T110000\nSUMMARY:Office hours",
    "UID:m\nDTSTART;VALUE=DATE:20261105\nRRULE:FREQ=MONTHLY\nSUMMARY:Monthly day",
]


def synthetic() -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tripkit test//EN", *ZONE.splitlines()]
    for ev in EVENTS:
        lines += ["BEGIN:VEVENT", *ev.splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _data(name: str, corpus: Path) -> bytes:
    return (corpus / RRULE_FILE).read_bytes() if name == "corpus" else synthetic()


@pytest.fixture(params=["corpus", "synthetic"])
def source(request: pytest.FixtureRequest) -> str:
    if request.param == "corpus":
        request.getfixturevalue("corpus")  # skipped without ../shared
    return str(request.param)


@pytest.mark.parametrize("tz", [None, "America/New_York"])
def test_one_parse_imports_exactly_what_a_parse_per_series_does(
    source: str, tz: str | None, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = request.getfixturevalue("corpus") if source == "corpus" else Path()
    data = _data(source, corpus)
    once = parse(data, source="r.ics", tz=tz)
    monkeypatch.setattr(ical, "_parse_series", lambda series, zones_text: None)
    per_series = parse(data, source="r.ics", tz=tz)
    assert canonical(once) == canonical(per_series)
    assert len(once.sessions) > len(EVENTS)  # the series were expanded


def test_synthetic_occurrences() -> None:
    s = parse(synthetic(), source="r.ics")
    sync = sorted((x for x in s.sessions if x.key.startswith("w/")), key=lambda x: x.start)
    assert [(x.start.isoformat(), x.title) for x in sync] == [
        ("2026-10-15T10:00:00+02:00", "Sync"),
        ("2026-10-29T14:00:00+01:00", "Sync (moved)"),
        ("2026-11-05T10:00:00+01:00", "Sync"),
    ]
    office = [x.start.isoformat() for x in s.sessions if x.key.startswith("r/")]
    assert office == [
        "2026-11-02T09:00:00+01:00",
        "2026-11-03T09:00:00+01:00",
        "2026-11-04T11:00:00+01:00",
    ]
    assert 12 <= sum(x.key.startswith("m/") for x in s.sessions) <= 14
    assert any("1 event repeats without end (RRULE)" in w for w in s.warnings)


def test_the_zones_and_series_are_parsed_once(
    source: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = request.getfixturevalue("corpus") if source == "corpus" else Path()
    data = _data(source, corpus)
    calls: list[int] = []
    real = icalendar.Calendar.from_ical

    def counted(st: str | bytes, multiple: bool = False) -> object:
        calls.append(1)
        return real(st, multiple)

    monkeypatch.setattr(icalendar.Calendar, "from_ical", counted)
    parse(data, source="r.ics")
    # The header, then every series at once (was 1 + one per series); the corpus file's series
    # are all simple ones, which ical_rrule expands without icalendar: the header alone.
    assert len(calls) == (1 if source == "corpus" else 2)


def test_components_that_do_not_line_up_fall_back_to_a_parse_per_series() -> None:
    event = "BEGIN:VEVENT\nUID:a\nDTSTART:20261101T090000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT"
    ok = ical._parse_series({"a": [(3, event, None)]}, ZONE)
    assert ok is not None and [c.name for c in ok[0]] == ["VTIMEZONE"]
    assert [[c.name for c in g] for g in ok[1]] == [["VEVENT"]]
    # One text holding two events (or a zone short) is not what the texts say: None.
    assert ical._parse_series({"a": [(3, f"{event}\n{event}", None)]}, ZONE) is None
    # An event parsed in the first pass is kept, not parsed again.
    kept = icalendar.Event.from_ical(event)
    ok = ical._parse_series({"a": [(3, event, kept)]}, ZONE)
    assert ok is not None and ok[1] == [[kept]] and ok[1][0][0] is kept


@pytest.mark.parametrize("fast", [True, False])
def test_a_moved_occurrence_written_before_its_series_drops_no_occurrence(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Wrong: the series was read from the moved occurrence (the first event with its UID),
    # so the weekly sync on 15 Oct vanished without a word: a session missing from the
    # agenda that the traveller would never know to look for.
    monkeypatch.setattr("tripkit.importers.text.FAST_PATHS", fast)
    moved_first = [EVENTS[1], EVENTS[0]]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tripkit test//EN", *ZONE.splitlines()]
    for ev in moved_first:
        lines += ["BEGIN:VEVENT", *ev.splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    got = parse("\r\n".join(lines).encode(), source="moved.ics")
    starts = sorted(s.start.strftime("%m-%d %H:%M %Z") for s in got.sessions)
    # COUNT=4 from 15 Oct, 22 Oct excluded, 29 Oct moved to 14:00 (CET after the change).
    assert starts == ["10-15 10:00 CEST", "10-29 14:00 CET", "11-05 10:00 CET"]
    assert not any("without end" in w or "DTEND" in w for w in got.warnings)
