"""The CLI run as a real process on a data folder of its own (a cold start is what the lean
reads are for), optionally saying which modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from testpaths import REPO

# The CLI in a process that says, last on stderr, which of the watched modules it imported.
_WATCH = (
    "import json, sys\n"
    "from tripkit.cli import main\n"
    "names = json.loads(sys.argv.pop(1))\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    print(json.dumps({n: n in sys.modules for n in names}), file=sys.stderr)\n"
)


def run_cli(
    home: Path, *args: str, watch: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`tripkit ARGS` with TRIPKIT_HOME=home; with `watch`, the last line of its stderr is a
    JSON object: each watched module's name -> whether the command imported it
    (`imported`)."""
    env = {**os.environ, "TRIPKIT_HOME": str(home), "LANG": "C.UTF-8"}
    env.pop("TRIPKIT_CONFIG", None)
    if watch:
        cmd = [sys.executable, "-c", _WATCH, json.dumps(list(watch)), *args]
    else:
        cmd = [sys.executable, "-m", "tripkit", *args]
    return subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, check=False)


def imported(done: subprocess.CompletedProcess[str]) -> dict[str, bool]:
    """What a `run_cli(..., watch=...)` process said it imported."""
    found: dict[str, bool] = json.loads(done.stderr.strip().splitlines()[-1])
    return found
