"""A compiled copy of bundled data files, so that a command does not re-parse YAML it has
already validated: the checklist of a three-country trip reads six country files and the
airport catalog, ~8 ms of YAML each, against ~0.5 ms for the same model from JSON.

The copy lives in the cache folder, keyed by the file's path, size, modification time and
tripkit's version, and for the checklist rules (small files, the user's own among them) by
their content too. It was written by tripkit from a validated model, so it is read back
without validation (`tripkit.core.trusted`: building pydantic's validators for the catalog
models cost more than the rest of a checklist); a copy that cannot be rebuilt exactly
(damaged, or of another shape) is validated by pydantic instead, and one that fails that is
refused and rebuilt: any problem with the cache only means the YAML is read again.
The first read of a file always goes through the strict reader (line numbers, duplicate
keys), so a broken bundled file is still reported with its file and line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tripkit import __version__, paths

if TYPE_CHECKING:
    from pydantic import BaseModel

# pydantic and the trusted reader are imported by `load`: a lean read (`load_lean`, a cold
# checklist) does without them (issue 13).
M = TypeVar("M", bound="BaseModel")


def _cache_file(path: Path, kind: str, *, content: bool = False) -> Path | None:
    try:
        st = path.stat()
        # With `content`, the file's bytes are part of the key: an edit of the same length
        # within one tick of the file system's clock (or a copy that kept the time) is
        # still a new file, not the old copy's.
        data = hashlib.sha256(path.read_bytes()).hexdigest() if content else ""
    except OSError:
        return None
    key = f"{kind}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{__version__}|{data}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return paths.cache_dir() / "compiled" / f"{digest}.json"


def load(
    path: Path,
    model: type[M],
    strict: Callable[[], M],
    *,
    dump: Callable[[M], str] | None = None,
    content: bool = False,
) -> M:
    """`model` from `path`: the compiled copy when it is current, else `strict()` (which
    reads the YAML and raises on problems), then saved for next time, by `dump` when the
    model's default JSON would not read back (e.g. keys that must stay absent). With
    `content`, a copy is current only for the same bytes (see _cache_file)."""
    from pydantic import ValidationError

    from tripkit.core.trusted import Untrusted, trusted

    cached = _cache_file(path, model.__qualname__, content=content)
    if cached is not None:
        try:
            raw = cached.read_bytes()
        except OSError:
            raw = None
        if raw is not None:
            try:
                return trusted(model, json.loads(raw))
            except (Untrusted, ValueError, RecursionError):
                pass
            try:
                return model.model_validate_json(raw)
            except (ValidationError, ValueError):
                pass
    obj = strict()
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(dump(obj) if dump else obj.model_dump_json(), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass  # a read-only cache folder: the YAML is read each time, nothing else
    return obj


def load_lean(
    path: Path,
    name: str,
    model: Callable[[], type[M]],
    strict: Callable[[], M],
    *,
    dump: Callable[[M], str] | None = None,
    content: bool = False,
) -> Any:
    """As `load` for the model called `name` (`model()` gives its class): in a lean
    evaluation (tripkit.core.leanmode), the lean object of the current compiled copy
    (tripkit.core.lean), without pydantic; else, or when there is no current copy or it
    cannot be read lean, the model by `load` (which validates, and writes the copy)."""
    from tripkit.core import leanmode

    if leanmode.on():
        cached = _cache_file(path, name, content=content)
        if cached is not None:
            from tripkit.core import lean

            try:
                return lean.build(name, json.loads(cached.read_bytes()))
            except (OSError, ValueError, RecursionError):
                pass  # missing, damaged or of another shape: the models read it
    return load(path, model(), strict, dump=dump, content=content)
