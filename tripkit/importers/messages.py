"""Importer messages in the user's language.

Errors and warnings are composed in English where they happen (with the values that make
them useful). `localise` turns such a finished English message into Japanese by matching it
against the templates in ``tripkit/locale/ja/importers.yaml`` (the English keys there are the
exact templates, ``{name}`` standing for a value). A message without a template stays English.
Callers (CLI, TUI) use it on ``ImportError_.message`` and on each of ``Schedule.warnings``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_CATALOG = Path(__file__).resolve().parent.parent / "locale" / "ja" / "importers.yaml"
_PLACEHOLDER = re.compile(r"\\\{([a-z_]+)\\\}")


@cache
def _templates(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    if lang != "ja" or not _CATALOG.is_file():
        return ()
    import yaml

    data = yaml.safe_load(_CATALOG.read_text(encoding="utf-8")) or {}
    out = []
    for english, translated in data.items():
        pattern = _PLACEHOLDER.sub(r"(?P<\1>.*?)", re.escape(str(english)))
        out.append((re.compile(pattern, re.S), str(translated)))
    return tuple(out)


def localise(message: str, lang: str) -> str:
    """`message` (an importer's English message) in `lang`; unchanged when no template fits."""
    for pattern, translated in _templates(lang):
        m = pattern.fullmatch(message)
        if m:
            return translated.format(**m.groupdict())
    return message
