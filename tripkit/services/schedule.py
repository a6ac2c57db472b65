"""Schedule services: importing into the store, refreshing, picks, the agenda, and what the
agenda adds to the checklist. Shared by the CLI, the TUI and the exporters (no Textual here).

An import or refresh is all-or-nothing: the bytes are fetched and parsed and the change
report computed before anything is written; the write (schedule, raw copy, etag, report,
key renames of the picks, the --tz used) is one store transaction. A failure anywhere leaves
the previous schedule and the user's stars and notes exactly as they were.
"""

from __future__ import annotations

import heapq
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Unpack

from tripkit.core import wording
from tripkit.core.agenda import DEFAULT_TRAVEL_GAP, Conflict, conflicts
from tripkit.core.personal import PersonalItem
from tripkit.core.reimport import ChangeReport
from tripkit.core.search import normalise
from tripkit.core.walking import VenueWalks
from tripkit.core.zoned import at_midnight, get_zone, micros, now_utc, zone_of
from tripkit.errors import DataError, ImportError_, Msg, NotFoundError, reason
from tripkit.store import MAIN, Dropped, Pick, Query, SessionRow, Store

# Reads (list, search, show, agenda) import none of the importers, httpx or pydantic: they are
# deferred to the functions that import a schedule. The checklist's registrations and
# deadlines are tripkit.services.registrations'.
if TYPE_CHECKING:
    from tripkit.core.models import Schedule, Session, Trip
    from tripkit.core.schedule_fit import ScheduleFit
    from tripkit.importers.fetch import Fetched, FetchOptions
    from tripkit.importers.stream import ScheduleHeader


class TripLike(Protocol):
    """What reads need of a trip: its id and zones (a Trip, or tripkit.services.trips.TripInfo)."""

    @property
    def id(self) -> str: ...
    @property
    def venue_tz(self) -> str: ...
    @property
    def home_tz(self) -> str: ...


def _suffix(name: str) -> str:
    # The main programme keeps the setting names of the releases that had only it.
    return "" if name == MAIN else f"/{name}"


def _tz_setting(trip_id: str, name: str = MAIN) -> str:
    """Setting that remembers the --tz given at import, so that a refresh reads alike."""
    return f"schedule.tz.{trip_id}{_suffix(name)}"


def _fmt_setting(trip_id: str, name: str = MAIN) -> str:
    """Setting that remembers a --format forced at import (else refresh re-detects)."""
    return f"schedule.format.{trip_id}{_suffix(name)}"


# A programme's name: short, typed on the command line and shown beside each session.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
# The rule in words: the CLI's error and the TUI's hint beside its Programme field.
NAME_RULE = "use 1-40 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit"


def check_name(name: str) -> str:
    """The programme name, or NotFoundError-free ValueError naming what is wrong."""
    if not name or len(name) > 40 or not set(name) <= _NAME_CHARS or name[0] in "-_.":
        raise ValueError(Msg("programme name {name!r}: {rule}", name=name, rule=Msg(NAME_RULE)))
    return name


def _parse_stream(
    data: bytes, *, source: str, fmt: str | None, tz: str | None, venue_tz: str
) -> tuple[ScheduleHeader, Iterator[Session]]:
    # Deferred: the parsers pull in XML/iCalendar libraries that list/search never need.
    from tripkit.importers.stream import parse_stream

    return parse_stream(data, source=source, fmt=fmt, tz=tz, venue_tz=venue_tz)


@dataclass
class ImportResult:
    """What an import or refresh did, for the report the CLI prints and the TUI shows.

    `schedule` is the programme's header (title, source, format, warnings); its sessions are
    in the store, counted in `count` and summarised in `days`, `rooms` and `tracks`.
    """

    schedule: Schedule
    venue_tz: str
    not_modified: bool = False  # the server said 304: nothing was parsed or replaced
    changes: ChangeReport | None = None  # None on a first import, or when `replaced`
    size: int = 0
    replaced: bool = False  # a schedule with no session in common replaced the stored one
    count: int = 0
    fit: ScheduleFit | None = None  # does the programme belong to the trip (days, clock)?
    days: list[date] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)
    tracks: list[str] = field(default_factory=list)
    name: str = MAIN  # the programme imported or refreshed


@dataclass(frozen=True, slots=True)
class _Start:
    start: datetime


def fit_warnings(result: ImportResult, lang: str) -> list[str]:
    """Why the imported programme may not be this trip's (another year, another city's clock),
    in the user's language; empty when it fits. The CLI and the TUI both show these."""
    if result.fit is None:
        return []
    from tripkit.exporters.fit_text import fit_warnings as words

    return words(result.fit, lang)


def _result(
    store: Store, trip: Trip, header: Schedule | ScheduleHeader, name: str = MAIN, **kw: Any
) -> ImportResult:
    from tripkit.core.models import Schedule

    if not isinstance(header, Schedule):  # a streaming import's header, complete by now
        warnings = list(header.warnings)
        header = Schedule(
            title=header.title,
            source=header.source,
            format=header.format,
            tz=header.tz,
        )
        header.warnings[:] = warnings  # as they are: pydantic would unkey the Msg warnings
    p = store.programmes
    return ImportResult(
        header,
        trip.venue_tz,
        count=p.count(trip.id, name),
        days=p.days(trip.id, trip.venue_tz, name),
        rooms=p.distinct(trip.id, "room", name),
        tracks=p.distinct(trip.id, "track", name),
        name=name,
        **kw,
    )


def _source_name(source: str) -> str:
    """What is stored as the schedule's source: the URL, or the file's absolute path."""
    from tripkit.importers.fetch import is_url

    if is_url(source):
        return source.strip()
    _check_file_name(source)
    return str(Path(source).expanduser().resolve())


def _check_file_name(path: str) -> None:
    """A file name the store can keep (to re-read it at refresh) and a file that can be read.

    A name with bytes that are not UTF-8 arrives as lone surrogates (PEP 383), which SQLite
    cannot store; a FIFO or a device would block the read forever (nothing ever ends it)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise ImportError_(
            "the file's name is not UTF-8 text, so tripkit cannot keep it to "
            "re-read the file later; rename the file and import it again",
            where=shown,
        ) from None
    try:
        mode = Path(path).expanduser().stat().st_mode
    except OSError:
        return  # missing or unreadable: the reader says which, in its own words
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ImportError_(
            "this is not a regular file (a pipe, socket or device); save the "
            "schedule to a file and import that",
            where=path,
        )


def _web_page(data: bytes) -> bool:
    """True for an HTML document (the importers' own test): no schedule format starts so."""
    from tripkit.importers.discover import looks_like_html

    return looks_like_html(data)


def import_schedule(
    store: Store,
    trip: Trip,
    source: str,
    *,
    fmt: str | None = None,
    tz: str | None = None,
    name: str = MAIN,
    **fetch: Unpack[FetchOptions],
) -> ImportResult:
    """Import a schedule from a path or an http(s) URL as the trip's programme `name`,
    replacing the programme of that name (the others are left as they are)."""
    from tripkit.importers.fetch import load

    try:
        check_name(name)
    except ValueError as exc:
        raise ImportError_(reason(exc)) from None
    where = _source_name(source)
    fetched = load(where, **fetch)
    return _save(store, trip, fetched, source=where, fmt=fmt, tz=tz, name=name)


def refresh_schedule(
    store: Store,
    trip: Trip,
    *,
    offline: bool = False,
    tz: str | None = None,
    name: str = MAIN,
    **fetch: Unpack[FetchOptions],
) -> ImportResult:
    """Fetch the stored source of programme `name` again (conditionally, for a URL) and
    apply what changed.

    `offline` re-parses the stored copy instead (after `--tz` was wrong, or a tripkit
    upgrade). `tz` replaces the zone given at import; otherwise that one is used again.
    """
    from tripkit.importers.fetch import Fetched, is_url, load

    stored = store.programmes.get(trip.id, name)
    if stored is None:
        if name != MAIN:
            raise NotFoundError(
                "no programme called {name!r} in this trip (see `tripkit schedule programmes`)",
                name=name,
            )
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    old = stored.header()
    zone = tz if tz is not None else (store.get_setting(_tz_setting(trip.id, name)) or None)
    fmt = store.get_setting(_fmt_setting(trip.id, name)) or None
    if offline:
        raw = store.programmes.raw(stored.id)
        if raw is None:
            raise ImportError_("no stored copy of the schedule to re-read", where=old.source)
        fetched = Fetched(raw, old.source, stored.etag, stored.last_modified)
    elif is_url(old.source):
        fetched = load(old.source, etag=stored.etag, last_modified=stored.last_modified, **fetch)
        if fetched.not_modified:
            store.programmes.touch(
                trip.id, etag=fetched.etag, last_modified=fetched.last_modified, name=name
            )
            return _result(
                store,
                trip,
                old,
                name,
                not_modified=True,
                changes=ChangeReport(matched=store.programmes.count(trip.id, name)),
            )
    else:
        _check_file_name(old.source)
        fetched = load(old.source, max_bytes=fetch.get("max_bytes"))
    return _save(store, trip, fetched, source=old.source, fmt=fmt, tz=zone, name=name)


def _save(
    store: Store,
    trip: Trip,
    fetched: Fetched,
    *,
    source: str,
    fmt: str | None,
    tz: str | None,
    name: str = MAIN,
) -> ImportResult:
    if fetched.data is None:  # only a conditional request gets 304; callers handle it
        raise ImportError_("the server sent no schedule", where=source)
    if _web_page(fetched.data):
        # A saved web page given as a file (a URL's page is followed to its schedule export
        # by the fetcher, tripkit.importers.discover, or refused there).
        raise ImportError_(
            "this file is a web page, not a schedule; look on the conference's site for the "
            "schedule's export link (frab XML or JSON, iCalendar .ics, Sessionize JSON) and "
            "import that",
            where=source,
        )
    # The store takes the header and an iterable of sessions that it consumes once, writing
    # them in batches inside its transaction: the streaming parser yields them one at a time,
    # so memory stays flat however large the programme. A broken session half-way raises and
    # the transaction rolls back: nothing of a refused file is kept.
    header, sessions = _parse_stream(
        fetched.data, source=source, fmt=fmt, tz=tz, venue_tz=trip.venue_tz
    )
    if fetched.note:  # e.g. which export a conference's home page led to
        header.warnings.insert(0, fetched.note)
    starts: list[_Start] = []  # for the check that the programme is this trip's (tiny rows)

    def noting_starts(stream: Iterable[Session]) -> Iterator[Session]:
        for session in stream:
            starts.append(_Start(session.start))
            yield session

    sessions = noting_starts(sessions)
    with store.transaction():
        written = store.programmes.write(
            trip.id,
            header,
            sessions,
            raw=fetched.data,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            name=name,
        )
        # What this import used, so that a refresh reads alike ("" = not given; a new
        # import without --tz must not inherit the previous source's zone).
        store.set_setting(_tz_setting(trip.id, name), tz or "")
        store.set_setting(_fmt_setting(trip.id, name), fmt or "")
    from tripkit.core.schedule_fit import schedule_fit

    return _result(
        store,
        trip,
        header,
        name,
        changes=written.report,
        size=len(fetched.data),
        fit=schedule_fit(trip, starts, header.tz),
        replaced=written.replaced,
    )


@dataclass
class StarsResult:
    """What a starred-only .ics did: the sessions it starred (newly or again), and its events
    that matched no session, or more than one (reported, never guessed)."""

    name: str
    source: str
    starred: list[str]
    already: int
    unmatched: list[Any]  # tripkit.importers.starred.StarredEvent


def import_stars(
    store: Store,
    trip: TripLike,
    source: str,
    *,
    name: str = MAIN,
    **fetch: Unpack[FetchOptions],
) -> StarsResult:
    """Star the sessions of programme `name` that a "starred only" .ics from another app
    lists (FOSDEM Companion bookmarks, pretalx faved.ics...): matched by UID, guid, code, or
    title and start (tripkit.importers.starred). Only stars are set; nothing is imported."""
    from typing import cast

    from tripkit.importers.fetch import load
    from tripkit.importers.starred import match_starred, read_starred

    if store.programmes.get(trip.id, name) is None:
        raise NotFoundError(
            "no programme called {name!r} to star sessions in: import the "
            "schedule first (`tripkit schedule import PATH_OR_URL`)",
            name=name,
        )
    where = _source_name(source)
    fetched = load(where, **fetch)
    if fetched.data is None:
        raise ImportError_("the server sent nothing", where=where)
    events = read_starred(fetched.data, source=where, venue_tz=trip.venue_tz)
    rows = store.programmes.sessions(trip.id, name)
    # The rows have what the matcher reads (key, title, start): no models are built.
    keys, unmatched = match_starred(events, cast(Any, rows))
    before = store.programmes.starred_keys(trip.id, name)
    store.programmes.set_stars(trip.id, keys, True, name)
    return StarsResult(name, where, keys, len(before & set(keys)), unmatched)


def remove_programme(store: Store, trip: TripLike, name: str) -> list[Dropped]:
    """Drop programme `name`, its sessions and its picks; returns the picks that held a
    star, a note, an interest or a reservation (the caller reports them: never silent)."""
    with store.transaction():
        dropped = store.programmes.remove(trip.id, name)
        store.settings.delete(_tz_setting(trip.id, name))
        store.settings.delete(_fmt_setting(trip.id, name))
    return dropped


# --- reading -----------------------------------------------------------------------------


def get_schedule(store: Store, trip: TripLike) -> Schedule:
    """The whole programme (for exports that need every session as a model)."""
    stored = store.get_schedule(trip.id)
    if stored is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    return stored.schedule


def require_schedule(store: Store, trip: TripLike) -> None:
    if not store.programmes.names(trip.id):
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")


def programme_names(store: Store, trip: TripLike, only: str | None = None) -> list[str]:
    """The programmes a read covers: `only` (which must exist), else all, main first."""
    names = store.programmes.names(trip.id)
    if only is not None:
        if only not in names:
            raise NotFoundError(
                "no programme called {name!r} in this trip (it has: {names})",
                name=only,
                names=", ".join(names) or Msg("none"),
            )
        return [only]
    if not names:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    return sorted(names, key=lambda n: (n != MAIN, n))


def last_changes(store: Store, trip: TripLike, name: str = MAIN) -> ChangeReport | None:
    """The change report of the last re-import ("schedule changes since last refresh")."""
    stored = store.programmes.get(trip.id, name)
    if stored is None or stored.changes is None:
        return None
    return ChangeReport.from_json(stored.changes)


def day_range(day: date, tz: str) -> tuple[int, int]:
    """The UTC microseconds [start, end) of `day` in zone `tz`."""
    return micros(at_midnight(day, tz)), micros(at_midnight(day + timedelta(days=1), tz))


def find(
    store: Store,
    trip: TripLike,
    text: str = "",
    *,
    day: date | None = None,
    track: str | None = None,
    room: str | None = None,
    language: str | None = None,
    starred: bool = False,
    programme: str | None = None,
) -> list[SessionRow]:
    """Sessions matching a search and filters, read from the store's index (SQLite FTS5):
    only the rows shown are read. Same results and order as core.search.SearchIndex; with
    several programmes, each is searched in its own index and the hits merged in that order
    (each row says its programme)."""
    names = programme_names(store, trip, programme)
    query = Query(
        text,
        day_range(day, trip.venue_tz) if day is not None else None,
        track,
        room,
        language,
        starred,
    )
    if len(names) == 1:
        return store.programmes.find(trip.id, query, names[0])
    whole = normalise(text)
    rank = {n: i for i, n in enumerate(names)}

    def order(s: SessionRow) -> tuple[int, str, str, int]:
        return (s.start_us, s.title, s.key, rank[s.programme])

    # Each programme's hits come ordered: titles containing the query first, then the rest,
    # each part in schedule order. Merge the parts instead of re-sorting: the boundary of
    # each list is found by bisection (a few foldings, not one per hit).
    heads, tails = [], []
    for n in names:
        hits = store.programmes.find(trip.id, query, n)
        lo, hi = 0, len(hits) if whole else 0
        while lo < hi:
            mid = (lo + hi) // 2
            if whole in normalise(hits[mid].title):
                lo = mid + 1
            else:
                hi = mid
        heads.append(hits[:lo])
        tails.append(hits[lo:])
    return [*heapq.merge(*heads, key=order), *heapq.merge(*tails, key=order)]


def find_session(
    store: Store, trip: TripLike, key: str, programme: str | None = None
) -> SessionRow:
    """The session `key`, in `programme` or in the only programme that has that key."""
    names = programme_names(store, trip, programme)
    hits = [s for n in names if (s := store.programmes.session(trip.id, key, n)) is not None]
    if not hits:
        raise NotFoundError("no session with id {key} (see `tripkit schedule list`)", key=repr(key))
    if len(hits) > 1:
        raise NotFoundError(
            "session id {key} is in several programmes ({names}): add --programme NAME",
            key=repr(key),
            names=", ".join(s.programme for s in hits),
        )
    return hits[0]


def picks_of(
    store: Store, trip: TripLike, sessions: Iterable[SessionRow]
) -> dict[tuple[str, str], Pick]:
    """The picks of these sessions, keyed by (programme, session key)."""
    keys: dict[str, list[str]] = {}
    for s in sessions:
        keys.setdefault(s.programme, []).append(s.key)
    out: dict[tuple[str, str], Pick] = {}
    for name, wanted in keys.items():
        out.update(
            ((name, k), p) for k, p in store.programmes.picks_for(trip.id, wanted, name).items()
        )
    return out


def session_json(session: Session | SessionRow, pick: Pick | None, venue_tz: str) -> dict[str, Any]:
    """One session for --json output: times ISO 8601 with the UTC offset, in the venue zone."""
    zone = get_zone(venue_tz)
    return {
        "id": session.key,
        "programme": getattr(session, "programme", MAIN),
        "title": session.title,
        "subtitle": session.subtitle,
        "start": session.start.astimezone(zone).isoformat(),
        "end": session.end.astimezone(zone).isoformat(),
        "tz": venue_tz,
        "room": session.room,
        "track": session.track,
        "type": session.type,
        "languages": list(session.languages),
        "speakers": [s.name for s in session.speakers],
        "abstract": session.abstract,
        "url": session.url,
        "needs_registration": session.needs_registration,
        "cancelled": session.cancelled,
        "recorded": getattr(session, "recorded", None),
        "starred": bool(pick and pick.starred),
        "interest": pick.level if pick else "",
        "reservation": pick.reservation if pick else "",
        "attended": pick.attended if pick else None,
        "note": pick.note if pick else "",
    }


def personal_json(item: PersonalItem, venue_tz: str) -> dict[str, Any]:
    """One personal agenda item for --json output (times in the venue's zone, and the zone
    the item was given in)."""
    zone = get_zone(venue_tz)
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "start": item.start.astimezone(zone).isoformat(),
        "end": item.end.astimezone(zone).isoformat(),
        "tz": venue_tz,
        "given_tz": zone_of(item.start).key,
        "place": item.place,
        "note": item.note,
    }


# --- picks -------------------------------------------------------------------------------

INTERESTS = ("must", "want", "maybe")
RESERVATIONS = wording.RESERVATIONS


def _resolve(
    store: Store, trip: TripLike, keys: Iterable[str], programme: str | None
) -> dict[str, list[str]]:
    """Session keys grouped by programme; every key must exist, in one programme only
    (else --programme says which)."""
    names = programme_names(store, trip, programme)
    wanted = list(dict.fromkeys(keys))
    where: dict[str, list[str]] = {}
    for name in names:
        for key in store.programmes.existing_keys(trip.id, wanted, name):
            where.setdefault(key, []).append(name)
    out: dict[str, list[str]] = {}
    for key in wanted:
        found = where.get(key)
        if not found:
            raise NotFoundError(
                "no session with id {key} (see `tripkit schedule list`)", key=repr(key)
            )
        if len(found) > 1:
            raise NotFoundError(
                "session id {key} is in several programmes ({names}): add --programme NAME",
                key=repr(key),
                names=", ".join(found),
            )
        out.setdefault(found[0], []).append(key)
    return out


def set_starred(
    store: Store, trip: TripLike, keys: Iterable[str], starred: bool, programme: str | None = None
) -> list[str]:
    """Star or unstar sessions by key; every key must exist. Returns the keys changed."""
    groups = _resolve(store, trip, keys, programme)
    with store.transaction():
        for name, chosen in groups.items():
            store.programmes.set_stars(trip.id, chosen, starred, name)
    return [k for chosen in groups.values() for k in chosen]


def set_pick(
    store: Store,
    trip: TripLike,
    keys: Iterable[str],
    *,
    interest: str | None = None,
    reservation: str | None = None,
    attended: bool | None = None,
    programme: str | None = None,
) -> list[str]:
    """Set the interest (must/want/maybe; it stars the session), the reservation state or
    the attended mark of sessions."""
    if interest is not None and interest not in (*INTERESTS, ""):
        raise ValueError(f"interest {interest!r}: use one of {', '.join(INTERESTS)}")
    if reservation is not None and reservation not in (*RESERVATIONS, ""):
        raise ValueError(f"reservation {reservation!r}: use one of {', '.join(RESERVATIONS)}")
    groups = _resolve(store, trip, keys, programme)
    with store.transaction():
        for name, chosen in groups.items():
            if interest is not None:
                store.programmes.set_pick_field(trip.id, chosen, "interest", interest, name)
            if reservation is not None:
                store.programmes.set_pick_field(trip.id, chosen, "reservation", reservation, name)
            if attended is not None:
                store.programmes.set_pick_field(trip.id, chosen, "attended", int(attended), name)
    return [k for chosen in groups.values() for k in chosen]


def set_note(
    store: Store, trip: TripLike, key: str, note: str, programme: str | None = None
) -> None:
    s = find_session(store, trip, key, programme)
    try:
        note.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Bytes that are not UTF-8 on the command line (a terminal set to Latin-1) arrive as
        # lone surrogates (PEP 383): refused with where they are, the stored note kept.
        raise DataError(
            "the note is not UTF-8 text (a byte that is not UTF-8 at character {n}); check your "
            "terminal's encoding. The note was not changed.",
            n=exc.start + 1,
        ) from None
    store.programmes.set_note(trip.id, key, note, s.programme)


def starred_keys(store: Store, trip: TripLike, name: str = MAIN) -> set[str]:
    return store.programmes.starred_keys(trip.id, name)


AgendaItem = SessionRow | PersonalItem


def ref(item: Any) -> tuple[str, str]:
    """What tells agenda items apart: (programme, key); ("", "me:<id>") for personal items."""
    return (getattr(item, "programme", ""), item.key)


@dataclass
class Agenda:
    sessions: list[SessionRow]  # starred, in time order (every programme)
    conflicts: list[Conflict]
    picks: dict[tuple[str, str], Pick]  # by (programme, session key)
    missing: list[tuple[str, str]]  # starred (programme, key) no longer in their programme
    personal: list[PersonalItem] = field(default_factory=list)
    walks: VenueWalks | None = None  # the venue's walking data, when it has some

    @property
    def items(self) -> list[AgendaItem]:
        """Sessions and personal items in time order."""
        both: list[AgendaItem] = [*self.sessions, *self.personal]
        both.sort(key=lambda x: (micros(x.start), micros(x.end), x.programme, x.key))
        return both


def agenda(
    store: Store,
    trip: TripLike,
    *,
    travel_gap: timedelta = DEFAULT_TRAVEL_GAP,
    use_venue: bool = True,
) -> Agenda:
    """Starred sessions of every programme and the personal items, with their conflicts
    (one sort-and-sweep over both). With `use_venue`, the venue's walking data (rooms to
    buildings, minutes between them) replaces the fixed gap where it knows the rooms."""
    from tripkit.services.agenda import items as personal_items
    from tripkit.services.venue_walks import walks_for

    names = store.programmes.names(trip.id)
    personal = personal_items(store, trip)
    if not names and not personal:
        require_schedule(store, trip)
    mine: list[SessionRow] = []
    picks: dict[tuple[str, str], Pick] = {}
    missing: list[tuple[str, str]] = []
    for name in sorted(names, key=lambda n: (n != MAIN, n)):
        got = store.programmes.starred(trip.id, name)
        mine.extend(got)
        these = store.programmes.picks(trip.id, name)
        picks.update(((name, k), p) for k, p in these.items())
        present = {s.key for s in got}
        missing.extend(
            (name, k) for k, p in sorted(these.items()) if p.starred and k not in present
        )
    if len(names) > 1:
        mine.sort(key=lambda s: (s.start_us, s.end_us, s.key, s.programme))
    both: list[Any] = [*mine, *personal]
    walks = walks_for(store, trip) if use_venue else None
    found = conflicts(
        both,
        travel_gap=travel_gap,
        walk_minutes=walks.minutes if walks else None,
        longest_walk=walks.longest if walks else 0,
    )
    return Agenda(mine, found, picks, missing, personal, walks)


def attended(store: Store, trip: TripLike, *, now: datetime | None = None) -> list[SessionRow]:
    """The sessions attended, for the trip report: those marked with `schedule attend`, and
    the starred ones that have ended by `now` unless marked `--not` (a star is a plan; after
    the fact it is the best record there is). Cancelled sessions never count."""
    now_us = micros(now or now_utc())
    out: list[SessionRow] = []
    for name in store.programmes.names(trip.id):
        picks = store.programmes.picks(trip.id, name)
        keys = [k for k, p in picks.items() if p.attended or (p.attended is None and p.starred)]
        for s in (store.programmes.session(trip.id, k, name) for k in keys):
            if s is None or s.cancelled:
                continue
            if picks[s.key].attended or s.end_us <= now_us:
                out.append(s)
    out.sort(key=lambda s: (s.start_us, s.key, s.programme))
    return out


def watch_later(store: Store, trip: TripLike) -> list[SessionRow]:
    """Picks that clash with one that will not be recorded, and are recorded themselves:
    to watch later (the agenda's plan B), in time order."""
    from tripkit.core.planb import suggest

    ag = agenda(store, trip)
    seen: dict[tuple[str, str], SessionRow] = {}
    live: set[tuple[str, str]] = set()
    for c in ag.conflicts:
        plan = suggest(c.first, c.second) if c.kind == "overlap" else None
        if plan is not None:
            live.add(ref(plan.live))
            if plan.watch_later:
                seen.setdefault(ref(plan.later), plan.later)
    return sorted((s for r, s in seen.items() if r not in live), key=lambda s: (s.start_us, s.key))
