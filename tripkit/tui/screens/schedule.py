"""Schedule: the whole programme, searchable as you type, with day tabs, filters and stars."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, Tab, Tabs, TextArea

from tripkit.tui.messages import NoteSaved, StarToggled
from tripkit.tui.screens.base import BREAKPOINTS, BaseScreen
from tripkit.tui.widgets.search_field import SearchField
from tripkit.tui.widgets.session_table import Column, Row, SessionTable

ALL = "day-all"


class ScheduleScreen(BaseScreen):
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    SCOPE = "schedule"
    CSS_PATH = Path(__file__).parent / "schedule.tcss"
    AUTO_FOCUS = "#sessions"

    def __init__(self) -> None:
        super().__init__()
        self._loaded_for: tuple[object, ...] | None = None
        self.sessions: list[Any] = []  # the listed rows (tui_support.ProgrammeListing)
        self.listing: Any = None
        self.row_of: dict[str, int] = {}
        self.picks: dict[str, Any] = {}
        self.days: list[date] = []
        self.zone = ""
        self.event_tz = ""  # the programme's own zone: its days are days there
        self._note_key: str | None = None  # the highlighted session
        self._shown_key: str | None = None  # the session the detail pane and note show
        self._detail_timer: Any = None
        self._loading_note = False

    def compose_body(self) -> ComposeResult:
        t = self.t
        with Horizontal(id="sched-filters"):
            yield SearchField(
                placeholder=t("Search title, speaker, abstract… (/)"),
                id="search",
                compact=True,
                on_change=self._search_changed,
            )
            yield Select([], prompt=t("Track"), id="f-track", compact=True)
            yield Select([], prompt=t("Room"), id="f-room", compact=True)
            yield Select([], prompt=t("Lang"), id="f-lang", compact=True)
        yield Tabs(id="days")
        yield Static(id="sched-empty")
        with Horizontal(id="sched-body"):
            yield SessionTable(
                [
                    Column("", 2),
                    Column(t("Start–end"), 15),
                    Column(t("Title"), 0),
                    Column(t("Room"), 12),
                    Column(t("Track"), 12),
                    Column(t("Lang"), 4),
                ],
                id="sessions",
            )
            with Vertical(id="detail"):
                with VerticalScroll(id="detail-scroll"):
                    yield Static(id="detail-text")
                yield Label(t("Your note (saved as you type)"), id="note-label")
                yield TextArea(id="note", soft_wrap=True, compact=True)

    # --- loading -----------------------------------------------------------------------------

    async def load(self) -> None:
        from tripkit.services.tui_support import ProgrammeListing, programme_of

        app = self.tapp
        programme = programme_of(app.store, app.trip_id)
        stamp = (app.trip_id, ProgrammeListing.stamp_of(programme), app.show_home, app.lang)
        if stamp == self._loaded_for:
            self._refresh_detail()
            return
        self._loaded_for = stamp
        # The programme as listed rows, not models: see ProgrammeListing.
        listing = ProgrammeListing(app.store, app.trip_id, programme)
        empty = self.query_one("#sched-empty", Static)
        table = self.query_one(SessionTable)
        if not listing.rows:
            empty.update(
                Text(
                    self.t(
                        "No schedule imported yet. Press 7 (or i) to import one from a file or URL."
                    )
                )
            )
            empty.display = True
            self.sessions = []
            self.listing = None
            table.set_rows([])
            await self._set_days([])
            return
        empty.display = False
        await self._build(listing)

    async def _build(self, listing: Any) -> None:
        from tripkit.core.timefmt import zone_label
        from tripkit.core.zoned import get_zone

        app = self.tapp
        trip = app.trip
        sessions = listing.rows  # in schedule order (start, title, key)
        # The programme is shown in its own zone (where you will be when you attend it).
        event_tz = listing.zone(trip.venue_tz)
        self.event_tz = event_tz
        self.zone = trip.home_tz if app.show_home else event_tz
        zone = get_zone(self.zone)
        self.sessions = sessions
        self.listing = listing
        self.row_of = listing.row_of
        self.picks = self.tapp.store.picks(trip.id)
        rows = []
        days: set[date] = set()
        for s in sessions:
            start, end = s.start.astimezone(zone), s.end.astimezone(zone)
            day = s.start.astimezone(get_zone(event_tz)).date()
            days.add(day)
            when = f"{start:%H:%M}–{end:%H:%M} {zone_label(start)}"
            pick = self.picks.get(s.key)
            rows.append(
                Row(
                    s.key,
                    ["", when, s.title, s.room, s.track, ",".join(s.languages)],
                    starred=bool(pick and pick.starred),
                    cancelled=s.cancelled,
                    alt_time=f"{day:%m-%d} {when}",
                )
            )
        self._rows = rows
        self._mark_conflicts()
        self.query_one(SessionTable).set_rows(rows)
        await self._set_days(sorted(days))
        self._fill_select("#f-track", sorted({s.track for s in sessions if s.track}))
        self._fill_select("#f-room", sorted({s.room for s in sessions if s.room}))
        self._fill_select("#f-lang", sorted({x for s in sessions for x in s.languages}))
        self.apply_filter()

    def _fill_select(self, selector: str, values: list[str]) -> None:
        select = self.query_one(selector, Select)
        select.set_options([(Text(v), v) for v in values])

    async def _set_days(self, days: list[date]) -> None:
        from tripkit.core.timefmt import fmt_date

        self.days = days
        tabs = self.query_one("#days", Tabs)
        await tabs.clear()
        # Tabs go by date; the year is shown when the days span two (a programme imported
        # from another year would otherwise read as if it came before the trip's days).
        year = len({d.year for d in days}) > 1
        for d in days:
            await tabs.add_tab(
                Tab(fmt_date(d, self.tapp.lang, year=year), id=f"day-{d.isoformat()}")
            )
        if days:
            await tabs.add_tab(Tab(self.t("All days"), id=ALL))
            today = self.tapp.now().date()
            first = f"day-{today.isoformat()}" if today in days else f"day-{days[0].isoformat()}"
            tabs.active = first

    def _mark_conflicts(self) -> None:
        """Starred sessions that overlap another starred one get '★!'; stars get '★'."""
        from tripkit.core.agenda import conflicting_keys, conflicts

        starred = [
            s for s in self.sessions if (p := self.picks.get(s.key)) is not None and p.starred
        ]
        clash = conflicting_keys(c for c in conflicts(starred) if c.kind == "overlap")
        for row in self._rows:
            row.conflict = row.key in clash
            row.cells[0] = (
                ("★!" if row.conflict else "★") if row.starred else ("✕" if row.cancelled else "")
            )

    # --- filtering ---------------------------------------------------------------------------

    def current_day(self) -> date | None:
        active = self.query_one("#days", Tabs).active
        if not active or active == ALL:
            return None
        return date.fromisoformat(active.removeprefix("day-"))

    def _select_value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def apply_filter(self) -> None:
        """Keystroke to table: one index query and a new list of visible rows."""
        if self.listing is None:
            return
        day = self.current_day()
        hits = self.listing.search(
            self.query_one("#search", Input).value,
            day=day,
            zone=self.event_tz,
            track=self._select_value("#f-track"),
            room=self._select_value("#f-room"),
            language=self._select_value("#f-lang"),
        )
        table = self.query_one(SessionTable)
        table.use_alt = day is None
        table.show(hits)  # in programme order: a schedule is read by time

    def _search_changed(self, _value: str) -> None:
        # Called from the field's key handler (not on Input.Changed): see SearchField.
        if self.is_mounted:
            self.apply_filter()

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.apply_filter()

    @on(Tabs.TabActivated, "#days")
    def _day_changed(self) -> None:
        self.apply_filter()

    @on(SessionTable.Selected)
    def _selected(self, _event: SessionTable.Selected) -> None:
        # Below 110 columns the detail pane is hidden so that the table gets the height;
        # Enter shows it under the table (and hides it again).
        self.action_toggle_detail()

    def action_toggle_detail(self) -> None:
        if self.has_class("-narrow"):
            self.show_detail(not self.has_class("-detail-open"))

    def show_detail(self, show: bool = True) -> None:
        self.set_class(show, "-detail-open")
        self.refresh_bindings()  # Escape closes the pane now (or no longer)
        if show:
            self._refresh_detail()
            table = self.query_one(SessionTable)
            table.call_after_refresh(table.scroll_cursor_into_view)

    def can_leave(self) -> bool:
        return self.has_class("-detail-open") or super().can_leave()

    def action_leave_field(self) -> None:
        if self.has_class("-detail-open") and not isinstance(self.focused, Input):
            self.show_detail(False)
            self.query_one(SessionTable).focus()
            return
        super().action_leave_field()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(SessionTable).focus()

    # --- detail and notes --------------------------------------------------------------------

    @on(SessionTable.Highlighted)
    def _highlighted(self, event: SessionTable.Highlighted) -> None:
        if event.key == self._note_key:
            return
        self._note_key = event.key
        # The detail pane follows a moment later: while typing a search, only the table
        # has to keep up with the keys (redrawing the pane re-lays out the screen).
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(0.12, self._refresh_detail)

    def _refresh_detail(self) -> None:
        key = self._note_key
        self._shown_key = key
        detail = self.query_one("#detail-text", Static)
        note = self.query_one("#note", TextArea)
        # The whole session (abstract, speakers...) is read when it is shown: see load().
        s = None
        if key is not None and key in self.row_of and self.listing is not None:
            s = self.listing.session(key)
        if key is None or s is None:
            detail.update(Text(self.t("No session selected.") if self.sessions else ""))
            note.disabled = True
            self._loading_note = True
            note.load_text("")
            self._loading_note = False
            return
        detail.update(self._detail_text(s))
        note.disabled = False
        pick = self.picks.get(key)
        self._loading_note = True
        note.load_text(pick.note if pick else "")
        self._loading_note = False

    def _detail_text(self, s: Any) -> Text:
        from tripkit.core.timefmt import fmt_dual, fmt_time

        t = self.t
        app = self.tapp
        out = Text()
        out.append(s.title, style="bold")  # literal: imported text is never markup
        if s.subtitle:
            out.append("\n" + s.subtitle, style="italic")
        if s.cancelled:
            out.append("\n" + t("CANCELLED"), style=self.tone("error"))
        out.append("\n")
        out.append(fmt_dual(s.start, self.zone, app.trip.home_tz, app.lang))
        out.append(f" – {fmt_time(s.end, self.zone)}")
        for label, value in (
            (t("Room"), s.room),
            (t("Track"), s.track),
            (t("Type"), s.type),
            (t("Language"), ", ".join(s.languages)),
            (t("Speakers"), ", ".join(p.name for p in s.speakers)),
        ):
            if value:
                out.append(f"\n{label}: ", style="bold")
                out.append(value)
        if s.needs_registration:
            out.append("\n" + t("Registration needed"), style=self.tone("warning"))
        pick = self.picks.get(s.key)
        if pick and pick.starred:
            out.append("\n★ " + t("In your agenda"), style="bold")
            if self._rows[self.row_of[s.key]].conflict:
                out.append("  " + t("overlaps another starred session"), style=self.tone("error"))
        if s.abstract:
            out.append("\n\n")
            out.append(s.abstract)
        if s.url:
            out.append("\n\n" + t("Link") + ": ", style="bold")
            out.append(s.url)  # shown, not clickable: imported links are not followed
        return out

    @on(TextArea.Changed, "#note")
    def _note_changed(self, event: TextArea.Changed) -> None:
        if self._loading_note or self._shown_key is None:
            return
        from tripkit.store import Pick

        text = event.text_area.text
        key = self._shown_key  # what the note box shows, even if the cursor moved on
        old = self.picks.get(key) or Pick()
        if text == old.note:  # the echo of load_text(), not an edit
            return
        from tripkit.services.tui_support import write_note

        write_note(self.tapp.store, self.tapp.trip_id, key, text, self.row_of)
        self.picks[key] = Pick(old.starred, text)
        self.post_message(NoteSaved(key, text))

    # --- actions -----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_edit_note(self) -> None:
        if self.has_class("-narrow"):
            self.show_detail(True)
        if self._shown_key != self._note_key:
            self._refresh_detail()  # do not let a note land on the previous session
        note = self.query_one("#note", TextArea)
        if not note.disabled:
            note.focus()

    def action_toggle_star(self) -> None:
        from tripkit.store import Pick

        table = self.query_one(SessionTable)
        key = table.cursor_key
        if key is None:
            return
        old = self.picks.get(key) or Pick()
        starred = not old.starred
        from tripkit.services.tui_support import star

        star(self.tapp.store, self.tapp.trip_id, [key], starred, self.row_of)
        self.picks[key] = Pick(starred, old.note)
        self._rows[self.row_of[key]].starred = starred
        self._mark_conflicts()
        table.invalidate()
        self._refresh_detail()
        self.post_message(StarToggled(key, starred))

    def action_next_day(self) -> None:
        self.query_one("#days", Tabs).action_next_tab()

    def action_prev_day(self) -> None:
        self.query_one("#days", Tabs).action_previous_tab()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        for sel in ("#f-track", "#f-room", "#f-lang"):
            self.query_one(sel, Select).clear()
        self.apply_filter()
