"""tripkit: an offline terminal companion for travelling abroad to a tech conference.

This module stays import-light on purpose: `import tripkit` must never load the TUI.
"""

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripkit.core.curated import AuthorisationScheme

__version__ = "0.1.0"

# tripkit uses no pydantic plugins, and looking for them (every installed distribution's
# entry points, when the first model validator is built) costs a checklist process more
# than its evaluation. Set here, for every process tripkit runs (CLI, TUI), before any
# model exists: pydantic's documented switch; a value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _wire_core() -> None:
    """Give the pure core (which may not import I/O) tripkit's translator, airport catalog,
    country names (CLDR), the cities airports serve and the schemes for entering a country
    (curated data).

    Both are imported on first use, so `import tripkit` stays light."""
    from tripkit.core import wiring

    def translate(text: str, lang: str, /, **values: object) -> str:
        from tripkit.i18n import tr

        wiring.install(translate=tr)  # later calls go straight to tr
        return tr(text, lang, **values)

    def airport_country(code: str) -> str | None:
        from tripkit.catalog.airports import airport_country as bundled

        wiring.install(lookup=bundled)
        return bundled(code)

    def country_name(code: str, lang: str) -> str:
        from tripkit.i18n import country_name as cldr

        wiring.install(country_name=cldr)
        return cldr(code, lang)

    def airport_city(code: str, lang: str) -> str | None:
        from tripkit.catalog.airports import airport_city_name

        wiring.install(airport_city=airport_city_name)
        return airport_city_name(code, lang)

    def country_schemes(code: str) -> "list[AuthorisationScheme]":
        from tripkit.catalog import entry_data

        return entry_data.schemes(code)

    wiring.install(
        translate=translate,
        lookup=airport_country,
        country_name=country_name,
        airport_city=airport_city,
        country_schemes=country_schemes,
    )


_wire_core()
