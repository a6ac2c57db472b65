"""Entry services: a trip's borders, what each asks of the traveller, in words and as JSON.

`borders(trip, lang)` is what the CLI (`tripkit entry`), the checklist, the guide, the TUI
Overview and the binder share: one model, one wording. Only the countries on the route are
read (tripkit.catalog.entry_data), and of the world dataset only the passports' rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from tripkit.catalog import entry_data
from tripkit.core import entry as core
from tripkit.core.anchors import Anchors, shift
from tripkit.core.entry import BorderView
from tripkit.core.itembuild import new_item
from tripkit.core.record import Record, replace
from tripkit.core.route import Border, RouteFacts
from tripkit.core.route import borders as route_borders
from tripkit.core.scheme_names import held_name, named_once, short_name
from tripkit.core.timefmt import fmt_date, fmt_dt
from tripkit.core.wiring import airport_city
from tripkit.core.wording import airport_places, capital, in_running_text
from tripkit.i18n import country_name as i18n_country_name
from tripkit.i18n import tr, trn

if TYPE_CHECKING:
    from tripkit.core.curated import (
        AreaEntry,
        AuthorisationScheme,
        CountryEntry,
        RegistrationService,
    )
    from tripkit.core.models import ChecklistItem, Source, Trip

# --- facts -------------------------------------------------------------------------------


def _airport_country(code: str) -> str | None:
    from tripkit.catalog.airports import airport_country

    return airport_country(code)


def route_countries(trip: Trip) -> list[str]:
    """Every country the route touches (airports, venue, home), in first-seen order."""
    out = [trip.traveller.home_country]
    for seg in trip.flights:
        out.append(seg.origin_country or _airport_country(seg.origin) or "")
        out.append(seg.destination_country or _airport_country(seg.destination) or "")
    out += [st.country for st in trip.stays if st.country]
    out.append(trip.destination_country)
    out += trip.traveller.citizenships  # for their names
    return [c for c in dict.fromkeys(out) if c]


class TripFacts(Record):
    """The curated facts for one trip's route."""

    countries: dict[str, CountryEntry | None]
    areas: dict[str, AreaEntry]
    route: RouteFacts


def trip_facts(trip: Trip) -> TripFacts:
    codes = route_countries(trip)
    entries = {c: entry_data.country(c) for c in codes}
    areas = entry_data.areas()
    members = {m: a.id for a in areas.values() for m in a.members}
    loaded = {c: e for c, e in entries.items() if e is not None}
    airside = {c: e.transit.airside for c, e in loaded.items() if e.transit is not None}
    route = RouteFacts(
        airport_country=_airport_country,
        areas=members,
        preclearance={
            c: frozenset(e.preclearance.airports)
            for c, e in loaded.items()
            if e.preclearance is not None
        },
        airside=airside,
        # Where there is no airside transit (the US), checked bags clear customs at the
        # first airport: a connection means collecting and re-checking them.
        customs_at_first_port=frozenset(c for c, a in airside.items() if a == "not-allowed"),
        before_departure={
            a.id: frozenset(a.entered_before_departure.from_countries)
            for a in areas.values()
            if a.entered_before_departure is not None
        },
    )
    return TripFacts(entries, areas, route)


def _world() -> tuple[core.WorldLookup, tuple[Source, ...], date | None]:
    from tripkit.catalog.world import dataset_meta, lookup

    meta = dataset_meta()
    if meta is None:
        return (lambda _p, _d: None), (), None
    return lookup, tuple(meta.sources), meta.as_of


# --- evaluation ----------------------------------------------------------------------------


def verdicts(trip: Trip, facts: TripFacts | None = None) -> list[core.Verdict]:
    """Every border of the trip with what it asks of the traveller, in route order."""
    facts = facts or trip_facts(trip)
    world, world_sources, world_as_of = _world()
    home = facts.countries.get(trip.traveller.home_country)
    out = []
    for border in route_borders(trip, facts.route):
        entry = facts.countries.get(border.country)
        if entry is None and border.country not in facts.countries:
            entry = facts.countries[border.country] = entry_data.country(border.country)
        if entry is not None and border.country != trip.destination_country:
            entry = _not_the_conference_country(entry)
        more = tuple(
            e
            for c in border.countries
            if c != border.country and (e := facts.countries.get(c)) is not None
        )
        area = facts.areas.get(border.area) if border.area else None
        efacts = core.EntryFacts(
            country=entry,
            area=area,
            more=more,
            world=world,
            world_sources=world_sources,
            world_as_of=world_as_of,
            home=home,
        )
        arrive, leave = _window(trip, border)
        out.append(core.evaluate(border, trip.traveller, efacts, arrive, leave))
    # Schengen's 90 days in any 180 count every stay in the area on the trip, not each entry.
    short = {
        a.id: (a.short_stay.max_days, a.short_stay.window_days)
        for a in facts.areas.values()
        if a.short_stay is not None
    }
    return core.area_over_stays(out, short)


def _not_the_conference_country(entry: CountryEntry) -> CountryEntry:
    """`entry` without its rules for attending a conference there: a German changing planes
    in Delhi on the way to Singapore was told to get India's Conference visa, which needs the
    organiser's clearance from two ministries and is for conferences in India only. Without
    the rule the border is judged on the next source (the dataset, or unknown)."""
    if not any(r.conference_here for r in entry.entry):
        return entry
    return entry.model_copy(update={"entry": [r for r in entry.entry if not r.conference_here]})


def _window(trip: Trip, border: Border) -> tuple[date, date]:
    """The local days a border's permission must cover."""
    if border.kind == "transit":
        end = border.onward.departs.date() if border.onward is not None else border.day
        return border.day, end
    if border.leave_day is not None:
        return border.day, border.leave_day
    if border.destination:
        return border.day, max(border.day, trip.conference.last_day)
    return border.day, border.day


def borders(trip: Trip, lang: str, facts: TripFacts | None = None) -> list[BorderView]:
    """The trip's borders, each worded in `lang` (for the CLI, TUI Overview and binder)."""
    facts = facts or trip_facts(trip)
    return [describe(v, trip, lang, facts) for v in verdicts(trip, facts)]


# --- wording -----------------------------------------------------------------------------

KIND_TITLES = {
    "entry": "Entry to {country} at {airport}",
    "transit": "Connection in {country} at {airport}",
    "preclearance": "{country} preclearance at {airport}",
    "return": "Return to {country} at {airport}",
}
# A country named like the city its airport serves (Singapore): "Connection in Singapore at
# Singapore (SIN)" says the name twice.
CITY_STATE_TITLES = {
    "entry": "Entry to {airport}",
    "transit": "Connection in {airport}",
    "return": "Return to {airport}",
}
# The same inside a border area (Luxembourg in the Schengen area): "Entry to Luxembourg
# (Schengen area) at Luxembourg (LUX)" said the name twice.
CITY_STATE_AREA_TITLES = {
    "entry": "Entry to {airport} in the {area}",
    "transit": "Connection in {airport} in the {area}",
    "return": "Return to {airport} in the {area}",
}
REQUIREMENT_LABELS = {
    "none": "nothing to apply for",
    "visa-free": "visa-free",
    "eta": "electronic travel authorisation",
    "e-visa": "e-visa",
    "visa-on-arrival": "visa on arrival",
    "visa": "visa",
    "no-admission": "no admission",
    "unknown": "unknown",
}
# A border without an airport: crossed by land or sea (a stay's country), or the trip has no
# flights.
LAND_TITLES = {
    "entry": "Entry to {country} (by land or sea)",
    "return": "Return to {country} (by land or sea)",
}
# A trip that records no flights: a border without an airport and without a ground leg's way
# was crossed some way tripkit does not know (the flights may simply not be entered yet):
# "by land or sea" would be a guess.
WAYLESS_TITLES = {
    "entry": "Entry to {country}",
    "return": "Return to {country}",
}
# A border crossed on a ground leg of the trip (a train, a drive: land; a ferry: sea).
BY_TITLES = {
    ("entry", "land"): "Entry to {country} (by land)",
    ("return", "land"): "Return to {country} (by land)",
    ("entry", "sea"): "Entry to {country} (by sea)",
    ("return", "sea"): "Return to {country} (by sea)",
}
BY_WORDS = {"land": "by land", "sea": "by sea", "air": "by air"}
STATUS_LABELS = {
    "ok": "in order",
    "missing": "missing",
    "expires": "does not cover the trip",
    # An authorisation valid on arrival, ending during the stay, its sources silent on it.
    "on-arrival": "valid on arrival; the rest of the stay unknown",
    "ineligible": "not eligible",
    "not-needed": "nothing needed",
}


def status_key(v: core.Verdict) -> str:
    """The verdict's key in STATUS_LABELS: "does not cover the trip" is not said of an
    authorisation valid on arrival whose sources are silent on the rest of the stay."""
    return "on-arrival" if v.on_arrival_only else v.status


def country_name(code: str, facts: TripFacts, lang: str) -> str:
    """The curated name where tripkit has the country's file, else CLDR's (never the code)."""
    entry = facts.countries.get(code)
    return entry.name.get(lang) if entry is not None else i18n_country_name(code, lang)


def country_in_text(code: str, facts: TripFacts, lang: str) -> str:
    """`country_name` as it reads inside a sentence ("citizens of the Netherlands")."""
    return in_running_text(country_name(code, facts, lang), lang)


# What to call a requirement when no curated scheme names it (the dataset says "e-visa").
UNNAMED = {
    "eta": "an electronic travel authorisation",
    "e-visa": "an e-visa",
    "visa": "a visa",
    "visa-on-arrival": "a visa on arrival",
}


def _scheme_name(
    scheme: AuthorisationScheme | None, scheme_id: str | None, lang: str, requirement: str = "visa"
) -> str:
    if scheme is not None:
        return scheme.name.get(lang)
    if scheme_id == "ATV":
        return tr("an airport transit visa", lang)
    return scheme_id or tr(UNNAMED.get(requirement, "a visa"), lang)


def first_departure(trip: Trip) -> datetime | None:
    """The first take-off, else the first ground leg's departure (when it has a time)."""
    if trip.flights:
        return trip.flights[0].departs
    return trip.ground[0].start if trip.ground else None


def apply_by(trip: Trip, v: core.Verdict) -> datetime | None:
    """When to apply for what a border needs: the scheme's own lead time before the first
    flight (a visa's lead days; an ETA's hours), never later than boarding."""
    start = first_departure(trip)
    if start is None:
        return None
    scheme = v.scheme
    # Through shift(): Python's `aware - timedelta` is wall-clock arithmetic, so "72 h
    # before" a departure after a clock change was an hour off (and a different instant
    # from the checklist's own deadline for the same scheme).
    if scheme is not None and scheme.lead_days:
        return shift(start, -timedelta(days=scheme.lead_days), calendar=True)
    if scheme is not None and v.requirement == "eta":
        return shift(start, -timedelta(hours=scheme.apply_hours_before))
    return None


def official_url(v: core.Verdict, facts: TripFacts) -> str:
    """Where to check: the scheme's official site, else the country's first scheme's."""
    for scheme in (v.scheme, v.ineligible_scheme):
        if scheme is not None:
            return scheme.official_url
    entry = facts.countries.get(v.border.country)
    if entry is not None and entry.authorisations:
        return entry.authorisations[0].official_url
    return ""


def describe(v: core.Verdict, trip: Trip, lang: str, facts: TripFacts) -> BorderView:
    b = v.border
    name = country_name(b.country, facts, lang)
    bare = name  # without the area: what a city-state's airport city is compared with
    # "Return to the United States", but "United States preclearance" (an adjective).
    in_title = name if b.kind == "preclearance" else in_running_text(name, lang)
    where = airport_places([b.airport], lang) if b.airport else None
    area_name = facts.areas[b.area].name.get(lang) if b.area and b.area in facts.areas else None
    if area_name is not None:
        name = tr("{country} ({area})", lang, country=name, area=area_name)
        in_title = tr("{country} ({area})", lang, country=in_title, area=area_name)
    if b.airport is None and (b.kind, b.by) in BY_TITLES:
        title = tr(BY_TITLES[(b.kind, b.by or "")], lang, country=in_title)
    elif b.airport is None and b.by is None and not trip.flights and b.kind in WAYLESS_TITLES:
        title = tr(WAYLESS_TITLES[b.kind], lang, country=in_title)
    elif b.airport is None and b.kind in LAND_TITLES:
        title = tr(LAND_TITLES[b.kind], lang, country=in_title)
    elif where and b.kind in CITY_STATE_TITLES and airport_city(b.airport or "", lang) == name:
        title = tr(CITY_STATE_TITLES[b.kind], lang, airport=where)
    elif (
        where
        and area_name is not None
        and b.kind in CITY_STATE_AREA_TITLES
        and airport_city(b.airport or "", lang) == bare
    ):
        title = tr(CITY_STATE_AREA_TITLES[b.kind], lang, airport=where, area=area_name)
    else:
        title = tr(KIND_TITLES[b.kind], lang, country=in_title, airport=where or "—")
    title += " · " + fmt_dt(b.at, None, lang)
    area = facts.areas.get(b.area) if b.area else None
    early = area.entered_before_departure if area is not None else None
    if b.checked == "before-departure" and early is not None:
        v = replace(v, sources=(*v.sources, *(s for s in early.sources if s not in v.sources)))
    view = BorderView(v, title, country_name=name, official_url=official_url(v, facts))
    lines, warn = view.lines, view.warnings
    dest = country_in_text(b.country, facts, lang)  # inside sentences
    # Where the border is, and what happens there. A ground leg's border is placed where the
    # data says (juxtaposed controls), else said to be somewhere on the leg: not at the
    # arrival station, a confident wrong place for a Eurostar from Brussels.
    if b.checked == "before-departure":
        lines.append(
            tr("You pass this border at {place}, before departure, not on arrival", lang,
               place=b.place)
        )  # fmt: skip
        if early is not None:
            lines.append(early.note.get(lang))
    elif b.checked == "unknown":
        lines.append(
            tr(
                "Where this border is passed on {leg} (before departure, on board or on "
                "arrival) is not in tripkit's sources: keep your passport and documents at "
                "hand for the whole leg",
                lang,
                leg=b.place,
            )
        )
    if b.kind == "preclearance":
        flight = b.inbound.flight if b.inbound else ""
        lines.append(
            tr(
                "US immigration and customs happen here, before you board {flight}: allow time "
                "for it, and you land as a domestic passenger",
                lang,
                flight=flight,
            )
        )
    elif b.kind == "transit" and b.airside == "not-allowed":
        lines.append(
            tr(
                "There is no airside transit in {country}: you pass immigration and customs at "
                "{airport} even though you only change planes",
                lang,
                country=dest,
                airport=where,
            )
        )
    elif b.kind == "transit":
        lines.append(tr("You change planes at {airport}", lang, airport=where))
        if v.if_entering:
            lines.append(
                tr(
                    "tripkit does not know whether you can stay airside at {airport}: what "
                    "follows applies if you pass {country}'s immigration there. Ask your "
                    "airline whether your connection stays airside",
                    lang,
                    airport=where,
                    country=dest,
                )
            )
    if b.recheck_bags and b.onward is not None:
        lines.append(
            tr(
                "Collect your checked bags at {airport}, clear customs, and re-check them for "
                "{flight}",
                lang,
                airport=where,
                flight=b.onward.flight,
            )
        )
    elif b.recheck_bags and b.kind == "entry":
        lines.append(
            tr("First port of entry: immigration and customs at {airport}", lang, airport=where)
        )
    if b.kind == "entry" and b.area and len(b.countries) > 1:
        lines.append(
            tr(
                "You enter the {area} here: the flights on to {others} cross no border",
                lang,
                area=facts.areas[b.area].name.get(lang) if b.area in facts.areas else b.area,
                others=", ".join(country_name(c, facts, lang) for c in b.countries[1:]),
            )
        )
    said = _requirement_lines(v, trip, lang, facts, dest, warn, view)
    view.headline = said[0] if said else (warn[0] if warn else "")
    lines.extend(said)
    for reg in v.registrations:
        if reg.kind == "authorisation":  # needed besides the visa (EVUS): held, or to get
            _companion_lines(v, reg, trip, lang, facts, view)
            continue
        lines.append(
            tr(
                "{scheme} applies at this border: {note}",
                lang,
                scheme=reg.name.get(lang),
                note=(reg.permits or reg.status_note or reg.name).get(lang),
            )
        )
    for plan in v.planned:
        when = fmt_date(plan.status_date, lang) if plan.status_date else tr("no date", lang)
        note = plan.status_note.get(lang) if plan.status_note else ""
        lines.append(
            tr(
                "{scheme} is planned, not yet in force (status as of {when}{note}): it is not "
                "required for this trip unless its start is announced before you travel",
                lang,
                scheme=plan.name.get(lang),
                when=when,
                note=f"; {note}" if note else "",
            )
        )
    _passport_lines(
        v,
        lang,
        dest,
        view.passport_lines,
        view.passport_warnings,
        country_in_text(v.citizenship, facts, lang),
    )
    lines.extend(view.passport_lines)
    warn.extend(view.passport_warnings)
    if v.alternatives and b.kind != "return":
        # Countries by name, as every other line says them ("Best passport here: DE ...;
        # your IN passport" was two ISO codes, also in a Japanese sentence).
        others = "; ".join(
            tr(
                "your passport from {c}: {req}",
                lang,
                c=country_name(a.citizenship, facts, lang),
                req=tr(REQUIREMENT_LABELS[a.requirement], lang),
            )
            for a in v.alternatives
        )
        lines.append(
            tr(
                "Best passport here: your passport from {c} ({req}); {others}",
                lang,
                c=country_name(v.citizenship, facts, lang),
                req=tr(REQUIREMENT_LABELS[v.requirement], lang),
                others=others,
            )
        )
    if v.secondary:
        lines.append(
            tr(
                "Source: the Passport Index dataset, secondary data last updated {date}; "
                "confirm with the official immigration site or embassy of {country}",
                lang,
                date=fmt_date(v.dataset_date, lang) if v.dataset_date else "?",
                country=dest,
            )
        )
    return view


def _requirement_lines(
    v: core.Verdict,
    trip: Trip,
    lang: str,
    facts: TripFacts,
    dest: str,
    warn: list[str],
    view: BorderView,
) -> list[str]:
    out: list[str] = []
    b = v.border
    cit_name = country_in_text(v.citizenship, facts, lang)  # "citizens of"

    scheme = _scheme_name(v.scheme, v.scheme_id, lang, v.requirement)
    days = tr(" for up to {n} days", lang, n=v.max_stay_days) if v.max_stay_days else ""
    said = v.rule.note if v.rule is not None else v.transit_note
    note = said.get(lang) if said else ""
    if v.basis == "citizen":
        out.append(
            tr(
                "You are a citizen of {country}: no visa or authorisation needed",
                lang,
                country=dest,
            )
        )
    elif v.basis == "member":
        out.append(
            tr(
                "As a citizen of {c}, a member of the {area}, you need no visa or authorisation",
                lang,
                c=cit_name,
                area=facts.areas[b.area].name.get(lang) if b.area in facts.areas else b.area or "",
            )
        )
    elif v.basis == "resident":
        home = facts.countries.get(trip.traveller.home_country)
        re_entry = home.resident_reentry if home is not None else None
        residence = trip.traveller.residence
        if v.status == "missing" and residence is not None and residence.expires is not None:
            warn.append(
                tr(
                    "Your residence status ({status}) ends {ends}, before you come back on "
                    "{day}: you would not return as a resident. Renew it before you leave, or "
                    "ask {country}'s immigration office what you need to come back",
                    lang,
                    status=residence.status or tr("residence", lang),
                    ends=fmt_date(residence.expires, lang),
                    day=fmt_date(b.day, lang),
                    country=country_in_text(trip.traveller.home_country, facts, lang),
                )
            )
        if re_entry is not None:
            out.append(
                tr(
                    "You return as a resident, not a citizen: {name}. {note}",
                    lang,
                    name=re_entry.name.get(lang),
                    note=re_entry.note.get(lang),
                )
            )
        else:
            out.append(
                tr(
                    "You return as a resident, not a citizen: tripkit has no sourced re-entry "
                    "rule for {country}; check that your residence status lets you back in",
                    lang,
                    country=country_in_text(trip.traveller.home_country, facts, lang),
                )
            )
    elif v.basis == "exempt":
        out.append(
            tr(
                "{scheme} is not needed: you hold {doc}",
                lang,
                scheme=scheme,
                doc=held_name(v.exempt_by or "", v.border.country, lang),  # by name, not id
            )
        )
    elif v.status == "ineligible" and v.ineligible_scheme is not None:
        barred = v.ineligible_scheme.name.get(lang)
        reasons = [
            tr(
                "you were in {country} on {on}",
                lang,
                country=visit.country,
                on=fmt_date(visit.on, lang),
            )
            for visit in v.barred_by
        ]
        reasons += [
            tr(
                "you are also a citizen of {country}",
                lang,
                country=country_in_text(x, facts, lang),
            )
            for x in v.barred_citizenships
        ]
        if v.no_e_passport:
            reasons.append(tr("your passport is not an e-passport", lang))
        due = apply_by(trip, v)
        view.due = due
        when = (
            tr("apply by {when}", lang, when=fmt_dt(due, trip.home_tz, lang))
            if due
            else tr(
                "apply now: a visa can take weeks, and tripkit has no sourced processing time", lang
            )
        )
        fallback = (
            v.ineligible_scheme.visa_fallback.get(lang) if v.ineligible_scheme.visa_fallback else ""
        )
        warn.append(
            tr(
                "You cannot use {scheme} ({why}). You need a visa to enter {country}: {when}. "
                "{fallback}",
                lang,
                scheme=barred,
                why="; ".join(reasons),
                country=dest,
                when=when,
                fallback=fallback,
            ).strip()
        )
    elif v.over_stay_days is not None and v.area_stays:
        # Each stay within the limit, together over it (90 days in any 180 in Schengen).
        rule = facts.areas[b.area].short_stay if b.area in facts.areas else None
        window = rule.window_days if rule is not None else 180
        area = facts.areas[b.area].name.get(lang) if b.area in facts.areas else b.area or ""
        sep = "、" if lang == "ja" else "; "
        stays = sep.join(
            tr("{arrive} to {leave}", lang, arrive=fmt_date(a, lang), leave=fmt_date(z, lang))
            for a, z in v.area_stays
        )
        warn.append(
            trn(
                "Your stays in the {area} on this trip add up to {n} day within {window} days "
                "({stays}; arrival and departure days counted), more than the {max} days {allows} "
                "allows citizens of {c} in any {window} days: it does not cover this trip. "
                "tripkit counts this trip only: days you spent in the {area} in the {window} "
                "days before it count too. tripkit does not know what a longer stay needs; "
                "check with {where} before you travel, or shorten the stays",
                "Your stays in the {area} on this trip add up to {n} days within {window} days "
                "({stays}; arrival and departure days counted), more than the {max} days {allows} "
                "allows citizens of {c} in any {window} days: it does not cover this trip. "
                "tripkit counts this trip only: days you spent in the {area} in the {window} "
                "days before it count too. tripkit does not know what a longer stay needs; "
                "check with {where} before you travel, or shorten the stays",
                v.over_stay_days,
                lang,
                area=area,
                window=window,
                stays=stays,
                max=v.max_stay_days,
                allows=_over_stay_allows(v, lang),
                c=cit_name,
                where=tr(
                    "the embassy or official immigration site of a {area} country", lang, area=area
                ),
            )
        )
    elif v.over_stay_days is not None:
        # Not "apply for the ESTA": it does not cover a stay this long.
        where = tr("its embassy or official immigration site", lang)
        warn.append(
            trn(
                "Your stay in {country} is {n} day ({arrive} to {leave}, both days counted), "
                "longer than the {max} days {allows} allows citizens of {c}: it does not "
                "cover this trip. tripkit does not know what a longer stay needs; check with "
                "{where} before you travel, or shorten the stay",
                "Your stay in {country} is {n} days ({arrive} to {leave}, both days counted), "
                "longer than the {max} days {allows} allows citizens of {c}: it does not "
                "cover this trip. tripkit does not know what a longer stay needs; check with "
                "{where} before you travel, or shorten the stay",
                v.over_stay_days,
                lang,
                country=dest,
                arrive=fmt_date(v.arrive, lang),
                leave=fmt_date(v.leave, lang),
                max=v.max_stay_days,
                allows=_over_stay_allows(v, lang),
                c=cit_name,
                where=where,
            )
        )
    elif v.condition_unmet and v.rule is not None:
        # The rule's note (below) states the condition; the trip records nothing that meets it.
        out.append(
            tr(
                "tripkit cannot tell whether {scheme} is open to you: it is only for "
                "travellers who meet the rule's condition, and the trip records none of "
                "{docs}. If you do not meet it, you need a visa: check {where} before you "
                "travel",
                lang,
                # (a visa-free rule names no scheme: what is open or not is the exemption)
                scheme=scheme if v.rule.scheme else tr("visa-free entry", lang),
                docs=", ".join(v.rule.condition_holds),
                where=view.official_url or tr("its embassy or official immigration site", lang),
            )
        )
    elif v.requirement == "unknown" and v.other_ways:
        # Not the scheme's site: the ESTA's page says nothing of arriving by land.
        where = tr("its embassy or official immigration site", lang)
        ways = [tr(BY_WORDS[w], lang) for w in v.other_ways if w in BY_WORDS]
        out.append(
            tr(
                "The sourced rules tripkit has for citizens of {c} entering {country} are for "
                "arriving {ways}; it has none for arriving {by}. Check with {where} before you "
                "travel",
                lang,
                country=dest,
                c=cit_name,
                ways=tr(" or ", lang).join(ways) if lang != "ja" else "・".join(ways),
                by=tr(BY_WORDS.get(b.by or "", "this way"), lang),
                where=where,
            )
        )
    elif v.requirement == "unknown":
        where = view.official_url or tr("its embassy or official immigration site", lang)
        out.append(
            tr(
                "tripkit does not know what {country} asks of citizens of {c}; check {where} "
                "before you travel",
                lang,
                country=dest,
                c=cit_name,
                where=where,
            )
        )
    elif v.requirement == "no-admission":
        warn.append(
            tr(
                "{country} does not admit citizens of {c} (per the source below): "
                "check with its embassy",
                lang,
                country=capital(dest),
                c=cit_name,
            )
        )
    elif v.basis == "airside" and v.requirement == "none":
        out.append(
            tr(
                "No visa or authorisation is needed to change planes airside at {airport}, as long "
                "as you do not pass {country}'s border control",
                lang,
                airport=airport_places([b.airport], lang) if b.airport else "—",
                country=dest,
            )
        )
    elif v.requirement in ("none", "visa-free"):
        out.append(tr("Visa-free for citizens of {c}{days}", lang, c=cit_name, days=days))
    elif v.requirement == "visa-on-arrival":
        out.append(tr("Citizens of {c} get a visa on arrival{days}", lang, c=cit_name, days=days))
    else:
        if v.no_e_passport and v.ineligible_scheme is None:
            # (the rule's note, below, says what the exemption is)
            out.append(
                tr(
                    "{country}'s visa exemption for citizens of {c} is only for e-passports "
                    "(with a chip), and the trip records that yours is not one",
                    lang,
                    country=capital(dest),
                    c=cit_name,
                )
            )
        what = tr(REQUIREMENT_LABELS[v.requirement], lang)
        stay = tr(", stays of up to {n} days", lang, n=v.max_stay_days) if v.max_stay_days else ""
        if v.basis == "airside":
            # Not "need a visa for Germany": a Pakistani changing planes at Frankfurt needs an
            # airport transit visa without ever entering Germany.
            out.append(
                tr(
                    "Citizens of {c} need {scheme} even to change planes airside at {airport}, "
                    "without entering {country}",
                    lang,
                    c=cit_name,
                    scheme=scheme,
                    airport=airport_places([b.airport], lang) if b.airport else "—",
                    country=dest,
                )
            )
        else:
            out.append(
                tr(
                    "Citizens of {c} need {scheme} for {country} ({what}{stay})",
                    lang,
                    c=cit_name,
                    scheme=named_once(v.scheme, lang, what) if v.scheme is not None else scheme,
                    what=what,
                    country=dest,
                    stay=stay,
                )
            )
        out.extend(_holding(v, trip, lang, scheme, warn, view))
    if note and v.over_stay_days is None:  # over the limit: the warning says it first
        out.append(note)
    return out


def _over_stay_allows(v: core.Verdict, lang: str) -> str:
    """What a stay over the limit outgrows: the scheme it would have used, else visa-free entry."""
    if v.ineligible_scheme is not None:
        return v.ineligible_scheme.name.get(lang)
    return tr("visa-free entry", lang)


def _companion_lines(
    v: core.Verdict,
    reg: AuthorisationScheme,
    trip: Trip,
    lang: str,
    facts: TripFacts,
    view: BorderView,
) -> None:
    """A scheme needed besides the visa (EVUS for a PRC passport with a B visa): what it is,
    and either the one held or when to apply. A visa alone was "in order"."""
    name = reg.name.get(lang)
    note = reg.permits.get(lang) if reg.permits else ""
    held, until = core.companion_held(v, reg, trip.traveller)
    if held is not None and until is not None and until >= v.leave:
        view.lines.append(
            tr(
                "You hold {scheme}, valid until {until}: it covers {arrive} to {leave}",
                lang,
                scheme=name,
                until=fmt_date(until, lang),
                arrive=fmt_date(v.arrive, lang),
                leave=fmt_date(v.leave, lang),
            )
        )
        return
    start = first_departure(trip)
    due = shift(start, -timedelta(hours=reg.apply_hours_before)) if start is not None else None
    if due is not None and (view.due is None or due < view.due):
        view.due = due
    where, when = _where_when(reg.official_url, due, trip, lang)
    view.warnings.append(
        tr(
            "Needed besides the visa: {scheme}, and none is recorded in the trip. {note} "
            "Apply{where} {when}, then add it to the trip (kind {kind})",
            lang,
            scheme=name,
            note=note,
            where=where,
            when=when,
            kind=reg.id,
        )
    )


def _where_when(url: str, due: datetime | None, trip: Trip, lang: str) -> tuple[str, str]:
    """Where to apply (the official site only) and by when, as an apply-sentence says them."""
    where = tr(" at {url} (the official site only)", lang, url=url) if url else ""
    when = (
        tr("by {when}", lang, when=fmt_dt(due, trip.home_tz, lang))
        if due
        else tr("now (tripkit has no sourced processing time)", lang)
    )
    return where, when


def _holding(
    v: core.Verdict, trip: Trip, lang: str, scheme: str, warn: list[str], view: BorderView
) -> list[str]:
    # A visa held through the stay is said as held even when the border is not in order for
    # another reason (EVUS not recorded): "No visa is recorded" would be wrong.
    if v.status in ("ok", "missing") and v.held_until is not None and v.held_until >= v.leave:
        return [
            tr(
                "You hold {scheme}, valid until {until}: it covers {arrive} to {leave}",
                lang,
                scheme=scheme,
                until=fmt_date(v.held_until, lang),
                arrive=fmt_date(v.arrive, lang),
                leave=fmt_date(v.leave, lang),
            )
        ]
    if v.status == "ok" and v.held_until is not None:
        # In order though it ends during the stay: a window to enter in, as its sources say
        # (core.entry._status; Australia's ETA).
        return [
            tr(
                "You hold {scheme}, valid until {until}: you enter on {arrive} within it, and it "
                "is a window to enter in, so it may end before you leave on {leave}",
                lang,
                scheme=scheme,
                until=fmt_date(v.held_until, lang),
                arrive=fmt_date(v.arrive, lang),
                leave=fmt_date(v.leave, lang),
            )
        ]
    due = apply_by(trip, v)
    view.due = due
    where, when = _where_when(view.official_url, due, trip, lang)
    # An online authorisation by its short name (ESTA, UK ETA: not its id "UK-ETA"), a visa
    # by its full name, an unnamed requirement by what it is ("No visa is recorded").
    if v.scheme is None and v.scheme_id is None:
        short = tr(REQUIREMENT_LABELS[v.requirement], lang)
    elif v.scheme is not None and v.scheme.kind == "authorisation":
        short = short_name(v.scheme, lang)
    else:
        short = scheme
    if v.status == "expires" and v.new_passport_needed and v.held is not None:
        old = v.held.passport_expires
        warn.append(
            tr(
                "Your {scheme} was issued for a passport expiring {old}, but your passport "
                "expires {new}: a new passport needs a new {scheme}. Apply again{where} {when}",
                lang,
                scheme=short,
                old=fmt_date(old, lang) if old else "?",
                new=fmt_date(v.passport.expires, lang),
                where=where,
                when=when,
            )
        )
    elif v.status == "expires" and v.ends_with_passport:
        # "Apply again" would buy a new one that ends with the same passport.
        warn.append(
            tr(
                "Your {scheme} ends with your passport on {until}, before you leave on "
                "{leave}: a new {scheme} on the same passport would end then too. Renew the "
                "passport first, then apply for a new {scheme} for it{where} {when}",
                lang,
                scheme=short,
                until=fmt_date(v.held_until, lang) if v.held_until else "?",
                leave=fmt_date(v.leave, lang),
                where=where,
                when=when,
            )
        )
    elif v.status == "expires" and v.on_arrival_only:
        warn.append(
            tr(
                "Your {scheme} is valid when you arrive on {arrive} but ends {until}, before you "
                "leave on {leave}; tripkit's sources do not say whether it must last the whole "
                "stay: check{where}, or apply again {when}",
                lang,
                scheme=short,
                arrive=fmt_date(v.arrive, lang),
                until=fmt_date(v.held_until, lang) if v.held_until else "?",
                leave=fmt_date(v.leave, lang),
                where=where,
                when=when,
            )
        )
    elif v.status == "expires":
        warn.append(
            tr(
                "Your {scheme} ends {until}, before you leave on {leave}: apply "
                "again{where} {when}",
                lang,
                scheme=short,
                until=fmt_date(v.held_until, lang) if v.held_until else "?",
                leave=fmt_date(v.leave, lang),
                where=where,
                when=when,
            )
        )
    elif v.scheme is None and v.scheme_id is None and view.country_name:
        # An unnamed requirement names its country: "No e-visa is recorded" under an Indian's
        # route through Dubai to Brussels did not say which country's e-visa to apply for.
        warn.append(
            tr(
                "No {scheme} for {country} is recorded in the trip: apply{where} {when}",
                lang,
                scheme=short,
                country=in_running_text(view.country_name, lang),
                where=where,
                when=when,
            )
        )
    else:
        warn.append(
            tr(
                "No {scheme} is recorded in the trip: apply{where} {when}",
                lang,
                scheme=short,
                where=where,
                when=when,
            )
        )
    return []


def _passport_lines(
    v: core.Verdict, lang: str, dest: str, lines: list[str], warn: list[str], cit_name: str
) -> None:
    check = v.passport_check
    if check is None or check.basis == "citizen" or v.border.kind == "return":
        return
    expires = fmt_date(v.passport.expires, lang)
    need = fmt_date(check.needed_until, lang)
    basis = {
        "months-beyond-stay": tr("{months} months beyond the stay", lang, months=check.months),
        "beyond-departure": tr(
            "{months} months beyond the day you leave", lang, months=check.months
        ),
        "months-on-arrival": trn(
            "{months} month from the day you arrive",
            "{months} months from the day you arrive",
            check.months or 0,
            lang,
            months=check.months,
        ),
        "exempt": tr(
            "valid for the stay: citizens of {c} are exempt from the longer rule", lang, c=cit_name
        ),
        "valid-for-stay": tr("valid for the whole stay", lang),
        "unknown": tr("tripkit has no sourced rule: at least for the whole stay", lang),
    }.get(check.basis, "")
    if check.basis == "unless-exempt":
        # Enough for the stay, not for the margin most visitors need: whether this
        # citizenship is exempt is not in tripkit's sources (the US Six-Month Club).
        exempt_rule = check.exempt_rule.get(lang) if check.exempt_rule else ""
        lines.append(
            trn(
                "Your passport from {c} is valid until {expires}: that covers the stay, but "
                "{country} asks most visitors for {n} month beyond it (until {need}). "
                "Citizens of some countries are exempt and tripkit's sources do not say "
                "whether {c} is one: check before you travel, or renew the passport. {rule}",
                "Your passport from {c} is valid until {expires}: that covers the stay, but "
                "{country} asks most visitors for {n} months beyond it (until {need}). "
                "Citizens of some countries are exempt and tripkit's sources do not say "
                "whether {c} is one: check before you travel, or renew the passport. {rule}",
                check.months or 0,
                lang,
                c=i18n_country_name(v.citizenship, lang),
                expires=expires,
                country=dest,
                need=need,
                rule=exempt_rule,
            ).strip()
        )
    elif check.basis == "start-unstated" and check.needed_from_arrival is not None:
        # Enough counted from arrival, not counted from the end of the stay: the source
        # gives the months without saying from when (Singapore's ICA).
        lines.append(
            trn(
                "Your passport from {c} is valid until {expires}: {country} asks for at least "
                "{n} month of validity, and tripkit's sources do not say whether it counts from "
                "your arrival (until {arrival}) or from the end of your stay (until {need}). "
                "Check with {country}'s immigration authority or your airline before you travel",
                "Your passport from {c} is valid until {expires}: {country} asks for at least "
                "{n} months of validity, and tripkit's sources do not say whether they count "
                "from your arrival (until {arrival}) or from the end of your stay (until {need}). "
                "Check with {country}'s immigration authority or your airline before you travel",
                check.months or 0,
                lang,
                c=i18n_country_name(v.citizenship, lang),
                expires=expires,
                country=dest,
                arrival=fmt_date(check.needed_from_arrival, lang),
                need=need,
            )
        )
    elif v.if_entering and check.ok is None and v.passport.expires < check.needed_until:
        lines.append(
            tr(
                "If you pass immigration at {airport}, {country} needs your passport valid "
                "until {need} ({basis}); yours expires {expires}",
                lang,
                airport=airport_places([v.border.airport], lang) if v.border.airport else dest,
                country=dest,
                need=need,
                basis=basis,
                expires=expires,
            )
        )
    elif check.ok is False and v.passport.expires < check.needed_until:
        warn.append(
            tr(
                "Your passport from {c} expires {expires}; {country} needs it valid until "
                "{need} ({basis}). Renew it before you travel",
                lang,
                c=i18n_country_name(v.citizenship, lang),
                expires=expires,
                country=dest,
                need=need,
                basis=basis,
            )
        )
    else:
        lines.append(
            tr(
                "Passport ({c}) valid until {expires}; needed until {need} ({basis})",
                lang,
                c=i18n_country_name(v.citizenship, lang),
                expires=expires,
                need=need,
                basis=basis,
            )
        )
    if check.issued_ok is False and check.issued_limit is not None:
        warn.append(
            tr(
                "Your passport must have been issued on or after {limit} to enter {country}",
                lang,
                limit=fmt_date(check.issued_limit, lang),
                country=dest,
            )
        )
    elif check.issued_limit is not None and check.issued_ok is None:
        lines.append(
            tr(
                "It must have been issued on or after {limit}: add its issue date "
                "to the trip so tripkit can check",
                lang,
                limit=fmt_date(check.issued_limit, lang),
            )
        )


# --- checklist items from the route ---------------------------------------------------------


def first_port(route: list[BorderView]) -> Border | None:
    """The first border where the traveller meets immigration (not an airside connection,
    not the return home)."""
    for view in route:
        b = view.border
        if b.kind in ("entry", "preclearance") or (
            b.kind == "transit" and b.airside == "not-allowed"
        ):
            return b
    return None


def route_items(
    trip: Trip, route: list[BorderView], anchors: Anchors, lang: str, known: set[str]
) -> list[ChecklistItem]:
    """Checklist items the route itself asks for: each border crossed (arrive phase, due at
    the crossing), clock changes during the stay, the resident's re-entry, and the trip
    registration of the traveller's government when no rule covers it."""
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for view in route:
        b = view.border
        if b.kind == "return" and view.verdict.basis != "resident":
            continue
        item_id = f"border-{(b.airport or b.country).lower()}-{b.kind}"
        n = 2
        while item_id in seen:  # the same airport crossed twice (London, then London again)
            item_id = f"border-{(b.airport or b.country).lower()}-{b.kind}-{n}"
            n += 1
        seen.add(item_id)
        if b.kind == "return":
            items.append(_resident_item(trip, view, anchors, lang))
            continue
        items.append(
            new_item(
                id=item_id,
                phase="arrive",
                title=view.title,
                details="\n".join(view.lines),
                due=b.at,
                reason=_sentence(tr("Applies: your route crosses this border", lang), lang),
                sources=list(view.verdict.sources),
            )
        )
    items.extend(clock_change_items(trip, anchors, lang))
    reg = _trip_registration_item(trip, anchors, lang, known)
    if reg is not None:
        items.append(reg)
    return items


def _sentence(text: str, lang: str) -> str:
    return text + ("。" if lang == "ja" else ".")


def _resident_item(trip: Trip, view: BorderView, anchors: Anchors, lang: str) -> ChecklistItem:
    home = trip.traveller.home_country
    return new_item(
        id="resident-reentry",
        phase="depart",
        title=tr(
            "Leaving {country} as a resident: keep your right to return",
            lang,
            country=view.country_name or home,
        ),
        details="\n".join(view.lines),
        # A status that ends before the return: said on the item the traveller ticks before
        # leaving, not only on the border.
        problem=" ".join(_sentence(w, lang) for w in view.warnings),
        due=anchors.get("departure"),
        reason=_sentence(
            tr(
                "Applies: you live in {country} but are not its citizen",
                lang,
                country=view.country_name or home,
            ),
            lang,
        ),
        sources=list(view.verdict.sources),
    )


def clock_change_items(trip: Trip, anchors: Anchors, lang: str) -> list[ChecklistItem]:
    """A warning for each clock change (DST) at the venue while the traveller is there."""
    from tripkit.core.clockchange import clock_changes

    start = anchors.get("arrival") or anchors.get("conference_start")
    end = anchors.get("return_departure") or anchors.get("conference_end")
    if start is None or end is None:
        return []
    city = trip.conference.venue.city
    out = []
    for change in clock_changes(trip.venue_tz, start, end):
        before = change.at - timedelta(minutes=1)
        # The same instant on the old clock: 02:00 PST becomes 03:00 PDT.
        old_clock = change.at.astimezone(timezone(change.before))
        title = tr(
            "Clocks go {direction} {h} h in {city} on {day}: {old} {old_zone} becomes "
            "{new} {new_zone}",
            lang,
            direction=tr("forward" if change.forward else "back", lang),
            h=f"{change.hours:g}",
            city=city,
            day=fmt_date(change.at.date(), lang),
            old=f"{old_clock:%H:%M}",
            old_zone=before.tzname() or "",
            new=f"{change.at:%H:%M}",
            new_zone=change.at.tzname() or "",
        )
        details = tr(
            "During your stay the local time changes from {before} to {after}: the same wall "
            "time before and after is {h} h apart. Phones adjust by themselves; check alarms, "
            "printed schedules and anything booked around that night.",
            lang,
            before=before.tzname() or "",
            after=change.at.tzname() or "",
            h=f"{change.hours:g}",
        )
        out.append(
            new_item(
                id=f"clock-change-{change.at.date().isoformat()}",
                phase="venue",
                title=title,
                details=details,
                due=change.at,
                reason=_sentence(
                    tr("Applies: the clocks in {city} change while you are there", lang, city=city),
                    lang,
                ),
            )
        )
    return out


def _trip_registration_item(
    trip: Trip, anchors: Anchors, lang: str, known: set[str]
) -> ChecklistItem | None:
    service = registration_service(trip)
    if service is None or trip.traveller.home_country == trip.destination_country:
        return None
    if service.citizenship == "JP" and "tabireg" in known:
        return None  # the bundled Tabireg rule says it, with its own details
    name = service.name.get(lang)
    details = [service.url] if service.url else []
    if service.note is not None:
        details.append(service.note.get(lang))
    return new_item(
        id="trip-registration",
        phase="prepare",
        # No url: the service has no pre-trip registration (the UK's, Australia's): "Register
        # your trip with FCDO travel advice e-mail alerts (no trip registration)" asked for
        # what the same line says does not exist.
        title=(
            tr("Register your trip with {service}", lang, service=name)
            if service.url
            else tr("Sign up for {service}", lang, service=name)
        ),
        details="\n".join(details),
        due=anchors.get("departure"),
        reason=_sentence(
            tr(
                "Applies: your government's service for citizens of {c} abroad",
                lang,
                c=i18n_country_name(service.citizenship, lang),  # 「ドイツ」, not 「DE」
            ),
            lang,
        ),
        sources=list(service.sources),
    )


def registration_service(trip: Trip) -> RegistrationService | None:
    """The trip-registration service of the traveller's government (たびレジ for Japanese
    citizens, STEP for US citizens...): by citizenship, never by where they live."""
    for citizenship in trip.traveller.citizenships:
        found = entry_data.registration(citizenship)
        if found is not None:
            return found
    return None


# --- JSON ------------------------------------------------------------------------------------


def _source_json(src: Source) -> dict[str, str]:
    return {"title": src.title, "url": src.url, "date": src.date}


def border_json(view: BorderView, lang: str = "en") -> dict[str, Any]:
    v = view.verdict
    b = v.border
    scheme = v.scheme_id or (v.registrations[0].id if v.registrations else None)
    named = v.scheme if v.scheme_id else (v.registrations[0] if v.registrations else None)
    return {
        "country": b.country,
        "airport": b.airport,
        "kind": b.kind,
        # A ground leg's border: "before-departure" (juxtaposed controls, at `place`) or
        # "unknown" (somewhere on the leg `place`); null at an airport.
        "checked": b.checked,
        "place": b.place,
        "at": b.at.isoformat(),
        "requirement": v.requirement,
        "scheme": scheme,  # the id scripts match on ("UK-ETA")
        # ...and what a person calls it, in `lang` (None when tripkit has no name for it).
        "scheme_name": named.name.get(lang) if named is not None else None,
        "max_stay_days": v.max_stay_days,
        "status": v.status,
        "on_arrival_only": v.on_arrival_only,
        "sources": [_source_json(s) for s in v.sources],
        "as_of": v.as_of.isoformat() if v.as_of else None,
        # Beyond the agreed fields: what the text form says, for scripts.
        "area": b.area,
        "until": b.until.isoformat() if b.until else None,
        "passport": v.citizenship,
        "basis": v.basis,
        "secondary": v.secondary,
        "ineligible_for": v.ineligible_scheme.id if v.ineligible_scheme else None,
        "planned": [
            {"scheme": p.id, "status_date": p.status_date.isoformat() if p.status_date else None}
            for p in v.planned
        ],
        "registrations": [r.id for r in v.registrations],
        "apply_by": view.due.isoformat() if view.due else None,
        "passport_valid": v.passport_check.ok if v.passport_check else None,
        "recheck_bags": b.recheck_bags,
        "by": b.by,  # air, land, sea; null: not known
        "other_ways": list(v.other_ways),  # unknown: the sourced rules are for these ways
        "title": view.title,
        "lines": view.lines,
        "warnings": view.warnings,
    }


def unplaced_airports(trip: Trip) -> list[str]:
    """Airports of the trip whose country tripkit cannot tell (not in the airport catalog, no
    origin_country / destination_country on the flight): their borders cannot be judged."""
    out = []
    for seg in trip.flights:
        if not (seg.origin_country or _airport_country(seg.origin)):
            out.append(seg.origin)
        if not (seg.destination_country or _airport_country(seg.destination)):
            out.append(seg.destination)
    return list(dict.fromkeys(out))


def library_airports(trip: Trip) -> list[str]:
    """Airports of the trip placed by the airportsdata library, not the curated airport file:
    their countries (and so their borders) rest on the library's data."""
    from tripkit.catalog.airports import from_library

    out = []
    for seg in trip.flights:
        if not seg.origin_country and from_library(seg.origin):
            out.append(seg.origin)
        if not seg.destination_country and from_library(seg.destination):
            out.append(seg.destination)
    return list(dict.fromkeys(out))


def entry_json(trip: Trip, lang: str) -> dict[str, Any]:
    return {
        "trip": trip.id,
        "borders": [border_json(v, lang) for v in borders(trip, lang)],
        "unknown_airports": unplaced_airports(trip),
        "library_airports": library_airports(trip),
    }
