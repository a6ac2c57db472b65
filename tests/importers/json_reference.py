"""Canonical outcomes of JSON imports, for `test_imp_json_digests.py`.

The JSON importers were rewritten for speed (issue 13: msgspec decoding, typed fast paths).
Their output had to stay exactly what it was, but the old code cannot stay in the tree as a
reference; so, before the rewrite, the outcome of every case below was recorded as a sha256
digest, and the test compares today's outcome with it. An outcome is everything a reader can
see: each Session's fields in order (times with their zone key and fold), its speakers, the
fields set, the schedule's title, zone, format and warnings, or the error's message and
place. Run `python tests/importers/json_reference.py` to print the digests (only when a
change of behaviour is intended, and say why in the commit).

Besides the corpus files as they are, each file is cut down to a few sessions and every
member of its first event, speaker, day, room... is replaced in turn by hostile values
(wrong types, huge numbers, odd strings, missing): the fast paths must send every such
file down the same road as before.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_
from tripkit.importers import parse

# Files whose times need a zone given (Sessionize has none).
NEEDS_TZ = {"sessionize/orlando-codecamp-2020-All.json": "America/New_York"}

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    7,
    1.5,
    10**30,
    "",
    "x",
    " 12:00 ",
    "2019-08-21T10:00:00+02:00",
    "2019-08-21T10:00:00Z",
    "yes",
    "<b>a</b> &amp; b",
    [],
    ["a", 1],
    {},
    {"en": "y", "de": "z"},
    [{"name": "n"}],
)
_DELETE = object()
# The formats whose importers the speed work changed (the others share only the decoder).
MUTATED = ("frab-json/", "sessionize/")


def corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.json"))


def canonical(result: Schedule | ImportError_) -> Any:
    if isinstance(result, ImportError_):
        return ["error", str(result.where), result.message]
    sessions = []
    for s in result.sessions:
        times = [(t.isoformat(), getattr(t.tzinfo, "key", None), t.fold) for t in (s.start, s.end)]
        speakers = [
            (list(sp.__dict__.items()), sorted(sp.__pydantic_fields_set__)) for sp in s.speakers
        ]
        sessions.append(
            [
                list(s.__dict__),
                s.model_dump(mode="json"),
                times,
                speakers,
                sorted(s.__pydantic_fields_set__),
                s.__pydantic_extra__,
            ]
        )
    warnings = [[type(w).__name__, str(w)] for w in result.warnings]
    return ["ok", result.title, result.tz, result.format, result.source, warnings, sessions]


def outcome(data: bytes, source: str, tz: str | None) -> Any:
    try:
        result: Schedule | ImportError_ = parse(data, source=source, tz=tz)
    except ImportError_ as e:
        if tz is None and "--tz" in e.message:  # no zone: imported with the venue's
            try:
                result = parse(data, source=source, venue_tz="Europe/Berlin")
            except ImportError_ as e2:
                result = e2
        else:
            result = e
    return canonical(result)


def digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _trimmed(doc: Any) -> Any:
    """A few sessions of a document, its envelope kept (lookups, conference, groups)."""
    doc = copy.deepcopy(doc)
    if isinstance(doc, dict) and isinstance(doc.get("schedule"), dict):
        sched = doc["schedule"]
        conf = sched.get("conference", {})
        if isinstance(sched.get("events"), list):
            sched["events"] = sched["events"][:3]
        if isinstance(conf.get("days"), list):
            days = [d for d in conf["days"] if any(d.get("rooms", {}).values())][:1]
            for day in days:
                rooms = [(k, v) for k, v in day["rooms"].items() if v][:2]
                day["rooms"] = {k: v[:2] for k, v in rooms}
            conf["days"] = days
    elif isinstance(doc, dict) and isinstance(doc.get("sessions"), list):
        doc["sessions"] = doc["sessions"][:3]
        for name in ("speakers", "rooms", "questions"):
            if isinstance(doc.get(name), list):
                doc[name] = doc[name][:40]
    elif isinstance(doc, list):
        doc = doc[:1]
        for group in doc:
            if isinstance(group.get("sessions"), list):
                group["sessions"] = group["sessions"][:3]
            if isinstance(group.get("rooms"), list):
                group["rooms"] = group["rooms"][:2]
                for room in group["rooms"]:
                    room["sessions"] = room.get("sessions", [])[:2]
    return doc


def _places(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects to mutate: every dict, following only the first item of each list."""
    if depth > 8:
        return
    if isinstance(value, dict):
        yield value
        for v in list(value.values())[:60]:
            yield from _places(v, depth + 1)
    elif isinstance(value, list) and value:
        yield from _places(value[0], depth + 1)


def mutations(data: bytes) -> Iterator[tuple[str, bytes]]:
    """(label, file) for each hostile replacement of one member of the trimmed document."""
    doc = _trimmed(json.loads(data))
    yield "trimmed", json.dumps(doc).encode()
    for p_i, place in enumerate(_places(doc)):
        items = list(place.items())
        for key, _original in items:
            for v_i, value in enumerate((*HOSTILE, _DELETE)):
                if value is _DELETE:
                    del place[key]
                else:
                    place[key] = value
                yield f"{p_i}.{key}.{v_i}", json.dumps(doc).encode()
                place.clear()  # back as it was, in its order (importers may read in order)
                place.update(items)


def hostile_digest(corpus: Path, rel: str) -> str:
    data = (corpus / rel).read_bytes()
    tz = NEEDS_TZ.get(rel)
    outcomes = [(label, outcome(file, rel, tz)) for label, file in mutations(data)]
    return digest(outcomes)


def digests(corpus: Path) -> dict[str, tuple[str, str, str]]:
    """rel -> (as it is, with --tz Asia/Tokyo, hostile mutations)."""
    out = {}
    for rel in corpus_files(corpus):
        data = (corpus / rel).read_bytes()
        out[rel] = (
            digest(outcome(data, rel, NEEDS_TZ.get(rel))),
            digest(outcome(data, rel, "Asia/Tokyo")),
            hostile_digest(corpus, rel) if rel.startswith(MUTATED) else "",
        )
    return out


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from testpaths import CORPUS

    for rel, ds in digests(CORPUS).items():
        print(f"    {rel!r}: {ds!r},")
