"""The trip report: what the trip was, what was seen, what was learnt, what to do next.

tripkit started from one (a meetup talk reporting back on a trip to DockerCon), so this is
meant to be shared as it is, in Markdown or as one HTML page:

- a summary of the trip (who, where, when, the way there and back, the stay, how many
  sessions were attended out of those starred, the main tracks);
- the attended sessions by day, each with its note and its slides, recordings and other
  links from the schedule; starred sessions not attended are listed apart (starred is not
  attended: `attended` says which were, and defaults, after the fact, to the starred
  sessions that have ended);
- notes on sessions a refresh removed from the schedule, kept with the title they had;
- the lessons and action items the user wrote, and optionally travel lessons from the
  checklist (what was skipped, and why; what was left open).

Pure: data in, text out. Every piece of text from the schedule or the user is escaped, so a
note or title shows as written (a `<script>` title is text, `*` is an asterisk).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from tripkit.core.agenda import by_day
from tripkit.core.models import Session, Trip
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_span
from tripkit.exporters.text import clean, md_escape, md_paragraphs, one_line, safe_url
from tripkit.i18n import tr, trn
from tripkit.zonenames import zone_title

Link = tuple[str, str]  # (title, url)


@dataclass(frozen=True)
class ReportSession:
    key: str
    time: str  # "09:00–10:30 PST"
    title: str
    meta: tuple[str, ...]  # room, track, speakers
    url: str
    note: str  # "" when none
    links: tuple[Link, ...] = ()
    cancelled: bool = False
    programme: str = ""  # its programme, when the trip has several
    recording: str = ""  # watch later: the recording's link ("" when none is known)


@dataclass(frozen=True)
class OrphanNote:
    """A note on a session that is no longer in the schedule."""

    title: str
    when: str
    note: str


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    written: str
    summary: tuple[str, ...]
    days: tuple[tuple[str, tuple[ReportSession, ...]], ...]  # attended, by day
    missed: tuple[ReportSession, ...]  # starred, not attended
    other_notes: tuple[ReportSession, ...]  # notes on sessions neither attended nor starred
    orphans: tuple[OrphanNote, ...]
    lessons: str
    actions: tuple[str, ...]
    travel: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)
    # With several programmes: the attended sessions of each, by day (then `days` is unused).
    by_programme: tuple[tuple[str, tuple[tuple[str, tuple[ReportSession, ...]], ...]], ...] = ()
    later: tuple[ReportSession, ...] = ()  # kept to watch later, with the recording's link


def build_report(
    trip: Trip,
    sessions: Sequence[Session],
    notes: Mapping[str, str],
    *,
    starred: frozenset[str] | set[str] = frozenset(),
    attended: frozenset[str] | set[str] | None = None,
    links: Mapping[str, Sequence[Link]] | None = None,
    removed: Mapping[str, tuple[str, str]] | None = None,
    lessons: str = "",
    actions: Sequence[str] = (),
    travel: Sequence[str] = (),
    lang: str = "en",
    now: datetime,
    programmes: Mapping[str, str] | None = None,
    programme_order: Sequence[str] = (),
    later: Mapping[str, str] | None = None,
) -> Report:
    """`removed`: session key -> (title, when) for sessions a refresh removed (their notes
    are kept). `attended` None: the starred sessions that have ended by `now`.
    `programmes`: session key -> programme name, given when the trip has several (the
    attended sessions are then listed per programme, in `programme_order`); `later`: the
    sessions kept to watch later (plan B), key -> the recording's link."""
    programmes = programmes or {}
    later = later or {}
    links = links or {}
    removed = removed or {}
    tz = trip.venue_tz
    by_key = {s.key: s for s in sessions}
    if attended is None:
        attended = {k for k in starred if k in by_key and by_key[k].end <= now}
    noted = {k for k, v in notes.items() if v.strip()}

    def view(s: Session) -> ReportSession:
        meta = [one_line(p) for p in (s.room, s.track) if p.strip()]
        if s.speakers:
            meta.append(", ".join(one_line(sp.name) for sp in s.speakers))
        return ReportSession(
            key=s.key,
            time=fmt_span(s.start, s.end, tz),
            title=one_line(s.title) or tr("(untitled session)", lang),
            meta=tuple(meta),
            url=safe_url(s.url),
            note=clean(notes.get(s.key, "")).strip(),
            links=tuple((one_line(t), u) for t, u in links.get(s.key, ()) if safe_url(u)),
            cancelled=s.cancelled,
            programme=one_line(programmes.get(s.key, "")),
            recording=safe_url(later.get(s.key, "")),
        )

    seen = [s for s in sessions if s.key in attended]
    days = tuple(
        (fmt_date(day, lang), tuple(view(s) for s in group))
        for day, group in by_day(seen, tz).items()
    )
    by_programme = []
    if programmes:

        def bare(s: Session) -> ReportSession:
            # Under its programme's heading: no label on each session.
            return replace(view(s), programme="")

        for name in [*programme_order, *sorted(set(programmes.values()) - set(programme_order))]:
            mine = [s for s in seen if programmes.get(s.key) == name]
            if mine:
                grouped = by_day(mine, tz).items()
                by_programme.append(
                    (
                        one_line(name),
                        tuple((fmt_date(d, lang), tuple(bare(s) for s in g)) for d, g in grouped),
                    )
                )
    watch = tuple(
        view(s)
        for s in sorted(
            (s for s in sessions if s.key in later and s.key not in attended),
            key=lambda s: (s.start, s.key),
        )
    )
    missed = tuple(
        view(s)
        for s in sorted(
            (
                s
                for s in sessions
                if s.key in starred and s.key not in attended and s.key not in later
            ),
            key=lambda s: (s.start, s.key),
        )
    )
    other = tuple(
        view(s)
        for s in sorted(
            (
                s
                for s in sessions
                if s.key in noted and s.key not in attended and s.key not in starred
            ),
            key=lambda s: (s.start, s.key),
        )
    )
    orphans = []
    for k in sorted(noted - set(by_key)):
        title, when = removed.get(k, (k, ""))
        orphans.append(OrphanNote(one_line(title) or k, one_line(when), clean(notes[k]).strip()))
    return Report(
        lang=lang,
        title=tr("Trip report: {name}", lang, name=one_line(trip.conference.name)),
        written=tr(
            "Written {when}; times are at the venue, in {tz}.",
            lang,
            when=fmt_dt(now, trip.home_tz, lang),
            tz=zone_title(tz, trip.conference.first_day, lang),  # in words, not the IANA key
        ),
        summary=tuple(_summary(trip, seen, len(starred & set(by_key)), noted, lang)),
        days=days,
        missed=missed,
        other_notes=other,
        orphans=tuple(orphans),
        lessons=clean(lessons).strip(),
        actions=tuple(one_line(a) for a in actions if a.strip()),
        travel=tuple(one_line(t) for t in travel if t.strip()),
        labels=_labels(lang),
        by_programme=tuple(by_programme),
        later=watch,
    )


def _summary(
    trip: Trip, seen: Sequence[Session], starred: int, noted: set[str], lang: str
) -> list[str]:
    c, v = trip.conference, trip.conference.venue
    out = [
        tr(
            "{traveller} at {conference}, {first} – {last}, {venue}.",
            lang,
            traveller=one_line(trip.traveller.name) or tr("traveller", lang),
            conference=one_line(c.name),
            first=fmt_date(c.first_day, lang),
            last=fmt_date(c.last_day, lang),
            venue=", ".join(one_line(p) for p in (v.name, v.city) if p.strip()),
        )
    ]
    if trip.flights:
        legs = "; ".join(
            f"{one_line(f.flight)} {f.origin} → {f.destination} "
            f"{fmt_date(f.departs.date(), lang, year=False)}"
            for f in trip.flights
        )
        out.append(tr("Flights: {legs}.", lang, legs=legs))
    if trip.ground:
        from tripkit.core.journey import leg_title

        legs = "; ".join(
            f"{one_line(leg_title(g, lang))} {one_line(g.origin)} → {one_line(g.destination)}"
            + (f" {fmt_date(g.start.date(), lang, year=False)}" if g.start is not None else "")
            for g in trip.ground
        )
        out.append(tr("Ground travel: {legs}.", lang, legs=legs))
    for s in trip.stays:
        nights = (s.check_out.astimezone(s.check_in.tzinfo).date() - s.check_in.date()).days
        out.append(
            trn(
                "Stayed at {name}, {n} night.",
                "Stayed at {name}, {n} nights.",
                nights,
                lang,
                name=one_line(s.name),
            )
        )
    written = sum(1 for s in seen if s.key in noted)
    out.append(
        trn(
            "Attended {attended} of {n} starred session; notes on {noted}.",
            "Attended {attended} of {n} starred sessions; notes on {noted}.",
            starred,
            lang,
            attended=len(seen),
            noted=written,
        )
    )
    tracks = Counter(one_line(s.track) for s in seen if s.track.strip())
    if tracks:
        top = ", ".join(f"{t} ({n})" for t, n in tracks.most_common(5))
        out.append(tr("Tracks: {tracks}.", lang, tracks=top))
    return out


def _labels(lang: str) -> dict[str, str]:
    words = [
        "Summary",
        "Sessions attended",
        "Starred but not attended",
        "Notes on other sessions",
        "Notes on sessions removed from the schedule",
        "Lessons",
        "Action items",
        "Travel lessons from the checklist",
        "Links",
        "cancelled",
        "No sessions attended.",
        "Note",
        "Watch later",
        "Recording",
        "Programme",
        "recording link not known: look on the session's page",
    ]
    return {w: tr(w, lang) for w in words}


NO_LINK = "recording link not known: look on the session's page"

# --- Markdown ------------------------------------------------------------------------------


def trip_report(
    trip: Trip,
    sessions: Sequence[Session],
    notes: Mapping[str, str],
    *,
    starred: frozenset[str] | set[str] = frozenset(),
    lang: str = "en",
    now: datetime,
    **more: object,
) -> str:
    """The report as Markdown (see `build_report` for the other inputs)."""
    report = build_report(trip, sessions, notes, starred=starred, lang=lang, now=now, **more)  # type: ignore[arg-type]
    return render_markdown(report)


def _md_session(
    s: ReportSession, lab: dict[str, str], *, heading: bool, level: int = 3
) -> list[str]:
    e = md_escape
    meta = " · ".join(e(m) for m in (s.time, *s.meta))
    if s.programme:
        meta = f"{e(lab['Programme'])}: {e(s.programme)} · {meta}"
    if s.url:
        meta += f" · <{s.url}>"
    if s.cancelled:
        meta += f" · **{e(lab['cancelled'])}**"
    if not heading:
        return [f"- **{e(s.title)}** — {meta}"]
    out = ["", f"{'#' * level} {e(s.title)}", "", f"*{meta}*"]
    if s.note:
        out += ["", md_paragraphs(s.note)]
    if s.links:
        out += ["", f"{e(lab['Links'])}:", ""]
        out += [f"- [{e(t)}](<{u}>)" for t, u in s.links]
    return out


def render_markdown(r: Report) -> str:
    e = md_escape
    lab = r.labels
    out = [f"# {e(r.title)}", "", f"*{e(r.written)}*", "", f"## {e(lab['Summary'])}", ""]
    out += [f"- {e(line)}" for line in r.summary]
    out += ["", f"## {e(lab['Sessions attended'])}"]
    if not r.days:
        out += ["", e(lab["No sessions attended."])]
    if r.by_programme:
        for name, days in r.by_programme:
            out += ["", f"### {e(lab['Programme'])}: {e(name)}"]
            for day, group in days:
                out += ["", f"#### {e(day)}"]
                for s in group:
                    out += _md_session(s, lab, heading=True, level=5)
    else:
        for day, group in r.days:
            out += ["", f"## {e(day)}"]
            for s in group:
                out += _md_session(s, lab, heading=True)
    if r.later:
        out += ["", f"## {e(lab['Watch later'])}", ""]
        for s in r.later:
            out += _md_session(s, lab, heading=False)
            out.append(
                f"  {e(lab['Recording'])}: <{s.recording}>"
                if s.recording
                else f"  {e(lab[NO_LINK])}"
            )
    if r.other_notes:
        out += ["", f"## {e(lab['Notes on other sessions'])}"]
        for s in r.other_notes:
            out += _md_session(s, lab, heading=True)
    if r.orphans:
        out += ["", f"## {e(lab['Notes on sessions removed from the schedule'])}"]
        for o in r.orphans:
            when = f" *({e(o.when)})*" if o.when else ""
            out += ["", f"### {e(o.title)}{when}", "", md_paragraphs(o.note)]
    if r.missed:
        out += ["", f"## {e(lab['Starred but not attended'])}", ""]
        for s in r.missed:
            out += _md_session(s, lab, heading=False)
    if r.lessons:
        out += ["", f"## {e(lab['Lessons'])}", "", md_paragraphs(r.lessons)]
    if r.actions:
        out += ["", f"## {e(lab['Action items'])}", ""]
        out += [f"- [ ] {e(a)}" for a in r.actions]
    if r.travel:
        out += ["", f"## {e(lab['Travel lessons from the checklist'])}", ""]
        out += [f"- {e(t)}" for t in r.travel]
    return "\n".join(out) + "\n"


# --- HTML ----------------------------------------------------------------------------------


@cache
def _template():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2")


def render_html(r: Report) -> str:
    """One self-contained HTML page (inline CSS, nothing from the network), autoescaped."""
    return str(_template().render(r=r))
