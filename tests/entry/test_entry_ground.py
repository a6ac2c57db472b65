"""Borders crossed by land or sea (ground legs), judged on the bundled data: the rules whose
source speaks of one way of arriving (Canada's eTA: flying; the ESTA: air or sea) are not
applied to another, and where no sourced rule covers the way taken, tripkit says it does not
know. Each test says what a wrong answer costs.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from entry_builders import (
    BER,
    BRU,
    LA,
    LON,
    TYO,
    VAN,
    leg,
    seattle_vancouver_drive,
    seg,
    trip,
)

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import ChecklistItem, Trip
from tripkit.services import checklist as checklist_svc
from tripkit.services import entry as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def views(t: Trip, lang: str = "en") -> list[svc.BorderView]:
    return svc.borders(t, lang)


def items(store: Store, t: Trip, lang: str = "en") -> dict[str, ChecklistItem]:
    store.put_trip(t)
    got = checklist_svc.checklist_items(store, t, lang, now=NOW, include_elsewhere=True)
    return {i.id: i for i in got}


def test_a_us_citizen_driving_to_vancouver_needs_no_eta() -> None:
    # Wrong: telling a US citizen to buy an eTA for a drive (none exists for them, by any way).
    (entry, back) = views(seattle_vancouver_drive("US"))
    assert (entry.border.kind, entry.border.country, entry.border.by) == ("entry", "CA", "land")
    assert entry.border.airport is None
    assert entry.title.startswith("Entry to Canada (by land)")
    assert entry.verdict.requirement == "visa-free"
    assert entry.verdict.scheme_id is None
    assert (back.border.kind, back.border.country, back.border.by) == ("return", "US", "land")


def test_a_german_driving_to_vancouver_needs_no_eta_by_land() -> None:
    # Wrong: an eTA item (and its fee) for a German who drives across: IRCC says the eTA is
    # for flying to or transiting through a Canadian airport, "not for land/sea".
    entry = views(seattle_vancouver_drive("DE"))[0]
    assert entry.verdict.requirement == "visa-free"
    assert entry.verdict.basis == "curated"
    assert any("eta.html" in s.url for s in entry.verdict.sources)  # the IRCC manual
    assert "you need no eTA" in " ".join(entry.lines)


def test_the_same_german_flying_to_vancouver_still_needs_the_eta() -> None:
    # Wrong the other way: dropping the eTA for an air arrival would get them refused boarding.
    flights = [
        seg("AC1", "NRT", "YVR", f"2027-03-22T17:00[{TYO}]", f"2027-03-22T10:00[{VAN}]"),
        seg("AC2", "YVR", "NRT", f"2027-03-26T13:00[{VAN}]", f"2027-03-27T16:00[{TYO}]"),
    ]
    t = trip(
        flights,
        venue_country="CA",
        venue_tz=VAN,
        first_day=date(2027, 3, 23),
        last_day=date(2027, 3, 25),
        citizenships=["DE"],
    )
    entry = views(t)[0]
    assert (entry.border.by, entry.verdict.requirement, entry.verdict.scheme_id) == (
        "air",
        "eta",
        "eTA",
    )


def test_an_argentine_driving_to_vancouver_needs_a_visa() -> None:
    # Wrong: the conditional eTA is for flying only; by land SOR/2023-106 asks for a visa.
    entry = views(seattle_vancouver_drive("AR"))[0]
    assert (entry.verdict.requirement, entry.verdict.scheme_id) == ("visa", "CA-visa")


def test_a_german_driving_into_the_us_is_unknown_not_told_to_get_an_esta(store: Store) -> None:
    # Wrong: "apply for an ESTA" for a land crossing. The ESTA is required "before boarding
    # by air or sea"; the references have no sourced rule for a land arrival: unknown.
    there = leg("car", "Vancouver", "CA", "Seattle", "US", f"2027-03-22T08:00[{VAN}]")
    t = trip(
        [],
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 23),
        last_day=date(2027, 3, 25),
        citizenships=["DE"],
        home_country="CA",
        home_tz=VAN,
        ground=[there],
    )
    entry = views(t)[0]
    assert (entry.border.country, entry.border.by) == ("US", "land")
    assert entry.verdict.requirement == "unknown"
    assert entry.verdict.other_ways == ("air", "sea")
    text = " ".join(entry.lines)
    assert "are for arriving by air or by sea; it has none for arriving by land" in text
    assert "esta.cbp.dhs.gov" not in text  # not sent to the ESTA site for a drive
    got = items(store, t)
    assert got["esta-apply"].status == "not_applicable"
    assert got["us-return-ticket"].status == "not_applicable"  # "arriving by air"
    auth = got["entry-authorisation"]
    assert auth.status != "not_applicable"  # unknown is not "none": the item stays
    assert "tripkit does not know what the United States asks of you" in auth.reason
    ja = " ".join(views(t, "ja")[0].lines)
    assert "陸路での入国についてのルールはありません" in ja


def test_a_train_inside_schengen_crosses_no_border() -> None:
    # Wrong: an immigration item for Frankfurt -> Brussels by ICE (no border check).
    out = leg("train", "Frankfurt", "DE", "Bruxelles", "BE", f"2027-01-29T14:29[{BER}]")
    t = trip(
        [],
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        citizenships=["IN"],
        home_country="DE",
        home_tz=BER,
        ground=[out],
    )
    assert views(t) == []


def test_a_flight_then_the_eurostar_enters_the_uk_by_land() -> None:
    # A mixed route: fly Tokyo -> Brussels, Eurostar to London, fly home. The UK border is
    # crossed by land (its ETA is not limited to one way), Schengen at Brussels by air.
    flights = [
        seg("NH1", "HND", "BRU", f"2027-01-27T10:00[{TYO}]", f"2027-01-27T16:00[{BRU}]"),
        seg("JL44", "LHR", "HND", f"2027-02-03T19:00[{LON}]", f"2027-02-04T17:00[{TYO}]"),
    ]
    eurostar = leg(
        "train",
        "Bruxelles-Midi",
        "BE",
        "London St Pancras",
        "GB",
        f"2027-02-01T10:00[{BRU}]",
        f"2027-02-01T11:00[{LON}]",
    )
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        citizenships=["DE"],
        ground=[eurostar],
    )
    route = [(v.border.kind, v.border.country, v.border.by) for v in views(t)]
    assert route == [("entry", "BE", "air"), ("entry", "GB", "land"), ("return", "JP", "air")]
    schengen, uk = views(t)[0], views(t)[1]
    assert schengen.verdict.border.until is not None
    assert schengen.verdict.border.until.isoformat() == "2027-02-01T10:00:00+01:00"
    assert uk.verdict.scheme_id == "UK-ETA"


def test_entry_json_says_how_each_border_is_crossed() -> None:
    # Scripts reading `tripkit entry --json` see the way a border is crossed.
    t = seattle_vancouver_drive("DE")
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(main, ["entry", "--json"], catch_exceptions=False)
    data = json.loads(out.stdout)
    first = data["borders"][0]
    assert (first["country"], first["by"], first["requirement"]) == ("CA", "land", "visa-free")


def test_a_german_on_the_ferry_into_the_us_needs_the_esta() -> None:
    # The ESTA is "required before boarding by air or sea": a ferry is sea, so by ferry the
    # answer is the ESTA (wrong would be "unknown" here, or "nothing" as by land).
    ferry = leg(
        "ferry",
        "Victoria",
        "CA",
        "Port Angeles",
        "US",
        f"2027-03-22T08:00[{VAN}]",
        f"2027-03-22T09:30[{LA}]",
    )
    t = trip(
        [],
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 23),
        last_day=date(2027, 3, 25),
        citizenships=["DE"],
        home_country="CA",
        home_tz=VAN,
        ground=[ferry],
    )
    entry = views(t)[0]
    assert (entry.border.by, entry.title.split(" ·")[0]) == (
        "sea",
        "Entry to the United States (by sea)",
    )
    assert (entry.verdict.requirement, entry.verdict.scheme_id) == ("eta", "ESTA")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_train_inside_schengen_is_not_said_to_cross_no_border(lang: str) -> None:
    # Wrong: "This trip crosses no border" for Frankfurt -> Brussels: it crosses one, without
    # immigration by the route's rules, and a traveller told there is "no border" may leave
    # the passport or ID card at home (countries have checked at internal borders).
    from fosdem_trips import german_by_train

    t = german_by_train()
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(main, ["--lang", lang, "entry"], catch_exceptions=False).stdout
    if lang == "en":
        assert "crosses no border" not in out
        assert "from Germany to Belgium you stay inside one border area" in out
        assert "Carry your passport or the identity card" in out
    else:
        assert "国境を越えません" not in out
        assert "ドイツからベルギーまで" in out and "携帯してください" in out
