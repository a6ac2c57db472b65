"""Which day a day-by-day view of a programme opens on: the day that matters to the traveller.

Pure: the caller passes the programme's days, "today" and the conference's first day, each a
date in the zone the days are days in (the venue's), so that at 19:00 in San Francisco "today"
is not already tomorrow's date in UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def opening_day(days: Sequence[date], today: date, first_conference_day: date) -> date | None:
    """Today when it is a day of the programme; else the conference's first day when the
    programme has it (a fringe programme's workshops the day before do not come first);
    else the programme's first day. None when there are no days."""
    if not days:
        return None
    if today in days:
        return today
    if first_conference_day in days:
        return first_conference_day
    return min(days)
