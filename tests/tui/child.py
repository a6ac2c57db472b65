"""A short Python program run in a child process against a tripkit data folder, as the
start-up tests run the app: a static import graph cannot prove that a deferred import defers,
and the test process holds models of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from testpaths import REPO

# What a lean start never loads: the models and what only the checklist's evaluation needs.
HEAVY = ("pydantic", "tripkit.core.models", "tripkit.catalog", "yaml", "tripkit.core.rules")


def run_python(code: str, *args: str, home: Path, timeout: float = 120) -> str:
    """The last line `code` prints, run with `args` and the config of `home` (no animations);
    a failing child fails the test with the end of its stderr."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", TRIPKIT_CONFIG=str(home / "config"))
    env.pop("TRIPKIT_HOME", None)
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env=env,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def heavy(modules: list[str]) -> set[str]:
    """Those of `modules` that are (or are inside) one of HEAVY."""
    return {m for m in modules if m.startswith(HEAVY)}
