"""Errors are keyed where they are raised: a msgid with {placeholders} and the values for them,
each msgid with its Japanese, so that the CLI and the TUI can say every one in Japanese."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from testpaths import REPO

from tripkit.i18n import has_translation

PACKAGE = REPO / "tripkit"
ERRORS = {
    "TripkitError",
    "ImportError_",
    "StoreError",
    "DataError",
    "NotFoundError",
    "AgendaError",
    "ShareError",
    "Msg",
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)[^{}]*\}")
# Error messages still built as finished English f-strings (rendered in English for everyone).
# The number may only go down: a new error is raised with a msgid and values.
F_STRING_ERRORS_AT_MOST = 57


def _calls() -> Iterator[tuple[Path, ast.Call]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ERRORS:
                    yield path, node


def _where(path: Path, node: ast.Call) -> str:
    return f"{path.relative_to(REPO)}:{node.lineno}"


def test_every_keyed_error_has_japanese() -> None:
    missing = [
        f"{_where(p, c)}: {c.args[0].value!r}"
        for p, c in _calls()
        if isinstance(c.args[0], ast.Constant)
        and isinstance(c.args[0].value, str)
        and not has_translation(c.args[0].value, "ja")
    ]
    assert missing == [], "\n".join(missing)


def test_every_placeholder_of_a_keyed_error_is_given_a_value() -> None:
    # TripkitError("no trip called {trip}") without trip=... would print the braces.
    broken = []
    for path, call in _calls():
        first = call.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        given = {k.arg for k in call.keywords if k.arg}
        if None in {k.arg for k in call.keywords}:
            continue  # **values: checked where they are built
        wanted = set(PLACEHOLDER.findall(first.value))
        plural = next((k.value for k in call.keywords if k.arg == "plural"), None)
        if isinstance(plural, ast.Constant):
            wanted |= set(PLACEHOLDER.findall(plural.value))
            given.add("n")
        # An error's where= and title= are its own, never a value of its message.
        is_error = getattr(call.func, "id", getattr(call.func, "attr", "")) != "Msg"
        if not wanted <= given or (is_error and {"where", "title"} & wanted):
            broken.append(f"{_where(path, call)}: {first.value!r} given {sorted(given)}")
    assert broken == [], "\n".join(broken)


def test_finished_english_errors_only_decrease() -> None:
    built = [_where(p, c) for p, c in _calls() if isinstance(c.args[0], ast.JoinedStr)]
    assert len(built) <= F_STRING_ERRORS_AT_MOST, "\n".join(built)
