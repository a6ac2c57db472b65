"""Agenda logic: conflicts among all pairs, travel gap, now/next in the venue zone, search."""

from __future__ import annotations

from datetime import date, timedelta

from sched_helpers import at, mk

from tripkit.core.agenda import by_day, conflicting_keys, conflicts, now_next, select_keys
from tripkit.core.search import Filters, SearchIndex, build_index, normalise

VENUE = "America/Los_Angeles"


def pairs(found: list) -> list[tuple[str, str, str]]:
    return [(c.first.key, c.second.key, c.kind) for c in found]


# --- conflicts ---------------------------------------------------------------------------


def test_a_long_session_conflicts_with_every_session_it_spans() -> None:
    # A spans B and C, which do not overlap each other: a neighbours-only check misses A-C.
    a = mk("A", "2026-01-13 10:00", "2026-01-13 12:00", room="Hall 1")
    b = mk("B", "2026-01-13 10:15", "2026-01-13 10:45", room="Hall 2")
    c = mk("C", "2026-01-13 11:00", "2026-01-13 11:30", room="Hall 2")
    found = conflicts([c, b, a])
    assert pairs(found) == [("A", "B", "overlap"), ("A", "C", "overlap")]
    assert found[0].overlap == timedelta(minutes=30)
    assert conflicting_keys(found) == {"A": ["B", "C"], "B": ["A"], "C": ["A"]}


def test_three_mutual_overlaps_give_three_pairs() -> None:
    s = [mk(k, "2026-01-13 10:00", "2026-01-13 11:00", room=k) for k in "XYZ"]
    assert pairs(conflicts(s)) == [
        ("X", "Y", "overlap"),
        ("X", "Z", "overlap"),
        ("Y", "Z", "overlap"),
    ]


def test_travel_gap_between_rooms() -> None:
    d = mk("D", "2026-01-13 13:00", "2026-01-13 14:00", room="Room 2001")
    e = mk("E", "2026-01-13 14:00", "2026-01-13 15:00", room="Room 3022")  # back to back
    f = mk("F", "2026-01-13 15:04", "2026-01-13 16:00", room="Room 2001")  # 4 min later
    g = mk("G", "2026-01-13 16:05", "2026-01-13 17:00", room="Room 3022")  # 5 min later
    found = conflicts([d, e, f, g], travel_gap=timedelta(minutes=5))
    assert pairs(found) == [("D", "E", "travel"), ("E", "F", "travel")]
    assert found[1].gap == timedelta(minutes=4)
    # Without a travel gap, back-to-back sessions are fine anywhere.
    assert conflicts([d, e, f, g], travel_gap=timedelta(0)) == []


def test_same_room_back_to_back_and_unknown_rooms_are_fine() -> None:
    a = mk("A", "2026-01-13 13:00", "2026-01-13 14:00", room="Room 2001")
    b = mk("B", "2026-01-13 14:00", "2026-01-13 15:00", room="ROOM 2001")
    c = mk("C", "2026-01-13 15:00", "2026-01-13 16:00", room="")
    assert conflicts([a, b, c]) == []


def test_cancelled_sessions_do_not_conflict() -> None:
    a = mk("A", "2026-01-13 10:00", "2026-01-13 11:00")
    b = mk("B", "2026-01-13 10:00", "2026-01-13 11:00", cancelled=True)
    assert conflicts([a, b]) == []


def test_overlap_is_by_instant_across_zones() -> None:
    # 10:00-11:00 in San Francisco is 13:00-14:00 in New York: they overlap.
    a = mk("A", "2026-01-13 10:00", "2026-01-13 11:00", room="R1")
    b = mk("B", "2026-01-13 13:30", "2026-01-13 14:30", room="R2", zone="America/New_York")
    assert pairs(conflicts([a, b])) == [("A", "B", "overlap")]


# --- now / next --------------------------------------------------------------------------


def day_sessions() -> list:
    return [
        mk("late", "2026-01-13 23:30", "2026-01-14 00:30"),  # crosses midnight in SF
        mk("eve", "2026-01-13 17:00", "2026-01-13 18:00"),
        mk("morning1", "2026-01-14 09:00", "2026-01-14 10:00", room="Hall 1"),
        mk("morning2", "2026-01-14 09:00", "2026-01-14 09:45", room="Hall 2"),
        mk("gone", "2026-01-13 20:00", "2026-01-13 21:00", cancelled=True),
    ]


def test_now_next_across_a_day_boundary() -> None:
    s = day_sessions()
    # 19:00 in SF is 12:00 the next day in Tokyo: the instant is what counts.
    nn = now_next(s, at("2026-01-14 12:00", "Asia/Tokyo"))
    assert nn.now == []
    assert [x.key for x in nn.next] == ["late"]  # the cancelled one is skipped
    # Just after midnight in SF: the late session is still on; next are both 9:00 talks.
    nn = now_next(s, at("2026-01-14 00:10"))
    assert [x.key for x in nn.now] == ["late"]
    assert [x.key for x in nn.next] == ["morning1", "morning2"]
    assert nn.next_start == at("2026-01-14 09:00")
    # After the last session: nothing next.
    nn = now_next(s, at("2026-01-14 10:00"))
    assert (nn.now, nn.next) == ([], [])


def test_start_is_inclusive_and_end_exclusive() -> None:
    s = day_sessions()
    assert [x.key for x in now_next(s, at("2026-01-13 17:00")).now] == ["eve"]
    assert now_next(s, at("2026-01-13 18:00")).now == []


def test_days_are_venue_days() -> None:
    s = day_sessions()
    days = by_day(s, VENUE)
    assert list(days) == [date(2026, 1, 13), date(2026, 1, 14)]
    assert [x.key for x in days[date(2026, 1, 13)]] == ["eve", "gone", "late"]
    # In Tokyo the same sessions fall on the 14th and 15th.
    assert list(by_day(s, "Asia/Tokyo")) == [date(2026, 1, 14), date(2026, 1, 15)]


def test_select_keys_for_bulk_star() -> None:
    s = [
        mk("a", "2026-01-13 10:00", "2026-01-13 11:00", track="Cloud Native"),
        mk("b", "2026-01-13 23:30", "2026-01-14 00:30", track="cloud native"),
        mk("c", "2026-01-14 10:00", "2026-01-14 11:00", track="Security"),
    ]
    assert select_keys(s, VENUE, track="CLOUD NATIVE") == ["a", "b"]
    assert select_keys(s, VENUE, day=date(2026, 1, 13)) == ["a", "b"]
    assert select_keys(s, VENUE, day=date(2026, 1, 14), track="Security") == ["c"]


# --- search ------------------------------------------------------------------------------


def sample_index() -> SearchIndex:
    return build_index(
        [
            mk(
                "cafe",
                "2026-01-13 10:00",
                "2026-01-13 11:00",
                title="Café culture in Zürich",
                track="Community",
                room="Salle Dvořák",
                languages=("fr",),
            ),
            mk(
                "docker",
                "2026-01-13 11:00",
                "2026-01-13 12:00",
                title="Docker Compose deep dive",
                speakers=("Ada Lovelace",),
                abstract="Multi-stage builds and caching.",
                track="Containers",
                languages=("en-US",),
            ),
            mk(
                "ja1",
                "2026-01-13 23:30",
                "2026-01-14 00:30",
                title="コンテナの基礎",
                speakers=("山田 太郎",),
                abstract="データベースをコンテナで動かす",
                track="Containers",
                room="Room 2001",
                languages=("ja",),
            ),
            mk(
                "ja2",
                "2026-01-14 09:00",
                "2026-01-14 10:00",
                title="かんたん入門",
                track="入門",
                room="Room 2002",
                languages=("ja",),
            ),
            mk(
                "compose",
                "2026-01-14 10:00",
                "2026-01-14 11:00",
                title="Orchestration talk",
                abstract="We compare with docker compose.",
                track="Containers",
                room="Room 2001",
                languages=("en",),
            ),
        ],
        VENUE,
    )


def keys(found: list) -> list[str]:
    return [s.key for s in found]


def test_search_ignores_case_and_accents() -> None:
    idx = sample_index()
    assert keys(idx.search("cafe")) == ["cafe"]
    assert keys(idx.search("CAFÉ")) == ["cafe"]
    assert keys(idx.search("zurich dvorak")) == ["cafe"]  # title and room, both words needed
    assert keys(idx.search("lovelace")) == ["docker"]  # speakers
    assert keys(idx.search("caching")) == ["docker"]  # abstract


def test_search_japanese_and_width_folding() -> None:
    idx = sample_index()
    assert keys(idx.search("コンテナ")) == ["ja1"]
    assert keys(idx.search("ｺﾝﾃﾅ")) == ["ja1"]  # half-width katakana
    assert keys(idx.search("ﾃﾞｰﾀ")) == ["ja1"]  # half-width with a voiced mark
    assert keys(idx.search("山田")) == ["ja1"]
    assert keys(idx.search("ＤＯＣＫＥＲ")) == ["docker", "compose"]  # full-width Latin
    # Voicing marks are not accents: が is not か.
    assert keys(idx.search("かんたん")) == ["ja2"]
    assert keys(idx.search("がんたん")) == []
    assert normalise("ＲＯＯＭ　２００１") == "room 2001"


def test_title_matches_come_first() -> None:
    idx = sample_index()
    # "compose" is in the title of one and the abstract of the other (which starts later).
    assert keys(idx.search("docker compose")) == ["docker", "compose"]
    assert keys(idx.search("compose")) == ["docker", "compose"]
    assert keys(idx.search("orchestration")) == ["compose"]


def test_filters() -> None:
    idx = sample_index()
    # Day in the venue's zone: the 23:30 session is on the 13th in San Francisco.
    assert keys(idx.search("", Filters(day=date(2026, 1, 13)))) == ["cafe", "docker", "ja1"]
    assert keys(idx.search("", Filters(track="containers"))) == ["docker", "ja1", "compose"]
    assert keys(idx.search("", Filters(room="room 2001"))) == ["ja1", "compose"]
    assert keys(idx.search("", Filters(language="EN"))) == ["docker", "compose"]  # en-US too
    assert keys(idx.search("docker", Filters(day=date(2026, 1, 14)))) == ["compose"]
    assert keys(idx.search("", Filters(track="入門", language="ja"))) == ["ja2"]
    assert keys(idx.search("nothing-like-this")) == []


def test_conflicts_and_now_across_the_spring_forward_gap() -> None:
    # 8 Mar 2026, San Francisco: clocks jump from 02:00 PST to 03:00 PDT.
    a = mk("A", "2026-03-08 01:30", "2026-03-08 03:30", room="R1")  # one real hour
    b = mk("B", "2026-03-08 03:00", "2026-03-08 04:00", room="R2")
    assert a.duration == timedelta(hours=1)
    found = conflicts([a, b])
    assert pairs(found) == [("A", "B", "overlap")]
    assert found[0].overlap == timedelta(minutes=30)
    # 10:15 UTC is 03:15 PDT: both are running.
    nn = now_next([a, b], at("2026-03-08 10:15", "UTC"))
    assert [s.key for s in nn.now] == ["A", "B"]


def test_days_across_the_date_line() -> None:
    # 17:00 on the 12th in San Francisco is 10:00 on the 13th in Tokyo.
    s = mk("x", "2027-01-12 17:00", "2027-01-12 18:00")
    idx = build_index([s], VENUE)
    assert keys(idx.search("", Filters(day=date(2027, 1, 12)))) == ["x"]
    assert keys(idx.search("", Filters(day=date(2027, 1, 13)))) == []
    assert list(by_day([s], "Asia/Tokyo")) == [date(2027, 1, 13)]
