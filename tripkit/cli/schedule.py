"""CLI commands: `tripkit schedule ...` (registered by tripkit.cli).

Every time shown is in the venue's zone with its label (tripkit.core.timefmt); --json gives
ISO 8601 times with the UTC offset. Imported text is printed literally, with control and
bidi-override characters made visible, so a hostile schedule cannot drive the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from json.encoder import encode_basestring as _encode_str
from typing import TYPE_CHECKING, Any

import click

from tripkit.cli.context import Ctx, pass_ctx, said
from tripkit.cli.lazy import LazyGroup
from tripkit.core.personal import PersonalItem
from tripkit.core.planb import Suggestion, suggest
from tripkit.core.reimport import KIND_ORDER, Change, ChangeReport
from tripkit.core.textsafe import for_terminal
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_span
from tripkit.core.walking import Building, VenueWalks, Walk
from tripkit.core.wording import reservation_word
from tripkit.core.zoned import get_zone, parse_zoned
from tripkit.errors import Msg
from tripkit.i18n import tr, trn
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
        raise click.BadParameter(said(exc)) from None
    return value


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            Msg("{value} is not a date like 2026-01-13", value=repr(value))
        ) from None


_filter_options = [
    click.option(
        "--day",
        callback=_day,
        default=None,
        metavar="DATE",
        help="Only this day (YYYY-MM-DD, in the venue's zone).",
    ),
    click.option("--track", default=None, help="Only this track (case and accents ignored)."),
    click.option("--room", default=None, help="Only this room."),
    click.option(
        "--language",
        "language",
        default=None,
        metavar="CODE",
        help="Only sessions in this language (e.g. en, ja).",
    ),
]


def filter_options(fn: Any) -> Any:
    for opt in reversed(_filter_options):
        fn = opt(fn)
    return fn


programme_option = click.option(
    "--programme",
    "-p",
    "programme",
    default=None,
    metavar="NAME",
    help="Only this programme (default: every programme of the trip).",
)


# --- output helpers ----------------------------------------------------------------------


# The interest shown in the first column: a must, a want (a plain star), a maybe.
_LEVEL_MARK = {"must": "‼", "want": "★", "maybe": "?"}


def _session_line(
    s: AnySession,
    pick: Pick | None,
    tz: str,
    *,
    conflict: bool = False,
    label: bool = False,
    lang: str = "en",
) -> str:
    star = _LEVEL_MARK.get(pick.level, " ") if pick else " "
    mark = "!" if conflict else " "
    span = fmt_span(s.start, s.end, tz)  # across a DST change each end keeps its zone
    room = f"  [{for_terminal(s.room)}]" if s.room else ""
    cancelled = "  " + tr("(cancelled)", lang) if s.cancelled else ""
    booked = (
        "  " + tr("(reservation: {state})", lang, state=tr(pick.reservation, lang))
        if pick and pick.reservation
        else ""
    )
    where = f"{for_terminal(getattr(s, 'programme', ''))}: " if label else ""
    return (
        f"{star}{mark}{span}  {where}{for_terminal(s.title)}{room}{cancelled}{booked}"
        f"  ({for_terminal(s.key)})"
    )


def _personal_line(item: PersonalItem, tz: str, lang: str, *, conflict: bool = False) -> str:
    mark = "!" if conflict else " "
    span = fmt_span(item.start, item.end, tz)
    place = f"  [{for_terminal(item.place)}]" if item.place else ""
    return (
        f"•{mark}{span}  {tr('(mine)', lang)} {for_terminal(item.title)}{place}"
        f"  ({for_terminal(item.key)})"
    )


def _labelled(sessions: Sequence[Any]) -> bool:
    """Label each line with its programme when the lines come from more than one."""
    return len({getattr(s, "programme", "") for s in sessions}) > 1


def _print_sessions(
    sessions: Sequence[Any],
    picks: dict[tuple[str, str], Pick],
    trip: TripInfo,
    lang: str,
    conflicted: set[tuple[str, str]] | None = None,
    *,
    label: bool | None = None,
) -> None:
    tz = trip.venue_tz
    zone = get_zone(tz)
    day: date | None = None
    if label is None:
        label = _labelled(sessions)
    for s in sessions:
        d = s.start.astimezone(zone).date()
        if d != day:
            day = d
            click.echo(fmt_date(d, lang))
        hit = bool(conflicted and svc.ref(s) in conflicted)
        if isinstance(s, PersonalItem):
            click.echo("  " + _personal_line(s, tz, lang, conflict=hit))
        else:
            click.echo(
                "  "
                + _session_line(s, picks.get(svc.ref(s)), tz, conflict=hit, label=label, lang=lang)
            )


def _json_out(
    sessions: Sequence[AnySession], picks: dict[tuple[str, str], Pick], trip: TripInfo
) -> None:
    click.echo(
        pretty_json(
            [
                svc.session_json(s, picks.get(svc.ref(s)), trip.venue_tz)  # type: ignore[arg-type]
                for s in sessions
            ]
        )
    )


class Encoded(str):
    """JSON text already encoded (the agenda's conflict lists, whose partners repeat): written
    as it is by pretty_json."""


def _scalar(value: Any) -> str | None:
    if type(value) is Encoded:
        return value
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


def pretty_json(items: list[dict[str, Any]], *, compact_nested: bool = False) -> str:
    """Exactly `json.dumps(items, ensure_ascii=False, indent=2)` for a list of flat objects
    (values: text, booleans, integers, lists of those), built from the C string encoder:
    json's indented output runs in pure Python, 5x slower on a day of a big programme.
    Anything else is handed to json.dumps — or, with `compact_nested`, written on one line
    by the C encoder (the agenda's conflict lists: 100,000 pairs in a busy agenda, which the
    indented encoder takes seconds over)."""
    parts = []
    for item in items:
        fields = []
        for key, value in item.items():
            text = _scalar(value)
            if (
                text is None
                and compact_nested
                and isinstance(value, (list, dict))
                and any(
                    isinstance(v, (list, dict))
                    for v in (value if isinstance(value, list) else value.values())
                )
            ):
                text = json.dumps(value, ensure_ascii=False)
            if text is None and isinstance(value, list):
                inner = [_scalar(v) for v in value]
                if None in inner:
                    return json.dumps(items, ensure_ascii=False, indent=2)
                text = (
                    "[\n" + ",\n".join(f"      {v}" for v in inner) + "\n    ]" if inner else "[]"
                )
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
        text = tr(
            "moved: {title}: {old} → {new}",
            lang,
            title=title,
            old=_when(old, tz, lang),
            new=_when(new, tz, lang),
        )
    elif c.kind == "room":
        text = tr(
            "room changed: {title}: {old} → {new}",
            lang,
            title=title,
            old=for_terminal(c.before) or "-",
            new=for_terminal(c.after) or "-",
        )
    elif c.kind == "title":
        text = tr(
            "title changed: “{old}” → “{new}”",
            lang,
            old=for_terminal(c.before),
            new=for_terminal(c.after),
        )
    elif c.kind == "new":
        text = tr("new: {title} ({when})", lang, title=title, when=_when(c.start, tz, lang))
    elif c.kind == "removed":
        text = tr("removed: {title} (was {when})", lang, title=title, when=_when(c.start, tz, lang))
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
        click.echo(
            trn(
                "{n} of them affects your starred sessions.",
                "{n} of them affect your starred sessions.",
                len(starred),
                lang,
            )
        )
    for c in report.changes:
        click.echo("  " + _change_line(c, trip.venue_tz, lang))
    if report.key_renames:
        click.echo(
            trn(
                "{n} session changed its id; its star and note followed it.",
                "{n} sessions changed their ids; stars and notes followed them.",
                len(report.key_renames),
                lang,
            )
        )


# --- commands ----------------------------------------------------------------------------


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""
    main.add_command(schedule)


# Commands that load the importers, in their own module (see tripkit.cli.schedule_import).
_LAZY = {
    "import": "tripkit.cli.schedule_import",
    "refresh": "tripkit.cli.schedule_import",
    "share": "tripkit.cli.schedule_share",
    "receive": "tripkit.cli.schedule_share",
}


class _ScheduleGroup(LazyGroup):
    lazy = _LAZY

    def registered(self) -> None:
        # The global options after the command, as every other command takes them
        # (`tripkit schedule import FILE --lang ja`): the lazily added ones had none.
        from tripkit.cli import accept_global_options

        for command in self.commands.values():
            accept_global_options(command)


@click.group(cls=_ScheduleGroup)
def schedule() -> None:
    """Import a conference programme, search it, star sessions, see your agenda."""


def _trip(ctx: Ctx) -> TripInfo:
    return trip_info(ctx.store, ctx.trip_option)


@schedule.command("changes")
@click.option(
    "--programme",
    "-p",
    "programme",
    default="main",
    show_default=True,
    metavar="NAME",
    help="The programme whose last refresh to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def changes_cmd(ctx: Ctx, programme: str, as_json: bool) -> None:
    """What the last refresh changed."""
    trip = _trip(ctx)
    svc.programme_names(ctx.store, trip, programme)
    report = svc.last_changes(ctx.store, trip, programme)
    if as_json:
        click.echo(json.dumps(report.to_json() if report else None, ensure_ascii=False, indent=2))
        return
    if report is None:
        click.echo(tr("No refresh since the first import.", ctx.lang))
        return
    _print_changes(report, trip, ctx.lang)


@schedule.command("programmes")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def programmes_cmd(ctx: Ctx, as_json: bool) -> None:
    """The trip's programmes: name, sessions, stars, source."""
    trip = _trip(ctx)
    p = ctx.store.programmes
    rows: list[dict[str, Any]] = []
    for name in svc.programme_names(ctx.store, trip):
        row = p.get(trip.id, name)
        assert row is not None
        rows.append(
            {
                "name": name,
                "title": row.title,
                "source": row.source,
                "format": row.format,
                "sessions": p.count(trip.id, name),
                "starred": len(p.starred_keys(trip.id, name)),
                "imported": row.imported,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(
            trn(
                "{name}: {n} session, {s} starred — {title} ({source})",
                "{name}: {n} sessions, {s} starred — {title} ({source})",
                r["sessions"],
                ctx.lang,
                name=for_terminal(r["name"]),
                n=r["sessions"],
                s=r["starred"],
                title=for_terminal(r["title"]) or "-",
                source=for_terminal(r["source"]),
            )
        )


@schedule.command("remove")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def remove_cmd(ctx: Ctx, name: str, as_json: bool) -> None:
    """Remove programme NAME and the stars and notes on its sessions (listed as it goes)."""
    trip = _trip(ctx)
    svc.programme_names(ctx.store, trip, name)
    titles = {s.key: s.title for s in ctx.store.programmes.sessions(trip.id, name)}
    # In schedule order (then the picks of sessions no longer in it).
    order = {k: i for i, k in enumerate(titles)}
    dropped = sorted(
        svc.remove_programme(ctx.store, trip, name),
        key=lambda d: (order.get(d.key, len(order)), d.key),
    )
    if as_json:
        click.echo(
            json.dumps(
                {
                    "removed": name,
                    "dropped": [
                        {
                            "id": d.key,
                            "title": titles.get(d.key, ""),
                            "starred": d.pick.starred,
                            "interest": d.pick.level,
                            "reservation": d.pick.reservation,
                            "note": d.pick.note,
                        }
                        for d in dropped
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(tr("Removed programme {name}.", ctx.lang, name=for_terminal(name)))
    if not dropped:
        click.echo(tr("It held no stars or notes.", ctx.lang))
        return
    click.echo(
        trn(
            "This star or note went with it:",
            "These {n} stars and notes went with it:",
            len(dropped),
            ctx.lang,
        )
    )
    for d in dropped:
        mark = _LEVEL_MARK.get(d.pick.level, " ")
        note = (
            "  " + tr("Note: {note}", ctx.lang, note=for_terminal(d.pick.note))
            if d.pick.note
            else ""
        )
        click.echo(
            f"  {mark} {for_terminal(titles.get(d.key, d.key))}  ({for_terminal(d.key)}){note}"
        )


def _matching(
    ctx: Ctx, trip: TripInfo, text: str, as_json: bool, **filters: Any
) -> tuple[list[SessionRow], dict[tuple[str, str], Pick]] | None:
    """What `schedule list` and `search` show: the matching sessions and their picks, or None
    when the answer is already printed (the JSON, or that nothing matches).

    `filters` are the options of `filter_options` and `programme_option` (and `--starred`)."""
    found = svc.find(ctx.store, trip, text, **filters)
    picks = svc.picks_of(ctx.store, trip, found)
    if as_json:
        _json_out(found, picks, trip)
        return None
    if not found:
        click.echo(tr("No sessions match.", ctx.lang))
        return None
    return found, picks


@schedule.command("list")
@click.option("--starred", is_flag=True, help="Only starred sessions.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@filter_options
@programme_option
@pass_ctx
def list_cmd(ctx: Ctx, starred: bool, as_json: bool, **filters: Any) -> None:
    """List sessions, by day, in the venue's zone (each labelled with its programme when the
    trip has several)."""
    trip = _trip(ctx)
    shown = _matching(ctx, trip, "", as_json, starred=starred, **filters)
    if shown is not None:
        _print_sessions(*shown, trip, ctx.lang, label=len(svc.programme_names(ctx.store, trip)) > 1)


@schedule.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@filter_options
@programme_option
@pass_ctx
def search_cmd(ctx: Ctx, query: tuple[str, ...], as_json: bool, **filters: Any) -> None:
    """Find sessions by words in the title, speakers, abstract, track or room."""
    trip = _trip(ctx)
    shown = _matching(ctx, trip, " ".join(query), as_json, **filters)
    if shown is None:
        return
    found, picks = shown
    label = len(svc.programme_names(ctx.store, trip)) > 1
    click.echo(trn("{n} session matches.", "{n} sessions match.", len(found), ctx.lang))
    for s in found:
        click.echo(
            "  "
            + _session_line(s, picks.get(svc.ref(s)), trip.venue_tz, label=label, lang=ctx.lang)
            + "  "
            + fmt_date(s.start.astimezone(get_zone(trip.venue_tz)).date(), ctx.lang, year=False)
        )


@schedule.command("show")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@programme_option
@pass_ctx
def show_cmd(ctx: Ctx, key: str, as_json: bool, programme: str | None) -> None:
    """Everything about one session."""
    trip = _trip(ctx)
    s = svc.find_session(ctx.store, trip, key, programme)
    pick = svc.picks_of(ctx.store, trip, [s]).get(svc.ref(s))
    if as_json:
        click.echo(
            json.dumps(svc.session_json(s, pick, trip.venue_tz), ensure_ascii=False, indent=2)
        )
        return
    lang, tz = ctx.lang, trip.venue_tz
    click.echo(("★ " if pick and pick.starred else "") + for_terminal(s.title))
    if s.subtitle:
        click.echo(for_terminal(s.subtitle))
    day = fmt_date(s.start.astimezone(get_zone(tz)).date(), lang)
    # The home time only when it reads differently (Berlin beside Brussels says nothing).
    home = fmt_dt(s.start, trip.home_tz, lang)
    click.echo(
        f"{day} {fmt_span(s.start, s.end, tz)}"
        + (f"  ({home})" if home != fmt_dt(s.start, tz, lang) else "")
    )
    rows = [
        (tr("Programme", lang), s.programme),
        (tr("Room", lang), s.room),
        (tr("Track", lang), s.track),
        (tr("Type", lang), s.type),
        (tr("Speakers", lang), ", ".join(p.name for p in s.speakers)),
        (tr("Language", lang), ", ".join(s.languages)),
        ("URL", s.url),
        ("id", s.key),
        (tr("Interest", lang), tr(pick.level, lang) if pick and pick.level else ""),
    ]
    for label, value in rows:
        if value:
            click.echo(f"{label}: {for_terminal(value)}")
    if pick and pick.reservation:  # the words of the TUI and the exports (core.wording)
        state = reservation_word(pick.reservation, lang)
        click.echo(tr("Reservation: {state}", lang, state=state))
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

    @schedule.command(
        name, help=f"{verb} sessions by id, or in bulk (--all, --track, --day, --room)."
    )
    @click.argument("keys", nargs=-1)
    @click.option("--all", "all_", is_flag=True, help="Every session.")
    @click.option("--track", default=None, help="Every session of this track.")
    @click.option(
        "--day",
        callback=_day,
        default=None,
        metavar="DATE",
        help="Every session of this day (in the venue's zone).",
    )
    @click.option("--room", default=None, help="Every session in this room.")
    @programme_option
    @pass_ctx
    def cmd(
        ctx: Ctx,
        keys: tuple[str, ...],
        all_: bool,
        track: str | None,
        day: date | None,
        room: str | None,
        programme: str | None,
    ) -> None:
        trip = _trip(ctx)
        bulk = all_ or track is not None or day is not None or room is not None
        if not keys and not bulk:
            raise click.UsageError(
                tr("give session ids, or --all, --track, --day or --room", ctx.lang)
            )
        done: list[str] = []
        if keys:
            done += svc.set_starred(ctx.store, trip, keys, starred, programme)
        if bulk:
            found = svc.find(ctx.store, trip, day=day, track=track, room=room, programme=programme)
            by_programme: dict[str, list[str]] = {}
            for s in found:
                by_programme.setdefault(s.programme, []).append(s.key)
            for pname, chosen in by_programme.items():
                done += svc.set_starred(ctx.store, trip, chosen, starred, pname)
        if starred:
            click.echo(trn("Starred {n} session.", "Starred {n} sessions.", len(done), ctx.lang))
        else:
            click.echo(
                trn("Unstarred {n} session.", "Unstarred {n} sessions.", len(done), ctx.lang)
            )


_star_command("star", True)
_star_command("unstar", False)


@schedule.command("interest")
@click.argument("level", type=click.Choice(svc.INTERESTS))
@click.argument("keys", nargs=-1, required=True)
@programme_option
@pass_ctx
def interest_cmd(ctx: Ctx, level: str, keys: tuple[str, ...], programme: str | None) -> None:
    """How much you want sessions: must, want (a star) or maybe (each stars them)."""
    done = svc.set_pick(ctx.store, _trip(ctx), keys, interest=level, programme=programme)
    one, many = "{n} session marked {level}.", "{n} sessions marked {level}."
    _say_count(ctx, one, many, done, level=tr(level, ctx.lang))


@schedule.command("reserve")
@click.argument("state", type=click.Choice([*svc.RESERVATIONS, "unknown"]))
@click.argument("keys", nargs=-1, required=True)
@programme_option
@pass_ctx
def reserve_cmd(ctx: Ctx, state: str, keys: tuple[str, ...], programme: str | None) -> None:
    """Record a seat reservation: reserved, waitlisted, full, not-needed (unknown clears)."""
    value = "" if state == "unknown" else state
    done = svc.set_pick(ctx.store, _trip(ctx), keys, reservation=value, programme=programme)
    one, many = "Reservation of {n} session: {state}.", "Reservation of {n} sessions: {state}."
    _say_count(ctx, one, many, done, state=tr(state, ctx.lang))


def _say_count(ctx: Ctx, one: str, many: str, done: Sequence[object], **values: object) -> None:
    """ "1 session ...", "2 sessions ...": the form that fits, in the user's language."""
    click.echo(trn(one, many, len(done), ctx.lang, **values))


@schedule.command("attend")
@click.argument("keys", nargs=-1, required=True)
@click.option("--not", "missed", is_flag=True, help="You did not attend (a starred session).")
@programme_option
@pass_ctx
def attend_cmd(ctx: Ctx, keys: tuple[str, ...], missed: bool, programme: str | None) -> None:
    """Mark sessions attended (for the trip report; starred ones count unless --not)."""
    done = svc.set_pick(ctx.store, _trip(ctx), keys, attended=not missed, programme=programme)
    if missed:
        _say_count(
            ctx, "{n} session marked not attended.", "{n} sessions marked not attended.", done
        )
    else:
        _say_count(ctx, "{n} session marked attended.", "{n} sessions marked attended.", done)


@schedule.command("attended")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def attended_cmd(ctx: Ctx, as_json: bool) -> None:
    """The sessions you attended (marked, or starred and over), for the trip report."""
    _pick_list(ctx, svc.attended, as_json, "No sessions attended yet.", with_url=False)


@schedule.command("watch-later")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def watch_later_cmd(ctx: Ctx, as_json: bool) -> None:
    """Recorded picks that clash with an unrecorded one: watch them later."""
    _pick_list(ctx, svc.watch_later, as_json, "Nothing to watch later.", with_url=True)


def _pick_list(ctx: Ctx, select: Any, as_json: bool, empty: str, *, with_url: bool) -> None:
    """Print the sessions `select(store, trip)` returns, with their picks (or JSON)."""
    trip = _trip(ctx)
    found = select(ctx.store, trip)
    picks = svc.picks_of(ctx.store, trip, found)
    if as_json:
        _json_out(found, picks, trip)
    elif not found:
        click.echo(tr(empty, ctx.lang))
    elif not with_url:
        _print_sessions(found, picks, trip, ctx.lang)
    else:  # the recording link is what "watch later" is for
        for s in found:
            click.echo(
                _session_line(s, picks.get(svc.ref(s)), trip.venue_tz, lang=ctx.lang)
                + (f"  {for_terminal(s.url)}" if s.url else "")
            )


@schedule.command("note")
@click.argument("key")
@click.argument("text", nargs=-1)
@programme_option
@pass_ctx
def note_cmd(ctx: Ctx, key: str, text: tuple[str, ...], programme: str | None) -> None:
    """Keep a note on a session (no TEXT clears it)."""
    trip = _trip(ctx)
    svc.set_note(ctx.store, trip, key, " ".join(text), programme)
    click.echo(tr("Note saved.", ctx.lang) if text else tr("Note cleared.", ctx.lang))


def _walk_text(a: Building, b: Building, w: Walk, lang: str) -> str:
    """ "7 min walk from Moscone South to West" (a shared first word is said once)."""
    first, second = a.name, b.name
    head = first.split(" ")[0] + " "
    if first.startswith(head) and second.startswith(head) and len(second) > len(head):
        second = second[len(head) :]
    text = tr("{m} min walk from {a} to {b}", lang, m=w.minutes, a=first, b=second)
    # Japanese brackets carry their own spacing; English wants a space before "(".
    return text + (
        (" " if lang == "en" else "") + tr("(tripkit's estimate)", lang) if w.estimate else ""
    )


def _building(walks: Any, room: str) -> str:
    """What a walk from `room` depends on: its building ("" when the venue data has none)."""
    found = walks.building_of(room)
    return found.id if found is not None else ""


def _partner(
    x: Any, kind: str, walks: VenueWalks | None = None, other: Any = None
) -> dict[str, Any]:
    out: dict[str, Any] = (
        {"personal": x.id, "kind": kind}
        if isinstance(x, PersonalItem)
        else {"id": x.key, "programme": x.programme, "kind": kind}
    )
    if kind == "travel" and walks is not None and other is not None:
        walk = walks.walk(other.room, x.room)
        if walk is not None:
            out["walk_minutes"] = walk[2].minutes
            out["walk_estimate"] = walk[2].estimate
    return out


@schedule.command("agenda")
@click.option(
    "--gap",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    metavar="MINUTES",
    help="Walking time needed between rooms (where the venue's data does not say).",
)
@click.option(
    "--no-venue-walks",
    "no_walks",
    is_flag=True,
    help="Ignore the venue's walking times between buildings; use --gap only.",
)
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help=f"List every conflicting pair (above {CONFLICTS_SHOWN}, counts per day).",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def agenda_cmd(ctx: Ctx, gap: int, no_walks: bool, all_: bool, as_json: bool) -> None:
    """Your starred sessions (every programme) and your own items, in time order, with
    conflicts."""
    trip = _trip(ctx)
    lang, tz = ctx.lang, trip.venue_tz
    ag = svc.agenda(ctx.store, trip, travel_gap=timedelta(minutes=gap), use_venue=not no_walks)
    if as_json:
        out = []
        # A busy agenda has 100,000 conflicting pairs, each listed on both its items; the same
        # partner recurs on many of them, so each is encoded once: by item and kind, and for a
        # "travel" one with the venue's walking data also by the building walked from.
        partners: dict[tuple[str, str], list[str]] = {}
        encoded: dict[tuple[Any, ...], str] = {}
        walks = ag.walks
        ref = svc.ref

        def encode(key: tuple[Any, ...], x: Any, kind: str, other: Any) -> str:
            value = _partner(x, kind, walks, other) if key[2] is not None else _partner(x, kind)
            text = encoded[key] = json.dumps(value, ensure_ascii=False)
            return text

        for c in ag.conflicts:  # inlined: this loop runs 100,000 times in a busy agenda
            first, second, kind = c.first, c.second, c.kind
            r1, r2 = ref(first), ref(second)
            by_room = kind == "travel" and walks is not None
            k1 = (r2, kind, _building(walks, first.room) if by_room else None)
            k2 = (r1, kind, _building(walks, second.room) if by_room else None)
            partners.setdefault(r1, []).append(encoded.get(k1) or encode(k1, second, kind, first))
            partners.setdefault(r2, []).append(encoded.get(k2) or encode(k2, first, kind, second))
        advice = _advice(ag.conflicts)
        for x in ag.items:
            if isinstance(x, PersonalItem):
                item = {"entry": "personal", **svc.personal_json(x, tz)}
            else:
                item = {"entry": "session", **svc.session_json(x, ag.picks.get(svc.ref(x)), tz)}
            # json.dumps' own separators: the same text as encoding the list of objects.
            item["conflicts"] = Encoded("[" + ", ".join(partners.get(svc.ref(x), ())) + "]")
            if not isinstance(x, PersonalItem):
                item["plan"] = advice.get(svc.ref(x))  # "live", "watch-later" or None
            out.append(item)
        click.echo(pretty_json(out, compact_nested=True))
        return
    items = ag.items
    if not items:
        click.echo(tr("No starred sessions yet: `tripkit schedule star ID`.", lang))
    else:
        conflicted = {svc.ref(c.first) for c in ag.conflicts} | {
            svc.ref(c.second) for c in ag.conflicts
        }
        _print_sessions(
            items,
            ag.picks,
            trip,
            lang,
            conflicted,
            label=len({s.programme for s in ag.sessions}) > 1,
        )
    several = len({s.programme for s in ag.sessions}) > 1

    def named(x: Any) -> str:
        # Two programmes may hold the same talk: "main: X" and "copy: X", not "X" and "X".
        title = for_terminal(x.title)
        return f"{for_terminal(x.programme)}: {title}" if several and x.programme else title

    if len(ag.conflicts) > CONFLICTS_SHOWN and not all_:
        _print_conflict_counts(ag.conflicts, tz, lang)
    else:
        for c in ag.conflicts:
            if c.kind == "overlap":
                click.echo(
                    tr(
                        "conflict: “{a}” and “{b}” overlap by {m} min",
                        lang,
                        a=named(c.first),
                        b=named(c.second),
                        m=int(c.overlap.total_seconds() // 60),
                    )
                )
                plan = suggest(c.first, c.second)
                if plan is not None:
                    click.echo("  " + _plan_line(plan, lang))
            else:
                click.echo(
                    tr(
                        "tight: {m} min to get from {ra} to {rb} (“{a}” → “{b}”)",
                        lang,
                        m=int(c.gap.total_seconds() // 60),
                        ra=for_terminal(c.first.room),
                        rb=for_terminal(c.second.room),
                        a=named(c.first),
                        b=named(c.second),
                    )
                )
                walk = ag.walks.walk(c.first.room, c.second.room) if ag.walks else None
                if walk is not None:
                    click.echo("  " + _walk_text(*walk, lang))
    if ag.missing:
        click.echo(
            trn(
                "{n} starred session is no longer in the schedule.",
                "{n} starred sessions are no longer in the schedule.",
                len(ag.missing),
                lang,
            )
        )


def _advice(found: Sequence[Any]) -> dict[tuple[str, str], str]:
    """For each session in an overlap with a plan B: "live", or "watch-later" (recorded).
    Live wins: a session someone must attend live in one pair is not "later" in another."""
    out: dict[tuple[str, str], str] = {}
    for c in found:
        plan = suggest(c.first, c.second) if c.kind == "overlap" else None
        if plan is None:
            continue
        out[svc.ref(plan.live)] = "live"
        if plan.watch_later:
            out.setdefault(svc.ref(plan.later), "watch-later")
    return out


def _plan_line(plan: Suggestion, lang: str) -> str:
    live = tr("→ attend “{a}” live: it will not be recorded", lang, a=for_terminal(plan.live.title))
    if plan.watch_later:
        url = plan.later.url
        later = (
            tr(
                "watch “{b}” later: {url}",
                lang,
                b=for_terminal(plan.later.title),
                url=for_terminal(url),
            )
            if url
            else tr("watch “{b}” later", lang, b=for_terminal(plan.later.title))
        )
    else:
        later = tr(
            "the schedule does not say whether “{b}” is recorded",
            lang,
            b=for_terminal(plan.later.title),
        )
    return f"{live}; {later}"


def _print_conflict_counts(found: Sequence[Any], tz: str, lang: str) -> None:
    """Many conflicts: how many each day (by the first session's day), not every pair."""
    zone = get_zone(tz)
    per_day: dict[date, list[int]] = {}
    for c in found:
        counts = per_day.setdefault(c.first.start.astimezone(zone).date(), [0, 0])
        counts[0 if c.kind == "overlap" else 1] += 1
    click.echo(trn("{n} conflict; per day:", "{n} conflicts; per day:", len(found), lang))
    for d in sorted(per_day):
        overlaps, tight = per_day[d]
        click.echo(
            "  "
            + tr(
                "{day}: {o} overlapping, {t} tight",
                lang,
                day=fmt_date(d, lang),
                o=overlaps,
                t=tight,
            )
        )
    click.echo(tr("Use `tripkit schedule agenda --all` to list every pair.", lang))
