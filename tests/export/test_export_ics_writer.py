"""The small .ics writer gives exactly the bytes icalendar's object model gives for the same
entries: on every corpus schedule (all starred, the real checklist, tasks too), and on text
built to hit each folding rule (multi-byte characters and escapes at the 75-octet edge)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from export_sample import NOW, SF, at, items, sessions
from test_export_icscheck import SCHEDULES
from testpaths import TODAY

from tripkit.core.models import Session, Trip
from tripkit.demo import example_trip
from tripkit.exporters.ics import Version, _fold, calendar_entries, render_ics
from tripkit.exporters.ics_reference import render_ics_icalendar
from tripkit.importers import parse


def both(entries: list, **kw: object) -> tuple[bytes, bytes]:  # type: ignore[type-arg]
    return (
        render_ics(entries, stamp=NOW, **kw),  # type: ignore[arg-type]
        render_ics_icalendar(entries, stamp=NOW, **kw),
    )  # type: ignore[arg-type]


def assert_same(ours: bytes, ref: bytes) -> None:
    if ours != ref:
        for n, (a, b) in enumerate(zip(ours.split(b"\r\n"), ref.split(b"\r\n"), strict=False)):
            assert a == b, f"line {n}: {a!r} != {b!r}"
        raise AssertionError("lengths differ")


@pytest.mark.parametrize("todos", [False, True])
def test_demo_trip_with_versions(demo_trip: Trip, todos: bool) -> None:
    entries = calendar_entries(demo_trip, sessions=sessions(), items=items(), todos=todos)
    versions = {
        e.uid: Version(i, NOW.astimezone(UTC) + timedelta(minutes=i)) for i, e in enumerate(entries)
    }
    assert_same(*both(entries, versions=versions, name="Trip; with, escapes\\ and 日本語"))


def test_folding_edges(demo_trip: Trip) -> None:
    titles = []
    for pad in range(60, 80):
        for tail in ("\\", ";", ",", "^", "é", "日本", "\n", "𝄞", "\\\\", "^^"):
            titles.append("x" * pad + tail + "y" * 90 + tail * 3)
            titles.append("é" * (pad // 2) + tail + "日" * 30)
    made = [
        Session(
            key=f"k{i}",
            title=t,
            abstract=t * 2,
            room=t[:50],
            start=at(f"2027-01-13T09:00[{SF}]"),
            end=at(f"2027-01-13T10:00[{SF}]"),
        )
        for i, t in enumerate(titles)
    ]
    entries = calendar_entries(demo_trip, sessions=made, include=["agenda"])
    assert_same(*both(entries))
    for t in titles:  # and each line on its own, against icalendar's folding function
        from icalendar.parser.string import _foldline

        line = "SUMMARY:" + t.replace("\n", "\\n")
        assert _fold(line) == _foldline(line)


@pytest.mark.corpus
@pytest.mark.parametrize("name", SCHEDULES)
def test_corpus_schedule_all_starred(name: str, corpus: Path) -> None:
    trip = example_trip(TODAY)
    path = corpus / name
    schedule = parse(path.read_bytes(), source=str(path), venue_tz=trip.venue_tz)
    entries = calendar_entries(trip, sessions=schedule.sessions, items=items())
    stamp = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    ours = render_ics(entries, stamp=stamp, name=schedule.title)
    assert_same(ours, render_ics_icalendar(entries, stamp=stamp, name=schedule.title))
    assert ours.count(b"BEGIN:VEVENT") == len(entries) - 0  # every entry written
