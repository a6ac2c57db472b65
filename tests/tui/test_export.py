"""Export from the TUI: the file is written whole, by a worker, and the message is posted."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tripkit.tui.messages import ExportWritten

from .conftest import screen_text


async def test_export_calendar_and_checklist(make_app, with_schedule, demo_trip,
                                             tmp_path: Path) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1"], True)
    messages: list = []
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.current_mode == "transfer"
        app.screen.query_one("#export-kind").value = "ics"
        await pilot.pause()
        target = tmp_path / "trip.ics"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(screen_text(app))
        data = target.read_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR")
        assert b"SUMMARY:Keynote: containers everywhere" in data
        assert b"NH8" in data
        assert [(m.kind, m.path) for m in messages if isinstance(m, ExportWritten)] == [
            ("ics", target)]
        assert f"Written: {target}" in screen_text(app)

        app.screen.query_one("#export-kind").value = "checklist"
        await pilot.pause()
        md = tmp_path / "list.md"
        app.screen.query_one("#export-path", Input).value = str(md)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Register the trip on Tabireg" in md.read_text(encoding="utf-8")


async def test_export_to_a_missing_folder_is_an_error_screen(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        target = tmp_path / "no-such-folder" / "trip.txt"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "cannot write the export" in text and "no-such-folder" in text
        assert "Traceback" not in text
        assert not target.exists()
