"""Adding, changing and removing personal agenda items: shared by the Schedule and the Agenda.

The dialog reads the fields; the saving goes through tripkit.services.agenda (the functions
`tripkit agenda add|edit|remove` use), so a problem is the service's to say and the store is
left as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tripkit.tui.messages import PersonalItemChanged


class PersonalItemActions:
    """A mixin for main screens; `personal_changed()` redraws what depends on the items."""

    app: Any

    def personal_changed(self) -> None:
        """Called after an item was saved or removed."""

    def add_personal_item(self, day: date | None) -> None:
        from tripkit.tui.screens.personal_dialog import PersonalItemDialog

        app = self.app
        trip = app.trip

        def saved(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            from tripkit.errors import TripkitError
            from tripkit.services.agenda import add

            try:
                item = add(
                    app.store,
                    trip,
                    values["title"],
                    values["start"],
                    values["end"],
                    place=values["place"],
                    note=values["note"],
                    kind=values["kind"],
                )
            except TripkitError as err:
                app.error(err, "Not saved")
                return
            app.notify(app.t("Added to your agenda: {title}", title=item.title), timeout=4)
            self._changed(item.id, "added")

        app.push_screen(PersonalItemDialog(trip.venue_tz, day), saved)

    def edit_personal_item(self, item: Any) -> None:
        from tripkit.tui.screens.personal_dialog import PersonalItemDialog

        app = self.app
        trip = app.trip

        def saved(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            from tripkit.errors import TripkitError
            from tripkit.services.agenda import edit

            try:
                changed = edit(
                    app.store,
                    trip,
                    item.id,
                    title=values["title"],
                    start=values["start"],
                    end=values["end"],
                    place=values["place"],
                    note=values["note"],
                    kind=values["kind"],
                )
            except TripkitError as err:
                app.error(err, "Not saved")
                return
            app.notify(app.t("Changed: {title}", title=changed.title), timeout=4)
            self._changed(item.id, "changed")

        app.push_screen(PersonalItemDialog(trip.venue_tz, None, item), saved)

    def remove_personal_item(self, item: Any) -> None:
        from tripkit.tui.screens.dialogs import ConfirmDialog

        app = self.app

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from tripkit.errors import TripkitError
            from tripkit.services.agenda import remove

            try:
                remove(app.store, app.trip, item.id)
            except TripkitError as err:
                app.error(err, "Not removed")
                return
            app.notify(app.t("Removed from your agenda: {title}", title=item.title), timeout=4)
            self._changed(item.id, "removed")

        app.push_screen(
            ConfirmDialog(
                app.t("Remove “{title}” from your agenda?", title=item.title), app.t("Remove")
            ),
            answered,
        )

    def _changed(self, item_id: str, what: str) -> None:
        self.personal_changed()
        self.app.post_message(PersonalItemChanged(item_id, what))
