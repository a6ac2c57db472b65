"""Showing times to people: always with the zone, in the viewer's language.

One place for every rendered time, so that no view forgets the zone label.
"""

from __future__ import annotations

from datetime import date, datetime

from tripkit.core.zoned import get_zone

_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone_label(dt: datetime) -> str:
    """The zone's abbreviation at that instant (JST, PDT); falls back to the UTC offset."""
    name = dt.tzname() or ""
    if name and name[0] not in "+-":
        return name
    return utc_offset(dt)


def utc_offset(dt: datetime) -> str:
    """The UTC offset at that instant as people write it: "UTC+1", "UTC-3", "UTC+05:30"."""
    off = dt.utcoffset()
    if off is None:
        return "?"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return (
        f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        if minutes % 60
        else (f"UTC{sign}{minutes // 60}")
    )


def fmt_date(d: date, lang: str = "en", *, year: bool = True) -> str:
    wd = _WEEKDAYS.get(lang, _WEEKDAYS["en"])[d.weekday()]
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日({wd})" if year else f"{d.month}月{d.day}日({wd})"
    text = f"{wd} {d.day} {_MONTHS_EN[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def fmt_time(dt: datetime, tz: str | None = None) -> str:
    """HH:MM and the zone label, e.g. '17:05 JST'."""
    local = dt.astimezone(get_zone(tz)) if tz else dt
    return f"{local:%H:%M} {zone_label(local)}"


def fmt_dt(dt: datetime, tz: str | None = None, lang: str = "en", *, year: bool = True) -> str:
    """Date, time and zone, e.g. 'Thu 10 Dec 2026 17:05 JST'."""
    local = dt.astimezone(get_zone(tz)) if tz else dt
    return f"{fmt_date(local.date(), lang, year=year)} {local:%H:%M} {zone_label(local)}"


def fmt_dual(dt: datetime, where_tz: str, home_tz: str, lang: str = "en") -> str:
    """The time where the traveller is, with the home time beside it when it reads differently
    (Berlin and Brussels are two zones but the same clock: "00:00 CET (00:00 CET)" says nothing)."""
    here = fmt_dt(dt, where_tz, lang)
    home = fmt_dt(dt, home_tz, lang)
    return here if home == here else f"{here} ({home})"


def fmt_span(start: datetime, end: datetime, tz: str | None = None) -> str:
    """A time range with its zone: '12:00–18:00 PST', or each end labelled when they differ
    (a range across a DST change: '01:30 PDT–01:15 PST')."""
    a = start.astimezone(get_zone(tz)) if tz else start
    b = end.astimezone(get_zone(tz)) if tz else end
    if zone_label(a) == zone_label(b):
        return f"{a:%H:%M}–{b:%H:%M} {zone_label(b)}"
    return f"{fmt_time(a)}–{fmt_time(b)}"
