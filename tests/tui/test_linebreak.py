"""Japanese wraps between characters (kinsoku kept), Latin text wraps as before.

What a wrong answer costs: Rich and Textual break only at spaces, so on an 80-column Overview
a Japanese deadline's title went whole to the next line and left its date alone above it
(the reader cannot tell which date belongs to which item), and a warning's ⚠ stood alone.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tripkit.tui.linebreak import RICH_WORD, TEXTUAL_CHUNK, install

from .conftest import screen_text, wait_until

# The patterns the two libraries shipped with, for text without CJK characters.
RICH_BEFORE = re.compile(r"\s*\S+\s*")
TEXTUAL_BEFORE = re.compile(r"\S+\s*|\s+")

LATIN = st.text(alphabet=st.sampled_from(list("ab1 .,-()[]{}“”\t\n—é")), max_size=40)
ANY = st.text(
    alphabet=st.sampled_from(list("ab1 .,()「」（）、。ーっ日本語の　\tアイ")), max_size=40
)


def _chunks(pattern: re.Pattern[str], text: str) -> list[str]:
    # The way both libraries consume their pattern: match, then go on from where it ended.
    out, end = [], 0
    while (m := pattern.match(text, end)) is not None and m.end() > end:
        out.append(m.group())
        end = m.end()
    return out


@given(LATIN)
def test_text_without_cjk_is_split_exactly_as_before(text: str) -> None:
    assert _chunks(RICH_WORD, text) == _chunks(RICH_BEFORE, text)
    assert _chunks(TEXTUAL_CHUNK, text) == _chunks(TEXTUAL_BEFORE, text)


@given(ANY)
def test_no_character_is_ever_lost(text: str) -> None:
    # A pattern that could not match some character would end the libraries' loops there:
    # the rest of the line would silently disappear from the screen.
    assert "".join(_chunks(TEXTUAL_CHUNK, text)) == text
    # (Rich's words carry the spaces around them; a line of spaces only has no word.)
    assert "".join(_chunks(RICH_WORD, text)) == (text if text.strip() else "")


def test_kinsoku_closing_marks_stay_with_the_character_before() -> None:
    chunks = _chunks(TEXTUAL_CHUNK, "「安全の手引き」を読む。1月4日(月) NH8便です")
    assert chunks == [
        "「安", "全", "の", "手", "引", "き」", "を", "読", "む。",
        "1月", "4日", "(月) ", "NH8便", "で", "す",
    ]  # fmt: skip


def test_installed_rich_wraps_japanese_between_characters() -> None:
    install()
    console = Console(width=30, file=None, record=True, color_system=None)
    with console.capture() as cap:
        console.print("⚠ 在サンフランシスコ日本国総領事館の「安全の手引き」を読む。旅券です。")
    lines = cap.get().splitlines()
    assert lines[0].startswith("⚠ 在サンフランシスコ")  # not ⚠ alone
    assert all(not line.startswith(tuple("、。」ーっ")) for line in lines)
    assert all(console.measure(line).maximum <= 30 for line in lines)


async def test_japanese_overview_keeps_each_deadline_title_on_its_date_line(make_app) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "安全の手引き" in screen_text(app))
        lines = screen_text(app).splitlines()
        line = next(i for i, text in enumerate(lines) if "在サンフランシスコ" in text)
        # The date and time begin the line that holds the title's start.
        assert re.match(r"\s*\d+月\d+日\(.\) \d\d:\d\d JST\s+在サンフランシスコ", lines[line])
