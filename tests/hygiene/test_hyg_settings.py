"""Issue 14 #7: `guide.max_age_months` is honoured by the binder too, and `trip export -o`
writes whole or not at all, never clobbering an existing file unasked."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.core.zoned import get_zone, localize
from tripkit.services.export import checklist_document
from tripkit.services.trips import parse_trip_yaml
from tripkit.store import Store


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def current(demo_trip: Trip) -> Trip:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
    return demo_trip


def _stale_marks(trip: Trip, now: datetime) -> int:
    with Store.open(paths.data_dir()) as store:
        text, _ = checklist_document(store, trip, fmt="text", lang="en", binder=True, now=now)
    return text.count("check again: reviewed long ago")


def test_binder_marks_stale_notes_by_the_users_review_age(current: Trip) -> None:
    # The user asked for notes older than 3 months to be flagged (`tripkit config set
    # guide.max_age_months 3`); the printed binder ignored it and presented 7-month-old
    # advice on entry rules as current.
    later = localize(datetime.fromisoformat("2027-06-30T12:00"), get_zone("Asia/Tokyo"))
    assert run("config", "set", "guide.max_age_months", "1200").exit_code == 0
    assert _stale_marks(current, later) == 0
    assert run("config", "set", "guide.max_age_months", "3").exit_code == 0
    assert _stale_marks(current, later) > 0


def test_trip_export_refuses_to_clobber_and_writes_whole(current: Trip, tmp_path: Path) -> None:
    # `trip export -o notes.yaml` silently replaced an existing file, and wrote in place: a
    # full disk or a crash left half a trip file where the user's file had been.
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "trip.yaml"
    out.write_text("my own notes\n", encoding="utf-8")
    refused = run("trip", "export", "-o", str(out))
    assert refused.exit_code == 1
    assert "the file exists; use --force to replace it" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    done = run("trip", "export", "-o", str(out), "--force")
    assert done.exit_code == 0, done.output
    assert parse_trip_yaml(out.read_text(encoding="utf-8"), str(out)) == current
    assert [p.name for p in out.parent.iterdir()] == ["trip.yaml"]  # no temporary file left


def test_trip_export_to_a_folder_or_a_missing_folder_is_one_message(
    current: Trip, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "trip.yaml"
    result = run("trip", "export", "-o", str(missing))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not missing.exists()


def test_trip_export_to_a_fifo_streams_instead_of_replacing_it(
    current: Trip, tmp_path: Path
) -> None:
    # `-o /dev/stdout` or a named pipe: the special file is written to, never replaced by a
    # regular file (which would break the reader's pipe).
    out = tmp_path / "null-link"
    out.symlink_to(os.devnull)
    result = run("trip", "export", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.is_symlink()
