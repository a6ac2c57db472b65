"""Guide: entry, transport, safety and emergency notes for the destination, with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tripkit.tui.screens.base import BaseScreen


class GuideScreen(BaseScreen):
    SCOPE = "guide"
    CSS_PATH = Path(__file__).parent / "guide.tcss"
    AUTO_FOCUS = "#guide-topics"

    def __init__(self) -> None:
        super().__init__()
        self.guide: Any = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="guide-body"):
            yield OptionList(id="guide-topics")
            with VerticalScroll(id="guide-scroll"):
                yield Static(id="guide-text")

    def load(self) -> None:
        from tripkit.services.guide import build_guide, review_age_months

        app = self.tapp
        topics = self.query_one("#guide-topics", OptionList)
        previous = topics.highlighted
        months = review_age_months(app.store)  # the user's guide.max_age_months
        self.guide = build_guide(app.trip, app.lang, app.now(), max_age_months=months)
        topics.clear_options()
        for section in self.guide.sections:
            label = Text(section.title)
            if any(n.stale for n in section.notes):
                label.append(" ⚠", style=self.tone("warning"))
            topics.add_option(Option(label, id=section.topic))
        if self.guide.sections:
            topics.highlighted = (
                previous if previous is not None and previous < len(self.guide.sections) else 0
            )
        self._show()

    @on(OptionList.OptionHighlighted, "#guide-topics")
    def _topic(self) -> None:
        self._show()

    def _show(self) -> None:
        t = self.t
        text = self.query_one("#guide-text", Static)
        topics = self.query_one("#guide-topics", OptionList)
        if self.guide is None or topics.highlighted is None:
            return
        section = self.guide.sections[topics.highlighted]
        out = Text()
        if self.guide.city is None:
            out.append(
                t("tripkit has no curated notes for this city yet.") + "\n\n",
                style=self.tone("muted"),
            )
        out.append(section.title, style="bold underline")
        for note in section.notes:
            out.append("\n\n")
            out.append(note.title, style="bold")
            if note.stale:
                out.append("  " + t("[may be out of date]"), style=self.tone("warning"))
            if note.fallback:
                out.append("  " + t("[English only]"), style=self.tone("muted"))
            if note.text:
                out.append("\n")
                out.append(note.text)
            for label, value in note.details:
                out.append(f"\n{label}: ", style="bold")
                out.append(value)
            for src in note.sources:
                out.append("\n" + t("Source") + ": ", style=self.tone("muted"))
                out.append(
                    f"{src.title} — {src.url}" + (f" ({src.date})" if src.date else ""),
                    style=self.tone("muted"),
                )
            if note.reviewed is not None:
                from tripkit.core.timefmt import fmt_date

                out.append(
                    "\n" + t("Reviewed") + ": " + fmt_date(note.reviewed, self.tapp.lang),
                    style=self.tone("muted"),
                )
        text.update(out)
        self.query_one("#guide-scroll", VerticalScroll).scroll_home(animate=False)
