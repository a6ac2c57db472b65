"""What the printable checklist and trip binder say, before any format is chosen.

`build_binder` turns the trip, its evaluated checklist and (for the binder) the starred sessions
and guide pages into plain strings in one language; the text, Markdown and HTML renderers
only lay them out and escape them. All text from data is passed through `one_line`/`clean`
here; escaping for a format is the renderer's job.

The binder reads like an itinerary: first a day-by-day timeline of the whole trip (flights
with airport names, both zones and the home time; the stay with its address; badge pickup;
starred sessions; free time), then the agenda by day (conflicts, changes of the last refresh,
track, room, speakers, notes), the checklist (a done item is one line), every guide topic,
the port-of-entry card with the whole way home, and one appendix of sources: every source is
printed once there and items refer to it by number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tripkit.core import documents as docs
from tripkit.core.agenda import by_day, conflicts
from tripkit.core.anchors import compute_anchors
from tripkit.core.dueday import date_only_due, due_day_text
from tripkit.core.journey import leg_title
from tripkit.core.models import PHASES, ChecklistItem, FlightSegment, GroundLeg, Session, Trip
from tripkit.core.scheme_names import held_name
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_dual, fmt_span, fmt_time
from tripkit.core.wording import (
    RESERVATIONS,
    country_names,
    country_names_in_text,
    phase_word,
    reservation_word,
    source_date,
)
from tripkit.core.zoned import at_midnight, get_zone, zone_of
from tripkit.exporters.text import clean, one_line, safe_url
from tripkit.i18n import tr, trn
from tripkit.zonenames import zone_title

MARKS = {"done": "x", "skipped": "-", "todo": " ", "snoozed": " ", "overdue": " "}


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str  # "" when not a plain http(s) address
    date: str


@dataclass(frozen=True)
class ItemView:
    id: str
    status: str  # todo, done, skipped, snoozed, overdue, not_applicable
    status_label: str  # "" for plain todo
    title: str
    details: str  # may hold line breaks
    due: str  # "" when no due date; else local time (home time)
    reason: str
    problem: str
    sources: tuple[SourceView, ...] = ()
    refs: tuple[int, ...] = ()  # numbers of its sources in the binder's appendix

    @property
    def checked(self) -> bool:
        return self.status == "done"

    @property
    def compact(self) -> bool:
        """Done or skipped: one line is enough on paper."""
        return self.status in ("done", "skipped")

    @property
    def mark(self) -> str:
        return MARKS.get(self.status, " ")


@dataclass(frozen=True)
class PhaseView:
    key: str
    title: str
    items: tuple[ItemView, ...]
    done: int
    total: int


@dataclass(frozen=True)
class SessionView:
    time: str  # "10:00–10:45 PST"
    title: str
    where: str
    speakers: str
    note: str
    url: str
    cancelled: bool
    track: str = ""
    conflict: str = ""  # "Overlaps: <title>; <title>" when it clashes with another star
    change: str = ""  # what the last refresh changed about it
    kind: str = "session"  # or "personal": the traveller's own item (meeting, booth, meal...)
    programme: str = ""  # its programme, when the trip has several ("" otherwise)
    interest: str = ""  # "must", "want", "maybe" in the binder's language
    interest_key: str = ""  # must, want, maybe (for the page's style: words carry the meaning)
    reservation: str = ""  # "Reservation: waitlisted" in the binder's language
    plan: str = ""  # plan B: "attend live (not recorded)" / "watch later"
    recording: str = ""  # watch later: the recording's link
    given: str = ""  # a personal item given in another zone: its times there ("" if alike)


@dataclass(frozen=True)
class DayView:
    title: str
    sessions: tuple[SessionView, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the itinerary: a time (with its zone), what happens, and details."""

    time: str
    kind: str  # flight, arrival, stay, badge, session, personal, free
    title: str
    lines: tuple[str, ...] = ()
    # A starred session: the agenda's own view of it, so that its programme, interest,
    # reservation and plan B read in the same words and tags as in the agenda section.
    session: SessionView | None = None


@dataclass(frozen=True)
class TimelineDay:
    title: str
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class GuideNote:
    """One note of the destination guide, as plain text in one language."""

    title: str
    text: str
    details: tuple[tuple[str, str], ...] = ()  # (label, value): time, cost, where to board...
    sources: tuple[SourceView, ...] = ()
    reviewed: str = ""  # the date the note was last checked, as text
    stale: bool = False  # checked too long ago: the reader should verify it
    refs: tuple[int, ...] = ()  # numbers of its sources in the binder's appendix


@dataclass(frozen=True)
class GuidePage:
    """One topic of the destination guide (safety, transport, emergency)."""

    title: str
    notes: tuple[GuideNote, ...]


@dataclass(frozen=True)
class CardLine:
    """One line of the port-of-entry card: English, with a gloss in the traveller's language."""

    label: str
    label_gloss: str
    value: str
    value_gloss: str


@dataclass(frozen=True)
class BinderExtras:
    """What `--binder` adds; gathered by services/export.py from the store and the guide."""

    sessions: Sequence[Session] = ()  # starred
    notes: dict[str, str] = field(default_factory=dict)  # session key -> the user's note
    guide: Sequence[GuidePage] | None = None  # None: the guide is not available
    airports: Mapping[str, str] = field(default_factory=dict)  # IATA code -> airport name
    # session key -> what the last refresh changed about it (in the binder's language)
    changes: Mapping[str, str] = field(default_factory=dict)
    removed: Sequence[str] = ()  # starred sessions the last refresh removed, as one line each
    # The traveller's own items (tripkit.core.personal.PersonalItem: title, start, end,
    # place, note, key "me:<id>"), merged with the sessions in time order.
    personal: Sequence[Any] = ()
    programmes: Mapping[str, str] = field(default_factory=dict)  # key -> programme (if several)
    interest: Mapping[str, str] = field(default_factory=dict)  # key -> must, want, maybe
    reservation: Mapping[str, str] = field(default_factory=dict)  # key -> reserved, ...
    # Conflicting pairs of keys (sessions and personal items), as the agenda found them with
    # the venue's walking data; None: computed here with the fixed gap.
    clashes: Sequence[tuple[str, str]] | None = None
    plan_b: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # key -> (verdict, link)
    # The route crosses no border into the destination (tripkit.core.route: a German on the
    # train to Brussels stays inside the Schengen area): (the destination's name, the border
    # area's name or "" for one country), in the binder's language. None: a border is
    # crossed, or tripkit cannot tell, and the port-of-entry card is printed.
    border_free: tuple[str, str] | None = None


@dataclass(frozen=True)
class Binder:
    lang: str
    title: str
    subtitle: str
    generated: str
    example: bool
    facts: tuple[Fact, ...]
    flights: tuple[Fact, ...]
    stays: tuple[Fact, ...]
    phases: tuple[PhaseView, ...]
    not_applicable: tuple[ItemView, ...]
    done: int
    total: int
    skipped: int
    binder: bool = False
    agenda: tuple[DayView, ...] = ()
    guide: tuple[GuidePage, ...] | None = None
    card: tuple[CardLine, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    timeline: tuple[TimelineDay, ...] = ()
    removed: tuple[str, ...] = ()
    sources: tuple[SourceView, ...] = ()  # the appendix (binder only), numbered from 1
    header: str = ""  # the running header of printed pages
    ground: tuple[Fact, ...] = ()  # legs by train, coach, car or ferry
    # In place of the port-of-entry card when the route crosses no border into the
    # destination: why there is no card, and what to carry all the same.
    card_note: str = ""

    @property
    def progress(self) -> str:
        return self.labels["progress"]


def build_binder(
    trip: Trip,
    items: Sequence[ChecklistItem],
    *,
    lang: str,
    now: datetime,
    extras: BinderExtras | None = None,
) -> Binder:
    """Everything a checklist (or, with `extras`, a binder) export shows, as text in `lang`."""
    views = [_item(trip, it, lang) for it in items]
    guide = tuple(extras.guide) if extras and extras.guide is not None else None
    appendix: tuple[SourceView, ...] = ()
    if extras is not None:
        views, guide, appendix = _number_sources(views, guide)
    applicable = [v for v in views if v.status != "not_applicable"]
    phases = []
    for key in PHASES:
        in_phase = tuple(
            v
            for v, it in zip(views, items, strict=True)
            if it.phase == key and v.status != "not_applicable"
        )
        if in_phase:
            done = sum(v.status == "done" for v in in_phase)
            title = phase_word(key, lang)
            phases.append(PhaseView(key, title, in_phase, done, len(in_phase)))
    done = sum(v.status == "done" for v in applicable)
    skipped = sum(v.status == "skipped" for v in applicable)
    labels = _labels(lang)
    labels["progress"] = tr("{done} of {total} done", lang, done=done, total=len(applicable))
    if skipped:
        labels["progress"] += tr(", {skipped} skipped", lang, skipped=skipped)
    subtitle = tr("Trip binder", lang) if extras else tr("Trip checklist", lang)
    return Binder(
        lang=lang,
        title=one_line(trip.name),
        subtitle=subtitle,
        generated=tr("Made {when}", lang, when=fmt_dt(now, trip.home_tz, lang)),
        example=trip.example,
        facts=tuple(_facts(trip, lang)),
        flights=tuple(_flights(trip, lang)),
        stays=tuple(_stays(trip, lang)),
        phases=tuple(phases),
        not_applicable=tuple(v for v in views if v.status == "not_applicable"),
        done=done,
        total=len(applicable),
        skipped=skipped,
        binder=extras is not None,
        agenda=tuple(_agenda(trip, extras, lang)) if extras else (),
        guide=guide,
        card=tuple(_card(trip, lang)) if extras and extras.border_free is None else (),
        card_note=_card_note(extras.border_free, lang) if extras and extras.border_free else "",
        labels=labels,
        timeline=tuple(_timeline(trip, extras, lang)) if extras else (),
        removed=tuple(one_line(r) for r in extras.removed) if extras else (),
        sources=appendix,
        header=f"{one_line(trip.name)} — {subtitle}",
        ground=tuple(_ground(trip, lang)),
    )


def _number_sources(
    views: list[ItemView], guide: tuple[GuidePage, ...] | None
) -> tuple[list[ItemView], tuple[GuidePage, ...] | None, tuple[SourceView, ...]]:
    """Give every distinct source one number (first use first) and make items and guide
    notes refer to it, so that the binder prints each source once, in its appendix."""
    numbers: dict[tuple[str, str], int] = {}
    appendix: list[SourceView] = []

    def refs(sources: Sequence[SourceView]) -> tuple[int, ...]:
        out = []
        for src in sources:
            key = (src.title, src.url)
            if key not in numbers:
                appendix.append(src)
                numbers[key] = len(appendix)
            if numbers[key] not in out:
                out.append(numbers[key])
        return tuple(out)

    new_views = [replace(v, refs=refs(v.sources)) for v in views]
    new_guide = None
    if guide is not None:
        new_guide = tuple(
            GuidePage(page.title, tuple(replace(n, refs=refs(n.sources)) for n in page.notes))
            for page in guide
        )
    return new_views, new_guide, tuple(appendix)


def _labels(lang: str) -> dict[str, str]:
    words = [
        "Key facts",
        "Flights",
        "Ground travel",
        "Stays",
        "Checklist",
        "Progress",
        "Due",
        "Why",
        "Problem",
        "Sources",
        "Not needed for this trip",
        "Personal agenda",
        "Destination guide",
        "Port-of-entry card",
        "No starred sessions.",
        "The destination guide is not available in this version of tripkit; "
        "this section is left out.",
        "Show this card to the immigration officer if asked.",
        "reviewed",
        "Note",
        "check again: reviewed long ago",
        "cancelled",
        "This is the bundled example trip; its dates are made up.",
        "Itinerary",
        "Track",
        "Speakers",
        "Room",
        "Conflict",
        "Changed",
        "Removed by the last refresh",
        "Sources cited",
        "Page",
        "done",
        "skipped",
        "Agenda by day",
        "Personal",
        "Programme",
        "Interest",
        "Recording",
        "recording link not known: look on the session's page",
    ]
    return {w: tr(w, lang) for w in words}


def _item(trip: Trip, it: ChecklistItem, lang: str) -> ItemView:
    due = ""
    day = date_only_due(it)
    if day is not None:  # due on a day (a badge pickup without a time): never "00:00"
        due = due_day_text(day, lang)
    elif it.due is not None:
        due = fmt_dual(it.due, zone_of(it.due).key, trip.home_tz, lang)
    status_label = {
        "done": tr("done", lang),
        "skipped": tr("skipped", lang),
        "snoozed": tr("snoozed", lang),
        "overdue": tr("overdue", lang),
        "not_applicable": tr("not needed", lang),
    }.get(it.status, "")
    if it.status == "skipped" and it.state.reason.strip():
        status_label = tr("skipped: {reason}", lang, reason=one_line(it.state.reason))
    return ItemView(
        id=it.id,
        status=it.status,
        status_label=status_label,
        title=one_line(it.title),
        details=clean(it.details).strip(),
        due=due,
        reason=one_line(it.reason),
        problem=one_line(it.problem),
        sources=tuple(
            SourceView(one_line(s.title), safe_url(s.url), one_line(source_date(s.date, lang)))
            for s in it.sources
        ),
    )


def _day_range(first: date, last: date, lang: str) -> str:
    if first == last:
        return fmt_date(first, lang)
    return f"{fmt_date(first, lang)} – {fmt_date(last, lang)}"


def _facts(trip: Trip, lang: str) -> list[Fact]:
    t, c, v = trip.traveller, trip.conference, trip.conference.venue
    out = []
    if t.name.strip():
        out.append(Fact(tr("Traveller", lang), one_line(t.name)))
    out.append(Fact(tr("Citizenship", lang), country_names(t.citizenships, lang)))
    out.append(Fact(tr("Passport expires", lang), fmt_date(t.passport.expires, lang)))
    for a in t.authorisations:
        out.append(
            Fact(
                tr("Authorisation", lang),
                tr(
                    "{kind} for {country}, valid until {date}",
                    lang,
                    kind=one_line(held_name(a.kind, a.country, lang)),  # the scheme's name
                    country=country_names_in_text([a.country], lang),
                    date=fmt_date(a.expires, lang),
                ),
            )
        )
    out.append(Fact(tr("Conference", lang), one_line(c.name)))
    out.append(Fact(tr("Dates", lang), _day_range(c.first_day, c.last_day, lang)))
    parts = [v.name, v.address] + ([] if v.city in v.address else [v.city])
    venue = ", ".join(one_line(p) for p in parts if p.strip())
    out.append(Fact(tr("Venue", lang), venue))
    out.append(
        Fact(
            tr("Time zones", lang),
            # In words with the conference's first day's clock, not IANA keys.
            tr(
                "venue {venue}, home {home}",
                lang,
                venue=zone_title(v.tz, c.first_day, lang),
                home=zone_title(t.home_tz, c.first_day, lang),
            ),
        )
    )
    for w in c.badge_pickup:
        label = one_line(w.label) or tr("Badge pickup", lang)
        if w.end.date() == w.start.date():
            when = f"{fmt_date(w.start.date(), lang)} {fmt_span(w.start, w.end)}"
        else:
            when = f"{fmt_dt(w.start, lang=lang)} – {fmt_dt(w.end, lang=lang)}"
        out.append(Fact(label, when))
    return out


def _flights(trip: Trip, lang: str) -> list[Fact]:
    out = []
    for f in trip.flights:
        hours, minutes = divmod(int(f.duration.total_seconds()) // 60, 60)
        value = tr(
            "departs {origin} {dep}, arrives {destination} {arr} ({hours} h {minutes} min)",
            lang,
            origin=f.origin,
            dep=fmt_dt(f.departs, lang=lang),
            destination=f.destination,
            arr=fmt_dt(f.arrives, lang=lang),
            hours=hours,
            minutes=minutes,
        )
        value = _keep_duration_together(value)
        if f.booking_ref:
            value += tr("; booking {ref}", lang, ref=one_line(f.booking_ref))
        out.append(Fact(one_line(f.flight), value))
    return out


def _leg_ends(leg: GroundLeg, lang: str) -> str:
    """ "Frankfurt (Main) Hbf (Germany) → Bruxelles-Midi (Belgium)": the countries say
    which border the leg crosses."""
    return tr(
        "{origin} ({origin_country}) → {destination} ({destination_country})",
        lang,
        origin=one_line(leg.origin),
        origin_country=country_names([leg.origin_country], lang),
        destination=one_line(leg.destination),
        destination_country=country_names([leg.destination_country], lang),
    )


def _ground(trip: Trip, lang: str) -> list[Fact]:
    out = []
    for leg in trip.ground:
        parts = [_leg_ends(leg, lang)]
        if leg.departs is not None:
            parts.append(tr("departs {when}", lang, when=fmt_dt(leg.departs, lang=lang)))
        if leg.arrives is not None:
            parts.append(tr("arrives {when}", lang, when=fmt_dt(leg.arrives, lang=lang)))
        if leg.departs is None and leg.arrives is None:
            parts.append(tr("no times given", lang))
        if leg.booking_ref:
            parts.append(tr("booking {ref}", lang, ref=one_line(leg.booking_ref)))
        out.append(
            Fact(one_line(leg_title(leg, lang)), ("、" if lang == "ja" else "; ").join(parts))
        )
    return out


def _stays(trip: Trip, lang: str) -> list[Fact]:
    out = []
    for s in trip.stays:
        value = tr(
            "check-in {check_in}, check-out {check_out}",
            lang,
            check_in=fmt_dt(s.check_in, lang=lang),
            check_out=fmt_dt(s.check_out, lang=lang),
        )
        if s.address.strip():
            value = f"{one_line(s.address)}; {value}"
        out.append(Fact(one_line(s.name), value))
    return out


PLAN_WORDS = {"live": "Plan B: attend live (not recorded)", "later": "Plan B: watch later"}


def _clashes(extras: BinderExtras) -> dict[str, list[str]]:
    """Key -> the titles of what it clashes with (sessions and personal items)."""
    both: list[Any] = [*extras.sessions, *extras.personal]
    titles = {x.key: one_line(x.title) for x in both}
    pairs = extras.clashes
    if pairs is None:
        pairs = [(c.first.key, c.second.key) for c in conflicts(both)]
    out: dict[str, list[str]] = {}
    for a, b in pairs:
        if a in titles and b in titles:
            out.setdefault(a, []).append(titles[b])
            out.setdefault(b, []).append(titles[a])
    return out


def _agenda(trip: Trip, extras: BinderExtras, lang: str) -> list[DayView]:
    """Each day's starred sessions and personal items, merged in time order (venue zone)."""
    tz = trip.venue_tz
    clashes = _clashes(extras)
    both: list[Any] = [*extras.sessions, *extras.personal]
    mine = {id(p) for p in extras.personal}
    out = []
    for day, items in by_day(both, tz).items():
        views = []
        s: Any  # a Session or a PersonalItem
        for s in items:
            clash = "; ".join(clashes.get(s.key, []))
            if id(s) in mine:
                # A call with the office at home was typed in the office's zone: that
                # clock is shown too, so the traveller can check it against the invite.
                given = fmt_span(s.start, s.end)
                if s.start.date() != s.start.astimezone(get_zone(tz)).date():
                    given = (
                        f"{fmt_date(s.start.date(), lang, year=False)} {given}"  # Tokyo's tomorrow
                    )
                views.append(
                    SessionView(
                        given="" if given == fmt_span(s.start, s.end, tz) else given,
                        time=fmt_span(s.start, s.end, tz),
                        title=one_line(s.title),
                        where=one_line(s.place),
                        speakers="",
                        note=clean(s.note).strip(),
                        url="",
                        cancelled=False,
                        conflict=clash,
                        kind="personal",
                    )
                )
                continue
            views.append(_session_view(s, extras, tz, clash, lang))
        out.append(DayView(fmt_date(day, lang), tuple(views)))
    return out


def _session_view(s: Session, extras: BinderExtras, tz: str, clash: str, lang: str) -> SessionView:
    """A starred session as the agenda and the itinerary show it, its times in `tz` (the
    venue's); `clash`: the titles of what it overlaps ("" when none or not shown)."""
    level = extras.interest.get(s.key, "")
    verdict, link = extras.plan_b.get(s.key, ("", ""))
    state = extras.reservation.get(s.key, "")
    return SessionView(
        time=fmt_span(s.start, s.end, tz),
        title=one_line(s.title) or tr("(untitled session)", lang),
        where=one_line(s.room),
        speakers=", ".join(one_line(sp.name) for sp in s.speakers),
        note=clean(extras.notes.get(s.key, "")).strip(),
        url=safe_url(s.url),
        cancelled=s.cancelled,
        track=one_line(s.track),
        conflict=clash,
        change=one_line(extras.changes.get(s.key, "")),
        programme=one_line(extras.programmes.get(s.key, "")),
        interest=tr(level, lang) if level else "",
        interest_key=level,
        reservation=(
            tr("Reservation: {state}", lang, state=reservation_word(state, lang))
            if state in RESERVATIONS  # words from core.wording, as in the CLI and the TUI
            else ""
        ),
        plan=tr(PLAN_WORDS[verdict], lang) if verdict in PLAN_WORDS else "",
        recording=safe_url(link) if verdict == "later" else "",
    )


def _keep_duration_together(text: str) -> str:
    """No line break inside "(9 h 35 min)": non-breaking spaces between its parts."""
    return re.sub(r"\((\d+) h (\d+) min\)", "(\\1\u00a0h\u00a0\\2\u00a0min)", text)


# --- the itinerary -------------------------------------------------------------------------

FREE_FROM, FREE_TO = 9, 18  # conference-day hours in which a gap counts as free time
FREE_MIN = timedelta(minutes=90)
TIMELINE_SESSIONS = 6  # starred sessions listed per day; the agenda has them all


def _home(dt: datetime, trip: Trip, lang: str) -> str:
    """ " (home: Tue 12 Jan 02:40 JST)" when the home clock says otherwise, else "" (Berlin
    and Brussels both on CET: the same words twice would only lengthen the line)."""
    home = fmt_dt(dt, trip.home_tz, lang, year=False)
    if home == fmt_dt(dt, lang=lang, year=False):
        return ""
    return tr(" (home {when})", lang, when=home)


def _airport(code: str, names: Mapping[str, str]) -> str:
    name = one_line(names.get(code, ""))
    return f"{name} ({code})" if name else code


def _timeline_leg(leg: GroundLeg, trip: Trip, lang: str, add: Any) -> None:
    """A train, coach, drive or ferry in the itinerary: at its departure (or, without one,
    its arrival); a leg without times has no place in a timeline (the checklist export lists
    it among its key facts)."""
    at = leg.start
    if at is None:
        return
    lines = []
    if leg.departs is not None:
        lines.append(
            tr(
                "Departs {place} {when}{home}",
                lang,
                place=one_line(leg.origin),
                when=fmt_dt(leg.departs, lang=lang, year=False),
                home=_home(leg.departs, trip, lang),
            )
        )
    if leg.arrives is not None:
        lines.append(
            tr(
                "Arrives {place} {when}{home}",
                lang,
                place=one_line(leg.destination),
                when=fmt_dt(leg.arrives, lang=lang, year=False),
                home=_home(leg.arrives, trip, lang),
            )
        )
    if leg.booking_ref:
        lines.append(tr("Booking reference: {ref}", lang, ref=one_line(leg.booking_ref)))
    title = f"{one_line(leg_title(leg, lang))} {one_line(leg.origin)} → {one_line(leg.destination)}"
    add(at, TimelineEntry(fmt_time(at), "ground", title, tuple(lines)))
    if leg.departs is not None and leg.arrives is not None:
        arrive = tr("Arrive at {place}", lang, place=one_line(leg.destination))
        add(leg.arrives, TimelineEntry(fmt_time(leg.arrives), "arrival", arrive))


# The longest run of days without plans the timeline spells out day by day.
MAX_EMPTY_DAYS = 31


def _timeline(trip: Trip, extras: BinderExtras, lang: str) -> list[TimelineDay]:
    """Every day of the trip, from the first departure to the last landing, with what
    happens in the order it happens; each time in the zone where it happens."""
    events: list[tuple[datetime, date, str, TimelineEntry]] = []

    def add(at: datetime, entry: TimelineEntry) -> None:
        events.append((at.astimezone(UTC), at.date(), entry.kind, entry))

    for f in trip.flights:
        hours, minutes = divmod(int(f.duration.total_seconds()) // 60, 60)
        length = tr("{hours} h {minutes} min", lang, hours=hours, minutes=minutes)
        lines = [
            tr(
                "Departs {airport} {when}{home}",
                lang,
                airport=_airport(f.origin, extras.airports),
                when=fmt_dt(f.departs, lang=lang, year=False),
                home=_home(f.departs, trip, lang),
            ),
            tr(
                "Arrives {airport} {when}{home}",
                lang,
                airport=_airport(f.destination, extras.airports),
                when=fmt_dt(f.arrives, lang=lang, year=False),
                home=_home(f.arrives, trip, lang),
            ),
            _keep_duration_together(tr("Flight time ({length})", lang, length=length)),
        ]
        if f.booking_ref:
            lines.append(tr("Booking reference: {ref}", lang, ref=one_line(f.booking_ref)))
        add(
            f.departs,
            TimelineEntry(
                fmt_time(f.departs),
                "flight",
                tr(
                    "Flight {flight} {origin} → {destination}",
                    lang,
                    flight=one_line(f.flight),
                    origin=f.origin,
                    destination=f.destination,
                ),
                tuple(lines),
            ),
        )
        add(
            f.arrives,
            TimelineEntry(
                fmt_time(f.arrives),
                "arrival",
                tr("Land at {airport}", lang, airport=_airport(f.destination, extras.airports)),
            ),
        )
    for leg in trip.ground:
        _timeline_leg(leg, trip, lang, add)
    for st in trip.stays:
        where = tuple(one_line(p) for p in (st.address,) if p.strip())
        add(
            st.check_in,
            TimelineEntry(
                fmt_time(st.check_in),
                "stay",
                tr("Check in: {name}", lang, name=one_line(st.name)),
                (
                    *where,
                    *(
                        [_home(st.check_in, trip, lang).strip()]
                        if _home(st.check_in, trip, lang)
                        else []
                    ),
                ),
            ),
        )
        add(
            st.check_out,
            TimelineEntry(
                fmt_time(st.check_out),
                "stay",
                tr("Check out: {name}", lang, name=one_line(st.name)),
                where,
            ),
        )
    for w in trip.conference.badge_pickup:
        add(
            w.start,
            TimelineEntry(
                fmt_span(w.start, w.end), "badge", one_line(w.label) or tr("Badge pickup", lang)
            ),
        )
    tz = trip.venue_tz
    days = by_day(extras.sessions, tz)
    for sessions in days.values():
        live = [s for s in sessions if not s.cancelled]
        for s in live[:TIMELINE_SESSIONS]:
            view = _session_view(s, extras, tz, "", lang)
            # Its room, programme and picks are said by the renderers from `session`, in
            # the words and tags of the agenda section.
            add(s.start, TimelineEntry(view.time, "session", view.title, session=view))
        if len(live) > TIMELINE_SESSIONS:
            more = live[TIMELINE_SESSIONS]
            add(
                more.start,
                TimelineEntry(
                    "",
                    "session",
                    trn(
                        "and {n} more starred session (see the agenda)",
                        "and {n} more starred sessions (see the agenda)",
                        len(live) - TIMELINE_SESSIONS,
                        lang,
                    ),
                ),
            )
    for item in extras.personal:
        place = one_line(item.place)
        add(
            item.start,
            TimelineEntry(
                fmt_span(item.start, item.end, tz),
                "personal",
                one_line(item.title),
                (place,) if place else (),
            ),
        )
    mine = by_day(extras.personal, tz)
    conf = trip.conference
    for n in range((conf.last_day - conf.first_day).days + 1):
        day = conf.first_day + timedelta(days=n)
        busy = [*days.get(day, []), *mine.get(day, [])]
        if not [b for b in busy if not getattr(b, "cancelled", False)]:
            # Nothing starred or planned that day: "Free time 09:00-18:00" read as a plan
            # (a free day at the conference one travelled to), where nothing was picked.
            add(
                at_midnight(day, tz),
                TimelineEntry("", "free", tr("Nothing picked for this day yet", lang)),
            )
            continue
        for start, end in _free_time(busy, day, tz):
            add(start, TimelineEntry(fmt_span(start, end), "free", tr("Free time", lang)))
    if not events:
        return []
    events.sort(key=lambda e: (e[0], e[2]))
    by_date: dict[date, list[TimelineEntry]] = {}
    for _, day, _, entry in events:
        by_date.setdefault(day, []).append(entry)
    out = []
    previous: date | None = None
    for day in sorted(by_date):
        # Days without plans between two busy ones are shown, but not a run of years: a
        # starred session dated 9999 (a typo, a placeholder) would make 2.9 million pages.
        if previous is not None and (day - previous).days - 1 <= MAX_EMPTY_DAYS:
            for n in range(1, (day - previous).days):
                out.append(
                    TimelineDay(
                        fmt_date(previous + timedelta(days=n), lang),
                        (TimelineEntry("", "free", tr("No plans", lang)),),
                    )
                )
        out.append(TimelineDay(fmt_date(day, lang), tuple(by_date[day])))
        previous = day
    return out


def _free_time(sessions: Sequence[Any], day: date, tz: str) -> list[tuple[datetime, datetime]]:
    """Gaps of at least FREE_MIN between FREE_FROM and FREE_TO o'clock (venue time) that no
    starred session fills."""
    from tripkit.core.zoned import localize

    zone = get_zone(tz)
    day_start = localize(datetime.combine(day, datetime.min.time()).replace(hour=FREE_FROM), zone)
    day_end = localize(datetime.combine(day, datetime.min.time()).replace(hour=FREE_TO), zone)
    busy = sorted(
        (s.start.astimezone(UTC), s.end.astimezone(UTC))
        for s in sessions
        if not getattr(s, "cancelled", False)
    )
    out = []
    cursor = day_start.astimezone(UTC)
    for start, end in [*busy, (day_end.astimezone(UTC), day_end.astimezone(UTC))]:
        start = min(start, day_end.astimezone(UTC))
        if start - cursor >= FREE_MIN:
            out.append((cursor.astimezone(zone), start.astimezone(zone)))
        cursor = max(cursor, end)
        if cursor >= day_end.astimezone(UTC):
            break
    return out


def _stay_length(trip: Trip) -> tuple[date, date] | None:
    """The first and last day in the destination (venue calendar, both counted), exactly as
    the checklist counts a stay (core.documents from the anchors: the landing at the port of
    entry, the start of the way out, a train or a connection included), so that the card and
    a "you stay N days" reason in the same binder never disagree. The flights' own country
    fields are usually empty; the anchors read the airport catalog.

    None when the trip says nothing of how it comes or goes: the anchors then fall back to
    the conference days, a guess an officer's card must not state as fact."""
    anchors = compute_anchors(trip)
    if "port_of_entry" in anchors.notes and "return_departure" in anchors.notes:
        return None
    return docs.arrival_date(trip, anchors), docs.leave_date(trip, anchors)


def _card(trip: Trip, lang: str) -> list[CardLine]:
    """The port-of-entry card: English for the officer, Japanese beside it for the traveller."""
    c = trip.conference
    gloss = "ja"

    def line(label: str, value: str, value_gloss: str) -> CardLine:
        return CardLine(label, tr(label, gloss), value, value_gloss)

    name = one_line(c.name)
    out = [
        line(
            "Purpose of visit",
            tr("Business: attending the {name} conference (unpaid)", "en", name=name),
            tr("Business: attending the {name} conference (unpaid)", gloss, name=name),
        ),
        line(
            "Conference",
            f"{name}, {_day_range(c.first_day, c.last_day, 'en')}",
            _day_range(c.first_day, c.last_day, gloss),
        ),
        line("Venue", ", ".join(one_line(p) for p in (c.venue.name, c.venue.address) if p), ""),
    ]
    if trip.stays:
        s = trip.stays[0]
        out.append(
            line(
                "Address of stay",
                ", ".join(one_line(p) for p in (s.name, s.address) if p.strip()),
                "",
            )
        )
    span = _stay_length(trip)
    if span:
        days = (span[1] - span[0]).days + 1
        out.append(
            line(
                "Length of stay",
                trn(
                    "{n} day ({span})",
                    "{n} days ({span})",
                    days,
                    "en",
                    span=_day_range(*span, "en"),
                ),
                trn(
                    "{n} day ({span})",
                    "{n} days ({span})",
                    days,
                    gloss,
                    span=_day_range(*span, gloss),
                ),
            )
        )
    flown = 0
    for leg in _return_route(trip):
        if isinstance(leg, FlightSegment):
            label = "Return flight" if flown == 0 else "Connecting flight"
            flown += 1
            head, start = f"{one_line(leg.flight)} {leg.origin} → {leg.destination}", leg.departs
        else:
            label = "Return journey"
            head = f"{leg_title(leg, 'en')} {one_line(leg.origin)} → {one_line(leg.destination)}"
            assert leg.start is not None  # _return_route keeps only legs with a time
            start = leg.start
        out.append(line(label, f"{head}, {fmt_dt(start, lang='en')}", fmt_dt(start, lang=gloss)))
    return out


def _card_note(border_free: tuple[str, str], lang: str) -> str:
    """Why the binder has no port-of-entry card. Only what the route data says (no border
    of the area is crossed); whether a member checks its internal borders at the time is
    not in tripkit's data, so the traveller is told to carry their document all the same."""
    country, area = border_free
    if not area:
        return tr(
            "No port-of-entry card: your route stays inside {country} and crosses no border.",
            lang,
            country=country,
        )
    return tr(
        "No port-of-entry card: your route to {country} stays inside the {area} and crosses "
        "none of its borders. Carry your passport (or the identity card you travel on) all "
        "the same: tripkit does not know whether there are checks inside the area during "
        "your trip.",
        lang,
        country=country,
        area=area,
    )


def _return_route(trip: Trip) -> list[FlightSegment | GroundLeg]:
    """Every leg of the way home, flights and ground legs (with a time) in the order they
    leave: those that leave after the conference has begun (so a connection on the way
    back is never lost, whatever countries it touches; the Eurostar to London before the
    flight home from Heathrow)."""
    begins = at_midnight(trip.conference.first_day, trip.venue_tz).astimezone(UTC)
    legs: list[tuple[datetime, FlightSegment | GroundLeg]] = [
        (f.departs.astimezone(UTC), f) for f in trip.flights
    ]
    legs += [(g.start.astimezone(UTC), g) for g in trip.ground if g.start is not None]
    return [leg for at, leg in sorted(legs, key=lambda x: x[0]) if at >= begins]
