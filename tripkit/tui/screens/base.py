"""What every main screen shares: the bars on top, the footer, bindings from the action table."""

from __future__ import annotations

import inspect
import sys
from typing import Any

from rich.style import Style
from textual.app import ComposeResult
from textual.screen import Screen
from textual.worker import Worker

from tripkit.tui.tones import tone
from tripkit.tui.widgets.footer import Footer
from tripkit.tui.widgets.nav import NavBar, TripBar

# Screens whose layout changes with the width set HORIZONTAL_BREAKPOINTS = BREAKPOINTS. Not the
# app: a breakpoint class re-styles every widget of the screen, at start-up too.
BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]


def is_text_field(widget: object) -> bool:
    """Whether `widget` takes typed text (an Input or a TextArea).

    Without importing TextArea (~20 ms): the footer asks this before the first frame, and a
    widget can only be a TextArea once some screen has imported that module."""
    from textual.widgets import Input

    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


class BaseScreen(Screen[Any]):
    SCOPE = "base"
    # The bindings come from the action table: see tripkit.tui.screens.screen_class.

    def __init__(self) -> None:
        super().__init__(classes=f"main-screen {self.SCOPE}-screen")

    @property
    def tapp(self) -> Any:  # the TripkitApp (typed loosely: the TUI is not strictly checked)
        return self.app

    def t(self, text: str, **values: object) -> str:
        return self.app.t(text, **values)  # type: ignore[attr-defined]

    def tone(self, name: str) -> Style:
        """A style by meaning (error, warning, muted...), legible in this theme: see tones."""
        return tone(self.app, name)

    def in_text_field(self) -> bool:
        return is_text_field(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":
            return self.can_leave()  # the footer says "Esc Leave field" only when it does
        return True

    def can_leave(self) -> bool:
        """Whether Escape has something to leave here (a text field, an open pane...)."""
        return self.in_text_field()

    def action_leave_field(self) -> None:
        if self.in_text_field():
            # Back to the screen's main widget when it is not a text field itself.
            main = self.query(self.AUTO_FOCUS).first() if self.AUTO_FOCUS else None
            self.set_focus(None if main is None or is_text_field(main) else main)

    def compose(self) -> ComposeResult:
        yield NavBar(self.SCOPE)
        yield TripBar()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    async def on_screen_resume(self) -> None:
        await self.reload_now()

    def reload(self) -> None:
        """Re-read from the store and redraw, soon (safe to call from any handler)."""
        self.call_later(self.reload_now)

    async def reload_now(self) -> None:
        """Re-read from the store and redraw. Cheap: runs whenever the screen is shown."""
        for bar in self.query(TripBar):
            bar.update_bar()
        if not getattr(self.app, "ready", True):
            self.draw_early()
            return  # the first frame comes first; TripkitApp.on_ready reloads
        try:
            result = self.load()
            if inspect.isawaitable(result):
                await result
        except Exception as err:
            self.app.error(err)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.worker_failed(event)  # type: ignore[attr-defined]

    def load(self) -> Any:
        """Screen-specific refresh; may be async."""

    def draw_early(self) -> None:
        """What the first frame shows, before the trip is read (nothing by default)."""
