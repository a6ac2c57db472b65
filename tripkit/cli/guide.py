"""CLI commands: `tripkit guide [TOPIC]` and `tripkit data check [PATH]`.

Text is wrapped by display width (tripkit.cli.cells).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from tripkit.catalog.loader import check_paths
from tripkit.catalog.schema import GUIDE_TOPICS
from tripkit.cli.cells import cell_width, wrap_cells
from tripkit.cli.context import Ctx, pass_ctx
from tripkit.core.textsafe import for_terminal
from tripkit.core.zoned import now_utc
from tripkit.i18n import render, tr, trn
from tripkit.services.guide import (
    DEFAULT_MAX_AGE_MONTHS,
    Guide,
    GuideNoteView,
    build_guide,
)


def _echo_wrapped(text: str, width: int, first: str = "", rest: str = "") -> None:
    # Overlays are files people share: their text is shown, never obeyed by the terminal.
    lines = wrap_cells(for_terminal(text), width - cell_width(rest), width - cell_width(first))
    click.echo(first + lines[0])
    for more in lines[1:]:
        click.echo(rest + more)


def _render_note(note: GuideNoteView, lang: str, width: int) -> None:
    marks = []
    if note.fallback:
        marks.append("[EN]")
    if note.stale:
        marks.append(tr("[stale]", lang))
    if note.kind == "advice":
        marks.append(tr("[advice]", lang))
    if note.overlay:
        marks.append(tr("[your note]", lang))
    title = " ".join([*marks, note.title])
    _echo_wrapped(title, width, "* ", "  ")
    # Line by line: a border's note is one fact a line ("You change planes at DXB" /
    # "tripkit does not know whether..."); wrapped as one paragraph they ran together
    # without a stop between them.
    for line in note.text.splitlines():
        if line.strip():
            _echo_wrapped(line, width, "  ", "  ")
    for label, value in note.details:
        _echo_wrapped(value, width, f"  {label}: ", "    ")
    for source in note.sources:
        dated = f" ({source.date})" if source.date else ""
        _echo_wrapped(
            f"{source.title}{dated} {source.url}", width, f"  {tr('Source', lang)}: ", "    "
        )
    if note.reviewed:
        reviewed = tr("Reviewed {date}", lang, date=note.reviewed.isoformat())
        if note.stale:
            reviewed += " - " + tr("older than the review age: check it is still true", lang)
        _echo_wrapped(reviewed, width, "  ", "  ")
    if note.overlay:
        _echo_wrapped(note.overlay, width, f"  {tr('From', lang)}: ", "    ")
    click.echo()


def render_guide(guide: Guide, topic: str | None, width: int) -> None:
    lang = guide.lang
    place = " - ".join(p for p in (guide.venue, guide.city) if p)
    if place:
        _echo_wrapped(tr("Guide: {place}", lang, place=place), width)
    _echo_wrapped(
        trn(
            "[stale] marks notes reviewed more than {n} month ago; [EN] marks text "
            "not yet translated.",
            "[stale] marks notes reviewed more than {n} months ago; [EN] marks text "
            "not yet translated.",
            guide.max_age_months,
            lang,
        ),
        width,
    )
    click.echo()
    for section in guide.sections:
        if topic and section.topic != topic:
            continue
        _echo_wrapped(f"== {section.title} ==", width)
        for note in section.notes:
            _render_note(note, lang, width)


def _warn_problems(guide: Guide, lang: str) -> None:
    for problem in guide.problems:
        said = for_terminal(render(problem.keyed, lang))
        text = tr("warning: overlay skipped: {problem}", lang, problem=said)
        click.echo(f"tripkit: {text}", err=True)


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""

    @main.command("guide")
    @click.argument("topic", required=False, type=click.Choice(GUIDE_TOPICS))
    @click.option("--json", "as_json", is_flag=True, help="Print the guide as JSON.")
    @click.option(
        "--max-age-months",
        type=click.IntRange(1, 120),
        default=None,
        help=f"Mark notes reviewed longer ago than this (default "
        f"{DEFAULT_MAX_AGE_MONTHS}, or the setting guide.max_age_months).",
    )
    @click.option(
        "--width",
        type=click.IntRange(20, 400),
        default=None,
        help="Wrap text to this many terminal cells (default: the terminal's width).",
    )
    @pass_ctx
    def guide_cmd(
        ctx: Ctx, topic: str | None, as_json: bool, max_age_months: int | None, width: int | None
    ) -> None:
        """What to know at your destination: entry, arrival, transport, safety, apps,
        emergency and consulate, the venue and conference days.

        Notes come with their source and review date. Add notes, or replace a bundled note by
        using its id, with YAML files in <config>/guide/ (TRIPKIT_CONFIG sets <config>), then
        run `tripkit data check`:

        \b
          city: san-francisco        # or venue: moscone-center (for new notes)
          notes:
            - id: team-meeting-point
              topic: venue             # arrival transport safety apps emergency venue conference
              title: {en: "Meet at the west lobby", ja: "西ロビーで集合"}
              text: {en: "Every morning at 8:30.", ja: "毎朝8:30。"}
              sources: [{title: "Team wiki", url: "https://wiki.example/trip"}]
              reviewed: 2026-11-20
        """
        trip = ctx.trip()
        lang = ctx.lang
        if max_age_months is None:
            from tripkit.services import config

            max_age_months = config.load(ctx.store).guide_max_age_months
        guide = build_guide(trip, lang, now_utc(), max_age_months=max_age_months)
        _warn_problems(guide, lang)
        if as_json:
            data = guide.to_dict()
            if topic:
                data["sections"] = [s for s in data["sections"] if s["topic"] == topic]
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        render_guide(guide, topic, width or shutil.get_terminal_size((80, 24)).columns)

    @main.group("data")
    def data_group() -> None:
        """Curated data: check the bundled files and your own overlays."""

    @data_group.command("check")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    def data_check(paths: tuple[Path, ...]) -> None:
        """Validate data files: the bundled data and your own files, or PATHS.

        Your files are the guide overlays in <config>/guide and the checklist rules in
        <config>/checklists. Every problem is listed with its file, line and field; exit
        code 1 if any.
        """
        checked, problems = check_paths(list(paths) or None)
        for problem in problems:
            click.echo(for_terminal(str(problem)), err=True)
        # English, like the problems above it: a tool for whoever edits the data files.
        files = trn("{n} file checked", "{n} files checked", len(checked), "en")
        if problems:
            found = trn("{n} problem", "{n} problems", len(problems), "en")
            click.echo(f"{found} in {files}", err=True)
            sys.exit(1)
        click.echo(f"ok: {files}, no problems")
