"""Trip editor, by key presses only: a new trip from nothing to saved (with a connection, a stay
and an ESTA), plain-word errors shown when a field is left, drafts kept over quitting and over a
change of language, and edits of the current trip moving its deadlines."""

from __future__ import annotations

from textual.widgets import Input, Static

from tripkit.services.checklist import checklist_items
from tripkit.tui.messages import TripChanged

from .conftest import NOW, fill_fields, focused_id, screen_text, wait_until


def _error(app, path: str) -> str:  # type: ignore[no-untyped-def]
    box = app.screen.query_one("#e-" + path.replace(".", "-"), Static)
    return str(box.render()) if box.has_class("-has-error") else ""


async def _new_trip(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("N")
    await wait_until(pilot, lambda: focused_id(app) == "f-name")


async def test_a_new_trip_from_nothing_to_saved_by_keyboard(make_app, tui_store, demo_trip) -> None:
    messages: list = []
    app = make_app()
    async with app.run_test(size=(100, 40), message_hook=messages.append) as pilot:
        await _new_trip(pilot, app)
        # Nothing of the example's made-up traveller is filled in.
        assert app.screen.query_one("#f-traveller-citizenships", Input).value == ""
        # 1 Traveller: a Brazilian and Portuguese citizen living in Berlin.
        await fill_fields(
            pilot, "KubeCon Atlanta", "Ana Beispiel", "BR, PT", "DE", "Europe/Berlin", None
        )
        assert focused_id(app) == "step-next"
        await pilot.press("enter")
        # 2 Documents: a residence permit, a passport per citizenship, then an ESTA.
        await wait_until(pilot, lambda: focused_id(app) == "f-traveller-residence-status")
        await fill_fields(pilot, "permanent resident", None)
        assert focused_id(app) == "f-traveller-residence-permanent"
        await pilot.press("space", "tab")
        await fill_fields(pilot, "BR", "2031-05-01", None, None)
        assert focused_id(app) == "rm-traveller-passports-0"
        await pilot.press("tab", "enter")  # Add passport
        await wait_until(pilot, lambda: focused_id(app) == "f-traveller-passports-1-country")
        await fill_fields(pilot, "PT", "2030-02-01", None)
        assert focused_id(app) == "f-traveller-passports-1-e_passport"
        await pilot.press("space")  # an older passport without a chip
        while focused_id(app) != "add-traveller-authorisations":
            await pilot.press("tab")
        await pilot.press("enter")
        await wait_until(pilot, lambda: focused_id(app) == "f-traveller-authorisations-0-kind")
        await fill_fields(pilot, "ESTA", "US", "2028-05-01")
        # 3 Conference and venue: Atlanta's zone is not guessed (the US has several).
        await pilot.press("ctrl+n")
        await pilot.press("tab")
        await fill_fields(
            pilot,
            "KubeCon + CloudNativeCon NA",
            None,
            "2027-11-09",
            "2027-11-12",
            "Georgia World Congress Center",
            None,
            "Atlanta",
            "US",
        )
        assert app.screen.query_one("#f-conference-venue-tz", Input).value == ""
        assert focused_id(app) == "f-conference-venue-tz"
        await fill_fields(pilot, "America/New_York")
        # 4 Flights: Frankfurt to Atlanta through Chicago; zones come from the airports.
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: focused_id(app) == "f-flights-0-flight")
        await fill_fields(pilot, "LH430", "FRA", "2027-11-07 10:00")
        assert app.screen.query_one("#f-flights-0-departs--tz", Input).value == "Europe/Berlin"
        await fill_fields(pilot, None, "ORD", "2027-11-07 12:30")
        assert app.screen.query_one("#f-flights-0-arrives--tz", Input).value == "America/Chicago"
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: focused_id(app) == "f-flights-1-flight")
        await fill_fields(
            pilot, "UA1234", None, "2027-11-07 15:00", None, "ATL", "2027-11-07 18:00"
        )
        # 5 Stays: the zones start as the venue's.
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: focused_id(app) == "f-stays-0-name")
        await fill_fields(
            pilot, "Hotel Midtown", None, "2027-11-07 20:00", None, "2027-11-12 11:00"
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: tui_store.current_trip_id() == "kubecon-atlanta")
        trip = tui_store.get_trip("kubecon-atlanta")
        assert "Saved: KubeCon Atlanta." in screen_text(app)
        assert any(isinstance(m, TripChanged) and m.trip_id == trip.id for m in messages)
    assert trip.traveller.citizenships == ["BR", "PT"] and trip.example is False
    assert [(a.kind, a.country, a.expires.isoformat()) for a in trip.traveller.authorisations] == [
        ("ESTA", "US", "2028-05-01")
    ]
    assert [(p.country, p.expires.isoformat(), p.e_passport) for p in trip.traveller.passports] == [
        ("BR", "2031-05-01", True),
        ("PT", "2030-02-01", False),
    ]
    assert trip.traveller.passport.country == "BR"  # the one carried by default: the first
    residence = trip.traveller.residence
    assert residence is not None and residence.status == "permanent resident"
    assert residence.permanent is True and residence.expires is None
    assert trip.conference.venue.tz == "America/New_York"
    assert [(f.flight, f.origin, f.destination) for f in trip.flights] == [
        ("LH430", "FRA", "ORD"),
        ("UA1234", "ORD", "ATL"),
    ]
    assert trip.flights[0].departs.isoformat() == "2027-11-07T10:00:00+01:00"
    assert trip.flights[1].departs.isoformat() == "2027-11-07T15:00:00-06:00"  # Chicago
    assert trip.flights[1].arrives.isoformat() == "2027-11-07T18:00:00-05:00"  # Atlanta
    assert trip.stays[0].check_in.isoformat() == "2027-11-07T20:00:00-05:00"
    assert tui_store.has_trip(demo_trip.id)  # the example is still there, unchanged
    assert tui_store.get_trip(demo_trip.id) == demo_trip


async def test_errors_show_in_plain_words_when_the_field_is_left(
    make_app, tui_store, demo_trip
) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await _new_trip(pilot, app)
        await pilot.press(*"x", "tab", "tab")  # trip name, your name (optional)
        assert focused_id(app) == "f-traveller-citizenships"
        await pilot.press("ctrl+a", "ctrl+k", *"2027-13")
        # While typing: nothing is said yet (the field is not finished).
        assert _error(app, "traveller.citizenships") == ""
        assert "problem" not in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert _error(app, "traveller.citizenships") == (
            "2文字の国コードまたは国名をカンマ区切りで(例: JP, US)。"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _error(app, "traveller.home_country") == "入力してください。"
    assert not tui_store.has_trip("x")
    assert tui_store.current_trip_id() == demo_trip.id


async def test_a_draft_is_kept_over_quitting_and_a_change_of_language(
    make_app, tui_store, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await _new_trip(pilot, app)
        await fill_fields(pilot, "PyCon US 2027", "Sam", "CA")
        await pilot.press("escape", "L")  # Japanese: the screens are built again
        await wait_until(pilot, lambda: app.lang == "ja" and bool(app.screen.query("#f-name")))
        assert app.current_mode == "trip"
        assert app.screen.query_one("#f-name", Input).value == "PyCon US 2027"
        assert app.screen.query_one("#f-traveller-citizenships", Input).value == "CA"
        while focused_id(app) != "f-traveller-home_country":
            await pilot.press("tab")
        await pilot.press(*"CA", "ctrl+q")  # typed, and not left yet, when quitting
    assert not tui_store.has_trip("pycon-us-2027")
    again = make_app()
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(again.screen.query("#f-name")))
        assert again.screen.query_one("#f-name", Input).value == "PyCon US 2027"
        assert again.screen.query_one("#f-traveller-home_country", Input).value == "CA"
        assert "unsaved changes are back" in screen_text(again)


async def test_editing_a_flight_moves_the_deadlines(make_app, tui_store, demo_trip) -> None:
    def wifi_due() -> str:
        items = checklist_items(tui_store, tui_store.get_trip(demo_trip.id), "en", now=NOW)
        return next(i for i in items if i.id == "in-flight-wifi").due.isoformat()

    assert wifi_due() == "2027-01-11T14:05:00+09:00"  # 3 h before 17:05 JST
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # step 4: flights
        await wait_until(pilot, lambda: bool(app.screen.query("#f-flights-0-departs")))
        while focused_id(app) != "f-flights-0-departs":
            await pilot.press("tab")
        await fill_fields(pilot, "2027-01-11 20:05")
        assert tui_store.get_trip(demo_trip.id) == demo_trip  # not saved before Ctrl+S
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: tui_store.get_trip(demo_trip.id) != demo_trip)
        trip = tui_store.get_trip(demo_trip.id)
        assert trip.flights[0].departs.isoformat() == "2027-01-11T20:05:00+09:00"
        assert trip.flights[0].origin_country == "JP"  # what the form does not show is kept
        assert trip.conference.venue.city_id == demo_trip.conference.venue.city_id
    assert wifi_due() == "2027-01-11T17:05:00+09:00"


async def test_a_flight_that_lands_before_it_leaves_is_named_and_not_saved(
    make_app, tui_store, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-flights-0-arrives")))
        while focused_id(app) != "f-flights-0-arrives":
            await pilot.press("tab")
        # 09:40 PST on 10 Jan is 02:40 JST on 11 Jan: before the 17:05 JST departure.
        await fill_fields(pilot, "2027-01-10 09:40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _error(app, "flights.0") == (
            "It lands before it takes off: check both times and zones."
        )
        assert "Not saved: 1 problem to fix" in screen_text(app)
    assert tui_store.get_trip(demo_trip.id) == demo_trip
