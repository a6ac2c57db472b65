"""The main screens: one module each, imported the first time the screen is shown.

A screen's key bindings carry translated descriptions (the footer shows them), and Textual
reads bindings from the class. So each screen is used through a subclass per language, made
here and cached; switching the language builds the screens again from those classes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripkit.tui.screens.base import BaseScreen


def _overview() -> type[BaseScreen]:
    from tripkit.tui.screens.overview import OverviewScreen

    return OverviewScreen


def _checklist() -> type[BaseScreen]:
    from tripkit.tui.screens.checklist import ChecklistScreen

    return ChecklistScreen


def _schedule() -> type[BaseScreen]:
    from tripkit.tui.screens.schedule import ScheduleScreen

    return ScheduleScreen


def _agenda() -> type[BaseScreen]:
    from tripkit.tui.screens.agenda import AgendaScreen

    return AgendaScreen


def _guide() -> type[BaseScreen]:
    from tripkit.tui.screens.guide import GuideScreen

    return GuideScreen


def _trip() -> type[BaseScreen]:
    from tripkit.tui.screens.trip_editor import TripEditorScreen

    return TripEditorScreen


def _transfer() -> type[BaseScreen]:
    from tripkit.tui.screens.transfer import TransferScreen

    return TransferScreen


SCREEN_CLASSES: dict[str, Callable[[], type[BaseScreen]]] = {
    "overview": _overview,
    "checklist": _checklist,
    "schedule": _schedule,
    "agenda": _agenda,
    "guide": _guide,
    "trip": _trip,
    "transfer": _transfer,
}


@cache
def screen_class(mode: str, lang: str) -> type[BaseScreen]:
    """The screen of `mode` with its bindings described in `lang`."""
    from tripkit.i18n import tr
    from tripkit.tui.actions import bindings_for

    base = SCREEN_CLASSES[mode]()
    bindings = bindings_for(base.SCOPE, lambda text: tr(text, lang))
    # Same name as the base: CSS type selectors and messages read the class name.
    return type(base.__name__, (base,), {"BINDINGS": bindings, "__module__": base.__module__})
