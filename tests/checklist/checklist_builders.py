"""Trips and entry rules for the checklist tests, built directly (no catalog files)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tripkit.catalog.schema import (
    AuthorisationScheme,
    CountryEntry,
    Emergency,
    LocalText,
    PassportRule,
)
from tripkit.core.models import (
    Authorisation,
    Conference,
    FlightSegment,
    Passport,
    Source,
    Stay,
    Traveller,
    Trip,
    Visit,
)

TOKYO = "Asia/Tokyo"
SF = "America/Los_Angeles"
SRC = [Source(title="test source", url="https://example.org/test-source", date="2026-01-01")]


def seg(flight: str, origin: str, dest: str, departs: str, arrives: str) -> FlightSegment:
    return FlightSegment.model_validate(
        {
            "flight": flight,
            "origin": origin,
            "destination": dest,
            "departs": departs,
            "arrives": arrives,
        }
    )


# NH8 leaves Narita at 17:05 JST on Monday 11 Jan 2027 and lands at SFO at 09:40 PST the
# same calendar day (the date line); NH7 leaves SFO Friday 15 Jan 11:25 PST, lands Sat 15:30 JST.
OUT = seg(
    "NH8", "NRT", "SFO", "2027-01-11T17:05[Asia/Tokyo]", "2027-01-11T09:40[America/Los_Angeles]"
)
BACK = seg(
    "NH7", "SFO", "NRT", "2027-01-15T11:25[America/Los_Angeles]", "2027-01-16T15:30[Asia/Tokyo]"
)


def esta(
    expires: date = date(2028, 6, 1), passport_expires: date | None = date(2030, 1, 1)
) -> Authorisation:
    return Authorisation(
        kind="ESTA", country="US", expires=expires, passport_expires=passport_expires
    )


def make_trip(**kw: Any) -> Trip:
    """The bundled example's shape (JP citizen, Tokyo -> SF, ESTA held), with overrides."""
    venue = {
        "name": "Moscone Center",
        "city": kw.pop("city", "San Francisco"),
        "city_id": kw.pop("city_id", "san-francisco"),
        "country": kw.pop("venue_country", "US"),
        "tz": kw.pop("venue_tz", SF),
    }
    traveller = {
        "citizenships": kw.pop("citizenships", ["JP"]),
        "home_country": kw.pop("home_country", "JP"),
        "home_tz": kw.pop("home_tz", TOKYO),
        "passport": Passport(
            expires=kw.pop("passport_expires", date(2030, 1, 1)),
            e_passport=kw.pop("e_passport", True),
        ),
        "authorisations": kw.pop("authorisations", [esta()]),
        "visited": [Visit(country=c, on=d) for c, d in kw.pop("visited", [])],
    }
    conference = Conference(
        name="TestConf",
        first_day=kw.pop("first_day", date(2027, 1, 12)),
        last_day=kw.pop("last_day", date(2027, 1, 14)),
        venue=venue,  # type: ignore[arg-type]
        badge_pickup=kw.pop("badge_pickup", []),
    )
    flights = kw.pop("flights", [OUT, BACK])
    stays = kw.pop(
        "stays",
        [
            Stay(
                name="Hotel",
                check_in="2027-01-11T15:00[America/Los_Angeles]",
                check_out="2027-01-15T09:00[America/Los_Angeles]",
            )
        ],
    )
    assert not kw, f"unknown options {kw}"
    return Trip(
        id="t",
        name="Test trip",
        booked_on=date(2026, 11, 20),
        traveller=Traveller.model_validate(traveller),
        conference=conference,
        flights=flights,
        stays=stays,
    )


def us_entry(*, exempt: list[str] | None = None, months: int = 6) -> CountryEntry:
    """US entry rules as in the reference (Six-Month Club, ESTA for JP, e-passport, bars)."""
    return CountryEntry(
        code="US",
        name=LocalText(en="United States", ja="アメリカ合衆国"),
        tz=SF,
        emergency=Emergency(
            number="911", note=LocalText(en="911"), sources=SRC, reviewed=date(2026, 11, 27)
        ),
        passport=PassportRule(
            months_beyond_stay=months,
            exempt=["JP"] if exempt is None else exempt,
            sources=SRC,
            reviewed=date(2026, 11, 27),
        ),
        authorisations=[
            AuthorisationScheme(
                id="ESTA",
                name=LocalText(en="ESTA", ja="ESTA"),
                destinations=["US"],
                required_for=["JP"],
                official_url="https://esta.cbp.dhs.gov",
                validity_years=2,
                apply_hours_before=72,
                needs_e_passport=True,
                visa_fallback=LocalText(
                    en="Apply for a B visa at a US Embassy.",
                    ja="米国大使館でBビザを申請してください。",
                ),
                ineligible_if_visited=["IR", "CU"],
                ineligible_since={"IR": date(2011, 3, 1), "CU": date(2021, 1, 12)},
                sources=SRC,
                reviewed=date(2026, 11, 27),
            )
        ],
    )


COUNTRIES = {"US": us_entry()}
