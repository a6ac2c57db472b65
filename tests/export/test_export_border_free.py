"""The binder's port-of-entry card is for the interview at a border: a route that crosses no
border into the destination (a German on the train, or the plane, to Brussels: inside the
Schengen area) gets, in its place, a note saying why there is none and to carry the passport
all the same (whether checks are held inside the area is not in tripkit's data, so it is not
asserted). A route that does cross one keeps the card, with the whole way home on it in the
order it is travelled: the Eurostar to London before the flight home from Heathrow."""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner
from fosdem_trips import fly_rail_fly, german_at_fosdem, german_by_train

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import GroundLeg, Trip
from tripkit.store import Store

NOTE = "No port-of-entry card: your route to Belgium stays inside the Schengen area"
SHOW = "Show this card to the immigration officer if asked."


def binder(t: Trip, fmt: str, lang: str = "en") -> str:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    args = ["export", "checklist", "--binder", "--format", fmt, "--lang", lang, "-o", "-"]
    out = CliRunner().invoke(main, args, catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.stdout


def flat(page: str) -> str:
    """An HTML page's text, tags dropped and spaces folded (what a reader sees)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("trip", [german_by_train, german_at_fosdem], ids=["train", "plane"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_card_for_a_route_inside_the_schengen_area(trip, fmt: str) -> None:  # type: ignore[no-untyped-def]
    # Wrong: a card telling a German living in Germany to show an officer his purpose of
    # visit and way home at a border his route never crosses (the card claims an interview
    # that the route data says is not there).
    page = binder(trip(), fmt)
    seen = flat(page) if fmt == "html" else re.sub(r"\s+", " ", page)
    assert NOTE in seen
    assert "Carry your passport (or the identity card you travel on) all the same" in seen
    assert SHOW not in seen
    assert "Purpose of visit" not in seen
    if fmt == "html":
        assert '<div class="card"' not in page


def test_the_note_is_in_japanese_for_a_japanese_binder() -> None:
    page = re.sub(r"\s+", "", binder(german_by_train(), "text", "ja"))
    assert "入国審査カードはありません:ベルギーへの経路はシェンゲン圏の中で完結し" in page
    assert "渡航目的" not in page


def test_a_visitor_from_outside_keeps_the_card_on_a_train_inside_the_area() -> None:
    # A Japanese living in Tokyo whose trip starts with the train from Frankfurt has crossed
    # the Schengen border somewhere before it (how is not said): wrong would be to drop the
    # card they need there because the train itself crosses no border.
    t = german_by_train()
    t.traveller = fly_rail_fly().traveller  # a Japanese citizen living in Tokyo
    seen = re.sub(r"\s+", " ", binder(t, "text"))
    assert SHOW in seen
    assert "Purpose of visit: Business: attending the FOSDEM 2027 conference" in seen
    assert "Return journey: Train ICE 17 Bruxelles-Midi → Frankfurt (Main) Hbf" in seen
    assert "No port-of-entry card" not in seen


def test_the_card_gives_the_eurostar_then_the_flight_home_each_in_its_zone() -> None:
    # Wrong (flights only): the officer in Brussels reads "Return flight: JL42 LHR → NRT"
    # with no word of how the traveller gets from Brussels to Heathrow; or the legs out of
    # order; or the Eurostar's 08:52 in London time.
    seen = re.sub(r"\s+", " ", binder(fly_rail_fly(), "text"))
    card = seen[seen.index(SHOW) :]
    train = card.index(
        "Return journey: Train Eurostar 9117 Bruxelles-Midi → London St Pancras, "
        "Mon 1 Feb 2027 08:52 CET"
    )
    plane = card.index("Return flight: JL42 LHR → NRT, Wed 3 Feb 2027 19:15 GMT")
    assert train < plane
    assert "No port-of-entry card" not in seen


def test_the_itinerary_has_the_eurostar_between_the_flights_in_its_zones() -> None:
    # The binder's HTML itinerary, read as text in page order: out by air (JST, CET), the
    # train leaving in Brussels time and arriving in London time, home by air (GMT, JST).
    seen = flat(binder(fly_rail_fly(), "html"))
    itinerary = seen[seen.index("Itinerary") : seen.index("Key facts")]
    wanted = [
        "Departs Narita International (NRT) Thu 28 Jan 10:55 JST",
        "Arrives Brussels (BRU) Thu 28 Jan 17:20 CET",
        "08:52 CET Train Eurostar 9117 Bruxelles-Midi → London St Pancras",
        "Departs Bruxelles-Midi Mon 1 Feb 08:52 CET",
        "Arrives London St Pancras Mon 1 Feb 09:57 GMT",
        "Booking reference: ES9117",
        "Departs London Heathrow (LHR) Wed 3 Feb 19:15 GMT",
        "Arrives Narita International (NRT) Thu 4 Feb 17:35 JST",
    ]
    at = [itinerary.index(w) for w in wanted]
    assert at == sorted(at)


def test_a_leg_without_times_is_not_put_on_the_card_at_a_guessed_hour() -> None:
    # A drive home with no timetable has no departure to print: the card names the flight
    # and nothing at an invented time.
    t = fly_rail_fly()
    leg = t.ground[0]
    t.ground = [GroundLeg(**{**leg.model_dump(), "departs": None, "arrives": None})]
    seen = re.sub(r"\s+", " ", binder(t, "text"))
    card = seen[seen.index(SHOW) :]
    assert "Eurostar" not in card[: card.index("Sources cited")]
    assert "Return flight: JL42 LHR → NRT" in card


def test_the_trip_ends_when_the_train_home_arrives() -> None:
    # The calendar keeps a cancelled entry until the trip is over: wrong (flights only) was
    # the hotel's check-out at 09:00, four hours before the ICE home reaches Frankfurt.
    from datetime import UTC, datetime

    from tripkit.services.export import trip_end

    assert trip_end(german_by_train()) == datetime(2027, 2, 1, 12, 31, tzinfo=UTC)
