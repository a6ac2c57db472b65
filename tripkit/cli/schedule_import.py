"""`tripkit schedule import` and `refresh`: the commands that load the importers.

Kept apart from tripkit.cli.schedule so that reading commands never import the parsers,
httpx or pydantic (see tripkit.cli.schedule._LAZY).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from tripkit.cli.context import Ctx, pass_ctx, said
from tripkit.cli.schedule import _print_changes, _zone
from tripkit.core.textsafe import for_terminal
from tripkit.core.timefmt import fmt_date
from tripkit.i18n import render, tr, trn
from tripkit.importers import FORMATS
from tripkit.importers.fetch import parse_size
from tripkit.services import schedule as svc
from tripkit.services.tripinfo import TripInfo
from tripkit.zonenames import zone_title


def _size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(said(exc)) from None


_fetch_options = [
    click.option(
        "--max-size",
        callback=_size,
        default=None,
        metavar="SIZE",
        help="Refuse downloads over SIZE (e.g. 50MB; default 20MB or TRIPKIT_SCHEDULE_MAX_SIZE).",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0.05),
        default=None,
        metavar="SECONDS",
        help="Connect and read timeout in seconds (default 10 s connect, 30 s read).",
    ),
]


def _name(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        return svc.check_name(value)
    except ValueError as exc:
        raise click.BadParameter(said(exc)) from None


def fetch_options(fn: Any) -> Any:
    for opt in reversed(_fetch_options):
        fn = opt(fn)
    return fn


class _Progress:
    """A byte counter on stderr, only when stderr is a terminal."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, received: int, total: int | None) -> None:
        if not self.active:
            return
        from tripkit.importers.fetch import human_size

        text = human_size(received) + (f" / {human_size(total)}" if total else "")
        click.echo(
            "\r" + tr("downloading… {size}", self.lang, size=text) + "   ", err=True, nl=False
        )
        self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("", err=True)


def _info(trip: Any) -> TripInfo:
    return TripInfo(trip.id, trip.name, trip.venue_tz, trip.home_tz)


def _print_import(result: svc.ImportResult, trip: TripInfo, lang: str) -> None:
    sch = result.schedule
    tz = trip.venue_tz
    days = result.days
    click.echo(
        trn(
            "Imported {n} session from {source} ({fmt}).",
            "Imported {n} sessions from {source} ({fmt}).",
            result.count,
            lang,
            source=for_terminal(sch.source),
            fmt=sch.format,
        )
    )
    if result.name != "main":
        click.echo(tr("Programme: {name}", lang, name=for_terminal(result.name)))
    if sch.title:
        click.echo(tr("Title: {title}", lang, title=for_terminal(sch.title)))
    if len(days) == 1:
        zone = zone_title(tz, days[0], lang)  # in words, with the first day's clock
        click.echo(tr("Day: {day}, times in {tz}", lang, day=fmt_date(days[0], lang), tz=zone))
    elif days:
        click.echo(
            tr(
                "Days: {n} ({first} – {last}), times in {tz}",
                lang,
                n=len(days),
                first=fmt_date(days[0], lang),
                last=fmt_date(days[-1], lang),
                tz=zone_title(tz, days[0], lang),
            )
        )
    click.echo(tr("Rooms: {n}; tracks: {t}", lang, n=len(result.rooms), t=len(result.tracks)))
    for w in sch.warnings:
        click.echo(tr("warning: {w}", lang, w=for_terminal(render(w, lang))))
    for w in svc.fit_warnings(result, lang):
        click.echo(tr("warning: {w}", lang, w=for_terminal(w)))
    if result.replaced:
        click.echo(
            tr(
                "It replaced the previous schedule, which had no session in common "
                "with it; your stars on the old sessions are kept.",
                lang,
            )
        )


def _print_stars(got: svc.StarsResult, trip: TripInfo, lang: str) -> None:
    from tripkit.core.timefmt import fmt_dt

    click.echo(
        trn(
            "Starred {n} session of programme {name} from {source} ({k} already starred).",
            "Starred {n} sessions of programme {name} from {source} ({k} already starred).",
            len(got.starred),
            lang,
            name=for_terminal(got.name),
            source=for_terminal(got.source),
            k=got.already,
        )
    )
    if got.unmatched:
        click.echo(
            trn(
                "{n} starred event matches no session (or more than one); nothing was "
                "starred for it:",
                "{n} starred events match no session (or more than one); nothing was "
                "starred for them:",
                len(got.unmatched),
                lang,
            )
        )
        for ev in got.unmatched:
            click.echo(
                f"  {fmt_dt(ev.start, trip.venue_tz, lang)}  {for_terminal(ev.title)}"
                + (f"  (UID {for_terminal(ev.uid)})" if ev.uid else "")
            )


def register(group: click.Group) -> None:
    group.add_command(import_cmd)
    group.add_command(refresh_cmd)


@click.command("import")
@click.argument("source", metavar="PATH_OR_URL")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Force the format instead of recognising it from the content.",
)
@click.option(
    "--tz",
    callback=_zone,
    default=None,
    metavar="ZONE",
    help="IANA zone of times without one (default: the file's, else the venue's).",
)
@click.option(
    "--as",
    "name",
    default="main",
    show_default=True,
    callback=_name,
    metavar="NAME",
    help="Import as this programme (a co-located event, workshops…);"
    " an existing one of that name is refreshed from it.",
)
@click.option(
    "--stars-only",
    is_flag=True,
    help="The file is another app's starred sessions (.ics): star them in the "
    "programme (--as) instead of importing it; unmatched ones are listed.",
)
@fetch_options
@pass_ctx
def import_cmd(
    ctx: Ctx,
    source: str,
    fmt: str | None,
    tz: str | None,
    name: str,
    stars_only: bool,
    max_size: int | None,
    timeout: float | None,
) -> None:
    """Import a schedule (frab/pretalx XML or JSON, Sessionize, iCalendar) into the trip."""
    trip = ctx.trip()
    progress = _Progress(ctx.lang)
    if stars_only:
        try:
            got = svc.import_stars(
                ctx.store,
                trip,
                source,
                name=name,
                max_bytes=max_size,
                timeout=timeout,
                progress=progress,
            )
        finally:
            progress.done()
        _print_stars(got, _info(trip), ctx.lang)
        return
    try:
        result = svc.import_schedule(
            ctx.store,
            trip,
            source,
            fmt=fmt,
            tz=tz,
            max_bytes=max_size,
            timeout=timeout,
            progress=progress,
            name=name,
        )
    finally:
        progress.done()
    _print_import(result, _info(trip), ctx.lang)
    if result.changes is not None:
        _print_changes(result.changes, _info(trip), ctx.lang)


@click.command("refresh")
@click.option("--offline", is_flag=True, help="Re-read the stored copy instead of fetching.")
@click.option(
    "--tz",
    callback=_zone,
    default=None,
    metavar="ZONE",
    help="IANA zone of times without one (default: as at import).",
)
@click.option(
    "--programme",
    "-p",
    "name",
    default="main",
    show_default=True,
    callback=_name,
    metavar="NAME",
    help="The programme to refresh (the others are left alone).",
)
@fetch_options
@pass_ctx
def refresh_cmd(
    ctx: Ctx, offline: bool, tz: str | None, name: str, max_size: int | None, timeout: float | None
) -> None:
    """Fetch the schedule's source again and show what changed."""
    trip = ctx.trip()
    progress = _Progress(ctx.lang)
    try:
        result = svc.refresh_schedule(
            ctx.store,
            trip,
            offline=offline,
            tz=tz,
            max_bytes=max_size,
            timeout=timeout,
            progress=progress,
            name=name,
        )
    finally:
        progress.done()
    if result.not_modified:
        click.echo(tr("The schedule has not changed on the server (HTTP 304).", ctx.lang))
        return
    _print_import(result, _info(trip), ctx.lang)
    if result.changes is not None:
        _print_changes(result.changes, _info(trip), ctx.lang)
