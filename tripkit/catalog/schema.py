"""Schemas of the curated YAML in data/. Every fact carries its sources and a review date."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from tripkit.core.models import Country, Model, Source
from tripkit.core.zoned import TimeZoneName


class LocalText(Model):
    """Text in English and Japanese. English is required; Japanese falls back to it, marked."""

    en: str = Field(min_length=1)
    ja: str = ""

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" and self.ja else self.en

    def missing(self, lang: str) -> bool:
        return lang == "ja" and not self.ja


class Sourced(Model):
    sources: list[Source] = Field(min_length=1)
    reviewed: date


class AuthorisationScheme(Sourced):
    """An electronic travel authorisation or visa waiver scheme (ESTA, eTA, UK ETA, ETIAS...)."""

    id: str  # the `kind` a traveller's Authorisation uses, e.g. "ESTA"
    name: LocalText
    destinations: list[Country] = Field(min_length=1)  # countries it admits you to
    required_for: list[Country] = Field(default_factory=list)  # citizenships that need it
    status: Literal["in_force", "planned"] = "in_force"
    in_force_from: date | None = None
    official_url: str
    validity_years: int = Field(ge=0, le=20)  # 0: single trip / varies
    tied_to_passport: bool = True  # a new passport needs a new authorisation
    apply_hours_before: int = Field(default=72, ge=0)
    needs_e_passport: bool = False
    max_stay_days: int | None = None
    permits: LocalText | None = None  # what it allows (conference attendance...)
    fee: LocalText | None = None
    asks_for: LocalText | None = None  # what the application asks (parents' names...)
    warning: LocalText | None = None  # e.g. paid look-alike sites
    visa_fallback: LocalText  # what to do if not eligible / refused
    ineligible_if_visited: list[Country] = Field(default_factory=list)
    ineligible_since: dict[str, date] = Field(default_factory=dict)  # country -> date


class PassportRule(Sourced):
    """How long a passport must stay valid to enter."""

    months_beyond_stay: int = Field(default=6, ge=0, le=24)
    exempt: list[Country] = Field(default_factory=list)  # e.g. the US "Six-Month Club"
    exempt_rule: LocalText | None = None  # what exempt travellers need instead
    note: LocalText | None = None


class Emergency(Sourced):
    number: str
    note: LocalText


class CountryEntry(Model):
    """Entry facts for one destination country."""

    code: Country
    name: LocalText
    tz: TimeZoneName | None = None  # a representative zone (countries may span several)
    emergency: Emergency
    passport: PassportRule
    authorisations: list[AuthorisationScheme] = Field(default_factory=list)
