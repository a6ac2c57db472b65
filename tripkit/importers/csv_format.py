"""The tripkit CSV: a programme typed in by hand (documented in docs/csv-format.md).

UTF-8 (a BOM is fine), comma-separated (a header with tabs or semicolons switches to that
delimiter). The first row that is not blank and not a ``#`` comment is the header; column
names are case-insensitive and may come in any order.

Required columns:
    date        the calendar date the session starts on, ``2026-12-10`` (or ``2026/12/10``)
    start       local start time, 24-hour ``09:30``
    end         local end time ``10:15`` (earlier than start = the next day: crosses midnight)
      or duration   minutes (``45``) or ``H:MM`` (``1:30``)
    title

Optional columns:
    tz          IANA zone of the row's times (``Asia/Tokyo``); else ``--tz``, else the venue's
    id          a stable identifier; keeps stars and notes across re-imports when the title
                or time changes (without it the key is ``csv:<date>T<start>/<title>``)
    room, track, type, subtitle, url, abstract (or description)
    speakers    separated by ``;``
    language    codes separated by ``;`` (``en;ja``)
    registration  yes/no (also true/false, 1/0, y/n, はい): the session needs registration
    cancelled   yes/no

Times are wall-clock times in the row's zone; a time that does not exist (DST gap) is moved
past the gap and one that happens twice takes the first occurrence, both with a warning.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from tripkit.core.models import Session, Speaker
from tripkit.errors import ImportError_, Msg, at_line
from tripkit.importers.common import (
    Builder,
    Zones,
    add_instant,
    languages_of,
    plain_url,
    speaker,
    zone_named,
)
from tripkit.importers.flags import is_yes
from tripkit.importers.stream import ScheduleHeader
from tripkit.importers.text import clean_block, clean_line

_ALIASES = {
    "date": "date",
    "day": "date",
    "start": "start",
    "start_time": "start",
    "from": "start",
    "end": "end",
    "end_time": "end",
    "until": "end",
    "duration": "duration",
    "minutes": "duration",
    "title": "title",
    "name": "title",
    "tz": "tz",
    "zone": "tz",
    "timezone": "tz",
    "time_zone": "tz",
    "id": "id",
    "key": "id",
    "room": "room",
    "location": "room",
    "track": "track",
    "type": "type",
    "subtitle": "subtitle",
    "url": "url",
    "abstract": "abstract",
    "description": "abstract",
    "speakers": "speakers",
    "speaker": "speakers",
    "language": "language",
    "languages": "language",
    "registration": "registration",
    "needs_registration": "registration",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$")
_MAX_BYTES = 20_000_000


def _header_line(text: str) -> str:
    for line in text.splitlines()[:50]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped
    return ""


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _names(header: str) -> list[str]:
    cells = next(csv.reader([header], delimiter=_delimiter(header)), [])
    return [_ALIASES.get(c.strip().lower().replace(" ", "_"), "") for c in cells]


def looks_like_csv(data: bytes) -> bool:
    try:
        head = data[:4096].decode("utf-8-sig", errors="ignore")
    except Exception:  # noqa: BLE001 - sniffing only
        return False
    names = set(_names(_header_line(head)))
    return {"date", "start", "title"} <= names


def stream(
    data: bytes, *, source: str, zones: Zones, warnings: list[str]
) -> tuple[ScheduleHeader, Iterator[Session]]:
    if len(data) > _MAX_BYTES:
        raise ImportError_("the CSV is larger than 20 MB", where=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportError_(
            "the CSV is not UTF-8 (byte {byte}); save it as UTF-8", where=source, byte=e.start
        ) from None
    header = _header_line(text)
    names = _names(header)
    missing = [c for c in ("date", "start", "title") if c not in names]
    if "end" not in names and "duration" not in names:
        missing.append("end or duration")
    if missing:
        raise ImportError_(
            Msg(
                "the CSV header lacks the column {columns} (see docs/csv-format.md)",
                plural="the CSV header lacks the columns {columns} (see docs/csv-format.md)",
                n=len(missing),
                columns=", ".join(missing),
            ),
            where=Msg("{source}: header", source=source),
        )
    head = ScheduleHeader(source=source, format="csv", warnings=warnings)
    return head, _rows(text, header, names, source, zones, warnings, head)


def _column(where: str, name: str) -> Msg:
    """The place "file: line 3, column title" (keyed: the column name stays as written)."""
    return Msg("{where}, column {column}", where=where, column=name)


def _rows(
    text: str,
    header: str,
    names: list[str],
    source: str,
    zones: Zones,
    warnings: list[str],
    head: ScheduleHeader,
) -> Iterator[Session]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header))
    builder = Builder(source, warnings)
    seen_header = False
    row_zones: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if not seen_header:
                seen_header = True
                continue
            record = {n: (row[i] if i < len(row) else "") for i, n in enumerate(names) if n}
            row_zones.add(record.get("tz", "").strip())
            yield _row(record, at_line(source, line), zones, builder)
    except csv.Error as e:
        raise ImportError_(
            "the CSV is malformed ({detail})", where=at_line(source, reader.line_num), detail=e
        ) from None
    # The file "declares" a zone when every row names the same one in its tz column.
    only = row_zones.pop() if len(row_zones) == 1 else ""
    declared = zone_named(only) if only else None
    head.tz = declared.key if declared else None


def _date(text: str, where: str) -> date:
    m = _DATE.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise ImportError_(
        "date {value} is not like 2026-12-10", where=where, value=repr(clean_line(text)[:30])
    )


def _clock(text: str, where: str, column: str) -> time:
    m = _TIME.match(text)
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return time(int(m[1]), int(m[2]))
    raise ImportError_(
        "{column} {value} is not a 24-hour time like 09:30",
        where=where,
        column=column,
        value=repr(clean_line(text)[:30]),
    )


def _duration(text: str, where: str) -> timedelta:
    value = text.strip()
    if value.isdigit() and int(value) <= 60 * 24 * 14:
        return timedelta(minutes=int(value))
    m = _TIME.match(value)
    if m and int(m[2]) < 60:
        return timedelta(hours=int(m[1]), minutes=int(m[2]))
    raise ImportError_(
        "duration {value} is not minutes (45) or H:MM (1:30)",
        where=where,
        value=repr(clean_line(text)[:30]),
    )


def _row(rec: dict[str, str], where: str, zones: Zones, builder: Builder) -> Session:
    day = _date(rec.get("date", ""), _column(where, "date"))
    start_clock = _clock(rec.get("start", ""), _column(where, "start"), "start")
    zone_name = rec.get("tz", "").strip()
    wall = datetime.combine(day, start_clock)  # noqa: DTZ001 - zoned just below
    if zone_name:
        zone = zone_named(zone_name)
        if zone is None:
            raise ImportError_(
                "tz {zone} is not an IANA zone like Asia/Tokyo",
                where=_column(where, "tz"),
                zone=repr(clean_line(zone_name)[:40]),
            )
        if zones.tz is not None and zones.tz.key != zone.key:
            zone = zones.tz  # --tz replaces the file's zone for wall-clock times
        start = zones.in_zone(wall, zone, where)
    else:
        start = zones.floating(wall, where)
    if rec.get("end", "").strip():
        end_clock = _clock(rec["end"], _column(where, "end"), "end")
        end_day = day + timedelta(days=1) if end_clock < start_clock else day
        end_wall = datetime.combine(end_day, end_clock)  # noqa: DTZ001 - zoned next line
        end = zones.in_zone(end_wall, start.tzinfo, where)  # type: ignore[arg-type]
    elif rec.get("duration", "").strip():
        end = add_instant(start, _duration(rec["duration"], _column(where, "duration")))
    else:
        raise ImportError_("the row has neither an end time nor a duration", where=where)
    title = clean_line(rec.get("title"))
    if not title:
        raise ImportError_("the row has no title", where=_column(where, "title"))
    speakers: list[Speaker] = [
        s for s in (speaker(n) for n in rec.get("speakers", "").split(";")) if s is not None
    ]
    ident = clean_line(rec.get("id"))
    return builder.add(
        key=ident or f"csv:{day.isoformat()}T{start_clock:%H:%M}/{title[:80]}",
        title=title,
        subtitle=clean_line(rec.get("subtitle")),
        start=start,
        end=end,
        where=where,
        room=clean_line(rec.get("room")),
        track=clean_line(rec.get("track")),
        type=clean_line(rec.get("type")),
        languages=languages_of(rec.get("language", "")),
        speakers=speakers,
        abstract=clean_block(rec.get("abstract")),
        url=plain_url(rec.get("url")),
        needs_registration=is_yes(rec.get("registration")),
        cancelled=is_yes(rec.get("cancelled")),
    )
