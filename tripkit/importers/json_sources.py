"""JSON schedules from the Indico export API and the pretalx REST API.

Indico (``/export/event/<id>.json?detail=contributions`` or ``detail=sessions``)
------------------------------------------------------------------------------
Envelope ``{"_type": "HTTPAPIResult", "results": [event...]}``. An event's contributions are
in ``contributions[]`` and, with ``detail=sessions``, inside ``sessions[].contributions[]``
(session slots). Each time is a triple ``{"date", "time", "tz"}``: the wall time is read in
that ``tz`` and shown in the event's ``timezone`` (CERN serialises Europe/Zurich for an event
in Europe/Paris: same instants). End = ``endDate``, else start + ``duration`` minutes.
Contributions without a ``startDate`` (not scheduled) are left out and counted.
Mapping: key ``indico:<event id>:<contribution id>``; room = ``room`` (else the slot's, else
the event's), with ``location`` when there is no room; track = ``track``, else the session's
title; type = ``type``; speakers = ``speakers[].fullName`` as written ("Blasetti, Cecilia");
abstract = ``description`` (HTML to text); url = ``url``.

pretalx API (``/api/events/<slug>/talks/`` and ``/slots/``)
-----------------------------------------------------------
A page ``{"count", "next", "previous", "results": [...]}`` or the bare ``results`` list
(`fetch` joins the pages of a paginated URL). Two item shapes:
* a talk (legacy ``/talks/``, or a submission): ``code``, ``title``, ``speakers[{name, code}]``,
  ``slot{start, end, room}``, ``submission_type``, ``track``, ``abstract``, ``description``,
  ``state``; strings may be localised ``{"en": ...}``.
* a slot (v1 ``/slots/``): ``start``, ``end``, ``room`` (an id, or ``{name}`` when expanded),
  ``submission`` (a code, an expanded submission, or null for a break) and ``description``
  (a break's text).
Breaks (slots without submission, or talks without speakers whose type says break/lunch) are
sessions of type "break" with no speakers. Key = the submission ``code``; a break's key is
``pretalx-break:<slot id>`` (or its start and room). Talks without a slot are left out and
counted; withdrawn/canceled states mark the session cancelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_
from tripkit.importers.common import (
    Builder,
    Zones,
    add_instant,
    parse_iso,
    plain_url,
    speaker,
    unscheduled_warning,
    zone_named,
)
from tripkit.importers.flags import is_cancelled, recorded
from tripkit.importers.jsonutil import as_dict, as_list, key_text, text_of
from tripkit.importers.stream import ScheduleHeader
from tripkit.importers.text import clean_block, clean_line, join_abstract


def is_indico(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and doc.get("_type") == "HTTPAPIResult"
        and isinstance(doc.get("results"), list)
    )


def pretalx_items(doc: Any) -> list[Any] | None:
    """The items of a pretalx API page or list, when `doc` is one; else None."""
    items = doc.get("results") if isinstance(doc, dict) and "count" in doc else doc
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return None
    first = items[0]
    if "code" in first and "slot" in first and "title" in first:
        return items  # talks
    if "start" in first and "submission" in first and "room" in first:
        return items  # slots
    return None


def stream(
    fmt: str, doc: Any, *, source: str, zones: Zones, warnings: list[str], plain: bool = False
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """(header, sessions) of a decoded Indico export or pretalx API list. `plain`: no text
    in the file can hold a control character (see `jsonutil.json_plain`)."""
    if fmt == "indico-json":
        return _indico(doc, source, zones, warnings, plain)
    if fmt == "pretalx-api":
        items = pretalx_items(doc)
        if items is None:
            raise ImportError_("expected a pretalx API list of talks or slots", where=source)
        header = ScheduleHeader(source=source, format="pretalx-api", warnings=warnings)
        return header, _pretalx(items, source, zones, warnings, plain)
    raise ImportError_("unknown format {fmt!r}", where=source, fmt=fmt)


# --- Indico ------------------------------------------------------------------------------------


def _indico(
    doc: Any, source: str, zones: Zones, warnings: list[str], plain: bool
) -> tuple[ScheduleHeader, Iterator[Session]]:
    if not is_indico(doc):
        raise ImportError_(
            'expected an Indico export ({"_type": "HTTPAPIResult", "results": [...]})', where=source
        )
    events = [as_dict(e) for e in as_list(doc.get("results"))]
    if not events:
        raise ImportError_("the Indico export holds no event", where=f"{source}: results")
    first = events[0]
    zones.declare(first.get("timezone"), f"{source}: results[0].timezone")
    header = ScheduleHeader(
        source=source,
        format="indico-json",
        warnings=warnings,
        title=clean_line(text_of(first.get("title"))),
        tz=zones.file_zone.key if zones.file_zone else None,
    )
    return header, _indico_sessions(events, source, zones, warnings, plain)


def _indico_sessions(
    events: list[dict[str, Any]], source: str, zones: Zones, warnings: list[str], plain: bool
) -> Iterator[Session]:
    builder = Builder(source, warnings)
    unscheduled = 0
    for e_i, event in enumerate(events):
        ident = key_text(event.get("id")) or str(e_i)
        context = {
            "room": text_of(event.get("room")),
            "location": text_of(event.get("location")),
            "track": "",
            "url": text_of(event.get("url")),
        }
        path = f"results[{e_i}]"
        for c_i, raw in enumerate(as_list(event.get("contributions"))):
            got = _indico_contribution(
                raw, f"{path}.contributions[{c_i}]", ident, context, source, zones, builder, plain
            )
            if got is None:
                unscheduled += 1
            else:
                yield got
        for s_i, slot_any in enumerate(as_list(event.get("sessions"))):
            slot = as_dict(slot_any)
            session = as_dict(slot.get("session"))
            slot_context = {
                "room": text_of(slot.get("room")) or context["room"],
                "location": text_of(slot.get("location")) or context["location"],
                "track": text_of(session.get("title")) or text_of(slot.get("title")),
                "url": context["url"],
            }
            for c_i, raw in enumerate(as_list(slot.get("contributions"))):
                got = _indico_contribution(
                    raw,
                    f"{path}.sessions[{s_i}].contributions[{c_i}]",
                    ident,
                    slot_context,
                    source,
                    zones,
                    builder,
                    plain,
                )
                if got is None:
                    unscheduled += 1
                else:
                    yield got
    if unscheduled:
        warnings.append(unscheduled_warning(unscheduled))


def _triple(value: Any, where: str, zones: Zones) -> datetime | None:
    """An Indico {"date", "time", "tz"} as an aware time in the event's zone; None if absent."""
    if value is None:
        return None
    if type(value) is dict:  # the usual three texts: remembered by them (see Zones.remembered)
        key = (value.get("date"), value.get("time"), value.get("tz"))
        if all(type(part) is str or part is None for part in key):
            return zones.remembered(key, lambda: _triple_made(value, where, zones))
    return _triple_made(value, where, zones)


def _triple_made(value: Any, where: str, zones: Zones) -> datetime:
    triple = as_dict(value)
    text = f"{text_of(triple.get('date'))}T{text_of(triple.get('time')) or '00:00:00'}"
    wall = parse_iso(text, where, "date and time")
    if wall.tzinfo is not None:
        return zones.explicit(wall, where)
    name = text_of(triple.get("tz"))
    zone = zone_named(name) if name else None
    if zone is None:
        return zones.floating(wall, where)
    return zones.explicit(zones.in_zone(wall, zone, where), where)


def _indico_contribution(
    raw: Any,
    path: str,
    event_id: str,
    context: dict[str, str],
    source: str,
    zones: Zones,
    builder: Builder,
    plain: bool,
) -> Session | None:
    where = f"{source}: {path}"
    if not isinstance(raw, dict):
        raise ImportError_("expected a contribution object", where=where)
    start = _triple(raw.get("startDate"), f"{where}.startDate", zones)
    if start is None:
        return None
    end = _triple(raw.get("endDate"), f"{where}.endDate", zones)
    if end is None:
        minutes = raw.get("duration")
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes < 0:
            minutes = 0
        end = add_instant(start, timedelta(minutes=min(minutes, 60 * 24 * 14)))
    speakers: list[Speaker] = []
    for p_any in as_list(raw.get("speakers")):
        p = as_dict(p_any)
        name = (
            text_of(p.get("fullName"))
            or f"{text_of(p.get('first_name'))} {text_of(p.get('last_name'))}"
        )
        s = speaker(name, key_text(p.get("id")))
        if s is not None:
            speakers.append(s)
    room = text_of(raw.get("room")) or context["room"]
    location = text_of(raw.get("location")) or context["location"]
    return builder.add(
        key=f"indico:{event_id}:{key_text(raw.get('id')) or key_text(raw.get('db_id'))}",
        title=clean_line(text_of(raw.get("title"))),
        start=start,
        end=end,
        where=where,
        room=clean_line(room or location),
        track=clean_line(
            text_of(raw.get("track")) or text_of(raw.get("session")) or context["track"]
        ),
        type=clean_line(text_of(raw.get("type"))),
        speakers=speakers,
        abstract=clean_block(text_of(raw.get("description")), checked=plain),
        url=plain_url(text_of(raw.get("url")) or context["url"]),
    )


# --- pretalx -----------------------------------------------------------------------------------

_BREAK_WORDS = ("break", "lunch", "coffee", "pause", "dinner", "breakfast")


def _pretalx(
    items: list[Any], source: str, zones: Zones, warnings: list[str], plain: bool
) -> Iterator[Session]:
    builder = Builder(source, warnings)
    unscheduled = 0
    for i, raw in enumerate(items):
        items[i] = None
        where = f"{source}: results[{i}]"
        if not isinstance(raw, dict):
            raise ImportError_("expected a talk or slot object", where=where)
        got = _pretalx_item(raw, where, zones, builder, plain)
        if got is None:
            unscheduled += 1
        else:
            yield got
    if unscheduled:
        warnings.append(unscheduled_warning(unscheduled))


def _room_name(value: Any) -> str:
    if isinstance(value, dict) and "name" in value:
        return text_of(value.get("name"))
    if isinstance(value, dict):
        return text_of(value)  # {"en": "Room"}
    if isinstance(value, str):
        return value
    return ""  # a bare room id: its name is in /rooms/, not here


def _pretalx_item(
    raw: dict[str, Any], where: str, zones: Zones, builder: Builder, plain: bool
) -> Session | None:
    if "slot" in raw:  # a talk
        talk = raw
        slot = as_dict(raw.get("slot"))
        slot_id = ""
    else:  # a slot
        slot = raw
        sub = raw.get("submission")
        talk = sub if isinstance(sub, dict) else {"code": key_text(sub)} if sub else {}
        slot_id = key_text(raw.get("id"))
    if not slot.get("start"):
        return None
    start = _iso(slot.get("start"), f"{where}.start", zones)
    if slot.get("end"):
        end = _iso(slot.get("end"), f"{where}.end", zones)
    else:
        minutes: Any = talk.get("duration") or raw.get("duration")
        ok = isinstance(minutes, int) and not isinstance(minutes, bool) and minutes >= 0
        end = add_instant(start, timedelta(minutes=min(minutes, 20160) if ok else 0))
    speakers: list[Speaker] = []
    for p in as_list(talk.get("speakers")):
        if isinstance(p, dict):
            s = speaker(text_of(p.get("name")), key_text(p.get("code")))
            if s is not None:
                speakers.append(s)
    kind = clean_line(text_of(talk.get("submission_type")))
    title = clean_line(text_of(talk.get("title")))
    code = key_text(talk.get("code"))
    is_break = not code or (
        not speakers and any(w in f"{kind} {title}".lower() for w in _BREAK_WORDS)
    )
    if not code:
        title = clean_line(text_of(raw.get("description"))) or "Break"
        stamp = start.isoformat()
        code = (
            f"pretalx-break:{slot_id}"
            if slot_id
            else f"pretalx-break:{stamp}/{_room_name(slot.get('room'))}"
        )
    return builder.add(
        key=code,
        title=title,
        start=start,
        end=end,
        where=where,
        room=clean_line(_room_name(slot.get("room"))),
        track=clean_line(text_of(talk.get("track"))),
        type="break" if is_break and not kind else kind,
        languages=[x for x in [clean_line(text_of(talk.get("content_locale"))).lower()] if x],
        speakers=speakers,
        abstract=join_abstract(
            clean_block(text_of(talk.get("abstract")), checked=plain),
            clean_block(text_of(talk.get("description")), checked=plain),
        ),
        url=plain_url(text_of(talk.get("url"))),
        cancelled=is_cancelled(text_of(talk.get("state"))),
        recorded=recorded(talk),
    )


def _iso(value: Any, where: str, zones: Zones) -> datetime:
    key = value if type(value) is str else None  # (see Zones.remembered)
    return zones.remembered(key, lambda: _iso_made(value, where, zones))


def _iso_made(value: Any, where: str, zones: Zones) -> datetime:
    dt = parse_iso(value, where, "time")
    if dt.tzinfo is not None:
        return zones.explicit(dt, where)
    return zones.floating(dt, where)
