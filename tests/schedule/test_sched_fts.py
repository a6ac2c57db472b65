"""Search in SQLite FTS5 gives exactly what the in-memory search (core.search) gives, on
every real schedule of the corpus, for English words, German umlauts (folded or not),
Japanese, and one- and two-letter queries (which the trigram index cannot serve)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.search import Filters, build_index
from tripkit.importers import parse
from tripkit.services.schedule import day_range
from tripkit.store import Query, Store

ZONE = "Europe/Brussels"
QUERIES = [
    "docker",
    "Security",
    "the",
    "linux kernel",
    "open source",
    "talk",
    "workshop",
    "Überwachung",
    "uberwachung",
    "ÜBER",
    "straße",
    "strasse",
    "café",
    "cafe",
    "コンテナ",
    "セキュリティ",
    "東京",
    "a",
    "e",
    "x",
    "ab",
    "k8",
    "de",
    "ai",
    "io",
    "rust go",
    "a e",
    '"quoted"',
    "c++",
    "100%",
    "_",
    "NOT",
    "AND OR",
    "*",
]
CORPUS_FILES = sorted(
    p
    for p in (Path(__file__).resolve().parents[3] / "shared/corpus/schedules").glob("*/*")
    if p.is_file()
)


@pytest.fixture
def trip(store: Store, demo_trip: Trip) -> Trip:
    trip = demo_trip.model_copy(deep=True)
    trip.conference.venue.tz = ZONE
    store.put_trip(trip)
    return trip


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/schedules is absent")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fts_equals_todays_search_on_the_corpus(path: Path, store: Store, trip: Trip) -> None:
    schedule = parse(path.read_bytes(), source=str(path), fmt=None, tz=None, venue_tz=ZONE)
    store.put_schedule(trip.id, schedule)
    index = build_index(schedule.sessions, ZONE)
    for q in QUERIES:
        want = [s.key for s in index.search(q)]
        got = [s.key for s in store.programmes.find(trip.id, Query(q))]
        assert got == want, q
    # And with a day filter (a day in the venue's zone, whatever the sessions' zones).
    middle = index.sessions[len(index.sessions) // 2]
    day = middle.start.astimezone(ZoneInfo(ZONE)).date()
    for q in ("", "e", "the"):
        want = [s.key for s in index.search(q, Filters(day=day))]
        got = [s.key for s in store.programmes.find(trip.id, Query(q, day_range(day, ZONE)))]
        assert got == want, (q, day)
        assert got or q  # the day of a session has at least that session


def test_short_and_odd_queries_on_small_data(store: Store, trip: Trip) -> None:
    """Substrings inside words, Japanese without spaces, accents and width folded."""
    tz = ZoneInfo(ZONE)

    def mk(key: str, title: str, hour: int, **kw: object) -> Session:
        return Session(
            key=key,
            title=title,
            start=datetime(2026, 2, 1, hour, tzinfo=tz),
            end=datetime(2026, 2, 1, hour + 1, tzinfo=tz),
            **kw,
        )  # type: ignore[arg-type]

    sessions = [
        mk("a", "Überwachung im Netz", 9, room="Saal 1"),
        mk("b", "コンテナ入門", 10, abstract="ＤＯＣＫＥＲ とｶﾀｶﾅ"),
        mk("c", "Café culture", 11, track="Social"),
        mk("d", "Ops", 12),
    ]
    store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=sessions))

    def find(q: str) -> list[str]:
        return [s.key for s in store.programmes.find(trip.id, Query(q))]

    assert find("uberwachung") == ["a"]
    assert find("WACH") == ["a"]  # a substring inside a word
    assert find("テナ") == ["b"]  # two characters: no trigram, still found
    assert find("docker") == ["b"]  # full width folded
    assert find("カタカナ") == ["b"]  # half-width kana folded
    assert find("cafe") == ["c"]
    assert find("p") == ["d"]  # one letter: a scan of the folded texts
    assert find("ops") == ["d"]
    assert find("social") == ["c"]  # the track is searched
    assert find("saal") == ["a"]  # the room is searched
    assert find('"') == []
