"""Every real schedule in ../shared/corpus/schedules imports, with exact counts and times.

Expected values were read from the files themselves, independently of the importer:
session counts with `grep -c '<event '` (XML), `grep -c BEGIN:VEVENT` (ICS), `grep -c
'"startsAt"'` (Sessionize All) or a json.load + len() over days/rooms (frab JSON); times, rooms
and ids by reading the quoted lines (`grep -n -A8 <guid>`). Each comment says which.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tripkit.core.models import Schedule
from tripkit.importers import detect_format, parse

pytestmark = pytest.mark.corpus


def load(corpus: Path, rel: str, **kw: str) -> Schedule:
    return parse((corpus / rel).read_bytes(), source=rel, **kw)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def by_key(schedule: Schedule, key: str):  # noqa: ANN201 - test helper
    matches = [s for s in schedule.sessions if s.key == key]
    assert len(matches) == 1, key
    return matches[0]


# (file, format, exact count, how it was counted)
COUNTS = [
    ("frab-xml/38c3.xml", "frab-xml", 1007),  # grep -c '<event '
    ("frab-xml/fosdem-2025.xml", "frab-xml", 943),  # grep -c '<event '
    ("frab-xml/fosdem-2026.xml", "frab-xml", 883),  # grep -c '<event '
    ("frab-json/frab-camp2019.json", "frab-json", 79),  # grep -c '"guid"' and sum of room lists
    ("frab-json/pretalx-democon.json", "frab-json", 36),  # sum of len(room list) per day
    ("frab-json/hub-schedule2.json", "schedule2", 2),  # len(schedule.events)
    ("sessionize/demo-All.json", "sessionize", 11),  # grep -c '"startsAt"'
    # Sessions view: 10 sessions (grep -c '"startsAt"'; the service session is not in a group)
    ("sessionize/demo-Sessions.json", "sessionize", 10),
    # GridSmart: 22 '"startsAt"' = each session twice (rooms[].sessions and timeSlots[]);
    # the rooms lists hold 3+2+1 + 3+2 = 11 distinct sessions.
    ("sessionize/demo-GridSmart.json", "sessionize", 11),
    ("ical/pyconuk-2015.ics", "ical", 162),  # grep -c BEGIN:VEVENT
    ("ical/kielux-2020.ics", "ical", 24),  # grep -c BEGIN:VEVENT
]


@pytest.mark.parametrize(("rel", "fmt", "count"), COUNTS)
def test_each_corpus_file_imports_with_exact_count(corpus: Path, rel: str, fmt: str, count: int):
    data = (corpus / rel).read_bytes()
    assert detect_format(data) == fmt
    schedule = parse(data, source=rel)
    assert schedule.format == fmt
    assert len(schedule.sessions) == count
    assert len({s.key for s in schedule.sessions}) == count
    for s in schedule.sessions:
        assert s.start.tzinfo is not None and s.end >= s.start
    # The result survives a full pydantic validation round trip (model_construct was honest).
    again = Schedule.model_validate_json(schedule.model_dump_json())
    assert again == schedule


def test_orlando_needs_a_zone_and_reads_floating_times_in_it(corpus: Path):
    rel = "sessionize/orlando-codecamp-2020-All.json"
    data = (corpus / rel).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM the reference mentions
    from tripkit.errors import ImportError_

    with pytest.raises(ImportError_, match="--tz"):
        parse(data, source=rel)
    s = parse(data, source=rel, tz="America/New_York")
    assert len(s.sessions) == 99  # grep -c '"startsAt"' (none is null)
    # "id": "7b3d6b07-...", "startsAt": "2020-03-28T08:00:00", "endsAt": "...T09:00:00",
    # roomId 12259 = "Room 1" (lines 4-8 and the rooms list). Orlando in March = EDT (UTC-4).
    k = by_key(s, "7b3d6b07-294f-4319-8234-aae9701d98b5")
    assert (k.start, k.end) == (utc("2020-03-28T12:00:00+00:00"), utc("2020-03-28T13:00:00+00:00"))
    assert k.start.tzinfo.key == "America/New_York"  # type: ignore[union-attr]
    assert k.room == "Room 1" and k.title == "Keynote"
    # sessions[50]: id 158467, 12:15-13:00, roomId 12268 = "Room 10"
    p = by_key(s, "158467")
    assert p.start == utc("2020-03-28T16:15:00+00:00") and p.room == "Room 10"
    # With only the venue zone, it is used and said so.
    v = parse(data, source=rel, venue_tz="America/New_York")
    assert by_key(v, "158467").start == p.start
    assert any("venue" in w for w in v.warnings)


def test_38c3_after_midnight_and_offsets(corpus: Path):
    s = load(corpus, "frab-xml/38c3.xml")
    assert s.tz == "Europe/Berlin" and s.title == "38C3"
    # line 24-28: guid 270fa44c..., date 2024-12-27T10:30:00+01:00, duration 00:30, Saal 1
    o = by_key(s, "270fa44c-821a-577f-8ca3-33e8d4a8c2a7")
    assert (o.start, o.end) == (utc("2024-12-27T10:30:00+01:00"), utc("2024-12-27T11:00:00+01:00"))
    assert o.room == "Saal 1" and o.track == "CCC" and o.languages == ["en"]
    assert [p.name for p in o.speakers] == ["Gabriela Bogk", "Senficon", "Aline Blankertz"]
    # line 182-186: Fnord-Nachrichtenrückblick sits in <day date="2024-12-27"> but its date is
    # 2024-12-28T01:10:00+01:00, duration 01:30: the calendar date is the next day.
    f = by_key(s, "19b141f2-0f27-5d84-9e90-0d2474d37b7e")
    assert f.title == "Fnord-Nachrichtenrückblick 2024"
    assert (f.start, f.end) == (utc("2024-12-28T01:10:00+01:00"), utc("2024-12-28T02:40:00+01:00"))
    assert f.start.isoformat() == "2024-12-28T01:10:00+01:00"
    # "de, en" languages become a list (grep -c '<language>de, en</language>' = 129)
    assert sum(1 for x in s.sessions if x.languages == ["de", "en"]) == 129


def test_fosdem_html_abstracts_and_times(corpus: Path):
    s = load(corpus, "frab-xml/fosdem-2025.xml")
    assert s.tz == "Europe/Brussels"
    # lines 100-119: guid 852280ac..., 10:35+01:00, 00:25, K.3.201, abstract is escaped HTML
    e = by_key(s, "852280ac-61d3-588c-b74c-8d87f9d9d2c6")
    assert (e.start, e.end) == (utc("2025-02-01T10:35:00+01:00"), utc("2025-02-01T11:00:00+01:00"))
    assert e.room == "K.3.201" and e.track == "LLVM" and e.type == "devroom"
    assert e.abstract.startswith("Currently LLVM saves and restores callee-saved registers")
    assert "<p>" not in e.abstract and "&lt;" not in e.abstract
    assert e.speakers[0].name == "Mikhail Gudim" and e.speakers[0].id == "4744"
    # lines 130-134: guid ea099777..., 11:05+01:00, 00:20
    m = by_key(s, "ea099777-c164-5c6f-952a-a8b41a25fcef")
    assert (m.start, m.end) == (utc("2025-02-01T11:05:00+01:00"), utc("2025-02-01T11:25:00+01:00"))

    s26 = load(corpus, "frab-xml/fosdem-2026.xml")
    # lines 6289-6298: guid 9c3ebb8c..., 09:30+01:00, 00:20, Janson, <track slug="main">
    w = by_key(s26, "9c3ebb8c-7716-5130-b9fe-ff8544f5636d")
    assert (w.start, w.end) == (utc("2026-01-31T09:30:00+01:00"), utc("2026-01-31T09:50:00+01:00"))
    assert (w.room, w.track, w.title) == ("Janson", "Main Track", "Welcome to FOSDEM 2026")
    # lines 6315-6336: the <hr /> and many <p> become paragraph breaks, not tags
    f = by_key(s26, "8ce3ffa3-2053-5f4d-8fc4-f223e5859a53")
    assert f.end - f.start == utc("2026-01-31T10:50:00+01:00") - utc("2026-01-31T10:00:00+01:00")
    assert "\n\n" in f.abstract and "<" not in f.abstract
    assert f.abstract.startswith("We need to talk about war.")


def test_frab_json_files(corpus: Path):
    camp = load(corpus, "frab-json/frab-camp2019.json")
    assert camp.tz == "Europe/Berlin"
    # guid a0a0fcfe..., "date": "2019-08-21T11:00:00+02:00", "duration": "00:30", room Curie
    o = by_key(camp, "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4")
    assert (o.start, o.end) == (utc("2019-08-21T11:00:00+02:00"), utc("2019-08-21T11:30:00+02:00"))
    assert o.room == "Curie" and [p.name for p in o.speakers] == ["jinxx", "smtw"]
    # The description's \r\n become \n (no control characters left).
    # guid c9edea6f..., "date": "2019-08-21T12:00:00+02:00", "duration": "00:45", Curie
    card = by_key(camp, "c9edea6f-1da1-4772-a0a9-6dd4e33f11bb")
    assert (card.start, card.end) == (
        utc("2019-08-21T12:00:00+02:00"),
        utc("2019-08-21T12:45:00+02:00"),
    )
    assert card.room == "Curie" and card.title == "card10 Badge"
    assert "\r" not in card.abstract and "find out more:" in card.abstract

    demo = load(corpus, "frab-json/pretalx-democon.json")
    # time_zone_name says UTC while every date is +01:00: instants follow the offsets, warned.
    assert demo.tz == "UTC"
    assert any("declares the zone UTC" in w for w in demo.warnings)
    # lines 903-911: guid e0bdbb4d..., 2020-12-16T10:00:00+01:00, 00:30, Gray Room
    e = by_key(demo, "e0bdbb4d-5171-5818-a0bd-b2bacbde781c")
    assert (e.start, e.end) == (utc("2020-12-16T09:00:00+00:00"), utc("2020-12-16T09:30:00+00:00"))
    assert e.room == "Gray Room" and e.title == "Seamless systematic interface"
    # pretalx speakers: "public_name" with "code"
    first = by_key(demo, "8079583e-8321-506c-95af-fd2903a5f075")
    assert first.speakers[0].name == "Brian Robinson" and first.speakers[0].id == "NQTF8Y"

    hub = load(corpus, "frab-json/hub-schedule2.json")
    # lines 242-247: TPGRNN 2024-12-28T00:15+01:00 to 00:55, Saal ZIGZAG, track slug
    # hardware-making -> "Hardware & Making" via conference.tracks
    oc = by_key(hub, "270fa44c-821a-577f-8ca3-33e8d4a8c2a7")  # lines 205-213
    assert (oc.start, oc.end) == (
        utc("2024-12-27T10:30:00+01:00"),
        utc("2024-12-27T11:00:00+01:00"),
    )
    assert oc.room == "Saal 1" and oc.track == "CCC"
    t = by_key(hub, "b1740c2f-0c44-5f1b-89ed-456a9eecf0b8")
    assert (t.start, t.end) == (utc("2024-12-28T00:15:00+01:00"), utc("2024-12-28T00:55:00+01:00"))
    assert (t.room, t.track, t.type) == ("Saal ZIGZAG", "Hardware & Making", "talk")
    assert t.subtitle == "Most Wanted Using Deep Reinforcement Learning"


def test_sessionize_demo_views_agree(corpus: Path):
    views = {v: load(corpus, f"sessionize/demo-{v}.json") for v in ("All", "Sessions", "GridSmart")}
    for s in views.values():
        # "startsAt": "2017-05-27T10:15:00Z" etc.: UTC instants, kept, with a warning
        assert any("UTC" in w for w in s.warnings)
        # lines 29-33 of demo-All: id 14019 10:15Z-11:15Z, roomId 216 = Yellow Room
        j = by_key(s, "14019")
        assert (j.start, j.end) == (utc("2017-05-27T10:15:00Z"), utc("2017-05-27T11:15:00Z"))
        assert j.room == "Yellow Room" and j.speakers[0].name == "Jackson Test"
        assert j.track == "Business" and j.type == "Lightning talk"
    # The "Language" category of 14022 is item 10672 = Italian (All) -> ISO code
    assert by_key(views["All"], "14022").languages == ["it"]
    all_keys = {s.key for s in views["All"].sessions}
    assert {s.key for s in views["GridSmart"].sessions} == all_keys
    assert {s.key for s in views["Sessions"].sessions} < all_keys


def test_ical_corpus(corpus: Path):
    py = load(corpus, "ical/pyconuk-2015.ics")
    # lines 4-11: folded UID, DTSTART:20150918T070000Z, DTEND:...083000Z, Cafeteria
    uid = "20160417T070217Z-32078@testing-worker-linux-docker-3ee836b9-3394-linux-5"
    r = by_key(py, f"{uid}/20150918T070000Z")
    assert (r.start, r.end) == (utc("2015-09-18T07:00:00Z"), utc("2015-09-18T08:30:00Z"))
    assert r.room == "Cafeteria" and r.title == "Registration / Breakfast"
    # 5 events without DTEND/DURATION (grep: 162 BEGIN:VEVENT, 157 DTEND lines); line 530 is one
    no_end = [x for x in py.sessions if x.end == x.start]
    assert len(no_end) == 5
    assert any("5 events give neither DTEND nor DURATION" in w and "530" in w for w in py.warnings)
    social = [x for x in no_end if x.title.startswith("The Friday Night Charity Social")]
    assert social and social[0].start == utc("2015-09-18T18:30:00Z")
    assert social[0].url == "http://www.pyconuk.org/abstracts/#social"

    ki = load(corpus, "ical/kielux-2020.ics")
    # lines 32-34: UID 467@KOLT20, 12:00Z-13:00Z; the speaker is in ATTENDEE;CN="Jürgen Groß"
    # lines 9-17: UID 460@KOLT20, 11:00Z-12:00Z, Ravensberg, ATTENDEE CN "Jakob Semere"
    first = by_key(ki, "460@KOLT20/20200918T110000Z")
    assert (first.start, first.end) == (utc("2020-09-18T11:00:00Z"), utc("2020-09-18T12:00:00Z"))
    assert first.room == "Ravensberg" and first.speakers[0].name == "Jakob Semere"
    x = by_key(ki, "467@KOLT20/20200918T120000Z")
    assert (x.start, x.end) == (utc("2020-09-18T12:00:00Z"), utc("2020-09-18T13:00:00Z"))
    assert x.room == "Ravensberg" and x.speakers[0].name == "Jürgen Groß"
    # DESCRIPTION has <i>die</i>: HTML removed, the word kept
    assert "<i>" not in x.abstract and "Xen war lange Zeit die Plattform" in x.abstract


def test_tz_replaces_file_zone_for_display_only_with_offsets(corpus: Path):
    s = load(corpus, "frab-xml/38c3.xml", tz="Asia/Tokyo")
    o = by_key(s, "270fa44c-821a-577f-8ca3-33e8d4a8c2a7")
    assert o.start == utc("2024-12-27T10:30:00+01:00")  # the instant did not move
    assert o.start.isoformat() == "2024-12-27T18:30:00+09:00"
    assert any("--tz Asia/Tokyo replaces it" in w for w in s.warnings)
