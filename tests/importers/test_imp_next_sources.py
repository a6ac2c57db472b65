"""The newer sources (issue 12): Indico JSON and .ics, the pretalx API, Sched all.ics, RRULE
expansion, on the real samples in ../shared/corpus/schedules/next/.

Expected values were read from the files themselves, independently of the importer: counts
with `grep -c BEGIN:VEVENT` or a json.load + len() (written in each test), times and rooms by
reading the quoted lines; RRULE occurrences counted by hand from each rule (listed below).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_
from tripkit.importers import detect_format, parse

pytestmark = pytest.mark.corpus


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def load(corpus: Path, rel: str, **kw: str) -> Schedule:
    return parse((corpus / "next" / rel).read_bytes(), source=rel, **kw)


def by_key(schedule: Schedule, key: str):  # noqa: ANN201 - test helper
    matches = [s for s in schedule.sessions if s.key == key]
    assert len(matches) == 1, key
    return matches[0]


NEXT_COUNTS = [
    # 53 contributions in results[0].contributions, 7 with "startDate": null
    ("indico-json/indico-cern-340656-event-detail-sessions.json", "indico-json", 46),
    # 256 contributions inside the 21 sessions[].contributions, none without a start
    ("indico-json/jacow-fel2022-event-44-detail-sessions.json", "indico-json", 256),
    ("pretalx-api/juliacon2020-talks.json", "pretalx-api", 166),  # len(list), all have a slot
    ("pretalx-api/juliacon2023-talks.json", "pretalx-api", 341),  # len(list), all have a slot
    ("ical/indico-cern-category-2015.ics", "ical", 57),  # grep -c BEGIN:VEVENT
    ("ical/sched-jococruise-2019.ics", "ical", 395),  # grep -c BEGIN:VEVENT
    ("ical/sched-jococruise-2025.ics", "ical", 463),  # grep -c BEGIN:VEVENT
    # 36 VEVENTs: 22 single + 14 RRULE series with 46 occurrences (see test_rrule_...)
    ("ical/rrule-coderefinery-workshops.ics", "ical", 68),
]


@pytest.mark.parametrize(("rel", "fmt", "count"), NEXT_COUNTS)
def test_each_new_sample_imports_with_exact_count(corpus: Path, rel: str, fmt: str, count: int):
    data = (corpus / "next" / rel).read_bytes()
    assert detect_format(data) == fmt
    s = parse(data, source=rel)
    assert s.format == fmt
    assert len(s.sessions) == count
    assert len({x.key for x in s.sessions}) == count
    for x in s.sessions:
        assert x.start.tzinfo is not None and x.end >= x.start
    assert Schedule.model_validate_json(s.model_dump_json()) == s


def test_indico_cern_triples_in_zurich_shown_in_the_event_zone(corpus: Path):
    s = load(corpus, "indico-json/indico-cern-340656-event-detail-sessions.json")
    # "timezone": "Europe/Paris"; each date says "tz": "Europe/Zurich" (same offsets)
    assert s.tz == "Europe/Paris" and s.title.startswith("7th SYMPOSIUM ON LARGE TPCs")
    # lines 119-141: id "42", 2014-12-16 17:40:00 to 18:00:00 Europe/Zurich, "NYGREN, David R"
    x = by_key(s, "indico:340656:42")
    assert (x.start, x.end) == (utc("2014-12-16T17:40:00+01:00"), utc("2014-12-16T18:00:00+01:00"))
    assert x.start.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]
    assert x.title.startswith("Selenium Hexafluoride") and x.speakers[0].name == "NYGREN, David R"
    assert x.url == "https://indico.cern.ch/event/340656/contribution/42"
    assert any(w.startswith("7 sessions have no start time yet") for w in s.warnings)


def test_indico_3_sessions_nest_contributions(corpus: Path):
    s = load(corpus, "indico-json/jacow-fel2022-event-44-detail-sessions.json")
    assert s.tz == "Europe/Zurich" and s.title == "FEL2022"
    # lines ~1085-1165: id "7", code TUAO4, 2022-08-23 10:10-10:35 Europe/Zurich, track
    # "SASE FEL", room "Auditorium Generali", speaker "Cho, Myung Hoon" (authors are separate)
    x = by_key(s, "indico:44:7")
    assert x.title == "Two-Colored FEL generation Using Phase Shifters at Undulator"
    assert (x.start, x.end) == (utc("2022-08-23T10:10:00+02:00"), utc("2022-08-23T10:35:00+02:00"))
    assert (x.room, x.track) == ("Auditorium Generali", "SASE FEL")
    assert [p.name for p in x.speakers] == ["Cho, Myung Hoon"]
    # The event description is HTML; contribution abstracts come out without tags.
    assert all("<p>" not in y.abstract for y in s.sessions)


def test_pretalx_api_talks_utc_and_offsets(corpus: Path):
    s20 = load(corpus, "pretalx-api/juliacon2020-talks.json")
    # lines 660-680: 8WYB3B "Gather Town Social", 2020-07-31T19:30:00Z-20:15:00Z, room {en: BoF},
    # submission_type {en: Birds of Feather}, no speakers
    g = by_key(s20, "8WYB3B")
    assert (g.start, g.end) == (utc("2020-07-31T19:30:00Z"), utc("2020-07-31T20:15:00Z"))
    assert (g.title, g.room, g.type, g.speakers) == (
        "Gather Town Social",
        "BoF",
        "Birds of Feather",
        [],
    )
    # submission_type is a plain string in 45 items and {en: ...} in 121: both read
    raw = json.loads((corpus / "next" / "pretalx-api/juliacon2020-talks.json").read_bytes())
    assert sum(1 for t in raw if isinstance(t["submission_type"], str)) == 45
    assert all(x.type for x in s20.sessions)

    s23 = load(corpus, "pretalx-api/juliacon2023-talks.json", venue_tz="America/New_York")
    # lines 2091-2127: AZWAFU, 2023-07-28T10:20:00-04:00 to 10:30, room 32-144, track
    # "Julia Community", speaker "Miguel Raz Guzmán Macedo"
    a = by_key(s23, "AZWAFU")
    assert (a.start, a.end) == (utc("2023-07-28T10:20:00-04:00"), utc("2023-07-28T10:30:00-04:00"))
    assert a.start.tzinfo.key == "America/New_York"  # type: ignore[union-attr]
    assert (a.room, a.track) == ("32-144", "Julia Community")
    assert [p.name for p in a.speakers] == ["Miguel Raz Guzmán Macedo"]
    # Breaks are talks without speakers: 7U7QWK "Break", 2023-07-26T11:15:00-04:00
    b = by_key(s23, "7U7QWK")
    assert b.type == "Break" and b.speakers == [] and b.start == utc("2023-07-26T11:15:00-04:00")
    raw23 = json.loads((corpus / "next" / "pretalx-api/juliacon2023-talks.json").read_bytes())
    breaks = sum(
        1
        for t in raw23
        if not t["speakers"] and t["submission_type"]["en"] in ("Break", "Lunch Break", "Breakfast")
    )
    assert sum(1 for x in s23.sessions if x.type in ("Break", "Lunch Break", "Breakfast")) == breaks
    # Without a zone, the -04:00 offset is kept as a fixed zone, never a guessed city.
    plain = load(corpus, "pretalx-api/juliacon2023-talks.json")
    assert by_key(plain, "AZWAFU").start.isoformat() == "2023-07-28T10:20:00-04:00"


def test_indico_category_ics(corpus: Path):
    s = load(corpus, "ical/indico-cern-category-2015.ics")
    # lines 4-14: UID indico-event-371544@cern.ch, DTSTART;VALUE=DATE-TIME:20150203T160000Z,
    # DTEND 170000Z, folded DESCRIPTION, LOCATION Other Institutes
    x = by_key(s, "indico-event-371544@cern.ch/20150203T160000Z")
    assert (x.start, x.end) == (utc("2015-02-03T16:00:00Z"), utc("2015-02-03T17:00:00Z"))
    assert x.room == "Other Institutes" and x.url == "https://indico.cern.ch/event/371544/"
    assert x.abstract.endswith("https://indico.cern.ch/event/371544/")  # the fold is undone


def test_sched_all_ics_long_lines_no_dtstamp_entities(corpus: Path):
    s19 = load(corpus, "ical/sched-jococruise-2019.ics")
    # line 959 is 1423 characters, unfolded; lines 956-965 are its event
    x = by_key(s19, "d0e6e5cea762d3cff9460d3255d6fcfe/20200111T134500Z")
    assert x.title == "Reasoning Your Way to Happiness with Science & Logic"  # &amp; decoded
    assert x.abstract.startswith("Reasoning your way to happiness: using science and logic")
    assert len(x.abstract) > 1300 and x.speakers == []
    assert x.room == "Holodeck (Crow's Nest Presentation Area), Deck 10, Forward"
    assert (x.start, x.end) == (utc("2020-01-11T13:45:00Z"), utc("2020-01-11T14:45:00Z"))
    # lines 9-19: "LOCATION:Whole Ship\," -> no dangling comma
    theme = by_key(s19, "aee4abeeae49e68a25b7d746f7aa7a89/20200109T120000Z")
    assert theme.room == "Whole Ship" and theme.title == "Theme: Welcome, New Monkeys!"
    # lines 20-30: the zero-length "Boarding Begins (Approximately)"
    assert by_key(s19, "8b67a8298d2a24ce71d51acf1ab53e1e/20200109T160000Z").duration.seconds == 0
    s25 = load(corpus, "ical/sched-jococruise-2025.ics")
    # lines 21-32: escaped commas in LOCATION
    h = by_key(s25, "1d6bc0985c5b0988b81ab36931ee81f5/20250302T150000Z")
    assert h.room == "Half Moon/Stuyvesant Room, Deck 3, Forward" and h.track == "GENERAL INFO"


def test_rrule_expanded_with_local_until_duration_and_custom_zone(corpus: Path):
    s = load(corpus, "ical/rrule-coderefinery-workshops.ics")
    assert s.tz == "Europe/Stockholm"  # TZID /ics.py/2020.1/Europe/Stockholm
    assert not any("RRULE" in w for w in s.warnings)  # every rule has an UNTIL
    # Hand count of the 14 rules: 12 DAILY series of 3 days (UNTIL in local time, e.g.
    # DTSTART 20250909T110000 UNTIL=20250912T000000 stops before the 12th), WEEKLY from
    # 20250917T120000 UNTIL=20251023T000000 -> 6, WEEKLY from 20240813T090000
    # UNTIL=20240903T120000 -> 4: 36 + 6 + 4 = 46, plus 22 single events = 68.
    sepoct = sorted(
        (x for x in s.sessions if x.title == "CodeRefinery Sep/Oct 25 workshop"),
        key=lambda x: x.start,
    )
    daily = [x for x in sepoct if x.start.hour == 11]
    weekly = [x for x in sepoct if x.start.hour == 12]
    assert [x.start.day for x in daily] == [9, 10, 11]
    assert [x.start.strftime("%m-%d") for x in weekly] == [
        "09-17",
        "09-24",
        "10-01",
        "10-08",
        "10-15",
        "10-22",
    ]
    for x in weekly:
        assert x.start.isoformat().endswith("T12:00:00+02:00")
        assert x.start.tzinfo.key == "Europe/Stockholm"  # type: ignore[union-attr]
    # Each occurrence has its own key, made of the UID and its original start in UTC.
    assert len({x.key for x in weekly}) == 6
    assert weekly[0].key.endswith("/20250917T100000Z")
    # DURATION:PT5H on the September 2026 lessons: 10:00-15:00 every day
    lessons = [x for x in s.sessions if x.title == "CodeRefinery workshop (Sep 2026) - lessons"]
    assert len(lessons) == 6
    assert all(
        x.end - x.start == utc("2026-01-01T15:00Z") - utc("2026-01-01T10:00Z") for x in lessons
    )
    # Keys are stable: the same file imported again gives the same keys.
    again = load(corpus, "ical/rrule-coderefinery-workshops.ics")
    assert [x.key for x in again.sessions] == [x.key for x in s.sessions]


def ics(*events: str, head: str = "PRODID:-//test//EN") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", *head.splitlines()]
    for ev in events:
        lines += ["BEGIN:VEVENT", *ev.splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_rrule_across_dst_override_exdate_and_endless_rule():
    data = ics(
        # Weekly at 10:00 Berlin across the end of summer time (2026-10-25), one occurrence
        # moved to 14:00, one left out.
        "UID:w\nDTSTART;TZID=Europe/Berlin:20261015T100000\nDURATION:PT1H\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Europe/Berlin:20261022T100000\nSUMMARY:Sync",
        "UID:w\nRECURRENCE-ID;TZID=Europe/Berlin:20261029T100000\n"
        "DTSTART;TZID=Europe/Berlin:20261029T140000\nDURATION:PT1H\nSUMMARY:Sync (moved)",
        "UID:one\nDTSTART:20261101T090000Z\nDTEND:20261101T100000Z\nSUMMARY:Single",
        "UID:daily\nDTSTART:20261101T080000Z\nDURATION:PT15M\nRRULE:FREQ=DAILY\nSUMMARY:Standup",
    )
    s = parse(data, source="r.ics")
    sync = sorted((x for x in s.sessions if x.key.startswith("w/")), key=lambda x: x.start)
    assert [x.start.isoformat() for x in sync] == [
        "2026-10-15T10:00:00+02:00",
        "2026-10-29T14:00:00+01:00",
        "2026-11-05T10:00:00+01:00",
    ]
    assert sync[1].title == "Sync (moved)"
    # The moved one keeps the key of its original start (10:00 CET = 09:00Z).
    assert sync[1].key == "w/20261029T090000Z"
    # A rule without end stops a year after the last dated event, with a warning.
    standups = [x for x in s.sessions if x.key.startswith("daily/")]
    assert 360 <= len(standups) <= 370
    assert any("1 event repeats without end (RRULE)" in w for w in s.warnings)


def test_broken_rrule_names_its_line():
    data = ics(
        "UID:a\nDTSTART:20260101T100000Z\nSUMMARY:ok",
        "UID:b\nDTSTART:20260101T100000Z\nRRULE:FREQ=SOMETIMES\nSUMMARY:bad",
    )
    with pytest.raises(ImportError_, match="RRULE") as e:
        parse(data, source="b.ics")
    assert e.value.where == "b.ics: line 9"  # its BEGIN:VEVENT


def test_indico_and_pretalx_shapes_are_refused_clearly():
    with pytest.raises(ImportError_, match="holds no event"):
        parse(b'{"_type": "HTTPAPIResult", "results": []}', source="i.json")
    with pytest.raises(ImportError_, match="date and time") as e:
        parse(
            json.dumps(
                {
                    "_type": "HTTPAPIResult",
                    "results": [
                        {
                            "id": "1",
                            "contributions": [
                                {
                                    "id": "9",
                                    "title": "t",
                                    "startDate": {
                                        "date": "2026-02-30",
                                        "time": "10:00:00",
                                        "tz": "Europe/Zurich",
                                    },
                                }
                            ],
                        }
                    ],
                }
            ).encode(),
            source="i.json",
        )
    assert e.value.where == "i.json: results[0].contributions[0].startDate"


def test_pretalx_slots_with_breaks_and_expanded_submissions():
    # The v1 /slots/ shape (OpenAPI TalkSlot): a break has no submission, its text in
    # "description"; rooms and submissions expanded with ?expand=room,submission.speakers.
    hall = {"id": 1, "name": {"en": "Hall A"}}
    page = {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": 11,
                "room": hall,
                "start": "2026-06-01T10:00:00+02:00",
                "end": "2026-06-01T10:30:00+02:00",
                "submission": {
                    "code": "ABC123",
                    "title": "Opening",
                    "speakers": [{"code": "S1", "name": "Ana"}],
                    "submission_type": {"en": "Talk"},
                    "state": "confirmed",
                },
            },
            {
                "id": 12,
                "room": hall,
                "start": "2026-06-01T10:30:00+02:00",
                "end": "2026-06-01T11:00:00+02:00",
                "submission": None,
                "description": {"en": "Coffee break"},
            },
        ],
    }
    s = parse(json.dumps(page).encode(), source="slots.json", venue_tz="Europe/Madrid")
    assert s.format == "pretalx-api"
    talk, pause = s.sessions
    assert (talk.key, talk.title, talk.room, talk.speakers[0].name) == (
        "ABC123",
        "Opening",
        "Hall A",
        "Ana",
    )
    assert (pause.key, pause.title, pause.type, pause.speakers) == (
        "pretalx-break:12",
        "Coffee break",
        "break",
        [],
    )
    assert pause.start.isoformat() == "2026-06-01T10:30:00+02:00"


def test_indico_contribution_ics_speakers_from_the_description():
    # Indico's contribution export (indico/modules/events/ical.py): speakers only in the
    # DESCRIPTION's first line, "Name (Affiliation)" separated by commas.
    data = ics(
        "UID:indico-contribution-585@indico.jacow.org\nDTSTART:20220822T161500Z\n"
        "DTEND:20220822T164000Z\nSUMMARY:Calls overview\nDESCRIPTION:Speakers: Cecilia "
        "Blasetti (Elettra-Sincrotrone Trieste S.C.p.A.), Ana Lima (CERN)\\n\\nNetworking",
        head="PRODID:-//CERN//INDICO//EN",
    )
    (x,) = parse(data, source="lpc.ics").sessions
    assert [p.name for p in x.speakers] == ["Cecilia Blasetti", "Ana Lima"]
    assert x.abstract.startswith("Speakers: Cecilia Blasetti")  # the text itself is kept
    other = parse(data.replace(b"-//CERN//INDICO//EN", b"-//Other//EN"), source="o.ics")
    assert other.sessions[0].speakers == []  # only Indico's convention is read this way


def test_a_forced_format_is_used_as_given(corpus: Path):
    data = (corpus / "next/pretalx-api/juliacon2020-talks.json").read_bytes()
    assert len(parse(data, source="t.json", fmt="pretalx-api").sessions) == 166
    with pytest.raises(ImportError_, match="Indico export"):
        parse(data, source="t.json", fmt="indico-json")
