"""`--help` in the user's language.

click builds help from English text (the commands' docstrings and option help) and its own
English words ("Usage:", "Options:"). Every tripkit command's context is a `HelpContext`
(set by tripkit.cli.lazy when a command area is loaded), whose `get_help` is what click calls
for `--help` and for a group typed without a command. In English it is click's own help, as it
always was; in another language it is built by tripkit.cli.help_ja, imported only then.

Help is printed while click parses the options, before any callback has run: the language is
the `--lang` typed anywhere on the command line (as for usage errors, tripkit.cli.usage), else
the one the commands use (config, TRIPKIT_LANG, the traveller's, the locale).
"""

from __future__ import annotations

import click


class HelpContext(click.Context):
    def get_help(self) -> str:
        lang = help_lang(self)
        if lang == "en":
            return super().get_help()
        from tripkit.cli.help_ja import localised_help

        return localised_help(self, lang)


def help_lang(ctx: click.Context) -> str:
    from tripkit.cli.usage import explicit_lang

    typed = explicit_lang(getattr(ctx.find_root().command, "_args", ()))
    if typed is not None:
        return typed
    from tripkit.cli import _user_lang

    try:
        return _user_lang(ctx)
    except Exception:  # noqa: BLE001 - help must get out in some language
        return "en"


def use_help_context(command: click.Command) -> None:
    """`command` and its subcommands (those already known) make `HelpContext`s."""
    command.context_class = HelpContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            use_help_context(sub)
