"""The logic shared by the trip's models (tripkit.core.models) and the read-only records of
tripkit.core.tripview: a trip's zones, a ground leg's start and end, a flight's duration,
written once.

Why a module of its own: the models inherit these mixins, and importing the records' module
for them built its eight frozen dataclasses in every process that loads the models (~5 ms
of a cold `tripkit checklist --json`, issue 13), which never uses a record.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from tripkit.core.zoned import utc

# --- logic shared by the models and the records ------------------------------------------


if TYPE_CHECKING:  # the shapes the mixins read (for mypy; no classes built at run time)

    class _Timed(Protocol):
        @property
        def departs(self) -> datetime | None: ...
        @property
        def arrives(self) -> datetime | None: ...

    class _Flown(Protocol):
        @property
        def departs(self) -> datetime: ...
        @property
        def arrives(self) -> datetime: ...

    class _Moded(Protocol):
        @property
        def mode(self) -> str: ...

    class _VenueLike(Protocol):
        @property
        def tz(self) -> str: ...
        @property
        def country(self) -> str: ...

    class _ConferenceLike(Protocol):
        @property
        def venue(self) -> _VenueLike: ...

    class _TravellerLike(Protocol):
        @property
        def home_tz(self) -> str: ...

    class _TripLike(Protocol):
        @property
        def conference(self) -> _ConferenceLike: ...
        @property
        def traveller(self) -> _TravellerLike: ...


class FlightLogic:
    """A flight segment's derived values (tripkit.core.models.FlightSegment and the record)."""

    __slots__ = ()

    @property
    def duration(self: _Flown) -> timedelta:
        return utc(self.arrives) - utc(self.departs)


class GroundLogic:
    """A ground leg's derived values (tripkit.core.models.GroundLeg and the record)."""

    __slots__ = ()

    @property
    def by(self: _Moded) -> Literal["land", "sea"]:
        """How its border (if any) is crossed: what entry rules distinguish."""
        return "sea" if self.mode == "ferry" else "land"

    @property
    def start(self: _Timed) -> datetime | None:
        return self.departs or self.arrives

    @property
    def end(self: _Timed) -> datetime | None:
        return self.arrives or self.departs


class TripLogic:
    """A trip's derived values (tripkit.core.models.Trip and the record)."""

    __slots__ = ()

    @property
    def destination_country(self: _TripLike) -> str:
        return self.conference.venue.country

    @property
    def venue_tz(self: _TripLike) -> str:
        return self.conference.venue.tz

    @property
    def home_tz(self: _TripLike) -> str:
        return self.traveller.home_tz
