"""The command line: `tripkit` opens the TUI; subcommands work from the shell and in scripts.

Exit codes: 0 ok, 1 a user error (bad file, unknown trip...), 2 bad usage (click's own).
A TripkitError becomes one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tripkit import __version__
from tripkit.cli.context import Ctx, pass_ctx
from tripkit.errors import TripkitError

F = TypeVar("F", bound=Callable[..., Any])


class TripkitGroup(click.Group):
    """Turns TripkitError into a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TripkitError as err:
            click.echo(f"tripkit: {err}", err=True)
            sys.exit(1)


@click.group(cls=TripkitGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tripkit")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar=None,
              help="Folder of the store (default: TRIPKIT_HOME, else the platform's data folder).")
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None,
              help="Language of the output (default: config, TRIPKIT_LANG, then the locale).")
@click.option("--trip", "trip_id", default=None, help="Trip to work on (default: the current one).")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, lang: str | None, trip_id: str | None) -> None:
    """tripkit: your trip to a conference abroad, in the terminal, offline.

    Run without a command to open the interactive app on your last trip
    (the bundled example trip on first run).
    """
    ctx.obj = Ctx(data_dir=data_dir, lang_option=lang, trip_option=trip_id)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from tripkit.cli.tui_launch import launch

        launch(ctx.obj)


# Each area registers its commands in its own module.
from tripkit.cli import checklist as _checklist  # noqa: E402
from tripkit.cli import export as _export  # noqa: E402
from tripkit.cli import guide as _guide  # noqa: E402
from tripkit.cli import schedule as _schedule  # noqa: E402
from tripkit.cli import trips as _trips  # noqa: E402

for _module in (_trips, _checklist, _schedule, _guide, _export):
    _module.register(main)

__all__ = ["main", "Ctx", "pass_ctx"]
