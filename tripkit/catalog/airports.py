"""The airport catalog (data/airports.yaml): IATA code -> name, country, IANA zone.

A flight segment may name the countries of its airports; when it does not, this catalog
tells which country a flight lands in (for "first port of entry" and connections).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

from tripkit.catalog.located import load_located
from tripkit.core.models import Country, Iata, Model
from tripkit.core.zoned import TimeZoneName
from tripkit.errors import DataError
from tripkit.paths import bundled_data


class Airport(Model):
    name: str = Field(min_length=1, max_length=200)
    country: Country
    tz: TimeZoneName


class AirportFile(Model):
    airports: dict[Iata, Airport]


def load_airports_file(path: Path) -> dict[str, Airport]:
    located = load_located(path)
    if not isinstance(located.data, dict):
        raise DataError("expected a mapping with an 'airports:' key", where=located.where(()))
    try:
        parsed = AirportFile.model_validate(located.data)
    except ValidationError as exc:
        raise located.validation_error(exc) from None
    return dict(parsed.airports)


@cache
def airports() -> dict[str, Airport]:
    """The bundled airports, read once per process (from the compiled copy when current:
    tripkit.catalog.compiled)."""
    from tripkit.catalog import compiled

    path = bundled_data() / "airports.yaml"
    return dict(
        compiled.load(
            path, AirportFile, lambda: AirportFile(airports=load_airports_file(path))
        ).airports
    )


class AirportCountries(Model):
    """IATA code -> country: all the route model needs, compiled apart from the full
    catalog because validating 160 time zones costs more than the whole lookup."""

    countries: dict[Iata, Country]


@cache
def _countries() -> dict[str, str]:
    from tripkit.catalog import compiled

    path = bundled_data() / "airports.yaml"
    return dict(
        compiled.load(
            path,
            AirportCountries,
            lambda: AirportCountries(
                countries={k: a.country for k, a in load_airports_file(path).items()}
            ),
        ).countries
    )


def airport_country(code: str) -> str | None:
    return _countries().get(code.upper())


def airport_city_name(code: str, lang: str) -> str | None:
    """The name, in `lang`, of the curated city an airport serves ("SFO" -> "サンフランシスコ"),
    from the `airports:` lists of data/cities; None when no city file lists the airport."""
    from tripkit.catalog.loader import airport_cities, city_name  # the guide data, on first use

    return city_name(airport_cities().get(code.upper()), lang)
