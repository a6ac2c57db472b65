"""Travellers, routes and route facts for the entry tests, built directly.

Times are written as the boarding pass shows them: local clock time with the airport's zone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tripkit.core.models import FlightSegment, GroundLeg, Stay, Trip
from tripkit.core.route import RouteFacts

# Entry data for the scenario tests (same schema as data/, a few countries, a small matrix).
FIXTURE_DATA = Path(__file__).parent / "data"


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point tripkit's bundled-data folder at tests/entry/data for one test (imported by
    the test modules: a tests/entry/conftest.py would shadow the root conftest's helpers).

    The fixture folder has entry data only, no airport table: the real table is read first
    (it is read once per process), so that a test run alone sees the same airports as one
    run after others did."""
    from tripkit.catalog import airports

    airports.airports()
    airports.airport_country("NRT")
    airports.airport_city_name("NRT", "en")  # the cities too (read apart, when first named)
    monkeypatch.setattr("tripkit.paths.bundled_data", lambda: FIXTURE_DATA)
    return FIXTURE_DATA


AIRPORTS = {
    "AUA": "AW",
    "NRT": "JP",
    "HND": "JP",
    "SFO": "US",
    "LAX": "US",
    "AUS": "US",
    "JFK": "US",
    "YYZ": "CA",
    "YVR": "CA",
    "FRA": "DE",
    "MUC": "DE",
    "BER": "DE",
    "BRU": "BE",
    "CDG": "FR",
    "AMS": "NL",
    "LHR": "GB",
    "DUB": "IE",
    "DEL": "IN",
    "BOM": "IN",
    "ICN": "KR",
    "SIN": "SG",
    "GRU": "BR",
    "SYD": "AU",
    "HKG": "HK",
    "TPE": "TW",
    "PEK": "CN",
}
SCHENGEN = (
    "AT",
    "BE",
    "BG",
    "CH",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
)
FACTS = RouteFacts(
    airport_country=AIRPORTS.get,
    areas=dict.fromkeys(SCHENGEN, "schengen"),
    preclearance={"US": frozenset({"DUB", "SNN", "AUH", "YVR", "YYZ"})},
    airside={"US": "not-allowed", "GB": "allowed"},
    customs_at_first_port=frozenset({"US"}),
)

ZONES = {
    "JP": "Asia/Tokyo",
    "US": "America/Los_Angeles",
    "CA": "America/Toronto",
    "DE": "Europe/Berlin",
    "BE": "Europe/Brussels",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "IN": "Asia/Kolkata",
    "FR": "Europe/Paris",
}


def seg(flight: str, origin: str, dest: str, departs: str, arrives: str) -> FlightSegment:
    """departs/arrives as 'YYYY-MM-DDTHH:MM[Zone]'."""
    return FlightSegment.model_validate(
        {
            "flight": flight,
            "origin": origin,
            "destination": dest,
            "departs": departs,
            "arrives": arrives,
            "origin_country": AIRPORTS[origin],
            "destination_country": AIRPORTS[dest],
        }
    )


def trip(
    flights: list[FlightSegment],
    *,
    venue_country: str,
    venue_tz: str,
    first_day: date,
    last_day: date,
    citizenships: list[str] | None = None,
    home_country: str = "JP",
    home_tz: str = "Asia/Tokyo",
    city: str = "City",
    passports: list[dict[str, Any]] | None = None,
    authorisations: list[dict[str, Any]] | None = None,
    visited: list[dict[str, Any]] | None = None,
    residence: dict[str, Any] | None = None,
    stays: list[Stay] | None = None,
    ground: list[GroundLeg] | None = None,
) -> Trip:
    citizenships = citizenships or ["JP"]
    traveller: dict[str, Any] = {
        "citizenships": citizenships,
        "home_country": home_country,
        "home_tz": home_tz,
        "authorisations": authorisations or [],
        "visited": visited or [],
    }
    if passports is None:
        traveller["passport"] = {"expires": "2035-01-01", "issued": "2025-01-01"}
    else:
        traveller["passports"] = passports
    if residence is not None:
        traveller["residence"] = residence
    return Trip.model_validate(
        {
            "id": "route-test",
            "name": "Route test",
            "booked_on": "2026-11-20",
            "traveller": traveller,
            "conference": {
                "name": "Conf",
                "first_day": first_day.isoformat(),
                "last_day": last_day.isoformat(),
                "venue": {"name": "Venue", "city": city, "country": venue_country, "tz": venue_tz},
            },
            "flights": [f.model_dump(mode="json") for f in flights],
            "stays": [s.model_dump(mode="json") for s in stays or []],
            "ground": [g.model_dump(mode="json") for g in ground or []],
        }
    )


# --- routes used by several tests ----------------------------------------------------------

TYO, LA, TOR, BER, BRU, LON, DUBZ, VAN = (
    "Asia/Tokyo",
    "America/Los_Angeles",
    "America/Toronto",
    "Europe/Berlin",
    "Europe/Brussels",
    "Europe/London",
    "Europe/Dublin",
    "America/Vancouver",
)


def tokyo_sf() -> list[FlightSegment]:
    return [
        seg("NH8", "NRT", "SFO", f"2027-03-08T17:05[{TYO}]", f"2027-03-08T09:40[{LA}]"),
        seg("NH7", "SFO", "NRT", f"2027-03-12T11:25[{LA}]", f"2027-03-13T15:30[{TYO}]"),
    ]


def via_frankfurt() -> list[FlightSegment]:
    """FOSDEM via Frankfurt: NRT 10:30 JST -> FRA 17:00 CET; FRA 18:40 -> BRU 19:40."""
    return [
        seg("LH711", "HND", "FRA", f"2027-01-29T10:30[{TYO}]", f"2027-01-29T17:00[{BER}]"),
        seg("LH1013", "FRA", "BRU", f"2027-01-29T18:40[{BER}]", f"2027-01-29T19:40[{BRU}]"),
        seg("LH1014", "BRU", "FRA", f"2027-02-02T07:00[{BRU}]", f"2027-02-02T08:00[{BER}]"),
        seg("LH716", "FRA", "HND", f"2027-02-02T13:00[{BER}]", f"2027-02-03T09:00[{TYO}]"),
    ]


def london_then_brussels(**values: Any) -> Trip:
    """Tokyo -> London for a week, on to Brussels for the conference (30-31 Jan 2027), home
    from Frankfurt: two countries, each with its own dates and authorisation."""
    flights = [
        seg("JL43", "HND", "LHR", f"2027-01-20T11:00[{TYO}]", f"2027-01-20T16:00[{LON}]"),
        seg("SN2096", "LHR", "BRU", f"2027-01-27T09:00[{LON}]", f"2027-01-27T11:10[{BRU}]"),
        seg("SN2901", "BRU", "FRA", f"2027-02-02T07:00[{BRU}]", f"2027-02-02T08:00[{BER}]"),
        seg("LH716", "FRA", "HND", f"2027-02-02T13:00[{BER}]", f"2027-02-03T09:00[{TYO}]"),
    ]
    return trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        **values,
    )


def via_sfo_to_toronto() -> list[FlightSegment]:
    """NRT -> SFO (2 h 20 min connection) -> YYZ; home YYZ -> NRT."""
    return [
        seg("NH8", "NRT", "SFO", f"2027-01-11T17:05[{TYO}]", f"2027-01-11T09:40[{LA}]"),
        seg("AC738", "SFO", "YYZ", f"2027-01-11T12:00[{LA}]", f"2027-01-11T20:15[{TOR}]"),
        seg("AC1", "YYZ", "NRT", f"2027-01-15T13:00[{TOR}]", f"2027-01-16T16:30[{TYO}]"),
    ]


def leg(
    mode: str,
    origin: str,
    origin_country: str,
    destination: str,
    destination_country: str,
    departs: str | None = None,
    arrives: str | None = None,
) -> GroundLeg:
    """A ground leg; times as 'YYYY-MM-DDTHH:MM[Zone]', or None (a drive without a plan)."""
    data: dict[str, Any] = {
        "mode": mode,
        "origin": origin,
        "origin_country": origin_country,
        "destination": destination,
        "destination_country": destination_country,
    }
    if departs:
        data["departs"] = departs
    if arrives:
        data["arrives"] = arrives
    return GroundLeg.model_validate(data)


def seattle_vancouver_drive(citizenship: str, **values: Any) -> Trip:
    """A drive from Seattle to a conference in Vancouver (23-25 Mar 2027) and back: a
    traveller living in the US, with a `citizenship` passport. No flight anywhere."""
    out = leg(
        "car",
        "Seattle",
        "US",
        "Vancouver",
        "CA",
        f"2027-03-22T08:00[{LA}]",
        f"2027-03-22T11:30[{VAN}]",
    )
    back = leg("car", "Vancouver", "CA", "Seattle", "US", f"2027-03-26T09:00[{VAN}]")
    return trip(
        [],
        venue_country="CA",
        venue_tz=VAN,
        first_day=date(2027, 3, 23),
        last_day=date(2027, 3, 25),
        citizenships=[citizenship],
        home_country="US",
        home_tz=LA,
        city="Vancouver",
        ground=[out, back],
        **values,
    )
