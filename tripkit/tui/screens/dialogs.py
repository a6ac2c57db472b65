"""Small modal forms: a reason for skipping, a custom checklist item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from tripkit.core.wording import phase_word

R = TypeVar("R")
Tr = Callable[..., str]


class _Dialog(ModalScreen[R]):
    """A box over the screen: a bold title, the dialog's fields, its buttons in a row, and a
    line saying which keys do what. Each dialog gives those parts (translated with `t`)."""

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading(t), style="bold"), classes="dialog-title")
            yield from self.fields(t)
            with Horizontal(classes="form-buttons"):
                yield from self.buttons(t)
            yield Static(Text(self.keys(t)), classes="dialog-hint")

    def heading(self, t: Tr) -> str:
        raise NotImplementedError

    def fields(self, t: Tr) -> ComposeResult:
        return ()

    def buttons(self, t: Tr) -> ComposeResult:
        raise NotImplementedError

    def keys(self, t: Tr) -> str:
        raise NotImplementedError


class ReasonDialog(_Dialog[str | None]):
    """Asks for one line of text (the reason an item is skipped)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, prompt: str) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt

    def heading(self, t: Tr) -> str:
        return self.title_text

    def fields(self, t: Tr) -> ComposeResult:
        yield Input(placeholder=self.prompt, id="reason", max_length=1000, compact=True)

    def buttons(self, t: Tr) -> ComposeResult:
        yield Button(t("OK"), id="ok", variant="primary")
        yield Button(t("Cancel"), id="cancel")

    def keys(self, t: Tr) -> str:
        return t("Tab: next · Enter: OK · Esc: cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AddItemDialog(_Dialog[dict[str, Any] | None]):
    """Title, phase, optional due time (with its zone) and details of a custom item."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, phases: list[str]) -> None:
        super().__init__()
        self.phases = phases

    def heading(self, t: Tr) -> str:
        return t("Add your own item")

    def fields(self, t: Tr) -> ComposeResult:
        yield Input(placeholder=t("What to do"), id="item-title", max_length=300, compact=True)
        lang = self.app.lang  # type: ignore[attr-defined]
        yield Select(
            [(phase_word(p, lang), p) for p in self.phases],
            value=self.phases[0],
            allow_blank=False,
            id="item-phase",
            compact=True,
        )
        yield Input(
            placeholder=t("Due (optional): 2026-12-10 17:05, 2026-12-10 or 3d"),
            id="item-due",
            compact=True,
        )
        yield Static(id="item-error", classes="field-error")
        yield Input(
            placeholder=t("Details (optional)"),
            id="item-details",
            max_length=5000,
            compact=True,
        )

    def buttons(self, t: Tr) -> ComposeResult:
        yield Button(t("Add"), id="ok", variant="primary")
        yield Button(t("Cancel"), id="cancel")

    def keys(self, t: Tr) -> str:
        return t("Tab: next field · Enter: add · Esc: cancel")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        t = self.app.t  # type: ignore[attr-defined]
        title = self.query_one("#item-title", Input).value.strip()
        error = self.query_one("#item-error", Static)
        if not title:
            error.update(Text(t("Give the item a title.")))
            error.add_class("-has-error")  # .field-error is hidden until it has something to say
            return
        self.dismiss(
            {
                "title": title,
                "phase": self.query_one("#item-phase", Select).value,
                # Read by the checklist service (a time without a zone is where you will be then).
                "due": self.query_one("#item-due", Input).value.strip(),
                "details": self.query_one("#item-details", Input).value.strip(),
            }
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(_Dialog[bool]):
    """A yes/no question (e.g. before replacing a file). No is the default and Escape."""

    BINDINGS = [Binding("escape", "no", "No")]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def heading(self, t: Tr) -> str:
        return self.question

    def buttons(self, t: Tr) -> ComposeResult:
        yield Button(t("Cancel"), id="no", variant="primary")
        yield Button(self.yes, id="yes", variant="warning")

    def keys(self, t: Tr) -> str:
        return t("Tab: next · Enter: choose · Esc: cancel")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
