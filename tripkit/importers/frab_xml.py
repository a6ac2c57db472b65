"""frab / Pentabarf ``schedule.xml`` (FOSDEM, CCC, pretalx, wafer exports).

Parsed with defusedxml's parser (entity declarations — billion laughs — and external entities
are refused) as a push parser fed 64 KB at a time: no tree is built, each <event> becomes a
session as soon as its end tag is read (see `tripkit.importers.stream`).
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
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_, Msg, at_line
from tripkit.importers import text as _text
from tripkit.importers.common import (
    Builder,
    Memo,
    Zones,
    _construct,
    check_times,
    end_after,
    languages_of,
    parse_iso,
    plain_url,
)
from tripkit.importers.flags import is_cancelled, is_yes, optout_to_recorded
from tripkit.importers.stream import Input, ScheduleHeader
from tripkit.importers.text import clean_block, clean_line, join_abstract, xml_bytes_are_plain

_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def _reason(e: ParseError) -> str:
    text = str(e)
    return text.split(":")[0] if ":" in text else text


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


class _Collector:
    """The parser's target: keeps only what the importer reads, never a tree.

    Depths: 0 <schedule>, 1 <conference>/<day>, 2 conference fields / <room>, 3 <event>,
    4 the event's fields, 5 <person> inside <persons>. A field's text is its text before any
    child element (what ElementTree calls `.text`), and the first of a repeated field counts.
    Finished items queue in `done` until the importer takes them after each chunk.

    The callbacks run once per element of the file (about 20,000 times for a 2 MB schedule),
    so they do as little as they can:

    * Character data goes straight into the list `texts` through its own `append` (expat
      buffers a text node into one call): no Python function runs for the ~40,000 texts of
      a file, most of them the indentation between elements. `texts` holds the text read
      since it was last cleared: it is cleared when an element starts (after taking what
      the element that is open needs) and when anything but an event field ends.
    * Inside an <event> (most of the elements) the parser calls a second pair of callbacks,
      `field_start`/`field_end`, which know they are inside one and count levels below it;
      the <event> start tag switches to them and its end tag switches back (two attribute
      writes per event instead of tests in every callback).
    * They are closures over local variables, which Python reads and writes faster than
      attributes. What the importer reads between chunks (`root`, `conference`, `days`,
      `done`) is written through to the object when it changes.
    """

    def __init__(self) -> None:
        self.root = ""
        self.done: list[tuple[str, Any]] = []
        self.conference: dict[str, str] | None = None
        self.days = 0
        # The byte offset of the element being read (set by `_parser`; see `_Plain`).
        self.position: Callable[[], int] = int
        # Where the callbacks are installed (set by `_parser`), so that <event> can switch.
        self.expat: Any = None
        self.start, self.data, self.end = self._callbacks()

    def _callbacks(
        self,
    ) -> tuple[Callable[[str, dict[str, str]], None], Callable[[str], None], Callable[[str], None]]:
        collector = self
        done = self.done
        texts: list[str] = []  # the text read since the last clear (see the class docstring)
        clear = texts.clear
        join = "".join
        stack: list[str] = []  # the open elements down to depth 3
        depth = -1
        conference: dict[str, str] | None = None
        conference_field = False  # reading a conference field that has no child (yet)
        days = 0
        day: dict[str, str] = {}
        rooms = 0
        room: tuple[str, int] = ("", 0)
        events = 0
        # An event: its attributes, its fields' texts, its persons (name, id), the byte
        # offset of its start tag.
        event: tuple[dict[str, str], dict[str, str], list[tuple[str, str]], int] = ({}, {}, [], 0)
        values: dict[str, str] = {}  # event[1], the event's fields
        level = 0  # inside an event: 0 the event itself, 1 a field, 2 a <person>...
        field = ""  # the event field being read (level 1)
        text: str | None = None  # the field's text, once a child element cut it short
        person: dict[str, str] | None = None
        person_text: str | None = None
        optout = False  # reading <recording><optout> (the speaker's recording opt-out)
        optout_cut = False  # the <optout> has a child: its text does not count

        def field_start(tag: str, attrib: dict[str, str]) -> None:
            nonlocal level, field, text, person, person_text, optout, optout_cut
            if level == 0:
                level = 1
                field = tag
                text = None
                clear()
                return
            level += 1
            if level == 2:
                if text is None:
                    text = join(texts)
                person = None
                if tag == "optout" and field == "recording":
                    optout = True
                    optout_cut = False
                elif tag == "person" and field == "persons":
                    person = attrib
                    person_text = None
            elif person is not None:
                if person_text is None:
                    person_text = join(texts)  # a child inside a <person>
            elif optout:
                optout_cut = True
            clear()

        def field_end(tag: str) -> None:
            nonlocal level, person, optout, depth
            if level == 1:
                level = 0
                if tag not in values:
                    values[tag] = text if text is not None else join(texts)
                return
            if level == 0:  # </event>
                depth = 2
                stack.pop()
                done.append(("event", (event, day, days, room, events)))
                expat = collector.expat
                expat.StartElementHandler = start
                expat.EndElementHandler = end
                clear()
                return
            level -= 1
            if level == 1:
                if optout:
                    values["recording/optout"] = "" if optout_cut else join(texts)
                    optout = False
                elif person is not None:
                    name = person_text if person_text is not None else join(texts)
                    event[2].append(
                        (name, person.get("guid") or person.get("id") or person.get("code") or "")
                    )
                    person = None
            clear()

        def start(tag: str, attrib: dict[str, str]) -> None:
            nonlocal \
                depth, \
                conference, \
                conference_field, \
                days, \
                day, \
                rooms, \
                room, \
                events, \
                event, \
                values, \
                level
            depth += 1
            clear()
            if depth > 3:
                return
            stack.append(tag)
            conference_field = False
            if depth == 3:
                if tag == "event" and stack[1] == "day" and stack[2] == "room":
                    events += 1
                    values = {}
                    event = (attrib, values, [], collector.position())
                    level = 0
                    expat = collector.expat
                    expat.StartElementHandler = field_start
                    expat.EndElementHandler = field_end
            elif depth == 2:
                if stack[1] == "conference" and conference is not None:
                    conference_field = True
                elif tag == "room" and stack[1] == "day":
                    rooms += 1
                    room = (attrib.get("name", ""), rooms)
                    events = 0
            elif depth == 1:
                if tag == "conference" and conference is None:
                    conference = collector.conference = {}
                elif tag == "day":
                    days += 1
                    collector.days = days
                    day = attrib
                    rooms = 0
                    done.append(("day", None))
            elif depth == 0:
                collector.root = tag

        def end(tag: str) -> None:
            nonlocal depth, conference_field
            depth -= 1
            if depth < 3:
                stack.pop()
                if depth == 1 and conference_field and conference is not None:
                    conference.setdefault(tag, join(texts))
                    conference_field = False
                elif depth == 0 and tag == "conference" and conference is not None:
                    done.append(("conference", conference))
            clear()

        return start, texts.append, end

    def close(self) -> None:
        return None


def _parser(target: _Collector) -> DefusedXMLParser:
    """defusedxml's parser (no entity declarations, no external references) feeding `target`.

    Its element callbacks are replaced by the target's own, without ElementTree's namespace
    handling (frab has no namespaces; a namespaced root simply is not <schedule>), which keeps
    the push parser as fast as building a tree; the defusing handlers stay as defusedxml set
    them.
    """
    parser = DefusedXMLParser(
        target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    expat = parser.parser
    expat.ordered_attributes = False  # attributes as a dict
    expat.StartElementHandler = target.start
    expat.EndElementHandler = target.end
    expat.CharacterDataHandler = target.data
    target.position = lambda: expat.CurrentByteIndex
    target.expat = expat
    return parser


def _feed(parser: DefusedXMLParser, chunk: bytes | None, source: str) -> None:
    try:
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
    except DefusedXmlException as e:
        raise ImportError_(
            "the XML declares entities or external references, which tripkit refuses ({detail})",
            where=source,
            detail=e,
        ) from None
    except ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        raise ImportError_(
            "not well-formed XML ({detail})",
            where=at_line(source, line, col + 1),
            detail=_reason(e),
        ) from None
    except LookupError as e:  # encoding="atf-8"
        raise ImportError_(
            "the XML declares an encoding Python does not know ({detail})",
            where=source,
            detail=str(e),
        ) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise ImportError_(
            "the XML could not be read ({detail})", where=source, detail=type(e).__name__
        ) from None


def stream(
    inp: Input, *, source: str, zones: Zones, warnings: list[str]
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """Header (read up to the first <day>), then the sessions as their </event> is read."""
    target = _Collector()
    parser = _parser(target)
    chunks = inp.chunks()
    plain = _Plain()
    # Read until the root shows it is frab and the conference (title, zone) is known.
    while True:
        chunk = next(chunks, None)
        if chunk is not None:
            plain.add(chunk)
        _feed(parser, chunk, source)
        if target.root and target.root != "schedule":
            break
        if target.conference is not None and any(k == "conference" for k, _ in target.done):
            break
        if target.days or chunk is None:
            break
    if target.root != "schedule" or (target.conference is None and not target.days):
        raise ImportError_(
            "this XML (root <{root}>) is not a frab/Pentabarf schedule.xml",
            where=source,
            root=clean_line(target.root)[:40] or "?",
        )
    header = ScheduleHeader(source=source, format="frab-xml", warnings=warnings)
    state = _State(source, zones, Builder(source, warnings), warnings, header)
    if target.done and target.done[0][0] == "conference":
        state.conference(target.done.pop(0)[1])
    return header, state.run(target, parser, chunks, plain)


class _Plain:
    """Which bytes of the file are UTF-8 text free of control characters
    (`text.xml_bytes_are_plain`, checked one chunk at a time).

    An event whose bytes all lie in such chunks needs no per-field scan for controls in its
    text cleaning (`clean_block(checked=True)`). `clean_from` is the byte offset where the
    chunks after the last one that is not plain begin (each chunk is checked with the last
    bytes of the one before, so that nothing hides across the cut): an event whose start tag
    is at or after it is plain, judged once its end tag is read. The start tag's offset is
    expat's own (`CurrentByteIndex`), so it holds even when expat parses a chunk's tokens
    late. One control character (a U+2028 in one abstract, as 38C3 and FOSDEM 2026 have)
    so costs the scan only to the events that share its chunk, not to the rest of the file.
    """

    def __init__(self) -> None:
        self.read = 0
        self.clean_from = 0
        self.tail = b""

    def add(self, chunk: bytes) -> None:
        if not self.read and not is_utf8(chunk):
            self.clean_from = 1 << 62  # not UTF-8: no byte of this file is known plain
        end = self.read + len(chunk)
        if not xml_bytes_are_plain(self.tail + chunk):
            self.clean_from = max(self.clean_from, end)
        self.read = end
        self.tail = chunk[-3:]


class _State:
    def __init__(
        self,
        source: str,
        zones: Zones,
        builder: Builder,
        warnings: list[str],
        header: ScheduleHeader,
    ):
        self.source, self.zones, self.builder, self.warnings, self.header = (
            source,
            zones,
            builder,
            warnings,
            header,
        )
        self.day_change = time(0, 0)
        self.day_date: date | None = None
        self.days = 0
        # Memos (see `Memo`): what a programme repeats is worked out once per import.
        self.fast = _text.FAST_PATHS
        # The last room's (room tuple, day number, place): see `event`.
        self.last_place: tuple[Any, int, tuple[str, str, date | None]] = (None, 0, ("", "", None))
        self.times: Memo[tuple[str, str, date | None, str], tuple[datetime, datetime]] = Memo()
        # Starts given with an offset (<date>), by (date, start, day's date) texts: parallel
        # sessions of different lengths share them (see `_times`).
        self.starts: Memo[tuple[str, str, date | None], datetime] = Memo()
        # Speakers' (name, id) as read -> as cleaned (`_person`): people give several talks.
        self.people: Memo[tuple[str, str], tuple[str, str]] = Memo()
        self.lines: Memo[str, str] = Memo()
        self.languages: Memo[str, list[str]] = Memo()

    def conference(self, conf: dict[str, str]) -> None:
        source, header = self.source, self.header
        header.title = clean_line(conf.get("title"))
        self.zones.declare(conf.get("time_zone_name"), f"{source}: /schedule/conference")
        header.tz = self.zones.file_zone.key if self.zones.file_zone else None
        dc = conf.get("day_change")
        if dc and dc.strip():
            parsed = _hhmm(dc)
            if parsed is None:
                self.warnings.append(
                    Msg(
                        "{where}: /schedule/conference/day_change {value} is not a time; "
                        "midnight was used",
                        where=source,
                        value=repr(clean_line(dc)),
                    )
                )
            else:
                self.day_change = parsed
        self.times.clear()  # the zone and the day change read times differently now
        self.starts.clear()

    def run(
        self, target: _Collector, parser: DefusedXMLParser, chunks: Iterator[bytes], plain: _Plain
    ) -> Iterator[Session]:
        done = target.done
        while True:
            if done:
                items = list(done)
                done.clear()
                for kind, value in items:
                    if kind == "event":
                        yield self.event(value, value[0][3] >= plain.clean_from)
                    elif kind == "conference":
                        self.conference(value)
                    elif kind == "day":
                        self.days += 1
            chunk = next(chunks, None)
            if chunk is None:
                break
            plain.add(chunk)
            _feed(parser, chunk, self.source)
        _feed(parser, None, self.source)
        for kind, value in done:
            if kind == "event":
                yield self.event(value, value[0][3] >= plain.clean_from)
            elif kind == "day":
                self.days += 1
        if not self.days:
            self.warnings.append(
                Msg("{where}: the schedule has no <day> elements", where=self.source)
            )

    def event(self, item: Any, checked: bool) -> Session:
        (attrs, texts, persons, _offset), day, d_i, room, e_i = item
        # The room's place, worked out once per room: the events of a room come one after
        # another and share its `room` tuple, so the last one is tried first (no hashing).
        last = self.last_place
        if last[0] is room and last[1] == d_i:
            place = last[2]
        else:
            place = self._place(day, d_i, room)
            self.last_place = (room, d_i, place)
        room_name, prefix, day_date = place
        where = f"{prefix}{e_i}]"
        text = texts.get
        # Start and end: the same texts on the same day give the same instants (parallel
        # rooms share their slots), so they are worked out and checked once (`_times`).
        date_text, start_text = text("date", ""), text("start", "")
        duration_text = text("duration") or "00:00"
        times_key = (date_text, start_text, day_date, duration_text)
        times = self.times.get(times_key) if self.fast else None
        if times is None:
            times = self._times(times_key, where)
        start, end = times
        guid, code, ident = attrs.get("guid"), attrs.get("code"), attrs.get("id")
        key = (
            guid
            or code
            or (f"frab-id:{ident}" if ident else "")
            or f"frab:{clean_line(text('slug') or text('title'))}@{start.isoformat()}"
        )
        speakers: list[Speaker] = []
        if persons:
            people = self.people
            for person in persons:
                cleaned = people.get(person) if self.fast else None
                if cleaned is None:
                    cleaned = _person(person)
                    if self.fast:
                        people.put(person, cleaned)
                if cleaned[0]:  # (a Speaker of its own for each session)
                    speakers.append(_construct(Speaker, {"name": cleaned[0], "id": cleaned[1]}))
        # clean_line of the fields a programme repeats (subtitle, room, track, type), from the
        # memo when it knows them (it stays empty when the fast paths are off); `_line`
        # otherwise (an empty result is simply worked out again).
        known = self.lines.get
        line = self._line
        subtitle, room_text = text("subtitle"), text("room")
        track, kind = text("track"), text("type")
        language = text("language", "")
        languages = self.languages.get(language)
        abstract, description = text("abstract"), text("description")
        registration = text("registration") or text("needs_registration")
        state, url = text("state"), text("url")
        optout = text("recording/optout")
        # The Session's fields, in the model's order (see Builder.build); the times are
        # checked (`_times`).
        return self.builder.build_timed(
            {
                "key": key,
                "title": clean_line(text("title")),
                "subtitle": (known(subtitle) or line(subtitle)) if subtitle else "",
                "start": start,
                "end": end,
                "room": ((known(room_text) or line(room_text)) if room_text else "") or room_name,
                "track": (known(track) or line(track)) if track else "",
                "type": (known(kind) or line(kind)) if kind else "",
                # (each session gets its own list)
                "languages": list(languages)
                if languages is not None
                else self._languages(language),
                "speakers": speakers,
                "abstract": join_abstract(
                    clean_block(abstract, checked=checked) if abstract else "",
                    clean_block(description, checked=checked) if description else "",
                ),
                "url": plain_url(url) if url else "",
                "needs_registration": is_yes(registration) if registration else False,
                "cancelled": is_cancelled(state) if state else False,
                "recorded": optout_to_recorded(optout) if optout is not None else None,
            },
            where,
        )

    def _times(
        self, times_key: tuple[str, str, date | None, str], where: str
    ) -> tuple[datetime, datetime]:
        """An event's start and end, checked (`check_times`), worked out from its texts and
        remembered for the next event with the same texts. A result that raised a warning (a
        DST fold, the venue's zone used) is not remembered, so that every event still says it;
        a start is remembered on its own only when the file gave its offset (`Zones.explicit`
        warns at most once per import, whatever the event), so that a later session of
        another length in the same slot still reads it as the first did."""
        date_text, start_text, day_date, duration_text = times_key
        warned = len(self.warnings)
        start_key = (date_text, start_text, day_date)
        start = self.starts.get(start_key) if self.fast else None
        if start is None:
            start, explicit = _start(
                date_text, start_text, day_date, self.day_change, f"{where}/date", self.zones
            )
            if explicit and self.fast and len(self.warnings) == warned:
                self.starts.put(start_key, start)
        end = end_after(start, duration_text, f"{where}/duration")
        check_times(start, end, where)
        times = (start, end)
        if self.fast and len(self.warnings) == warned:
            self.times.put(times_key, times)
        return times

    def _place(
        self, day: dict[str, str], d_i: int, room: tuple[str, int]
    ) -> tuple[str, str, date | None]:
        """A room's name, the start of its events' paths, its day's date."""
        room_attr, r_i = room
        room_name = clean_line(room_attr)
        room_path = (
            f'/schedule/day[{d_i}]/room[@name="{room_name}"]'
            if room_name
            else f"/schedule/day[{d_i}]/room[{r_i}]"
        )
        return (room_name, f"{self.source}: {room_path}/event[", _day_date(day.get("date")))

    def _line(self, value: str | None) -> str:
        """clean_line of a field that repeats (room, track, type), remembered."""
        if not value:
            return ""
        if not self.fast:
            return clean_line(value)
        known = self.lines.get(value)
        if known is None:
            known = clean_line(value)
            self.lines.put(value, known)
        return known

    def _languages(self, value: str) -> list[str]:
        if not self.fast:
            return languages_of(value)
        known = self.languages.get(value)
        if known is None:
            known = languages_of(value)
            self.languages.put(value, known)
        return list(known)  # each session gets its own list


def _person(person: tuple[str, str]) -> tuple[str, str]:
    """A <person>'s (name, id) as read, cleaned as `common.speaker` does (name "": none)."""
    name = clean_line(person[0])
    return (name, clean_line(person[1]) if name else "")


def _day_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _start(
    date_text: str,
    start_text: str,
    day_date: date | None,
    day_change: time,
    where: str,
    zones: Zones,
) -> tuple[datetime, bool]:
    """The event's start, and whether the file gave its offset (`Zones.explicit`)."""
    if date_text.strip():
        dt = parse_iso(date_text, where, "date")
        if dt.tzinfo is not None:
            return zones.explicit(dt, where), True
        if len(date_text.strip()) > 10:
            return zones.floating(dt, where), False
        day_date = dt.date()
    # Pentabarf: no <date>; day/@date + start, with day_change deciding the calendar date.
    start = _hhmm(start_text)
    where_start = where.removesuffix("/date") + "/start"
    if start is None:
        raise ImportError_(
            "start {value} is not a time like 09:30",
            where=where_start,
            value=repr(clean_line(start_text)),
        )
    if day_date is None:
        raise ImportError_(
            "the event has no <date> and its <day> has no date attribute", where=where_start
        )
    if start < day_change:
        day_date = day_date + timedelta(days=1)
    wall = datetime.combine(day_date, start)  # noqa: DTZ001 - floating, zoned just below
    return zones.floating(wall, where_start), False
