"""The models of two compiled copies (tripkit.catalog.compiled): a city file's names
(tripkit.catalog.city_names) and a rule file as validated (tripkit.catalog.rules). Their own
module, imported when such a file is validated: a lean evaluation (tripkit.core.lean) reads
the copies without pydantic (issue 13)."""

from __future__ import annotations

from pydantic import Field

from tripkit.core.curated import LocalText
from tripkit.core.models import Country, Model, Slug
from tripkit.core.rules import Rule


class CityNames(Model):
    """What names a city, of its guide file (tripkit.core.curated_guide.CityGuide): its id,
    names, country and the airports it serves."""

    id: Slug
    name: LocalText
    country: Country
    airports: list[str] = []


class _RuleFileCopy(Model):
    """One rule file as validated, with where each rule was written ("file:line"): what the
    compiled cache (tripkit.catalog.compiled) keeps, so that a command reads JSON, not YAML."""

    rules: list[Rule] = Field(default_factory=list)
    wheres: list[str] = Field(default_factory=list)
