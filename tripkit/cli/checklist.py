"""CLI commands: `tripkit checklist ...` (registered by tripkit.cli).

`tripkit checklist` lists the items by phase: due time where the traveller will be (with the
home time beside it), status and why the item applies. --json gives one object per item with
ISO 8601 times carrying their UTC offset. Subcommands change the user's state of an item.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.cli.lazy import quiet_imports
from tripkit.core.timefmt import fmt_dt, fmt_dual
from tripkit.core.wording import PHASE_WORDS, phase_word
from tripkit.core.zoned import now_utc, parse_zoned, zone_of
from tripkit.errors import DataError, NotFoundError, reason
from tripkit.i18n import tr, trn

if TYPE_CHECKING:
    from tripkit.core.models import ChecklistItem, Trip

# pydantic, the models and the rule engine (tripkit.services.checklist) are imported by the
# commands that use them: `checklist --json` reads a kept result without them (issue 13).

STATUS_MARKS = {
    "todo": "[ ]",
    "overdue": "[!]",
    "done": "[x]",
    "skipped": "[-]",
    "snoozed": "[z]",
    "not_applicable": "[ ]",
}
STATUS_LABELS = {
    "todo": "to do",
    "overdue": "overdue",
    "done": "done",
    "skipped": "skipped",
    "snoozed": "snoozed",
    "not_applicable": "not applicable",
}
OPEN = ("todo", "overdue", "snoozed")
# The checklist's phases in order (tripkit.core.models.PHASES, which a test keeps this equal
# to), known here without importing the models.
PHASES: tuple[str, ...] = tuple(PHASE_WORDS)


def _plain(text: str) -> str:
    """Printed literally: controls and bidi marks become visible (the shared rule)."""
    from tripkit.core.textsafe import for_terminal  # here: this file's imports are shared work

    return for_terminal(text, one_line=False)


def _now(value: str | None) -> datetime:
    if value is None:
        return now_utc()
    try:
        return parse_zoned(value)
    except ValueError as exc:
        raise DataError("{name}: {detail}", name="--now", detail=reason(exc)) from None


def item_json(item: ChecklistItem, trip: Trip) -> dict[str, Any]:
    from tripkit.services.checklist_cache import item_json as as_json

    return as_json(item, trip)


def _due_text(item: ChecklistItem, trip: Trip, lang: str) -> str:
    if item.due is None:
        return tr("no due date", lang)
    from tripkit.core.dueday import date_only_due, due_day_text

    day = date_only_due(item)
    if day is not None:  # due on a day (a badge pickup without a time): never "00:00"
        return due_day_text(day, lang)
    return fmt_dual(item.due, zone_of(item.due).key, trip.home_tz, lang)


def _print(items: list[ChecklistItem], trip: Trip, lang: str) -> None:
    if not items:
        click.echo(tr("No items match.", lang))
        return
    for phase in PHASES:
        # Items that do not apply go last in their phase, dimmed, still saying why.
        group = [i for i in items if i.phase == phase and i.status != "not_applicable"]
        group += [i for i in items if i.phase == phase and i.status == "not_applicable"]
        if not group:
            continue
        click.echo(click.style(phase_word(phase, lang), bold=True))
        for item in group:
            applicable = item.status != "not_applicable"
            line = f"  {STATUS_MARKS[item.status]} {_plain(item.title)}  ({item.id})"
            click.echo(line if applicable else click.style(line, dim=True))
            status = tr(STATUS_LABELS[item.status], lang)
            if item.status == "snoozed" and item.state.snoozed_until is not None:
                until = fmt_dt(item.state.snoozed_until, trip.home_tz, lang)
                status += " " + tr("until {when}", lang, when=until)
            if item.status == "skipped" and item.state.reason:
                status += f": {_plain(item.state.reason)}"
            if applicable:
                click.echo(f"      {_due_text(item, trip, lang)} · {status}")
            click.echo(f"      {_plain(item.reason)}")
            if item.problem and applicable:
                click.echo("      " + click.style("! " + _plain(item.problem), fg="red"))
        click.echo()


def _print_json(
    ctx: Ctx,
    phase: tuple[str, ...],
    only_open: bool,
    only_overdue: bool,
    show_all: bool,
    now_text: str | None,
) -> None:
    """`checklist --json`: the items as kept from the last evaluation when no input changed
    (tripkit.services.checklist_cache), filtered as the listing is."""
    from tripkit.services import checklist_cache

    trip_id = ctx.trip_id()
    lang = ctx.lang
    now = _now(now_text)
    key, kept = checklist_cache.lookup(ctx.store, trip_id, lang, now)
    if kept is not None:
        items = kept.items
    else:
        with quiet_imports():  # the evaluation's: pydantic, the models, the rule engine
            from tripkit.services import checklist  # noqa: F401
        items = checklist_cache.evaluated_json(ctx.store, trip_id, lang, now, key)
    if not show_all:
        items = [i for i in items if not i["elsewhere"]]
    if phase:
        items = [i for i in items if i["phase"] in phase]
    if only_open:
        items = [i for i in items if i["status"] in OPEN]
    if only_overdue:
        items = [i for i in items if i["status"] == "overdue"]
    click.echo(json.dumps(items, ensure_ascii=False, indent=2))


def _keep(ctx: Ctx) -> None:
    """After an edit: the checklist evaluated and kept for the next read
    (tripkit.services.checklist_cache.keep_after_edit)."""
    from tripkit.services import checklist_cache

    checklist_cache.keep_after_edit(ctx.store, ctx.trip_id(), ctx.lang, now_utc())


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""

    @main.group("checklist", invoke_without_command=True)
    @click.option("--json", "as_json", is_flag=True, help="Output JSON (one object per item).")
    @click.option(
        "--phase",
        type=click.Choice(list(PHASES)),
        multiple=True,
        help="Only this phase (repeatable).",
    )
    @click.option(
        "--open",
        "only_open",
        is_flag=True,
        help="Only items still to do (to do, overdue, snoozed).",
    )
    @click.option("--overdue", "only_overdue", is_flag=True, help="Only overdue items.")
    @click.option(
        "--all",
        "show_all",
        is_flag=True,
        help="Also items for other destinations (hidden by default).",
    )
    @click.option(
        "--now",
        "now_text",
        default=None,
        hidden=True,
        help="Evaluate as if it were this time (for scripts and tests).",
    )
    @click.pass_context
    def checklist(
        click_ctx: click.Context,
        as_json: bool,
        phase: tuple[str, ...],
        only_open: bool,
        only_overdue: bool,
        show_all: bool,
        now_text: str | None,
    ) -> None:
        """Your checklist: what to do before, during and after the trip, and why.

        Run with a subcommand to mark items done, skip or snooze them, or add your own.
        """
        if click_ctx.invoked_subcommand is not None:
            return
        ctx: Ctx = click_ctx.ensure_object(Ctx)
        if as_json:
            _print_json(ctx, phase, only_open, only_overdue, show_all, now_text)
            return
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        lang = ctx.lang
        items = svc.checklist_items(
            ctx.store, trip, lang, now=_now(now_text), include_elsewhere=True
        )
        hidden = 0 if show_all else sum(i.elsewhere for i in items)
        if not show_all:
            items = [i for i in items if not i.elsewhere]
        if phase:
            items = [i for i in items if i.phase in phase]
        if only_open:
            items = [i for i in items if i.status in OPEN]
        if only_overdue:
            items = [i for i in items if i.status == "overdue"]
        _print(items, trip, lang)
        if hidden:
            click.echo(
                click.style(
                    trn(
                        "{n} item for other destinations or travellers is hidden (--all shows it).",
                        "{n} items for other destinations or travellers are hidden "
                        "(--all shows them).",
                        hidden,
                        lang,
                    ),
                    dim=True,
                )
            )

    @checklist.command("show")
    @click.argument("item_id")
    @click.option("--now", "now_text", default=None, hidden=True)
    @pass_ctx
    def show_cmd(ctx: Ctx, item_id: str, now_text: str | None) -> None:
        """Show ITEM_ID in full: details, why it applies, what to fix, sources."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip, lang = ctx.trip(), ctx.lang
        items = svc.checklist_items(
            ctx.store, trip, lang, now=_now(now_text), include_elsewhere=True
        )
        item = next((i for i in items if i.id == item_id), None)
        if item is None:
            raise NotFoundError(
                "no checklist item called {item_id!r} (see `tripkit checklist` for the ids)",
                item_id=item_id,
            )
        click.echo(click.style(_plain(item.title), bold=True) + f"  ({item.id})")
        click.echo(f"{tr(STATUS_LABELS[item.status], lang)} · {_due_text(item, trip, lang)}")
        for text in (item.details, item.reason):
            if text:
                click.echo()
                click.echo(_plain(text))
        if item.problem:
            click.echo()
            click.echo(click.style("! " + _plain(item.problem), fg="red"))
        if item.sources:
            click.echo()
            click.echo(tr("Sources:", lang))
            for src in item.sources:
                dated = f" ({_plain(src.date)})" if src.date else ""
                click.echo(f"  - {_plain(src.title)}{dated}: {_plain(src.url)}")

    @checklist.command("done")
    @click.argument("item_id")
    @pass_ctx
    def done_cmd(ctx: Ctx, item_id: str) -> None:
        """Mark ITEM_ID done."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        svc.set_status(ctx.store, trip, item_id, "done")
        click.echo(tr("Marked {id} done.", ctx.lang, id=item_id))
        _keep(ctx)

    @checklist.command("undo")
    @click.argument("item_id")
    @pass_ctx
    def undo_cmd(ctx: Ctx, item_id: str) -> None:
        """Set ITEM_ID back to to-do (undoes done, skip and snooze)."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        svc.set_status(ctx.store, trip, item_id, "todo")
        click.echo(tr("{id} is to do again.", ctx.lang, id=item_id))
        _keep(ctx)

    @checklist.command("skip")
    @click.argument("item_id")
    @click.option("--reason", default="", help="Why you skip it (shown in the list).")
    @pass_ctx
    def skip_cmd(ctx: Ctx, item_id: str, reason: str) -> None:
        """Skip ITEM_ID (it does not concern you), with a reason."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        svc.set_status(ctx.store, trip, item_id, "skipped", reason=reason[:1000])
        click.echo(tr("Skipped {id}.", ctx.lang, id=item_id))
        _keep(ctx)

    @checklist.command("snooze")
    @click.argument("item_id")
    @click.argument("until")
    @click.option("--now", "now_text", default=None, hidden=True)
    @pass_ctx
    def snooze_cmd(ctx: Ctx, item_id: str, until: str, now_text: str | None) -> None:
        """Hide ITEM_ID until UNTIL: 3d, 12h, 2026-12-20, '2026-12-20 09:00' or with a zone
        '2026-12-20T09:00[America/Los_Angeles]'. Without a zone: where you will be then."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        when = svc.parse_until(until, trip, _now(now_text))
        svc.set_status(ctx.store, trip, item_id, "snoozed", snoozed_until=when)
        click.echo(
            tr(
                "Snoozed {id} until {when}.",
                ctx.lang,
                id=item_id,
                when=fmt_dual(when, zone_of(when).key, trip.home_tz, ctx.lang),
            )
        )
        _keep(ctx)

    @checklist.command("add")
    @click.argument("item_id")
    @click.argument("title")
    @click.option("--phase", type=click.Choice(list(PHASES)), default="prepare", show_default=True)
    @click.option("--due", default=None, help="When it is due (same forms as snooze).")
    @click.option("--details", default="", help="More text shown with the item.")
    @pass_ctx
    def add_cmd(
        ctx: Ctx, item_id: str, title: str, phase: str, due: str | None, details: str
    ) -> None:
        """Add your own item ITEM_ID (lowercase, digits, '-') titled TITLE."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        svc.add_custom(ctx.store, trip, item_id, title, phase=phase, details=details, due=due)
        click.echo(tr("Added {id}.", ctx.lang, id=item_id))
        _keep(ctx)

    @checklist.command("remove")
    @click.argument("item_id")
    @pass_ctx
    def remove_cmd(ctx: Ctx, item_id: str) -> None:
        """Remove your own item ITEM_ID."""
        with quiet_imports():  # pydantic, the models, the rule engine
            from tripkit.services import checklist as svc

        trip = ctx.trip()
        svc.remove_custom(ctx.store, trip, item_id)
        click.echo(tr("Removed {id}.", ctx.lang, id=item_id))
        _keep(ctx)
