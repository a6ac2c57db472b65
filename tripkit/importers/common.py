"""What every schedule parser shares: zone resolution, session building, identity checks.

Time-zone policy (one place, used by every format)
--------------------------------------------------
A time in a file is one of:

* **explicit**: it carries a UTC offset or ``Z`` (frab ``<date>``, Sessionize ``...Z``, ICS
  ``...Z``). The instant is never changed. It is shown in the *event zone* (below); with no
  event zone at all, a ``Z`` time stays in UTC and another offset uses the fixed IANA zone
  ``Etc/GMT±N`` (whole hours only; otherwise the user must give ``--tz``).
* **named**: it carries its own zone name (ICS ``TZID=``). Non-IANA names are mapped
  (Windows names via the CLDR table, a few aliases); the named zone is kept.
* **floating**: a wall-clock time and nothing else (Pentabarf ``start``, Sessionize without
  ``Z``, ICS floating, CSV). It is read in the event zone.

The *event zone* is, in order: ``--tz`` (``tz``), the zone the file declares
(frab ``time_zone_name``, ``X-WR-TIMEZONE``, a CSV ``tz`` column), the trip's venue zone
(``venue_tz``, with a warning). So ``--tz`` replaces the file's zone for floating times (and
for display), but never moves an explicit instant. A file whose times need a zone and that
has none, with neither ``tz`` nor ``venue_tz``, is refused: the user must say ``--tz ZONE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from tripkit.core.models import Session, Speaker
from tripkit.core.zoned import get_zone
from tripkit.errors import ImportError_, Msg, TripkitError, reason
from tripkit.importers.text import clean_line

UTC_ZONE = ZoneInfo("UTC")
M = TypeVar("M", bound=BaseModel)
K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict of what a programme repeats (its slots, rooms, tracks), worked out once per
    import. It forgets everything when it grows past `limit` entries, so that it stays small
    whatever the file (streaming keeps memory per session, not per file). Used only while
    `text.FAST_PATHS` is on; a result that added a warning is not remembered, so that every
    place still says it."""

    limit = 2000

    def put(self, key: K, value: V) -> None:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value


# Names that real feeds use for zones but that are not IANA keys (beyond Windows names).
_ALIASES = {
    "utc": "UTC",
    "z": "UTC",
    "gmt": "UTC",
    "zulu": "UTC",
    "universal": "UTC",
}


@cache
def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone for a name found in a file: IANA, Windows or a known alias; else None."""
    if not isinstance(name, str):
        return None
    cleaned = name.strip().strip("/").strip('"')
    if not cleaned or len(cleaned) > 80:
        return None
    try:
        return get_zone(cleaned)
    except ValueError:
        pass
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    for candidate in (
        WINDOWS_TO_OLSON.get(cleaned),
        _ALIASES.get(cleaned.lower()),
        # "/mozilla.org/20050126_1/Europe/Berlin" style globally unique TZIDs
        "/".join(cleaned.split("/")[-2:]) if cleaned.count("/") >= 2 else None,
    ):
        if candidate:
            try:
                return get_zone(candidate)
            except ValueError:
                continue
    return None


@cache
def _fixed_zone(offset: timedelta) -> ZoneInfo | None:
    """A fixed-offset IANA zone (Etc/GMT-1 is UTC+1: the sign is inverted by POSIX rule)."""
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return UTC_ZONE
    if seconds % 3600:
        return None
    hours = seconds // 3600
    try:
        return ZoneInfo(f"Etc/GMT{-hours:+d}")
    except Exception:  # noqa: BLE001 - out-of-range offsets simply have no Etc zone
        return None


@dataclass
class Zones:
    """The zone context of one import (see the module docstring for the policy)."""

    source: str
    warnings: list[str]
    file_zone: ZoneInfo | None = None
    tz: ZoneInfo | None = None
    venue_tz: ZoneInfo | None = None
    _venue_used: bool = False
    _mismatch_noted: bool = False
    _fold_noted: set[str] = field(default_factory=set)

    @classmethod
    def create(
        cls, source: str, warnings: list[str], tz: str | None, venue_tz: str | None
    ) -> Zones:
        def named(value: str | None, what: str) -> ZoneInfo | None:
            if value is None:
                return None
            try:
                return get_zone(value)
            except ValueError as e:
                raise ImportError_(
                    "{name}: {detail}", where=source, name=what, detail=reason(e)
                ) from None

        return cls(
            source, warnings, tz=named(tz, "--tz"), venue_tz=named(venue_tz, Msg("venue zone"))
        )

    def declare(self, name: object, where: str) -> None:
        """Record the zone the file declares (frab time_zone_name, X-WR-TIMEZONE...)."""
        if name is None or (isinstance(name, str) and not name.strip()):
            return
        zone = zone_named(str(name))
        if zone is None:
            self.warnings.append(
                Msg(
                    "{where}: the file names the time zone {name}, which is not a known IANA "
                    "zone; it was ignored",
                    where=where,
                    name=repr(clean_line(name)),
                )
            )
            return
        self.file_zone = zone
        if self.tz is not None and self.tz.key != zone.key:
            self.warnings.append(
                Msg(
                    "the file declares the time zone {zone}; --tz {tz} replaces it for times "
                    "without an offset (times with an offset keep their instant)",
                    zone=zone.key,
                    tz=self.tz.key,
                )
            )

    @property
    def has_event_zone(self) -> bool:
        return (self.tz or self.file_zone or self.venue_tz) is not None

    def event_zone(self, where: str) -> ZoneInfo:
        """The zone floating times are read in; refuses when there is none."""
        zone = self.tz or self.file_zone
        if zone is not None:
            return zone
        if self.venue_tz is not None:
            if not self._venue_used:
                self._venue_used = True
                self.warnings.append(
                    Msg(
                        "the file gives no time zone; its local times were read in the venue's "
                        "zone {zone} (use --tz ZONE if that is wrong)",
                        zone=self.venue_tz.key,
                    )
                )
            return self.venue_tz
        raise ImportError_(
            "the times in this file carry no time zone and the file declares none; "
            "say which zone they are in with --tz ZONE (e.g. --tz Europe/Brussels)",
            where=where,
        )

    def display_zone(self) -> ZoneInfo | None:
        return self.tz or self.file_zone or self.venue_tz

    def floating(self, wall: datetime, where: str) -> datetime:
        return self.in_zone(wall, self.event_zone(where), where)

    def in_zone(self, wall: datetime, zone: ZoneInfo, where: str) -> datetime:
        """A wall time in `zone`. Times in a DST gap or fold are kept, with a warning."""
        aware = wall.replace(tzinfo=zone, fold=0)
        later = wall.replace(tzinfo=zone, fold=1)
        off0, off1 = aware.utcoffset(), later.utcoffset()
        if off0 != off1:
            # fold=0 and fold=1 differ: the time is ambiguous (clocks go back) or missing
            # (clocks skip it). Round-tripping tells which.
            back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
            if back == wall:
                self._note(
                    Msg(
                        "{where}: {time} happens twice in {zone} (clocks go back); the first "
                        "occurrence was used",
                        where=where,
                        time=f"{wall:%Y-%m-%d %H:%M}",
                        zone=zone.key,
                    )
                )
                return aware
            self._note(
                Msg(
                    "{where}: {time} does not exist in {zone} (clocks skip it); it was moved "
                    "past the gap",
                    where=where,
                    time=f"{wall:%Y-%m-%d %H:%M}",
                    zone=zone.key,
                )
            )
            return aware.astimezone(UTC).astimezone(zone)
        return aware

    def _note(self, note: Msg) -> None:
        where = str(note.values["where"])
        if where not in self._fold_noted:
            self._fold_noted.add(where)
            self.warnings.append(note)

    def explicit(self, dt: datetime, where: str) -> datetime:
        """An instant with an offset, expressed in the event zone (instant unchanged)."""
        offset = dt.utcoffset()
        if offset is None:  # pragma: no cover - callers pass aware datetimes
            return self.floating(dt, where)
        zone = self.display_zone()
        if zone is None:
            zone = _fixed_zone(offset)
            if zone is None:
                raise ImportError_(
                    "the file gives the offset {offset} but no zone name; say which zone with "
                    "--tz ZONE",
                    where=where,
                    offset=f"{dt:%z}",
                )
        result = dt.astimezone(zone)
        if (
            self.file_zone is not None
            and not self._mismatch_noted
            and self.tz is None
            and offset != result.utcoffset()
        ):
            self._mismatch_noted = True
            self.warnings.append(
                Msg(
                    "{where}: the file declares the zone {zone} but this time has the offset "
                    "{offset}; offsets were trusted for the instant (check --tz)",
                    where=where,
                    zone=self.file_zone.key,
                    offset=f"{dt:%z}",
                )
            )
        return result


_HH_MM = re.compile(r"(\d{1,2}):([0-5]\d)\Z")
_DURATIONS: dict[str, timedelta] = {}


def parse_duration(text: object, where: str) -> timedelta:
    """frab durations: "HH:MM", "HH:MM:SS" or "D:HH:MM" (24 h and longer, pretalx/CCCamp)."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        minutes = float(text)
        if 0 <= minutes <= 60 * 24 * 14:
            return timedelta(minutes=minutes)
        raise ImportError_(
            "duration {value} minutes is not plausible", where=where, value=repr(text)
        )
    if not isinstance(text, str):
        raise ImportError_(
            "duration should be text like 01:30, not {kind}", where=where, kind=type(text).__name__
        )
    known = _DURATIONS.get(text)
    if known is not None:  # a programme repeats a handful of lengths
        return known
    fast = _HH_MM.match(text)
    if fast:  # the usual "HH:MM"
        delta = timedelta(hours=int(fast[1]), minutes=int(fast[2]))
        if len(_DURATIONS) < 500:
            _DURATIONS[text] = delta
        return delta
    parts = text.strip().split(":")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        raise _not_hh_mm(text, where) from None
    if any(n < 0 for n in nums) or not 2 <= len(nums) <= 3:
        raise _not_hh_mm(text, where)
    if len(nums) == 2:
        d, h, m, s = 0, nums[0], nums[1], 0
    elif nums[2] < 60 and nums[1] < 60 and nums[0] < 24 and len(parts[0]) >= 2:
        d, h, m, s = 0, nums[0], nums[1], nums[2]  # HH:MM:SS
    else:
        d, h, m, s = nums[0], nums[1], nums[2], 0  # D:HH:MM
    if m >= 60 or s >= 60 or d > 14:
        raise _not_hh_mm(text, where)
    return timedelta(days=d, hours=h, minutes=m, seconds=s)


def _not_hh_mm(text: str, where: str) -> ImportError_:
    return ImportError_(
        "duration {value} is not like 01:30", where=where, value=repr(clean_line(text))
    )


def parse_iso(text: object, where: str, what: str = "time") -> datetime:
    """An ISO 8601 date-time (with or without offset); ImportError_ otherwise."""
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        raise _not_iso(text, where, what)
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise _not_iso(text, where, what) from None


def _short(value: object) -> str:
    text = clean_line(value) if isinstance(value, str) else repr(value)
    if not isinstance(value, str):
        return text[:40]
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def unscheduled_warning(n: int) -> Msg:
    return Msg(
        "{n} session has no start time yet (not scheduled) and was left out",
        plural="{n} sessions have no start time yet (not scheduled) and were left out",
        n=n,
    )


def _not_iso(text: object, where: str, what: str) -> ImportError_:
    # `what` names the field as the file does ("start", "date"): it stays as written.
    return ImportError_(
        "{field} {value} is not an ISO date and time", where=where, field=what, value=_short(text)
    )


def add_instant(start: datetime, delta: timedelta, where: str | None = None) -> datetime:
    """`start` plus `delta` of real time (aware arithmetic in Python is wall-clock arithmetic,
    which would make a 2-hour session across a DST change last 1 or 3 hours)."""
    if not delta:
        return start
    try:
        return (start.astimezone(UTC) + delta).astimezone(start.tzinfo)
    except OverflowError:  # 9999-12-31T23:59:59+14:00 plus a duration: past year 9999
        raise TripkitError(
            "the session would end after the year 9999, the last date tripkit "
            "can handle; check its date",
            where=where,
        ) from None


def end_after(start: datetime, duration: object, where: str) -> datetime:
    """A frab event's end (JSON or XML): `start` plus its `duration` (none: it ends as it
    starts), in real time. Errors name `where`, the duration's place."""
    return add_instant(start, parse_duration(duration or "00:00", where), where)


MAX_SESSION = timedelta(days=14)
_SESSION_FIELDS = (
    "key",
    "title",
    "subtitle",
    "start",
    "end",
    "room",
    "track",
    "type",
    "languages",
    "speakers",
    "abstract",
    "url",
    "needs_registration",
    "cancelled",
    "recorded",
)
_SPEAKER_FIELDS = ("name", "id")


def _shortcut_ok(cls: type[BaseModel], fields: tuple[str, ...]) -> bool:
    """Whether building `cls` by setting its __dict__ equals model_construct for `fields`.

    Checked once at import: the model must have exactly these fields, no aliases, no
    post-init hook. If the model changes, the importers fall back to model_construct.
    """
    model_fields = cls.model_fields
    return (
        set(model_fields) == set(fields)
        and all(f.alias is None and f.validation_alias is None for f in model_fields.values())
        and not cls.__pydantic_post_init__
        and not cls.__pydantic_root_model__
    )


_FAST = {
    Session: _shortcut_ok(Session, _SESSION_FIELDS),
    Speaker: _shortcut_ok(Speaker, _SPEAKER_FIELDS),
}
_set = object.__setattr__
# BaseModel's own slots, set through their descriptors (a third faster than
# object.__setattr__, which looks each name up first).
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _construct(cls: type[M], values: dict[str, Any]) -> M:
    """`cls.model_construct(**values)` for values that set every field, already checked by
    this module, without model_construct's per-field alias and default lookups (which cost
    as much as the rest of the import). See `_shortcut_ok` for when it applies.
    """
    if not _FAST.get(cls):
        return cls.model_construct(**values)
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set_fields_set(m, set(values))
    _set_extra(m, None)
    _set_private(m, None)
    return m


@dataclass
class Builder:
    """Checks each session, makes keys unique (with a warning) and builds the model.

    `add` returns the session instead of keeping it, so that a parser can hand sessions on
    one at a time (see `tripkit.importers.stream`): what stays behind per session is its key
    with where it was read, its title and start (for the duplicate-key warning), not the
    session. Sessions are built with `model_construct` after these checks, because pydantic
    validation of ~1000 sessions would cost more than parsing the file; the checks below are
    the ones the model's validators would make (aware IANA datetimes, end not before start,
    plain strings).
    """

    source: str
    warnings: list[str]
    _seen: dict[str, tuple[str, str, datetime]] = field(default_factory=dict)

    def add(
        self,
        *,
        key: str,
        title: str,
        start: datetime,
        end: datetime,
        where: str,
        subtitle: str = "",
        room: str = "",
        track: str = "",
        type: str = "",
        languages: list[str] | None = None,
        speakers: list[Speaker] | None = None,
        abstract: str = "",
        url: str = "",
        needs_registration: bool = False,
        cancelled: bool = False,
        recorded: bool | None = None,
    ) -> Session:
        return self.build(
            {
                "key": key,
                "title": title,
                "subtitle": subtitle,
                "start": start,
                "end": end,
                "room": room,
                "track": track,
                "type": type,
                "languages": languages or [],
                "speakers": speakers or [],
                "abstract": abstract,
                "url": url,
                "needs_registration": needs_registration,
                "cancelled": cancelled,
                "recorded": recorded,
            },
            where,
        )

    def build(self, values: dict[str, Any], where: str) -> Session:
        """`add` for a parser that has made the Session's field dict itself: every field, in
        the model's order (`_SESSION_FIELDS`), text already cleaned, lists fresh. The checks
        are the same; the dict becomes the session's own (its key and title may be set)."""
        check_times(values["start"], values["end"], where)
        return self.build_timed(values, where)

    def build_timed(self, values: dict[str, Any], where: str) -> Session:
        """`build` for a session whose start and end have passed `check_times` already (a
        parser that gives many sessions the same slot checks the slot once)."""
        start = values["start"]
        key = clean_line(values["key"])[:200]
        if not key:
            raise ImportError_("the session has no identifier", where=where)
        title = values["title"] or "(untitled)"
        seen = self._seen
        if key in seen:
            first_where, first_title, first_start = seen[key]
            n = 2
            while f"{key}#{n}" in seen:
                n += 1
            new_key = f"{key}#{n}"
            self.warnings.append(
                Msg(
                    "duplicate session id {key}: {first} at {first_start} ({first_where}) and "
                    "{second} at {second_start} ({second_where}); the second is kept as "
                    "{new_key}",
                    key=repr(key),
                    first=repr(first_title),
                    first_start=first_start.isoformat(),
                    first_where=first_where,
                    second=repr(title),
                    second_start=start.isoformat(),
                    second_where=where,
                    new_key=repr(new_key),
                )
            )
            key = new_key
        # The start itself, not its text: formatted only for a duplicate's warning.
        seen[key] = (where, title, start)
        values["key"] = key
        values["title"] = title
        # Whether it is recorded: only the formats that say it set it (frab, pretalx).
        values.setdefault("recorded", None)
        return _construct(Session, values)


_MAX_SECONDS = MAX_SESSION.total_seconds()


def check_times(start: datetime, end: datetime, where: str) -> None:
    """What `Builder.build` checks of a session's times (aware IANA zones, end not before
    start, at most 14 days); ImportError_ naming `where` otherwise."""
    if not isinstance(start.tzinfo, ZoneInfo) or not isinstance(end.tzinfo, ZoneInfo):
        raise ImportError_("internal: a time without an IANA zone", where=where)
    # Compare instants: Python compares two datetimes of the same zone by wall clock,
    # which is wrong across a DST change.
    length = end.timestamp() - start.timestamp()
    if length < 0:
        raise ImportError_(
            "the session ends ({end}) before it starts ({start})",
            where=where,
            end=end.isoformat(),
            start=start.isoformat(),
        )
    if length > _MAX_SECONDS:
        raise ImportError_("the session lasts more than 14 days; the times look wrong", where=where)


def speaker(name: object, ident: object = "") -> Speaker | None:
    text = clean_line(name)
    if not text:
        return None
    return _construct(Speaker, {"name": text, "id": clean_line(ident)})


def languages_of(value: object) -> list[str]:
    """frab `language` may be "en", "de, en", a list, or empty."""
    if value is None:
        return []
    if isinstance(value, str) and value.isalpha() and len(value) <= 20:
        return [value.lower()]  # the usual single code, e.g. "en"
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    out = []
    for item in items:
        text = clean_line(item).lower()
        if text and text not in out and len(text) <= 20:
            out.append(text)
    return out


def plain_url(value: object) -> str:
    """A URL as text, only when it is http(s); anything else (javascript:, data:) is dropped."""
    text = clean_line(value)
    if text.lower().startswith(("https://", "http://")) and len(text) <= 2000:
        return text
    return ""
