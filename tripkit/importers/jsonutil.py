"""Reading untrusted JSON values: every accessor tolerates the wrong type instead of crashing."""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from msgspec import UnsetType

from tripkit.importers.text import _BIDI_BYTES, _C1_BYTES

# A member that typed decoding must not find (its value never validates): its presence sends
# the file to the dict reading (see `tripkit.importers.json_fast`). Default: msgspec.UNSET.
Absent = Literal["\x00absent"] | UnsetType


def text_of(value: Any, langs: tuple[str, ...] = ("en",)) -> str:
    """A scalar as text; a localised {"en": ..., "de": ...} picks English, else the first."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for lang in langs:
            if isinstance(value.get(lang), str):
                return str(value[lang])
        for v in value.values():
            if isinstance(v, str):
                return v
    return ""


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def key_text(value: Any) -> str:
    """An identifier (str or number) as text; anything else is no identifier."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int):
        return str(value)
    return ""


def q(name: str) -> str:
    """A JSON-path member selector: rooms["Saal 1"]."""
    return f"[{json.dumps(name, ensure_ascii=False)}]"


# What can put a control character, escape or bidi override into a string decoded from JSON
# bytes that a strict decoder accepted (raw C0 controls are invalid inside JSON strings):
# DEL; the C1 controls (UTF-8 \xc2\x80-\x9f); the bidi overrides/isolates and U+2028/9
# (\xe2\x80\xa8-\xae, \xe2\x81\xa6-\xa9); and the escapes \b, \f and \u of any of those. An
# escaped backslash before b, f or u ("\\b") also counts: harmless, the texts are then simply
# checked one by one. (The C1 and bidi byte patterns are `text`'s, which its checks of
# UTF-8 bytes use.)
_UNSAFE_ESCAPE = re.compile(rb"\\(?:[bf]|u(?:00[01]|007[fF]|00[89]|20(?:2[89a-eA-E]|6[6-9])))")
# Lead bytes looked at one by one (found at memchr speed) before a regex scan of the rest.
_FEW = 200


def json_plain(data: bytes) -> bool:
    """True when no string decoded from these JSON bytes can hold a character that
    `text.clean_block` removes or replaces (its `checked` argument). Valid only for bytes a
    strict JSON decoder accepted. Three scans of the file (0.1 ms for 200 KB) replace the
    character checks of every text (0.3 ms for frab-camp2019's abstracts; 1-3 ms for the
    pretalx API's Markdown ones)."""
    # json.loads also reads UTF-16 and UTF-32, whose bytes these scans cannot judge: those
    # always hold a NUL byte (in JSON's ASCII punctuation), which UTF-8 JSON never does.
    if b"\x7f" in data or b"\x00" in data:
        return False
    if b"\\" in data and _UNSAFE_ESCAPE.search(data) is not None:
        return False
    return _none_of(data, b"\xc2", _C1_BYTES) and _none_of(data, b"\xe2", _BIDI_BYTES)


def _none_of(data: bytes, lead: bytes, pattern: re.Pattern[bytes]) -> bool:
    """No match of `pattern` (which starts with the byte `lead`) in `data`."""
    at = data.find(lead)
    for _ in range(_FEW):
        if at < 0:
            return True
        if pattern.match(data, at) is not None:
            return False
        at = data.find(lead, at + 1)
    return at < 0 or pattern.search(data, at) is None


# The places of the two JSON errors `json.loads` reports without one (see `load_json`): a
# number past Python's 4,300-digit limit, and nesting past the recursion limit. Read only
# when the file has already been refused.
_NUMBER_OR_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"|-?\d{4301,}')
_BRACKET_OR_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{\]}]')
# Deeper than any schedule: where a file's nesting passes this is where it is said to be.
DEEP = 200


def long_number_at(data: bytes) -> tuple[int, int] | None:
    """(line, column) of the first number with more than 4,300 digits, outside strings."""
    for m in _NUMBER_OR_STRING.finditer(data):
        if m[0][:1] != b'"':
            return line_column(data, m.start())
    return None


def too_deep_at(data: bytes) -> tuple[int, int] | None:
    """(line, column) of the bracket that opens nesting level `DEEP + 1`, outside strings."""
    depth = 0
    for m in _BRACKET_OR_STRING.finditer(data):
        c = m[0][:1]
        if c in b"[{":
            depth += 1
            if depth > DEEP:
                return line_column(data, m.start())
        elif c in b"]}":
            depth -= 1
    return None


def line_column(data: bytes, at: int) -> tuple[int, int]:
    """The 1-based line and column (in characters, as `json` counts them) of byte `at`."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    line_start = max(data.rfind(b"\n", start, at) + 1, start)
    column = len(data[line_start:at].decode("utf-8", "replace")) + 1
    return data.count(b"\n", start, at) + 1, column
