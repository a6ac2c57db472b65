"""`json_fast.load`: msgspec reads the JSON files that no typed road takes (Indico, the pretalx
API, schedule2, Sessionize's other views) in place of `json.loads`, only where both give the
same document; everything else is read, and refused, by `json.loads` as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import json_fast, load_json

BOM = b"\xef\xbb\xbf"

# Documents both decoders read, and documents only json.loads reads (NaN, infinities, lone
# surrogates, a BOM, UTF-16, UTF-32) or neither does: for each, `load` gives what `load_json`
# gives, value or error.
CASES = [
    b'{"a": 1, "b": [1.5, -0, -0.0, 1E2, 1e-400, true, false, null], "c": "x\\/y\\u00e9"}',
    b'{"a": 1, "b": 2, "a": 3}',  # a repeated key: the last value, at the first key's place
    b"[1" + b"0" * 30 + b", -" + b"9" * 25 + b", 18446744073709551616]",  # beyond 64 bits
    b"[1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 0.1, 123456789.123456789]",
    b'["\\ud83d\\ude00", "\\u0000", "\\u001b[31m", "\x7f", "\xe2\x80\xae"]',
    b"[NaN, 1]",
    b"[Infinity, -Infinity]",
    b"[1e400]",
    b'["\\ud800"]',  # a lone surrogate, escaped
    b'["\xed\xa0\x80"]',  # ... and as bytes (json.loads reads them with surrogatepass)
    BOM + b'{"a": [1, 2]}',
    '{"a": "\u00e9"}'.encode("utf-16-le"),
    '{"a": "\u00e9"}'.encode("utf-32-le"),
    b"[" + b"1" * 4301 + b"]",  # past Python's digit limit: refused with its place
    b'{"a": 1,}',
    b"[01]",
    b'["\xff"]',
    b"[1] x",
    b"",
    b"[" * 100 + b"]" * 100,
    b"[" * 5000 + b"]" * 5000,
]


def _outcome(read: Any, data: bytes) -> Any:
    try:
        return ("value", _typed(read(data, "f.json")))
    except ImportError_ as e:
        return ("error", str(e), str(e.where))


def _typed(value: Any) -> Any:
    """`value` with the type of every number kept apart (1, 1.0 and True are equal in
    Python) and the order of every object's keys."""
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


@pytest.mark.parametrize("data", CASES, ids=range(len(CASES)))
def test_load_gives_what_json_loads_gives(data: bytes) -> None:
    assert _outcome(json_fast.load, data) == _outcome(load_json, data)


def test_the_corpus_reads_the_same(corpus: Path) -> None:
    for path in sorted(corpus.rglob("*.json")):
        data = path.read_bytes()
        assert _typed(json_fast.load(data, path.name)) == _typed(json.loads(data)), path
