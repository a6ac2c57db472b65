"""Line breaking for Japanese and Chinese text in the TUI.

Rich (which Textual's `Content` uses to wrap) and Textual's own wrapper (the text area) break
lines only at whitespace. Japanese has no spaces between words, so a sentence is one "word" to
them: a deadline line such as ``1月4日(月) 17:05 JST  在サンフランシスコ日本国総領事館の…`` put
its whole title on the next line, leaving the time alone above it, and a warning left its ⚠ on
a line of its own. Japanese may break between almost any two characters, except before closing
punctuation and small kana (、。」ー っ…) and after opening brackets (「（…): the rules known
as kinsoku. Neither library lets a caller choose the break opportunities, so `install`
replaces the one pattern each of them splits text with; both are module-level names that
their splitting functions read at call time (Textual is pinned, and tests/tui/test_linebreak.py
fails if a new version stops reading them).

Text without CJK characters is split exactly as before: a run of other characters is one
chunk, as it was. Hangul is left out on purpose: Korean puts spaces between words.
"""

from __future__ import annotations

import re

# Ideographs, kana, CJK symbols and punctuation, full-width forms (U+3000 is whitespace and
# the patterns below never let it start a chunk).
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef"
)
# A line must not end with these: they stay with the character after them.
_OPENING_WIDE = "「『（［｛〈《【〔〘〖｟"
_OPENING = _OPENING_WIDE + "([{"
# A line must not start with these: they stay with the character before them.
_CLOSING = (
    "、。，．・：；！？）」』］｝〉》】〕〙〗｠ー々ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ")]},.:;!?%"
)
# One unit that may not be split: opening brackets, then one CJK character (with the Latin
# letters or digits written right before it: 1月, NH8便) or a run of other non-space
# characters (a Latin word: as before), then closing punctuation.
_RUN = rf"[^\s{_CJK}{re.escape(_OPENING_WIDE)}]+"
_UNIT = rf"[{re.escape(_OPENING)}]*(?:(?:{_RUN})?(?!\s)[{_CJK}]|{_RUN})[{re.escape(_CLOSING)}]*"
# rich._wrap.words: a word with the whitespace before and after it (was r"\s*\S+\s*").
RICH_WORD = re.compile(rf"\s*{_UNIT}\s*")
# textual._wrap.chunks: a word with the whitespace after it, or whitespace (was
# r"\S+\s*|\s+").
TEXTUAL_CHUNK = re.compile(rf"{_UNIT}\s*|\s+")


def install() -> None:
    """Let Rich's and Textual's wrappers break Japanese text between characters (kinsoku
    kept). Idempotent."""
    import rich._wrap
    import textual._wrap

    rich._wrap.re_word = RICH_WORD
    textual._wrap.re_chunk = TEXTUAL_CHUNK
