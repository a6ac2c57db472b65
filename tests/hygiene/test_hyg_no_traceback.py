"""Issue 14 #6: an unreadable data folder, a session in year 9999 at export and a typo in the
user's own checklist file each gave a traceback (or blocked every checklist and export);
now one clear message, and everything else keeps working."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.zoned import get_zone, localize
from tripkit.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions apply. Tests run as root in CI, and root
    reads any folder; dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv) keeps uid 0
    but makes mode 000 mean "cannot read", as it does for the user."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder unreadable")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.parametrize(
    ("inner", "command"),
    [
        ("", ["trip", "list"]),
        ("", ["checklist"]),
        ("sub", ["schedule", "list"]),
        ("sub", ["config", "list"]),
    ],
)
def test_unreadable_data_folder_is_one_message(
    tmp_path: Path, inner: str, command: list[str]
) -> None:
    # TRIPKIT_HOME on a folder of another user (or mode 000): Path.exists() raised
    # PermissionError and the user got a 30-line traceback instead of the reason.
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    home = locked / inner if inner else locked
    try:
        done = subprocess.run(
            [*_without_root_powers(), sys.executable, "-m", "tripkit", *command],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TRIPKIT_HOME": str(home)},
        )
    finally:
        locked.chmod(0o700)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"tripkit: {home}: cannot look into the data folder "
        "(Permission denied); check its permissions. Nothing was "
        "changed."
    )
    assert "damaged" not in done.stderr


def _late_trip(demo_trip: Trip) -> Trip:
    kiritimati = get_zone("Pacific/Kiritimati")  # UTC+14: the last place on Earth to 9999
    start = localize(datetime.fromisoformat("9999-12-31T20:00"), kiritimati)
    end = localize(datetime.fromisoformat("9999-12-31T23:00"), kiritimati)
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
        store.put_schedule(
            demo_trip.id,
            Schedule(
                source="t",
                format="csv",
                sessions=[
                    Session(key="late", title="Last talk", start=start, end=end, room="Hall")
                ],
            ),
        )
    assert run("schedule", "star", "late").exit_code == 0
    return demo_trip


def test_session_in_year_9999_exports_to_ics_and_binder(demo_trip: Trip) -> None:
    # A date typed as 9999 (or a far-future placeholder from a CMS): `export ics` died with
    # "ValueError: year 10001 is out of range" while building the VTIMEZONE.
    _late_trip(demo_trip)
    ics = run("export", "ics")
    assert ics.exit_code == 0, ics.output
    assert "DTSTART;TZID=Pacific/Kiritimati:99991231T200000" in ics.stdout
    assert "BEGIN:VTIMEZONE" in ics.stdout
    for fmt in ("html", "text", "markdown"):
        binder = run("export", "checklist", "--binder", "--format", fmt)
        assert binder.exit_code == 0, binder.output
        assert "Last talk" in binder.stdout
        # Not a "No plans" page for every day from 2026 to 9999 (98 s and 2.9 million days).
        assert binder.stdout.count("No plans") < 100


def test_typo_in_a_user_checklist_file_skips_that_file_only(demo_trip: Trip) -> None:
    # One misspelt key in <config>/checklists/mine.yaml made `tripkit checklist` and every
    # export fail, so a typo took the whole checklist away two days before departure.
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    (folder / "good.yaml").write_text(
        "rules:\n  - id: pack-badge-holder\n    phase: prepare\n    kind: reminder\n"
        "    title: {en: Pack the badge holder}\n",
        encoding="utf-8",
    )
    (folder / "mine.yaml").write_text(
        "rules:\n  - id: my-thing\n    phase: prepare\n    kind: reminder\n"
        "    title: {en: Pack the thing}\n    phse: prepare\n",
        encoding="utf-8",
    )
    for args in (("checklist",), ("export", "checklist"), ("export", "ics")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert f"checklist file skipped: {folder / 'mine.yaml'}:6: rules[0].phse" in result.stderr
    ja = run("--lang", "ja", "checklist")
    assert ja.exit_code == 0 and "チェックリストのファイルを読み飛ばしました" in ja.stderr
    listed = run("checklist").stdout
    assert "Pack the badge holder" in listed  # the good file still counts
    assert "Pack the thing" not in listed
    assert "Apply for ESTA" in listed or "ESTA" in listed  # the bundled rules too
    # A later command that reads no rules (same process, as in the TUI) repeats no warning.
    assert "skipped" not in run("trip", "list").stderr


@pytest.mark.parametrize("command", [["trip", "import"], ["trip", "new", "--from"]])
def test_a_fifo_given_as_a_trip_file_is_refused_instead_of_hanging(
    tmp_path: Path, command: list[str]
) -> None:
    # `tripkit trip import <(ssh host cat trip.yaml)` with a writer that never comes: the
    # read waited forever. A real process with a timeout, so a hang fails the test.
    fifo = tmp_path / "trip.fifo"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tripkit", *command, str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        env=os.environ.copy(),
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"tripkit: {fifo}: this is not a regular file")
