"""CLI commands: `tripkit config list|get|set|unset` (registered by tripkit.cli)."""

from __future__ import annotations

import json

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.core.textsafe import for_terminal


def register(main: click.Group) -> None:
    main.add_command(config)


@click.group()
def config() -> None:
    """See and change your settings (language, theme, guide review age)."""


def _show(value: object) -> str:
    # A value may come from a config file someone handed over: shown, never obeyed.
    return "-" if value is None else for_terminal(str(value))


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def list_cmd(ctx: Ctx, as_json: bool) -> None:
    """Every setting with its value (the default when not set)."""
    from tripkit.services import config as svc

    values = svc.as_dict(ctx.store)
    if as_json:
        click.echo(json.dumps(values, ensure_ascii=False, indent=2))
        return
    width = max(map(len, values))
    for key, value in values.items():
        click.echo(f"{key.ljust(width)}  {_show(value)}    # {svc.describe(key)}")


@config.command("get")
@click.argument("key")
@pass_ctx
def get_cmd(ctx: Ctx, key: str) -> None:
    """The value of one setting."""
    from tripkit.services import config as svc

    click.echo(_show(svc.get(ctx.store, key)))


@config.command("set")
@click.argument("key")
@click.argument("value")
@pass_ctx
def set_cmd(ctx: Ctx, key: str, value: str) -> None:
    """Set a setting (checked: a bad value is refused and nothing changes)."""
    from tripkit.i18n import tr
    from tripkit.services import config as svc

    typed = svc.set_value(ctx.store, key, value)
    click.echo(tr("{key} = {value}", ctx.lang, key=key, value=_show(typed)))


@config.command("unset")
@click.argument("key")
@pass_ctx
def unset_cmd(ctx: Ctx, key: str) -> None:
    """Go back to the default of a setting."""
    from tripkit.services import config as svc

    svc.unset(ctx.store, key)
