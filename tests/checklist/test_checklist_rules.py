"""Every bundled rule, on both sides of its condition.

For each rule id a trip where it applies and one where it does not (an unconditional rule
must apply to both). A new rule without a case here fails `test_every_rule_has_a_case`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from checklist_builders import COUNTRIES, make_trip, seg

from tripkit.catalog.rules import load_rules, rule_files
from tripkit.core.checklist import evaluate
from tripkit.core.models import ChecklistItem, Trip
from tripkit.paths import bundled_data

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
RULES = load_rules(rule_files(bundled_data() / "checklists"))


def base() -> Trip:
    return make_trip()


def domestic() -> Trip:
    """A Japanese engineer at a conference in Tokyo: no flights, not abroad."""
    return make_trip(
        venue_country="JP",
        venue_tz="Asia/Tokyo",
        city="Tokyo",
        city_id="tokyo",
        flights=[],
        authorisations=[],
    )


def london() -> Trip:
    """Tokyo -> London: westward body-clock shift of 9 h, no US rules."""
    return make_trip(
        venue_country="GB",
        venue_tz="Europe/London",
        city="London",
        city_id="london",
        flights=[
            seg(
                "JL41",
                "HND",
                "LHR",
                "2027-01-11T11:00[Asia/Tokyo]",
                "2027-01-11T15:30[Europe/London]",
            ),
            seg(
                "JL42",
                "LHR",
                "HND",
                "2027-01-15T19:00[Europe/London]",
                "2027-01-16T17:00[Asia/Tokyo]",
            ),
        ],
        authorisations=[],
    )


def toronto() -> Trip:
    return make_trip(
        venue_country="CA",
        venue_tz="America/Toronto",
        city="Toronto",
        city_id="toronto",
        flights=[],
        authorisations=[],
    )


def connecting() -> Trip:
    """NRT -> LAX -> SFO: first US port of entry LAX, connection inside the US."""
    return make_trip(
        flights=[
            seg(
                "NH6",
                "NRT",
                "LAX",
                "2027-01-11T17:00[Asia/Tokyo]",
                "2027-01-11T10:00[America/Los_Angeles]",
            ),
            seg(
                "UA1",
                "LAX",
                "SFO",
                "2027-01-11T13:00[America/Los_Angeles]",
                "2027-01-11T14:30[America/Los_Angeles]",
            ),
            seg(
                "NH7",
                "SFO",
                "NRT",
                "2027-01-15T11:25[America/Los_Angeles]",
                "2027-01-16T15:30[Asia/Tokyo]",
            ),
        ]
    )


def briton() -> Trip:
    return make_trip(
        citizenships=["GB"], home_country="GB", home_tz="Europe/London", authorisations=[]
    )


def other_city() -> Trip:
    return make_trip(city="Los Angeles", city_id="los-angeles")


Make = Callable[[], Trip]
# rule id -> (a trip where it applies, a trip where it does not; None = unconditional)
CASES: dict[str, tuple[Make, Make | None]] = {
    "passport-validity": (base, domestic),
    "entry-authorisation": (base, briton),
    "e-passport": (base, london),
    "visa-eligibility": (base, domestic),
    "flights-booked": (base, domestic),
    "journey-booked": (domestic, base),
    "stay-booked": (base, None),
    "travel-advice": (base, domestic),
    "payment-cash": (base, domestic),
    "apps-install": (base, None),
    "session-preregistration": (base, None),
    "jet-lag-east": (base, london),
    "jet-lag-west": (london, base),
    "in-flight-wifi": (base, domestic),
    "in-flight-jet-lag": (base, domestic),
    "immigration-answers": (base, domestic),
    "badge-pickup": (base, None),
    "sessions-walk-in": (base, None),
    "labs-and-expo": (base, None),
    "report-back": (base, None),
    "esta-apply": (lambda: make_trip(authorisations=[]), base),
    "us-return-ticket": (base, toronto),
    "us-connection-bags": (connecting, base),
    "us-mobile-passport-control": (base, london),
    "tabireg": (base, briton),
    "jp-face-gates": (base, lambda: make_trip(e_passport=False)),
    "jp-visit-japan-web": (base, domestic),
    "sf-safety": (base, other_city),
    "sf-consulate-guide": (base, briton),
    "sf-transit-contactless": (base, other_city),
    "sf-ride-hailing": (base, other_city),
}


def item_of(trip: Trip, rule_id: str, lang: str = "en") -> ChecklistItem:
    items = evaluate(trip, RULES.rules, countries=COUNTRIES, states={}, now=NOW, lang=lang)
    return next(i for i in items if i.id == rule_id)


def test_every_rule_has_a_case() -> None:
    assert {r.id for r in RULES.rules} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_applies_on_one_side_only(rule_id: str) -> None:
    applies, not_applies = CASES[rule_id]
    yes = item_of(applies(), rule_id)
    assert yes.status != "not_applicable", yes.reason
    assert yes.reason.startswith("Applies")
    if not_applies is None:
        rule = RULES.by_id()[rule_id]
        assert rule.when is None
        other = item_of(domestic(), rule_id)
        assert other.status != "not_applicable"
        return
    no = item_of(not_applies(), rule_id)
    assert no.status == "not_applicable"
    assert no.reason.startswith("Not applicable: ")
    assert len(no.reason) > len("Not applicable: .")  # it says why


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_rule_text_is_bilingual_and_fills_placeholders(rule: object) -> None:
    from tripkit.catalog.rules import Rule

    assert isinstance(rule, Rule)
    assert rule.title.ja, f"{rule.id} has no Japanese title"
    if rule.details is not None:
        assert rule.details.ja, f"{rule.id} has no Japanese details"
    for lang in ("en", "ja"):
        item = item_of(connecting(), rule.id, lang)
        assert "{" not in item.title and "{" not in item.details


def test_fact_rules_cite_sources_with_dates() -> None:
    for rule in RULES.rules:
        if rule.kind == "fact" and rule.check is None:
            assert rule.sources, rule.id
            assert all(s.date for s in rule.sources), rule.id


def test_reasons_name_the_deciding_facts() -> None:
    item = item_of(connecting(), "us-connection-bags")
    assert item.title == "At Los Angeles (LAX): collect your checked bags and re-check them"
    assert (
        "you land first at Los Angeles (LAX) in the United States and connect to UA1" in item.reason
    )
    # Arrival at the destination is SFO (the last landing of the way in), port of entry LAX.
    assert item.due == datetime.fromisoformat("2027-01-11T10:00-08:00")
    no = item_of(base(), "us-connection-bags")
    assert no.reason == "Not applicable: no connection inside the United States on the way in."


def test_jet_lag_direction_from_the_clocks() -> None:
    east = item_of(base(), "jet-lag-east")
    assert "your body clock must move 7 h earlier" in east.reason
    west = item_of(london(), "jet-lag-west")
    assert "your body clock must move 9 h later" in west.reason


def test_jet_lag_speaks_of_the_body_clock_not_of_the_way_the_plane_flies() -> None:
    """Delhi -> Frankfurt -> Vancouver flies west, 13.5 h back on the clock; the body clock's
    shorter way is 10.5 h ahead. Told to prepare "before you fly east", this traveller would
    take the item for a mistake (and doubt the rest of the list) or shift the wrong way."""
    trip = make_trip(
        citizenships=["IN"],
        home_tz="Asia/Kolkata",
        venue_country="CA",
        venue_tz="America/Vancouver",
        city="Vancouver",
        city_id="vancouver",
        flights=[
            seg(
                "LH761",
                "DEL",
                "FRA",
                "2027-01-10T02:30[Asia/Kolkata]",
                "2027-01-10T07:35[Europe/Berlin]",
            ),
            seg(
                "LH492",
                "FRA",
                "YVR",
                "2027-01-10T13:40[Europe/Berlin]",
                "2027-01-10T15:05[America/Vancouver]",
            ),
            seg(
                "LH493",
                "YVR",
                "FRA",
                "2027-01-15T17:15[America/Vancouver]",
                "2027-01-16T11:35[Europe/Berlin]",
            ),
            seg(
                "LH760",
                "FRA",
                "DEL",
                "2027-01-16T13:25[Europe/Berlin]",
                "2027-01-17T01:05[Asia/Kolkata]",
            ),
        ],
        authorisations=[],
    )
    ahead = item_of(trip, "jet-lag-east")
    assert ahead.status != "not_applicable"
    assert "your body clock must move 10.5 h earlier" in ahead.reason
    for said in (ahead.title, ahead.reason):
        assert "east" not in said.lower(), said
    assert item_of(trip, "jet-lag-west").status == "not_applicable"


def test_tabireg_not_for_long_stays() -> None:
    long = make_trip(
        first_day=date(2027, 1, 12), last_day=date(2027, 5, 1), flights=[], authorisations=[]
    )
    item = item_of(long, "tabireg")
    assert item.status == "not_applicable"
    # 12 Jan to 1 May, both days counted (as immigration counts a stay): 110 days.
    assert "you stay 110 days" in item.reason


def test_a_stay_counts_the_day_you_land_and_the_day_you_leave() -> None:
    # Mon 11 Jan (land) to Fri 15 Jan (leave): 5 days, as the binder's entry card says; the
    # checklist once said 4 in the same binder, and an officer asks "how long do you stay?".
    item = item_of(base(), "tabireg")
    assert "you stay 5 days" in item.reason


def test_japanese_reasons() -> None:
    item = item_of(base(), "tabireg", "ja")
    assert item.title == "たびレジに旅程を登録する"
    assert item.reason.startswith(
        "対象: 日本の国籍をお持ちです / 日本からアメリカ合衆国への海外渡航です / 滞在は5日間です。"
    )
