"""Why the JSON import ratio of issue 13 is out of reach in Python (`python -m bench
import_json_text_floor`).

Issue 13 asks that importing a schedule cost at most 1.3x the bare parse of the same file;
for JSON the bare parse is `json.loads`, C that reads a 400 KB file at ~350 MB/s. An import
must also clean every imported text (`tripkit.importers.text`: escapes and controls out,
HTML and Markdown to plain words, blanks tidied; the bar says imported text is shown
literally, never as markup). This benchmark times only that cleaning: each corpus JSON file
is imported once with the three cleaning functions recorded, then the recorded calls (same
functions, same arguments, nothing else: no decode, no times, no sessions) are replayed
against `json.loads` of the file, alternately, by CPU time. Added to the decode the importer
cannot skip (msgspec, itself 0.2-0.6x `json.loads`), that sum is a floor under the import's
ratio. Where the floor alone passes 1.3x, no amount of work elsewhere meets the target; the
figure is how many files that is.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.bench_import import CORPUS, FILES, ROUNDS, TARGET, _alternate_both
from bench.common import Result

# The importer modules that call the cleaning functions by name (each imports them itself).
_CALLERS = (
    "tripkit.importers.common",
    "tripkit.importers.frab_json",
    "tripkit.importers.json_sources",
    "tripkit.importers.sessionize",
)
_CLEANERS = ("clean_line", "clean_block", "join_abstract")

Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def _recorded_cleaning(data: bytes, rel: str, tz: str | None) -> list[Call]:
    """The cleaning calls one import of `data` makes, in order (the originals restored)."""
    from tripkit.importers import parse

    calls: list[Call] = []
    saved: list[tuple[Any, str, Any]] = []

    def recording(fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append((fn, args, kwargs))
            return fn(*args, **kwargs)

        return call

    for name in _CALLERS:
        module = importlib.import_module(name)
        for cleaner in _CLEANERS:
            if hasattr(module, cleaner):
                saved.append((module, cleaner, getattr(module, cleaner)))
                setattr(module, cleaner, recording(getattr(module, cleaner)))
    try:
        parse(data, source=rel, tz=tz)
    finally:
        for module, cleaner, fn in saved:
            setattr(module, cleaner, fn)
    return calls


def _replay(calls: list[Call]) -> None:
    for fn, args, kwargs in calls:
        fn(*args, **kwargs)


def _decode(data: bytes) -> object:
    """The importer's cheapest possible decode: msgspec into plain objects (its typed
    records are about as fast; either is what any reading of the file costs)."""
    import msgspec

    from tripkit.importers.json_fast import without_bom

    return msgspec.json.decode(without_bom(data))


def bench_import_json_text_floor() -> Result:
    from tripkit.errors import ImportError_

    if not CORPUS.is_dir():
        return Result("import JSON text floor", 0.0, "ms", extra="skipped: ../shared absent")
    zone = {rel: tz for rel, tz in FILES.values() if tz}
    rows: list[tuple[float, float, str]] = []  # (cleaning ratio, decode ratio, file)
    for path in sorted(CORPUS.rglob("*.json")):
        rel = path.relative_to(CORPUS).as_posix()
        data = path.read_bytes()
        try:
            calls = _recorded_cleaning(data, rel, zone.get(rel))
        except ImportError_:
            continue  # not a schedule tripkit imports: the import bench says which
        bare = partial(json.loads, data)
        _w, (clean, base) = _alternate_both(partial(_replay, calls), bare, ROUNDS)
        _w, (decode, base2) = _alternate_both(partial(_decode, data), bare, ROUNDS)
        rows.append((clean / base, decode / base2, rel))
    over = [r for r in rows if r[0] + r[1] > TARGET]
    worst = max(rows, key=lambda r: r[0] + r[1])
    table = ", ".join(f"{rel} {c:.2f} + {d:.2f}" for c, d, rel in rows)
    return Result(
        name=f"JSON import floor (cleaning + decode), worst: {worst[2]}",
        value=worst[0] + worst[1],
        unit="x json.loads (CPU)",
        extra=f"cleaning alone + msgspec decode, each as a ratio to json.loads of the same "
        f"file (medians of {ROUNDS} alternating runs): {table}; the floor alone is over "
        f"{TARGET}x for {len(over)} of {len(rows)} files",
    )
