"""A problem that needs reading: the message, where it happened, never a traceback."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ErrorScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, error: BaseException | str, title: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.error = error
        self.title_text = title

    def compose(self) -> ComposeResult:
        from tripkit.errors import TripkitError

        t = self.app.t  # type: ignore[attr-defined]
        err = self.error
        if isinstance(err, TripkitError):
            from tripkit.i18n import render

            title, message = err.title, render(err, self.app.lang)  # type: ignore[attr-defined]
        elif isinstance(err, str):
            title, message = "Problem", err
        else:
            title, message = "Unexpected problem", f"{type(err).__name__}: {err}"
        with Vertical(classes="dialog error-dialog"):
            yield Static(Text(t(self.title_text or title), style="bold"), classes="dialog-title")
            yield Static(Text(message), id="error-message")  # literal: may quote user input
            yield Button(t("Close"), id="close", variant="primary")
            yield Static(Text(t("Enter or Esc: close")), classes="dialog-hint")

    def on_button_pressed(self, _event: Any) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
