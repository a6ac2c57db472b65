"""Country names and time zones' cities from CLDR (Babel's locale data), kept as small
compiled copies.

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
from collections.abc import Callable
from pathlib import Path

from tripkit import __version__, paths
from tripkit.core.digest import sha256


def territory_names(lang: str) -> dict[str, str]:
    """CLDR's territory names in `lang` (code -> name), as `babel.localedata` gives them."""
    return _compiled("territories", lang, _load_territories)


def zone_cities(lang: str) -> dict[str, str]:
    """CLDR's exemplar cities in `lang` (IANA zone -> city: "Europe/Brussels" -> "ブリュッセル"),
    old names included ("Asia/Calcutta" -> the city of "Asia/Kolkata"). A zone CLDR gives no
    city for in `lang` is missing: its key's last part is the city ("Brussels" in English)."""
    return _compiled("zone-cities", lang, _load_zone_cities)


def _load_territories(lang: str) -> dict[str, str]:
    from babel import localedata

    return {str(k): str(v) for k, v in localedata.load(lang)["territories"].items()}


def _load_zone_cities(lang: str) -> dict[str, str]:
    from babel import localedata
    from babel.core import get_global

    zones = localedata.load(lang)["time_zones"]
    cities = {str(k): str(v["city"]) for k, v in zones.items() if v.get("city")}
    for old, new in get_global("zone_aliases").items():
        if new in cities:
            cities.setdefault(str(old), cities[new])
    return cities


def _compiled(what: str, lang: str, load: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """`load(lang)`, from the compiled copy when it is there and sound, else from Babel (and
    saved for the next time)."""
    cached = _cache_file(lang, what)
    if cached is not None:
        try:
            data = json.loads(cached.read_bytes())
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and all(
            type(k) is str and type(v) is str for k, v in data.items()
        ):
            return data
    names = load(lang)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass  # a read-only cache folder: Babel is asked each time, nothing else
    return names


def _cache_file(lang: str, what: str = "territories") -> Path | None:
    # Found without importing Babel (find_spec of a top-level package runs none of it).
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "locale-data"
    parts = [f"{what}|{lang}|{__version__}"]
    # The locale inherits from its parents down to root: any of them changing counts.
    for name in ("root", lang.split("_")[0], lang):
        try:
            st = (folder / f"{name}.dat").stat()
        except OSError:
            return None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    digest = sha256("|".join(parts).encode("utf-8")).hexdigest()[:32]
    return paths.cache_dir() / "compiled" / f"cldr-{digest}.json"
