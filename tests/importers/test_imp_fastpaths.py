"""The importers' fast paths give exactly what the full pipeline gives.

`tripkit.importers.text.FAST_PATHS` switches every shortcut off (text cleaning that skips
its steps when a string holds nothing they act on, zones and offsets remembered per import,
events read straight from the parser's records). With it off, each corpus file is imported
again and every Session must be identical: same field values, same zone object behind each
time (not just the same instant), same fields set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.core.models import Schedule, Session
from tripkit.errors import ImportError_
from tripkit.importers import parse, text
from tripkit.importers.text import clean_block, clean_line

# Files whose times need a zone given (Sessionize has none; a pretalx API page neither).
NEEDS_TZ = {"sessionize/orlando-codecamp-2020-All.json": "America/New_York"}
SUFFIXES = (".xml", ".json", ".ics")


def _corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.suffix in SUFFIXES)


def _fingerprint(s: Session) -> tuple[Any, ...]:
    """Everything that makes two sessions the same object for every reader."""
    times = tuple((t.isoformat(), t.tzinfo, t.fold) for t in (s.start, s.end))
    speakers = tuple((sp.__dict__.copy(), frozenset(sp.__pydantic_fields_set__))
                     for sp in s.speakers)
    return (tuple(s.__dict__), s.model_dump(mode="json"), times, speakers,
            frozenset(s.__pydantic_fields_set__), s.__pydantic_extra__)


def _import(corpus: Path, rel: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Schedule:
    monkeypatch.setattr(text, "FAST_PATHS", fast)
    data = (corpus / rel).read_bytes()
    tz = NEEDS_TZ.get(rel)
    try:
        return parse(data, source=rel, tz=tz)
    except ImportError_:  # a file that needs a zone is imported with the venue's
        return parse(data, source=rel, tz=tz, venue_tz="Europe/Berlin")


def test_every_corpus_file_is_the_same_with_and_without_the_fast_paths(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _corpus_files(corpus)
    assert len(files) >= 20  # the whole corpus, not a few files
    differing = []
    for rel in files:
        slow = _import(corpus, rel, False, monkeypatch)
        fast = _import(corpus, rel, True, monkeypatch)
        assert fast.sessions, rel
        same = (
            [_fingerprint(s) for s in fast.sessions] == [_fingerprint(s) for s in slow.sessions]
            and (fast.title, fast.tz, fast.format, fast.warnings)
            == (slow.title, slow.tz, slow.format, slow.warnings)
        )
        if not same:
            differing.append(rel)
    assert differing == []


def test_the_switch_really_reaches_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the test above: with FAST_PATHS off, clean_block runs its full pipeline."""
    calls: list[str] = []
    real = text._clean_block
    monkeypatch.setattr(text, "_clean_block", lambda t, c: calls.append(t) or real(t, c))
    monkeypatch.setattr(text, "FAST_PATHS", False)
    assert clean_block("  plain words  ") == "plain words"
    monkeypatch.setattr(text, "FAST_PATHS", True)
    assert clean_block("  plain words  ") == "plain words"
    assert calls == ["  plain words  "]


# Every character some step of the cleaning acts on, and some it must leave alone.
_ALPHABET = st.sampled_from(
    list("ab Z#*_`[]()<>&;!?/-=\"'\n\r\t") + ["\x1b", "\x07", "\x9b", "\u00a0", "\u2028",
                                              "\u2029", "\u202e", "\u3000", "é", "日",
                                              "<p>", "</p>", "<br>", "<li>", "&amp;", "&#27;",
                                              "**", "__", "](", "# ", "\n\n\n", "<!--", "-->"])
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_clean_block_fast_path_equals_the_full_pipeline(value: str) -> None:
    old = text.FAST_PATHS
    try:
        text.FAST_PATHS = False
        slow = (clean_block(value), clean_line(value))
        plain = not any(c in value for c in "\x1b\x07\x9b\u2028\u2029\u202e")
        slow_checked = clean_block(value, checked=True) if plain else None
        text.FAST_PATHS = True
        assert (clean_block(value), clean_line(value)) == slow
        if plain:
            assert clean_block(value, checked=True) == slow_checked
    finally:
        text.FAST_PATHS = old
