"""Agenda: your starred sessions, flights and stays per day, as a picture with the gaps."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, Tab, Tabs

from tripkit.tui.screens.base import BaseScreen
from tripkit.tui.widgets.time_grid import SLOT, GridItem, TimeGrid


class AgendaScreen(BaseScreen):
    SCOPE = "agenda"
    AUTO_FOCUS = "#agenda-scroll"

    def __init__(self) -> None:
        super().__init__()
        self.items: list[GridItem] = []
        self.conflicts: list[Any] = []
        self.zone = ""
        self.days: list[date] = []

    def compose_body(self) -> ComposeResult:
        yield Tabs(id="agenda-days")
        with VerticalScroll(id="agenda-scroll"):
            yield Static(id="agenda-notes")  # conflicts first: they need acting on
            yield TimeGrid(id="grid")

    async def load(self) -> None:
        from tripkit.core.agenda import conflicts, starred_sessions
        from tripkit.core.timefmt import fmt_span

        app, t = self.tapp, self.t
        trip = app.trip
        self.zone = trip.home_tz if app.show_home else trip.venue_tz
        schedule = app.schedule()
        mine: list[Any] = []
        if schedule is not None:
            stars = {k for k, p in app.store.picks(app.trip_id).items() if p.starred}
            mine = starred_sessions(schedule.sessions, stars)
        # The traveller's own items (tripkit agenda add, the trip file's agenda:) are in the
        # grid and in the conflict check beside the sessions.
        from tripkit.services.agenda import items as personal_items

        personal = personal_items(app.store, trip)
        self.conflicts = conflicts([*mine, *personal])
        clashing = {c.first.key for c in self.conflicts} | {c.second.key for c in self.conflicts}
        items = [
            GridItem(
                s.start,
                s.end,
                f"{s.title} · {s.room}" if s.room else s.title,
                "session",
                s.key in clashing,
                fmt_span(s.start, s.end, self.zone),
            )
            for s in mine
            if not s.cancelled
        ]
        items += [
            GridItem(
                p.start,
                p.end,
                f"{p.title} · {p.place}" if p.place else p.title,
                "personal",
                p.key in clashing,
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
        await self._set_days(mine)
        self._notes(mine)

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
        year = len({d.year for d in self.days}) > 1
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

    def current_day(self) -> date | None:
        active = self.query_one("#agenda-days", Tabs).active
        return date.fromisoformat(active[2:]) if active else None

    def _draw(self) -> None:
        from tripkit.core.zoned import at_midnight, get_zone

        grid = self.query_one(TimeGrid)
        day = self.current_day()
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
        grid.set_day(grid_start, todays, labels, self.t("free {span}"), "")

    def _notes(self, mine: list[Any]) -> None:
        app, t = self.tapp, self.t
        out = Text()
        from tripkit.core.zoned import get_zone

        label = get_zone(self.zone).key
        out.append(t("Times in {zone} (z: home time)", zone=label), style=self.tone("muted"))
        if app.schedule() is None:
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
        for c in self.conflicts:
            out.append("\n! ", style=self.tone("error"))
            kind = t("overlap") if c.kind == "overlap" else t("no time to change rooms")
            out.append(f"{kind}: ", style=self.tone("error"))
            out.append(c.first.title)
            out.append(" ↔ ")
            out.append(c.second.title)
            out.append(f" ({app.fmt(c.second.start, tz=self.zone)})", style=self.tone("muted"))
        self.query_one("#agenda-notes", Static).update(out)

    def action_next_day(self) -> None:
        self.query_one("#agenda-days", Tabs).action_next_tab()

    def action_prev_day(self) -> None:
        self.query_one("#agenda-days", Tabs).action_previous_tab()


def _own(dt: datetime) -> str:
    from tripkit.core.zoned import zone_of

    return zone_of(dt).key
