"""Checklist rules as data: the condition tree, deadlines and the rule itself.

A rule is data, never code: when it applies is a small AND/OR/NOT tree of named predicates
(no eval), and its deadline is an offset from a trip anchor ("72h before departure").
These are the shapes only; tripkit.catalog.rules reads them from data/checklists/*.yaml and
tripkit.core.checklist evaluates them.
"""

# Annotations are evaluated as written (no `from __future__ import annotations`): see
# tripkit.core.models. A condition contains conditions: those are quoted.

import string
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from tripkit.core.anchors import ANCHOR_NAMES
from tripkit.core.curated import DataSource, LocalText
from tripkit.core.modellogic import ConditionLogic, DueLogic
from tripkit.core.modellogic import parse_duration as parse_duration
from tripkit.core.models import PHASES, Country, Model, Phase, Slug

# --- conditions ----------------------------------------------------------------------------

# Predicate name -> what its value must be (said in errors) ; the engine defines their meaning.
PREDICATES: dict[str, str] = {
    "citizenship_in": "a list of country codes",
    "home_country_in": "a list of country codes",
    "destination_in": "a list of country codes",
    "departs_from": "a list of country codes",
    "venue_city_in": "a list of city ids (e.g. san-francisco)",
    "abroad": "true or false",
    "crosses_border": "true or false",
    "has_flights": "true or false",
    "has_ground_legs": "true or false",
    "may_fly": "true or false",
    "has_stays": "true or false",
    "has_connection": "true or false",
    "has_connection_in_destination": "true or false",
    "has_badge_pickup": "true or false",
    "e_passport": "true or false",
    "authorisation_required": "true or false",
    "authorisation_needed": "an authorisation kind (e.g. ESTA)",
    "holds_valid_authorisation": "an authorisation kind (e.g. ESTA)",
    "time_difference_over": "a number of hours",
    "travel_direction": "east or west",
    "stay_days_at_least": "a number of days",
}
_COMBINATORS = ("all", "any", "not")


class Condition(ConditionLogic, Model):
    """Exactly one key: a combinator (all / any / not) or a predicate."""

    all: "list[Condition] | None" = Field(default=None, min_length=1)
    any: "list[Condition] | None" = Field(default=None, min_length=1)
    not_: "Condition | None" = Field(default=None, alias="not")
    citizenship_in: list[Country] | None = Field(default=None, min_length=1)
    home_country_in: list[Country] | None = Field(default=None, min_length=1)
    destination_in: list[Country] | None = Field(default=None, min_length=1)
    departs_from: list[Country] | None = Field(default=None, min_length=1)
    venue_city_in: list[str] | None = Field(default=None, min_length=1)
    abroad: bool | None = None
    crosses_border: bool | None = None  # an immigration check on the route (not Schengen-internal)
    has_flights: bool | None = None
    has_ground_legs: bool | None = None  # legs by train, coach, car or ferry
    # flies, or may: the trip has flights, or does not say yet how the traveller travels
    may_fly: bool | None = None
    has_stays: bool | None = None
    has_connection: bool | None = None
    has_connection_in_destination: bool | None = None
    has_badge_pickup: bool | None = None
    e_passport: bool | None = None
    authorisation_required: bool | None = None  # any scheme, to enter or to connect
    # this scheme, to enter the destination or to change planes in its country
    authorisation_needed: str | None = Field(default=None, min_length=1, max_length=40)
    holds_valid_authorisation: str | None = Field(default=None, min_length=1, max_length=40)
    time_difference_over: float | None = Field(default=None, ge=0, le=26)
    travel_direction: Literal["east", "west"] | None = None
    stay_days_at_least: int | None = Field(default=None, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _one_key(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("a condition is a mapping with one key: all, any, not, or a predicate")
        unknown = [k for k in value if k not in PREDICATES and k not in _COMBINATORS]
        if unknown:
            raise ValueError(
                f"unknown predicate {unknown[0]!r}; known: "
                + ", ".join([*_COMBINATORS, *PREDICATES])
            )
        if len(value) != 1:
            raise ValueError(
                f"a condition has exactly one key, this one has {len(value)} "
                f"({', '.join(map(str, value))}); combine them with all: [...]"
            )
        key, inner = next(iter(value.items()))
        if inner is None:
            raise ValueError(f"{key} needs a value: {PREDICATES.get(key, 'a condition')}")
        return value


# --- deadlines -----------------------------------------------------------------------------


class Due(DueLogic, Model):
    """A deadline relative to an anchor: `before` or `after` it (or at it, with neither)."""

    anchor: str
    before: str | None = None
    after: str | None = None

    @field_validator("anchor")
    @classmethod
    def _known_anchor(cls, value: str) -> str:
        if value not in ANCHOR_NAMES:
            raise ValueError(f"unknown anchor {value!r}; known: {', '.join(ANCHOR_NAMES)}")
        return value

    @field_validator("before", "after")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            parse_duration(value)
        return value

    @model_validator(mode="after")
    def _one_side(self) -> "Due":
        if self.before is not None and self.after is not None:
            raise ValueError("give either before or after, not both")
        return self


# --- rules ---------------------------------------------------------------------------------

CHECKS = ("passport", "authorisation", "e_passport", "visa", "flights", "stays", "journey")
Check = Literal["passport", "authorisation", "e_passport", "visa", "flights", "stays", "journey"]

# Placeholders a rule's text may use; the engine fills them from the trip and the catalog.
PLACEHOLDERS = (
    "destination",
    "destination_code",
    "city",
    "venue",
    "conference",
    "port_of_entry",
    "scheme",
    "official_url",
    "home_country",
)


class Rule(Model):
    id: Slug
    phase: Phase
    kind: Literal["fact", "reminder"] = "fact"
    title: LocalText
    details: LocalText | None = None
    due: Due | None = None
    when: Condition | None = None
    check: Check | None = None
    depends_on: list[Slug] = Field(default_factory=list)
    sources: list[DataSource] = Field(default_factory=list)

    @field_validator("phase", mode="before")
    @classmethod
    def _known_phase(cls, value: Any) -> Any:
        if value not in PHASES:
            raise ValueError(f"unknown phase {value!r}; known: {', '.join(PHASES)}")
        return value

    @field_validator("title", "details")
    @classmethod
    def _placeholders(cls, value: LocalText | None) -> LocalText | None:
        for text in (value.en, value.ja) if value else ():
            try:
                fields = [
                    (f, spec, conv)
                    for _, f, spec, conv in string.Formatter().parse(text)
                    if f is not None
                ]
            except ValueError as exc:
                raise ValueError(
                    f"bad braces in text ({exc}); write {{{{ for a literal brace"
                ) from None
            for name, spec, conv in fields:
                if spec or conv:
                    # {city:>999999999} would build a huge string: only plain names are allowed.
                    raise ValueError(f"placeholder {{{name}}} takes no format or conversion")
                if name not in PLACEHOLDERS:
                    raise ValueError(
                        f"unknown placeholder {{{name}}}; known: "
                        + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                    )
        return value

    @model_validator(mode="after")
    def _facts_have_sources(self) -> "Rule":
        # A check's facts come from the catalog entry it reads, whose sources are attached.
        if self.kind == "fact" and not self.sources and self.check is None:
            raise ValueError(
                "a rule stating a fact needs sources (or kind: reminder if it states none)"
            )
        if self.id in self.depends_on:
            raise ValueError("a rule cannot depend on itself")
        return self


class RuleFile(Model):
    rules: list[Rule] = Field(default_factory=list)
