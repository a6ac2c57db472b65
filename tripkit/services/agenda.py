"""Personal agenda items: add, edit, remove, list (shared by the CLI and the TUI).

Items live in two places: those added with `tripkit agenda add` (the store), and those
written in the trip file (`agenda:`). Both are on the agenda and in the conflict check; an
item of the trip file is changed by editing the trip file (the CLI says so rather than
keeping a second, diverging copy). Times typed without a zone are in the venue's zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tripkit.core.personal import KINDS, PersonalItem, slug
from tripkit.core.zoned import parse_zoned, utc
from tripkit.errors import Msg, NotFoundError, TripkitError, reason
from tripkit.store import Store

if TYPE_CHECKING:
    from tripkit.services.schedule import TripLike

__all__ = ["KINDS", "add", "edit", "items", "parse_end", "parse_start", "remove"]


class AgendaError(TripkitError):
    """A personal item that cannot be saved (bad time, empty title...); nothing was stored."""


def parse_start(text: str, venue_tz: str) -> datetime:
    """A time like "2027-01-12 09:00" (venue zone) or "2027-01-12 09:00[Europe/Brussels]"."""
    try:
        return parse_zoned(_bracket(text), default_zone=venue_tz)
    except ValueError as exc:
        raise AgendaError("start {text!r}: {detail}", text=text, detail=reason(exc)) from None


_HHMM = re.compile(r"^\d{1,2}:\d{2}$")


def parse_end(text: str, start: datetime) -> datetime:
    """The end: a full time (as the start), "HH:MM" (the start's day and zone), or "+90m"
    / "+2h" (a duration)."""
    text = text.strip()
    try:
        if text.startswith("+"):
            n, unit = int(text[1:-1]), text[-1]
            if unit not in "mh":
                raise ValueError
            # Elapsed time (through UTC): "+2h" across a DST change is two real hours.
            return (utc(start) + timedelta(minutes=n if unit == "m" else 60 * n)).astimezone(
                start.tzinfo
            )
        if _HHMM.match(text):
            return parse_zoned(f"{start.date().isoformat()} {text}", default_zone=str(start.tzinfo))
        return parse_zoned(_bracket(text), default_zone=str(start.tzinfo))
    except OverflowError:  # "+99999999h", or +2h from 9999-12-31 23:00
        raise AgendaError(
            "end {text!r}: {detail}", text=text, detail=Msg("past the end of the calendar")
        ) from None
    except ValueError as exc:
        detail = reason(exc) or Msg("use a time like 2027-01-12 10:30, 10:30, +90m or +2h")
        raise AgendaError("end {text!r}: {detail}", text=text, detail=detail) from None


def _bracket(text: str) -> str:
    """ "2027-01-12 09:00 Europe/Brussels" (as trip files write it) -> "...[Europe/Brussels]"."""
    parts = text.strip().rsplit(" ", 1)
    if len(parts) == 2 and "/" in parts[1] and "[" not in text:
        return f"{parts[0]}[{parts[1]}]"
    return text.strip()


def _from_file(store: Store, trip: TripLike) -> list[PersonalItem]:
    """The trip file's items, read from the stored trip (validated when it was saved) without
    pydantic: the agenda is read on every `schedule agenda`."""
    out = []
    for e in store.trips.raw(trip.id).get("agenda") or []:
        try:
            out.append(
                PersonalItem(
                    e["id"],
                    e["title"],
                    parse_zoned(e["start"]),
                    parse_zoned(e["end"]),
                    e.get("place", ""),
                    e.get("note", ""),
                    e.get("kind", "other"),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AgendaError(
                "agenda item {item!r} of the trip is invalid ({detail}); `tripkit doctor` can help",
                item=e,
                detail=str(exc),
            ) from None
    return out


def items(store: Store, trip: TripLike) -> list[PersonalItem]:
    """Every personal item of the trip (stored and from the trip file) in time order.
    A stored item with the id of a trip-file item is the later word and replaces it."""
    stored = store.personal.list(trip.id)
    ids = {i.id for i in stored}
    both = stored + [i for i in _from_file(store, trip) if i.id not in ids]
    both.sort(key=lambda i: (i.start.timestamp(), i.end.timestamp(), i.id))
    return both


def add(
    store: Store,
    trip: TripLike,
    title: str,
    start: datetime,
    end: datetime,
    *,
    place: str = "",
    note: str = "",
    kind: str = "other",
    item_id: str | None = None,
) -> PersonalItem:
    taken = store.personal.ids(trip.id) | {i.id for i in _from_file(store, trip)}
    if item_id is not None and item_id in taken:
        raise AgendaError(
            "an agenda item with id {item_id!r} exists; use `tripkit agenda edit`", item_id=item_id
        )
    try:
        item = PersonalItem(
            item_id or slug(title, taken), title.strip(), start, end, place.strip(), note, kind
        )
    except ValueError as exc:
        raise AgendaError(reason(exc)) from None
    store.personal.put(trip.id, item)
    return item


def edit(
    store: Store,
    trip: TripLike,
    item_id: str,
    *,
    title: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    place: str | None = None,
    note: str | None = None,
    kind: str | None = None,
) -> PersonalItem:
    """Change the given fields of a stored item (moving the start keeps the duration when
    no end is given)."""
    if item_id not in store.personal.ids(trip.id):
        if any(i.id == item_id for i in _from_file(store, trip)):
            raise AgendaError(
                "agenda item {item_id!r} comes from the trip file: change it "
                "there (`tripkit trip edit`)",
                item_id=item_id,
            )
        raise NotFoundError(
            "no agenda item with id {item_id!r} (see `tripkit agenda list`)", item_id=item_id
        )
    old = store.personal.get(trip.id, item_id)
    if start is not None and end is None:
        end = (start + (old.end - old.start)).astimezone(start.tzinfo)
    try:
        item = PersonalItem(
            item_id,
            old.title if title is None else title.strip(),
            old.start if start is None else start,
            old.end if end is None else end,
            old.place if place is None else place.strip(),
            old.note if note is None else note,
            old.kind if kind is None else kind,
        )
    except ValueError as exc:
        raise AgendaError(reason(exc)) from None
    store.personal.put(trip.id, item)
    return item


def trip_window(store: Store, trip: TripLike, item: PersonalItem) -> tuple[date, date] | None:
    """The trip's days (give or take a week, as for an imported schedule) when `item` falls
    outside them - a year typed 1026 for 2026 - else None. Saved all the same: a meeting a
    month before the trip is the user's to keep, but they are told."""
    from tripkit.core.schedule_fit import MARGIN, trip_days

    first, last = trip_days(store.get_trip(trip.id))
    day = item.start.date()
    if first - MARGIN <= day <= last + MARGIN:
        return None
    return first, last


def remove(store: Store, trip: TripLike, item_id: str) -> PersonalItem:
    if item_id not in store.personal.ids(trip.id) and any(
        i.id == item_id for i in _from_file(store, trip)
    ):
        raise AgendaError(
            "agenda item {item_id!r} comes from the trip file: remove it "
            "there (`tripkit trip edit`)",
            item_id=item_id,
        )
    return store.personal.remove(trip.id, item_id)
