"""Every English string the TUI shows has a Japanese entry, and Japanese columns line up."""

from __future__ import annotations

import ast
from pathlib import Path

from rich.cells import cell_len
from rich.style import Style

from tripkit.i18n import has_translation
from tripkit.tui.actions import ACTIONS, SCREENS
from tripkit.tui.screens.transfer import EXPORTS
from tripkit.tui.screens.trip_form import GROUPS, KIND_HELP, RULES, STEPS
from tripkit.tui.widgets.session_table import Column, SessionTable

TUI = Path(__file__).resolve().parents[2] / "tripkit" / "tui"


def _shown_strings() -> set[str]:
    """Literal first arguments of every t(...) call in the TUI, plus the tables' texts."""
    out: set[str] = set()
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name == "t" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.add(first.value)
    out.update(a.description for a in ACTIONS)
    out.update(a.help for a in ACTIONS)
    out.update(title for _m, _k, title in SCREENS)
    out.update(label for label, _suffix in EXPORTS.values())
    out.update(step.title for step in STEPS)
    out.update(f.label for step in STEPS for _p, f in step.fields)
    out.update(text for g in GROUPS.values() for text in (g.entry, g.add))
    out.update(f.label for g in GROUPS.values() for f in g.fields)
    out.update(KIND_HELP.values())
    out.update(plain for _phrase, plain in RULES)
    return out


def test_every_tui_string_has_a_japanese_translation() -> None:
    strings = _shown_strings()
    assert len(strings) > 150  # the scan found the calls
    missing = sorted(s for s in strings if not has_translation(s, "ja"))
    assert missing == [], "\n".join(missing)


def test_japanese_cells_keep_columns_aligned() -> None:
    table = SessionTable([Column("", 2), Column("Title", 10), Column("Room", 6)])
    table._width = 20
    table._fit_columns()
    wide = table._strip(["★", "コンテナ入門の話", "会議室A"], Style(), 20)
    narrow = table._strip(["", "Docker intro", "Hall"], Style(), 20)
    assert wide.cell_length == narrow.cell_length == 20
    # The room column starts at the same cell in both lines.
    text_wide, text_narrow = wide.text, narrow.text
    assert (
        cell_len(text_wide[: text_wide.index("会")])
        == cell_len(text_narrow[: text_narrow.index("Hall")])
        == 14
    )
    # A title too wide for its column is cut on a cell boundary (never half a character).
    assert "★  コンテナ …" in text_wide
