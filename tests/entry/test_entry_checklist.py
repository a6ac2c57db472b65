"""The checklist on the route: the same verdicts as `tripkit entry`, the bundled checklist
rules (data/checklists), and the fixture entry data. Each test says what a wrong item costs.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from entry_builders import FIXTURE_DATA, LA, LON, TOR, TYO, seg, tokyo_sf, trip, via_sfo_to_toronto

from tripkit.cli import main
from tripkit.core.models import ChecklistItem, Trip
from tripkit.paths import bundled_data
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
REAL_DATA = bundled_data()


@pytest.fixture
def route_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture entry data plus the bundled checklist rules and airports."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, root)
    shutil.copytree(REAL_DATA / "checklists", root / "checklists")
    shutil.copy(REAL_DATA / "airports.yaml", root / "airports.yaml")
    monkeypatch.setattr("tripkit.paths.bundled_data", lambda: root)
    svc._cache.clear()
    return root


def items(
    store: Store, t: Trip, lang: str = "en", *, everything: bool = False
) -> dict[str, ChecklistItem]:
    store.put_trip(t)
    got = svc.checklist_items(store, t, lang, now=NOW, include_elsewhere=everything)
    return {i.id: i for i in got}


def every_text(got: dict[str, ChecklistItem]) -> str:
    return "\n".join(f"{i.title}\n{i.details}\n{i.reason}\n{i.problem}" for i in got.values())


def sf(**kw) -> Trip:
    kw.setdefault("city", "San Francisco")
    return trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        **kw,
    )


def test_a_cuba_visit_gives_a_visa_item_and_no_esta_item(route_data: Path, store: Store) -> None:
    # Wrong (the old answer): told to apply for ESTA by a date after being told ESTA is
    # barred - the traveller wastes the weeks a visa needs.
    got = items(store, sf(visited=[{"country": "CU", "on": "2022-05-01"}]))
    assert "esta-apply" not in got
    # The authorisation item names the visa, never the barred ESTA.
    assert got["entry-authorisation"].title == ("US visitor visa (B-1/B-2) valid for your arrival")
    visa = got["visa-eligibility"]
    assert visa.status in ("todo", "overdue")
    assert "You cannot use ESTA (Visa Waiver Program) (you were in CU on Sun 1 May 2022)" in (
        visa.problem
    )
    assert "apply by Thu 7 Jan 2027 17:05 JST" in visa.problem
    text = every_text(got)
    assert "Apply at https://esta" not in text and "No ESTA is recorded" not in text
    ja = items(store, sf(visited=[{"country": "CU", "on": "2022-05-01"}]), "ja")
    assert "ESTA(ビザ免除プログラム)は利用できません" in ja["visa-eligibility"].problem


def test_a_london_trip_hides_san_francisco_and_esta_items(
    route_data: Path, store: Store, tmp_path: Path
) -> None:
    # Wrong (the old answer): SF safety, ESTA and SFO items listed as "Not applicable" - noise
    # that buries the UK ETA the traveller does need.
    flights = [
        seg("JL43", "HND", "LHR", f"2027-03-08T11:00[{TYO}]", f"2027-03-08T15:00[{LON}]"),
        seg("JL44", "LHR", "HND", f"2027-03-12T19:00[{LON}]", f"2027-03-13T16:00[{TYO}]"),
    ]
    t = trip(
        flights,
        venue_country="GB",
        venue_tz=LON,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        city="London",
    )
    got = items(store, t)
    store_dir = tmp_path / "store"  # the `store` fixture's folder
    assert not [i for i in got if i.startswith(("sf-", "esta-", "us-"))]
    auth = got["entry-authorisation"]
    assert "UK ETA" in auth.title and "No UK ETA is recorded in the trip" in auth.problem
    everything = items(store, t, everything=True)
    assert everything["sf-safety"].status == "not_applicable"
    assert everything["esta-apply"].elsewhere
    # The CLI: hidden by default, shown with --all.
    runner = CliRunner()
    args = [
        "--data-dir",
        str(store_dir),
        "--trip",
        t.id,
        "checklist",
        "--now",
        "2026-11-30T12:00:00+09:00[Asia/Tokyo]",
    ]
    plain = runner.invoke(main, args)
    full = runner.invoke(main, [*args, "--all"])
    assert plain.exit_code == 0 and full.exit_code == 0, plain.output + full.output
    assert "(sf-safety)" not in plain.output and "(sf-safety)" in full.output
    assert "items for other destinations or travellers are hidden (--all shows them)" in (
        plain.output
    )


def test_time_difference_and_body_clock_are_worded_apart(route_data: Path, store: Store) -> None:
    # Wrong (the old answer): "the time difference between home and San Francisco is 7 h" -
    # the traveller sets meetings 10 h off.
    got = items(store, sf())
    jet = got.get("jet-lag-east") or got["jet-lag-west"]
    assert "San Francisco is 17 h behind home (a body-clock shift of 7 h)" in jet.reason
    ja = items(store, sf(), "ja")
    jet_ja = ja.get("jet-lag-east") or ja["jet-lag-west"]
    assert "San Franciscoの時計は自宅より17時間遅れています(体内時計のずれは7時間)" in jet_ja.reason


def test_a_clock_change_during_the_stay_is_a_warning_with_its_date(
    route_data: Path, store: Store
) -> None:
    # Wrong: no warning - the traveller misses the Sunday keynote by an hour.
    flights = [
        seg("NH8", "NRT", "SFO", f"2027-03-11T17:05[{TYO}]", f"2027-03-11T09:40[{LA}]"),
        seg("NH7", "SFO", "NRT", f"2027-03-16T11:25[{LA}]", f"2027-03-17T15:30[{TYO}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 13),
        last_day=date(2027, 3, 15),
        city="San Francisco",
    )
    got = items(store, t)
    change = got["clock-change-2027-03-14"]
    assert change.title == (
        "Clocks go forward 1 h in San Francisco on Sun 14 Mar 2027: 02:00 PST becomes 03:00 PDT"
    )
    assert change.due is not None and change.due.isoformat() == "2027-03-14T03:00:00-07:00"
    assert change.phase == "venue"
    ja = items(store, t, "ja")["clock-change-2027-03-14"]
    assert ja.title == (
        "San Franciscoでは2027年3月14日(日)に時計が1時間進みます:02:00 PSTが03:00 PDTになります"
    )
    # A stay without a change has no such item.
    assert not [i for i in items(store, sf()) if i.startswith("clock-change")]


def test_a_us_connection_gets_the_bags_item_at_sfo(route_data: Path, store: Store) -> None:
    # Wrong (the old answer): immigration placed at Toronto, no bag re-check at SFO - bags
    # left on the carousel, the connection missed.
    t = trip(
        via_sfo_to_toronto(),
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 1, 12),
        last_day=date(2027, 1, 14),
        city="Toronto",
    )
    got = items(store, t)
    bags = got["us-connection-bags"]
    assert bags.status in ("todo", "overdue")
    assert bags.title == "At San Francisco (SFO): collect your checked bags and re-check them"
    assert bags.due is not None and bags.due.isoformat() == "2027-01-11T09:40:00-08:00"
    border = got["border-sfo-transit"]
    assert "re-check them for AC738" in border.details
    assert got["border-yyz-entry"].due.isoformat() == "2027-01-11T20:15:00-05:00"
    # ESTA for the connection and the eTA for Canada are both asked for.
    assert got["esta-apply"].status in ("todo", "overdue")
    assert "eTA" in got["entry-authorisation"].problem


def test_a_german_is_pointed_to_elefand_not_tabireg(route_data: Path, store: Store) -> None:
    # Wrong: Tabireg is for Japanese citizens; a German resident of Japan would register
    # nowhere useful.
    t = sf(
        citizenships=["DE"],
        home_country="JP",
        residence={"status": "engineer", "expires": "2029-01-01"},
    )
    got = items(store, t)
    assert "tabireg" not in got
    assert got["trip-registration"].title == "Register your trip with ELEFAND (Krisenvorsorgeliste)"
    reentry = got["resident-reentry"]
    assert "Special re-entry permit" in reentry.details
    assert reentry.due is not None and reentry.due.isoformat() == "2027-03-08T17:05:00+09:00"


def test_passport_validity_follows_each_border_rule(route_data: Path, store: Store) -> None:
    # Wrong: the destination's rule only (Belgium has no figure of its own) - the Schengen
    # three months beyond departure missed, and the traveller refused at Haneda.
    from entry_builders import BRU, via_frankfurt

    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        city="Brussels",
        passports=[{"country": "JP", "expires": "2027-04-01", "issued": "2019-04-01"}],
    )
    got = items(store, t)["passport-validity"]
    assert got.status in ("todo", "overdue")
    assert (
        "Your passport from Japan expires Thu 1 Apr 2027; Germany needs it valid until "
        "Sun 2 May 2027 (3 months beyond the day you leave)"
    ) in got.problem
    ja = items(store, t, "ja")["passport-validity"]
    assert "ドイツでは2027年5月2日(日)まで有効である必要があります" in ja.problem
    fine = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        city="Brussels",
        passports=[{"country": "JP", "expires": "2030-04-01", "issued": "2020-04-01"}],
    )
    assert items(store, fine)["passport-validity"].status == "done"


def test_an_unknown_destination_keeps_its_items_open(route_data: Path, store: Store) -> None:
    # Wrong: "Not applicable" or "done" for the authorisation of a country tripkit knows
    # nothing about - read as "nothing needed".
    from entry_builders import AIRPORTS

    AIRPORTS.setdefault("AUA", "AW")
    flights = [
        seg("UA1", "SFO", "AUA", f"2027-03-08T08:00[{LA}]", "2027-03-08T17:00[America/Aruba]")
    ]
    t = trip(
        flights,
        venue_country="AW",
        venue_tz="America/Aruba",
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
        citizenships=["US"],
        home_country="US",
        home_tz=LA,
        passports=[{"country": "US", "expires": "2034-01-01"}],
        city="Oranjestad",
    )
    got = items(store, t)
    for item_id in ("entry-authorisation", "visa-eligibility", "e-passport"):
        item = got[item_id]
        assert item.status in ("todo", "overdue"), (item_id, item.reason)
        assert "tripkit does not know" in item.reason.lower()
    ja = items(store, t, "ja")
    assert "tripkitには分かりません" in ja["entry-authorisation"].reason


def test_the_same_airport_crossed_twice_gives_two_items(route_data: Path, store: Store) -> None:
    # Wrong: two items with one id - a tick on one ticks the other, and the TUI table breaks.
    from entry_builders import BRU

    flights = [
        seg("JL43", "HND", "LHR", f"2027-01-20T11:00[{TYO}]", f"2027-01-20T16:00[{LON}]"),
        seg("SN2096", "LHR", "BRU", f"2027-01-23T09:00[{LON}]", f"2027-01-23T11:10[{BRU}]"),
        seg("SN2093", "BRU", "LHR", f"2027-01-27T09:00[{BRU}]", f"2027-01-27T09:15[{LON}]"),
        seg("JL44", "LHR", "HND", f"2027-01-30T19:00[{LON}]", f"2027-01-31T16:00[{TYO}]"),
    ]
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 24),
        last_day=date(2027, 1, 25),
        city="Brussels",
    )
    store.put_trip(t)
    got = svc.checklist_items(store, t, "en", now=NOW, include_elsewhere=True)
    ids = [i.id for i in got]
    assert len(ids) == len(set(ids))
    assert {"border-lhr-entry", "border-lhr-entry-2", "border-bru-entry"} <= set(ids)


def test_a_train_inside_schengen_asks_for_no_immigration_answers(store: Store) -> None:
    # Wrong (found as a German going to FOSDEM by train): "Immigration: have your answers and
    # papers ready" due "at landing", while `tripkit entry` says the trip crosses no border.
    from entry_builders import BER, BRU, via_frankfurt

    by_train = trip(
        [],
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        city="Brussels",
        citizenships=["DE"],
        home_country="DE",
        home_tz=BER,
        passports=[{"country": "DE", "expires": "2035-01-01"}],
    )
    item = items(store, by_train, everything=True)["immigration-answers"]
    assert item.status == "not_applicable"
    assert item.reason == "Not applicable: no border check on your route."
    ja_items = items(store, by_train, "ja", everything=True)
    assert ja_items["immigration-answers"].reason == "対象外: 経路に入国審査はありません。"
    # The trip says "Brussels" without a city_id: the curated Japanese name is found by name
    # and country, as the guide finds its notes (it said 「Brusselsの安全情報を読む」).
    assert ja_items["travel-advice"].title == "ブリュッセルの安全情報を読む"
    # A traveller who does land at a border keeps the item, with the same reason as before.
    flying = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        city="Brussels",
    )
    kept = items(store, flying)["immigration-answers"]
    assert kept.status != "not_applicable"
    assert kept.reason.startswith("Applies: you travel abroad (Japan to Belgium). Due at")


def test_a_city_is_named_from_the_curated_file_only_in_its_own_country() -> None:
    from tripkit.catalog.city_names import venue_city_name
    from tripkit.core.models import Venue

    def venue(city: str, country: str, city_id: str | None = None) -> Venue:
        return Venue(name="V", city=city, country=country, tz="Europe/Brussels", city_id=city_id)

    assert venue_city_name(venue("Brussels", "BE"), "ja") == "ブリュッセル"
    assert venue_city_name(venue(" brussels ", "BE"), "ja") == "ブリュッセル"
    # A Brussels in another country is not the curated one: the trip's spelling stays.
    assert venue_city_name(venue("Brussels", "CA"), "ja") is None
    assert venue_city_name(venue("Gent", "BE"), "ja") is None
    assert venue_city_name(venue("Anything", "US", "san-francisco"), "ja") == "サンフランシスコ"
