"""The shapes of the guide's curated notes: a note, a city with its notes and consulates, the
notes shown everywhere and the user's overlays (data/cities, data/common, user overlays; pure
data models, no I/O: tripkit.catalog reads the files). A venue's guide (data/venues) is in
tripkit.core.curated_venue.

Apart from tripkit.core.curated, which holds what the checklist engine reads (entry facts,
border areas, registration services): a checklist makes these classes only to name a city
(the venue's in Japanese, the airports' of its borders: tripkit.catalog.city_names).
"""

# Annotations are evaluated as written (no `from __future__ import annotations`): see
# tripkit.core.models.

from typing import Literal

from pydantic import Field

from tripkit.core.curated import LocalText, Sourced
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
