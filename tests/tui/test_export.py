"""Export from the TUI, by keyboard: the file is written whole, by a worker, and the message is
posted. (The test waits for the message, not for the worker pool: the button's press reaches the
screen a tick after the key, so "no worker running yet" is not "the export is done".)
"""

from __future__ import annotations

from pathlib import Path

from tripkit.tui.messages import ExportWritten

from .conftest import focused_id, screen_text, type_text, wait_until
from .test_transfer import _to


async def _export(pilot, app, moves: list[str], target: Path) -> None:  # type: ignore[no-untyped-def]
    """Open the export kind list, move (`down`/`up` from the current kind), write `target`."""
    await _to(pilot, app, "export-kind")
    await pilot.press("enter", *moves, "enter")
    await _to(pilot, app, "export-path")
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, str(target))
    await pilot.press("enter")


async def test_export_calendar_and_checklist(
    make_app, with_schedule, demo_trip, tmp_path: Path
) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1"], True)
    messages: list = []
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        target = tmp_path / "trip.ics"
        await _export(pilot, app, ["down", "down"], target)  # Checklist, Binder, Calendar
        await wait_until(pilot, lambda: any(isinstance(m, ExportWritten) for m in messages))
        data = target.read_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR")
        assert b"SUMMARY:Keynote: containers everywhere" in data
        assert b"NH8" in data
        assert [(m.kind, m.path) for m in messages if isinstance(m, ExportWritten)] == [
            ("ics", target)
        ]
        await wait_until(pilot, lambda: f"Written: {target}" in screen_text(app))

        md = tmp_path / "list.md"
        await _export(pilot, app, ["up", "up"], md)  # from Calendar back to Checklist
        await wait_until(
            pilot, lambda: len([m for m in messages if isinstance(m, ExportWritten)]) == 2
        )
        text = md.read_text(encoding="utf-8")
        assert not text.startswith("BEGIN:VCALENDAR")  # the kind really changed
        assert "Register the trip on Tabireg" in text
        assert text.lstrip().startswith("#")  # a .md path gives the Markdown checklist


async def test_export_to_a_missing_folder_is_an_error_screen(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        target = tmp_path / "no-such-folder" / "trip.txt"
        await _to(pilot, app, "export-path")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "cannot write the export" in screen_text(app))
        text = screen_text(app)
        assert "no-such-folder" in text
        assert "Traceback" not in text
        assert not target.exists()
