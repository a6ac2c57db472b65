"""The repository of programmes, sessions and picks: the queries the CLI and the TUI make.

Every query returns only the rows it needs (a day, a search's hits, the starred sessions,
the ones needing registration), never the whole programme unless asked for it.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from tripkit.core.reimport import ChangeReport
from tripkit.core.search import normalise
from tripkit.core.zoned import from_micros
from tripkit.errors import ImportError_, NotFoundError, StoreError
from tripkit.store import schedules as q
from tripkit.store.db import Database, now_utc
from tripkit.store.schedules import ProgrammeRow, SessionRow
from tripkit.store.schema import MAIN, fts_name
from tripkit.store.trips import Trips

if TYPE_CHECKING:
    from tripkit.core.models import Session


@dataclass(frozen=True)
class Pick:
    starred: bool = False
    note: str = ""
    interest: str = ""  # "" (a plain star: want), must, want, maybe
    reservation: str = ""  # "" (unknown), reserved, waitlisted, full, not-needed
    attended: bool | None = None  # None: not said (a star counts, after the fact)

    @property
    def level(self) -> str:
        """The interest shown: the one set, else "want" for a plain star, else ""."""
        return self.interest or ("want" if self.starred else "")

    @property
    def holds(self) -> bool:
        """Whether it holds something of the user's (a star, a note, an interest, a
        reservation): what removing its programme loses, and is reported."""
        return bool(self.starred or self.note or self.interest or self.reservation)


_PICK_COLS = "session_key, starred, note, interest, reservation, attended"


def _pick(row: Any) -> tuple[str, Pick]:
    return row[0], Pick(
        bool(row[1]), row[2], row[3], row[4], None if row[5] is None else bool(row[5])
    )


@dataclass(frozen=True)
class Dropped:
    """The picks a removed programme held (reported to the user, never lost silently)."""

    key: str
    pick: Pick


@dataclass
class Written:
    """What an import wrote: the count, the change report (None on a first import or when
    the new programme has nothing in common with the old, then `replaced`)."""

    programme: ProgrammeRow
    count: int
    report: ChangeReport | None
    replaced: bool


@dataclass(frozen=True)
class Query:
    """What to list: a text query and filters. `day_range` is [start, end) in UTC
    microseconds (the caller knows the venue's zone that makes a day)."""

    text: str = ""
    day_range: tuple[int, int] | None = None
    track: str | None = None
    room: str | None = None
    language: str | None = None
    starred: bool = False


class Listed(NamedTuple):
    """A session as a table of sessions lists it (`Programmes.listing`): a tuple, because a
    screen keeps one per session of a programme of thousands. It has the attributes the
    conflict check reads (tripkit.core.agenda.Timed)."""

    key: str
    title: str
    start_us: int
    start_tz: str
    end_us: int
    end_tz: str
    room: str
    track: str
    languages_text: str  # newline-separated, as stored
    cancelled: bool
    programme: str = MAIN  # which of the trip's programmes (the name is shared, not copied)

    @property
    def start(self) -> datetime:
        return from_micros(self.start_us, self.start_tz)

    @property
    def end(self) -> datetime:
        return from_micros(self.end_us, self.end_tz)

    @property
    def languages(self) -> list[str]:
        return self.languages_text.split("\n") if self.languages_text else []


def _lang(code: str) -> str:
    return code.strip().replace("_", "-").split("-")[0].casefold()


def _trigrams(term: str) -> list[str]:
    """Trigrams that every text containing `term` contains: enough of them to narrow the
    candidates (each third one, and the last). The index keeps no positions (detail=none: a
    third of the size, three times faster to build), so these are ANDed, not a phrase; the
    exact substring test on the candidates follows."""
    grams = [term[i : i + 3] for i in range(0, len(term) - 2, 3)]
    if len(term) % 3:
        grams.append(term[-3:])
    return grams


def _fts_query(terms: list[str]) -> str:
    grams = dict.fromkeys(g for t in terms for g in _trigrams(t))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


class Programmes:
    def __init__(self, db: Database, trips: Trips):
        self.db = db
        self.trips = trips

    # --- programmes ------------------------------------------------------------------------

    def get(self, trip_id: str, name: str = MAIN) -> ProgrammeRow | None:
        rows = self.db.rows(
            f"SELECT {q._PROGRAMME_COLS} FROM programme "  # noqa: S608
            "WHERE trip_id = ? AND name = ?",
            trip_id,
            name,
        )
        return q._programme(rows[0]) if rows else None

    def names(self, trip_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.rows(
                "SELECT name FROM programme WHERE trip_id = ? ORDER BY name", trip_id
            )
        ]

    def raw(self, programme_id: int) -> bytes | None:
        """The bytes the programme was imported from (kept for `refresh --offline`)."""
        try:
            return q.read_raw(self.db.conn, programme_id)
        except (sqlite3.Error, zlib.error) as exc:
            raise StoreError(
                "cannot read the stored copy of the schedule ({detail})",
                where=str(self.db.path),
                detail=exc,
            ) from None

    def write(
        self,
        trip_id: str,
        header: q.ProgrammeHeader,
        sessions: Iterable[Session],
        *,
        name: str = MAIN,
        raw: bytes | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        diff: bool = True,
        changes: Any = None,
        key_renames: dict[str, str] | None = None,
    ) -> Written:
        """Import `header` + `sessions` (an iterable consumed once) as programme `name`.

        One transaction (joining the caller's): the new sessions are written beside the old
        ones, the change report is computed from the two by SQL, the picks follow renamed
        keys, the old programme goes and the new one takes its name. Any failure, an empty
        programme included, leaves the old one as it was. With `diff=False`, `changes` and
        `key_renames` are stored as given (no report is computed).
        """
        conn = self.db.conn
        with self.db.tx():
            self.trips.require(trip_id)
            old_id = q.programme_id(conn, trip_id, name)
            pid = q.insert_programme(
                conn,
                trip_id,
                "\x00new\x00" + name,
                header,
                raw=raw,
                etag=etag,
                last_modified=last_modified,
                imported=now_utc().isoformat(),
            )
            count = q.insert_sessions(conn, pid, sessions)
            # A streaming importer may add warnings while its sessions are read: store the
            # header's warnings as they are once the stream is consumed.
            conn.execute(
                "UPDATE programme SET warnings = ?, tz = ? WHERE id = ?",
                (json.dumps(list(header.warnings), ensure_ascii=False), header.tz, pid),
            )
            if count == 0 and diff:
                raise ImportError_(
                    "the schedule has no sessions; nothing was imported", where=header.source
                )
            report: ChangeReport | None = None
            replaced = False
            if diff and old_id is not None:
                stars = self.starred_keys(trip_id, name)
                report = q.diff_programmes(conn, old_id, pid, stars)
                if report.matched == 0:
                    # Nothing in common: another programme replaced the old one. Listing every
                    # session as removed and new would bury the report; say "replaced".
                    report, replaced = None, True
                else:
                    key_renames = report.key_renames
                    changes = report.to_json()
            q.rename_picks(conn, trip_id, name, key_renames or {})
            if old_id is not None:
                q.delete_programme(conn, old_id)
            conn.execute(
                "UPDATE programme SET name = ?, changes = ? WHERE id = ?",
                (name, _json(changes), pid),
            )
            programme = self.get(trip_id, name)
            assert programme is not None  # written just above, in this transaction
        return Written(programme, count, report, replaced)

    def touch(
        self, trip_id: str, *, etag: str | None, last_modified: str | None, name: str = MAIN
    ) -> None:
        """Record a refresh that found nothing new (HTTP 304)."""
        with self.db.tx():
            self.db.conn.execute(
                "UPDATE programme SET etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), imported = ? "
                "WHERE trip_id = ? AND name = ?",
                (etag, last_modified, now_utc().isoformat(), trip_id, name),
            )

    def remove(self, trip_id: str, name: str) -> list[Dropped]:
        """Drop programme `name` with its picks; returns the picks that held something (a
        star, a note, an interest, a reservation), for the caller to report."""
        with self.db.tx():
            pid = q.programme_id(self.db.conn, trip_id, name)
            if pid is None:
                raise NotFoundError("no programme called {name} in this trip", name=repr(name))
            dropped = [
                Dropped(k, p) for k, p in sorted(self.picks(trip_id, name).items()) if p.holds
            ]
            q.delete_programme(self.db.conn, pid)
            self.db.conn.execute(
                "DELETE FROM pick WHERE trip_id = ? AND programme = ?", (trip_id, name)
            )
        return dropped

    # --- sessions --------------------------------------------------------------------------

    def _pid(self, trip_id: str, name: str) -> int | None:
        rows = self.db.rows(
            "SELECT id FROM programme WHERE trip_id = ? AND name = ?", trip_id, name
        )
        return int(rows[0][0]) if rows else None

    def count(self, trip_id: str, name: str = MAIN) -> int:
        rows = self.db.rows(
            "SELECT count(*) FROM session s JOIN programme p ON "
            "p.id = s.programme_id WHERE p.trip_id = ? AND p.name = ?",
            trip_id,
            name,
        )
        return int(rows[0][0])

    def sessions(self, trip_id: str, name: str = MAIN) -> list[SessionRow]:
        """Every session, in schedule order (start instant, title, key)."""
        pid = self._pid(trip_id, name)
        if pid is None:
            return []
        return q.select_sessions(self.db.conn, "s.programme_id = ?", (pid,), name=name)

    def session(self, trip_id: str, key: str, name: str = MAIN) -> SessionRow | None:
        pid = self._pid(trip_id, name)
        if pid is None:
            return None
        found = q.select_sessions(
            self.db.conn, "s.programme_id = ? AND s.key = ?", (pid, key), name=name
        )
        return found[0] if found else None

    def existing_keys(self, trip_id: str, keys: Iterable[str], name: str = MAIN) -> set[str]:
        pid = self._pid(trip_id, name)
        if pid is None:
            return set()
        out: set[str] = set()
        wanted = list(keys)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                r[0]
                for r in self.db.rows(
                    f"SELECT key FROM session WHERE programme_id = ? AND key IN ({marks})",  # noqa: S608
                    pid,
                    *chunk,
                )
            )
        return out

    def find(self, trip_id: str, query: Query, name: str = MAIN) -> list[SessionRow]:
        """The sessions matching `query`, like core.search.SearchIndex.search: every word of
        the text is a substring of the folded text; titles containing the whole query first,
        then schedule order. Words of 3+ characters use the trigram index; shorter ones are
        tested on the folded text of the candidates (or of all sessions, when none is long).
        """
        pid = self._pid(trip_id, name)
        if pid is None:
            return []
        where, args, whole = _where(pid, trip_id, query, name)
        order = "s.start_us, s.title, s.key"
        order_args: list[Any] = []
        if whole:
            order = "instr(s.title_norm, ?) = 0, " + order
            order_args.append(whole)
        found = q.select_sessions(
            self.db.conn, " AND ".join(where), args, order=order, extra_args=order_args, name=name
        )
        if query.language is not None:
            want = _lang(query.language)
            found = [s for s in found if want in {_lang(x) for x in s.languages}]
        return found

    def matching_keys(self, trip_id: str, query: Query, name: str = MAIN) -> set[str]:
        """The keys of the sessions `find` would return, without reading the sessions: a
        screen that keeps its own rows filters them with this on every keystroke."""
        pid = self._pid(trip_id, name)
        if pid is None:
            return set()
        where, args, _whole = _where(pid, trip_id, query, name)
        rows = self.db.rows(
            f"SELECT s.key, s.languages FROM session s WHERE {' AND '.join(where)}",  # noqa: S608
            *args,
        )
        if query.language is None:
            return {r[0] for r in rows}
        want = _lang(query.language)
        return {r[0] for r in rows if r[1] and want in {_lang(x) for x in r[1].split("\n")}}

    def listing(self, trip_id: str, name: str = MAIN) -> list[Listed]:
        """Every session as the few fields a table of sessions shows (no abstract, speakers
        or links), in schedule order: what a screen keeps of a large programme. The rest of
        a session is read when it is shown (`session`)."""
        pid = self._pid(trip_id, name)
        if pid is None:
            return []
        return [
            Listed(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), name)
            for r in self.db.rows(
                "SELECT key, title, start_us, start_tz, end_us, end_tz, room, track, "
                "languages, cancelled FROM session WHERE programme_id = ? "
                "ORDER BY start_us, title, key",
                pid,
            )
        ]

    def days(self, trip_id: str, zone: str, name: str = MAIN) -> list[date]:
        """The days (in `zone`) that sessions start on."""
        from tripkit.core.zoned import from_micros

        pid = self._pid(trip_id, name)
        if pid is None:
            return []
        minutes = self.db.rows(
            "SELECT DISTINCT start_us / 60000000 FROM session WHERE programme_id = ?", pid
        )
        return sorted({from_micros(m * 60_000_000, zone).date() for (m,) in minutes})

    def distinct(self, trip_id: str, column: str, name: str = MAIN) -> list[str]:
        """Distinct non-empty rooms or tracks."""
        assert column in ("room", "track")
        return [
            r[0]
            for r in self.db.rows(
                f"SELECT DISTINCT s.{column} FROM session s JOIN programme p ON "  # noqa: S608
                f"p.id = s.programme_id WHERE p.trip_id = ? AND p.name = ? AND s.{column} != '' "
                f"ORDER BY s.{column}",
                trip_id,
                name,
            )
        ]

    def starred(self, trip_id: str, name: str = MAIN) -> list[SessionRow]:
        """The starred sessions that exist, in time order."""
        pid = self._pid(trip_id, name)
        if pid is None:
            return []
        where, args, source = _starred_in(pid, trip_id, name, "")
        return q.select_sessions(
            self.db.conn, where, args, source=source, order="s.start_us, s.end_us, s.key", name=name
        )

    def needing_registration(self, trip_id: str, name: str | None = None) -> list[SessionRow]:
        """Starred, not cancelled sessions that need registration (all programmes by
        default), by start and key: the checklist's registration items, and nothing else."""
        out: list[SessionRow] = []
        for pname in [name] if name else self.names(trip_id):
            pid = self._pid(trip_id, pname)
            if pid is None:
                continue
            where, args, source = _starred_in(
                pid, trip_id, pname, " AND s.needs_registration = 1 AND s.cancelled = 0"
            )
            out.extend(
                q.select_sessions(
                    self.db.conn, where, args, source=source, order="s.start_us, s.key", name=pname
                )
            )
        out.sort(key=lambda s: (s.start_us, s.key))
        return out

    # --- picks -----------------------------------------------------------------------------

    def picks(self, trip_id: str, name: str = MAIN) -> dict[str, Pick]:
        return dict(
            _pick(r)
            for r in self.db.rows(
                f"SELECT {_PICK_COLS} FROM pick WHERE trip_id = ? AND programme = ?",  # noqa: S608
                trip_id,
                name,
            )
        )

    def picks_for(self, trip_id: str, keys: Iterable[str], name: str = MAIN) -> dict[str, Pick]:
        """The picks of these sessions only (what a listing shows)."""
        out: dict[str, Pick] = {}
        wanted = list(dict.fromkeys(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                _pick(r)
                for r in self.db.rows(
                    f"SELECT {_PICK_COLS} FROM pick WHERE trip_id = ? AND "  # noqa: S608
                    f"programme = ? AND session_key IN ({marks})",
                    trip_id,
                    name,
                    *chunk,
                )
            )
        return out

    def starred_keys(self, trip_id: str, name: str = MAIN) -> set[str]:
        return {
            r[0]
            for r in self.db.rows(
                "SELECT session_key FROM pick WHERE trip_id = ? AND programme = ? AND starred = 1",
                trip_id,
                name,
            )
        }

    def set_stars(self, trip_id: str, keys: list[str], starred: bool, name: str = MAIN) -> None:
        with self.db.tx():
            self.trips.require(trip_id)
            self.db.conn.executemany(
                "INSERT INTO pick(trip_id, programme, session_key, starred) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(trip_id, programme, session_key) DO UPDATE SET "
                # Unstarring drops the interest too (a "must" without a star is nothing).
                "starred = excluded.starred, "
                "interest = CASE WHEN excluded.starred THEN interest ELSE '' END",
                [(trip_id, name, key, int(starred)) for key in keys],
            )

    def set_pick_field(
        self, trip_id: str, keys: list[str], column: str, value: Any, name: str = MAIN
    ) -> None:
        """Set interest, reservation or attended on these sessions' picks. An interest
        also stars the session (a must or a maybe is on the agenda too); interest "" keeps
        the star as it is (a plain star means "want")."""
        assert column in ("interest", "reservation", "attended")
        star = ", starred = 1" if column == "interest" and value else ""
        with self.db.tx():
            self.trips.require(trip_id)
            self.db.conn.executemany(
                f"INSERT INTO pick(trip_id, programme, session_key, {column}{star and ', starred'}) "  # noqa: S608, E501
                f"VALUES(?, ?, ?, ?{star and ', 1'}) "
                f"ON CONFLICT(trip_id, programme, session_key) DO UPDATE SET "
                f"{column} = excluded.{column}{star}",
                [(trip_id, name, key, value) for key in keys],
            )

    def set_note(self, trip_id: str, key: str, note: str, name: str = MAIN) -> None:
        with self.db.tx():
            self.trips.require(trip_id)
            self.db.conn.execute(
                "INSERT INTO pick(trip_id, programme, session_key, note) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(trip_id, programme, session_key) DO UPDATE SET note = excluded.note",
                (trip_id, name, key, note),
            )


def _starred_in(pid: int, trip_id: str, name: str, more: str) -> tuple[str, tuple[Any, ...], str]:
    """WHERE, arguments and FROM of the starred sessions of a programme, read from the picks
    (CROSS JOIN keeps that order: a few stars, each found by its key, rather than a scan of
    the whole programme in time order)."""
    return (
        f"p.trip_id = ? AND p.programme = ? AND p.starred = 1{more}",
        (pid, trip_id, name),
        "pick p CROSS JOIN session s ON s.programme_id = ? AND s.key = p.session_key",
    )


def _where(pid: int, trip_id: str, query: Query, name: str) -> tuple[list[str], list[Any], str]:
    """The WHERE terms and arguments of `query` over `session s`, and the folded text."""
    where = ["s.programme_id = ?"]
    args: list[Any] = [pid]
    if query.day_range is not None:
        where.append("s.start_us >= ? AND s.start_us < ?")
        args.extend(query.day_range)
    if query.track is not None:
        where.append("s.track_norm = ?")
        args.append(normalise(query.track))
    if query.room is not None:
        where.append("s.room_norm = ?")
        args.append(normalise(query.room))
    if query.starred:
        where.append(
            "s.key IN (SELECT session_key FROM pick WHERE trip_id = ? AND "
            "programme = ? AND starred = 1)"
        )
        args.extend((trip_id, name))
    fts = fts_name(pid)
    whole = normalise(query.text)
    terms = sorted(set(whole.split()), key=len, reverse=True)
    if terms:
        long_terms = [t for t in terms if len(t) >= 3]
        # Every word is tested as an exact substring of the folded text; with a word of
        # 3+ characters the trigram index picks the candidates first, so the test runs on
        # those alone (short words have no trigram: they scan the folded texts).
        tests = ["instr(text, ?) > 0"] * len(terms)
        if long_terms:
            tests.insert(0, f"{fts} MATCH ?")
            args.append(_fts_query(long_terms))
        where.append(
            f"s.id IN (SELECT rowid FROM {fts} WHERE "  # noqa: S608
            + " AND ".join(tests)
            + ")"
        )
        args.extend(terms)
    return where, args, whole


def _json(value: Any) -> str | None:
    return json.dumps(value) if value is not None else None
