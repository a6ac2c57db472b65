"""Streaming import: a schedule's header first, then its sessions one at a time.

    header, sessions = parse_stream(path_or_bytes_or_file, source=NAME, fmt=None, tz=None,
                                    venue_tz=None)
    for session in sessions:      # consumed once; each Session is final when it is yielded
        ...
    header.warnings               # complete only once `sessions` is exhausted

What is checked where
---------------------
* `parse_stream` itself reads the start of the file: it detects the format, reads the header
  (frab ``<conference>``, the calendar's properties, the JSON envelope) and raises
  `ImportError_` for an unknown format, a non-schedule XML root, malformed JSON, a bad ``--tz``.
* Iterating validates each session as it is read (aware IANA times, end not before start,
  at most 14 days, plain text) and raises `ImportError_` (naming the file and the place: line
  and column, XML path, JSON path, session id) at the first broken one. A caller that writes
  rows while iterating must therefore write them in one transaction and roll it back on that
  error: the sessions already yielded belong to a file that is being refused.
* Duplicate keys are made unique while streaming (``key#2``); the warning saying so is
  appended to ``header.warnings`` when the duplicate is met. Summaries ("5 events give
  neither DTEND nor DURATION") are appended when the iterator finishes. ``header.complete``
  becomes true then; ``header.tz`` may also be set only then (CSV: the zone every row names).

Memory: XML is parsed with a push parser fed 64 KB at a time (no tree is kept), .ics is read
line by line (one VEVENT at a time; recurring events and their overrides are kept until the
end, where they are expanded), so peak memory is one chunk plus one session plus the set of
keys seen. JSON is parsed from the bytes (no decoded text copy) and each part of the document
is released once its sessions are yielded; CSV is capped at 20 MB.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tripkit.core.models import Schedule, Session
from tripkit.errors import ImportError_, TripkitError
from tripkit.importers import FORMATS, json_format, load_json, sniff_head, text
from tripkit.importers.common import Zones, _construct

CHUNK = 64 * 1024
HEAD = 64 * 1024
# JSON and CSV are parsed as one document: refuse what would not fit in memory with a message
# rather than a MemoryError half-way. (XML and .ics stream and have no such limit here; a URL's
# download is capped by `fetch` before it gets here.)
MAX_DOCUMENT = 512 * 1024 * 1024


@dataclass
class ScheduleHeader:
    """Everything an import reports besides the sessions (see the module docstring)."""

    source: str
    format: str
    title: str = ""
    tz: str | None = None
    warnings: list[str] = field(default_factory=list)
    complete: bool = False  # set when the sessions iterator is exhausted

    def schedule(self, sessions: list[Session]) -> Schedule:
        # Every field, in the model's order: `Schedule.model_construct` without its
        # per-field lookups (a fixed cost that shows on small files).
        return _construct(
            Schedule,
            {
                "title": self.title,
                "source": self.source,
                "format": self.format,
                "tz": self.tz,
                "sessions": sessions,
                "warnings": self.warnings,
            },
        )


class Input:
    """The bytes of one file: given as bytes, a path, or a binary file object.

    `chunks()` can be called more than once (the .ics reader makes two passes); a file object
    that cannot seek is read into memory the first time.
    """

    def __init__(
        self, raw: bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes], source: str
    ):
        self.source = source
        self._data: bytes | None = None
        self._path: Path | None = None
        self._fh: IO[bytes] | None = None
        if isinstance(raw, bytes | bytearray | memoryview):
            self._data = bytes(raw)
        elif isinstance(raw, str | os.PathLike):
            self._path = Path(raw)
        elif hasattr(raw, "read"):
            self._fh = raw
            if not (getattr(raw, "seekable", lambda: False)()):
                self._data = raw.read()
                self._fh = None
        else:
            raise ImportError_("expected the bytes of a file", where=source)
        self._head: bytes | None = None

    def head(self, size: int = HEAD) -> bytes:
        """The first `size` bytes (for detecting the format)."""
        if self._data is not None:
            return self._data[:size]
        if self._head is None or len(self._head) < size:
            out = b""
            for chunk in self.chunks(size):
                out = chunk
                break
            self._head = out
        return self._head[:size]

    def chunks(self, size: int | None = None) -> Iterator[bytes]:
        size = size or CHUNK
        if self._data is not None:
            data = self._data
            for i in range(0, len(data), size):
                yield data[i : i + size]
            return
        if self._path is not None:
            try:
                with self._path.open("rb") as fh:
                    while chunk := fh.read(size):
                        yield chunk
            except OSError as e:
                raise ImportError_(
                    "cannot read the file: {detail}", where=self.source, detail=e.strerror or e
                ) from None
            return
        assert self._fh is not None
        self._fh.seek(0)
        while chunk := self._fh.read(size):
            yield chunk

    def read(self) -> bytes:
        """All the bytes (JSON and CSV, which are not streamed below the document)."""
        if self._data is not None:
            return self._data
        parts: list[bytes] = []
        total = 0
        for chunk in self.chunks(1 << 20):
            total += len(chunk)
            if total > MAX_DOCUMENT:
                raise ImportError_(
                    "the file is over {size} MB, too large to read as one JSON or CSV document",
                    where=self.source,
                    size=MAX_DOCUMENT >> 20,
                )
            parts.append(chunk)
        return b"".join(parts)

    def lines(self) -> Iterator[bytes]:
        """Lines split at LF, CR or CRLF (CRCRLF counts as one), without their endings."""
        pending: list[bytes] = []  # the start of a line longer than a chunk
        for chunk in self.chunks():
            if b"\n" not in chunk and b"\r" not in chunk[:-1]:
                pending.append(chunk)
                continue
            if pending:
                pending.append(chunk)
                chunk = b"".join(pending)
                pending = []
            # The usual chunk: LF or CRLF line ends and no other CR (but perhaps a last byte
            # that is the first half of a CRLF): split in C, no per-line work.
            body = chunk.replace(b"\r\n", b"\n") if b"\r" in chunk else chunk
            if b"\r" not in body[:-1]:
                parts = body.split(b"\n")
                rest = parts.pop()
                yield from parts
                if rest:
                    pending.append(rest)
                continue
            parts = chunk.split(b"\n")
            rest = parts.pop()
            yield from _split_cr(parts)
            # CR-only line ends: keep only the unfinished line (a CR at the very end may be
            # the first half of a CRLF, so it stays with its line).
            cut = rest.rstrip(b"\r").rfind(b"\r")
            if cut >= 0:
                yield from rest[:cut].split(b"\r")
                rest = rest[cut + 1 :]
            if rest:
                pending.append(rest)
        if pending:
            yield from _split_cr([b"".join(pending)])


def _split_cr(parts: list[bytes]) -> Iterator[bytes]:
    for line in parts:
        line = line.rstrip(b"\r")
        if b"\r" in line:  # old Mac line ends inside
            yield from line.split(b"\r")
        else:
            yield line


def parse_stream(
    raw: bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes],
    *,
    source: str | None = None,
    fmt: str | None = None,
    tz: str | None = None,
    venue_tz: str | None = None,
) -> tuple[ScheduleHeader, Iterator[Session]]:
    """(header, sessions) of a schedule file; see the module docstring. Raises only
    ImportError_, here and while iterating."""
    name = (
        source
        if source is not None
        else (str(raw) if isinstance(raw, str | os.PathLike) else "the file")
    )
    try:
        header, sessions = _open(Input(raw, name), name, fmt, tz, venue_tz)
    except BaseException as e:  # noqa: BLE001 - translated below, the contract of parse()
        raise translate(e, name) from (None if isinstance(e, TripkitError) else e)
    return header, _guarded(header, sessions, name)


def translate(e: BaseException, source: str) -> BaseException:
    """Whatever went wrong while reading, as the one ImportError_ the importers promise."""
    if isinstance(e, ImportError_):
        return e
    if isinstance(e, TripkitError):
        return ImportError_(e.msg, where=e.where or source)
    if isinstance(e, RecursionError):
        return ImportError_("the file is nested too deeply to read", where=source)
    if isinstance(e, MemoryError):
        return ImportError_("the file is too large to read", where=source)
    if isinstance(e, Exception):
        return ImportError_(
            "the file could not be read ({detail}); it may be damaged",
            where=source,
            detail=type(e).__name__,
        )
    return e  # KeyboardInterrupt, SystemExit, GeneratorExit: not ours to translate


def _guarded(header: ScheduleHeader, sessions: Iterator[Session], source: str) -> Iterator[Session]:
    try:
        yield from sessions
    except BaseException as e:  # noqa: BLE001 - see translate()
        out = translate(e, source)
        if out is e:
            raise
        raise out from (None if isinstance(e, TripkitError) else e)
    header.complete = True


def _open(
    inp: Input, source: str, fmt: str | None, tz: str | None, venue_tz: str | None
) -> tuple[ScheduleHeader, Iterator[Session]]:
    warnings: list[str] = []
    zones = Zones.create(source, warnings, tz, venue_tz)
    doc: Any = None
    if fmt is None:
        fmt = sniff_head(inp.head(), source)
    elif fmt not in FORMATS:
        raise ImportError_(
            "unknown format {fmt!r}; choose one of {choices}",
            where=source,
            fmt=fmt,
            choices=", ".join(FORMATS),
        )
    if fmt == "frab-xml":
        from tripkit.importers import frab_xml

        return frab_xml.stream(inp, source=source, zones=zones, warnings=warnings)
    if fmt == "ical":
        from tripkit.importers import ical

        return ical.stream(inp, source=source, zones=zones, warnings=warnings)
    if fmt == "csv":
        from tripkit.importers import csv_format

        return csv_format.stream(inp.read(), source=source, zones=zones, warnings=warnings)
    data = inp.read()
    del inp
    # Whether any text can hold a control character: one scan of the bytes instead of one
    # per text (see json_plain; off with the other fast paths, so that the tests that
    # compare them with the full pipeline check it too).
    plain = False
    if text.FAST_PATHS:
        from tripkit.importers import json_fast  # (msgspec: JSON files only)
        from tripkit.importers.jsonutil import json_plain

        if fmt == "json":  # the usual shapes, typed (see json_fast)
            typed = json_fast.stream(data, source=source, zones=zones, warnings=warnings)
            if typed is not None:
                return typed
        # msgspec, where it reads the file as json.loads does (see json_fast)
        doc = json_fast.load(data, source)
        plain = json_plain(data)
    else:
        doc = load_json(data, source)
    del data  # the bytes are no longer needed (when they were ours)
    if fmt == "json":  # detected from the content; a --format given is trusted as given
        fmt = json_format(doc, source)
    if fmt in ("frab-json", "schedule2"):
        from tripkit.importers import frab_json

        return frab_json.stream(
            doc, source=source, zones=zones, warnings=warnings, fmt=fmt, plain=plain
        )
    if fmt == "sessionize":
        from tripkit.importers import sessionize

        return sessionize.stream(doc, source=source, zones=zones, warnings=warnings, plain=plain)
    return _json_other(fmt, doc, source, zones, warnings, plain)


def _json_other(
    fmt: str, doc: Any, source: str, zones: Any, warnings: list[str], plain: bool
) -> tuple[ScheduleHeader, Iterator[Session]]:
    from tripkit.importers.json_sources import stream

    return stream(fmt, doc, source=source, zones=zones, warnings=warnings, plain=plain)
