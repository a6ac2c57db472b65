"""What each border asks of travellers unlike the demo, read as the traveller reads it (en and
ja), against the fixture data in tests/entry/data (same schema as data/).

Each test says what a wrong answer would cost.
"""

from __future__ import annotations

from datetime import date

import pytest
from entry_builders import (
    BER,
    BRU,
    DUBZ,
    LA,
    LON,
    TOR,
    TYO,
    VAN,
    fixture_data,  # noqa: F401 - a fixture, used by name
    london_then_brussels,
    seg,
    tokyo_sf,
    trip,
    via_frankfurt,
    via_sfo_to_toronto,
)

from tripkit.core.models import Trip
from tripkit.services import entry as svc

pytestmark = pytest.mark.usefixtures("fixture_data")


def views(t: Trip, lang: str = "en") -> list[svc.BorderView]:
    return svc.borders(t, lang)


def text(view: svc.BorderView) -> str:
    return "\n".join([view.title, *view.lines, *view.warnings])


def frankfurt_sf(**kw) -> Trip:  # a German from Frankfurt to San Francisco
    flights = [
        seg("LH454", "FRA", "SFO", f"2027-03-08T10:00[{BER}]", f"2027-03-08T12:45[{LA}]"),
        seg("LH455", "SFO", "FRA", f"2027-03-12T15:00[{LA}]", f"2027-03-13T11:00[{BER}]"),
    ]
    kw.setdefault("citizenships", ["DE"])
    return trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        home_country="DE",
        home_tz=BER,
        **kw,
    )


def test_a_german_to_the_us_needs_esta_not_a_visa_pointer() -> None:
    # Wrong (the old answer): "no travel authorisation is required" - refused boarding.
    us, home = views(frankfurt_sf())
    v = us.verdict
    assert (us.border.kind, us.border.airport, us.border.at.isoformat()) == (
        "entry",
        "SFO",
        "2027-03-08T12:45:00-08:00",
    )
    assert (v.requirement, v.scheme_id, v.status, v.max_stay_days) == ("eta", "ESTA", "missing", 90)
    assert "Citizens of Germany need ESTA (Visa Waiver Program) for the United States" in text(us)
    # Due 72 h before the first flight, in the home zone, on the official site only.
    assert (
        "No ESTA is recorded in the trip: apply at "
        "https://esta.cbp.dhs.gov/esta/ (the official site only) by Fri 5 Mar 2027 "
        "10:00 CET"
    ) in us.warnings[0]
    assert not v.secondary and "Passport Index" not in text(us)
    assert (home.border.kind, home.verdict.requirement) == ("return", "none")
    ja = views(frankfurt_sf(), "ja")[0]
    assert "ドイツの国民がアメリカ合衆国に入国するにはESTA(ビザ免除プログラム)が必要" in text(ja)
    assert "2027年3月5日(金) 10:00 CETまでに" in text(ja)


def test_an_indian_citizen_needs_a_visa_for_the_us_uk_and_schengen() -> None:
    # Wrong: no visa item at all (the old answer) - the trip fails at the consulate's pace.
    us = views(
        frankfurt_sf(citizenships=["IN"], passports=[{"country": "IN", "expires": "2034-01-01"}])
    )[0]
    v = us.verdict
    assert (v.requirement, v.status, v.scheme_id, v.secondary) == ("visa", "missing", "B1/B2", True)
    assert v.as_of == date(2026, 2, 17)  # the dataset's own date, said with it
    assert "Citizens of India need US visitor visa (B-1/B-2) for the United States (visa)" in text(
        us
    )
    assert "secondary data last updated Wed 17 Feb 2027" not in text(us)
    assert "secondary data last updated Tue 17 Feb 2026" in text(us)
    # The visa's lead time (60 days in the fixture) sets the deadline, before the flight.
    assert us.due is not None and us.due.isoformat() == "2027-01-07T10:00:00+01:00"
    # UK: a curated rule (a visa national), not the dataset.
    london = [
        seg("AI131", "BOM", "LHR", "2027-03-08T02:00[Asia/Kolkata]", f"2027-03-08T07:00[{LON}]")
    ]
    gb = views(
        trip(
            london,
            venue_country="GB",
            venue_tz=LON,
            first_day=date(2027, 3, 9),
            last_day=date(2027, 3, 10),
            citizenships=["IN"],
            home_country="IN",
            home_tz="Asia/Kolkata",
        )
    )[0]
    assert (gb.verdict.requirement, gb.verdict.basis, gb.verdict.secondary) == (
        "visa",
        "curated",
        False,
    )
    # Schengen: the area's rule, at the first Schengen airport.
    fra = [
        seg("LH757", "BOM", "FRA", "2027-01-29T02:00[Asia/Kolkata]", f"2027-01-29T07:00[{BER}]"),
        seg("LH1013", "FRA", "BRU", f"2027-01-29T09:00[{BER}]", f"2027-01-29T10:00[{BRU}]"),
    ]
    be = views(
        trip(
            fra,
            venue_country="BE",
            venue_tz=BRU,
            first_day=date(2027, 1, 30),
            last_day=date(2027, 1, 31),
            citizenships=["IN"],
            home_country="IN",
            home_tz="Asia/Kolkata",
        )
    )[0]
    assert (be.border.airport, be.verdict.requirement, be.verdict.scheme_id) == (
        "FRA",
        "visa",
        "Schengen visa",
    )
    assert "ビザ" in text(
        views(
            trip(
                fra,
                venue_country="BE",
                venue_tz=BRU,
                first_day=date(2027, 1, 30),
                last_day=date(2027, 1, 31),
                citizenships=["IN"],
                home_country="IN",
                home_tz="Asia/Kolkata",
            ),
            "ja",
        )[0]
    )


def _london(**kw) -> Trip:
    flights = [
        seg("LH900", "FRA", "LHR", f"2027-03-08T09:00[{BER}]", f"2027-03-08T09:45[{LON}]"),
        seg("LH901", "LHR", "FRA", f"2027-03-11T18:00[{LON}]", f"2027-03-11T20:45[{BER}]"),
    ]
    return trip(
        flights,
        venue_country="GB",
        venue_tz=LON,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
        home_country="DE",
        home_tz=BER,
        **kw,
    )


def test_an_eu_citizen_needs_a_uk_eta_since_april_2025() -> None:
    # Wrong: the dataset's old "visa-free" (before 2025-04-02) - refused boarding since the
    # carriers check ETAs (2026-02-25).
    gb = views(_london(citizenships=["DE"]))[0]
    v = gb.verdict
    assert (v.requirement, v.scheme_id, v.basis, v.max_stay_days) == (
        "eta",
        "UK ETA",
        "curated",
        180,
    )
    assert "Citizens of Germany need UK ETA for the United Kingdom" in text(gb)
    assert "No UK ETA is recorded in the trip" in gb.warnings[0]
    assert "旅行に英国ETAが登録されていません" in text(views(_london(citizenships=["DE"]), "ja")[0])


def test_an_irish_citizen_needs_no_uk_eta() -> None:
    # Wrong: an Irish traveller told to pay for an ETA they are exempt from.
    gb = views(
        _london(citizenships=["IE"], passports=[{"country": "IE", "expires": "2034-01-01"}])
    )[0]
    assert (gb.verdict.requirement, gb.verdict.status) == ("none", "not-needed")
    assert "Irish citizens need no ETA" in text(gb)
    assert not gb.warnings
    ja = views(_london(citizenships=["IE"]), "ja")[0]
    assert "アイルランド国民はETA不要です" in text(ja)


def test_frankfurt_is_the_schengen_border_with_ees_and_etias_planned() -> None:
    # Wrong: "immigration at Brussels", EES not mentioned, or ETIAS "required" (or dropped,
    # so the traveller is told flatly nothing is needed).
    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    fra = views(t)[0]
    v = fra.verdict
    assert fra.title == (
        "Entry to Germany (Schengen area) at Frankfurt (FRA) · Fri 29 Jan 2027 17:00 CET"
    )
    assert (v.requirement, v.max_stay_days, v.secondary) == ("visa-free", 90, True)
    assert [r.id for r in v.registrations] == ["EES"] and [p.id for p in v.planned] == ["ETIAS"]
    body = text(fra)
    assert "the flights on to Belgium cross no border" in body
    assert "EU Entry/Exit System (EES) applies at this border" in body
    assert (
        "ETIAS is planned, not yet in force (status as of Fri 15 May 2026; not "
        "operational, applications not collected)"
    ) in body
    # Schengen passport rule: 3 months beyond leaving (2 Feb) and issued within 10 years.
    assert "needed until Sun 2 May 2027 (3 months beyond the day you leave)" in body
    data = svc.border_json(fra)
    assert (data["scheme"], data["requirement"], data["planned"][0]["status_date"]) == (
        "EES",
        "visa-free",
        "2026-05-15",
    )
    ja = text(views(t, "ja")[0])
    assert "フランクフルト(FRA)でドイツ(シェンゲン圏)に入国 · 2027年1月29日(金) 17:00 CET" in ja
    assert "ETIASは導入予定で、まだ実施されていません(2026年5月15日(金)時点の状況; 運用" in ja


def test_us_connection_to_canada_needs_esta_and_bags_rechecked() -> None:
    # Wrong: no ESTA for the SFO connection (refused boarding at Narita) and no eTA.
    t = trip(
        via_sfo_to_toronto(),
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 1, 12),
        last_day=date(2027, 1, 14),
        authorisations=[{"kind": "ESTA", "country": "US", "expires": "2028-01-01"}],
    )
    sfo, yyz, _home = views(t)
    assert (sfo.border.kind, sfo.verdict.scheme_id, sfo.verdict.status) == ("transit", "ESTA", "ok")
    assert (
        "you pass immigration and customs at San Francisco (SFO) even though you only change"
        " planes" in text(sfo)
    )
    assert (
        "Collect your checked bags at San Francisco (SFO), clear customs, and re-check them"
        " for AC738" in text(sfo)
    )
    # The ESTA must cover the connection day only.
    assert "it covers Mon 11 Jan 2027 to Mon 11 Jan 2027" in text(sfo)
    assert (yyz.border.kind, yyz.verdict.scheme_id, yyz.verdict.status) == (
        "entry",
        "eTA",
        "missing",
    )
    ja = text(views(t, "ja")[0])
    assert (
        "サンフランシスコ(SFO)で預け荷物を受け取り、税関を通ってから、AC738に預け直してください"
        in ja
    )


def test_preclearance_at_vancouver_checks_esta_for_that_day() -> None:
    # Wrong: the US border missed (the old answer) - no ESTA check at all for the US stay.
    flights = [
        seg("AC4", "NRT", "YVR", f"2027-03-01T17:00[{TYO}]", f"2027-03-01T09:30[{VAN}]"),
        seg("AC555", "YVR", "SFO", f"2027-03-05T10:00[{VAN}]", f"2027-03-05T12:20[{LA}]"),
        seg("NH7", "SFO", "NRT", f"2027-03-12T11:25[{LA}]", f"2027-03-13T15:30[{TYO}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        authorisations=[
            {"kind": "eTA", "country": "CA", "expires": "2030-01-01"},
            {"kind": "ESTA", "country": "US", "expires": "2027-03-08"},
        ],
    )
    yvr, pre, _home = views(t)
    assert (yvr.verdict.scheme_id, yvr.verdict.status) == ("eTA", "ok")
    assert (pre.border.kind, pre.border.airport, pre.border.at.isoformat()) == (
        "preclearance",
        "YVR",
        "2027-03-05T10:00:00-08:00",
    )
    # The ESTA ends 8 March, during the US stay (5-12 March): flagged, with a date, as what
    # the references leave open (valid on arrival; whether it must last the stay unsaid).
    assert (pre.verdict.scheme_id, pre.verdict.status) == ("ESTA", "expires")
    assert pre.verdict.on_arrival_only
    assert (
        "Your ESTA is valid when you arrive on Fri 5 Mar 2027 but ends Mon 8 Mar 2027, before "
        "you leave on Fri 12 Mar 2027"
    ) in text(pre)
    assert "US immigration and customs happen here, before you board AC555" in text(pre)
    assert "AC555に搭乗する前に、ここで米国の入国審査と税関検査" in text(views(t, "ja")[1])


def test_preclearance_at_dublin() -> None:
    # Wrong: US immigration expected at SFO; the traveller misses the Dublin queue time.
    flights = [
        seg("EI651", "FRA", "DUB", f"2027-03-08T07:00[{BER}]", f"2027-03-08T08:10[{DUBZ}]"),
        seg("EI147", "DUB", "SFO", f"2027-03-08T11:00[{DUBZ}]", f"2027-03-08T14:00[{LA}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        citizenships=["DE"],
        home_country="DE",
        home_tz=BER,
    )
    dub_transit, pre = views(t)
    assert (pre.border.kind, pre.border.country, pre.border.airport) == (
        "preclearance",
        "US",
        "DUB",
    )
    assert pre.title == "United States preclearance at Dublin (DUB) · Mon 8 Mar 2027 11:00 GMT"
    assert (pre.verdict.requirement, pre.verdict.scheme_id) == ("eta", "ESTA")
    assert svc.border_json(pre)["airport"] == "DUB"
    ja_title = "ダブリン(DUB)でアメリカ合衆国の事前入国審査 · 2027年3月8日(月) 11:00 GMT"
    assert views(t, "ja")[1].title == ja_title
    assert dub_transit.border.kind == "transit"


def test_two_countries_each_judged_for_its_own_stay() -> None:
    # Wrong: the UK stay missed - no UK ETA, refused boarding in Tokyo.
    t = london_then_brussels(
        authorisations=[{"kind": "UK ETA", "country": "GB", "expires": "2027-01-25"}]
    )
    gb, be, _home = views(t)
    # The ETA ends on the 25th; the UK stay runs to the 27th: flagged for the UK only.
    assert (gb.verdict.status, gb.verdict.leave) == ("expires", date(2027, 1, 27))
    assert (be.verdict.requirement, be.verdict.status, be.border.airport) == (
        "visa-free",
        "not-needed",
        "BRU",
    )
    assert (be.verdict.arrive, be.verdict.leave) == (date(2027, 1, 27), date(2027, 2, 2))
    ja = text(views(t, "ja")[0])
    assert "お持ちの英国ETAは到着日2027年1月20日(水)には有効ですが、2027年1月25日(月)に失効し" in ja
    # The scheme named once, not "英国ETA(電子渡航認証)が必要です(電子渡航認証)", and no "。、".
    assert "イギリスに入国するには英国ETAが必要です(電子渡航認証)" in ja
    assert "。、" not in ja


def test_a_cuba_visit_bars_esta_and_asks_for_a_visa_in_time() -> None:
    # Wrong (the old answer): "you cannot use ESTA" and then "apply for ESTA by ..." - the
    # traveller applies, is refused, and has no time left for a visa.
    t = trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        visited=[{"country": "CU", "on": "2022-05-01"}],
    )
    us = views(t)[0]
    v = us.verdict
    assert (v.requirement, v.status, v.scheme_id) == ("visa", "ineligible", "B1/B2")
    assert v.ineligible_scheme is not None and v.ineligible_scheme.id == "ESTA"
    body = text(us)
    assert "You cannot use ESTA (Visa Waiver Program) (you were in CU on Sun 1 May 2022)" in body
    assert "apply by Thu 7 Jan 2027 17:05 JST" in body  # 60 days before NRT departure
    assert "No ESTA" not in body and "apply at https://esta" not in body
    data = svc.border_json(us)
    assert (data["requirement"], data["status"], data["ineligible_for"]) == (
        "visa",
        "ineligible",
        "ESTA",
    )
    ja = text(views(t, "ja")[0])
    assert "ESTA(ビザ免除プログラム)は利用できません(2022年5月1日(日)にCUに滞在していた)" in ja
    # A visit before the bar's start date does not count.
    before = trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        visited=[{"country": "CU", "on": "2020-12-01"}],
    )
    assert views(before)[0].verdict.requirement == "eta"


def test_a_dual_citizen_uses_the_better_passport_and_is_told_why() -> None:
    # Wrong: the Indian passport chosen - a visa application the traveller does not need.
    t = frankfurt_sf(
        citizenships=["IN", "DE"],
        passports=[
            {"country": "IN", "expires": "2034-01-01"},
            {"country": "DE", "expires": "2033-01-01"},
        ],
    )
    us = views(t)[0]
    assert (us.verdict.citizenship, us.verdict.requirement) == ("DE", "eta")
    # Countries by name, not ISO codes (travellers branch: "DE ... your IN passport").
    assert (
        "Best passport here: your passport from Germany (electronic travel authorisation); "
        "your passport from India: visa" in text(us)
    )
    assert (
        "この国境で最適なパスポート:ドイツのパスポート(電子渡航認証)。インドのパスポートでは:ビザ"
        in text(views(t, "ja")[0])
    )


def test_a_resident_non_citizen_returns_under_the_home_countrys_rule() -> None:
    # Wrong: a German living in Japan told "you are a citizen of Japan" on the way home, and
    # pointed at Tabireg (for Japanese citizens) instead of ELEFAND.
    t = trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        citizenships=["DE"],
        home_country="JP",
        residence={"status": "engineer", "expires": "2028-04-01"},
    )
    _us, home = views(t)
    assert (home.border.kind, home.verdict.basis) == ("return", "resident")
    assert "You return as a resident, not a citizen: Special re-entry permit" in text(home)
    assert "みなし再入国許可" in text(views(t, "ja")[1])
    service = svc.registration_service(t)
    assert service is not None and service.citizenship == "DE"
    assert "ELEFAND" in service.name.en


def test_a_pair_without_data_is_unknown_never_not_required() -> None:
    # Wrong: "no visa needed" for a pair nobody checked - a refused entry.
    flights = [
        seg("AI301", "ICN", "DEL", "2027-03-08T10:00[Asia/Seoul]", "2027-03-08T15:00[Asia/Kolkata]")
    ]
    t = trip(
        flights,
        venue_country="IN",
        venue_tz="Asia/Kolkata",
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
        citizenships=["KR"],
        home_country="KR",
        home_tz="Asia/Seoul",
    )
    (v,) = views(t)
    assert (v.verdict.requirement, v.verdict.status) == ("unknown", "missing")
    assert (
        "tripkit does not know what India asks of citizens of South Korea; check its "
        "embassy or official immigration site before you travel"
    ) in text(v)
    for lang in ("en", "ja"):
        body = text(views(t, lang)[0]).lower()
        for claim in ("not required", "no visa", "visa-free", "不要", "ビザ免除"):
            assert claim not in body
    assert "分かりません" in text(views(t, "ja")[0])


def test_json_has_the_agreed_fields_in_route_order() -> None:
    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    data = svc.entry_json(t, "en")
    assert data["trip"] == "route-test"
    keys = {
        "country",
        "airport",
        "kind",
        "at",
        "requirement",
        "scheme",
        "max_stay_days",
        "status",
        "sources",
        "as_of",
    }
    assert all(keys <= set(b) for b in data["borders"])
    assert [(b["kind"], b["airport"], b["at"]) for b in data["borders"]] == [
        ("entry", "FRA", "2027-01-29T17:00:00+01:00"),
        ("return", "HND", "2027-02-03T09:00:00+09:00"),
    ]
    assert data["borders"][0]["as_of"] == "2026-05-15"  # newest source used (ETIAS status)
    assert {"title", "url", "date"} == set(data["borders"][0]["sources"][0])


def test_a_held_document_matches_whatever_its_spelling() -> None:
    # Wrong: "UK-ETA" typed with a hyphen not recognised - told to buy a second ETA.
    from tripkit.core.models import Authorisation

    for kind in ("UK-ETA", "uk eta", "UK_ETA"):
        t = _london(citizenships=["DE"])
        t.traveller.authorisations = [
            Authorisation(kind=kind, country="GB", expires=date(2028, 1, 1))
        ]
        gb = views(t)[0]
        assert gb.verdict.status == "ok", kind


def test_uk_airside_transit_only_at_the_airports_that_have_it() -> None:
    # Wrong: "no ETA needed" for a Gatwick connection, where there is no airside transit -
    # refused boarding for the missing ETA.
    def via(airport: str) -> Trip:
        from entry_builders import AIRPORTS

        AIRPORTS.setdefault("LGW", "GB")
        flights = [
            seg("JL43", "HND", airport, f"2027-03-08T11:00[{TYO}]", f"2027-03-08T15:00[{LON}]"),
            seg("BA285", airport, "SFO", f"2027-03-08T17:00[{LON}]", f"2027-03-08T20:00[{LA}]"),
        ]
        return trip(
            flights,
            venue_country="US",
            venue_tz=LA,
            first_day=date(2027, 3, 9),
            last_day=date(2027, 3, 11),
        )

    lhr = views(via("LHR"))[0]
    assert (lhr.border.kind, lhr.verdict.requirement, lhr.verdict.basis) == (
        "transit",
        "none",
        "airside",
    )
    assert "No visa or authorisation is needed to change planes airside at London (LHR)" in text(
        lhr
    )
    lgw = views(via("LGW"))[0]
    assert (lgw.border.kind, lgw.verdict.requirement, lgw.verdict.scheme_id) == (
        "transit",
        "eta",
        "UK ETA",
    )


def test_a_train_to_london_needs_the_uk_eta_too() -> None:
    # Wrong: only the Schengen entry judged; the traveller is stopped at the Eurostar.
    from tripkit.core.models import Stay

    flights = [
        seg("LH711", "HND", "BRU", f"2027-01-29T10:30[{TYO}]", f"2027-01-29T17:40[{BRU}]"),
        seg("JL44", "LHR", "HND", f"2027-02-04T19:00[{LON}]", f"2027-02-05T16:00[{TYO}]"),
    ]
    london = Stay.model_validate(
        {
            "name": "Hotel in London",
            "country": "GB",
            "check_in": f"2027-02-01T15:00[{LON}]",
            "check_out": f"2027-02-04T11:00[{LON}]",
        }
    )
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        stays=[london],
    )
    _be, gb, _home = views(t)
    assert gb.title == "Entry to the United Kingdom (by land or sea) · Mon 1 Feb 2027 15:00 GMT"
    assert (gb.verdict.requirement, gb.verdict.scheme_id, gb.verdict.status) == (
        "eta",
        "UK ETA",
        "missing",
    )
    assert (gb.verdict.arrive, gb.verdict.leave) == (date(2027, 2, 1), date(2027, 2, 4))
    assert views(t, "ja")[1].title.startswith("イギリスへの入国(陸路・海路)")
