"""At 80x24, the smallest terminal people use: every screen opens and shows what it is for,
and the schedule gives its height to the table (the detail opens with Enter)."""

from __future__ import annotations

import pytest

from tripkit.tui.widgets.session_table import SessionTable

from .conftest import screen_text, wait_until

SIZE = (80, 24)

# What each screen must show at 80x24 (English, the example trip, the small programme).
KEY_CONTENT = {
    "1": ["Departure in", "Next deadlines"],
    "2": ["Register the trip on Tabireg", "Due"],
    "3": ["Keynote: containers", "Start–end", "Room 2"],
    "4": ["All times: Los Angeles time (PST, UTC-8)"],
    "5": ["Entry rules", "Passport validity"],
    "6": ["Trip name", "DockerCon SF (example trip)", "Save trip"],
    "7": ["Import a schedule", "Export"],
}


@pytest.mark.parametrize("key", list(KEY_CONTENT))
async def test_every_screen_opens_at_80x24(make_app, with_schedule, key) -> None:
    app = make_app(with_schedule)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await wait_until(pilot, lambda: all(k in screen_text(app) for k in KEY_CONTENT[key]))
        text = screen_text(app)
        assert "Traceback" not in text and "Loading your trip" not in text
        assert not [n for n in app._notifications if n.severity == "error"]
        lines = text.splitlines()
        assert len(lines) == 24 and lines[0].startswith("1 Overview")
        assert "palette" in lines[-1]  # the footer is there, below everything


async def test_schedule_at_80x24_gives_the_height_to_the_table(make_app, with_schedule) -> None:
    app = make_app(with_schedule)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Keynote" in screen_text(app))
        table = app.screen.query_one(SessionTable)
        # 24 lines less nav, trip bar, filters, day tabs (2), the legend of the marks and the
        # footer: all for the table.
        assert table.size.height == 17
        assert "★★must ★want ☆maybe !overlap" in screen_text(app)
        assert "Your note" not in screen_text(app)
        table.focus()
        await pilot.press("enter")  # the detail opens under the table...
        await wait_until(pilot, lambda: "Speakers: Ada Example" in screen_text(app))
        assert "Room: Hall A" in screen_text(app)
        assert 0 < table.size.height < 17
        await pilot.press("escape")  # ...and closes again
        await wait_until(pilot, lambda: "Speakers: Ada Example" not in screen_text(app))
        assert table.size.height == 17 and table.has_focus


async def test_note_key_opens_the_detail_at_80x24(make_app, with_schedule) -> None:
    app = make_app(with_schedule)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Keynote" in screen_text(app))
        app.screen.query_one(SessionTable).focus()
        await pilot.press("n")
        await wait_until(pilot, lambda: "Your note" in screen_text(app))
        assert app.screen.focused.id == "note"


async def test_days_of_two_years_show_the_year(make_app, with_schedule, demo_trip) -> None:
    """A programme from another year's conference (FOSDEM 2026 next to a 2027 trip): the agenda's
    day tabs go by date and carry the year, or 'Sat 31 Jan' would seem to come first."""
    from datetime import timedelta

    from .conftest import small_schedule

    schedule = small_schedule()
    early = schedule.sessions[0].model_copy(
        update={
            "key": "old",
            "start": schedule.sessions[0].start - timedelta(days=346),
            "end": schedule.sessions[0].end - timedelta(days=346),
        }
    )
    schedule = schedule.model_copy(update={"sessions": [early, *schedule.sessions]})
    with_schedule.put_schedule(demo_trip.id, schedule)
    with_schedule.set_stars(demo_trip.id, ["old", "k1"], True)
    app = make_app(with_schedule)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: "2026" in screen_text(app))
        from textual.widgets import Tabs

        labels = [str(tab.label) for tab in app.screen.query_one("#agenda-days", Tabs).query("Tab")]
        assert labels[0] == "Sat 31 Jan 2026"  # 2027-01-12 less 346 days
        assert labels[1:4] == ["Mon 11 Jan 2027", "Tue 12 Jan 2027", "Wed 13 Jan 2027"]
