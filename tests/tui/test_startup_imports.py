"""What the TUI loads, pinned so that the start-up and memory gains cannot quietly regress.

* Bare `tripkit` (the console script's path) draws its first frame without pydantic, the
  models, YAML, the catalog, the checklist, the other screens, TextArea, icalendar or httpx
  (about 0.3 s together): the trip is read after that frame.
* The Schedule screen keeps one small row per session, not the programme as models: with the
  real 38c3 programme (1,007 sessions) shown, no Session model is alive in the process.

Subprocesses, because a static import graph cannot prove that a deferred import defers, and a
test process holds models of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from testpaths import TODAY

from tripkit.store import Store

from .child import run_python

FIRST_FRAME_MODULES = [
    "tripkit.cli",
    "tripkit.cli.tui_launch",
    "tripkit.tui.app",
    "tripkit.tui.screens",
    "tripkit.tui.screens.overview",
]

# Never needed to draw the overview's first frame (each is imported when first used).
NOT_BEFORE_FIRST_FRAME = {
    "pydantic",
    "tripkit.core.models",
    "yaml",
    "babel",
    "icalendar",
    "httpx",
    "defusedxml",
    "textual.widgets._text_area",
    "textual.widgets._data_table",
    "tripkit.catalog",
    "tripkit.services.checklist",
    "tripkit.services.schedule",
    "tripkit.store.programmes",
    "tripkit.core.search",
    "tripkit.tui.screens.schedule",
    "tripkit.tui.screens.checklist",
    "tripkit.tui.screens.agenda",
    "tripkit.tui.screens.guide",
    "tripkit.tui.screens.trip_editor",
    "tripkit.tui.screens.transfer",
}

# The real entry point, headless: `tripkit --data-dir D --lang en`, stopped at the first frame
# (Textual's on_ready follows the first compositor refresh), before the app reads the trip.
FIRST_FRAME = """
import json, sys
from tripkit.cli import main
import tripkit.cli.tui_launch as tui_launch

def launch(ctx):
    app = tui_launch.make_app(ctx)
    def on_ready(self):
        print(json.dumps(sorted(sys.modules)))
        self.exit()
    type(app).on_ready = on_ready
    app.run(headless=True, size=(100, 30))

tui_launch.launch = launch
main(["--data-dir", sys.argv[1], "--lang", "en"], standalone_mode=False)
"""


def _example_home(tmp_path: Path) -> Path:
    from tripkit.demo import example_trip

    home = tmp_path / "home"
    with Store.open(home) as store:
        trip = example_trip(TODAY)
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return home


def test_first_frame_code_imports_no_pydantic() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for m in {FIRST_FRAME_MODULES!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "tripkit.tui.screens.overview" in loaded  # the import above did run
    heavy = {"pydantic", "tripkit.core.models", "yaml", "textual.widgets._text_area"}
    assert loaded & heavy == set()


def test_the_first_frame_of_bare_tripkit_loads_none_of_the_heavy_parts(tmp_path: Path) -> None:
    """Run as the console script runs it, until the first frame: the footer, the trip bar and
    the overview's remembered headline are drawn, and nothing else has been imported."""
    home = _example_home(tmp_path)
    # Twice: the first run of a data folder keeps the headline the second one draws early.
    for _ in range(2):
        loaded = set(json.loads(run_python(FIRST_FRAME, str(home), home=home)))
    assert "tripkit.tui.screens.overview" in loaded  # the probe did reach the first frame
    assert "textual.widgets._footer" in loaded
    early = {m for m in loaded if m.split(".")[0] in {"pydantic", "yaml", "babel"}} | {
        m for m in loaded if m in NOT_BEFORE_FIRST_FRAME
    }
    assert early == set()


SCHEDULE_SCREEN = """
import asyncio, gc, json, sys
from pathlib import Path
from tripkit.store import Store
from tripkit.tui.app import TripkitApp

async def main():
    store = Store.open(Path(sys.argv[1]))
    app = TripkitApp(store, lang="en", keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")  # from the overview, as a user does
        await pilot.pause(0.3)
        await pilot.press("right_square_bracket", "down")  # another day, the next session
        await pilot.pause(0.3)
        table = app.screen.query_one("SessionTable")
        detail = str(app.screen.query_one("#detail-text").content)
        gc.collect()
        from tripkit.core.models import Session
        models = sum(1 for o in gc.get_objects() if isinstance(o, Session))
        print(json.dumps({"rows": len(table.rows), "shown": table.row_count(),
                          "detail": detail, "models": models,
                          "index": "tripkit.core.search" in sys.modules and any(
                              type(o).__name__ == "SearchIndex" for o in gc.get_objects())}))

asyncio.run(main())
"""


def test_the_schedule_screen_holds_rows_not_models(tmp_path: Path, corpus: Path) -> None:
    """38c3 (1,007 sessions) on the Schedule screen: every session is listed, the detail pane
    shows the highlighted one in full (read when shown), and no Session model or in-memory
    search index is kept (they cost ~15 MB for this programme)."""
    from tripkit.services.schedule import import_schedule
    from tripkit.store import Store as _Store

    home = _example_home(tmp_path)
    with _Store.open(home) as store:
        trip = store.get_trip(store.current_trip_id() or "")
        import_schedule(store, trip, str(corpus / "frab-xml" / "38c3.xml"))
        sessions = store.programmes.sessions(trip.id)
    out = json.loads(run_python(SCHEDULE_SCREEN, str(home), home=home))
    assert out["rows"] == len(sessions) == 1007
    assert 0 < out["shown"] < 1007  # one day of the four
    # The highlighted session's abstract or speakers came from the store, not from a model.
    shown = next(s for s in sessions if s.title in out["detail"])
    assert shown.abstract[:40] in out["detail"] or shown.speakers[0].name in out["detail"]
    assert out["models"] == 0
    assert out["index"] is False
