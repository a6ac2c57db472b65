"""Checklist: items by phase, due dates and status; tick, skip, snooze, add; why each applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, ProgressBar, Select, Static

from tripkit.core.wording import phase_word
from tripkit.tui.messages import ItemStateChanged
from tripkit.tui.screens.base import BREAKPOINTS, BaseScreen

STATUS_MARK = {
    "todo": "☐",
    "done": "✔",
    "skipped": "–",
    "snoozed": "z",
    "overdue": "!",
    "not_applicable": "·",
}
FILTERS = ("open", "overdue", "all")
# Below this width the Phase column goes (the phase is said in the item's detail instead): at
# 80 columns it took 19 of them and left the item ~30, so "Passport valid long enough fo" and
# "Connection in United Arab Emira" were all a traveller could read of what to do.
PHASE_COLUMN_WIDTH = 100
OPEN = {"todo", "overdue", "snoozed"}


class ChecklistScreen(BaseScreen):
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    SCOPE = "checklist"
    CSS_PATH = Path(__file__).parent / "checklist.tcss"
    AUTO_FOCUS = "#cl-table"

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] = []
        self.filter = "open"
        self.by_id: dict[str, Any] = {}
        self._with_phase: bool | None = None  # whether the table has its Phase column now

    def compose_body(self) -> ComposeResult:
        t = self.t
        with Horizontal(id="cl-top"):
            yield Label("", id="cl-filter-label")
            yield Select(
                [(phase_word(p, self.tapp.lang), p) for p in _phases()],
                prompt=t("All phases"),
                id="cl-phase",
                compact=True,
            )
            yield ProgressBar(id="cl-progress", show_eta=False)
        # The user's checklist files left out because broken (as the CLI warns): said here,
        # with file and line, instead of their items silently missing.
        yield Static(id="cl-skipped")
        yield DataTable(id="cl-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="cl-detail"):
            yield Static(id="cl-detail-text")

    # --- data --------------------------------------------------------------------------------

    def load(self, keep: str | None = None) -> None:
        app = self.tapp
        from tripkit.services.checklist import checklist_items

        # With the items for other destinations: the "all" filter shows them (issue 9).
        self.items = list(
            checklist_items(app.store, app.trip, app.lang, now=app.now(), include_elsewhere=True)
        )
        self.by_id = {i.id: i for i in self.items}
        self._show_skipped()
        self._fill(keep)

    def _show_skipped(self) -> None:
        from tripkit.core.textsafe import for_terminal
        from tripkit.services.checklist import SKIPPED_RULE_FILES

        widget = self.query_one("#cl-skipped", Static)
        out = Text()
        for problem in SKIPPED_RULE_FILES:
            out.append("\n" if out else "")
            out.append(
                "⚠ "
                + self.t("Checklist file skipped: {problem}", problem=for_terminal(str(problem))),
                style=self.tone("warning"),
            )
        widget.update(out)
        widget.display = bool(SKIPPED_RULE_FILES)

    def _visible(self) -> list[Any]:
        phase = self.query_one("#cl-phase", Select).value
        out = []
        for item in self.items:
            if isinstance(phase, str) and item.phase != phase:
                continue
            if self.filter == "open" and item.status not in OPEN:
                continue
            if self.filter == "overdue" and item.status != "overdue":
                continue
            if self.filter != "all" and getattr(item, "elsewhere", False):
                continue
            out.append(item)
        return out

    def _wants_phase(self) -> bool:
        return self.app.size.width >= PHASE_COLUMN_WIDTH

    def on_resize(self) -> None:
        if self._with_phase is not None and self._with_phase != self._wants_phase():
            self._fill()

    def _fill(self, keep: str | None = None) -> None:
        t = self.t
        table = self.query_one(DataTable)
        keep = keep or self._cursor_id()
        with_phase = self._wants_phase()
        if with_phase != self._with_phase:
            table.clear(columns=True)
            table.add_column("", key="mark", width=1)
            table.add_column(t("Due"), key="due")
            if with_phase:
                table.add_column(t("Phase"), key="phase")
            table.add_column(t("Item"), key="title")
            self._with_phase = with_phase
        else:
            table.clear()
        app = self.tapp
        for item in self._visible():
            tone = {
                "overdue": "error",
                "done": "muted",
                "skipped": "muted",
                "not_applicable": "muted",
            }.get(item.status)
            style = self.tone(tone) if tone else ""
            due = app.fmt_due(item)
            title = Text(item.title, style=style)
            if item.problem:
                title = Text("⚠ ", style=self.tone("error")) + title
            cells = [Text(STATUS_MARK.get(item.status, "?"), style=style), Text(due, style=style)]
            if with_phase:
                cells.append(Text(phase_word(item.phase, self.tapp.lang)))
            table.add_row(*cells, title, key=item.id)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        counted = [i for i in self.items if i.status != "not_applicable"]
        handled = sum(1 for i in counted if i.status in ("done", "skipped"))
        bar = self.query_one(ProgressBar)
        bar.update(total=max(1, len(counted)), progress=handled)
        label = self.query_one("#cl-filter-label", Label)
        label.update(
            Text(
                self.t("Showing: {which} (f)", which=self.t(self.filter))
                # "done": a bare "3/19" next to "Showing" read as "3 of 19 shown" above a
                # list of 16 (and the bar's percentage that explained it is cut at 80 columns).
                + "  "
                + self.t("{done}/{total} done", done=handled, total=len(counted))
            )
        )
        self._show_detail()

    def _cursor_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        except Exception:
            return None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Select.Changed, "#cl-phase")
    def _phase_changed(self) -> None:
        self._fill()

    def _show_detail(self) -> None:
        detail = self.query_one("#cl-detail-text", Static)
        item = self.by_id.get(self._cursor_id() or "")
        if item is None:
            detail.update(Text(self.t("Nothing here with this filter.") if self.items else ""))
            return
        detail.update(self._detail_text(item))

    def _detail_text(self, item: Any) -> Text:
        from tripkit.core.timefmt import fmt_dual
        from tripkit.core.zoned import zone_of

        t = self.t
        app = self.tapp
        out = Text()
        out.append(item.title, style="bold")
        out.append(f"  [{t(item.status)}]", style=self.tone("muted"))
        if not self._with_phase:  # the table has no Phase column at this width
            out.append(f"  {phase_word(item.phase, app.lang)}", style=self.tone("muted"))
        if item.due is not None:
            where = app.trip.home_tz if app.show_home else zone_of(item.due).key
            out.append("\n" + t("Due") + ": ", style="bold")
            if app.due_day(item) is not None:  # a day without an hour, as the table says it
                out.append(app.fmt_due(item, year=True))
            else:
                out.append(fmt_dual(item.due, where, app.trip.home_tz, app.lang))
        if item.problem:
            out.append("\n⚠ ", style=self.tone("error"))
            out.append(item.problem, style=self.tone("error"))
        if item.reason:
            out.append("\n" + t("Why") + ": ", style="bold")
            out.append(item.reason)
        if item.state.status == "skipped" and item.state.reason:
            out.append("\n" + t("Skipped because") + ": ", style="bold")
            out.append(item.state.reason)
        if item.state.snoozed_until is not None and item.state.status == "snoozed":
            out.append("\n" + t("Snoozed until") + ": ", style="bold")
            out.append(app.fmt(item.state.snoozed_until))
        for src in item.sources:
            out.append("\n" + t("Source") + ": ", style="bold")
            out.append(f"{src.title} — {src.url}" + (f" ({src.date})" if src.date else ""))
        if item.details:
            out.append("\n")
            out.append(item.details)
        if item.depends_on:
            # The items it follows by their titles (a rule id means nothing to the reader).
            out.append("\n" + t("After") + ": ", style="bold")
            out.append(
                ", ".join(self.by_id[d].title if d in self.by_id else d for d in item.depends_on)
            )
        return out

    # --- actions -----------------------------------------------------------------------------

    def _current(self) -> Any:
        return self.by_id.get(self._cursor_id() or "")

    def _set_status(self, item_id: str, status: str, **kw: Any) -> None:
        from tripkit.services.checklist import set_status

        app = self.tapp
        try:
            set_status(app.store, app.trip, item_id, status, **kw)
        except Exception as err:
            app.error(err)
            return
        self.post_message(ItemStateChanged(item_id, status))
        self.load(keep=item_id)

    def action_toggle_done(self) -> None:
        item = self._current()
        if item is None or item.status == "not_applicable":
            return
        self._set_status(item.id, "todo" if item.status == "done" else "done")

    def action_skip(self) -> None:
        item = self._current()
        if item is None or item.status == "not_applicable":
            return
        if item.status == "skipped":
            self._set_status(item.id, "todo")
            return

        def done(reason: str | None) -> None:
            if reason is not None:
                self._set_status(item.id, "skipped", reason=reason)

        from tripkit.tui.screens.dialogs import ReasonDialog

        self.app.push_screen(
            ReasonDialog(self.t("Skip “{title}”", title=item.title), self.t("Why? (optional)")),
            done,
        )

    def action_snooze(self) -> None:
        from tripkit.services.checklist import parse_until

        item = self._current()
        if item is None or item.status in ("done", "not_applicable", "skipped"):
            return
        if item.status == "snoozed":
            self._set_status(item.id, "todo")
            return
        from tripkit.core.zoned import get_zone

        app = self.tapp
        until = parse_until("1d", app.trip, app.now())
        until = until.astimezone(get_zone(app.display_tz(until)))  # stored in the local zone
        self._set_status(item.id, "snoozed", snoozed_until=until)

    def action_add_item(self) -> None:
        from tripkit.tui.screens.dialogs import AddItemDialog

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self._add(values)

        self.app.push_screen(AddItemDialog(list(_phases())), done)

    def _add(self, values: dict[str, Any]) -> None:
        from tripkit.services.checklist import add_custom
        from tripkit.services.trips import slugify

        app = self.tapp
        existing = {c.id for c in app.store.custom_items(app.trip_id)}
        base = ("my-" + slugify(values["title"]))[:55].rstrip("-")
        item_id, n = base, 2
        while item_id in existing:
            item_id, n = f"{base}-{n}", n + 1
        try:
            add_custom(
                app.store,
                app.trip,
                item_id,
                values["title"],
                phase=values["phase"],
                details=values["details"],
                due=values["due"] or None,
                now=app.now(),
            )
        except Exception as err:
            app.error(err, "Item not added")
            return
        self.post_message(ItemStateChanged(item_id, "todo"))
        self.load(keep=item_id)

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill()


def _phases() -> tuple[str, ...]:
    from tripkit.core.models import PHASES

    return PHASES
