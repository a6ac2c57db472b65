"""Format details the corpus does not cover: ICS zone forms, CSV, Sessionize, schedule2."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import parse


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def ics(*events: str, head: str = "", eol: str = "\r\n") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *head.splitlines()]
    for ev in events:
        lines += ["BEGIN:VEVENT", *ev.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return (eol.join(lines) + eol).encode()


# --- iCalendar --------------------------------------------------------------------------------


def test_ical_tzid_without_vtimezone_and_windows_names():
    data = ics(
        "UID:a\nDTSTART;TZID=Europe/Paris:20260615T100000\nDTEND;TZID=Europe/Paris:20260615T1100"
        "00\nSUMMARY:Paris",
        "UID:b\nDTSTART;TZID=Eastern Standard Time:20260615T100000\nDURATION:PT45M\nSUMMARY:NY",
        "UID:c\nDTSTART;TZID=Singapore:20260615T100000\nDURATION:PT1H\nSUMMARY:SG",
    )
    s = parse(data, source="z.ics")
    paris, ny, sg = s.sessions
    assert paris.start == utc("2026-06-15T10:00:00+02:00")
    assert paris.start.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]
    assert ny.start == utc("2026-06-15T10:00:00-04:00")
    assert ny.start.tzinfo.key == "America/New_York"  # type: ignore[union-attr]
    assert ny.end - ny.start == timedelta(minutes=45)
    assert sg.start == utc("2026-06-15T02:00:00Z")


def test_ical_floating_times_use_x_wr_timezone_and_tz_overrides_it():
    data = ics(
        "UID:a\nDTSTART:20260801T093000\nDTEND:20260801T103000\nSUMMARY:Talk",
        head="X-WR-TIMEZONE:Australia/Brisbane",
    )
    s = parse(data, source="lca.ics")
    assert s.tz == "Australia/Brisbane"
    assert s.sessions[0].start == utc("2026-08-01T09:30:00+10:00")
    t = parse(data, source="lca.ics", tz="Asia/Tokyo")
    assert t.sessions[0].start == utc("2026-08-01T09:30:00+09:00")
    assert any("replaces it" in w for w in t.warnings)
    with pytest.raises(ImportError_, match="--tz"):
        parse(ics("UID:a\nDTSTART:20260801T093000\nSUMMARY:x"), source="f.ics")


def test_ical_pretalx_gmt_label_for_london_is_read_as_london():
    vtz = """BEGIN:VTIMEZONE
TZID:GMT
BEGIN:STANDARD
DTSTART:19701025T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T010000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE"""
    data = ics(
        "UID:a\nDTSTART;TZID=GMT:20260710T100000\nDTEND;TZID=GMT:20260710T110000\n"
        "SUMMARY:Summer talk",
        head=vtz,
    )
    s = parse(data, source="pretalx.ics")
    assert s.sessions[0].start == utc("2026-07-10T10:00:00+01:00")
    assert any("summer time" in w for w in s.warnings)


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r\r\n"])
def test_ical_line_endings_and_html_description(eol: str):
    data = ics(
        "UID:x@lca\nDTSTART:20260120T000000Z\nDTEND:20260120T010000Z\nSUMMARY:Keynote\n"
        "LOCATION:Room 1\nCATEGORIES:Main,Plenary\nSTATUS:CANCELLED\n"
        'DESCRIPTION:<p><a href="https://x">Hello</a> &amp; welcome</p><p>Second\n'
        "  paragraph</p>\nURL:https://lca.example/k",  # folded line: the 1st space is folding
        eol=eol,
    )
    (k,) = parse(data, source="lca.ics").sessions
    assert k.key == "x@lca/20260120T000000Z"
    assert k.abstract == "Hello & welcome\n\nSecond paragraph"
    assert (k.room, k.track, k.cancelled, k.url) == (
        "Room 1",
        "Main, Plenary",
        True,
        "https://lca.example/k",
    )


def test_ical_shared_uid_gets_distinct_keys_and_all_day_and_rrule():
    data = ics(
        "UID:46939\nDTSTART:20260101T090000Z\nDTEND:20260101T100000Z\nSUMMARY:One",
        "UID:46939\nDTSTART:20260101T110000Z\nDTEND:20260101T120000Z\nSUMMARY:Two",
        "UID:day\nDTSTART;VALUE=DATE:20260102\nSUMMARY:Hack day",
        "UID:weekly\nDTSTART:20260105T090000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\nSUMMARY:Sync",
    )
    s = parse(data, source="m.ics", tz="Europe/Rome")
    assert [x.key for x in s.sessions][:2] == ["46939/20260101T090000Z", "46939/20260101T110000Z"]
    day = s.sessions[2]
    assert day.start.isoformat() == "2026-01-02T00:00:00+01:00"
    assert day.end.isoformat() == "2026-01-03T00:00:00+01:00"
    assert any("RRULE" in w for w in s.warnings)


# --- CSV --------------------------------------------------------------------------------------


def test_csv_documented_columns():
    data = (
        "\ufeff# DockerCon programme typed by hand\n"
        "id,date,start,end,title,room,track,type,speakers,language,registration,cancelled,tz,"
        "abstract,url\n"
        "k1,2026-12-10,09:00,10:00,Keynote,Hall A,Main,keynote,Ann Lee;Bo Chen,en;ja,no,,"
        'America/Los_Angeles,"Line one\n\nLine two",https://example.com/k1\n'
        "k2,2026-12-10,13:00,15:00,Hands-on lab,Room 2,Labs,workshop,,en,yes,,"
        "America/Los_Angeles,,\n"
    ).encode()
    s = parse(data, source="prog.csv")
    assert s.format == "csv" and s.tz == "America/Los_Angeles"
    k1, k2 = s.sessions
    assert k1.start == utc("2026-12-10T09:00:00-08:00")
    assert k1.start.tzinfo.key == "America/Los_Angeles"  # type: ignore[union-attr]
    assert [p.name for p in k1.speakers] == ["Ann Lee", "Bo Chen"]
    assert k1.languages == ["en", "ja"] and k1.abstract == "Line one\n\nLine two"
    assert (k1.needs_registration, k2.needs_registration) == (False, True)
    assert k2.end - k2.start == timedelta(hours=2)


def test_csv_duration_default_zone_and_generated_keys():
    data = b"date,start,duration,title\n2026-12-10,09:00,45,A\n2026-12-10,10:00,1:30,B\n"
    s = parse(data, source="p.csv", venue_tz="America/Los_Angeles")
    a, b = s.sessions
    assert a.key == "csv:2026-12-10T09:00/A"
    assert a.end - a.start == timedelta(minutes=45) and b.end - b.start == timedelta(minutes=90)
    assert any("venue" in w for w in s.warnings)


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("2026-12-10,25:00,10:00,A", "p.csv: line 2, column start", "not a 24-hour time"),
        ("2026-13-10,09:00,10:00,A", "p.csv: line 2, column date", "not like 2026-12-10"),
        ("2026-12-10,09:00,10:00,", "p.csv: line 2, column title", "no title"),
    ],
)
def test_csv_errors_name_line_and_column(body: str, where: str, message: str):
    with pytest.raises(ImportError_, match=message) as e:
        parse(f"date,start,end,title\n{body}\n".encode(), source="p.csv", tz="UTC")
    assert e.value.where == where


def test_csv_missing_columns():
    with pytest.raises(ImportError_, match="end or duration"):
        parse(b"date,start,title\n2026-12-10,09:00,A\n", source="p.csv", fmt="csv", tz="UTC")


# --- Sessionize -------------------------------------------------------------------------------


def sessionize_all(sessions: list[dict], questions: list[dict] | None = None) -> bytes:
    doc = {
        "sessions": sessions,
        "speakers": [{"id": "sp1", "fullName": "Kim Park"}],
        "questions": questions or [],
        "categories": [],
        "rooms": [{"id": 1, "name": "Hall"}],
    }
    return b"\xef\xbb\xbf" + json.dumps(doc).encode()


def test_sessionize_registration_only_from_an_explicit_question():
    q = [{"id": 7, "question": "Does this session require registration?", "questionType": "x"}]
    base = {
        "startsAt": "2026-12-10T09:00:00",
        "endsAt": "2026-12-10T10:00:00",
        "roomId": 1,
        "speakers": ["sp1"],
        "categoryItems": [],
    }
    data = sessionize_all(
        [
            {
                **base,
                "id": "1",
                "title": "Workshop: K8s",
                "questionAnswers": [{"questionId": 7, "answerValue": "Yes"}],
            },
            {**base, "id": "2", "title": "Workshop without the answer", "questionAnswers": []},
            {**base, "id": "3", "title": "Unscheduled", "startsAt": None, "endsAt": None},
        ],
        q,
    )
    s = parse(data, source="sz.json", tz="America/Los_Angeles")
    one, two = s.sessions
    assert (one.needs_registration, two.needs_registration) == (True, False)
    assert one.speakers[0].name == "Kim Park" and one.room == "Hall"
    assert one.start == utc("2026-12-10T09:00:00-08:00")
    assert any("1 session has no start time" in w for w in s.warnings)


# --- schedule2 --------------------------------------------------------------------------------


def test_schedule2_cancelled_and_localised_title():
    doc = {
        "schedule": {
            "version": "1",
            "conference": {"title": "C", "time_zone_name": "Europe/Berlin"},
            "events": [
                {
                    "guid": "g",
                    "start": "2026-12-27T23:30:00+01:00",
                    "end": "2026-12-28T00:30:00+01:00",
                    "title": {"de": "Hallo", "en": "Hello"},
                    "state": "CANCELED",
                    "room": {"name": "Saal 1"},
                }
            ],
        }
    }
    (e,) = parse(json.dumps(doc).encode(), source="s2.json").sessions
    assert e.title == "Hello" and e.cancelled and e.room == "Saal 1"
    assert e.end.isoformat() == "2026-12-28T00:30:00+01:00"  # crosses midnight


def test_frab_long_duration_and_json_without_date():
    doc = {
        "schedule": {
            "conference": {
                "time_zone_name": "Europe/Berlin",
                "days": [
                    {
                        "date": "2026-08-20",
                        "day_start": "2026-08-20T09:00:00+02:00",
                        "rooms": {
                            "Camp": [
                                {"id": 9, "start": "02:00", "duration": "00:45", "title": "Late"},
                                {
                                    "guid": "long",
                                    "date": "2026-08-20T10:00:00+02:00",
                                    "duration": "1:02:00",
                                    "title": "Soldering all day",
                                },
                            ]
                        },
                    }
                ],
            }
        }
    }
    late, long = parse(json.dumps(doc).encode(), source="camp.json").sessions
    # 02:00 is earlier than the day's 09:00 start: it is on the next calendar date.
    assert late.start.isoformat() == "2026-08-21T02:00:00+02:00" and late.key == "frab-id:9"
    assert long.end - long.start == timedelta(hours=26)  # "D:HH:MM"


def test_the_documented_csv_example_imports():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "csv-format.md").read_text("utf-8")
    example = doc.split("```csv\n", 1)[1].split("```", 1)[0]
    s = parse(example.encode(), source="csv-format.md")
    assert [x.key for x in s.sessions] == ["k1", "w1", "p1"]
    k1, w1, p1 = s.sessions
    assert k1.start == utc("2026-12-10T17:00:00Z") and k1.room == "Hall A"
    assert w1.needs_registration and not k1.needs_registration
    assert p1.end.isoformat() == "2026-12-11T00:30:00-08:00"  # across midnight
