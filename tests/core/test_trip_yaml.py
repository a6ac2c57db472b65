"""Trip files: reading, writing, and where errors point (tripkit.services.trips)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from tripkit.core.models import Trip
from tripkit.errors import DataError, TripkitError
from tripkit.services.trips import (
    free_id,
    install_demo,
    parse_trip_yaml,
    read_trip_file,
    save_new_trip,
    slugify,
    trip_to_yaml,
)
from tripkit.store import Store

DOCS = Path(__file__).resolve().parents[2] / "docs" / "trip-format.md"


def test_the_documented_example_is_a_valid_trip(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert block is not None
    path = tmp_path / "doc.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    trip = read_trip_file(path)
    assert trip.id == "pycon-us-2027"
    # 22:00 JST is 13:00 UTC; 16:00 PDT is 23:00 UTC.
    assert trip.flights[0].duration == timedelta(hours=10)
    # 12:45 PDT is 19:45 UTC; 16:55 JST next day is 07:55 UTC.
    assert trip.flights[1].duration == timedelta(hours=12, minutes=10)
    assert trip.notes == "Free text. Kept as written.\n"


def test_export_round_trips_and_is_readable(demo_trip: Trip) -> None:
    text = trip_to_yaml(demo_trip)
    assert parse_trip_yaml(text) == demo_trip
    assert "  departs: 2027-01-11T17:05:00+09:00[Asia/Tokyo]\n" in text
    assert "'" not in text.split("\nid:")[1]  # nothing needlessly quoted
    assert "booking_ref: ''" not in text  # defaults are left out


def test_unicode_and_multiline_text_survive(demo_trip: Trip) -> None:
    trip = demo_trip.model_copy(
        update={"name": "ドッカーコン 2027", "notes": "line one\n[bold]not markup[/bold]\n\x1b[31m"}
    )
    text = trip_to_yaml(trip)
    assert "name: ドッカーコン 2027\n" in text  # written as is, not \u escapes
    back = parse_trip_yaml(text)
    assert back.name == "ドッカーコン 2027"
    assert back.notes == "line one\n[bold]not markup[/bold]\n\x1b[31m"


def test_yaml_timestamps_stay_text_so_zone_rules_apply() -> None:
    """Plain YAML would turn '2027-01-11 17:05:00' into a naive datetime; the error must
    quote the text the user wrote and ask for a zone."""
    doc = (
        "id: t\nname: T\ntraveller: {citizenships: [JP], home_country: JP, home_tz: Asia/Tokyo,"
        " passport: {expires: 2030-01-01}}\nconference: {name: C, first_day: 2027-01-12,"
        " last_day: 2027-01-12, venue: {name: V, city: C, country: US,"
        " tz: America/Los_Angeles}, badge_pickup: [{start: 2027-01-11 12:00:00,"
        " end: 2027-01-11 13:00 America/Los_Angeles}]}\n"
    )
    with pytest.raises(DataError) as err:
        parse_trip_yaml(doc, "t.yaml")
    assert str(err.value).startswith(
        "t.yaml:4: conference.badge_pickup[0].start: '2027-01-11 12:00:00' has no IANA zone"
    )


def test_several_problems_are_counted_in_one_message() -> None:
    with pytest.raises(DataError) as err:
        parse_trip_yaml("id: Not A Slug\nname: ''\n", "x.yaml")
    message = str(err.value)
    assert message.startswith("x.yaml:1: id: 'Not A Slug' is not a valid id")
    assert message.endswith("(and 3 more problems)")  # name too short, traveller, conference
    assert "\n" not in message


def test_slugs() -> None:
    assert slugify("DockerCon SF 2026") == "dockercon-sf-2026"
    assert slugify("  KubeCon + CloudNativeCon: Europe!  ") == "kubecon-cloudnativecon-europe"
    assert slugify("Café Conférence") == "cafe-conference"
    assert slugify("東京の旅") == "trip"  # nothing ASCII left: a neutral suggestion
    assert len(slugify("x" * 100)) == 63


def test_free_id_and_save(store: Store, demo_trip: Trip) -> None:
    assert free_id(store, demo_trip.id) == demo_trip.id
    assert save_new_trip(store, demo_trip) is False
    assert free_id(store, demo_trip.id) == demo_trip.id + "-2"
    with pytest.raises(TripkitError, match="exists already"):
        save_new_trip(store, demo_trip.model_copy(update={"name": "Other"}))
    assert store.get_trip(demo_trip.id).name == demo_trip.name
    assert save_new_trip(store, demo_trip.model_copy(update={"name": "Other"}), replace=True)
    assert store.get_trip(demo_trip.id).name == "Other"


def test_install_demo_resets(store: Store) -> None:
    from datetime import date

    trip, was_reset = install_demo(store, date(2026, 11, 27))
    assert (trip.example, was_reset) == (True, False)
    store.set_stars(trip.id, ["k"], True)
    _, was_reset = install_demo(store, date(2026, 11, 27))
    assert was_reset and store.picks(trip.id) == {}
    assert store.current_trip_id() == trip.id


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_100_000)
    with pytest.raises(DataError, match="too large"):
        read_trip_file(big)
