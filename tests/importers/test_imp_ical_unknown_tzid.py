"""A TZID tripkit cannot map to an IANA zone: warned about once, times read in the event zone.

(It used to refuse the whole file with "could not be read (AttributeError)": the set of TZIDs
already warned about was created in unreachable code.)
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import parse

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:First\r\n"
    b"DTSTART;TZID=Nowhere/Zone:20250301T100000\r\nDTEND;TZID=Nowhere/Zone:20250301T110000\r\n"
    b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Second\r\n"
    b"DTSTART;TZID=Nowhere/Zone:20250301T120000\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


def test_unknown_tzid_is_read_in_the_given_zone_with_one_warning() -> None:
    schedule = parse(ICS, source="odd.ics", tz="Europe/Lisbon")
    lisbon = ZoneInfo("Europe/Lisbon")
    assert [(s.title, s.start, s.end) for s in schedule.sessions] == [
        ("First", datetime(2025, 3, 1, 10, tzinfo=lisbon), datetime(2025, 3, 1, 11, tzinfo=lisbon)),
        (
            "Second",
            datetime(2025, 3, 1, 12, tzinfo=lisbon),
            datetime(2025, 3, 1, 12, 30, tzinfo=lisbon),
        ),
    ]
    assert [str(w) for w in schedule.warnings] == [
        "odd.ics: line 4 DTSTART: TZID 'Nowhere/Zone' is not a zone tripkit knows; those "
        "times were read in the event's zone"
    ]


def test_unknown_tzid_without_a_zone_asks_for_one() -> None:
    with pytest.raises(ImportError_) as e:
        parse(ICS, source="odd.ics")
    assert str(e.value.where).startswith("odd.ics: line 4")
    assert "--tz" in e.value.message
