"""Import and export by keyboard: format and zone on import, a warning when the programme does
not fit the trip, no silent overwrite on export, and screen keys typed into the fields stay there.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from .conftest import focused_id, screen_text, type_text, wait_until


async def _to(pilot, app, widget_id: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20):
        if focused_id(app) == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def test_an_import_of_another_conference_warns_about_dates_and_zone(
    make_app, tui_store, demo_trip, corpus_file: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        await type_text(pilot, str(corpus_file))
        await pilot.press("tab")
        assert focused_id(app) == "import-name"
        await pilot.press("tab")
        assert focused_id(app) == "import-format"
        await pilot.press("tab")
        assert focused_id(app) == "import-tz"
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: "sessions" in screen_text(app) and "Importing" not in screen_text(app),
            limit=30,
        )
        text = screen_text(app)
        assert "not during this trip" in text  # democon (2020) is not DockerCon's week
        assert tui_store.get_schedule(demo_trip.id) is not None


async def test_an_unknown_zone_is_refused_before_anything_is_imported(
    make_app, tui_store, demo_trip, corpus_file: Path
) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        await type_text(pilot, str(corpus_file))
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Europe/Brusels")
        await pilot.press("enter")
        await pilot.pause()
        assert "「Europe/Brusels」はタイムゾーンではありません" in screen_text(app)
    assert tui_store.get_schedule(demo_trip.id) is None


async def test_an_export_asks_before_replacing_a_file(make_app, tmp_path: Path) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my own notes\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        await _to(pilot, app, "export-path")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "exists. Replace it?" in screen_text(app))
        await pilot.press("enter")  # "Cancel" has the focus: nothing is written
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my own notes\n"
        await pilot.press("enter")  # the path field has the focus again: Enter exports
        await wait_until(pilot, lambda: "exists. Replace it?" in screen_text(app))
        await pilot.press("tab", "enter")  # "Replace"
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Written:" in screen_text(app))
    assert "Register the trip on Tabireg" in target.read_text(encoding="utf-8")


async def test_screen_keys_typed_into_the_export_path_stay_in_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        await _to(pilot, app, "export-path")
        await pilot.press("ctrl+a", "ctrl+k", *"/tmp/2q?x")
        await pilot.pause()
        assert app.current_mode == "transfer"
        assert app.screen.query_one("#export-path", Input).value == "/tmp/2q?x"
