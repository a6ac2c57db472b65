"""The one line-aware YAML reader (tripkit.catalog.located), as rules, guide data and trip
files all use it: every problem is one DataError naming the file and the line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from tripkit.catalog.located import parse_located
from tripkit.catalog.rules import load_rules
from tripkit.catalog.schema import Sourced
from tripkit.errors import DataError
from tripkit.services.trips import parse_trip_yaml


def rule_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error(fn: object, *args: object) -> str:
    with pytest.raises(DataError) as info:
        fn(*args)  # type: ignore[operator]
    return str(info.value)


def test_a_bad_date_is_a_field_error_with_its_line() -> None:
    doc = parse_located(
        textwrap.dedent("""\
        sources:
          - {title: T, url: "https://example.org/page", date: 2026-13-01}
        reviewed: 2026-13-01
        """),
        "x.yaml",
    )
    assert doc.data["reviewed"] == "2026-13-01"  # text until pydantic reads it
    with pytest.raises(ValidationError) as info:
        Sourced.model_validate(doc.data)
    assert str(doc.validation_error(info.value)).startswith(
        "x.yaml:3: reviewed: Input should be a valid date"
    )


def test_every_key_and_item_has_its_line() -> None:
    doc = parse_located("a:\n  - x\n  -\n    b: 1\n    c: [2, 3]\n", "f")
    assert [doc.line_of(p) for p in (("a",), ("a", 0), ("a", 1), ("a", 1, "c"), ("a", 9))] == [
        1,
        2,
        4,
        5,
        1,
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "rules:\n  - &r {id: x, phase: prepare, kind: reminder, title: {en: X}}\n  - *r\n",
            "rules.yaml:2: anchors and aliases (&name, *name) are not supported",
        ),
        (
            "rules:\n  - id: x\n    title: !!timestamp zz\n",
            "rules.yaml: YAML: a value with an explicit !!tag could not be read",
        ),
        (
            "rules:\n  - id: x\n    phase: prepare\n    kind: reminder\n    title: {en: X}\n"
            "    when: {destination_in: [NO]}\n",
            "rules.yaml:6: rules[0].when.destination_in[0]: Input should be a valid string (YAML "
            "reads no/yes/on/off as true/false",
        ),
    ],
)
def test_hostile_rule_files(tmp_path: Path, text: str, message: str) -> None:
    path = rule_file(tmp_path, text)
    assert error(load_rules, [path]).startswith(f"{tmp_path}/{message}")


def test_trip_files_read_the_same_way() -> None:
    text = error(parse_trip_yaml, "id: t\nname: T\nname: U\n", "t.yaml")
    assert text == "t.yaml:3: key 'name' appears twice in the same mapping (first on line 2)"
