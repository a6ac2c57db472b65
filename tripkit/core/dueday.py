"""Dues that are a day, not an hour.

Some deadlines hang on a day rather than an instant (tripkit.core.anchors `Anchors.days`):
the booking date ("the day after booking": Japan's Tabireg), the conference's first day
("45 days before the conference"), a badge pickup without a time, and every anchor that fell
back to the conference's days (a trip without flights). Their midnights are an hour no one
chose: shown as "Fri 14 May 2027 00:00 PDT" a badge pickup sends the traveller to a closed
desk at midnight, and it turned "overdue" at the first minute of the day it is due.

Such an item carries its day (`ChecklistItem.due_day`); its `due` is the end of that day in
the zone the traveller is in then, the instant it turns overdue. The views say the day
("Fri 14 May 2027, all day"), the calendar gives an all-day (VALUE=DATE) entry, and
`checklist --json` gives `due_day` beside `due`. Pure: the anchors and the trip come in."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from tripkit.core.timefmt import fmt_date
from tripkit.core.wiring import tr
from tripkit.core.zoned import at_midnight, zone_of

if TYPE_CHECKING:
    from tripkit.core.anchors import Anchors
    from tripkit.core.models import Trip

_DAY = timedelta(days=1)


# What is read of an item: the models (CLI, exports) and the TUI's lean records
# (`services.checklist_cache.ItemView`) both have it.
class _Due(Protocol):
    @property
    def due_day(self) -> date | None: ...


def date_only_due(item: _Due) -> date | None:
    """The day an item is due on when its deadline is a day, not an hour; else None."""
    return item.due_day


def day_due(
    anchor: str, offset: timedelta, trip: Trip, anchors: Anchors
) -> tuple[date, datetime] | None:
    """(the day, the instant it ends) of a deadline `offset` from `anchor` when the anchor is
    a day and the offset whole days ("45 days before the conference starts": that day); None
    for an hour. An offset in hours on a day ("6 h before the conference ends": 18:00 on
    its last day) is an hour a rule chose, and stays one.

    The day ends in the zone the traveller is in at its end (home 45 days before, the
    venue's on a conference day): that is when the item turns overdue."""
    found = anchors.days.get(anchor)
    at = anchors.get(anchor)
    if found is None or at is None or offset % _DAY:
        return None
    day = found + timedelta(days=offset // _DAY)
    from tripkit.core.anchors import where_is  # here: the views' day text needs no anchors

    here = zone_of(at).key
    there = where_is(trip, at_midnight(day + _DAY, here), anchors)
    return day, at_midnight(day + _DAY, there)


def due_day_text(day: date, lang: str, *, year: bool = True) -> str:
    """The due of a date-only item: the day, with no invented hour (without its year in the
    TUI's lists, as their other dues)."""
    return tr("{day}, all day", lang, day=fmt_date(day, lang, year=year))
