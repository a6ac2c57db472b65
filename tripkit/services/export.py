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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from tripkit.core.models import ChecklistItem, Session, Trip
from tripkit.core.schedule_fit import schedule_fit
from tripkit.core.timefmt import fmt_date, fmt_dt
from tripkit.core.wording import reservation_word
from tripkit.core.zoned import at_midnight, now_utc
from tripkit.errors import NotFoundError
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
from tripkit.services.tripinfo import as_read
from tripkit.store import MAIN, Pick, SessionRow, Store

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")


def export_key(programme: str, key: str) -> str:
    """The one key an export uses for a session of any programme: the main programme's own
    key (so calendars keep the UIDs of exports made before several programmes existed),
    "<programme>/<key>" for the others (a key may repeat across programmes: FOSDEM's "1234"
    and a fringe event's "1234" are two sessions, each with its own star and note)."""
    return key if programme == MAIN else f"{programme}/{key}"


@dataclass(frozen=True)
class PlanB:
    """The plan B verdict of a pick that clashes with another: "live" (attend in person:
    it will not be recorded) or "later" (watch the recording), with the recording's link."""

    verdict: Literal["live", "later"]
    link: str = ""


@dataclass(frozen=True)
class Gathered:
    """What the exports need from the store, read once, for every programme of the trip.
    Sessions carry their export key (`export_key`) as `key`."""

    items: list[ChecklistItem]
    sessions: list[Session]  # all sessions of every programme (empty without one)
    starred: list[Session]  # starred ones, in time order
    notes: dict[str, str]  # session key -> note
    warnings: list[str]  # for the user: what the export leaves out and why
    picks: dict[str, Pick] = field(default_factory=dict)  # session key -> its pick
    programme: dict[str, str] = field(default_factory=dict)  # session key -> programme name
    programmes: list[str] = field(default_factory=list)  # names, main first
    personal: list[Any] = field(default_factory=list)  # tripkit.core.personal.PersonalItem
    clashes: list[tuple[str, str]] = field(default_factory=list)  # conflicting pairs of keys
    plan_b: dict[str, PlanB] = field(default_factory=dict)  # session key -> verdict
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> links


def _rekey(row: SessionRow) -> Session:
    session = row.to_session()
    key = export_key(row.programme, row.key)
    return session if key == row.key else session.model_copy(update={"key": key})


def gather(
    store: Store,
    trip: Trip,
    lang: str,
    now: datetime,
    *,
    checklist: bool = True,
    everything: bool = True,
    links: bool = False,
) -> Gathered:
    """Read the trip's picks of every programme, its personal items, their conflicts (with
    the venue's walking data, as the agenda has them) and the plan B verdicts. `everything`:
    also every session (not only the starred ones); `links`: the slides and recording links
    each programme's file carries."""
    from tripkit.exporters.session_links import session_links
    from tripkit.services.schedule import agenda

    items = checklist_items(store, trip, lang, now=now) if checklist else []
    names = sorted(store.programmes.names(trip.id), key=lambda n: (n != MAIN, n))
    try:
        ag = agenda(store, trip)
    except NotFoundError:  # no programme and no personal item: an agenda with nothing
        return Gathered(items, [], [], {}, [], programmes=names)
    starred = [_rekey(r) for r in ag.sessions]
    starred.sort(key=lambda s: (s.start.astimezone(UTC), s.end.astimezone(UTC), s.key))
    picks = {export_key(n, k): p for (n, k), p in ag.picks.items()}
    notes = {k: p.note for k, p in picks.items() if p.note.strip()}
    programme = {export_key(r.programme, r.key): r.programme for r in ag.sessions}
    sessions: list[Session] = []
    if everything:
        for name in names:
            rows = store.programmes.sessions(trip.id, name)
            sessions += [_rekey(r) for r in rows]
            programme.update((export_key(name, r.key), name) for r in rows)

    def ref(item: Any) -> str:
        return export_key(item.programme, item.key) if item.programme else item.key

    clashes = [(ref(c.first), ref(c.second)) for c in ag.conflicts]
    plan_b = _plan_b(ag.conflicts, ref)
    # The links of a programme's file (slides, recordings) are read from its stored copy:
    # for the report, or for the sessions to watch later (their recording's link).
    later = {programme.get(k, MAIN) for k, v in plan_b.items() if v.verdict == "later"}
    found: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        if not links and name not in later:
            continue
        row = store.programmes.get(trip.id, name)
        raw = store.programmes.raw(row.id) if row is not None else None
        for k, got in session_links(raw).items():
            found[export_key(name, k)] = got
    by_key = {s.key: s for s in starred}
    for k, v in plan_b.items():
        if v.verdict == "later":
            plan_b[k] = PlanB("later", recording_link(by_key[k].url, found.get(k, [])))
    warnings = []
    if ag.missing:
        warnings.append(
            trn(
                "{n} starred session is no longer in the schedule and is left out",
                "{n} starred sessions are no longer in the schedule and are left out",
                len(ag.missing),
                lang,
            )
        )
    return Gathered(
        items,
        sessions,
        starred,
        notes,
        warnings,
        picks=picks,
        programme=programme,
        programmes=names,
        personal=list(ag.personal),
        clashes=clashes,
        plan_b=plan_b,
        links=found,
    )


# Words in a link's title or address that say it is the talk's recording.
_RECORDING_HINTS = ("video", "recording", "youtube", "youtu.be", "vimeo", ".mp4", ".webm")


def recording_link(url: str, links: Sequence[tuple[str, str]]) -> str:
    """The link to watch a session later: a link of the schedule that says it is a
    recording, else the session's own page (where conferences publish the video)."""
    for title, link in links:
        text = f"{title} {link}".casefold()
        if any(h in text for h in _RECORDING_HINTS):
            return link
    return safe_url(url)


def _plan_b(found: Sequence[Any], ref: Callable[[Any], str]) -> dict[str, PlanB]:
    """For each pick in an overlap with a plan B (tripkit.core.planb): "live", or "later"
    when the schedule says it is recorded (its link is filled in by the caller). Live wins:
    a pick to attend live in one pair is not "watch later" in another (the CLI's agenda
    uses the same rule)."""
    from tripkit.core.planb import suggest

    out: dict[str, PlanB] = {}
    for c in found:
        plan = suggest(c.first, c.second) if c.kind == "overlap" else None
        if plan is None:
            continue
        out[ref(plan.live)] = PlanB("live")
        later = ref(plan.later)
        if plan.watch_later and later not in out:
            out[later] = PlanB("later")
    return out


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
    g = gather(store, trip, lang, now, everything=False)
    extras = None
    if binder:
        from tripkit.services import config

        guide = guide_pages(trip, lang, now, max_age_months=config.load(store).guide_max_age_months)
        changes, removed = _last_changes(store, trip, lang)
        several = len(g.programmes) > 1
        extras = BinderExtras(
            sessions=g.starred,
            notes=g.notes,
            guide=guide,
            airports=_airport_names(trip),
            changes=changes,
            removed=removed,
            personal=g.personal,
            # Labelled with its programme only when there is more than one to tell apart.
            programmes={
                k: g.programme.get(k, "") for k in g.notes.keys() | {s.key for s in g.starred}
            }
            if several
            else {},
            interest={k: p.level for k, p in g.picks.items() if p.level},
            reservation={k: p.reservation for k, p in g.picks.items() if p.reservation},
            clashes=g.clashes,
            plan_b={k: (v.verdict, v.link) for k, v in g.plan_b.items()},
            border_free=_border_free(trip, lang),
        )
    shown = as_read(trip, lang)
    if fmt == "html":
        text = checklist_html(shown, g.items, lang=lang, now=now, extras=extras, paper=paper)
    elif fmt == "markdown":
        text = checklist_markdown(shown, g.items, lang=lang, now=now, extras=extras)
    else:
        text = checklist_text(shown, g.items, lang=lang, now=now, extras=extras, width=width)
    return text, g.warnings if binder else []


def _border_free(trip: Trip, lang: str) -> tuple[str, str] | None:
    """(the destination's name, its border area's name or "") when the route crosses no
    border into the destination: it stays inside one country, or inside a border area the
    traveller lives in (a German on the train to Brussels). None: a border is crossed, or
    tripkit cannot tell (an airport it cannot place): the port-of-entry card is printed."""
    from tripkit.core.route import borders as route_borders
    from tripkit.services.entry import country_name, trip_facts, unplaced_airports

    facts = trip_facts(trip)
    if unplaced_airports(trip) or any(b.destination for b in route_borders(trip, facts.route)):
        return None
    dest = trip.destination_country
    dest_jur = facts.route.jurisdiction(dest)
    if dest_jur != facts.route.jurisdiction(trip.traveller.home_country):
        return None  # the route does not say how the destination is reached: not "no border"
    area = facts.areas.get(dest_jur) if dest_jur else None
    return country_name(dest, facts, lang), area.name.get(lang) if area is not None else ""


def _airport_names(trip: Trip) -> dict[str, str]:
    from tripkit.catalog.airports import airport

    codes = {f.origin for f in trip.flights} | {f.destination for f in trip.flights}
    known = {c: airport(c) for c in sorted(codes)}
    return {c: a.name for c, a in known.items() if a is not None}


def _last_changes(store: Store, trip: Trip, lang: str) -> tuple[dict[str, str], list[str]]:
    """What the last refresh of each programme changed about starred sessions: a sentence
    per session (export key), and the starred sessions it removed (as "title, start")."""
    from tripkit.core.reimport import ChangeReport
    from tripkit.core.zoned import parse_zoned

    changes: dict[str, str] = {}
    removed: list[str] = []
    for name in sorted(store.programmes.names(trip.id), key=lambda n: (n != MAIN, n)):
        stored = store.programmes.get(trip.id, name)
        if stored is None or stored.changes is None:
            continue
        report = ChangeReport.from_json(stored.changes)
        for c in report.starred_changes():
            key = export_key(name, c.key)
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
                changes[key] = (
                    tr("Moved (was {when})", lang, when=was) if was else tr("Moved", lang)
                )
            elif c.kind == "room":
                changes[key] = tr("Room changed (was {room})", lang, room=one_line(c.before))
            elif c.kind == "title":
                changes[key] = tr("Title changed (was {title})", lang, title=one_line(c.before))
            elif c.kind == "cancelled":
                changes[key] = tr("Cancelled by the organisers", lang)
            elif c.kind == "new":
                changes[key] = tr("New in the last refresh", lang)
    return changes, removed


# --- calendar ------------------------------------------------------------------------------


def _versions_setting(trip_id: str, profile: Profile) -> str:
    digest = hashlib.sha256(profile.key.encode()).hexdigest()[:16]
    return f"export.ics.{trip_id}.{digest}"


def trip_end(trip: Trip) -> datetime:
    """The last moment of the trip (UTC): the last landing, arrival on the ground (the train
    home), check-out or conference day."""
    last_day = trip.conference.last_day + timedelta(days=1)
    ends = [at_midnight(last_day, trip.venue_tz).astimezone(UTC)]
    ends += [f.arrives.astimezone(UTC) for f in trip.flights]
    ends += [g.end.astimezone(UTC) for g in trip.ground if g.end is not None]
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
    main = [s for s in g.sessions if g.programme.get(s.key) == MAIN]
    # The venue goes into LOCATION when the main programme is this trip's conference.
    fit = schedule_fit(trip, main or g.sessions) if g.sessions else None
    entries = calendar_entries(
        trip,
        sessions=g.starred,
        items=g.items,
        include=want,
        alarm_minutes=alarm_minutes,
        lang=lang,
        todos=todos,
        venue=fit is None or fit.same_conference,
        personal=g.personal,
        states=_pick_states(g, lang),
    )

    def legacy_stubs() -> dict[str, list[str]]:
        # Every entry the exporter before profiles could have written for this trip: all
        # sessions (starred or not), every dated item as a VTODO and as an all-day event.
        items = [i.model_copy(update={"status": "todo"}) for i in g.items]
        out = {
            e.uid: stub(e) for e in calendar_entries(trip, sessions=main, items=items, lang=lang)
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
    from tripkit.core.reimport import ChangeReport
    from tripkit.core.zoned import parse_zoned

    for name in store.programmes.names(trip.id):
        # The change report alone (not the whole programme built as models).
        stored = store.programmes.get(trip.id, name)
        if stored is None or stored.changes is None:
            continue
        for c in ChangeReport.from_json(stored.changes).changes:
            key = export_key(name, c.key)
            if c.kind == "removed" and key in notes and key not in known:
                try:
                    when = fmt_dt(parse_zoned(c.start), trip.venue_tz, lang)
                except ValueError:
                    when = ""
                known[key] = (one_line(c.title), when)
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
    """The trip report, over every programme. `attended`: the export keys of the sessions
    attended (None: those marked with `schedule attend`, and the starred ones that have
    ended unless marked not attended or kept to watch later)."""
    from tripkit.exporters.report import build_report, render_html, render_markdown

    now = now or now_utc()
    g = gather(store, trip, lang, now, checklist=travel, links=True)
    removed = _noted_titles(store, trip, g.sessions, g.notes, lang)
    lessons, actions = report_text(store, trip)
    later = {k: v.link for k, v in g.plan_b.items() if v.verdict == "later"}
    if attended is None:
        ended = now.astimezone(UTC)
        attended = {
            s.key
            for s in g.sessions
            if (p := g.picks.get(s.key)) is not None
            and not s.cancelled
            and (
                p.attended is True
                # A star that has ended counts, but not one kept to watch later: its
                # recording was the plan, not the room.
                or (p.attended is None and p.starred and s.key not in later and s.end <= ended)
            )
        }
    report = build_report(
        as_read(trip, lang),
        g.sessions,
        g.notes,
        starred={k for k, p in g.picks.items() if p.starred},
        attended=attended,
        links=g.links,
        removed=removed,
        lessons=lessons,
        actions=actions,
        travel=travel_lessons(g.items, lang) if travel else (),
        lang=lang,
        now=now,
        programmes=g.programme if len(g.programmes) > 1 else {},
        programme_order=g.programmes,
        later=later,
    )
    return render_html(report) if fmt == "html" else render_markdown(report)


def _pick_states(g: Gathered, lang: str) -> dict[str, str]:
    """For each starred session of every programme (by export key): "Programme: fringe ·
    Interest: must · Reservation: waitlisted · Plan B: watch later" (only what applies), for
    the calendar entry's description."""
    out: dict[str, str] = {}
    several = len(g.programmes) > 1
    for s in g.starred:
        p = g.picks.get(s.key)
        parts = []
        if several:
            parts.append(tr("Programme: {name}", lang, name=g.programme.get(s.key, "")))
        if p is not None and p.interest:
            parts.append(tr("Interest: {level}", lang, level=tr(p.interest, lang)))
        if p is not None and p.reservation:
            state = reservation_word(p.reservation, lang)
            parts.append(tr("Reservation: {state}", lang, state=state))
        plan = g.plan_b.get(s.key)
        if plan is not None:
            parts.append(
                tr("Plan B: attend live (not recorded)", lang)
                if plan.verdict == "live"
                else tr("Plan B: watch later", lang)
            )
        if parts:
            out[s.key] = " · ".join(parts)
    return out
