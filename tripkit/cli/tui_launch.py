"""Opening the TUI from the CLI. Textual is imported here only, never by the core.

Bare `tripkit` opens the app on the last trip used; on first run it stores the bundled example
trip (labelled as an example in the app, which offers N to create one's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tripkit.cli.context import Ctx

if TYPE_CHECKING:
    from tripkit.tui.app import TripkitApp


def make_app(ctx: Ctx) -> TripkitApp:
    from tripkit.tui.app import TripkitApp  # deferred: CLI subcommands never pay for Textual

    return TripkitApp(ctx.store, lang=ctx.lang_option, trip_id=ctx.trip_option)


def launch(ctx: Ctx) -> None:
    make_app(ctx).run()
