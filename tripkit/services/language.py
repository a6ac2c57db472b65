"""Which language to speak when the user chose none (the language of the trip's traveller),
and the trip's own words in that language (the venue's city).

One place for the rule, used by the CLI (tripkit.cli.context) and the TUI (tripkit.tui.app):
--lang, then the configured language, then TRIPKIT_LANG, then this, then the locale
(tripkit.i18n.resolve_lang). Read from the stored JSON without the models, so that the TUI's
first frame does not wait for pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tripkit.errors import TripkitError

if TYPE_CHECKING:
    from tripkit.core.models import Trip
    from tripkit.store import Store


def traveller_language(store: Store, trip_id: str | None) -> str | None:
    """The language of the traveller of `trip_id` (default: the current trip), or None.

    Not the bundled example's made-up traveller: its language says nothing about the person
    trying tripkit. None, too, when the store cannot tell (the command or screen that reads
    the trip reports that problem itself)."""
    try:
        trip_id = trip_id or store.current_trip_id()
        data = store.trips.raw(trip_id) if trip_id else None
    except TripkitError:
        return None
    if not data or data.get("example"):
        return None
    language = (data.get("traveller") or {}).get("language")
    return language if isinstance(language, str) else None


def venue_city(trip: Trip, lang: str) -> str:
    """The venue's city in `lang` when tripkit has it curated (「サンフランシスコ」), else as
    the trip spells it: a Japanese screen should not name the city in English."""
    from tripkit.catalog.loader import city_name

    venue = trip.conference.venue
    return (city_name(venue.city_id, lang) if lang != "en" else None) or venue.city
