"""A checkbox whose mark is there only when it is ticked.

Textual's Checkbox draws "X" either way and tells the states apart by colour alone: the X of
an unticked box is a shade off its background (1.2:1). Under NO_COLOR, in a screenshot pasted
as text or to a screen reader, every box read as ticked - "▐X▌ Permanent residence" for a
traveller with none. Here an unticked box is blank; the colours stay Textual's."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value:
            return button
        left = len(self.BUTTON_LEFT)
        inner = Content(" " * len(self.BUTTON_INNER))
        for span in button[left : left + len(self.BUTTON_INNER)].spans:
            inner = inner.stylize(span.style, span.start, span.end)
        return button[:left] + inner + button[left + len(self.BUTTON_INNER) :]
