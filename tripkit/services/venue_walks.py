"""The walking data of the trip's venue (data/venues/<venue_id>.yaml `buildings`/`walks`).

Read straight from the one venue file (PyYAML's C loader, no pydantic, no catalog): the
agenda is read often and must stay quick. The catalog's schema validates the same files
(tripkit.catalog.schema.VenueGuide) when the bundled data is checked; a file that does not
read here gives no walking data (the fixed gap applies), never a wrong figure.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from tripkit.core.walking import VenueWalks, from_data
from tripkit.paths import bundled_data
from tripkit.store import Store

if TYPE_CHECKING:
    from tripkit.services.schedule import TripLike


@functools.cache
def _load(venue_id: str) -> VenueWalks | None:
    import yaml

    path = bundled_data() / "venues" / f"{venue_id}.yaml"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        walks = from_data(data) if isinstance(data, dict) else None
    except (OSError, yaml.YAMLError, ValueError, KeyError, TypeError):
        return None
    return walks if walks is not None and walks.buildings else None


def walks_for(store: Store, trip: TripLike) -> VenueWalks | None:
    """The venue's walking data, or None (no venue id, or no buildings in its file)."""
    venue = (store.trips.raw(trip.id).get("conference") or {}).get("venue") or {}
    venue_id = venue.get("venue_id")
    if not isinstance(venue_id, str) or not venue_id.replace("-", "").isalnum():
        return None
    return _load(venue_id)
