"""frab / Pentabarf ``schedule.xml`` (FOSDEM, CCC, pretalx, wafer exports).

Parsed with defusedxml: entity declarations (billion laughs) and external entities are refused.
Times: ``event/date`` (ISO with offset) is trusted for the instant; without it (old Pentabarf)
the time is ``day/@date`` + ``start`` read in the event zone, and a ``start`` earlier than
``conference/day_change`` belongs to the next calendar date (the conference "day" runs past
midnight). End = start + ``duration`` ("HH:MM", "HH:MM:SS" or "D:HH:MM"), computed on the
instant so that a session across a DST change lasts what the file says.

Identity: ``@guid``, else pretalx ``@code``, else ``frab-id:<@id>`` (FOSDEM <= 2024 has no guid).
Registration: frab has no standard field; an explicit ``<registration>``/``<needs_registration>``
child with a yes/true value is honoured, nothing else (a ``type`` of "Workshop" is not enough).
Cancelled: a ``<state>`` child saying canceled/cancelled/withdrawn (schedule2 vocabulary).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from tripkit.core.models import Schedule, Speaker
from tripkit.errors import ImportError_
from tripkit.importers.common import (
    Builder,
    Zones,
    add_instant,
    languages_of,
    parse_duration,
    parse_iso,
    plain_url,
    speaker,
)
from tripkit.importers.flags import is_cancelled, is_yes
from tripkit.importers.text import clean_block, clean_line, join_abstract

_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def load_xml(data: bytes, source: str) -> Element:
    """Parse untrusted XML: no DTD entities, no external references."""
    try:
        return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise ImportError_(
            f"the XML declares entities or external references, which tripkit refuses ({e})",
            where=source,
        ) from None
    except ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        raise ImportError_(f"not well-formed XML ({_reason(e)})",
                           where=f"{source}: line {line}, column {col + 1}") from None
    except LookupError as e:  # encoding="atf-8"
        raise ImportError_(f"the XML declares an encoding Python does not know ({e})",
                           where=source) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise ImportError_(f"the XML could not be read ({type(e).__name__})",
                           where=source) from None


def _reason(e: ParseError) -> str:
    text = str(e)
    return text.split(":")[0] if ":" in text else text


def is_frab(root: Element) -> bool:
    return root.tag == "schedule" and (
        root.find("conference") is not None or root.find("day") is not None
    )


def _hhmm(text: str | None) -> time | None:
    if not text:
        return None
    m = _HHMM.match(text)
    if not m:
        return None
    h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return time(h, mi, s)


def is_utf8(data: bytes) -> bool:
    """Whether the XML bytes are UTF-8 (no UTF-16 BOM, no other declared encoding)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    m = _ENCODING.match(data[:300])
    return m is None or m[1].lower() in (b"utf-8", b"utf8")


_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")


def parse(
    root: Element, *, source: str, zones: Zones, warnings: list[str], checked: bool = False
) -> Schedule:
    """`checked`: the raw bytes were found free of control characters (text.bytes_are_plain)."""
    if not is_frab(root):
        raise ImportError_(
            "this XML is not a frab/Pentabarf schedule (expected <schedule> with <conference> "
            "and <day>/<room>/<event>)",
            where=source,
        )
    conf = root.find("conference")
    title = ""
    day_change = time(0, 0)
    if conf is not None:
        title = clean_line(conf.findtext("title"))
        zones.declare(conf.findtext("time_zone_name"), f"{source}: /schedule/conference")
        dc = conf.findtext("day_change")
        if dc and dc.strip():
            parsed = _hhmm(dc)
            if parsed is None:
                warnings.append(f"{source}: /schedule/conference/day_change {clean_line(dc)!r} "
                                "is not a time; midnight was used")
            else:
                day_change = parsed
    builder = Builder(source, warnings)
    # Direct child loops: ElementPath's iterfind() is pure Python and costs more than the walk.
    days = [d for d in root if d.tag == "day"]
    for d_i, day in enumerate(days, 1):
        day_path = f"/schedule/day[{d_i}]"
        day_date = _day_date(day.get("date"))
        for r_i, room in enumerate((r for r in day if r.tag == "room"), 1):
            room_name = clean_line(room.get("name"))
            room_path = f'{day_path}/room[@name="{room_name}"]' if room_name else \
                f"{day_path}/room[{r_i}]"
            e_i = 0
            for event in room:
                if event.tag == "event":
                    e_i += 1
                    _event(event, f"{room_path}/event[{e_i}]", day_date, day_change, room_name,
                           source, zones, builder, checked)
    if not days:
        warnings.append(f"{source}: the schedule has no <day> elements")
    return Schedule.model_construct(
        title=title,
        source=source,
        format="frab-xml",
        tz=zones.file_zone.key if zones.file_zone else None,
        sessions=builder.sessions,
        warnings=warnings,
    )


def _day_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _event(
    event: Element,
    path: str,
    day_date: date | None,
    day_change: time,
    room_name: str,
    source: str,
    zones: Zones,
    builder: Builder,
    checked: bool,
) -> None:
    texts: dict[str, str] = {}
    persons: Element | None = None
    for child in event:
        tag = child.tag
        if tag not in texts:
            texts[tag] = child.text or ""  # type: ignore[index]
            if tag == "persons":
                persons = child
    text = texts.get

    where = f"{source}: {path}"
    start = _start(text("date", ""), text("start", ""), day_date, day_change, f"{where}/date",
                   zones)
    duration = parse_duration(text("duration") or "00:00", f"{where}/duration")
    end = add_instant(start, duration)
    guid, code, ident = event.get("guid"), event.get("code"), event.get("id")
    key = guid or code or (f"frab-id:{ident}" if ident else "") or \
        f"frab:{clean_line(text('slug') or text('title'))}@{start.isoformat()}"
    speakers: list[Speaker] = []
    if persons is not None:
        for p in persons:
            if p.tag == "person":
                s = speaker(p.text, p.get("guid") or p.get("id") or p.get("code") or "")
                if s is not None:
                    speakers.append(s)
    builder.add(
        key=key,
        title=clean_line(text("title")),
        subtitle=clean_line(text("subtitle")),
        start=start,
        end=end,
        where=where,
        room=clean_line(text("room")) or room_name,
        track=clean_line(text("track")),
        type=clean_line(text("type")),
        languages=languages_of(text("language", "")),
        speakers=speakers,
        abstract=join_abstract(clean_block(text("abstract"), checked=checked),
                               clean_block(text("description"), checked=checked)),
        url=plain_url(text("url")),
        needs_registration=is_yes(text("registration") or text("needs_registration")),
        cancelled=is_cancelled(text("state")),
        recorded=_recorded(event),
    )


def _recorded(event: Element) -> bool | None:
    """frab's <recording><optout>true</optout></recording>: not recorded; "false": recorded;
    absent: not said (many schedules carry no recording element at all)."""
    optout = event.find("recording/optout")
    if optout is None or not (optout.text or "").strip():
        return None
    return not is_yes(optout.text)


def _start(
    date_text: str,
    start_text: str,
    day_date: date | None,
    day_change: time,
    where: str,
    zones: Zones,
) -> datetime:
    if date_text.strip():
        dt = parse_iso(date_text, where, "date")
        if dt.tzinfo is not None:
            return zones.explicit(dt, where)
        if len(date_text.strip()) > 10:
            return zones.floating(dt, where)
        day_date = dt.date()
    # Pentabarf: no <date>; day/@date + start, with day_change deciding the calendar date.
    start = _hhmm(start_text)
    where_start = where.removesuffix("/date") + "/start"
    if start is None:
        raise ImportError_(f"start {clean_line(start_text)!r} is not a time like 09:30",
                           where=where_start)
    if day_date is None:
        raise ImportError_("the event has no <date> and its <day> has no date attribute",
                           where=where_start)
    if start < day_change:
        day_date = day_date + timedelta(days=1)
    wall = datetime.combine(day_date, start)  # noqa: DTZ001 - floating, zoned just below
    return zones.floating(wall, where_start)
