"""Transit authorisations, unsourced passport rules and a broken catalog, against the bundled
data (data/countries/*.yaml, data/checklists/*.yaml)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from checklist_builders import esta, make_trip, seg

from tripkit.catalog.loader import load_bundled
from tripkit.catalog.rules import load_rules, rule_files
from tripkit.core.checklist import evaluate
from tripkit.core.models import Authorisation, ChecklistItem, Trip
from tripkit.errors import DataError
from tripkit.paths import bundled_data
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
RULES = load_rules(rule_files(bundled_data() / "checklists")).rules
TORONTO = "America/Toronto"

# NRT 17:05 JST Mon 11 Jan -> SFO 09:40 PST; SFO 12:00 PST -> YYZ 20:15 EST (a 2 h 20 min
# connection at SFO); home YYZ 13:00 EST Fri 15 Jan -> NRT 16:30 JST Sat 16 Jan.
VIA_SFO = [
    seg(
        "NH8", "NRT", "SFO", "2027-01-11T17:05[Asia/Tokyo]", "2027-01-11T09:40[America/Los_Angeles]"
    ),
    seg(
        "AC738",
        "SFO",
        "YYZ",
        "2027-01-11T12:00[America/Los_Angeles]",
        "2027-01-11T20:15[America/Toronto]",
    ),
    seg("AC1", "YYZ", "NRT", "2027-01-15T13:00[America/Toronto]", "2027-01-16T16:30[Asia/Tokyo]"),
]


def eta(expires: date = date(2029, 1, 1)) -> Authorisation:
    return Authorisation(
        kind="eTA", country="CA", expires=expires, passport_expires=date(2030, 1, 1)
    )


def toronto(authorisations: list[Authorisation], **kw: object) -> Trip:
    return make_trip(
        venue_country="CA",
        venue_tz=TORONTO,
        city="Toronto",
        city_id="toronto",
        flights=VIA_SFO,
        stays=[],
        authorisations=authorisations,
        **kw,
    )


def items(trip: Trip) -> dict[str, ChecklistItem]:
    got = evaluate(trip, RULES, countries=load_bundled().countries, states={}, now=NOW)
    return {i.id: i for i in got}


def test_esta_needed_to_change_planes_at_sfo_on_the_way_to_toronto() -> None:
    got = items(toronto([eta()]))
    apply = got["esta-apply"]
    assert apply.status == "todo"
    assert "ESTA is required to change planes at San Francisco (SFO), United States" in apply.reason
    check = got["entry-authorisation"]
    assert check.status == "todo"
    assert (
        "For your connection at San Francisco (SFO), United States: no ESTA is recorded in the "
        "trip (add it if you hold one). Apply at https://esta.cbp.dhs.gov"
    ) in check.problem
    # The eTA for Canada itself is fine and said so; the ESTA's transit source is cited.
    assert "Your Canada eTA is valid until Mon 1 Jan 2029" in check.reason
    assert any(s.url.startswith("https://onlinetraveltraining.com/") for s in check.sources)
    # ESTA needs an e-passport, in transit too.
    assert "ESTA (Visa Waiver Program) needs an e-passport" in got["e-passport"].reason


def test_the_connection_is_named_by_city_and_country_in_japanese() -> None:
    """「SFO (US)」 was two codes in a Japanese sentence: the airport's city and the country
    by name (the airport's code stays, as on the boarding pass)."""
    got = evaluate(
        toronto([eta()]), RULES, countries=load_bundled().countries, states={}, now=NOW, lang="ja"
    )
    check = next(i for i in got if i.id == "entry-authorisation")
    assert "アメリカ合衆国のサンフランシスコ(SFO)での乗り継ぎ: 旅行に" in check.problem
    assert "(US)" not in check.problem and "SFO (US)" not in check.reason


def test_a_held_esta_covers_the_transit_days_and_the_rule_lapses() -> None:
    got = items(toronto([eta(), esta()]))
    assert got["esta-apply"].status == "not_applicable"
    check = got["entry-authorisation"]
    assert check.status == "done", check.reason
    assert (
        "for your connection at San Francisco (SFO), United States: your ESTA is valid until "
        "Thu 1 Jun 2028: it covers arrival on Mon 11 Jan 2027 through leaving on Mon 11 Jan 2027"
    ) in check.reason


def test_no_transit_need_for_a_us_citizen_or_a_direct_flight() -> None:
    american = items(toronto([], citizenships=["US"], home_country="US"))
    assert american["esta-apply"].status == "not_applicable"
    assert "your trip does not need ESTA" in american["esta-apply"].reason
    direct = make_trip(
        venue_country="CA",
        venue_tz=TORONTO,
        city="Toronto",
        city_id="toronto",
        flights=[
            VIA_SFO[0].model_copy(update={"destination": "YYZ", "arrives": VIA_SFO[1].arrives}),
            VIA_SFO[2],
        ],
        stays=[],
        authorisations=[eta()],
    )
    got = items(direct)
    assert got["esta-apply"].status == "not_applicable"
    assert got["entry-authorisation"].status == "done"


def test_canada_eta_needed_to_connect_at_vancouver_on_the_way_to_sf() -> None:
    via_yvr = [
        seg(
            "AC4",
            "NRT",
            "YVR",
            "2027-01-11T17:00[Asia/Tokyo]",
            "2027-01-11T09:30[America/Vancouver]",
        ),
        seg(
            "AC555",
            "YVR",
            "SFO",
            "2027-01-11T11:30[America/Vancouver]",
            "2027-01-11T14:00[America/Los_Angeles]",
        ),
        seg(
            "NH7",
            "SFO",
            "NRT",
            "2027-01-15T11:25[America/Los_Angeles]",
            "2027-01-16T15:30[Asia/Tokyo]",
        ),
    ]
    check = items(make_trip(flights=via_yvr))["entry-authorisation"]
    assert check.status == "todo"
    assert (
        "For your connection at Vancouver (YVR), Canada: no Canada eTA is recorded in the trip"
        in check.problem
    )
    with_eta = items(make_trip(flights=via_yvr, authorisations=[esta(), eta()]))
    assert with_eta["entry-authorisation"].status == "done"


def test_uk_airside_transit_needs_no_eta() -> None:
    via_lhr = [
        seg("BA6", "NRT", "LHR", "2027-01-10T11:00[Asia/Tokyo]", "2027-01-10T15:00[Europe/London]"),
        seg(
            "BA287",
            "LHR",
            "SFO",
            "2027-01-10T18:00[Europe/London]",
            "2027-01-10T21:00[America/Los_Angeles]",
        ),
        seg(
            "NH7",
            "SFO",
            "NRT",
            "2027-01-15T11:25[America/Los_Angeles]",
            "2027-01-16T15:30[Asia/Tokyo]",
        ),
    ]
    check = items(make_trip(flights=via_lhr))["entry-authorisation"]
    assert check.status == "done", check.reason
    assert "LHR" not in check.reason and "UK-ETA" not in check.reason


# --- passport rules without a source -------------------------------------------------------


def routed(store: Store, trip: Trip) -> dict[str, ChecklistItem]:
    """The checklist as the traveller gets it: each border of the route judges the passport
    by its own rule (core.entry), the one place for that fact."""
    store.put_trip(trip)
    return {i.id: i for i in svc.checklist_items(store, trip, "en", now=NOW)}


MEXICO = [
    seg(
        "NH180",
        "NRT",
        "MEX",
        "2027-01-11T17:05[Asia/Tokyo]",
        "2027-01-11T14:00[America/Mexico_City]",
    ),
    seg(
        "NH179",
        "MEX",
        "NRT",
        "2027-01-15T23:00[America/Mexico_City]",
        "2027-01-17T05:00[Asia/Tokyo]",
    ),
]


def test_no_sourced_passport_rule_is_said_not_invented(store: Store) -> None:
    # Mexico has no curated file: no margin is made up ("6 months" would send a traveller to
    # renew for nothing), the passport must last the stay, and a short one fails.
    mexico: dict[str, Any] = {
        "venue_country": "MX",
        "venue_tz": "America/Mexico_City",
        "city": "Mexico City",
        "city_id": "mexico-city",
        "flights": MEXICO,
        "stays": [],
        "authorisations": [],
    }
    got = routed(store, make_trip(**mexico))["passport-validity"]
    assert got.status == "todo" and got.problem == ""
    assert "months" not in got.reason
    assert "tripkit has no sourced rule: at least for the whole stay" in got.reason
    short = routed(store, make_trip(passport_expires=date(2027, 1, 13), **mexico))
    assert short["passport-validity"].status == "todo"
    assert "Mexico needs it valid until Fri 15 Jan 2027" in short["passport-validity"].problem


def test_canadas_sourced_rule_is_used_not_called_unsourced(store: Store) -> None:
    # Wrong (the old pre-route fallback): "Tripkit has no sourced passport-validity rule for
    # Canada", although data/countries/ca.yaml sources "valid for the whole stay": a traveller
    # sent to the embassy to ask what tripkit already knows.
    got = routed(store, toronto([eta(), esta()]))["passport-validity"]
    assert got.status == "done", got.reason
    assert "no sourced" not in got.reason
    assert (
        "Toronto (YYZ): Passport (Japan) valid until Tue 1 Jan 2030; needed until Fri 15 Jan 2027 "
        in (got.reason)
    )
    short = routed(store, toronto([eta(), esta()], passport_expires=date(2027, 1, 13)))
    assert short["passport-validity"].status == "todo"
    assert "Canada needs it valid until Fri 15 Jan 2027" in short["passport-validity"].problem


def test_us_six_month_rule_is_unknown_for_citizenships_the_sources_do_not_name(
    store: Store,
) -> None:
    # Wrong (the old answer): "A German citizen (not in the Six-Month Club)" was told to renew
    # a passport valid to 1 Jul 2027 for a stay ending 15 Jan 2027. tripkit's sources name
    # Japan only; the CBP list has other members they do not name, so for a German the 6
    # months are unknown: an urgent renewal (weeks, a fee) the traveller may not need.
    german: dict[str, Any] = {
        "citizenships": ["DE"],
        "home_country": "DE",
        "home_tz": "Europe/Berlin",
    }
    got = routed(store, make_trip(passport_expires=date(2027, 7, 1), **german))["passport-validity"]
    assert got.status == "todo"
    assert "(until Thu 15 Jul 2027)" in got.reason
    assert "Six-Month Club" in got.reason
    assert got.problem == "", got.problem
    # A passport that does not even last the stay is still a problem, exempt list or not.
    short = routed(store, make_trip(passport_expires=date(2027, 1, 13), **german))[
        "passport-validity"
    ]
    assert short.problem != ""
    # Two borders' problems are two sentences, not "...before you travel Your passport...".
    assert "travel Your" not in short.problem and "travel. Your" in short.problem
    exempt = routed(store, make_trip(passport_expires=date(2027, 3, 1)))["passport-validity"]
    assert exempt.status == "done"
    assert "citizens of Japan are exempt from the longer rule" in exempt.reason


# --- a broken catalog surfaces ---------------------------------------------------------------


def test_a_broken_country_file_stops_the_checklist_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_trip: Trip, store: object
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(bundled_data(), copy)
    us = copy / "countries" / "us.yaml"
    lines = us.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if "months_beyond_stay: 6" in text)
    us.write_text(
        "".join(lines).replace("months_beyond_stay: 6", "months_beyond_stay: six"), encoding="utf-8"
    )
    monkeypatch.setattr("tripkit.paths.bundled_data", lambda: copy)
    load_bundled.cache_clear()
    try:
        with pytest.raises(DataError) as info:
            svc.checklist_items(store, demo_trip, "en", now=NOW)  # type: ignore[arg-type]
    finally:
        load_bundled.cache_clear()
    assert (
        f"countries/us.yaml:{line}: passport.months_beyond_stay: Input should be a valid "
        "integer" in str(info.value)
    )
