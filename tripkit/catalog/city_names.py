"""The curated name of a city in the reader's language, from that one city's file: what a
Japanese checklist calls the venue's city (「ブリュッセルの安全情報を読む」), and the city an
airport serves (the airports listed by the city files). Apart from tripkit.catalog.loader, so
that a checklist does not load the guide's catalog (issue 13).

What is read is the names part of each city's file (`CityNames`), compiled apart from the
guide (its notes and consulates: most of the file), as tripkit.catalog.airports compiles its
parts: a checklist builds neither the guide's models nor its notes (issue 13's cold read).
The strict read of a file still validates the whole city guide, so a broken file is
reported, and named by nothing, as before."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tripkit import paths
from tripkit.errors import DataError

if TYPE_CHECKING:
    from tripkit.catalog.copy_models import CityNames
    from tripkit.core.models import Venue


def city_name(city_id: str | None, lang: str, *, country: str | None = None) -> str | None:
    """The curated name of a city in `lang` ("サンフランシスコ"), from that one city's file
    (the compiled copy when current); None when tripkit has no file for it (or, given
    `country`, when the file's city is in another country)."""
    if not city_id or not re.fullmatch(r"[a-z0-9-]+", city_id):
        return None
    path = paths.bundled_data() / "cities" / f"{city_id}.yaml"
    if not path.is_file():
        return None
    city = _city(path)
    if city is None or (country is not None and city.country != country):
        return None
    return city.name.get(lang)


def venue_city_name(venue: Venue, lang: str) -> str | None:
    """The curated name of the venue's city in `lang`: by `city_id`, else by the city as the
    trip spells it in the venue's country ("Brussels", BE -> brussels.yaml), as `city_for`
    finds the guide notes. A trip file rarely gives `city_id`; without this a Japanese
    checklist said 「Brusselsの安全情報を読む」 while the guide knew ブリュッセル."""
    if venue.city_id:
        return city_name(venue.city_id, lang)
    guess = re.sub(r"[^a-z0-9]+", "-", venue.city.strip().casefold()).strip("-")
    return city_name(guess, lang, country=venue.country)


def airport_cities() -> dict[str, str]:
    """IATA code -> id of the curated city whose file lists that airport (`airports:`)."""
    return _airport_cities(paths.bundled_data())


@cache
def _airport_cities(root: Path) -> dict[str, str]:
    # By data folder (as tripkit.catalog.entry_data's caches): one read before the folder
    # changed (a test's own data) must not answer for another.
    out: dict[str, str] = {}
    folder = root / "cities"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        city = _city(path) if path.is_file() else None
        if city is not None:
            for code in city.airports:
                out.setdefault(code.upper(), city.id)
    return out


@cache
def _city(path: Path) -> CityNames | None:
    """The names of one city's file, read once per process (as airport_cities is): a
    checklist names the venue's city and each border's airport by them. None when the file
    has problems (the guide reports them)."""
    from tripkit.catalog import compiled

    display = f"cities/{path.name}"

    def model() -> type[CityNames]:
        from tripkit.catalog.copy_models import CityNames

        return CityNames

    def strict() -> CityNames:
        from tripkit.catalog.reading import read_located
        from tripkit.core.curated_guide import CityGuide  # the guide's models: on a rebuild

        city, problems, _located = read_located(path, CityGuide, display)
        if city is None or problems:
            raise DataError("not valid", where=display)
        return model()(id=city.id, name=city.name, country=city.country, airports=city.airports)

    try:
        # Lean in a lean evaluation (only names and ids leave this module).
        found: CityNames = compiled.load_lean(path, "CityNames", model, strict)
        return found
    except DataError:
        return None
