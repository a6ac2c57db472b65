"""Rule files from the compiled cache (tripkit.catalog.compiled): the second read parses no
YAML, gives the same rules and the same "file:line" origins, and a problem found across
cached files is still reported at its line."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tripkit.catalog.rules import load_rules, rule_files
from tripkit.errors import DataError
from tripkit.paths import bundled_data

ONE = """\
rules:
  - id: first
    phase: prepare
    kind: reminder
    title: {en: First}
    when: {not: {has_flights: true}}
"""
TWO = """\
rules:
  - id: second
    phase: depart
    kind: reminder
    title: {en: Second}
    when: {all: [{abroad: true}, {any: [{has_stays: false}, {e_passport: true}]}]}
  - id: first
    phase: venue
    kind: reminder
    title: {en: Again}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_cached_rules_equal_the_yaml() -> None:
    files = rule_files(bundled_data() / "checklists")
    first = load_rules(files)
    second = load_rules(files)  # from the compiled copies written by the first read
    assert [r.model_dump(by_alias=True, exclude_unset=True) for r in second.rules] == [
        r.model_dump(by_alias=True, exclude_unset=True) for r in first.rules
    ]
    assert second.origins == first.origins
    # The condition tree keeps the one key it was written with (`not`, no null siblings).
    assert [r.when.key if r.when else None for r in second.rules] == [
        r.when.key if r.when else None for r in first.rules
    ]


def test_second_read_parses_no_yaml(tmp_path: Path) -> None:
    code = textwrap.dedent("""
        import sys
        from tripkit.catalog.rules import load_rules, rule_files
        from tripkit.paths import bundled_data
        load_rules(rule_files(bundled_data() / "checklists"))
        print("yaml" in sys.modules)
    """)
    env = {"TRIPKIT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
        for _ in range(2)
    ]
    assert [r.stderr for r in runs] == ["", ""]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]


def test_duplicate_across_cached_files_names_its_line(tmp_path: Path) -> None:
    one, two = write(tmp_path, "one.yaml", ONE), write(tmp_path, "two.yaml", TWO)
    load_rules([one])  # each file alone is valid: both get compiled copies
    with pytest.raises(DataError) as info:
        load_rules([one, two])
    first = str(info.value)
    with pytest.raises(DataError) as again:
        load_rules([one, two])  # now both from the cache
    assert str(again.value) == first
    assert "two.yaml:7: rules[1].id" in first and "rule id 'first' is already used at" in first
    assert f"{one}:2" in first


def test_edited_file_is_read_again(tmp_path: Path) -> None:
    one = write(tmp_path, "one.yaml", ONE)
    assert load_rules([one]).rules[0].title.en == "First"
    write(tmp_path, "one.yaml", ONE.replace("First", "Changed and longer"))
    assert load_rules([one]).rules[0].title.en == "Changed and longer"
