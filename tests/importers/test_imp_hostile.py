"""Hostile and broken input: one ImportError_ naming the place, or a clean Schedule."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import detect_format, parse


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def frab(
    events: str,
    *,
    zone: str = "<time_zone_name>Europe/Berlin</time_zone_name>",
    day: str = '<day index="1" date="2026-03-28">',
) -> bytes:
    return f"""<?xml version="1.0"?>
<schedule><conference><title>T</title>{zone}</conference>
{day}<room name="Hall">{events}</room></day></schedule>""".encode()


def event(
    guid: str,
    title: str,
    date: str = "2026-03-28T10:00:00+01:00",
    duration: str = "01:00",
    extra: str = "",
) -> str:
    return (
        f'<event guid="{guid}" id="1"><date>{date}</date><start>10:00</start>'
        f"<duration>{duration}</duration><room>Hall</room><title>{title}</title>{extra}"
        "</event>"
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<schedule><conference><title>&lol9;</title></conference></schedule>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<schedule><conference><title>&xxe;</title></conference><day date="2026-01-01"/></schedule>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE schedule SYSTEM "http://127.0.0.1:9/evil.dtd">
<schedule><conference><title>x</title></conference><day date="2026-01-01"/></schedule>"""


def test_billion_laughs_is_refused():
    with pytest.raises(ImportError_, match="entities") as e:
        parse(BILLION_LAUGHS, source="lol.xml")
    assert e.value.where == "lol.xml"


def test_external_entity_is_refused_and_nothing_is_read():
    with pytest.raises(ImportError_, match="entities or external references"):
        parse(EXTERNAL_ENTITY, source="xxe.xml")


def test_external_dtd_is_not_fetched():
    # defusedxml does not fetch DTDs; the file parses as a schedule with no sessions.
    s = parse(EXTERNAL_DTD, source="dtd.xml", tz="UTC")
    assert s.sessions == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (bytes(range(256)) * 4, "not a schedule format"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a schedule format"),
        (b"[1, 2, 3]", "not a schedule tripkit knows"),
        (b'[{"foo": 1}]', "not a schedule tripkit knows"),
        (b'{"schedule": 5}', "not a schedule tripkit knows"),
        (b'{"sessions": 5, "speakers": []}', "expected a list of sessions"),
        (b'{"schedule": {"conference": {"days": {"a": 1}}}}', "expected a list of days"),
        (b"<html><body>hi</body></html>", "not a frab/Pentabarf"),
        (b"<schedule><day>", "not well-formed XML"),
        (b'{"schedule": ', "not valid JSON"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "not a valid iCalendar"),
    ],
)
def test_garbage_gets_one_clear_error(data: bytes, message: str):
    with pytest.raises(ImportError_, match=message) as e:
        parse(data, source="bad.file")
    assert str(e.value).startswith("bad.file")


def test_json_error_names_line_and_column():
    with pytest.raises(ImportError_) as e:
        parse(b'{\n  "schedule": {\n    "conference": ,\n', source="s.json")
    assert e.value.where == "s.json: line 3, column 19"


def test_json_path_names_the_broken_event():
    doc = {
        "schedule": {
            "conference": {
                "time_zone_name": "Europe/Berlin",
                "days": [
                    {"index": 1, "date": "2026-01-01", "rooms": {}},
                    {
                        "index": 2,
                        "date": "2026-01-02",
                        "rooms": {
                            "Saal 1": [
                                {
                                    "guid": "g1",
                                    "date": "2026-01-02T10:00:00+01:00",
                                    "duration": "00:30",
                                    "title": "a",
                                },
                                {
                                    "guid": "g2",
                                    "date": "2026-01-02T11:00:00+01:00",
                                    "duration": "half an hour",
                                    "title": "b",
                                },
                            ]
                        },
                    },
                ],
            }
        }
    }
    with pytest.raises(ImportError_, match="duration 'half an hour'") as e:
        parse(json.dumps(doc).encode(), source="s.json")
    assert e.value.where == 's.json: schedule.conference.days[1].rooms["Saal 1"][1].duration'


def test_xml_path_names_the_broken_event():
    data = frab(event("g1", "ok") + event("g2", "bad", date="2026-13-45T10:00"))
    with pytest.raises(ImportError_, match="not an ISO date") as e:
        parse(data, source="f.xml")
    assert e.value.where == 'f.xml: /schedule/day[1]/room[@name="Hall"]/event[2]/date'


def test_markup_and_escapes_in_titles_are_literal_or_removed():
    title = (
        "[@click=app.quit]x[/] &lt;script&gt;alert(1)&lt;/script&gt; "
        "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x1b[31mred\x1b[0m \u202eevil\x07"
    )
    data = frab(
        event(
            "g1",
            title,
            extra="<abstract>&lt;p&gt;Hi \x1b[2Jthere&lt;/p&gt;"
            "&lt;script&gt;steal()&lt;/script&gt;</abstract>",
        )
        .replace("\x07", "&#7;")
        .replace("\x1b", "&#27;")
        .replace("\u202e", "&#x202e;")
    )
    # XML 1.0 cannot even carry ESC as a character reference: expat refuses the file.
    with pytest.raises(ImportError_, match="not well-formed"):
        parse(data, source="t.xml")
    # JSON can: the same title arrives, escapes and bidi overrides are removed.
    doc = {
        "schedule": {
            "conference": {
                "time_zone_name": "UTC",
                "days": [
                    {
                        "date": "2026-01-01",
                        "rooms": {
                            "Hall": [
                                {
                                    "guid": "g1",
                                    "date": "2026-01-01T10:00:00Z",
                                    "duration": "00:30",
                                    "title": "[@click=app.quit]x[/] <script>alert(1)</script> "
                                    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
                                    "\x1b[31mred\x1b[0m \u202eevil\x07",
                                    "abstract": "<p>Hi \x1b[2Jthere</p><script>steal()</script>\n\nbye\x00",  # noqa: E501
                                    "url": "javascript:alert(1)",
                                    "persons": [{"public_name": "\x1b[1mBold\x1b[0m Name"}],
                                }
                            ]
                        },
                    },
                ],
            }
        }
    }
    s = parse(json.dumps(doc).encode(), source="t.json")
    x = s.sessions[0]
    # Textual markup stays literal (views escape it); <script> in a title stays literal text.
    assert x.title == "[@click=app.quit]x[/] <script>alert(1)</script> link red evil"
    assert x.abstract == "Hi there\n\nbye"
    assert x.url == ""
    assert x.speakers[0].name == "Bold Name"
    for text in (x.title, x.abstract, x.speakers[0].name):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
        assert "\x1b" not in text and "\u202e" not in text


def test_dst_change_inside_a_frab_file():
    # Europe/Berlin springs forward on 2026-03-29 at 02:00. An explicit-offset session across
    # the change, and a Pentabarf (floating) one, both last exactly their duration.
    xml = frab(
        event("across", "Night", date="2026-03-29T01:30:00+01:00", duration="02:00")
        + '<event guid="floating" id="2"><start>01:30</start><duration>02:00</duration>'
        "<title>Old style</title></event>",
        day='<day index="1" date="2026-03-28">',
        zone="<time_zone_name>Europe/Berlin</time_zone_name><day_change>06:00</day_change>",
    )
    s = parse(xml, source="dst.xml")
    a, f = s.sessions
    assert a.start.isoformat() == "2026-03-29T01:30:00+01:00"
    assert a.end.isoformat() == "2026-03-29T04:30:00+02:00"  # 2 real hours, clocks skip 1
    # (Subtract in UTC: Python subtracts two times of the same zone by wall clock.)
    assert a.end.astimezone(UTC) - a.start.astimezone(UTC) == timedelta(hours=2)
    # "01:30" is before day_change 06:00, so it is on 2026-03-29, the next calendar date.
    assert f.start == a.start and f.end == a.end


def test_nonexistent_and_ambiguous_floating_times_warn():
    csv = (
        b"date,start,end,title,tz\n"
        b"2026-03-29,02:30,03:30,Gap,Europe/Berlin\n"
        b"2026-10-25,02:30,03:30,Twice,Europe/Berlin\n"
    )
    s = parse(csv, source="p.csv")
    gap, twice = s.sessions
    assert gap.start.isoformat() == "2026-03-29T03:30:00+02:00"
    assert twice.start.isoformat() == "2026-10-25T02:30:00+02:00"  # the first occurrence
    assert any("does not exist" in w for w in s.warnings)
    assert any("happens twice" in w for w in s.warnings)


def test_session_crossing_midnight_and_date_line():
    csv = (
        b"date,start,end,title,room,tz\n"
        b"2026-12-31,23:30,00:30,New Year talk,Main,Pacific/Kiritimati\n"
        b"2026-12-31,23:30,00:30,Same talk far west,Main,Pacific/Pago_Pago\n"
    )
    s = parse(csv, source="nye.csv")
    east, west = s.sessions
    assert east.end.isoformat() == "2027-01-01T00:30:00+14:00"
    assert east.end.astimezone(UTC) - east.start.astimezone(UTC) == timedelta(hours=1)
    assert west.end.astimezone(UTC) - west.start.astimezone(UTC) == timedelta(hours=1)
    # Same wall clock, opposite sides of the date line: 25 hours apart.
    assert (west.start - east.start).total_seconds() == 25 * 3600


def test_duplicate_ids_are_kept_and_reported():
    s = parse(
        frab(event("same", "First") + event("same", "Second", date="2026-03-28T12:00:00+01:00")),
        source="d.xml",
    )
    assert [x.key for x in s.sessions] == ["same", "same#2"]
    assert [x.title for x in s.sessions] == ["First", "Second"]
    (w,) = [w for w in s.warnings if "duplicate" in w]
    assert "'First'" in w and "'Second'" in w and "same#2" in w


def test_no_zone_anywhere_is_refused_with_advice():
    old = b"""<schedule><conference><title>FOSDEM 2021</title><day_change>00:00:00</day_change>
    </conference><day date="2021-02-06"><room name="K"><event id="1"><start>10:00</start>
    <duration>00:30</duration><title>x</title></event></room></day></schedule>"""
    with pytest.raises(ImportError_, match="--tz ZONE"):
        parse(old, source="f21.xml")
    s = parse(old, source="f21.xml", tz="Europe/Brussels")
    assert s.sessions[0].start.isoformat() == "2021-02-06T10:00:00+01:00"
    assert s.sessions[0].key == "frab-id:1"


def test_bad_tz_argument_is_an_import_error():
    with pytest.raises(ImportError_, match="--tz"):
        parse(frab(event("g", "t")), source="x.xml", tz="Mars/Olympus")


def test_end_before_start_is_refused():
    doc = {
        "schedule": {
            "version": "1",
            "events": [
                {
                    "guid": "g",
                    "title": "t",
                    "start": "2026-01-01T10:00:00+00:00",
                    "end": "2026-01-01T09:00:00+00:00",
                }
            ],
        }
    }
    with pytest.raises(ImportError_, match="ends .* before it starts") as e:
        parse(json.dumps(doc).encode(), source="s2.json")
    assert e.value.where == "s2.json: schedule.events[0]"


def test_detect_format_is_by_content_not_name():
    assert detect_format(b"\xef\xbb\xbf  BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") == "ical"
    assert detect_format(b"date,start,end,title\n") == "csv"
    with pytest.raises(ImportError_):
        detect_format(b"hello world")


def test_xml_controls_that_xml_allows_are_still_removed():
    # XML 1.0 allows C1 controls and bidi overrides, raw or as references; escaped HTML can
    # hide &#27; (ESC) that only appears after the HTML entities are decoded.
    data = frab(
        event(
            "g",
            "Title\u0085 \u202eevil",
            extra="<abstract>&lt;p&gt;a&amp;#27;[31mb&lt;/p&gt;&#x85;\u2066c</abstract>",
        )
    ).replace(b"\xc2\x85", b"&#x85;")
    (x,) = parse(data, source="c1.xml").sessions
    assert x.title == "Title evil"
    assert x.abstract == "a[31mb\n\nc"
    plain = frab(
        event("g", "Fine", extra="<abstract>&lt;p&gt;a&amp;#27;[31mb&lt;/p&gt;</abstract>")
    )
    assert parse(plain, source="c2.xml").sessions[0].abstract == "a[31mb"


def test_unknown_xml_encoding_is_an_import_error():
    # Found by the byte-flip property test: "utf-8" became "atf-8".
    with pytest.raises(ImportError_, match="encoding"):
        parse(b'<?xml version="1.0" encoding="atf-8"?><schedule/>', source="e.xml")
