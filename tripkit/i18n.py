"""User-interface language: gettext catalogs, English text as the msgid.

The Japanese catalog is tripkit/locale/ja/LC_MESSAGES/tripkit.po (edited with Babel's tools,
or merged from YAML by tools/i18n_yaml_to_po.py) compiled to tripkit.mo, which is what runs:
the stdlib reads a .mo in a few milliseconds, with no YAML parser to import at start-up. A
string missing from the catalog falls back to English instead of failing.

Errors and warnings built from a msgid and values (`tripkit.errors.Msg`) are rendered in the
user's language at the edge (CLI, TUI) by `render`.
"""

from __future__ import annotations

import gettext
import locale
import os
from datetime import timedelta
from functools import cache
from pathlib import Path

from tripkit.core.langs import LANGS, Lang
from tripkit.errors import Msg, TripkitError

DOMAIN = "tripkit"
_LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    path = _LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:  # no catalog for this language: English rather than a failure
        return gettext.NullTranslations()


def tr(text: str, lang: str, /, **values: object) -> str:
    """`text` (English) in `lang`, with {placeholders} filled from `values`."""
    # "" is gettext's key for the catalog's header: an empty label stays empty.
    out = _translations(lang).gettext(text) if text and lang != "en" else text
    return out.format(**values) if values else out


def trn(singular: str, plural: str, n: int, lang: str, /, **values: object) -> str:
    """The form of `singular`/`plural` (English) that fits `n`, in `lang`; {n} is `n` unless
    `values` says otherwise ("1 session", "2 sessions"; Japanese has one form: 「2件」)."""
    out = _translations(lang).ngettext(singular, plural, n)
    return out.format(**{"n": n, **values})


def has_translation(text: str, lang: str) -> bool:
    if lang == "en":
        return True
    catalog: dict[object, str] = getattr(_translations(lang), "_catalog", {})
    return text in catalog or (text, 0) in catalog


def render(message: object, lang: str) -> str:
    """An error, a `Msg` or plain text in `lang`: keyed messages are translated with their
    values (themselves rendered first: a `Msg` naming the place "f: line 3"); plain text is
    looked up as it is, so a sentence without placeholders still finds its translation."""
    if isinstance(message, TripkitError):
        text = render(message.msg, lang)
        if message.where is None:
            return text
        return tr("{where}: {message}", lang, where=render(message.where, lang), message=text)
    if isinstance(message, Msg):
        values = {
            k: render(v, lang) if isinstance(v, Msg) else v for k, v in message.values.items()
        }
        if message.plural is not None:
            return trn(message.msgid, message.plural, message.n, lang, **values)
        return tr(message.msgid, lang, **values)
    return tr(str(message), lang)


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


def format_duration(length: timedelta, lang: str) -> str:
    """A length of time by locale, to the minute: "11 h 5 min" in English, 「11時間5分」 in
    Japanese, with no zero parts ("45 min", 「3時間」) as a writer of either says it; the
    binder and the calendar spell flight times the same way."""
    minutes = round(length.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    h, m = ("{}時間", "{}分") if lang == "ja" else ("{} h", "{} min")
    sep = "" if lang == "ja" else " "
    parts = ([h.format(hours)] if hours else []) + ([m.format(rest)] if rest or not hours else [])
    return sep.join(parts)
