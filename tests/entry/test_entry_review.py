"""Travellers unlike the demo, on the shipped data: answers that used to be confidently wrong.

Each test says what the wrong answer would have cost the traveller. Sources for the right
answers: shared/reference/travel-facts.md §2 and entry-rules-world.md §7 (the US Six-Month
Club names Japan only), entry-rules-world.md §1a (VWP: "90 days or less") and §4 (Schengen:
"up to 90 days in any 180-day period").
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from entry_builders import BER, LA, LON, TYO, seg, trip

from tripkit.core.models import Trip
from tripkit.paths import bundled_data
from tripkit.services import entry as svc

DATA = bundled_data()
pytestmark = pytest.mark.skipif(
    not (DATA / "world" / "passport-index.tsv").is_file(),
    reason="the bundled world dataset is not in data/ yet",
)
TOR = "America/Toronto"


def text(view: svc.BorderView) -> str:
    return "\n".join([view.title, *view.lines, *view.warnings])


def _sf_from(home: str, home_tz: str, origin: str, citizenship: str, expires: str) -> Trip:
    flights = [
        seg("XX1", origin, "SFO", f"2027-02-08T09:00[{home_tz}]", f"2027-02-08T14:00[{LA}]"),
        seg("XX2", "SFO", origin, f"2027-02-14T16:00[{LA}]", f"2027-02-15T10:00[{home_tz}]"),
    ]
    return trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=[citizenship],
        home_country=home,
        home_tz=home_tz,
        passports=[{"country": citizenship, "expires": expires}],
    )


def _us_view(t: Trip, lang: str = "en") -> svc.BorderView:
    return next(v for v in svc.borders(t, lang) if v.border.country == "US")


@pytest.mark.parametrize(
    ("citizenship", "home", "home_tz", "origin"),
    [("GB", "GB", LON, "LHR"), ("CA", "CA", TOR, "YYZ"), ("DE", "DE", BER, "FRA")],
)
def test_six_month_rule_is_unknown_where_the_sources_do_not_name_the_citizenship(
    citizenship: str, home: str, home_tz: str, origin: str
) -> None:
    # Wrong (the old answer): a British, Canadian or German traveller whose passport runs to
    # 1 Apr 2027, for a stay ending 14 Feb 2027, was told in red "United States needs it
    # valid until Sat 14 Aug 2027 ... Renew it before you travel". tripkit's sources name
    # only Japan on the Six-Month Club list and say the list has other members: telling
    # every other passport to renew is a confident claim no source supports (an urgent
    # renewal: weeks and a fee, and the risk of travelling without a passport meanwhile).
    view = _us_view(_sf_from(home, home_tz, origin, citizenship, "2027-04-01"))
    check = view.verdict.passport_check
    assert check is not None
    assert check.ok is None and check.basis == "unless-exempt"
    assert check.needed_until == date(2027, 8, 14)
    said = text(view)
    assert "Renew it before you travel" not in said, said
    assert not view.passport_warnings
    assert "Six-Month Club" in said and "until Sat 14 Aug 2027" in said
    # Japanese: named as exempt, so valid for the stay is enough (unchanged).
    jp = _us_view(_sf_from(home, home_tz, origin, "JP", "2027-04-01")).verdict.passport_check
    assert jp is not None and jp.ok is True


def test_a_passport_ending_during_the_stay_is_still_a_problem_for_everyone() -> None:
    # The other side: whatever the exempt list says, the passport must last the stay.
    view = _us_view(_sf_from("GB", LON, "LHR", "GB", "2027-02-12"))
    check = view.verdict.passport_check
    assert check is not None and check.ok is False
    assert any("Renew it before you travel" in w for w in view.passport_warnings)


def test_six_month_line_is_japanese_for_a_japanese_reader() -> None:
    view = _us_view(_sf_from("GB", LON, "LHR", "GB", "2027-04-01"), "ja")
    assert any("シックス・マンス・クラブ" in line and "更新" in line for line in view.lines)


def _long_stay(venue_country: str, venue_tz: str, back: str, citizenship: str) -> Trip:
    """Into the country on 8 Feb 2027, out on `back`: the conference runs 10 Feb - 12 May."""
    origin, origin_tz = ("NRT", "Asia/Tokyo") if citizenship == "JP" else ("LHR", LON)
    dest = "SFO" if venue_country == "US" else "FRA"
    days = 1 if citizenship == "JP" else 0  # lands in Tokyo the next day, in London the same
    home_day = (date.fromisoformat(back) + timedelta(days=days)).isoformat()
    flights = [
        seg("XX1", origin, dest, f"2027-02-08T09:00[{origin_tz}]", f"2027-02-08T14:00[{venue_tz}]"),
        seg("XX2", dest, origin, f"{back}T16:00[{venue_tz}]", f"{home_day}T20:00[{origin_tz}]"),
    ]
    return trip(
        flights,
        venue_country=venue_country,
        venue_tz=venue_tz,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 5, 5),
        citizenships=[citizenship],
        home_country="JP" if citizenship == "JP" else "GB",
        home_tz=origin_tz,
        passports=[{"country": citizenship, "expires": "2035-01-01", "issued": "2025-01-01"}],
        authorisations=[{"kind": "ESTA", "country": "US", "expires": "2028-01-01"}],
    )


def test_an_esta_does_not_cover_a_stay_longer_than_90_days() -> None:
    # Wrong (the old answer): a Japanese traveller staying in the US from 8 Feb to 20 May
    # 2027 (102 days) with a valid ESTA was told "Status: in order ... it covers Mon 8 Feb
    # 2027 to Thu 20 May 2027". The Visa Waiver Program is for stays of 90 days or less
    # (dhs.gov): this traveller would overstay, be refused, or lose the right to use the VWP.
    view = _us_view(_long_stay("US", LA, "2027-05-20", "JP"))
    v = view.verdict
    assert v.requirement == "unknown" and v.status == "missing"
    assert v.over_stay_days == 102 and v.max_stay_days == 90
    assert v.ineligible_scheme is not None and v.ineligible_scheme.id == "ESTA"
    said = text(view)
    assert "it covers" not in said and "in order" not in said.lower()
    assert any("102 days" in w and "longer than the 90 days" in w for w in view.warnings)
    assert view.headline.startswith("Your stay in the United States is 102 days")


def test_an_esta_covers_exactly_90_days() -> None:
    # 8 Feb to 8 May 2027 is 90 days with both ends counted: within the limit, still an ESTA.
    v = _us_view(_long_stay("US", LA, "2027-05-08", "JP")).verdict
    assert v.requirement == "eta" and v.over_stay_days is None and v.status == "ok"


def test_visa_free_schengen_does_not_cover_more_than_90_days() -> None:
    # Wrong (the old answer): a British traveller in Frankfurt for 102 days was told
    # "Visa-free for citizens of United Kingdom for up to 90 days" and nothing more: the
    # 90/180 rule makes day 91 an overstay (fines, an entry ban, recorded by the EES).
    views = svc.borders(_long_stay("DE", BER, "2027-05-20", "GB"), "en")
    view = next(v for v in views if v.border.country == "DE")
    assert view.verdict.requirement == "unknown" and view.verdict.over_stay_days == 102
    assert "Visa-free for citizens" not in text(view)
    assert any("longer than the 90 days" in w for w in view.warnings)
    ja = next(v for v in svc.borders(_long_stay("DE", BER, "2027-05-20", "GB"), "ja"))
    assert any("102日間" in w for w in ja.warnings)


SIN_TZ, SYD_TZ = "Asia/Singapore", "Australia/Sydney"


def _via_singapore(expires: str, authorisations: list[dict[str, str]] | None = None) -> Trip:
    """Frankfurt -> Singapore -> Sydney and back: two connections at Changi."""
    flights = [
        seg("SQ325", "FRA", "SIN", f"2027-02-07T11:00[{BER}]", f"2027-02-08T06:00[{SIN_TZ}]"),
        seg("SQ221", "SIN", "SYD", f"2027-02-08T09:00[{SIN_TZ}]", f"2027-02-08T19:00[{SYD_TZ}]"),
        seg("SQ222", "SYD", "SIN", f"2027-02-14T10:00[{SYD_TZ}]", f"2027-02-14T16:00[{SIN_TZ}]"),
        seg("SQ326", "SIN", "FRA", f"2027-02-14T23:00[{SIN_TZ}]", f"2027-02-15T06:00[{BER}]"),
    ]
    return trip(
        flights,
        venue_country="AU",
        venue_tz=SYD_TZ,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=["DE"],
        home_country="DE",
        home_tz=BER,
        passports=[{"country": "DE", "expires": expires, "issued": "2017-06-01"}],
        authorisations=authorisations,
    )


def test_a_connection_that_may_stay_airside_is_not_told_to_renew_the_passport() -> None:
    # Wrong (the old answer): a German changing planes at Singapore Changi (3 hours, same
    # airline) was told in red "Singapore needs it valid until Sun 8 Aug 2027 (6 months
    # beyond the stay). Renew it before you travel", and that the SG Arrival Card "applies":
    # the 6 months are what Singapore asks of those who ENTER (ICA), and tripkit's sources do
    # not say whether a Changi connection passes immigration. An urgent renewal for a
    # border the traveller may never cross.
    views = svc.borders(_via_singapore("2027-05-01"), "en")
    sin = [v for v in views if v.border.airport == "SIN"]
    assert [v.border.kind for v in sin] == ["transit", "transit"]
    for view in sin:
        said = text(view)
        assert view.verdict.if_entering
        assert not view.passport_warnings and "Renew it before you travel" not in said, said
        assert view.verdict.passport_check is not None
        assert view.verdict.passport_check.ok is None
        assert "tripkit does not know whether you can stay airside at Singapore (SIN)" in said
        assert (
            "If you pass immigration at Singapore (SIN), Singapore needs your passport valid"
            in said
        )
    ja = [v for v in svc.borders(_via_singapore("2027-05-01"), "ja") if v.border.airport == "SIN"]
    assert any("エアサイド" in line for line in ja[0].lines)


def test_a_passport_ending_before_the_connection_is_still_wrong() -> None:
    # Expired before the flight lands in Singapore: wrong whether airside or not.
    views = svc.borders(_via_singapore("2027-02-07"), "en")
    sin = next(v for v in views if v.border.airport == "SIN")
    assert sin.verdict.passport_check is not None and sin.verdict.passport_check.ok is False


def test_a_known_landside_connection_still_checks_as_an_entry() -> None:
    # Heathrow is airside-capable in the data and Gatwick is not: an ETA at LGW, as before.
    flights = [
        seg(
            "BA2202",
            "JFK",
            "LHR",
            f"2027-02-07T20:00[{'America/New_York'}]",
            f"2027-02-08T08:00[{LON}]",
        ),
        seg(
            "BA2760", "LHR", "AMS", f"2027-02-08T12:00[{LON}]", "2027-02-08T14:00[Europe/Amsterdam]"
        ),
    ]
    t = trip(
        flights,
        venue_country="NL",
        venue_tz="Europe/Amsterdam",
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=["US"],
        home_country="US",
        home_tz="America/New_York",
    )
    lhr = svc.borders(t, "en")[0]
    assert lhr.border.kind == "transit" and not lhr.verdict.if_entering
    assert lhr.verdict.basis == "airside" and lhr.verdict.requirement == "none"


def test_an_eu_citizen_holding_an_evisitor_is_not_sent_to_buy_an_eta() -> None:
    # Wrong (the old answer): a German holding an Australian eVisitor (free, for EU
    # passports) was told "No AU-ETA is recorded in the trip: apply ... by Thu 4 Feb 2027":
    # AUD 20 and an application for a document the traveller does not need.
    auth = [{"kind": "AU-eVisitor", "country": "AU", "expires": "2028-01-01"}]
    syd = next(
        v for v in svc.borders(_via_singapore("2031-01-01", auth), "en") if v.border.country == "AU"
    )
    assert syd.verdict.requirement == "none" and syd.verdict.basis == "exempt"
    assert not any("No AU-ETA" in w for w in syd.warnings)
    # Without one, the ETA is still asked for.
    bare = next(
        v for v in svc.borders(_via_singapore("2031-01-01"), "en") if v.border.country == "AU"
    )
    assert bare.verdict.requirement == "eta" and bare.verdict.status == "missing"


def _to_toronto(citizenship: str, authorisations: list[dict[str, str]] | None = None) -> Trip:
    flights = [
        seg("AC990", "SFO", "YYZ", f"2027-02-08T08:00[{LA}]", f"2027-02-08T16:00[{TOR}]"),
        seg("AC991", "YYZ", "SFO", f"2027-02-14T09:00[{TOR}]", f"2027-02-14T12:00[{LA}]"),
    ]
    return trip(
        flights,
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=[citizenship],
        home_country="US",
        home_tz=LA,
        residence={"status": "student"},
        authorisations=authorisations,
    )


@pytest.mark.parametrize("citizenship", ["MX", "BR"])
def test_a_conditional_eta_is_not_promised_to_a_traveller_who_does_not_meet_it(
    citizenship: str,
) -> None:
    # Wrong (the old answer): a Mexican (or Brazilian) flying to Toronto with no US visa and
    # no Canadian visa recorded was told "Citizens of Mexico need Canada eTA ... apply by
    # Fri 5 Feb 2027" (72 hours ahead). The eTA is open to them only with a valid US
    # nonimmigrant visa or a Canadian visa of the past 10 years (canada.ca 2024-02-29;
    # SOR/2023-106); otherwise a visitor visa, which takes weeks: the traveller would learn
    # it at the eTA refusal, days before the flight.
    view = next(v for v in svc.borders(_to_toronto(citizenship), "en") if v.border.country == "CA")
    assert view.verdict.requirement == "unknown" and view.verdict.condition_unmet
    said = text(view)
    assert "No eTA is recorded" not in said and "need Canada eTA" not in said, said
    assert "tripkit cannot tell whether Canada eTA" in said and "you need a visa" in said
    # With a valid US visa the condition is met: the eTA, as before.
    us_visa = [{"kind": "US-visa", "country": "US", "expires": "2030-01-01"}]
    met = next(
        v for v in svc.borders(_to_toronto(citizenship, us_visa), "en") if v.border.country == "CA"
    )
    assert met.verdict.requirement == "eta" and not met.verdict.condition_unmet
    # A US green card exempts from the eTA whatever the condition (IRCC, 2022-04-26).
    card = [{"kind": "US-green-card", "country": "US", "expires": "2032-01-01"}]
    lpr = next(
        v for v in svc.borders(_to_toronto(citizenship, card), "en") if v.border.country == "CA"
    )
    assert lpr.verdict.basis == "exempt" and lpr.verdict.requirement == "none"


@pytest.mark.parametrize("citizenship", ["IE", "CY"])
def test_an_eu_citizen_outside_schengen_is_not_held_to_the_non_eu_passport_rules(
    citizenship: str,
) -> None:
    # Wrong (the old answer): an Irish (or Cypriot) citizen flying to Frankfurt with a
    # passport valid to 1 Mar 2027, issued 2015, for a trip ending 14 Feb 2027, was told in
    # red "Germany needs it valid until Fri 14 May 2027 ... Renew it before you travel" and
    # "must have been issued on or after Wed 8 Feb 2017": the 3-month and 10-year rules are
    # entry conditions for third-country nationals (Schengen Borders Code Art. 6), and EU
    # citizens are not (the data already exempts them from the EES for the same reason).
    flights = [
        seg("EI650", "DUB", "FRA", "2027-02-08T08:00[Europe/Dublin]", f"2027-02-08T11:00[{BER}]"),
        seg("EI651", "FRA", "DUB", f"2027-02-14T12:00[{BER}]", "2027-02-14T13:30[Europe/Dublin]"),
    ]
    t = trip(
        flights,
        venue_country="DE",
        venue_tz=BER,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=[citizenship],
        home_country="IE",
        home_tz="Europe/Dublin",
        passports=[{"country": citizenship, "expires": "2027-03-01", "issued": "2015-01-01"}],
    )
    fra = svc.borders(t, "en")[0]
    check = fra.verdict.passport_check
    assert check is not None and check.ok is True and check.basis == "exempt"
    assert not fra.passport_warnings, fra.passport_warnings
    assert not fra.verdict.registrations  # no EES either
    # A British passport on the same trip is a third-country national's: still checked.
    gb = svc.borders(
        t.model_copy(
            update={
                "traveller": t.traveller.model_copy(
                    update={
                        "citizenships": ["GB"],
                        "passports": [
                            t.traveller.passports[0].model_copy(update={"country": "GB"})
                        ],
                    }
                )
            }
        ),
        "en",
    )[0]
    assert gb.verdict.passport_check is not None and gb.verdict.passport_check.ok is False


def test_a_resident_of_germany_coming_home_through_paris_needs_no_schengen_visa() -> None:
    # Wrong (the old answer): an Indian citizen living in Germany (home DE, residence
    # declared), flying home SFO -> CDG -> FRA, was told at Paris "Citizens of India need
    # Schengen visa ... apply now" and that the EES short-stay registration applied: the
    # Schengen border was judged as a visitor's because its airport is in France, not in
    # the home country. An urgent visa application for a resident going home.
    flights = [
        seg("LH454", "FRA", "SFO", f"2027-02-08T10:00[{BER}]", f"2027-02-08T13:00[{LA}]"),
        seg("AF83", "SFO", "CDG", f"2027-02-14T15:00[{LA}]", "2027-02-15T11:00[Europe/Paris]"),
        seg("AF1018", "CDG", "FRA", "2027-02-15T13:00[Europe/Paris]", f"2027-02-15T14:15[{BER}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=["IN"],
        home_country="DE",
        home_tz=BER,
        residence={"status": "Blue Card"},
        authorisations=[{"kind": "US-visa", "country": "US", "expires": "2030-01-01"}],
    )
    cdg = next(v for v in svc.borders(t, "en") if v.border.airport == "CDG")
    assert cdg.border.kind == "return"
    assert cdg.verdict.basis == "resident" and cdg.verdict.requirement == "none"
    said = text(cdg)
    assert "Schengen visa" not in said and not cdg.verdict.registrations, said
    assert "no sourced re-entry rule for Germany" in said


def test_the_guide_does_not_tell_a_briton_the_six_months_are_a_must() -> None:
    # Wrong (the old answer): the guide's "Passport validity" note for a British traveller
    # to the US said only "Your passport must be valid at least 6 months beyond your stay",
    # the same confident claim the border no longer makes: it now says who may need less.
    from datetime import UTC, datetime

    from tripkit.services.guide import build_guide

    t = _sf_from("GB", LON, "LHR", "GB", "2027-04-01")
    guide = build_guide(t, "en", datetime(2026, 12, 1, tzinfo=UTC))
    entry = guide.section("entry")
    assert entry is not None
    passport = next(n for n in entry.notes if n.title == "Passport validity")
    assert "Six-Month Club" in passport.text and "check yours" in passport.text


def test_a_dual_national_of_cuba_cannot_use_the_esta_on_another_passport() -> None:
    # Wrong (the old answer): a Spanish-Cuban dual national holding an ESTA was told "ESTA
    # ... Status: in order" on the Spanish passport. Dual nationals of Cuba are not eligible
    # for the Visa Waiver Program (travel-facts.md §1, Fragomen 2023-07-12): refused boarding
    # or entry, with no time left for the visa that takes weeks.
    flights = [
        seg("IB1", "FRA", "SFO", f"2027-02-08T10:00[{BER}]", f"2027-02-08T14:00[{LA}]"),
        seg("IB2", "SFO", "FRA", f"2027-02-14T16:00[{LA}]", f"2027-02-15T12:00[{BER}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=["ES", "CU"],
        home_country="ES",
        home_tz=BER,
        passports=[
            {"country": "ES", "expires": "2031-01-01"},
            {"country": "CU", "expires": "2031-01-01"},
        ],
        authorisations=[{"kind": "ESTA", "country": "US", "expires": "2028-01-01"}],
    )
    view = _us_view(t)
    v = view.verdict
    assert v.requirement == "visa" and v.status == "ineligible"
    assert v.barred_citizenships == ("CU",)
    assert any("you are also a citizen of Cuba" in w for w in view.warnings)
    assert "in order" not in text(view).lower()
    # A Spanish citizen without the Cuban nationality: the ESTA, as before.
    solo = t.model_copy(
        update={
            "traveller": t.traveller.model_copy(
                update={"citizenships": ["ES"], "passports": t.traveller.passports[:1]}
            )
        }
    )
    assert _us_view(solo).verdict.requirement == "eta"


def test_an_esta_ending_with_the_passport_is_not_fixed_by_applying_again() -> None:
    # Wrong (the old answer): a Japanese passport ending 1 Mar 2027, during a stay to 20 Mar
    # 2027, and an ESTA held to 2028 on it. tripkit said "Your ESTA ends Mon 1 Mar
    # 2027, before you leave: apply again at https://esta.cbp.dhs.gov": USD 40 for a new ESTA
    # that ends with the same passport (an ESTA lasts until the passport expires, and a new
    # passport needs a new ESTA: travel-facts.md §1-2). The fix is the passport, then an ESTA.
    flights = [
        seg("NH8", "NRT", "SFO", "2027-02-08T17:00[Asia/Tokyo]", f"2027-02-08T09:40[{LA}]"),
        seg("NH7", "SFO", "NRT", f"2027-03-20T11:00[{LA}]", "2027-03-21T15:00[Asia/Tokyo]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        passports=[{"country": "JP", "expires": "2027-03-01"}],
        authorisations=[
            {
                "kind": "ESTA",
                "country": "US",
                "expires": "2028-02-11",
                "passport_expires": "2027-03-01",
            }
        ],
    )
    view = _us_view(t)
    assert view.verdict.status == "expires" and view.verdict.ends_with_passport
    said = "\n".join(view.warnings)
    assert "ends with your passport on Mon 1 Mar 2027" in said
    assert "Renew the passport first, then apply for a new ESTA" in said
    assert "apply again" not in said


def _to_tokyo(citizenship: str, e_passport: bool, **values: object) -> Trip:
    """An engineer living in Singapore flies to Tokyo Haneda for a conference."""
    sg = "Asia/Singapore"
    flights = [
        seg("XX1", "SIN", "HND", f"2027-06-12T22:25[{sg}]", f"2027-06-13T06:35[{TYO}]"),
        seg("XX2", "HND", "SIN", f"2027-06-19T00:05[{TYO}]", f"2027-06-19T06:50[{sg}]"),
    ]
    return trip(
        flights,
        venue_country="JP",
        venue_tz=TYO,
        first_day=date(2027, 6, 16),
        last_day=date(2027, 6, 17),
        citizenships=[citizenship],
        home_country="SG",
        home_tz=sg,
        passports=[{"country": citizenship, "expires": "2030-01-01", "e_passport": e_passport}],
        **values,  # type: ignore[arg-type]
    )


def _japan(t: Trip, lang: str = "en") -> svc.BorderView:
    return next(v for v in svc.borders(t, lang) if v.border.country == "JP")


@pytest.mark.parametrize("citizenship", ["BR", "TH"])
def test_japans_e_passport_exemption_is_not_promised_to_a_passport_without_a_chip(
    citizenship: str,
) -> None:
    # Wrong (the old answer): a Brazilian (or Thai) whose passport the trip records as not an
    # e-passport read "Visa-free ... Status: nothing needed" for Japan, above a note saying the
    # exemption is for e-passports. The cost: refused at boarding, or at Haneda, with no visa.
    # Source: entry-rules-world.md (Brazil visa-free to Japan, 90 days, e-passport; MOFA list).
    view = _japan(_to_tokyo(citizenship, e_passport=False))
    assert view.verdict.requirement == "visa" and view.verdict.status == "missing"
    said = text(view)
    assert "only for e-passports" in said and "No Japanese visa" in said, said
    assert "Visa-free for citizens" not in said
    # The ja reader is told the same, in Japanese.
    ja = text(_japan(_to_tokyo(citizenship, e_passport=False), "ja"))
    assert "IC旅券(ICチップ付き)だけが対象" in ja, ja
    # A visa held for Japan covers it.
    visa = [{"kind": "visa", "country": "JP", "expires": "2028-01-01"}]
    held = _japan(_to_tokyo(citizenship, e_passport=False, authorisations=visa))
    assert held.verdict.status == "ok"
    # With an e-passport the exemption holds, as before.
    chip = _japan(_to_tokyo(citizenship, e_passport=True))
    assert chip.verdict.requirement == "visa-free" and chip.verdict.status == "not-needed"


@pytest.mark.parametrize("citizenship", ["ID", "QA"])
def test_japans_exemption_for_a_registered_e_passport_is_unknown_until_registered(
    citizenship: str,
) -> None:
    # Wrong (the old answer): an Indonesian or Qatari read "nothing needed" for Japan, when
    # the exemption is only for an e-passport registered in advance (MOFA's list): one who
    # never registered would be refused boarding. tripkit cannot see the registration, so
    # the answer is "unknown" until the trip records it (or a visa when there is no chip).
    view = _japan(_to_tokyo(citizenship, e_passport=True))
    assert view.verdict.requirement == "unknown" and view.verdict.condition_unmet
    said = text(view)
    assert "cannot tell whether visa-free entry is open to you" in said, said
    registered = [{"kind": "JP-e-passport-registration", "country": "JP", "expires": "2029-01-01"}]
    met = _japan(_to_tokyo(citizenship, e_passport=True, authorisations=registered))
    assert met.verdict.requirement == "visa-free" and met.verdict.status == "not-needed"
    # Without a chip there is nothing to register: a visa.
    assert _japan(_to_tokyo(citizenship, e_passport=False)).verdict.requirement == "visa"


def test_an_airport_transit_visa_is_said_as_one_not_as_a_visa_for_the_country() -> None:
    # Wrong (the old answer): a Pakistani living in London, changing planes at Frankfurt for
    # Toronto, read "Citizens of Pakistan need a visa for Germany (visa)", and nothing of the
    # transit rule's note. They would apply for a Schengen visitor visa (a longer, different
    # application) or, thinking they never enter Germany, for nothing, and be refused
    # boarding in London. Source: entry-rules-world.md §4 (ATV required by all Schengen
    # states for Pakistan, Visa Code Annex IV).
    flights = [
        seg("LH901", "LHR", "FRA", f"2027-02-08T07:00[{LON}]", f"2027-02-08T09:40[{BER}]"),
        seg("AC877", "FRA", "YYZ", f"2027-02-08T11:00[{BER}]", f"2027-02-08T13:30[{TOR}]"),
        seg("AC876", "YYZ", "FRA", f"2027-02-14T18:00[{TOR}]", f"2027-02-15T07:45[{BER}]"),
        seg("LH902", "FRA", "LHR", f"2027-02-15T10:00[{BER}]", f"2027-02-15T10:45[{LON}]"),
    ]
    t = trip(
        flights,
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 12),
        citizenships=["PK"],
        home_country="GB",
        home_tz=LON,
        residence={"status": "skilled worker"},
    )
    views = [v for v in svc.borders(t, "en") if v.border.airport == "FRA"]
    assert views and all(v.verdict.basis == "airside" for v in views)
    said = text(views[0])
    assert "need a visa for Germany" not in said, said
    assert "even to change planes airside at Frankfurt (FRA), without entering Germany" in said
    assert "An airport transit visa is needed" in said  # the transit rule's own note
    # The unnamed visa says whose it is (it read "No visa is recorded in the trip").
    assert "No visa for Germany (Schengen area) is recorded in the trip" in said
    ja = text(next(v for v in svc.borders(t, "ja") if v.border.airport == "FRA"))
    assert "ドイツに入国せずフランクフルト(FRA)で乗り継ぐだけでも" in ja, ja
    assert "空港通過ビザ" in ja
