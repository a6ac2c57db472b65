"""Schedule services: importing into the store, refreshing, picks, the agenda, and what the
agenda adds to the checklist. Shared by the CLI, the TUI and the exporters (no Textual here).

An import or refresh is all-or-nothing: the bytes are fetched and parsed and the change
report computed before anything is written; the write (schedule, raw copy, etag, report,
key renames of the picks, the --tz used) is one store transaction. A failure anywhere leaves
the previous schedule and the user's stars and notes exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit.core.agenda import DEFAULT_TRAVEL_GAP, Conflict, conflicts, starred_sessions
from tripkit.core.models import ChecklistItem, Schedule, Session, Trip
from tripkit.core.reimport import ChangeReport, diff_schedules
from tripkit.core.search import SearchIndex, build_index, session_day
from tripkit.core.timefmt import fmt_dt
from tripkit.core.zoned import get_zone, now_utc
from tripkit.errors import ImportError_, NotFoundError
from tripkit.i18n import tr
from tripkit.importers.fetch import Fetched, Progress, is_url, load
from tripkit.store import Pick, Store

if TYPE_CHECKING:
    import httpx

# A registration is due this long before the session starts, or at departure if earlier:
# registering is an online errand best done from home, before the trip gets busy.
REGISTRATION_LEAD = timedelta(days=7)

def _tz_setting(trip_id: str) -> str:
    """Setting that remembers the --tz given at import, so that a refresh reads alike."""
    return f"schedule.tz.{trip_id}"


def _fmt_setting(trip_id: str) -> str:
    """Setting that remembers a --format forced at import (else refresh re-detects)."""
    return f"schedule.format.{trip_id}"


def _parse(data: bytes, *, source: str, fmt: str | None, tz: str | None, venue_tz: str) -> Schedule:
    # Deferred: the parsers pull in XML/iCalendar libraries that list/search never need.
    from tripkit.importers import parse

    return parse(data, source=source, fmt=fmt, tz=tz, venue_tz=venue_tz)


@dataclass
class ImportResult:
    """What an import or refresh did, for the report the CLI prints and the TUI shows."""

    schedule: Schedule
    venue_tz: str
    not_modified: bool = False  # the server said 304: nothing was parsed or replaced
    changes: ChangeReport | None = None  # None on a first import, or when `replaced`
    size: int = 0
    replaced: bool = False  # a schedule with no session in common replaced the stored one

    @property
    def days(self) -> list[date]:
        return sorted({session_day(s, self.venue_tz) for s in self.schedule.sessions})

    @property
    def rooms(self) -> list[str]:
        return sorted({s.room for s in self.schedule.sessions if s.room})

    @property
    def tracks(self) -> list[str]:
        return sorted({s.track for s in self.schedule.sessions if s.track})


def _source_name(source: str) -> str:
    """What is stored as the schedule's source: the URL, or the file's absolute path."""
    if is_url(source):
        return source.strip()
    return str(Path(source).expanduser().resolve())


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
    stored = store.get_schedule(trip.id)
    if stored is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    old = stored.schedule
    zone = tz if tz is not None else (store.get_setting(_tz_setting(trip.id)) or None)
    fmt = store.get_setting(_fmt_setting(trip.id)) or None
    if offline:
        if stored.raw is None:
            raise ImportError_("no stored copy of the schedule to re-read", where=old.source)
        fetched = Fetched(stored.raw, old.source, stored.etag, stored.last_modified)
    elif is_url(old.source):
        fetched = load(old.source, etag=stored.etag, last_modified=stored.last_modified,
                       max_bytes=max_bytes, timeout=timeout, client=client, progress=progress)
        if fetched.not_modified:
            store.touch_schedule(trip.id, etag=fetched.etag, last_modified=fetched.last_modified)
            return ImportResult(old, trip.venue_tz, not_modified=True,
                                changes=ChangeReport(matched=len(old.sessions)))
    else:
        fetched = load(old.source, max_bytes=max_bytes)
    return _save(store, trip, fetched, source=old.source, fmt=fmt, tz=zone)


def _save(
    store: Store, trip: Trip, fetched: Fetched, *, source: str, fmt: str | None, tz: str | None
) -> ImportResult:
    if fetched.data is None:  # only a conditional request gets 304; callers handle it
        raise ImportError_("the server sent no schedule", where=source)
    schedule = _parse(fetched.data, source=source, fmt=fmt, tz=tz, venue_tz=trip.venue_tz)
    schedule.warnings[:0] = [fetched.note] if fetched.note else []  # e.g. the page's schedule
    if not schedule.sessions:
        # Storing it would empty the agenda; a real programme always has sessions.
        raise ImportError_("the schedule has no sessions; nothing was imported", where=source)
    previous = store.get_schedule(trip.id)
    report: ChangeReport | None = None
    replaced = False
    if previous is not None:
        starred = [k for k, p in store.picks(trip.id).items() if p.starred]
        report = diff_schedules(previous.schedule, schedule, starred)
        if report.matched == 0:
            # Nothing in common: another programme replaced the old one. Listing every
            # session as removed and new would bury the report; say "replaced" instead.
            report = None
            replaced = True
    with store.transaction():
        store.put_schedule(
            trip.id,
            schedule,
            raw=fetched.data,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            changes=report.to_json() if report is not None else None,
            key_renames=report.key_renames if report is not None else None,
        )
        # What this import used, so that a refresh reads alike ("" = not given; a new
        # import without --tz must not inherit the previous source's zone).
        store.set_setting(_tz_setting(trip.id), tz or "")
        store.set_setting(_fmt_setting(trip.id), fmt or "")
    return ImportResult(schedule, trip.venue_tz, changes=report, size=len(fetched.data),
                        replaced=replaced)


# --- reading -----------------------------------------------------------------------------


def get_schedule(store: Store, trip: Trip) -> Schedule:
    stored = store.get_schedule(trip.id)
    if stored is None:
        raise NotFoundError("no schedule imported yet: run `tripkit schedule import PATH_OR_URL`")
    return stored.schedule


def last_changes(store: Store, trip: Trip) -> ChangeReport | None:
    """The change report of the last re-import ("schedule changes since last refresh")."""
    stored = store.get_schedule(trip.id)
    if stored is None or stored.changes is None:
        return None
    return ChangeReport.from_json(stored.changes)


def index(store: Store, trip: Trip) -> SearchIndex:
    return build_index(get_schedule(store, trip).sessions, trip.venue_tz)


def find_session(store: Store, trip: Trip, key: str) -> Session:
    for s in get_schedule(store, trip).sessions:
        if s.key == key:
            return s
    raise NotFoundError(f"no session with id {key!r} (see `tripkit schedule list`)")


def session_json(session: Session, pick: Pick | None, venue_tz: str) -> dict[str, Any]:
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


def set_starred(store: Store, trip: Trip, keys: Iterable[str], starred: bool) -> list[str]:
    """Star or unstar sessions by key; every key must exist. Returns the keys changed."""
    known = {s.key for s in get_schedule(store, trip).sessions}
    wanted = list(dict.fromkeys(keys))
    for key in wanted:
        if key not in known:
            raise NotFoundError(f"no session with id {key!r} (see `tripkit schedule list`)")
    store.set_stars(trip.id, wanted, starred)
    return wanted


def set_note(store: Store, trip: Trip, key: str, note: str) -> None:
    find_session(store, trip, key)
    store.set_note(trip.id, key, note)


def starred_keys(store: Store, trip: Trip) -> set[str]:
    return {k for k, p in store.picks(trip.id).items() if p.starred}


@dataclass
class Agenda:
    sessions: list[Session]  # starred, in time order
    conflicts: list[Conflict]
    picks: dict[str, Pick]
    missing: list[str]  # starred keys no longer in the schedule


def agenda(store: Store, trip: Trip, *, travel_gap: timedelta = DEFAULT_TRAVEL_GAP) -> Agenda:
    sessions = get_schedule(store, trip).sessions
    picks = store.picks(trip.id)
    stars = {k for k, p in picks.items() if p.starred}
    mine = starred_sessions(sessions, stars)
    present = {s.key for s in mine}
    return Agenda(mine, conflicts(mine, travel_gap=travel_gap), picks,
                  sorted(stars - present))


# --- checklist ---------------------------------------------------------------------------


def registration_due(session: Session, trip: Trip) -> datetime:
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

    now = now or now_utc()
    stored = store.get_schedule(trip.id)
    if stored is None:
        return []
    stars = starred_keys(store, trip)
    states = store.item_states(trip.id)
    items = []
    for s in sorted(stored.schedule.sessions, key=lambda s: (s.start, s.key)):
        if s.key not in stars or not s.needs_registration or s.cancelled:
            continue
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
