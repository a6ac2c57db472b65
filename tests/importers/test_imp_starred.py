"""A starred-only .ics from another app matched to an imported programme (issue 12).

No real starred-only export exists in the corpus: each test builds one from a corpus file's
own events, in the shape the other app writes (FOSDEM Companion, pretalx faved.ics).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import parse
from tripkit.importers.starred import StarredEvent, match_starred, read_starred

pytestmark = pytest.mark.corpus


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n{body}"
        "END:VCALENDAR\r\n".encode()
    )


def test_same_uids_as_the_programme_match_and_strangers_are_reported(corpus: Path):
    data = (corpus / "ical/pyconuk-2015.ics").read_bytes()
    programme = parse(data, source="pyconuk-2015.ics")
    blocks = re.findall(rb"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", data, re.S)
    picked = [blocks[1], blocks[2], blocks[40]]  # copied verbatim, folded UIDs and all
    stranger = (
        "UID:not-in-the-programme@example.org\r\nDTSTART:20150918T083000Z\r\n"
        "DTEND:20150918T093000Z\r\nSUMMARY:Someone else's meetup"
    )
    starred = calendar(*(b.decode() for b in picked), stranger)
    events = read_starred(starred, source="starred.ics")
    keys, unmatched = match_starred(events, programme.sessions)
    expected = [programme.sessions[i].key for i in (1, 2, 40)]
    assert keys == expected
    assert keys[0] == (
        "20160417T070217Z-17774@testing-worker-linux-docker-3ee836b9-3394-linux-5/20150918T083000Z"
    )  # lines 13-20: the Opening Plenary
    assert [e.title for e in unmatched] == ["Someone else's meetup"]


def test_fosdem_companion_bookmarks_match_by_title_and_instant(corpus: Path):
    programme = parse((corpus / "frab-xml/fosdem-2025.xml").read_bytes(), source="fosdem-2025.xml")
    # FOSDEM Companion: UID <event id>@<conference>@<app>, times in UTC. Event 6210 (lines
    # 100-101) starts 2025-02-01T10:35+01:00; the programme keys it by its guid, so the UID
    # does not name it: the title (other case/spacing) and the instant do.
    bookmark = (
        "UID:6210@fosdem-2025@be.digitalia.fosdem\r\nDTSTART:20250201T093500Z\r\n"
        "DTEND:20250201T100000Z\r\nSUMMARY:A new approach to  callee-saved registers "
        "in LLVM"
    )
    wrong_time = (
        bookmark.replace("093500Z", "103500Z")
        .replace("T100000Z", "T110000Z")
        .replace("6210@", "9999@")
    )
    events = read_starred(calendar(bookmark, wrong_time), source="bookmarks.ics")
    keys, unmatched = match_starred(events, programme.sessions)
    assert keys == ["852280ac-61d3-588c-b74c-8d87f9d9d2c6"]
    assert len(unmatched) == 1 and unmatched[0].start.hour == 10  # an hour off: not guessed


def test_pretalx_faved_ics_matches_by_code(corpus: Path):
    programme = parse(
        (corpus / "next/pretalx-api/juliacon2023-talks.json").read_bytes(),
        source="juliacon2023-talks.json",
    )
    # pretalx faved.ics: UID pretalx-<event>-<code>@<host>, SUMMARY "<title> - <speakers>",
    # DTSTART with TZID. AZWAFU: 2023-07-28T10:20:00-04:00.
    faved = (
        "UID:pretalx-juliacon2023-AZWAFU@pretalx.com\r\n"
        "DTSTART;TZID=America/New_York:20230728T102000\r\n"
        "DTEND;TZID=America/New_York:20230728T103000\r\n"
        "SUMMARY:Julia Para Gente Con Prisa (Spanish) - Miguel Raz Guzmán Macedo"
    )
    by_summary = (
        "UID:pretalx-juliacon2023-ZZZZZZ@pretalx.com\r\n"
        "DTSTART:20230728T142000Z\r\nSUMMARY:Julia Para Gente Con Prisa (Spanish) - "
        "Miguel Raz Guzmán Macedo"
    )
    events = read_starred(calendar(faved, by_summary), source="faved.ics")
    keys, unmatched = match_starred(events, programme.sessions)
    assert keys == ["AZWAFU"] and unmatched == []  # the same session twice is starred once


def test_two_candidates_are_not_guessed_between():
    from datetime import UTC, datetime

    programme = parse(
        calendar(
            "UID:a\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\nSUMMARY:Lightning talks",  # noqa: E501
            "UID:b\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\nSUMMARY:Lightning talks",  # noqa: E501
        ),
        source="p.ics",
    )
    event = StarredEvent(
        uid="", title="Lightning talks", start=datetime(2026, 1, 1, 10, tzinfo=UTC), where="s.ics"
    )
    keys, unmatched = match_starred([event], programme.sessions)
    assert keys == [] and unmatched == [event]


def test_a_starred_file_must_be_an_ics(corpus: Path):
    with pytest.raises(ImportError_, match="iCalendar"):
        read_starred((corpus / "frab-json/pretalx-democon.json").read_bytes(), source="x.json")
