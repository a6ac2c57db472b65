"""SVG snapshots of key screens: fixed size, injected clock, no blinking, no paths.

Plain `def` tests: snap_compare runs the app itself. Update with `pytest --snapshot-update`
after reviewing the report.
"""

from __future__ import annotations

import pytest

from tripkit.services import kept_fill
from tripkit.tui.app import TripkitApp

from .conftest import NOW


@pytest.fixture(autouse=True)
def _evaluated_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens as they settle, whatever ran before in this process: with the models not
    yet imported (this file run alone), a first start evaluates in a child process and the
    snapshot would catch the Overview still "checking…" (a first start's own look, and that
    the child gives the same rows, are tested in test_kept_fill.py)."""
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: False)


def _app(store, lang: str = "en") -> TripkitApp:
    return TripkitApp(store, now=NOW, lang=lang, keymap={}, theme="textual-dark")


def test_overview_80x24(snap_compare, tui_store) -> None:
    assert snap_compare(_app(tui_store), terminal_size=(80, 24))


def test_checklist_80x24(snap_compare, tui_store) -> None:
    assert snap_compare(_app(tui_store), press=["2"], terminal_size=(80, 24))


def test_schedule_japanese_100x30(snap_compare, with_schedule, demo_trip) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1", "k2"], True)
    assert snap_compare(
        _app(with_schedule, "ja"), press=["3", "down", "down"], terminal_size=(100, 30)
    )


def test_agenda_with_a_conflict_120x40(snap_compare, with_schedule, demo_trip) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1", "k2", "k3"], True)
    assert snap_compare(
        _app(with_schedule), press=["4", "right_square_bracket"], terminal_size=(120, 40)
    )


def test_overview_light_theme_80x24(snap_compare, tui_store) -> None:
    app = TripkitApp(tui_store, now=NOW, lang="en", keymap={}, theme="textual-light")
    assert snap_compare(app, terminal_size=(80, 24))


def test_trip_editor_flights_80x24(snap_compare, tui_store) -> None:
    assert snap_compare(
        _app(tui_store), press=["6", "ctrl+n", "ctrl+n", "ctrl+n"], terminal_size=(80, 24)
    )
