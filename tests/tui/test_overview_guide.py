"""Overview during the trip (now / next) and the destination guide with its sources."""

from __future__ import annotations

from tripkit.core.zoned import parse_zoned

from .conftest import screen_text, wait_until


async def test_now_and_next_during_the_conference(make_app, with_schedule, demo_trip) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1", "k3"], True)
    app = make_app(now=parse_zoned("2027-01-12 09:15 America/Los_Angeles"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Now" in screen_text(app))
        text = screen_text(app)
        assert "You are on your trip" in text
        assert "09:00 PST–10:00 PST  Keynote: containers everywhere  Hall A" in text
        assert "Tue 12 Jan 11:00 PST  コンテナ入門  Room 3" in text


async def test_guide_shows_sources_and_review_dates(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        topics = app.screen.query_one("#guide-topics")
        titles = [str(topics.get_option_at_index(i).prompt) for i in range(topics.option_count)]
        assert titles[0].startswith("Entry rules")
        assert any(t.startswith("Emergency") for t in titles)
        text = screen_text(app)
        assert "Source: " in text and "Reviewed: " in text
