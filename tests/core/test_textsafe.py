"""The one rule for showing text that came from a file, a URL or another person."""

from __future__ import annotations

import pytest

from tripkit.core.textsafe import clean, for_terminal, is_safe

# What a hostile trip file or schedule can carry, and what each would do if obeyed.
ATTACKS = {
    "window title": "\x1b]0;owned\x07",
    "OSC 52 clipboard write": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "clear screen": "\x1b[2J\x1b[H",
    "C1 CSI": "\x9b31m",
    "right-to-left override": "evil\u202etxt.exe",
    "first-strong isolate": "a\u2068b\u2069",
    "line separator": "a\u2028b",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_nothing_reaches_the_terminal_that_it_would_obey(name: str) -> None:
    shown = for_terminal(ATTACKS[name])
    assert is_safe(shown), f"{name}: {shown!r}"
    # The user sees that something was there: the escape is spelled out, not silently dropped.
    assert "\\x" in shown or "\\u" in shown


def test_plain_text_and_japanese_are_unchanged() -> None:
    text = "Keynote: コンテナの未来 — Überwachung (Room K.1.105)"
    assert for_terminal(text) == text
    assert clean(text) == text


def test_one_line_joins_lines_and_blocks_keep_them() -> None:
    assert for_terminal("a\r\nb\tc") == "a b c"
    assert for_terminal("a\nb", one_line=False) == "a\nb"


def test_clean_removes_instead_of_showing() -> None:
    assert clean("ti\x1b]0;x\x07tle\r\nnext") == "ti]0;xtle\nnext"
    assert clean("a\u202eb") == "ab"
