"""A click group whose commands live in modules imported on first use, so that `tripkit --help`
or one command does not import every area (and its dependencies) at start-up."""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Iterator

import click

from tripkit.cli.help_lang import HelpContext, use_help_context


class LazyGroup(click.Group):
    """`lazy` maps a command name to the module whose `register(group)` adds that command."""

    lazy: dict[str, str] = {}
    context_class = HelpContext  # help in the user's language (tripkit.cli.help_lang)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            with quiet_imports():
                importlib.import_module(self.lazy[cmd_name]).register(self)
            for command in self.commands.values():
                use_help_context(command)
            self.registered()
        return super().get_command(ctx, cmd_name)

    def registered(self) -> None:
        """Called after a module has added its commands."""


@contextlib.contextmanager
def quiet_imports() -> Iterator[None]:
    """Around imports of long-lived modules (an area's commands, pydantic, the models, the
    services): their objects live as long as the process, and the cyclic GC's passes over
    them while they are created, and again at every later collection and at exit, cost a
    `checklist --json` process ~25 ms of CPU (issue 13) and find nothing to free. So no
    collection inside, and what was made is frozen out of later collections (gc.freeze: the
    documented way to exclude long-lived objects). Collection stays on for the rest of what
    a command does."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        gc.freeze()
