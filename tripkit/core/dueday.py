"""Dues that are a day, not an hour.

A badge pickup without a time falls back to the conference's first day (tripkit.core.anchors):
its due instant is that day's midnight at the venue, an hour no one chose. Shown as
"Fri 14 May 2027 00:00 PDT" it sends the traveller to a closed registration desk at
midnight; the views say the day instead ("Fri 14 May 2027, all day"), and the calendar
gives it as an all-day (VALUE=DATE) entry. Pure: the item and the trip come in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from tripkit.core.timefmt import fmt_date
from tripkit.core.wiring import tr
from tripkit.core.zoned import at_midnight


# What is read of an item and a trip: the models (CLI, exports) and the TUI's lean records
# (`services.checklist_cache.ItemView`, `core.tripview.TripView`) both have it, so the TUI
# says "all day" too without loading the models.
class _Due(Protocol):
    @property
    def due(self) -> datetime | None: ...
    @property
    def custom(self) -> bool: ...


class _Conference(Protocol):
    @property
    def first_day(self) -> date: ...
    @property
    def badge_pickup(self) -> Sequence[object]: ...


class _Trip(Protocol):
    @property
    def conference(self) -> _Conference: ...
    @property
    def venue_tz(self) -> str: ...


def date_only_due(item: _Due, trip: _Trip) -> date | None:
    """The day of an item whose due comes from the conference's first day alone (a badge
    pickup without a time), else None. A traveller's own item keeps the time they typed."""
    if item.due is None or item.custom or trip.conference.badge_pickup:
        return None
    first = trip.conference.first_day
    if item.due != at_midnight(first, trip.venue_tz):
        return None
    return first


def due_day_text(day: date, lang: str, *, year: bool = True) -> str:
    """The due of a date-only item: the day, with no invented hour (without its year in the
    TUI's lists, as their other dues)."""
    return tr("{day}, all day", lang, day=fmt_date(day, lang, year=year))
