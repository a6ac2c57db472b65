"""The curated name of a city in the reader's language, from that one city's file: what a
Japanese checklist calls the venue's city (「ブリュッセルの安全情報を読む」) and the airports'
cities. Apart from tripkit.catalog.loader, so that a checklist does not load the guide."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tripkit import paths
from tripkit.catalog.reading import read_compiled

if TYPE_CHECKING:
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
    from tripkit.core.curated_guide import CityGuide  # the first use: a Japanese checklist

    city, _problems, _located = read_compiled(path, CityGuide, f"cities/{path.name}")
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
