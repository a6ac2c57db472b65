"""Importer messages are keyed: each error and warning carries its msgid and values, and the
Japanese catalog says every real one in Japanese (file and line included)."""

from __future__ import annotations

import re

import pytest

from tripkit.errors import ImportError_, Msg
from tripkit.i18n import has_translation, render
from tripkit.importers import parse

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def error_of(data: bytes, **kw: str) -> ImportError_:
    with pytest.raises(ImportError_) as e:
        parse(data, source="f", **kw)
    return e.value


def real_messages() -> list[object]:
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


def too_large_document() -> ImportError_:
    import io

    from tripkit.importers import parse_stream, stream

    saved = stream.MAX_DOCUMENT
    stream.MAX_DOCUMENT = 10
    try:
        with pytest.raises(ImportError_) as e:
            parse_stream(io.BytesIO(b'{"schedule": {"events": []}}'), source="big.json")
    finally:
        stream.MAX_DOCUMENT = saved
    return e.value


def fetch_messages() -> list[object]:
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
    out.append(e.value)
    first = Fetched(
        b'{"next": "https://c.example/api?page=2", "results": [{}]}', "https://c.example/api"
    )
    out.append(join_pages(first, get, 10**6, first.url).note)
    return out


def _msgid(message: object) -> str:
    """The msgid a message is translated by: its key, or (a fixed sentence) the text itself."""
    msg = message.msg if isinstance(message, ImportError_) else message
    assert isinstance(msg, str)
    return msg.msgid if isinstance(msg, Msg) else msg


def test_every_real_message_is_keyed_and_has_a_japanese_form():
    messages = real_messages()
    assert len(messages) >= 16
    for message in messages:
        msgid = _msgid(message)
        assert has_translation(msgid, "ja"), msgid
        ja = render(message, "ja")
        assert JAPANESE.search(ja), message
        assert render(message, "en") == str(message)


def test_values_are_carried_into_the_translation():
    csv = b"id,date,start,end,title\na,2026-03-29,02:30,03:30,Gap\n"
    (warning,) = parse(csv, source="p.csv", venue_tz="Europe/Berlin").warnings[-1:]
    ja = render(warning, "ja")
    assert "Europe/Berlin" in ja and "p.csv: 2行目" in ja and "存在しない時刻" in ja, ja


def test_the_place_of_an_error_is_said_in_japanese_too():
    err = error_of(b'{"schedule": {"events": [\n  {"guid": "g",\n  oops}]}}')
    assert str(err).startswith("f: line 3, column 3: not valid JSON (")
    ja = render(err, "ja")
    assert ja.startswith("f: 3行目、3文字目: JSON として正しくありません ("), ja
    assert "line" not in ja and "column" not in ja


def test_counts_choose_the_english_singular_or_plural():
    one = parse(
        b'{"sessions": [{"id": "1", "startsAt": "2026-01-01T10:00:00Z"}, {"id": "2", '
        b'"startsAt": null}], "speakers": []}',
        source="s.json",
    ).warnings
    assert "1 session has no start time yet (not scheduled) and was left out" in one
    two = parse(
        b'{"sessions": [{"id": "1", "startsAt": "2026-01-01T10:00:00Z"}, {"id": "2", '
        b'"startsAt": null}, {"id": "3", "startsAt": null}], "speakers": []}',
        source="s.json",
    ).warnings
    assert "2 sessions have no start time yet (not scheduled) and were left out" in two
    assert "(s)" not in " ".join(one + two)
    (keyed,) = [w for w in two if w.startswith("2 sessions")]
    assert render(keyed, "ja").startswith("2 件のセッションは開始時刻が未定")
