"""The airport catalog (data/airports.yaml): IATA code -> name, country, IANA zone.

A flight segment may name the countries of its airports; when it does not, this catalog
tells which country a flight lands in (for "first port of entry" and connections).

The curated file is sourced and reviewed, so it is asked first and wins on any conflict. A
code it lacks (LGA, BLR, GRU, LIS...) is answered by the `airportsdata` library (~28k rows,
nearly every airport), loaded only on such a miss: the demo trip, `--version`, the kept
checklist and the TUI's start never pay for it. A library row whose values tripkit cannot
trust (no two-letter country, a zone the zone database lacks) counts as unknown.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

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
    from tripkit.catalog.located import load_located  # a checklist reads the compiled copy

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
    found = _countries().get(code.upper())
    if found is not None:
        return found
    listed = library_airport(code)
    return listed.country if listed is not None else None


def airport(code: str) -> Airport | None:
    """The airport of a code: the curated entry, else the library's; None when neither knows
    it (or the code is no IATA code)."""
    return airports().get(code.strip().upper()) or library_airport(code)


def from_library(code: str) -> bool:
    """True when only the `airportsdata` library knows the airport: what tripkit says of it
    (its country, its zone) is the library's, not the curated file's."""
    code = code.strip().upper()
    return code not in _countries() and library_airport(code) is not None


_IATA = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")


def library_airport(code: str) -> Airport | None:
    """The `airportsdata` row of a three-letter IATA code as an Airport, checked; None when the
    library lacks the code, is not installed, or its row is not trustworthy."""
    code = code.strip().upper()
    if not _IATA.fullmatch(code):
        return None
    row = _library().get(code)
    if not isinstance(row, dict):
        return None
    country, tz = row.get("country"), row.get("tz")
    if not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
        return None
    if not isinstance(tz, str):  # a zone the database lacks fails Airport's TimeZoneName
        return None
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        name = code
    try:
        return Airport(name=name.strip()[:200], country=country, tz=tz)
    except ValidationError:
        return None


@cache
def _library() -> dict[str, object]:
    """airportsdata's rows by IATA code, read once, on the first code the curated file lacks."""
    try:
        import airportsdata
    except ImportError:  # an install without it: the curated airports only
        return {}
    try:
        return dict(airportsdata.load("IATA"))
    except (OSError, ValueError):  # a damaged install: unknown, never a crash
        return {}


def airport_city_name(code: str, lang: str) -> str | None:
    """The name, in `lang`, of the city an airport serves ("SFO" -> "サンフランシスコ"): the
    curated city whose `airports:` list in data/cities names it; else, for a code only the
    `airportsdata` library knows (REC, LGA, PDL), the library's city ("Recife"), in English in
    every language (tripkit has no reviewed translation of it). None when neither says: a
    curated airport outside every city file, or a library row without a usable city, is shown
    by its code alone, never by a guessed name."""
    from tripkit.catalog.city_names import airport_cities, city_name  # the guide data, on first use

    code = code.strip().upper()
    curated = city_name(airport_cities().get(code), lang)
    if curated or code in _countries():
        return curated  # the reviewed file knows the airport: the library is not asked
    return library_city(code)


# A city as the library writes it: letters, digits, spaces and the punctuation of place names; a
# row with anything else (markup, control or bidi characters, mojibake "?") is not shown.
_CITY = re.compile(r"[^\W_](?:[^\W_]|[ '.,()/-])*")


def library_city(code: str) -> str | None:
    """The city of a code's `airportsdata` row ("LGA" -> "New York"), only when the row itself
    is trustworthy (library_airport) and its city reads as a place name of at most 80
    characters; else None."""
    if library_airport(code) is None:
        return None
    row = _library().get(code.strip().upper())
    city = row.get("city") if isinstance(row, dict) else None
    if not isinstance(city, str):
        return None
    city = " ".join(city.split())
    return city if len(city) <= 80 and _CITY.fullmatch(city) else None
