"""A deadline that is a day (tripkit.core.dueday) on the TUI's Overview and Checklist, for an
Indian engineer flying Delhi -> Dubai -> Brussels for FOSDEM 2027 with no hotel yet."""

from __future__ import annotations

from fosdem_trips import indian_via_dubai

from tripkit.store import Store

from .conftest import screen_text, wait_until

STAY = "Hotel (or other stay) booked"


async def test_a_day_deadline_reads_as_the_day(make_app, tui_store: Store) -> None:
    # Wrong (before): "Thu 31 Dec 04:30 IST  Hotel (or other stay) booked..." on the
    # Overview's deadlines and the Checklist: "30 days before the conference" is a day, and
    # the venue's midnight read in Delhi sent the traveller a small-hours deadline. The
    # Overview reads the kept checklist (its JSON), the Checklist screen the evaluated items.
    trip = indian_via_dubai()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: app.ready and STAY in screen_text(app), limit=30)
        line = next(x for x in screen_text(app).splitlines() if STAY in x)
        assert "Thu 31 Dec, all day" in line and "04:30" not in line, line
        await pilot.press("2")
        await wait_until(pilot, lambda: STAY in screen_text(app) and "Phase" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if STAY in x)
        assert "Thu 31 Dec, all day" in line and "04:30" not in line, line
