"""click's usage errors (unknown option or command, missing argument, a value not among the
choices...) said in the user's language.

click writes its own English ("Usage: ... Error: No such option '--bogus'."): its messages go
through gettext's global domain, for which tripkit ships no catalog, and a global
`gettext.install` would change every other library's messages too. Instead the entry point
(tripkit.cli.TripkitGroup) hands each UsageError to `localised`, which rebuilds the message
from the error's own fields (the option's name, the parameter, its choices) through tripkit's
catalog. In Japanese that is one line on stderr, with where to find the usage; exit code 2 as
click's. English keeps click's own output (its usage line and hint).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, Any

import click

from tripkit.core.langs import LANGS
from tripkit.core.textsafe import for_terminal

# click 8's wording of an error it raises without a field of its own (Context.fail).
_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")


class SaidUsageError(click.UsageError):
    """A usage error already said in the user's language: shown as one line."""

    def __init__(self, line: str, original: click.UsageError) -> None:
        super().__init__(line, original.ctx)  # exit code 2, as click's

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"tripkit: {self.message}", file=file, err=file is None)


def explicit_lang(args: Sequence[str]) -> str | None:
    """The value of a `--lang` the user typed anywhere in the command line (click stops
    parsing at the first bad token, so `schedule list --bogus --lang ja` never read it)."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.removeprefix("--lang=")
    return found if found in LANGS else None


def localised(err: click.UsageError, lang: str) -> click.UsageError:
    """`err` as the user should read it: itself in English (click's own text and usage line),
    a `SaidUsageError` in another language. An error that is already said, or the help that
    click shows for a group typed without a command, is returned as it is."""
    if lang == "en" or isinstance(err, SaidUsageError | click.exceptions.NoArgsIsHelpError):
        return err
    line = say(err, lang)
    ctx = err.ctx
    if ctx is not None:
        from tripkit.i18n import tr

        line += tr(" (see {command} --help)", lang, command=ctx.command_path)
    return SaidUsageError(line, err)


def say(err: click.UsageError, lang: str) -> str:
    """The error's message in `lang`, from its fields; names typed by the user are quoted
    literally (a terminal escape in them is shown, not obeyed)."""
    from tripkit.i18n import render, tr

    def name(value: str) -> str:
        return for_terminal(value.strip("'"))

    if isinstance(err, click.NoSuchOption):
        text = tr("No such option: {name}.", lang, name=name(err.option_name))
        if err.possibilities:
            text += tr(
                " Did you mean {options}?", lang, options=", ".join(sorted(err.possibilities))
            )
        return text
    if isinstance(err, click.exceptions.NoSuchCommand):
        text = tr("No such command: {name}.", lang, name=name(err.command_name))
        if err.possibilities:
            text += tr(
                " Did you mean {options}?", lang, options=", ".join(sorted(err.possibilities))
            )
        return text
    if isinstance(err, click.MissingParameter) and err.param is not None:
        param = _param_name(err.param)
        if isinstance(err.param, click.Argument):
            return tr("Missing argument {name}.", lang, name=param)
        return tr("Missing option {name}.", lang, name=param)
    if isinstance(err, click.BadParameter):
        hint = err.param_hint or ""
        param = (
            _param_name(err.param)
            if err.param is not None
            else name(hint)
            if isinstance(hint, str)
            else " / ".join(map(name, hint))
        )
        if err.param is not None and isinstance(err.param.type, click.Choice):
            choices = ", ".join(str(c) for c in err.param.type.choices)
            return tr("{name}: use one of {choices}.", lang, name=param, choices=choices)
        # A tripkit check raised it keyed (a `Msg`, or text said already): said as it is.
        return tr(
            "Invalid value for {name}: {detail}",
            lang,
            name=param,
            detail=for_terminal(render(err.message, lang)),
        )
    if isinstance(err, click.BadOptionUsage):
        if "does not take a value" in err.message:  # `--json=yes`
            return tr("Option {name} takes no value.", lang, name=name(err.option_name))
        return tr("Option {name} needs a value.", lang, name=name(err.option_name))
    extra = _EXTRA.match(err.message)
    if extra:
        return tr("Unexpected extra arguments: {args}", lang, args=for_terminal(extra["args"]))
    if err.message == "Missing command.":
        return tr("Missing command.", lang)
    # tripkit's own UsageErrors carry their message keyed or already said in the language.
    return for_terminal(render(err.message, lang))


def _param_name(param: click.Parameter) -> str:
    """An option as typed (--day), an argument by its metavar (KEY, LEVEL)."""
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    return param.human_readable_name
