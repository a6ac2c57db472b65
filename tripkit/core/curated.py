"""The shapes of the curated YAML in data/ (pure data models, no I/O: tripkit.catalog reads
the files). Every fact carries its sources and a review date."""

# Annotations are evaluated as written (no `from __future__ import annotations`): see
# tripkit.core.models.

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from tripkit.core.modellogic import AuthorisationSchemeLogic, LocalTextLogic
from tripkit.core.models import Country, Iata, Model, Slug, Source, full_address
from tripkit.core.zoned import TimeZoneName

# What a border asks of a traveller. `unknown` is never written in data: it is what the
# engine says when neither a curated rule nor the dataset has the pair.
Requirement = Literal[
    "none",
    "visa-free",
    "eta",
    "e-visa",
    "visa-on-arrival",
    "visa",
    "no-admission",
]
REQUIREMENTS: tuple[str, ...] = (
    "none",
    "visa-free",
    "eta",
    "e-visa",
    "visa-on-arrival",
    "visa",
    "no-admission",
)


def _full_source(src: Source) -> Source:
    full_address(src.url)
    return src


# A source in the curated data (data/, user overlays and rules): its address must be a full
# page address - a bare domain (https://www.cbp.gov) tells a reader nothing they can check.
DataSource = Annotated[Source, AfterValidator(_full_source)]


def _citizenship(code: str) -> str:
    """An ISO 3166 alpha-2 code, or "*" for every citizenship not named by another rule."""
    if code == "*":
        return code
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise ValueError(f"{code!r} is not a two-letter ISO 3166 country code or '*'")
    return code.upper()


CitizenshipOrAll = Annotated[str, AfterValidator(_citizenship)]

# How a border is crossed, as a rule's source words it: "an ESTA is required before boarding
# by air or sea", "an eTA for travellers flying to Canada (not for land or sea)".
ArrivalBy = Literal["air", "land", "sea"]


class LocalText(LocalTextLogic, Model):
    """Text in English and Japanese. English is required; Japanese falls back to it, marked."""

    en: str = Field(min_length=1)
    ja: str = ""


class Sourced(Model):
    sources: list[DataSource] = Field(min_length=1)
    reviewed: date


class TransitRule(Sourced):
    """Whether a scheme is needed when the traveller only changes planes in the country."""

    needed: bool
    note: LocalText | None = None  # what exactly the source says (airside only...)


class AuthorisationScheme(AuthorisationSchemeLogic, Sourced):
    """An electronic travel authorisation or visa waiver scheme (ESTA, eTA, UK ETA, ETIAS...)."""

    id: str  # the `kind` a traveller's Authorisation uses, e.g. "ESTA"
    name: LocalText
    destinations: list[Country] = Field(min_length=1)  # countries it admits you to
    required_for: list[Country] = Field(default_factory=list)  # citizenships that need it
    # What kind of step it is: an authorisation applied for online (ESTA), a visa, a
    # registration done at the border (EES), or an arrival card (SG Arrival Card).
    kind: Literal["authorisation", "visa", "registration", "arrival-card"] = "authorisation"
    requirement: Requirement | None = None  # what it counts as (eta, e-visa...); None: eta
    status: Literal["in_force", "planned"] = "in_force"
    status_date: date | None = None  # the date the status was last stated by a source
    status_note: LocalText | None = None  # e.g. "planned for the last quarter of 2026"
    in_force_from: date | None = None
    in_force_until: date | None = None  # e.g. an exemption period ending
    exempt_citizenships: list[Country] = Field(default_factory=list)  # never need it
    # Documents that make the scheme unnecessary (e.g. "US-green-card", "US-visa"): matched
    # against the `kind` of the traveller's held authorisations / residence permits.
    exempt_if_holds: list[str] = Field(default_factory=list)
    lead_days: int | None = Field(default=None, ge=0, le=365)  # apply this many days ahead
    official_url: str
    validity_years: int = Field(ge=0, le=20)  # 0: single trip / varies
    tied_to_passport: bool = True  # a new passport needs a new authorisation
    # Its validity is a window to enter in, as its sources say ("enter any time within 12
    # months ... stay up to 3 months per visit"): valid on the day of arrival, it covers the
    # stay. False: tripkit has no source on whether it must last until the traveller leaves
    # (the checklist then says so rather than fail it; tripkit.core.documents).
    entry_window: bool = False
    apply_hours_before: int = Field(default=72, ge=0)
    needs_e_passport: bool = False
    max_stay_days: int | None = None
    permits: LocalText | None = None  # what it allows (conference attendance...)
    fee: LocalText | None = None
    asks_for: LocalText | None = None  # what the application asks (parents' names...)
    warning: LocalText | None = None  # e.g. paid look-alike sites
    visa_fallback: LocalText | None = None  # what to do if not eligible / refused
    ineligible_if_visited: list[Country] = Field(default_factory=list)
    ineligible_since: dict[str, date] = Field(default_factory=dict)  # country -> date
    # Holding one of these citizenships too bars the scheme, whichever passport is used (the
    # VWP for dual nationals of Cuba): a visa is needed instead.
    ineligible_if_citizen: list[Country] = Field(default_factory=list)
    # Needed when a flight only connects in the country (ESTA, Canada eTA)? None: tripkit
    # has no sourced rule, and a connection there is not treated as needing it.
    transit: TransitRule | None = None
    # As EntryRule.arrival_by: the scheme is required for these ways of arriving only.
    arrival_by: list[ArrivalBy] = Field(default_factory=list)


class PassportRule(Sourced):
    """How long a passport must stay valid to enter."""

    # None: tripkit has no sourced rule for that country (never "0 months", which would be a
    # claim); `note` then says what to check and where.
    months_beyond_stay: int | None = Field(default=None, ge=0, le=24)
    # Schengen: valid 3 months beyond the intended departure, issued within 10 years.
    months_beyond_departure: int | None = Field(default=None, ge=0, le=24)
    # Valid at least this many months on the day of arrival (Taiwan: "on entry"; India's
    # e-Visa: "at application/arrival"): counted from arrival, not from the end of the stay,
    # which would over-ask by the stay's length. The passport must last the stay as well.
    months_on_arrival: int | None = Field(default=None, ge=0, le=24)
    # The source gives `months_on_arrival` without saying from when they count (Singapore's
    # ICA: "at least 6 months"): that many months on arrival is certain; a passport that has
    # them on arrival but not past the stay is "unknown", never "renew" nor "in order".
    months_start_unstated: bool = False
    issued_within_years: int | None = Field(default=None, ge=1, le=30)
    valid_for_stay: bool = False  # the sourced rule is "valid for the whole stay" (UK, JP)
    exempt: list[Country] = Field(default_factory=list)  # e.g. the US "Six-Month Club"
    exempt_rule: LocalText | None = None  # what exempt travellers need instead
    # The sources name only some of the exempt citizenships (the US Six-Month Club: Japan is
    # named, the rest of the list is not in tripkit's sources). For a citizenship not named,
    # whether the longer rule applies is then unknown, never "renew your passport".
    exempt_list_partial: bool = False
    note: LocalText | None = None


class Emergency(Sourced):
    number: str
    note: LocalText


class EntryRule(Sourced):
    """A curated, sourced rule for some citizenships entering this country. It beats the
    Passport Index dataset for those citizenships (between valid_from and valid_until)."""

    citizenships: list[CitizenshipOrAll] = Field(min_length=1)  # ["*"]: everyone else
    requirement: Requirement
    scheme: str | None = None  # id of an AuthorisationScheme (here or in the area)
    max_stay_days: int | None = Field(default=None, ge=1, le=3650)
    valid_from: date | None = None
    valid_until: date | None = None
    conditional: bool = False  # holds only under conditions the note states (eTA-X...)
    # Document kinds, one of which (valid on arrival) meets the condition of a `conditional`
    # rule (Canada's eTA for Mexicans: a US visa). None held: tripkit cannot tell whether the
    # rule applies (a past visa it does not know of may meet it), so the border is unknown.
    condition_holds: list[str] = Field(default_factory=list)
    # The rule holds only for a passport with a chip (Japan's exemptions for Brazil and
    # Thailand): a traveller whose passport is recorded as not an e-passport needs a visa.
    needs_e_passport: bool = False
    note: LocalText | None = None
    # The ways of arriving the rule's source speaks of; empty: every way. A border crossed
    # another way is judged by another rule, or is unknown (never this rule).
    arrival_by: list[ArrivalBy] = Field(default_factory=list)
    # The rule is for attending the trip's conference in this country (India's Conference
    # visa): a border into it for another reason (a connection, a stop on the way to a
    # conference elsewhere) is not judged by it (tripkit.services.entry.verdicts).
    conference_here: bool = False


class TransitCitizenRule(Model):
    citizenships: list[CitizenshipOrAll] = Field(min_length=1)
    requirement: Requirement
    scheme: str | None = None
    note: LocalText | None = None
    sources: list[DataSource] = Field(default_factory=list)  # default: the transit's sources


class TransitFacts(Sourced):
    """Changing planes in this country without entering it."""

    airside: Literal["allowed", "not-allowed", "unknown"] = "unknown"
    airports: list[Iata] = Field(default_factory=list)  # where airside transit exists (UK)
    rules: list[TransitCitizenRule] = Field(default_factory=list)
    note: LocalText | None = None


class Preclearance(Sourced):
    """Airports abroad where this country's border is crossed before boarding (US)."""

    airports: list[Iata] = Field(min_length=1)
    note: LocalText | None = None


class ResidentReentry(Sourced):
    """What a foreign resident of this country needs to come back (Japan's みなし再入国)."""

    name: LocalText
    note: LocalText
    official_url: str = ""
    max_days: int | None = None  # e.g. 365 for Japan's special re-entry permit


class CountryEntry(Model):
    """Entry facts for one destination country."""

    code: Country
    name: LocalText
    tz: TimeZoneName | None = None  # a representative zone (countries may span several)
    area: Literal["schengen"] | None = None  # a border area entered once (data/areas)
    emergency: Emergency
    passport: PassportRule
    authorisations: list[AuthorisationScheme] = Field(default_factory=list)
    entry: list[EntryRule] = Field(default_factory=list)
    transit: TransitFacts | None = None
    preclearance: Preclearance | None = None
    resident_reentry: ResidentReentry | None = None


# --- Border areas, registration services, the world dataset -----------------------------


class StayRule(Sourced):
    max_days: int = Field(ge=1)  # 90
    window_days: int = Field(ge=1)  # in any 180
    note: LocalText | None = None


class AirportTransitVisa(Sourced):
    """Nationalities that need a visa even to change planes airside in the area."""

    citizenships: list[Country] = Field(min_length=1)
    note: LocalText | None = None


class EnteredBeforeDeparture(Sourced):
    """Juxtaposed controls: on the ground from these countries, the area's border is passed
    where the leg starts, before departure, on their soil (Eurostar at London St Pancras)."""

    from_countries: list[Country] = Field(min_length=1)
    note: LocalText


class AreaEntry(Sourced):
    """A border area (data/areas/<id>.yaml): its members are entered once, at the first
    member airport, and internal flights cross no border."""

    id: Slug
    name: LocalText
    members: list[Country] = Field(min_length=2)
    short_stay: StayRule | None = None
    authorisations: list[AuthorisationScheme] = Field(default_factory=list)  # EES, ETIAS
    entry: list[EntryRule] = Field(default_factory=list)  # rules for every member
    airport_transit_visa: AirportTransitVisa | None = None
    passport: PassportRule | None = None  # the area's rule (members may repeat it)
    note: LocalText | None = None
    entered_before_departure: EnteredBeforeDeparture | None = None  # juxtaposed controls


class RegistrationService(Sourced):
    """A government's trip-registration service for its citizens (たびレジ, STEP...)."""

    citizenship: Country
    name: LocalText
    url: str = ""  # empty: the service has no pre-trip registration (the note says so)
    note: LocalText | None = None


class RegistrationFile(Model):
    services: list[RegistrationService] = Field(min_length=1)


class WorldOrigin(Model):
    repository: str = Field(min_length=1)
    path: str = ""
    commit: str = ""
    continues: str = ""  # the project it continues
    scraped_from: str = ""


class WorldDataset(Sourced):
    """data/world/passport-index.yaml: what the bundled matrix is and where it comes from."""

    name: LocalText
    file: str = "passport-index.tsv"
    origin: WorldOrigin | None = None
    licence: str = Field(min_length=1)  # e.g. "MIT"
    licence_file: str = "LICENSE"  # beside the matrix
    last_updated: str = Field(min_length=1)  # as the dataset states it: "17 February 2026"
    as_of: date  # the same date, machine-readable
    tokens: dict[str, str] = Field(default_factory=dict)  # documentation of the cells
    note: LocalText | None = None
