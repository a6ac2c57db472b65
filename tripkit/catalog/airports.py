"""The airport catalog (data/airports.yaml): IATA code -> name, country, IANA zone, and the
city each airport serves in English and Japanese (how a border names it: "Frankfurt (FRA)").

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
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tripkit.core.modellogic import place_name
from tripkit.core.zoned import get_zone
from tripkit.errors import DataError
from tripkit.paths import bundled_data

if TYPE_CHECKING:
    from tripkit.catalog.airport_models import (
        Airport,
        AirportCity,
        CuratedAirport,
    )

# The models live in tripkit.catalog.airport_models (pydantic, imported when a file or a
# library row is validated); named here too for the callers that know them from here.
_MODELS = frozenset(
    {
        "AirportCity",
        "Airport",
        "CuratedAirport",
        "AirportFile",
        "AirportCountries",
        "AirportCityNames",
        "PlaceName",
    }
)


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        from tripkit.catalog import airport_models

        return getattr(airport_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_airports_file(path: Path) -> dict[str, CuratedAirport]:
    from tripkit.catalog.located import load_located  # a checklist reads the compiled copy

    located = load_located(path)
    if not isinstance(located.data, dict):
        raise DataError("expected a mapping with an 'airports:' key", where=located.where(()))
    from pydantic import ValidationError

    try:
        parsed = _models().AirportFile.model_validate(located.data)
    except ValidationError as exc:
        raise located.validation_error(exc) from None
    return dict(parsed.airports)


@cache
def airports() -> dict[str, Airport]:
    """The bundled airports, read once per process (from the compiled copy when current:
    tripkit.catalog.compiled). Models, even in a lean evaluation: they are cached for every
    caller (tripkit.core.leanmode)."""
    from tripkit.core import leanmode

    with leanmode.lean(False):
        return dict(_compiled("AirportFile", "airports", lambda a: a).airports)


@cache
def _countries() -> dict[str, str]:
    # Lean or not, what is kept is text (code -> country).
    part = _compiled("AirportCountries", "countries", lambda a: a.country)
    return dict(part.countries)


@cache
def _city_names() -> dict[str, AirportCity]:
    # Lean or not: only their names leave this module (airport_city_name).
    part = _compiled("AirportCityNames", "cities", lambda a: a.city)
    return dict(part.cities)


def _models() -> Any:
    from tripkit.catalog import airport_models

    return airport_models


def _compiled(name: str, field: str, pick: Callable[[CuratedAirport], object]) -> Any:
    """data/airports.yaml, or one part of it (`field`: code -> `pick` of each airport), read
    from its compiled copy, made from the YAML when that copy is missing or stale; lean in a
    lean evaluation (tripkit.catalog.compiled.load_lean)."""
    from tripkit.catalog import compiled

    path = bundled_data() / "airports.yaml"

    def model() -> Any:
        return getattr(_models(), name)

    def build() -> Any:
        return model().model_validate(
            {field: {k: pick(a) for k, a in load_airports_file(path).items()}}
        )

    return compiled.load_lean(path, name, model, build)


def airport_country(code: str) -> str | None:
    found = _countries().get(code.upper())
    if found is not None:
        return found
    listed = library_airport(code)
    return listed.country if listed is not None else None


class LibraryAirport(NamedTuple):
    """An airport only the `airportsdata` library knows, its values checked by hand as
    Airport's validators check them (a plain record: a border judged in a lean evaluation
    must not import pydantic for one library row, issue 13)."""

    name: str
    country: str
    tz: str


def airport(code: str) -> Airport | LibraryAirport | None:
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


def library_airport(code: str) -> LibraryAirport | None:
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
    if not isinstance(tz, str):
        return None
    try:
        get_zone(tz)  # a zone the zone database lacks (what Airport's TimeZoneName refuses)
    except ValueError:
        return None
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        name = code
    return LibraryAirport(name.strip()[:200], country, tz)


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
    """The name, in `lang`, of the city an airport serves ("FRA" -> "フランクフルト"), in this
    order: the curated city whose `airports:` list in data/cities names it (the reviewed guide:
    "SFO" -> "サンフランシスコ"); else data/airports.yaml's `city` (every curated airport has
    one, in both languages); else, for a code only the `airportsdata` library knows (REC, LGA,
    PDL), the library's city ("Recife"), in English in every language (tripkit has no
    reviewed translation of it). None when none says: a library row without a usable city,
    or no airport at all, is shown by its code alone, never by a guessed name."""
    from tripkit.catalog.city_names import airport_cities, city_name  # the guide data, on first use

    code = code.strip().upper()
    guide = city_name(airport_cities().get(code), lang)
    if guide:
        return guide
    curated = _city_names().get(code)
    if curated is not None:
        return curated.get(lang)
    if code in _countries():
        return None  # a curated airport is never named by the library (a city is required)
    return library_city(code)


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
    try:  # the curated file's own check (place_name): the library is held to the same bar
        return place_name(city)
    except ValueError:
        return None
