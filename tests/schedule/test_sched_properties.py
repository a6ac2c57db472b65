"""Properties: the conflict sweep equals the brute-force all-pairs definition, and the
search index equals a plain normalised substring scan."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sched_helpers import at

from tripkit.core.agenda import conflicts
from tripkit.core.models import Session
from tripkit.core.search import SearchIndex, normalise, session_text

BASE = at("2026-01-13 09:00")

session_st = st.builds(
    lambda i, start, length, room: Session(
        key=f"s{i}",
        title=f"t{i}",
        start=BASE + timedelta(minutes=5 * start),
        end=BASE + timedelta(minutes=5 * (start + length)),
        room=room,
    ),
    st.integers(0, 10_000),
    st.integers(0, 40),
    st.integers(1, 24),
    st.sampled_from(["", "A", "B", "C"]),
)


def brute_force(sessions: list[Session], gap: timedelta) -> set[tuple[str, str, str]]:
    out = set()
    for a in sessions:
        for b in sessions:
            if a.key >= b.key:
                continue
            first, second = sorted((a, b), key=lambda s: (s.start, s.end, s.key))
            if second.start < first.end:
                out.add((first.key, second.key, "overlap"))
            elif (
                gap > timedelta(0)
                and first.room
                and second.room
                and first.room != second.room
                and second.start - first.end < gap
            ):
                out.add((first.key, second.key, "travel"))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(session_st, max_size=14, unique_by=lambda s: s.key), st.sampled_from([0, 5, 10]))
def test_sweep_finds_exactly_the_brute_force_pairs(sessions: list[Session], gap: int) -> None:
    got = {
        (c.first.key, c.second.key, c.kind)
        for c in conflicts(sessions, travel_gap=timedelta(minutes=gap))
    }
    assert got == brute_force(sessions, timedelta(minutes=gap))


WORDS = [
    "Café",
    "cafe",
    "Docker",
    "ドッカー",
    "ｺﾝﾃﾅ",
    "コンテナ",
    "が",
    "か",
    "k8s",
    "C++",
    "ＡＩ",
    "ai",
    "naïve",
    "straße",
    "-",
    " ",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map("".join), min_size=1, max_size=8),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join),
)
def test_index_equals_a_plain_scan(titles: list[str], query: str) -> None:
    sessions = [
        Session(key=f"s{i}", title=t, start=BASE, end=BASE + timedelta(hours=1))
        for i, t in enumerate(titles)
    ]
    index = SearchIndex(sessions, "America/Los_Angeles")
    terms = normalise(query).split()
    expected = {s.key for s in sessions if all(t in session_text(s) for t in terms)}
    assert {s.key for s in index.search(query)} == expected
