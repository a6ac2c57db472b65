"""The printable checklist and binder: golden text, Markdown and HTML; escaping of hostile text;
what the binder adds."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from export_golden import check_golden
from export_sample import HOSTILE_TITLES, NOW, at, items, sessions
from markdown_it import MarkdownIt

from tripkit.core.models import ChecklistItem, Session, Trip
from tripkit.exporters.binder import BinderExtras, GuideNote, GuidePage, SourceView
from tripkit.exporters.checklist_html import checklist_html
from tripkit.exporters.checklist_text import checklist_markdown, checklist_text
from tripkit.exporters.text import md_escape

GUIDE = [
    GuidePage(
        "Safety",
        (
            GuideNote(
                "Car break-ins",
                "Leave nothing in a car.\nNot even for 3 minutes.",
                sources=(SourceView("SF SAFE", "https://sfsafe.org", "no date"),),
                reviewed="Fri 27 Nov 2026",
            ),
        ),
    ),
    GuidePage(
        "Getting around",
        (
            GuideNote(
                "BART from SFO",
                "Powell St is nearest to Moscone.",
                details=(("Time", "about 30 minutes"),),
                stale=True,
            ),
        ),
    ),
]


def extras(guide: list[GuidePage] | None = GUIDE) -> BinderExtras:
    return BinderExtras(
        sessions=sessions(), notes={"kn-1": "Great talk.\nSlides: later"}, guide=guide
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_golden_text(demo_trip: Trip, lang: str) -> None:
    check_golden(f"checklist-{lang}.txt", checklist_text(demo_trip, items(), lang=lang, now=NOW))


def test_golden_binder_text_and_markdown(demo_trip: Trip) -> None:
    check_golden(
        "binder-en.txt", checklist_text(demo_trip, items(), lang="en", now=NOW, extras=extras())
    )
    check_golden(
        "binder-en.md", checklist_markdown(demo_trip, items(), lang="en", now=NOW, extras=extras())
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_golden_html(demo_trip: Trip, lang: str) -> None:
    html = checklist_html(demo_trip, items(), lang=lang, now=NOW, extras=extras(), paper="A4")
    check_golden(f"binder-{lang}.html", html)


def test_text_has_facts_progress_dual_times_and_reasons(demo_trip: Trip) -> None:
    text = checklist_text(demo_trip, items(), lang="en", now=NOW)
    lines = text.splitlines()
    assert "Citizenship: Japan" in lines
    assert "Dates: Tue 12 Jan 2027 – Thu 14 Jan 2027" in lines
    # each flight time in its own zone
    assert (
        "NH8: departs NRT Mon 11 Jan 2027 17:05 JST, arrives SFO Mon 11 Jan 2027 09:40 PST "
        "(9 h 35 min); booking EXMPL1"
    ) in " ".join(text.split())  # wrapped at 80
    assert "Checklist (1 of 7 done, 1 skipped)" in lines
    # A due time abroad shows the home time beside it; one at home shows once.
    assert "    Due: Mon 11 Jan 2027 18:00 PST (Tue 12 Jan 2027 11:00 JST)" in lines
    assert "    Due: Tue 15 Dec 2026 09:00 JST" in lines
    # A done item is one line: no due date, reasons or sources under it.
    esta = lines.index("[x] Apply for ESTA (done)")
    assert lines[esta + 1].startswith("[")
    assert "[-] Buy travel insurance (skipped: company policy covers it)" in lines
    assert "    Why: Badge desk closes at 18:00 the day before" in lines
    assert "- Apply for a UK ETA: You do not travel through the UK" in lines
    # Phases in trip order, the not-needed item outside them.
    order = [ln for ln in lines if ln.endswith(("/3)", "/1)"))]
    assert order == [
        "Before you go (1/3)",
        "Departure (0/1)",
        "In flight (0/1)",
        "Arrival (0/1)",
        "After the trip (0/1)",
    ]


def test_japanese_text(demo_trip: Trip) -> None:
    text = checklist_text(demo_trip, items(), lang="ja", now=NOW)
    assert "チェックリスト (7件中1件完了、1件スキップ)" in text
    assert "期限: 2027年1月11日(月) 18:00 PST (2027年1月12日(火) 11:00 JST)" in text


def test_binder_adds_agenda_guide_and_entry_card(demo_trip: Trip) -> None:
    text = checklist_text(demo_trip, items(), lang="en", now=NOW, extras=extras())
    assert "09:00–10:30 PST  Opening keynote" in text
    assert "    Note: Great talk.\n    Slides: later" in text
    assert "16:00–16:30 PST  Cancelled talk (cancelled)" in text
    assert "* BART from SFO (check again: reviewed long ago)" in text
    assert "Purpose of visit: Business: attending the DockerCon (example) conference" in text
    assert "Length of stay: 5 days (Mon 11 Jan 2027 – Fri 15 Jan 2027)" in text
    assert "    滞在期間: 5日間(2027年1月11日(月) – 2027年1月15日(金))" in text
    assert "Return flight: NH7 SFO → NRT, Fri 15 Jan 2027 11:25 PST" in text
    assert "Address of stay: Example hotel near Yerba Buena Gardens, (example) 3rd St" in text


def test_binder_without_guide_says_so(demo_trip: Trip) -> None:
    text = checklist_text(demo_trip, items(), lang="en", now=NOW, extras=extras(guide=None))
    assert "The destination guide is not available in this version of tripkit" in text


# --- hostile text --------------------------------------------------------------------------


def hostile(demo_trip: Trip) -> tuple[Trip, list[ChecklistItem], BinderExtras]:
    trip = demo_trip.model_copy(update={"name": HOSTILE_TITLES[0]})
    evil_items = [
        ChecklistItem(id=f"x{n}", phase="prepare", title=t, details=t, reason=t)
        for n, t in enumerate(HOSTILE_TITLES)
    ]
    base = sessions()[0]
    evil_sessions = [
        base.model_copy(
            update={"key": f"s{n}", "title": t, "room": t, "url": "javascript:alert(1)"}
        )
        for n, t in enumerate(HOSTILE_TITLES)
    ]
    guide = [
        GuidePage(
            HOSTILE_TITLES[1],
            (
                GuideNote(
                    HOSTILE_TITLES[0],
                    HOSTILE_TITLES[1],
                    sources=(SourceView(HOSTILE_TITLES[1], "", ""),),
                ),
            ),
        )
    ]
    notes = {"s0": HOSTILE_TITLES[1]}
    return trip, evil_items, BinderExtras(sessions=evil_sessions, notes=notes, guide=guide)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_export_of_hostile_titles_has_no_live_markup(demo_trip: Trip) -> None:
    trip, evil_items, evil = hostile(demo_trip)
    html = checklist_html(trip, evil_items, lang="en", now=NOW, extras=evil)
    parser = Elements()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a, _ in parser.attrs if a.startswith("on")]
    assert not [v for a, v in parser.attrs if a == "href" and v and not v.startswith("https://")]
    # ...and the titles are shown, as text.
    text = "".join(parser.text)
    for title in HOSTILE_TITLES:
        assert title in text
    # Self-contained: nothing is fetched when the page is opened or printed.
    assert not {"link", "iframe", "object", "embed"} & set(parser.tags)
    assert "url(" not in html and "@import" not in html


def test_markdown_escapes_hostile_text(demo_trip: Trip) -> None:
    trip, evil_items, evil = hostile(demo_trip)
    md = checklist_markdown(trip, evil_items, lang="en", now=NOW, extras=evil)
    # Render it as a Markdown viewer would (CommonMark with raw HTML allowed, tables on).
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    parser = Elements()
    parser.feed(rendered)
    assert "script" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    for title in HOSTILE_TITLES:
        assert title in text
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\[@click=app.quit\]x\[/\]" in md
    assert "javascript:" not in md


def test_text_export_removes_terminal_escapes(demo_trip: Trip) -> None:
    item = ChecklistItem(id="esc", phase="prepare", title="Bad \x1b[2J\x1b]0;pwned\x07title\u202e")
    text = checklist_text(demo_trip, [item], lang="en", now=NOW)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "[ ] Bad [2J]0;pwnedtitle" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("- not a bullet", r"\- not a bullet"),
        (
            "a *b* _c_ `d` [e](f) <g> & h | i ~j~",
            r"a \*b\* \_c\_ \`d\` \[e\](f) \<g\> \& h \| i \~j\~",
        ),
        ("plain 3.5 text - fine", "plain 3.5 text - fine"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_session_times_in_the_agenda_are_at_the_venue(demo_trip: Trip) -> None:
    # A schedule published in another zone still prints at the venue, with the zone label.
    s = Session(
        key="utc",
        title="Remote talk",
        start=at("2027-01-13T18:00[UTC]"),
        end=at("2027-01-13T18:30[UTC]"),
    )
    text = checklist_text(
        demo_trip, [], lang="en", now=NOW, extras=BinderExtras(sessions=[s], guide=[])
    )
    assert "Wed 13 Jan 2027\n---------------\n10:00–10:30 PST  Remote talk" in text
