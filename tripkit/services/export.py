"""Exports: gather the trip's data from the store and the other services, then call the pure
exporters in tripkit/exporters.

iCalendar versions. Each exported entry has a stable UID; SEQUENCE and DTSTAMP come from a
small record per trip and export profile in the store's settings table
(`export.ics.<trip id>.<profile digest>`: UID -> content fingerprint, sequence, stamp, and what
a tombstone needs). When an entry's fingerprint differs from the recorded one, its sequence
rises by one and its stamp becomes the time of that export; otherwise both stay as recorded.
So exporting unchanged data twice gives byte-identical files, whatever other exports (another
language, another alarm, to /dev/null) ran in between, and a calendar that imports the new
file replaces the changed events (same UID, higher SEQUENCE). An entry recorded but no longer
exported is published as cancelled until `tombstone_until`, then forgotten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from tripkit.core.agenda import starred_sessions
from tripkit.core.models import ChecklistItem, Session, Trip
from tripkit.core.schedule_fit import schedule_fit
from tripkit.core.timefmt import fmt_date, fmt_dt
from tripkit.core.zoned import at_midnight, now_utc
from tripkit.exporters.binder import BinderExtras, GuideNote, GuidePage, SourceView
from tripkit.exporters.checklist_html import Paper
from tripkit.exporters.ics import (
    DEFAULT_PROFILE,
    INCLUDES,
    CalEntry,
    Include,
    Profile,
    Version,
    calendar_entries,
    make_uid,
    render_ics,
    stub,
    tombstone,
)
from tripkit.exporters.text import clean, one_line, safe_url
from tripkit.i18n import tr, trn
from tripkit.services.checklist import checklist_items
from tripkit.services.guide import DEFAULT_MAX_AGE_MONTHS, guide_sections
from tripkit.store import Store

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")


@dataclass(frozen=True)
class Gathered:
    """What the exports need from the store, read once."""

    items: list[ChecklistItem]
    sessions: list[Session]  # all sessions of the imported schedule (empty without one)
    starred: list[Session]  # starred ones, in time order
    notes: dict[str, str]  # session key -> note
    warnings: list[str]  # for the user: what the export leaves out and why


def gather(
    store: Store, trip: Trip, lang: str, now: datetime, *, checklist: bool = True
) -> Gathered:
    items = checklist_items(store, trip, lang, now=now) if checklist else []
    sessions = store.sessions(trip.id)
    picks = store.picks(trip.id)
    stars = {k for k, p in picks.items() if p.starred}
    notes = {k: p.note for k, p in picks.items() if p.note.strip()}
    starred = starred_sessions(sessions, stars)
    warnings = []
    gone = len(stars) - len(starred)
    if gone:
        warnings.append(
            trn(
                "{n} starred session is no longer in the schedule and is left out",
                "{n} starred sessions are no longer in the schedule and are left out",
                gone,
                lang,
            )
        )
    return Gathered(items, sessions, starred, notes, warnings)


def guide_pages(
    trip: Trip, lang: str, now: datetime, *, max_age_months: int = DEFAULT_MAX_AGE_MONTHS
) -> list[GuidePage]:
    """Every topic of the destination guide (entry, arrival, transport, safety, apps,
    emergency, venue, conference days...), in the guide's order, as plain text. Notes
    reviewed more than `max_age_months` ago (the guide.max_age_months setting) are marked."""
    pages = []
    for section in guide_sections(trip, lang, now, max_age_months=max_age_months):
        if not section.notes:
            continue
        notes = tuple(
            GuideNote(
                title=one_line(n.title),
                text=clean(n.text).strip(),
                details=tuple((one_line(k), one_line(v)) for k, v in n.details),
                sources=tuple(
                    SourceView(one_line(s.title), safe_url(s.url), one_line(s.date))
                    for s in n.sources
                ),
                reviewed=fmt_date(n.reviewed, lang) if n.reviewed else "",
                stale=n.stale,
            )
            for n in section.notes
        )
        pages.append(GuidePage(one_line(section.title), notes))
    return pages


# --- checklist and binder ------------------------------------------------------------------


def checklist_document(
    store: Store,
    trip: Trip,
    *,
    fmt: Format,
    lang: str,
    binder: bool = False,
    paper: Paper = "auto",
    now: datetime | None = None,
    width: int = 80,
) -> tuple[str, list[str]]:
    """The printable checklist (or binder) in `fmt`, and notes for the user. `width`: the
    columns the text format is wrapped to."""
    from tripkit.exporters.checklist_html import checklist_html
    from tripkit.exporters.checklist_text import checklist_markdown, checklist_text

    now = now or now_utc()
    g = gather(store, trip, lang, now)
    extras = None
    if binder:
        from tripkit.services import config

        guide = guide_pages(trip, lang, now, max_age_months=config.load(store).guide_max_age_months)
        changes, removed = _last_changes(store, trip, lang)
        extras = BinderExtras(
            sessions=g.starred,
            notes=g.notes,
            guide=guide,
            airports=_airport_names(trip),
            changes=changes,
            removed=removed,
        )
    if fmt == "html":
        text = checklist_html(trip, g.items, lang=lang, now=now, extras=extras, paper=paper)
    elif fmt == "markdown":
        text = checklist_markdown(trip, g.items, lang=lang, now=now, extras=extras)
    else:
        text = checklist_text(trip, g.items, lang=lang, now=now, extras=extras, width=width)
    return text, g.warnings if binder else []


def _airport_names(trip: Trip) -> dict[str, str]:
    from tripkit.catalog.airports import airports

    known = airports()
    codes = {f.origin for f in trip.flights} | {f.destination for f in trip.flights}
    return {c: known[c].name for c in sorted(codes) if c in known}


def _last_changes(store: Store, trip: Trip, lang: str) -> tuple[dict[str, str], list[str]]:
    """What the last refresh changed about starred sessions: a sentence per session key,
    and the starred sessions it removed (as "title, start")."""
    from tripkit.core.reimport import ChangeReport
    from tripkit.core.zoned import parse_zoned

    stored = store.get_schedule(trip.id)
    if stored is None or stored.changes is None:
        return {}, []
    report = ChangeReport.from_json(stored.changes)
    changes: dict[str, str] = {}
    removed: list[str] = []
    for c in report.starred_changes():
        try:
            when = fmt_dt(parse_zoned(c.start), trip.venue_tz, lang) if c.start else ""
        except ValueError:
            when = ""
        if c.kind == "removed":
            removed.append(f"{one_line(c.title)}, {when}".strip(", "))
        elif c.kind == "moved":
            before = c.before.partition("]/")[0] + "]"  # "start[zone]/end[zone]"
            try:
                was = fmt_dt(parse_zoned(before), trip.venue_tz, lang)
            except ValueError:
                was = ""
            changes[c.key] = tr("Moved (was {when})", lang, when=was) if was else tr("Moved", lang)
        elif c.kind == "room":
            changes[c.key] = tr("Room changed (was {room})", lang, room=one_line(c.before))
        elif c.kind == "title":
            changes[c.key] = tr("Title changed (was {title})", lang, title=one_line(c.before))
        elif c.kind == "cancelled":
            changes[c.key] = tr("Cancelled by the organisers", lang)
        elif c.kind == "new":
            changes[c.key] = tr("New in the last refresh", lang)
    return changes, removed


# --- calendar ------------------------------------------------------------------------------


def _versions_setting(trip_id: str, profile: Profile) -> str:
    digest = hashlib.sha256(profile.key.encode()).hexdigest()[:16]
    return f"export.ics.{trip_id}.{digest}"


def trip_end(trip: Trip) -> datetime:
    """The last moment of the trip (UTC): the last landing, check-out or conference day."""
    last_day = trip.conference.last_day + timedelta(days=1)
    ends = [at_midnight(last_day, trip.venue_tz).astimezone(UTC)]
    ends += [f.arrives.astimezone(UTC) for f in trip.flights]
    ends += [s.check_out.astimezone(UTC) for s in trip.stays]
    return max(ends)


def tombstone_until(trip: Trip, last_instant: datetime | None) -> datetime:
    """How long a cancelled entry stays in the file: until the trip is over and what it
    announced is past (whichever is later). After that no calendar needs to be told: the
    event is in the past either way, and the file stops growing."""
    end = trip_end(trip)
    return end if last_instant is None else max(end, last_instant)


LEGACY_SETTING = "export.ics.{trip_id}"  # the one record of exports before profiles


def track_versions(
    store: Store,
    trip: Trip,
    entries: Sequence[CalEntry],
    now: datetime,
    profile: Profile = DEFAULT_PROFILE,
    legacy_stubs: Callable[[], dict[str, list[str]]] | None = None,
) -> tuple[list[CalEntry], dict[str, Version]]:
    """The entries to publish (the live ones plus tombstones of earlier ones) with the
    SEQUENCE and DTSTAMP of each, recording new and changed ones (one transaction).

    The record is per export profile, so an export in another language or with another alarm
    never changes this profile's sequences."""
    stamp = now.astimezone(UTC).replace(microsecond=0)
    setting = _versions_setting(trip.id, profile)
    with store.transaction():
        raw = store.get_setting(setting)
        known = _load_versions(raw)
        changed = False
        legacy = LEGACY_SETTING.format(trip_id=trip.id)
        if raw is None and legacy_stubs is not None and store.get_setting(legacy):
            # The first export after the upgrade takes over the old record, once: in the
            # default profile its UIDs carry on; in any other they are cancelled, since that
            # profile's events have their own UIDs.
            known = _migrate_legacy(store.get_setting(legacy), legacy_stubs)
            store.set_setting(legacy, "")
            changed = True
        out: dict[str, Version] = {}
        published = list(entries)
        live = {e.uid for e in entries}
        for uid in sorted(set(known) - live):
            rec = known[uid]
            dead = tombstone(uid, rec[3], profile.lang)
            if now.astimezone(UTC) > tombstone_until(trip, dead.last_instant):
                del known[uid]  # long enough: drop it from the file and the record
                changed = True
                continue
            published.append(dead)
        for e in published:
            fp = e.fingerprint
            old = known.get(e.uid)
            if old is None or old[0] != fp:
                seq = 0 if old is None else old[1] + 1
                keep = old[3] if old is not None and e.uid not in live else stub(e)
                known[e.uid] = [fp, seq, stamp.isoformat(), keep]
                changed = True
            rec = known[e.uid]
            out[e.uid] = Version(rec[1], datetime.fromisoformat(rec[2]))
        if changed:
            store.set_setting(
                setting,
                json.dumps(known, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
            )
    published.sort(key=lambda e: e.sort_key)
    return published, out


def _migrate_legacy(
    raw: str | None, stubs: Callable[[], dict[str, list[str]]]
) -> dict[str, list[Any]]:
    """Versions recorded before export profiles ({uid: [fingerprint, sequence, stamp]}),
    with what a tombstone needs of each, rebuilt from today's data (`stubs`: UID -> stub of
    every entry the old exporter could have written). The default profile kept the old UIDs,
    so an entry it still exports gets the next SEQUENCE, and one no longer exported (an
    un-starred session, the VTODO twin of a deadline, a done item's "Done: Due:" event, or
    every old UID when another profile takes the record over) is cancelled in the calendar
    instead of staying there as a copy. An old UID that no data explains any more cannot be
    cancelled (its time is unknown) and is forgotten."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
        old = {str(uid): (str(r[0]), int(r[1]), _utc(r[2]).isoformat()) for uid, r in data.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}
    found = stubs()
    return {
        uid: [fp, seq, stamp, found[uid]] for uid, (fp, seq, stamp) in old.items() if uid in found
    }


def _load_versions(raw: str | None) -> dict[str, list[Any]]:
    """The recorded versions; a damaged record is treated as empty (sequences restart at 0)
    rather than failing the export."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
        out = {}
        for uid, r in data.items():
            stubbed = [str(x) for x in r[3]]
            if len(stubbed) != 5:
                raise ValueError("a recorded entry is incomplete")
            tombstone(str(uid), stubbed, "en")  # its times must read back
            out[str(uid)] = [str(r[0]), int(r[1]), _utc(r[2]).isoformat(), stubbed]
        return out
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def _utc(text: str) -> datetime:
    stamp = datetime.fromisoformat(text)
    if stamp.tzinfo is None:
        raise ValueError("a recorded stamp has no offset")
    return stamp.astimezone(UTC)


def ics_document(
    store: Store,
    trip: Trip,
    *,
    include: Iterable[Include] = INCLUDES,
    alarm_minutes: int | None = 15,
    lang: str = "en",
    now: datetime | None = None,
    todos: bool = False,
    cancelled: bool = True,
) -> tuple[bytes, list[str]]:
    """The calendar file for the trip, and notes for the user. `cancelled=False` leaves
    out every CANCELLED entry, for a calendar that is replaced whole (calcurse shows a
    cancelled event as an ordinary one); the SEQUENCE records are kept the same either
    way, so the next full export still cancels what it must."""
    now = now or now_utc()
    want = tuple(i for i in INCLUDES if i in set(include))
    profile = Profile(lang, alarm_minutes, want, todos)
    g = gather(store, trip, lang, now, checklist="checklist" in want)
    fit = schedule_fit(trip, g.sessions) if g.sessions else None
    entries = calendar_entries(
        trip,
        sessions=g.starred,
        items=g.items,
        include=want,
        alarm_minutes=alarm_minutes,
        lang=lang,
        todos=todos,
        venue=fit is None or fit.same_conference,
        personal=_personal_items(store, trip),
        states=_pick_states(store, trip, lang),
    )

    def legacy_stubs() -> dict[str, list[str]]:
        # Every entry the exporter before profiles could have written for this trip: all
        # sessions (starred or not), every dated item as a VTODO and as an all-day event.
        items = [i.model_copy(update={"status": "todo"}) for i in g.items]
        out = {
            e.uid: stub(e)
            for e in calendar_entries(trip, sessions=g.sessions, items=items, lang=lang)
        }
        for item in items:
            if item.due is not None:
                uid = make_uid("todo", trip.id, item.id)
                out[uid] = stub(
                    CalEntry(uid, "VTODO", one_line(item.title), due=item.due.astimezone(UTC))
                )
        return out

    published, versions = track_versions(
        store, trip, entries, now, profile, legacy_stubs=legacy_stubs
    )
    if not cancelled:
        published = [e for e in published if e.status != "CANCELLED"]
    data = render_ics(published, stamp=now, versions=versions, name=trip.name)
    return data, g.warnings if "agenda" in want else []


# --- trip report ---------------------------------------------------------------------------


def _report_setting(trip_id: str, what: str) -> str:
    return f"report.{what}.{trip_id}"


def set_report_text(
    store: Store, trip: Trip, *, lessons: str | None = None, actions: Sequence[str] | None = None
) -> None:
    """Keep the lessons and action items the user wrote for the report (None: unchanged)."""
    with store.transaction():
        if lessons is not None:
            store.set_setting(_report_setting(trip.id, "lessons"), lessons)
        if actions is not None:
            store.set_setting(
                _report_setting(trip.id, "actions"),
                json.dumps([a for a in actions if a.strip()], ensure_ascii=False),
            )


def report_text(store: Store, trip: Trip) -> tuple[str, list[str]]:
    lessons = store.get_setting(_report_setting(trip.id, "lessons")) or ""
    try:
        actions = [
            str(a)
            for a in json.loads(store.get_setting(_report_setting(trip.id, "actions")) or "[]")
        ]
    except (ValueError, TypeError):
        actions = []
    return lessons, actions


def _noted_titles(
    store: Store, trip: Trip, sessions: Sequence[Session], notes: dict[str, str], lang: str
) -> dict[str, tuple[str, str]]:
    """Title and time of every session with a note, remembered in the store, so that a note
    on a session a later refresh removes still says which session it was."""
    setting = _report_setting(trip.id, "noted")
    try:
        known = {
            str(k): (str(v[0]), str(v[1]))
            for k, v in json.loads(store.get_setting(setting) or "{}").items()
        }
    except (ValueError, TypeError, IndexError, AttributeError):
        known = {}
    by_key = {s.key: s for s in sessions}
    current = {
        k: (one_line(by_key[k].title), fmt_dt(by_key[k].start, trip.venue_tz, lang))
        for k in notes
        if k in by_key
    }
    stored = store.get_schedule(trip.id)
    if stored is not None and stored.changes is not None:
        from tripkit.core.reimport import ChangeReport
        from tripkit.core.zoned import parse_zoned

        for c in ChangeReport.from_json(stored.changes).changes:
            if c.kind == "removed" and c.key in notes and c.key not in known:
                try:
                    when = fmt_dt(parse_zoned(c.start), trip.venue_tz, lang)
                except ValueError:
                    when = ""
                known[c.key] = (one_line(c.title), when)
    merged = known | current
    if merged != known:
        store.set_setting(setting, json.dumps(merged, ensure_ascii=False, sort_keys=True))
    return merged


def travel_lessons(items: Sequence[ChecklistItem], lang: str) -> list[str]:
    """What the checklist says about the trip afterwards: what was skipped and why, and
    what was still open."""
    out = []
    for item in items:
        if item.status == "skipped":
            reason = one_line(item.state.reason)
            out.append(
                tr("Skipped: {title} ({reason})", lang, title=one_line(item.title), reason=reason)
                if reason
                else tr("Skipped: {title}", lang, title=one_line(item.title))
            )
        elif item.status == "overdue":
            out.append(tr("Left open: {title}", lang, title=one_line(item.title)))
    return out


def report_document(
    store: Store,
    trip: Trip,
    *,
    lang: str,
    now: datetime | None = None,
    fmt: Literal["markdown", "html"] = "markdown",
    attended: set[str] | None = None,
    travel: bool = True,
) -> str:
    """The trip report. `attended`: the sessions the user attended (None: the starred ones
    that have ended, until a "mark attended" record exists)."""
    from tripkit.exporters.report import build_report, render_html, render_markdown
    from tripkit.exporters.session_links import session_links

    now = now or now_utc()
    g = gather(store, trip, lang, now, checklist=travel)
    stored = store.get_schedule(trip.id)
    links = session_links(stored.raw) if stored is not None else {}
    removed = _noted_titles(store, trip, g.sessions, g.notes, lang)
    lessons, actions = report_text(store, trip)
    report = build_report(
        trip,
        g.sessions,
        g.notes,
        starred={k for k, p in store.picks(trip.id).items() if p.starred},
        attended=attended,
        links=links,
        removed=removed,
        lessons=lessons,
        actions=actions,
        travel=travel_lessons(g.items, lang) if travel else (),
        lang=lang,
        now=now,
    )
    return render_html(report) if fmt == "html" else render_markdown(report)


def _personal_items(store: Store, trip: Trip) -> list[Any]:
    """The traveller's own agenda items (tripkit agenda, the trip file's `agenda:`)."""
    from tripkit.services.agenda import items

    return items(store, trip)


def _pick_states(store: Store, trip: Trip, lang: str) -> dict[str, str]:
    """For each starred session of the main programme: "Interest: must · Reservation:
    waitlisted" (only what the user recorded), for the calendar entry's description."""
    out: dict[str, str] = {}
    for key, p in store.picks(trip.id).items():
        parts = []
        if p.interest:
            parts.append(tr("Interest: {level}", lang, level=tr(p.interest, lang)))
        if p.reservation:
            parts.append(tr("Reservation: {state}", lang, state=tr(p.reservation, lang)))
        if parts:
            out[key] = " · ".join(parts)
    return out
