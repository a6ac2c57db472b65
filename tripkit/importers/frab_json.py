"""frab / pretalx ``schedule.json`` (c3voc v1) and the flat c3voc ``schedule2`` form.

v1 mirrors the XML: ``schedule.conference.days[].rooms{"<room>": [event...]}``. An event's
instant is ``date`` (ISO with offset); its end is pretalx's ``end`` when given, else start +
``duration``. Without ``date``: ``days[].date`` + ``start``, on the next calendar date when the
time is earlier than the day's ``day_start`` clock time (the day runs past midnight).
schedule2: ``schedule.events[]`` with ISO ``start``/``end``, ``room.name``, ``track.slug``
(named through ``conference.tracks``), ``participants``, ``state`` (CANCELED/WITHDRAWN/DELETED
mean cancelled). Localised strings ``{"en": ...}`` use English, else the first language.

Identity: ``guid``, else pretalx ``code``, else ``frab-id:<id>``.
Registration: only explicit fields: a boolean ``needs_registration``/``registration`` key, or
a pretalx answer whose question text is about registration/sign-up/tickets with a yes answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from msgspec import UNSET, Struct, UnsetType
from msgspec import field as member

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_
from tripkit.importers import text as _text
from tripkit.importers.common import (
    MAX_SESSION,
    Builder,
    Memo,
    Zones,
    _construct,
    add_instant,
    check_times,
    end_after,
    languages_of,
    parse_duration,
    parse_iso,
    plain_url,
    speaker,
)
from tripkit.importers.flags import (
    is_cancelled,
    is_yes,
    optout_to_recorded,
    recorded,
    registration_question,
)
from tripkit.importers.jsonutil import Absent, as_dict, as_list, key_text, q, text_of
from tripkit.importers.stream import ScheduleHeader
from tripkit.importers.text import clean_block, clean_line, join_abstract


def stream(
    doc: Any, *, source: str, zones: Zones, warnings: list[str], fmt: str, plain: bool = False
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """(header, sessions) of a decoded schedule.json. `plain`: no text in the file can hold
    a control character (see `jsonutil.json_plain`)."""
    sched = as_dict(as_dict(doc).get("schedule"))
    if not sched:
        raise ImportError_('expected an object with a "schedule" member', where=source)
    conf = as_dict(sched.get("conference"))
    zones.declare(conf.get("time_zone_name"), f"{source}: schedule.conference.time_zone_name")
    builder = Builder(source, warnings)
    if fmt == "schedule2" or "events" in sched:
        fmt = "schedule2"
        events = sched.get("events")
        if not isinstance(events, list):
            raise ImportError_("expected a list of events", where=f"{source}: schedule.events")
        sessions = _schedule2(events, conf, source, zones, builder, plain)
    else:
        days = conf.get("days")
        if not isinstance(days, list):
            raise ImportError_(
                "expected a list of days", where=f"{source}: schedule.conference.days"
            )
        sessions = _v1(days, source, zones, builder, plain)
    header = ScheduleHeader(
        source=source,
        format=fmt,
        title=clean_line(text_of(conf.get("title"))),
        tz=zones.file_zone.key if zones.file_zone else None,
        warnings=warnings,
    )
    return header, sessions


def _time(value: Any, where: str, zones: Zones, what: str) -> datetime:
    key = value if type(value) is str else None  # (sessions share starts: Zones.remembered)
    return zones.remembered(key, lambda: _time_made(value, where, zones, what))


def _time_made(value: Any, where: str, zones: Zones, what: str) -> datetime:
    dt = parse_iso(value, where, what)
    if dt.tzinfo is not None:
        return zones.explicit(dt, where)
    return zones.floating(dt, where)


def _clock(value: Any) -> time | None:
    text = text_of(value).strip()
    if len(text) > 10:  # an ISO day_start: take its clock time
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).time()
        except ValueError:
            return None
    parts = text.split(":")
    try:
        h, m = int(parts[0]), int(parts[1])
        return time(h, m) if 0 <= h < 24 and 0 <= m < 60 else None
    except (ValueError, IndexError):
        return None


class _Memos:
    """What a programme repeats, worked out once per import (see `Memo`)."""

    def __init__(self, builder: Builder, plain: bool = False) -> None:
        self.fast = _text.FAST_PATHS
        self.plain = plain  # see `stream`
        self.warnings = builder.warnings
        self.times: Memo[tuple[Any, ...], tuple[datetime, datetime]] = Memo()
        self.lines: Memo[str, str] = Memo()

    def line(self, value: Any) -> str:
        """clean_line(text_of(value)) of a field that repeats (room, track, type)."""
        if not self.fast or type(value) is not str:
            return clean_line(text_of(value))
        known = self.lines.get(value)
        if known is None:
            known = clean_line(value)
            self.lines.put(value, known)
        return known


def _v1(
    days: list[Any], source: str, zones: Zones, builder: Builder, plain: bool
) -> Iterator[Session]:
    memos = _Memos(builder, plain)
    for d_i, day_any in enumerate(days):
        days[d_i] = None  # released once read: the document shrinks as sessions are handed on
        day = as_dict(day_any)
        day_path = f"schedule.conference.days[{d_i}]"
        try:
            day_date: date | None = date.fromisoformat(text_of(day.get("date"))[:10])
        except ValueError:
            day_date = None
        day_change = _clock(day.get("day_start")) or time(0, 0)
        rooms = day.get("rooms")
        if rooms is None:
            continue
        if not isinstance(rooms, dict):
            raise ImportError_(
                "expected an object keyed by room name", where=f"{source}: {day_path}.rooms"
            )
        for room_name, events in rooms.items():
            room_path = f"{day_path}.rooms{q(room_name)}"
            if not isinstance(events, list):
                raise ImportError_("expected a list of events", where=f"{source}: {room_path}")
            room_clean = clean_line(room_name)
            for e_i, ev in enumerate(events):
                path = f"{room_path}[{e_i}]"
                if not isinstance(ev, dict):
                    raise ImportError_("expected an event object", where=f"{source}: {path}")
                yield _v1_event(
                    ev, path, room_clean, day_date, day_change, source, zones, builder, memos
                )


def _v1_times(
    ev: dict[str, Any], where: str, day_date: date | None, day_change: time, zones: Zones
) -> tuple[datetime, datetime]:
    if ev.get("date"):
        start = _time(ev.get("date"), f"{where}.date", zones, "date")
    else:
        clock = _clock(ev.get("start"))
        if clock is None or day_date is None:
            raise ImportError_(
                'the event has neither an ISO "date" nor a day date and start time',
                where=f"{where}.start",
            )
        on = day_date + timedelta(days=1) if clock < day_change else day_date
        start = zones.floating(datetime.combine(on, clock), f"{where}.start")  # noqa: DTZ001
    if ev.get("end"):
        end = _time(ev.get("end"), f"{where}.end", zones, "end")
    else:
        end = end_after(start, ev.get("duration"), f"{where}.duration")
    return start, end


def _v1_event(
    ev: dict[str, Any],
    path: str,
    room_name: str,
    day_date: date | None,
    day_change: time,
    source: str,
    zones: Zones,
    builder: Builder,
    memos: _Memos,
) -> Session:
    where = f"{source}: {path}"
    get = ev.get
    # The same slot texts on the same day give the same instants (text values only: a
    # number or a list is worked out each time).
    slot = (get("date"), get("start"), get("end"), get("duration"))
    key = (
        (*slot, day_date, day_change)
        if memos.fast and all(type(v) is str or v is None for v in slot)
        else None
    )
    times = memos.times.get(key) if key is not None else None
    if times is None:
        warned = len(memos.warnings)
        times = _v1_times(ev, where, day_date, day_change, zones)
        if key is not None and len(memos.warnings) == warned:
            memos.times.put(key, times)
    start, end = times
    speakers: list[Speaker] = []
    for p in as_list(get("persons")):
        p = as_dict(p)
        s = speaker(
            text_of(p.get("public_name")) or text_of(p.get("name")),
            key_text(p.get("guid")) or key_text(p.get("code")) or key_text(p.get("id")),
        )
        if s is not None:
            speakers.append(s)
    guid, code, ident = key_text(get("guid")), key_text(get("code")), key_text(get("id"))
    language = get("language")
    line = memos.line
    # The Session's fields, in the model's order (see Builder.build).
    return builder.build(
        {
            "key": guid or code or (f"frab-id:{ident}" if ident else f"frab:@{start.isoformat()}"),
            "title": clean_line(text_of(get("title"))),
            "subtitle": clean_line(text_of(get("subtitle"))),
            "start": start,
            "end": end,
            "room": line(get("room")) or room_name,
            "track": line(get("track")),
            "type": line(get("type")),
            "languages": languages_of(
                language if isinstance(language, list) else text_of(language)
            ),
            "speakers": speakers,
            "abstract": join_abstract(
                clean_block(text_of(get("abstract")), checked=memos.plain),
                clean_block(text_of(get("description")), checked=memos.plain),
            ),
            "url": plain_url(text_of(get("url"))),
            "needs_registration": _registration(ev),
            "cancelled": is_cancelled(text_of(get("state"))),
            "recorded": recorded(ev),
        },
        where,
    )


def _registration(ev: dict[str, Any]) -> bool:
    for name in ("needs_registration", "registration_required", "registration"):
        if name in ev:
            return is_yes(ev.get(name))
    for answer in as_list(ev.get("answers")):
        answer = as_dict(answer)
        question = answer.get("question")
        if isinstance(question, dict):
            question = question.get("question", question)
        if registration_question(text_of(question)) and is_yes(text_of(answer.get("answer"))):
            return True
    return False


def _schedule2(
    events: list[Any],
    conf: dict[str, Any],
    source: str,
    zones: Zones,
    builder: Builder,
    plain: bool,
) -> Iterator[Session]:
    tracks = {
        text_of(t.get("slug")): text_of(t.get("name"))
        for t in (as_dict(x) for x in as_list(conf.get("tracks")))
        if text_of(t.get("slug"))
    }
    for i, ev in enumerate(events):
        events[i] = None
        path = f"schedule.events[{i}]"
        where = f"{source}: {path}"
        if not isinstance(ev, dict):
            raise ImportError_("expected an event object", where=where)
        start = _time(ev.get("start"), f"{where}.start", zones, "start")
        if ev.get("end"):
            end = _time(ev.get("end"), f"{where}.end", zones, "end")
        else:
            end = end_after(start, ev.get("duration"), f"{where}.duration")
        track = ev.get("track")
        if isinstance(track, dict):
            slug = text_of(track.get("slug"))
            track_name = text_of(track.get("name")) or tracks.get(slug, slug)
        else:
            track_name = text_of(track)
        room = ev.get("room")
        room_name = text_of(as_dict(room).get("name")) if isinstance(room, dict) else text_of(room)
        speakers = [
            s
            for p in (as_dict(x) for x in as_list(ev.get("participants")))
            if (s := speaker(text_of(p.get("name")), key_text(p.get("guid")))) is not None
        ]
        guid, code = key_text(ev.get("guid")), key_text(ev.get("code"))
        yield builder.add(
            key=guid or code or f"schedule2:@{start.isoformat()}",
            title=clean_line(text_of(ev.get("title"))),
            subtitle=clean_line(text_of(ev.get("subtitle"))),
            start=start,
            end=end,
            where=where,
            room=clean_line(room_name),
            track=clean_line(track_name),
            type=clean_line(text_of(ev.get("type"))).lower(),
            languages=languages_of(
                ev.get("language")
                if isinstance(ev.get("language"), list)
                else text_of(ev.get("language"))
            ),
            speakers=speakers,
            abstract=join_abstract(
                clean_block(text_of(ev.get("abstract")), checked=plain),
                clean_block(text_of(ev.get("description")), checked=plain),
            ),
            url=plain_url(text_of(ev.get("url"))),
            needs_registration=_registration(ev),
            cancelled=is_cancelled(text_of(ev.get("state"))),
            recorded=recorded(ev),
        )


# Typed reading (issue 13): the usual schedule.json, decoded by msgspec straight into these
# records (a member they do not name is skipped, never built). Each member accepts exactly the
# JSON types for which the reading below equals `_v1_event`'s on the decoded dict; any other
# value fails the decode, and the file is then read by the code above (see
# `tripkit.importers.json_fast`). So an odd file is read as before, only more slowly.


class TPerson(Struct, gc=False):
    public_name: str | None = None
    name: str | None = None
    guid: str | None = None
    code: str | None = None
    id: int | str | None = None


class TEvent(Struct, gc=False):
    guid: str | None = None
    code: str | None = None
    id: int | str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    duration: str | None = None
    title: str | None = None
    subtitle: str | None = None
    room: str | None = None
    track: str | None = None
    type: str | None = None
    language: str | None = None
    abstract: str | None = None
    description: str | None = None
    url: str | None = None
    state: str | None = None
    persons: list[TPerson] = []
    # Read only by `_registration` and `recorded`, as the dict reading does (rare members).
    needs_registration: bool | int | str | None | UnsetType = UNSET
    registration_required: bool | int | str | None | UnsetType = UNSET
    registration: bool | int | str | None | UnsetType = UNSET
    answers: list[Any] | None = None
    do_not_record: Any = None
    recording: Any = None


class TDay(Struct, gc=False):
    date: str | None = None
    day_start: str | None = None
    rooms: dict[str, list[TEvent]] | None = None


class TConference(Struct, gc=False):
    days: list[TDay | None]
    title: str | None = None
    time_zone_name: str | None = None


class TSchedule(Struct, gc=False):
    conference: TConference
    # schedule2 (and a "schedule" that is no frab one) is read from the dict.
    events: Absent = member(default=UNSET)


def stream_typed(
    sched: TSchedule, *, source: str, zones: Zones, warnings: list[str], plain: bool
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """`stream` for a decoded `TSchedule` (frab-json v1). `plain`: no text in the file can
    hold a control character (see `jsonutil.json_plain`)."""
    conf = sched.conference
    zones.declare(conf.time_zone_name, f"{source}: schedule.conference.time_zone_name")
    builder = Builder(source, warnings)
    sessions = _v1_typed(conf.days, source, zones, builder, plain)
    header = ScheduleHeader(
        source=source,
        format="frab-json",
        title=clean_line(conf.title),
        tz=zones.file_zone.key if zones.file_zone else None,
        warnings=warnings,
    )
    return header, sessions


def _v1_typed(
    days: list[TDay | None], source: str, zones: Zones, builder: Builder, plain: bool
) -> Iterator[Session]:
    """`_v1` over typed records: the same steps in the same order, with every value's type
    already known (see `_v1_event` for what each field means). Calls that would only return
    their argument (no end, no state, a plain yes/no) are skipped."""
    memos = _Memos(builder)
    line, times_memo, warnings = memos.line, memos.times, memos.warnings
    build = builder.build_timed
    room_names: Memo[str, tuple[str, str]] = Memo()
    for d_i, day in enumerate(days):
        days[d_i] = None  # released once read, as `_v1` does
        if day is None:  # as_dict(None): a day without rooms
            continue
        try:
            day_date: date | None = date.fromisoformat((day.date or "")[:10])
        except ValueError:
            day_date = None
        day_change = _clock(day.day_start) or time(0, 0)
        rooms = day.rooms
        if rooms is None:
            continue
        day_path = f"{source}: schedule.conference.days[{d_i}]"
        for room_name, events in rooms.items():
            room = room_names.get(room_name)
            if room is None:  # a room's selector and clean name, made once per import
                room = (q(room_name), clean_line(room_name))
                room_names.put(room_name, room)
            room_where = f"{day_path}.rooms{room[0]}"
            room_clean = room[1]
            for e_i, ev in enumerate(events):
                where = f"{room_where}[{e_i}]"
                when = ev.date
                key = (when, ev.start, ev.end, ev.duration, day_date, day_change)
                times = times_memo.get(key)
                if times is None:
                    warned = len(warnings)
                    if when and not ev.end:  # the usual: an ISO "date" and a duration
                        start = _time(when, f"{where}.date", zones, "date")
                        # end_after, with its length at hand for build's check
                        length = parse_duration(ev.duration or "00:00", f"{where}.duration")
                        end = add_instant(start, length, f"{where}.duration")
                        times = (start, end)
                        # Its real length is `length`: build's check can fail only
                        # from 14 days (it compares float timestamps: run it as it is).
                        if length >= MAX_SESSION:
                            check_times(start, end, where)
                    else:
                        slot = {"date": when, "start": ev.start, "end": ev.end}
                        slot["duration"] = ev.duration
                        times = _v1_times(slot, where, day_date, day_change, zones)
                        check_times(*times, where)  # once per slot: see build_timed below
                    if len(warnings) == warned:
                        times_memo.put(key, times)
                start, end = times
                speakers: list[Speaker] = []
                for p in ev.persons:  # as `speaker` makes them
                    name = clean_line(p.public_name or p.name)
                    if name:
                        ident = p.guid or p.code or p.id
                        if type(ident) is not int:  # (a number's text is clean)
                            ident = clean_line(ident)
                        person = {"name": name, "id": str(ident)}
                        speakers.append(_construct(Speaker, person))
                abstract = clean_block(ev.abstract, checked=plain)
                description = clean_block(ev.description, checked=plain)
                flag = ev.do_not_record
                if flag is None:
                    rec = ev.recording
                    flag = rec.get("optout") if isinstance(rec, dict) else None
                ident = "" if ev.id is None else str(ev.id)
                # The Session's fields, in the model's order (see Builder.build).
                yield build(
                    {
                        "key": ev.guid
                        or ev.code
                        or (f"frab-id:{ident}" if ident else f"frab:@{start.isoformat()}"),
                        "title": clean_line(ev.title),
                        "subtitle": clean_line(ev.subtitle) if ev.subtitle else "",
                        "start": start,
                        "end": end,
                        "room": line(ev.room) or room_clean,
                        "track": line(ev.track),
                        "type": line(ev.type),
                        "languages": languages_of(ev.language),
                        "speakers": speakers,
                        "abstract": join_abstract(abstract, description)
                        if description
                        else abstract,
                        "url": plain_url(ev.url) if ev.url else "",
                        "needs_registration": False
                        if ev.needs_registration is UNSET
                        and ev.registration_required is UNSET
                        and ev.registration is UNSET
                        and not ev.answers
                        else _registration_typed(ev),
                        "cancelled": ev.state is not None and is_cancelled(ev.state),
                        "recorded": (not flag)
                        if flag is True or flag is False
                        else optout_to_recorded(flag),
                    },
                    where,
                )


def _registration_typed(ev: TEvent) -> bool:
    """`_registration` of a typed event."""
    for flag in (ev.needs_registration, ev.registration_required, ev.registration):
        if flag is not UNSET:
            return is_yes(flag)
    if ev.answers:
        return _registration({"answers": ev.answers})
    return False
