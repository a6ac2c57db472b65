"""Schedule, agenda and import: the main flows, asserted on the store and posted messages."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from tripkit.tui.messages import NoteSaved, ScheduleImported, StarToggled
from tripkit.tui.screens.error import ErrorScreen
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import HOSTILE, screen_text, wait_until


async def _search(pilot, text: str) -> None:
    search = pilot.app.screen.query_one("#search", Input)
    search.value = text
    await pilot.pause()


async def test_import_a_corpus_file_then_star_and_note(
    make_app, tui_store, demo_trip, corpus_file: Path
) -> None:
    messages: list = []
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert app.current_mode == "transfer"
        source = app.screen.query_one("#import-source", Input)
        source.value = str(corpus_file)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        stored = tui_store.get_schedule(demo_trip.id)
        assert stored is not None and len(stored.schedule.sessions) == 36
        assert [m.sessions for m in messages if isinstance(m, ScheduleImported)] == [36]
        assert "36 sessions · DemoCon · 3 days" in screen_text(app)

        await pilot.press("escape", "3")
        await pilot.pause()
        table = app.screen.query_one(SessionTable)
        assert table.row_count() == 12  # the first of three days, 12 sessions each
        await pilot.press("s")  # star the first: "Focused 5thgeneration hardware"
        await pilot.pause()
        key = "8079583e-8321-506c-95af-fd2903a5f075"
        assert tui_store.picks(demo_trip.id)[key].starred is True
        assert any(
            isinstance(m, StarToggled) and m.session_key == key and m.starred for m in messages
        )

        await pilot.press("n", *"bring laptop")
        await pilot.pause()
        assert tui_store.picks(demo_trip.id)[key].note == "bring laptop"
        assert [m.note for m in messages if isinstance(m, NoteSaved)][-1] == "bring laptop"


def _changed_copy(corpus_file: Path, tmp_path: Path) -> Path:
    changed = tmp_path / "democon.json"
    changed.write_bytes(
        corpus_file.read_bytes().replace(
            b"Focused 5thgeneration hardware", b"Focused 6thgeneration hardware"
        )
    )
    return changed


async def test_reimport_shows_the_change_report(
    make_app, tui_store, demo_trip, corpus_file: Path, tmp_path: Path
) -> None:
    from tripkit.services.schedule import import_schedule

    import_schedule(tui_store, demo_trip, str(corpus_file))
    key = "8079583e-8321-506c-95af-fd2903a5f075"
    tui_store.set_stars(demo_trip.id, [key], True)
    changed = _changed_copy(corpus_file, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        app.screen.query_one("#import-source", Input).value = str(changed)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Changes: 1 title" in text
        assert "★ title: Focused 6thgeneration hardware" in text
        assert "(Focused 5thgeneration hardware → Focused 6thgeneration hardware)" in text
        # The star followed the session.
        assert tui_store.picks(demo_trip.id)[key].starred is True
        await pilot.press("escape", "1")
        await wait_until(pilot, lambda: "Schedule changed" in screen_text(app))
        text = screen_text(app)
        assert "Schedule changed at the last refresh: 1 title" in text


async def test_import_error_is_shown_and_nothing_changes(
    make_app, with_schedule, demo_trip, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"schedule": ', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        app.screen.query_one("#import-source", Input).value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        text = screen_text(app)
        assert "broken.json" in text and "Traceback" not in text
        await pilot.press("escape")
        assert "Import failed; nothing was changed." in screen_text(app)
    assert [s.key for s in with_schedule.sessions(demo_trip.id)] == ["k1", "k2", "k3", "k4", "k5"]


async def test_search_day_tabs_and_filters(make_app, with_schedule) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(SessionTable)
        assert table.visible_keys() == ["k1", "k2", "k3"]  # Tue 12 Jan
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert table.visible_keys() == ["k4", "k5"]  # Wed 13 Jan
        await pilot.press("right_square_bracket")  # All days
        await pilot.pause()
        await _search(pilot, "コンテナ")
        assert table.visible_keys() == ["k3"]
        await _search(pilot, "")
        app.screen.query_one("#f-track").value = "Build"
        await pilot.pause()
        assert table.visible_keys() == ["k2", "k3"]
        app.screen.query_one("#f-lang").value = "ja"
        await pilot.pause()
        assert table.visible_keys() == ["k3"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert table.row_count() == 5


async def test_overlapping_stars_are_marked_and_shown_on_the_agenda(
    make_app, with_schedule, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("s", "down", "s", "down", "s")  # k1, k2 (overlap) and k3
        await pilot.pause()
        picks = with_schedule.picks(demo_trip.id)
        assert {k for k, p in picks.items() if p.starred} == {"k1", "k2", "k3"}
        table = app.screen.query_one(SessionTable)
        marks = {r.key: r.cells[0] for r in table.rows}
        assert marks == {"k1": "★!", "k2": "★!", "k3": "★", "k4": "", "k5": ""}

        await pilot.press("4", "right_square_bracket")  # from departure day to the first day
        await pilot.pause()
        text = screen_text(app)
        assert "! overlap: Keynote: containers everywhere ↔ Rootless builds in depth" in text
        assert "! 09:00–10:00 PST Keynote: containe…" in text
        assert "! 09:30–10:30 PST Rootless builds i…" in text
        assert "┄ free 30 min ┄" in text  # 10:30 -> 11:00, before コンテナ入門
        assert "All times: Los Angeles time (PST, UTC-8)" in text

        await pilot.press("1")
        await wait_until(pilot, lambda: "Conflict:" in screen_text(app))
        assert "Conflict: Keynote: containers everywhere ↔ Rootless builds in depth" in (
            screen_text(app)
        )


async def test_agenda_shows_flights_in_their_own_zones(make_app, tui_store) -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one("#agenda-days").active == "d-2027-01-11"
        text = screen_text(app)
        assert "✈ 17:05 JST→09:40 PST NH8 NRT→SFO" in text
        assert "⌂ 15:00 PST Check in: Example" in text


async def test_imported_text_is_never_markup(make_app, with_schedule) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        table = app.screen.query_one(SessionTable)
        assert table.move_to("k5")
        await wait_until(pilot, lambda: "[red]not red[/red]" in screen_text(app))
        text = screen_text(app)
        assert HOSTILE in text  # in the table and the detail pane, characters as typed
        assert "[b]Room[/b]" in text
        assert "[red]not red[/red]" in text
        # Clicking the title does not run the embedded action.
        await pilot.click(SessionTable, offset=(30, 2))
        await pilot.pause()
        assert app.is_running


async def test_notes_survive_switching_sessions(make_app, with_schedule, demo_trip) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "n", *"ask about rootless")
        await pilot.pause()
        await pilot.press("escape", "down")
        note = app.screen.query_one("#note", TextArea)
        await wait_until(pilot, lambda: note.text == "")  # k2 has no note
        await pilot.press("up")
        await wait_until(pilot, lambda: note.text == "ask about rootless")
    assert with_schedule.picks(demo_trip.id)["k1"].note == "ask about rootless"
