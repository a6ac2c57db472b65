"""opening_day: today, else the conference's first day, else the programme's first day."""

from __future__ import annotations

from datetime import date

from tripkit.core.opening_day import opening_day

D = [date(2027, 1, 11), date(2027, 1, 12), date(2027, 1, 13)]


def test_today_wins_when_the_programme_has_it() -> None:
    assert opening_day(D, date(2027, 1, 13), date(2027, 1, 12)) == date(2027, 1, 13)


def test_else_the_conference_first_day() -> None:
    assert opening_day(D, date(2026, 11, 27), date(2027, 1, 12)) == date(2027, 1, 12)


def test_else_the_programme_first_day() -> None:
    assert opening_day(D, date(2026, 11, 27), date(2028, 1, 12)) == date(2027, 1, 11)
    assert opening_day(list(reversed(D)), date(2026, 11, 27), date(2028, 1, 12)) == D[0]


def test_no_days() -> None:
    assert opening_day([], date(2027, 1, 12), date(2027, 1, 12)) is None
