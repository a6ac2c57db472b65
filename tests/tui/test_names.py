"""Names a traveller reads, not codes, in the TUI, by key presses only, for an Indian engineer
living in Tokyo at FOSDEM (not the demo): the agenda's zone in words with the day's clock, the
home zone in words in the top bar, the countries' names under the trip editor's codes (and
names typed taken as codes), and an authorisation typed by its name stored by its id."""

from __future__ import annotations

import pytest
from fosdem_trips import fosdem_via_frankfurt
from textual.widgets import Static

from .conftest import fill_fields, focused_id, screen_text, wait_until


@pytest.fixture
def fosdem_store(tui_store):  # type: ignore[no-untyped-def]
    trip = fosdem_via_frankfurt()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    return tui_store


def _gloss(app, path: str) -> str:  # type: ignore[no-untyped-def]
    box = app.screen.query_one("#n-" + path.replace(".", "-"), Static)
    return str(box.render()) if box.display else ""


@pytest.mark.parametrize(
    ("lang", "header", "home", "home_header"),
    [
        (
            "en",
            "All times: Brussels time (CET, UTC+1) (z: home time)",
            "times: Tokyo time (z)",
            "All times: Tokyo time (JST, UTC+9) (z: where you are)",
        ),
        (
            "ja",
            "時刻はすべてブリュッセル時間(CET、UTC+1)（z：自宅の時刻）",
            "時刻：東京時間（z）",
            "時刻はすべて東京時間(JST、UTC+9)（z：滞在先の時刻）",
        ),
    ],
)
async def test_the_agenda_and_the_top_bar_say_zones_in_words(
    make_app, fosdem_store, lang: str, header: str, home: str, home_header: str
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: header in screen_text(app))
        assert "Europe/Brussels" not in screen_text(app)
        await pilot.press("z")
        await wait_until(pilot, lambda: home in screen_text(app))
        assert "Asia/Tokyo" not in screen_text(app)
        # The header says the home clock now, and that z goes back.
        assert home_header in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [("en", "India", "India, Brazil"), ("ja", "インド", "インド、ブラジル")],
)
async def test_citizenships_show_their_names_and_a_name_typed_is_a_code(
    make_app, fosdem_store, lang: str, before: str, after: str
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        assert _gloss(app, "traveller.citizenships") == before
        assert _gloss(app, "traveller.home_country") == ("Japan" if lang == "en" else "日本")
        assert _gloss(app, "traveller.home_tz") == ("Tokyo time" if lang == "en" else "東京時間")
        while focused_id(app) != "f-traveller-citizenships":
            await pilot.press("tab")
        await fill_fields(pilot, "IN, brazil")  # the second by its name
        assert _gloss(app, "traveller.citizenships") == after
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: fosdem_store.get_trip("fosdem-2026").traveller.citizenships != ["IN"]
        )
    assert fosdem_store.get_trip("fosdem-2026").traveller.citizenships == ["IN", "BR"]


async def test_an_authorisation_typed_by_its_name_is_stored_by_its_id(
    make_app, fosdem_store
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        await pilot.press("ctrl+n")  # step 2: documents
        await wait_until(pilot, lambda: bool(app.screen.query("#add-traveller-authorisations")))
        while focused_id(app) != "add-traveller-authorisations":
            await pilot.press("tab")
        await pilot.press("enter")
        await wait_until(pilot, lambda: focused_id(app) == "f-traveller-authorisations-0-kind")
        # A kind tripkit knows no scheme by, for Belgium: said so.
        await fill_fields(pilot, "Belgian pass", "BE", "2027-01-01")
        assert _gloss(app, "traveller.authorisations.0.kind").startswith(
            "tripkit knows no scheme called “Belgian pass” for Belgium"
        )
        assert _gloss(app, "traveller.authorisations.0.country") == "Belgium"
        # The UK ETA by the name the checklist uses, for the UK.
        while focused_id(app) != "f-traveller-authorisations-0-kind":
            await pilot.press("shift+tab")
        await fill_fields(pilot, "uk eta", "GB")
        assert _gloss(app, "traveller.authorisations.0.kind") == (
            "UK ETA (Electronic Travel Authorisation)"
        )
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: bool(fosdem_store.get_trip("fosdem-2026").traveller.authorisations)
        )
    held = fosdem_store.get_trip("fosdem-2026").traveller.authorisations
    assert [(a.kind, a.country) for a in held] == [("UK-ETA", "GB")]
