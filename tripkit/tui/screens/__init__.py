"""The screens: one module each, imported the first time the screen is shown."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from textual.screen import Screen

_SCREENS = {
    "overview": ("tripkit.tui.screens.overview", "OverviewScreen"),
    "checklist": ("tripkit.tui.screens.checklist", "ChecklistScreen"),
    "schedule": ("tripkit.tui.screens.schedule", "ScheduleScreen"),
    "agenda": ("tripkit.tui.screens.agenda", "AgendaScreen"),
    "guide": ("tripkit.tui.screens.guide", "GuideScreen"),
    "trip": ("tripkit.tui.screens.trip_editor", "TripEditorScreen"),
    "transfer": ("tripkit.tui.screens.transfer", "TransferScreen"),
}


def build_screen(mode: str) -> Screen[Any]:
    module, name = _SCREENS[mode]
    return getattr(import_module(module), name)()  # type: ignore[no-any-return]
