"""The shapes of a venue's curated guide (data/venues): its address, stations, buildings and
the walks between them (pure data models, no I/O: tripkit.catalog reads the files).

Apart from tripkit.core.curated_guide (the cities and the notes), which a checklist makes to
name cities and airports: it never reads a venue's guide (issue 13).
"""

# Annotations are evaluated as written (no `from __future__ import annotations`): see
# tripkit.core.models.

from datetime import date

from pydantic import Field, model_validator

from tripkit.core.curated import DataSource, LocalText
from tripkit.core.curated_guide import GuideNote
from tripkit.core.models import Model, Slug


class Station(Model):
    name: str = Field(min_length=1)
    lines: LocalText
    where: LocalText  # where it is relative to the venue


class VenueBuilding(Model):
    """A building of the venue and the room names that are in it (tripkit.core.walking)."""

    id: Slug
    name: str = Field(min_length=1)
    rooms: list[str] = Field(min_length=1)  # room-name prefixes, case and accents ignored
    sources: list[DataSource] = Field(min_length=1)  # what says these rooms are in it


class VenueWalk(Model):
    """Walking minutes between two buildings. Without a source that gives the figure, it
    is tripkit's estimate and says so (`estimate: true`, shown to the user as such)."""

    between: list[Slug] = Field(min_length=2, max_length=2)
    minutes: int = Field(ge=1, le=60)
    estimate: bool = False
    sources: list[DataSource] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sourced(self) -> "VenueWalk":
        if not self.estimate and not self.sources:
            raise ValueError("a walk without a source must say `estimate: true`")
        return self


class VenueGuide(Model):
    id: Slug
    city: Slug  # a CityGuide id
    name: LocalText
    address: str = ""
    stations: list[Station] = Field(default_factory=list)
    notes: list[GuideNote] = Field(default_factory=list)
    sources: list[DataSource] = Field(min_length=1)  # for the address and stations
    reviewed: date
    buildings: list[VenueBuilding] = Field(default_factory=list)
    walks: list[VenueWalk] = Field(default_factory=list)

    @model_validator(mode="after")
    def _walks_known(self) -> "VenueGuide":
        ids = {b.id for b in self.buildings}
        for w in self.walks:
            unknown = [x for x in w.between if x not in ids]
            if unknown:
                raise ValueError(f"walk between unknown building(s) {unknown}")
        return self
