"""The bundled example trip, stored on the TUI's first start by a short child process.

A bare `tripkit` on an empty data folder opens the example trip, which must be stored first.
Building it needs the models (pydantic, ~56 MB of the app's RSS for its whole life) although
the app itself reads trips without them: so, as for the first checklist
(tripkit.services.kept_fill), the app runs `python -m tripkit.services.example_fill FOLDER
[TODAY]`, which stores the example and makes it current, and exits; the app then reads the
store. When the child fails (cannot start, exits non-zero, takes longer than TIMEOUT) or
stores nothing, the app stores the example itself, as it always did: never a first start
without a trip.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tripkit.store import Store

# Building and storing the example takes ~0.3 s on an idle machine; a loaded one, several.
TIMEOUT = 30.0


def store_example(store: Store, today: date | None = None) -> str:
    """Store the example trip and make it current, in this process; its id."""
    from tripkit.demo import example_trip

    trip = example_trip(today)
    with store.transaction():
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return trip.id


def in_child(folder: Path, today: date | None = None) -> bool:
    """Store the example in the store in `folder` from a child process; whether the child
    exited cleanly (the caller still checks that a trip is there)."""
    from tripkit.services import kept_fill

    env, cwd = kept_fill.child_env()
    args = [str(folder), today.isoformat() if today is not None else ""]
    try:
        done = subprocess.run(
            [kept_fill.INTERPRETER, "-m", "tripkit.services.example_fill", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired):  # killed when it took too long
        return False
    return done.returncode == 0


def main(argv: list[str]) -> int:
    """`python -m tripkit.services.example_fill FOLDER [TODAY]`: 0 when a trip is current."""
    from tripkit.store import Store

    folder, day = argv
    with Store.open(Path(folder), create=False) as store:
        if store.current_trip_id() is None:  # another start may have stored one meanwhile
            store_example(store, date.fromisoformat(day) if day else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
