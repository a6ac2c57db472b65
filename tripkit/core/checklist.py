"""The checklist engine: rules + trip + the user's state -> checklist items. Pure, no I/O.

Every rule yields an item, applicable or not, so that people see why an item does not
concern them. Each item carries a reason (the facts its condition looked at), its
sources, and a due time expressed in the zone where the traveller will be at that instant.
Rules with a `check` are computed from the trip's documents: a passing check is done by
itself; a failing one carries a `problem` that says what to do and by when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tripkit.core import documents as docs
from tripkit.core import wiring
from tripkit.core.anchors import (
    Anchors,
    CountryLookup,
    compute_anchors,
    default_country_lookup,
    segment_countries,
    shift,
    where_is,
)
from tripkit.core.dueday import day_due
from tripkit.core.entry import NEEDS_APPLICATION, BorderView, stay_days
from tripkit.core.itembuild import blank_state, new_item
from tripkit.core.journey import check_journey, may_fly, may_fly_reason, modes_text
from tripkit.core.record import Record, field
from tripkit.core.scheme_names import scheme_by_id, short_name
from tripkit.core.wiring import tr
from tripkit.core.wording import (
    PHASE_WORDS,
    airport_places,
    as_sentence,
    capital,
    clauses,
    country_names,
    country_names_in_text,
    in_running_text,
    names_country,
)
from tripkit.core.zoned import get_zone, utc

if TYPE_CHECKING:
    from tripkit.core.curated import AuthorisationScheme, CountryEntry
    from tripkit.core.models import ChecklistItem, CustomItem, ItemState, Source, Trip
    from tripkit.core.rules import Condition, Rule

# The phases in order (tripkit.core.models.PHASES, which a test keeps equal to the words'
# keys), known without importing the models: a lean evaluation does without them (issue 13).
PHASES: tuple[str, ...] = tuple(PHASE_WORDS)

ANCHOR_LABELS = {
    "booking": "booking",
    "departure": "departure",
    "port_of_entry": "landing at the first port of entry",
    "arrival": "arrival at the destination",
    "badge_pickup": "badge pickup opening",
    "conference_start": "the conference's start",
    "conference_end": "the conference's end",
    "return_departure": "the flight home",
    "home_arrival": "arriving home",
}
# The same anchors on a trip travelled on the ground only: no landing, no flight home.
GROUND_ANCHOR_LABELS = {
    **ANCHOR_LABELS,
    "port_of_entry": "arriving in the destination country",
    "return_departure": "the journey home",
}


class Facts(Record):
    """Everything a condition may look at, computed once per evaluation."""

    trip: Trip
    anchors: Anchors
    entry: CountryEntry | None
    lang: str
    lookup: CountryLookup | None
    # Schemes needed only for connections in other countries (ESTA when changing at SFO).
    transit: list[docs.TransitNeed] = field(default_factory=list)
    # Rules share predicates (destination_in: [US]...): each is decided once per evaluation.
    memo: dict[tuple[str, str], tuple[bool, str]] = field(default_factory=dict)
    # The borders of the route, worded (tripkit.services.entry). None: the pre-route engine
    # (destination country only), kept for callers that do not pass a route.
    route: Sequence[BorderView] | None = None
    city_name: str | None = None  # the venue's city in the reader's language (curated data)

    def needing(self) -> list[BorderView]:
        """Borders where the traveller must apply for something (ETA, e-visa, visa) and can."""
        return [
            bv
            for bv in self.route or ()
            if bv.verdict.requirement in NEEDS_APPLICATION and bv.verdict.status != "ineligible"
        ]

    def offsets(self) -> tuple[float, float]:
        """(venue minus home in hours at the conference start, the body-clock shift folded
        into (-12, 12])."""
        at = self.anchors.get("conference_start")
        assert at is not None
        venue = at.astimezone(get_zone(self.trip.venue_tz)).utcoffset() or timedelta(0)
        home = at.astimezone(get_zone(self.trip.home_tz)).utcoffset() or timedelta(0)
        diff = (venue - home).total_seconds() / 3600
        return diff, self.shift_hours()

    def shift_hours(self) -> float:
        """How far the body clock must move: venue minus home at the conference start,
        folded into (-12, 12]; positive means an advance (eastward, sleep earlier)."""
        at = self.anchors.get("conference_start")
        assert at is not None
        venue = at.astimezone(get_zone(self.trip.venue_tz)).utcoffset() or timedelta(0)
        home = at.astimezone(get_zone(self.trip.home_tz)).utcoffset() or timedelta(0)
        hours = ((venue - home).total_seconds() / 3600) % 24
        return hours - 24 if hours > 12 else hours


def _codes(values: Iterable[str]) -> str:
    return ", ".join(values)


# Countries by name in the reader's language (never as ISO codes), as they read inside a
# sentence ("the United States"); `country_names` where a name starts one or is an adjective.
_names = country_names_in_text


Pred = Callable[[Facts, Any], tuple[bool, str]]


def _citizenship_in(f: Facts, want: list[str]) -> tuple[bool, str]:
    have = f.trip.traveller.citizenships
    hit = [c for c in have if c in want]
    if hit:
        return True, tr("you are a citizen of {c}", f.lang, c=_names(hit, f.lang))
    return False, tr("you are not a citizen of {c}", f.lang, c=_names(want, f.lang))


def _home_country_in(f: Facts, want: list[str]) -> tuple[bool, str]:
    home = f.trip.traveller.home_country
    return home in want, tr("you live in {c}", f.lang, c=_names([home], f.lang))


def _entered(f: Facts) -> list[str]:
    """Countries whose border the route crosses (not airside connections, not home)."""
    return list(
        dict.fromkeys(
            bv.border.country
            for bv in f.route or ()
            if bv.border.kind in ("entry", "preclearance")
            or (bv.border.kind == "transit" and bv.border.airside == "not-allowed")
        )
    )


def _destination_in(f: Facts, want: list[str]) -> tuple[bool, str]:
    if f.route is not None:
        hit = [c for c in _entered(f) if c in want]
        if hit:
            return True, tr("your route enters {c}", f.lang, c=_names(hit, f.lang))
        return False, tr("your route does not enter {c}", f.lang, c=_names(want, f.lang))
    dest = f.trip.destination_country
    return dest in want, tr("the conference is in {c}", f.lang, c=_names([dest], f.lang))


def _departs_from(f: Facts, want: list[str]) -> tuple[bool, str]:
    if not f.trip.flights:
        return False, tr("the trip has no flights", f.lang)
    origin, _ = segment_countries(f.trip.flights[0], f.lookup)
    first = f.trip.flights[0]
    return origin in want, tr(
        "your first flight leaves from {airport} ({c})",
        f.lang,
        airport=first.origin,
        c=_names([origin], f.lang) if origin else "?",
    )


def _venue_city_in(f: Facts, want: list[str]) -> tuple[bool, str]:
    venue = f.trip.conference.venue
    return venue.city_id in want, tr(
        "the venue is in {city}", f.lang, city=f.city_name or venue.city
    )


def _abroad(f: Facts, want: bool) -> tuple[bool, str]:
    home, dest = f.trip.traveller.home_country, f.trip.destination_country
    if home != dest:
        return want is True, tr(
            "you travel abroad ({home} to {dest})",
            f.lang,
            home=_names([home], f.lang),
            dest=_names([dest], f.lang),
        )
    return want is False, tr("the conference is in your home country", f.lang)


def _crosses_border(f: Facts, want: bool) -> tuple[bool, str]:
    """Whether the route passes an immigration check (a German taking the train to Brussels
    passes none). Said only when it decides against: where it holds, `abroad` has said why.
    Without a route (the pre-route engine) a trip abroad is taken to cross one."""
    if f.route is None:
        return want is True, ""
    crossed = any(
        bv.border.kind in ("entry", "preclearance")
        or (bv.border.kind == "transit" and bv.border.airside != "allowed")
        for bv in f.route
    )
    if crossed:
        return want is True, ""
    return want is False, tr("no border check on your route", f.lang)


def _flag(
    truth: bool, want: bool, yes: str, no: str, lang: str, **values: object
) -> tuple[bool, str]:
    return truth == want, tr(yes if truth else no, lang, **values)


def _has_flights(f: Facts, want: bool) -> tuple[bool, str]:
    n = len(f.trip.flights)
    return _flag(
        n > 0, want, "flight segments in the trip: {n}", "the trip has no flights", f.lang, n=n
    )


def _has_ground_legs(f: Facts, want: bool) -> tuple[bool, str]:
    n = len(f.trip.ground)
    return _flag(
        n > 0,
        want,
        "legs by {modes} in the trip: {n}",
        "the trip has no train, coach, car or ferry legs",
        f.lang,
        n=n,
        modes=modes_text(f.trip, f.lang),
    )


def _may_fly(f: Facts, want: bool) -> tuple[bool, str]:
    """Air items (in-flight Wi-Fi, jet lag "before you fly") hold for a trip with flights
    and for one that does not say how it travels; not for a train or a drive. Said only when
    it decides against: where it holds, the item's other facts say why."""
    return may_fly(f.trip) == want, may_fly_reason(f.trip, f.lang)


def _has_stays(f: Facts, want: bool) -> tuple[bool, str]:
    n = len(f.trip.stays)
    return _flag(n > 0, want, "stays in the trip: {n}", "the trip has no stays", f.lang, n=n)


def _has_connection(f: Facts, want: bool) -> tuple[bool, str]:
    conns = f.anchors.connections
    return _flag(
        bool(conns),
        want,
        "you change planes at {airports}",
        "no connecting flights",
        f.lang,
        airports=airport_places([c.airport for c in conns], f.lang),
    )


def _has_connection_in_destination(f: Facts, want: bool) -> tuple[bool, str]:
    if f.route is not None:
        found = next((bv.border for bv in f.route if bv.border.recheck_bags), None)
        if found is not None and found.onward is not None:
            return want is True, tr(
                "you land first at {airport} in {c} and connect to {flight}",
                f.lang,
                airport=airport_places([found.airport or ""], f.lang),
                c=_names([found.country], f.lang),
                flight=found.onward.flight,
            )
        pre = next(
            (
                bv.border
                for bv in f.route
                if bv.border.kind == "preclearance" and bv.border.airport is not None
            ),
            None,
        )
        if pre is not None:
            # Not "no connection" (Vancouver -> SFO -> Austin has one): the traveller was
            # cleared at preclearance and lands as a domestic passenger, not cleared again.
            return want is False, tr(
                "you clear US immigration, customs and agriculture inspection at "
                "preclearance in {airport} before you board, and land as a domestic "
                "passenger: precleared travellers are not cleared again at a US airport",
                f.lang,
                airport=airport_places([pre.airport or ""], f.lang),
            )
        return want is False, tr("no connection after the first port of entry", f.lang)
    conn = f.anchors.entry_connection
    dest = f.trip.destination_country
    if conn is not None:
        return want is True, tr(
            "you land first at {airport} in {c} and connect to {flight}",
            f.lang,
            airport=airport_places([conn.airport], f.lang),
            c=_names([dest], f.lang),
            flight=conn.outbound.flight,
        )
    return want is False, tr(
        "no connection inside {c} on the way in", f.lang, c=_names([dest], f.lang)
    )


def _has_badge_pickup(f: Facts, want: bool) -> tuple[bool, str]:
    return _flag(
        bool(f.trip.conference.badge_pickup),
        want,
        "badge pickup times are known",
        "no badge pickup times are in the trip",
        f.lang,
    )


def _e_passport(f: Facts, want: bool) -> tuple[bool, str]:
    return _flag(
        f.trip.traveller.passport.e_passport,
        want,
        "your passport is an e-passport",
        "your passport is not an e-passport",
        f.lang,
    )


def _transit_reasons(f: Facts) -> list[str]:
    return [
        tr(
            "{scheme} is required to change planes at {airports}, {c}",
            f.lang,
            scheme=n.scheme.name.get(f.lang),  # its name, not its id ("UK-ETA")
            airports=airport_places(n.airports, f.lang),
            c=country_names([n.country], f.lang),  # a place's country, as in an address
        )
        for n in f.transit
    ]


def _once(texts: Iterable[str]) -> list[str]:
    """Each text once, in first order: a connection through Dubai both ways said its lines
    twice in one reason ("e-visa is required at DXB ...; ...; e-visa is required at DXB")."""
    return list(dict.fromkeys(texts))


def _entry_schemes(f: Facts) -> list[AuthorisationScheme]:
    return docs.required_schemes(f.trip, f.entry, docs.arrival_date(f.trip, f.anchors))


def _route_scheme(bv: BorderView, lang: str) -> str:
    """The scheme by its name in the reader's language (「シェンゲン・ビザ(短期滞在)」), not
    its id ("Schengen-visa")."""
    v = bv.verdict
    if v.scheme is not None:
        return v.scheme.name.get(lang)
    return v.scheme_id or v.requirement


def _required_at(scheme: str, bv: BorderView, lang: str) -> str:
    """Where the scheme is asked for: the airport, or the country of a border crossed by
    land or sea (the Eurostar into the UK has no airport to name: not "at —")."""
    c = _names([bv.border.country], lang)
    if bv.border.airport is None:
        return tr("{scheme} is required to enter {c}", lang, scheme=scheme, c=c)
    airport = airport_places([bv.border.airport], lang)
    if names_country(scheme, bv.border.country, lang):
        # The scheme says whose it is: "Singapore entry visa is required at Singapore (SIN)",
        # not "... for Singapore at Singapore (SIN)" (「シンガポールのシンガポールの入国ビザ」).
        return tr("{scheme} is required at {airport}", lang, scheme=scheme, airport=airport)
    # The airport by city, and the country whose requirement it is (at a preclearance the
    # airport is in Canada, the requirement the United States').
    return tr(
        "{scheme} is required for {c} at {airport}",
        lang,
        scheme=scheme,
        airport=airport,
        c=c,
    )


def _authorisation_required(f: Facts, want: bool) -> tuple[bool, str]:
    """Whether the trip needs any travel authorisation: to enter, or to connect."""
    if f.route is not None:
        needing = f.needing()
        if needing:
            return want is True, _facts(
                _once(_required_at(_route_scheme(bv, f.lang), bv, f.lang) for bv in needing),
                f.lang,
            )
        unknown = [bv.border.country for bv in f.route if bv.verdict.requirement == "unknown"]
        if unknown:
            # Unknown is not "none": the authorisation item stays, saying tripkit does not know.
            return want is True, tr(
                "tripkit does not know what {c} asks of you", f.lang, c=_names(unknown, f.lang)
            )
        return want is False, tr("no travel authorisation to apply for on your route", f.lang)
    dest = f.trip.destination_country
    reasons = _transit_reasons(f)
    schemes = _entry_schemes(f)
    if schemes:
        reasons.insert(
            0,
            tr(
                "{scheme} is required to enter {c}",
                f.lang,
                scheme=_codes(s.name.get(f.lang) for s in schemes),
                c=_names([dest], f.lang),
            ),
        )
    if reasons:
        return want is True, _facts(reasons, f.lang)
    if f.entry is None:
        return want is False, tr(
            "tripkit has no entry rules for {c}", f.lang, c=_names([dest], f.lang)
        )
    return want is False, tr(
        "no travel authorisation is required to enter {c}", f.lang, c=_names([dest], f.lang)
    )


def _scheme_word(f: Facts, kind: str) -> str:
    """A rule's scheme id (`authorisation_needed: UK-ETA`) as a sentence says it: the short
    name of the scheme of a country on the route ("UK ETA"), else the id as the rule wrote it."""
    countries = dict.fromkeys(
        [*(bv.border.country for bv in f.route or ()), f.trip.destination_country]
    )
    for code in countries:
        scheme = scheme_by_id(kind, wiring.country_schemes(code))
        if scheme is not None:
            return short_name(scheme, f.lang)
    return kind


def _authorisation_needed(f: Facts, kind: str) -> tuple[bool, str]:
    """Whether the trip needs the scheme `kind` (e.g. ESTA), to enter or to connect."""
    wanted = kind.casefold()
    kind = _scheme_word(f, kind)
    if f.route is not None:
        for bv in f.needing():
            if (bv.verdict.scheme_id or "").casefold() == wanted:
                return True, _required_at(kind, bv, f.lang)
        barred = [
            bv
            for bv in f.route
            if bv.verdict.ineligible_scheme is not None
            and bv.verdict.ineligible_scheme.id.casefold() == wanted
        ]
        if barred:
            return False, tr("you cannot use {scheme}: a visa instead", f.lang, scheme=kind)
        return False, tr("your trip does not need {scheme}", f.lang, scheme=kind)
    dest = f.trip.destination_country
    if any(s.id.casefold() == wanted for s in _entry_schemes(f)):
        return True, tr(
            "{scheme} is required to enter {c}", f.lang, scheme=kind, c=_names([dest], f.lang)
        )
    for n in f.transit:
        if n.scheme.id.casefold() == wanted:
            return True, tr(
                "{scheme} is required to change planes at {airports}, {c}",
                f.lang,
                scheme=kind,
                airports=airport_places(n.airports, f.lang),
                c=country_names([n.country], f.lang),  # a place's country, as in an address
            )
    return False, tr("your trip does not need {scheme}", f.lang, scheme=kind)


def _holds_valid_authorisation(f: Facts, kind: str) -> tuple[bool, str]:
    wanted = kind.casefold()
    word = _scheme_word(f, kind)
    if f.route is not None:
        matching = [bv for bv in f.needing() if (bv.verdict.scheme_id or "").casefold() == wanted]
        if matching and all(bv.verdict.status == "ok" for bv in matching):
            return True, _facts([bv.lines[-1] for bv in matching if bv.lines], f.lang) or tr(
                "your {scheme} covers the trip", f.lang, scheme=word
            )
        if not matching:
            return False, tr("your trip does not need {scheme}", f.lang, scheme=word)
        return False, _facts([w for bv in matching for w in bv.warnings], f.lang) or tr(
            "your {scheme} does not cover the trip", f.lang, scheme=word
        )
    scheme = None
    country = f.entry.code if f.entry is not None else f.trip.destination_country
    window = None
    if f.entry is not None:
        scheme = next((s for s in f.entry.authorisations if s.id.casefold() == wanted), None)
    need = next((n for n in f.transit if n.scheme.id.casefold() == wanted), None)
    if scheme is None and need is not None:
        # Needed only for a connection: valid over the days spent changing planes there.
        scheme, country, window = need.scheme, need.country, (need.first, need.last)
    status = docs.authorisation_status(
        f.trip,
        kind,
        country,
        f.anchors,
        f.lang,
        tied_to_passport=scheme.tied_to_passport if scheme else True,
        window=window,
        name=word,
        stay=docs.stay_rule(scheme),
    )
    # Unknown (valid on arrival, ending during the stay without a source either way) is not
    # held: the apply item stays, its reason saying why.
    return status.ok is True, status.why


def _time_difference_over(f: Facts, hours: float) -> tuple[bool, str]:
    """On the body-clock shift (what jet lag follows), worded apart from the clock
    difference: Tokyo to San Francisco is 17 h on the clock, a 7 h shift for the body."""
    diff, shift = f.offsets()
    city = f.city_name or f.trip.conference.venue.city
    if diff == 0:
        clock = tr("{venue} keeps the same time as home", f.lang, venue=city)
    elif diff > 0:
        clock = tr("{venue} is {h} h ahead of home", f.lang, venue=city, h=f"{diff:g}")
    else:
        clock = tr("{venue} is {h} h behind home", f.lang, venue=city, h=f"{-diff:g}")
    body = tr("a body-clock shift of {h} h", f.lang, h=f"{abs(shift):g}")
    return abs(shift) > hours, (f"{clock}({body})" if f.lang == "ja" else f"{clock} ({body})")


def _travel_direction(f: Facts, want: str) -> tuple[bool, str]:
    shift = f.shift_hours()
    if shift == 0:
        return False, tr("no time difference", f.lang)
    if shift > 0:
        return want == "east", tr("your body clock must move {h} h earlier", f.lang, h=f"{shift:g}")
    return want == "west", tr("your body clock must move {h} h later", f.lang, h=f"{-shift:g}")


def _stay_days_at_least(f: Facts, days: int) -> tuple[bool, str]:
    # Both the day you land and the day you leave count, as immigration counts a stay (a VWP
    # or Schengen "90 days" starts on the arrival day), as the entry check and the binder's
    # entry card count it.
    n = stay_days(docs.arrival_date(f.trip, f.anchors), docs.leave_date(f.trip, f.anchors))
    # Two msgids rather than a plural form: the core's translator (core.wiring) has no trn.
    return n >= days, tr("you stay 1 day", f.lang) if n == 1 else tr(
        "you stay {n} days", f.lang, n=n
    )


PREDICATE_FUNCS: dict[str, Pred] = {
    "citizenship_in": _citizenship_in,
    "home_country_in": _home_country_in,
    "destination_in": _destination_in,
    "departs_from": _departs_from,
    "venue_city_in": _venue_city_in,
    "abroad": _abroad,
    "crosses_border": _crosses_border,
    "has_flights": _has_flights,
    "has_ground_legs": _has_ground_legs,
    "may_fly": _may_fly,
    "has_stays": _has_stays,
    "has_connection": _has_connection,
    "has_connection_in_destination": _has_connection_in_destination,
    "has_badge_pickup": _has_badge_pickup,
    "e_passport": _e_passport,
    "authorisation_required": _authorisation_required,
    "authorisation_needed": _authorisation_needed,
    "holds_valid_authorisation": _holds_valid_authorisation,
    "time_difference_over": _time_difference_over,
    "travel_direction": _travel_direction,
    "stay_days_at_least": _stay_days_at_least,
}


def holds(cond: Condition, facts: Facts) -> tuple[bool, list[str]]:
    """Whether `cond` holds, and the facts that decided it (stated the same either way)."""
    key, value = cond.key, cond.value
    if key == "all":
        results = [holds(c, facts) for c in value]
        if all(ok for ok, _ in results):
            return True, [r for _, rs in results for r in rs]
        return False, [r for ok, rs in results if not ok for r in rs]
    if key == "any":
        results = [holds(c, facts) for c in value]
        if any(ok for ok, _ in results):
            return True, [r for ok, rs in results if ok for r in rs]
        return False, [r for _, rs in results for r in rs]
    if key == "not":
        ok, reasons = holds(value, facts)
        return not ok, reasons
    memo_key = (key, repr(value))
    found = facts.memo.get(memo_key)
    if found is None:
        found = facts.memo[memo_key] = PREDICATE_FUNCS[key](facts, value)
    return found[0], [found[1]] if found[1] else []


# --- state ---------------------------------------------------------------------------------


def apply_state(item: ChecklistItem, state: ItemState | None, now: datetime) -> ChecklistItem:
    """Status from the user's state and the clock. not_applicable items keep their status.

    The clock is compared with the item's due time and its snooze's end only: the kept
    checklist (tripkit.services.checklist_cache) relies on it, keeping its items for the span
    between those instants. A new use of `now` in the checklist must be added there too."""
    state = state or blank_state()
    status = item.status
    if status == "not_applicable":
        return item.model_copy(update={"state": state})
    if state.status in ("done", "skipped"):
        status = state.status
    elif state.status == "snoozed" and state.snoozed_until and utc(now) < utc(state.snoozed_until):
        status = "snoozed"
    else:
        status = "overdue" if item.due is not None and utc(item.due) < utc(now) else "todo"
    return item.model_copy(update={"status": status, "state": state})


# --- evaluation ----------------------------------------------------------------------------


def placeholders(
    trip: Trip,
    anchors: Anchors,
    entry: CountryEntry | None,
    lang: str,
    city_name: str | None = None,
) -> dict[str, str]:
    """Values for the {placeholders} a rule's text may use. `city_name` is the city in the
    reader's language (curated data); the trip's own spelling is used without one."""
    venue = trip.conference.venue
    schemes = docs.required_schemes(trip, entry, docs.arrival_date(trip, anchors)) if entry else []
    if anchors.port_of_entry_airport:
        # By city as every other line ("Frankfurt (FRA)"), not the bare code.
        port = airport_places([anchors.port_of_entry_airport], lang)
    elif may_fly(trip):
        port = tr("your first airport in {c}", lang, c=_names([trip.destination_country], lang))
    else:
        port = tr("your border crossing into {c}", lang, c=_names([trip.destination_country], lang))
    # A rule's text says a country inside a sentence ("valid long enough for the United
    # States"); a text that starts with one is capitalised where it is filled.
    dest_name = entry.name.get(lang) if entry else country_names([trip.destination_country], lang)
    return {
        "destination": in_running_text(dest_name, lang),
        "destination_code": trip.destination_country,
        "city": city_name or venue.city,
        "venue": venue.name,
        "conference": trip.conference.name,
        "port_of_entry": port,
        "scheme": schemes[0].name.get(lang) if schemes else tr("travel authorisation", lang),
        "official_url": schemes[0].official_url if schemes else "",
        "home_country": _names([trip.traveller.home_country], lang),
    }


def _border_place(bv: BorderView, lang: str) -> str:
    """Where a border is, as the reasons name it: its airport by city ("Los Angeles (LAX)",
    not "LAX"), else its country."""
    if bv.border.airport:
        return airport_places([bv.border.airport], lang)
    return country_names([bv.border.country], lang)  # starts a line: "France: ..."


def _visa_held(bv: BorderView) -> bool:
    """The visa itself is held through the stay: what is missing is something besides it
    (EVUS with a PRC B visa), which the authorisation item says, not the visa item."""
    v = bv.verdict
    return (
        v.requirement == "visa"
        and v.held is not None
        and v.held_until is not None
        and v.held_until >= v.leave
    )


def _route_check(check: str, route: Sequence[BorderView], trip: Trip, lang: str) -> docs.DocResult:
    """The document checks on the route's borders: the same verdicts and wording as
    `tripkit entry`. Unknown is said as unknown (ok None), never as "not needed"."""
    sources: list[Source] = []
    for bv in route:
        sources += [src for src in bv.verdict.sources if src not in sources]
    abroad = [bv for bv in route if bv.border.kind != "return"]
    unknown = [bv for bv in abroad if bv.verdict.requirement == "unknown"]
    # Once each: two connections at FRA said "tripkit does not know what Germany asks..."
    # twice in one reason.
    unknown_text = list(dict.fromkeys(bv.headline for bv in unknown if bv.headline))
    if check == "passport":
        judged = [
            bv
            for bv in abroad
            if bv.verdict.passport_check is not None
            and bv.verdict.passport_check.basis != "citizen"
        ]
        if not judged:
            return docs.DocResult(
                True, tr("no border on your route asks about your passport", lang)
            )
        # (once each: the way out and back through one airport says the same twice)
        summary = _once(
            f"{_border_place(bv, lang)}: {line}" for bv in judged for line in bv.passport_lines
        )
        problems = _once(w for bv in judged for w in bv.passport_warnings)
        unsure = any(
            bv.verdict.passport_check.ok is None
            for bv in judged
            if bv.verdict.passport_check is not None
        )
        passport_sources: list[Source] = []
        for bv in judged:
            check_sources = bv.verdict.passport_check.sources if bv.verdict.passport_check else ()
            passport_sources += [s for s in check_sources if s not in passport_sources]
        ok_pass: bool | None = None if unsure and not problems else not problems
        return docs.DocResult(
            ok_pass, _facts(summary, lang), _sentences(problems, lang), passport_sources
        )
    if check == "authorisation":
        # Every border that needs something applied for, a visa included (an Indian to the
        # US) and a scheme the traveller cannot use (then the visa it needs instead): never
        # "no travel authorisation" where the traveller needs one.
        picked = [
            bv
            for bv in abroad
            if bv.verdict.requirement in NEEDS_APPLICATION or bv.verdict.status == "ineligible"
        ]
    elif check == "visa":
        picked = [
            bv
            for bv in abroad
            if bv.verdict.requirement in ("visa", "no-admission")
            or bv.verdict.status == "ineligible"
        ]
    else:  # e_passport
        picked = [
            bv
            for bv in abroad
            if bv.verdict.no_e_passport
            or (bv.verdict.scheme is not None and bv.verdict.scheme.needs_e_passport)
        ]
        if not picked and unknown:
            return docs.DocResult(
                None,
                tr(
                    "tripkit does not know whether {c} asks for an e-passport",
                    lang,
                    c=_codes(dict.fromkeys(bv.country_name or bv.border.country for bv in unknown)),
                ),
            )
        if not picked:
            return docs.DocResult(True, tr("no e-passport requirement applies", lang))
        if trip.traveller.passport.e_passport:
            return docs.DocResult(
                True,
                tr(
                    "{names} needs an e-passport; yours is one",
                    lang,
                    names=("、" if lang == "ja" else ", ").join(
                        _route_scheme(bv, lang) for bv in picked
                    ),
                ),
                sources=sources,
            )
        return docs.DocResult(
            False,
            tr("your passport is not an e-passport", lang),
            _sentences([w for bv in picked for w in bv.warnings], lang),
            sources,
        )
    summary = _once(f"{_border_place(bv, lang)}: {line}" for bv in picked for line in bv.lines[:2])
    # Valid on arrival, ending during the stay, the sources silent on the rest: said in the
    # reason as unknown (what to check), not as a problem to fix.
    silent = [bv for bv in picked if bv.verdict.on_arrival_only]
    summary += _once(w for bv in silent for w in bv.warnings)
    problems = _once(
        w
        for bv in picked
        for w in bv.warnings
        if bv.verdict.status not in ("ok", "not-needed")
        and not bv.verdict.on_arrival_only
        and not (check == "visa" and _visa_held(bv))
    )
    if not picked and not unknown:
        none = (
            tr("no travel authorisation to apply for on your route", lang)
            if check == "authorisation"
            else tr("no visa needed on your route", lang)
        )
        return docs.DocResult(True, none, sources=sources)
    ok: bool | None = not problems
    if (unknown or silent) and not problems:
        ok = None
    return docs.DocResult(
        ok,
        clauses(summary + unknown_text, "; " if lang != "ja" else " / "),
        _sentences(problems, lang),
        sources,
    )


def _run_check(
    rule: Rule,
    trip: Trip,
    entry: CountryEntry | None,
    anchors: Anchors,
    lang: str,
    transit: Sequence[docs.TransitNeed],
    route: Sequence[BorderView] | None = None,
) -> docs.DocResult:
    if route is not None and rule.check in ("passport", "authorisation", "visa", "e_passport"):
        return _route_check(rule.check, route, trip, lang)
    if rule.check == "passport":
        # The passport's validity is judged at each border of the route, by the border's own
        # rule (core.entry.check_passport: months beyond the stay, from arrival, Schengen's
        # 10 years), as `tripkit entry` says it: one place for the fact. A caller without a
        # route (no user-facing one) gets an honest unknown, never a second, older rule's
        # answer (which knew no months counted from arrival: "no sourced rule" for India).
        return docs.DocResult(
            None,
            tr(
                "tripkit judges your passport at each border of your route: see `tripkit entry`",
                lang,
            ),
        )
    if rule.check == "authorisation":
        return docs.check_authorisation(trip, entry, anchors, lang, transit)
    if rule.check == "e_passport":
        return docs.check_e_passport(trip, entry, anchors, lang, transit)
    if rule.check == "visa":
        return docs.check_visa(trip, entry, anchors, lang)
    if rule.check == "flights":
        return docs.check_flights(trip, lang)
    if rule.check == "journey":
        ok, summary, problem = check_journey(trip, lang)
        return docs.DocResult(ok, summary, problem)
    return docs.check_stays(trip, lang)


# Predicates that say where the trip goes (and whose trip it is): an item failing one of them
# concerns other destinations or other travellers (ESTA on a London trip, San Francisco
# safety on a Brussels trip, Tabireg for a German): noise unless asked for.
_WHERE = frozenset({"destination_in", "venue_city_in", "authorisation_needed", "citizenship_in"})


def _elsewhere(cond: Condition | None, facts: Facts) -> bool:
    """Whether a positive destination predicate in `cond` is false (negations ignored)."""
    if cond is None:
        return False
    if cond.key in ("all", "any"):
        return any(_elsewhere(c, facts) for c in cond.value)
    if cond.key in _WHERE:
        found = facts.memo.get((cond.key, repr(cond.value)))
        if found is None:
            found = facts.memo[(cond.key, repr(cond.value))] = PREDICATE_FUNCS[cond.key](
                facts, cond.value
            )
        return not found[0]
    return False


def _route_placeholders(route: Sequence[BorderView], lang: str) -> dict[str, str]:
    """{port_of_entry}, {scheme}, {official_url} from the route: the first border with
    immigration, and the first scheme to apply for."""
    out: dict[str, str] = {}
    port = next((bv.border.airport for bv in route if bv.border.recheck_bags), None) or next(
        (
            bv.border.airport
            for bv in route
            if bv.border.kind in ("entry", "preclearance")
            or (bv.border.kind == "transit" and bv.border.airside == "not-allowed")
        ),
        None,
    )
    if port:
        out["port_of_entry"] = airport_places([port], lang)
    # The first thing to apply for: a barred scheme's visa, never the barred scheme itself.
    needing = [
        bv
        for bv in route
        if bv.verdict.requirement in NEEDS_APPLICATION and bv.verdict.scheme is not None
    ]
    if needing:
        scheme = needing[0].verdict.scheme
        assert scheme is not None
        out["scheme"] = scheme.name.get(lang)
        out["official_url"] = scheme.official_url
    else:
        visa = any(bv.verdict.requirement == "visa" for bv in route)
        out["scheme"] = tr("visa" if visa else "travel authorisation", lang)
        out["official_url"] = ""
    return out


def _preclearance_label(route: Sequence[BorderView] | None, lang: str) -> str | None:
    """The first port of entry named where it is when it is a preclearance: the US border
    is crossed at Vancouver before boarding, not on landing at the first US airport."""
    if route is None:
        return None
    first = next(
        (
            bv
            for bv in route
            if bv.border.kind in ("entry", "preclearance")
            or (bv.border.kind == "transit" and bv.border.airside == "not-allowed")
        ),
        None,
    )
    if first is None or first.border.kind != "preclearance" or not first.border.airport:
        return None
    # A preclearance border's `inbound` is the flight boarded after it (AC560 to LAX).
    board = first.border.inbound
    return tr(
        "{country} preclearance at {airport}, before you board {flight}",
        lang,
        country=first.country_name or country_names([first.border.country], lang),
        airport=airport_places([first.border.airport], lang),
        flight=board.flight if board is not None else tr("your flight", lang),
    )


def _due(
    rule: Rule, trip: Trip, anchors: Anchors, lang: str, preclearance: str | None = None
) -> tuple[datetime | None, date | None, str]:
    """(due instant, the day when the deadline is a day (the instant is then its end), the
    sentence saying how it was found)."""
    if rule.due is None:
        return None, None, ""
    at = anchors.get(rule.due.anchor)
    labels = GROUND_ANCHOR_LABELS if trip.ground and not trip.flights else ANCHOR_LABELS
    label = tr(labels[rule.due.anchor], lang)
    if rule.due.anchor == "port_of_entry" and preclearance is not None:
        label = preclearance
    note = anchors.notes.get(rule.due.anchor, "")
    if at is None:
        return None, None, tr("no due date: {note}", lang, note=tr(note, lang))
    on_day = day_due(rule.due.anchor, rule.due.offset, trip, anchors)
    if on_day is not None:
        day, due = on_day
    else:
        day = None
        due = shift(at, rule.due.offset, calendar=rule.due.in_days)
        due = due.astimezone(get_zone(where_is(trip, due, anchors)))
    if rule.due.before:
        text = tr("due {d} before {anchor}", lang, d=_duration(rule.due.before, lang), anchor=label)
    elif rule.due.after:
        text = tr("due {d} after {anchor}", lang, d=_duration(rule.due.after, lang), anchor=label)
    else:
        text = tr("due at {anchor}", lang, anchor=label)
    if note:
        text += f" ({tr(note, lang)})"
    return due, day, text


def evaluate(
    trip: Trip,
    rules: Sequence[Rule],
    *,
    countries: Mapping[str, CountryEntry],
    states: Mapping[str, ItemState],
    custom: Sequence[CustomItem] = (),
    now: datetime,
    lang: str = "en",
    lookup: CountryLookup | None = None,
    anchors: Anchors | None = None,
    route: Sequence[BorderView] | None = None,
    city_name: str | None = None,
) -> list[ChecklistItem]:
    """Every rule and custom item as a ChecklistItem, sorted by phase then due time.

    With `route` (tripkit.services.entry.borders), the entry predicates and document checks
    follow every border of the route; items whose destination condition fails are marked
    `elsewhere` (hidden unless the user asks for all items)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    lookup = lookup or default_country_lookup()
    anchors = anchors or compute_anchors(trip, lookup)
    entry = countries.get(trip.destination_country)
    facts = Facts(
        trip,
        anchors,
        entry,
        lang,
        lookup,
        transit=docs.transit_needs(trip, countries, anchors),
        route=route,
        city_name=city_name,
    )
    fill = placeholders(trip, anchors, entry, lang, city_name)
    if route is not None:
        fill.update(_route_placeholders(route, lang))
    items: list[ChecklistItem] = []
    preclearance = _preclearance_label(route, lang)
    due_memo: dict[
        tuple[str, str | None, str | None] | None, tuple[datetime | None, date | None, str]
    ] = {}
    check_memo: dict[str, docs.DocResult] = {}
    for rule in rules:
        applies, why = holds(rule.when, facts) if rule.when else (True, [])
        due_key = (rule.due.anchor, rule.due.before, rule.due.after) if rule.due else None
        if due_key not in due_memo:
            due_memo[due_key] = _due(rule, trip, anchors, lang, preclearance)
        due, due_day, due_text = due_memo[due_key]
        title = _filled(rule.title.get(lang), fill)
        details = _filled(rule.details.get(lang), fill) if rule.details else ""
        if not applies:
            reason = tr("Not applicable: {why}.", lang, why=_facts(why, lang))
            item = new_item(
                id=rule.id,
                phase=rule.phase,
                title=title,
                details=details,
                due=due,
                due_day=due_day,
                status="not_applicable",
                reason=reason,
                sources=list(rule.sources),
                depends_on=list(rule.depends_on),
                elsewhere=route is not None and _elsewhere(rule.when, facts),
            )
            items.append(apply_state(item, states.get(rule.id), now))
            continue
        parts = [
            tr("Applies: {why}.", lang, why=_facts(why, lang))
            if why
            else tr("Applies to every trip.", lang)
        ]
        problem = ""
        sources = list(rule.sources)
        computed_done = False
        if rule.check is not None:
            if rule.check not in check_memo:
                check_memo[rule.check] = _run_check(
                    rule, trip, entry, anchors, lang, facts.transit, route
                )
            result = check_memo[rule.check]
            # Said already by the condition, or empty (a passport that fails every border is
            # said in the problem alone): no "Applies: ... . ." with an empty sentence.
            if result.summary and result.summary not in why:
                parts.append(_sentence(result.summary, lang))
            problem = result.problem
            sources += [s for s in result.sources if s not in sources]
            computed_done = result.ok is True
        if due_text:
            parts.append(_sentence(due_text, lang))
        item = new_item(
            id=rule.id,
            phase=rule.phase,
            title=title,
            details=details,
            due=due,
            due_day=due_day,
            reason=_join(parts, lang),
            problem=problem,
            sources=sources,
            depends_on=list(rule.depends_on),
        )
        state = states.get(rule.id)
        item = apply_state(item, state, now)
        if computed_done and item.status not in ("skipped",):
            item = item.model_copy(update={"status": "done"})
        elif problem and item.status == "done":
            # The user ticked it, but the documents still fail: the check wins.
            item = item.model_copy(
                update={
                    "status": "overdue" if due is not None and utc(due) < utc(now) else "todo",
                    "reason": _join(
                        [
                            item.reason,
                            tr(
                                "You marked it done, but the check still fails: update the trip's "
                                "documents.",
                                lang,
                            ),
                        ],
                        lang,
                    ),
                }
            )
        items.append(item)
    for c in custom:
        due = c.due.astimezone(get_zone(where_is(trip, c.due, anchors))) if c.due else None
        phase = c.phase if c.phase in PHASES else "prepare"
        item = new_item(
            id=c.id,
            phase=phase,
            title=c.title,
            details=c.details,
            due=due,  # type: ignore[arg-type]
            reason=tr("Added by you.", lang),
            custom=True,
        )
        items.append(apply_state(item, states.get(c.id), now))
    _note_dependencies(items, lang)
    return sort_items(items)


def _note_dependencies(items: list[ChecklistItem], lang: str) -> None:
    by_id = {i.id: i for i in items}
    for n, item in enumerate(items):
        open_deps = [
            d
            for d in item.depends_on
            if d in by_id and by_id[d].status in ("todo", "overdue", "snoozed")
        ]
        if open_deps and item.status not in ("not_applicable", "done", "skipped"):
            # The items it waits for by their titles, as the reader sees them in the list
            # (「先に: passport-validity」 showed a rule id).
            titles = ("」「" if lang == "ja" else '", "').join(by_id[d].title for d in open_deps)
            first = tr('First: "{titles}".', lang, titles=titles)
            items[n] = item.model_copy(update={"reason": _join([item.reason, first], lang)})


def sort_items(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    order = {p: i for i, p in enumerate(PHASES)}
    far = datetime.max.replace(tzinfo=get_zone("UTC"))
    indexed = list(enumerate(items))
    # Dues are in the zones where the traveller will be: sort by instant, not wall clock.
    indexed.sort(key=lambda p: (order[p[1].phase], utc(p[1].due) if p[1].due else far, p[0]))
    return [item for _, item in indexed]


_DURATION_WORDS = {"m": "{n} min", "h": "{n} h", "d": "{n} days", "w": "{n} weeks"}


def _duration(text: str, lang: str) -> str:
    """'72h' -> '72 h', '14d' -> '14 days' (1 day), in `lang`."""
    text = text.strip()
    n, unit = int(text[:-1].strip()), text[-1]
    if n == 1 and unit in "dw":
        return tr("1 day" if unit == "d" else "1 week", lang)
    return tr(_DURATION_WORDS[unit], lang, n=n)


def _facts(facts: list[str], lang: str) -> str:
    return (" / " if lang == "ja" else "; ").join(facts)


def _sentence(text: str, lang: str) -> str:
    """`text` as one sentence: a part that already ends as one (a curated note's 「…です。」)
    gets no second stop (「6か月です。。」 was shipped)."""
    if lang == "ja":
        return as_sentence(text, lang)
    text = capital(text.rstrip())
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(parts: list[str], lang: str) -> str:
    return ("" if lang == "ja" else " ").join(parts)


def _sentences(parts: list[str], lang: str) -> str:
    """Warnings one after the other, each ending as a sentence (the engine's lines often lack
    their 「。」 or full stop, and would run together: "Renew it before you travel Your
    passport...")."""
    return _join([_sentence(p, lang) for p in parts], lang)


def _filled(template: str, fill: Mapping[str, str]) -> str:
    """A rule's text with its placeholders filled; one that starts with a placeholder starts
    with a capital ("{scheme} valid..." with no scheme: "Travel authorisation ...", a user's
    "{destination} asks..." with "the United States": "The United States asks...")."""
    text = template.format(**fill)
    return capital(text) if template.startswith("{") else text


__all__ = ["evaluate", "apply_state", "holds", "Facts", "sort_items", "shift"]
