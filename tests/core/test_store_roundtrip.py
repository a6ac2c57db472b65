"""The store never accepts what it cannot read back (issue 14, bug 1): a programme dated in
local mean time (offsets with seconds) is stored and every command reads it afterwards; a
time that has no UTC year (0001-01-01 in Tokyo) is refused at write with a message, and the
store is left as it was."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from tripkit.cli import main
from tripkit.core.models import Schedule, Session, Trip
from tripkit.errors import StoreError
from tripkit.store import Store

CSV = """date,start,end,title,room
0001-01-01,09:00,10:00,Founding of the city,Hall
1026-05-01,09:00,10:00,Millennium talk,Hall
2027-01-12,09:00,10:00,Keynote,Hall
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_local_mean_time_programme_stays_usable(tmp_path: Path) -> None:
    assert run("demo")[0] == 0  # the demo's venue is in America/Los_Angeles
    path = tmp_path / "old.csv"
    path.write_text(CSV)
    code, out, err = run("schedule", "import", str(path))
    assert code == 0, err
    assert "Imported 3 sessions" in out
    code, out, err = run("schedule", "star", "--all")
    assert code == 0, err
    for args in (
        ["schedule", "list"],
        ["schedule", "list", "--json", "--day", "1026-05-01"],
        ["schedule", "agenda"],
        ["schedule", "search", "millennium"],
        ["trip", "list"],
        ["checklist"],
        ["schedule", "import", str(path)],
    ):
        code, out, err = run(*args)
        assert code == 0, (args, err)
    code, out, _ = run("schedule", "list", "--json", "--day", "0001-01-01")
    assert '"start": "0001-01-01T09:00:00-07:52:58"' in out
    code, _, err = run("trip", "delete", "dockercon-sf-example", "--yes")
    assert code == 0, err


def test_unreadable_time_is_refused_at_write(store: Store, demo_trip: Trip) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    store.put_trip(demo_trip)
    good = Session(
        key="ok",
        title="Keynote",
        start=datetime(2027, 1, 12, 9, tzinfo=tokyo),
        end=datetime(2027, 1, 12, 10, tzinfo=tokyo),
    )
    store.put_schedule(demo_trip.id, Schedule(source="s", format="csv", sessions=[good]))
    # Built without validation (as a buggy importer could): year 0 in UTC.
    bad = Session.model_construct(
        key="bad",
        title="Year zero",
        start=datetime(1, 1, 1, 0, 0, tzinfo=tokyo),
        end=datetime(1, 1, 1, 1, 0, tzinfo=tokyo),
        speakers=[],
        languages=[],
        room="",
        track="",
        type="",
        abstract="",
        url="",
        subtitle="",
        needs_registration=False,
        cancelled=False,
    )
    with pytest.raises(StoreError, match="'bad'.*cannot be stored"):
        store.put_schedule(demo_trip.id, Schedule(source="t", format="csv", sessions=[good, bad]))
    kept = store.get_schedule(demo_trip.id)
    assert kept is not None and kept.schedule.source == "s"
    assert [s.key for s in kept.schedule.sessions] == ["ok"]
