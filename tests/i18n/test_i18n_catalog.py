"""The gettext catalog: compiled, complete, format strings intact, Japanese terms as the glossary
says, and the converter the other areas' new YAML strings go through."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from testpaths import REPO

LOCALE = REPO / "tripkit" / "locale"
PO = LOCALE / "ja" / "LC_MESSAGES" / "tripkit.po"
MO = PO.with_suffix(".mo")
TOOL = REPO / "tools" / "i18n_yaml_to_po.py"
PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?:[!:][^{}]*)?\}")  # {name}, {n:02d}; not JSON

# Strings that read the same in Japanese: symbols, codes and format-only templates.
SAME_IN_JAPANESE = {
    "{where}: {message}",
    "{name}: {detail}",
    "{url} ({reason})",
    "{key} = {value}",
    "tripkit",
    "日本語/English",
}


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="ja")


def _pairs(catalog) -> dict[object, object]:
    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {key(m.id): key(m.string) for m in catalog if m.id}


def test_the_compiled_catalog_is_the_po_file_compiled() -> None:
    # tripkit.mo is committed (a plain `pip install .` needs no build step); it must say what the
    # .po says. Fix: `python tools/i18n_yaml_to_po.py` (no file: just recompiles).
    catalog = _catalog()
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    fresh.seek(0)
    with MO.open("rb") as f:
        shipped = read_mo(f)
    assert _pairs(read_mo(fresh)) == _pairs(shipped), "tripkit.mo is out of date with tripkit.po"
    assert catalog.plural_forms == "nplurals=1; plural=0;"


def test_no_yaml_catalog_is_left_unconverted() -> None:
    # The runtime reads only the .mo: a YAML catalog here would be silently ignored.
    left = sorted(p.name for p in LOCALE.rglob("*.yaml"))
    assert left == [], f"run: python {TOOL.relative_to(REPO)} --delete tripkit/locale/ja/*.yaml"


def test_every_msgid_has_a_japanese_msgstr() -> None:
    missing = []
    for m in _catalog():
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings) or m.fuzzy:
            missing.append(m.id)
        elif m.string == m.id and m.id not in SAME_IN_JAPANESE and re.search("[a-z]{4}", m.id):
            missing.append(m.id)  # "translated" by copying the English
    assert missing == []


def test_placeholders_in_msgid_and_msgstr_match() -> None:
    broken = []
    for m in _catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = {frozenset(PLACEHOLDER.findall(i)) for i in ids}
        for s in strings:
            got = set(PLACEHOLDER.findall(s))
            # The singular may leave out {n} ("one session"); the translation must use the
            # names of one of the English forms, no other.
            if not any(got <= w and (w - got) <= {"n"} for w in wanted):
                broken.append((m.id, s))
            if not any(wanted):
                continue  # never formatted: braces there are literal ({"_type": ...})
            try:
                s.format(**dict.fromkeys(got, "x"))
            except (ValueError, IndexError, KeyError) as exc:
                broken.append((m.id, f"{s} ({exc})"))
    assert broken == []


def _glossary() -> list[tuple[list[str], list[str], list[str]]]:
    """docs/glossary-ja.md's table: (English words, chosen Japanese terms, "not" terms)."""
    split = re.compile(r"\s*[,/、]\s*")
    rows = []
    for line in (REPO / "docs" / "glossary-ja.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "---"):
            continue
        english = [w.lower() for w in split.split(cells[0].split(" (")[0]) if w]
        chosen = [t for t in split.split(cells[1]) if t and not re.search("[0-9a-z]", t)]
        rows.append((english, chosen, [t for t in split.split(cells[2]) if t]))
    return rows


# Words that contain a "not" term and are right: 会議室 is a meeting room, not a conference.
GLOSSARY_EXCEPTIONS = ["会議室"]


def _mentions(text: str, words: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def test_every_msgstr_uses_the_glossary_terms() -> None:
    rows = _glossary()
    chosen = [t for _e, c, _n in rows for t in c]
    assert {"旅行", "プログラム", "IC旅券"} <= set(chosen)
    assert {"旅程", "スケジュール", "ICパスポート"} <= {t for *_r, n in rows for t in n}
    keep = sorted(chosen + GLOSSARY_EXCEPTIONS, key=len, reverse=True)
    offending = []
    for m in _catalog():
        if not m.id:
            continue
        english = (" ".join(m.id) if isinstance(m.id, tuple) else m.id).lower()
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            text = s
            for word in keep:  # 旅券 inside IC旅券 is the chosen word, not the rejected one
                text = text.replace(word, "・")
            hits = [t for *_r, banned in rows for t in banned if t in text]
            # A term one row rejects may be another row's choice (旅程: not "trip" but
            # "itinerary"): rejected when the English says the first and not the second.
            for words, _chosen, banned in rows:
                for term in banned:
                    if term in s and term in chosen and _mentions(english, words):
                        owner = [w for w, c, _n in rows if term in c]
                        if not any(_mentions(english, w) for w in owner):
                            hits.append(term)
            if hits:
                offending.append(f"{hits}: {m.id!r} -> {s}")
    assert offending == [], "\n".join(offending)


def test_the_converter_merges_yaml_into_the_po_and_compiles_it(tmp_path: Path) -> None:
    po = tmp_path / "tripkit.po"
    po.write_bytes(PO.read_bytes())
    new = tmp_path / "area.yaml"
    new.write_text(
        '"Pack the charger": "充電器を荷物に入れる"\n'
        '"Close": "閉じる（改）"\n'
        '"{n} bag": {plural: "{n} bags", ja: "かばん{n}個"}\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--delete", "--po", str(po), str(new)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 changed" in proc.stdout and "'Close'" in proc.stderr  # a changed translation is said
    assert not new.exists()
    with po.with_suffix(".mo").open("rb") as f:
        t = gettext.GNUTranslations(f)
    assert t.gettext("Pack the charger") == "充電器を荷物に入れる"
    assert t.gettext("Close") == "閉じる（改）"
    assert t.ngettext("{n} bag", "{n} bags", 3) == "かばん{n}個"
    assert t.gettext("Overview") == gettext.GNUTranslations(MO.open("rb")).gettext("Overview")


def test_the_converter_refuses_an_entry_without_a_translation(tmp_path: Path) -> None:
    po = tmp_path / "tripkit.po"
    po.write_bytes(PO.read_bytes())
    bad = tmp_path / "bad.yaml"
    bad.write_text('"Pack the charger":\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--po", str(po), str(bad)], capture_output=True, text=True
    )
    assert proc.returncode != 0 and "the translation is missing" in proc.stderr
    assert po.read_bytes() == PO.read_bytes()


@pytest.mark.parametrize("name", ["tripkit.po", "tripkit.mo"])
def test_the_catalog_ships_in_the_wheel(name: str) -> None:
    # hatchling puts every file under tripkit/ that .gitignore does not exclude in the wheel.
    proc = subprocess.run(
        ["git", "check-ignore", "-q", str(LOCALE / "ja" / "LC_MESSAGES" / name)], cwd=REPO
    )
    assert proc.returncode == 1, f"{name} is git-ignored and would be left out of the wheel"


# Counted messages that are not plural forms, each because its count is never 1 (so the
# plural English noun is always right). Anything else counted needs `trn`: "1 sessions" and
# "1 of them affect" were shipped in the TUI's import report and the CLI's change report.
COUNT_NEVER_ONE = {
    " for up to {n} days": "a visa-free stay's maximum from the entry data (90, 30...)",
    ", stays of up to {n} days": "the same maximum stay",
    "Your passport must be valid at least {n} months beyond your stay.": "3 or 6, data",
    "at least {n} hours before departure": "a scheme's lead time in hours (72), data",
    "more than {n} pages of results": "a fixed limit of the discovery crawl",
    "you stay {n} days": "n >= 2: a one-day stay has its own message, 'you stay 1 day'",
    "{n} days": "a rule's duration: '1 day' has its own message (core.checklist._duration)",
    "{n} weeks": "the same, '1 week'",
    "{country} asks for {months} months beyond the stay": "a passport rule's 3 or 6, data",
    "{months} months beyond the day you leave": "the same",
    "{months} months beyond the stay": "the same",
}
COUNTED = re.compile(r"\{(?:n|count|days|hours|months|weeks|years)\} (?:\w+ ){0,2}\w+s\b")


def test_every_count_of_things_has_a_plural_form() -> None:
    counted = {m.id for m in _catalog() if isinstance(m.id, str) and COUNTED.search(m.id)}
    assert counted - set(COUNT_NEVER_ONE) == set(), "use trn (singular and plural forms)"
    # A message that became plural (or went) leaves this list.
    assert set(COUNT_NEVER_ONE) <= counted


def test_every_phase_has_one_name_for_every_view() -> None:
    # Wrong: the TUI showed the stored keys ("prepare", "in-flight") while the CLI said
    # "Before you go" and the binder "Departure day": three names for one phase.
    from tripkit.core.models import PHASES
    from tripkit.core.wording import PHASE_WORDS, phase_word
    from tripkit.i18n import tr

    assert tuple(PHASE_WORDS) == PHASES
    for phase in PHASES:
        assert phase_word(phase, "en") == PHASE_WORDS[phase] != phase
        assert phase_word(phase, "ja") == tr(PHASE_WORDS[phase], "ja") != PHASE_WORDS[phase]
