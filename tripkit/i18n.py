"""User-interface language: English text is the key, Japanese comes from tripkit/locale/ja/*.yaml.

Each area of tripkit keeps its own catalog file (cli.yaml, tui.yaml, export.yaml...), all merged
here, so that a missing translation falls back to English instead of failing.
"""

from __future__ import annotations

import locale
import os
from functools import cache
from pathlib import Path

from tripkit.core.langs import LANGS, Lang

_LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _catalog(lang: str) -> dict[str, str]:
    import yaml  # deferred: only needed once a translated string is asked for

    merged: dict[str, str] = {}
    folder = _LOCALE_DIR / lang
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            # libyaml's safe loader when present: ~15x faster, and the Japanese TUI reads
            # these files before its first frame.
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506
            merged.update({str(k): str(v) for k, v in data.items()})
    return merged


def tr(text: str, lang: str, /, **values: object) -> str:
    """`text` (English) in `lang`, with {placeholders} filled from `values`."""
    out = _catalog(lang).get(text, text) if lang != "en" else text
    return out.format(**values) if values else out


def has_translation(text: str, lang: str) -> bool:
    return lang == "en" or text in _catalog(lang)


def resolve_lang(
    explicit: str | None = None, configured: str | None = None, traveller: str | None = None
) -> Lang:
    """--lang, then the config setting, then TRIPKIT_LANG, then the language of the trip's
    traveller, then the locale; English otherwise."""
    for candidate in (explicit, configured, os.environ.get("TRIPKIT_LANG"), traveller):
        if candidate in LANGS:
            return candidate  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ja" if loc.lower().startswith("ja") else "en"


@cache
def _territories(lang: str) -> dict[str, str]:
    # Babel's CLDR data, loaded only when a country name is asked for (~40 ms, not at
    # start-up), and then from a compiled copy (tripkit.cldr).
    from tripkit.cldr import territory_names

    return territory_names(lang)


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` from CLDR (JP → "Japan" / "日本"); the code if CLDR has none.

    Japanese sentences must never carry an ASCII code ("開催国: US") or an English name.
    """
    code = code.upper()
    if lang not in LANGS:
        lang = "en"
    return _territories(lang).get(code, code)
