"""Trusted reads (issue 13: "validate on write; read trusted rows"): a stored trip and the
compiled catalog copies are rebuilt without pydantic validation, and must come back exactly
as validation would give them; what cannot be rebuilt exactly is validated as before."""

from __future__ import annotations

import copy
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from model_equality import same
from testpaths import REPO, TODAY

from tripkit.core.models import Trip
from tripkit.core.trusted import Untrusted, trusted
from tripkit.demo import example_trip
from tripkit.errors import StoreError
from tripkit.store import Store


def _demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_trip(TODAY).model_dump_json())
    return data


def _brussels_dual_citizen() -> dict[str, Any]:
    """Not the demo: a German-Brazilian living in Japan, to Brussels via Helsinki, with a
    visit history written the old way (`date`), own agenda items and deadlines."""
    data = _demo()
    data["id"] = "fosdem-brussels"
    data["traveller"] = {
        "name": "Ana Müller",
        "citizenships": ["DE", "BR"],
        "home_country": "JP",
        "home_tz": "Asia/Tokyo",
        "language": "en",
        "passports": [
            {"expires": "2031-03-01", "country": "BR"},
            {"expires": "2030-05-01", "issued": "2020-05-02", "country": "DE"},
        ],
        "residence": {"status": "engineer", "expires": "2028-01-31"},
        "visited": [{"country": "US", "date": "2024-06-01"}],
    }
    data["conference"] = {
        "name": "FOSDEM",
        "first_day": "2027-01-30",
        "last_day": "2027-01-31",
        "venue": {
            "name": "ULB Solbosch",
            "city": "Brussels",
            "city_id": "brussels",
            "country": "BE",
            "tz": "Europe/Brussels",
        },
    }
    data["flights"] = [
        {
            "flight": "AY74",
            "origin": "NRT",
            "destination": "HEL",
            "departs": "2027-01-28T10:00:00+09:00[Asia/Tokyo]",
            "arrives": "2027-01-28T15:30:00+02:00[Europe/Helsinki]",
        },
        {
            "flight": "AY1545",
            "origin": "HEL",
            "destination": "BRU",
            "departs": "2027-01-28T17:00:00+02:00[Europe/Helsinki]",
            "arrives": "2027-01-28T18:40:00+01:00[Europe/Brussels]",
        },
    ]
    data["stays"] = []
    data["agenda"] = [
        {
            "id": "dinner",
            "title": "Dinner with the team",
            "start": "2027-01-30T19:00:00+01:00[Europe/Brussels]",
            "end": "2027-01-30T21:00:00+01:00[Europe/Brussels]",
            "kind": "meal",
        }
    ]
    data["deadlines"] = [
        {"id": "cfp", "title": "Talk slides", "due": "2027-01-20T23:59:00+01:00[Europe/Brussels]"}
    ]
    return data


TRIPS = {"demo": _demo, "brussels-dual-citizen": _brussels_dual_citizen}


@pytest.mark.parametrize("name", sorted(TRIPS))
def test_a_trusted_trip_is_the_validated_trip(name: str) -> None:
    data = TRIPS[name]()
    validated = Trip.model_validate(copy.deepcopy(data))
    # What the store holds is the validated trip's JSON (the old-style `date` key included
    # in `data` above, as a row written by an older release would have it).
    for row in (data, json.loads(validated.model_dump_json())):
        rebuilt = trusted(Trip, copy.deepcopy(row))
        same(rebuilt, Trip.model_validate(copy.deepcopy(row)))
        assert rebuilt.model_dump_json() == validated.model_dump_json()
    if name == "brussels-dual-citizen":  # derived by the model's own validators, as before
        assert [p.country for p in rebuilt.traveller.passports] == ["BR", "DE"]
        assert rebuilt.traveller.passport.country == "BR"
        assert rebuilt.traveller.visited[0].on == date(2024, 6, 1)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(surprise=1),  # a key the model does not have
        lambda d: d.pop("conference"),  # a required field missing
        lambda d: d["flights"][0].update(departs="2027-01-11T17:05:00+09:00"),  # no zone
        lambda d: d.update(booked_on=20261123),  # the wrong JSON type
        lambda d: d["agenda"].append({"id": "x", "title": "t", "start": 1, "end": 2}),
    ],
)
def test_what_cannot_be_rebuilt_exactly_is_refused(change: Any) -> None:
    data = _demo()
    change(data)
    with pytest.raises(Untrusted):
        trusted(Trip, data)


def test_a_damaged_row_is_still_reported_by_the_strict_reader(store: Store) -> None:
    trip = example_trip(TODAY)
    store.put_trip(trip)
    data = json.loads(trip.model_dump_json())
    data["traveller"]["citizenships"] = []  # trusted would take it; it must not get there
    data["traveller"]["surprise"] = True
    path = store.db.path
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE trips SET data = ? WHERE id = ?", (json.dumps(data), trip.id))
    with pytest.raises(StoreError, match="invalid"):
        store.get_trip(trip.id)


def test_a_stored_trip_reads_back_equal(store: Store) -> None:
    trip = Trip.model_validate(_brussels_dual_citizen())
    store.put_trip(trip)
    # As the strict reader gives it back (every field was written, so every field is set).
    same(store.get_trip(trip.id), Trip.model_validate_json(trip.model_dump_json()))


def test_compiled_catalog_copies_read_back_as_the_yaml(tmp_path: Path) -> None:
    """Every bundled country: the first read goes through the YAML reader and writes the
    compiled copy; a fresh process reading the copy gets the same model."""
    code = (
        "import json, sys\n"
        "from tripkit import paths\n"
        "from tripkit.catalog import entry_data\n"
        "from tripkit.catalog.schema import CountryEntry\n"
        "got = {p.stem: entry_data.country(p.stem.upper())\n"
        "       for p in sorted((paths.bundled_data() / 'countries').glob('*.yaml'))}\n"
        "built = CountryEntry.__pydantic_complete__  # before dumping, which builds it\n"
        "out = {k: e.model_dump_json() for k, e in got.items()}\n"
        "print(json.dumps({'built': built, 'data': out}))\n"
    )
    env = {"TRIPKIT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    first, second = (
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env=env,
                cwd=REPO,
            ).stdout
        )
        for _ in range(2)
    )
    assert first["data"] and first["data"] == second["data"]
    assert first["built"] is True  # the YAML was validated
    assert second["built"] is False  # the compiled copies were trusted


def test_the_checklist_builds_no_validator_for_the_trip_or_the_catalog(tmp_path: Path) -> None:
    """The regression guard for the trusted reads: after `checklist --json` has run once
    (compiled copies written), the next run validates neither the stored trip nor the country
    and rule files. (The checklist items themselves are still pydantic models: `pydantic`
    itself is imported.)"""
    env = {"TRIPKIT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(
        [sys.executable, "-m", "tripkit", "demo"],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    code = (
        "import json, sys\n"
        "from tripkit.cli import main\n"
        "try:\n"
        "    main(['checklist', '--json'], standalone_mode=False)\n"
        "finally:\n"
        "    from tripkit.core.models import Trip, Traveller\n"
        "    from tripkit.core.curated import CountryEntry\n"
        "    from tripkit.core.rules import Rule\n"
        "    built = {m.__name__: m.__pydantic_complete__ for m in "
        "(Trip, Traveller, CountryEntry, Rule)}\n"
        "    built['schedule services'] = 'tripkit.services.schedule' in sys.modules\n"
        "    print(json.dumps(built), file=sys.stderr)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
    first = json.loads(runs[0].stderr.strip().splitlines()[-1])
    second = json.loads(runs[1].stderr.strip().splitlines()[-1])
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert first["CountryEntry"] is True  # the first run reads the YAML strictly
    assert second == {
        "Trip": False,
        "Traveller": False,
        "CountryEntry": False,
        "Rule": False,
        # The demo has no deadlines and nothing starred to register for: the schedule
        # services (agenda, walks, re-import reports) are not imported for nothing.
        "schedule services": False,
    }
