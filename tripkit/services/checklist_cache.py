"""The checklist as JSON, kept in the store between reads (issue 13: `tripkit checklist --json`
within 2.5x `tripkit --version`).

Evaluating a checklist needs the country catalogs and the rule engine (since the evaluation
reads the stored trip, the user's state and the compiled catalogs as lean objects,
`lean_trip`, no longer pydantic nor its models: a cold read ~1.6x `tripkit --version` in
machine instructions, was ~3.1x). The result only changes when one of its inputs does, so
it is kept (tripkit.store.checklist_cache) under a digest of every input, and read back
without any of that machinery while the digest matches.

A stale checklist would be a confident wrong one, so the digest covers everything the
evaluation reads, and a miss is always safe (it evaluates):
- the store's rows of the trip (tripkit.store.checklist_cache.stored_inputs): the trip, the
  item states, the user's own items, the programmes, the sessions needing registration and
  the picks (and, for safety, the trip's agenda items and the settings);
- every file of tripkit itself (code, locale catalogs, bundled data) by path, size,
  modification time and mode (as Python's own byte-code cache and tripkit's compiled catalogs
  are keyed); every file of the user's config folder (their checklist rules and guide
  overlays) by the same and its content; the interpreter and the libraries that shape the
  output (pydantic-core's JSON of a time, YAML, the time-zone database, CLDR's country names
  in the language);
- the language;
- the clock: an item's status depends on the time only through comparisons of the time with
  its due time (overdue) and the end of its snooze (tripkit.core.checklist.apply_state). The
  items are kept with the span between the nearest such instants before and after the time
  they were evaluated at; a read outside that span evaluates again.
A user rule file that was skipped (broken) is warned about by the evaluation: such a result is
never kept, so every warning is still given.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import tripkit
from tripkit import paths
from tripkit.core.digest import sha256
from tripkit.core.zoned import micros
from tripkit.store import checklist_cache as rows

if TYPE_CHECKING:
    from tripkit.core.models import ChecklistItem, Trip
    from tripkit.store import Store

# Bumped when what is kept changes shape (a new field in an item's JSON, say): old rows then
# simply miss. The code's own files are part of the digest too.
FORMAT = "checklist-json 2"  # 2: due_day

# Libraries whose version can change an item's text or JSON, found without importing them.
# airportsdata places the airports data/airports.yaml lacks, so it decides the borders (and
# the entry items) of a route through them (tripkit.catalog.airports).
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "babel", "tzdata", "airportsdata")


def item_json(item: ChecklistItem, trip: Trip) -> dict[str, Any]:
    """One item as `tripkit checklist --json` writes it: `model_dump(mode="json")` (built
    without the model's serializer, tripkit.core.itembuild) with the due time in ISO 8601
    with its offset, the zoned form, the zone, and the traveller's home zone. An item due on
    a day, not at an hour, has `due_day` (YYYY-MM-DD) and its `due` is that day's end, when
    it turns overdue (scripts reading `due` keep an instant; null `due_day` otherwise)."""
    from tripkit.core import itembuild
    from tripkit.core.zoned import format_zoned, zone_of

    data = itembuild.item_json(item)
    due = item.due
    data["due"] = due.isoformat() if due else None
    data["due_zoned"] = format_zoned(due) if due else None
    data["due_tz"] = zone_of(due).key if due else None
    data["home_tz"] = trip.home_tz
    return data


# What a file read without its content adds after its path and stat (the digest of no bytes,
# made once: tripkit's ~230 files are walked at every read).
_NO_CONTENT = sha256(b"").digest() + b"\n"


def _walk(h: Any, root: Path, *, content: bool = False) -> None:
    """Every file under `root` by path, size, modification time and mode; with `content`,
    by its bytes too (the user's files: two edits within one tick of the file system's
    clock, of the same length, would otherwise look alike)."""
    h.update(f"\0root\0{root}\0".encode())
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
                data = Path(path).read_bytes() if content else b""
            except OSError:
                h.update(f"{path}\0unreadable\n".encode())
                continue
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_mode}\0".encode())
            h.update(sha256(data).digest() + b"\n" if content else _NO_CONTENT)


def _stat(h: Any, path: str | None) -> None:
    try:
        st = os.stat(path) if path else None
    except OSError:
        st = None
    h.update(f"{path}\0{st and (st.st_size, st.st_mtime_ns)}\n".encode())


def environment_key(lang: str, installation: str | None = None) -> str:
    """The digest of what is not in the store: the user's config folder, and the
    installation (`installation_key`, made here unless given)."""
    h = sha256()
    h.update(f"{installation or installation_key(lang)}\n".encode())
    _walk(h, paths.config_dir(), content=True)
    return h.hexdigest()


def installation_key(lang: str) -> str:
    """The digest of tripkit's files, the interpreter and libraries, the time-zone data and
    CLDR's names in `lang`: what an upgrade changes, not the user."""
    import zoneinfo

    from tripkit import cldr

    h = sha256()
    h.update(f"{FORMAT}\0{tripkit.__version__}\0{sys.version}\0{lang}\n".encode())
    package = Path(tripkit.__file__).resolve().parent
    _walk(h, package)
    data = paths.bundled_data().resolve()
    if not data.is_relative_to(package):  # a checkout: the repository's data/ folder
        _walk(h, data)
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        _stat(h, spec.origin if spec is not None else None)
    for folder in zoneinfo.TZPATH:
        # An update of the system's zone data rewrites these (a folder's own time changes
        # only when its entries do, not when America/Los_Angeles is replaced in a subfolder).
        for name in ("tzdata.zi", "+VERSION", "zone1970.tab"):
            _stat(h, os.path.join(folder, name))
    names = cldr._cache_file(lang)  # noqa: SLF001 - the key of the names' own cache
    h.update(f"\0cldr\0{names and names.name}\n".encode())
    return h.hexdigest()


def fingerprint(
    store: Store, trip_id: str, lang: str, installation: str | None = None
) -> str | None:
    """The digest of every input of the trip's checklist in `lang` (None: no such trip);
    with `installation`, that digest of tripkit's files and libraries (installation_key)."""
    stored = rows.stored_inputs(store.db, trip_id)
    if stored is None:
        return None
    return sha256(f"{stored}\0{environment_key(lang, installation)}".encode()).hexdigest()


class Key(str):
    """The digest `lookup` made of a trip's inputs, carrying the digest of the installation it
    was made from (`installation_key`): the check after an evaluation (evaluated_json) reuses
    that instead of walking tripkit's files again."""

    installation: str

    def __new__(cls, key: str, installation: str) -> Key:
        self = super().__new__(cls, key)
        self.installation = installation
        return self


def _span(items: list[ChecklistItem], now_us: int) -> tuple[int | None, int | None] | None:
    """The open span around `now_us` in which no item's status changes with the clock: the
    nearest due time or snooze end before and after it. None when one falls on `now_us`."""
    instants = set()
    for item in items:
        for when in (item.due, item.state.snoozed_until):
            if when is not None:
                instants.add(micros(when))
    if now_us in instants:
        return None
    before = [t for t in instants if t < now_us]
    after = [t for t in instants if t > now_us]
    return (max(before) if before else None, min(after) if after else None)


def lookup(
    store: Store, trip_id: str, lang: str, now: datetime, row: str | None = None
) -> tuple[str | None, rows.Cached | None]:
    """(the digest of the trip's inputs in `lang`, None when there is no such trip; the row
    kept under `row` (default: the checklist's, `lang`) when it was kept for that digest and
    holds at `now`, else None). The one reading of what is kept, for the checklist and the
    Overview's lines (tripkit.services.overview_kept) alike."""
    installation = installation_key(lang)
    key = fingerprint(store, trip_id, lang, installation)
    if key is None:
        return None, None
    return Key(key, installation), kept_under(store, trip_id, key, row or lang, now)


def kept_under(store: Store, trip_id: str, key: str, row: str, now: datetime) -> rows.Cached | None:
    """The row kept under `row` when it was kept for the digest `key` and holds at `now`."""
    kept = rows.read(store.db, trip_id, row)
    return kept if kept is not None and kept.key == key and kept.holds_at(micros(now)) else None


def checklist_json(store: Store, trip_id: str, lang: str, now: datetime) -> list[dict[str, Any]]:
    """Every item of the trip's checklist at `now` (those for other destinations too, marked
    `elsewhere`), as `tripkit checklist --json --all` writes them: kept from an earlier
    evaluation when every input is the same, else evaluated (and kept)."""
    key, kept = lookup(store, trip_id, lang, now)
    return kept.items if kept is not None else evaluated_json(store, trip_id, lang, now, key)


def lean_trip(store: Store, trip_id: str) -> Trip:
    """The stored trip as a lean object (tripkit.core.lean: the model's fields and logic,
    without pydantic), which the checklist then evaluates lean (issue 13: a cold `checklist
    --json`); the model when the row cannot be read so (an older release's, edited by hand):
    the model validates it and words any problem."""
    from tripkit.core import lean

    try:
        found: Trip = lean.build("Trip", store.trips.raw(trip_id))
    except ValueError:
        return store.get_trip(trip_id)
    return found


def _evaluated_trip(store: Store, trip_id: str) -> Trip:
    """The trip to evaluate: lean while pydantic is not imported (what it saves is pydantic's
    import and the models); the model in a process that has them already (an edit, the TUI
    after one), where lean objects would only add their own copies of the catalogs and rules.
    The items are the same either way (tests/checklist/test_checklist_lean.py)."""
    if "pydantic" in sys.modules:
        return store.get_trip(trip_id)
    return lean_trip(store, trip_id)


def evaluated_json(
    store: Store, trip_id: str, lang: str, now: datetime, key: str | None
) -> list[dict[str, Any]]:
    """The checklist evaluated at `now`, kept under `key` (the digest `lookup` gave) when
    nothing changed meanwhile."""
    now_us = micros(now)
    from tripkit.services import checklist as svc

    trip = _evaluated_trip(store, trip_id)
    items = svc.checklist_items(store, trip, lang, now=now, include_elsewhere=True)
    out = [item_json(i, trip) for i in items]
    span = _span(items, now_us)
    # Kept only when nothing changed while evaluating (another process writing the trip, the
    # user editing a rule file) and every rule file was read: a skipped one's warning must
    # come again next time. tripkit's own files and libraries are taken as digested by the
    # lookup that made `key` a moment ago, not walked again (~11 M instructions, a tenth of
    # the evaluation, issue 13): they change with an upgrade, and a row kept under the old
    # installation's key is never read by the new one.
    installation = key.installation if isinstance(key, Key) else None
    if (
        key is not None
        and span is not None
        and not svc.SKIPPED_RULE_FILES
        and fingerprint(store, trip_id, lang, installation) == key
    ):
        rows.write(store.db, trip_id, lang, rows.Cached(key, span[0], span[1], out))
    return out


def keep_after_edit(store: Store, trip_id: str, lang: str, now: datetime) -> None:
    """Evaluate and keep the checklist right after the user changed one of its inputs (an
    item's state, their own items), in the process that made the change: it has the rule
    engine loaded already (~15 ms more here), so the next `checklist --json` or Overview
    is a kept read instead of a cold one (~1.6x `tripkit --version`, issue 13). The key is
    digested after the change, so this is the evaluation any later read would make."""
    key, kept = lookup(store, trip_id, lang, now)
    if kept is None:
        evaluated_json(store, trip_id, lang, now, key)


# A NamedTuple, not a dataclass: made without compiling source at import (CLI start, issue 13).
class ItemView(NamedTuple):
    """What the TUI's Overview shows of an item: its due time (zoned), title, status and
    problem (the next deadlines and what needs attention)."""

    id: str
    title: str
    status: str
    problem: str
    due: datetime | None
    custom: bool = False  # the traveller's own item (its due is the time they typed)
    due_day: date | None = None  # due on a day, not at an hour (tripkit.core.dueday)


def item_views(store: Store, trip_id: str, lang: str, now: datetime) -> list[ItemView]:
    """The items of the trip's checklist at `now` for its own destinations (as
    `checklist_items` gives them by default), from the kept checklist when it holds."""
    return views(checklist_json(store, trip_id, lang, now))


def views(items: list[dict[str, Any]]) -> list[ItemView]:
    """The views of a kept checklist's items (those for other destinations left out)."""
    from tripkit.core.zoned import parse_zoned

    return [
        ItemView(
            i["id"],
            i["title"],
            i["status"],
            i["problem"],
            parse_zoned(i["due_zoned"]) if i["due_zoned"] else None,
            bool(i.get("custom")),
            date.fromisoformat(i["due_day"]) if i.get("due_day") else None,
        )
        for i in items
        if not i["elsewhere"]
    ]
