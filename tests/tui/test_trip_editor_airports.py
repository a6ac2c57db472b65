"""The trip editor fills a flight's zone from an airport only the airportsdata library knows
(LaGuardia), says so on the status line, and still takes the curated zone where both know the
airport (Detroit: America/Detroit, where the library says America/New_York). Key presses only."""

from __future__ import annotations

from textual.widgets import Input, Static

from .conftest import fill_fields, focused_id, wait_until


def _status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#form-status", Static).render())


async def test_a_library_airport_fills_its_zone_and_says_where_it_came_from(
    make_app, tui_store
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N")
        await wait_until(pilot, lambda: focused_id(app) == "f-name")
        for _ in range(3):
            await pilot.press("ctrl+n")
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: focused_id(app) == "f-flights-0-flight")
        await fill_fields(pilot, "DL2000", "lga", "2027-11-07 10:00")
        departs = app.screen.query_one("#f-flights-0-departs--tz", Input)
        assert departs.value == "America/New_York"
        status = _status(app)
        assert "America/New_York is from the airportsdata library (LGA: " in status
        assert "Not saved yet" in status
        await fill_fields(pilot, None, "DTW", "2027-11-07 12:10")
        arrives = app.screen.query_one("#f-flights-0-arrives--tz", Input)
        assert arrives.value == "America/Detroit"  # the curated file's, not the library's
        assert "(LGA: " in _status(app) and "DTW" not in _status(app)  # curated: no word
        # Back to the origin, now JFK (curated): the zone typed stays, the note goes.
        while focused_id(app) != "f-flights-0-origin":
            await pilot.press("shift+tab")
        await fill_fields(pilot, "JFK")
        assert departs.value == "America/New_York"
        assert "airportsdata" not in _status(app)


async def test_the_note_is_in_japanese_and_a_typed_zone_is_kept(make_app, tui_store) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("N")
        await wait_until(pilot, lambda: focused_id(app) == "f-name")
        for _ in range(3):
            await pilot.press("ctrl+n")
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: focused_id(app) == "f-flights-0-flight")
        await fill_fields(pilot, "DL2000", "LGA")
        assert "America/New_York" in _status(app) and "airportsdataライブラリ" in _status(app)
        # Arrival: a zone typed first is never overwritten, and nothing is claimed for it.
        await fill_fields(pilot, None, None, None, None, "America/Chicago")
        while focused_id(app) != "f-flights-0-destination":
            await pilot.press("shift+tab")
        await fill_fields(pilot, "CNF")  # Belo Horizonte: library-only, but the zone was typed
        assert app.screen.query_one("#f-flights-0-arrives--tz", Input).value == ("America/Chicago")
