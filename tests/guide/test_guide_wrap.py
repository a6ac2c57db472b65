"""Wrapping by display width: a Japanese character takes two terminal cells."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tripkit.cli.guide import cell_width, wrap_cells

JA = (
    "在サンフランシスコ日本国総領事館は、駐車からわずか3分で被害に遭った例を伝えています。"
    "施錠だけでは不十分です。車を離れるたびに荷物や貴重品を持ち出してください。"
)


def test_cell_width_agrees_with_rich() -> None:
    for text in (JA, "Moscone Center", "BART(電車)でSFOから", "ｶﾀｶﾅ half-width", "é café"):
        assert cell_width(text) == cell_len(text)
    assert cell_width("日本") == 4 and cell_width("ab") == 2


@pytest.mark.parametrize("width", [10, 20, 33, 40, 79])
def test_japanese_lines_fit_the_width_and_lose_nothing(width: int) -> None:
    lines = wrap_cells(JA, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines) == JA  # Japanese has no spaces: nothing added or dropped
    # Lines are filled: each but the last leaves less than 2 cells plus one glued mark free.
    for line in lines[:-1]:
        assert cell_len(line) >= width - 3


def test_counting_characters_instead_of_cells_would_overflow() -> None:
    # 40 wide characters are 80 cells: a len()-based wrap at 60 would keep them on one line.
    text = "あ" * 40
    assert [cell_len(line) for line in wrap_cells(text, 60)] == [60, 20]


def test_no_line_starts_with_closing_punctuation() -> None:
    text = "一二三四五六七八九、十一二三四五六七八九。「引用」です。"
    for width in range(6, 30):
        for line in wrap_cells(text, width):
            assert line[0] not in "、。」", (width, line)
            assert line[-1] != "「", (width, line)


def test_latin_text_breaks_at_spaces() -> None:
    text = "Take the AirTrain (Red Line) to the BART stop in the International Terminal."
    lines = wrap_cells(text, 24)
    assert lines == [
        "Take the AirTrain (Red",
        "Line) to the BART stop",
        "in the International",
        "Terminal.",
    ]


def test_mixed_text_and_a_word_longer_than_the_line() -> None:
    lines = wrap_cells("URL: https://www.sf.us.emb-japan.go.jp/itpr_ja/m05_08.html 総領事館", 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == (
        "URL:https://www.sf.us.emb-japan.go.jp/itpr_ja/m05_08.html総領事館"
    )


def test_a_shorter_first_line_for_a_label() -> None:
    lines = wrap_cells("あ" * 30, 20, first_width=10)
    assert [cell_len(line) for line in lines] == [10, 20, 20, 10]
    # A cut word also moves to the full width after the first line.
    cut = wrap_cells("x" * 25, 10, first_width=5)
    assert cut == ["xxxxx", "x" * 10, "x" * 10]
