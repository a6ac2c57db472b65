"""The top bars: the screen switcher and the trip line (name, example label, shown zone)."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static

from tripkit.tui.actions import SCREENS


class NavItem(Static):
    def __init__(self, mode: str, label: str, active: bool) -> None:
        super().__init__(label, classes="nav-item -active" if active else "nav-item")
        self.mode = mode

    def on_click(self, event: Click) -> None:
        event.stop()
        self.app.action_go(self.mode)  # type: ignore[attr-defined]


class NavBar(Horizontal):
    """One clickable entry per screen, with its key."""

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current

    def compose(self):  # type: ignore[no-untyped-def]
        t = self.app.t  # type: ignore[attr-defined]
        for mode, key, title in SCREENS:
            yield NavItem(mode, f"{key} {t(title)}", mode == self.current)


class TripBar(Static):
    """The current trip, whether it is the example, and which zone times are shown in."""

    def __init__(self) -> None:
        super().__init__(id="tripbar")

    def on_mount(self) -> None:
        self.update_bar()

    def update_bar(self) -> None:
        app = self.app
        t = app.t  # type: ignore[attr-defined]
        try:
            trip = app.trip  # type: ignore[attr-defined]
        except Exception as err:  # a damaged store: say so instead of failing to draw
            self.update(Text(str(err), style="bold red"))
            return
        line = Text()
        line.append(trip.name, style="bold")  # user text: appended literally, never markup
        if trip.example:
            line.append("  ")
            line.append(t(" EXAMPLE "), style="reverse")
        zone = trip.home_tz if app.show_home else t("where you are")  # type: ignore[attr-defined]
        line.append("  ·  " + t("times: {zone} (z)", zone=zone), style="dim")
        self.update(line)
