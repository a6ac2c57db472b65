"""The whole conference day in the exports (issue 12): a German traveller's FOSDEM with a
fringe event imported as a second programme whose session ids repeat FOSDEM's, personal
items, interest levels, reservations and plan B, through the real importer, store and
services; the binder's HTML is parsed and its rows checked in order.

What a wrong answer costs the traveller: the printed binder is what they read on the day,
offline. A session of the fringe event confused with FOSDEM's session of the same id shows
the wrong time (they miss one of the two), a booth shift missing from the day makes them
double-book themselves, a "waitlisted" printed as nothing sends them to a room they have
no seat in, and a "watch later" without its link leaves them unable to find the recording.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from export_sample import NOW, SF, at, sessions
from test_export_icscheck import run_icscheck
from testpaths import TODAY
from trips import BRU, german_at_fosdem

from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.demo import example_trip
from tripkit.exporters.ics import make_uid
from tripkit.services import agenda as personal
from tripkit.services import schedule as svc
from tripkit.services.export import checklist_document, ics_document, report_document
from tripkit.store import Store

FRINGE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <title>FOSDEM fringe: supply chain day</title>
    <start>2026-01-30</start><end>2026-01-30</end><days>1</days>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>
  <day index="1" date="2026-01-30">
    <room name="BeCentral">
      <event guid="8ce3ffa3-2053-5f4d-8fc4-f223e5859a53" id="1">
        <date>2026-01-30T14:00:00+01:00</date><start>14:00</start><duration>01:30</duration>
        <room>BeCentral</room>
        <title>Signing &lt;everything&gt;: a hands-on workshop</title>
        <persons><person id="1">Ada Example</person></persons>
        <recording><license/><optout>true</optout></recording>
      </event>
      <event guid="f2000000-0000-4000-8000-000000000002" id="2">
        <date>2026-01-30T10:00:00+01:00</date><start>10:00</start><duration>01:00</duration>
        <room>BeCentral</room>
        <title>The state of SBOMs</title>
        <persons><person id="2">Bea Beispiel</person></persons>
        <url>https://fringe.example.org/talks/sbom</url>
        <links><link href="https://video.fringe.example.org/2026/sbom.webm"
          >Video recording (WebM)</link></links>
        <recording><license/><optout>false</optout></recording>
      </event>
    </room>
    <room name="Studio">
      <event guid="f3000000-0000-4000-8000-000000000003" id="3">
        <date>2026-01-30T10:30:00+01:00</date><start>10:30</start><duration>01:00</duration>
        <room>Studio</room>
        <title>Off the record: maintainers' panel</title>
        <recording><license/><optout>true</optout></recording>
      </event>
    </room>
  </day>
</schedule>
"""
# FOSDEM 2026 (the real programme): Sat 31 Jan 10:00-10:50 and 11:00-11:50 in Janson.
WAR = "8ce3ffa3-2053-5f4d-8fc4-f223e5859a53"  # also the id of the fringe's workshop
GIT = "3dc7d1a8-508a-5e70-ac9d-38aa8d763098"
SBOM = "f2000000-0000-4000-8000-000000000002"
PANEL = "f3000000-0000-4000-8000-000000000003"
# The export's "now": after the trip, so the report sees it whole.
AFTER = parse_zoned("2026-02-05T12:00[Europe/Berlin]")


@dataclass
class Row:
    kind: str  # session-row, personal-row
    time: str = ""
    given: str = ""  # a personal item's times in the zone it was given in
    title: str = ""
    tags: list[str] = field(default_factory=list)  # "Personal", "cancelled"
    where: str = ""
    picks: list[str] = field(default_factory=list)  # interest, reservation, plan B
    rec: str = ""  # the recording link's href
    flag: str = ""
    note: str = ""


@dataclass
class Day:
    title: str
    rows: list[Row] = field(default_factory=list)


class AgendaParser(HTMLParser):
    """The binder's "Agenda by day": each day's title and its rows, with the text of each
    part (time cell, title, tags, where, the words of the picks, recording link, conflict,
    note)."""

    def __init__(self) -> None:
        super().__init__()
        self.days: list[Day] = []
        self._stack: list[tuple[str, str]] = []  # (tag, class)
        self._row: Row | None = None
        self._in_agenda = False

    def _classes(self) -> set[str]:
        return {c for _, cls in self._stack for c in cls.split()}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        self._stack.append((tag, cls))
        if tag == "table" and "agenda-day" in cls:
            self._in_agenda = True
        if self._in_agenda and tag == "tr" and cls.split() and cls.split()[0].endswith("-row"):
            self._row = Row(cls.split()[0])
            self.days[-1].rows.append(self._row)
        if self._row is not None and tag == "a" and "rec" in self._classes():
            self._row.rec = dict(attrs).get("href") or ""
        if self._row is not None and tag == "span" and "tag" in cls.split():
            (self._row.picks if "picks" in self._classes() else self._row.tags).append("")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            top, cls = self._stack.pop()
            if top == "table" and "agenda-day" in cls:
                self._in_agenda = False
            if top == tag:
                break
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if not self._in_agenda:
            return
        classes = self._classes()
        if "thead" in {t for t, _ in self._stack} and data.strip():
            self.days.append(Day(data.strip()))
            return
        row = self._row
        if row is None:
            return
        if "given" in classes:
            row.given += data
        elif "time" in classes:
            row.time += data
        elif "picks" in classes:
            row.picks[-1] += data
        elif "tag" in classes:
            row.tags[-1] += data
        elif "stitle" in classes:
            row.title += data
        elif "where" in classes:
            row.where += data
        elif "flag" in classes:
            row.flag += data
        elif "note" in classes:
            row.note += data


def agenda_days(html: str) -> list[Day]:
    parser = AgendaParser()
    parser.feed(html)
    return parser.days


def _import(store: Store, trip: Trip, path: Path, name: str) -> None:
    svc.import_schedule(store, trip, str(path), name=name)


@pytest.fixture
def fosdem(corpus: Path, tmp_path: Path) -> Iterator[tuple[Store, Trip]]:
    store, trip = fosdem_store(corpus, tmp_path)
    yield store, trip
    store.close()


def fosdem_store(corpus: Path, tmp_path: Path) -> tuple[Store, Trip]:
    """Jonas's FOSDEM: the real FOSDEM 2026 programme as "main", the fringe as "fringe"."""
    trip = german_at_fosdem()
    store = Store.open(tmp_path / "store")
    store.put_trip(trip)
    _import(store, trip, corpus / "frab-xml" / "fosdem-2026.xml", svc.MAIN)
    fringe = tmp_path / "fringe.xml"
    fringe.write_text(FRINGE_XML, encoding="utf-8")
    _import(store, trip, fringe, "fringe")
    # The same id in both programmes, each with its own interest, reservation and note.
    svc.set_pick(store, trip, [WAR], interest="must", programme="main")
    svc.set_note(store, trip, WAR, "Main hall: come 15 min early", programme="main")
    svc.set_pick(store, trip, [WAR], interest="maybe", reservation="waitlisted", programme="fringe")
    svc.set_note(store, trip, WAR, "Bring a laptop with <gpg> set up", programme="fringe")
    svc.set_starred(store, trip, [GIT], True, programme="main")
    # Plan B: the panel is not recorded, the SBOM talk is: attend the panel, watch the talk.
    svc.set_starred(store, trip, [SBOM, PANEL], True, programme="fringe")
    svc.set_pick(store, trip, [GIT], reservation="not-needed", programme="main")
    # A booth shift overlapping the must-see session.
    personal.add(
        store,
        trip,
        "Booth shift <b>OSGeo</b>",
        parse_zoned(f"2026-01-31T10:30[{BRU}]"),
        parse_zoned(f"2026-01-31T12:00[{BRU}]"),
        place="K building, stand 12",
        note="Bring the <script>stickers</script> & flyers",
        kind="booth",
    )
    return store, trip


def test_binder_day_merges_programmes_personal_items_and_picks(
    fosdem: tuple[Store, Trip],
) -> None:
    store, trip = fosdem
    html, warnings = checklist_document(store, trip, fmt="html", lang="en", binder=True, now=NOW)
    assert warnings == []
    days = {d.title: d.rows for d in agenda_days(html)}
    assert list(days) == ["Fri 30 Jan 2026", "Sat 31 Jan 2026"]  # time order, both programmes

    friday = days["Fri 30 Jan 2026"]
    assert [(r.time, r.title) for r in friday] == [
        ("10:00–11:00 CET", "The state of SBOMs"),
        ("10:30–11:30 CET", "Off the record: maintainers' panel"),
        ("14:00–15:30 CET", "Signing <everything>: a hands-on workshop"),
    ]
    sbom, panel, workshop = friday
    assert sbom.where.startswith("Programme: fringe · BeCentral")
    assert sbom.picks == ["Interest: want", "Plan B: watch later"]
    assert sbom.rec == "https://video.fringe.example.org/2026/sbom.webm"
    assert panel.picks == ["Interest: want", "Plan B: attend live (not recorded)"]
    assert panel.rec == ""
    # The fringe's session with FOSDEM's id: its own interest, reservation and note.
    assert workshop.picks == ["Interest: maybe", "Reservation: waitlisted"]
    assert workshop.note == "Note: Bring a laptop with <gpg> set up"

    saturday = days["Sat 31 Jan 2026"]
    assert [(r.kind, r.time, r.title) for r in saturday] == [
        ("session-row", "10:00–10:50 CET", "FOSS in times of war, scarcity and (adversarial) AI"),
        ("personal-row", "10:30–12:00 CET", "Booth shift <b>OSGeo</b>"),
        ("session-row", "11:00–11:50 CET", "Evolving Git for the next decade"),
    ]
    war, booth, git = saturday
    assert war.where.startswith("Programme: main · Janson")
    assert war.picks == ["Interest: must"]
    assert war.note == "Note: Main hall: come 15 min early"
    assert war.flag == "⚠ Conflict: Booth shift <b>OSGeo</b>"
    assert booth.tags == ["Personal"]
    assert booth.where == "K building, stand 12"
    assert booth.note == "Note: Bring the <script>stickers</script> & flyers"
    assert "FOSS in times of war" in booth.flag and "Evolving Git" in booth.flag
    # The words of the CLI and the TUI (core.wording.reservation_word), not a binder wording.
    assert git.picks == ["Interest: want", "Reservation: no booking needed"]
    # Imported and typed text is text: no tag from the data reaches the page.
    assert "<script>stickers" not in html and "<b>OSGeo" not in html
    assert "&lt;script&gt;stickers&lt;/script&gt; &amp; flyers" in html


def test_binder_itinerary_has_personal_items(fosdem: tuple[Store, Trip]) -> None:
    store, trip = fosdem
    text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=NOW)
    itinerary = text[: text.index("Agenda by day")]
    saturday = itinerary[itinerary.index("Sat 31 Jan 2026") :]
    lines = [ln.split("   ", 1) for ln in saturday.splitlines() if ln[:2].isdigit()]
    assert [(t, what.strip()) for t, what in lines[:4]] == [
        ("10:00–10:50 CET", "FOSS in times of war, scarcity and (adversarial) AI"),
        ("10:30–12:00 CET", "Booth shift <b>OSGeo</b>"),
        ("11:00–11:50 CET", "Evolving Git for the next decade"),
        ("12:00–18:00 CET", "Free time"),  # the booth shift is not free time
    ]
    agenda = text[text.index("Agenda by day") :]
    lines = agenda.splitlines()
    n = lines.index("10:00–11:00 CET  The state of SBOMs")
    assert lines[n + 1 : n + 4] == [
        "    Programme: fringe · BeCentral · Bea Beispiel",
        "    Interest: want · Plan B: watch later",
        "    Recording: https://video.fringe.example.org/2026/sbom.webm",
    ]
    assert "10:30–12:00 CET  Booth shift <b>OSGeo</b> [Personal]" in lines


def test_ics_keeps_each_programmes_session_apart(
    fosdem: tuple[Store, Trip], tmp_path: Path
) -> None:
    store, trip = fosdem
    data, _ = ics_document(store, trip, now=NOW)
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    by_title = {str(e["SUMMARY"]): e for e in events.values()}
    war = by_title["FOSS in times of war, scarcity and (adversarial) AI"]
    workshop = by_title["Signing <everything>: a hands-on workshop"]
    # The main programme keeps the UIDs of exports made before a second programme existed.
    assert str(war["UID"]) == make_uid("session", trip.id, WAR)
    assert str(workshop["UID"]) == make_uid("session", trip.id, f"fringe/{WAR}")
    assert str(war["DESCRIPTION"]).startswith("Programme: main · Interest: must")
    assert str(workshop["DESCRIPTION"]).startswith(
        "Programme: fringe · Interest: maybe · Reservation: waitlisted"
    )
    assert "Plan B: watch later" in str(by_title["The state of SBOMs"]["DESCRIPTION"])
    assert workshop.decoded("DTSTART") == parse_zoned(f"2026-01-30T14:00[{BRU}]")
    assert "Booth shift <b>OSGeo</b>" in by_title
    # Stable: the same export again has the same UIDs, and no UID twice.
    again, _ = ics_document(store, trip, now=NOW)
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")] == list(
        events
    )
    assert len(events) == len(list(cal.walk("VEVENT")))
    out = tmp_path / "fosdem.ics"
    out.write_bytes(data)
    run_icscheck(out)  # independent calendar programs read it (skips when not set up)


def test_report_lists_watch_later_and_attended_per_programme(fosdem: tuple[Store, Trip]) -> None:
    from markdown_it import MarkdownIt

    store, trip = fosdem
    svc.set_pick(store, trip, [GIT], attended=False, programme="main")
    md = report_document(store, trip, lang="en", now=AFTER, travel=False)
    tokens = MarkdownIt().parse(md)
    headings = [
        (tokens[i].tag, tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    h2 = [text for tag, text in headings if tag == "h2"]
    h3 = [text for tag, text in headings if tag == "h3"]
    assert h2.index("Sessions attended") < h2.index("Watch later")
    assert h3 == ["Programme: main", "Programme: fringe"]  # main first
    main = md[md.index("### Programme: main") : md.index("### Programme: fringe")]
    fringe = md[md.index("### Programme: fringe") : md.index("## Watch later")]
    assert "FOSS in times of war" in main and "Evolving Git" not in main  # marked not attended
    # The fringe: the panel attended live; the SBOM talk is to watch, not "attended".
    assert "Off the record" in fringe and "Signing" in fringe and "SBOMs" not in fringe
    later = md[md.index("## Watch later") :]
    assert "The state of SBOMs" in later
    assert "Recording: <https://video.fringe.example.org/2026/sbom.webm>" in later
    # The summary counts each session once, whatever its id repeats.
    assert "Attended 3 of 5 starred sessions;" in md
    html = report_document(store, trip, lang="en", now=AFTER, fmt="html", travel=False)
    assert 'href="https://video.fringe.example.org/2026/sbom.webm"' in html
    assert "Signing &lt;everything&gt;" in html
    ja = report_document(store, trip, lang="ja", now=AFTER, travel=False)
    assert "### プログラム: fringe" in ja
    assert "## 後で視聴" in ja
    assert "録画: <https://video.fringe.example.org/2026/sbom.webm>" in ja


# --- the demo, in Japanese too --------------------------------------------------------------


@pytest.fixture
def demo_two(tmp_path: Path) -> Iterator[tuple[Store, Trip]]:
    store, trip = demo_two_store(tmp_path)
    yield store, trip
    store.close()


def demo_two_store(tmp_path: Path) -> tuple[Store, Trip]:
    """The demo (San Francisco) with a second programme, "workshops", whose ids repeat the
    main programme's; registration needed on both "kn-1"s; a personal item across the
    clocks-forward night of 14 March 2027."""
    trip = example_trip(TODAY)
    store = Store.open(tmp_path / "store")
    store.put_trip(trip)
    main = [
        # The keynote is not recorded (the speaker opted out): attend it live.
        s.model_copy(update={"needs_registration": s.key == "kn-1", "recorded": s.key != "kn-1"})
        for s in sessions()
    ]
    store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=main))
    kn1 = next(s for s in main if s.key == "kn-1")
    workshops = [
        Session(
            key="kn-1",
            title="Hands-on: Kubernetes networking lab",
            start=at(f"2027-01-13T13:00[{SF}]"),
            end=at(f"2027-01-13T15:00[{SF}]"),
            room="Moscone West 2001",
            needs_registration=True,
        ),
        Session(
            key="lab-2",
            title="Recorded lab",
            start=kn1.start,
            end=kn1.end,
            room="Moscone West 2003",
            recorded=True,
            url="https://workshops.example.com/lab-2",
        ),
    ]
    store.put_schedule(
        trip.id, Schedule(source="w", format="csv", sessions=workshops), name="workshops"
    )
    svc.set_pick(store, trip, ["kn-1"], interest="must", programme="main")
    svc.set_pick(
        store, trip, ["kn-1"], interest="want", reservation="waitlisted", programme="workshops"
    )
    svc.set_starred(store, trip, ["lab-2"], True, programme="workshops")
    personal.add(
        store,
        trip,
        "Night bus to LA",
        parse_zoned(f"2027-03-14T01:30[{SF}]"),
        parse_zoned(f"2027-03-14T04:00[{SF}]"),
        place="Transbay Terminal",
    )
    personal.add(
        store,
        trip,
        "Call with the Tokyo office",
        parse_zoned("2027-01-13T09:00[Asia/Tokyo]"),
        parse_zoned("2027-01-13T09:30[Asia/Tokyo]"),
        kind="meeting",
    )
    return store, trip


def _row(days: list[Day], title: str) -> Row:
    return next(r for d in days for r in d.rows if r.title == title)


def test_demo_binder_in_english_and_japanese(demo_two: tuple[Store, Trip]) -> None:
    store, trip = demo_two
    en, _ = checklist_document(store, trip, fmt="html", lang="en", binder=True, now=NOW)
    ja, _ = checklist_document(store, trip, fmt="html", lang="ja", binder=True, now=NOW)
    for html, words in (
        (
            en,
            {
                "prog": "Programme: workshops",
                "must": "Interest: must",
                "want": "Interest: want",
                "wait": "Reservation: waitlisted",
                "later": "Plan B: watch later",
                "personal": "Personal",
                "call": "(Wed 13 Jan 09:00–09:30 JST)",
            },
        ),
        (
            ja,
            {
                "prog": "プログラム: workshops",
                "must": "関心: 必須",
                "want": "関心: 行きたい",
                "wait": "予約状況: キャンセル待ち",
                "later": "プランB: 後で録画を視聴",
                "personal": "個人の予定",
                "call": "(1月13日(水) 09:00–09:30 JST)",
            },
        ),
    ):
        days = agenda_days(html)
        lab = _row(days, "Hands-on: Kubernetes networking lab")
        assert lab.where.startswith(words["prog"])
        assert lab.picks == [words["want"], words["wait"]]
        assert lab.time == "13:00–15:00 PST"
        main_kn1 = next(r for d in days for r in d.rows if r.picks and r.picks[0] == words["must"])
        assert main_kn1.title != lab.title  # the two "kn-1"s are two rows
        recorded = _row(days, "Recorded lab")
        assert words["later"] in recorded.picks
        assert recorded.rec == "https://workshops.example.com/lab-2"
        bus = _row(days, "Night bus to LA")
        # Across the change to summer time: each end with its own zone.
        assert (bus.kind, bus.time, bus.tags) == (
            "personal-row",
            "01:30 PST–04:00 PDT",
            [words["personal"]],
        )
        assert bus.where == "Transbay Terminal"
        assert bus.given == ""  # typed in the venue's zone: one clock is enough
        # Typed in Tokyo time: the venue's clock first, and the one of the invitation, with
        # its date (already Wednesday in Tokyo).
        call = _row(days, "Call with the Tokyo office")
        assert (call.time, call.given) == ("16:00–16:30 PST", words["call"])
        assert days[0].rows[-1] is call  # Tuesday evening in San Francisco, the last row
    for english in ("Plan B", "Interest", "Reservation", "Programme", "Recording", "Personal"):
        assert english not in ja, english


def test_checklist_registers_for_each_programmes_session(demo_two: tuple[Store, Trip]) -> None:
    store, trip = demo_two
    text, _ = checklist_document(store, trip, fmt="text", lang="en", now=NOW)
    assert "Register for the session “Hands-on: Kubernetes networking lab”" in text
    kn1 = next(s for s in sessions() if s.key == "kn-1")
    assert f"Register for the session “{kn1.title}”" in text


def test_demo_ics_uids(demo_two: tuple[Store, Trip]) -> None:
    store, trip = demo_two
    data, _ = ics_document(store, trip, now=NOW)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert make_uid("session", trip.id, "kn-1") in uids
    assert make_uid("session", trip.id, "workshops/kn-1") in uids
    assert len(uids) == len(set(uids))
