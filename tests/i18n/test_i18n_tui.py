"""The TUI speaks the traveller's language and shows its errors in it (the real app, keys)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from tripkit.core.models import Trip
from tripkit.store import Store
from tripkit.tui.app import TripkitApp
from tripkit.tui.screens.error import ErrorScreen

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def _text(app: TripkitApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(s.text.rstrip() for s in strips)


def _own(trip: Trip, language: str) -> Trip:
    own = trip.model_copy(deep=True, update={"id": "own-trip", "example": False})
    own.traveller.language = language  # type: ignore[assignment]
    return own


@pytest.fixture
def ja_store(store: Store, demo_trip: Trip) -> Store:
    trip = _own(demo_trip, "ja")
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    return store


async def test_a_japanese_travellers_trip_opens_in_japanese(ja_store: Store) -> None:
    app = TripkitApp(ja_store, now=NOW, keymap={})  # no --lang, no setting, no TRIPKIT_LANG
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.lang == "ja"
        assert "1 概要" in _text(app) and "3 プログラム" in _text(app)


async def test_the_language_setting_outranks_the_traveller(ja_store: Store) -> None:
    ja_store.set_setting("lang", "en")
    app = TripkitApp(ja_store, now=NOW, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.lang == "en" and "1 Overview" in _text(app)


async def test_the_error_screen_says_a_broken_file_in_japanese(
    ja_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.json").write_text('{"schedule": {"events": [\n  oops]}}', encoding="utf-8")
    app = TripkitApp(ja_store, now=NOW, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("b", "full_stop", "j", "s", "o", "n", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "取り込みに失敗しました" in _text(app)  # the title
        shown = str(app.screen.query_one("#error-message", Static).content)
        where = tmp_path / "b.json"
        assert shown == f"{where}: 2行目、3文字目: JSON として正しくありません (Expecting value)"
        # On the screen, not only in the widget. Japanese may wrap between any two characters
        # (after "、" here, when the temporary folder's name is long): read the dialog's rows
        # as one text, without the borders.
        rows = (line.strip().strip("█▌▐").strip() for line in _text(app).splitlines())
        assert "2行目、3文字目:" in "".join(rows)
