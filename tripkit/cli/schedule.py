"""CLI commands: `tripkit schedule ...` (registered by tripkit.cli).

Every time shown is in the venue's zone with its label (tripkit.core.timefmt); --json gives
ISO 8601 times with the UTC offset. Imported text is printed literally, with control and
bidi-override characters made visible, so a hostile schedule cannot drive the terminal.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from datetime import date, timedelta
from json.encoder import encode_basestring as _encode_str
from typing import TYPE_CHECKING, Any

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.core.reimport import KIND_ORDER, Change, ChangeReport
from tripkit.core.textsafe import for_terminal
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_span
from tripkit.core.zoned import get_zone, parse_zoned
from tripkit.i18n import tr
from tripkit.services import schedule as svc
from tripkit.services.tripinfo import TripInfo, trip_info
from tripkit.store import Pick

# Reads (list, search, show, star, note, agenda) import neither the importers nor pydantic;
# `import` and `refresh` live in tripkit.cli.schedule_import, loaded when one of them runs.
if TYPE_CHECKING:
    from tripkit.core.models import Session
    from tripkit.store import SessionRow

    AnySession = Session | SessionRow

# Above this many conflicts `schedule agenda` prints counts per day instead of every pair.
CONFLICTS_SHOWN = 30

def _zone(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        get_zone(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-13") from None


_filter_options = [
    click.option("--day", callback=_day, default=None, metavar="DATE",
                 help="Only this day (YYYY-MM-DD, in the venue's zone)."),
    click.option("--track", default=None, help="Only this track (case and accents ignored)."),
    click.option("--room", default=None, help="Only this room."),
    click.option("--language", "language", default=None, metavar="CODE",
                 help="Only sessions in this language (e.g. en, ja)."),
]


def filter_options(fn: Any) -> Any:
    for opt in reversed(_filter_options):
        fn = opt(fn)
    return fn


# --- output helpers ----------------------------------------------------------------------


def _session_line(s: AnySession, pick: Pick | None, tz: str, *, conflict: bool = False) -> str:
    star = "★" if pick and pick.starred else " "
    mark = "!" if conflict else " "
    span = fmt_span(s.start, s.end, tz)  # across a DST change each end keeps its zone
    room = f"  [{for_terminal(s.room)}]" if s.room else ""
    cancelled = "  (cancelled)" if s.cancelled else ""
    title, key = for_terminal(s.title), for_terminal(s.key)
    return f"{star}{mark}{span}  {title}{room}{cancelled}  ({key})"


def _print_sessions(
    sessions: Sequence[AnySession], picks: dict[str, Pick], trip: TripInfo, lang: str,
    conflicted: set[str] | None = None,
) -> None:
    tz = trip.venue_tz
    zone = get_zone(tz)
    day: date | None = None
    for s in sessions:
        d = s.start.astimezone(zone).date()
        if d != day:
            day = d
            click.echo(fmt_date(d, lang))
        click.echo("  " + _session_line(s, picks.get(s.key), tz,
                                        conflict=bool(conflicted and s.key in conflicted)))


def _json_out(sessions: Sequence[AnySession], picks: dict[str, Pick], trip: TripInfo) -> None:
    click.echo(pretty_json([svc.session_json(s, picks.get(s.key), trip.venue_tz)
                            for s in sessions]))


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return _encode_str(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    return None


def pretty_json(items: list[dict[str, Any]]) -> str:
    """Exactly `json.dumps(items, ensure_ascii=False, indent=2)` for a list of flat objects
    (values: text, booleans, integers, lists of those), built from the C string encoder:
    json's indented output runs in pure Python, 5x slower on a day of a big programme.
    Anything else is handed to json.dumps."""
    parts = []
    for item in items:
        fields = []
        for key, value in item.items():
            text = _scalar(value)
            if text is None and isinstance(value, list):
                inner = [_scalar(v) for v in value]
                if None in inner:
                    return json.dumps(items, ensure_ascii=False, indent=2)
                text = "[\n" + ",\n".join(f"      {v}" for v in inner) + "\n    ]" if inner \
                    else "[]"
            if text is None:
                return json.dumps(items, ensure_ascii=False, indent=2)
            fields.append(f"    {_encode_str(key)}: {text}")
        parts.append("  {\n" + ",\n".join(fields) + "\n  }" if fields else "  {}")
    return "[\n" + ",\n".join(parts) + "\n]" if parts else "[]"


def _when(value: str, tz: str, lang: str) -> str:
    try:
        return fmt_dt(parse_zoned(value), tz, lang)
    except ValueError:
        return value


def _change_line(c: Change, tz: str, lang: str) -> str:
    star = "★ " if c.starred else "  "
    title = for_terminal(c.title)
    if c.kind == "moved":
        # An interval "start/end" of RFC 9557 times, whose zone names hold "/" themselves
        # (America/Los_Angeles): split at the "/" that follows a closing bracket.
        old, new = (c.before.split("]/")[0] + "]", c.after.split("]/")[0] + "]")
        text = tr("moved: {title}: {old} → {new}", lang, title=title,
                  old=_when(old, tz, lang), new=_when(new, tz, lang))
    elif c.kind == "room":
        text = tr("room changed: {title}: {old} → {new}", lang, title=title,
                  old=for_terminal(c.before) or "-", new=for_terminal(c.after) or "-")
    elif c.kind == "title":
        text = tr("title changed: “{old}” → “{new}”", lang, old=for_terminal(c.before),
                  new=for_terminal(c.after))
    elif c.kind == "new":
        text = tr("new: {title} ({when})", lang, title=title, when=_when(c.start, tz, lang))
    elif c.kind == "removed":
        text = tr("removed: {title} (was {when})", lang, title=title,
                  when=_when(c.start, tz, lang))
    else:
        text = tr("cancelled: {title} ({when})", lang, title=title, when=_when(c.start, tz, lang))
    return star + text


_KIND_COUNTS = {
    "cancelled": "{n} cancelled",
    "removed": "{n} removed",
    "moved": "{n} moved",
    "room": "{n} changed room",
    "title": "{n} retitled",
    "new": "{n} new",
}


def _print_changes(report: ChangeReport, trip: TripInfo, lang: str) -> None:
    if not report.changes:
        click.echo(tr("No changes.", lang))
        return
    counts = report.counts()
    parts = [tr(_KIND_COUNTS[k], lang, n=counts[k]) for k in KIND_ORDER if counts[k]]
    click.echo(tr("Changes: {parts}", lang, parts=", ".join(parts)))
    starred = report.starred_changes()
    if starred:
        click.echo(tr("{n} of them affect your starred sessions.", lang, n=len(starred)))
    for c in report.changes:
        click.echo("  " + _change_line(c, trip.venue_tz, lang))
    if report.key_renames:
        click.echo(tr("{n} sessions changed their ids; stars and notes followed them.", lang,
                      n=len(report.key_renames)))


# --- commands ----------------------------------------------------------------------------


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""
    main.add_command(schedule)


# Commands that load the importers, in their own module (see tripkit.cli.schedule_import).
_LAZY = {"import": "tripkit.cli.schedule_import", "refresh": "tripkit.cli.schedule_import"}


class _ScheduleGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_LAZY))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _LAZY:
            importlib.import_module(_LAZY[cmd_name]).register(self)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_ScheduleGroup)
def schedule() -> None:
    """Import a conference programme, search it, star sessions, see your agenda."""


def _trip(ctx: Ctx) -> TripInfo:
    return trip_info(ctx.store, ctx.trip_option)


@schedule.command("changes")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def changes_cmd(ctx: Ctx, as_json: bool) -> None:
    """What the last refresh changed."""
    trip = _trip(ctx)
    svc.require_schedule(ctx.store, trip)
    report = svc.last_changes(ctx.store, trip)
    if as_json:
        click.echo(json.dumps(report.to_json() if report else None, ensure_ascii=False, indent=2))
        return
    if report is None:
        click.echo(tr("No refresh since the first import.", ctx.lang))
        return
    _print_changes(report, trip, ctx.lang)


@schedule.command("list")
@click.option("--starred", is_flag=True, help="Only starred sessions.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@filter_options
@pass_ctx
def list_cmd(ctx: Ctx, starred: bool, as_json: bool, day: date | None, track: str | None,
             room: str | None, language: str | None) -> None:
    """List sessions, by day, in the venue's zone."""
    trip = _trip(ctx)
    found = svc.find(ctx.store, trip, day=day, track=track, room=room, language=language,
                     starred=starred)
    picks = ctx.store.programmes.picks_for(trip.id, (s.key for s in found))
    if as_json:
        _json_out(found, picks, trip)
        return
    if not found:
        click.echo(tr("No sessions match.", ctx.lang))
        return
    _print_sessions(found, picks, trip, ctx.lang)



@schedule.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@filter_options
@pass_ctx
def search_cmd(ctx: Ctx, query: tuple[str, ...], as_json: bool, day: date | None,
               track: str | None, room: str | None, language: str | None) -> None:
    """Find sessions by words in the title, speakers, abstract, track or room."""
    trip = _trip(ctx)
    found = svc.find(ctx.store, trip, " ".join(query), day=day, track=track, room=room,
                     language=language)
    picks = ctx.store.programmes.picks_for(trip.id, (s.key for s in found))
    if as_json:
        _json_out(found, picks, trip)
        return
    if not found:
        click.echo(tr("No sessions match.", ctx.lang))
        return
    click.echo(tr("{n} sessions match.", ctx.lang, n=len(found)))
    for s in found:
        click.echo("  " + _session_line(s, picks.get(s.key), trip.venue_tz)
                   + "  " + fmt_date(s.start.astimezone(get_zone(trip.venue_tz)).date(),
                                     ctx.lang, year=False))



@schedule.command("show")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def show_cmd(ctx: Ctx, key: str, as_json: bool) -> None:
    """Everything about one session."""
    trip = _trip(ctx)
    s = svc.find_session(ctx.store, trip, key)
    pick = ctx.store.programmes.picks_for(trip.id, [key]).get(key)
    if as_json:
        click.echo(json.dumps(svc.session_json(s, pick, trip.venue_tz), ensure_ascii=False,
                              indent=2))
        return
    lang, tz = ctx.lang, trip.venue_tz
    click.echo(("★ " if pick and pick.starred else "") + for_terminal(s.title))
    if s.subtitle:
        click.echo(for_terminal(s.subtitle))
    day = fmt_date(s.start.astimezone(get_zone(tz)).date(), lang)
    click.echo(f"{day} {fmt_span(s.start, s.end, tz)}"
               + (f"  ({fmt_dt(s.start, trip.home_tz, lang)})" if trip.home_tz != tz else ""))
    rows = [
        (tr("Room", lang), s.room), (tr("Track", lang), s.track), (tr("Type", lang), s.type),
        (tr("Speakers", lang), ", ".join(p.name for p in s.speakers)),
        (tr("Language", lang), ", ".join(s.languages)), ("URL", s.url), ("id", s.key),
    ]
    for label, value in rows:
        if value:
            click.echo(f"{label}: {for_terminal(value)}")
    if s.cancelled:
        click.echo(tr("This session is cancelled.", lang))
    if s.needs_registration:
        click.echo(tr("This session needs registration.", lang))
    if s.abstract:
        click.echo("")
        for para in s.abstract.split("\n"):
            click.echo(for_terminal(para))
    if pick and pick.note:
        click.echo("")
        click.echo(tr("Note: {note}", lang, note=for_terminal(pick.note)))


def _star_command(name: str, starred: bool) -> None:
    verb = "Star" if starred else "Unstar"

    @schedule.command(name, help=f"{verb} sessions by id, or in bulk (--all, --track, --day, "
                                 "--room).")
    @click.argument("keys", nargs=-1)
    @click.option("--all", "all_", is_flag=True, help="Every session.")
    @click.option("--track", default=None, help="Every session of this track.")
    @click.option("--day", callback=_day, default=None, metavar="DATE",
                  help="Every session of this day (in the venue's zone).")
    @click.option("--room", default=None, help="Every session in this room.")
    @pass_ctx
    def cmd(ctx: Ctx, keys: tuple[str, ...], all_: bool, track: str | None, day: date | None,
            room: str | None) -> None:
        trip = _trip(ctx)
        bulk = all_ or track is not None or day is not None or room is not None
        if not keys and not bulk:
            raise click.UsageError("give session ids, or --all, --track, --day or --room")
        chosen = list(keys)
        if bulk:
            chosen += [s.key for s in svc.find(ctx.store, trip, day=day, track=track,
                                               room=room)]
        done = svc.set_starred(ctx.store, trip, chosen, starred)
        msg = "Starred {n} sessions." if starred else "Unstarred {n} sessions."
        click.echo(tr(msg, ctx.lang, n=len(done)))


_star_command("star", True)
_star_command("unstar", False)


@schedule.command("note")
@click.argument("key")
@click.argument("text", nargs=-1)
@pass_ctx
def note_cmd(ctx: Ctx, key: str, text: tuple[str, ...]) -> None:
    """Keep a note on a session (no TEXT clears it)."""
    trip = _trip(ctx)
    svc.set_note(ctx.store, trip, key, " ".join(text))
    click.echo(tr("Note saved.", ctx.lang) if text else tr("Note cleared.", ctx.lang))


@schedule.command("agenda")
@click.option("--gap", type=click.IntRange(min=0), default=5, show_default=True,
              metavar="MINUTES", help="Walking time needed between rooms.")
@click.option("--all", "all_", is_flag=True,
              help=f"List every conflicting pair (above {CONFLICTS_SHOWN}, counts per day).")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def agenda_cmd(ctx: Ctx, gap: int, all_: bool, as_json: bool) -> None:
    """Your starred sessions in time order, with conflicts."""
    trip = _trip(ctx)
    lang, tz = ctx.lang, trip.venue_tz
    ag = svc.agenda(ctx.store, trip, travel_gap=timedelta(minutes=gap))
    if as_json:
        out = []
        partners: dict[str, list[dict[str, str]]] = {}
        for c in ag.conflicts:
            partners.setdefault(c.first.key, []).append({"id": c.second.key, "kind": c.kind})
            partners.setdefault(c.second.key, []).append({"id": c.first.key, "kind": c.kind})
        for s in ag.sessions:
            item = svc.session_json(s, ag.picks.get(s.key), tz)
            item["conflicts"] = partners.get(s.key, [])
            out.append(item)
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not ag.sessions:
        click.echo(tr("No starred sessions yet: `tripkit schedule star ID`.", lang))
    else:
        conflicted = {c.first.key for c in ag.conflicts} | {c.second.key for c in ag.conflicts}
        _print_sessions(ag.sessions, ag.picks, trip, lang, conflicted)
    if len(ag.conflicts) > CONFLICTS_SHOWN and not all_:
        _print_conflict_counts(ag.conflicts, tz, lang)
    else:
        for c in ag.conflicts:
            if c.kind == "overlap":
                click.echo(tr("conflict: “{a}” and “{b}” overlap by {m} min", lang,
                              a=for_terminal(c.first.title), b=for_terminal(c.second.title),
                              m=int(c.overlap.total_seconds() // 60)))
            else:
                click.echo(tr("tight: {m} min to get from {ra} to {rb} (“{a}” → “{b}”)", lang,
                              m=int(c.gap.total_seconds() // 60), ra=for_terminal(c.first.room),
                              rb=for_terminal(c.second.room), a=for_terminal(c.first.title),
                              b=for_terminal(c.second.title)))
    if ag.missing:
        click.echo(tr("{n} starred sessions are no longer in the schedule.", lang,
                      n=len(ag.missing)))


def _print_conflict_counts(found: Sequence[Any], tz: str, lang: str) -> None:
    """Many conflicts: how many each day (by the first session's day), not every pair."""
    zone = get_zone(tz)
    per_day: dict[date, list[int]] = {}
    for c in found:
        counts = per_day.setdefault(c.first.start.astimezone(zone).date(), [0, 0])
        counts[0 if c.kind == "overlap" else 1] += 1
    click.echo(tr("{n} conflicts; per day:", lang, n=len(found)))
    for d in sorted(per_day):
        overlaps, tight = per_day[d]
        click.echo("  " + tr("{day}: {o} overlapping, {t} tight", lang,
                             day=fmt_date(d, lang), o=overlaps, t=tight))
    click.echo(tr("Use `tripkit schedule agenda --all` to list every pair.", lang))
