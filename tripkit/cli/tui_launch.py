"""Opening the TUI from the CLI. Textual is imported here only, never by the core."""

from __future__ import annotations

import click

from tripkit.cli.context import Ctx


def launch(ctx: Ctx) -> None:
    click.echo(click.get_current_context().get_help())
