"""Searching and filtering a schedule's sessions. Pure: no store, no I/O.

Matching is substring search on normalised text, so that it works for Japanese (no word
boundaries) as well as for Latin text: "cafe" finds "Café", "ＤＯＣＫＥＲ" finds "Docker",
half-width "ﾄﾞｯｶｰ" finds "ドッカー". Each session's searchable text (title, subtitle,
speakers, abstract, track, room) is normalised once when the index is built; a word index
(built on the first query) narrows each query to the few sessions that can match, and only
those texts are tested (see SearchIndex).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tripkit.core.zoned import get_zone

if TYPE_CHECKING:  # a type only: the CLI's search must not import pydantic
    from tripkit.core.models import Session

# Combining marks that are accents on Latin, Greek and Cyrillic letters: dropped so that
# "cafe" matches "Café". Kana voicing marks (U+3099, U+309A) are NOT in these ranges and are
# kept, so that "が" does not match "か".
_ACCENT_RANGES = (
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1AB0, 0x1AFF),  # ... Extended
    (0x1DC0, 0x1DFF),  # ... Supplement
    (0x20D0, 0x20FF),  # ... for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
)

# Separates sessions inside the index's one long string; normalised text never contains it
# (normalise() turns control characters into spaces), so no match can span two sessions.
_SEP = "\x00"
_WORD = re.compile(r"\w+")


# Accents to drop, and control characters to turn into spaces (regexes: far faster than
# str.translate on long non-ASCII text).
_ACCENTS = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _ACCENT_RANGES) + "]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """Text folded for matching: compatibility forms (full/half width), case and accents.

    NFKD splits "é" into "e" + accent and maps full-width "Ａ" to "A" and half-width "ｶ" to
    "カ"; casefold handles "ß" and the like (and may itself add accents: "İ" -> "i̇"); the
    accents are then dropped and NFC recomposes kana with their voicing marks. Runs of
    whitespace and control characters become one space.
    """
    if text.isascii():  # the common case, without the Unicode passes
        return " ".join(_CONTROL.sub(" ", text).lower().split())
    folded = _ACCENTS.sub("", unicodedata.normalize("NFKD", text).casefold())
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", folded)).split())


def session_text(session: Session) -> str:
    """Everything a search looks at for one session, normalised."""
    parts = [session.title, session.subtitle, session.track, session.room, session.abstract]
    parts.extend(s.name for s in session.speakers)
    return normalise("\n".join(p for p in parts if p))


def session_day(session: Session, tz: str) -> date:
    """The calendar day a session starts on, in the venue's zone."""
    return session.start.astimezone(get_zone(tz)).date()


def _lang(code: str) -> str:
    """Primary language subtag: 'en-US' and 'EN' both give 'en'."""
    return code.strip().replace("_", "-").split("-")[0].casefold()


@dataclass(frozen=True)
class Filters:
    """Narrow a search; every given filter must hold. Text filters ignore case and accents."""

    day: date | None = None  # in the venue's zone
    track: str | None = None
    room: str | None = None
    language: str | None = None

    def active(self) -> bool:
        return any(v is not None for v in (self.day, self.track, self.room, self.language))


class SearchIndex:
    """Normalised search text of every session, built once; queries are then cheap.

    Matching is substring search, but checking 10,000 long texts per query is too slow, so
    the index also keeps every distinct word (run of letters/digits; a Japanese phrase is one
    such run) with the sessions it occurs in. A query word's letter runs can only occur inside
    words of a matching text, so the sessions holding a vocabulary word that contains each run
    are the only candidates; the exact substring test then runs on those alone. A query with
    no letters at all, or a very short one that is inside most words, falls back to one scan
    of all texts joined into one string.
    """

    # Above this many vocabulary words containing a query run, a plain scan is cheaper.
    MAX_WORDS = 1500
    # Once this few candidates are left, the substring test on each is cheaper than more sets.
    FEW = 200

    def __init__(self, sessions: Sequence[Session], tz: str):
        self.sessions = list(sessions)
        self.tz = tz
        texts = [session_text(s) for s in self.sessions]
        self._texts = texts
        self._starts: list[int] = []  # offset of each session's text in the joined string
        pos = 0
        for t in texts:
            self._starts.append(pos)
            pos += len(t) + 1
        self._joined = _SEP.join(texts)
        self._vocab_joined = ""  # the word index is built on the first query (_build_words)
        self._vocab_starts: list[int] = []
        self._postings: list[list[int]] = []
        self._words_built = False
        zone = get_zone(tz)
        self._days = [s.start.astimezone(zone).date() for s in self.sessions]
        self._tracks = [normalise(s.track) for s in self.sessions]
        self._rooms = [normalise(s.room) for s in self.sessions]
        self._langs = [{_lang(x) for x in s.languages} for s in self.sessions]
        self._titles = [normalise(s.title) for s in self.sessions]

    def __len__(self) -> int:
        return len(self.sessions)

    @staticmethod
    def _scan(joined: str, starts: list[int], term: str, limit: int | None = None) -> list[int]:
        """Indexes of the parts of `joined` (parts begin at `starts`) that contain `term`;
        one C-level find per matching part. None-like empty list when nothing matches;
        stops after `limit` parts (then returns limit + 1 items)."""
        out: list[int] = []
        find, n = joined.find, len(starts)
        pos = find(term)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            out.append(i)
            if limit is not None and len(out) > limit or i + 1 >= n:
                break
            pos = find(term, starts[i + 1])
        return out

    def prepare(self) -> None:
        """Build the word index now (e.g. in a worker thread) instead of on the first query.

        Safe to call from another thread while queries run: the index is built aside and
        swapped in at once; a query that comes first simply builds its own.
        """
        if not self._words_built:
            self._build_words()

    def _build_words(self) -> None:
        """The vocabulary and, for each word, the sessions it occurs in. Built on the first
        query (or prepare()), not at load: listing and the agenda never need it."""
        postings: dict[str, list[int]] = {}
        for i, t in enumerate(self._texts):
            for w in set(_WORD.findall(t)):
                postings.setdefault(w, []).append(i)
        vocab = list(postings)
        starts = []
        pos = 0
        for w in vocab:
            starts.append(pos)
            pos += len(w) + 1
        # Swapped in whole, `_words_built` last: a reader that sees it True sees the complete
        # index. Two racing builds produce identical indexes, so either may win.
        self._postings, self._vocab_starts, self._vocab_joined = (
            list(postings.values()),
            starts,
            _SEP.join(vocab),
        )
        self._words_built = True

    def _words_with(self, run: str) -> list[int] | None:
        """Vocabulary words containing `run`; None when too many to be worth it."""
        words = self._scan(self._vocab_joined, self._vocab_starts, run, self.MAX_WORDS)
        return None if len(words) > self.MAX_WORDS else words

    def _candidates(self, terms: list[str]) -> tuple[list[int], bool]:
        """Sessions that may contain every term, and whether they surely all do.

        They surely do when each term is a single run of letters/digits and every run's
        word set was intersected: a text contains such a term exactly when one of its words
        does. Otherwise the caller checks each candidate's text.
        """
        if not self._words_built:
            self._build_words()
        postings = self._postings
        runs_of = [_WORD.findall(t) for t in terms]
        exact = all(len(r) == 1 and r[0] == t for r, t in zip(runs_of, terms, strict=True))
        costed: list[tuple[int, str, list[int]]] = []
        # Longer runs first: they are usually rarer, and a run in no word ends the search.
        for run in sorted({r for runs in runs_of for r in runs}, key=len, reverse=True):
            words = self._words_with(run)
            if words is None:
                exact = False
                continue
            if not words:
                return [], True
            costed.append((sum(len(postings[w]) for w in words), run, words))
        if not costed:  # nothing usable: scan every text for the longest term
            return self._scan(self._joined, self._starts, terms[0]), len(terms) == 1
        costed.sort(key=lambda c: c[0])  # the rarest run first
        found: set[int] = set().union(*(postings[w] for w in costed[0][2]))
        texts = self._texts
        for cost, run, words in costed[1:]:
            if len(found) <= self.FEW:  # checking these few texts directly is cheaper
                exact = False
                break
            if cost > 4 * len(found):  # a common run: test it in the candidates' texts
                found = {i for i in found if run in texts[i]}
            else:
                found &= set().union(*(postings[w] for w in words))
        return sorted(found), exact

    def _keep(self, i: int, f: Filters, track: str | None, room: str | None) -> bool:
        if f.day is not None and self._days[i] != f.day:
            return False
        if track is not None and self._tracks[i] != track:
            return False
        if room is not None and self._rooms[i] != room:
            return False
        return not (f.language is not None and _lang(f.language) not in self._langs[i])

    def search(self, query: str = "", filters: Filters | None = None) -> list[Session]:
        """Sessions containing every word of `query` (all sessions for an empty query).

        Results whose title contains the whole query come first; otherwise schedule order
        (by start time, then title) is kept.
        """
        f = filters or Filters()
        track = normalise(f.track) if f.track is not None else None
        room = normalise(f.room) if f.room is not None else None
        terms = sorted(set(normalise(query).split()), key=len, reverse=True)
        if terms:
            found, exact = self._candidates(terms)
            if not exact:
                texts = self._texts
                found = [i for i in found if all(t in texts[i] for t in terms)]
            candidates: Iterable[int] = found
        else:
            candidates = range(len(self.sessions))
        if f.active():
            candidates = [i for i in candidates if self._keep(i, f, track, room)]
        hits = list(candidates)
        whole = normalise(query)
        if whole and hits:
            # Whole-query title matches first; sort is stable (also with reverse=True), so
            # schedule order is kept within each group.
            titles = self._titles
            in_title = {i for i in hits if whole in titles[i]}
            hits.sort(key=in_title.__contains__, reverse=True)
        return list(map(self.sessions.__getitem__, hits))


def build_index(sessions: Sequence[Session], tz: str) -> SearchIndex:
    """An index over `sessions` in schedule order (start time, then title)."""
    ordered = sorted(sessions, key=lambda s: (s.start, s.title, s.key))
    return SearchIndex(ordered, tz)
