"""Every string the entry engine shows has a Japanese translation (a missing one would show
English in the middle of a Japanese checklist)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tripkit
from tripkit.i18n import has_translation

ROOT = Path(tripkit.__file__).parent
FILES = ["services/entry.py", "cli/entry.py", "core/checklist.py", "cli/checklist.py"]
# English tables whose values are passed to tr() by name.
TABLES = ["KIND_TITLES", "REQUIREMENT_LABELS", "STATUS_LABELS", "UNNAMED", "LAND_TITLES"]


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append(node.args[0].value)
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) in TABLES for t in node.targets
        ):
            assert isinstance(node.value, ast.Dict)
            found += [v.value for v in node.value.values if isinstance(v, ast.Constant)]
    return found


@pytest.mark.parametrize("name", FILES)
def test_every_entry_string_is_translated(name: str) -> None:
    missing = [s for s in _strings(ROOT / name) if not has_translation(s, "ja")]
    assert missing == []
