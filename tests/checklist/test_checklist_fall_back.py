"""Order and overlap by instant in the hour the clocks go back (America/Los_Angeles,
Sunday 1 Nov 2026: 01:00-01:59 happens twice, first PDT (UTC-7), then PST (UTC-8))."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tripkit.core.agenda import by_day, conflicts, now_next, starred_sessions
from tripkit.core.checklist import sort_items
from tripkit.core.models import ChecklistItem, Schedule, Session
from tripkit.core.reimport import diff_schedules
from tripkit.core.zoned import parse_zoned

LA = "America/Los_Angeles"


def at(text: str) -> datetime:
    return parse_zoned(text)


# A: 01:30 PDT (08:30 UTC) to 01:20 PST (09:20 UTC), 50 minutes.
# B: 01:15 PST (09:15 UTC) to 02:00 PST (10:00 UTC): starts 45 min after A, by the clock
# 15 minutes "before" it. They overlap 5 minutes, 09:15-09:20 UTC.
A = Session(
    key="a",
    title="A",
    room="Hall 1",
    start=at("2026-11-01T01:30:00-07:00[America/Los_Angeles]"),
    end=at("2026-11-01T01:20:00-08:00[America/Los_Angeles]"),
)
B = Session(
    key="b",
    title="B",
    room="Hall 2",
    start=at("2026-11-01T01:15:00-08:00[America/Los_Angeles]"),
    end=at("2026-11-01T02:00:00-08:00[America/Los_Angeles]"),
)


def test_the_fixture_is_what_it_says() -> None:
    assert A.start.tzinfo is B.start.tzinfo  # same zone: Python would compare wall clocks
    assert B.start < A.start  # ...and get it backwards
    assert A.start.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert B.start.astimezone(UTC) == datetime(2026, 11, 1, 9, 15, tzinfo=UTC)


def test_agenda_orders_and_overlaps_by_instant() -> None:
    assert [s.key for s in starred_sessions([B, A], {"a", "b"})] == ["a", "b"]
    assert [s.key for s in by_day([B, A], LA)[A.start.date()]] == ["a", "b"]
    found = conflicts([B, A])
    assert [(c.first.key, c.second.key, c.kind) for c in found] == [("a", "b", "overlap")]
    assert found[0].overlap == timedelta(minutes=5)
    assert found[0].gap == timedelta(minutes=-5)
    # 01:17 PST: both run; 01:25 PST: A (ended 01:20 PST) is over.
    both = now_next([A, B], datetime(2026, 11, 1, 9, 17, tzinfo=UTC))
    assert [s.key for s in both.now] == ["a", "b"]
    later = now_next([A, B], at("2026-11-01T01:25:00-08:00[America/Los_Angeles]"))
    assert [s.key for s in later.now] == ["b"]
    before = now_next([A, B], at("2026-11-01T01:40:00-07:00[America/Los_Angeles]"))
    assert [s.key for s in before.now] == ["a"] and [s.key for s in before.next] == ["b"]


def test_moving_a_session_across_the_repeated_hour_is_a_move() -> None:
    # One hour later, same wall clocks: 01:10-01:40 PDT becomes 01:10-01:40 PST.
    early = Session(
        key="c",
        title="C",
        start=at("2026-11-01T01:10:00-07:00[America/Los_Angeles]"),
        end=at("2026-11-01T01:40:00-07:00[America/Los_Angeles]"),
    )
    moved = early.model_copy(
        update={
            "start": at("2026-11-01T01:10:00-08:00[America/Los_Angeles]"),
            "end": at("2026-11-01T01:40:00-08:00[America/Los_Angeles]"),
        }
    )
    assert (early.start, early.end) == (moved.start, moved.end)  # Python: equal wall clocks
    report = diff_schedules(
        Schedule(source="s", format="csv", sessions=[early]),
        Schedule(source="s", format="csv", sessions=[moved]),
    )
    assert [c.kind for c in report.changes] == ["moved"]


def test_checklist_items_sort_by_instant() -> None:
    first = ChecklistItem(id="first", phase="venue", title="First", due=A.start)
    second = ChecklistItem(id="second", phase="venue", title="Second", due=B.start)
    assert [i.id for i in sort_items([second, first])] == ["first", "second"]
