"""Text wrapped by display width, not by characters: a Japanese character takes two terminal
cells, so wrapping by len() would overflow the line (the guide, and help in Japanese)."""

from __future__ import annotations

import unicodedata

# Characters that must not start a line (closing punctuation) or end one (opening brackets).
_NO_START = set("、。，．,.)）」』】〕〉》!?！？:;：；ー…・%")
_NO_END = set("(（「『【〔〈《")


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide and fullwidth characters count 2, combining marks 0."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _tokens(text: str) -> list[str]:
    """Words, spaces and single wide characters; punctuation glued to its neighbour."""
    out: list[str] = []
    for ch in text:
        wide = cell_width(ch) == 2
        if out and (ch in _NO_START or out[-1][-1] in _NO_END):
            out[-1] += ch
        elif ch == " ":
            out.append(" ")
        elif wide or not out or out[-1] == " " or cell_width(out[-1][-1]) == 2:
            out.append(ch)
        else:
            out[-1] += ch
    return out


def wrap_cells(text: str, width: int, first_width: int | None = None) -> list[str]:
    """Wrap `text` into lines of at most `width` terminal cells (`first_width` for the first
    line, when a label precedes it).

    Latin text breaks at spaces; Japanese text may break between any two characters, but not
    before closing punctuation or after an opening bracket. A word wider than the line is cut.
    """
    rest = max(width, 4)
    width = max(first_width, 4) if first_width is not None else rest
    lines: list[str] = []
    line = ""
    for token in _tokens(text.replace("\n", " ")):
        if token == " ":
            if line and cell_width(line) + 1 <= width:
                line += " "
            elif line:
                lines.append(line.rstrip())
                line, width = "", rest
            continue
        if cell_width(line) + cell_width(token) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
            width = rest
        line = ""
        while cell_width(token) > width:  # a word longer than the line: cut it
            cut = ""
            for ch in token:
                if cell_width(cut + ch) > width:
                    break
                cut += ch
            lines.append(cut)
            token = token[len(cut) :]
            width = rest
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
