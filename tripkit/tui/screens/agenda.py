"""Agenda: your starred sessions (of every programme), your own items, flights and stays per
day, as a picture with the gaps. Your own items of the day are listed above the grid: the one
highlighted there is the one "e" changes and "d" removes; "a" adds one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static, Tab, Tabs

from tripkit.core.textsafe import for_terminal
from tripkit.tui.screens.base import BaseScreen
from tripkit.tui.screens.personal_actions import PersonalItemActions
from tripkit.tui.widgets.time_grid import SLOT, GridItem, TimeGrid


class AgendaScreen(PersonalItemActions, BaseScreen):
    SCOPE = "agenda"
    AUTO_FOCUS = "#agenda-scroll"
    DEFAULT_CSS = """
    #agenda-mine { height: auto; max-height: 5; border: none; padding: 0 1; display: none; }
    #agenda-mine.-some { display: block; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[GridItem] = []
        self.conflicts: list[Any] = []
        self.zone = ""
        self.days: list[date] = []
        self.personal: list[Any] = []
        self.programmes = 0
        self._mine_shown: list[Any] = []  # the personal items listed for the day shown
        self._mine: list[Any] = []  # the starred sessions (for the notes above the grid)
        self._year = False  # the days span two years: dates say theirs

    def compose_body(self) -> ComposeResult:
        yield Tabs(id="agenda-days")
        yield OptionList(id="agenda-mine")
        with VerticalScroll(id="agenda-scroll"):
            yield Static(id="agenda-notes")  # conflicts first: they need acting on
            yield TimeGrid(id="grid")

    async def load(self) -> None:
        from tripkit.core.timefmt import fmt_span
        from tripkit.errors import NotFoundError
        from tripkit.services.schedule import agenda, ref
        from tripkit.services.tui_support import programmes_stamp

        app, t = self.tapp, self.t
        trip = app.trip
        self.zone = trip.home_tz if app.show_home else trip.venue_tz
        # Starred sessions of every programme and the traveller's own items (tripkit agenda
        # add, the trip file's agenda:), with their conflicts: the service the CLI's
        # `schedule agenda` uses (venue walking times included).
        self.programmes = len(programmes_stamp(app.store, app.trip_id))
        try:
            found = agenda(app.store, trip)
        except NotFoundError:  # no programme and no item of your own yet
            mine, personal, self.conflicts, picks = [], [], [], {}
        else:
            mine, personal = found.sessions, found.personal
            self.conflicts, picks = found.conflicts, found.picks
        self.personal = personal
        clashing = {ref(c.first) for c in self.conflicts} | {ref(c.second) for c in self.conflicts}
        several = self.programmes > 1
        items = []
        for s in mine:
            if s.cancelled:
                continue
            # The title first: at 80 columns a grid lane holds ~20 characters, and a
            # programme name in front of it left no room for the title.
            label = s.title
            pick = picks.get(ref(s))
            if pick is not None and pick.level in ("must", "maybe"):
                label += f" ({t(pick.level)})"  # a plain star is "want": not repeated
            if s.room:
                label += f" · {s.room}"
            if several:  # which programme, as a tag after what the session is
                label += f" [{s.programme}]"
            items.append(
                GridItem(
                    s.start,
                    s.end,
                    label,
                    "session",
                    ref(s) in clashing,
                    fmt_span(s.start, s.end, self.zone),
                )
            )
        items += [
            GridItem(
                p.start,
                p.end,
                # Typed by a person or from a shared trip file: a bidi override (U+202E) or
                # a control would act on the terminal; shown as \u202e instead, as the CLI does.
                for_terminal(f"{p.title} · {p.place}" if p.place else p.title),
                "personal",
                ref(p) in clashing,
                fmt_span(p.start, p.end, self.zone),
            )
            for p in personal
        ]
        for f in trip.flights:
            items.append(
                GridItem(
                    f.departs,
                    f.arrives,
                    f"{f.flight} {f.origin}→{f.destination}",
                    "flight",
                    False,
                    # A flight's ends are shown in their own zones, as on the boarding pass.
                    f"{app.fmt_time(f.departs, _own(f.departs))}→"
                    f"{app.fmt_time(f.arrives, _own(f.arrives))}"
                    if not app.show_home
                    else f"{app.fmt_time(f.departs, self.zone)}→"
                    f"{app.fmt_time(f.arrives, self.zone)}",
                )
            )
        for s in trip.stays:
            items.append(
                GridItem(
                    s.check_in,
                    s.check_in + SLOT,
                    t("Check in: {name}", name=s.name),
                    "stay",
                    False,
                    app.fmt_time(s.check_in, self.zone),
                )
            )
            items.append(
                GridItem(
                    s.check_out,
                    s.check_out + SLOT,
                    t("Check out: {name}", name=s.name),
                    "stay",
                    False,
                    app.fmt_time(s.check_out, self.zone),
                )
            )
        for w in trip.conference.badge_pickup:
            items.append(
                GridItem(
                    w.start,
                    w.end,
                    w.label or t("Badge pickup"),
                    "badge",
                    False,
                    fmt_span(w.start, w.end, self.zone),
                )
            )
        self.items = items
        self._mine = mine
        await self._set_days(mine)

    async def _set_days(self, mine: list[Any]) -> None:
        from tripkit.core.timefmt import fmt_date
        from tripkit.core.zoned import get_zone

        zone = get_zone(self.zone)
        trip = self.tapp.trip
        days = {
            trip.conference.first_day + timedelta(days=n)
            for n in range((trip.conference.last_day - trip.conference.first_day).days + 1)
        }
        for item in self.items:
            days.add(item.start.astimezone(zone).date())
            days.add(item.end.astimezone(zone).date())
        tabs = self.query_one("#agenda-days", Tabs)
        previous = tabs.active
        self.days = sorted(days)
        await tabs.clear()
        # In date order; with the year when the days span two (e.g. a programme of another
        # year's conference next to this trip's days), or they would read out of order.
        year = self._year = len({d.year for d in self.days}) > 1
        for d in self.days:
            await tabs.add_tab(Tab(fmt_date(d, self.tapp.lang, year=year), id=f"d-{d.isoformat()}"))
        today = self.tapp.now().astimezone(zone).date()
        wanted = previous if previous and previous.startswith("d-") else None
        if wanted is None or date.fromisoformat(wanted[2:]) not in days:
            first = next((d for d in self.days if d >= today), self.days[0] if self.days else None)
            wanted = f"d-{first.isoformat()}" if first else None
        if wanted:
            tabs.active = wanted
        self._draw()

    @on(Tabs.TabActivated, "#agenda-days")
    def _day_changed(self) -> None:
        self._draw()

    def _list_mine(self, day: date | None) -> None:
        """The day's own items, each in the zone it was given in (a call home at 20:00 CET
        reads as such even while the agenda shows the venue's time)."""
        from tripkit.core.timefmt import fmt_span
        from tripkit.core.zoned import at_midnight

        mine = self.query_one("#agenda-mine", OptionList)
        shown: list[Any] = []
        if day is not None:
            start = at_midnight(day, self.zone)
            end = at_midnight(day + timedelta(days=1), self.zone)
            shown = [p for p in self.personal if p.start < end and p.end > start]
        keep = mine.highlighted
        self._mine_shown = shown
        mine.clear_options()
        for p in shown:
            line = Text("• ")
            line.append(fmt_span(p.start, p.end))
            # (Not muted: the highlighted line's background would make it too faint.)
            line.append(f" ({_own(p.start)}) ")
            line.append(for_terminal(p.title))  # literal: never markup
            if p.place:
                line.append(f" · {for_terminal(p.place)}")
            mine.add_option(line)
        if shown:
            mine.highlighted = min(keep or 0, len(shown) - 1)
        mine.set_class(bool(shown), "-some")

    def selected_item(self) -> Any:
        index = self.query_one("#agenda-mine", OptionList).highlighted
        if index is None or not 0 <= index < len(self._mine_shown):
            return None
        return self._mine_shown[index]

    def action_add_personal(self) -> None:
        self.add_personal_item(self.current_day())

    def action_edit_personal(self) -> None:
        item = self.selected_item()
        if item is None:
            self.app.notify(self.t("No item of your own on this day to change."), timeout=3)
            return
        self.edit_personal_item(item)

    def action_remove_personal(self) -> None:
        item = self.selected_item()
        if item is None:
            self.app.notify(self.t("No item of your own on this day to remove."), timeout=3)
            return
        self.remove_personal_item(item)

    @on(OptionList.OptionSelected, "#agenda-mine")
    def _item_chosen(self) -> None:
        self.action_edit_personal()  # Enter on an item of your own: change it

    def personal_changed(self) -> None:
        self.reload()

    def current_day(self) -> date | None:
        active = self.query_one("#agenda-days", Tabs).active
        return date.fromisoformat(active[2:]) if active else None

    def _draw(self) -> None:
        from tripkit.core.zoned import at_midnight, get_zone

        grid = self.query_one(TimeGrid)
        day = self.current_day()
        self._list_mine(day)
        self._notes(self._mine, day)
        if day is None:
            grid.set_day(None, [], [], "", self.t("Nothing planned."))  # type: ignore[arg-type]
            return
        zone = get_zone(self.zone)
        start = at_midnight(day, self.zone)
        end = at_midnight(day + timedelta(days=1), self.zone)
        todays = [i for i in self.items if i.start < end and i.end > start]
        # Show 08:00-20:00 at least, widened to whatever is planned that day.
        first_slot, last_slot = 16, 40
        for i in todays:
            first_slot = min(first_slot, max(0, int((i.start - start) / SLOT)))
            last_slot = max(last_slot, min(int((end - start) / SLOT), -(-(i.end - start) // SLOT)))
        grid_start = start + first_slot * SLOT
        labels = [
            f"{(grid_start + n * SLOT).astimezone(zone):%H:%M}"
            for n in range(last_slot - first_slot)
        ]
        grid.set_day(grid_start, todays, labels, self.t("free {span}"), "", self.tapp.lang)

    def _named(self, x: Any) -> str:
        """A title in the conflict list; with several programmes, the session's programme
        before it (the same talk in two programmes is not "X ↔ X")."""
        title = for_terminal(x.title)
        return (
            f"{for_terminal(x.programme)}: {title}"
            if self.programmes > 1 and x.programme
            else title
        )

    def _notes(self, mine: list[Any], day: date | None) -> None:
        """The zone, and the conflicts of the day shown; those of other days are counted,
        with their days. (All of them on every day took 12 of 24 lines at 80x24 above a day
        that had none, and pushed the day's own grid below the fold.)"""
        from tripkit.core.timefmt import fmt_date
        from tripkit.core.zoned import get_zone
        from tripkit.i18n import trn
        from tripkit.zonenames import zone_title

        app, t = self.tapp, self.t
        out = Text()
        zone = get_zone(self.zone)
        # The zone as a person reads it, with the shown day's abbreviation and offset
        # ("Brussels time (CET, UTC+1)"), not its IANA key.
        label = zone_title(zone.key, day, app.lang)
        # z switches to the other clock: home time, or back to where you are.
        header = (
            "All times: {zone} (z: where you are)"
            if app.show_home
            else "All times: {zone} (z: home time)"
        )
        out.append(t(header, zone=label), style=self.tone("muted"))
        if not self.programmes:
            out.append(
                "\n"
                + t(
                    "No schedule imported yet: 7 to import one, then star sessions "
                    "on the Schedule screen (3)."
                ),
                style=self.tone("muted"),
            )
        elif not mine:
            out.append(
                "\n" + t("No starred sessions yet: star them on the Schedule screen (3)."),
                style=self.tone("muted"),
            )
        others: dict[date, int] = {}
        for c in self.conflicts:
            on = c.second.start.astimezone(zone).date()  # the day its time below is on
            if on != day:
                others[on] = others.get(on, 0) + 1
                continue
            out.append("\n! ", style=self.tone("error"))
            kind = t("overlap") if c.kind == "overlap" else t("no time to change rooms")
            out.append(f"{kind}: ", style=self.tone("error"))
            out.append(self._named(c.first))
            out.append(" ↔ ")
            out.append(self._named(c.second))
            out.append(f" ({app.fmt(c.second.start, tz=self.zone)})", style=self.tone("muted"))
        if others:
            days = ", ".join(  # each day's count when there are several days
                fmt_date(d, app.lang, year=self._year)
                + (f" ({others[d]})" if len(others) > 1 else "")
                for d in sorted(others)
            )
            n = sum(others.values())
            out.append("\n! ", style=self.tone("error"))
            out.append(
                trn(
                    "{n} conflict on another day: {days} (] and [ change the day)",
                    "{n} conflicts on other days: {days} (] and [ change the day)",
                    n,
                    app.lang,
                    days=days,
                ),
                style=self.tone("muted"),
            )
        self.query_one("#agenda-notes", Static).update(out)

    def action_next_day(self) -> None:
        self.query_one("#agenda-days", Tabs).action_next_tab()

    def action_prev_day(self) -> None:
        self.query_one("#agenda-days", Tabs).action_previous_tab()


def _own(dt: datetime) -> str:
    from tripkit.core.zoned import zone_of

    return zone_of(dt).key
