"""The calendar stays in sync with the trip: the real CLI (import, star, unstar, refresh,
export) and khal as a real calendar that imports each file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from khal_view import Khal
from testpaths import TODAY

from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.demo import example_trip
from tripkit.paths import data_dir
from tripkit.store import Store


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (args, result.stderr, result.output)
    return result.stdout


def frab(day: date, events: list[tuple[str, str, str]]) -> bytes:
    """A small frab XML programme in San Francisco: (guid, HH:MM, title) on `day`."""
    body = "".join(
        f"""
      <event guid="{guid}" id="{n}">
        <date>{day.isoformat()}T{hhmm}:00-08:00</date>
        <start>{hhmm}</start><duration>00:45</duration><room>Room 20{n}</room>
        <title>{title}</title><track>Talks</track><abstract>About {title}.</abstract>
        <persons><person id="{n}">Speaker {n}</person></persons>
      </event>"""
        for n, (guid, hhmm, title) in enumerate(events, 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version>
  <conference><acronym>dc</acronym><title>DockerCon (example)</title>
    <start>{day}</start><end>{day}</end><days>1</days>
    <time_zone_name>America/Los_Angeles</time_zone_name></conference>
  <day index="1" date="{day}"><room name="Hall">{body}
  </room></day>
</schedule>
""".encode()


@pytest.fixture
def trip() -> Trip:
    trip = example_trip(TODAY)
    with Store.open(data_dir(None)) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return trip


EVENTS = [
    ("g-keep", "09:00", "Keeps its star"),
    ("g-unstar", "10:00", "Gets unstarred"),
    ("g-gone", "11:00", "Removed by the refresh"),
]


def keys_by_title() -> dict[str, str]:
    import json

    return {s["title"]: s["id"] for s in json.loads(run("schedule", "list", "--json"))}


def uids(data: bytes) -> dict[str, tuple[str, int, str]]:
    """SUMMARY -> (UID, SEQUENCE, STATUS) of the VEVENTs."""
    return {
        str(c["SUMMARY"]): (str(c["UID"]), int(c["SEQUENCE"]), str(c.get("STATUS", "")))
        for c in Calendar.from_ical(data).walk("VEVENT")
    }


def test_unstarred_and_removed_sessions_are_cancelled_in_khal_without_duplicates(
    trip: Trip, tmp_path: Path
) -> None:
    day = trip.conference.first_day
    programme = tmp_path / "programme.xml"
    programme.write_bytes(frab(day, EVENTS))
    run("schedule", "import", str(programme))
    run("schedule", "star", "--all")
    first = tmp_path / "first.ics"
    run("export", "ics", "-o", str(first))

    khal = Khal(tmp_path / "khal")
    khal.import_file(first)
    span = (day.isoformat(), (day + timedelta(days=1)).isoformat())
    before = {e.title: e for e in khal.listing(*span)}
    assert {t for _, _, t in EVENTS} <= set(before)
    assert not any(e.cancelled for e in before.values())
    events_before = khal.events()

    keys = keys_by_title()
    run("schedule", "unstar", keys["Gets unstarred"])
    programme.write_bytes(frab(day, EVENTS[:2]))  # the organisers drop a talk
    run("schedule", "refresh")
    second = tmp_path / "second.ics"
    run("export", "ics", "-o", str(second))
    published = uids(second.read_bytes())
    old = uids(first.read_bytes())
    for title in ("Gets unstarred", "Removed by the refresh"):
        uid, seq, status = published[title]
        assert (uid, status) == (old[title][0], "CANCELLED") and seq == old[title][1] + 1
    assert published["Keeps its star"] == old["Keeps its star"]  # untouched: same SEQUENCE

    khal.import_file(second)
    after = khal.listing(*span)
    live = [e.title for e in after if not e.cancelled]
    # The dropped sessions are gone from khal's agenda (shown struck as CANCELLED at most).
    assert "Gets unstarred" not in live and "Removed by the refresh" not in live
    assert "Keeps its star" in live
    # No duplicate: one listed session per UID (a stay spans days, so only sessions), and
    # khal holds as many events as before.
    sessions_listed = [e for e in after if e.uid.startswith("session-")]
    assert len({e.uid for e in sessions_listed}) == len(sessions_listed) == 3
    assert khal.events() == events_before

    # Re-starring brings it back in place (same UID, higher SEQUENCE), still no copy.
    run("schedule", "star", keys["Gets unstarred"])
    third = tmp_path / "third.ics"
    run("export", "ics", "-o", str(third))
    uid, seq, status = uids(third.read_bytes())["Gets unstarred"]
    assert uid == old["Gets unstarred"][0] and seq == old["Gets unstarred"][1] + 2
    assert status == ""
    khal.import_file(third)
    back = [e for e in khal.listing(*span) if e.title == "Gets unstarred"]
    assert len(back) == 1 and not back[0].cancelled
    assert khal.events() == events_before


def test_unchanged_exports_are_byte_identical_whatever_ran_in_between(
    trip: Trip, tmp_path: Path
) -> None:
    day = trip.conference.first_day
    programme = tmp_path / "programme.xml"
    programme.write_bytes(frab(day, EVENTS))
    run("schedule", "import", str(programme))
    run("schedule", "star", "--all")
    first = run("export", "ics").encode()
    ja = run("export", "ics", "--lang", "ja").encode()
    sixty = run("export", "ics", "--alarm", "60").encode()
    run("export", "ics", "--todos", "--include", "checklist")
    run("export", "ics", "--no-alarm")
    run("export", "ics", "--lang", "ja", "--alarm", "60", "-o", "/dev/null")
    run("export", "ics", "-o", "/dev/null")
    assert run("export", "ics").encode() == first
    # Different content, different UIDs: a calendar that gets both never mixes them up.
    ids = {u for u, _, _ in uids(first).values()}
    assert not ids & {u for u, _, _ in uids(ja).values()}
    assert not ids & {u for u, _, _ in uids(sixty).values()}
    assert run("export", "ics", "--lang", "ja").encode() == ja
    assert {s for _, s, _ in uids(first).values()} == {0}


def test_done_deadline_is_cancelled_then_dropped_after_the_trip(trip: Trip) -> None:
    from tripkit.services.checklist import checklist_items
    from tripkit.services.export import ics_document, trip_end

    now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    with Store.open(data_dir(None)) as store:
        item = next(i for i in checklist_items(store, trip, "en", now=now) if i.due)
        first = uids(ics_document(store, trip, include=["checklist"], now=now)[0])
        title = f"Due: {item.title}"
        assert first[title][2] == ""
        run("checklist", "done", item.id)
        later = now + timedelta(days=1)
        second = uids(ics_document(store, trip, include=["checklist"], now=later)[0])
        assert second[title] == (first[title][0], 1, "CANCELLED")
        assert not any(t.startswith("Done") for t in second)
        # Stable while it is kept...
        again = uids(ics_document(store, trip, include=["checklist"], now=later)[0])
        assert again[title] == second[title]
        # ...and gone from the file once the trip is over.
        after = trip_end(trip) + timedelta(days=30)
        gone = uids(ics_document(store, trip, include=["checklist"], now=after)[0])
        assert title not in gone


def test_exports_made_before_profiles_are_updated_or_cancelled(trip: Trip) -> None:
    """A calendar holding an export of the previous release (one record for every export,
    each deadline as a VTODO and an all-day event) is updated in place by the default
    export and its leftovers cancelled, never duplicated."""
    import json

    from export_sample import sessions

    from tripkit.core.models import Schedule
    from tripkit.exporters.ics import make_uid
    from tripkit.services.checklist import checklist_items
    from tripkit.services.export import ics_document

    now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    with Store.open(data_dir(None)) as store:
        store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=sessions()))
        store.set_stars(trip.id, ["kn-1"], True)
        item = next(i for i in checklist_items(store, trip, "en", now=now) if i.due)
        old = {
            make_uid("session", trip.id, "kn-1"): ["f", 2, "2026-11-01T00:00:00+00:00"],
            make_uid("session", trip.id, "ws-2"): ["f", 0, "2026-11-01T00:00:00+00:00"],
            make_uid("todo", trip.id, item.id): ["f", 1, "2026-11-01T00:00:00+00:00"],
            "session-unknown@tripkit": ["f", 0, "2026-11-01T00:00:00+00:00"],
        }
        store.set_setting(f"export.ics.{trip.id}", json.dumps(old))
        data, _ = ics_document(store, trip, now=now)
        again, _ = ics_document(store, trip, now=now + timedelta(days=1))
    assert again == data
    cal = Calendar.from_ical(data)
    found = {
        str(c["UID"]): (int(c["SEQUENCE"]), str(c.get("STATUS", "")))
        for c in cal.walk()
        if c.name in ("VEVENT", "VTODO")
    }
    assert found[make_uid("session", trip.id, "kn-1")] == (3, "")  # updated in place
    assert found[make_uid("session", trip.id, "ws-2")] == (1, "CANCELLED")  # was starred
    assert found[make_uid("todo", trip.id, item.id)] == (2, "CANCELLED")  # the VTODO twin
    assert "session-unknown@tripkit" not in found


def test_calcurse_recipe_from_the_help_gives_no_copies(trip: Trip, tmp_path: Path) -> None:
    """What `export ics --help` tells calcurse users, run for real: calcurse adds copies on
    every import, and replacing the trip's own data folder does not."""
    import shutil
    import subprocess

    if shutil.which("calcurse") is None:
        pytest.skip("calcurse is not installed (../shared/tools/icscheck/setup.sh installs it)")
    help_text = run("export", "ics", "--help")
    assert "rm -rf ~/trip-cal && calcurse -D ~/trip-cal -i trip.ics" in help_text
    day = trip.conference.first_day
    programme = tmp_path / "programme.xml"
    programme.write_bytes(frab(day, EVENTS))
    run("schedule", "import", str(programme))
    run("schedule", "star", "--all")
    assert "tripkit export ics --no-cancelled --force -o trip.ics" in help_text
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    run("export", "ics", "--include", "agenda", "--no-cancelled", "-o", str(first))
    run("schedule", "unstar", keys_by_title()["Gets unstarred"])
    run("export", "ics", "--include", "agenda", "--no-cancelled", "-o", str(second))
    # The same records as a full export: the next full one still cancels the un-starred.
    full = uids(run("export", "ics", "--include", "agenda").encode())
    assert full["Gets unstarred"][1:] == (1, "CANCELLED")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def calcurse(folder: Path, *args: str) -> str:
        return subprocess.run(
            ["calcurse", "-D", str(folder), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=True,
        ).stdout

    def listed(folder: Path) -> list[str]:
        when = f"{day:%m/%d/%Y}"
        out = calcurse(folder, "-Q", "--from", when, "--days", "1")
        return [
            ln.strip()
            for ln in out.splitlines()
            if ln.strip().startswith(("Keeps", "Gets", "Removed"))
        ]

    naive = tmp_path / "naive"
    calcurse(naive, "-i", str(first))
    calcurse(naive, "-i", str(second))
    assert listed(naive).count("Keeps its star") == 2  # why the help warns
    assert "Gets unstarred" in listed(naive)
    recipe = tmp_path / "trip-cal"
    for path in (first, second):
        shutil.rmtree(recipe, ignore_errors=True)
        calcurse(recipe, "-i", str(path))
    assert sorted(listed(recipe)) == ["Keeps its star", "Removed by the refresh"]
