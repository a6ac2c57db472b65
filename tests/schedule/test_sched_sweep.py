"""The conflict sweep (sort, then compare each session only with those starting before it
ends) finds exactly the pairs an all-pairs check finds: on random data with long sessions,
zero-length ones, ties, rooms differing only by case, and on a real congress programme."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tripkit.core.agenda import conflicts
from tripkit.core.models import Session
from tripkit.core.search import normalise
from tripkit.core.zoned import utc
from tripkit.importers import parse


def brute_force(sessions: list[Session], gap: timedelta) -> list[tuple[str, str, str]]:
    """Every pair, checked one by one: the reference."""
    live = sorted(
        (s for s in sessions if not s.cancelled), key=lambda s: (utc(s.start), utc(s.end), s.key)
    )
    out = []
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if utc(b.start) < utc(a.end):
                out.append((a.key, b.key, "overlap"))
            elif (
                gap > timedelta(0)
                and a.room
                and b.room
                and normalise(a.room) != normalise(b.room)
                and utc(b.start) - utc(a.end) < gap
            ):
                out.append((a.key, b.key, "travel"))
    return out


def sweep(sessions: list[Session], gap: timedelta) -> list[tuple[str, str, str]]:
    return [(c.first.key, c.second.key, c.kind) for c in conflicts(sessions, travel_gap=gap)]


@pytest.mark.parametrize("seed", range(12))
def test_sweep_equals_all_pairs_on_random_data(seed: int) -> None:
    rnd = random.Random(seed)
    zones = [ZoneInfo("Europe/Brussels"), ZoneInfo("America/Los_Angeles"), ZoneInfo("UTC")]
    base = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)  # the US clocks go back that night
    sessions = []
    for i in range(rnd.randint(0, 250)):
        start = base + timedelta(minutes=5 * rnd.randint(0, 400))
        length = rnd.choice([0, 5, 25, 30, 55, 60, 90, 24 * 60])
        zone = rnd.choice(zones)
        sessions.append(
            Session(
                key=f"s{i}",
                title=f"t{i}",
                start=start.astimezone(zone),
                end=(start + timedelta(minutes=max(length, 0))).astimezone(zone),
                room=rnd.choice(["", "A", "a", "B", "Hall C", " "]),
                cancelled=rnd.random() < 0.1,
            )
        )
    for gap in (timedelta(0), timedelta(minutes=5), timedelta(minutes=30)):
        assert sweep(sessions, gap) == brute_force(sessions, gap)


def test_sweep_equals_all_pairs_on_a_congress(corpus: Path) -> None:
    data = (corpus / "frab-xml/38c3.xml").read_bytes()
    schedule = parse(data, source="38c3.xml", fmt=None, tz=None, venue_tz="Europe/Berlin")
    found = sweep(schedule.sessions, timedelta(minutes=5))
    assert found == brute_force(schedule.sessions, timedelta(minutes=5))
    assert len(found) > 1000  # everything starred: a congress is full of conflicts


def test_agenda_summarises_many_conflicts(corpus: Path, home_store: object) -> None:
    """With every session of a congress starred, `schedule agenda` gives counts per day
    (not thousands of pairs); --all lists every pair; few conflicts are listed as before."""
    from click.testing import CliRunner

    from tripkit.cli import main

    runner = CliRunner()
    path = str(corpus / "frab-xml/38c3.xml")
    assert runner.invoke(main, ["schedule", "import", path]).exit_code == 0
    assert runner.invoke(main, ["schedule", "star", "--all"]).exit_code == 0
    short = runner.invoke(main, ["schedule", "agenda"])
    assert short.exit_code == 0, short.stderr
    pairs = [line for line in short.stdout.splitlines() if line.startswith(("conflict:", "tight:"))]
    assert pairs == []
    counts = [line for line in short.stdout.splitlines() if "overlapping" in line]
    assert 4 <= len(counts) <= 5  # the four congress days (in the demo's Pacific zone)
    total = int(short.stdout.split(" conflicts; per day:")[0].splitlines()[-1])
    assert (
        sum(
            int(line.split(": ")[1].split(" ")[0]) + int(line.split(", ")[1].split(" ")[0])
            for line in counts
        )
        == total
    )
    assert "schedule agenda --all" in short.stdout
    full = runner.invoke(main, ["schedule", "agenda", "--all"])
    listed = [line for line in full.stdout.splitlines() if line.startswith(("conflict:", "tight:"))]
    assert len(listed) == total


def test_moved_change_line_keeps_the_zone_name() -> None:
    """Issue 14, bug 4: a move is printed with both times, not cut at the "/" of the zone."""
    from tripkit.cli.schedule import _change_line
    from tripkit.core.reimport import Change

    span_old = (
        "2026-12-10T09:00:00-08:00[America/Los_Angeles]/"
        "2026-12-10T10:00:00-08:00[America/Los_Angeles]"
    )
    span_new = (
        "2026-12-10T11:00:00-08:00[America/Los_Angeles]/"
        "2026-12-10T12:00:00-08:00[America/Los_Angeles]"
    )
    line = _change_line(
        Change("moved", "k", "Keynote", span_new.split("]/")[0] + "]", False, span_old, span_new),
        "America/Los_Angeles",
        "en",
    )
    assert "[America" not in line
    assert "09:00" in line and "11:00" in line and "PST" in line
