"""The CLI's schedule reads: they load neither pydantic nor the importers (fast start), read
only the rows they show, and print exactly what they printed before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.search import Filters, build_index
from tripkit.services import schedule as svc
from tripkit.store import Store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_reads_import_no_pydantic_nor_importers(corpus: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "TRIPKIT_HOME": str(home)}
    for args in (
        ["demo"],
        ["schedule", "import", str(corpus / "frab-json/pretalx-democon.json")],
        ["schedule", "star", "--day", "2020-12-14"],
    ):
        subprocess.run(
            [sys.executable, "-m", "tripkit", *args], env=env, check=True, capture_output=True
        )
    for args in (
        ["schedule", "list", "--json", "--day", "2020-12-14"],
        ["schedule", "search", "focused"],
        ["schedule", "agenda"],
        ["schedule", "show", "8079583e-8321-506c-95af-fd2903a5f075"],
    ):
        code = textwrap.dedent(f"""
            import sys
            from tripkit.cli import main
            try:
                main({args!r})
            except SystemExit as exit:
                assert not exit.code, exit.code
            heavy = sorted(m for m in sys.modules
                           if m.split(".")[0] == "pydantic" or m.startswith("tripkit.importers"))
            print("HEAVY", heavy)
        """)
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "HEAVY []" in done.stdout, (args, done.stdout[-300:])


def test_list_json_is_todays_output(corpus: Path) -> None:
    """`schedule list --json --day D` gives the sessions of that day in the venue's zone, in
    schedule order, formatted exactly as json.dumps(indent=2) formats them."""
    assert run("demo")[0] == 0
    path = corpus / "frab-xml/fosdem-2025.xml"
    assert run("schedule", "import", str(path))[0] == 0
    code, out, err = run("schedule", "list", "--json", "--day", "2025-02-01")
    assert code == 0, err
    items = json.loads(out)
    assert out.rstrip("\n") == json.dumps(items, ensure_ascii=False, indent=2)
    with Store.open(paths.data_dir()) as store:
        trip = store.get_trip(store.current_trip_id() or "")
        sessions = svc.get_schedule(store, trip).sessions
        want = build_index(sessions, trip.venue_tz).search("", Filters(day=date(2025, 2, 1)))
    assert [i["id"] for i in items] == [s.key for s in want]
    assert len(items) > 100
