"""The logic shared by the trip's models (tripkit.core.models) and the read-only records of
tripkit.core.tripview: a trip's zones, a ground leg's start and end, a flight's duration,
written once.

Why a module of its own: the models inherit these mixins, and importing the records' module
for them built its eight frozen dataclasses in every process that loads the models (~5 ms
of a cold `tripkit checklist --json`, issue 13), which never uses a record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol

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

    class _Dated(Protocol):
        @property
        def on(self) -> date: ...
        @property
        def until(self) -> date | None: ...

    class _PassportLike(Protocol):
        @property
        def country(self) -> str | None: ...
        @property
        def expires(self) -> date: ...
        @property
        def issued(self) -> date | None: ...
        @property
        def e_passport(self) -> bool: ...
        def model_copy(self, *, update: dict[str, Any]) -> Any: ...

    class _TravellerFields(Protocol):
        @property
        def citizenships(self) -> list[str]: ...
        @property
        def passport(self) -> _PassportLike: ...
        @property
        def passports(self) -> Sequence[_PassportLike]: ...


class VisitLogic:
    """A past stay's derived values (tripkit.core.models.Visit and its lean twin)."""

    __slots__ = ()

    @property
    def last_day(self: _Dated) -> date:
        return self.until or self.on


class TravellerLogic:
    """A traveller's passports (tripkit.core.models.Traveller and its lean twin,
    tripkit.core.lean): the model's validators call the two `_lean_*` steps, and a lean
    traveller read from JSON runs them too."""

    __slots__ = ()

    def passport_for(self: _TravellerFields, country: str) -> Any:
        return next((p for p in self.passports if p.country == country), None)

    @classmethod
    def _lean_before(cls, data: object) -> object:
        """`passport` defaults to the first of `passports`."""
        if isinstance(data, dict) and data.get("passports") and not data.get("passport"):
            return {**data, "passport": data["passports"][0]}
        return data

    def _lean_after(self: _TravellerFields) -> None:
        """One passport per citizenship, each with its country (the first citizenship's when
        left out); `passport` is the one of `passports` it names."""
        first = self.citizenships[0]
        own = [
            p if p.country else p.model_copy(update={"country": first})
            for p in (self.passports or [self.passport])
        ]
        seen: set[str] = set()
        for n, p in enumerate(own):
            assert p.country is not None
            if p.country not in self.citizenships:
                raise ValueError(
                    f"passports[{n}] is issued by {p.country}, which is not one of the "
                    f"traveller's citizenships ({', '.join(self.citizenships)}); add it to "
                    "citizenships or correct the passport's country"
                )
            if p.country in seen:
                raise ValueError(f"two passports of {p.country}: list one per citizenship")
            seen.add(p.country)
        derived = len(self.passports) == 1 and _same_passport(self.passports[0], self.passport)
        if self.passports and not derived:
            wanted = self.passport.country or first
            # Set without re-validating (validate_assignment would run this validator again).
            self.__dict__["passport"] = next((p for p in own if p.country == wanted), own[0])
        self.__dict__["passports"] = own


def _same_passport(a: _PassportLike, b: _PassportLike) -> bool:
    return (a.expires, a.issued, a.e_passport) == (b.expires, b.issued, b.e_passport) and (
        a.country == b.country or None in (a.country, b.country)
    )


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
