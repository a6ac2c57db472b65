"""The shapes of the guide's curated notes: cities, venues, notes shown everywhere and the
user's overlays (data/cities, data/venues, data/common, user overlays; pure data models, no
I/O: tripkit.catalog reads the files).

Apart from tripkit.core.curated, which holds what the checklist engine reads (entry facts,
border areas, registration services): a checklist makes these classes only to name a city
(the venue's in Japanese, the airports' of its borders: tripkit.catalog.city_names).
"""

# Annotations are evaluated as written (no `from __future__ import annotations`): see
# tripkit.core.models.

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from tripkit.core.curated import DataSource, LocalText, Sourced
from tripkit.core.models import Country, Model, Slug
from tripkit.core.zoned import TimeZoneName

GuideTopic = Literal["safety", "transport", "apps", "emergency", "venue", "conference", "arrival"]
GUIDE_TOPICS: tuple[str, ...] = (
    "entry",
    "arrival",
    "transport",
    "safety",
    "apps",
    "emergency",
    "venue",
    "conference",
)  # display order; "entry" is built from the country entries, not from notes


class GuideNote(Sourced):
    """One piece of advice about a place, with where it comes from and when it was checked.

    `kind: advice` marks general practice written by tripkit's editors (no claim about the
    place); its source says so. Transport options fill `time`, `cost`, `pay` and `board`.
    """

    id: Slug  # unique across all bundled data; an overlay note with the same id replaces it
    topic: GuideTopic
    title: LocalText
    text: LocalText
    kind: Literal["fact", "advice"] = "fact"
    when: LocalText | None = None  # e.g. "at night", "on event days"
    time: LocalText | None = None  # rough travel time
    cost: LocalText | None = None
    pay: LocalText | None = None  # how to pay
    board: LocalText | None = None  # where to board
    for_citizens: list[Country] = Field(default_factory=list)  # empty: every traveller


class Consulate(Sourced):
    """A home country's consulate or embassy serving the city (keyed by the home country)."""

    home: Country  # whose citizens it serves, e.g. JP
    name: LocalText
    address: str = ""  # empty: not known from a source; `note` says where to check
    phone: str = ""
    hours: LocalText | None = None
    jurisdiction: LocalText | None = None
    note: LocalText | None = None


class CityGuide(Model):
    id: Slug
    name: LocalText
    country: Country
    tz: TimeZoneName
    airports: list[str] = Field(default_factory=list)  # IATA codes the transport notes cover
    notes: list[GuideNote] = Field(default_factory=list)
    consulates: list[Consulate] = Field(default_factory=list)


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


class GuideOverlay(Model):
    """A user's (or team's) file of extra notes: `city` or `venue` says where new notes go.

    A note whose id matches a bundled note replaces it wherever it is.
    """

    city: Slug | None = None
    venue: Slug | None = None
    notes: list[GuideNote] = Field(min_length=1)


class CommonNotes(Model):
    """Notes shown for every destination (data/common/*.yaml), filtered by `for_citizens`."""

    notes: list[GuideNote] = Field(min_length=1)
