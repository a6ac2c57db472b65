"""`--lang`, `--trip` and `--data-dir` work after the subcommand too (`tripkit guide --lang ja`).

People type an option where they think of it; refusing `tripkit guide --lang ja` with "No such
option" (as tripkit did) sends a Japanese reader back to English output for no reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _store_demo(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def test_lang_after_the_subcommand_is_the_same_as_before(demo_trip: Trip) -> None:
    _store_demo(demo_trip)
    before = run("--lang", "ja", "guide", "emergency")
    after = run("guide", "emergency", "--lang", "ja")
    assert before.exit_code == after.exit_code == 0, after.output
    assert after.output == before.output
    assert "緊急" in after.output


def test_lang_after_a_group_that_runs_as_a_command(demo_trip: Trip) -> None:
    _store_demo(demo_trip)
    result = run("checklist", "--phase", "arrive", "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "到着" in result.output and "Arrival" not in result.output


def test_trip_after_the_subcommand_names_the_trip(demo_trip: Trip) -> None:
    _store_demo(demo_trip)
    result = CliRunner().invoke(main, ["checklist", "--trip", "no-such-trip"])
    assert result.exit_code == 1
    assert "no-such-trip" in result.output


def test_a_commands_own_option_of_the_same_name_wins(demo_trip: Trip) -> None:
    # `export checklist --lang` is the export's own option: it must still choose the language.
    _store_demo(demo_trip)
    result = run("export", "checklist", "--format", "text", "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert "チェックリスト" in result.output


def test_data_dir_after_the_subcommand(tmp_path: Path, demo_trip: Trip) -> None:
    other = tmp_path / "other-home"
    result = run("demo", "--data-dir", str(other))
    assert result.exit_code == 0, result.output
    assert (other / "tripkit.db").exists()


def test_stdout_on_a_full_device_is_one_line_not_a_traceback(demo_trip: Trip) -> None:
    # `tripkit checklist > /dev/full` used to end in an OSError traceback.
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    _store_demo(demo_trip)
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "tripkit", "checklist"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "tripkit: cannot write the output: No space left on device"


def test_a_trip_of_a_japanese_traveller_is_shown_in_japanese(demo_trip: Trip) -> None:
    # A trip the user made with `language: ja` reads in Japanese without --lang each time.
    own = demo_trip.model_copy(deep=True, update={"id": "own-trip", "example": False})
    own.traveller.language = "ja"
    _store_demo(own)
    assert "到着" in run("checklist", "--phase", "arrive").output
    assert "Arrival" in run("--lang", "en", "checklist", "--phase", "arrive").output


def test_the_examples_made_up_traveller_does_not_choose_the_language(demo_trip: Trip) -> None:
    # The bundled example's traveller is Japanese; someone trying tripkit in English must
    # not get Japanese output because of it.
    assert demo_trip.example and demo_trip.traveller.language == "ja"
    _store_demo(demo_trip)
    assert "Arrival" in run("checklist", "--phase", "arrive").output
