"""The calendar export: golden file, zones (date line, DST), all-day stays, UIDs and SEQUENCE,
folding and escaping, checked by reading the file back with icalendar."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from export_golden import check_golden
from export_sample import NOW, SF, at, items, sessions
from icalendar import Calendar

from tripkit.core.models import Schedule, Session, Stay, Trip
from tripkit.exporters.ics import Profile, calendar_entries, make_uid, render_ics
from tripkit.services.export import ics_document
from tripkit.store import Store


def export(trip: Trip, **kw: object) -> bytes:
    entries = calendar_entries(
        trip,
        sessions=kw.pop("sessions", sessions()),  # type: ignore[arg-type]
        items=kw.pop("items", items()),
        **kw,
    )  # type: ignore[arg-type]
    return render_ics(entries, stamp=NOW, name=trip.name)


def components(data: bytes, name: str) -> list:  # type: ignore[type-arg]
    return [c for c in Calendar.from_ical(data).walk() if c.name == name]


def by_summary(data: bytes, summary: str):  # type: ignore[no-untyped-def]
    found = [c for c in components(data, "VEVENT") if str(c["SUMMARY"]) == summary]
    assert len(found) == 1, f"{summary!r}: {len(found)} events"
    return found[0]


def test_golden_ics_is_byte_identical(demo_trip: Trip) -> None:
    first = export(demo_trip)
    assert export(demo_trip) == first  # no clock, no set ordering in the output
    check_golden("example.ics", first)


def test_flight_crossing_the_date_line_keeps_each_end_in_its_own_zone(demo_trip: Trip) -> None:
    data = export(demo_trip)
    text = data.decode()
    # NH8 lands at an earlier clock time on the same date than it left: only the zones say why.
    assert "DTSTART;TZID=Asia/Tokyo:20270111T170500\r\n" in text
    assert "DTEND;TZID=America/Los_Angeles:20270111T094000\r\n" in text
    nh8 = by_summary(data, "Flight NH8 NRT → SFO")
    start, end = nh8["DTSTART"].dt, nh8["DTEND"].dt
    assert start.astimezone(UTC) == datetime(2027, 1, 11, 8, 5, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2027, 1, 11, 17, 40, tzinfo=UTC)
    assert end - start == timedelta(hours=9, minutes=35)
    nh7 = by_summary(data, "Flight NH7 SFO → NRT")
    assert nh7["DTEND"].dt - nh7["DTSTART"].dt == timedelta(hours=11, minutes=5)
    # A VTIMEZONE for each TZID, and no other.
    tzids = sorted(str(tz["TZID"]) for tz in components(data, "VTIMEZONE"))
    assert tzids == ["America/Los_Angeles", "Asia/Tokyo"]
    assert sorted(set(re.findall(r"TZID=([^:;]+)", text))) == tzids


def test_sessions_across_the_dst_switch_get_both_offsets(demo_trip: Trip) -> None:
    # US clocks go forward on Sun 14 Mar 2027 at 02:00 PST -> 03:00 PDT.
    before = Session(
        key="b",
        title="Before",
        start=at(f"2027-03-14T01:00[{SF}]"),
        end=at(f"2027-03-14T01:45[{SF}]"),
    )
    across = Session(
        key="x",
        title="Across",
        start=at(f"2027-03-14T01:30[{SF}]"),
        end=at(f"2027-03-14T03:30[{SF}]"),
    )
    data = export(demo_trip, sessions=[before, across], items=[])
    event = by_summary(data, "Across")
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2027, 3, 14, 9, 30, tzinfo=UTC)
    assert event["DTEND"].dt.astimezone(UTC) == datetime(2027, 3, 14, 10, 30, tzinfo=UTC)
    # One real hour (Python's same-zone subtraction would say two: it subtracts wall times).
    assert event["DTEND"].dt.astimezone(UTC) - event["DTSTART"].dt.astimezone(UTC) == timedelta(
        hours=1
    )
    # The VTIMEZONE holds the 2027 spring-forward rule (generated from tzdata, not by hand).
    la = next(tz for tz in components(data, "VTIMEZONE") if tz["TZID"] == "America/Los_Angeles")
    assert "20270314T030000" in la.to_ical().decode()


def test_stays_are_all_day_from_check_in_to_check_out_inclusive(demo_trip: Trip) -> None:
    data = export(demo_trip)
    stay = by_summary(data, "Stay: Example hotel near Yerba Buena Gardens")
    assert stay["DTSTART"].dt == date(2027, 1, 11)  # check-in Mon 11 Jan 15:00 PST
    assert stay["DTEND"].dt == date(2027, 1, 16)  # check-out Fri 15 Jan, DTEND is exclusive
    assert str(stay["TRANSP"]) == "TRANSPARENT"
    assert "DTSTART;VALUE=DATE:20270111\r\n" in data.decode()
    assert "Check-out Fri 15 Jan 2027 09:00 PST" in str(stay["DESCRIPTION"])


def test_all_day_stay_uses_the_stays_own_zone(demo_trip: Trip) -> None:
    # Check-in 23:30 in Auckland is still the 11th there, though already the 11th at 10:30 UTC.
    stay = Stay(
        name="Late",
        check_in=at("2027-01-11T23:30[Pacific/Auckland]"),
        check_out=at("2027-01-13T10:00[Pacific/Auckland]"),
    )
    trip = demo_trip.model_copy(update={"stays": [stay]})
    event = by_summary(export(trip, items=[], sessions=[]), "Stay: Late")
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2027, 1, 11), date(2027, 1, 14))


def test_each_open_deadline_is_one_all_day_event_with_one_alarm(demo_trip: Trip) -> None:
    data = export(demo_trip, alarm_minutes=30)
    assert components(data, "VTODO") == []  # tasks only with todos=True
    deadlines = {
        str(e["SUMMARY"]): e
        for e in components(data, "VEVENT")
        if str(e["SUMMARY"]).startswith("Due: ")
    }
    # Done, skipped, not_applicable and undated items are not part of the plan.
    assert set(deadlines) == {
        "Due: Check passport validity",
        "Due: Online check-in for NH8",
        "Due: Pick up your badge",
        "Due: File the expense report",
    }
    assert not any(str(e["SUMMARY"]).startswith("Done") for e in components(data, "VEVENT"))
    for event in deadlines.values():
        assert len(event.subcomponents) == 1  # one reminder per deadline
    badge = deadlines["Due: Pick up your badge"]
    assert badge["DTSTART"].dt == date(2027, 1, 11)  # the due date where the traveller is (SF)
    # 09:00 PST on the due day would be in the air (NH8 lands 09:40 PST): at the landing.
    assert badge.subcomponents[0]["TRIGGER"].dt == datetime(2027, 1, 11, 17, 40, tzinfo=UTC)
    # Due 17:05 JST: reminded at 09:00 JST that day, a time to act on it.
    checkin = deadlines["Due: Online check-in for NH8"]
    assert checkin.subcomponents[0]["TRIGGER"].dt == datetime(2027, 1, 10, 0, 0, tzinfo=UTC)
    assert "Due Sun 10 Jan 2027 17:05 JST" in str(checkin["DESCRIPTION"])


def test_deadline_reminder_hours() -> None:
    from tripkit.exporters.ics import deadline_reminder

    lead = timedelta(minutes=15)
    # Due 08:30: 15 min before is 08:15 (sooner than 09:00).
    assert deadline_reminder(at("2027-01-12T08:30[Asia/Tokyo]"), lead, []) == at(
        "2027-01-12T08:15[Asia/Tokyo]"
    )
    # Due 07:00: 06:45 is no time to wake someone: 20:00 the evening before.
    assert deadline_reminder(at("2027-01-12T07:00[Asia/Tokyo]"), lead, []) == at(
        "2027-01-11T20:00[Asia/Tokyo]"
    )
    # In the air and due before landing: two hours before take-off.
    air = [
        (
            at("2027-01-11T19:00[Asia/Tokyo]").astimezone(UTC),
            at("2027-01-12T10:00[Asia/Tokyo]").astimezone(UTC),
        )
    ]
    assert deadline_reminder(at("2027-01-12T09:30[Asia/Tokyo]"), lead, air) == at(
        "2027-01-11T17:00[Asia/Tokyo]"
    )


def test_todos_option_exports_tasks_instead_of_deadline_events(demo_trip: Trip) -> None:
    data = export(demo_trip, alarm_minutes=30, todos=True)
    todos = {str(t["SUMMARY"]): t for t in components(data, "VTODO")}
    assert set(todos) == {
        "Apply for ESTA",
        "Check passport validity",
        "Online check-in for NH8",
        "Pick up your badge",
        "File the expense report",
    }
    assert not [e for e in components(data, "VEVENT") if str(e["SUMMARY"]).startswith("Due")]
    esta = todos["Apply for ESTA"]
    assert esta["DUE"].dt == at("2027-01-08T23:59[Asia/Tokyo]")
    assert str(esta["STATUS"]) == "COMPLETED" and not esta.subcomponents
    badge = todos["Pick up your badge"]
    assert str(badge["STATUS"]) == "NEEDS-ACTION"
    assert badge.subcomponents[0]["TRIGGER"].dt == datetime(2027, 1, 11, 17, 40, tzinfo=UTC)


def test_sessions_carry_room_venue_url_and_status(demo_trip: Trip) -> None:
    data = export(demo_trip, alarm_minutes=None)
    elsewhere = export(demo_trip, alarm_minutes=None, venue=False)  # not this conference
    assert str(by_summary(elsewhere, "Opening keynote")["LOCATION"]) == "Hall A"
    keynote = by_summary(data, "Opening keynote")
    assert str(keynote["LOCATION"]) == (
        "Hall A, Moscone Center, 747 Howard St, San Francisco, CA 94103"
    )
    assert str(keynote["URL"]) == "https://example.org/kn-1"
    assert "Speakers: Zoë Ångström, 山田 太郎" in str(keynote["DESCRIPTION"])
    assert keynote["UID"] == make_uid("session", demo_trip.id, "kn-1", Profile(alarm_minutes=None))
    assert not keynote.subcomponents  # --no-alarm
    assert str(by_summary(data, "Cancelled talk")["STATUS"]) == "CANCELLED"
    workshop = by_summary(data, "Hands-on: multi-stage builds; caching, secrets")
    assert "Registration required." in str(workshop["DESCRIPTION"])


def test_lines_are_crlf_folded_at_75_octets_without_splitting_utf8(demo_trip: Trip) -> None:
    long_title = "日本語のとても長いセッションタイトル、" * 6 + "; with, commas\\and backslash"
    s = Session(
        key="long",
        title=long_title,
        start=at(f"2027-01-13T09:00[{SF}]"),
        end=at(f"2027-01-13T10:00[{SF}]"),
        abstract="line one\nline two\x1b[31m red",
    )
    data = export(demo_trip, sessions=[s], items=[])
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a multi-byte character
    event = by_summary(data, long_title)
    assert str(event["DESCRIPTION"]) == "line one\nline two[31m red"  # ESC removed, text kept


def test_hostile_text_cannot_add_properties_or_components(demo_trip: Trip) -> None:
    evil = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:injected"
    s = Session(
        key="evil",
        title=evil,
        start=at(f"2027-01-13T09:00[{SF}]"),
        end=at(f"2027-01-13T10:00[{SF}]"),
        room=evil,
        url="javascript:alert(1)",
    )
    data = export(demo_trip, sessions=[s], items=[], include=["agenda"])
    events = components(data, "VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "x END:VEVENT BEGIN:VEVENT UID:evil SUMMARY:injected"
    assert "URL" not in events[0]  # only plain http(s) links are exported


def test_session_without_a_real_end_has_no_dtend(demo_trip: Trip) -> None:
    s = Session(
        key="z",
        title="Zero",
        start=at(f"2027-01-13T09:00[{SF}]"),
        end=at(f"2027-01-13T08:00[{SF}]"),
    )
    event = by_summary(export(demo_trip, sessions=[s], items=[]), "Zero")
    assert "DTEND" not in event
    assert event["DTSTART"].dt == at(f"2027-01-13T09:00[{SF}]")


def test_include_selects_kinds(demo_trip: Trip) -> None:
    data = export(demo_trip, include=["flights"])
    assert [str(e["SUMMARY"]) for e in components(data, "VEVENT")] == [
        "Flight NH8 NRT → SFO",
        "Flight NH7 SFO → NRT",
    ]
    assert components(data, "VTODO") == []


def test_japanese_export(demo_trip: Trip) -> None:
    data = export(demo_trip, lang="ja")
    assert by_summary(data, "NH8便 NRT → SFO")
    assert by_summary(data, "期限: Pick up your badge")


# --- re-export through the store: stable UIDs, rising SEQUENCE, deterministic DTSTAMP -----


def _seqs(data: bytes) -> dict[str, tuple[int, datetime]]:
    out = {}
    for c in Calendar.from_ical(data).walk():
        if c.name in ("VEVENT", "VTODO"):
            out[str(c["UID"])] = (int(c["SEQUENCE"]), c["DTSTAMP"].dt)
    return out


@pytest.fixture
def stored(store: Store, demo_trip: Trip) -> Store:
    store.put_trip(demo_trip)
    store.put_schedule(demo_trip.id, Schedule(source="test", format="csv", sessions=sessions()))
    store.set_stars(demo_trip.id, ["kn-1", "ws-2"], True)
    return store


def test_reexport_of_same_data_is_byte_identical(stored: Store, demo_trip: Trip) -> None:
    first, _ = ics_document(stored, demo_trip, include=["agenda", "flights", "stays"], now=NOW)
    later = NOW + timedelta(days=3)
    again, _ = ics_document(stored, demo_trip, include=["agenda", "flights", "stays"], now=later)
    assert again == first
    assert {s for s, _ in _seqs(first).values()} == {0}
    assert {t for _, t in _seqs(first).values()} == {NOW.astimezone(UTC)}


def test_reexport_after_a_change_keeps_uids_and_raises_sequence(
    stored: Store, demo_trip: Trip
) -> None:
    include = ["agenda", "flights", "stays"]
    first = _seqs(ics_document(stored, demo_trip, include=include, now=NOW)[0])
    moved = sessions()
    moved[0] = moved[0].model_copy(
        update={"start": at(f"2027-01-12T09:30[{SF}]"), "end": at(f"2027-01-12T11:00[{SF}]")}
    )
    stored.put_schedule(demo_trip.id, Schedule(source="test", format="csv", sessions=moved))
    later = NOW + timedelta(days=1)
    second = _seqs(ics_document(stored, demo_trip, include=include, now=later)[0])
    assert set(second) == set(first)  # same UIDs: a calendar updates, not duplicates
    profile = Profile(include=("agenda", "flights", "stays"))
    keynote = make_uid("session", demo_trip.id, "kn-1", profile)
    assert second[keynote] == (1, later.astimezone(UTC))
    assert all(second[u] == first[u] for u in first if u != keynote)
    # A flight changed in the trip: its UID stays (keyed by flight number and route).
    nh8 = demo_trip.flights[0]
    delayed = nh8.model_copy(
        update={
            "departs": nh8.departs + timedelta(hours=1),
            "arrives": nh8.arrives + timedelta(hours=1),
        }
    )
    trip2 = demo_trip.model_copy(update={"flights": [delayed, demo_trip.flights[1]]})
    third = _seqs(ics_document(stored, trip2, include=include, now=later + timedelta(days=1))[0])
    flight_uid = make_uid("flight", demo_trip.id, "NH8|NRT|SFO", profile)
    assert third[flight_uid][0] == 1 and third[keynote][0] == 1


def test_damaged_version_record_restarts_sequences(stored: Store, demo_trip: Trip) -> None:
    from tripkit.services.export import _versions_setting

    setting = _versions_setting(demo_trip.id, Profile(include=("flights",)))
    ics_document(stored, demo_trip, include=["flights"], now=NOW)
    assert stored.get_setting(setting)  # the record this test damages is the one used
    for damage in ("{not json", '{"x": [1]}', '{"x": ["f", 1, "2026-01-01", ["VEVENT"]]}'):
        stored.set_setting(setting, damage)
        data, _ = ics_document(stored, demo_trip, include=["flights"], now=NOW)
        assert {s for s, _ in _seqs(data).values()} == {0}
