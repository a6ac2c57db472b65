"""A virtual table of sessions: renders only the rows on screen, so filtering never rebuilds it.

Textual's DataTable measures and stores every cell when rows are added, which makes a rebuild
per keystroke cost tens of milliseconds with a thousand sessions. Here the screen hands over the
rows once (already formatted), and a filter is only a new list of row indices; drawing touches the
twenty-odd visible lines. The widget scrolls itself (a `top` row, no virtual size), because a
changing virtual size makes Textual lay the whole screen out again on every keystroke; the header
shows the position instead of a scrollbar. Cells are plain strings cut to cell width (so Japanese
aligns) and drawn as literal segments: a title like "[b]x[/b]" shows those characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget


@dataclass
class Row:
    key: str
    cells: list[str]  # one per column, already formatted, plain text
    starred: bool = False
    conflict: bool = False  # overlaps another starred session
    cancelled: bool = False
    alt_time: str = ""  # the time cell with the date, used when several days are listed


@dataclass
class Column:
    title: str
    width: int  # 0: takes the remaining width
    hidden: bool = False  # left out by the screen (e.g. the programme, with only one)
    hide_below: int = 0  # left out when the table is narrower than this


class SessionTable(Widget, can_focus=True):
    COMPONENT_CLASSES = {
        "session-table--header",
        "session-table--cursor",
        "session-table--starred",
        "session-table--conflict",
        "session-table--cancelled",
    }
    DEFAULT_CSS = """
    SessionTable { height: 1fr; width: 1fr; }
    SessionTable > .session-table--header { text-style: bold; background: $panel; }
    SessionTable > .session-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; }
    SessionTable:blur > .session-table--cursor { background: $block-cursor-blurred-background; }
    SessionTable > .session-table--starred { color: $text-warning; }
    SessionTable > .session-table--conflict { color: $text-error; text-style: bold; }
    SessionTable > .session-table--cancelled { color: $text-muted; text-style: strike; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "select", show=False),
    ]

    class Highlighted(Message):
        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    class Selected(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self.shown: list[int] = []
        self.cursor = 0
        self._by_key: dict[str, int] = {}
        self._widths: list[int] = [c.width for c in self.columns]
        self.use_alt = False  # show Row.alt_time (with the date) in column ALT_COLUMN
        self._strips: dict[tuple[object, ...], Strip] = {}  # drawn rows, reused while typing
        self.top = 0  # index (into `shown`) of the first row on screen
        # Size and styles, kept between frames: asking Textual for them on every line (region
        # lookups, style merges) cost more than drawing the line.
        self._width, self._height = 80, 24
        self._style_key: tuple[object, ...] | None = None
        self._styles: dict[str, Style] = {}

    ALT_COLUMN = 1
    ALT_EXTRA = 6  # "MM-DD "

    # --- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self._strips.clear()
        self._by_key = {r.key: i for i, r in enumerate(rows)}
        self.show(list(range(len(rows))))

    def show(self, shown: list[int], *, keep_key: str | None = None) -> None:
        """Show only these rows (indices into `rows`), keeping the cursor on `keep_key`."""
        keep = keep_key if keep_key is not None else self.cursor_key
        self._fit_columns()
        self.shown = shown
        self.cursor = 0
        if keep is not None and keep in self._by_key:
            index = self._by_key[keep]
            try:
                self.cursor = shown.index(index)
            except ValueError:
                self.cursor = 0
        self._set_top(max(0, self.cursor - self._page() // 2))
        self.refresh()
        self.post_message(self.Highlighted(self.cursor_key))

    def refit(self) -> None:
        """Columns were shown or left out: measure and draw again."""
        self._fit_columns()
        self.invalidate()

    def invalidate(self) -> None:
        """Row contents changed (marks, stars): draw them afresh."""
        self._strips.clear()
        self.refresh()

    @property
    def cursor_key(self) -> str | None:
        if 0 <= self.cursor < len(self.shown):
            return self.rows[self.shown[self.cursor]].key
        return None

    def move_to(self, key: str) -> bool:
        i = self._by_key.get(key)
        if i is None or i not in self.shown:
            return False
        self._set_cursor(self.shown.index(i))
        return True

    # --- geometry --------------------------------------------------------------------------

    def _set_top(self, top: int) -> None:
        self.top = max(0, min(top, len(self.shown) - self._page()))

    def on_resize(self, event: events.Resize) -> None:
        self._width, self._height = event.size.width, event.size.height
        self._strips.clear()
        self._fit_columns()
        self._set_top(self.top)
        # The frame that applied the new size may already have drawn us with the old one (the
        # Resize message comes after it): draw again, or stale half-width rows stay on screen.
        self.refresh()

    def _style(self, name: str) -> Style:
        key = (self.app.theme, self.has_focus, self.app.no_color)
        if key != self._style_key:
            self._style_key = key
            self._styles = {
                n: self.get_component_rich_style(f"session-table--{n}")
                for n in ("header", "cursor", "starred", "conflict", "cancelled")
            }
            self._styles["base"] = self.rich_style
        return self._styles[name]

    def _fit_columns(self) -> None:
        width = max(10, self._width)
        fixed = sum(c.width + 1 for c in self.columns if c.width)
        flex = [i for i, c in enumerate(self.columns) if not c.width]
        rest = max(8, width - fixed - len(flex))
        shown = [not c.hidden and width >= c.hide_below for c in self.columns]
        # A column left out gives its width and its separator to the title.
        rest += sum(c.width + 1 for c, on in zip(self.columns, shown, strict=True) if not on)
        widths = [c.width if on else -1 for c, on in zip(self.columns, shown, strict=True)]
        if self.use_alt:
            widths[self.ALT_COLUMN] += self.ALT_EXTRA
            rest -= self.ALT_EXTRA
        for i in flex:
            widths[i] = rest // max(1, len(flex))
        self._widths = widths

    def _page(self) -> int:
        return max(1, self._height - 1)

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._width
        if y == 0:
            style = self._style("header")
            titles = [c.title for c in self.columns]
            if self.shown:  # where we are, in place of a scrollbar
                titles[2] = f"{titles[2]}  {self.cursor + 1}/{len(self.shown)}"
            return self._strip(titles, style, width)
        index = self.top + y - 1
        if index >= len(self.shown):
            return Strip.blank(width, self._style("base"))
        row_index = self.shown[index]
        row = self.rows[row_index]
        key = (
            row_index,
            index == self.cursor,
            width,
            self.use_alt,
            row.starred,
            row.conflict,
            self.has_focus,
            self.app.theme,
            tuple(self._widths),
        )
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        style = self._style("base")
        if row.cancelled:
            style += self._style("cancelled")
        elif row.conflict:
            style += self._style("conflict")
        elif row.starred:
            style += self._style("starred")
        if index == self.cursor:
            style += self._style("cursor")
        cells = row.cells
        if self.use_alt and row.alt_time:
            cells = cells.copy()
            cells[self.ALT_COLUMN] = row.alt_time
        strip = self._strip(cells, style, width)
        if len(self._strips) > 4000:  # a few screens' worth; cheap to rebuild
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def _strip(self, cells: list[str], style: Style, width: int) -> Strip:
        parts = []
        for text, w in zip(cells, self._widths, strict=False):
            if w < 0:  # a column left out
                continue
            if cell_len(text) > w:
                text = set_cell_size(text, max(0, w - 1)) + "…"
            parts.append(set_cell_size(text, w))
        line = " ".join(parts)
        line = set_cell_size(line, width)
        return Strip([Segment(line, style)], width)

    # --- moving ----------------------------------------------------------------------------

    def _set_cursor(self, cursor: int) -> None:
        if not self.shown:
            return
        cursor = max(0, min(cursor, len(self.shown) - 1))
        if cursor == self.cursor:
            return
        self.cursor = cursor
        page = self._page()
        if cursor < self.top:
            self._set_top(cursor)
        elif cursor >= self.top + page:
            self._set_top(cursor - page + 1)
        self.refresh()
        self.post_message(self.Highlighted(self.cursor_key))

    def scroll_cursor_into_view(self) -> None:
        """After a change of height: keep the cursor's row on screen."""
        page = self._page()
        if not self.top <= self.cursor < self.top + page:
            self._set_top(self.cursor - page // 2)
            self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor + direction * self._page())

    def action_first(self) -> None:
        self._set_cursor(0)

    def action_last(self) -> None:
        self._set_cursor(len(self.shown) - 1)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(key))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._set_top(self.top + 3)
        self._set_cursor(max(self.cursor, self.top))
        self.refresh()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._set_top(self.top - 3)
        self._set_cursor(min(self.cursor, self.top + self._page() - 1))
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            target = self.top + event.y - 1
            if target < len(self.shown):
                if target == self.cursor:
                    self.action_select()
                self._set_cursor(target)

    def row_count(self) -> int:
        return len(self.shown)

    def visible_keys(self) -> list[str]:
        return [self.rows[i].key for i in self.shown]
