"""Adding, changing and removing personal agenda items: shared by the Schedule and the Agenda.

The dialog reads the fields; the saving goes through tripkit.services.agenda (the functions
`tripkit agenda add|edit|remove` use), so a problem is the service's to say and the store is
left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tripkit.core.textsafe import for_terminal
from tripkit.tui.messages import PersonalItemChanged


class PersonalItemActions:
    """A mixin for main screens; `personal_changed()` redraws what depends on the items."""

    app: Any

    def personal_changed(self) -> None:
        """Called after an item was saved or removed."""

    def add_personal_item(self, day: date | None) -> None:
        from tripkit.services.agenda import add
        from tripkit.tui.screens.personal_dialog import PersonalItemDialog

        app = self.app
        trip = app.trip

        def saved(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._apply(
                    lambda: add(app.store, trip, **values),
                    "Not saved",
                    "added",
                    lambda item: app.t(
                        "Added to your agenda: {title}", title=for_terminal(item.title)
                    ),
                )

        app.push_screen(PersonalItemDialog(trip.venue_tz, day), saved)

    def edit_personal_item(self, item: Any) -> None:
        from tripkit.services.agenda import edit
        from tripkit.tui.screens.personal_dialog import PersonalItemDialog

        app = self.app
        trip = app.trip

        def saved(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._apply(
                    lambda: edit(app.store, trip, item.id, **values),
                    "Not saved",
                    "changed",
                    lambda changed: app.t("Changed: {title}", title=for_terminal(changed.title)),
                )

        app.push_screen(PersonalItemDialog(trip.venue_tz, None, item), saved)

    def remove_personal_item(self, item: Any) -> None:
        from tripkit.services.agenda import remove
        from tripkit.tui.screens.dialogs import ConfirmDialog

        app = self.app

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(
                    lambda: remove(app.store, app.trip, item.id),
                    "Not removed",
                    "removed",
                    lambda gone: app.t(
                        "Removed from your agenda: {title}", title=for_terminal(gone.title)
                    ),
                )

        app.push_screen(
            ConfirmDialog(
                app.t("Remove “{title}” from your agenda?", title=for_terminal(item.title)),
                app.t("Remove"),
            ),
            answered,
        )

    def _apply(
        self, change: Callable[[], Any], failed: str, what: str, said: Callable[[Any], str]
    ) -> None:
        """Run `change`, a call of tripkit.services.agenda that returns the item: a problem is
        the service's to say (under the title `failed`), and the store is left as it was."""
        from tripkit.errors import TripkitError

        try:
            item = change()
        except TripkitError as err:
            self.app.error(err, failed)
            return
        self.app.notify(said(item), timeout=4)
        self._changed(item.id, what)

    def _changed(self, item_id: str, what: str) -> None:
        self.personal_changed()
        self.app.post_message(PersonalItemChanged(item_id, what))
