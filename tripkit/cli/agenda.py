"""CLI commands: `tripkit agenda ...`, the traveller's own agenda items (registered lazily
by tripkit.cli). Meetings, booth duty, meals, travel blocks, badge pickup: they appear in
`tripkit schedule agenda` and take part in its conflict check.
"""

from __future__ import annotations

import json

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.core.personal import KINDS, PersonalItem
from tripkit.core.textsafe import for_terminal
from tripkit.core.timefmt import fmt_date, fmt_dt, fmt_time
from tripkit.i18n import tr
from tripkit.services import agenda as svc
from tripkit.services import schedule as sched
from tripkit.services.tripinfo import TripInfo, trip_info


def register(main: click.Group) -> None:
    main.add_command(agenda)


@click.group()
def agenda() -> None:
    """Your own agenda items (meetings, booth duty, meals, travel, badge pickup)."""


def _trip(ctx: Ctx) -> TripInfo:
    return trip_info(ctx.store, ctx.trip_option)


def _line(item: PersonalItem, tz: str, lang: str) -> str:
    place = f"  [{for_terminal(item.place)}]" if item.place else ""
    return (
        f"{fmt_dt(item.start, tz, lang)} – {fmt_time(item.end, tz)}  {for_terminal(item.title)}"
        f"{place}  ({tr(item.kind, lang)}; {for_terminal(item.id)})"
    )


_TIME_HELP = (
    "YYYY-MM-DD HH:MM in the venue's zone, or with a zone: 2027-01-12 09:00[Europe/Brussels]."
)
_END_HELP = "A time like --start, HH:MM (same day), or a duration: +90m, +2h."


@agenda.command("add")
@click.argument("title")
@click.option("--start", required=True, metavar="TIME", help=_TIME_HELP)
@click.option("--end", required=True, metavar="TIME", help=_END_HELP)
@click.option("--place", default="", help="Where (a room, a restaurant, an address).")
@click.option("--note", default="", help="A note.")
@click.option("--kind", type=click.Choice(KINDS), default="other", show_default=True)
@click.option("--id", "item_id", default=None, help="The id (default: made from the title).")
@click.option("--json", "as_json", is_flag=True, help="Output the item as JSON.")
@pass_ctx
def add_cmd(
    ctx: Ctx,
    title: str,
    start: str,
    end: str,
    place: str,
    note: str,
    kind: str,
    item_id: str | None,
    as_json: bool,
) -> None:
    """Add an item to your agenda."""
    trip = _trip(ctx)
    begin = svc.parse_start(start, trip.venue_tz)
    item = svc.add(
        ctx.store,
        trip,
        title,
        begin,
        svc.parse_end(end, begin),
        place=place,
        note=note,
        kind=kind,
        item_id=item_id,
    )
    if as_json:
        click.echo(
            json.dumps(sched.personal_json(item, trip.venue_tz), ensure_ascii=False, indent=2)
        )
        return
    click.echo(tr("Added: {line}", ctx.lang, line=_line(item, trip.venue_tz, ctx.lang)))
    _warn_outside(ctx, trip, item)


def _warn_outside(ctx: Ctx, trip: TripInfo, item: PersonalItem) -> None:
    window = svc.trip_window(ctx.store, trip, item)
    if window is not None:
        said = tr(
            "it is on {day}, not during this trip ({first} to {last}, give or take a week): "
            "check the date.",
            ctx.lang,
            day=fmt_date(item.start.date(), ctx.lang),
            first=fmt_date(window[0], ctx.lang),
            last=fmt_date(window[1], ctx.lang),
        )
        click.echo(tr("warning: {w}", ctx.lang, w=said), err=True)


@agenda.command("edit")
@click.argument("item_id", metavar="ID")
@click.option("--title", default=None)
@click.option(
    "--start",
    default=None,
    metavar="TIME",
    help=_TIME_HELP + " Without --end the item keeps its length.",
)
@click.option("--end", default=None, metavar="TIME", help=_END_HELP)
@click.option("--place", default=None)
@click.option("--note", default=None)
@click.option("--kind", type=click.Choice(KINDS), default=None)
@pass_ctx
def edit_cmd(
    ctx: Ctx,
    item_id: str,
    title: str | None,
    start: str | None,
    end: str | None,
    place: str | None,
    note: str | None,
    kind: str | None,
) -> None:
    """Change an item of your agenda."""
    trip = _trip(ctx)
    begin = svc.parse_start(start, trip.venue_tz) if start is not None else None
    finish = None
    if end is not None:
        base = begin or ctx.store.personal.get(trip.id, item_id).start
        finish = svc.parse_end(end, base)
    item = svc.edit(
        ctx.store,
        trip,
        item_id,
        title=title,
        start=begin,
        end=finish,
        place=place,
        note=note,
        kind=kind,
    )
    click.echo(tr("Changed: {line}", ctx.lang, line=_line(item, trip.venue_tz, ctx.lang)))
    _warn_outside(ctx, trip, item)


@agenda.command("remove")
@click.argument("item_id", metavar="ID")
@pass_ctx
def remove_cmd(ctx: Ctx, item_id: str) -> None:
    """Remove an item from your agenda."""
    trip = _trip(ctx)
    item = svc.remove(ctx.store, trip, item_id)
    click.echo(tr("Removed: {line}", ctx.lang, line=_line(item, trip.venue_tz, ctx.lang)))


@agenda.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def list_cmd(ctx: Ctx, as_json: bool) -> None:
    """Your own agenda items in time order (the venue's zone)."""
    trip = _trip(ctx)
    found = svc.items(ctx.store, trip)
    if as_json:
        click.echo(
            json.dumps(
                [sched.personal_json(i, trip.venue_tz) for i in found], ensure_ascii=False, indent=2
            )
        )
        return
    if not found:
        click.echo(
            tr("No agenda items yet: `tripkit agenda add TITLE --start … --end …`.", ctx.lang)
        )
        return
    for item in found:
        click.echo(_line(item, trip.venue_tz, ctx.lang))


def _to_venue_key(trip_id: str) -> str:
    return f"agenda.to_venue.{trip_id}"


@agenda.command("leave")
@click.option(
    "--minutes",
    type=click.IntRange(min=1, max=600),
    default=None,
    help="Door-to-door time from where you stay to the venue (walk or transit); "
    "remembered for the trip.",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def leave_cmd(ctx: Ctx, minutes: int | None, as_json: bool) -> None:
    """When to leave your hotel for the first session or item of each day."""
    from tripkit.core.personal import leave_times

    trip = ctx.trip()
    key = _to_venue_key(trip.id)
    if minutes is not None:
        ctx.store.set_setting(key, str(minutes))
    stored = ctx.store.get_setting(key)
    if stored is None:
        raise click.UsageError(
            tr(
                "tripkit does not know how long it takes you to get to the "
                "venue: give --minutes N once (it is remembered)",
                ctx.lang,
            )
        )
    mins = int(stored)
    info = TripInfo(trip.id, trip.name, trip.venue_tz, trip.home_tz)
    ag = sched.agenda(ctx.store, info)
    found = leave_times(ag.items, trip.stays, mins, trip.venue_tz)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "day": x.day.isoformat(),
                        "leave": x.leave.isoformat(),
                        "tz": trip.venue_tz,
                        "minutes": mins,
                        "first": {
                            "title": x.first.title,
                            "start": x.first.start.astimezone(x.leave.tzinfo).isoformat(),
                            "id": x.first.key,
                        },
                        "from": (
                            {"name": x.stay.name, "address": x.stay.address} if x.stay else None
                        ),
                    }
                    for x in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not found:
        click.echo(tr("No starred sessions or agenda items yet.", ctx.lang))
        return
    for x in found:
        where = (
            tr(
                "leave {stay}",
                ctx.lang,
                stay=for_terminal(x.stay.name)
                + (f" ({for_terminal(x.stay.address)})" if x.stay.address else ""),
            )
            if x.stay
            else tr("leave where you stay", ctx.lang)
        )
        click.echo(
            tr(
                "{day}: {where} by {time} ({m} min) for “{title}” at {start}",
                ctx.lang,
                day=fmt_date(x.day, ctx.lang),
                where=where,
                time=fmt_time(x.leave, trip.venue_tz),
                m=mins,
                title=for_terminal(x.first.title),
                start=fmt_time(x.first.start, trip.venue_tz),
            )
        )
