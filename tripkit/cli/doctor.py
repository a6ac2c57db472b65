"""CLI command: `tripkit doctor` (registered by tripkit.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.core.textsafe import for_terminal


def register(main: click.Group) -> None:
    main.add_command(doctor)


@click.command()
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write every unreadable row to this folder as JSON.",
)
@click.option(
    "--repair",
    is_flag=True,
    help="Export the unreadable rows (to --export, else a rescued-… folder beside "
    "the store) and repair them.",
)
@pass_ctx
def doctor(ctx: Ctx, export_dir: Path | None, repair: bool) -> None:
    """Check the store for data an older tripkit stored but cannot read back; export and
    repair it. Exit code 1 while problems remain."""
    from tripkit.i18n import tr, trn
    from tripkit.services import doctor as svc

    lang = ctx.lang
    report = svc.examine(ctx.store)
    if report.healthy:
        click.echo(tr("The store is healthy: every row reads back.", lang))
        return
    click.echo(
        trn(
            "{n} stored row cannot be read:",
            "{n} stored rows cannot be read:",
            len(report.problems),
            lang,
        )
    )
    for p in report.problems:
        where = f"{p.what} {p.trip_id}" + (f"/{p.key}" if p.key and p.key != p.trip_id else "")
        click.echo(f"  {for_terminal(where)}: {for_terminal(p.problem)}")
    if export_dir is not None or repair:
        folder = svc.export(report, export_dir or svc.rescue_folder(ctx.store))
        click.echo(tr("Exported them to {folder}.", lang, folder=str(folder)))
    if not repair:
        click.echo(
            tr("Run `tripkit doctor --repair` to repair them (they are exported first).", lang)
        )
        sys.exit(1)
    svc.repair(ctx.store, report)
    for p in report.problems:
        click.echo(f"  {for_terminal(p.what)} {for_terminal(p.trip_id)}: {for_terminal(p.fixed)}")
    left = svc.examine(ctx.store)
    if not left.healthy:
        click.echo(
            trn(
                "{n} row is still unreadable.",
                "{n} rows are still unreadable.",
                len(left.problems),
                lang,
            )
        )
        sys.exit(1)
    click.echo(tr("The store is healthy now.", lang))
