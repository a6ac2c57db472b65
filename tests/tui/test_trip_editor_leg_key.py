"""The trip editor's step 4 by keyboard: Ctrl+G adds a leg by train, coach, car or ferry (from
any step), the footer says so on the step it applies to and still fits at 80 columns in
Japanese with a field focused (Help stays visible), and a leg's plain-word error is readable
under NO_COLOR (it was grey 88 on 18, 2.6:1)."""

from __future__ import annotations

import pytest
from fosdem_trips import german_by_train
from textual.widgets import Input

from tripkit.store import Store

from .conftest import focused_id, screen_text, type_text, wait_until
from .contrast import low_contrast


def _footer(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


def _heading(app) -> object:  # type: ignore[no-untyped-def]
    return app.screen.query(".form-section").first().content


async def _editor(pilot, app, steps: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("6")
    await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
    for _ in range(steps):
        await pilot.press("ctrl+n")
    await pilot.pause()


@pytest.fixture
def by_train(tui_store: Store) -> Store:
    trip = german_by_train()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    return tui_store


async def test_ctrl_g_adds_a_leg_from_any_step_and_the_footer_says_it_on_step_4(
    make_app, by_train: Store
) -> None:
    # Wrong: the only way to a new leg is tabbing past every field of every flight and leg
    # to a button below the fold, and nothing on screen says there is another.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _editor(pilot, app, 0)  # step 1: the add keys are not listed here
        assert "Add leg" not in _footer(app) and "Add stay" not in _footer(app)
        await pilot.press("ctrl+g")  # ... but work: to step 4, a third leg, its first field
        await wait_until(pilot, lambda: focused_id(app) == "f-ground-2-mode")
        # The step's heading (scrolled out of view once the new leg's field has the focus).
        await wait_until(pilot, lambda: "Step 4 of 5" in str(_heading(app)))
        # The new leg leaves from where the last one arrived.
        assert app.screen.query_one("#f-ground-2-origin", Input).value == "Frankfurt (Main) Hbf"
        # The footer redraws after the focus moves: wait for it rather than race it.
        await wait_until(
            pilot, lambda: "^g Add leg" in _footer(app) and "^f Add flight" in _footer(app)
        )
        assert "Add stay" not in _footer(app)
        await pilot.press("escape", "ctrl+n")  # step 5: stays
        await wait_until(pilot, lambda: "Step 5 of 5" in screen_text(app))
        await wait_until(pilot, lambda: "^y Add stay" in _footer(app))
        assert "Add leg" not in _footer(app)


async def test_the_japanese_footer_keeps_help_with_a_field_focused(
    make_app, by_train: Store
) -> None:
    # Wrong: at 80 columns the last key (Help) cut to "ヘル" behind the palette.
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await _editor(pilot, app, 3)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: focused_id(app) == "f-ground-2-mode")
        await wait_until(pilot, lambda: "^g 区間追加" in _footer(app))
        footer = _footer(app)
        assert "esc 入力欄を離れる" in footer
        assert "^g 区間追加" in footer and "f1 ヘルプ" in footer


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_a_legs_error_is_readable_under_no_color(
    make_app, by_train: Store, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await _editor(pilot, app, 3)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: focused_id(app) == "f-ground-2-mode")
        await type_text(pilot, "plane")
        await pilot.press("tab")
        want = "Write train, bus (a coach), car or ferry." if lang == "en" else "いずれかを入力"
        await wait_until(pilot, lambda: want in screen_text(app))
        assert low_contrast(app) == []
