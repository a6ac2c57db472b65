"""The binder as a traveller prints it: through the real services (checklist engine, guide,
airport catalog, the last refresh's change report), checked for structure in HTML, text and
Markdown (rendered by markdown-it), and printed by Chromium (../shared/tools/print-preview)
to check page numbers, the running header and day headings repeated on continuation pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_sample import NOW, SF, at, sessions
from testpaths import SHARED, TODAY
from trips import fosdem_via_frankfurt

from tripkit.core.models import Schedule, Session, Speaker, Trip
from tripkit.demo import example_trip
from tripkit.exporters.checklist_text import _width
from tripkit.services.export import checklist_document
from tripkit.store import Store

URL = re.compile(r"https?://[^\s<>\")\]]+")


class Outline(HTMLParser):
    """h2 titles in order, each day table's heading, and the text of the appendix."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.day_heads: list[str] = []
        self.text_outside_appendix: list[str] = []
        self.appendix: list[str] = []
        self.card: list[str] = []
        self._in: list[str] = []
        self._section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "section":
            self._section = cls
        self._in.append(tag)
        if tag == "table" and "day" in cls.split():
            self._in.append("daytable")

    def handle_endtag(self, tag: str) -> None:
        while self._in:
            top = self._in.pop()
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if "style" in self._in or not data.strip():
            return
        if self._in and self._in[-1] == "h2":
            self.h2.append(data.strip())
        if "thead" in self._in and "daytable" in self._in:
            self.day_heads.append(data.strip())
        if "appendix" in self._section:
            if "li" in self._in and self._in[-1] == "li":
                self.appendix.append(data.strip())  # a source's title (and date)
            elif self.appendix:
                self.appendix[-1] += " " + data.strip()  # its address
        else:
            self.text_outside_appendix.append(data)
        if "entry" in self._section:
            self.card.append(data.strip())


def demo_store(folder: Path, *, many: bool = False) -> tuple[Store, Trip]:
    trip = example_trip(TODAY)
    store = Store.open(folder)
    store.put_trip(trip)
    made = sessions()
    if many:  # enough starred sessions that a day runs over several printed pages
        made += [
            Session(
                key=f"x{i}",
                title=f"Talk {i}: containers at scale",
                start=at(f"2027-01-1{2 + i % 3}T{9 + i % 8:02d}:{i * 15 % 60:02d}[{SF}]"),
                end=at(f"2027-01-1{2 + i % 3}T{10 + i % 8:02d}:{i * 15 % 60:02d}[{SF}]"),
                room=f"Room {300 + i}",
                track="Talks",
                speakers=[Speaker(name=f"Speaker {i}")],
            )
            for i in range(45)
        ]
    store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=made))
    store.set_stars(trip.id, [s.key for s in made if s.key != "talk-4"] + ["talk-4"], True)
    store.set_note(trip.id, "kn-1", "Containers everywhere.\nAsk about the build cache.")
    return store, trip


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Store, Trip]:
    store, trip = demo_store(tmp_path / "store")
    yield store, trip
    store.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_binder_structure(demo: tuple[Store, Trip], lang: str) -> None:
    store, trip = demo
    html, _ = checklist_document(
        store, trip, fmt="html", lang=lang, binder=True, paper="A4", now=NOW
    )
    outline = Outline()
    outline.feed(html)
    want = {
        "en": [
            "Itinerary",
            "Key facts",
            "Agenda by day",
            "Checklist",
            "Destination guide",
            "Port-of-entry card",
            "Sources cited",
        ],
        "ja": [
            "旅程",
            "基本情報",
            "日別の予定表",
            "チェックリスト",
            "渡航先ガイド",
            "入国審査カード",
            "出典一覧",
        ],
    }[lang]
    assert outline.h2 == want  # the timeline comes first
    # Every day of the trip in the timeline, then each agenda day: as the table heading that
    # Chromium repeats on every page the day runs onto.
    days = list(outline.day_heads)
    first_days = {"en": "Mon 11 Jan 2027", "ja": "2027年1月11日(月)"}[lang]
    assert days[0] == first_days and len(days) == 6 + 3
    assert html.count('<thead><tr><th colspan="2">') == len(days)
    # Page numbers and a running header in the page margins.
    page = re.search(r"@page \{(.*?)\n\}", html, re.S)
    assert page and "counter(page)" in page.group(1) and "counter(pages)" in page.group(1)
    assert "@top-left" in page.group(1) and "size: A4" in page.group(1)
    # Every guide topic for the destination, not only three.
    guide = html[html.index('class="part guide"') : html.index('class="part entry"')]
    assert guide.count("<h3>") >= 6


def test_no_source_is_printed_twice(demo: tuple[Store, Trip]) -> None:
    store, trip = demo
    html, _ = checklist_document(store, trip, fmt="html", lang="en", binder=True, now=NOW)
    outline = Outline()
    outline.feed(html)
    assert len(outline.appendix) >= 10
    assert len(outline.appendix) == len(set(outline.appendix))  # each source once
    urls = {u for entry in outline.appendix for u in URL.findall(entry)}
    outside = "\n".join(outline.text_outside_appendix)
    assert not [u for u in urls if u in outside]  # items and notes cite "[n]" instead
    for fmt in ("text", "markdown"):
        text, _ = checklist_document(store, trip, fmt=fmt, lang="en", binder=True, now=NOW)
        head, _, appendix = text.partition("Sources cited")
        # No source list before the appendix (a guide detail such as "Official site: URL"
        # is content, not a source).
        assert not re.search(r"Sources:? [^\[\n]*https?://", head), fmt
        numbers = re.findall(r"^(?:\[(\d+)\]|(\d+)\.) ", appendix, re.M)
        assert [int(a or b) for a, b in numbers] == list(range(1, len(outline.appendix) + 1))


def test_done_items_are_one_line(demo: tuple[Store, Trip]) -> None:
    from tripkit.core.models import ItemState
    from tripkit.services.checklist import checklist_items

    store, trip = demo
    item = next(i for i in checklist_items(store, trip, "en", now=NOW) if i.sources and i.due)
    store.set_item_state(trip.id, item.id, ItemState(status="done"))
    text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=NOW)
    lines = text.splitlines()
    n = lines.index(f"[x] {item.title} (done)")
    assert lines[n + 1].startswith(("[", "")) and not lines[n + 1].startswith("    ")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_text_is_wrapped_to_80_columns(demo: tuple[Store, Trip], lang: str) -> None:
    store, trip = demo
    for binder in (False, True):
        text, _ = checklist_document(store, trip, fmt="text", lang=lang, binder=binder, now=NOW)
        long = [ln for ln in text.splitlines() if _width(ln) > 80 and not URL.fullmatch(ln.strip())]
        assert not long, long[:3]
    # The flight time is never split ("(9 / h 35 min)").
    assert re.search(r"\(9 h 35 min\)|\(9時間35分\)", text)
    # A narrower terminal gets narrower lines (the CLI passes its width).
    narrow, _ = checklist_document(
        store, trip, fmt="text", lang=lang, binder=True, now=NOW, width=60
    )
    assert max(_width(ln) for ln in narrow.splitlines() if not URL.search(ln)) <= 60


def test_markdown_renders_as_intended(demo: tuple[Store, Trip]) -> None:
    from markdown_it import MarkdownIt

    store, trip = demo
    md, _ = checklist_document(store, trip, fmt="markdown", lang="en", binder=True, now=NOW)
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)
    # A title is its own line: the due line follows after a line break, not in the title.
    titles = re.findall(r"<strong>([^<]+)</strong>(?: <em>\([^)]*\)</em>)?(<br />\nDue: )?", html)
    with_due = [t for t, due in titles if due]
    assert len(with_due) >= 5
    assert not re.search(r"</strong>(?: <em>[^<]*</em>)? Due: ", html)
    # Headings are headings, and no Markdown syntax is left showing.
    assert "<h2>Itinerary</h2>" in html and "<h2>Sources cited</h2>" in html
    assert "**" not in re.sub(r"<[^>]+>", "", html)
    assert "<table>" in html  # the entry card


def test_timeline_with_connections_and_the_whole_way_home(tmp_path: Path, corpus: Path) -> None:
    from tripkit.importers import parse

    trip = fosdem_via_frankfurt()
    with Store.open(tmp_path / "store") as store:
        store.put_trip(trip)
        path = corpus / "frab-xml" / "fosdem-2026.xml"
        schedule = parse(path.read_bytes(), source=str(path), venue_tz=trip.venue_tz)
        store.put_schedule(trip.id, schedule)
        janson = [s for s in schedule.sessions if s.room == "Janson"]
        store.set_stars(trip.id, [s.key for s in janson[:3]], True)
        now = datetime(2025, 12, 1, 9, 0, tzinfo=NOW.tzinfo)
        text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=now)
    timeline = text[text.index("Itinerary") : text.index("Key facts")]
    flat = " ".join(timeline.split())
    # Airport names, each time in its own zone, the home (Tokyo) time beside the others.
    assert "Flight LH711 NRT → FRA" in flat
    assert re.search(
        r"Arrives Frankfurt[^(]*\(FRA\) Thu 29 Jan 16:45 CET \(home Fri 30 Jan "
        r"00:45 JST\)",
        flat,
    )
    assert "Check in: Hotel near Flagey Place Flagey 1, 1050 Ixelles" in flat
    assert "09:00–12:00 CET Info desk, K" in flat  # badge pickup
    assert "Welcome to FOSDEM 2026" in flat  # a starred session
    assert "Free time" in flat
    card = text[text.index("Port-of-entry card") :]
    assert "Return flight: LH1007 BRU → FRA, Mon 2 Feb 2026 10:00 CET" in card
    assert "Connecting flight: LH710 FRA → NRT, Mon 2 Feb 2026 13:30 CET" in card


def test_agenda_shows_conflicts_changes_and_removed_sessions(tmp_path: Path) -> None:
    from tripkit.services.schedule import import_schedule

    trip = example_trip(TODAY)
    day = trip.conference.first_day
    src = tmp_path / "programme.xml"

    def frab(events: list[tuple[str, str, str, str]]) -> bytes:
        body = "".join(
            f'<event guid="{g}" id="{n}"><date>{day}T{t}:00-08:00</date><start>{t}</start>'
            f"<duration>01:00</duration><room>{room}</room><title>{title}</title>"
            f"<track>Ops</track><persons><person id='{n}'>Speaker {n}</person></persons>"
            "</event>"
            for n, (g, t, room, title) in enumerate(events, 1)
        )
        return (
            f"<schedule><conference><title>x</title><start>{day}</start><end>{day}</end>"
            f"<time_zone_name>{SF}</time_zone_name></conference>"
            f'<day index="1" date="{day}"><room name="r">{body}</room></day></schedule>'
        ).encode()

    first = [
        ("a", "10:00", "Room 1", "Alpha"),
        ("b", "10:30", "Room 2", "Beta"),
        ("c", "14:00", "Room 3", "Gamma"),
        ("d", "16:00", "Room 4", "Delta"),
    ]
    with Store.open(tmp_path / "store") as store:
        store.put_trip(trip)
        src.write_bytes(frab(first))
        import_schedule(store, trip, str(src))
        keys = {s.title: s.key for s in store.sessions(trip.id)}
        store.set_stars(trip.id, list(keys.values()), True)
        second = [first[0], first[1], ("c", "15:00", "Room 3", "Gamma")]  # moved; Delta gone
        src.write_bytes(frab(second))
        from tripkit.services.schedule import refresh_schedule

        refresh_schedule(store, trip)
        text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=NOW)
    agenda = text[text.index("Agenda by day") : text.index("Checklist (")]
    assert "    Room 1 · Ops · Speaker 1" in agenda  # room, track, speakers
    assert "    ! Conflict: Beta" in agenda and "    ! Conflict: Alpha" in agenda
    assert "    Changed: Moved (was Tue 12 Jan 2027 14:00 PST)" in agenda
    assert "Removed by the last refresh" in agenda
    assert "- Delta, Tue 12 Jan 2027 16:00 PST" in agenda


def test_hostile_trip_name_cannot_leave_the_page_header(demo: tuple[Store, Trip]) -> None:
    store, trip = demo
    evil = trip.model_copy(update={"name": 'x"; } </style><script>alert(1)</script>'})
    html, _ = checklist_document(store, evil, fmt="html", lang="en", binder=True, now=NOW)
    style = html[html.index("<style>") : html.index("</style>")]
    assert "<script>" not in html and "</style>" not in style
    assert '"; }' not in style


PREVIEW = SHARED / "tools" / "print-preview"


@pytest.mark.parametrize(("lang", "paper"), [("en", "A4"), ("ja", "letter")])
def test_printed_pages(tmp_path: Path, lang: str, paper: str) -> None:
    """Chromium's print: every page numbered with the running header; a day that runs onto
    a new page starts that page with its heading again."""
    if (
        not PREVIEW.exists()
        or shutil.which("chromium") is None
        or shutil.which("pdftotext") is None
    ):
        pytest.skip("print-preview, Chromium or pdftotext is not available here")
    store, trip = demo_store(tmp_path / "store", many=True)
    with store:
        html, _ = checklist_document(
            store, trip, fmt="html", lang=lang, binder=True, paper=paper, now=NOW
        )  # type: ignore[arg-type]
    page_file = tmp_path / "binder.html"
    page_file.write_text(html, encoding="utf-8")
    subprocess.run(
        [str(PREVIEW), str(page_file), str(tmp_path / "out")],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "out" / "print.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    total = len(pages)
    assert total > 8
    word = {"en": "Page", "ja": "ページ"}[lang]
    day = {"en": r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ Jan 2027", "ja": r"2027年1月\d+日\(.\)"}[lang]
    for n, text in enumerate(pages, 1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        assert lines[0].startswith("DockerCon SF (example trip)"), (n, lines[:2])  # header
        assert f"{word} {n} / {total}" in lines[-1], (n, lines[-1])
    # The timeline and the agenda (three crowded days) run over several pages: a page that
    # continues a day begins with that day's heading again, the one the page before ended in.
    repeats = 0
    for before, page in zip(pages, pages[1:], strict=False):
        days_before = _days(before, day)
        if days_before and _first_day(page, day) == days_before[-1]:
            repeats += 1
    assert repeats >= 2


def _days(page: str, pattern: str) -> list[str]:
    return [ln.strip() for ln in page.splitlines() if re.fullmatch(pattern, ln.strip())]


def _first_day(page: str, pattern: str) -> str | None:
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    return lines[1] if len(lines) > 1 and re.fullmatch(pattern, lines[1]) else None
