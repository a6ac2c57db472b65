"""The Schedule screen opens on the day that matters: today when the programme has it (today
in the venue's zone, not UTC's date), else the conference's first day, else the programme's
first day. Driven by keys on the real app."""

from __future__ import annotations

from datetime import UTC, datetime

from tripkit.core.models import Schedule, Session
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import SF, at_sf, screen_text, small_schedule


def _fringe() -> Schedule:
    """A fringe programme whose workshop is the day before the conference (Mon 11 Jan)."""
    return Schedule(
        title="Fringe",
        source="test",
        format="frab-json",
        tz=SF,
        sessions=[
            Session(
                key="f1",
                title="Pre-conference workshop",
                start=at_sf("2027-01-11 10:00"),
                end=at_sf("2027-01-11 12:00"),
                room="Annex",
            )
        ],
    )


async def _opened_on(app) -> tuple[str, list[str]]:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(SessionTable)
        active = app.screen.query_one("#days").active
        titles = [app.screen.sessions[app.screen.row_of[k]].title for k in table.visible_keys()]
        assert all(t in screen_text(app) for t in titles[:1])
        return active, titles


async def test_before_the_trip_it_opens_on_the_conference_first_day(
    make_app, with_schedule, demo_trip
) -> None:
    with_schedule.put_schedule(demo_trip.id, _fringe(), name="fringe")
    active, titles = await _opened_on(make_app())
    # Not the fringe's Monday workshop, though it is the earliest day of any programme.
    assert active == "day-2027-01-12"
    assert "Pre-conference workshop" not in titles
    assert "Keynote: containers everywhere" in titles


async def test_during_the_conference_today_is_the_venue_date_not_utc(
    make_app, with_schedule, demo_trip
) -> None:
    with_schedule.put_schedule(demo_trip.id, _fringe(), name="fringe")
    # 03:00 UTC on Thursday 14 is still Wednesday 13, 19:00, in San Francisco.
    now = datetime(2027, 1, 14, 3, 0, tzinfo=UTC)
    active, titles = await _opened_on(make_app(now=now))
    assert active == "day-2027-01-13"
    assert "Hands-on lab: Compose" in titles


async def test_on_the_fringe_day_it_opens_on_that_day(make_app, with_schedule, demo_trip) -> None:
    with_schedule.put_schedule(demo_trip.id, _fringe(), name="fringe")
    now = datetime(2027, 1, 11, 18, 0, tzinfo=UTC)  # Monday 10:00 in San Francisco
    active, titles = await _opened_on(make_app(now=now))
    assert active == "day-2027-01-11"
    assert titles == ["Pre-conference workshop"]


async def test_a_programme_without_the_conference_days_opens_on_its_first_day(
    make_app, tui_store, demo_trip
) -> None:
    # Last year's programme (imported to look at): none of its days are the trip's.
    old = small_schedule()
    old.sessions[:] = [
        s.model_copy(update={"start": s.start.replace(year=2026), "end": s.end.replace(year=2026)})
        for s in old.sessions
    ]
    tui_store.put_schedule(demo_trip.id, old)
    active, _titles = await _opened_on(make_app())
    assert active == "day-2026-01-12"
