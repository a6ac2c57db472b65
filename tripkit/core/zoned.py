"""Aware datetimes tied to an IANA zone: the one time type every model uses.

A trip's times are wall-clock times somewhere (a flight leaves Narita at 17:00 Tokyo time),
so each is stored with its IANA zone, never as a bare offset. The text form is RFC 9557:
``2026-12-10T17:00:00+09:00[Asia/Tokyo]``. People may also write ``2026-12-10 17:00 Asia/Tokyo``
or leave the offset out; a wall time that does not exist (spring-forward gap) or that happens
twice (fall-back) without an offset to say which is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A ValueError's message is a keyed Msg (English as str), so the CLI and TUI can say it in
# Japanese too (tripkit.errors.reason).
from tripkit.errors import Msg

# An offset may have seconds: before standard time, zones ran on local mean time
# (America/Los_Angeles was -07:52:58 until 1883), and Python writes such an offset in full.
_ZONED = re.compile(
    r"""^\s*(?P<wall>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)
        (?P<offset>Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?
        \s*(?:\[(?P<bzone>[^\]]+)\]|\s(?P<szone>[A-Za-z][A-Za-z0-9_+\-/]*))?\s*$""",
    re.VERBOSE,
)


def get_zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or ValueError with a message a person understands."""
    if not isinstance(name, str) or not name or name != name.strip():
        raise ValueError(Msg("{name!r} is not an IANA time zone name (e.g. Asia/Tokyo)", name=name))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # Keyed (a Msg is the same English str): the CLI and TUI say it in the user's language.
        raise ValueError(
            Msg("{name!r} is not a known IANA time zone (e.g. America/Los_Angeles)", name=name)
        ) from None


def check_zone_name(name: str) -> str:
    get_zone(name)
    return name


def zone_of(dt: datetime) -> ZoneInfo:
    """The IANA zone of an aware datetime made by this module."""
    tz = dt.tzinfo
    if not isinstance(tz, ZoneInfo):
        raise ValueError(f"{dt.isoformat()} carries no IANA zone")
    return tz


def localize(wall: datetime, zone: tzinfo, *, offset: timedelta | None = None) -> datetime:
    """Attach `zone` to a naive wall time, refusing times that do not exist or are ambiguous.

    With `offset`, an ambiguous time is resolved by it and a mismatching offset is an error.
    """
    if wall.tzinfo is not None:
        raise ValueError("localize() takes a wall-clock time without a zone")
    candidates = []
    name = getattr(zone, "key", str(zone))
    for fold in (0, 1):
        aware = wall.replace(tzinfo=zone, fold=fold)
        # A wall time exists if it survives a round trip through UTC unchanged.
        try:
            back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        except OverflowError:
            raise _out_of_range(wall, name) from None
        if back == wall:
            candidates.append(aware)
    if not candidates:
        raise ValueError(
            Msg(
                "{time} does not exist in {zone} (clocks skip it)",
                time=f"{wall:%Y-%m-%d %H:%M}",
                zone=name,
            )
        )
    if offset is not None:
        for c in candidates:
            if c.utcoffset() == offset:
                return c
        raise ValueError(
            f"{wall:%Y-%m-%d %H:%M} in {name} is at UTC{_fmt_offset(candidates[0].utcoffset())},"
            f" not UTC{_fmt_offset(offset)}"
        )
    offsets = {c.utcoffset() for c in candidates}
    if len(offsets) > 1:
        raise ValueError(
            Msg(
                "{time} happens twice in {zone} (clocks go back); add the UTC offset to say which",
                time=f"{wall:%Y-%m-%d %H:%M}",
                zone=name,
            )
        )
    return candidates[0]


def _out_of_range(wall: datetime, zone: str) -> ValueError:
    when = wall.isoformat(sep=" ", timespec="minutes")
    return ValueError(
        f"{when} in {zone} is outside the years 1 to 9999 in UTC, which tripkit can store"
    )


def _fmt_offset(off: timedelta | None) -> str:
    if off is None:
        return "?"
    total = int(off.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    text = f"{sign}{total // 3600:02d}:{total // 60 % 60:02d}"
    return text + f":{total % 60:02d}" if total % 60 else text


def _parse_offset(text: str) -> timedelta:
    if text == "Z":
        return timedelta(0)
    sign = -1 if text[0] == "-" else 1
    body, _, fraction = text[1:].partition(".")
    digits = body.replace(":", "")
    return sign * timedelta(
        hours=int(digits[:2]),
        minutes=int(digits[2:4] or 0),
        seconds=int(digits[4:6] or 0),
        microseconds=int(fraction.ljust(6, "0")) if fraction else 0,
    )


def parse_zoned(value: Any, *, default_zone: str | None = None) -> datetime:
    """Parse a zoned time from text, a datetime, or a {at, tz} mapping. Raises ValueError."""
    if isinstance(value, dict):
        at, tz = value.get("at"), value.get("tz")
        if at is None or tz is None:
            raise ValueError("a zoned time mapping needs 'at' and 'tz'")
        return parse_zoned(at, default_zone=str(tz))
    if isinstance(value, datetime):
        if isinstance(value.tzinfo, ZoneInfo):
            # Normalise through UTC: wall-clock arithmetic (dt - timedelta(days=1)) can land in
            # a DST gap, and such a value would print as a time that parse_zoned refuses.
            # The instant Python gives it is kept; the wall time shown is the real one.
            try:
                return value.astimezone(UTC).astimezone(value.tzinfo)
            except OverflowError:
                raise _out_of_range(value.replace(tzinfo=None), value.tzinfo.key) from None
        if value.tzinfo is None:
            if default_zone is None:
                raise ValueError(
                    f"{value.isoformat()} has no time zone; add one, e.g. [Asia/Tokyo]"
                )
            return localize(value, get_zone(default_zone))
        if default_zone is not None:
            zone = get_zone(default_zone)
            return localize(value.replace(tzinfo=None), zone, offset=value.utcoffset())
        raise ValueError(
            f"{value.isoformat()} has only a UTC offset; name the IANA zone, "
            f"e.g. {value.replace(tzinfo=None).isoformat()}[Asia/Tokyo]"
        )
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time with a zone, got {type(value).__name__}")
    m = _ZONED.match(value)
    if not m:
        raise ValueError(
            Msg("{value!r} is not a date and time like 2026-12-10T17:00[Asia/Tokyo]", value=value)
        )
    date_part, _, time_part = m["wall"].replace("T", " ").partition(" ")
    if time_part.index(":") == 1:  # people write 9:05; ISO wants 09:05
        time_part = "0" + time_part
    try:
        wall = datetime.fromisoformat(f"{date_part}T{time_part}")
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date and time ({exc})") from None
    zone_name = m["bzone"] or m["szone"] or default_zone
    offset = _parse_offset(m["offset"]) if m["offset"] else None
    if zone_name is None:
        raise ValueError(
            Msg(
                "{value!r} has no IANA zone; add one, e.g. {wall}[Asia/Tokyo]",
                value=value,
                wall=m["wall"],
            )
        )
    return localize(wall, get_zone(zone_name), offset=offset)


def format_zoned(dt: datetime) -> str:
    """RFC 9557 text: local time, offset and zone, e.g. 2026-12-10T17:00:00+09:00[Asia/Tokyo]."""
    return f"{dt.isoformat()}[{zone_of(dt).key}]"


def _validate(value: Any) -> datetime:
    return parse_zoned(value)


def _check(value: datetime) -> datetime:
    zone_of(value)
    return value


# The pydantic annotations are built on first use (PEP 562), not at import: the CLI's fast
# paths (schedule list, search) use this module's functions and must not pay for pydantic.
if TYPE_CHECKING:
    from typing import Annotated

    from pydantic import AfterValidator, BeforeValidator, PlainSerializer

    ZonedDateTime = Annotated[
        datetime,
        BeforeValidator(_validate),
        AfterValidator(_check),
        PlainSerializer(format_zoned, return_type=str, when_used="json"),
    ]
    TimeZoneName = Annotated[str, AfterValidator(check_zone_name)]
else:

    def __getattr__(name: str) -> Any:
        if name not in ("ZonedDateTime", "TimeZoneName"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from typing import Annotated

        from pydantic import AfterValidator, BeforeValidator, PlainSerializer

        # A datetime that always carries an IANA ZoneInfo; JSON: RFC 9557 text.
        globals()["ZonedDateTime"] = Annotated[
            datetime,
            BeforeValidator(_validate),
            AfterValidator(_check),
            PlainSerializer(format_zoned, return_type=str, when_used="json"),
        ]
        # An IANA zone name, checked against the zone database.
        globals()["TimeZoneName"] = Annotated[str, AfterValidator(check_zone_name)]
        return globals()[name]


def now_utc() -> datetime:
    return datetime.now(UTC)


def utc(dt: datetime) -> datetime:
    """The same instant in UTC: compare and subtract times through this.

    Python compares and subtracts two datetimes that share a tzinfo by their wall clocks,
    ignoring DST: 01:30 PST (after the clocks go back) minus 01:30 PDT is 0, not 1 hour.
    """
    return dt.astimezone(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(dt: datetime) -> int:
    """The instant as whole microseconds since 1970-01-01 UTC (how the store keeps times)."""
    return (dt - _EPOCH) // timedelta(microseconds=1)


def from_micros(us: int, zone: str) -> datetime:
    """The instant `micros` gave, shown in `zone` (the wall time is the real one there)."""
    return (_EPOCH + timedelta(microseconds=us)).astimezone(get_zone(zone))


def at_midnight(day: date, zone: str) -> datetime:
    """The first instant of `day` in `zone` (midnight may not exist on a DST day; then the next)."""
    tz = get_zone(zone)
    wall = datetime(day.year, day.month, day.day)  # noqa: DTZ001 - localized on the next line
    for minutes in range(0, 180, 30):
        try:
            return localize(wall + timedelta(minutes=minutes), tz)
        except ValueError:
            continue
    raise ValueError(f"no midnight found on {day} in {zone}")
