"""The destination guide: what the CLI (`tripkit guide`), the TUI and the printable export show.

`build_guide(trip, lang, now)` picks the curated notes for the trip's city and venue, the
entry rules for the traveller's citizenships, the emergency number and the home country's
consulate, in the chosen language. Every note carries its sources, its review date, a stale
flag (reviewed longer ago than `max_age_months`) and a fallback flag (shown in English because
the translation is missing). No Textual, no printing: views decide how to lay it out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit.catalog.loader import Catalog, load_catalog
from tripkit.catalog.located import Problem
from tripkit.core.curated import AuthorisationScheme, CountryEntry, LocalText, PassportRule
from tripkit.core.curated_guide import GUIDE_TOPICS, CityGuide, Consulate, GuideNote
from tripkit.core.curated_venue import VenueGuide
from tripkit.core.models import Source, Trip
from tripkit.core.timefmt import fmt_date, fmt_dt
from tripkit.core.wording import as_sentence, country_names, source_date
from tripkit.core.zoned import get_zone, now_utc
from tripkit.i18n import tr, trn
from tripkit.store import Store

if TYPE_CHECKING:
    from tripkit.core.entry import BorderView

DEFAULT_MAX_AGE_MONTHS = 12

TOPIC_TITLES = {
    "entry": "Entry rules",
    "arrival": "Arrival",
    "transport": "Getting around",
    "safety": "Safety",
    "apps": "Apps worth installing",
    "emergency": "Emergency and consulate",
    "venue": "The venue",
    "conference": "Conference days",
}


@dataclass
class GuideNoteView:
    """One note, ready to show in one language."""

    id: str
    topic: str
    title: str
    text: str
    details: list[tuple[str, str]] = field(default_factory=list)  # (label, value), translated
    sources: list[Source] = field(default_factory=list)
    reviewed: date | None = None  # None: built from the trip itself, nothing to review
    stale: bool = False
    fallback: bool = False  # some of the text is English because the translation is missing
    kind: str = "fact"  # fact | advice | trip (from the user's own trip data) | missing
    overlay: str | None = None  # the overlay file it came from, if any

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sources"] = [s.model_dump() for s in self.sources]
        out["details"] = [{"label": k, "value": v} for k, v in self.details]
        out["reviewed"] = self.reviewed.isoformat() if self.reviewed else None
        return out


@dataclass
class GuideSection:
    topic: str
    title: str
    notes: list[GuideNoteView]

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "title": self.title,
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass
class Guide:
    lang: str
    city: str | None  # the curated city's name, None when tripkit has none for the trip
    venue: str | None
    sections: list[GuideSection]
    problems: list[Problem]  # broken overlays, skipped
    max_age_months: int

    def section(self, topic: str) -> GuideSection | None:
        return next((s for s in self.sections if s.topic == topic), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "city": self.city,
            "venue": self.venue,
            "max_age_months": self.max_age_months,
            "sections": [s.to_dict() for s in self.sections],
            "problems": [str(p) for p in self.problems],
        }


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (clamped to the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    return date(year, month, 28)


class _Builder:
    def __init__(self, trip: Trip, lang: str, today: date, max_age_months: int, catalog: Catalog):
        self.trip = trip
        self.lang = lang
        self.cutoff = months_before(today, max_age_months)
        self.catalog = catalog
        self.citizenships = list(trip.traveller.citizenships)
        self.fallback = False

    def text(self, value: LocalText | None) -> str:
        if value is None:
            return ""
        if value.missing(self.lang):
            self.fallback = True
        return value.get(self.lang)

    def view(
        self,
        topic: str,
        title: LocalText | str,
        text: LocalText | str | None,
        details: list[tuple[str, LocalText | str | None]] | None = None,
        sources: list[Source] | None = None,
        reviewed: date | None = None,
        kind: str = "fact",
        note_id: str = "",
    ) -> GuideNoteView:
        # `fallback` collects every text() since the previous view, including texts a
        # caller read before calling view() (entry and venue compose several into one).
        shown_title = title if isinstance(title, str) else self.text(title)
        shown_text = text if isinstance(text, str) or text is None else self.text(text)
        shown_details = []
        for label, value in details or []:
            shown = value if isinstance(value, str) or value is None else self.text(value)
            if shown:
                shown_details.append((tr(label, self.lang), shown))
        fallback, self.fallback = self.fallback, False
        return GuideNoteView(
            id=note_id,
            topic=topic,
            title=shown_title,
            text=shown_text or "",
            details=shown_details,
            # A source's date is its data's ("2024-01-31", "no date"): tripkit's "no date" is
            # worded in the reader's language.
            sources=[
                s.model_copy(update={"date": source_date(s.date, self.lang)}) for s in sources or []
            ],
            reviewed=reviewed,
            stale=reviewed is not None and reviewed < self.cutoff,
            fallback=fallback,
            kind=kind,
            overlay=self.catalog.overlay_notes.get(note_id) if note_id else None,
        )

    def note(self, note: GuideNote) -> GuideNoteView:
        return self.view(
            note.topic,
            note.title,
            note.text,
            [
                ("When", note.when),
                ("Time", note.time),
                ("Cost", note.cost),
                ("Pay", note.pay),
                ("Where to board", note.board),
            ],
            note.sources,
            note.reviewed,
            note.kind,
            note.id,
        )

    def applies(self, note: GuideNote) -> bool:
        return not note.for_citizens or bool(set(note.for_citizens) & set(self.citizenships))

    # --- entry ----------------------------------------------------------------------------

    def entry(
        self, country: CountryEntry | None, dest: str, needed: frozenset[str] = frozenset()
    ) -> list[GuideNoteView]:
        """`needed`: the schemes the route's borders into `dest` ask of this traveller (from
        the entry engine: a visa chosen by an entry rule is in no scheme's `required_for`)."""
        lang = self.lang
        if dest in self.citizenships:
            return [
                self.view(
                    "entry",
                    tr("Entering your own country", lang),
                    tr(
                        "You hold {country} citizenship: no entry authorisation is needed.",
                        lang,
                        country=country_names([dest], lang),
                    ),
                    kind="trip",
                )
            ]
        if country is None:
            return [
                self.view(
                    "entry",
                    tr("No entry data", lang),
                    tr(
                        "tripkit has no entry rules for {country} yet. Check your "
                        "government's travel advice before you book.",
                        lang,
                        country=country_names([dest], lang),
                    ),
                    kind="missing",
                )
            ]
        out = []
        rule = country.passport
        exempt = bool(set(rule.exempt) & set(self.citizenships))
        area = self.catalog.areas.get(country.area) if country.area else None
        # The area's rule (Schengen's 3 months after leaving, 10 years since issue) is the
        # one for visitors from outside it; tripkit has no sourced rule for a member's own
        # citizens, and "unknown" is honest where that rule would be a confident wrong answer.
        member = area is not None and bool(set(area.members) & set(self.citizenships))
        if member and not exempt and area is not None:
            out.append(
                self.view(
                    "entry",
                    tr("Passport validity", lang),
                    tr(
                        "tripkit has no sourced passport-validity rule for citizens of a "
                        "{area} country: check your government's travel advice.",
                        lang,
                        area=self.text(area.name),
                    ),
                    kind="missing",
                )
            )
        elif exempt:
            body = self.text(rule.exempt_rule) or tr(
                "Your passport must be valid for the whole stay.", lang
            )
        elif rule.months_on_arrival:
            # Counted from arrival (Taiwan, India), or from a start the source does not
            # give (Singapore): never "beyond your stay", which over-asks by its length.
            body = trn(
                "Your passport must be valid at least {n} month from the day you arrive, "
                "and for the whole stay.",
                "Your passport must be valid at least {n} months from the day you arrive, "
                "and for the whole stay.",
                rule.months_on_arrival,
                lang,
            )
            if rule.months_start_unstated:
                body = trn(
                    "Your passport must have at least {n} month of validity; tripkit's "
                    "sources do not say whether it counts from arrival or from the end of "
                    "the stay.",
                    "Your passport must have at least {n} months of validity; tripkit's "
                    "sources do not say whether they count from arrival or from the end of "
                    "the stay.",
                    rule.months_on_arrival,
                    lang,
                )
        elif rule.months_beyond_departure is not None or rule.valid_for_stay:
            # A sourced rule (Schengen's 3 months after leaving, Japan's and Canada's "valid
            # for the stay"): its note words it. Falling through to "no sourced rule" put a
            # denial in front of the rule and contradicted `tripkit entry`.
            body = "" if rule.note else self.known_passport_rule(rule)
        elif rule.months_beyond_stay is None:
            # The curated note says what the sources do say (Australia: "valid for the
            # trip"; Korea: secondary sites only) and that tripkit has no rule: said again in
            # front of it, "no sourced rule" stood twice, next to what is sourced.
            body = (
                ""
                if rule.note
                else tr(
                    "tripkit has no sourced passport-validity rule for {country}.",
                    lang,
                    country=country.name.get(lang),
                )
            )
        elif rule.months_beyond_stay:
            body = tr(
                "Your passport must be valid at least {n} months beyond your stay.",
                lang,
                n=rule.months_beyond_stay,
            )
            if rule.exempt_list_partial and rule.exempt_rule:
                # The exempt list names only some countries (the US Six-Month Club): say
                # who may need less, rather than "must" as fact for a Briton or a German.
                body += ("" if lang == "ja" else " ") + self.text(rule.exempt_rule)
        else:
            body = tr("Your passport must be valid for the whole stay.", lang)
        if not out:
            note_text = self.text(rule.note)
            joiner = "" if lang == "ja" else " "  # Japanese sentences are not spaced
            out.append(
                self.view(
                    "entry",
                    tr("Passport validity", lang),
                    joiner.join(p for p in (body, note_text) if p),
                    sources=rule.sources,
                    reviewed=rule.reviewed,
                )
            )
        for scheme in [*country.authorisations, *(area.authorisations if area else [])]:
            if set(scheme.required_for) & set(self.citizenships) or scheme.id in needed:
                out.append(self.scheme(scheme))
        if len(out) == 1:
            out.append(
                self.view(
                    "entry",
                    tr("Travel authorisation", lang),
                    tr(
                        "tripkit knows no travel authorisation that your citizenship needs for "
                        "{country}. Check your government's travel advice to be sure.",
                        lang,
                        country=country_names([dest], lang),
                    ),
                    kind="missing",
                )
            )
        return out

    def known_passport_rule(self, rule: PassportRule) -> str:
        """A sourced rule said in words, for a rule file without its own note."""
        lang = self.lang
        if rule.months_beyond_departure is None:
            return tr("Your passport must be valid for the whole stay.", lang)
        body = trn(
            "Your passport must be valid at least {n} month after the day you leave.",
            "Your passport must be valid at least {n} months after the day you leave.",
            rule.months_beyond_departure,
            lang,
        )
        if rule.issued_within_years:
            body += ("" if lang == "ja" else " ") + trn(
                "It must have been issued within the previous {n} year.",
                "It must have been issued within the previous {n} years.",
                rule.issued_within_years,
                lang,
            )
        return body

    def scheme(self, scheme: AuthorisationScheme) -> GuideNoteView:
        lang = self.lang
        if scheme.status == "planned":
            status = tr("planned, not in force yet: check its status before you travel", lang)
        elif scheme.in_force_from:
            status = tr("in force since {date}", lang, date=fmt_date(scheme.in_force_from, lang))
        else:
            status = tr("in force", lang)
        validity = (
            trn(
                "{n} year, or until your passport expires if sooner",
                "{n} years, or until your passport expires if sooner",
                scheme.validity_years,
                lang,
            )
            if scheme.tied_to_passport
            else trn("{n} year", "{n} years", scheme.validity_years, lang)
        )
        # Matched regardless of case, as the entry checks match a held kind ("uk-eta").
        wanted = scheme.id.casefold()
        held = [a for a in self.trip.traveller.authorisations if a.kind.casefold() == wanted]
        held_text = ", ".join(
            tr("expires {date}", lang, date=fmt_date(a.expires, lang)) for a in held
        )
        # (0 hours: nothing to apply for ahead, EES: "at least 0 hours before" says nothing)
        apply = (
            tr("at least {n} hours before departure", lang, n=scheme.apply_hours_before)
            if scheme.apply_hours_before
            else None
        )
        if scheme.lead_days:
            apply = trn(
                "at least {n} day before departure",
                "at least {n} days before departure",
                scheme.lead_days,
                lang,
            )
        elif scheme.kind == "visa" and scheme.requirement in (None, "visa"):
            # A visa with no sourced lead time: `apply_hours_before` is the model's default
            # (72, an ETA's margin), and "72 hours" for a consulate visa is a confident wrong
            # answer; `tripkit entry` says "now" for the same visa.
            apply = tr(
                "now: a visa can take weeks, and tripkit has no sourced processing time", lang
            )
        details: list[tuple[str, LocalText | str | None]] = [
            ("Status", status),
            ("You hold one", held_text or None),
            ("Valid for", validity if scheme.validity_years else None),
            ("Apply", apply),
            ("Fee", scheme.fee),
            ("The application asks", scheme.asks_for),
            ("Watch out", scheme.warning),
            ("If refused", scheme.visa_fallback),
            ("Official site", scheme.official_url),
        ]
        if scheme.needs_e_passport:
            details.insert(3, ("Passport", tr("an e-passport (with a chip) is required", lang)))
        return self.view(
            "entry",
            scheme.name,
            scheme.permits,
            details,
            scheme.sources,
            scheme.reviewed,
            note_id=f"entry-{scheme.id.lower()}",
        )

    # --- emergency ------------------------------------------------------------------------

    def emergency(
        self, country: CountryEntry | None, city: CityGuide | None
    ) -> list[GuideNoteView]:
        lang = self.lang
        out = []
        if country is not None:
            em = country.emergency
            title = (
                tr("Emergency number: {number}", lang, number=em.number)
                if em.number
                else tr("Emergency number", lang)
            )
            out.append(
                self.view("emergency", title, em.note, sources=em.sources, reviewed=em.reviewed)
            )
        wanted = [*self.citizenships, self.trip.traveller.home_country]
        found: list[Consulate] = []
        if city is not None:
            for code in dict.fromkeys(wanted):
                found.extend(c for c in city.consulates if c.home == code)
        for consulate in found:
            out.append(
                self.view(
                    "emergency",
                    consulate.name,
                    consulate.note,
                    [
                        ("Address", consulate.address or None),
                        ("Phone", consulate.phone or None),
                        ("Hours", consulate.hours),
                        ("Covers", consulate.jurisdiction),
                    ],
                    consulate.sources,
                    consulate.reviewed,
                    note_id=f"consulate-{consulate.home}",
                )
            )
        if not found:
            place = city.name.get(lang) if city else self.trip.conference.venue.city
            out.append(
                self.view(
                    "emergency",
                    tr("No consulate data for your country", lang),
                    tr(
                        "tripkit has no consulate or embassy data for {countries} in {place}. Find "
                        "your country's nearest embassy or consulate on your government's website "
                        "before you travel, and save its phone number.",
                        lang,
                        countries=country_names(dict.fromkeys(wanted), lang),
                        place=place,
                    ),
                    kind="missing",
                )
            )
        return out

    # --- venue and conference -------------------------------------------------------------

    def venue(self, venue: VenueGuide) -> GuideNoteView:
        lang = self.lang
        stations = [f"{s.name}: {self.text(s.lines)}; {self.text(s.where)}" for s in venue.stations]
        view = self.view(
            "venue",
            venue.name,
            None,
            [("Address", venue.address or None), *[("Station", s) for s in stations]],
            venue.sources,
            venue.reviewed,
            note_id=venue.id,
        )
        if not view.details:
            view.text = tr("tripkit has no reviewed address or stations for this venue yet.", lang)
        return view

    def badge_pickup(self) -> GuideNoteView | None:
        windows = self.trip.conference.badge_pickup
        if not windows:
            return None
        tz = self.trip.venue_tz
        lines = [
            f"{fmt_dt(w.start, tz, self.lang)} - {fmt_dt(w.end, tz, self.lang)}"
            + (f" ({w.label})" if w.label else "")
            for w in windows
        ]
        return self.view(
            "conference",
            tr("Badge pickup times for your trip", self.lang),
            "; ".join(lines),
            kind="trip",
            note_id="trip-badge-pickup",
        )


# What a border asks that is applied for ahead (not "none", "visa-free" or "unknown").
_APPLIED_FOR = frozenset({"eta", "e-visa", "visa", "visa-on-arrival"})


def _needed_at(views: list[BorderView], country: str) -> frozenset[str]:
    """The schemes the route's borders into `country` ask for."""
    return frozenset(
        v.verdict.scheme.id
        for v in views
        if v.border.country == country
        and v.verdict.scheme is not None
        and v.verdict.requirement in _APPLIED_FOR
    )


def _border_notes(b: _Builder, views: list[BorderView], lang: str) -> list[GuideNoteView]:
    out: list[GuideNoteView] = []
    seen: set[str] = set()
    for view in views:
        border = view.border
        if border.kind == "return" and view.verdict.basis != "resident":
            continue
        note_id = f"border-{(border.airport or border.country).lower()}-{border.kind}"
        note_id += f"-{len(out) + 1}" if note_id in seen else ""
        seen.add(note_id)
        lines = [*view.lines, *(f"! {w}" for w in view.warnings)]
        text = "\n".join(as_sentence(line, lang) for line in lines)
        out.append(
            b.view(
                "entry",
                view.title,
                text,
                sources=list(view.verdict.sources),
                reviewed=view.verdict.reviewed,
                kind="trip",
                note_id=note_id,
            )
        )
    return out


def build_guide(
    trip: Trip,
    lang: str,
    now: datetime,
    overlay_dir: Path | None = None,
    *,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    catalog: Catalog | None = None,
) -> Guide:
    """The whole guide for `trip` in `lang`, as seen at `now` (an aware datetime)."""
    catalog = catalog if catalog is not None else load_catalog(overlay_dir)
    venue = trip.conference.venue
    today = now.astimezone(get_zone(trip.venue_tz)).date()
    b = _Builder(trip, lang, today, max_age_months, catalog)
    city = catalog.city_for(venue)
    venue_guide = catalog.venue_for(venue)
    country = catalog.countries.get(trip.destination_country)

    by_topic: dict[str, list[GuideNoteView]] = {t: [] for t in GUIDE_TOPICS}
    # The destination's passport rule and schemes in full, then each border of the route
    # (the same model and wording as `tripkit entry` and the checklist).
    from tripkit.services.entry import borders

    views = borders(trip, lang)
    # An Indian to Vancouver was told "tripkit knows no travel authorisation that your
    # citizenship needs for Canada" above the route's own "needs a Canadian visitor visa".
    needed = _needed_at(views, trip.destination_country)
    by_topic["entry"] = [
        *b.entry(country, trip.destination_country, needed),
        *_border_notes(b, views, lang),
    ]
    notes: list[GuideNote] = [
        *(city.notes if city else []),
        *(venue_guide.notes if venue_guide else []),
        *catalog.common,
    ]
    if venue_guide is not None:
        by_topic["venue"].append(b.venue(venue_guide))
    badge = b.badge_pickup()
    if badge is not None:
        by_topic["conference"].append(badge)
    for note in notes:
        if b.applies(note):
            by_topic[note.topic].append(b.note(note))
    by_topic["emergency"] = b.emergency(country, city)
    if city is None:
        for topic in ("transport", "safety"):
            by_topic[topic].insert(
                0,
                b.view(
                    topic,
                    tr("No curated notes for this city", lang),
                    tr(
                        "tripkit has no curated notes for {city} yet. Check your government's "
                        "travel advice, or add your own notes as an overlay.",
                        lang,
                        city=venue.city,
                    ),
                    kind="missing",
                ),
            )
    sections = [
        GuideSection(topic, tr(TOPIC_TITLES[topic], lang), views)
        for topic, views in by_topic.items()
        if views
    ]
    return Guide(
        lang=lang,
        city=city.name.get(lang) if city else None,
        venue=venue_guide.name.get(lang) if venue_guide else None,
        sections=sections,
        problems=list(catalog.problems),
        max_age_months=max_age_months,
    )


def guide_sections(
    trip: Trip,
    lang: str,
    now: datetime,
    overlay_dir: Path | None = None,
    *,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
) -> list[GuideSection]:
    """The guide's sections for `trip` (see build_guide for the problems of overlays)."""
    return build_guide(trip, lang, now, overlay_dir, max_age_months=max_age_months).sections


MAX_AGE_SETTING = "guide.max_age_months"


def review_age_months(store: Store | None) -> int:
    """The review age from the settings (`guide.max_age_months`, validated by the one typed
    configuration), else the default."""
    if store is None:
        return DEFAULT_MAX_AGE_MONTHS
    from tripkit.services import config  # (config imports this module's defaults)

    return config.load(store).guide_max_age_months


def stale_notes(
    store: Store | None, trip: Trip, lang: str, now: datetime | None = None
) -> list[GuideNoteView]:
    """The trip's guide notes reviewed longer ago than the configured age (for "needs
    attention" lists)."""
    guide = build_guide(trip, lang, now or now_utc(), max_age_months=review_age_months(store))
    return [n for s in guide.sections for n in s.notes if n.stale]
