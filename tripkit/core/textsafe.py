"""Text from a file, a URL or another person, made safe to show: one place for the rule.

A terminal obeys what it is sent: ESC starts sequences that set the window title, write the
clipboard (OSC 52) or clear the screen; C1 controls do the same on some terminals; bidi
overrides reorder what the reader sees (a title can look like another). So:

- `for_terminal` makes every such character *visible* (`\\x1b`, `\\u202e`), so that the user sees
  that something odd is in the text instead of having it obeyed or hidden;
- `clean` *removes* them, for files (exports) where an escape code is noise.

Line breaks are kept by `clean` and by `for_terminal(..., one_line=False)`; tabs become spaces.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, the line/paragraph separators and the bidi
# embedding/override/isolate marks (LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _visible(m: re.Match[str]) -> str:
    cp = ord(m.group())
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def for_terminal(text: str, *, one_line: bool = True) -> str:
    """`text` as the user should see it in a terminal: nothing in it can act on the terminal."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if one_line:
        text = " ".join(text.split("\n"))
    return _UNSAFE.sub(_visible, text)


def clean(text: str) -> str:
    """`text` without control characters and bidi marks; CRLF and CR become LF."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_safe(text: str) -> bool:
    """True when `text` has nothing `for_terminal` would change (besides tabs and newlines)."""
    return _UNSAFE.search(text) is None
