"""The Agenda screen shows the traveller's own items in its grid, at 80x24, and counts them
in its conflicts (driven by key presses on the real app)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tripkit.core.personal import PersonalItem
from tripkit.store import Store

from .conftest import screen_text, wait_until

LA = ZoneInfo("America/Los_Angeles")


async def test_agenda_screen_shows_personal_items(make_app, tui_store: Store) -> None:
    trip_id = tui_store.current_trip_id()
    assert trip_id is not None
    # The example trip's first day on the Agenda is the day of arrival (2027-01-11).
    tui_store.personal.put(
        trip_id,
        PersonalItem(
            "dinner",
            "Team dinner",
            datetime(2027, 1, 11, 19, 0, tzinfo=LA),
            datetime(2027, 1, 11, 20, 30, tzinfo=LA),
            "Tadich Grill",
            kind="meal",
        ),
    )
    tui_store.personal.put(
        trip_id,
        PersonalItem(
            "call",
            "Call home",
            datetime(2027, 1, 11, 20, 0, tzinfo=LA),
            datetime(2027, 1, 11, 20, 15, tzinfo=LA),
            "Hotel",
        ),
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: app.current_mode == "agenda")
        # Overlapping items are listed above the grid, as conflicts are...
        await wait_until(pilot, lambda: "overlap: Team dinner ↔ Call home" in screen_text(app))
        # ...and drawn in the grid, marked "!" (scrolled down to the evening).
        await pilot.press("end")
        await wait_until(pilot, lambda: "! 19:00–20:30 PST Team dinner" in screen_text(app))
        assert "! Team dinner · Tadich Grill" in screen_text(app)
