"""Everything by keyboard: Tab reaches every control of every screen, Escape leaves a field,
screen keys never fire inside a text field, and keys typed while a screen loads reach it."""

from __future__ import annotations

from textual.widgets import Input

from .conftest import screen_text, wait_until

# The controls a user must be able to reach on each screen with Tab alone.
MUST_REACH = {
    "1": set(),
    "2": {"cl-phase", "cl-table"},
    "3": {"search", "f-track", "f-room", "f-lang", "days", "sessions"},
    "4": {"agenda-days", "agenda-scroll"},
    "5": {"guide-topics"},
    "6": {
        "steps",
        "f-name",
        "f-traveller-name",
        "f-traveller-language",
        "step-next",
        "save",
        "discard",
    },
    "7": {"import-source", "import-go", "export-kind", "export-path", "export-go"},
}


def _focused_id(app) -> str | None:  # type: ignore[no-untyped-def]
    focused = app.screen.focused
    return None if focused is None else (focused.id or type(focused).__name__)


async def _tab_cycle(pilot, app, key: str) -> list[str | None]:  # type: ignore[no-untyped-def]
    seen: list[str | None] = []
    for _ in range(80):
        await pilot.press(key)
        now = _focused_id(app)
        if seen and now == seen[0]:
            break
        seen.append(now)
    return seen


async def test_tab_and_shift_tab_reach_every_control_on_every_screen(
    make_app, with_schedule
) -> None:
    app = make_app(with_schedule)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, wanted in MUST_REACH.items():
            await pilot.press("escape", key)
            await pilot.pause()
            mode = app.current_mode
            forward = await _tab_cycle(pilot, app, "tab")
            assert app.current_mode == mode
            assert wanted <= set(forward), (key, forward)
            backward = await _tab_cycle(pilot, app, "shift+tab")
            assert set(backward) == set(forward), (key, forward, backward)
            assert app.current_mode == mode


async def test_screen_keys_stay_in_a_text_field_and_escape_leaves_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: _focused_id(app) == "import-source")
        field = app.screen.query_one("#import-source", Input)
        field.clear()  # (the stored schedule's source; a user would select and delete it)
        await pilot.press(*"2q?L7", "1", "N", "T", "z")
        await pilot.pause()
        assert app.current_mode == "transfer" and app.lang == "en"
        assert field.value == "2q?L71NTz"
        assert "Leave field" in screen_text(app)  # the footer says how to get out
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen.focused, Input)
        assert "Quit" in screen_text(app) and "Leave field" not in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "checklist"


async def test_a_typed_date_never_switches_screen_or_language(
    make_app, tui_store, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        await pilot.press("ctrl+n", "ctrl+n")  # step 3: the conference's days
        await wait_until(pilot, lambda: bool(app.screen.query("#f-conference-first_day")))
        while _focused_id(app) != "f-conference-first_day":
            await pilot.press("tab")
        await pilot.press("ctrl+a", "ctrl+k", *"2027-01-12")
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"2027-01-14", "L", "7", "2", "q", "N")
        await pilot.pause()
        assert app.current_mode == "trip" and app.lang == "en"
        assert app.screen.query_one("#f-conference-first_day", Input).value == "2027-01-12"
        assert app.screen.query_one("#f-conference-last_day", Input).value == "2027-01-14L72qN"


async def test_keys_typed_while_a_screen_loads_reach_that_screen(make_app, with_schedule) -> None:
    app = make_app(with_schedule)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # No pause between the keys: the schedule is still being built when "/" arrives.
        await pilot.press("3", "slash", *"key")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query("#search")
                and app.screen.query_one("#search", Input).value == "key"
            ),
        )
        assert app.current_mode == "schedule"
