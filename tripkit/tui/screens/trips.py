"""Pick the trip to work on."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tripkit.core.textsafe import for_terminal
from tripkit.tui.tones import tone


class TripPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("N", "new", "New trip")]

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        trips = self.app.store.list_trips()  # type: ignore[attr-defined]
        with Vertical(classes="dialog"):
            yield Static(Text(t("Trips"), style="bold"), classes="dialog-title")
            options = []
            for trip in trips:
                label = Text(for_terminal(trip.name))  # a shared trip file's name: made inert
                if trip.example:
                    label.append(f"  ({t('example')})", style="italic")
                label.append(f"  {trip.id}", style="italic")
                options.append(Option(label, id=trip.id))
            yield OptionList(*options, id="trip-list")
            yield Static(
                Text(t("Enter: open · N: new trip · Esc: cancel"), style=tone(self.app, "muted"))
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_new(self) -> None:
        self.dismiss(None)
        self.app.call_later(self.app.action_new_trip)  # type: ignore[attr-defined]
