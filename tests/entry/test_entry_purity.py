"""The route model and the entry evaluation are pure: importing them loads no catalog, no
i18n, no store (the facts come in as arguments). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys


def test_core_route_and_entry_import_nothing_impure() -> None:
    code = (
        "import json, sys\n"
        "import tripkit.core.route, tripkit.core.entry, tripkit.core.clockchange\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('tripkit.'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(out.stdout)
    assert not [
        m
        for m in loaded
        if m.startswith(("tripkit.catalog", "tripkit.i18n", "tripkit.store", "tripkit.services"))
    ]
