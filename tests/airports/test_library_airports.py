"""Airports the curated file (data/airports.yaml) lacks are placed by the airportsdata library:
their borders are judged with the right country and zone, the curated entry wins where both
know a code, a row tripkit cannot trust and a typo stay an honest "unknown", and what the
library placed is said where it matters (`tripkit entry`)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from tripkit import paths
from tripkit.catalog import airports as catalog
from tripkit.cli import main
from tripkit.core.models import FlightSegment, Trip
from tripkit.core.route import borders as route_borders
from tripkit.services import entry as svc
from tripkit.store import Store

pytest.importorskip("airportsdata", reason="airportsdata is a dependency of tripkit")


def seg(flight: str, origin: str, dest: str, departs: str, arrives: str) -> FlightSegment:
    """A flight as a boarding pass gives it: codes and local times, no countries (those come
    from the airport catalogs)."""
    return FlightSegment.model_validate(
        {
            "flight": flight,
            "origin": origin,
            "destination": dest,
            "departs": departs,
            "arrives": arrives,
        }
    )


def make_trip(
    flights: list[FlightSegment],
    *,
    citizenship: str,
    home: str,
    home_tz: str,
    venue: tuple[str, str, str],
    days: tuple[str, str],
    authorisations: list[dict[str, Any]] | None = None,
) -> Trip:
    city, country, tz = venue
    return Trip.model_validate(
        {
            "id": "via-library",
            "name": "Via a library airport",
            "booked_on": "2026-11-20",
            "traveller": {
                "citizenships": [citizenship],
                "home_country": home,
                "home_tz": home_tz,
                "passport": {"expires": "2035-01-01", "issued": "2025-01-01"},
                "authorisations": authorisations or [],
            },
            "conference": {
                "name": "Conf",
                "first_day": days[0],
                "last_day": days[1],
                "venue": {"name": "Venue", "city": city, "country": country, "tz": tz},
            },
            "flights": [f.model_dump(mode="json") for f in flights],
        }
    )


def crossings(trip: Trip) -> list[tuple[str, str, str | None, str]]:
    """(kind, country, airport, zone of the crossing) for each border, in route order."""
    facts = svc.trip_facts(trip)
    return [
        (b.kind, b.country, b.airport, str(b.at.tzinfo)) for b in route_borders(trip, facts.route)
    ]


def to_new_york() -> Trip:
    """A Japanese traveller to a conference in New York, landing at LaGuardia through Chicago."""
    return make_trip(
        [
            seg(
                "NH12",
                "HND",
                "ORD",
                "2027-04-12T10:40[Asia/Tokyo]",
                "2027-04-12T08:35[America/Chicago]",
            ),
            seg(
                "AA366",
                "ORD",
                "LGA",
                "2027-04-12T11:30[America/Chicago]",
                "2027-04-12T14:40[America/New_York]",
            ),
            seg(
                "AA327",
                "LGA",
                "ORD",
                "2027-04-17T09:00[America/New_York]",
                "2027-04-17T10:35[America/Chicago]",
            ),
            seg(
                "NH11",
                "ORD",
                "HND",
                "2027-04-17T12:35[America/Chicago]",
                "2027-04-18T16:00[Asia/Tokyo]",
            ),
        ],
        citizenship="JP",
        home="JP",
        home_tz="Asia/Tokyo",
        venue=("New York", "US", "America/New_York"),
        days=("2027-04-14", "2027-04-16"),
        authorisations=[{"kind": "ESTA", "country": "US", "expires": "2028-01-01"}],
    )


def azores_to_brussels() -> Trip:
    """A Canadian from Toronto to Brussels through Ponta Delgada (Azores: its own zone, one
    hour behind Lisbon) and Lisbon; home from Brussels through Lisbon and Ponta Delgada."""
    return make_trip(
        [
            seg(
                "S4322",
                "YYZ",
                "PDL",
                "2027-01-27T21:30[America/Toronto]",
                "2027-01-28T07:05[Atlantic/Azores]",
            ),
            seg(
                "S4110",
                "PDL",
                "LIS",
                "2027-01-28T09:00[Atlantic/Azores]",
                "2027-01-28T12:20[Europe/Lisbon]",
            ),
            seg(
                "TP614",
                "LIS",
                "BRU",
                "2027-01-28T14:00[Europe/Lisbon]",
                "2027-01-28T17:40[Europe/Brussels]",
            ),
            seg(
                "TP615",
                "BRU",
                "LIS",
                "2027-02-02T06:00[Europe/Brussels]",
                "2027-02-02T07:45[Europe/Lisbon]",
            ),
            seg(
                "S4111",
                "LIS",
                "PDL",
                "2027-02-02T10:00[Europe/Lisbon]",
                "2027-02-02T11:20[Atlantic/Azores]",
            ),
            seg(
                "S4321",
                "PDL",
                "YYZ",
                "2027-02-02T13:00[Atlantic/Azores]",
                "2027-02-02T15:10[America/Toronto]",
            ),
        ],
        citizenship="CA",
        home="CA",
        home_tz="America/Toronto",
        venue=("Brussels", "BE", "Europe/Brussels"),
        days=("2027-01-30", "2027-01-31"),
    )


def recife_to_kochi() -> Trip:
    """A Brazilian from Recife (America/Recife) to a conference in Kochi, India, through Lisbon
    and Doha: both ends are airports only the library knows."""
    return make_trip(
        [
            seg(
                "TP16",
                "REC",
                "LIS",
                "2027-02-20T22:00[America/Recife]",
                "2027-02-21T11:00[Europe/Lisbon]",
            ),
            seg(
                "QR346",
                "LIS",
                "DOH",
                "2027-02-21T14:00[Europe/Lisbon]",
                "2027-02-21T23:20[Asia/Qatar]",
            ),
            seg(
                "QR516",
                "DOH",
                "COK",
                "2027-02-22T02:30[Asia/Qatar]",
                "2027-02-22T09:25[Asia/Kolkata]",
            ),
            seg(
                "QR517",
                "COK",
                "DOH",
                "2027-02-27T04:25[Asia/Kolkata]",
                "2027-02-27T06:35[Asia/Qatar]",
            ),
            seg(
                "QR345",
                "DOH",
                "LIS",
                "2027-02-27T08:00[Asia/Qatar]",
                "2027-02-27T13:40[Europe/Lisbon]",
            ),
            seg(
                "TP15",
                "LIS",
                "REC",
                "2027-02-27T16:00[Europe/Lisbon]",
                "2027-02-27T21:10[America/Recife]",
            ),
        ],
        citizenship="BR",
        home="BR",
        home_tz="America/Recife",
        venue=("Kochi", "IN", "Asia/Kolkata"),
        days=("2027-02-23", "2027-02-25"),
    )


# --- the library's airports on routes -------------------------------------------------------


def test_laguardia_is_placed_and_the_us_border_is_at_chicago_with_bags_rechecked() -> None:
    trip = to_new_york()
    assert svc.unplaced_airports(trip) == []  # before: ["LGA"], a border left unjudged
    assert svc.library_airports(trip) == ["LGA"]
    assert crossings(trip) == [
        ("entry", "US", "ORD", "America/Chicago"),
        ("return", "JP", "HND", "Asia/Tokyo"),
    ]
    entry = route_borders(trip, svc.trip_facts(trip).route)[0]
    # The connection to LGA stays inside the US: customs at ORD, bags collected and re-checked.
    assert entry.destination and entry.recheck_bags
    assert catalog.airport("LGA") is not None
    assert catalog.airport("LGA").tz == "America/New_York"  # type: ignore[union-attr]


def test_an_azores_stop_is_the_schengen_entry_in_its_own_zone() -> None:
    trip = azores_to_brussels()
    assert svc.unplaced_airports(trip) == []
    assert svc.library_airports(trip) == ["PDL"]
    got = crossings(trip)
    # Schengen is entered at Ponta Delgada (Portugal, Atlantic/Azores: not Lisbon's zone).
    assert got[0] == ("entry", "PT", "PDL", "Atlantic/Azores")
    assert got[-1] == ("return", "CA", "YYZ", "America/Toronto")
    border = route_borders(trip, svc.trip_facts(trip).route)[0]
    assert border.area == "schengen" and "BE" in border.countries
    view = svc.borders(trip, "en")[0]
    assert "PDL" in view.title and "Portugal" in view.title


def test_both_ends_from_the_library_give_a_brazilian_their_indian_entry_and_way_home() -> None:
    trip = recife_to_kochi()
    assert svc.unplaced_airports(trip) == []
    assert svc.library_airports(trip) == ["REC", "COK"]
    got = crossings(trip)
    assert ("entry", "IN", "COK", "Asia/Kolkata") in got
    assert got[-1] == ("return", "BR", "REC", "America/Recife")
    assert catalog.airport("REC").tz == "America/Recife"  # type: ignore[union-attr]


# --- which source answers ---------------------------------------------------------------------


def test_the_curated_entry_wins_over_the_library() -> None:
    # DTW: the curated file says America/Detroit; airportsdata says America/New_York.
    dtw = catalog.airport("DTW")
    assert dtw is not None and dtw.tz == "America/Detroit"
    assert dtw.name == "Detroit Metropolitan Wayne County"  # the reviewed file's wording
    assert catalog.library_airport("DTW") is not None  # the library does know it
    assert catalog.library_airport("DTW").tz == "America/New_York"  # type: ignore[union-attr]
    assert not catalog.from_library("DTW")


def test_a_library_row_contradicting_the_curated_file_is_never_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Even a library that placed Narita in the US would not move it: the curated file wins.
    rows = {"NRT": {"name": "Wrong", "country": "US", "tz": "America/New_York"}}
    monkeypatch.setattr(catalog, "_library", lambda: rows)
    assert catalog.airport_country("NRT") == "JP"
    assert catalog.airport("NRT").tz == "Asia/Tokyo"  # type: ignore[union-attr]
    assert not catalog.from_library("NRT")


def test_rows_tripkit_cannot_trust_are_unknown_never_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows: dict[str, object] = {
        "ZZA": {"name": "Zone unknown", "country": "US", "tz": "Mars/Olympus_Mons"},
        "ZZB": {"name": "Three letters", "country": "USA", "tz": "America/New_York"},
        "ZZC": {"name": "Antarctic strip", "country": "AQ", "tz": ""},
        "ZZD": {"name": "Escape", "country": "US", "tz": "../../etc/passwd"},
        "ZZE": {"name": 12, "country": "us", "tz": "America/Chicago"},
        "ZZF": "not a row",
        "ZZG": {"name": "", "country": "NO", "tz": "Europe/Oslo"},
        "Z1Z": {"name": "Not IATA", "country": "US", "tz": "America/Chicago"},
    }
    monkeypatch.setattr(catalog, "_library", lambda: rows)
    for code in ("ZZA", "ZZB", "ZZC", "ZZD", "ZZE", "ZZF", "Z1Z", "ZZGX", ""):
        assert catalog.airport(code) is None, code
        assert catalog.airport_country(code) is None, code
    # A row with no name still has a trustworthy country and zone: named by its code.
    zzg = catalog.airport("zzg")
    assert zzg is not None and (zzg.name, zzg.country, zzg.tz) == ("ZZG", "NO", "Europe/Oslo")


def test_without_the_library_only_the_curated_airports_are_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_airportsdata(name: str, *args: Any, **kw: Any) -> Any:
        if name == "airportsdata":
            raise ImportError(name)
        return real_import(name, *args, **kw)

    catalog._library.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_airportsdata)
    try:
        assert catalog.airport("LGA") is None
        assert catalog.airport_country("NRT") == "JP"
    finally:
        monkeypatch.undo()
        catalog._library.cache_clear()
    assert catalog.airport("LGA") is not None


# --- what the traveller reads ------------------------------------------------------------------


def _saved(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_entry_says_which_airports_the_library_placed() -> None:
    _saved(to_new_york())
    out = run("--lang", "en", "entry")
    assert "The countries of LGA are from the airportsdata library" in out
    assert "does not know which country" not in out
    assert "Entry to the United States at Chicago (ORD)" in out
    assert (
        "Collect your checked bags at Chicago (ORD), clear customs, and re-check them for AA366"
        in out
    )
    ja = run("--lang", "ja", "entry")
    assert (
        "LGAの国は、tripkitが確認済みの空港一覧ではなく、airportsdataライブラリのデータです" in ja
    )
    data = json.loads(run("entry", "--json"))
    assert data["library_airports"] == ["LGA"] and data["unknown_airports"] == []


def test_a_typo_code_is_still_an_honest_unknown_airport() -> None:
    # XQZ is in neither catalog: the traveller is told, by code, that its border is missing.
    trip = to_new_york()
    flights = [
        f.model_copy(update={"destination": "XQZ"}) if f.destination == "LGA" else f
        for f in trip.flights
    ]
    flights = [f.model_copy(update={"origin": "XQZ"}) if f.origin == "LGA" else f for f in flights]
    _saved(trip.model_copy(update={"flights": flights}))
    out = run("--lang", "en", "entry")
    assert "tripkit does not know which country XQZ is in" in out
    assert "airportsdata" not in out  # nothing is claimed from the library
    data = json.loads(run("entry", "--json"))
    assert data["unknown_airports"] == ["XQZ"] and data["library_airports"] == []
