"""CLI commands: export checklist | ics | report (registered by tripkit.cli)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.errors import Msg
from tripkit.files import write_output

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from tripkit.exporters.checklist_html import Paper
    from tripkit.exporters.ics import Include

_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
_LANG = click.option(
    "--lang",
    "lang",
    type=click.Choice(["en", "ja"]),
    default=None,
    help="Language of the export (default: tripkit's --lang, config, locale).",
)


def output_options(fn: F) -> F:
    fn = click.option("--force", is_flag=True, help="Replace an existing file without asking.")(fn)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=None,
        help="Write to FILE ('-': standard output). A file is replaced whole or not at all; "
        "a device or pipe is written as a stream; a symlink's target is written.",
    )(fn)


def _at_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def write_file(data: bytes, output: Path | None, force: bool, lang: str = "en") -> None:
    """Write to stdout or `output` (tripkit.files.write_output); an existing regular file is
    replaced only with --force or a yes at a terminal prompt."""

    def overwrite(target: Path) -> bool:
        if force:
            return True
        if _at_terminal():
            from tripkit.i18n import tr

            question = tr("{path} exists. Replace it?", lang, path=str(output))
            return click.confirm(question, default=False, err=True)
        return False

    write_output(output, data, overwrite=overwrite)


def _warn(warnings: list[str], lang: str) -> None:
    """The export's warnings, in the user's language (not the document's: --lang)."""
    from tripkit.core.textsafe import for_terminal
    from tripkit.i18n import render, tr

    for w in warnings:
        click.echo("tripkit: " + tr("note: {w}", lang, w=for_terminal(render(w, lang))), err=True)


@click.group("export")
def export_group() -> None:
    """Export the trip: printable checklist or binder, calendar (.ics), trip report."""


@export_group.command("checklist")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    default=None,
    help="Output format (default: from the -o suffix, else text).",
)
@output_options
@click.option(
    "--binder", is_flag=True, help="Add the agenda, the destination guide and a port-of-entry card."
)
@_LANG
@click.option(
    "--paper",
    type=click.Choice(["auto", "A4", "letter"], case_sensitive=False),
    default="auto",
    show_default=True,
    help="HTML: page size to print on (auto leaves it to the printer).",
)
@pass_ctx
def export_checklist(
    ctx: Ctx,
    fmt: str | None,
    output: Path | None,
    force: bool,
    binder: bool,
    lang: str | None,
    paper: str,
) -> None:
    """The checklist to print: key facts, items by phase with due dates, progress."""
    from tripkit.services.export import Format, checklist_document

    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), "text") if output else "text"
    # Text to a terminal is wrapped to its width; to a file or pipe, to 80 columns.
    width = 80
    if fmt == "text" and output in (None, Path("-")) and sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
    # click.Choice gives back the choice as declared ("A4" for "a4"), so it is a Paper.
    text, warnings = checklist_document(
        ctx.store,
        ctx.trip(),
        fmt=cast(Format, fmt),
        lang=lang or ctx.lang,
        binder=binder,
        paper=cast("Paper", paper),
        width=width,
    )
    _warn(warnings, ctx.lang)
    write_file(text.encode("utf-8"), output, force, ctx.lang)


def _includes(value: str) -> list[Include]:
    from tripkit.exporters.ics import INCLUDES

    parts = [p.strip().lower() for p in value.split(",") if p.strip()]
    bad = [p for p in parts if p not in INCLUDES]
    if bad or not parts:
        raise click.BadParameter(
            Msg("{what}: choose from {choices}", what=", ".join(bad), choices=",".join(INCLUDES))
            if bad
            else Msg("choose from {choices}", choices=",".join(INCLUDES)),
            param_hint="--include",
        )
    return [cast("Include", p) for p in parts]


@export_group.command("ics")
@output_options
@click.option(
    "--include",
    "include",
    default="agenda,flights,stays,checklist",
    show_default=True,
    help="What to put in the calendar, comma-separated.",
)
@click.option(
    "--alarm",
    "alarm",
    type=click.IntRange(0, 7 * 24 * 60),
    default=15,
    show_default=True,
    metavar="MINUTES",
    help="Reminder this many minutes before each session and flight, and before "
    "a deadline when that is sooner than 09:00 on its day; never in the air.",
)
@click.option("--no-alarm", is_flag=True, help="No reminders at all.")
@click.option(
    "--todos", is_flag=True, help="Checklist deadlines as tasks (VTODO) instead of all-day events."
)
@click.option(
    "--no-cancelled",
    is_flag=True,
    help="Leave out cancelled entries: for a calendar you replace whole (calcurse, see above).",
)
@_LANG
@pass_ctx
def export_ics(
    ctx: Ctx,
    output: Path | None,
    force: bool,
    include: str,
    alarm: int,
    no_alarm: bool,
    todos: bool,
    no_cancelled: bool,
    lang: str | None,
) -> None:
    """The trip as an iCalendar file: starred sessions, flights, stays, checklist deadlines.

    \b
    The file is the current state of the trip. Each checklist deadline is one all-day
    event with one reminder (09:00 local on the due day, never while you are in the
    air). Something you un-star, that a schedule refresh removes, or a deadline you mark
    done is sent as CANCELLED until the trip is over, then left out.

    \b
    Import the new file after each change, with the same options (each language and
    option set is its own calendar stream, with its own event ids):
    - Calendars that match events by UID update them in place (same UID, higher
      SEQUENCE): khal ("khal import --batch", tested with tripkit) and, by the
      standard, CalDAV servers, Thunderbird, Evolution and Apple Calendar. Check the
      first re-import in any other program.
    - calcurse ignores UIDs and adds copies on every import, and shows a cancelled
      event as an ordinary one. Give the trip its own calcurse data folder and
      replace it each time, from a file without cancelled entries:
        tripkit export ics --no-cancelled --force -o trip.ics
        rm -rf ~/trip-cal && calcurse -D ~/trip-cal -i trip.ics
      and open it with: calcurse -D ~/trip-cal
    """
    from tripkit.services.export import ics_document

    data, warnings = ics_document(
        ctx.store,
        ctx.trip(),
        include=_includes(include),
        alarm_minutes=None if no_alarm else alarm,
        lang=lang or ctx.lang,
        todos=todos,
        cancelled=not no_cancelled,
    )
    _warn(warnings, ctx.lang)
    write_file(data, output, force, ctx.lang)


@export_group.command("report")
@output_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html"]),
    default=None,
    help="Output format (default: from the -o suffix, else Markdown).",
)
@click.option(
    "--lessons",
    default=None,
    metavar="TEXT",
    help="What you learnt (kept for the next export; '' clears it).",
)
@click.option(
    "--action",
    "actions",
    multiple=True,
    metavar="TEXT",
    help="An action item to bring home (repeatable; replaces the kept list).",
)
@click.option(
    "--no-checklist", is_flag=True, help="Leave out the travel lessons from the checklist."
)
@_LANG
@pass_ctx
def export_report(
    ctx: Ctx,
    output: Path | None,
    force: bool,
    fmt: str | None,
    lessons: str | None,
    actions: tuple[str, ...],
    no_checklist: bool,
    lang: str | None,
) -> None:
    """A trip report to share: summary, sessions attended with notes and links, lessons,
    action items.

    Sessions count as attended once they are over, for the starred ones.
    """
    from tripkit.services.export import report_document, set_report_text

    trip = ctx.trip()
    if lessons is not None or actions:
        set_report_text(ctx.store, trip, lessons=lessons, actions=list(actions) or None)
    if fmt is None:
        fmt = (
            "html"
            if output is not None and output.suffix.lower() in (".html", ".htm")
            else ("markdown")
        )
    text = report_document(
        ctx.store,
        trip,
        lang=lang or ctx.lang,
        fmt=cast("Literal['markdown', 'html']", fmt),
        travel=not no_checklist,
    )
    write_file(text.encode("utf-8"), output, force, ctx.lang)


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""
    main.add_command(export_group)
