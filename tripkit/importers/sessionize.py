"""Sessionize API v2: ``view/All``, ``view/Sessions`` (grouped) and ``view/GridSmart``.

Sessionize gives no time zone anywhere. Real events give floating local times
(``2020-03-28T08:00:00``): they are read in the event zone (``--tz``, else the venue's zone,
with a warning; with neither the import is refused). Some (the 2017 demo) end times in ``Z``:
taken as UTC instants, with a warning, because Sessionize usually means local time.
Sessions without ``startsAt`` (not scheduled yet) are left out and counted in a warning.
A session without ``endsAt`` gets a zero length and a warning.

Mapping: key = ``id``; room = ``rooms[roomId].name`` (or ``room``); speakers by id from
``speakers``; track = the session category whose title mentions "track" (else "category",
"topic" or "theme"); type = the category mentioning "format" or "type"; languages = a
"language" category (names mapped to ISO codes where known). ``needs_registration`` is true
only when a custom question (or category) whose text is about registration, sign-up, booking
or tickets is answered yes. ``cancelled`` from a ``status`` of Cancelled/Withdrawn/Declined.
GridSmart repeats a session in every room/slot it spans: the same id with the same times is
one session; the same id with other times is a duplicate (kept under a new key, with a warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from msgspec import UNSET, Struct, UnsetType

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_, Msg
from tripkit.importers import text as _text
from tripkit.importers.common import (
    Builder,
    Memo,
    Zones,
    _construct,
    check_times,
    parse_iso,
    speaker,
    unscheduled_warning,
)
from tripkit.importers.flags import is_cancelled, is_yes, registration_question
from tripkit.importers.jsonutil import Absent, as_dict, as_list, key_text, text_of
from tripkit.importers.stream import ScheduleHeader
from tripkit.importers.text import clean_block, clean_line

_TRACK = (re.compile(r"track", re.I), re.compile(r"categor|topic|theme", re.I))
_TYPE = re.compile(r"format|\btype\b", re.I)
_LANGUAGE = re.compile(r"language|sprache|言語", re.I)
_LANG_CODES = {
    "english": "en",
    "spanish": "es",
    "german": "de",
    "italian": "it",
    "french": "fr",
    "chinese": "zh",
    "arabic": "ar",
    "portuguese": "pt",
    "japanese": "ja",
    "dutch": "nl",
    "russian": "ru",
    "polish": "pl",
    "korean": "ko",
    "swedish": "sv",
    "croatian": "hr",
}


@dataclass
class _Lookup:
    speakers: dict[str, str] = field(default_factory=dict)
    rooms: dict[str, str] = field(default_factory=dict)
    items: dict[str, tuple[str, str]] = field(default_factory=dict)  # item id -> (cat, name)
    questions: dict[str, str] = field(default_factory=dict)


def stream(
    doc: Any, *, source: str, zones: Zones, warnings: list[str], plain: bool = False
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """(header, sessions) of a decoded Sessionize file. `plain`: see `jsonutil.json_plain`."""
    if isinstance(doc, dict) and not isinstance(doc.get("sessions"), list):
        raise ImportError_("expected a list of sessions", where=f"{source}: sessions")
    if not isinstance(doc, dict | list):
        raise ImportError_("expected a Sessionize object or list", where=source)
    header = ScheduleHeader(source=source, format="sessionize", warnings=warnings)
    return header, _sessions(doc, source, zones, warnings, plain)


def _sessions(
    doc: Any, source: str, zones: Zones, warnings: list[str], plain: bool
) -> Iterator[Session]:
    builder = Builder(source, warnings)
    state = _State(source, zones, builder, plain=plain)
    if isinstance(doc, dict):
        look = _Lookup(
            speakers={
                key_text(s.get("id")): clean_line(
                    text_of(s.get("fullName"))
                    or f"{text_of(s.get('firstName'))} {text_of(s.get('lastName'))}"
                )
                for s in map(as_dict, as_list(doc.get("speakers")))
            },
            rooms={
                key_text(r.get("id")): text_of(r.get("name"))
                for r in map(as_dict, as_list(doc.get("rooms")))
            },
            items={
                key_text(i.get("id")): (text_of(c.get("title")), text_of(i.get("name")))
                for c in map(as_dict, as_list(doc.get("categories")))
                for i in map(as_dict, as_list(c.get("items")))
            },
            questions={
                key_text(qn.get("id")): text_of(qn.get("question"))
                for qn in map(as_dict, as_list(doc.get("questions")))
            },
        )
        sessions = doc.get("sessions")
        if not isinstance(sessions, list):
            raise ImportError_("expected a list of sessions", where=f"{source}: sessions")
        for i, s in enumerate(sessions):
            if (got := state.session(s, f"sessions[{i}]", look)) is not None:
                yield got
    elif isinstance(doc, list):
        for g_i, group in enumerate(doc):
            group = as_dict(group)
            if "groupId" in group or "groupName" in group:
                for s_i, s in enumerate(as_list(group.get("sessions"))):
                    if got := state.session(s, f"[{g_i}].sessions[{s_i}]", _Lookup()):
                        yield got
            else:  # GridSmart day
                for r_i, room in enumerate(map(as_dict, as_list(group.get("rooms")))):
                    for s_i, s in enumerate(as_list(room.get("sessions"))):
                        if got := state.session(
                            s,
                            f"[{g_i}].rooms[{r_i}].sessions[{s_i}]",
                            _Lookup(),
                            room_name=text_of(room.get("name")),
                        ):
                            yield got
    _summary(state, zones, warnings)


def _summary(state: _State, zones: Zones, warnings: list[str]) -> None:
    """The warnings said once the sessions are read."""
    if state.unscheduled:
        warnings.append(unscheduled_warning(state.unscheduled))
    if state.no_end:
        warnings.append(
            Msg(
                "{n} session gives no end time; it is shown with a length of 0 minutes",
                plural="{n} sessions give no end time; they are shown with a length of 0 minutes",
                n=state.no_end,
            )
        )
    if state.utc_seen and zones.tz is None:
        warnings.append(
            "this Sessionize file gives times in UTC (ending in Z), although "
            "Sessionize usually means local time; if sessions look shifted, check "
            "the event's zone"
        )


@dataclass
class _State:
    source: str
    zones: Zones
    builder: Builder
    unscheduled: int = 0
    no_end: int = 0
    utc_seen: bool = False
    plain: bool = False  # see `stream`
    seen: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)
    fast: bool = field(default_factory=lambda: _text.FAST_PATHS)
    # (startsAt, endsAt) -> (start, end, whether either was UTC): sessions share their slots.
    times: Memo[tuple[str, str], tuple[datetime, datetime, bool]] = field(default_factory=Memo)
    # categories -> (track, type, languages, a registration category said yes)
    categories: Memo[tuple[tuple[str, str], ...], tuple[str, str, tuple[str, ...], bool]] = field(
        default_factory=Memo
    )
    # a category title -> `_kinds` of it
    titles: Memo[str, Kinds] = field(default_factory=Memo)
    # an instant's text -> (the instant, whether it was UTC): a slot's end is the next one's start
    instants: Memo[str, tuple[datetime, bool]] = field(default_factory=Memo)

    def time(self, value: Any, where: str, what: str) -> datetime:
        known = self.instants.get(value) if self.fast and type(value) is str else None
        if known is not None:
            self.utc_seen = self.utc_seen or known[1]
            return known[0]
        warned, utc_before = len(self.builder.warnings), self.utc_seen
        self.utc_seen = False
        dt = self._time(value, where, what)
        utc, self.utc_seen = self.utc_seen, self.utc_seen or utc_before
        if self.fast and type(value) is str and len(self.builder.warnings) == warned:
            self.instants.put(value, (dt, utc))
        return dt

    def _time(self, value: Any, where: str, what: str) -> datetime:
        dt = parse_iso(value, where, what)
        if dt.tzinfo is not None:
            if dt.utcoffset() == timedelta(0):
                self.utc_seen = True
            return self.zones.explicit(dt, where)
        return self.zones.floating(dt, where)

    def times_of(self, raw: dict[str, Any], where: str) -> tuple[datetime, datetime]:
        starts, ends = raw.get("startsAt"), raw.get("endsAt")
        key = (starts, ends) if self.fast and type(starts) is str and type(ends) is str else None
        known = self.times.get(key) if key is not None else None  # type: ignore[arg-type]
        if known is not None:
            self.utc_seen = self.utc_seen or known[2]
            if not ends:
                self.no_end += 1
            return known[0], known[1]
        warned, utc_before = len(self.builder.warnings), self.utc_seen
        self.utc_seen = False
        start = self.time(starts, f"{where}.startsAt", "startsAt")
        if ends:
            end = self.time(ends, f"{where}.endsAt", "endsAt")
        else:
            self.no_end += 1
            end = start
        utc, self.utc_seen = self.utc_seen, self.utc_seen or utc_before
        if key is not None and len(self.builder.warnings) == warned:
            self.times.put(key, (start, end, utc))  # type: ignore[arg-type]
        return start, end

    def kinds(self, title: str) -> Kinds:
        """`_kinds` of a category title, remembered: a file has a handful of categories."""
        known = self.titles.get(title) if self.fast else None
        if known is None:
            known = _kinds(title)
            if self.fast:
                self.titles.put(title, known)
        return known

    def categorised(self, cats: list[tuple[str, str]]) -> tuple[str, str, tuple[str, ...], bool]:
        """What the categories say, remembered: sessions share their categories."""
        key = tuple(cats)
        known = self.categories.get(key) if self.fast else None
        if known is None:
            # One pass sorts the names by what their category's title names.
            tracks: list[str] = []
            topics: list[str] = []
            types: list[str] = []
            languages: list[str] = []
            registration = False
            for title, name in cats:
                kinds = self.kinds(title)
                if name:
                    if kinds[0]:
                        tracks.append(name)
                    if kinds[1]:
                        topics.append(name)
                    if kinds[2]:
                        types.append(name)
                    if kinds[3]:
                        languages.append(name)
                if kinds[4] and not registration:
                    registration = is_yes(name)
            known = (
                # A track category wins over a category/topic/theme one.
                clean_line(", ".join(dict.fromkeys(tracks or topics))),
                clean_line(", ".join(dict.fromkeys(types))),
                tuple(_language_codes(languages)),
                registration,
            )
            if self.fast:
                self.categories.put(key, known)
        return known

    def session(self, raw: Any, path: str, look: _Lookup, room_name: str = "") -> Session | None:
        where = f"{self.source}: {path}"
        if not isinstance(raw, dict):
            raise ImportError_("expected a session object", where=where)
        if not raw.get("startsAt"):
            self.unscheduled += 1
            return None
        start, end = self.times_of(raw, where)
        key = key_text(raw.get("id"))
        if key in self.seen and self.seen[key] == (start, end):
            return None  # GridSmart/grouped views repeat a session per room, slot or group
        self.seen.setdefault(key, (start, end))

        # Categories: view/All gives item ids; the other views embed names.
        cats: list[tuple[str, str]] = [
            look.items[k]
            for k in map(key_text, as_list(raw.get("categoryItems")))
            if k in look.items
        ]
        for c in map(as_dict, as_list(raw.get("categories"))):
            for item in map(as_dict, as_list(c.get("categoryItems"))):
                cats.append((text_of(c.get("name")), text_of(item.get("name"))))
        track, type_, languages, registration = self.categorised(cats)
        speakers: list[Speaker] = []
        for sp in as_list(raw.get("speakers")):
            if isinstance(sp, dict):
                s = speaker(text_of(sp.get("name")), key_text(sp.get("id")))
            else:
                s = speaker(look.speakers.get(key_text(sp), ""), key_text(sp))
            if s is not None:
                speakers.append(s)
        room = (
            room_name or text_of(raw.get("room")) or look.rooms.get(key_text(raw.get("roomId")), "")
        )
        status = text_of(raw.get("status"))
        # The Session's fields, in the model's order (see Builder.build).
        return self.builder.build(
            {
                "key": key,
                "title": clean_line(text_of(raw.get("title"))),
                "subtitle": "",
                "start": start,
                "end": end,
                "room": clean_line(room),
                "track": track,
                "type": type_ or ("service" if raw.get("isServiceSession") is True else ""),
                "languages": list(languages),
                "speakers": speakers,
                "abstract": clean_block(text_of(raw.get("description")), checked=self.plain),
                "url": "",
                "needs_registration": _registration(raw, look) or registration,
                "cancelled": is_cancelled(status) or status.lower() == "declined",
            },
            where,
        )


Kinds = tuple[bool, bool, bool, bool, bool]  # see `_kinds`


def _kinds(title: str) -> Kinds:
    """What a category's title names: (a track, a category/topic/theme, a format or type, a
    language, a registration question). Worked out once per title (see `_State.kinds`)."""
    return (
        _TRACK[0].search(title) is not None,
        _TRACK[1].search(title) is not None,
        _TYPE.search(title) is not None,
        _LANGUAGE.search(title) is not None,
        registration_question(title),
    )


def _language_codes(names: list[str]) -> list[str]:
    """The codes of language names ("English" -> "en"; others as written, lower case)."""
    out: list[str] = []
    for name in names:
        code = _LANG_CODES.get(name.strip().lower(), clean_line(name).lower())
        if code and code not in out:
            out.append(code)
    return out


def _registration(raw: dict[str, Any], look: _Lookup) -> bool:
    """A custom question about registration answered yes (the categories are read apart)."""
    for qa in map(as_dict, as_list(raw.get("questionAnswers"))):
        question = text_of(qa.get("question")) or look.questions.get(
            key_text(qa.get("questionId")), ""
        )
        answer = qa.get("answer") if "answer" in qa else qa.get("answerValue")
        if registration_question(question) and is_yes(text_of(answer)):
            return True
    return False


# Typed reading (issue 13) of view/All, decoded by msgspec into these records (members not
# named here are skipped, never built). Each member accepts exactly the JSON types for which
# the reading below equals the dict reading above; any other value fails the decode and the
# file is read from the dict (see `tripkit.importers.json_fast`).

Key = str | int | None  # an id as `key_text` reads it (a bool or a float fails the decode)


class TSpeaker(Struct, gc=False):
    id: Key = None
    fullName: str | None = None  # noqa: N815 - Sessionize's names
    firstName: str | None = None  # noqa: N815
    lastName: str | None = None  # noqa: N815


class TRoom(Struct, gc=False):
    id: Key = None
    name: str | None = None


class TItem(Struct, gc=False):
    id: Key = None
    name: str | None = None


class TCategory(Struct, gc=False):
    title: str | None = None
    items: list[TItem] = []


class TQuestion(Struct, gc=False):
    id: Key = None
    question: str | None = None


Answer = str | int | bool | None


class TAnswer(Struct, gc=False):
    question: str | None = None
    questionId: Key = None  # noqa: N815
    answer: Answer | UnsetType = UNSET
    answerValue: Answer = None  # noqa: N815


class TSession(Struct, gc=False):
    id: Key = None
    title: str | None = None
    description: str | None = None
    startsAt: str | None = None  # noqa: N815
    endsAt: str | None = None  # noqa: N815
    isServiceSession: bool | None = None  # noqa: N815
    speakers: list[str | int] = []
    categoryItems: list[str | int] = []  # noqa: N815
    questionAnswers: list[TAnswer] = []  # noqa: N815
    roomId: Key = None  # noqa: N815
    room: str | None = None
    status: str | None = None
    # Embedded categories (the other views) are read from the dict.
    categories: Absent = UNSET


def stream_typed(
    sessions: list[TSession],
    *,
    speakers: list[TSpeaker],
    rooms: list[TRoom],
    categories: list[TCategory],
    questions: list[TQuestion],
    source: str,
    zones: Zones,
    warnings: list[str],
    plain: bool,
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """`stream` of a decoded view/All. `plain`: see `jsonutil.json_plain`."""
    look = _Lookup(
        # Speakers' names are made when a session names them (see _sessions_typed).
        rooms={_key(r.id): r.name or "" for r in rooms},
        items={_key(i.id): (c.title or "", i.name or "") for c in categories for i in c.items},
        questions={_key(qn.id): qn.question or "" for qn in questions},
    )
    people = {_key(s.id): s for s in speakers}  # the last of an id wins, as in `_sessions`
    header = ScheduleHeader(source=source, format="sessionize", warnings=warnings)
    return header, _sessions_typed(sessions, look, people, source, zones, warnings, plain)


def _key(value: Key) -> str:
    return "" if value is None else str(value)


def _sessions_typed(
    sessions: list[TSession],
    look: _Lookup,
    people: dict[str, TSpeaker],
    source: str,
    zones: Zones,
    warnings: list[str],
    plain: bool,
) -> Iterator[Session]:
    """`_sessions` over typed records: the same steps, in the same order (see
    `_State.session` for what each field means)."""
    builder = Builder(source, warnings)
    state = _State(source, zones, builder)
    build, seen, items, times = builder.build_timed, state.seen, look.items, state.times
    # A speaker id -> (name, id) as `speaker` cleans them (None: no name), once per speaker.
    named: dict[str, tuple[str, str] | None] = {}
    # What sessions share, worked out once: a session's categoryItems -> what they say
    # (`_State.categorised`); a roomId -> its room's clean name; a room text -> it cleaned.
    by_ids: Memo[tuple[str | int, ...], tuple[str, str, tuple[str, ...], bool]] = Memo()
    rooms: Memo[Key, str] = Memo()
    room_texts: Memo[str, str] = Memo()
    for i, raw in enumerate(sessions):
        sessions[i] = None  # type: ignore[call-overload]  # released once read
        starts = raw.startsAt
        if not starts:
            state.unscheduled += 1
            continue
        where = f"{source}: sessions[{i}]"
        ends = raw.endsAt
        known = times.get((starts, ends)) if type(ends) is str else None
        if known is not None:  # `times_of`, remembered, and checked when it was first met
            start, end = known[0], known[1]
            state.utc_seen = state.utc_seen or known[2]
            if not ends:
                state.no_end += 1
        else:
            start, end = state.times_of({"startsAt": starts, "endsAt": ends}, where)
            check_times(start, end, where)  # see build_timed below
        key = _key(raw.id)
        if key in seen and seen[key] == (start, end):
            continue
        seen.setdefault(key, (start, end))
        ids = tuple(raw.categoryItems)  # (the same ids give the same categories)
        said = by_ids.get(ids)
        if said is None:
            said = state.categorised([items[k] for k in map(_key, ids) if k in items])
            by_ids.put(ids, said)
        track, type_, languages, registration = said
        speakers: list[Speaker] = []
        for sp in raw.speakers:
            ident = str(sp)
            if ident in named:
                person = named[ident]
            else:
                who = people.get(ident)
                name = clean_line(
                    clean_line(who.fullName or f"{who.firstName or ''} {who.lastName or ''}")
                    if who is not None
                    else ""
                )
                person = named[ident] = (name, clean_line(ident)) if name else None
            if person is not None:
                speakers.append(_construct(Speaker, {"name": person[0], "id": person[1]}))
        room = raw.room
        if room:  # the session's own room text
            clean = room_texts.get(room)
            if clean is None:
                clean = clean_line(room)
                room_texts.put(room, clean)
        else:  # the room its roomId names
            clean = rooms.get(raw.roomId)
            if clean is None:
                clean = clean_line(look.rooms.get(_key(raw.roomId), ""))
                rooms.put(raw.roomId, clean)
        status = raw.status
        # The Session's fields, in the model's order (see Builder.build).
        yield build(
            {
                "key": key,
                "title": clean_line(raw.title),
                "subtitle": "",
                "start": start,
                "end": end,
                "room": clean,
                "track": track,
                "type": type_ or ("service" if raw.isServiceSession is True else ""),
                "languages": list(languages),
                "speakers": speakers,
                "abstract": clean_block(raw.description, checked=plain),
                "url": "",
                "needs_registration": registration
                or (bool(raw.questionAnswers) and _registration_typed(raw, look)),
                "cancelled": status is not None
                and (is_cancelled(status) or status.lower() == "declined"),
            },
            where,
        )
    _summary(state, zones, warnings)


def _registration_typed(raw: TSession, look: _Lookup) -> bool:
    """`_registration` of a typed session."""
    for qa in raw.questionAnswers:
        question = qa.question or look.questions.get(_key(qa.questionId), "")
        answer = qa.answerValue if qa.answer is UNSET else qa.answer
        if registration_question(question) and is_yes(text_of(answer)):
            return True
    return False
