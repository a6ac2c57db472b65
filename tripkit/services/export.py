"""Exports: gather the trip's data from the store and the other services, then call the pure
exporters in tripkit/exporters.

iCalendar versions. Each exported entry has a stable UID; SEQUENCE and DTSTAMP come from a
small record per trip in the store's settings table (`export.ics.<trip id>`: UID -> content
fingerprint, sequence, stamp). When an entry's fingerprint differs from the recorded one, its
sequence rises by one and its stamp becomes the time of that export; otherwise both stay as
recorded. So exporting unchanged data twice gives byte-identical files, and a calendar that
imports the new file replaces the changed events (same UID, higher SEQUENCE).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from tripkit.core.agenda import starred_sessions
from tripkit.core.models import ChecklistItem, Session, Trip
from tripkit.core.timefmt import fmt_date
from tripkit.core.zoned import now_utc
from tripkit.exporters.binder import BinderExtras, GuideNote, GuidePage, SourceView
from tripkit.exporters.checklist_html import Paper
from tripkit.exporters.ics import INCLUDES, CalEntry, Include, Version, calendar_entries, render_ics
from tripkit.exporters.text import clean, one_line, safe_url
from tripkit.i18n import tr
from tripkit.services.checklist import checklist_items
from tripkit.services.guide import guide_sections
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


def gather(store: Store, trip: Trip, lang: str, now: datetime, *, checklist: bool = True
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
        warnings.append(tr("{count} starred session(s) are no longer in the schedule and are "
                           "left out", lang, count=gone))
    return Gathered(items, sessions, starred, notes, warnings)


BINDER_TOPICS = ("safety", "transport", "emergency")


def guide_pages(trip: Trip, lang: str, now: datetime) -> list[GuidePage]:
    """The destination guide's safety, transport and emergency pages, as plain text."""
    by_topic = {s.topic: s for s in guide_sections(trip, lang, now)}
    pages = []
    for topic in BINDER_TOPICS:
        section = by_topic.get(topic)
        if section is None or not section.notes:
            continue
        notes = tuple(
            GuideNote(
                title=one_line(n.title),
                text=clean(n.text).strip(),
                details=tuple((one_line(k), one_line(v)) for k, v in n.details),
                sources=tuple(SourceView(one_line(s.title), safe_url(s.url), one_line(s.date))
                              for s in n.sources),
                reviewed=fmt_date(n.reviewed, lang) if n.reviewed else "",
                stale=n.stale,
            )
            for n in section.notes
        )
        pages.append(GuidePage(one_line(section.title), notes))
    return pages


# --- checklist and binder ------------------------------------------------------------------


def checklist_document(
    store: Store, trip: Trip, *, fmt: Format, lang: str, binder: bool = False,
    paper: Paper = "auto", now: datetime | None = None,
) -> tuple[str, list[str]]:
    """The printable checklist (or binder) in `fmt`, and notes for the user."""
    from tripkit.exporters.checklist_html import checklist_html
    from tripkit.exporters.checklist_text import checklist_markdown, checklist_text

    now = now or now_utc()
    g = gather(store, trip, lang, now)
    extras = None
    if binder:
        guide = guide_pages(trip, lang, now)
        extras = BinderExtras(sessions=g.starred, notes=g.notes, guide=guide)
    if fmt == "html":
        text = checklist_html(trip, g.items, lang=lang, now=now, extras=extras, paper=paper)
    elif fmt == "markdown":
        text = checklist_markdown(trip, g.items, lang=lang, now=now, extras=extras)
    else:
        text = checklist_text(trip, g.items, lang=lang, now=now, extras=extras)
    return text, g.warnings if binder else []


# --- calendar ------------------------------------------------------------------------------


def _versions_setting(trip_id: str) -> str:
    return f"export.ics.{trip_id}"


def track_versions(
    store: Store, trip_id: str, entries: Sequence[CalEntry], now: datetime
) -> dict[str, Version]:
    """SEQUENCE and DTSTAMP for each entry, recording new and changed ones (one transaction)."""
    stamp = now.astimezone(UTC).replace(microsecond=0)
    with store.transaction():
        known = _load_versions(store.get_setting(_versions_setting(trip_id)))
        changed = False
        out: dict[str, Version] = {}
        for e in entries:
            fp = e.fingerprint
            rec = known.get(e.uid)
            if rec is None or rec[0] != fp:
                seq = 0 if rec is None else rec[1] + 1
                rec = [fp, seq, stamp.isoformat()]
                known[e.uid] = rec
                changed = True
            out[e.uid] = Version(rec[1], datetime.fromisoformat(rec[2]))
        if changed:
            store.set_setting(_versions_setting(trip_id),
                              json.dumps(known, sort_keys=True, separators=(",", ":")))
    return out


def _load_versions(raw: str | None) -> dict[str, list[Any]]:
    """The recorded versions; a damaged record is treated as empty (sequences restart at 0)
    rather than failing the export."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
        return {
            str(uid): [str(r[0]), int(r[1]), _utc(r[2]).isoformat()] for uid, r in data.items()
        }
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def _utc(text: str) -> datetime:
    stamp = datetime.fromisoformat(text)
    if stamp.tzinfo is None:
        raise ValueError("a recorded stamp has no offset")
    return stamp.astimezone(UTC)


def ics_document(
    store: Store, trip: Trip, *, include: Iterable[Include] = INCLUDES,
    alarm_minutes: int | None = 15, lang: str = "en", now: datetime | None = None,
) -> tuple[bytes, list[str]]:
    """The calendar file for the trip, and notes for the user."""
    now = now or now_utc()
    want = list(dict.fromkeys(include))
    g = gather(store, trip, lang, now, checklist="checklist" in want)
    entries = calendar_entries(trip, sessions=g.starred, items=g.items, include=want,
                               alarm_minutes=alarm_minutes, lang=lang)
    versions = track_versions(store, trip.id, entries, now)
    data = render_ics(entries, stamp=now, versions=versions, name=trip.name)
    return data, g.warnings if "agenda" in want else []


# --- trip report ---------------------------------------------------------------------------


def report_document(store: Store, trip: Trip, *, lang: str, now: datetime | None = None) -> str:
    from tripkit.exporters.report import trip_report

    now = now or now_utc()
    g = gather(store, trip, lang, now, checklist=False)
    return trip_report(trip, g.sessions, g.notes, starred={s.key for s in g.starred},
                       lang=lang, now=now)
