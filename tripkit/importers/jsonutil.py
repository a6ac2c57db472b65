"""Reading untrusted JSON values: every accessor tolerates the wrong type instead of crashing."""

from __future__ import annotations

import json
from typing import Any


def text_of(value: Any, langs: tuple[str, ...] = ("en",)) -> str:
    """A scalar as text; a localised {"en": ..., "de": ...} picks English, else the first."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for lang in langs:
            if isinstance(value.get(lang), str):
                return str(value[lang])
        for v in value.values():
            if isinstance(v, str):
                return v
    return ""


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def key_text(value: Any) -> str:
    """An identifier (str or number) as text; anything else is no identifier."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int):
        return str(value)
    return ""


def q(name: str) -> str:
    """A JSON-path member selector: rooms["Saal 1"]."""
    return f"[{json.dumps(name, ensure_ascii=False)}]"
