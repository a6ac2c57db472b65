"""Airports only the airportsdata library knows are named by their city, as the curated ones
are: "Return to Brazil at Recife (REC)", "Entry to India at Cochin (COK)", in `tripkit entry`,
the checklist's reasons and the TUI's Overview (they share tripkit.services.entry's titles).
The library's city is English in Japanese too (tripkit has no reviewed translation of it); a
curated airport keeps its reviewed Japanese name; a code neither catalog names stays the bare
code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from test_library_airports import (
    azores_to_brussels,
    make_trip,
    recife_to_kochi,
    seg,
    to_new_york,
)

from tripkit import paths
from tripkit.catalog import airports as catalog
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.services import entry as svc
from tripkit.services.checklist import checklist_items
from tripkit.store import Store

pytest.importorskip("airportsdata", reason="airportsdata is a dependency of tripkit")


def test_a_library_airport_is_named_by_its_city_in_both_languages() -> None:
    # Without it a traveller reads "Connection in Portugal at PDL" and must look up where
    # PDL is (the Azores, an hour behind Lisbon) to know which island they change planes on.
    for code, city in (
        ("REC", "Recife"),
        ("LGA", "New York"),
        ("PDL", "Ponta Delgada"),
        ("COK", "Cochin"),
    ):
        assert catalog.airport_city_name(code, "en") == city, code
        assert catalog.airport_city_name(code, "ja") == city, code  # no reviewed Japanese
        assert catalog.airport_city_name(code.lower(), "en") == city  # as the trip file has it
    # A curated city keeps its reviewed Japanese name.
    assert catalog.airport_city_name("SFO", "ja") == "サンフランシスコ"


def test_curated_and_unknown_codes_are_never_given_a_library_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A library that renamed Frankfurt's city must not be believed over the reviewed file:
    # the curated airport is named by its own reviewed city, never the library's.
    rows = {
        "FRA": {"name": "Wrong", "city": "Offenbach", "country": "DE", "tz": "Europe/Berlin"},
        "ZZA": {"name": "A", "city": "[b]Bold[/b]", "country": "US", "tz": "America/Chicago"},
        "ZZB": {"name": "B", "city": "Evil\x1b[2J", "country": "US", "tz": "America/Chicago"},
        "ZZC": {"name": "C", "city": "Abc\u202edef", "country": "US", "tz": "America/Chicago"},
        "ZZD": {"name": "D", "city": "", "country": "US", "tz": "America/Chicago"},
        "ZZE": {"name": "E", "city": 12, "country": "US", "tz": "America/Chicago"},
        "ZZF": {"name": "F", "city": "C?bano", "country": "US", "tz": "America/Chicago"},
        "ZZG": {"name": "G", "city": "Nowhere", "country": "USA", "tz": "America/Chicago"},
        "ZZH": {"name": "H", "city": "x" * 81, "country": "US", "tz": "America/Chicago"},
        "ZZI": {"name": "I", "city": "  108   Mile ", "country": "CA", "tz": "America/Vancouver"},
    }
    monkeypatch.setattr(catalog, "_library", lambda: rows)
    assert catalog.airport_city_name("FRA", "en") == "Frankfurt"
    assert catalog.airport_city_name("FRA", "ja") == "フランクフルト"
    # Markup, an escape sequence, a bidi override, mojibake, no city, a row tripkit cannot
    # trust (a three-letter country): the code alone, never a made-up or garbled place.
    for code in ("ZZA", "ZZB", "ZZC", "ZZD", "ZZE", "ZZF", "ZZG", "ZZH", "XQZ", ""):
        assert catalog.airport_city_name(code, "en") is None, code
    assert catalog.airport_city_name("ZZI", "en") == "108 Mile"  # spaces folded, digits kept


def _titles(trip: Trip, lang: str) -> list[str]:
    return [b.title.split(" · ")[0] for b in svc.borders(trip, lang)]


def test_borders_at_library_airports_name_the_city() -> None:
    # A Brazilian to Kochi reads where each border is: "COK" alone does not say Kochi (the
    # library's "Cochin"), and the way home ends at Recife, not at a bare "REC".
    trip = recife_to_kochi()
    assert "Entry to India at Cochin (COK)" in _titles(trip, "en")
    assert _titles(trip, "en")[-1] == "Return to Brazil at Recife (REC)"
    assert _titles(trip, "ja")[-1] == "Recife(REC)でブラジルに帰国"
    # The Azores are the Schengen entry of a Canadian bound for Brussels.
    azores = svc.borders(azores_to_brussels(), "en")[0]
    assert azores.title.startswith("Entry to Portugal (Schengen area) at Ponta Delgada (PDL)")


def via_san_antonio() -> Trip:
    """A Mexican from Mexico City to a conference in San Francisco, landing first at San
    Antonio (library-only) and connecting there: US immigration and customs are at SAT."""
    return make_trip(
        [
            seg(
                "AM690",
                "MEX",
                "SAT",
                "2027-03-08T08:00[America/Mexico_City]",
                "2027-03-08T10:50[America/Chicago]",
            ),
            seg(
                "UA2210",
                "SAT",
                "SFO",
                "2027-03-08T13:30[America/Chicago]",
                "2027-03-08T15:40[America/Los_Angeles]",
            ),
            seg(
                "AM669",
                "SFO",
                "MEX",
                "2027-03-13T11:00[America/Los_Angeles]",
                "2027-03-13T17:05[America/Mexico_City]",
            ),
        ],
        citizenship="MX",
        home="MX",
        home_tz="America/Mexico_City",
        venue=("San Francisco", "US", "America/Los_Angeles"),
        days=("2027-03-09", "2027-03-11"),
    )


def test_the_checklist_names_a_library_port_of_entry_by_its_city() -> None:
    # The checklist says why "collect your bags and re-check them" applies: "you land first
    # at SAT in US" gives the traveller two codes to decode; a city and a country do not.
    trip = via_san_antonio()
    with Store.open(paths.data_dir()) as store:
        for lang, want in (
            (
                "en",
                "you land first at San Antonio (SAT) in the United States and connect to UA2210",
            ),
            ("ja", "アメリカ合衆国で最初にSan Antonio(SAT)に着陸し、UA2210に乗り継ぎます"),
        ):
            items = checklist_items(store, trip, lang)
            bags = next(i for i in items if i.id == "us-connection-bags")
            assert want in bags.reason, (lang, bags.reason)


def _saved(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def test_tripkit_entry_names_library_airports_and_keeps_curated_ones() -> None:
    # `tripkit entry` for a Japanese traveller landing at LaGuardia through Chicago: the US
    # border is at ORD (curated, no city file: the curated table's Chicago). For a Brazilian
    # the way home ends at Recife: a bare "REC" in Japanese is no place name.
    _saved(to_new_york())
    out = CliRunner().invoke(main, ["--lang", "en", "entry"], catch_exceptions=False).output
    assert "Entry to the United States at Chicago (ORD) · " in out
    recife = recife_to_kochi()
    _saved(recife)
    for lang, want in (
        ("en", "Return to Brazil at Recife (REC)"),
        ("ja", "Recife(REC)でブラジルに帰国"),
    ):
        out = CliRunner().invoke(main, ["--lang", lang, "entry"], catch_exceptions=False).output
        assert want in out, out
