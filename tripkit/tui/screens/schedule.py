"""Schedule: every programme of the trip, searchable as you type, with day tabs, filters,
stars and interest levels (must / want / maybe), and a key to add your own agenda item.

Sessions of several programmes may share an id: each row is known by its programme and key
(the row key is the session key for the main programme, "programme<US>key" for the others:
services.tui_support.row_key), and stars, interest and notes are written to the programme the
row comes from.

The screen keeps one small row per session (services.tui_support.ProgrammeListing), searches
through the store and reads a session in full only for the detail pane: no Session models or
in-memory search index stay alive (they cost ~15 MB with a thousand sessions).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, Tab, Tabs, TextArea

from tripkit.core.wording import RESERVATIONS
from tripkit.tui.messages import InterestChanged, NoteSaved, ReservationChanged, StarToggled
from tripkit.tui.screens.base import BREAKPOINTS, BaseScreen
from tripkit.tui.screens.personal_actions import PersonalItemActions
from tripkit.tui.widgets.search_field import SearchField
from tripkit.tui.widgets.session_table import Column, Row, SessionTable

ALL = "day-all"
# Interest and reservation in the first column: symbols (legible without colour), explained
# by the legend line under the table. The interest cycles in this order with the key "m".
LEVEL_MARK = {"must": "★★", "want": "★", "maybe": "☆"}
CYCLE = ("", "want", "must", "maybe")
# The reservation cycles in this order with the key "r" ("" is none recorded).
RESERVATION_CYCLE = ("", *RESERVATIONS)
RESERVATION_MARK = {
    "en": {"reserved": "R", "waitlisted": "W", "full": "F", "not-needed": "N"},
    "ja": {"reserved": "予", "waitlisted": "待", "full": "満", "not-needed": "不"},
}


class ScheduleScreen(PersonalItemActions, BaseScreen):
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    SCOPE = "schedule"
    CSS_PATH = Path(__file__).parent / "schedule.tcss"
    AUTO_FOCUS = "#sessions"

    def __init__(self) -> None:
        super().__init__()
        self._loaded_for: tuple[object, ...] | None = None
        self.listing: Any = None  # tui_support.ProgrammeListing of every programme
        self.sessions: list[Any] = []  # its listed rows (store.Listed), in schedule order
        self.programmes: list[str] = []
        self.row_of: dict[str, int] = {}  # row key -> index into sessions
        self.picks: dict[str, Any] = {}  # by row key
        self.personal: list[Any] = []
        self._rows: list[Row] = []
        self.days: list[date] = []
        self.zone = ""  # the zone times are shown in
        self.event_tz = ""  # the programmes' own zone: their days are days there
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
                    Column("", 6 if self.app.lang == "ja" else 5),
                    Column(t("Start–end"), 15),
                    Column(t("Title"), 0),
                    # Shown when the trip has several programmes: which one a session is of.
                    Column(t("Programme"), 10, hidden=True),
                    Column(t("Room"), 12),
                    # With the programme column, the track gives way below 100 columns (the
                    # detail pane and the track filter still say it).
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
        yield Static(self._legend(), id="sched-legend")

    def _legend(self) -> Text:
        """What the symbols of the first column mean (they do not rely on colour).

        The states are said in the words the CLI, the detail pane and the exports use
        (core.wording.reservation_word: "waitlisted" is 「キャンセル待ち」 everywhere), except
        "not needed", which is "no booking" (「不要」) here: the full words leave no room on
        one line at 80 columns. In Japanese the two halves are joined by a space, not " · ",
        for the same reason (the line is then 78 cells: 80 less the padding).
        """
        from tripkit.core.wording import reservation_word

        t, lang = self.t, self.app.lang
        marks = RESERVATION_MARK.get(lang, RESERVATION_MARK["en"])
        words = {
            state: reservation_word(state, lang) for state in ("reserved", "waitlisted", "full")
        }
        words["not-needed"] = t("no booking")
        return Text(
            t(
                "{interest} · {reservations}",
                interest=t("★★must ★want ☆maybe !overlap"),
                reservations=" ".join(f"{marks[state]}={word}" for state, word in words.items()),
            ),
            style=self.tone("muted"),
        )

    # --- loading -----------------------------------------------------------------------------

    async def load(self) -> None:
        from tripkit.services.tui_support import ProgrammeListing, programme_rows

        app = self.tapp
        programmes = programme_rows(app.store, app.trip_id)
        stamp = (app.trip_id, ProgrammeListing.stamp_of(programmes), app.show_home, app.lang)
        if stamp == self._loaded_for:
            self._personal_changed_marks()
            self._refresh_detail()
            return
        self._loaded_for = stamp
        empty = self.query_one("#sched-empty", Static)
        table = self.query_one(SessionTable)
        # Every programme as listed rows, not models: see ProgrammeListing.
        listing = ProgrammeListing(app.store, app.trip_id, programmes)
        if not listing.rows:
            empty.update(
                Text(
                    self.t(
                        "No schedule imported yet. Press 7 (or i) to import one from a file or URL."
                    )
                )
            )
            empty.display = True
            self.listing = None
            self.sessions = []
            self.row_of = {}
            table.set_rows([])
            await self._set_days([])
            return
        empty.display = False
        await self._build(listing)

    async def _build(self, listing: Any) -> None:
        from tripkit.core.timefmt import fmt_span
        from tripkit.core.zoned import get_zone
        from tripkit.services.tui_support import picks_of, row_key

        app = self.tapp
        trip = app.trip_view
        sessions = listing.rows  # in schedule order (start, title, key, programme)
        # The programme is shown in its own zone (where you will be when you attend it): the
        # main programme's, else the first one's.
        event_tz = listing.zone(trip.venue_tz)
        self.event_tz = event_tz
        self.zone = trip.home_tz if app.show_home else event_tz
        self.listing = listing
        self.sessions = sessions
        self.programmes = listing.names
        self.row_of = listing.row_of
        self.picks = {}
        for name in self.programmes:
            self.picks.update(
                (row_key(name, k), p) for k, p in picks_of(app.store, trip.id, name).items()
            )
        several = len(self.programmes) > 1
        rows = []
        days: set[date] = set()
        venue = get_zone(event_tz)
        for s in sessions:
            start = s.start
            day = start.astimezone(venue).date()
            days.add(day)
            # Each end with its own zone label when a DST change falls inside the range.
            when = fmt_span(start, s.end, self.zone)
            rows.append(
                Row(
                    row_key(s.programme, s.key),
                    ["", when, s.title, s.programme, s.room, s.track, ",".join(s.languages)],
                    cancelled=s.cancelled,
                    alt_time=f"{day:%m-%d} {when}",
                )
            )
        self._rows = rows
        table = self.query_one(SessionTable)
        # Wider when a range crosses a DST change ("00:30 PDT–03:00 PST").
        table.columns[1].width = max(15, *(cell_len(r.cells[1]) for r in rows))
        table.columns[3].hidden = not several
        if several:
            header = cell_len(table.columns[3].title)
            table.columns[3].width = min(10, max(header, *(len(n) for n in self.programmes)))
        table.columns[5].hide_below = 100 if several else 0
        self.personal = self._read_personal()
        self._mark_conflicts()
        table.set_rows(rows)
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
        # The year also when the programme's is not the conference's: FOSDEM 2026 imported
        # into a trip to FOSDEM 2027 read "Sat 31 Jan", as if it were the trip's Sunday.
        conference = self.tapp.trip_view.conference  # (the view: no models loaded here)
        years = {conference.first_day.year, conference.last_day.year}
        year = len({d.year for d in days}) > 1 or any(d.year not in years for d in days)
        for d in days:
            await tabs.add_tab(
                Tab(fmt_date(d, self.tapp.lang, year=year), id=f"day-{d.isoformat()}")
            )
        if days:
            await tabs.add_tab(Tab(self.t("All days"), id=ALL))
            from tripkit.core.opening_day import opening_day
            from tripkit.core.zoned import get_zone

            # "Today" where the days are days (the programme's zone, the venue's by default),
            # not in UTC: at 19:00 in San Francisco UTC is already on the next date.
            today = self.tapp.now().astimezone(get_zone(self.event_tz)).date()
            first = opening_day(days, today, self.tapp.trip_view.conference.first_day) or days[0]
            tabs.active = f"day-{first.isoformat()}"

    def _read_personal(self) -> list[Any]:
        from tripkit.services.agenda import items

        try:
            return items(self.tapp.store, self.tapp.trip_view)
        except Exception as err:  # a damaged trip-file item: said once, the table still works
            self.app.error(err)
            return []

    def _personal_changed_marks(self) -> None:
        """Personal items may have changed elsewhere (the Agenda screen): mark again."""
        if not self._rows:
            return
        personal = self._read_personal()
        if personal != self.personal:
            self.personal = personal
            self._mark_conflicts()
            self.query_one(SessionTable).invalidate()

    def personal_changed(self) -> None:
        self._personal_changed_marks()
        self._refresh_detail()

    def _mark_conflicts(self) -> None:
        """The first column: the interest ("★★" must, "★" want, "☆" maybe), "!" when the
        session overlaps another pick or one of your own agenda items, the reservation
        letter; "✕" for a cancelled session that is not picked."""
        from tripkit.core.agenda import conflicts

        starred = [
            s
            for s, row in zip(self.sessions, self._rows, strict=True)
            if (p := self.picks.get(row.key)) is not None and p.starred
        ]
        # By identity: two programmes may use the same key for different sessions.
        clash: set[int] = set()
        for c in conflicts([*starred, *self.personal]):
            if c.kind == "overlap":
                clash.update((id(c.first), id(c.second)))
        marks = RESERVATION_MARK.get(self.tapp.lang, RESERVATION_MARK["en"])
        for s, row in zip(self.sessions, self._rows, strict=True):
            pick = self.picks.get(row.key)
            row.starred = bool(pick and pick.starred)
            row.conflict = row.starred and id(s) in clash
            level = pick.level if pick else ""
            cell = LEVEL_MARK.get(level, "") + ("!" if row.conflict else "")
            if not cell and row.cancelled:
                cell = "✕"
            reservation = marks.get(pick.reservation, "") if pick else ""
            # The reservation letters line up in their own place after the interest.
            row.cells[0] = f"{set_cell_size(cell, 3)} {reservation}" if reservation else cell

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
        table.show(hits)  # in schedule order: a schedule is read by time

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
        if key is not None and self.listing is not None:
            s = self.listing.session(key)
        if key is None or s is None:
            detail.update(Text(self.t("No session selected.") if self.sessions else ""))
            note.disabled = True
            self._loading_note = True
            note.load_text("")
            self._loading_note = False
            return
        detail.update(self._detail_text(s, key))
        note.disabled = False
        pick = self.picks.get(key)
        self._loading_note = True
        note.load_text(pick.note if pick else "")
        self._loading_note = False

    def _detail_text(self, s: Any, key: str) -> Text:
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
        out.append(fmt_dual(s.start, self.zone, app.trip_view.home_tz, app.lang))
        out.append(f" – {fmt_time(s.end, self.zone)}")
        name = self.sessions[self.row_of[key]].programme
        for label, value in (
            (t("Programme"), name if len(self.programmes) > 1 else ""),
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
        pick = self.picks.get(key)
        if pick and pick.starred:
            out.append(f"\n{LEVEL_MARK.get(pick.level, '★')} " + t("In your agenda"), style="bold")
            out.append(" · " + t("Interest: {level}", level=t(pick.level)))
            if self._rows[self.row_of[key]].conflict:
                out.append(
                    "\n! " + t("overlaps another pick or your own agenda item"),
                    style=self.tone("error"),
                )
        if pick and pick.reservation:
            from tripkit.core.wording import reservation_word

            state = reservation_word(pick.reservation, self.tapp.lang)
            out.append("\n" + t("Reservation: {state}", state=state))
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
        from dataclasses import replace

        from tripkit.store import Pick

        text = event.text_area.text
        key = self._shown_key  # what the note box shows, even if the cursor moved on
        old = self.picks.get(key) or Pick()
        if text == old.note:  # the echo of load_text(), not an edit
            return
        from tripkit.services.tui_support import write_note

        row = self.sessions[self.row_of[key]]
        keys = self.listing.keys[row.programme]
        write_note(self.tapp.store, self.tapp.trip_id, row.key, text, keys, row.programme)
        self.picks[key] = replace(old, note=text)
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
        from dataclasses import replace

        from tripkit.store import Pick

        table = self.query_one(SessionTable)
        key = table.cursor_key
        if key is None:
            return
        old = self.picks.get(key) or Pick()
        starred = not old.starred
        from tripkit.services.tui_support import star

        row = self.sessions[self.row_of[key]]
        keys = self.listing.keys[row.programme]
        star(self.tapp.store, self.tapp.trip_id, [row.key], starred, keys, row.programme)
        # Unstarring drops the interest too (as the store does).
        self.picks[key] = replace(old, starred=starred, interest=old.interest if starred else "")
        self._picks_changed()
        self.post_message(StarToggled(key, starred))

    def action_cycle_interest(self) -> None:
        """none -> want -> must -> maybe -> none, written to the session's own programme."""
        from dataclasses import replace

        from tripkit.store import Pick

        key = self.query_one(SessionTable).cursor_key
        if key is None:
            return
        old = self.picks.get(key) or Pick()
        level = CYCLE[(CYCLE.index(old.level) + 1) % len(CYCLE)]
        from tripkit.services.tui_support import set_interest

        row = self.sessions[self.row_of[key]]
        keys = self.listing.keys[row.programme]
        set_interest(self.tapp.store, self.tapp.trip_view, row.programme, row.key, level, keys)
        self.picks[key] = replace(old, starred=bool(level), interest=level)
        self._picks_changed()
        self.post_message(InterestChanged(row.programme, row.key, level))

    def action_cycle_reservation(self) -> None:
        """none -> reserved -> waitlisted -> full -> not needed -> none, written to the
        session's own programme through the service `tripkit schedule reserve` uses."""
        from dataclasses import replace

        from tripkit.services.schedule import set_pick
        from tripkit.store import Pick

        key = self.query_one(SessionTable).cursor_key
        if key is None:
            return
        old = self.picks.get(key) or Pick()
        at = RESERVATION_CYCLE.index(old.reservation) if old.reservation in RESERVATION_CYCLE else 0
        state = RESERVATION_CYCLE[(at + 1) % len(RESERVATION_CYCLE)]
        row = self.sessions[self.row_of[key]]
        set_pick(
            self.tapp.store,
            self.tapp.trip_view,
            [row.key],
            reservation=state,
            programme=row.programme,
        )
        self.picks[key] = replace(old, reservation=state)
        self._picks_changed()
        self.post_message(ReservationChanged(row.programme, row.key, state))

    def _picks_changed(self) -> None:
        self._mark_conflicts()
        self.query_one(SessionTable).invalidate()
        self._refresh_detail()

    def action_add_personal(self) -> None:
        self.add_personal_item(self.current_day() or (self.days[0] if self.days else None))

    def action_next_day(self) -> None:
        self.query_one("#days", Tabs).action_next_tab()

    def action_prev_day(self) -> None:
        self.query_one("#days", Tabs).action_previous_tab()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        for sel in ("#f-track", "#f-room", "#f-lang"):
            self.query_one(sel, Select).clear()
        self.apply_filter()
