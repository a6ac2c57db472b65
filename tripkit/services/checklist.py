"""Checklist services: rules + catalog + store -> items; and the user's actions on items.

Rules are the bundled data/checklists/*.yaml plus the user's own files in
<config>/checklists/*.yaml (same schema; ids must not clash). They are read once per
process and re-read only when a file changes. User state is stored by item id, so it
survives trip edits and re-evaluation.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tripkit import paths
from tripkit.catalog.city_names import venue_city_name
from tripkit.catalog.rules import (
    RuleSet,
    load_rules_skipping_broken,
    parse_duration,
    rule_files,
)
from tripkit.core import leanmode
from tripkit.core.anchors import compute_anchors, where_is
from tripkit.core.checklist import apply_state, evaluate, sort_items
from tripkit.core.digest import sha256
from tripkit.core.zoned import at_midnight, get_zone, now_utc, parse_zoned
from tripkit.errors import DataError, NotFoundError, reason
from tripkit.services.entry import TripFacts, first_port, route_items, trip_facts
from tripkit.services.entry import borders as entry_borders
from tripkit.store import Store

if TYPE_CHECKING:
    from tripkit.core.curated import CountryEntry
    from tripkit.core.models import ChecklistItem, CustomItem, ItemState, Trip

# The models (and pydantic) are imported by the edits that make one: an evaluation of a lean
# trip does without them (issue 13).

_cache: dict[tuple[tuple[str, str], ...], RuleSet] = {}


# The user's rule files the rules in use left out, with their problem (file:line); set at
# each load_all_rules (the CLI empties it before a command and warns of what is in it after).
SKIPPED_RULE_FILES: list[DataError] = []
_cache_skipped: list[DataError] = []


def rule_paths() -> list[Path]:
    return rule_files(paths.bundled_data() / "checklists") + rule_files(
        paths.config_dir() / "checklists"
    )


def load_all_rules() -> RuleSet:
    """Bundled and user rules, cached by the files' paths and contents (an edit that keeps
    a file's size and modification time, within one tick of the file system's clock, is
    still seen: a stale rule would be a confident wrong checklist)."""
    files = rule_paths()
    # Keyed by the lean mode too (tripkit.core.leanmode): lean rules are never handed to an
    # evaluation of models, whose items may be written by pydantic.
    key = (("lean", str(leanmode.on())), *((str(p), _digest(p)) for p in files))
    if key not in _cache:
        for old in [k for k in _cache if k[0] == key[0]]:  # the other mode's rules stay
            del _cache[old]
        bundled = rule_files(paths.bundled_data() / "checklists")
        _cache[key], _cache_skipped[:] = load_rules_skipping_broken(bundled, files[len(bundled) :])
    SKIPPED_RULE_FILES[:] = _cache_skipped
    return _cache[key]


def _digest(path: Path) -> str:
    try:
        return sha256(path.read_bytes()).hexdigest()
    except OSError:  # gone or unreadable since it was listed: the loader says which
        return ""


def countries() -> dict[str, CountryEntry]:
    """The catalog's entry rules by country code.

    A broken catalog raises its DataError (file:line): entry rules must never vanish
    silently from a checklist."""
    from tripkit.catalog.loader import load_bundled  # the whole catalog: not the checklist's

    return dict(load_bundled().countries)


def route_countries(facts: TripFacts) -> dict[str, CountryEntry]:
    """Only the countries on the route (read file by file): the checklist's cost does not
    grow with the number of countries tripkit knows."""
    return {c: e for c, e in facts.countries.items() if e is not None}


def _registration_items(store: Store, trip: Trip, lang: str, now: datetime) -> list[ChecklistItem]:
    """Items for starred sessions that need registration (the agenda's; state applied there)."""
    if not trip.deadlines and (
        not store.has_programmes(trip.id) or not store.programmes.needing_registration(trip.id)
    ):
        # Nothing to list (what registration_items would find too, by the same query):
        # the schedule services (agenda, walks, re-import reports) stay unimported.
        return []
    from tripkit.services.registrations import registration_items

    try:
        return registration_items(store, trip, lang, now=now)
    except NotImplementedError:
        return []


def checklist_items(
    store: Store,
    trip: Trip,
    lang: str,
    now: datetime | None = None,
    *,
    include_elsewhere: bool = False,
) -> list[ChecklistItem]:
    """Every checklist item of `trip`: rules, the user's own items, session registrations,
    and the route's items (each border, clock changes, trip registration).

    Items that only concern other destinations (ESTA on a London trip) are left out unless
    `include_elsewhere` (`tripkit checklist --all`).

    A lean trip (tripkit.core.lean) is evaluated lean (tripkit.core.leanmode): the rules,
    catalogs and the user's state are read as lean objects and the items made lean, without
    pydantic (issue 13); the same evaluation, the same code, as for a model."""
    from tripkit.core.lean import Lean
    from tripkit.core.leanmode import lean

    with lean(isinstance(trip, Lean)):
        return _checklist_items(store, trip, lang, now, include_elsewhere=include_elsewhere)


def _checklist_items(
    store: Store,
    trip: Trip,
    lang: str,
    now: datetime | None,
    *,
    include_elsewhere: bool,
) -> list[ChecklistItem]:
    now = now or now_utc()
    rules = load_all_rules()
    states = store.item_states(trip.id)
    facts = trip_facts(trip)
    route = entry_borders(trip, lang, facts)
    anchors = compute_anchors(trip)
    first = first_port(route)
    if first is not None:
        # The first port of entry is where the route first meets immigration (SFO on the
        # way to Toronto, FRA on the way to Brussels), not the destination's first airport.
        anchors.times["port_of_entry"] = first.at
        anchors.port_of_entry_airport = first.airport
    items = evaluate(
        trip,
        rules.rules,
        countries=route_countries(facts),
        states=states,
        custom=store.custom_items(trip.id),
        now=now,
        lang=lang,
        anchors=anchors,
        route=route,
        city_name=venue_city_name(trip.conference.venue, lang) if lang != "en" else None,
    )
    known = {i.id for i in items}
    extra = [
        apply_state(i, states.get(i.id), now)
        for i in route_items(trip, route, anchors, lang, known)
    ]
    extra += _registration_items(store, trip, lang, now)  # their state is applied there
    items = [*items, *(i for i in extra if i.id not in known)]
    if not include_elsewhere:
        items = [i for i in items if not i.elsewhere]
    return sort_items(items)


def find_item(store: Store, trip: Trip, item_id: str, lang: str = "en") -> ChecklistItem:
    for item in checklist_items(store, trip, lang, include_elsewhere=True):
        if item.id == item_id:
            return item
    raise NotFoundError(
        "no checklist item called {item_id!r} (see `tripkit checklist` for the ids)",
        item_id=item_id,
    )


def set_status(
    store: Store,
    trip: Trip,
    item_id: str,
    status: str,
    *,
    reason: str = "",
    snoozed_until: datetime | None = None,
) -> ItemState:
    """Mark an item done / todo (undo) / skipped / snoozed. Returns the stored state."""
    from tripkit.core.models import ItemState

    item = find_item(store, trip, item_id)
    if item.status == "not_applicable" and status != "todo":
        raise NotFoundError(
            "{item_id!r} does not apply to this trip: {reason}",
            item_id=item_id,
            reason=item.reason,
        )
    state = ItemState(
        status=status,  # type: ignore[arg-type]
        reason=reason,
        snoozed_until=snoozed_until,
    )
    store.set_item_state(trip.id, item_id, state)
    return state


_RELATIVE = re.compile(r"^\s*\d{1,4}\s*[mhdw]\s*$")


def parse_until(text: str, trip: Trip, now: datetime) -> datetime:
    """When a snooze ends: '3d' / '12h' from now, a date (midnight where you will be), or a
    date and time with or without a zone (without one: the zone where you will be then)."""
    text = text.strip()
    anchors = compute_anchors(trip)
    if _RELATIVE.match(text):
        # Elapsed time from now, shown in the zone the traveller will be in then (the
        # stored state needs an IANA zone, not the bare UTC offset of `now`).
        until = now.astimezone(UTC) + parse_duration(text)
        return until.astimezone(get_zone(where_is(trip, until, anchors)))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise DataError("{text!r} is not a valid date", text=text) from None
        # Midnight at home first, then re-read in the zone the traveller is in on that day.
        guess = at_midnight(day, trip.home_tz)
        return at_midnight(day, where_is(trip, guess, anchors))
    try:
        if re.search(r"\[|\s[A-Za-z]", text) or text.endswith("Z"):
            return parse_zoned(text)
        guess = parse_zoned(text, default_zone=trip.home_tz)
        return parse_zoned(text, default_zone=where_is(trip, guess, anchors))
    except ValueError as exc:
        raise DataError("cannot read the snooze time: {detail}", detail=reason(exc)) from None


def add_custom(
    store: Store,
    trip: Trip,
    item_id: str,
    title: str,
    *,
    phase: str = "prepare",
    details: str = "",
    due: str | None = None,
    now: datetime | None = None,
) -> CustomItem:
    from pydantic import ValidationError

    from tripkit.core.models import PHASES, CustomItem

    if phase not in PHASES:
        raise DataError(
            "unknown phase {phase!r}; choose one of {choices}",
            phase=phase,
            choices=", ".join(PHASES),
        )
    rules = load_all_rules()
    if item_id in rules.origins:
        raise DataError(
            "{item_id!r} is the id of a built-in item; choose another id", item_id=item_id
        )
    try:
        due_at = parse_until(due, trip, now or now_utc()) if due else None
        item = CustomItem(id=item_id, phase=phase, title=title, details=details, due=due_at)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        raise DataError("{name}: {detail}", name=loc, detail=err.get("msg")) from None
    store.add_custom_item(trip.id, item)
    return item


def remove_custom(store: Store, trip: Trip, item_id: str) -> None:
    store.remove_custom_item(trip.id, item_id)
