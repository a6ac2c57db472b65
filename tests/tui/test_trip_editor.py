"""Trip editor: a flight edit moves the deadlines; errors sit next to their field; new trips."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from tripkit.services.checklist import checklist_items
from tripkit.tui.messages import TripChanged

from .conftest import NOW, screen_text, wait_until


async def _type(pilot, widget_id: str, value: str) -> None:
    pilot.app.screen.query_one(f"#{widget_id}", Input).value = value
    await pilot.pause()


def _error(app, box: str) -> str:
    return str(app.screen.query_one(f"#{box}", Static).render())


async def test_editing_a_flight_moves_the_deadlines(make_app, tui_store, demo_trip) -> None:
    def wifi_due() -> str:
        items = checklist_items(tui_store, tui_store.get_trip(demo_trip.id), "en", now=NOW)
        return next(i for i in items if i.id == "in-flight-wifi").due.isoformat()

    assert wifi_due() == "2027-01-11T14:05:00+09:00"  # 3 h before 17:05 JST
    messages: list = []
    app = make_app()
    async with app.run_test(size=(100, 40), message_hook=messages.append) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert app.screen.query_one("#f-flights-0-departs", Input).value == "2027-01-11 17:05"
        assert app.screen.query_one("#f-flights-0-departs--tz", Input).value == "Asia/Tokyo"
        await _type(pilot, "f-flights-0-departs", "2027-01-11 20:05")
        trip = tui_store.get_trip(demo_trip.id)
        assert trip.flights[0].departs.isoformat() == "2027-01-11T20:05:00+09:00"
        assert any(isinstance(m, TripChanged) for m in messages)
        assert "Saved." in screen_text(app)
    assert wifi_due() == "2027-01-11T17:05:00+09:00"


async def test_errors_are_shown_next_to_the_field_and_nothing_is_saved(make_app, tui_store,
                                                                       demo_trip) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await _type(pilot, "f-traveller-home_tz", "Asia/Tokio")
        assert "'Asia/Tokio' is not a known IANA time zone" in _error(app, "e-traveller-home_tz")
        await _type(pilot, "f-traveller-home_tz", "Asia/Tokyo")
        assert _error(app, "e-traveller-home_tz") == ""
        # Lands before it takes off (09:40 PST on 10 Jan is 02:40 JST on 11 Jan).
        await _type(pilot, "f-flights-0-arrives", "2027-01-10 09:40")
        assert "the flight lands before it takes off" in _error(app, "e-flights-0")
        assert "Not saved yet: 1 problem(s) to fix." in screen_text(app)
        # A wall time that does not exist: clocks in Los Angeles skip 02:00-03:00 on 14 Mar.
        await _type(pilot, "f-stays-0-check_out", "2027-03-14 02:30")
        assert "does not exist in America/Los_Angeles" in _error(app, "e-stays-0-check_out")
    assert tui_store.get_trip(demo_trip.id) == demo_trip


async def test_add_and_remove_a_stay(make_app, tui_store, demo_trip) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6", "ctrl+y")
        await pilot.pause()
        await _type(pilot, "f-stays-1-name", "Airport hotel")
        await _type(pilot, "f-stays-1-check_in--tz", "America/Los_Angeles")
        await _type(pilot, "f-stays-1-check_out--tz", "America/Los_Angeles")
        await _type(pilot, "f-stays-1-check_in", "2027-01-15 00:00")
        await _type(pilot, "f-stays-1-check_out", "2027-01-15 09:00")
        assert [s.name for s in tui_store.get_trip(demo_trip.id).stays] == [
            "Example hotel near Yerba Buena Gardens", "Airport hotel"]
        app.screen.query_one("#rm-stays-0", Button).press()
        await wait_until(pilot, lambda: len(tui_store.get_trip(demo_trip.id).stays) == 1)
        assert [s.name for s in tui_store.get_trip(demo_trip.id).stays] == ["Airport hotel"]


async def test_new_trip_is_created_and_opened(make_app, tui_store, demo_trip) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("N")
        await pilot.pause(0.3)
        assert app.current_mode == "trip"
        fields = {
            "f-name": "KubeCon EU 2027", "f-id": "kubecon-eu-2027",
            "f-traveller-passport-expires": "2031-05-01",
            "f-conference-name": "KubeCon EU", "f-conference-first_day": "2027-03-23",
            "f-conference-last_day": "2027-03-26", "f-conference-venue-name": "Messe",
            "f-conference-venue-city": "Amsterdam", "f-conference-venue-country": "NL",
        }
        for wid, value in fields.items():
            await _type(pilot, wid, value)
        assert not tui_store.has_trip("kubecon-eu-2027")  # venue zone still missing
        assert "Field required" in _error(app, "e-conference-venue-tz") or (
            _error(app, "e-conference-venue-tz") != "")
        await _type(pilot, "f-conference-venue-tz", "Europe/Amsterdam")
        assert tui_store.current_trip_id() == "kubecon-eu-2027"
        trip = tui_store.get_trip("kubecon-eu-2027")
        assert trip.example is False
        assert trip.traveller.home_tz == "Asia/Tokyo"  # carried over from the last trip
        assert "KubeCon EU 2027" in screen_text(app)
    assert tui_store.has_trip(demo_trip.id)  # the example is still there
