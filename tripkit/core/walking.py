"""Walking time between rooms of a venue: rooms map to buildings by their names, buildings
have walking minutes between them (venue data, data/venues/*.yaml `buildings` and `walks`).

Pure: the venue's data is passed in. A room that matches no building, or two buildings with
no walk given, fall back to the fixed travel gap: unknown is said as unknown, never guessed.
Each walk says whether it is sourced or tripkit's estimate, and the agenda says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tripkit.core.search import normalise


@dataclass(frozen=True)
class Building:
    id: str
    name: str
    prefixes: tuple[str, ...]  # room-name prefixes, folded (case and accents ignored)


@dataclass(frozen=True)
class Walk:
    minutes: int
    estimate: bool  # True: tripkit's estimate (no source gives the figure)


@dataclass
class VenueWalks:
    buildings: list[Building]
    walks: dict[frozenset[str], Walk]
    _cache: dict[str, Building | None] = field(default_factory=dict, repr=False)

    def building_of(self, room: str) -> Building | None:
        """The building whose longest prefix starts the room's name."""
        if room in self._cache:
            return self._cache[room]
        folded = normalise(room)
        best: Building | None = None
        best_len = 0
        for b in self.buildings:
            for p in b.prefixes:
                if len(p) > best_len and folded.startswith(p):
                    best, best_len = b, len(p)
        self._cache[room] = best
        return best

    def walk(self, room_a: str, room_b: str) -> tuple[Building, Building, Walk] | None:
        """The walk between two rooms in different known buildings, or None."""
        a, b = self.building_of(room_a), self.building_of(room_b)
        if a is None or b is None or a.id == b.id:
            return None
        w = self.walks.get(frozenset((a.id, b.id)))
        return (a, b, w) if w is not None else None

    def minutes(self, room_a: str, room_b: str) -> int | None:
        found = self.walk(room_a, room_b)
        return found[2].minutes if found else None

    @property
    def longest(self) -> int:
        return max((w.minutes for w in self.walks.values()), default=0)


def from_data(data: dict[str, Any]) -> VenueWalks:
    """Build from a venue file's `buildings` and `walks` (already validated by the catalog
    schema; anything malformed here raises ValueError)."""
    buildings = []
    for b in data.get("buildings") or []:
        prefixes = tuple(normalise(str(p)) for p in b["rooms"])
        buildings.append(Building(str(b["id"]), str(b["name"]), prefixes))
    ids = {b.id for b in buildings}
    walks: dict[frozenset[str], Walk] = {}
    for w in data.get("walks") or []:
        a, b = w["between"]
        if a not in ids or b not in ids:
            raise ValueError(f"walk between unknown buildings {a!r} and {b!r}")
        walks[frozenset((a, b))] = Walk(int(w["minutes"]), bool(w.get("estimate", False)))
    return VenueWalks(buildings, walks)
