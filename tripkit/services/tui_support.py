"""Small services the TUI needs: the trip editor's draft, zones from the airport table and from
a venue's city and country, and the check of a schedule against the trip.

Kept apart from the other services (owned by other areas) so that the TUI reaches the store and
the catalog only through tripkit.services.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tripkit.core.models import Trip
    from tripkit.services.schedule import TripLike
    from tripkit.store import Pick, Store
    from tripkit.store.schedules import ProgrammeRow, SessionRow

DRAFT_KEY = "tui.trip_draft"


# --- the trip editor's draft ---------------------------------------------------------------


def load_draft(store: Store) -> dict[str, Any] | None:
    """The trip being written when the app was last left, or None (a damaged draft is None)."""
    raw = store.get_setting(DRAFT_KEY)
    if not raw:
        return None
    try:
        draft = json.loads(raw)
    except ValueError:
        return None
    return draft if isinstance(draft, dict) and isinstance(draft.get("values"), dict) else None


def save_draft(store: Store, draft: dict[str, Any]) -> None:
    store.set_setting(DRAFT_KEY, json.dumps(draft, ensure_ascii=False))


def clear_draft(store: Store) -> None:
    store.set_setting(DRAFT_KEY, "")


def save_trip(store: Store, trip: Trip, *, new: bool) -> None:
    """Store the trip and make it current; a new trip never replaces another with its id."""
    from tripkit.services.trips import save_new_trip

    save_new_trip(store, trip, replace=not new)
    clear_draft(store)


def trip_id_for(store: Store, name: str) -> str:
    """A free id for a new trip, from its name."""
    from tripkit.services.trips import free_id, slugify

    return free_id(store, slugify(name))


# --- zones ----------------------------------------------------------------------------------


def airport_zone(code: str) -> str | None:
    """The IANA zone of an airport (the curated table, else the airportsdata library), or None
    when neither knows it."""
    from tripkit.catalog.airports import airport

    found = airport(code)
    return found.tz if found else None


def library_airport_name(code: str) -> str | None:
    """The library's name of an airport only the airportsdata library knows (the editor says
    where a zone it filled came from); None for a curated or unknown airport."""
    from tripkit.catalog.airports import airport, from_library

    found = airport(code) if from_library(code) else None
    return found.name if found else None


@cache
def _zones_by_country() -> dict[str, list[str]]:
    """Country code -> its zones, from the tz database's zone.tab (shipped with tzdata)."""
    import importlib.resources

    out: dict[str, list[str]] = {}
    try:
        text = (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(
            encoding="utf-8"
        )
    except (ModuleNotFoundError, OSError):
        return out
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            out.setdefault(parts[0].upper(), []).append(parts[2])
    return out


def venue_zone(city: str, country: str) -> str | None:
    """The zone of a venue when its city and country leave no doubt, else None (unknown).

    A curated city gives its zone; otherwise a country with a single zone does (Japan, Belgium);
    a country with several (the United States) and an unknown city stay unknown.
    """
    country = country.strip().upper()
    wanted = city.strip().casefold()
    if len(country) != 2 or not wanted:
        return None
    from tripkit.catalog.loader import load_bundled

    for guide in load_bundled().cities.values():
        if guide.country == country and wanted in {
            guide.name.en.casefold(),
            guide.name.ja.casefold(),
        }:
            return guide.tz
    zones = _zones_by_country().get(country, [])
    return zones[0] if len(zones) == 1 else None


# --- stars and notes -------------------------------------------------------------------------


def star(
    store: Store,
    trip_id: str,
    keys: list[str],
    starred: bool,
    known: Collection[str],
    programme: str | None = None,
) -> None:
    """Star or unstar sessions of the schedule the screen shows (`known`: its session keys, so
    that a keystroke does not read the whole programme back from the store to check them),
    in `programme` (default: the main one)."""
    _check_keys(keys, known)
    store.programmes.set_stars(trip_id, keys, starred, programme or _main())


def write_note(
    store: Store,
    trip_id: str,
    key: str,
    note: str,
    known: Collection[str],
    programme: str | None = None,
) -> None:
    _check_keys([key], known)
    store.programmes.set_note(trip_id, key, note, programme or _main())


def set_interest(
    store: Store, trip: TripLike, programme: str, key: str, level: str, known: Collection[str]
) -> None:
    """The interest in one session of `programme`: "must", "want", "maybe" (each stars it),
    or "" (unstarred, which drops the interest too)."""
    _check_keys([key], known)
    if level:
        from tripkit.services.schedule import set_pick

        set_pick(store, trip, [key], interest=level, programme=programme)
    else:
        store.programmes.set_stars(trip.id, [key], False, programme)


def _main() -> str:
    from tripkit.store import MAIN

    return MAIN


# --- several programmes ----------------------------------------------------------------------


def programme_rows(store: Store, trip_id: str) -> list[ProgrammeRow]:
    """Every programme of the trip as stored (title, zone, when imported; no sessions), the
    main one first, then by name."""
    from tripkit.store import MAIN

    out = []
    for name in sorted(store.programmes.names(trip_id), key=lambda n: (n != MAIN, n)):
        row = store.programmes.get(trip_id, name)
        if row is not None:
            out.append(row)
    return out


def programmes_stamp(store: Store, trip_id: str) -> tuple[tuple[str, int, str], ...]:
    """What changes when a programme is imported, refreshed or removed (cheap: no sessions
    read), main first: the screens read the programmes again only when it changes."""
    return ProgrammeListing.stamp_of(programme_rows(store, trip_id))


def picks_of(store: Store, trip_id: str, name: str) -> dict[str, Pick]:
    """The picks (star, interest, reservation, note) of one programme, by session key."""
    return store.programmes.picks(trip_id, name)


def _check_keys(keys: list[str], known: Collection[str]) -> None:
    from tripkit.errors import NotFoundError

    for key in keys:
        if key not in known:
            raise NotFoundError("no session with id {key!r} in this trip's schedule", key=key)


# --- which trip, and the app's own settings ---------------------------------------------------


def trip_to_open(store: Store, today: date | None = None) -> str:
    """The trip to open: the last one used, or, on first run, the bundled example (stored by
    a child process when that keeps the models out of this one; else, or when the child
    fails, here: tripkit.services.example_fill)."""
    current = store.current_trip_id()
    if current is not None:
        return current
    from tripkit.services import example_fill, kept_fill

    if kept_fill.worth_a_child() and example_fill.in_child(store.path.parent, today):
        current = store.current_trip_id()
        if current is not None:
            return current
    return example_fill.store_example(store, today)


def open_trip(store: Store, trip_id: str) -> None:
    """Make `trip_id` the current trip (it must exist)."""
    from tripkit.errors import NotFoundError

    if not store.has_trip(trip_id):
        raise NotFoundError("no trip called {trip}", trip=repr(trip_id))
    store.set_current_trip(trip_id)


def remember(store: Store, key: str, value: str) -> None:
    """One of the app's own settings (theme, language)."""
    if key not in ("tui.theme", "lang"):  # (the summary and the draft have their own)
        raise ValueError(f"not a setting of the app: {key}")
    store.set_setting(key, value)


# --- what the first frame shows ----------------------------------------------------------------

SUMMARY_KEY = "tui.summary"


def summary(store: Store, trip_id: str) -> dict[str, Any] | None:
    """The overview's headline of `trip_id` as last computed (its name, whether it is the
    example, its next deadlines as shown), or None. Read without the models (pydantic and the
    catalog cost ~0.2 s), so that the first frame can show the trip rather than a placeholder."""
    raw = store.get_setting(SUMMARY_KEY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("trip_id") != trip_id:
        return None
    return data


def keep_summary(store: Store, data: dict[str, Any]) -> None:
    """Store the headline when it changed (not on every redraw)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    if store.get_setting(SUMMARY_KEY) != text:
        store.set_setting(SUMMARY_KEY, text)


# --- the programme, read by rows ------------------------------------------------------------


def programme_of(store: Store, trip_id: str, name: str | None = None) -> Any:
    """The trip's imported programme `name` (default the main one) as stored (title, source,
    zone, last change report), without its sessions; None when there is none."""
    return store.programmes.get(trip_id) if name is None else store.programmes.get(trip_id, name)


def starred_rows(store: Store, trip_id: str) -> list[Any]:
    """The starred sessions, as stored rows (they have the attributes core.agenda reads): the
    overview needs these alone, not the whole programme as models."""
    return store.programmes.starred(trip_id)


SEP = "\x1f"  # between programme and key in a row key: no imported id holds a control char


def row_key(programme: str, key: str) -> str:
    """How a listing knows a session: its key for the main programme, "programme<US>key" for
    the others (two programmes may use the same key for different sessions)."""
    from tripkit.store import MAIN

    return key if programme == MAIN else f"{programme}{SEP}{key}"


class ProgrammeListing:
    """Every programme of a trip as the Schedule screen lists it, holding one small row per
    session (`store.Listed`, which carries its programme's name).

    The programmes as models (with abstracts, speakers, the raw source) and an in-memory search
    index cost ~20 MB for a thousand sessions; this keeps the listed fields only (tuples),
    filters through the store's search of each programme (the same matching, its trigram
    index, ~1 ms), and reads the rest of a session from its own programme when it is shown.
    """

    def __init__(
        self, store: Store, trip_id: str, programmes: list[ProgrammeRow] | None = None
    ) -> None:
        """`programmes`: the trip's programme rows (`programme_rows`) when the caller has just
        read them."""
        self.store = store
        self.trip_id = trip_id
        self.programmes = programmes if programmes is not None else programme_rows(store, trip_id)
        self.names = [p.name for p in self.programmes]
        rows = [r for name in self.names for r in store.programmes.listing(trip_id, name)]
        if len(self.names) > 1:
            # One schedule, by time: each programme's rows come in (start, title, key) order.
            rows.sort(key=lambda r: (r.start_us, r.title, r.key, r.programme))
        self.rows = rows
        self.row_of = {row_key(r.programme, r.key): i for i, r in enumerate(rows)}
        self.keys: dict[str, set[str]] = {name: set() for name in self.names}
        for r in rows:
            self.keys[r.programme].add(r.key)

    @staticmethod
    def stamp_of(programmes: list[ProgrammeRow]) -> tuple[tuple[str, int, str], ...]:
        """Changes when a programme is imported again, added or removed: a screen showing the
        listing of the same stamp need not read the rows again."""
        return tuple((p.name, p.id, p.imported) for p in programmes)

    @property
    def stamp(self) -> tuple[tuple[str, int, str], ...]:
        return self.stamp_of(self.programmes)

    def zone(self, fallback: str) -> str:
        """The programmes' own zone (where you will be when you attend them): the first
        programme's as imported, else the first session's, else `fallback`."""
        if self.programmes and self.programmes[0].tz:
            return str(self.programmes[0].tz)
        return self.rows[0].start_tz if self.rows else fallback

    def search(
        self,
        text: str,
        *,
        day: date | None,
        zone: str,
        track: str | None = None,
        room: str | None = None,
        language: str | None = None,
    ) -> list[int]:
        """Indexes (into `rows`, so in schedule order) of the sessions of every programme
        matching every word of `text` and every filter given; `day` is a calendar day in
        `zone`."""
        if not text.strip() and all(f is None for f in (day, track, room, language)):
            return list(range(len(self.rows)))
        from tripkit.services.schedule import day_range
        from tripkit.store import Query

        query = Query(
            text=text,
            day_range=day_range(day, zone) if day is not None else None,
            track=track,
            room=room,
            language=language,
        )
        row_of = self.row_of
        found = []
        for name in self.names:
            for key in self.store.programmes.matching_keys(self.trip_id, query, name):
                at = row_of.get(row_key(name, key))
                if at is not None:
                    found.append(at)
        return sorted(found)

    def session(self, key: str) -> SessionRow | None:
        """The whole session of row key `key` (abstract, speakers, link...), read from its
        own programme in the store, or None."""
        at = self.row_of.get(key)
        if at is None:
            return None
        row = self.rows[at]
        return self.store.programmes.session(self.trip_id, row.key, row.programme)
