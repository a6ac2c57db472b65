"""`tripkit guide` and `tripkit data check` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from guide_helpers import SOURCE, write
from rich.cells import cell_len

from tripkit import paths
from tripkit.cli import main

# The CLI reads the real clock; a 10-year review age keeps these tests from depending on the
# date they run (staleness itself is tested with a fixed `now` in test_guide_service.py).
LONG_AGE = ["--max-age-months", "120"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def with_demo(runner: CliRunner) -> CliRunner:
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    return runner


def _guide_dir() -> Path:
    folder = paths.config_dir() / "guide"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_guide_without_a_trip_is_one_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["guide"])
    assert result.exit_code == 1
    assert "no trip yet" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_guide_topic_in_english(with_demo: CliRunner) -> None:
    result = with_demo.invoke(
        main, ["--lang", "en", "guide", "emergency", "--width", "80", *LONG_AGE]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "== Emergency and consulate ==" in out
    assert "* Emergency number: 911" in out
    assert "  Address: 275 Battery St., Suite 2100, San Francisco, CA 94111" in out
    assert "== Safety ==" not in out
    assert all(cell_len(line) <= 80 for line in out.splitlines())


def test_guide_in_japanese_fits_a_narrow_terminal(with_demo: CliRunner) -> None:
    result = with_demo.invoke(
        main, ["--lang", "ja", "guide", "transport", "--width", "40", *LONG_AGE]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "== 交通 ==" in lines
    assert "* BART(電車)でSFOから市中心部へ" in lines
    assert "  所要時間: 市中心部まで約30分" in lines
    assert max(cell_len(line) for line in lines) <= 40
    # Japanese lines are filled by cells: ~19 wide characters fill 38-40 cells.
    assert any(cell_len(line) >= 38 and len(line) <= 24 for line in lines)


def test_guide_json_lists_sources_and_flags(with_demo: CliRunner) -> None:
    result = with_demo.invoke(main, ["guide", "safety", "--json", *LONG_AGE])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["topic"] for s in data["sections"]] == ["safety"]
    note = data["sections"][0]["notes"][0]
    assert note["id"] == "sf-car-break-ins"
    assert note["reviewed"] == "2026-11-27"
    assert note["stale"] is False and note["fallback"] is False
    assert note["sources"][0]["date"] == "2023-12-23"


def test_guide_unknown_topic_is_a_usage_error(with_demo: CliRunner) -> None:
    result = with_demo.invoke(main, ["guide", "nightlife"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_broken_overlay_warns_and_the_guide_still_prints(with_demo: CliRunner) -> None:
    folder = _guide_dir()
    write(folder, "bad.yaml", "city: san-francisco\nnotes:\n  - id: Not An Id\n")
    write(
        folder,
        "mine.yaml",
        """city: san-francisco
notes:
  - id: my-note
    topic: safety
    title: {en: "Our hotel's side door closes at 22:00"}
    text: {en: "Use the main entrance at night."}
"""
        + SOURCE
        + """    reviewed: 2001-01-10
""",
    )
    result = with_demo.invoke(
        main, ["--lang", "ja", "guide", "safety", "--width", "100", *LONG_AGE]
    )
    assert result.exit_code == 0, result.output
    # Said in the language asked for (--lang ja), naming the file, line and field.
    assert f"オーバーレイを読み飛ばしました: {folder / 'bad.yaml'}:3: notes[0].id:" in result.stderr
    # The English-only, old overlay note is shown, marked as untranslated and stale.
    assert "* [EN] [要確認] [自分のメモ] Our hotel's side door closes at 22:00" in result.stdout
    assert "* 車上狙い:車内に何も残さない" in result.stdout


def test_data_check_passes_on_the_bundled_data(runner: CliRunner) -> None:
    result = runner.invoke(main, ["data", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")
    assert result.stdout.rstrip().endswith("files checked, no problems")
    checked = int(result.stdout.split()[1])
    assert checked >= 10  # the 10 guide files, plus the checklist rules and airports


def test_data_check_reports_every_problem_with_file_line_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = write(
        tmp_path,
        "team.yaml",
        """city: san-francisco
notes:
  - id: one
    topic: safety
    title: {en: "t", ja: "t"}
    text: {en: "x"}
    reviewed: 2026-13-01
  - id: two
    topic: transport
    title: {en: ""}
    text: {en: "y"}
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    result = runner.invoke(main, ["data", "check", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        f"{bad}:3: notes[0].sources: at least one source (title and url) is required" in lines
        or f"{bad}:3: notes[0].sources: this field is required" in lines
    )
    assert any(line.startswith(f"{bad}:7: notes[0].reviewed: ") for line in lines)
    assert any(line.startswith(f"{bad}:10: notes[1].title.en: ") for line in lines)
    assert lines[-1] == "3 problems in 1 file checked"
    assert "Traceback" not in result.output + result.stderr


def test_data_check_a_copied_data_folder_and_a_country_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(paths.bundled_data(), copy)
    country = copy / "countries" / "ca.yaml"
    country.write_text(
        country.read_text(encoding="utf-8").replace("validity_years: 5", "validity_years: 50"),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["data", "check", str(copy)])
    assert result.exit_code == 1
    assert "countries/ca.yaml:" in result.stderr
    assert (
        "authorisations[0].validity_years: Input should be less than or equal to 20"
        in result.stderr
    )
    single = runner.invoke(main, ["data", "check", str(country)])
    assert single.exit_code == 1
    missing = runner.invoke(main, ["data", "check", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr


def test_data_check_sees_the_users_overlays(runner: CliRunner) -> None:
    write(_guide_dir(), "x.yaml", "venue: nowhere\nnotes: []\n")
    result = runner.invoke(main, ["data", "check"])
    assert result.exit_code == 1
    assert "x.yaml:2: notes: " in result.stderr


def test_data_check_reads_checklist_rules_with_their_own_loader(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    bad = write(folder, "mine.yaml", "rules:\n  - id: my-rule\n    colour: red\n")
    result = runner.invoke(main, ["data", "check", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:")
    assert "Traceback" not in result.output + result.stderr


def test_review_age_from_the_settings(with_demo: CliRunner) -> None:
    from tripkit.store import Store

    store = Store.open(paths.data_dir())
    store.set_setting("guide.max_age_months", "1")
    store.close()
    write(
        _guide_dir(),
        "old.yaml",
        """city: san-francisco
notes:
  - id: month-old
    topic: apps
    title: {en: "Checked long ago", ja: "昔確認"}
    text: {en: "x", ja: "x"}
"""
        + SOURCE
        + """    reviewed: 2001-01-10
""",
    )
    result = with_demo.invoke(main, ["guide", "apps"])
    assert result.exit_code == 0, result.output
    assert "* [stale] [your note] Checked long ago" in result.stdout
    assert "Reviewed 2001-01-10 - older than the review age" in result.stdout
    assert "more than 1 month ago" in result.stdout


def test_data_check_reads_user_overlays_as_overlays(runner: CliRunner) -> None:
    write(
        _guide_dir(),
        "team.yaml",
        """city: san-francisco
notes:
  - id: team-meeting-point
    topic: venue
    title: {en: "Meet at the west lobby", ja: "西ロビーで集合"}
    text: {en: "Every morning at 8:30.", ja: "毎朝8:30。"}
    sources: [{title: "Team wiki", url: "https://wiki.example/trip"}]
    reviewed: 2026-11-20
""",
    )
    result = runner.invoke(main, ["data", "check"])
    assert result.exit_code == 0, result.stderr
    alone = runner.invoke(main, ["data", "check", str(_guide_dir() / "team.yaml")])
    assert alone.exit_code == 0, alone.stderr


def test_a_borders_facts_keep_their_own_lines(with_demo: CliRunner) -> None:
    # Wrong (the old output): a border's lines wrapped as one paragraph with no stop between
    # them: "...stays of up to 90 days) You hold ESTA (Visa Waiver Program)...", and for a
    # German through Dubai "You change planes at DXB tripkit does not know whether you can
    # stay airside": the reader cannot tell where the unknown starts, and may read "stay
    # airside" as what tripkit says to do.
    result = with_demo.invoke(main, ["--lang", "en", "guide", "entry", "--width", "80", *LONG_AGE])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, t in enumerate(lines) if t.startswith("* Entry to the United States at "))
    card = lines[start : lines.index("", start)]
    assert "  Citizens of Japan need ESTA (Visa Waiver Program) for the United States" in card
    assert any(
        line.startswith("  You hold ESTA (Visa Waiver Program), valid until") for line in card
    )
    assert not any("90 days) You hold" in line for line in card)
