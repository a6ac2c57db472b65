"""Schedule services: importing into the store, refreshing, picks, the agenda, and what the
agenda adds to the checklist. Shared by the CLI, the TUI and the exporters (no Textual here).

An import or refresh is all-or-nothing: the bytes are fetched and parsed and the change
report computed before anything is written; the write (schedule, raw copy, etag, report,
key renames of the picks, the --tz used) is one store transaction. A failure anywhere leaves
the previous schedule and the user's stars and notes exactly as they were.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tripkit.core.agenda import DEFAULT_TRAVEL_GAP, Conflict, conflicts
from tripkit.core.reimport import ChangeReport
from tripkit.core.zoned import at_midnight, get_zone, micros, now_utc
from tripkit.errors import DataError, ImportError_, NotFoundError
from tripkit.store import Pick, Query, SessionRow, Store

# Reads (list, search, show, agenda, the checklist's registrations) import none of the
# importers, httpx or pydantic: they are deferred to the functions that import a schedule.
if TYPE_CHECKING:
    import httpx

    from tripkit.core.models import ChecklistItem, Schedule, Session, Trip
    from tripkit.core.schedule_fit import ScheduleFit
    from tripkit.importers.fetch import Fetched, Progress
    from tripkit.importers.stream import ScheduleHeader


class TripLike(Protocol):
    """What reads need of a trip: its id and zones (a Trip, or tripkit.services.trips.TripInfo)."""

    @property
    def id(self) -> str: ...
    @property
    def venue_tz(self) -> str: ...
    @property
    def home_tz(self) -> str: ...

# A registration is due this long before the session starts, or at departure if earlier:
# registering is an online errand best done from home, before the trip gets busy.
REGISTRATION_LEAD = timedelta(days=7)

def _tz_setting(trip_id: str) -> str:
    """Setting that remembers the --tz given at import, so that a refresh reads alike."""
    return f"schedule.tz.{trip_id}"


def _fmt_setting(trip_id: str) -> str:
    """Setting that remembers a --format forced at import (else refresh re-detects)."""
    return f"schedule.format.{trip_id}"


def _parse_stream(data: bytes, *, source: str, fmt: str | None, tz: str | None, venue_tz: str
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


def _result(store: Store, trip: Trip, header: Schedule | ScheduleHeader, **kw: Any
            ) -> ImportResult:
    from tripkit.core.models import Schedule

    if not isinstance(header, Schedule):  # a streaming import's header, complete by now
        header = Schedule(title=header.title, source=header.source, format=header.format,
                          tz=header.tz, warnings=list(header.warnings))
    p = store.programmes
    return ImportResult(header, trip.venue_tz, count=p.count(trip.id),
                        days=p.days(trip.id, trip.venue_tz), rooms=p.distinct(trip.id, "room"),
                        tracks=p.distinct(trip.id, "track"), **kw)


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
        raise ImportError_("the file's name is not UTF-8 text, so tripkit cannot keep it to "
                           "re-read the file later; rename the file and import it again",
                           where=shown) from None
    try:
        mode = Path(path).expanduser().stat().st_mode
    except OSError:
        return  # missing or unreadable: the reader says which, in its own words
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ImportError_("this is not a regular file (a pipe, socket or device); save the "
                           "schedule to a file and import that", where=path)


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
    max_bytes: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a schedule from a path or an http(s) URL into the trip, replacing any other."""
    from tripkit.importers.fetch import load

    name = _source_name(source)
    fetched = load(name, max_bytes=max_bytes, timeout=timeout, client=client, progress=progress)
    return _save(store, trip, fetched, source=name, fmt=fmt, tz=tz)


def refresh_schedule(
    store: Store,
    trip: Trip,
    *,
    offline: bool = False,
    tz: str | None = None,
    max_bytes: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Fetch the stored source again (conditionally, for a URL) and apply what changed.

    `offline` re-parses the stored copy instead (after `--tz` was wrong, or a tripkit
    upgrade). `tz` replaces the zone given at import; otherwise that one is used again.
    """
    from tripkit.importers.fetch import Fetched, is_url, load

    stored = store.programmes.get(trip.id)
    if stored is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    old = stored.header()
    zone = tz if tz is not None else (store.get_setting(_tz_setting(trip.id)) or None)
    fmt = store.get_setting(_fmt_setting(trip.id)) or None
    if offline:
        raw = store.programmes.raw(stored.id)
        if raw is None:
            raise ImportError_("no stored copy of the schedule to re-read", where=old.source)
        fetched = Fetched(raw, old.source, stored.etag, stored.last_modified)
    elif is_url(old.source):
        fetched = load(old.source, etag=stored.etag, last_modified=stored.last_modified,
                       max_bytes=max_bytes, timeout=timeout, client=client, progress=progress)
        if fetched.not_modified:
            store.touch_schedule(trip.id, etag=fetched.etag, last_modified=fetched.last_modified)
            return _result(store, trip, old, not_modified=True,
                           changes=ChangeReport(matched=store.programmes.count(trip.id)))
    else:
        _check_file_name(old.source)
        fetched = load(old.source, max_bytes=max_bytes)
    return _save(store, trip, fetched, source=old.source, fmt=fmt, tz=zone)


def _save(
    store: Store, trip: Trip, fetched: Fetched, *, source: str, fmt: str | None, tz: str | None
) -> ImportResult:
    if fetched.data is None:  # only a conditional request gets 304; callers handle it
        raise ImportError_("the server sent no schedule", where=source)
    if _web_page(fetched.data):
        # A saved web page given as a file (a URL's page is followed to its schedule export
        # by the fetcher, tripkit.importers.discover, or refused there).
        raise ImportError_(
            "this file is a web page, not a schedule; look on the conference's site for the "
            "schedule's export link (frab XML or JSON, iCalendar .ics, Sessionize JSON) and "
            "import that", where=source)
    # The store takes the header and an iterable of sessions that it consumes once, writing
    # them in batches inside its transaction: the streaming parser yields them one at a time,
    # so memory stays flat however large the programme. A broken session half-way raises and
    # the transaction rolls back: nothing of a refused file is kept.
    header, sessions = _parse_stream(fetched.data, source=source, fmt=fmt, tz=tz,
                                     venue_tz=trip.venue_tz)
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
            trip.id, header, sessions, raw=fetched.data, etag=fetched.etag,
            last_modified=fetched.last_modified)
        # What this import used, so that a refresh reads alike ("" = not given; a new
        # import without --tz must not inherit the previous source's zone).
        store.set_setting(_tz_setting(trip.id), tz or "")
        store.set_setting(_fmt_setting(trip.id), fmt or "")
    from tripkit.core.schedule_fit import schedule_fit

    return _result(store, trip, header, changes=written.report, size=len(fetched.data),
                   fit=schedule_fit(trip, starts, header.tz),
                   replaced=written.replaced)


# --- reading -----------------------------------------------------------------------------


def get_schedule(store: Store, trip: TripLike) -> Schedule:
    """The whole programme (for exports that need every session as a model)."""
    stored = store.get_schedule(trip.id)
    if stored is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    return stored.schedule


def require_schedule(store: Store, trip: TripLike) -> None:
    if store.programmes.get(trip.id) is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")


def last_changes(store: Store, trip: TripLike) -> ChangeReport | None:
    """The change report of the last re-import ("schedule changes since last refresh")."""
    stored = store.programmes.get(trip.id)
    if stored is None or stored.changes is None:
        return None
    return ChangeReport.from_json(stored.changes)


def day_range(day: date, tz: str) -> tuple[int, int]:
    """The UTC microseconds [start, end) of `day` in zone `tz`."""
    return micros(at_midnight(day, tz)), micros(at_midnight(day + timedelta(days=1), tz))


def find(
    store: Store, trip: TripLike, text: str = "", *, day: date | None = None,
    track: str | None = None, room: str | None = None, language: str | None = None,
    starred: bool = False,
) -> list[SessionRow]:
    """Sessions matching a search and filters, read from the store's index (SQLite FTS5):
    only the rows shown are read. Same results and order as core.search.SearchIndex."""
    require_schedule(store, trip)
    return store.programmes.find(trip.id, Query(
        text, day_range(day, trip.venue_tz) if day is not None else None, track, room,
        language, starred))


def find_session(store: Store, trip: TripLike, key: str) -> SessionRow:
    require_schedule(store, trip)
    found = store.programmes.session(trip.id, key)
    if found is None:
        raise NotFoundError(f"no session with id {key!r} (see `tripkit schedule list`)")
    return found


def session_json(session: Session | SessionRow, pick: Pick | None, venue_tz: str
                 ) -> dict[str, Any]:
    """One session for --json output: times ISO 8601 with the UTC offset, in the venue zone."""
    zone = get_zone(venue_tz)
    return {
        "id": session.key,
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
        "starred": bool(pick and pick.starred),
        "note": pick.note if pick else "",
    }


# --- picks -------------------------------------------------------------------------------


def set_starred(store: Store, trip: TripLike, keys: Iterable[str], starred: bool) -> list[str]:
    """Star or unstar sessions by key; every key must exist. Returns the keys changed."""
    require_schedule(store, trip)
    wanted = list(dict.fromkeys(keys))
    known = store.programmes.existing_keys(trip.id, wanted)
    for key in wanted:
        if key not in known:
            raise NotFoundError(f"no session with id {key!r} (see `tripkit schedule list`)")
    store.set_stars(trip.id, wanted, starred)
    return wanted


def set_note(store: Store, trip: TripLike, key: str, note: str) -> None:
    find_session(store, trip, key)
    try:
        note.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Bytes that are not UTF-8 on the command line (a terminal set to Latin-1) arrive as
        # lone surrogates (PEP 383): refused with where they are, the stored note kept.
        raise DataError(
            f"the note is not UTF-8 text (a byte that is not UTF-8 at character "
            f"{exc.start + 1}); check your terminal's encoding. The note was not changed."
        ) from None
    store.set_note(trip.id, key, note)


def starred_keys(store: Store, trip: TripLike) -> set[str]:
    return store.programmes.starred_keys(trip.id)


@dataclass
class Agenda:
    sessions: list[SessionRow]  # starred, in time order
    conflicts: list[Conflict]
    picks: dict[str, Pick]
    missing: list[str]  # starred keys no longer in the schedule


def agenda(store: Store, trip: TripLike, *, travel_gap: timedelta = DEFAULT_TRAVEL_GAP
           ) -> Agenda:
    require_schedule(store, trip)
    mine = store.programmes.starred(trip.id)
    picks = store.picks(trip.id)
    stars = {k for k, p in picks.items() if p.starred}
    present = {s.key for s in mine}
    return Agenda(mine, conflicts(mine, travel_gap=travel_gap), picks,
                  sorted(stars - present))


# --- checklist ---------------------------------------------------------------------------


def registration_due(session: Session | SessionRow, trip: Trip) -> datetime:
    """When registering for `session` is due: 7 days before it starts, or at the first
    departure if that is earlier. Expressed in the traveller's home zone (they are at home
    before departure, which is when this falls)."""
    due = session.start - REGISTRATION_LEAD
    if trip.flights:
        due = min(due, trip.flights[0].departs)
    return due.astimezone(get_zone(trip.home_tz))


def registration_items(
    store: Store, trip: Trip, lang: str, *, now: datetime | None = None
) -> list[ChecklistItem]:
    """A checklist item for each starred, not cancelled session that needs registration.

    Phase "prepare"; id ``register:<key>``; the user's state for that id (done, skipped...)
    is applied as for every checklist item (tripkit.core.checklist.apply_state) at `now`
    (default: the clock), so an open item past its due time is "overdue".
    """
    from tripkit.core.checklist import apply_state
    from tripkit.core.models import ChecklistItem
    from tripkit.core.timefmt import fmt_dt
    from tripkit.i18n import tr

    now = now or now_utc()
    # Only the sessions that need it: the query reads the starred, not cancelled ones that
    # need registration (an index), never the whole programme.
    wanted = store.programmes.needing_registration(trip.id)
    if not wanted:
        return []
    states = store.item_states(trip.id)
    items = []
    for s in wanted:
        item_id = f"register:{s.key}"
        due = registration_due(s, trip)
        when = fmt_dt(s.start, trip.venue_tz, lang)
        items.append(apply_state(
            ChecklistItem(
                id=item_id,
                phase="prepare",
                title=tr("Register for the session “{title}”", lang, title=s.title),
                details=tr(
                    "It starts {when}{room}. Seats are limited: register before you travel.",
                    lang,
                    when=when,
                    room=tr(" in {room}", lang, room=s.room) if s.room else "",
                ),
                due=due,
                reason=tr(
                    "You starred “{title}” and the schedule says it needs registration.",
                    lang,
                    title=s.title,
                ),
            ),
            states.get(item_id),
            now,
        ))
    return items
