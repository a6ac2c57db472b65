"""The trip editor, by key presses only: a German who goes to FOSDEM by train adds the ICE leg
to a trip that said nothing of its journey, and the checklist stops asking how they travel.
A leg that arrives before it leaves is named under its entry and not saved."""

from __future__ import annotations

from fosdem_trips import german_by_train
from textual.widgets import Input, Static

from tripkit.core.models import Trip
from tripkit.services.checklist import checklist_items
from tripkit.store import Store

from .conftest import NOW, fill_fields, focused_id, screen_text, wait_until


def _no_journey(store: Store) -> Trip:
    """The German's FOSDEM trip before the train is booked: no flights, no legs."""
    trip = german_by_train().model_copy(update={"ground": []})
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    return trip


async def _to_new_leg(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("6")
    await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
    await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # step 4: how you get there
    await wait_until(pilot, lambda: bool(app.screen.query("#add-ground")))
    while focused_id(app) != "add-ground":
        await pilot.press("tab")
    await pilot.press("enter")
    await wait_until(pilot, lambda: focused_id(app) == "f-ground-0-mode")


async def test_a_train_leg_added_by_keyboard_is_saved_and_ends_the_journey_item(
    make_app, tui_store: Store
) -> None:
    # Wrong: no way to say "by train" from the UI, so the checklist keeps asking how they
    # travel (or worse, to book flights).
    trip = _no_journey(tui_store)
    before = {i.id: i for i in checklist_items(tui_store, trip, "en", now=NOW)}
    assert before["journey-booked"].status == "todo"
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await _to_new_leg(pilot, app)
        # The first leg leaves from home: its country and zone are filled in.
        assert app.screen.query_one("#f-ground-0-origin_country", Input).value == "DE"
        assert app.screen.query_one("#f-ground-0-departs--tz", Input).value == "Europe/Berlin"
        assert app.screen.query_one("#f-ground-0-arrives--tz", Input).value == "Europe/Brussels"
        await fill_fields(
            pilot,
            "train",
            "ICE 14",
            "Frankfurt (Main) Hbf",
            None,
            "2027-01-29 14:29",
            None,
            "Bruxelles-Midi",
            "BE",
            "2027-01-29 17:35",
            None,
            "DB1234",
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: tui_store.get_trip(trip.id).ground != [])
        assert "Saved:" in screen_text(app)
        # The Overview lists the train, and counts down to it (not to the conference).
        await pilot.press("1")
        await wait_until(pilot, lambda: "Train ICE 14 Frankfurt (Main) Hbf→" in screen_text(app))
    saved = tui_store.get_trip(trip.id)
    (leg,) = saved.ground
    assert (leg.mode, leg.service, leg.origin, leg.destination) == (
        "train",
        "ICE 14",
        "Frankfurt (Main) Hbf",
        "Bruxelles-Midi",
    )
    assert (leg.origin_country, leg.destination_country) == ("DE", "BE")
    assert leg.departs is not None and leg.departs.isoformat() == "2027-01-29T14:29:00+01:00"
    assert leg.arrives is not None and str(leg.arrives.tzinfo) == "Europe/Brussels"
    assert saved.flights == []
    after = {i.id: i for i in checklist_items(tui_store, saved, "en", now=NOW)}
    assert after["journey-booked"].status == "done"
    assert after["in-flight-wifi"].status == "not_applicable"


async def test_a_leg_arriving_before_it_leaves_is_named_and_not_saved(
    make_app, tui_store: Store
) -> None:
    trip = _no_journey(tui_store)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await _to_new_leg(pilot, app)
        await fill_fields(pilot, "train", None, "Frankfurt", None, "2027-01-29 14:29", None)
        await fill_fields(pilot, "Brussels", "BE", "2027-01-29 12:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        box = app.screen.query_one("#e-ground-0", Static)
        assert box.has_class("-has-error")
        assert "It arrives before it departs: check both times and zones." in str(box.render())
    assert tui_store.get_trip(trip.id).ground == []


async def test_the_editor_offers_the_leg_in_japanese(make_app, tui_store: Store) -> None:
    _no_journey(tui_store)
    app = make_app(lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await _to_new_leg(pilot, app)
        text = screen_text(app)
        assert "列車・バス・車・フェリー 1" in text
        assert "出発地の国" in text
