"""A cold checklist names the venue's city and each border's airport from the names part of
the city files (tripkit.catalog.city_names.CityNames), not from the whole city guide: the
guide's models and notes are not built on that path (issue 13's cold read)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from testpaths import REPO

CODE = """
import json, sys
from tripkit.cli import main
try:
    main(['--lang', 'ja', 'checklist', '--json'], standalone_mode=False)
finally:
    print(json.dumps('tripkit.core.curated_guide' in sys.modules), file=sys.stderr)
"""


def test_a_cold_checklist_names_cities_without_the_guide_models(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"TRIPKIT_HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def cold() -> tuple[list[dict[str, object]], bool]:
        with contextlib.closing(sqlite3.connect(home / "tripkit.db")) as conn, conn:
            conn.execute("DELETE FROM checklist_cache")  # nothing kept: an evaluation
        run = subprocess.run(
            [sys.executable, "-c", CODE], env=env, cwd=REPO, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout), json.loads(run.stderr.strip().splitlines()[-1])

    demo = subprocess.run(
        [sys.executable, "-m", "tripkit", "demo"], env=env, cwd=REPO, capture_output=True
    )
    assert demo.returncode == 0, demo.stderr
    first, _ = cold()  # compiles the copies (the strict read validates the whole guide)
    again, guide_loaded = cold()
    assert again == first
    text = json.dumps(again, ensure_ascii=False)
    # The demo flies Narita -> San Francisco: the city guide's Japanese names, as before.
    assert "サンフランシスコ" in text and "成田" in text
    assert guide_loaded is False
