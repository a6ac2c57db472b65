"""Country names from CLDR (Babel's locale data), kept as a small compiled copy.

Loading them through Babel imports Babel and unpickles a whole locale (every calendar,
number format and unit name) for ~250 short strings: ~50 ms, more than the rest of a
`tripkit checklist` that names one country. The names are therefore saved once as JSON in
the cache folder, keyed by the locale files' paths, sizes and modification times (a Babel
upgrade rebuilds it) and tripkit's version; a missing, damaged or unwritable copy only means
Babel is asked again.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

from tripkit import __version__, paths
from tripkit.core.digest import sha256


def territory_names(lang: str) -> dict[str, str]:
    """CLDR's territory names in `lang` (code -> name), as `babel.localedata` gives them."""
    cached = _cache_file(lang)
    if cached is not None:
        try:
            data = json.loads(cached.read_bytes())
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and all(
            type(k) is str and type(v) is str for k, v in data.items()
        ):
            return data
    from babel import localedata

    names = {str(k): str(v) for k, v in localedata.load(lang)["territories"].items()}
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass  # a read-only cache folder: Babel is asked each time, nothing else
    return names


def _cache_file(lang: str) -> Path | None:
    # Found without importing Babel (find_spec of a top-level package runs none of it).
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "locale-data"
    parts = [f"territories|{lang}|{__version__}"]
    # The locale inherits from its parents down to root: any of them changing counts.
    for name in ("root", lang.split("_")[0], lang):
        try:
            st = (folder / f"{name}.dat").stat()
        except OSError:
            return None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    digest = sha256("|".join(parts).encode("utf-8")).hexdigest()[:32]
    return paths.cache_dir() / "compiled" / f"cldr-{digest}.json"
