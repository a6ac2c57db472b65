"""Importer messages: the Japanese templates match what the importers really say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tripkit.errors import ImportError_
from tripkit.importers import parse
from tripkit.importers.messages import localise

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CATALOG = Path(__file__).resolve().parents[2] / "tripkit" / "locale" / "ja" / "importers.yaml"


def error_of(data: bytes, **kw: str) -> str:
    with pytest.raises(ImportError_) as e:
        parse(data, source="f", **kw)
    return e.value.message


def real_messages() -> list[str]:
    out = [
        error_of(b""),
        error_of(b"hello"),
        error_of(b'<!DOCTYPE x [<!ENTITY a "b">]><schedule/>'),
        error_of(b"<schedule><day>"),
        error_of(b'{"a": '),
        error_of(b"date,start,title\n2026-01-01,09:00,x\n"),
        error_of(
            b"<schedule><conference/><day date='2026-01-01'><room name='r'><event id='1'>"
            b"<start>10:00</start><duration>00:30</duration></event></room></day>"
            b"</schedule>"
        ),
        error_of(
            b"<schedule><conference/><day date='9999-12-31'><room name='r'><event id='1'>"
            b"<date>9999-12-31T23:59:59+14:00</date><duration>00:30</duration></event>"
            b"</room></day></schedule>"
        ),
        error_of(
            b'{"schedule": {"events": [{"guid": "g", "start": "2026-01-01T10:00:00Z", '
            b'"end": "2026-01-01T09:00:00Z"}]}}'
        ),
        error_of(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"),
        error_of(
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
        error_of(
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260101T100000Z\r\n"
            b"RRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    ]
    csv = b"id,date,start,end,title\na,2026-03-29,02:30,03:30,Gap\na,2026-10-25,02:30,03:30,Twice\n"
    out += parse(csv, source="p.csv", venue_tz="Europe/Berlin").warnings
    out += parse(
        b"BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Paris\r\nBEGIN:VEVENT\r\nUID:u\r\n"
        b"DTSTART:20260101T100000\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        source="c.ics",
        tz="Asia/Tokyo",
    ).warnings
    out += parse(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260101T100000Z\r\n"
        b"RRULE:FREQ=HOURLY;COUNT=1200\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        source="h.ics",
    ).warnings
    out += parse(
        b'{"sessions": [{"id": "1", "startsAt": "2026-01-01T10:00:00Z"}, {"id": "2", '
        b'"startsAt": null}], "speakers": []}',
        source="s.json",
    ).warnings
    out += parse(
        b'{"schedule": {"conference": {"time_zone_name": "UTC", "days": [{"date": '
        b'"2026-01-01", "rooms": {"r": [{"guid": "g", "date": "2026-01-01T10:00:00+01:00",'
        b' "duration": "00:30"}]}}]}}}',
        source="d.json",
    ).warnings
    out += fetch_messages()
    out.append(too_large_document())
    return out


def too_large_document() -> str:
    import io

    from tripkit.importers import parse_stream, stream

    saved = stream.MAX_DOCUMENT
    stream.MAX_DOCUMENT = 10
    try:
        with pytest.raises(ImportError_) as e:
            parse_stream(io.BytesIO(b'{"schedule": {"events": []}}'), source="big.json")
    finally:
        stream.MAX_DOCUMENT = saved
    return e.value.message


def fetch_messages() -> list[str]:
    """What discovery and pagination say (fetch.load), with a stand-in for the network."""
    from tripkit.importers.discover import follow_page, join_pages
    from tripkit.importers.fetch import Fetched

    pages = {
        "https://c.example/ev/": b"<!DOCTYPE html><html>powered by pretalx</html>",
        "https://c.example/ev/schedule/export/schedule.xml": b"<schedule/>",
        "https://c.example/api?page=2": b'{"next": null, "results": [{}]}',
    }

    def get(url: str, conditional: bool = True) -> Fetched:
        if url not in pages:
            raise ImportError_("not found on the server (HTTP 404 Not Found); check the URL")
        return Fetched(pages[url], url)

    out = []
    home = "https://c.example/ev/"
    out.append(follow_page(get(home), get, home, 10**6).note)
    with pytest.raises(ImportError_) as e:
        follow_page(Fetched(b"<html>hotel wi-fi</html>", home), get, home, 10**6)
    out.append(e.value.message)
    first = Fetched(
        b'{"next": "https://c.example/api?page=2", "results": [{}]}', "https://c.example/api"
    )
    out.append(join_pages(first, get, 10**6, first.url).note)
    return out


def test_every_real_message_has_a_japanese_form():
    messages = real_messages()
    assert len(messages) >= 16
    for message in messages:
        ja = localise(message, "ja")
        assert JAPANESE.search(ja), message
        assert localise(message, "en") == message


def test_values_are_carried_into_the_translation():
    msg = (
        "the file gives no time zone; its local times were read in the venue's zone "
        "America/Los_Angeles (use --tz ZONE if that is wrong)"
    )
    assert "America/Los_Angeles" in localise(msg, "ja")
    assert localise("something else entirely", "ja") == "something else entirely"


def test_every_template_is_used_by_some_real_message():
    templates = list(yaml.safe_load(CATALOG.read_text(encoding="utf-8")))
    messages = real_messages()
    unused = []
    for t in templates:
        pattern = re.escape(t)
        pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*?", pattern)
        if not any(re.fullmatch(pattern, m, re.S) for m in messages):
            unused.append(t)
    # The catch-all "could not be read" message is only reachable through a parser bug; the
    # service's own import errors (tripkit/services/schedule.py) are localised by the same
    # catalog and tested in tests/schedule/test_sched_no_traceback.py.
    service = {
        t
        for t in templates
        if t.startswith(
            (
                "this file is a web page",
                "this is not a regular file",
                "the file's name is not UTF-8",
            )
        )
    }
    assert len(service) == 3
    assert [t for t in unused if t not in service] == [
        "the file could not be read ({detail}); it may be damaged"
    ]
