"""The top bars: the screen switcher and the trip line (name, example label, shown zone)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tripkit.tui.actions import SCREENS
from tripkit.tui.tones import tone


class NavBar(Widget):
    """One clickable entry per screen, with its key.

    Drawn as one line of text rather than a widget per entry: every main screen has this bar,
    and each widget costs style matching at start-up and on every theme change.
    """

    COMPONENT_CLASSES = {"nav-bar--active", "nav-bar--hover"}
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    NavBar > .nav-bar--active { background: $primary; color: $text; text-style: bold; }
    NavBar > .nav-bar--hover { background: $boost; color: $text; }
    """
    hover: reactive[int | None] = reactive(None)

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, mode)

    def render(self) -> Text:
        t = self.app.t  # type: ignore[attr-defined]
        labels = [(mode, f"{key} {t(title)}") for mode, key, title in SCREENS]
        # Padded entries when they fit; at 80 columns (or in a longer language) tighter ones.
        pad = " " if sum(cell_len(label) + 2 for _m, label in labels) <= self.size.width else ""
        active = self.get_component_rich_style("nav-bar--active")
        hover = self.get_component_rich_style("nav-bar--hover")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        spans = []
        x = 0
        for index, (mode, label) in enumerate(labels):
            if index and not pad:
                text.append(" ")
                x += 1
            part = f"{pad}{label}{pad}"
            style = active if mode == self.current else hover if index == self.hover else None
            text.append(part, style)
            spans.append((x, x + cell_len(part), mode))
            x += cell_len(part)
        self._spans = spans
        return text

    def _mode_at(self, x: int) -> int | None:
        for index, (first, end, _mode) in enumerate(self._spans):
            if first <= x < end:
                return index
        return None

    def on_click(self, event: events.Click) -> None:
        event.stop()
        index = self._mode_at(event.x)
        if index is not None:
            self.app.action_go(self._spans[index][2])  # type: ignore[attr-defined]

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._mode_at(event.x)

    def on_leave(self, _event: events.Leave) -> None:
        self.hover = None


class TripBar(Static):
    """The current trip, whether it is the example, and which zone times are shown in."""

    def __init__(self) -> None:
        super().__init__(id="tripbar")

    def on_mount(self) -> None:
        self.update_bar()

    def update_bar(self) -> None:
        app = self.app
        t = app.t  # type: ignore[attr-defined]
        if not getattr(app, "ready", True):
            # The first frame is drawn before the trip is read (that needs pydantic, ~0.3 s):
            # it shows the name kept from the last run; TripkitApp.on_ready reads the trip.
            from tripkit.services.tui_support import summary

            kept = summary(app.store, app.trip_id)  # type: ignore[attr-defined]
            if kept is None:
                self.update(Text(t("Loading your trip…"), style=tone(app, "muted")))
            else:
                self._show(str(kept.get("name", "")), bool(kept.get("example")), None)
            return
        try:
            trip = app.trip_view  # type: ignore[attr-defined]
        except Exception as err:  # a damaged store: say so instead of failing to draw
            from tripkit.i18n import render

            self.update(Text(render(err, app.lang), style=tone(app, "error")))  # type: ignore[attr-defined]
            return
        self._show(trip.name, trip.example, trip.home_tz)

    def _show(self, name: str, example: bool, home_tz: str | None) -> None:
        from tripkit.core.textsafe import for_terminal
        from tripkit.zonenames import zone_name

        app = self.app
        t = app.t  # type: ignore[attr-defined]
        line = Text()
        # user text: appended literally, never markup, and nothing in it acts on the terminal
        line.append(for_terminal(name), style="bold")
        if example:
            line.append("  ")
            line.append(t(" EXAMPLE "), style="reverse")
        shown_home = home_tz is not None and app.show_home  # type: ignore[attr-defined]
        # The home zone by its city ("Tokyo time"): each time shown carries its abbreviation.
        lang = app.lang  # type: ignore[attr-defined]
        zone = zone_name(home_tz, lang) if shown_home and home_tz else t("where you are")
        line.append("  ·  " + t("times: {zone} (z)", zone=zone), style=tone(app, "muted"))
        self.update(line)
