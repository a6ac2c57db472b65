"""Dues that are a day, not an hour.

A badge pickup without a time falls back to the conference's first day (tripkit.core.anchors):
its due instant is that day's midnight at the venue, an hour no one chose. Shown as
"Fri 14 May 2027 00:00 PDT" it sends the traveller to a closed registration desk at
midnight; the views say the day instead ("Fri 14 May 2027, all day"), and the calendar
gives it as an all-day (VALUE=DATE) entry. Pure: the item and the trip come in."""

from __future__ import annotations

from datetime import date

from tripkit.core.models import ChecklistItem, Trip
from tripkit.core.timefmt import fmt_date
from tripkit.core.wiring import tr
from tripkit.core.zoned import at_midnight


def date_only_due(item: ChecklistItem, trip: Trip) -> date | None:
    """The day of an item whose due comes from the conference's first day alone (a badge
    pickup without a time), else None. A traveller's own item keeps the time they typed."""
    if item.due is None or item.custom or trip.conference.badge_pickup:
        return None
    first = trip.conference.first_day
    if item.due != at_midnight(first, trip.venue_tz):
        return None
    return first


def due_day_text(day: date, lang: str) -> str:
    """The due of a date-only item: the day, with no invented hour."""
    return tr("{day}, all day", lang, day=fmt_date(day, lang))
