"""The TUI's Overview evaluated in a short-lived child process (issue 10: the TUI's RSS <= 1.5x
a bare Textual app on a first start too).

The Overview reads the checklist and its other evaluated lines (stale guide notes, borders,
the journey's anchors, the city's name) from what an earlier evaluation kept in the store
(tripkit.services.checklist_cache, tripkit.services.overview_kept). When nothing is kept for
the current inputs (a first start; a change of the trip, item states, settings or rule files;
the clock past a due time), evaluating them needs pydantic, the models, the catalog and the
rule engine: ~12 MB that would stay in the app's process for its whole life. So the app runs
`python -m tripkit.services.kept_fill` instead, which evaluates and keeps exactly what the
Overview would have evaluated (the same two service calls, at the same instant, in the same
language, data folder and config folder, with the same tripkit and interpreter, so under the
same digest), and exits; the app then reads the kept rows on its light path.

The child only ever writes derived rows, which the app checks against the digest of every
input before using them: whatever the child did, a stale checklist is never shown. When it
fails (cannot start, exits non-zero, crashes, takes longer than TIMEOUT) or keeps nothing
(a broken rule file's warning must be given, so such a result is never kept), the app
evaluates in its own process, as it always did.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripkit.store import Store

# The interpreter running the app: the child must import the same tripkit and libraries (they
# are part of the digest). Tests replace it with one that fails.
INTERPRETER: str = sys.executable
# An evaluation takes ~0.5 s on an idle machine; a shared, loaded one can take several.
TIMEOUT = 60.0
POLL = 0.05  # seconds between two looks at the child from the app's event loop
# Loaded in a process that has already evaluated (or edited) a trip: a child then saves no
# memory, only time, so the app evaluates in its own process.
HEAVY = ("pydantic", "tripkit.services.checklist")


def worth_a_child() -> bool:
    """Whether evaluating in a child keeps anything out of this process."""
    return not all(name in sys.modules for name in HEAVY)


def fill(store: Store, trip_id: str, lang: str, now: datetime) -> None:
    """Evaluate and keep what the Overview reads at `now`, in this process: the very calls
    the Overview makes when nothing is kept (OverviewScreen._checklist and ._attention)."""
    from tripkit.services.checklist_cache import item_views
    from tripkit.services.overview_kept import attention
    from tripkit.services.trip_view import read_trip_view

    item_views(store, trip_id, lang, now)
    attention(store, trip_id, read_trip_view(store, trip_id).venue_tz, lang, now)


def command(folder: Path, trip_id: str, lang: str, now: datetime) -> list[str]:
    from tripkit.core.zoned import format_zoned

    return [
        INTERPRETER,
        "-m",
        "tripkit.services.kept_fill",
        str(folder),
        trip_id,
        lang,
        format_zoned(now),
    ]


def child_env() -> tuple[dict[str, str], str]:
    """The environment and working folder of a tripkit child process: the config folder as
    this process resolved it (the user's rules and guide overlays are inputs), and this very
    tripkit first on the path (a different copy would keep its rows under another digest:
    safe, but useless)."""
    from tripkit import paths

    env = dict(os.environ)
    env["TRIPKIT_CONFIG"] = str(paths.config_dir())
    package_parent = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    return env, package_parent


def start(folder: Path, trip_id: str, lang: str, now: datetime) -> subprocess.Popen[bytes] | None:
    """The child evaluating for the store in `folder`, started; None when it cannot start."""
    env, cwd = child_env()
    try:
        return subprocess.Popen(
            command(folder, trip_id, lang, now),
            # Never the app's terminal: it is in raw mode and drawn by Textual.
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
        )
    except (OSError, ValueError):  # no such interpreter, not executable, bad argument
        return None


def finish(child: subprocess.Popen[bytes] | None, timeout: float | None = None) -> bool:
    """Wait for the child; whether it exited cleanly (killed after `timeout`: False)."""
    if child is None:
        return False
    try:
        return child.wait(TIMEOUT if timeout is None else timeout) == 0
    except subprocess.TimeoutExpired:
        stop(child)
        return False


async def finished(child: subprocess.Popen[bytes] | None, limit: float | None = None) -> bool:
    """`finish` for an event loop: polled, so that the app needs no thread to wait. Cancelled
    (the app is leaving), it stops the child."""
    import asyncio
    import time

    if child is None:
        return False
    deadline = time.monotonic() + (TIMEOUT if limit is None else limit)
    try:
        while child.poll() is None:
            if time.monotonic() > deadline:
                stop(child)
                return False
            await asyncio.sleep(POLL)
    except BaseException:
        stop(child)
        raise
    return child.returncode == 0


def stop(child: subprocess.Popen[bytes] | None) -> None:
    """End the child (the app is leaving, or it took too long)."""
    if child is not None and child.poll() is None:
        child.kill()
        child.wait()


def main(argv: list[str]) -> int:
    """`python -m tripkit.services.kept_fill FOLDER TRIP LANG NOW`: 0 when it evaluated."""
    from tripkit.core.zoned import parse_zoned
    from tripkit.store import Store

    folder, trip_id, lang, now = argv
    with Store.open(Path(folder), create=False) as store:
        fill(store, trip_id, lang, parse_zoned(now))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
