"""A bare `tripkit` on an empty data folder stores the bundled example trip from a short child
process (tripkit.services.example_fill), so that pydantic and the models never enter the app's
own process on a first start (issue 10: the TUI's RSS <= 1.5x a bare Textual app); a child that
cannot start, fails or stores nothing is replaced by storing the example in the app's process:
never a first start without a trip, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tripkit.demo import DEMO_ID
from tripkit.store import Store

from .child import heavy, run_python

# The app as a user starts it on an empty data folder, to the Overview's borders drawn and
# checked. argv: folder, mode ("child": as shipped; "none": no such interpreter; a path: that
# program as the interpreter).
START = """
import asyncio, json, sys
from datetime import datetime, UTC
from pathlib import Path
from tripkit.store import Store
from tripkit.tui.app import TripkitApp
import tripkit.services.kept_fill as kept_fill

folder, mode = Path(sys.argv[1]), sys.argv[2]
if mode == "none":
    kept_fill.INTERPRETER = str(folder.parent / "no-such-python")
elif mode != "child":
    kept_fill.INTERPRETER = mode

async def main():
    app = TripkitApp(Store.open(folder), lang="en", keymap={},
                     now=datetime(2026, 11, 27, 3, tzinfo=UTC))
    async with app.run_test(size=(160, 50)) as pilot:
        def sections():
            return "\\n".join(str(w.render()) for w in app.screen.query("#ov-scroll Static")
                              if w.display)
        for _ in range(600):
            await pilot.pause(0.05)
            if "🛂" in sections() and "checking" not in sections():
                break
        print(json.dumps({"overview": sections(), "trip": app.trip_id,
                          "screen": app.screen.__class__.__name__,
                          "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def _first_start(folder: Path, mode: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        run_python(START, str(folder), mode, home=folder.parent, timeout=300)
    )
    return data


def _stored_example(folder: Path) -> None:
    with Store.open(folder) as store:
        assert store.current_trip_id() == DEMO_ID
        trip = store.get_trip(DEMO_ID)
        assert trip.example and trip.conference.name == "DockerCon (example)"


def test_a_first_start_stores_the_example_without_loading_the_models(tmp_path: Path) -> None:
    # Wrong (before): the app built the example itself and kept pydantic and the models
    # (~56 MB) for its whole life, on the very start a newcomer judges tripkit by.
    folder = tmp_path / "data"
    got = _first_start(folder, "child")
    assert got["trip"] == DEMO_ID and got["screen"] == "OverviewScreen"
    assert (
        "DockerCon (example)" in got["overview"]
        and "🛂 Entry to the United States" in (got["overview"])
    )
    assert heavy(got["modules"]) == set(), heavy(got["modules"])
    _stored_example(folder)


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "python"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize("failure", ["no interpreter", "exit 1", "stores nothing"])
def test_a_failing_child_is_replaced_by_storing_the_example_here(
    tmp_path: Path, failure: str
) -> None:
    # Wrong would be an empty app (no trip, or an error screen) on a first start: the
    # traveller never sees what tripkit does. The example is stored in the app's process,
    # which then does load the models (so the check above can fail).
    mode = {
        "no interpreter": "none",
        "exit 1": _script(tmp_path, "exit 1"),
        "stores nothing": _script(tmp_path, "exit 0"),
    }[failure]
    folder = tmp_path / "data"
    got = _first_start(folder, mode)
    assert got["trip"] == DEMO_ID and got["screen"] == "OverviewScreen"
    assert "DockerCon (example)" in got["overview"] and "🛂" in got["overview"]
    assert "pydantic" in heavy(got["modules"])
    _stored_example(folder)
