"""The logic of the curated and rule models (tripkit.core.curated, tripkit.core.rules,
tripkit.catalog.airports), shared with their lean twins (tripkit.core.lean): written once,
in mixins the models inherit, without pydantic (a cold checklist reads the catalogs and the
rules as lean objects, issue 13)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the shapes the mixins read (for mypy; no classes built at run time)
    from typing import Protocol

    class _Bilingual(Protocol):
        @property
        def en(self) -> str: ...
        @property
        def ja(self) -> str: ...

    class _Transit(Protocol):
        @property
        def needed(self) -> bool: ...

    class _Scheme(Protocol):
        @property
        def transit(self) -> _Transit | None: ...

    class _Condition(Protocol):
        @property
        def model_fields_set(self) -> set[str]: ...
        @property
        def key(self) -> str: ...

    class _Due(Protocol):
        @property
        def before(self) -> str | None: ...
        @property
        def after(self) -> str | None: ...


# A place name as it may be shown: letters (any script), digits, spaces and the punctuation of
# place names ("Dallas/Fort Worth", 「ケルン・ボン」), at most 80 characters. Anything else
# (markup, control or bidi characters, mojibake "?") is no place name: the curated file is
# refused with its line, a library row is not shown.
_PLACE = re.compile(r"[^\W_](?:[^\W_]|[ '.,()/\u30fb-])*")
_PLACE_MAX = 80


def place_name(text: str) -> str:
    """`text` when it may be shown as a place name, else ValueError (the models' PlaceName
    check, and the airportsdata library's cities held to the same bar)."""
    if len(text) > _PLACE_MAX:
        raise ValueError(f"a place name of at most {_PLACE_MAX} characters, not {len(text)}")
    if not _PLACE.fullmatch(text):
        raise ValueError(
            f"{text!r} is not a plain place name (letters, digits, spaces and ' . , ( ) / - ・)"
        )
    return text


class LocalTextLogic:
    """tripkit.core.curated.LocalText: English required, Japanese falls back to it."""

    __slots__ = ()

    def get(self: _Bilingual, lang: str) -> str:
        return self.ja if lang == "ja" and self.ja else self.en

    def missing(self: _Bilingual, lang: str) -> bool:
        return lang == "ja" and not self.ja


class AirportCityLogic:
    """tripkit.catalog.airports.AirportCity: both names are required."""

    __slots__ = ()

    def get(self: _Bilingual, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


class AuthorisationSchemeLogic:
    """tripkit.core.curated.AuthorisationScheme."""

    __slots__ = ()

    @property
    def needed_in_transit(self: _Scheme) -> bool:
        return self.transit is not None and self.transit.needed


class ConditionLogic:
    """tripkit.core.rules.Condition: exactly one key, a combinator or a predicate."""

    __slots__ = ()

    @property
    def key(self: _Condition) -> str:
        for name in self.model_fields_set:
            return "not" if name == "not_" else name
        raise ValueError("empty condition")  # pragma: no cover - the validator forbids it

    @property
    def value(self: _Condition) -> Any:
        return getattr(self, "not_" if self.key == "not" else self.key)


_DURATION = re.compile(r"^\s*(\d{1,4})\s*(m|h|d|w)\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    m = _DURATION.match(str(text))
    if not m:
        raise ValueError(f"{text!r} is not a duration like 90m, 72h, 14d or 2w")
    return timedelta(**{_UNITS[m[2]]: int(m[1])})


class DueLogic:
    """tripkit.core.rules.Due: a deadline relative to an anchor."""

    __slots__ = ()

    @property
    def in_days(self: _Due) -> bool:
        """Whether the offset counts calendar days/weeks (kept at the same wall-clock time)."""
        text = self.before or self.after or ""
        return text.strip()[-1:] in ("d", "w")

    @property
    def offset(self: _Due) -> timedelta:
        if self.before is not None:
            return -parse_duration(self.before)
        if self.after is not None:
            return parse_duration(self.after)
        return timedelta(0)
