"""A first start of the TUI evaluates the checklist and the Overview's other lines in a child
process (tripkit.services.kept_fill), so that pydantic, the models, the catalog and the rule
engine never enter the app's own process (issue 10: RSS <= 1.5x a bare Textual app).

* What the Overview shows is exactly what an evaluation in the app's process shows, for the
  example trip (en, ja) and for a German traveller going by train.
* A child that cannot start, fails, crashes, hangs or keeps nothing is replaced by the
  evaluation in the app's process: the right checklist, never a traceback, never "nothing
  due" while it is being checked; keys pressed meanwhile still work.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from testpaths import TODAY

from tripkit.core.models import Trip
from tripkit.services import kept_fill
from tripkit.store import Store

from .child import heavy, run_python
from .conftest import NOW, wait_until

# The app as a user starts it, to the Overview's last part (the borders) drawn and checked.
# With "in-process" the child's interpreter does not exist: the app evaluates by itself.
START = """
import asyncio, json, sys
from datetime import datetime, UTC
from pathlib import Path
from tripkit.store import Store
from tripkit.tui.app import TripkitApp
import tripkit.services.kept_fill as kept_fill

if sys.argv[3] == "in-process":
    kept_fill.INTERPRETER = str(Path(sys.argv[1]) / "no-such-python")

async def main():
    app = TripkitApp(Store.open(Path(sys.argv[1])), lang=sys.argv[2], keymap={},
                     now=datetime(2026, 11, 27, 3, tzinfo=UTC))
    async with app.run_test(size=(160, 50)) as pilot:
        def sections():
            return "\\n".join(str(w.render()) for w in app.screen.query("#ov-scroll Static")
                              if w.display)
        seen = []
        for _ in range(600):
            await pilot.pause(0.05)
            seen.append(sections())
            if "🛂" in seen[-1] and "checking" not in seen[-1] and "確認中" not in seen[-1]:
                break
        print(json.dumps({"overview": sections(), "seen": seen,
                          "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def _home(tmp_path: Path, trip: Trip, name: str) -> Path:
    home = tmp_path / name
    with Store.open(home) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return home


def _start(home: Path, lang: str, mode: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        run_python(START, str(home), lang, mode, home=home, timeout=300)
    )
    return data


def _example() -> Trip:
    from tripkit.demo import example_trip

    return example_trip(TODAY)


def _by_train() -> Trip:
    from .fosdem import fosdem_by_train

    return fosdem_by_train()


@pytest.mark.parametrize(
    ("make", "lang", "expected"),
    [
        (
            _example,
            "en",
            ["all day · overdue  Register the trip on Tabireg", "Entry to the United States"],
        ),
        (_example, "ja", ["サンフランシスコ", "🛂"]),
        (_by_train, "en", ["Next deadlines", "Brussels", "No border with immigration control"]),
    ],
)
def test_a_first_start_shows_the_child_s_evaluation_without_loading_it(
    tmp_path: Path, make: Any, lang: str, expected: list[str]
) -> None:
    trip = make()
    child = _start(_home(tmp_path, trip, "child"), lang, "child")
    here = _start(_home(tmp_path, trip, "here"), lang, "in-process")
    # The same Overview, every section, as an evaluation in the app's own process ...
    assert child["overview"] == here["overview"]
    for part in expected:
        assert part in child["overview"], part
    # ... which did load the models (the check below can fail), while this one did not.
    assert {"pydantic", "tripkit.core.models", "tripkit.core.rules"} <= heavy(here["modules"])
    assert heavy(child["modules"]) == set()
    # Meanwhile: the trip itself at once, and the deadlines never claimed to be none.
    waiting = [s for s in child["seen"] if "checking" in s or "確認中" in s]
    assert waiting, "the child's result was there before any frame"
    assert trip.conference.name in waiting[0]
    assert all("Nothing due" not in s and "何もありません" not in s for s in waiting)


def test_the_child_keeps_what_the_cli_reads(tmp_path: Path) -> None:
    """The child keeps the checklist under the same digest as the app's process would (the
    config folder as this process resolves it): `checklist --json` reads it, equal to an
    evaluation here."""
    from tripkit.services import checklist_cache

    trip = _by_train()
    home = _home(tmp_path, trip, "home")
    now = NOW.astimezone(ZoneInfo("Europe/Berlin"))  # (the app's clock always has a zone)
    with Store.open(home) as store:
        assert checklist_cache.lookup(store, trip.id, "en", now)[1] is None
        assert kept_fill.finish(kept_fill.start(home, trip.id, "en", now))
        key, kept = checklist_cache.lookup(store, trip.id, "en", now)
        assert kept is not None
        assert kept.items == checklist_cache.evaluated_json(store, trip.id, "en", now, key)


# --- in the test's own process: a child forced, failing or not ------------------------------


def _sections(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("#ov-scroll Static") if w.display)


def _settled(app: Any) -> bool:
    text = _sections(app)
    return "🛂" in text and "checking" not in text


async def _overview(make_app: Any) -> str:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: _settled(app), 60)
        await pilot.pause()
        return _sections(app)


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "python"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch, tui_store: Store) -> Store:
    """The child used although this process has the models already (it is a test's)."""
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: True)
    return tui_store


def _forget(store: Store) -> None:
    store.db.conn.execute("DELETE FROM checklist_cache")
    store.db.conn.commit()


async def _here_then_forgotten(make_app: Any, store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    """The Overview as evaluated in this process (what the child's must equal); then nothing
    kept, and the child used again."""
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: False)
    expected = await _overview(make_app)
    _forget(store)
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: True)
    return expected


async def test_a_child_s_rows_are_what_the_overview_shows(
    make_app: Any, forced: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = await _here_then_forgotten(make_app, forced, monkeypatch)
    # Nothing is evaluated in this process now: what the Overview shows came from the child.
    from tripkit.services import checklist

    def refused(*_a: Any, **_kw: Any) -> Any:
        raise AssertionError("evaluated in the app's process")

    monkeypatch.setattr(checklist, "checklist_items", refused)
    assert await _overview(make_app) == expected


FAILURES = {
    "no interpreter": None,
    "exit 1": "exit 1",
    "crash": "kill -SEGV $$",
    "keeps nothing": "exit 0",
    "hangs": "exec sleep 30",
}


@pytest.mark.parametrize("failure", list(FAILURES))
async def test_a_failing_child_is_replaced_by_an_evaluation_here(
    make_app: Any,
    forced: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    failure: str,
) -> None:
    expected = await _here_then_forgotten(make_app, forced, monkeypatch)
    body = FAILURES[failure]
    interpreter = str(tmp_path / "none") if body is None else _script(tmp_path, body)
    monkeypatch.setattr(kept_fill, "INTERPRETER", interpreter)
    monkeypatch.setattr(kept_fill, "TIMEOUT", 2.0)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: _settled(app), 60)
        await pilot.pause()
        assert _sections(app) == expected
        assert app.screen.__class__.__name__ == "OverviewScreen"  # no error screen
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_keys_work_while_the_child_evaluates(
    make_app: Any, forced: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = await _here_then_forgotten(make_app, forced, monkeypatch)
    monkeypatch.setattr(kept_fill, "INTERPRETER", _script(tmp_path, "exec sleep 30"))
    monkeypatch.setattr(kept_fill, "TIMEOUT", 4.0)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: "checking" in _sections(app))
        text = _sections(app)
        assert "DockerCon (example)" in text and "NH8 NRT→SFO" in text  # known at once
        assert "Nothing due" not in text and "Nothing needs attention" not in text
        await pilot.press("2")
        await wait_until(pilot, lambda: app.current_mode == "checklist")
        await pilot.press("1")
        await wait_until(pilot, lambda: app.current_mode == "overview")
        await wait_until(pilot, lambda: _settled(app), 60)
        await pilot.pause()
        assert _sections(app) == expected


async def test_the_countdown_holds_its_line_while_the_child_evaluates(
    make_app: Any, forced: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The countdown needs the journey's anchors (evaluated with the checklist), so on a
    first start it arrives with the child's result. Its line is held meanwhile: if it were
    not, the conference line and everything under it would jump down one row as the user
    starts reading (or aims a click)."""
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: False)
    await _overview(make_app)  # evaluated here once: the example's countdown exists
    _forget(forced)
    monkeypatch.setattr(kept_fill, "worth_a_child", lambda: True)
    monkeypatch.setattr(kept_fill, "INTERPRETER", _script(tmp_path, "exec sleep 30"))
    monkeypatch.setattr(kept_fill, "TIMEOUT", 2.0)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: "checking" in _sections(app))
        countdown = app.screen.query_one("#ov-countdown")
        waiting = str(countdown.render()).splitlines()
        assert waiting[0] == "" and "DockerCon (example)" in waiting[1]
        await wait_until(pilot, lambda: _settled(app), 60)
        await pilot.pause()
        settled = str(countdown.render()).splitlines()
        assert settled[0].startswith("Departure in ")
        assert len(settled) == len(waiting) and settled[1:] == waiting[1:]


async def test_quitting_ends_the_child(
    make_app: Any, forced: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The child is the app's own: not left running when the app is left before it ends."""
    _forget(forced)
    monkeypatch.setattr(kept_fill, "INTERPRETER", _script(tmp_path, "exec sleep 30"))
    children: list[Any] = []
    start = kept_fill.start

    def kept_start(*args: Any) -> Any:
        children.append(start(*args))
        return children[-1]

    monkeypatch.setattr(kept_fill, "start", kept_start)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: bool(children))
        assert children[0].poll() is None
        await pilot.press("q")
    children[0].wait(timeout=10)  # killed (a sleep of 30 s would still run)
    assert children[0].returncode != 0


def test_a_hanging_child_is_stopped(tmp_path: Path) -> None:
    child = subprocess.Popen([_script(tmp_path, "exec sleep 30")])
    assert not kept_fill.finish(child, timeout=0.2)
    assert child.poll() is not None
