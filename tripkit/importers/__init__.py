"""Schedule importers: bytes in, a normalised `Schedule` out, or one clear `ImportError_`.

    parse(data, source=..., fmt=None, tz=None, venue_tz=None) -> Schedule
    detect_format(data) -> "frab-xml" | "frab-json" | "schedule2" | "sessionize" | "ical" | "csv"

The format is recognised from the content, never from the file name. Whatever the bytes,
`parse` raises nothing but `ImportError_` (with `where` naming the file and the line or the
path inside it). Time-zone rules are in `tripkit.importers.common`; text cleaning in
`tripkit.importers.text`; each format's mapping is described in its own module.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_, TripkitError
from tripkit.importers.common import Zones

FORMATS = ("frab-xml", "frab-json", "schedule2", "sessionize", "ical", "csv")

__all__ = ["FORMATS", "detect_format", "parse"]

_ICAL = re.compile(rb"^\s*BEGIN:VCALENDAR", re.I)


def _text_start(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def detect_format(data: bytes, *, source: str = "") -> str:
    """The schedule format of `data`, judged from its content. ImportError_ when unknown."""
    return _sniff(data, source or None)[0]


def _sniff(data: bytes, source: str | None) -> tuple[str, Any]:
    """(format, already-parsed document or None) so that JSON and XML are parsed only once."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ImportError_("expected the bytes of a file", where=source)
    data = bytes(data)
    head = _text_start(data).lstrip()
    if not head:
        raise ImportError_("the file is empty", where=source)
    if head[:1] == b"<":
        from tripkit.importers import frab_xml

        root = frab_xml.load_xml(data, source or "the file")
        if frab_xml.is_frab(root):
            return "frab-xml", root
        raise ImportError_(
            f"this XML (root <{str(root.tag)[:40]}>) is not a frab/Pentabarf schedule.xml",
            where=source,
        )
    if head[:1] in (b"{", b"["):
        doc = load_json(data, source or "the file")
        return json_format(doc, source), doc
    if _ICAL.match(head[:200]):
        return "ical", None
    from tripkit.importers import csv_format

    if csv_format.looks_like_csv(data):
        return "csv", None
    raise ImportError_(
        "not a schedule format tripkit knows (frab/Pentabarf XML, frab/pretalx JSON, "
        "Sessionize JSON, iCalendar, or the tripkit CSV)",
        where=source,
    )


def load_json(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportError_(f"the JSON is not UTF-8 (byte {e.start})", where=source) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportError_(f"not valid JSON ({e.msg})",
                           where=f"{source}: line {e.lineno}, column {e.colno}") from None
    except RecursionError:
        raise ImportError_("the JSON is nested too deeply", where=source) from None


def json_format(doc: Any, source: str | None) -> str:
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
    shape = type(doc).__name__ if not isinstance(doc, list) else f"a list of {len(doc)} items"
    raise ImportError_(
        f"this JSON ({'an object' if isinstance(doc, dict) else shape}) is not a schedule "
        "tripkit knows: expected frab/pretalx schedule.json ({\"schedule\": ...}) or Sessionize "
        "(view/All, view/Sessions or view/GridSmart)",
        where=source,
    )


def parse(
    data: bytes,
    *,
    source: str,
    fmt: str | None = None,
    tz: str | None = None,
    venue_tz: str | None = None,
) -> Schedule:
    """Parse a schedule file. Raises only ImportError_ (see the module docstring)."""
    try:
        with _collector_paused():
            return _parse(data, source=source, fmt=fmt, tz=tz, venue_tz=venue_tz)
    except ImportError_:
        raise
    except TripkitError as e:
        raise ImportError_(e.message, where=e.where or source) from None
    except RecursionError:
        raise ImportError_("the file is nested too deeply to read", where=source) from None
    except MemoryError:
        raise ImportError_("the file is too large to read", where=source) from None
    except Exception as e:  # noqa: BLE001 - the contract: bad bytes never escape as a traceback
        raise ImportError_(
            f"the file could not be read ({type(e).__name__}); it may be damaged",
            where=source,
        ) from e


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file is read.

    An import allocates tens of thousands of small acyclic objects while a parse tree of as
    many elements is alive; each full collection would walk that whole tree again (about a
    tenth of the import time for a 3 MB schedule). Reference counting still frees everything;
    the collector resumes (if it was on) as soon as the file is read.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse(
    data: bytes, *, source: str, fmt: str | None, tz: str | None, venue_tz: str | None
) -> Schedule:
    warnings: list[str] = []
    zones = Zones.create(source, warnings, tz, venue_tz)
    doc: Any = None
    if fmt is None:
        fmt, doc = _sniff(data, source)
    elif fmt not in FORMATS:
        raise ImportError_(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                           where=source)
    if fmt == "frab-xml":
        from tripkit.importers import frab_xml
        from tripkit.importers.text import bytes_are_plain

        root = doc if doc is not None else frab_xml.load_xml(bytes(data), source)
        checked = frab_xml.is_utf8(data) and bytes_are_plain(data)
        return frab_xml.parse(root, source=source, zones=zones, warnings=warnings,
                              checked=checked)
    if fmt in ("frab-json", "schedule2"):
        from tripkit.importers import frab_json

        doc = doc if doc is not None else load_json(bytes(data), source)
        return frab_json.parse(doc, source=source, zones=zones, warnings=warnings, fmt=fmt)
    if fmt == "sessionize":
        from tripkit.importers import sessionize

        doc = doc if doc is not None else load_json(bytes(data), source)
        return sessionize.parse(doc, source=source, zones=zones, warnings=warnings)
    if fmt == "ical":
        from tripkit.importers import ical

        return ical.parse(bytes(data), source=source, zones=zones, warnings=warnings)
    from tripkit.importers import csv_format

    return csv_format.parse(bytes(data), source=source, zones=zones, warnings=warnings)
