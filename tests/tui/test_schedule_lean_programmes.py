"""The Schedule screen's lean listing over every programme of a trip: it finds what the in-memory
search over all the programmes' sessions found (same sessions, same order, same filters), keeps
no Session model or search index alive, and shows each session in full from its own programme
when two programmes use the same id. FOSDEM 2026 (main), a fringe programme reusing FOSDEM's
ids, and for the search FOSDEM 2025 as a third programme (other days, many shared ids)."""

from __future__ import annotations

import gc
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tripkit.core.models import Session
from tripkit.core.search import Filters, SearchIndex
from tripkit.importers import parse
from tripkit.services.tui_support import ProgrammeListing
from tripkit.store import Store
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import screen_text, wait_until
from .fosdem import BRU, fosdem_store

QUERIES = ["", "docker", "linux kernel", "Fringe", "the", "e", "ab", "café", "ÜBER", "rust go"]


@pytest.fixture
def two(store: Store, corpus: Path) -> tuple[Store, object, list[str]]:
    trip, keys = fosdem_store(store, corpus)
    return store, trip, keys


@pytest.fixture
def three(two: tuple[Store, object, list[str]], corpus: Path) -> tuple[Store, object, list[str]]:
    store, trip, keys = two
    path = corpus / "frab-xml" / "fosdem-2025.xml"
    older = parse(path.read_bytes(), source=str(path), fmt=None, tz=None, venue_tz=BRU)
    store.put_schedule(trip.id, older, name="archive")  # type: ignore[attr-defined]
    return store, trip, keys


def test_search_over_every_programme_equals_the_in_memory_search(three) -> None:  # type: ignore[no-untyped-def]
    store, trip, _keys = three
    listing = ProgrammeListing(store, trip.id)
    assert listing.names == ["main", "archive", "fringe"]  # main first, then by name
    # What the screen did with whole models: every session tagged with its programme, in
    # (start, title, key, programme) order, one in-memory index in the first programme's zone.
    tagged = []
    for name in listing.names:
        stored = store.get_schedule(trip.id, name)
        assert stored is not None
        tagged.extend((s, name) for s in stored.schedule.sessions)
    tagged.sort(key=lambda x: (x[0].start, x[0].title, x[0].key, x[1]))
    assert [(r.programme, r.key) for r in listing.rows] == [(n, s.key) for s, n in tagged]
    zone = listing.zone(trip.venue_tz)
    assert zone == BRU
    index = SearchIndex([s for s, _n in tagged], zone)
    at = {id(s): i for i, (s, _n) in enumerate(tagged)}
    days = sorted({s.start.astimezone(ZoneInfo(zone)).date() for s, _n in tagged})
    assert len(days) >= 4  # two FOSDEMs
    filters = [
        Filters(),
        Filters(day=days[0]),
        Filters(day=days[-1]),
        Filters(track="Fringe"),
        Filters(room="Café"),
        Filters(language="de"),
        Filters(day=days[-1], language="en"),
    ]
    checked = 0
    for q in QUERIES:
        for f in filters:
            want = sorted(at[id(s)] for s in index.search(q, f))
            got = listing.search(
                q, day=f.day, zone=zone, track=f.track, room=f.room, language=f.language
            )
            assert got == want, (q, f)
            checked += bool(want)
    assert checked > 30  # most combinations find something: the equality is not vacuous
    fringe = listing.search("fringe: chaoss", day=None, zone=zone)
    assert [listing.rows[i].programme for i in fringe] == ["fringe"]


def _alive(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


async def test_detail_reads_each_session_from_its_own_programme(make_app, two) -> None:  # type: ignore[no-untyped-def]
    store, _trip, keys = two
    models, indexes = _alive(Session), _alive(SearchIndex)
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: bool(app.screen.query(SessionTable)))
        table = app.screen.query_one(SessionTable)
        await wait_until(pilot, lambda: table.row_count() > 100)
        assert len(table.rows) == sum(
            store.programmes.count(_trip.id, n) for n in ("main", "fringe")
        )
        # Nothing the screen keeps is a model or an in-memory index.
        assert _alive(Session) <= models and _alive(SearchIndex) <= indexes
        await pilot.press("slash", *"CHAOSS", "enter")
        await wait_until(pilot, lambda: table.visible_keys() == [f"fringe\x1f{keys[0]}"])
        await wait_until(pilot, lambda: "Room: Brasserie" in screen_text(app))
        text = screen_text(app)
        assert "Programme: fringe" in text and "Track: Fringe" in text
        # The main programme's session with the same id: its own title, room and speakers.
        main = store.programmes.session(_trip.id, keys[0])
        assert main is not None and main.room != "Brasserie"
        await pilot.press("ctrl+r", "slash", *main.title, "enter")
        await wait_until(pilot, lambda: table.cursor_key == keys[0])
        await wait_until(pilot, lambda: "Programme: main" in screen_text(app))
        text = screen_text(app)
        assert f"Room: {main.room}" in text and "Brasserie" not in text
        assert app._tk_schedule is None  # no programme was read as a whole
