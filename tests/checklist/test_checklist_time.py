"""Anchors, where the traveller is, and due times across DST and the date line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from checklist_builders import COUNTRIES, SF, TOKYO, make_trip, seg
from hypothesis import given
from hypothesis import strategies as st

from tripkit.catalog.rules import Due, Rule
from tripkit.catalog.schema import LocalText
from tripkit.core.anchors import compute_anchors, position, where_is
from tripkit.core.checklist import evaluate
from tripkit.core.models import ChecklistItem, Trip
from tripkit.core.zoned import parse_zoned, zone_of

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def rule(
    rule_id: str,
    anchor: str,
    *,
    before: str | None = None,
    after: str | None = None,
    phase: str = "prepare",
) -> Rule:
    return Rule(
        id=rule_id,
        phase=phase,
        kind="reminder",  # type: ignore[arg-type]
        title=LocalText(en=rule_id),
        due=Due(anchor=anchor, before=before, after=after),
    )


def due_of(trip: Trip, r: Rule, now: datetime = NOW) -> ChecklistItem:
    return evaluate(trip, [r], countries=COUNTRIES, states={}, now=now)[0]


# --- the date line: NH8 NRT 17:05 JST -> SFO 09:40 PST, the same calendar day ----------------


def test_date_line_anchors_compare_instants_not_clocks() -> None:
    trip = make_trip()
    a = compute_anchors(trip)
    dep, arr = a.get("departure"), a.get("arrival")
    assert dep == parse_zoned("2027-01-11T17:05[Asia/Tokyo]")
    assert arr == parse_zoned("2027-01-11T09:40[America/Los_Angeles]")
    assert dep is not None and arr is not None
    assert arr.hour < dep.hour  # earlier by the clock...
    assert arr - dep == timedelta(hours=9, minutes=35)  # ...but 9 h 35 min later in time
    assert a.get("port_of_entry") == arr
    assert a.get("return_departure") == parse_zoned("2027-01-15T11:25[America/Los_Angeles]")
    assert a.get("home_arrival") == parse_zoned("2027-01-16T15:30[Asia/Tokyo]")
    assert a.get("conference_start") == parse_zoned("2027-01-12T00:00[America/Los_Angeles]")
    assert a.get("conference_end") == parse_zoned("2027-01-15T00:00[America/Los_Angeles]")
    assert a.get("booking") == parse_zoned("2026-11-20T00:00[Asia/Tokyo]")
    assert a.notes == {
        "badge_pickup": "no badge pickup time given: using the conference's first day"
    }


def test_where_is_follows_the_traveller() -> None:
    trip = make_trip()
    at = parse_zoned
    assert where_is(trip, at("2027-01-11T12:00[Asia/Tokyo]")) == TOKYO
    assert where_is(trip, at("2027-01-11T17:05[Asia/Tokyo]")) == TOKYO  # at the gate
    mid = position(trip, at("2027-01-11T22:00[Asia/Tokyo]"))
    assert (mid.tz, mid.in_flight) == (SF, "NH8")  # in the air: the destination's clock
    assert where_is(trip, at("2027-01-13T12:00[America/Los_Angeles]")) == SF
    # NH7 leaves SFO at 11:25 PST = 04:25 JST on the 16th: at midnight JST, still in SF.
    assert where_is(trip, at("2027-01-16T00:00[Asia/Tokyo]")) == SF
    assert where_is(trip, at("2027-01-16T10:00[Asia/Tokyo]")) == TOKYO  # NH7 in the air
    assert position(trip, at("2027-01-16T10:00[Asia/Tokyo]")).in_flight == "NH7"
    assert where_is(trip, at("2027-01-20T09:00[Asia/Tokyo]")) == TOKYO


def test_due_times_are_shown_where_the_traveller_will_be() -> None:
    trip = make_trip()
    before = due_of(trip, rule("wifi", "departure", before="3h"))
    assert before.due is not None and zone_of(before.due).key == TOKYO
    assert before.due.isoformat() == "2027-01-11T14:05:00+09:00"
    landing = due_of(trip, rule("immigration", "port_of_entry", phase="arrive"))
    assert landing.due is not None and zone_of(landing.due).key == SF
    assert landing.due.isoformat() == "2027-01-11T09:40:00-08:00"
    # Three hours after take-off NH8 is over the Pacific: shown on the SF clock.
    flying = due_of(trip, rule("sleep", "departure", after="3h", phase="in-flight"))
    assert flying.due is not None and flying.due.isoformat() == "2027-01-11T03:05:00-08:00"
    home = due_of(trip, rule("report", "home_arrival", after="7d", phase="after"))
    assert home.due is not None and home.due.isoformat() == "2027-01-23T15:30:00+09:00"


def test_items_sort_by_instant_across_the_date_line() -> None:
    trip = make_trip()
    rules = [rule("b-landing", "port_of_entry"), rule("a-takeoff", "departure")]
    items = evaluate(trip, rules, countries=COUNTRIES, states={}, now=NOW)
    # 09:40 PST sorts after 17:05 JST the same day: it is 9 h 35 min later.
    assert [i.id for i in items] == ["a-takeoff", "b-landing"]


def test_overdue_is_decided_by_instant() -> None:
    trip = make_trip()
    r = rule("landing", "port_of_entry", phase="arrive")
    # 10:00 JST on 12 Jan is 17:00 PST on 11 Jan: the 09:40 PST landing has passed.
    assert due_of(trip, r, parse_zoned("2027-01-12T10:00[Asia/Tokyo]")).status == "overdue"
    # 01:00 JST on 12 Jan is 08:00 PST on 11 Jan: not yet.
    assert due_of(trip, r, parse_zoned("2027-01-12T01:00[Asia/Tokyo]")).status == "todo"


# --- DST: a traveller living in San Francisco, flying to Tokyo -----------------------------


def sf_resident(departs: str, arrives: str) -> Trip:
    return make_trip(
        citizenships=["US"],
        home_country="US",
        home_tz=SF,
        venue_country="JP",
        venue_tz=TOKYO,
        city="Tokyo",
        city_id="tokyo",
        authorisations=[],
        first_day=date.fromisoformat(arrives[:10]) + timedelta(days=1),
        last_day=date.fromisoformat(arrives[:10]) + timedelta(days=3),
        flights=[seg("NH7", "SFO", "NRT", departs, arrives)],
        stays=[],
    )


def test_spring_forward_hours_are_elapsed_time_days_keep_the_clock() -> None:
    # US clocks spring forward at 02:00 on Sunday 14 March 2027. Departure Monday 15 March.
    trip = sf_resident("2027-03-15T10:00[America/Los_Angeles]", "2027-03-16T14:00[Asia/Tokyo]")
    h72 = due_of(trip, rule("esta", "departure", before="72h")).due
    assert h72 is not None
    # 72 h before 10:00 PDT is 09:00 PST: one clock hour vanished in between.
    assert h72.isoformat() == "2027-03-12T09:00:00-08:00"
    assert zone_of(h72).key == SF
    # (Subtract in UTC: Python subtracts same-zone datetimes by the wall clock.)
    departure = parse_zoned("2027-03-15T10:00[America/Los_Angeles]")
    assert departure.astimezone(UTC) - h72.astimezone(UTC) == timedelta(hours=72)
    d7 = due_of(trip, rule("advice", "departure", before="7d")).due
    assert d7 is not None
    # Seven days before is the same 10:00 on the wall, now in PST.
    assert d7.isoformat() == "2027-03-08T10:00:00-08:00"


def test_fall_back() -> None:
    # US clocks fall back at 02:00 on Sunday 7 November 2027. Departure Monday 8 November.
    trip = sf_resident("2027-11-08T10:00[America/Los_Angeles]", "2027-11-09T15:00[Asia/Tokyo]")
    h72 = due_of(trip, rule("esta", "departure", before="72h")).due
    assert h72 is not None and h72.isoformat() == "2027-11-05T11:00:00-07:00"
    d1 = due_of(trip, rule("print", "departure", before="1d")).due
    assert d1 is not None and d1.isoformat() == "2027-11-07T10:00:00-08:00"


def test_a_day_offset_into_a_dst_gap_moves_forward() -> None:
    # Departure 02:30 PDT... does not exist on 14 March; depart 15 March 02:30 PDT instead,
    # one day before lands in the gap (02:30 on 14 March) and is moved to 03:30 PDT.
    trip = sf_resident("2027-03-15T02:30[America/Los_Angeles]", "2027-03-16T08:00[Asia/Tokyo]")
    d1 = due_of(trip, rule("x", "departure", before="1d")).due
    assert d1 is not None and d1.isoformat() == "2027-03-14T03:30:00-07:00"


# --- without flights, and connections ------------------------------------------------------


def test_trip_without_flights_falls_back_to_conference_days() -> None:
    trip = make_trip(flights=[], authorisations=[])
    a = compute_anchors(trip)
    assert a.get("departure") == parse_zoned("2027-01-12T00:00[America/Los_Angeles]")
    assert a.get("return_departure") == parse_zoned("2027-01-15T00:00[America/Los_Angeles]")
    item = due_of(trip, rule("esta", "departure", before="72h"))
    assert (
        "Due 72 h before departure (the trip has no flights: using the conference's first "
        "day)." in item.reason
    )
    # The departure is a day (the conference's first), so 72 h before it is a day too, 9 Jan,
    # not "17:00 JST" (the venue's midnight read at home, an hour no one chose). Before the
    # conference the traveller is at home: the day ends, and the item turns overdue, at the
    # home midnight (tripkit.core.dueday).
    assert item.due_day == date(2027, 1, 9)
    assert item.due is not None and item.due.isoformat() == "2027-01-10T00:00:00+09:00"


def test_connection_port_of_entry_and_arrival() -> None:
    trip = make_trip(
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
                "UA2",
                "SFO",
                "ORD",
                "2027-01-15T08:00[America/Los_Angeles]",
                "2027-01-15T14:00[America/Chicago]",
            ),
            seg(
                "NH11",
                "ORD",
                "HND",
                "2027-01-15T17:00[America/Chicago]",
                "2027-01-16T21:00[Asia/Tokyo]",
            ),
        ]
    )
    a = compute_anchors(trip)
    assert a.port_of_entry_airport == "LAX"
    assert a.get("port_of_entry") == parse_zoned("2027-01-11T10:00[America/Los_Angeles]")
    assert a.get("arrival") == parse_zoned("2027-01-11T14:30[America/Los_Angeles]")
    assert [c.airport for c in a.connections] == ["LAX", "ORD"]
    assert a.entry_connection is not None and a.entry_connection.airport == "LAX"
    # Leaving the US is NH11 from Chicago, not the domestic UA2.
    assert a.get("return_departure") == parse_zoned("2027-01-15T17:00[America/Chicago]")
    # Between UA2 and NH11 the traveller is in Chicago; in LAX between NH6 and UA1: LA zone.
    assert where_is(trip, parse_zoned("2027-01-15T15:00[America/Chicago]")) == "America/Chicago"


def test_airport_countries_come_from_the_catalog() -> None:
    # The segments name no countries: NRT and SFO are looked up in data/airports.yaml.
    trip = make_trip()
    assert trip.flights[0].destination_country is None
    assert compute_anchors(trip).port_of_entry_airport == "SFO"
    assert "arrival" not in compute_anchors(trip).notes


def test_unknown_airports_fall_back_and_say_so() -> None:
    # XYZ is in no catalog and the segments name no countries.
    trip = make_trip(
        flights=[
            seg(
                "ZZ1",
                "NRT",
                "XYZ",
                "2027-01-11T10:00[Asia/Tokyo]",
                "2027-01-11T08:00[America/Los_Angeles]",
            ),
            seg(
                "ZZ2",
                "XYZ",
                "NRT",
                "2027-01-15T10:00[America/Los_Angeles]",
                "2027-01-16T15:00[Asia/Tokyo]",
            ),
        ]
    )
    a = compute_anchors(trip)
    assert a.get("arrival") == parse_zoned("2027-01-11T08:00[America/Los_Angeles]")
    assert a.notes["arrival"] == (
        "no flight is known to land in the destination country: "
        "using the last landing before the conference ends"
    )
    assert a.get("return_departure") == parse_zoned("2027-01-15T10:00[America/Los_Angeles]")


def test_one_way_trip_has_no_flight_home() -> None:
    trip = make_trip(flights=[make_trip().flights[0]])
    a = compute_anchors(trip)
    assert a.get("home_arrival") == a.get("conference_end")
    assert a.notes["home_arrival"] == "no flight home: using the end of the conference"
    assert where_is(trip, parse_zoned("2027-01-20T12:00[America/Los_Angeles]")) == SF


ZONES = [
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Sydney",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Auckland",
]


@given(
    zone=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)),  # noqa: DTZ001
    hours=st.integers(min_value=-2000, max_value=2000),
    days=st.integers(min_value=-60, max_value=60),
)
def test_shift_properties(zone: str, start: datetime, hours: int, days: int) -> None:
    from tripkit.core.anchors import shift
    from tripkit.core.zoned import get_zone

    tz = get_zone(zone)
    at = start.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)  # a real instant in `zone`
    moved = shift(at, timedelta(hours=hours))
    assert moved.astimezone(UTC) - at.astimezone(UTC) == timedelta(hours=hours)
    assert zone_of(moved).key == zone
    by_days = shift(at, timedelta(days=days), calendar=True)
    assert by_days.date() == at.date() + timedelta(days=days) or (
        # only a wall time inside a DST gap moves, and then by the size of the gap (<= 1 h)
        by_days.replace(tzinfo=None) - (at.replace(tzinfo=None) + timedelta(days=days))
        <= timedelta(hours=1)
    )
    if by_days.time() != at.time():
        gap = by_days.replace(tzinfo=None) - (at.replace(tzinfo=None) + timedelta(days=days))
        assert timedelta(0) < gap <= timedelta(hours=1)
