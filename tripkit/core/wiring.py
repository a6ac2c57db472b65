"""What the pure core needs from the rest of tripkit but may not import: the translator
(tripkit.i18n reads the gettext catalog), the airport -> country lookup (tripkit.catalog reads
files), country names (CLDR) and the city an airport serves (the curated cities).

The application installs both once, at import (tripkit/__init__.py; nothing is read until the
first call). The core calls them through here, so the layer contract (core imports nothing of
tripkit's I/O) holds; a caller that wants other words or another catalog installs its own.
Until something is installed the core speaks English and knows no airport's country.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripkit.core.curated import AuthorisationScheme

# (English text, lang, /, **values) -> the text in `lang` with its {placeholders} filled.
Translate = Callable[..., str]
# IATA code -> ISO country code, None when unknown.
CountryLookup = Callable[[str], "str | None"]


def english(text: str, lang: str, /, **values: object) -> str:
    """The untranslated text, filled: what the core says when no translator is installed."""
    return text.format(**values) if values else text


# (ISO country code, lang) -> the country's name in that language ("US" -> "アメリカ合衆国").
CountryName = Callable[[str, str], str]


def code_only(code: str, lang: str) -> str:
    """What the core says for a country when no name source is installed: its code."""
    return code


# (IATA code, lang) -> the name of the city the airport serves in that language, None when
# tripkit has no curated city for it ("SFO" -> "サンフランシスコ").
AirportCity = Callable[[str, str], "str | None"]


def no_city(code: str, lang: str) -> str | None:
    return None


# ISO country code -> the schemes for entering it (its own and its border area's), to name a
# held authorisation by its scheme ("UK-ETA" -> "UK ETA (Electronic Travel Authorisation)").
CountrySchemes = Callable[[str], "Sequence[AuthorisationScheme]"]


def no_schemes(code: str) -> Sequence[AuthorisationScheme]:
    return ()


_translate: Translate = english
_lookup: CountryLookup | None = None
_country_name: CountryName = code_only
_airport_city: AirportCity = no_city
_country_schemes: CountrySchemes = no_schemes


def install(
    *,
    translate: Translate | None = None,
    lookup: CountryLookup | None = None,
    country_name: CountryName | None = None,
    airport_city: AirportCity | None = None,
    country_schemes: CountrySchemes | None = None,
) -> None:
    global _translate, _lookup, _country_name, _airport_city, _country_schemes
    if translate is not None:
        _translate = translate
    if lookup is not None:
        _lookup = lookup
    if country_name is not None:
        _country_name = country_name
    if airport_city is not None:
        _airport_city = airport_city
    if country_schemes is not None:
        _country_schemes = country_schemes


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` (a sentence never shows "JP" where "Japan" is meant)."""
    return _country_name(code, lang)


def airport_city(code: str, lang: str) -> str | None:
    """The city the airport serves, in `lang` (curated cities only), or None."""
    return _airport_city(code, lang)


def country_schemes(code: str) -> Sequence[AuthorisationScheme]:
    """The curated schemes for entering the country (none when nothing is installed)."""
    return _country_schemes(code)


def tr(text: str, lang: str, /, **values: object) -> str:
    """`text` (English, the message id) in `lang`, by the installed translator."""
    return _translate(text, lang, **values)


def airport_lookup() -> CountryLookup | None:
    return _lookup
