"""Words the engine puts into sentences, in the reader's language: countries by name (never an
ISO code: 「国籍: JP」 reads as machine output), airports by the city they serve, and the dates
of sources whose data says "no date".

The names come from what the application installed in tripkit.core.wiring (CLDR, the curated
cities); the core itself reads nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tripkit.core import wiring


def country_names(codes: Iterable[str], lang: str) -> str:
    """Countries by name in the reader's language ("Japan", "日本"), never as ISO codes."""
    return ("、" if lang == "ja" else ", ").join(wiring.country_name(c, lang) for c in codes)


# English country names said with "the" in running text: "Return to the United States", "a
# citizen of the Netherlands". Decided by the name (CLDR's or tripkit's curated one), so a
# country tripkit has no file for is covered too: plurals and unions ("United ...", "...
# Islands", "... Republic", "... Emirates") and the few single names that take it.
_THE_NAMES = frozenset({"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros"})
_THE_STARTS = ("United ",)
_THE_ENDS = (" Republic", " Islands", " Emirates", " Isles")


def capital(text: str) -> str:
    """A text starting a sentence: its first letter upper case ("The United States does not
    admit...", "Travel authorisation valid..."); a no-op for Japanese."""
    return text[:1].upper() + text[1:]


def in_running_text(name: str, lang: str) -> str:
    """A country's name as it reads inside an English sentence ("the United States"); other
    languages (Japanese has no article), a name already with one, and names that take none
    ("Japan", "Czechia") unchanged. Not for a sentence's start or a name used as an
    adjective ("United States preclearance")."""
    if lang != "en" or name.startswith(("the ", "The ")):
        return name
    if name in _THE_NAMES or name.startswith(_THE_STARTS) or name.endswith(_THE_ENDS):
        return "the " + name
    return name


def country_names_in_text(codes: Iterable[str], lang: str) -> str:
    """`country_names` inside a sentence: "to the United States, Japan"."""
    return ("、" if lang == "ja" else ", ").join(
        in_running_text(wiring.country_name(c, lang), lang) for c in codes
    )


# Other words a scheme's name uses for its country, besides the country's own name ("UK visit
# visa" for the United Kingdom, 「米国の訪問者ビザ」 for アメリカ合衆国, "Chinese visa").
_ALSO_NAMED = {
    "GB": ("UK", "British", "英国"),
    "US": ("US", "American", "米国"),
    "CN": ("Chinese",),
    "CA": ("Canadian",),
    "KR": ("Korea", "Korean"),
    "HK": ("Hong Kong", "香港"),
    "JP": ("Japanese",),
}


def names_country(text: str, code: str, lang: str) -> bool:
    """Whether `text` (a scheme's name) already names the country `code`: "Singapore entry
    visa", 「シンガポールの入国ビザ」, "UK ETA". A sentence then need not say the country
    again ("... for Singapore at Singapore (SIN)"). English words match whole words only
    ("US" is not in "BUS")."""
    words = (wiring.country_name(code, lang), *_ALSO_NAMED.get(code.upper(), ()))
    if lang == "ja":
        return any(w in text for w in words)
    return any(re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text) for w in words)


def airport_places(codes: Iterable[str], lang: str) -> str:
    """Airports as "San Francisco (SFO)" / 「サンフランシスコ(SFO)」 when tripkit knows the
    city an airport serves, else the code alone (a code is what the boarding pass shows)."""
    out = []
    for code in codes:
        city = wiring.airport_city(code, lang)
        if city:
            out.append(f"{city}({code})" if lang == "ja" else f"{city} ({code})")
        else:
            out.append(code)
    return ("、" if lang == "ja" else ", ").join(out)


# What the data writes when a source states no date; the rest of the field is the source's.
_NO_DATE = ("no date shown", "no date")


def source_date(text: str, lang: str) -> str:
    """A source's date as its data states it, with tripkit's own "no date" in `lang`
    (「日付なし」, not 「(no date)」 in a Japanese binder)."""
    for phrase in _NO_DATE:
        if text == phrase or text.startswith(phrase + " "):
            return wiring.tr(phrase, lang) + text[len(phrase) :]
    return text


_ENDS = tuple("。．！？!?」』)）.")


def as_sentence(text: str, lang: str) -> str:
    """`text` ending as a sentence in `lang`: a Japanese line the engine built without 「。」
    would run into the next one when a view joins or wraps lines."""
    text = text.rstrip()
    if lang != "ja" or not text or text.endswith(_ENDS):
        return text
    return text + "。"


def clauses(texts: Iterable[str], separator: str = "; ") -> str:
    """Texts joined as clauses of one sentence: a clause that ends with a full stop (a
    curated note: "... (not by land or sea).") loses it before the separator, which would
    otherwise read ".;"."""
    parts = list(texts)
    if separator.startswith(";"):
        parts = [
            p[:-1] if p.endswith(".") and not p.endswith("..") else p for p in parts[:-1]
        ] + parts[-1:]
    return separator.join(parts)


def without_repeats(texts: Iterable[str], lang: str) -> list[str]:
    """Each text without the passages an earlier text already said; a text with nothing new
    is left out. The Overview lists every item's problem, and one warning (a passport that
    ends too soon) is part of the problems of three items: said three times, it read as three.

    A passage is a whole earlier text, or what was new in one: checklist problems are
    warnings joined one after another, so a repeated warning is one of those, never a
    sentence picked out of one (a Japanese warning may run to two sentences, the second
    shared with another warning: 「…登録されていません。今すぐ…申請してください。」)."""
    glue = "" if lang == "ja" else " "
    passages: list[str] = []
    out = []
    for text in texts:
        rest = text.strip()
        for passage in sorted(passages, key=len, reverse=True):
            rest = _cut(rest, passage, glue)
        if rest:
            out.append(rest)
            passages.append(rest)
        passages.append(text.strip())
    return out


def _cut(text: str, passage: str, glue: str) -> str:
    """`text` without each `passage` that stands between sentence ends in it."""
    start = 0
    while (at := text.find(passage, start)) >= 0:
        end = at + len(passage)
        before_ok = at == 0 or text[:at].endswith(tuple(e + glue for e in _ENDS))
        after_ok = (end == len(text) or text.startswith(glue, end)) if glue else True
        if before_ok and after_ok:
            text = (text[:at] + text[end:].removeprefix(glue)).strip()
            start = at
        else:
            start = at + 1
    return text


# The reservation states the store keeps (the CLI's values, the TUI's `r` cycle, in order).
RESERVATIONS = ("reserved", "waitlisted", "full", "not-needed")


def reservation_word(state: str, lang: str) -> str:
    """A reservation state as a reader says it: the store keeps "not-needed", the value
    `tripkit schedule reserve` takes, which is no English to show."""
    return wiring.tr("no booking needed" if state == "not-needed" else state, lang)


# A checklist phase (the stored key) as a reader says it: the CLI's headings, the TUI's
# column and filter, the printed checklist and binder all take it from here.
PHASE_WORDS = {
    "prepare": "Before you go",
    "depart": "Departure",
    "in-flight": "In flight",
    "arrive": "Arrival",
    "venue": "At the conference",
    "after": "After the trip",
}


def phase_word(phase: str, lang: str) -> str:
    """'in-flight' -> 'In flight' / 「機内」 (an unknown key is shown as it is)."""
    words = PHASE_WORDS.get(phase)
    return wiring.tr(words, lang) if words else phase
