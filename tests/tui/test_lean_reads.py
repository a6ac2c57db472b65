"""Screens read the few rows they show, never the whole programme as models: the overview's
conflicts and now/next come from the starred rows, Import/Export prefills its source from the
programme's header, and the Schedule screen reads a session in full only when it is shown.
(The app's cache of the whole programme, `stored_schedule`, stays empty on those screens.)"""

from __future__ import annotations

from textual.widgets import Input

from tripkit.core.zoned import parse_zoned

from .conftest import screen_text, wait_until


async def test_overview_shows_conflicts_and_now_next_from_starred_rows(
    make_app, with_schedule, demo_trip
) -> None:
    # k1 09:00-10:00 and k2 09:30-10:30 overlap; k3 is free.
    with_schedule.set_stars(demo_trip.id, ["k1", "k2", "k3"], True)
    app = make_app(now=parse_zoned("2027-01-12 09:45 America/Los_Angeles"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Conflict" in screen_text(app))
        text = screen_text(app)
        assert "Keynote: containers everywhere ↔ Rootless builds in depth" in text
        assert "09:00 PST–10:00 PST  Keynote: containers everywhere  Hall A" in text  # now
        assert "11:00 PST  コンテナ入門  Room 3" in text  # next: k3
        assert app._tk_schedule is None  # the programme itself was never read


async def test_import_export_prefills_the_source_from_the_programme_header(
    make_app, with_schedule
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: app.screen.query("#import-source").first().value != "")
        assert app.screen.query_one("#import-source", Input).value == "test"  # its source
        assert app._tk_schedule is None


async def test_schedule_detail_reads_the_highlighted_session_in_full(
    make_app, with_schedule
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Opening keynote." in screen_text(app))
        text = screen_text(app)
        assert "Speakers: Ada Example" in text  # speakers and abstract: read when shown
        await pilot.press("down")
        await wait_until(pilot, lambda: "Opening keynote." not in screen_text(app))
        assert "Rootless builds in depth" in screen_text(app)
        assert app._tk_schedule is None
