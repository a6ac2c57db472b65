"""Programmes, their sessions, and the user's picks: written once per import, read by rows.

A programme is one imported source of a trip (today each trip has one, named "main"; the
`name` lets a trip hold several). Each session is a row with its times as UTC microseconds
plus the zone name (exact, sortable, and always readable back), its folded title, room and
track for filters, and its folded search text in the programme's FTS5 table `fts_<id>`
(trigram tokenizer: substrings, Japanese included). Speakers and links are rows of their own.

Validation happens once, when the importer builds the Session models; reads return
`SessionRow`s built straight from trusted rows, without pydantic.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from tripkit.core.reimport import (
    Change,
    ChangeReport,
    Facts,
    build_report,
    pair_by_fallback,
    pair_changes,
)
from tripkit.core.search import normalise
from tripkit.core.zoned import from_micros, micros, zone_of
from tripkit.errors import Msg, StoreError
from tripkit.store.schema import FTS_TABLE, MAIN, fts_name

if TYPE_CHECKING:
    from tripkit.core.models import Schedule, Session

BATCH = 500  # sessions written per executemany: bounded memory for any size of programme
RAW_LEVEL = 1  # zlib level of the stored copy: 3-6x smaller for XML/JSON, ~10 ms per MB
RAW_PIECE = 1 << 20  # the copy is stored in rows of about this many compressed bytes


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    id: str = ""


@dataclass(slots=True)
class SessionRow:
    """A stored session, read without validation (it was validated when imported).

    It has the attributes of `tripkit.core.models.Session` that views and core functions
    read (key, title, start, end, room, speakers...), so those work on either.
    """

    id: int
    key: str
    title: str
    subtitle: str
    start_us: int
    start_tz: str
    end_us: int
    end_tz: str
    room: str
    track: str
    type: str
    languages: list[str]
    abstract: str
    needs_registration: bool
    cancelled: bool
    speakers: list[Person] = field(default_factory=list)
    url: str = ""
    programme: str = MAIN
    recorded: bool | None = None  # False: the speaker opted out of the recording

    @property
    def start(self) -> datetime:
        return from_micros(self.start_us, self.start_tz)

    @property
    def end(self) -> datetime:
        return from_micros(self.end_us, self.end_tz)

    def to_session(self) -> Session:
        """The pydantic model, built without re-validating (for code that needs the model)."""
        from tripkit.core.models import Session, Speaker

        return Session.model_construct(
            key=self.key,
            title=self.title,
            subtitle=self.subtitle,
            start=self.start,
            end=self.end,
            room=self.room,
            track=self.track,
            type=self.type,
            languages=list(self.languages),
            speakers=[Speaker.model_construct(name=p.name, id=p.id) for p in self.speakers],
            abstract=self.abstract,
            url=self.url,
            needs_registration=self.needs_registration,
            cancelled=self.cancelled,
            recorded=self.recorded,
        )


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    trip_id: str
    name: str
    title: str
    source: str
    format: str
    tz: str | None
    warnings: list[str]
    etag: str | None
    last_modified: str | None
    imported: str
    changes: Any  # the JSON change report of the last re-import, or None

    def header(self) -> Schedule:
        """The programme as a Schedule without its sessions."""
        from tripkit.core.models import Schedule

        return Schedule.model_construct(
            title=self.title,
            source=self.source,
            format=self.format,
            tz=self.tz,
            sessions=[],
            warnings=list(self.warnings),
        )


_SESSION_COLS = (
    "s.id, s.key, s.title, s.subtitle, s.start_us, s.start_tz, s.end_us, "
    "s.end_tz, s.room, s.track, s.type, s.languages, s.abstract, "
    "s.needs_registration, s.cancelled, s.recorded"
)
_PROGRAMME_COLS = (
    "id, trip_id, name, title, source, format, tz, warnings, etag, last_modified, imported, changes"
)
_FACTS_COLS = (
    "key, title, start_us, start_tz, end_us, end_tz, room, cancelled, title_norm, room_norm"
)


def _programme(row: Sequence[Any]) -> ProgrammeRow:
    return ProgrammeRow(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        json.loads(row[7]) if row[7] else [],
        row[8],
        row[9],
        row[10],
        json.loads(row[11]) if row[11] else None,
    )


def _facts(row: Sequence[Any]) -> Facts:
    return Facts(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), row[8], row[9]
    )


def search_text(s: Session) -> str:
    """Everything a search looks at for one session, folded (as core.search.session_text)."""
    parts = [s.title, s.subtitle, s.track, s.room, s.abstract]
    parts.extend(p.name for p in s.speakers)
    return normalise("\n".join(p for p in parts if p))


def _zoned(s: Session, which: str) -> tuple[int, str]:
    """The stored form of a session's time, checked to read back as the same time: the same
    instant, the same zone and offset (what `SessionRow.start` will rebuild from it)."""
    dt: datetime = getattr(s, which)
    try:
        zone = zone_of(dt).key
        us = micros(dt)
        back = from_micros(us, zone)
        if back != dt or back.utcoffset() != dt.utcoffset():
            raise ValueError("would not read back as the same time")
        return us, zone
    except (ValueError, OverflowError) as exc:
        raise StoreError(
            "session {key} ({name}): its {which} {time} cannot be stored ({detail}); "
            "nothing was imported",
            key=repr(s.key),
            name=s.title,
            which=Msg("start time") if which == "start" else Msg("end time"),
            time=dt.isoformat(),
            detail=exc,
        ) from None


# --- writing --------------------------------------------------------------------------------


class ProgrammeHeader(Protocol):
    """What a programme row keeps besides its sessions: a `Schedule`, or a streaming
    importer's header, whose `warnings` (and, for CSV, `tz`) are complete only once its
    sessions have been read."""

    title: str
    source: str
    format: str
    tz: str | None
    warnings: list[str]


def insert_programme(
    conn: sqlite3.Connection,
    trip_id: str,
    name: str,
    header: ProgrammeHeader,
    *,
    raw: bytes | None,
    etag: str | None,
    last_modified: str | None,
    imported: str,
    changes: Any = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO programme(trip_id, name, title, source, format, tz, warnings, etag, "
        "last_modified, imported, changes, raw_size) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            trip_id,
            name,
            header.title,
            header.source,
            header.format,
            header.tz,
            json.dumps(list(header.warnings), ensure_ascii=False),
            etag,
            last_modified,
            imported,
            json.dumps(changes) if changes is not None else None,
            None if raw is None else len(raw),
        ),
    )
    pid = int(cur.lastrowid or 0)
    conn.execute(FTS_TABLE.format(pid=pid))
    if raw is not None:
        _write_raw(conn, pid, raw)
    return pid


def insert_sessions(
    conn: sqlite3.Connection, programme_id: int, sessions: Iterable[Session]
) -> int:
    """Write `sessions` (consumed once, in batches) under the programme; returns the count."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM session").fetchone()[0]
    fts = fts_name(programme_id)
    count = 0
    rows: list[tuple[Any, ...]] = []
    people: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    texts: list[tuple[int, str]] = []
    # The 2 -> 3 migration writes sessions before schema 4 adds `recorded`.
    recorded = any(r[1] == "recorded" for r in conn.execute("PRAGMA table_info(session)"))
    insert = (
        "INSERT INTO session(id, programme_id, key, title, subtitle, start_us, start_tz, "
        "end_us, end_tz, room, track, type, languages, abstract, needs_registration, "
        "cancelled, title_norm, room_norm, track_norm"
        + (", recorded) VALUES(?, " if recorded else ") VALUES(")
        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def flush() -> None:
        try:
            conn.executemany(insert, rows if recorded else [r[:-1] for r in rows])
        except sqlite3.IntegrityError:
            raise StoreError(
                "two sessions of the schedule have the same id; nothing was imported"
            ) from None
        conn.executemany(
            "INSERT INTO person(session_id, position, name, ext_id) VALUES(?, ?, ?, ?)", people
        )
        conn.executemany(
            "INSERT INTO link(session_id, position, kind, url) VALUES(?, ?, ?, ?)", links
        )
        conn.executemany(f"INSERT INTO {fts}(rowid, text) VALUES(?, ?)", texts)  # noqa: S608
        for batch in (rows, people, links, texts):
            batch.clear()

    for s in sessions:
        sid = next_id + count
        count += 1
        start_us, start_tz = _zoned(s, "start")
        end_us, end_tz = _zoned(s, "end")
        rows.append(
            (
                sid,
                programme_id,
                s.key,
                s.title,
                s.subtitle,
                start_us,
                start_tz,
                end_us,
                end_tz,
                s.room,
                s.track,
                s.type,
                "\n".join(s.languages),
                s.abstract,
                int(s.needs_registration),
                int(s.cancelled),
                normalise(s.title),
                normalise(s.room),
                normalise(s.track),
                None if s.recorded is None else int(s.recorded),
            )
        )
        people.extend((sid, i, p.name, p.id) for i, p in enumerate(s.speakers))
        if s.url:
            links.append((sid, 0, "url", s.url))
        texts.append((sid, search_text(s)))
        if len(rows) >= BATCH:
            flush()
    flush()
    return count


def _write_raw(conn: sqlite3.Connection, pid: int, raw: bytes) -> None:
    """The imported bytes (for `refresh --offline`), compressed, in rows of ~1 MB: one huge
    value would make SQLite hold two more copies of it in memory while it is written."""
    packer = zlib.compressobj(RAW_LEVEL)
    view = memoryview(raw)
    pending: list[bytes] = []
    size = seq = 0

    def put(final: bool) -> None:
        nonlocal size, seq
        if pending and (final or size >= RAW_PIECE):
            conn.execute(
                "INSERT INTO programme_raw(programme_id, seq, data) VALUES(?, ?, ?)",
                (pid, seq, b"".join(pending)),
            )
            seq += 1
            pending.clear()
            size = 0

    for i in range(0, len(view), RAW_PIECE):
        out = packer.compress(view[i : i + RAW_PIECE])
        pending.append(out)
        size += len(out)
        put(False)
    pending.append(packer.flush())
    put(True)


def read_raw(conn: sqlite3.Connection, pid: int) -> bytes | None:
    row = conn.execute("SELECT raw_size FROM programme WHERE id = ?", (pid,)).fetchone()
    if row is None or row[0] is None:
        return None
    unpacker = zlib.decompressobj()
    parts = [
        unpacker.decompress(data)
        for (data,) in conn.execute(
            "SELECT data FROM programme_raw WHERE programme_id = ? ORDER BY seq", (pid,)
        )
    ]
    parts.append(unpacker.flush())
    return b"".join(parts)


def delete_programme(conn: sqlite3.Connection, programme_id: int) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {fts_name(programme_id)}")
    conn.execute("DELETE FROM programme WHERE id = ?", (programme_id,))


def write_programme(
    conn: sqlite3.Connection,
    trip_id: str,
    name: str,
    header: Schedule,
    sessions: Iterable[Session],
    *,
    raw: bytes | None,
    etag: str | None,
    last_modified: str | None,
    imported: str,
    changes: Any = None,
) -> int:
    """Replace programme `name` of the trip by `header` + `sessions`, without a report."""
    old = programme_id(conn, trip_id, name)
    if old is not None:
        delete_programme(conn, old)
    pid = insert_programme(
        conn,
        trip_id,
        name,
        header,
        raw=raw,
        etag=etag,
        last_modified=last_modified,
        imported=imported,
        changes=changes,
    )
    insert_sessions(conn, pid, sessions)
    return pid


def programme_id(conn: sqlite3.Connection, trip_id: str, name: str) -> int | None:
    row = conn.execute(
        "SELECT id FROM programme WHERE trip_id = ? AND name = ?", (trip_id, name)
    ).fetchone()
    return int(row[0]) if row else None


def rename_picks(
    conn: sqlite3.Connection, trip_id: str, name: str, renames: dict[str, str]
) -> None:
    """Move the user's stars and notes to the sessions' new keys."""
    for old, new in renames.items():
        if old == new:
            continue
        conn.execute(
            "DELETE FROM pick WHERE trip_id = ? AND programme = ? AND session_key = ?",
            (trip_id, name, new),
        )
        conn.execute(
            "UPDATE pick SET session_key = ? WHERE trip_id = ? AND programme = ? "
            "AND session_key = ?",
            (new, trip_id, name, old),
        )


def diff_programmes(
    conn: sqlite3.Connection, old_id: int, new_id: int, stars: set[str]
) -> ChangeReport:
    """The change report from one stored programme to another, by SQL joins on the key.

    Only sessions that changed, and those left unmatched, are read into Python: a re-import
    of 50,000 sessions with a few changes holds a few rows, not two programmes of models.
    """
    cols = (
        ", ".join(f"o.{c.strip()}" for c in _FACTS_COLS.split(","))
        + ", "
        + ", ".join(f"n.{c.strip()}" for c in _FACTS_COLS.split(","))
    )
    matched = conn.execute(
        "SELECT count(*) FROM session o JOIN session n ON n.programme_id = ? AND n.key = o.key "
        "WHERE o.programme_id = ?",
        (new_id, old_id),
    ).fetchone()[0]
    changed: list[Change] = []
    for row in conn.execute(
        f"SELECT {cols} FROM session o JOIN session n ON n.programme_id = ? AND n.key = o.key "  # noqa: S608
        "WHERE o.programme_id = ? AND (o.start_us != n.start_us OR o.end_us != n.end_us "
        "OR o.room != n.room OR o.title != n.title OR (n.cancelled AND NOT o.cancelled))",
        (new_id, old_id),
    ):
        before, after = _facts(row[:10]), _facts(row[10:])
        changed.extend(pair_changes(before, after, before.key in stars or after.key in stars))

    def unmatched(a: int, b: int) -> Iterator[Facts]:
        for row in conn.execute(
            f"SELECT {_FACTS_COLS} FROM session s WHERE programme_id = ? AND NOT EXISTS "  # noqa: S608
            "(SELECT 1 FROM session t WHERE t.programme_id = ? AND t.key = s.key) ORDER BY id",
            (a, b),
        ):
            yield _facts(row)

    renamed, removed, added = pair_by_fallback(
        unmatched(old_id, new_id), list(unmatched(new_id, old_id))
    )
    return build_report(changed, renamed, removed, added, matched + len(renamed), stars)


# --- reading --------------------------------------------------------------------------------


def rows_to_sessions(
    conn: sqlite3.Connection, rows: list[Any], name: str = MAIN
) -> list[SessionRow]:
    """SessionRows for session rows (in _SESSION_COLS order), with speakers and links."""
    out = [
        SessionRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11].split("\n") if r[11] else [],
            r[12],
            bool(r[13]),
            bool(r[14]),
            programme=name,
            recorded=None if r[15] is None else bool(r[15]),
        )
        for r in rows
    ]
    if not out:
        return out
    by_id = {s.id: s for s in out}
    # Temporary table of the wanted ids: one indexed join, whatever their number.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.wanted")
    conn.executemany("INSERT INTO temp.wanted(id) VALUES(?)", ((i,) for i in by_id))
    for sid, pname, ext in conn.execute(
        "SELECT p.session_id, p.name, p.ext_id FROM temp.wanted w "
        "JOIN person p ON p.session_id = w.id ORDER BY p.session_id, p.position"
    ):
        by_id[sid].speakers.append(Person(pname, ext))
    for sid, url in conn.execute(
        "SELECT l.session_id, l.url FROM temp.wanted w JOIN link l ON l.session_id = w.id "
        "WHERE l.kind = 'url' ORDER BY l.session_id, l.position"
    ):
        if not by_id[sid].url:
            by_id[sid].url = url
    conn.execute("DELETE FROM temp.wanted")
    return out


def select_sessions(
    conn: sqlite3.Connection,
    where: str,
    args: Sequence[Any],
    *,
    order: str = "s.start_us, s.title, s.key",
    name: str = MAIN,
    extra_args: Sequence[Any] = (),
    source: str = "session s",
) -> list[SessionRow]:
    rows = conn.execute(
        f"SELECT {_SESSION_COLS} FROM {source} WHERE {where} ORDER BY {order}",  # noqa: S608
        (*args, *extra_args),
    ).fetchall()
    return rows_to_sessions(conn, rows, name)
