"""The guide's engine-built notes read as Japanese sentences (issue 14): the lines of a border
note end with 「。」 instead of running into each other once wrapped, and a scheme with nothing
to apply for ahead (EES) does not say 「出発の0時間以上前まで」."""

from __future__ import annotations

from guide_helpers import NOW
from japanese_words import brussels_via_frankfurt

from tripkit.services.guide import build_guide


def _notes(lang: str) -> dict[str, object]:
    guide = build_guide(brussels_via_frankfurt(), lang, NOW)
    return {n.id: n for s in guide.sections for n in s.notes}


def test_border_note_lines_end_as_sentences_in_japanese() -> None:
    note = _notes("ja")["border-fra-entry"]
    lines = note.text.split("\n")  # type: ignore[attr-defined]
    assert len(lines) > 2
    assert all(line.endswith(("。", ")", "」")) for line in lines), lines


def test_english_border_lines_are_left_as_they_are() -> None:
    note = _notes("en")["border-fra-entry"]
    assert not any(line.endswith("。") for line in note.text.split("\n"))  # type: ignore[attr-defined]


def test_a_scheme_with_nothing_to_apply_for_ahead_has_no_apply_line() -> None:
    for lang in ("en", "ja"):
        ees = _notes(lang)["entry-ees"]
        values = [v for _k, v in ees.details]  # type: ignore[attr-defined]
        assert not any("0 hours" in v or "0時間" in v for v in values), values
