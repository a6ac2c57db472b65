"""The footer of the main screens: Textual's, drawn again only when the keys it lists change.

Textual's Footer rebuilds its keys after every change of the screen's bindings, and a screen
coming up changes them several times in a row (focus given, screen resumed): each rebuild mounts
and styles a widget per key. Before the first frame that was two rebuilds listing the same
keys; now the second finds nothing new and is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

# Never hidden for want of room: how to leave (a field, the app) and where every key is listed.
_KEPT = frozenset({"app.quit", "app.help", "leave_field"})


class Footer(TextualFooter):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._listed: tuple[object, ...] | None = None  # what the keys shown were made from

    def on_resize(self, event: events.Resize) -> None:
        # Below 120 columns the keys lose their padding: at 80 the Checklist's, Schedule's
        # and Agenda's keys (longer in Japanese) ran under the palette key and hid Help.
        self.compact = event.size.width < 120
        self.call_after_refresh(self._fit)

    def _listing(self) -> tuple[object, ...]:
        """Everything compose() reads: the shown bindings, their state, and the options."""
        active = self.screen.active_bindings
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip, binding.group)
            for (_node, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_state = None if palette is None else (palette[1].key, palette[2], palette[3])
        return (shown, palette_state, self.compact, self.show_command_palette)

    def compose(self) -> Iterable[Widget]:
        for key in super().compose():
            if key.has_class("-command-palette") and hasattr(key, "description"):
                # Textual names it "palette" in English whatever the UI language (FooterKey is
                # not public: its description is set by name).
                said = self.app.t("palette")  # type: ignore[attr-defined]
                setattr(key, "description", said)  # noqa: B010
                key.tooltip = said
            yield key

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        listing = self._listing()
        if listing == self._listed and self.children:
            return  # the keys on screen already say this
        self._listed = listing
        await super().recompose()
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Hide the keys that do not fit, last first, never the ones that say how to leave
        or get help: Textual lets them run on under the palette key, which cut them off
        mid-word (and split a Japanese character in two). Help and the palette list all."""
        keys = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        # The palette key is docked right, after a one-cell border: the keys have the room
        # left of that border.
        palette = [key for key in self.query(FooterKey) if key not in keys]
        room = self.size.width - sum(key.outer_size.width + 1 for key in palette)
        for key in keys:
            key.display = True
        # One-cell gutters between the keys.
        used = sum(key.outer_size.width + 1 for key in keys) - 1
        for key in reversed(keys):
            if used <= room:
                break
            if key.action not in _KEPT:
                key.display = False
                used -= key.outer_size.width + 1
