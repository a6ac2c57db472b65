"""The importers' fast paths give exactly what the full pipeline gives.

`tripkit.importers.text.FAST_PATHS` switches every shortcut off (text cleaning that skips
its steps when a string holds nothing they act on, zones and offsets remembered per import,
events read straight from the parser's records). With it off, each corpus file is imported
again and every Session must be identical: same field values, same zone object behind each
time (not just the same instant), same fields set.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.core.models import Schedule, Session
from tripkit.errors import ImportError_
from tripkit.importers import parse, text
from tripkit.importers.common import Memo
from tripkit.importers.text import clean_block, clean_line

# Files whose times need a zone given (Sessionize has none; a pretalx API page neither).
NEEDS_TZ = {"sessionize/orlando-codecamp-2020-All.json": "America/New_York"}
SUFFIXES = (".xml", ".json", ".ics")


def _corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.suffix in SUFFIXES)


def _fingerprint(s: Session) -> tuple[Any, ...]:
    """Everything that makes two sessions the same object for every reader."""
    times = tuple((t.isoformat(), t.tzinfo, t.fold) for t in (s.start, s.end))
    speakers = tuple(
        (sp.__dict__.copy(), frozenset(sp.__pydantic_fields_set__)) for sp in s.speakers
    )
    return (
        tuple(s.__dict__),
        s.model_dump(mode="json"),
        times,
        speakers,
        frozenset(s.__pydantic_fields_set__),
        s.__pydantic_extra__,
    )


def _import(corpus: Path, rel: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Schedule:
    monkeypatch.setattr(text, "FAST_PATHS", fast)
    data = (corpus / rel).read_bytes()
    tz = NEEDS_TZ.get(rel)
    try:
        return parse(data, source=rel, tz=tz)
    except ImportError_:  # a file that needs a zone is imported with the venue's
        return parse(data, source=rel, tz=tz, venue_tz="Europe/Berlin")


def test_every_corpus_file_is_the_same_with_and_without_the_fast_paths(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _corpus_files(corpus)
    assert len(files) >= 20  # the whole corpus, not a few files
    differing = []
    for rel in files:
        slow = _import(corpus, rel, False, monkeypatch)
        fast = _import(corpus, rel, True, monkeypatch)
        assert fast.sessions, rel
        # Sessions are built from field dicts (Builder.build): every field, in the model's
        # order, as pydantic itself would lay them out (dumps and exports follow that order).
        assert {tuple(s.__dict__) for s in fast.sessions} == {tuple(Session.model_fields)}, rel
        same = [_fingerprint(s) for s in fast.sessions] == [
            _fingerprint(s) for s in slow.sessions
        ] and (fast.title, fast.tz, fast.format, fast.warnings) == (
            slow.title,
            slow.tz,
            slow.format,
            slow.warnings,
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
    list("ab Z#*_`[]()<>&;!?/-=\"'\n\r\t")
    + [
        "\x1b",
        "\x07",
        "\x9b",
        "\u00a0",
        "\u2028",
        "\u2029",
        "\u202e",
        "\u3000",
        "é",
        "日",
        "<p>",
        "</p>",
        "<br>",
        "<li>",
        "&amp;",
        "&#27;",
        "**",
        "__",
        "](",
        "# ",
        "\n\n\n",
        "<!--",
        "-->",
    ]
)
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


# --- what the memos remember, and what they must not -----------------------------------------


def _pentabarf(events: str) -> bytes:
    return (
        "<schedule><conference><title>T</title>"
        "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
        f'<day index="1" date="2026-10-25">{events}</day></schedule>'
    ).encode()


def test_a_slot_that_warned_warns_again_in_every_room() -> None:
    """02:30 happens twice in Berlin on 2026-10-25: each room's event says so, although the
    second has the same slot as the first (a remembered result would have stayed silent)."""
    rooms = "".join(
        f'<room name="R{i}"><event guid="g{i}"><start>02:30</start>'
        "<duration>00:30</duration><title>Night</title></event></room>"
        for i in (1, 2)
    )
    s = parse(_pentabarf(rooms), source="fold.xml")
    folds = [w for w in s.warnings if "happens twice" in w]
    assert len(folds) == 2
    assert "R1" in folds[0] and "R2" in folds[1]
    assert s.sessions[0].start == s.sessions[1].start
    assert s.sessions[0].start.utcoffset() == timedelta(hours=2)  # the first occurrence


def test_shared_slots_give_equal_but_separate_sessions() -> None:
    rooms = "".join(
        f'<room name="R{i}"><event guid="g{i}"><start>10:00</start>'
        "<duration>01:00</duration><title>T</title><language>en</language>"
        "<track>Main</track></event></room>"
        for i in range(3)
    )
    s = parse(_pentabarf(rooms), source="slots.xml")
    a, b, c = s.sessions
    assert a.start == b.start == c.start and a.end == c.end
    assert a.languages == ["en"] and a.languages is not b.languages  # no shared lists
    a.languages.append("de")
    assert b.languages == ["en"]


def test_sessionize_counts_every_session_without_an_end_even_in_a_shared_slot() -> None:
    doc = {
        "sessions": [
            {
                "id": str(i),
                "title": f"S{i}",
                "startsAt": "2026-04-01T10:00:00",
                "endsAt": "",
                "speakers": [],
                "categoryItems": [],
            }
            for i in range(3)
        ],
        "speakers": [],
        "rooms": [],
        "categories": [],
        "questions": [],
    }
    s = parse(json.dumps(doc).encode(), source="s.json", tz="Europe/Madrid")
    assert len(s.sessions) == 3
    assert any(w.startswith("3 sessions give no end time") for w in s.warnings)


def test_memos_forget_rather_than_grow() -> None:
    memo: Memo[int, int] = Memo()
    for i in range(Memo.limit * 3):
        memo.put(i, i)
    assert len(memo) <= Memo.limit
