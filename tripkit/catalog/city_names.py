"""The curated name of a city in the reader's language, from that one city's file: what a
Japanese checklist calls the venue's city (「ブリュッセルの安全情報を読む」), and the city an
airport serves (the airports listed by the city files). Apart from tripkit.catalog.loader, so
that a checklist does not load the guide's catalog (issue 13)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tripkit import paths
from tripkit.catalog.reading import read_compiled

if TYPE_CHECKING:
    from tripkit.core.curated_guide import CityGuide
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
def _city(path: Path) -> CityGuide | None:
    """One city's file, read once per process (as airport_cities is): a checklist names the
    venue's city and each border's airport by it."""
    from tripkit.core.curated_guide import CityGuide  # the guide's models: on first use

    city, _problems, _located = read_compiled(path, CityGuide, f"cities/{path.name}")
    return city
