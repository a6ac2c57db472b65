"""Trips as YAML files, and the trip actions the CLI and the TUI share.

A trip file is the model's JSON form written as YAML, with every zoned time as RFC 9557 text
(``2026-12-10T17:05:00+09:00[Asia/Tokyo]``); ``2026-12-10 17:05 Asia/Tokyo`` is accepted too.
A bad file is refused with ONE message naming the file, the line and the field, and nothing
is stored: pydantic's error locations are mapped back to the YAML node that holds them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

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

Path_ = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader without implicit timestamps: dates and times stay as the text the user wrote,
    so that the zone rules (and error messages) see exactly that text."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes dates unquoted and long text as | blocks."""


for _cls in (_Loader, _Dumper):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


# --- reading ---------------------------------------------------------------------------------


def _lines(node: yaml.Node, path: Path_, out: dict[Path_, int], where: str, seen: set[int]) -> None:
    """Record the 1-based line of every mapping key and sequence item, by its path."""
    if id(node) in seen:
        raise DataError(
            "anchors and aliases (&name, *name) are not supported in trip files",
            where=f"{where}:{node.start_mark.line + 1}",
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in keys:
                raise DataError(
                    f"{_dotted(path + (key,))}: the key appears twice", where=f"{where}:{line}"
                )
            keys.add(key)
            out[path + (key,)] = line
            _lines(value_node, path + (key,), out, where, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[path + (i,)] = item.start_mark.line + 1
            _lines(item, path + (i,), out, where, seen)


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _clean(msg: str) -> str:
    # pydantic prefixes messages from our validators with "Value error, "; people don't need it.
    return re.sub(r"^(Value|Assertion) error, ", "", msg)


def parse_trip_yaml(text: str, where: str = "<trip>") -> Trip:
    """A Trip from trip-file text, or DataError('where:line: field: problem')."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except RecursionError:
        raise DataError("nested too deeply to be a trip file", where=where) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise DataError(
            f"not valid YAML: {exc.problem or exc.context}", where=f"{where}{line}"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", where=where) from None
    if root is None:
        raise DataError(
            "the file is empty; a trip file is a mapping of id, name, traveller...", where=where
        )
    if not isinstance(root, yaml.MappingNode):
        raise DataError(
            "a trip file must be a mapping (id: ..., name: ...), not a list or text",
            where=f"{where}:{root.start_mark.line + 1}",
        )
    lines: dict[Path_, int] = {}
    _lines(root, (), lines, where, set())
    try:
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:  # a tag the safe constructor refuses (!!python/...)
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise DataError(
            f"not valid YAML: {exc.problem or exc.context}", where=f"{where}{line}"
        ) from None
    except Exception as exc:  # explicit tags on hostile text: `!!int zz`,
        # `!!timestamp zz` raise ValueError, AttributeError... from inside PyYAML
        raise DataError(
            f"not valid YAML: a value with an explicit !!tag could not be read ({exc})",
            where=where,
        ) from None
    finally:
        loader.dispose()
    try:
        return Trip.model_validate(data)
    except ValidationError as exc:
        raise _located(exc, lines, where, root.start_mark.line + 1) from None


def _located(exc: ValidationError, lines: dict[Path_, int], where: str, top: int) -> DataError:
    errors = exc.errors()
    first = errors[0]
    loc: Path_ = tuple(first.get("loc", ()))
    line = top
    for n in range(len(loc), 0, -1):  # the deepest part of the path the file has
        if loc[:n] in lines:
            line = lines[loc[:n]]
            break
    if first.get("type") == "missing":
        msg = "this field is missing"
    elif first.get("type") == "extra_forbidden":
        msg = "unknown field (check its spelling and indentation)"
    else:
        msg = _clean(str(first.get("msg", "invalid")))
    more = len(errors) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return DataError(f"{_dotted(loc)}: {msg}{tail}", where=f"{where}:{line}")


def read_trip_file(path: Path) -> Trip:
    """Read and validate a trip file; DataError names the file (and the line) on any problem."""
    where = str(path)
    try:
        raw = path.read_bytes()[: MAX_TRIP_FILE + 1]
    except FileNotFoundError:
        raise DataError("no such file", where=where) from None
    except IsADirectoryError:
        raise DataError("this is a folder, not a trip file", where=where) from None
    except OSError as exc:
        raise DataError(f"cannot read it ({exc.strerror})", where=where) from None
    if len(raw) > MAX_TRIP_FILE:
        raise DataError(f"too large for a trip file (over {MAX_TRIP_FILE // 1000} kB)", where=where)
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
                f"a trip called {trip.id!r} exists already; use --replace to overwrite it "
                "(its checklist state and picks are kept)"
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
