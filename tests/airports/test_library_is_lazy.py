"""airportsdata (~28k rows) is read only for a code the curated airport file lacks: the demo
trip's processes (`--version`, `entry`, `checklist --json`, kept or not) never import it, and
the checklist kept between reads is digested with its version (a new release may place an
airport elsewhere, and so change a border's items).

Subprocesses, because a test process has imported whatever other tests needed."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import REPO, TODAY

from tripkit.services import checklist_cache as kept
from tripkit.store import Store

PROBE = """
import json, sys
from tripkit.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def _modules(home: Path, *args: str) -> set[str]:
    env = dict(os.environ, TRIPKIT_HOME=str(home), TRIPKIT_CONFIG=str(home / "config"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    line = next(x for x in out.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def _home_with(tmp_path: Path, trip_maker: str) -> Path:
    from tripkit.demo import example_trip

    home = tmp_path / trip_maker
    with Store.open(home) as store:
        trip = example_trip(TODAY)
        if trip_maker == "laguardia":
            # The demo trip with its arrival airport moved to LaGuardia (library-only).
            flights = [
                f.model_copy(update={"destination": "LGA", "destination_country": None})
                if i == 0
                else f
                for i, f in enumerate(trip.flights)
            ]
            trip = trip.model_copy(update={"flights": flights})
        elif trip_maker == "looked-up":
            # The demo trip with no countries on its flights: each is looked up, in the
            # curated file (which knows them all).
            flights = [
                f.model_copy(update={"origin_country": None, "destination_country": None})
                for f in trip.flights
            ]
            trip = trip.model_copy(update={"flights": flights})
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return home


def test_the_demo_trip_never_loads_airportsdata(tmp_path: Path) -> None:
    home = _home_with(tmp_path, "demo")
    for args in (
        ["--version"],
        ["--lang", "en", "entry"],
        ["--lang", "en", "checklist", "--json"],  # evaluated, then kept
        ["--lang", "en", "checklist", "--json"],  # read back
    ):
        loaded = _modules(home, *args)
        assert "tripkit.cli" in loaded  # the probe ran
        assert "airportsdata" not in loaded, args


def test_airports_looked_up_in_the_curated_file_do_not_load_it(tmp_path: Path) -> None:
    home = _home_with(tmp_path, "looked-up")
    for args in (["--lang", "en", "entry"], ["--lang", "en", "checklist", "--json"]):
        loaded = _modules(home, *args)
        assert "tripkit.catalog.airports" in loaded  # the catalog was asked
        assert "airportsdata" not in loaded, args


def test_an_airport_only_the_library_knows_does_load_it(tmp_path: Path) -> None:
    # The probe's other side: the same process for a trip through LGA reads the library.
    home = _home_with(tmp_path, "laguardia")
    assert "airportsdata" in _modules(home, "--lang", "en", "entry")


def test_the_kept_checklist_is_digested_with_airportsdata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade of airportsdata rewrites its module: stand-in for it, then "upgrade" it.
    fake = tmp_path / "airportsdata" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text("__version__ = '20260905'\n")
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name == "airportsdata":
            return importlib.util.spec_from_file_location(name, fake)
        return real_find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    before = kept.environment_key("en")
    fake.write_text("__version__ = '20261103'\n")
    os.utime(fake, ns=(0, 10**18))
    assert kept.environment_key("en") != before
