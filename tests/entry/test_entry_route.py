"""The route model: which borders a trip crosses, where, when, and of which kind.

Each test says what a wrong answer would cost the traveller.
"""

from __future__ import annotations

from datetime import date

from entry_builders import (
    BER,
    BRU,
    DUBZ,
    FACTS,
    LA,
    LON,
    TOR,
    TYO,
    VAN,
    london_then_brussels,
    seg,
    tokyo_sf,
    trip,
    via_frankfurt,
    via_sfo_to_toronto,
)

from tripkit.core.route import borders


def _summary(t):  # (kind, country, airport, local ISO instant)
    return [(b.kind, b.country, b.airport, b.at.isoformat()) for b in borders(t, FACTS)]


def test_direct_flight_enters_at_landing_and_returns_home() -> None:
    # Wrong: immigration placed elsewhere means forms and ESTA deadlines hang on the wrong day.
    t = trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
    )
    assert _summary(t) == [
        ("entry", "US", "SFO", "2027-03-08T09:40:00-08:00"),
        ("return", "JP", "NRT", "2027-03-13T15:30:00+09:00"),
    ]
    entry = borders(t, FACTS)[0]
    assert entry.destination and entry.until is not None
    assert entry.until.isoformat() == "2027-03-12T11:25:00-08:00"  # US DST starts 14 March


def test_schengen_is_entered_at_frankfurt_not_brussels() -> None:
    # Wrong (the old answer): "immigration at Brussels" - the traveller meets the Schengen
    # border and EES enrolment three hours earlier, at Frankfurt, with a tight connection.
    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    got = borders(t, FACTS)
    assert _summary(t) == [
        ("entry", "DE", "FRA", "2027-01-29T17:00:00+01:00"),
        ("return", "JP", "HND", "2027-02-03T09:00:00+09:00"),
    ]
    fra = got[0]
    assert fra.area == "schengen" and fra.destination
    assert fra.countries == ("DE", "BE")  # the internal flight to Brussels is no border
    assert fra.until is not None and fra.until.isoformat() == "2027-02-02T13:00:00+01:00"
    assert not fra.recheck_bags  # Schengen: bags clear customs at Brussels


def test_a_us_connection_to_toronto_is_a_us_border_with_bags() -> None:
    # Wrong: no ESTA for the SFO connection means being refused boarding in Tokyo; no bag
    # note means missing the re-check and the Toronto flight.
    t = trip(
        via_sfo_to_toronto(),
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 1, 12),
        last_day=date(2027, 1, 14),
    )
    got = borders(t, FACTS)
    assert _summary(t) == [
        ("transit", "US", "SFO", "2027-01-11T09:40:00-08:00"),
        ("entry", "CA", "YYZ", "2027-01-11T20:15:00-05:00"),
        ("return", "JP", "NRT", "2027-01-16T16:30:00+09:00"),
    ]
    sfo = got[0]
    assert sfo.airside == "not-allowed" and sfo.recheck_bags
    assert sfo.onward is not None and sfo.onward.flight == "AC738"
    assert got[1].destination


def test_a_domestic_connection_after_the_port_of_entry_rechecks_bags() -> None:
    # Wrong: the traveller waits at the Austin carousel for bags that stayed in San Francisco.
    flights = [
        seg("NH8", "NRT", "SFO", f"2027-03-08T17:05[{TYO}]", f"2027-03-08T09:40[{LA}]"),
        seg("UA1", "SFO", "AUS", f"2027-03-08T12:00[{LA}]", "2027-03-08T17:30[America/Chicago]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz="America/Chicago",
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
    )
    (sfo,) = borders(t, FACTS)
    assert (sfo.kind, sfo.airport, sfo.recheck_bags) == ("entry", "SFO", True)
    assert sfo.countries == ("US",)


def test_preclearance_at_vancouver_puts_the_us_border_in_canada() -> None:
    # Wrong: the US border missed entirely (the old answer) - no ESTA check for the day the
    # traveller actually meets US officers, in Vancouver, before boarding.
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
    )
    got = borders(t, FACTS)
    assert _summary(t) == [
        ("entry", "CA", "YVR", "2027-03-01T09:30:00-08:00"),
        ("preclearance", "US", "YVR", "2027-03-05T10:00:00-08:00"),
        ("return", "JP", "NRT", "2027-03-13T15:30:00+09:00"),
    ]
    assert got[0].until is not None and got[0].until.isoformat() == "2027-03-05T10:00:00-08:00"
    assert got[1].destination and got[1].countries == ("US",)


def test_preclearance_at_dublin_after_a_connection_there() -> None:
    # Wrong: US immigration expected on landing at SFO, where there is none; the traveller
    # would not allow the time at Dublin, before boarding.
    flights = [
        seg("EI651", "FRA", "DUB", f"2027-03-08T07:00[{BER}]", f"2027-03-08T08:10[{DUBZ}]"),
        seg("EI147", "DUB", "SFO", f"2027-03-08T11:00[{DUBZ}]", f"2027-03-08T14:00[{LA}]"),
        seg("LH455", "SFO", "FRA", f"2027-03-12T15:00[{LA}]", f"2027-03-13T11:00[{BER}]"),
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
    assert _summary(t) == [
        ("transit", "IE", "DUB", "2027-03-08T08:10:00+00:00"),
        ("preclearance", "US", "DUB", "2027-03-08T11:00:00+00:00"),
        ("return", "DE", "FRA", "2027-03-13T11:00:00+01:00"),
    ]


def test_two_countries_each_with_its_own_dates() -> None:
    # Wrong: the Brussels stay judged with London's dates (or not at all) - an ETA or
    # 90/180 check on the wrong days.
    t = london_then_brussels()
    got = borders(t, FACTS)
    assert _summary(t) == [
        ("entry", "GB", "LHR", "2027-01-20T16:00:00+00:00"),
        ("entry", "BE", "BRU", "2027-01-27T11:10:00+01:00"),
        ("return", "JP", "HND", "2027-02-03T09:00:00+09:00"),
    ]
    assert (got[0].day, got[0].leave_day) == (date(2027, 1, 20), date(2027, 1, 27))
    assert (got[1].day, got[1].leave_day) == (date(2027, 1, 27), date(2027, 2, 2))
    assert not got[0].destination and got[1].destination


def test_an_airside_connection_in_london_is_a_transit() -> None:
    # Wrong: a UK entry would tell the traveller to apply for an ETA they do not need.
    flights = [
        seg("JL43", "HND", "LHR", f"2027-03-08T11:00[{TYO}]", f"2027-03-08T15:00[{LON}]"),
        seg("BA285", "LHR", "SFO", f"2027-03-08T17:00[{LON}]", f"2027-03-08T20:00[{LA}]"),
    ]
    t = trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
    )
    lhr, sfo = borders(t, FACTS)
    assert (lhr.kind, lhr.airport, lhr.airside) == ("transit", "LHR", "allowed")
    assert (sfo.kind, sfo.airport) == ("entry", "SFO")


def test_a_trip_without_flights_has_one_entry_at_the_conference_start() -> None:
    t = trip(
        [],
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    (only,) = borders(t, FACTS)
    assert (only.kind, only.country, only.airport) == ("entry", "BE", None)
    assert only.at.isoformat() == "2027-01-30T00:00:00+01:00"
    # A conference at home crosses no border at all.
    home = trip(
        [],
        venue_country="JP",
        venue_tz=TYO,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    assert borders(home, FACTS) == []


def test_a_stay_reached_by_train_is_a_land_border() -> None:
    # Wrong: the London stay after FOSDEM invisible (no flight lands there) - no UK ETA.
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
    brussels = Stay.model_validate(
        {
            "name": "Hotel in Brussels",
            "country": "BE",
            "check_in": f"2027-01-29T19:00[{BRU}]",
            "check_out": f"2027-02-01T10:00[{BRU}]",
        }
    )
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        stays=[brussels, london],
    )
    got = borders(t, FACTS)
    assert _summary(t) == [
        ("entry", "BE", "BRU", "2027-01-29T17:40:00+01:00"),
        ("entry", "GB", None, "2027-02-01T15:00:00+00:00"),
        ("return", "JP", "HND", "2027-02-05T16:00:00+09:00"),
    ]
    # The Schengen stay ends when the London stay begins; the UK one with the flight home.
    assert got[0].until is not None and got[0].until.isoformat() == "2027-02-01T15:00:00+00:00"
    assert got[1].until is not None and got[1].until.isoformat() == "2027-02-04T19:00:00+00:00"
