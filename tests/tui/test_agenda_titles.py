"""The Agenda's grid says what a session is first: with several programmes the programme is a
tag after the title, so that at 80x24 (three lanes of ~20 columns) the title is not cut off
right after the programme's name. Keys on the real app."""

from __future__ import annotations

from tripkit.core.models import Schedule, Session
from tripkit.services.schedule import set_pick

from .conftest import SF, at_sf, screen_text, wait_until


def _fringe() -> Schedule:
    return Schedule(
        title="Fringe",
        source="test",
        format="frab-json",
        tz=SF,
        sessions=[
            Session(
                key="f1",
                title="Observability for people who hate dashboards",
                start=at_sf("2027-01-12 09:00"),
                end=at_sf("2027-01-12 09:45"),
                room="Annex",
            ),
            Session(
                key="f2",
                title="Reproducible images with Nix",
                start=at_sf("2027-01-12 11:00"),
                end=at_sf("2027-01-12 12:00"),
            ),
        ],
    )


def _two_programmes(store, trip) -> None:  # type: ignore[no-untyped-def]
    store.put_schedule(trip.id, _fringe(), name="devroom-fringe")
    set_pick(store, trip, ["k1"], interest="must", programme="main")
    set_pick(store, trip, ["f1"], interest="maybe", programme="devroom-fringe")
    set_pick(store, trip, ["f2"], interest="want", programme="devroom-fringe")


async def _agenda_day_two(make_app, lang: str, size: tuple[int, int]) -> str:  # type: ignore[no-untyped-def]
    app = make_app(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: "09:30" in screen_text(app))
        await pilot.press("right_square_bracket")  # departure day -> Tue 12 Jan
        await wait_until(pilot, lambda: "09:00–09:45" in screen_text(app))
        return screen_text(app)


async def test_titles_come_first_at_80x24(make_app, with_schedule, demo_trip) -> None:
    _two_programmes(with_schedule, demo_trip)
    text = await _agenda_day_two(make_app, "en", (80, 24))
    grid = [line for line in text.splitlines() if "│" in line]
    # Each session's second line starts with its title, not "devroom-fringe: Obs…".
    assert any("! Observability for p" in line for line in grid), "\n".join(grid)
    assert any("! Keynote: containers" in line for line in grid)
    assert not any("devroom-fr" in line or "main:" in line for line in grid)


async def test_the_programme_is_a_tag_after_the_title_when_there_is_room(
    make_app, with_schedule, demo_trip
) -> None:
    _two_programmes(with_schedule, demo_trip)
    text = await _agenda_day_two(make_app, "ja", (160, 40))
    assert "Reproducible images with Nix [devroom-fringe]" in text
    assert "Keynote: containers everywhere (必須) · Hall A" in text


async def test_one_programme_has_no_tag(make_app, with_schedule, demo_trip) -> None:
    set_pick(with_schedule, demo_trip, ["k1"], interest="must", programme="main")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4", "right_square_bracket")
        await wait_until(pilot, lambda: "Keynote: containers everywhere (must)" in screen_text(app))
        assert "[main]" not in screen_text(app)
