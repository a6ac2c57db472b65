"""Bad rule files: one clear DataError naming the file, the line and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tripkit.catalog.rules import load_rules, rule_files
from tripkit.cli import main
from tripkit.errors import DataError
from tripkit.paths import bundled_data

GOOD = """\
rules:
  - id: first
    phase: prepare
    kind: reminder
    title: {en: First}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(*paths: Path) -> str:
    with pytest.raises(DataError) as info:
        load_rules(paths)
    return str(info.value)


def test_bundled_rules_load() -> None:
    rules = load_rules(rule_files(bundled_data() / "checklists"))
    assert len(rules.rules) == 31
    assert rules.origins["esta-apply"].endswith("20-united-states.yaml:6")


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         due: {anchor: departur, before: 72h}
     """,
            6,
            "rules[0].due.anchor: unknown anchor 'departur'; known: booking, departure",
        ),
        (
            """\
     rules:
       - id: x
         phase: packing
         kind: reminder
         title: {en: X}
     """,
            3,
            "rules[0].phase: unknown phase 'packing'; known: prepare, depart, in-flight",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         when:
           all:
             - destination_in: [US]
             - citizenship: [JP]
     """,
            9,
            "rules[0].when.all[1]: unknown predicate 'citizenship'; known: all, any, not",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         title: {en: X}
     """,
            2,
            "rules[0]: a rule stating a fact needs sources (or kind: reminder if it states none)",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         due: {anchor: departure, before: 3 days}
     """,
            6,
            "rules[0].due.before: '3 days' is not a duration like 90m, 72h, 14d or 2w",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: "Go to {venu}"}
     """,
            5,
            "rules[0].title: unknown placeholder {venu}",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X, ja: "{city:>999999999}"}
     """,
            5,
            "rules[0].title: placeholder {city} takes no format or conversion",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         when: {destination_in: [US], abroad: true}
     """,
            6,
            "rules[0].when: a condition has exactly one key, this one has 2",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         titel: {en: X}
     """,
            5,
            "rules[0].titel: unknown field (check its spelling)",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         depends_on: [first, nothing-like-it]
     """,
            6,
            "rules[0].depends_on[1]: depends on unknown rule 'nothing-like-it'",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         phase: venue
     """,
            4,
            "key 'phase' appears twice in the same mapping (first on line 3)",
        ),
        (
            """\
     rules:
       - id: x
         title: {en: X
     """,
            4,
            "YAML syntax",
        ),
        (
            """\
     rules:
       - id: x
         phase: prepare
         kind: reminder
         title: {en: X}
         depends_on: [y]
       - id: y
         phase: prepare
         kind: reminder
         title: {en: Y}
         depends_on: [x]
     """,
            11,
            "rules[1].depends_on: dependency cycle: x -> y -> x",
        ),
    ],
)
def test_bad_rule_file(tmp_path: Path, body: str, line: int, message: str) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    bad = write(tmp_path, "b.yaml", body)
    text = error_of(first, bad)
    assert text.startswith(f"{bad}:{line}: "), text
    assert message in text


def test_duplicate_ids_across_files_name_both(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", "# again\n" + GOOD)
    assert error_of(first, second) == (
        f"{second}:3: rules[0].id: rule id 'first' is already used at {first}:2"
    )


def test_not_a_mapping_and_not_utf8(tmp_path: Path) -> None:
    listed = write(tmp_path, "a.yaml", "- id: x\n")
    assert error_of(listed) == f"{listed}:1: expected a mapping with a 'rules:' list"
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"rules:\n  - id: \xff\n")
    assert error_of(binary) == f"{binary}: not UTF-8 text"


def test_empty_file_has_no_rules(tmp_path: Path) -> None:
    assert load_rules([write(tmp_path, "a.yaml", "# nothing yet\n")]).rules == []


def test_cli_reports_a_bad_user_rule_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    (config / "checklists").mkdir(parents=True)
    bad = write(
        config / "checklists",
        "team.yaml",
        """\
        rules:
          - id: team-visa
            phase: prepare
            kind: reminder
            title: {en: Team visa letter}
            due: {anchor: kickoff, before: 14d}
        """,
    )
    monkeypatch.setenv("TRIPKIT_CONFIG", str(config))
    runner = CliRunner()
    assert runner.invoke(main, ["demo"]).exit_code == 0
    result = runner.invoke(main, ["checklist"])
    # Issue 14 #6: the broken file is skipped with a warning; the checklist still shows.
    assert result.exit_code == 0
    assert "Team visa letter" not in result.stdout and "Before you go" in result.stdout
    assert result.stderr.startswith(
        f"tripkit: warning: checklist file skipped: {bad}:6: rules[0].due.anchor: unknown anchor "
    )
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_hostile_yaml_is_one_error(tmp_path: Path) -> None:
    deep = write(tmp_path, "deep.yaml", "rules: " + "[" * 5000 + "]" * 5000 + "\n")
    assert error_of(deep).startswith(f"{deep}")
    tagged = write(tmp_path, "tag.yaml", "rules: !!python/object:os.system {}\n")
    assert error_of(tagged).startswith(f"{tagged}:1: YAML syntax:")
    # An unquoted date stays the text the source gives (no crash on a bad one either).
    dated = write(
        tmp_path,
        "dated.yaml",
        """\
        rules:
          - id: x
            phase: prepare
            title: {en: X}
            sources: [{title: T, url: "https://example.org/page", date: 2026-13-01}]
        """,
    )
    assert load_rules([dated]).rules[0].sources[0].date == "2026-13-01"


def test_airport_file_errors(tmp_path: Path) -> None:
    from tripkit.catalog.airports import airports, load_airports_file

    assert airports()["SFO"].country == "US" and airports()["OSL"].country == "NO"
    bad = write(
        tmp_path,
        "airports.yaml",
        """\
        airports:
          SFO: {name: San Francisco, country: US, tz: America/Los_Angeles}
          OSL: {name: Oslo, country: NO, tz: Europe/Oslo}
        """,
    )
    with pytest.raises(DataError) as info:
        load_airports_file(bad)
    assert str(info.value).startswith(
        f"{bad}:3: airports.OSL.country: Input should be a valid string (YAML reads "
        "no/yes/on/off as true/false"
    )


# A user's own rule file, broken the ways people break YAML by hand. LibYAML says what is
# wrong in English; a Japanese user told "did not find expected ',' or '}'" has to guess
# what that means and where the file needs fixing, and may give up on their own rules.
BROKEN_BY_HAND = [
    ("rules:\n  - id: x\n    title: {en: X\n", "「,」か「}」があるはずの所にありません"),
    ("rules:\n  - id: x\n    kinds: [a, b\n", "「,」か「]」があるはずの所にありません"),
    ("rules:\n\t- id: x\n", "項目の先頭に使えない文字があります"),
    ("rules:\n  - id: x\n    title: a: b\n", "ここに「キー: 値」は書けません"),
    ("rules:\n  - id: x\n  phase: prepare\n", "リストの「- 」があるはずの所にありません"),
    ('rules:\n  - id: "x\n', "引用符が閉じないままファイルが終わっています"),
]


@pytest.mark.parametrize(("text", "said"), BROKEN_BY_HAND)
def test_a_yaml_syntax_error_is_said_in_japanese(tmp_path: Path, text: str, said: str) -> None:
    from tripkit.i18n import render

    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rules([path])
    english = str(caught.value)
    assert english.startswith(f"{path}:") and "YAML syntax: " in english
    japanese = render(caught.value.msg, "ja")
    assert japanese.startswith("YAML の構文: ") and said in japanese, japanese
