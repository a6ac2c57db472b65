"""click's usage errors in the user's language: in Japanese one line on stderr (what is wrong,
where the usage is), exit code 2; English keeps click's own text. Also the trip file's field
problems (`trip import`) in Japanese."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tripkit.cli import main

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_unknown_option_is_one_japanese_line_from_the_real_entry_point(tmp_path: Path) -> None:
    env = {**os.environ, "TRIPKIT_HOME": str(tmp_path / "home")}
    # The installed `tripkit` script (beside this interpreter): the usage names it.
    script = Path(sys.executable).parent / "tripkit"
    if not script.exists():
        pytest.skip("no installed tripkit script beside the interpreter")
    proc = subprocess.run(
        [str(script), "--lang", "ja", "schedule", "list", "--bogus"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "tripkit: 「--bogus」というオプションはありません。"
        "（使い方は tripkit schedule list --help）"
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # a near miss is named
        (
            ["--lang", "ja", "schedule", "list", "--dya", "2027-01-12"],
            "「--dya」というオプションはありません。--day のことですか？",
        ),
        # --lang typed after the token click stopped at still counts
        (
            ["schedule", "list", "--bogus", "--lang", "ja"],
            "「--bogus」というオプションはありません。",
        ),
        (["--lang", "ja", "schedule", "show"], "引数 KEY を指定してください。"),
        (
            ["--lang", "ja", "schedule", "interest", "often", "k1"],
            "LEVEL には must, want, maybe のいずれかを指定してください。",
        ),
        (["--lang=ja", "frobnicate"], "「frobnicate」というコマンドはありません。"),
        (["--lang", "ja", "schedule", "list", "--day"], "オプション --day には値が必要です。"),
        (["--lang", "ja", "schedule", "show", "a", "b"], "余分な引数があります: b"),
        (
            ["--lang", "ja", "schedule", "list", "--day", "2027-13-01"],
            "--day の値が正しくありません: '2027-13-01' は 2026-01-13 の形の日付ではありません",
        ),
    ],
)
def test_usage_errors_in_japanese(args: list[str], said: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("tripkit: ") and said in lines[0]
    assert "Usage" not in err and "Error" not in err


def test_a_tripkit_option_check_in_japanese(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert run("--data-dir", home, "demo")[0] == 0
    code, _out, err = run("--data-dir", home, "--lang", "ja", "export", "ics", "--include", "meals")
    assert code == 2
    assert err.splitlines() == [
        "tripkit: --include の値が正しくありません: meals: agenda,flights,stays,checklist "
        "から選んでください（使い方は main export ics --help）"
    ]


def test_the_configured_language_is_used_without_lang(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert run("--data-dir", home, "config", "set", "lang", "ja")[0] == 0
    code, _out, err = run("--data-dir", home, "schedule", "list", "--bogus")
    assert code == 2 and err.startswith("tripkit: 「--bogus」というオプションはありません。")


def test_english_keeps_clicks_own_text() -> None:
    code, _out, err = run("--lang", "en", "schedule", "list", "--bogus")
    assert code == 2
    assert "Usage:" in err and "schedule list [OPTIONS]" in err
    assert "No such option" in err
    assert not JAPANESE.search(err)


def test_a_group_without_its_command_still_shows_its_help() -> None:
    code, _out, err = run("--lang", "ja", "schedule")
    assert code == 2 and "\nコマンド:\n" in err and "Commands:" not in err  # in Japanese


def test_trip_import_field_problems_in_japanese(tmp_path: Path) -> None:
    bad = tmp_path / "trip.yaml"
    bad.write_text("id: x\nname: y\nnickname: z\n", encoding="utf-8")
    code, _out, err = run(
        "--data-dir", str(tmp_path / "home"), "--lang", "ja", "trip", "import", str(bad)
    )
    assert code == 1
    # The misspelt key comes first, said in Japanese, with the file and line.
    assert err.strip() == (
        f"tripkit: {bad}:3: nickname: 不明な項目です（綴りを確認してください）"
        " (ほかに 2 件の問題があります)"
    )
    bad.write_text("id: x\nname: y\n", encoding="utf-8")
    _code, _out, err = run(
        "--data-dir", str(tmp_path / "home"), "--lang", "ja", "trip", "import", str(bad)
    )
    assert "traveller: この項目は必須です" in err


@pytest.mark.parametrize(
    ("line", "fix", "said"),
    [
        ("example: false", "example: maybe", "example: true か false で書いてください"),
        ("  first_day: 2027-01-12", "  first_day: soon", "first_day: 日付ではありません"),
        ("  - JP", "  - NO", "citizenships[0]: 文字列で書いてください(YAML は no/yes/on/off"),
        ("  name: Conf", '  name: ""', "conference.name: 空にはできません"),
        (
            "  last_day: 2027-01-14",
            "  last_day: 2027-01-10",
            "conference: カンファレンスの最終日が初日より前になっています",
        ),
    ],
)
def test_trip_file_value_problems_in_japanese(
    tmp_path: Path, line: str, fix: str, said: str
) -> None:
    good = TRIP.replace("example: true", "example: false")
    assert line in good
    path = tmp_path / "trip.yaml"
    path.write_text(good.replace(line, fix, 1), encoding="utf-8")
    home = str(tmp_path / "home")
    code, _out, err = run("--data-dir", home, "--lang", "ja", "trip", "import", str(path))
    assert code == 1
    assert said in err, err
    # English keeps pydantic's (or the model's) own words.
    _code, _out, err = run("--data-dir", home, "--lang", "en", "trip", "import", str(path))
    assert not JAPANESE.search(err), err


TRIP = """\
id: conf-trip
name: Conf trip
example: true
traveller:
  name: Ana Example
  citizenships:
  - JP
  home_country: JP
  home_tz: Asia/Tokyo
  passport:
    expires: 2030-01-01
conference:
  name: Conf
  first_day: 2027-01-12
  last_day: 2027-01-14
  venue:
    name: Hall
    city: Berlin
    country: DE
    tz: Europe/Berlin
"""


def test_the_sample_trip_file_imports(tmp_path: Path) -> None:
    # The file the cases above break is a good one: each case fails for its own reason.
    path = tmp_path / "trip.yaml"
    path.write_text(TRIP.replace("example: true", "example: false"), encoding="utf-8")
    code, _out, err = run("--data-dir", str(tmp_path / "home"), "trip", "import", str(path))
    assert code == 0, err


@pytest.mark.parametrize("command", ["import", "refresh", "share", "receive"])
def test_lazily_loaded_schedule_commands_take_the_global_options_too(
    tmp_path: Path, command: str
) -> None:
    # Wrong (the old answer): `tripkit schedule import FILE --lang ja` said there was no
    # option --lang, while `tripkit checklist --lang ja` and `tripkit schedule list --lang ja`
    # took it: the commands the schedule group loads on first use had no global options.
    code, out, err = run(
        "--data-dir", str(tmp_path / "home"), "schedule", command, "--help", "--lang", "ja"
    )
    assert code == 0 and "--lang" not in err
    assert "使い方:" in out and JAPANESE.search(out)
