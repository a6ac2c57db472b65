"""Entry answers that used to be confidently wrong, on the shipped data.

Each test says what the wrong answer cost the traveller. Sources for the right answers:
shared/reference/entry-rules-world.md §7 ("Taiwan: ≥6 months on entry for visa-exempt
visitors"; "India (e-Visa): ≥6 months at application/arrival"; "Singapore: ≥6 months", from
when not said) and §4 (Schengen: "up to 90 days in any 180-day period (rolling window ...)
across all Schengen states together").
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from entry_builders import BER, BRU, LON, TYO, seg, trip

from tripkit.core.models import Trip
from tripkit.paths import bundled_data
from tripkit.services import entry as svc

DATA = bundled_data()
pytestmark = pytest.mark.skipif(
    not (DATA / "world" / "passport-index.tsv").is_file(),
    reason="the bundled world dataset is not in data/ yet",
)
TPE, SIN, DEL = "Asia/Taipei", "Asia/Singapore", "Asia/Kolkata"


def text(view: svc.BorderView) -> str:
    return "\n".join([view.title, *view.lines, *view.warnings])


# --- 1. passport validity counted from arrival --------------------------------------------


def _from_frankfurt(airport: str, zone: str, country: str, expires: str, **more: Any) -> Trip:
    """A German flying Frankfurt -> airport on 1 Mar 2027, home on 12 Mar 2027."""
    flights = [
        seg("XX1", "FRA", airport, f"2027-02-28T21:00[{BER}]", f"2027-03-01T16:00[{zone}]"),
        seg("XX2", airport, "FRA", f"2027-03-12T23:00[{zone}]", f"2027-03-13T06:00[{BER}]"),
    ]
    return trip(
        flights,
        venue_country=country,
        venue_tz=zone,
        first_day=date(2027, 3, 3),
        last_day=date(2027, 3, 5),
        citizenships=["DE"],
        home_country="DE",
        home_tz=BER,
        passports=[{"country": "DE", "expires": expires}],
        **more,
    )


def _entry(t: Trip, country: str, lang: str = "en") -> svc.BorderView:
    return next(v for v in svc.borders(t, lang) if v.border.country == country)


@pytest.mark.parametrize(("airport", "zone", "country"), [("TPE", TPE, "TW"), ("DEL", DEL, "IN")])
def test_six_months_on_arrival_are_counted_from_arrival(
    airport: str, zone: str, country: str
) -> None:
    # Wrong (the old answer): the 6 months were counted from the day the traveller leaves
    # (12 Mar 2027 -> 12 Sep 2027), so a passport valid until 5 Sep 2027 - 6 months and 4
    # days after arrival, which Taiwan ("on entry") and India ("at arrival") accept - was
    # told in red to be renewed: an urgent renewal (weeks, a fee, travelling without a
    # passport meanwhile) that no source asks for.
    view = _entry(_from_frankfurt(airport, zone, country, "2027-09-05"), country)
    check = view.verdict.passport_check
    assert check is not None
    assert (check.ok, check.basis, check.needed_until) == (
        True,
        "months-on-arrival",
        date(2027, 9, 1),
    )
    said = text(view)
    assert "Renew" not in said and not view.passport_warnings, said
    assert "6 months from the day you arrive" in said
    # One day short of 6 months on arrival: renewing is needed, and said.
    short = _entry(_from_frankfurt(airport, zone, country, "2027-08-31"), country)
    assert short.verdict.passport_check is not None
    assert short.verdict.passport_check.ok is False
    assert any("Renew it before you travel" in w for w in short.warnings)
    ja = text(_entry(_from_frankfurt(airport, zone, country, "2027-09-05"), country, "ja"))
    assert "到着日から6か月" in ja, ja


def test_singapore_six_months_from_an_unstated_day_is_unknown_not_renew() -> None:
    # ICA says "at least 6 months" without saying from when. Wrong (the old answer): counted
    # from departure as fact, a passport valid until 5 Sep 2027 (6 months from arrival, not
    # from departure) was told to be renewed; counted from arrival as fact, it would be told
    # it is in order, a reading no source states. Honest: unknown, both dates, where to ask.
    t = _from_frankfurt("SIN", SIN, "SG", "2027-09-05")
    view = _entry(t, "SG")
    check = view.verdict.passport_check
    assert check is not None
    assert (check.ok, check.basis) == (None, "start-unstated")
    assert (check.needed_from_arrival, check.needed_until) == (date(2027, 9, 1), date(2027, 9, 12))
    said = text(view)
    assert "Renew" not in said and not view.passport_warnings, said
    assert "until Wed 1 Sep 2027" in said and "until Sun 12 Sep 2027" in said, said
    ja = text(_entry(t, "SG", "ja"))
    assert "到着" in ja and "滞在の終わり" in ja, ja
    # Short even counted from arrival: renew, whatever the reading.
    short = _entry(_from_frankfurt("SIN", SIN, "SG", "2027-08-31"), "SG").verdict.passport_check
    assert short is not None and short.ok is False
    # Long enough counted from the end of the stay: in order, whatever the reading.
    long = _entry(_from_frankfurt("SIN", SIN, "SG", "2027-09-12"), "SG").verdict.passport_check
    assert long is not None and long.ok is True


# --- 2. Schengen's 90 days in any 180, across the trip's stays ----------------------------


def _brussels_london_berlin(home_day: str) -> Trip:
    """A Japanese traveller: Brussels 10 Jan - 20 Feb 2027 (42 days), London, then Berlin
    from 25 Feb 2027 until `home_day` (the conference is in Berlin)."""
    flights = [
        seg("NH1", "HND", "BRU", f"2027-01-10T10:00[{TYO}]", f"2027-01-10T16:00[{BRU}]"),
        seg("SN1", "BRU", "LHR", f"2027-02-20T09:00[{BRU}]", f"2027-02-20T09:30[{LON}]"),
        seg("BA1", "LHR", "BER", f"2027-02-25T09:00[{LON}]", f"2027-02-25T12:00[{BER}]"),
        seg("NH2", "BER", "HND", f"{home_day}T13:00[{BER}]", f"{home_day}T23:00[{TYO}]"),
    ]
    # Next-day arrival in Tokyo is not needed here: the return border is not judged.
    return trip(
        flights,
        venue_country="DE",
        venue_tz=BER,
        first_day=date(2027, 3, 1),
        last_day=date(2027, 3, 3),
        authorisations=[{"kind": "UK ETA", "country": "GB", "expires": "2029-01-01"}],
    )


def test_two_schengen_stays_over_90_days_in_180_are_caught() -> None:
    # Wrong (the old answer): each entry was checked alone - 42 days in Brussels, 50 in
    # Berlin - and both said "visa-free, nothing to apply for". Together they are 92 days
    # within 180: the traveller would overstay, be refused at exit or entry, fined or barred
    # from the area, on tripkit's word.
    views = svc.borders(_brussels_london_berlin("2027-04-15"), "en")
    be = next(v for v in views if v.border.country == "BE")
    de = next(v for v in views if v.border.country == "DE")
    assert be.verdict.requirement == "visa-free"  # 42 days in: within the limit then
    assert (de.verdict.requirement, de.verdict.status, de.verdict.over_stay_days) == (
        "unknown",
        "missing",
        92,
    )
    said = text(de)
    assert "add up to 92 days within 180 days" in said, said
    assert "tripkit counts this trip only" in said
    assert "Sun 10 Jan 2027 to Sat 20 Feb 2027" in said
    ja = text(
        next(
            v
            for v in svc.borders(_brussels_london_berlin("2027-04-15"), "ja")
            if v.border.country == "DE"
        )
    )
    assert "92日" in ja and "この旅行" in ja, ja


def test_exactly_90_schengen_days_in_180_are_fine() -> None:
    # 42 + 48 = 90 days: within the limit. Wrong would be a false alarm that sends the
    # traveller to an embassy for a visa nobody asks of them.
    views = svc.borders(_brussels_london_berlin("2027-04-13"), "en")
    de = next(v for v in views if v.border.country == "DE")
    assert (de.verdict.requirement, de.verdict.over_stay_days) == ("visa-free", None)
    assert "add up to" not in text(de)


# --- 3. a trip that does not say how it travels -------------------------------------------


def test_a_trip_without_flights_or_ground_legs_does_not_guess_land_or_sea() -> None:
    # Wrong (the old answer): "Entry to Germany (by land or sea)" for a trip that records no
    # travel at all - most likely a flight not entered yet. The traveller reads that
    # tripkit judged a land crossing (whose rules differ: an ESTA or an eTA is for flying)
    # and may skip what a flight needs.
    t = trip(
        [],
        venue_country="DE",
        venue_tz=BER,
        first_day=date(2027, 3, 1),
        last_day=date(2027, 3, 3),
        citizenships=["US"],
        home_country="US",
        home_tz="America/New_York",
    )
    (en,) = svc.borders(t, "en")
    assert en.title.split(" ·")[0] == "Entry to Germany (Schengen area)", en.title
    (ja,) = svc.borders(t, "ja")
    assert "陸路" not in ja.title and "への入国" in ja.title, ja.title
