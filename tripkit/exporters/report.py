"""The trip report: the notes taken on sessions, by day and session, as Markdown to share.

Pure: the trip, the schedule's sessions and the user's notes (and stars) in, Markdown out.
Every piece of text from the schedule or the user is escaped, so a note or title shows as
written (a `<script>` title is text, `*` is an asterisk).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from tripkit.core.agenda import by_day
from tripkit.core.models import Session, Trip
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_time
from tripkit.core.zoned import get_zone
from tripkit.exporters.text import md_escape, md_paragraphs, one_line, safe_url
from tripkit.i18n import tr


def trip_report(
    trip: Trip,
    sessions: Sequence[Session],
    notes: Mapping[str, str],
    *,
    starred: frozenset[str] | set[str] = frozenset(),
    lang: str = "en",
    now: datetime,
) -> str:
    """Sessions with a note, by day (in the venue's zone); starred ones without a note are
    listed at the end, so that the reader sees what was planned but not written up."""
    e = md_escape
    tz = trip.venue_tz
    c = trip.conference
    with_notes = [s for s in sessions if notes.get(s.key, "").strip()]
    out = [
        f"# {e(tr('Trip report: {name}', lang, name=one_line(c.name)))}",
        "",
        e(tr("{traveller}, {first} – {last}, {venue}", lang,
             traveller=one_line(trip.traveller.name) or tr("traveller", lang),
             first=fmt_date(c.first_day, lang), last=fmt_date(c.last_day, lang),
             venue=", ".join(one_line(p) for p in (c.venue.name, c.venue.city) if p))),
        "",
        "*" + e(tr("Written {when}; times are at the venue ({tz}).", lang,
                   when=fmt_dt(now, trip.home_tz, lang), tz=tz)) + "*",
    ]
    if not with_notes:
        out += ["", e(tr("No notes were taken on sessions.", lang))]
    zone = get_zone(tz)
    for day, day_sessions in by_day(with_notes, tz).items():
        out += ["", f"## {e(fmt_date(day, lang))}"]
        for s in day_sessions:
            title = one_line(s.title) or tr("(untitled session)", lang)
            out += ["", f"### {e(title)}", ""]
            meta = [f"{s.start.astimezone(zone):%H:%M}–{fmt_time(s.end, tz)}"]
            meta += [one_line(p) for p in (s.room, s.track) if p.strip()]
            if s.speakers:
                meta.append(", ".join(one_line(sp.name) for sp in s.speakers))
            line = " · ".join(e(m) for m in meta)
            url = safe_url(s.url)
            if url:
                line += f" · <{url}>"
            if s.cancelled:
                line += f" · **{e(tr('cancelled', lang))}**"
            out += [f"*{line}*", "", md_paragraphs(notes[s.key])]
    rest = sorted((s for s in sessions if s.key in starred and s not in with_notes),
                  key=lambda s: (s.start, s.key))
    if rest:
        out += ["", f"## {e(tr('Also starred (no notes)', lang))}", ""]
        out += [f"- {e(fmt_dt(s.start, tz, lang))} — {e(one_line(s.title))}" for s in rest]
    return "\n".join(out) + "\n"
