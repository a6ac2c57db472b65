"""Document checks: computed from the trip and the entry rules, not merely reminded.

Each check returns a DocResult: `ok` True (fine), False (a `problem` saying what is wrong,
what to do and by when) or None (tripkit cannot tell; the summary says what to check).
Dates stay dates: a passport valid "until 3 March" is compared with the day the traveller
leaves in the venue's calendar, so that the result never shifts with the viewing zone.

The passport's validity is not checked here: each border of the route judges it by its own
rule (core.entry.check_passport), the one place for that fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from tripkit.core.anchors import Anchors, Connection, shift
from tripkit.core.record import Record, field
from tripkit.core.scheme_names import short_name
from tripkit.core.timefmt import fmt_date, fmt_dt
from tripkit.core.wiring import tr
from tripkit.core.wording import (
    airport_places,
    capital,
    clauses,
    country_names,
    country_names_in_text,
)
from tripkit.core.zoned import get_zone

if TYPE_CHECKING:
    from tripkit.core.curated import AuthorisationScheme, CountryEntry
    from tripkit.core.models import Authorisation, Source, Trip


class DocResult(Record, frozen=True):
    ok: bool | None
    summary: str  # what was checked and found (shown as the item's reason)
    problem: str = ""  # when ok is False: what to do and by when
    sources: list[Source] = field(default_factory=list)


def _venue_date(dt: datetime | None, trip: Trip) -> date | None:
    return dt.astimezone(get_zone(trip.venue_tz)).date() if dt is not None else None


def arrival_date(trip: Trip, anchors: Anchors) -> date:
    """The day the traveller enters the destination (first port of entry), venue calendar."""
    return _venue_date(anchors.get("port_of_entry"), trip) or trip.conference.first_day


def leave_date(trip: Trip, anchors: Anchors) -> date:
    """The day the traveller leaves the destination, in the venue's calendar.

    Without a flight out, the conference's last day (the fallback anchor is the midnight
    that ends it, which is already the next day)."""
    if "return_departure" in anchors.notes:
        return trip.conference.last_day
    return _venue_date(anchors.get("return_departure"), trip) or trip.conference.last_day


def required_schemes(trip: Trip, entry: CountryEntry | None, on: date) -> list[AuthorisationScheme]:
    """Schemes the traveller's citizenships need for this destination, in force on `on`."""
    if entry is None:
        return []
    cits = set(trip.traveller.citizenships)
    if entry.code in cits:
        return []  # citizens enter their own country
    out = []
    for scheme in entry.authorisations:
        if not cits & set(scheme.required_for):
            continue
        if scheme.in_force_from is not None and scheme.in_force_from > on:
            continue
        if scheme.status == "planned" and scheme.in_force_from is None:
            continue
        out.append(scheme)
    return out


class TransitNeed(Record, frozen=True):
    """A scheme needed only because a flight connects in `country` (ESTA when changing
    planes at SFO on the way to Toronto), and the days of those connections there."""

    scheme: AuthorisationScheme
    country: str
    airports: tuple[str, ...]
    first: date  # local date at the airport of the first landing there
    last: date  # local date of the last take-off from there


def transit_needs(
    trip: Trip, countries: Mapping[str, CountryEntry], anchors: Anchors
) -> list[TransitNeed]:
    """Schemes the traveller needs for connections outside the destination country.

    Only schemes whose data says `transit: {needed: true}` (with its sources) count; a
    country whose rule is unknown or says "not needed" (UK airside) adds nothing."""
    by_country: dict[str, list[Connection]] = {}
    for conn in anchors.connections:
        if conn.country is None or conn.country == trip.destination_country:
            continue
        by_country.setdefault(conn.country, []).append(conn)
    out = []
    for code, conns in by_country.items():
        entry = countries.get(code)
        first = min(c.inbound.arrives.date() for c in conns)  # each in its airport's zone
        last = max(c.outbound.departs.date() for c in conns)
        airports = tuple(dict.fromkeys(c.airport for c in conns))
        for scheme in required_schemes(trip, entry, first):
            if scheme.needed_in_transit:
                out.append(TransitNeed(scheme, code, airports, first, last))
    return out


def _deadline(trip: Trip, anchors: Anchors, scheme: AuthorisationScheme | None, lang: str) -> str:
    departure = anchors.get("departure")
    if departure is None:
        return ""
    hours = scheme.apply_hours_before if scheme else 0
    return fmt_dt(shift(departure, timedelta(hours=-hours)), trip.home_tz, lang)


# What an authorisation must cover past the day of arrival (see `authorisation_status`).
StayRule = Literal["whole", "entry", "unknown"]


def stay_rule(scheme: AuthorisationScheme | None) -> StayRule:
    """A visa (or an unknown scheme) must cover the stay, as tripkit has always asked; an
    online authorisation whose sources make it a window to enter in need only be valid on
    arrival; for the other online authorisations the references are silent."""
    if scheme is None or scheme.kind != "authorisation":
        return "whole"
    return "entry" if scheme.entry_window else "unknown"


class AuthorisationStatus(Record, frozen=True):
    held: Authorisation | None
    valid_until: date | None  # the earlier of its own expiry and the passport's
    ok: bool | None  # None: valid on arrival, and no source says whether it must last the stay
    why: str  # English template key already filled, in `lang`


def authorisation_status(
    trip: Trip,
    scheme_id: str,
    country: str,
    anchors: Anchors,
    lang: str,
    *,
    tied_to_passport: bool = True,
    window: tuple[date, date] | None = None,
    name: str | None = None,
    stay: StayRule = "whole",
) -> AuthorisationStatus:
    """Whether the traveller holds `scheme_id` for `country`, valid on arrival (or over
    `window`, the days of a transit there), and until leaving.

    Valid on arrival is what every source asks (no boarding without one). Ending during the
    stay (`stay`, from `stay_rule`): fine for a scheme whose sources make its validity a
    window to enter in ("entry": Australia's ETA); unknown (None) for the other online
    authorisations (ESTA, eTA, UK ETA, K-ETA: tripkit's references say nothing either way),
    said with what to check, never a failure nor "in order"; a failure for a visa ("whole").
    `name` is what the sentences call the scheme ("UK ETA"; its id when not given)."""
    said = name or scheme_id
    passport = trip.traveller.passport
    held = [
        a
        for a in trip.traveller.authorisations
        if a.kind.casefold() == scheme_id.casefold() and a.country == country
    ]
    arrive, leave = window or (arrival_date(trip, anchors), leave_date(trip, anchors))
    if not held:
        why = tr("no {scheme} is recorded in the trip (add it if you hold one)", lang, scheme=said)
        return AuthorisationStatus(None, None, False, why)
    # The one that lasts longest is the one that counts.
    auth = max(held, key=lambda a: a.expires)
    if tied_to_passport and auth.passport_expires and auth.passport_expires != passport.expires:
        return AuthorisationStatus(
            auth,
            None,
            False,
            tr(
                "your {scheme} was issued for a passport expiring {old}, but your passport "
                "expires {new}: a new passport needs a new {scheme}",
                lang,
                scheme=said,
                old=fmt_date(auth.passport_expires, lang),
                new=fmt_date(passport.expires, lang),
            ),
        )
    until = min(auth.expires, passport.expires) if tied_to_passport else auth.expires
    ends_with_passport = tied_to_passport and passport.expires < auth.expires
    # The three sentences below fill their placeholders from the same values.
    values = {
        "scheme": said,
        "until": fmt_date(until, lang),
        "limit": tr(" (it ends with your passport)", lang) if ends_with_passport else "",
        "arrive": fmt_date(arrive, lang),
        "leave": fmt_date(leave, lang),
    }
    if until < arrive:
        why = tr(
            "your {scheme} is valid until {until}{limit}, before you arrive on {arrive}",
            lang,
            **values,
        )
        return AuthorisationStatus(auth, until, False, why)
    if until < leave and stay == "entry":
        why = tr(
            "your {scheme} is valid until {until}{limit}: you enter on {arrive} within it, "
            "and it is a window to enter in, so it may end during your stay",
            lang,
            **values,
        )
        return AuthorisationStatus(auth, until, True, why)
    if until < leave and stay == "unknown":
        why = tr(
            "your {scheme} is valid until {until}{limit}: valid when you arrive on {arrive}, "
            "but it ends before you leave on {leave}, and tripkit's sources do not say whether "
            "it must last the whole stay: check on the official site, or apply again",
            lang,
            **values,
        )
        return AuthorisationStatus(auth, until, None, why)
    if until < leave:
        why = tr(
            "your {scheme} is valid until {until}{limit}, during your stay (you leave on {leave})",
            lang,
            **values,
        )
        return AuthorisationStatus(auth, until, False, why)
    why = tr(
        "your {scheme} is valid until {until}{limit}: it covers arrival on {arrive} "
        "through leaving on {leave}",
        lang,
        **values,
    )
    return AuthorisationStatus(auth, until, True, why)


def check_authorisation(
    trip: Trip,
    entry: CountryEntry | None,
    anchors: Anchors,
    lang: str,
    transit: Sequence[TransitNeed] = (),
) -> DocResult:
    """The authorisations to enter the destination, and those its connections need."""
    arrive = arrival_date(trip, anchors)
    schemes = required_schemes(trip, entry, arrive)
    failures: list[str] = []
    summaries: list[str] = []
    sources: list[Source] = []
    unknown = entry is None
    if entry is None:
        summaries.append(
            tr(
                "tripkit has no entry rules for {country}: check with its embassy whether you need "
                "a visa or travel authorisation",
                lang,
                country=country_names_in_text([trip.destination_country], lang),
            )
        )
    elif not schemes:
        summaries.append(
            tr(
                "no travel authorisation is listed for your citizenship to {country}",
                lang,
                country=country_names_in_text([trip.destination_country], lang),
            )
        )
    # (scheme, its country, the days it must cover (None: the stay), what it is for)
    checks: list[tuple[AuthorisationScheme, str, tuple[date, date] | None, str]] = (
        [(s, entry.code, None, "") for s in schemes] if entry is not None else []
    )
    for need in transit:
        # "at San Francisco (SFO), United States": the city and the country by name,
        # the code only where the boarding pass shows it.
        where = tr(
            "for your connection at {airports}, {country}",
            lang,
            airports=airport_places(need.airports, lang),
            country=country_names([need.country], lang),
        )
        checks.append((need.scheme, need.country, (need.first, need.last), where))
    for scheme, country, window, prefix in checks:
        status = authorisation_status(
            trip,
            scheme.id,
            country,
            anchors,
            lang,
            tied_to_passport=scheme.tied_to_passport,
            window=window,
            name=short_name(scheme, lang),
            stay=stay_rule(scheme),
        )
        why = f"{prefix}: {status.why}" if prefix else status.why
        summaries.append(why)
        sources.extend(scheme.sources)
        if window is not None and scheme.transit is not None:
            sources.extend(scheme.transit.sources)
        if status.ok is None:
            unknown = True  # valid on arrival; the rest of the stay is not in the sources
            summaries[-1] += f" ({scheme.official_url})"
        elif not status.ok:
            failures.append(
                tr(
                    "{why}. Apply at {url} (the official site only) by {deadline}, {hours} h "
                    "before departure.",
                    lang,
                    why=capital(why),
                    url=scheme.official_url,
                    deadline=_deadline(trip, anchors, scheme, lang),
                    hours=scheme.apply_hours_before,
                )
            )
    ok: bool | None = not failures
    if unknown and not failures:
        ok = None  # the destination's own rules are unknown
    return DocResult(ok, clauses(summaries), " ".join(failures), sources)


def check_e_passport(
    trip: Trip,
    entry: CountryEntry | None,
    anchors: Anchors,
    lang: str,
    transit: Sequence[TransitNeed] = (),
) -> DocResult:
    schemes = [
        s for s in required_schemes(trip, entry, arrival_date(trip, anchors)) if s.needs_e_passport
    ]
    schemes += [n.scheme for n in transit if n.scheme.needs_e_passport and n.scheme not in schemes]
    if not schemes:
        return DocResult(True, tr("no e-passport requirement applies", lang))
    names = ", ".join(s.name.get(lang) for s in schemes)
    sources = [src for s in schemes for src in s.sources]
    if trip.traveller.passport.e_passport:
        return DocResult(
            True,
            tr("{names} needs an e-passport; yours is one", lang, names=names),
            sources=sources,
        )
    return DocResult(
        False,
        tr("{names} needs an e-passport (with a chip); yours is not one", lang, names=names),
        tr(
            "Without an e-passport you cannot use {names}: {fallback}",
            lang,
            names=names,
            fallback=_fallback(schemes[0], lang),
        ),
        sources,
    )


def check_visa(trip: Trip, entry: CountryEntry | None, anchors: Anchors, lang: str) -> DocResult:
    """Points to a visa when no waiver applies or a visit makes the traveller ineligible."""
    dest = trip.destination_country
    if entry is None:
        return DocResult(
            None,
            tr(
                "tripkit has no entry rules for {country}: check with its embassy whether you need "
                "a visa or travel authorisation",
                lang,
                country=country_names_in_text([dest], lang),
            ),
        )
    if dest in trip.traveller.citizenships:
        return DocResult(
            True,
            tr("you are a citizen of {country}", lang, country=country_names_in_text([dest], lang)),
        )
    schemes = required_schemes(trip, entry, arrival_date(trip, anchors))
    if not schemes:
        return DocResult(
            None,
            tr(
                "no visa waiver scheme for your citizenship to {country} is in tripkit's catalog: "
                "check with the embassy whether you need a visa",
                lang,
                country=country_names_in_text([dest], lang),
            ),
        )
    problems, sources = [], []
    for scheme in schemes:
        sources.extend(scheme.sources)
        for visit in trip.traveller.visited:
            if visit.country not in scheme.ineligible_if_visited:
                continue
            since = scheme.ineligible_since.get(visit.country)
            if since is not None and visit.on < since:
                continue
            problems.append(
                tr(
                    "You were in {visited} on {on}, which makes you ineligible for {scheme}: "
                    "{fallback}",
                    lang,
                    visited=country_names_in_text([visit.country], lang),
                    on=fmt_date(visit.on, lang),
                    scheme=scheme.name.get(lang),
                    fallback=_fallback(scheme, lang),
                )
            )
    names = ", ".join(s.name.get(lang) for s in schemes)
    if problems:
        return DocResult(
            False, tr("travel history bars {names}", lang, names=names), " ".join(problems), sources
        )
    return DocResult(
        True,
        tr(
            "{names} applies to you: no visa needed for this trip if it is granted",
            lang,
            names=names,
        ),
        sources=sources,
    )


def check_flights(trip: Trip, lang: str) -> DocResult:
    if trip.flights:
        return DocResult(True, tr("flight segments in the trip: {n}", lang, n=len(trip.flights)))
    return DocResult(
        False,
        tr("the trip has no flights", lang),
        tr(
            "Book your flights and add them to the trip: deadlines then follow your real "
            "departure.",
            lang,
        ),
    )


def check_stays(trip: Trip, lang: str) -> DocResult:
    if trip.stays:
        return DocResult(True, tr("stays in the trip: {n}", lang, n=len(trip.stays)))
    return DocResult(
        False,
        tr("the trip has no hotel or other stay", lang),
        tr(
            "Book where you will stay and add it to the trip: immigration, where your route has "
            "it, asks for the address.",
            lang,
        ),
    )


def _fallback(scheme: AuthorisationScheme, lang: str) -> str:
    if scheme.visa_fallback is not None:
        return scheme.visa_fallback.get(lang)
    return tr(
        "ask the embassy of {country} which visa you need",
        lang,
        country=country_names_in_text(scheme.destinations, lang),
    )
