"""What the TUI's Overview shows of the guide and the borders (and the venue's city in the
language), kept with the checklist.

The stale guide notes ("Guide note may be out of date") need the whole country catalog and
the guide builder, the borders the entry rules and pydantic, and the city's name in Japanese
the curated city files: ~6 MB and most of a process's models, for a few words. Like the
checklist, they only change when an input does, so they are kept in the same table under the
same digest of every input (tripkit.services.checklist_cache.fingerprint: the trip, the
settings, the user's config folder, tripkit's own files, the language) -- one mechanism, one
place to say what the inputs are -- in a row of their own (language `overview:<lang>`).

The clock: a note is stale when it was reviewed before `months_before(today, max age)`, with
today's date in the venue's zone (tripkit.services.guide.build_guide), so the lines hold for
the rest of that day; the borders do not depend on the clock (the trip's own dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tripkit.core.zoned import at_midnight, get_zone, micros
from tripkit.services.checklist_cache import ItemView, fingerprint, kept_under, lookup, views
from tripkit.store import checklist_cache as rows

if TYPE_CHECKING:
    from tripkit.store import Store

ROW = "overview:{lang}"  # the checklist_cache row's language column


@dataclass(frozen=True)
class Border:
    title: str
    status: str  # its label in English (tripkit.services.entry.STATUS_LABELS), a msgid
    warned: bool  # the border has warnings (shown in the error tone)


@dataclass(frozen=True)
class Attention:
    stale_notes: list[str]  # titles of guide notes reviewed too long ago
    borders: list[Border]
    city: str  # the venue's city in the language (tripkit.services.tripinfo.venue_city)
    # Leaving home and back home: the checklist's anchors (tripkit.core.anchors; they read
    # the airport catalog to tell which flight leaves the home country).
    departs: datetime
    home: datetime


def _evaluate(store: Store, trip_id: str, lang: str, now: datetime) -> dict[str, Any]:
    from tripkit.core.anchors import compute_anchors
    from tripkit.core.zoned import format_zoned
    from tripkit.services.entry import STATUS_LABELS, borders, status_key
    from tripkit.services.guide import stale_notes
    from tripkit.services.tripinfo import venue_city

    trip = store.get_trip(trip_id)
    anchors = compute_anchors(trip)
    departs, home = anchors.get("departure"), anchors.get("home_arrival")
    # compute_anchors always sets both (the conference's days when the trip does not say).
    assert departs is not None and home is not None
    return {
        "city": venue_city(trip, lang),
        "journey": [
            format_zoned(departs),
            format_zoned(home),
        ],
        "stale": [note.title for note in stale_notes(store, trip, lang, now)],
        "borders": [
            {
                "title": b.title,
                "status": STATUS_LABELS[status_key(b.verdict)],
                "warned": bool(b.warnings),
            }
            for b in borders(trip, lang)
        ],
    }


def _day_span(venue_tz: str, now: datetime) -> tuple[int, int]:
    """The venue's day around `now`, in UTC microseconds (the guide's `today`)."""
    today = now.astimezone(get_zone(venue_tz)).date()
    start = at_midnight(today, venue_tz)
    end = at_midnight(today + timedelta(days=1), venue_tz)
    return micros(start), micros(end)


def _attention(data: Any) -> Attention | None:
    """The lines of a kept row; None when it is not of the shape `_evaluate` writes (a
    damaged row is evaluated again)."""
    from tripkit.core.zoned import parse_zoned

    if not _readable(data):
        return None
    try:
        departs, home = (parse_zoned(j) for j in data["journey"])
    except ValueError:
        return None
    return Attention(
        [str(t) for t in data["stale"]],
        [Border(str(b["title"]), str(b["status"]), bool(b["warned"])) for b in data["borders"]],
        str(data["city"]),
        departs,
        home,
    )


def attention(store: Store, trip_id: str, venue_tz: str, lang: str, now: datetime) -> Attention:
    """The trip's stale guide notes and borders as the Overview lists them at `now`: kept
    from an earlier evaluation while every input is the same and it is the same day at the
    venue, else evaluated (and kept)."""
    key, found = _kept(store, trip_id, lang, now)
    if found is not None:
        return found
    data = _evaluate(store, trip_id, lang, now)
    start, end = _day_span(venue_tz, now)
    # Kept only when nothing changed while evaluating (another process writing the trip).
    if key is not None and fingerprint(store, trip_id, lang) == key:
        # The span is open: the first instant of the day is kept out, which only means an
        # evaluation at exactly midnight.
        rows.write(
            store.db, trip_id, ROW.format(lang=lang), rows.Cached(key, start - 1, end, [data])
        )
    fresh = _attention(data)
    assert fresh is not None  # _evaluate writes the shape _attention reads
    return fresh


def kept_overview(
    store: Store, trip_id: str, lang: str, now: datetime
) -> tuple[list[ItemView] | None, Attention | None]:
    """(the checklist's item views, the Overview's other lines), each when kept for the
    current inputs and holding at `now`, else None; the lines only with the checklist. Never
    evaluated here (tripkit.services.kept_fill evaluates in a child process). The digest of
    the inputs (~2 ms: it reads every input) is worked out once for both, and anew on every
    call: kept in a long-lived app it could outlive a change."""
    key = fingerprint(store, trip_id, lang)
    items = None if key is None else kept_under(store, trip_id, key, lang, now)
    if key is None or items is None:
        return None, None
    lines = kept_under(store, trip_id, key, ROW.format(lang=lang), now)
    return views(items.items), _kept_lines(lines)


def _kept(
    store: Store, trip_id: str, lang: str, now: datetime
) -> tuple[str | None, Attention | None]:
    """(the digest of the inputs, the lines kept under it when they hold at `now`)."""
    key, kept = lookup(store, trip_id, lang, now, ROW.format(lang=lang))
    return key, _kept_lines(kept)


def _kept_lines(kept: rows.Cached | None) -> Attention | None:
    """The Overview's lines of a kept row (one item: the lines written by `attention`)."""
    return _attention(kept.items[0]) if kept is not None and len(kept.items) == 1 else None


def _readable(data: Any) -> bool:
    """Whether a kept row has the shape written above (a damaged row is evaluated again)."""
    if not isinstance(data, dict):
        return False
    stale, borders, journey = data.get("stale"), data.get("borders"), data.get("journey")
    return (
        isinstance(data.get("city"), str)
        and isinstance(journey, list)
        and len(journey) == 2
        and all(isinstance(j, str) for j in journey)
        and isinstance(stale, list)
        and all(isinstance(t, str) for t in stale)
        and isinstance(borders, list)
        and all(isinstance(b, dict) and {"title", "status", "warned"} <= b.keys() for b in borders)
    )
