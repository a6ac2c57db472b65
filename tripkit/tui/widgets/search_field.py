"""The schedule's search field: an Input that does not re-lay out the screen on every key.

Textual's Input records its text width in `virtual_size`, a reactive that asks for a layout
pass of the whole screen when it changes, i.e. on every keystroke. The width only matters for
scrolling inside the field, which reads the value directly, so here it is a plain reactive.
Measured with fosdem-2026 loaded: this is most of the time from a key to the redrawn table.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchField(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
