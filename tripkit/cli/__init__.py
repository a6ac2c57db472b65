"""The command line: `tripkit` opens the TUI; subcommands work from the shell and in scripts.

Exit codes: 0 ok, 1 a user error (bad file, unknown trip...), 2 bad usage (click's own).
A TripkitError becomes one line on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import Any

import click

from tripkit import __version__
from tripkit.cli.context import Ctx, pass_ctx
from tripkit.cli.lazy import LazyGroup
from tripkit.errors import TripkitError

# Each area registers its commands in its own module, imported only when one of its commands
# runs: `tripkit checklist` need not pay for the schedule importer, nor bare `tripkit` (the TUI)
# for any of them.
_AREAS: dict[str, str] = {
    "demo": "tripkit.cli.trips",
    "trip": "tripkit.cli.trips",
    "checklist": "tripkit.cli.checklist",
    "schedule": "tripkit.cli.schedule",
    "agenda": "tripkit.cli.agenda",
    "guide": "tripkit.cli.guide",
    "data": "tripkit.cli.guide",
    "export": "tripkit.cli.export",
    "config": "tripkit.cli.config",
    "doctor": "tripkit.cli.doctor",
    "entry": "tripkit.cli.entry",
}


class TripkitGroup(LazyGroup):
    """Loads command areas lazily; turns TripkitError into one line on stderr and exit code 1."""

    lazy = _AREAS

    def registered(self) -> None:
        for command in self.commands.values():
            accept_global_options(command)

    # The command line as typed, for a `--lang` after the token click stopped at.
    _args: list[str] = []

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        self._args = list(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:  # `tripkit --bogus`, `tripkit --lang xx`
            raise self._said(err, None) from None

    def _said(self, err: click.UsageError, ctx: click.Context | None) -> click.UsageError:
        """click's usage error in the user's language (tripkit.cli.usage)."""
        from tripkit.cli.usage import explicit_lang, localised
        from tripkit.i18n import resolve_lang

        lang = explicit_lang(self._args)
        if lang is None:
            try:
                lang = _user_lang(ctx) if ctx is not None else resolve_lang(None)
            except Exception:  # noqa: BLE001 - the message must get out in some language
                lang = "en"
        return localised(err, lang)

    def invoke(self, ctx: click.Context) -> Any:
        checklist = sys.modules.get("tripkit.services.checklist")
        if checklist is not None:  # warn of this command's rules, not an earlier one's
            checklist.SKIPPED_RULE_FILES.clear()
        self._last_ctx = ctx
        try:
            return super().invoke(ctx)
        except click.UsageError as err:  # a subcommand's options or arguments
            raise self._said(err, ctx) from None
        except TripkitError as err:
            # Messages quote names and values from files and URLs: shown, never obeyed.
            from tripkit.core.textsafe import for_terminal

            click.echo(f"tripkit: {for_terminal(_localised(err, ctx), one_line=False)}", err=True)
            sys.exit(1)
        finally:
            _warn_skipped_rule_files(ctx)

    _last_ctx: click.Context | None = None  # the command's, for a failure after it returned

    def _write_failed(self, err: OSError) -> str:
        from tripkit.i18n import tr

        try:
            lang = _user_lang(self._last_ctx) if self._last_ctx is not None else "en"
        except Exception:  # noqa: BLE001 - the message must get out in some language
            lang = "en"
        return tr("cannot write the output: {detail}", lang, detail=err.strerror)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            # `tripkit checklist | head`: the reader left; that is not an error of ours. Point
            # stdout at /dev/null so that the interpreter's final flush does not complain.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
                raise
            # stdout on a full or broken device: one line, and the exit code says it failed.
            with contextlib.suppress(OSError):
                click.echo(f"tripkit: {self._write_failed(err)}", err=True)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)


def _warn_skipped_rule_files(ctx: click.Context) -> None:
    """Checklist files of the user's that were left out (a typo): one warning each, with the
    file and line, whichever command read the rules (checklist, export, guide...)."""
    checklist = sys.modules.get("tripkit.services.checklist")
    if checklist is None or not checklist.SKIPPED_RULE_FILES:
        return
    from tripkit.core.textsafe import for_terminal
    from tripkit.i18n import render, tr

    lang = _user_lang(ctx)
    for problem in checklist.SKIPPED_RULE_FILES:
        click.echo(
            "tripkit: "
            + tr(
                "warning: checklist file skipped: {problem}",
                lang,
                problem=for_terminal(render(problem, lang)),
            ),
            err=True,
        )


# The options of `tripkit` itself, also accepted after the subcommand (`tripkit guide --lang ja`):
# people type them where they think of them. Each sets the same field of the shared Ctx.
_GLOBAL_OPTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "--lang": ("lang_option", {"type": click.Choice(["en", "ja"])}),
    "--trip": ("trip_option", {}),
    "--data-dir": ("data_dir", {"type": click.Path(file_okay=False, path_type=Path)}),
}


def accept_global_options(command: click.Command) -> None:
    """Add the global options, hidden, to every command that has no option of that name."""
    if isinstance(command, click.Group):  # a group may run as a command too (`checklist`)
        for sub in command.commands.values():
            accept_global_options(sub)
    taken = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for flag, (field, extra) in _GLOBAL_OPTIONS.items():
        if flag in taken:
            continue  # the command's own option (e.g. `export checklist --lang`) wins
        command.params.append(
            click.Option(
                [flag],
                expose_value=False,
                hidden=True,
                is_eager=True,
                callback=_set_global(field),
                **extra,
            )
        )


def _set_global(field: str) -> Any:
    def callback(ctx: click.Context, _param: click.Parameter, value: object) -> None:
        if value is not None:
            obj = ctx.find_object(Ctx)
            if obj is not None:
                if field == "data_dir" and obj._store is not None:
                    raise click.UsageError("--data-dir must come before anything opens the store")
                setattr(obj, field, value)

    return callback


def _user_lang(ctx: click.Context) -> str:
    from tripkit.i18n import resolve_lang

    obj = ctx.obj if isinstance(ctx.obj, Ctx) else Ctx()
    try:
        return obj.lang
    except TripkitError:  # the store may be what failed: --lang, TRIPKIT_LANG or the locale
        return resolve_lang(obj.lang_option)


def _localised(err: TripkitError, ctx: click.Context) -> str:
    """The error in the user's language (its msgid and values, and the place it names)."""
    from tripkit.i18n import render

    return render(err, _user_lang(ctx))


@click.group(
    cls=TripkitGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="tripkit")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=None,
    help="Folder of the store (default: TRIPKIT_HOME, else the platform's data folder).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default=None,
    help="Language of the output (default: config, TRIPKIT_LANG, the traveller's, the locale).",
)
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


__all__ = ["main", "Ctx", "pass_ctx"]
