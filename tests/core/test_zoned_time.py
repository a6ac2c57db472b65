"""Zoned time: parsing, formatting, DST gaps and overlaps, the date line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from tripkit.core.models import FlightSegment, Stay, Trip
from tripkit.core.timefmt import fmt_dt, fmt_time
from tripkit.core.zoned import at_midnight, format_zoned, localize, parse_zoned, utc

LA = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-10T17:05:00+09:00[Asia/Tokyo]", "2026-12-10T17:05:00+09:00[Asia/Tokyo]"),
        ("2026-12-10T17:05[Asia/Tokyo]", "2026-12-10T17:05:00+09:00[Asia/Tokyo]"),
        ("2026-12-10 17:05 Asia/Tokyo", "2026-12-10T17:05:00+09:00[Asia/Tokyo]"),
        ("2026-12-10 9:05 Asia/Tokyo", "2026-12-10T09:05:00+09:00[Asia/Tokyo]"),
        (
            "  2026-07-01 09:00 America/Los_Angeles ",
            "2026-07-01T09:00:00-07:00[America/Los_Angeles]",
        ),
        (
            "2026-12-01T09:00:00-08:00[America/Los_Angeles]",
            "2026-12-01T09:00:00-08:00[America/Los_Angeles]",
        ),
        ("2026-12-01T17:00Z[UTC]", "2026-12-01T17:00:00+00:00[UTC]"),
        (
            "2026-12-10T17:05:30.250+0900[Asia/Tokyo]",
            "2026-12-10T17:05:30.250000+09:00[Asia/Tokyo]",
        ),
    ],
)
def test_parse_and_format(text: str, expected: str) -> None:
    dt = parse_zoned(text)
    assert format_zoned(dt) == expected
    assert parse_zoned(format_zoned(dt)) == dt  # the RFC 9557 form round-trips
    assert format_zoned(parse_zoned(format_zoned(dt))) == expected


def test_round_trip_of_every_half_hour_across_both_dst_changes() -> None:
    start = datetime(2026, 3, 7, tzinfo=UTC)
    for step in range(24 * 2 * 10):  # 10 days in half hours around the spring change
        for delta in (timedelta(0), timedelta(days=238)):  # and around the autumn change
            instant = start + delta + timedelta(minutes=30 * step)
            local = instant.astimezone(LA)
            back = parse_zoned(format_zoned(local))
            # Compare in UTC: Python never calls a fold=1 time equal to one in another zone.
            assert utc(back) == instant
            assert back.utcoffset() == local.utcoffset()


def test_spring_forward_gap_is_refused() -> None:
    # 2027-03-14 02:00 PST clocks jump to 03:00 PDT in Los Angeles: 02:30 never happens.
    with pytest.raises(ValueError, match="does not exist in America/Los_Angeles"):
        parse_zoned("2027-03-14 02:30 America/Los_Angeles")
    with pytest.raises(ValueError, match="does not exist"):
        parse_zoned("2027-03-14T02:30:00-08:00[America/Los_Angeles]")
    # Either side of the gap is fine.
    assert parse_zoned("2027-03-14 01:59 America/Los_Angeles").utcoffset() == timedelta(hours=-8)
    assert parse_zoned("2027-03-14 03:00 America/Los_Angeles").utcoffset() == timedelta(hours=-7)


def test_fall_back_overlap_needs_an_offset() -> None:
    # 2026-11-01 02:00 PDT clocks go back to 01:00 PST: 01:30 happens twice.
    with pytest.raises(ValueError, match="happens twice"):
        parse_zoned("2026-11-01 01:30 America/Los_Angeles")
    first = parse_zoned("2026-11-01T01:30-07:00[America/Los_Angeles]")
    second = parse_zoned("2026-11-01T01:30-08:00[America/Los_Angeles]")
    assert utc(second) - utc(first) == timedelta(hours=1)
    assert second - first == timedelta(0)  # Python's same-zone arithmetic: why utc() exists
    assert first.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert format_zoned(second) == "2026-11-01T01:30:00-08:00[America/Los_Angeles]"
    assert parse_zoned(format_zoned(second)) == second


def test_offset_that_does_not_match_the_zone_is_refused() -> None:
    with pytest.raises(ValueError, match=r"is at UTC\+09:00, not UTC-08:00"):
        parse_zoned("2026-12-10T17:05:00-08:00[Asia/Tokyo]")


def test_fixed_offset_and_naive_datetimes_are_refused_with_a_message() -> None:
    fixed = datetime(2026, 12, 10, 17, 5, tzinfo=timezone(timedelta(hours=9)))
    with pytest.raises(ValueError, match=r"only a UTC offset; name the IANA zone"):
        parse_zoned(fixed)
    with pytest.raises(ValueError, match="has no IANA zone"):
        parse_zoned("2026-12-10T17:05:00+09:00")
    with pytest.raises(ValueError, match="has no time zone"):
        parse_zoned(datetime(2026, 12, 10, 17, 5))  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="not a known IANA time zone"):
        parse_zoned("2026-12-10 17:05 Asia/Tokio")
    with pytest.raises(ValueError, match="not a valid date and time"):
        parse_zoned("2026-02-30 10:00 Asia/Tokyo")
    # A fixed offset is accepted when the zone is named and agrees with it.
    assert parse_zoned(fixed, default_zone="Asia/Tokyo").tzinfo == TOKYO
    # Through a model, the message reaches the user too.
    with pytest.raises(ValidationError, match="only a UTC offset"):
        Stay(name="Hotel", check_in=fixed, check_out=fixed + timedelta(days=1))


def test_datetime_in_a_gap_made_by_arithmetic_is_normalised() -> None:
    """Wall-clock arithmetic can land in a DST gap; the stored form must still parse back."""
    before = datetime(2027, 3, 13, 2, 30, tzinfo=LA)
    in_gap = before + timedelta(days=1)  # 2027-03-14 02:30 by the wall clock: does not exist
    value = parse_zoned(in_gap)
    assert format_zoned(value) == "2027-03-14T03:30:00-07:00[America/Los_Angeles]"
    assert parse_zoned(format_zoned(value)) == value


def test_localize_and_midnight() -> None:
    wall = datetime(2026, 11, 1, 1, 30)  # noqa: DTZ001
    assert localize(wall, LA, offset=timedelta(hours=-8)).fold == 1
    with pytest.raises(ValueError):
        localize(datetime(2026, 1, 1, tzinfo=UTC), LA)
    # Midnight does not exist in Santiago on its spring-forward day (2026-09-06): 01:00 is first.
    first = at_midnight(date(2026, 9, 6), "America/Santiago")
    assert (first.hour, first.minute) == (1, 0)
    assert at_midnight(date(2026, 12, 10), "Asia/Tokyo") == datetime(2026, 12, 10, tzinfo=TOKYO)


def test_demo_flight_lands_before_it_departs_by_the_clock(demo_trip: Trip) -> None:
    nh8 = demo_trip.flights[0]
    assert nh8.flight == "NH8"
    # Conference starts Tue 2027-01-12 (first Tuesday 6 weeks after 2026-11-27); fly the day before.
    assert format_zoned(nh8.departs) == "2027-01-11T17:05:00+09:00[Asia/Tokyo]"
    assert format_zoned(nh8.arrives) == "2027-01-11T09:40:00-08:00[America/Los_Angeles]"
    assert nh8.arrives.replace(tzinfo=None) < nh8.departs.replace(tzinfo=None)  # by the clock
    assert nh8.duration == timedelta(hours=9, minutes=35)  # in fact
    assert fmt_time(nh8.departs) == "17:05 JST"
    assert fmt_time(nh8.arrives) == "09:40 PST"
    assert fmt_dt(nh8.arrives, "Asia/Tokyo") == "Tue 12 Jan 2027 02:40 JST"
    nh7 = demo_trip.flights[1]
    assert nh7.duration == timedelta(hours=11, minutes=5)


def test_flight_cannot_land_before_it_leaves_in_fact() -> None:
    with pytest.raises(ValidationError, match="lands before it takes off"):
        FlightSegment(
            flight="NH8",
            origin="NRT",
            destination="SFO",
            departs="2027-01-11 17:05 Asia/Tokyo",
            arrives="2027-01-11 00:00 America/Los_Angeles",  # 08:00 UTC, before 08:05 UTC
        )


def test_same_zone_durations_and_order_count_real_time_across_dst() -> None:
    # A domestic hop over the spring-forward night: 01:30 PST to 03:00 PDT is 30 minutes.
    hop = FlightSegment(
        flight="UA1",
        origin="SFO",
        destination="LAX",
        departs="2027-03-14 01:30 America/Los_Angeles",
        arrives="2027-03-14 03:00 America/Los_Angeles",
    )
    assert hop.duration == timedelta(minutes=30)
    # Over the fall-back night, leaving at 01:40 PDT and arriving at 01:10 PST is later in fact.
    back = FlightSegment(
        flight="UA2",
        origin="SFO",
        destination="LAX",
        departs="2026-11-01T01:40-07:00[America/Los_Angeles]",
        arrives="2026-11-01T01:10-08:00[America/Los_Angeles]",
    )
    assert back.duration == timedelta(minutes=30)
    stay = Stay(
        name="Hotel",
        check_in="2026-11-01T01:40-07:00[America/Los_Angeles]",
        check_out="2026-11-01T01:10-08:00[America/Los_Angeles]",
    )
    assert utc(stay.check_out) - utc(stay.check_in) == timedelta(minutes=30)


# --- local mean time: offsets with seconds (issue 14, bug 1) ---------------------------------


@pytest.mark.parametrize(
    ("wall", "zone", "offset"),
    [
        ("1026-05-01T09:00", "America/Los_Angeles", "-07:52:58"),
        ("0001-01-01T00:00", "America/Los_Angeles", "-07:52:58"),
        ("1027-03-03T10:00", "Europe/Amsterdam", "+00:19:32"),
        ("1800-01-01T12:00", "Asia/Kolkata", "+05:53:28"),
    ],
)
def test_offsets_with_seconds_read_back(wall: str, zone: str, offset: str) -> None:
    dt = localize(datetime.fromisoformat(wall), ZoneInfo(zone))
    text = format_zoned(dt)
    assert offset in text  # Python writes the offset in full, seconds included
    back = parse_zoned(text)
    assert back == dt and back.utcoffset() == dt.utcoffset()
    assert format_zoned(back) == text


def test_offset_with_seconds_must_match_the_zone() -> None:
    with pytest.raises(ValueError, match="not UTC-07:52:59"):
        parse_zoned("1026-05-01T09:00:00-07:52:59[America/Los_Angeles]")


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00[Asia/Tokyo]", "9999-12-31T23:59[America/Los_Angeles]"]
)
def test_times_outside_utc_years_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match="outside the years 1 to 9999"):
        parse_zoned(text)
    with pytest.raises(ValidationError, match="outside the years 1 to 9999"):
        Stay(name="Hotel", check_in=text, check_out="9999-12-31T23:59[Asia/Tokyo]")
