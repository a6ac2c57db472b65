"""The current trip as a read-only record (tripkit.core.tripview), read without pydantic.

The stored JSON was validated when written; a row the light reader cannot read (an older
release's, one edited by hand) is loaded as the model instead, which validates it (and says
what is wrong with it: tripkit.store.trips), and the record is taken from that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tripkit.core.tripview import TripView, trip_view

if TYPE_CHECKING:
    from tripkit.core.models import Trip
    from tripkit.store import Store


def read_trip_view(store: Store, trip_id: str, model: Trip | None = None) -> TripView:
    """The trip `trip_id` as a record: from `model` when it is that trip (already loaded),
    else from the store's row."""
    if model is not None and model.id == trip_id:
        return trip_view(model.model_dump(mode="json"))
    try:
        return trip_view(store.trips.raw(trip_id))
    except ValueError:
        return trip_view(store.get_trip(trip_id).model_dump(mode="json"))
