"""The Overview of a trip by train takes "leaving home" and "back home" from the checklist's
anchors, as the deadlines do: during the conference it shows what is on now and next (with
flights only, a train trip never had a now/next), and after the train home the trip is over
(it said "You are on your trip" for ever)."""

from __future__ import annotations

from fosdem_trips import BRU, german_by_train

from tripkit.core.models import Schedule, Session
from tripkit.core.zoned import parse_zoned
from tripkit.store import Store

from .conftest import screen_text, wait_until


def _stored(store: Store) -> None:
    trip = german_by_train()
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    talk = Session(
        key="rust1",
        title="Rust in the kernel",
        start=parse_zoned(f"2027-01-30T11:00[{BRU}]"),
        end=parse_zoned(f"2027-01-30T11:50[{BRU}]"),
        room="Janson",
    )
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[talk]))
    store.set_stars(trip.id, ["rust1"], True)


async def test_during_the_conference_the_overview_says_what_is_on_now(
    make_app, tui_store: Store
) -> None:
    # Wrong: at 11:10 in Janson, the Overview of the German who came by train shows no
    # "Now" at all, while a traveller who flew sees the talk they are in.
    _stored(tui_store)
    app = make_app(now=parse_zoned(f"2027-01-30T11:10[{BRU}]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Rust in the kernel" in screen_text(app))
        text = screen_text(app)
        assert "You are on your trip" in text
        assert "11:00 CET–11:50 CET  Rust in the kernel  Janson" in text


async def test_after_the_train_home_the_trip_is_over(make_app, tui_store: Store) -> None:
    # The ICE home arrives in Frankfurt on 1 February at 13:31: the next day is after it.
    _stored(tui_store)
    app = make_app(now=parse_zoned(f"2027-02-02T09:00[{BRU}]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "This trip is over" in screen_text(app))
        assert "You are on your trip" not in screen_text(app)


async def test_a_route_without_immigration_says_so_under_borders(
    make_app, tui_store: Store
) -> None:
    # Wrong: a bare "Borders" heading with nothing under it reads as "not loaded yet" or as
    # a broken screen.
    _stored(tui_store)
    app = make_app(now=parse_zoned(f"2027-01-10T09:00[{BRU}]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Borders" in screen_text(app))
        await wait_until(
            pilot, lambda: "No border with immigration control on this route." in screen_text(app)
        )
