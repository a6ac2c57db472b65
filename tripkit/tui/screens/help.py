"""The keys: built from the same action table as the bindings and the palette."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tripkit.tui.actions import ACTIONS, SCREENS, key_display
from tripkit.tui.tones import tone


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(classes="dialog help-dialog"):
            yield Static(Text(t("Keys"), style="bold"), classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            from tripkit.tui.keymap import keymap_path

            yield Static(
                Text(
                    t(
                        "Esc: close. Ctrl+P: every action by name. Remap keys in {path} "
                        "(id: keys).",
                        path=str(keymap_path()),
                    ),
                    style=tone(self.app, "muted"),
                ),
                id="help-hint",
            )

    def on_mount(self) -> None:
        t = self.app.t  # type: ignore[attr-defined]
        titles = {mode: t(title) for mode, _k, title in SCREENS}
        table = self.query_one(DataTable)
        table.add_columns(t("Key"), t("Action"), t("Where"), "id")
        keymap: dict[str, str] = getattr(self.app, "user_keymap", {})
        for action in ACTIONS:
            anywhere = action.scope in ("app", "screen")
            where = t("everywhere") if anywhere else titles.get(action.scope, "")
            keys = keymap.get(action.id, action.key)
            table.add_row(
                Text(key_display(keys)),
                Text(t(action.help)),
                Text(where),
                Text(action.id, style=tone(self.app, "muted")),
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
