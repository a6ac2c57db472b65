"""The airport catalog's models (tripkit.catalog.airports): the curated file and the parts
of it compiled apart. Their own module, imported when a file or a library row is validated:
a lean checklist (tripkit.core.lean) reads the compiled parts without pydantic (issue 13)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from tripkit.core.modellogic import AirportCityLogic
from tripkit.core.modellogic import place_name as _place_name
from tripkit.core.models import Country, Iata, Model
from tripkit.core.zoned import TimeZoneName

PlaceName = Annotated[str, AfterValidator(_place_name)]


class AirportCity(AirportCityLogic, Model):
    """The city an airport serves, as travellers know it (YVR: Vancouver, not Richmond; NRT:
    成田), in both languages: a Japanese border title needs a reviewed Japanese name."""

    en: PlaceName
    ja: PlaceName


class Airport(Model):
    name: str = Field(min_length=1, max_length=200)
    country: Country
    tz: TimeZoneName


class CuratedAirport(Airport):
    """An airport of data/airports.yaml: every one names its city (a library row may not)."""

    city: AirportCity


class AirportFile(Model):
    airports: dict[Iata, CuratedAirport]


class AirportCountries(Model):
    """IATA code -> country: all the route model needs, compiled apart from the full
    catalog because validating 160 time zones costs more than the whole lookup."""

    countries: dict[Iata, Country]


class AirportCityNames(Model):
    """IATA code -> the city it serves: compiled apart from the countries, and read only when
    a border or a reason names an airport (the route model never needs a name)."""

    cities: dict[Iata, AirportCity]
