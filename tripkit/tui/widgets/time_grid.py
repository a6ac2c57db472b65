"""A day as a time grid: one line per half hour, overlapping items side by side, gaps visible.

Presentation only: the screen hands over items with aware start/end times and whether they
conflict (decided by tripkit.core.agenda); this widget places them on lines and lanes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tripkit.i18n import format_duration
from tripkit.tui.tones import tone

SLOT = timedelta(minutes=30)
KIND_MARK = {"session": "▌", "flight": "✈", "stay": "⌂", "badge": "◆", "personal": "•"}
KIND_TONE = {"flight": "primary", "stay": "success", "badge": "accent"}  # sessions: bold


@dataclass
class GridItem:
    start: datetime
    end: datetime
    label: str  # shown literally
    kind: str = "session"
    conflict: bool = False
    when: str = ""  # the formatted time span, with its zone label


def _lanes(items: list[GridItem]) -> list[int]:
    """Greedy lane assignment: an item goes to the first lane free at its start."""
    ends: list[datetime] = []
    out = []
    for item in items:
        for lane, end in enumerate(ends):
            if end <= item.start:
                ends[lane] = item.end
                out.append(lane)
                break
        else:
            ends.append(item.end)
            out.append(len(ends) - 1)
    return out


class TimeGrid(Widget):
    DEFAULT_CSS = """
    TimeGrid { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[GridItem] = []
        self.day_start: datetime | None = None
        self.labels: list[str] = []  # "HH:MM" of each slot, in the shown zone
        self.free_label = "free {span}"
        self.empty_text = ""
        self.lang = "en"  # of the lengths shown ("1 h 30 min", 「1時間30分」)

    def set_day(
        self,
        day_start: datetime,
        items: list[GridItem],
        labels: list[str],
        free_label: str,
        empty_text: str,
        lang: str = "en",
    ) -> None:
        self.day_start = day_start
        self.items = sorted(items, key=lambda i: (i.start, i.end))
        self.labels = labels
        self.free_label = free_label
        self.empty_text = empty_text
        self.lang = lang
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self.render().plain.count("\n") + 1)

    def _slot(self, when: datetime) -> int:
        assert self.day_start is not None
        return int((when - self.day_start) / SLOT)

    def render(self) -> Text:
        if self.day_start is None or not self.labels:
            return Text(self.empty_text, style=tone(self.app, "muted"))
        width = max(20, self.size.width)
        nslots = len(self.labels)
        lanes = _lanes(self.items)
        nlanes = max(1, max(lanes, default=0) + 1)
        gutter = 7
        lane_w = max(6, (width - gutter) // nlanes - 1)
        grid: list[list[tuple[str, Style | str]]] = [[("", "")] * nlanes for _ in range(nslots)]
        # Gaps are measured between sessions and flights; an all-day badge desk or a hotel
        # check-in does not fill your day.
        busy = [False] * nslots
        for item, lane in zip(self.items, lanes, strict=True):
            first = max(0, self._slot(item.start))
            last = min(nslots - 1, self._slot(item.end - timedelta(seconds=1)))
            kind = KIND_TONE.get(item.kind)
            style = (
                tone(self.app, "error")
                if item.conflict
                else tone(self.app, kind)
                if kind
                else Style(bold=True)
            )
            mark = "!" if item.conflict else KIND_MARK.get(item.kind, "▌")
            for n, slot in enumerate(range(first, last + 1)):
                if item.kind in ("session", "flight", "personal"):
                    busy[slot] = True
                if n == 0:
                    text = (
                        f"{mark} {item.when} {item.label}"
                        if item.when
                        else (f"{mark} {item.label}")
                    )
                elif n == 1 and item.when:
                    text = f"{mark} {item.label}"
                else:
                    text = mark
                grid[slot][lane] = (text, style)
        starts = [i for i, b in enumerate(busy) if b]
        for slot in range(nslots):
            # Name each gap once, on its first line, when something comes before and after it.
            if busy[slot] or not starts or slot == 0 or not busy[slot - 1] or slot > starts[-1]:
                continue
            run = slot
            while run < nslots and not busy[run]:
                run += 1
            # Said as a reader says a length (the binder and calendar spell it the same way).
            span = format_duration(timedelta(minutes=(run - slot) * 30), self.lang)
            lane = next((n for n in range(nlanes) if not grid[slot][n][0]), nlanes - 1)
            grid[slot][lane] = ("┄ " + self.free_label.format(span=span) + " ┄", "italic dim")
        out = Text()
        lines = 0
        skipping = False
        for slot in range(nslots):
            # A long flight or desk window is one block: its middle lines fold into one "⋮".
            if (
                0 < slot < nslots - 1
                and _quiet(grid[slot])
                and grid[slot] == grid[slot - 1]
                and grid[slot] == grid[slot + 1]
            ):
                if not skipping:
                    skipping = True
                    out.append("\n" + " " * (gutter - 1) + "⋮", style=tone(self.app, "muted"))
                continue
            skipping = False
            if lines:
                out.append("\n")
            lines += 1
            out.append(
                set_cell_size(self.labels[slot], gutter - 1) + "│", style=tone(self.app, "muted")
            )
            if not any(text for text, _s in grid[slot]):
                out.append(" ·", style=tone(self.app, "muted"))
                continue
            for lane in range(nlanes):
                text, cell_style = grid[slot][lane]
                if cell_len(text) > lane_w:
                    text = set_cell_size(text, lane_w - 1) + "…"
                out.append(" ")
                out.append(set_cell_size(text, lane_w), style=cell_style)
        return out


def _quiet(row: list[tuple[str, Style | str]]) -> bool:
    """Only continuation marks on this line (no title, no gap label)."""
    return any(text for text, _s in row) and all(len(text) <= 1 for text, _s in row)
