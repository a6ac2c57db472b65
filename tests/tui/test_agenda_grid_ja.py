"""The agenda's time grid says a free length as a Japanese reader says it (「空き 30分」), not
the compact "30m"/"1h30" (the binder and calendar spell lengths the same way)."""

from __future__ import annotations

from .conftest import screen_text


async def test_free_time_on_the_grid_is_said_in_japanese(make_app, with_schedule) -> None:  # noqa: ANN001
    app = make_app(lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("s", "down", "s", "down", "s")  # k1, k2 (overlap) and k3
        await pilot.pause()
        await pilot.press("4", "right_square_bracket")  # from departure day to the first day
        await pilot.pause()
        text = screen_text(app)
        assert "┄ 空き 30分 ┄" in text  # 10:30 -> 11:00, before k3
        assert "30m" not in text and "free" not in text
