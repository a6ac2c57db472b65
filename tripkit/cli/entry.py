"""CLI command: `tripkit entry [--json]` - what each border on the route asks of you.

The text form lists the borders in route order (entry, connection, preclearance, return),
each with where and when it is crossed, what it asks of this traveller and what to fix.
--json prints {"trip": ID, "borders": [...]} with ISO 8601 instants carrying their offset.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.i18n import tr

if TYPE_CHECKING:
    from tripkit.core.models import Trip


def _plain(text: str) -> str:
    """Printed literally: control characters become visible, never interpreted."""
    return "".join(
        f"\\x{ord(c):02x}" if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 else c
        for c in text
    )


def register(main: click.Group) -> None:
    @main.command("entry")
    @click.option("--json", "as_json", is_flag=True, help="Output JSON (one object per border).")
    @click.option("--sources", "show_sources", is_flag=True, help="List each border's sources.")
    @pass_ctx
    def entry_cmd(ctx: Ctx, as_json: bool, show_sources: bool) -> None:
        """What each border on your route asks of you: visa, ETA, passport, in route order."""
        from tripkit.core.lean import Lean
        from tripkit.core.leanmode import lean
        from tripkit.services.checklist_cache import lean_trip

        # The stored trip read lean, and judged lean, as a cold `checklist --json` is: the
        # borders are part of the checklist's work and should not cost pydantic's import on
        # top of it (issue 13); a row the lean reader refuses is read as the model.
        trip = lean_trip(ctx.store, ctx.trip_id())
        with lean(isinstance(trip, Lean)):
            _entry(trip, ctx.lang, as_json, show_sources)


def _entry(trip: Trip, lang: str, as_json: bool, show_sources: bool) -> None:
    from tripkit.services import entry as svc

    if as_json:
        click.echo(json.dumps(svc.entry_json(trip, lang), ensure_ascii=False, indent=2))
        return
    views = svc.borders(trip, lang)
    unknown = svc.unplaced_airports(trip)
    if unknown:
        click.echo(
            click.style(
                "! "
                + tr(
                    "tripkit does not know which country {airports} is in, so the borders "
                    "there are missing below: add origin_country / destination_country to "
                    "those flights",
                    lang,
                    airports=", ".join(unknown),
                ),
                fg="red",
            )
        )
        click.echo()
    placed = svc.library_airports(trip)
    if placed:
        # Where the country of an airport came from, when it is not the reviewed file: a
        # border judged on the library's country is only as good as that row.
        click.echo(
            tr(
                "The countries of {airports} are from the airportsdata library, not "
                "tripkit's reviewed airports.",
                lang,
                airports=", ".join(placed),
            )
        )
        click.echo()
    if not views:
        home, dest = trip.traveller.home_country, trip.destination_country
        if home == dest:
            click.echo(tr("This trip crosses no border.", lang))
        else:
            # A German on the train to Brussels crosses a national border, but none with
            # immigration by the route's rules (one border area); whether a country
            # checks at its internal borders during the trip is not in tripkit's data.
            from tripkit.i18n import country_name

            click.echo(
                tr(
                    "No border on this route has immigration control by tripkit's rules: "
                    "from {home} to {dest} you stay inside one border area. Carry your "
                    "passport or the identity card you travel on all the same: tripkit "
                    "does not know whether there are checks during your trip.",
                    lang,
                    home=country_name(home, lang),
                    dest=country_name(dest, lang),
                )
            )
        return
    status_labels = svc.STATUS_LABELS
    for view in views:
        v = view.verdict
        click.echo(click.style(_plain(view.title), bold=True))
        req = tr(svc.REQUIREMENT_LABELS[v.requirement], lang)
        click.echo(
            "  "
            + tr(
                "Requirement: {req} · Status: {status}",
                lang,
                req=req,
                status=tr(status_labels[svc.status_key(v)], lang),
            )
        )
        for line in view.lines:
            click.echo(f"  - {_plain(line)}")
        for line in view.warnings:
            click.echo("  " + click.style(f"! {_plain(line)}", fg="red"))
        if show_sources:
            for src in v.sources:
                dated = f" ({_plain(src.date)})" if src.date else ""
                click.echo(f"    · {_plain(src.title)}{dated}: {_plain(src.url)}")
        click.echo()
