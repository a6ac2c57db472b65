"""What each border asks of one traveller: the requirement, the scheme, and whether what the
traveller holds covers it. Pure: the curated facts (CountryEntry, AreaEntry) and the world
dataset come in as arguments; nothing here reads files or translates text. The service
(tripkit.services.entry) renders the result in the user's language.

Order of trust, per (citizenship, destination):
1. a citizen (or a member of the border area) needs nothing;
2. a curated, sourced `entry` rule for the citizenship (the country's, then the area's);
3. a curated scheme whose `required_for` names the citizenship (ESTA for VWP citizens);
4. the Passport Index dataset: secondary, shown with its date;
5. otherwise `unknown` - never "not required".
A rule or scheme whose source speaks of some ways of arriving only (`arrival_by`: an ESTA
"before boarding by air or sea") does not judge a border crossed another way; when it was
the one that named the citizenship, that border is `unknown` (not the dataset's answer,
which does not tell ways of arriving apart), unless a rule for that way says otherwise.
A border crossed a way tripkit does not know (`by` None) is judged by every rule.
A scheme the traveller cannot use (travel-history bar, no e-passport) turns the border into
a visa requirement, never an instruction to apply for that scheme.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from tripkit.core.record import Record, field, replace
from tripkit.core.route import Border

if TYPE_CHECKING:
    from tripkit.core.models import Authorisation, Passport, Source, Traveller, Visit

if TYPE_CHECKING:  # types only: the core takes the curated facts as arguments
    from tripkit.core.curated import (
        AreaEntry,
        AuthorisationScheme,
        CountryEntry,
        EntryRule,
        LocalText,
        PassportRule,
    )

Status = Literal["ok", "missing", "expires", "ineligible", "not-needed"]
Basis = Literal[
    "citizen", "member", "curated", "scheme", "dataset", "unknown", "exempt", "airside", "resident"
]

# From least to most to do; `unknown` ranks after a visa (it may be one) and before refusal.
RANK: dict[str, int] = {
    "none": 0,
    "visa-free": 1,
    "visa-on-arrival": 2,
    "eta": 3,
    "e-visa": 4,
    "visa": 5,
    "unknown": 6,
    "no-admission": 7,
}
NEEDS_APPLICATION = frozenset({"eta", "e-visa", "visa"})


class WorldCell(Record, frozen=True):
    """One pair of the world dataset. `requirement` is a Requirement, or "own"."""

    requirement: str
    days: int | None = None


WorldLookup = Callable[[str, str], "WorldCell | None"]


class EntryFacts(Record, frozen=True):
    """The facts one border is judged on. `country` is the curated entry of the border's
    country; `more` the curated entries of the other countries of the same area visited on
    that entry (FRA then BRU: be.yaml); `home` the traveller's home country's entry (its
    resident re-entry rule)."""

    country: CountryEntry | None = None
    area: AreaEntry | None = None
    more: tuple[CountryEntry, ...] = ()
    world: WorldLookup = lambda _p, _d: None
    world_sources: tuple[Source, ...] = ()
    world_as_of: date | None = None
    home: CountryEntry | None = None


class PassportCheck(Record, frozen=True):
    """Whether the passport is valid long enough for this border."""

    ok: bool | None  # None: tripkit has no sourced rule (it must at least last the stay)
    needed_until: date
    basis: Literal[
        "citizen",
        "months-beyond-stay",
        "months-on-arrival",
        "start-unstated",
        "exempt",
        "beyond-departure",
        "valid-for-stay",
        "unless-exempt",
        "unknown",
    ]
    months: int | None = None
    issued_limit: date | None = None  # Schengen: issued on or after this date
    issued_ok: bool | None = None
    sources: tuple[Source, ...] = ()
    exempt_rule: LocalText | None = None  # "unless-exempt": who is exempt, where to check
    # "start-unstated": valid until this day is certainly needed (the months counted from
    # arrival); `needed_until` is what counting them from the end of the stay would ask.
    needed_from_arrival: date | None = None


class Verdict(Record, frozen=True):
    """What one border asks of the traveller, on one passport."""

    border: Border
    citizenship: str
    passport: Passport
    requirement: str  # a Requirement or "unknown"
    basis: Basis
    status: Status
    arrive: date
    leave: date
    scheme: AuthorisationScheme | None = None
    scheme_id: str | None = None
    max_stay_days: int | None = None
    rule: EntryRule | None = None
    held: Authorisation | None = None
    held_until: date | None = None
    new_passport_needed: bool = False  # held for another passport
    barred_by: tuple[Visit, ...] = ()  # travel-history bars on the scheme
    barred_citizenships: tuple[str, ...] = ()  # other citizenships that bar the scheme
    # The authorisation held ends with the passport (tied to it) before the traveller leaves:
    # applying again on the same passport would not help; a new passport (and then a new
    # authorisation for it) would.
    ends_with_passport: bool = False
    # An online authorisation held, valid on the day of arrival, that ends before the
    # traveller leaves, where its sources say nothing on whether it must last the stay (ESTA,
    # eTA): status "expires", said as unknown, not as a failure (tripkit.core.documents).
    on_arrival_only: bool = False
    bar_since: tuple[date, ...] = ()
    no_e_passport: bool = False
    ineligible_scheme: AuthorisationScheme | None = None  # the scheme that cannot be used
    visa_scheme: AuthorisationScheme | None = None  # the visa to get instead, when known
    planned: tuple[AuthorisationScheme, ...] = ()
    registrations: tuple[AuthorisationScheme, ...] = ()  # EES, arrival cards
    exempt_by: str | None = None  # the held document that makes the scheme unnecessary
    world_cell: WorldCell | None = None
    passport_check: PassportCheck | None = None
    sources: tuple[Source, ...] = ()
    secondary: bool = False  # the requirement rests on the dataset alone
    dataset_date: date | None = None  # the dataset's own date, when it was used
    reviewed: date | None = None  # when tripkit's editors last checked the curated facts used
    as_of: date | None = None
    alternatives: tuple[Verdict, ...] = ()  # compared too (a record compares every field)
    # Unknown because the sourced rules for this citizenship speak of other ways of arriving
    # (an ESTA "by air or sea"; the border is crossed by land): those ways, said, never guessed.
    other_ways: tuple[str, ...] = ()
    # The stay, counted in days (arrival and departure days both counted), when it is longer
    # than the scheme or rule allows (`max_stay_days`): the verdict is then `unknown`, with
    # `ineligible_scheme` the scheme that does not cover it.
    over_stay_days: int | None = None
    # Over the area's limit only counted across the trip's several stays in it (Brussels,
    # London, then Berlin: 90 days in any 180 in Schengen): the stays counted, in order.
    # `over_stay_days` is then the most days of them within one window.
    area_stays: tuple[tuple[date, date], ...] = ()
    # A connection where tripkit does not know whether the traveller can stay airside: the
    # verdict is what entering would ask, and holds only if the traveller passes immigration.
    if_entering: bool = False
    # The curated rule holds only under a condition (`condition_holds`) that nothing the
    # traveller records meets: the verdict is `unknown`, and `rule` says the condition.
    condition_unmet: bool = False
    # An airside connection judged by the country's own transit rule: that rule's note
    # (Canada's Transit Without Visa, Spain's national airport-transit-visa list), said with
    # the requirement as an entry rule's note is.
    transit_note: LocalText | None = None


def stay_days(arrive: date, leave: date) -> int:
    """Days of a stay, the day of arrival and the day of leaving both counted."""
    return (leave - arrive).days + 1


class BorderView(Record):
    """One border as the traveller reads it: worded by tripkit.services.entry, read by the
    CLI, the checklist, the guide, the TUI Overview and the binder."""

    verdict: Verdict
    title: str
    lines: list[str] = field(default_factory=list)  # what it asks, what the traveller holds
    warnings: list[str] = field(default_factory=list)  # problems to fix (red in the CLI)
    due: datetime | None = None  # when a missing authorisation or visa must be applied for
    headline: str = ""  # the sentence saying what the border asks (first of `lines`' own)
    # The passport-validity part of `lines` / `warnings` (for the checklist's passport check).
    passport_lines: list[str] = field(default_factory=list)
    passport_warnings: list[str] = field(default_factory=list)
    country_name: str = ""
    official_url: str = ""

    @property
    def border(self) -> Border:
        return self.verdict.border


# --- helpers --------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def source_date(text: str) -> date | None:
    """The date a source states ("2025-08-28", "2024-10", "snapshot 2023-06-01"), or None."""
    m = _DATE.search(text or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def newest(sources: Sequence[Source], *more: date | None) -> date | None:
    dates = [d for d in (source_date(s.date) for s in sources) if d is not None]
    dates += [d for d in more if d is not None]
    return max(dates) if dates else None


def _matches(citizenships: Sequence[str], c: str) -> int:
    """2: named explicitly, 1: by "*", 0: not at all."""
    if c in citizenships:
        return 2
    return 1 if "*" in citizenships else 0


def _in_force(scheme: AuthorisationScheme, day: date) -> bool:
    if scheme.status != "in_force":
        return False
    if scheme.in_force_from is not None and scheme.in_force_from > day:
        return False
    return not (scheme.in_force_until is not None and scheme.in_force_until < day)


def _schemes(facts: EntryFacts) -> list[AuthorisationScheme]:
    out: list[AuthorisationScheme] = []
    for entry in (facts.country, *facts.more):
        if entry is not None:
            out += [s for s in entry.authorisations if s not in out]
    if facts.area is not None:
        out += [s for s in facts.area.authorisations if s not in out]
    return out


def _scheme_requirement(scheme: AuthorisationScheme) -> str:
    if scheme.requirement is not None:
        return scheme.requirement
    return "visa" if scheme.kind == "visa" else "eta"


def kind_key(kind: str) -> str:
    """A document kind as compared: "UK ETA", "UK-ETA" and "uk_eta" are one kind."""
    return re.sub(r"[\s_\-/.]", "", kind).casefold()


def _holds_kind(traveller: Traveller, kinds: Sequence[str], day: date) -> Authorisation | None:
    wanted = {kind_key(k) for k in kinds}
    return next(
        (a for a in traveller.authorisations if kind_key(a.kind) in wanted and a.expires >= day),
        None,
    )


def arrives_by(x: EntryRule | AuthorisationScheme, by: str | None) -> bool:
    """Whether a rule (or scheme) speaks of a border crossed `by` (air, land, sea; None:
    not known, which every rule covers)."""
    return by is None or not x.arrival_by or by in x.arrival_by


def _pick_rule(
    facts: EntryFacts, c: str, day: date, by: str | None = None
) -> tuple[EntryRule | None, bool]:
    """The curated rule for citizenship `c` on `day`: explicit beats "*", country beats area.
    And whether a rule for `c` was passed over because it speaks of other ways of arriving."""
    groups: list[list[EntryRule]] = []
    for entry in (facts.country, *facts.more):
        if entry is not None:
            groups.append(list(entry.entry))
    if facts.area is not None:
        groups.append(list(facts.area.entry))
    other_way = False
    for strength in (2, 1):
        for rules in groups:
            for rule in rules:
                if _matches(rule.citizenships, c) != strength:
                    continue
                if rule.valid_from is not None and rule.valid_from > day:
                    continue
                if rule.valid_until is not None and rule.valid_until < day:
                    continue
                if not arrives_by(rule, by):
                    other_way = True
                    continue
                return rule, other_way
    return None, other_way


def _rules_for(facts: EntryFacts, c: str) -> list[EntryRule]:
    """Every curated rule naming citizenship `c` (or "*"), country and area."""
    entries = [e for e in (facts.country, *facts.more) if e is not None]
    rules = [r for e in entries for r in e.entry]
    if facts.area is not None:
        rules += facts.area.entry
    return [r for r in rules if _matches(r.citizenships, c)]


def passport_rule(facts: EntryFacts) -> PassportRule | None:
    """The border's passport rule: the area's (Schengen's 3 months / 10 years) when the
    country gives no figure of its own, else the country's."""
    country = facts.country.passport if facts.country is not None else None
    area = facts.area.passport if facts.area is not None else None
    if country is not None and (
        country.months_beyond_stay is not None
        or country.months_beyond_departure is not None
        or country.months_on_arrival is not None
        or country.valid_for_stay
        or area is None
    ):
        if area is not None and set(area.exempt) - set(country.exempt):
            # The area's exemptions hold in every member (Schengen's 3 months / 10 years are
            # for non-EU travellers: not Irish or Cypriot citizens), whose files repeat the
            # area's figures without them.
            return country.model_copy(
                update={
                    "exempt": [*country.exempt, *area.exempt],
                    "exempt_rule": country.exempt_rule or area.exempt_rule,
                    "sources": [*country.sources, *area.sources],
                }
            )
        return country
    return area or country


def _add_months(day: date, months: int) -> date:
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_passport(
    passport: Passport, c: str, rule: PassportRule | None, arrive: date, leave: date, citizen: bool
) -> PassportCheck:
    if citizen:
        return PassportCheck(True, leave, "citizen")
    if rule is None:
        return PassportCheck(None if passport.expires >= leave else False, leave, "unknown")
    sources = tuple(rule.sources)
    issued_limit = issued_ok = None
    if rule.issued_within_years is not None and c not in rule.exempt:
        try:
            issued_limit = date(arrive.year - rule.issued_within_years, arrive.month, arrive.day)
        except ValueError:  # 29 February
            issued_limit = date(arrive.year - rule.issued_within_years, arrive.month, 28)
        issued_ok = None if passport.issued is None else passport.issued >= issued_limit
    if c in rule.exempt:
        need, basis, months = leave, "exempt", rule.months_beyond_stay
    elif rule.months_beyond_departure is not None:
        need = _add_months(leave, rule.months_beyond_departure)
        basis, months = "beyond-departure", rule.months_beyond_departure
    elif rule.months_on_arrival is not None:
        # Counted from the day of arrival (and the passport must last the stay too).
        months = rule.months_on_arrival
        need, basis = max(_add_months(arrive, months), leave), "months-on-arrival"
        strict = max(_add_months(leave, months), need)
        if (
            rule.months_start_unstated
            and need <= passport.expires < strict
            and issued_ok is not False
        ):
            # Enough from arrival, not past the stay: the source does not say which it means.
            # "Renew" would over-ask by the stay's length; "in order" would claim a reading
            # no source states.
            return PassportCheck(
                None,
                strict,
                "start-unstated",
                months,
                issued_limit,
                issued_ok,
                sources,
                needed_from_arrival=need,
            )
    elif rule.months_beyond_stay is not None:
        need = _add_months(leave, rule.months_beyond_stay)
        basis, months = "months-beyond-stay", rule.months_beyond_stay
        if rule.exempt_list_partial and leave <= passport.expires < need and issued_ok is not False:
            # Long enough for the stay, not for the margin: whether this citizenship is on
            # the exempt list (the US Six-Month Club) is not in the sources. "Renew your
            # passport" would be a confident wrong answer for the many members not named.
            return PassportCheck(
                None,
                need,
                "unless-exempt",
                months,
                issued_limit,
                issued_ok,
                sources,
                rule.exempt_rule,
            )
    elif rule.valid_for_stay:
        need, basis, months = leave, "valid-for-stay", None
    else:
        return PassportCheck(
            None if passport.expires >= leave else False, leave, "unknown", sources=sources
        )
    ok: bool | None = passport.expires >= need
    if issued_ok is False:
        ok = False
    elif ok and issued_ok is None and issued_limit is not None:
        # Long enough, but the issue date the rule also asks about is not in the trip: a
        # British passport of 10 years 9 months passes on expiry and is refused on issue.
        ok = None
    return PassportCheck(
        ok,
        need,
        basis,  # type: ignore[arg-type]
        months,
        issued_limit,
        issued_ok,
        sources,
    )


# --- evaluation -----------------------------------------------------------------------------


def _bars(traveller: Traveller, scheme: AuthorisationScheme) -> tuple[list[Visit], list[date]]:
    visits, since = [], []
    for visit in traveller.visited:
        if visit.country not in scheme.ineligible_if_visited:
            continue
        start = scheme.ineligible_since.get(visit.country)
        if start is not None and visit.last_day < start:
            continue
        visits.append(visit)
        since.append(start) if start is not None else None
    return visits, since


def _held(
    traveller: Traveller,
    passport: Passport,
    requirement: str,
    scheme: AuthorisationScheme | None,
    countries: Sequence[str],
) -> tuple[Authorisation | None, date | None, bool]:
    """The traveller's authorisation for this border, its effective end, and whether it was
    issued for another passport."""
    ids = {kind_key(scheme.id)} if scheme is not None else set()
    found = []
    for auth in traveller.authorisations:
        kind = kind_key(auth.kind)
        if auth.country not in countries:
            continue
        if kind in ids or (
            requirement in ("visa", "e-visa") and kind.startswith(("visa", "evisa"))
        ):
            found.append(auth)
    if not found:
        return None, None, False
    auth = max(found, key=lambda a: a.expires)
    tied = scheme.tied_to_passport if scheme is not None else False
    if tied and auth.passport_expires is not None and auth.passport_expires != passport.expires:
        return auth, None, True
    until = min(auth.expires, passport.expires) if tied else auth.expires
    return auth, until, False


def _border_countries(border: Border, facts: EntryFacts) -> list[str]:
    """Countries whose authorisations count here: the border's, the others visited, and the
    whole area (a Schengen visa from any member)."""
    out = [border.country, *border.countries]
    if facts.area is not None:
        out += list(facts.area.members)
    return list(dict.fromkeys(out))


def evaluate_passport(
    border: Border,
    traveller: Traveller,
    passport: Passport,
    facts: EntryFacts,
    arrive: date,
    leave: date,
) -> Verdict:
    """The border on one passport (see the module docstring for the order of trust)."""
    c = passport.country or traveller.citizenships[0]
    day = border.day
    base = Verdict(
        border=border,
        citizenship=c,
        passport=passport,
        requirement="unknown",
        basis="unknown",
        status="missing",
        arrive=arrive,
        leave=leave,
    )
    members = set(facts.area.members) if facts.area is not None else set()
    citizen = c == border.country or c in members
    pcheck = check_passport(passport, c, passport_rule(facts), arrive, leave, citizen)
    if citizen:
        return replace(
            base,
            requirement="none",
            basis="citizen" if c == border.country else "member",
            status="not-needed",
            passport_check=pcheck,
        )
    if border.kind == "return":
        # Home, not as a citizen: the traveller lives there (residence details optional). The
        # route says "return" for any airport of the home jurisdiction: a resident of Germany
        # coming home through Paris was told to apply for a Schengen visa.
        home = facts.home or facts.country
        home_sources = (
            tuple(home.resident_reentry.sources) if home and home.resident_reentry else ()
        )
        # A residence status that ends before this return brings no one back as a resident:
        # what they need then is not in tripkit's sources ("nothing needed" was shown).
        ends = traveller.residence.expires if traveller.residence is not None else None
        lapsed = ends is not None and ends < border.day
        return replace(
            base,
            requirement="unknown" if lapsed else "none",
            basis="resident",
            status="missing" if lapsed else "not-needed",
            passport_check=pcheck,
            sources=home_sources,
            as_of=newest(home_sources),
        )
    schemes = _schemes(facts)
    registrations = tuple(
        s
        for s in schemes
        if s.kind in ("registration", "arrival-card")
        and _in_force(s, day)
        and c not in s.exempt_citizenships
        and (not s.required_for or c in s.required_for)
    )
    planned = tuple(
        s
        for s in schemes
        if s.kind in ("authorisation", "visa")
        and not _in_force(s, day)
        and (c in s.required_for or not s.required_for)
        and c not in s.exempt_citizenships
        and (s.in_force_until is None or s.in_force_until >= day)
    )
    base = replace(base, registrations=registrations, planned=planned, passport_check=pcheck)

    # A connection that may stay airside: only what the transit rules ask.
    if border.kind == "transit" and border.airside != "not-allowed":
        # Airside, the traveller never crosses the border: what the border asks of those who
        # enter (EES registration, arrival cards, the passport's validity and issue date, a
        # planned entry authorisation such as ETIAS: the reference says nothing of it for
        # airport transit) does not apply. Said anyway, a Japanese traveller changing planes
        # at FRA was told to renew a passport that Germany never checks.
        airside = replace(base, registrations=(), planned=(), passport_check=None)
        transit = _transit(airside, facts, c, traveller, passport, arrive, leave)
        if transit is not None:
            return transit
        as_entry = _entry_verdict(base, facts, schemes, traveller, passport, c, day)
        transit_facts = facts.country.transit if facts.country is not None else None
        if (
            transit_facts is not None
            and transit_facts.airports
            and border.airport not in transit_facts.airports
        ):
            return as_entry  # airside transit exists only at other airports (UK: LHR, MAN)
        if border.airside == "allowed" and as_entry.requirement in ("none", "visa-free", "eta"):
            # Sourced airside transit, and even entering would need at most an ETA.
            sources = (
                tuple(facts.country.transit.sources)
                if (facts.country is not None and facts.country.transit is not None)
                else ()
            )
            return _dated(
                replace(
                    airside,
                    requirement="none",
                    basis="airside",
                    status="not-needed",
                    sources=sources,
                ),
                facts,
            )
        if border.airside == "allowed":
            # Entering would need a visa: whether an airside transit visa is needed is not
            # in tripkit's sources for this citizenship.
            return replace(airside, requirement="unknown", basis="unknown", status="missing")
        if border.airside == "unknown" and (transit_facts is None or not transit_facts.airports):
            # Whether this connection can stay airside is not in the sources (Singapore,
            # Korea...): what entering asks holds only if the traveller passes immigration.
            # Said as fact, a German changing planes at SIN was told to renew a passport
            # Singapore checks only of those who enter.
            check = as_entry.passport_check
            if check is not None and check.ok is False and passport.expires >= leave:
                check = replace(check, ok=None)
            return replace(as_entry, if_entering=True, passport_check=check)
        return as_entry
    return _entry_verdict(base, facts, schemes, traveller, passport, c, day)


def _entry_verdict(
    base: Verdict,
    facts: EntryFacts,
    schemes: list[AuthorisationScheme],
    traveller: Traveller,
    passport: Passport,
    c: str,
    day: date,
) -> Verdict:
    border, leave = base.border, base.leave
    rule, other_way = _pick_rule(facts, c, day, border.by)
    by_id = {s.id.casefold(): s for s in schemes}
    scheme = None
    cell = None
    requirement: str
    sources: list[Source]
    if rule is not None:
        requirement = rule.requirement
        scheme = by_id.get(rule.scheme.casefold()) if rule.scheme else None
        sources = list(rule.sources)
        basis: Basis = "curated"
        max_stay = rule.max_stay_days
        secondary = False
    else:
        named = [
            s
            for s in schemes
            if s.kind in ("authorisation", "visa")
            and c in s.required_for
            and c not in s.exempt_citizenships
            and _in_force(s, day)
        ]
        scheme = next((s for s in named if arrives_by(s, border.by)), None)
        other_way = other_way or any(not arrives_by(s, border.by) for s in named)
        if scheme is None and other_way:
            # The sourced rule is for arriving another way (an ESTA is for air and sea): the
            # dataset cannot say what this way asks, so tripkit does not know.
            ways = {w for s in named for w in s.arrival_by}
            ways |= {w for r in _rules_for(facts, c) for w in r.arrival_by}
            order = ("air", "sea", "land")
            return replace(
                base,
                requirement="unknown",
                basis="unknown",
                status="missing",
                other_ways=tuple(w for w in order if w in ways),
            )
        if scheme is not None:
            requirement, basis = _scheme_requirement(scheme), "scheme"
            sources, max_stay, secondary = [], scheme.max_stay_days, False
        else:
            cell = facts.world(c, border.country)
            if cell is None:
                return replace(base, requirement="unknown", basis="unknown", status="missing")
            if cell.requirement == "own":
                return replace(base, requirement="none", basis="citizen", status="not-needed")
            requirement, basis = cell.requirement, "dataset"
            sources, max_stay, secondary = list(facts.world_sources), cell.days, True
            if requirement == "eta":
                # The dataset says "an ETA"; name the curated scheme when there is just one.
                etas = [
                    s
                    for s in schemes
                    if s.kind == "authorisation"
                    and _in_force(s, day)
                    and arrives_by(s, border.by)
                    and _scheme_requirement(s) == "eta"
                    and c not in s.exempt_citizenships
                ]
                scheme = etas[0] if len(etas) == 1 else None
            elif requirement == "visa":
                visas = [s for s in schemes if s.kind == "visa" and _in_force(s, day)]
                scheme = visas[0] if len(visas) == 1 else None
    if scheme is not None:
        sources += [s for s in scheme.sources if s not in sources]
        if max_stay is None:
            max_stay = scheme.max_stay_days
    verdict = replace(
        base,
        requirement=requirement,
        basis=basis,
        rule=rule,
        scheme=scheme,
        scheme_id=scheme.id if scheme else (rule.scheme if rule else None),
        max_stay_days=max_stay,
        world_cell=cell,
        sources=tuple(sources),
        secondary=secondary,
    )
    # Documents that make the scheme unnecessary (US green card for Canada's eTA).
    if scheme is not None and scheme.exempt_if_holds:
        doc = _holds_kind(traveller, scheme.exempt_if_holds, day)
        if doc is not None:
            return _dated(
                replace(
                    verdict,
                    requirement="none",
                    basis="exempt",
                    status="not-needed",
                    exempt_by=doc.kind,
                ),
                facts,
            )
    # An exemption only for e-passports, and the trip says this passport is not one: said as
    # "nothing needed", a Brazilian without a chip would be refused boarding for Japan.
    if rule is not None and rule.needs_e_passport and not passport.e_passport:
        visa = next((s for s in schemes if s.kind == "visa" and _in_force(s, day)), None)
        verdict = replace(
            verdict,
            no_e_passport=True,
            max_stay_days=visa.max_stay_days if visa else None,
            status="missing",
        )
        return _dated(_a_visa_instead(verdict, visa, traveller, passport, facts), facts)
    # A rule that holds only under a condition nothing recorded meets (Canada's eTA for a
    # Mexican: only with a US visa or a Canadian visa of the past 10 years). Said as fact, a
    # Mexican without either was told to apply for an eTA 72 hours ahead, when a visa (weeks)
    # is what most such travellers need.
    if (
        rule is not None
        and rule.conditional
        and rule.condition_holds
        and _holds_kind(traveller, rule.condition_holds, day) is None
    ):
        return _dated(
            replace(verdict, requirement="unknown", status="missing", condition_unmet=True),
            facts,
        )
    # A scheme the traveller cannot use: a visa instead, never "apply for the scheme".
    if scheme is not None and requirement in ("eta", "visa-free", "none"):
        visits, since = _bars(traveller, scheme)
        no_chip = scheme.needs_e_passport and not passport.e_passport
        # A dual national of Cuba on a Spanish passport was told the ESTA was "in order".
        nationals = tuple(x for x in traveller.citizenships if x in scheme.ineligible_if_citizen)
        if visits or no_chip or nationals:
            visa = next((s for s in schemes if s.kind == "visa" and _in_force(s, day)), None)
            verdict = replace(
                verdict,
                ineligible_scheme=scheme,
                barred_by=tuple(visits),
                bar_since=tuple(since),
                barred_citizenships=nationals,
                no_e_passport=no_chip,
                status="ineligible",
            )
            return _dated(_a_visa_instead(verdict, visa, traveller, passport, facts), facts)
    # A stay longer than the rule or scheme allows (90 days on an ESTA, 90 in the Schengen
    # area): it does not cover the trip, and what a longer stay needs is not in the sources.
    days = stay_days(base.arrive, leave)
    if (
        verdict.max_stay_days is not None
        and requirement in ("visa-free", "eta", "visa-on-arrival")
        and days > verdict.max_stay_days
    ):
        return _dated(
            replace(
                verdict,
                requirement="unknown",
                status="missing",
                ineligible_scheme=scheme,
                scheme=None,
                over_stay_days=days,
            ),
            facts,
        )
    verdict = _status(verdict, traveller, passport, facts)
    return _dated(_with_companions(verdict, schemes, traveller, c, day), facts)


def companion_schemes(
    v: Verdict, schemes: Sequence[AuthorisationScheme], c: str, day: date
) -> list[AuthorisationScheme]:
    """Schemes needed besides the visa a curated rule asks for: an online authorisation whose
    `required_for` names the citizenship itself (EVUS for a PRC passport with a US B visa).
    The visa does not replace it; without this, a PRC traveller holding a B visa was told
    the US border was "in order" while the rule's own note asks for an EVUS enrollment."""
    if v.basis != "curated" or v.requirement not in ("visa", "e-visa"):
        return []
    return [
        s
        for s in schemes
        if s.kind == "authorisation"
        and c in s.required_for
        and s is not v.scheme
        and _in_force(s, day)
        and arrives_by(s, v.border.by)
    ]


def companion_held(
    v: Verdict, scheme: AuthorisationScheme, traveller: Traveller
) -> tuple[Authorisation | None, date | None]:
    """The traveller's document for a companion scheme and its effective end (None: issued
    for another passport, or not held)."""
    countries = list(dict.fromkeys([v.border.country, *v.border.countries, *scheme.destinations]))
    held, until, _other = _held(traveller, v.passport, "eta", scheme, countries)
    return held, until


def _with_companions(
    v: Verdict,
    schemes: Sequence[AuthorisationScheme],
    traveller: Traveller,
    c: str,
    day: date,
) -> Verdict:
    """The verdict with its companion schemes among what the border also applies; one not
    held through the stay makes a visa that is in order `missing`, never "in order"."""
    extra = companion_schemes(v, schemes, c, day)
    if not extra:
        return v
    status = v.status
    for scheme in extra:
        _doc, until = companion_held(v, scheme, traveller)
        if (until is None or until < v.leave) and status == "ok":
            status = "missing"
    return replace(v, status=status, registrations=(*extra, *v.registrations))


def _a_visa_instead(
    verdict: Verdict,
    visa: AuthorisationScheme | None,
    traveller: Traveller,
    passport: Passport,
    facts: EntryFacts,
) -> Verdict:
    """The border asks for the country's visa (`visa`, when one is curated) instead of what
    the rule or scheme would have allowed; in order when a visa held covers the stay."""
    verdict = replace(
        verdict,
        requirement="visa",
        scheme=visa,
        scheme_id=visa.id if visa else None,
        visa_scheme=visa,
    )
    held, until, _other = _held(
        traveller, passport, "visa", visa, _border_countries(verdict.border, facts)
    )
    if held is not None and until is not None and until >= verdict.leave:
        verdict = replace(verdict, status="ok", held=held, held_until=until)
    return verdict


def _transit(
    base: Verdict,
    facts: EntryFacts,
    c: str,
    traveller: Traveller,
    passport: Passport,
    arrive: date,
    leave: date,
) -> Verdict | None:
    """An airside connection: the country's transit rules for the citizenship, or the
    area's airport-transit-visa list. None: no such rule (the caller decides from the entry
    requirement)."""
    border = base.border
    transit = facts.country.transit if facts.country is not None else None
    if transit is not None:
        if transit.airports and border.airport not in transit.airports:
            return None  # airside transit exists only at other airports: landside here
        for strength in (2, 1):
            for rule in transit.rules:
                if _matches(rule.citizenships, c) == strength:
                    sources = tuple(rule.sources or transit.sources)
                    by_id = {s.id.casefold(): s for s in _schemes(facts)}
                    scheme = by_id.get(rule.scheme.casefold()) if rule.scheme else None
                    v = replace(
                        base,
                        requirement=rule.requirement,
                        basis="airside",
                        scheme=scheme,
                        scheme_id=rule.scheme,
                        sources=sources,
                        transit_note=rule.note,
                    )
                    return _dated(_status(v, traveller, passport, facts), facts)
    atv = facts.area.airport_transit_visa if facts.area is not None else None
    if atv is not None and c in atv.citizenships:
        sources = tuple(atv.sources)
        v = replace(
            base,
            requirement="visa",
            basis="airside",
            scheme_id="ATV",
            sources=sources,
            transit_note=atv.note,
        )
        return _dated(_status(v, traveller, passport, facts), facts)
    return None


def _status(v: Verdict, traveller: Traveller, passport: Passport, facts: EntryFacts) -> Verdict:
    if v.requirement in ("none", "visa-free", "visa-on-arrival"):
        return replace(v, status="not-needed")
    if v.requirement == "no-admission":
        return replace(v, status="ineligible")
    if v.requirement == "unknown":
        return replace(v, status="missing")
    held, until, other = _held(
        traveller, passport, v.requirement, v.scheme, _border_countries(v.border, facts)
    )
    if held is None:
        return replace(v, status="missing")
    if until is None:  # issued for another passport
        return replace(v, status="expires", held=held, new_passport_needed=other)
    # A window to enter in (its sources: "enter any time within 12 months"): valid on the
    # day of arrival covers the stay.
    window = v.scheme is not None and v.scheme.entry_window
    if until < v.leave and not (window and until >= v.arrive):
        with_passport = (
            v.scheme is not None and v.scheme.tied_to_passport and passport.expires < held.expires
        )
        unsourced = v.scheme is not None and v.scheme.kind == "authorisation" and until >= v.arrive
        return replace(
            v,
            status="expires",
            held=held,
            held_until=until,
            ends_with_passport=with_passport,
            on_arrival_only=unsourced,
        )
    return replace(v, status="ok", held=held, held_until=until)


def _dated(v: Verdict, facts: EntryFacts) -> Verdict:
    """Add the sources of what the border also applies (EES, a planned ETIAS) and date the
    verdict by its newest source (the dataset's date when it was used)."""
    sources = list(v.sources)
    for scheme in (*v.registrations, *v.planned):
        sources += [s for s in scheme.sources if s not in sources]
    extra = [facts.world_as_of] if v.secondary else []
    checked = [
        x.reviewed
        for x in (v.rule, v.scheme, v.ineligible_scheme, *v.registrations, *v.planned)
        if x is not None
    ]
    return replace(
        v,
        sources=tuple(sources),
        as_of=newest(sources, *extra),
        dataset_date=facts.world_as_of if v.secondary else None,
        reviewed=max(checked) if checked else None,
    )


_STATUS_ORDER = {"ok": 0, "not-needed": 0, "expires": 1, "missing": 1, "ineligible": 3}


def _ease(v: Verdict) -> tuple[int, int, int]:
    passport_bad = 1 if v.passport_check is not None and v.passport_check.ok is False else 0
    return (
        passport_bad,
        RANK.get(v.requirement, 6) + (3 if v.status == "ineligible" else 0),
        _STATUS_ORDER[v.status],
    )


def evaluate(
    border: Border, traveller: Traveller, facts: EntryFacts, arrive: date, leave: date
) -> Verdict:
    """The border on the traveller's best passport; the others in `alternatives`.

    Best: a passport that is valid long enough, then the least to do (visa-free before an
    ETA before a visa), then one whose documents are already in order."""
    # A traveller copied with new citizenships (model_copy skips validation) may carry
    # passports of the old ones: judge only passports of current citizenships.
    passports = [p for p in traveller.passports if p.country in traveller.citizenships] or [
        traveller.passport.model_copy(update={"country": traveller.citizenships[0]})
    ]
    verdicts = [evaluate_passport(border, traveller, p, facts, arrive, leave) for p in passports]
    if border.kind == "return":
        # Home: the citizen's passport if there is one (the order given otherwise).
        verdicts.sort(key=lambda v: v.basis not in ("citizen", "member"))
    else:
        verdicts.sort(key=_ease)
    best = verdicts[0]
    return replace(best, alternatives=tuple(verdicts[1:]))


# --- a border area's days over the whole trip -------------------------------------------------


def _most_in_window(days: set[date], window: int, among: Sequence[date]) -> int:
    """The most `days` within `window` days ending on any day of `among`."""
    return max((sum(1 for d in days if 0 <= (end - d).days < window) for end in among), default=0)


def area_over_stays(
    verdicts: Sequence[Verdict], short_stays: dict[str, tuple[int, int]]
) -> list[Verdict]:
    """The verdicts, with each short-stay entry into an area (Schengen's 90 days in any 180,
    counted across every member) turned `unknown` when the trip's stays in that area,
    together, pass the limit on one of its days. Each entry alone may be within it: a week
    in Brussels, a fortnight in London, then Berlin until day 91 is caught only here.

    `short_stays`: area id -> (max days, window days). Days are counted as the single-stay
    check counts them (arrival and departure days both). Only this trip's days: what the
    traveller spent in the area before it is not known to tripkit (the wording says so)."""
    out = list(verdicts)
    for area, (limit, window) in short_stays.items():
        idx = [
            i
            for i, v in enumerate(out)
            if v.border.area == area
            and v.border.kind == "entry"
            and v.basis not in ("citizen", "member")
        ]
        if len(idx) < 2:
            continue  # one stay: the single-stay check has judged it
        stays = tuple((out[i].arrive, out[i].leave) for i in idx)
        days: set[date] = set()
        for arrive, leave in stays:
            days |= {date.fromordinal(n) for n in range(arrive.toordinal(), leave.toordinal() + 1)}
        for i in idx:
            out[i] = _over_area(out[i], days, limit, window, stays)
    return out


def _over_area(
    v: Verdict, days: set[date], limit: int, window: int, stays: tuple[tuple[date, date], ...]
) -> Verdict:
    alternatives = tuple(_over_area(a, days, limit, window, stays) for a in v.alternatives)
    own = [date.fromordinal(n) for n in range(v.arrive.toordinal(), v.leave.toordinal() + 1)]
    most = _most_in_window(days, window, own)
    if (
        v.over_stay_days is not None  # already over on this stay alone: said so
        or v.max_stay_days is None
        or v.requirement not in ("visa-free", "eta", "visa-on-arrival")
        or most <= min(limit, v.max_stay_days)
    ):
        return replace(v, alternatives=alternatives)
    return replace(
        v,
        requirement="unknown",
        status="missing",
        ineligible_scheme=v.scheme,
        scheme=None,
        held=None,
        held_until=None,
        new_passport_needed=False,
        ends_with_passport=False,
        over_stay_days=most,
        max_stay_days=min(limit, v.max_stay_days),
        area_stays=stays,
        alternatives=alternatives,
    )
