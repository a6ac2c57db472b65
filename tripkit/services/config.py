"""Typed settings: the keys a user may set with `tripkit config set`, their types, defaults.

The store keeps settings as text under string keys (other areas keep private records there,
e.g. the .ics SEQUENCE records); this model is the one place that says which keys are the
user's configuration and what values they take. A value is validated when it is set; a bad
value already stored (by hand, by an older tripkit) reads as the default instead of failing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tripkit.errors import DataError
from tripkit.services.guide import DEFAULT_MAX_AGE_MONTHS, MAX_AGE_SETTING
from tripkit.store import Store


class Config(BaseModel):
    """The user's configuration. Field aliases are the keys stored and typed by the user."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True)

    lang: Literal["en", "ja"] | None = Field(
        None, description="Language of the output (default: TRIPKIT_LANG, then the locale)."
    )
    tui_theme: str = Field(
        "textual-dark",
        alias="tui.theme",
        min_length=1,
        max_length=100,
        description="Colour theme of the interactive app.",
    )
    guide_max_age_months: int = Field(
        DEFAULT_MAX_AGE_MONTHS,
        alias=MAX_AGE_SETTING,
        ge=1,
        le=1200,
        description="Guide notes reviewed longer ago than this many months are marked stale.",
    )


FIELDS: dict[str, str] = {(info.alias or name): name for name, info in Config.model_fields.items()}


def _key(key: str) -> str:
    if key not in FIELDS:
        raise DataError(
            "unknown setting {key!r}; the settings are: {choices}",
            key=key,
            choices=", ".join(FIELDS),
        )
    return FIELDS[key]


def describe(key: str) -> str:
    return Config.model_fields[_key(key)].description or ""


def load(store: Store) -> Config:
    """The configuration from the store; a stored value that does not validate is ignored."""
    values: dict[str, Any] = {}
    for key, name in FIELDS.items():
        raw = store.get_setting(key)
        if raw is None or raw == "":
            continue
        try:
            values[name] = getattr(Config.model_validate({key: raw}), name)
        except ValidationError:
            continue
    return Config.model_validate(values)


def get(store: Store, key: str) -> Any:
    return getattr(load(store), _key(key))


def set_value(store: Store, key: str, value: str) -> Any:
    """Validate and store `value` for `key`; returns the typed value."""
    name = _key(key)
    try:
        typed = getattr(Config.model_validate({key: value}), name)
    except ValidationError as exc:
        msg = exc.errors()[0].get("msg", "invalid value")
        raise DataError(
            "{value!r} is not a valid value for {key}: {detail}", value=value, key=key, detail=msg
        ) from None
    store.set_setting(key, "" if typed is None else str(typed))
    return typed


def unset(store: Store, key: str) -> None:
    _key(key)
    store.settings.delete(key)


def as_dict(store: Store) -> dict[str, Any]:
    cfg = load(store)
    return {key: getattr(cfg, name) for key, name in FIELDS.items()}
