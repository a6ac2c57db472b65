"""The few facts of a trip that reads need (id, zones), read without validating the trip.

`schedule list/search/show/agenda` need the trip's id and venue zone, not a validated Trip
model: building one costs pydantic's import (~0.2 s), more than the whole command should.
The trip was validated when it was stored, so its stored JSON is trusted here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tripkit.errors import NotFoundError, StoreError
from tripkit.store import Store

if TYPE_CHECKING:
    from tripkit.core.models import Trip


# A NamedTuple, not a dataclass: made without compiling source at import (CLI start, issue 13).
class TripInfo(NamedTuple):
    id: str
    name: str
    venue_tz: str
    home_tz: str


def trip_info(store: Store, trip_id: str | None = None) -> TripInfo:
    """The named trip, else the current one, else a clear error."""
    trip_id = trip_id or store.current_trip_id()
    if trip_id is None:
        raise NotFoundError(
            "no trip yet: run `tripkit demo` for the example trip or `tripkit trip new`"
        )
    data = store.trips.raw(trip_id)
    try:
        return TripInfo(
            data["id"],
            data["name"],
            data["conference"]["venue"]["tz"],
            data["traveller"]["home_tz"],
        )
    except (KeyError, TypeError):
        raise StoreError(
            "trip {trip_id!r} in the store is invalid; `tripkit doctor` can repair or export it",
            where=str(store.path),
            trip_id=trip_id,
        ) from None


def traveller_language(store: Store, trip_id: str | None = None) -> str | None:
    """The language of the traveller whose trip this is (a trip made in Japanese is shown in
    Japanese), for when neither --lang, the config nor TRIPKIT_LANG says. Not the bundled
    example's made-up traveller: its language says nothing about the person trying tripkit."""
    from tripkit.errors import TripkitError

    try:
        trip_id = trip_id or store.current_trip_id()
        data = store.trips.raw(trip_id) if trip_id else None
    except TripkitError:
        return None  # the command itself reports a missing trip or a broken store
    if not isinstance(data, dict) or data.get("example"):
        return None
    traveller = data.get("traveller")
    language = traveller.get("language") if isinstance(traveller, dict) else None
    return language if isinstance(language, str) else None


def venue_city(trip: Trip, lang: str) -> str:
    """The venue's city in `lang` when tripkit has it curated (「サンフランシスコ」), else as
    the trip spells it: a Japanese screen should not name the city in English."""
    venue = trip.conference.venue
    if lang == "en":  # the trip's own spelling; the catalog (and pydantic) stay unloaded
        return venue.city
    from tripkit.catalog.city_names import venue_city_name

    return venue_city_name(venue, lang) or venue.city


def as_read(trip: Trip, lang: str) -> Trip:
    """`trip` for a document in `lang`: the venue's city named as `venue_city` names it (a
    Japanese binder said 「会場: ULB Solbosch, Brussels」). Only for rendering: nothing here is
    stored, and the catalog has already matched the city by its own name."""
    city = venue_city(trip, lang)
    venue = trip.conference.venue
    if city == venue.city:
        return trip
    conference = trip.conference.model_copy(
        update={"venue": venue.model_copy(update={"city": city})}
    )
    return trip.model_copy(update={"conference": conference})
