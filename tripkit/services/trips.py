"""Trips as YAML files, and the trip actions the CLI and the TUI share.

A trip file is the model's JSON form written as YAML, with every zoned time as RFC 9557 text
(``2026-12-10T17:05:00+09:00[Asia/Tokyo]``); ``2026-12-10 17:05 Asia/Tokyo`` is accepted too.
A bad file is refused with ONE message naming the file, the line and the field, and nothing
is stored: pydantic's error locations are mapped back to the YAML node that holds them.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tripkit.catalog.located import parse_located
from tripkit.core.models import Trip
from tripkit.demo import DEMO_ID, example_trip
from tripkit.errors import DataError, TripkitError
from tripkit.store import Store

MAX_TRIP_FILE = 1_000_000  # bytes; a trip is a few kilobytes, anything larger is a mistake

HEADER = """\
# tripkit trip file. Import it with `tripkit trip import FILE` (add --replace to overwrite).
# Times carry their IANA zone: 2026-12-10T17:05:00+09:00[Asia/Tokyo]
# (or 2026-12-10 17:05 Asia/Tokyo).
# Dates are YYYY-MM-DD. Unknown keys are an error. See docs/trip-format.md.
"""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes dates unquoted and long text as | blocks."""


# Dates are written as plain text; reading keeps them text too (tripkit.catalog.located).
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


# --- reading ---------------------------------------------------------------------------------


def parse_trip_yaml(text: str, where: str = "<trip>") -> Trip:
    """A Trip from trip-file text, or DataError('where:line: field: problem')."""
    located = parse_located(text, where)
    if located.data is None:
        raise DataError(
            "the file is empty; a trip file is a mapping of id, name, traveller...", where=where
        )
    if not isinstance(located.data, dict):
        raise DataError(
            "a trip file must be a mapping (id: ..., name: ...), not a list or text",
            where=located.where(()),
        )
    try:
        trip = Trip.model_validate(located.data)
    except ValidationError as exc:
        raise located.validation_error(exc) from None
    return _scheme_ids(trip)


def _scheme_ids(trip: Trip) -> Trip:
    """Held authorisations written by their scheme's name (`kind: UK ETA`, as every sentence
    of tripkit calls it) stored by its id (UK-ETA), the kind the entry checks match; a kind
    that names no scheme of its country is kept as written (tripkit.services.scheme_input)."""
    from tripkit.services.scheme_input import scheme_kind

    held = trip.traveller.authorisations
    kinds = [scheme_kind(a.kind, a.country) for a in held]
    if all(k == a.kind for k, a in zip(kinds, held, strict=True)):
        return trip
    fixed = [a.model_copy(update={"kind": k}) for k, a in zip(kinds, held, strict=True)]
    traveller = trip.traveller.model_copy(update={"authorisations": fixed})
    return trip.model_copy(update={"traveller": traveller})


def read_trip_file(path: Path) -> Trip:
    """Read and validate a trip file; DataError names the file (and the line) on any problem."""
    where = str(path)
    try:
        # Not a regular file (a FIFO, a device): opening it would wait forever, or read
        # without end, so it is refused before it is opened.
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            raise DataError(
                "this is not a regular file (a pipe, socket or device); save the "
                "trip to a file and import that",
                where=where,
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_TRIP_FILE + 1)
    except FileNotFoundError:
        raise DataError("no such file", where=where) from None
    except IsADirectoryError:
        raise DataError("this is a folder, not a trip file", where=where) from None
    except OSError as exc:
        raise DataError("cannot read it ({detail})", where=where, detail=exc.strerror) from None
    if len(raw) > MAX_TRIP_FILE:
        raise DataError(
            "too large for a trip file (over {size} kB)", where=where, size=MAX_TRIP_FILE // 1000
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError("not UTF-8 text", where=f"{where}:{line}") from None
    return parse_trip_yaml(text, where)


# --- writing ---------------------------------------------------------------------------------


def trip_to_yaml(trip: Trip) -> str:
    """The trip as a readable, re-importable YAML file (fields left at their defaults omitted)."""
    data = trip.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return HEADER + body


# --- actions ---------------------------------------------------------------------------------


def slugify(name: str) -> str:
    """A trip id suggested from its name: 'DockerCon SF 2026' -> 'dockercon-sf-2026'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:63].rstrip("-")
    return slug or "trip"


def free_id(store: Store, base: str) -> str:
    """`base`, or base-2, base-3... whichever no stored trip uses yet."""
    candidate, n = base, 2
    while store.has_trip(candidate):
        suffix = f"-{n}"
        candidate = base[: 63 - len(suffix)] + suffix
        n += 1
    return candidate


def save_new_trip(store: Store, trip: Trip, *, replace: bool = False) -> bool:
    """Store `trip` and make it current, in one transaction. Returns True if it replaced one.

    Without `replace`, a trip with the same id is an error and nothing changes. Replacing keeps
    the checklist state and picks, which are keyed by item and session ids.
    """
    with store.transaction():
        existed = store.has_trip(trip.id)
        if existed and not replace:
            raise TripkitError(
                "a trip called {trip} exists already; use --replace to overwrite it (its "
                "checklist state and picks are kept)",
                trip=repr(trip.id),
            )
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return existed


def install_demo(store: Store, today: date | None = None) -> tuple[Trip, bool]:
    """Create or reset the example trip and make it current. Returns (trip, it_was_reset).

    Resetting drops the example's checklist state, custom items, schedule and picks too:
    the point is a fresh example.
    """
    trip = example_trip(today)
    with store.transaction():
        existed = store.has_trip(DEMO_ID)
        if existed:
            store.delete_trip(DEMO_ID)
        store.put_trip(trip)
        store.set_current_trip(DEMO_ID)
    return trip, existed


def resolve_trip(store: Store, trip_id: str | None) -> Trip:
    """The named trip, else the current one, else a clear error."""
    from tripkit.errors import NotFoundError

    trip_id = trip_id or store.current_trip_id()
    if trip_id is None:
        raise NotFoundError(
            "no trip yet: run `tripkit demo` for the example trip or `tripkit trip new`"
        )
    return store.get_trip(trip_id)


def trip_summary(trip: Trip, current: bool) -> dict[str, Any]:
    """What `trip list --json` says about one trip."""
    return {
        "id": trip.id,
        "name": trip.name,
        "current": current,
        "example": trip.example,
        "conference": trip.conference.name,
        "first_day": trip.conference.first_day.isoformat(),
        "last_day": trip.conference.last_day.isoformat(),
        "city": trip.conference.venue.city,
        "country": trip.conference.venue.country,
    }
