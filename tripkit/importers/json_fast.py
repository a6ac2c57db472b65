"""Typed decoding of the usual JSON schedules (issue 13: import <= 1.3x a bare json.loads).

frab/pretalx ``schedule.json`` (v1) and Sessionize ``view/All`` are decoded by msgspec straight
from the bytes into typed records (`frab_json.TSchedule`, `sessionize.TAll`): no dict is built
for the members tripkit does not read, and the type of every member it reads is checked in C,
so the readers over those records skip the per-field checks the dict readers make.

Each record member accepts only the JSON types for which its reader gives exactly what the dict
reader gives. Anything else (another type anywhere, another format, malformed JSON, bytes that
are not UTF-8, a deep nesting, a number out of range, NaN) makes msgspec fail, and `stream`
returns None: the caller then reads the file as before (`load_json`, the dict readers), which
also gives every error its message and place. msgspec's own messages are never shown. (One
difference is left: an integer of more than 4,300 digits in a member tripkit does not read
is skipped here, where `json.loads` refuses the file.)

The other JSON files (Indico, the pretalx API, schedule2, Sessionize's other views, and the
usual ones when a member has an odd type) are decoded by `load`: msgspec again, into the
same dicts and lists as `json.loads` builds, in about half its time; whatever msgspec
refuses is read by `json.loads` (`load_json`), which gives the errors. msgspec refuses
everything `json.loads` refuses (and more: NaN, Infinity, numbers out of float range, lone
surrogates, UTF-16 and UTF-32), and where both read a document they give the same values of
the same types, keys in the same order (tests/importers/test_imp_json_load.py checks each
case). One difference is left: both stop at Python's recursion limit, and json.loads,
called through three Python frames more, stops three levels of nesting earlier (at about
995), as it already does when called from deeper in the stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
from msgspec import UNSET, Struct, UnsetType
from msgspec import field as member

from tripkit.core.models import Session
from tripkit.importers import frab_json, load_json, sessionize
from tripkit.importers.common import Zones
from tripkit.importers.jsonutil import Absent, json_plain
from tripkit.importers.stream import ScheduleHeader


class _Document(Struct, gc=False):
    """A top-level JSON object as `tripkit.importers.json_format` tells formats apart."""

    schedule: frab_json.TSchedule | UnsetType = UNSET
    sessions: list[sessionize.TSession] | UnsetType = UNSET
    speakers: list[sessionize.TSpeaker] | UnsetType = UNSET
    rooms: list[sessionize.TRoom] | UnsetType = UNSET
    categories: list[sessionize.TCategory] | UnsetType = UNSET
    questions: list[sessionize.TQuestion] | UnsetType = UNSET
    # Indico and the pretalx API (recognised before frab and Sessionize): read from the dict.
    type_: Absent = member(default=UNSET, name="_type")
    count: Absent = UNSET
    results: Absent = UNSET


_DECODER = msgspec.json.Decoder(_Document)
_UNTYPED = msgspec.json.Decoder()


def without_bom(data: bytes) -> bytes | memoryview:
    """The JSON text of `data` for msgspec: json.loads reads UTF-8 with a BOM, msgspec not."""
    return memoryview(data)[3:] if data.startswith(b"\xef\xbb\xbf") else data


def load(data: bytes, source: str) -> Any:
    """`load_json(data, source)`: the document, read by msgspec when it reads it as json.loads
    does (see the module docstring), else by json.loads."""
    try:
        return _UNTYPED.decode(without_bom(data))
    except (msgspec.MsgspecError, ValueError, RecursionError):
        return load_json(data, source)


def stream(
    data: bytes, *, source: str, zones: Zones, warnings: list[str]
) -> tuple[ScheduleHeader, Iterator[Session]] | None:
    """(header, sessions) of a frab v1 or Sessionize view/All file; None for any other."""
    try:
        doc = _DECODER.decode(without_bom(data))
    except (msgspec.MsgspecError, ValueError, RecursionError):
        return None  # UnicodeDecodeError is a ValueError
    if doc.schedule is not UNSET:
        return frab_json.stream_typed(
            doc.schedule, source=source, zones=zones, warnings=warnings, plain=json_plain(data)
        )
    if doc.sessions is not UNSET and (doc.speakers is not UNSET or doc.rooms is not UNSET):
        return sessionize.stream_typed(
            doc.sessions,
            speakers=doc.speakers or [],
            rooms=doc.rooms or [],
            categories=doc.categories or [],
            questions=doc.questions or [],
            source=source,
            zones=zones,
            warnings=warnings,
            plain=json_plain(data),
        )
    return None
