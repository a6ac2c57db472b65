"""Schedule importers: bytes in, a normalised `Schedule` out, or one clear `ImportError_`.

    parse(data, source=..., fmt=None, tz=None, venue_tz=None) -> Schedule
    parse_stream(bytes_path_or_file, source=...) -> (ScheduleHeader, Iterator[Session])
    detect_format(data) -> one of FORMATS

(`parse_stream` hands sessions on one at a time with memory bounded by one session: see
`tripkit.importers.stream`; `parse` is the same with the sessions collected in a list.)

The format is recognised from the content, never from the file name. Whatever the bytes,
`parse` raises nothing but `ImportError_` (with `where` naming the file and the line or the
path inside it). Time-zone rules are in `tripkit.importers.common`; text cleaning in
`tripkit.importers.text`; each format's mapping is described in its own module.
"""

from __future__ import annotations

import gc
import json
import re
from typing import Any

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_, Msg, at_line

FORMATS = (
    "frab-xml",
    "frab-json",
    "schedule2",
    "sessionize",
    "indico-json",
    "pretalx-api",
    "ical",
    "csv",
)

__all__ = ["FORMATS", "detect_format", "parse", "parse_stream"]


def __getattr__(name: str) -> Any:
    if name == "parse_stream":  # deferred: keeps `import tripkit.importers` light
        from tripkit.importers.stream import parse_stream

        return parse_stream
    raise AttributeError(name)


_ICAL = re.compile(rb"^\s*BEGIN:VCALENDAR", re.I)


def _text_start(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def detect_format(data: bytes, *, source: str = "") -> str:
    """The schedule format of `data`, judged from its content. ImportError_ when unknown."""
    from tripkit.importers.stream import parse_stream

    header, _sessions = parse_stream(data, source=source or "the file")
    return header.format


def sniff_head(head: bytes, source: str | None) -> str:
    """The format family from the first bytes: "frab-xml", "json" (decided once the document
    is read), "ical" or "csv". XML is checked to be frab when its first elements are read."""
    if not isinstance(head, bytes | bytearray | memoryview):
        raise ImportError_("expected the bytes of a file", where=source)
    head = _text_start(bytes(head)).lstrip()
    if not head:
        raise ImportError_("the file is empty", where=source)
    if head[:1] == b"<":
        return "frab-xml"
    if head[:1] in (b"{", b"["):
        return "json"
    if _ICAL.match(head[:200]):
        return "ical"
    from tripkit.importers import csv_format

    if csv_format.looks_like_csv(head):
        return "csv"
    raise ImportError_(
        "not a schedule format tripkit knows (frab/Pentabarf XML, frab/pretalx JSON, "
        "Sessionize JSON, Indico JSON, the pretalx API, iCalendar, or the tripkit CSV)",
        where=source,
    )


def load_json(data: bytes, source: str) -> Any:
    """The document, parsed from the bytes (json decodes UTF-8, with or without a BOM)."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as e:
        from tripkit.importers.jsonutil import line_column

        # (json reads past a BOM: its byte counts start after it)
        at = e.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise ImportError_(
            "the JSON is not UTF-8 (byte {byte})",
            where=at_line(source, *line_column(data, at)),
            byte=e.start,
        ) from None
    except ValueError as e:
        if not isinstance(e, json.JSONDecodeError):  # a number over 4,300 digits
            from tripkit.importers.jsonutil import long_number_at

            place = long_number_at(data)
            where = at_line(source, *place) if place else source
            raise ImportError_("not valid JSON ({detail})", where=where, detail=e) from None
        raise ImportError_(
            "not valid JSON ({detail})", where=at_line(source, e.lineno, e.colno), detail=e.msg
        ) from None
    except json.JSONDecodeError as e:
        raise ImportError_(
            "not valid JSON ({detail})", where=at_line(source, e.lineno, e.colno), detail=e.msg
        ) from None
    except RecursionError:
        from tripkit.importers.jsonutil import too_deep_at

        place = too_deep_at(data)
        where = at_line(source, *place) if place else source
        raise ImportError_("the JSON is nested too deeply", where=where) from None


def json_format(doc: Any, source: str | None) -> str:
    from tripkit.importers.json_sources import is_indico, pretalx_items

    if is_indico(doc):
        return "indico-json"
    if pretalx_items(doc) is not None:
        return "pretalx-api"
    if isinstance(doc, dict):
        sched = doc.get("schedule")
        if isinstance(sched, dict):
            if "events" in sched:
                return "schedule2"
            if "conference" in sched:
                return "frab-json"
        if "sessions" in doc and ("speakers" in doc or "rooms" in doc):
            return "sessionize"
    if isinstance(doc, list) and doc and all(isinstance(x, dict) for x in doc):
        first = doc[0]
        if "groupId" in first and "sessions" in first:
            return "sessionize"
        if "timeSlots" in first or ("rooms" in first and "date" in first):
            return "sessionize"
    shape: str = (
        Msg("an object")
        if isinstance(doc, dict)
        else Msg("a list of {n} item", plural="a list of {n} items", n=len(doc))
        if isinstance(doc, list)
        else type(doc).__name__
    )
    raise ImportError_(
        "this JSON ({shape}) is not a schedule tripkit knows: expected frab/pretalx "
        'schedule.json ({{"schedule": ...}}), Sessionize (view/All, view/Sessions or '
        "view/GridSmart), an Indico export or the pretalx API",
        where=source,
        shape=shape,
    )


def parse(
    data: bytes,
    *,
    source: str,
    fmt: str | None = None,
    tz: str | None = None,
    venue_tz: str | None = None,
) -> Schedule:
    """Parse a schedule file into one Schedule (all sessions in a list). Raises only
    ImportError_ (see the module docstring). `parse_stream` gives them one at a time."""
    from tripkit.importers.stream import parse_stream, translate

    try:
        with _collector_paused():
            header, sessions = parse_stream(data, source=source, fmt=fmt, tz=tz, venue_tz=venue_tz)
            return header.schedule(list(sessions))
    except MemoryError as e:
        raise translate(e, source) from None


class _collector_paused:  # noqa: N801 - used as a function: `with _collector_paused():`
    """Pause the cyclic garbage collector while one file is read.

    An import allocates tens of thousands of small acyclic objects while the list of sessions
    grows; each full collection would walk all of them again. Reference counting still frees
    everything; the collector resumes (if it was on) as soon as the file is read. (A class,
    not a `contextmanager` generator: that costs a few microseconds per file, which shows on
    small files.)
    """

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_exc: object) -> None:
        if self.was_enabled:
            gc.enable()
