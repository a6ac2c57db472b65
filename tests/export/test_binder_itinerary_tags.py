"""The binder's itinerary labels a starred session's programme, interest, reservation and
plan B in the same words and tags as its agenda section (a session of the fringe event read in
the itinerary as if it were FOSDEM's, or a "must" read as any star, is the same wrong day).
FOSDEM 2026 from the corpus as "main" and a fringe programme sharing an id, as in
test_export_day."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_sample import NOW
from test_export_day import agenda_days, fosdem_store

from tripkit.core.models import Trip
from tripkit.services.export import checklist_document
from tripkit.store import Store


@dataclass
class Entry:
    time: str = ""
    title: str = ""
    where: str = ""
    picks: list[str] = field(default_factory=list)


class ItineraryParser(HTMLParser):
    """The session rows (tr.tl-session) of the binder's itinerary section."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self._stack: list[str] = []  # the classes of the open elements
        self._in = False
        self._entry: Entry | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        self._stack.append(cls)
        if tag == "section" and "itinerary" in cls.split():
            self._in = True
        if self._in and tag == "tr" and "tl-session" in cls.split():
            self._entry = Entry()
            self.entries.append(self._entry)
        if self._entry is not None and tag == "span" and "tag" in cls.split():
            self._entry.picks.append("")

    def handle_endtag(self, tag: str) -> None:
        cls = self._stack.pop() if self._stack else ""
        if tag == "section" and "itinerary" in cls.split():
            self._in = False
        if tag == "tr":
            self._entry = None

    def handle_data(self, data: str) -> None:
        e = self._entry
        if e is None:
            return
        classes = {c for cls in self._stack for c in cls.split()}
        if "picks" in classes:
            e.picks[-1] += data
        elif "where" in classes:
            e.where += data
        elif "time" in classes:
            e.time += data
        else:
            e.title += data


def itinerary_sessions(html: str) -> list[Entry]:
    parser = ItineraryParser()
    parser.feed(html)
    return parser.entries


@pytest.fixture
def fosdem(corpus: Path, tmp_path: Path) -> Iterator[tuple[Store, Trip]]:
    store, trip = fosdem_store(corpus, tmp_path)
    yield store, trip
    store.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_itinerary_sessions_say_what_the_agenda_says(fosdem: tuple[Store, Trip], lang: str) -> None:
    store, trip = fosdem
    html, _ = checklist_document(store, trip, fmt="html", lang=lang, binder=True, now=NOW)
    entries = itinerary_sessions(html)
    agenda = {
        (r.time, r.title): r for d in agenda_days(html) for r in d.rows if r.kind == "session-row"
    }
    assert len(entries) == len(agenda) == 5
    for e in entries:
        row = agenda[(e.time, e.title)]
        # The same programme label and the same word tags; the itinerary gives the room only
        # (the agenda adds track and speakers after it).
        assert e.picks == row.picks, e.title
        assert row.where.startswith(e.where), (e.where, row.where)
        assert e.where.split(" · ")[0] == row.where.split(" · ")[0]


def test_itinerary_words_in_english(fosdem: tuple[Store, Trip]) -> None:
    store, trip = fosdem
    html, _ = checklist_document(store, trip, fmt="html", lang="en", binder=True, now=NOW)
    by_title = {e.title: e for e in itinerary_sessions(html)}
    workshop = by_title["Signing <everything>: a hands-on workshop"]
    assert workshop.where == "Programme: fringe · BeCentral"
    assert workshop.picks == ["Interest: maybe", "Reservation: waitlisted"]
    war = by_title["FOSS in times of war, scarcity and (adversarial) AI"]
    assert war.where == "Programme: main · Janson"
    assert war.picks == ["Interest: must"]
    assert by_title["The state of SBOMs"].picks == ["Interest: want", "Plan B: watch later"]


def test_itinerary_words_in_japanese(fosdem: tuple[Store, Trip]) -> None:
    store, trip = fosdem
    html, _ = checklist_document(store, trip, fmt="html", lang="ja", binder=True, now=NOW)
    by_title = {e.title: e for e in itinerary_sessions(html)}
    workshop = by_title["Signing <everything>: a hands-on workshop"]
    assert workshop.where == "プログラム: fringe · BeCentral"
    assert workshop.picks == ["関心: 気になる", "予約状況: キャンセル待ち"]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_itineraries_say_them_too(fosdem: tuple[Store, Trip], fmt: str) -> None:
    store, trip = fosdem
    out, _ = checklist_document(store, trip, fmt=fmt, lang="en", binder=True, now=NOW)
    itinerary = out[: out.index("Agenda by day")]
    friday = itinerary[itinerary.index("Fri 30 Jan 2026") : itinerary.index("Sat 31 Jan 2026")]
    workshop = friday[friday.index("Signing") :]
    assert "Programme: fringe · BeCentral" in workshop
    assert "Interest: maybe · Reservation: waitlisted" in workshop
