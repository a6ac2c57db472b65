"""An edit of the checklist (done, undo, skip, snooze, add, remove) keeps the checklist it
leads to (tripkit.services.checklist_cache.keep_after_edit): the next `checklist --json` is
a kept read, and what it reads is what a fresh evaluation gives after the edit."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from checklist_builders import make_trip
from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.zoned import now_utc
from tripkit.services import checklist as svc
from tripkit.services import checklist_cache as kept
from tripkit.store import Store


@pytest.fixture(autouse=True)
def _rules_reread() -> Iterator[None]:
    svc._cache.clear()  # noqa: SLF001 - each test's config folder is its own
    yield
    svc._cache.clear()  # noqa: SLF001


@pytest.fixture
def item_id() -> str:
    """An applicable item of a current trip (the store holds nothing kept yet)."""
    with Store.open(paths.data_dir()) as store:
        trip = make_trip()
        store.put_trip(trip)
        store.set_current_trip(trip.id)
        items = svc.checklist_items(store, trip, "en")
    return next(i.id for i in items if i.status == "todo")


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def kept_now(lang: str = "en") -> list[dict[str, Any]] | None:
    with Store.open(paths.data_dir()) as store:
        trip_id = store.current_trip_id()
        assert trip_id is not None
        _key, row = kept.lookup(store, trip_id, lang, now_utc())
        return None if row is None else row.items


def fresh_now(lang: str = "en") -> list[dict[str, Any]]:
    with Store.open(paths.data_dir()) as store:
        trip_id = store.current_trip_id()
        assert trip_id is not None
        trip = store.get_trip(trip_id)
        items = svc.checklist_items(store, trip, lang, now=now_utc(), include_elsewhere=True)
        return [kept.item_json(i, trip) for i in items]


def status(items: list[dict[str, Any]], item_id: str) -> str:
    return str(next(i for i in items if i["id"] == item_id)["status"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["done"], "done"),
        (["skip", "--reason", "not mine"], "skipped"),
        (["snooze", "ITEM", "3d"], "snoozed"),
    ],
)
def test_a_state_edit_keeps_the_new_checklist(item_id: str, args: list[str], expected: str) -> None:
    assert kept_now() is None
    command = [a.replace("ITEM", item_id) for a in args]
    if "ITEM" not in args:
        command.insert(1, item_id)
    run("checklist", *command)
    items = kept_now()
    assert items is not None  # kept by the edit itself
    assert status(items, item_id) == expected
    assert items == fresh_now()
    run("checklist", "undo", item_id)
    again = kept_now()
    assert again is not None and status(again, item_id) == "todo"
    assert again == fresh_now()


def test_own_items_added_and_removed_are_kept(item_id: str) -> None:
    run("checklist", "add", "buy-adapter", "Buy a plug adapter", "--phase", "prepare")
    items = kept_now()
    assert items is not None and items == fresh_now()
    assert any(i["id"] == "buy-adapter" and i["custom"] for i in items)
    run("checklist", "remove", "buy-adapter")
    items = kept_now()
    assert items is not None and items == fresh_now()
    assert all(i["id"] != "buy-adapter" for i in items)


def test_kept_in_the_language_of_the_edit(item_id: str) -> None:
    run("--lang", "ja", "checklist", "done", item_id)
    assert kept_now("en") is None
    items = kept_now("ja")
    assert items is not None and items == fresh_now("ja")


def test_the_read_after_an_edit_loads_no_engine(item_id: str) -> None:
    """Whole processes, as a user runs them: the edit, then the read."""
    edit = subprocess.run(
        [sys.executable, "-m", "tripkit", "checklist", "done", item_id],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert edit.returncode == 0, edit.stderr
    code = (
        "import sys\n"
        "from tripkit.cli import main\n"
        "try:\n    main(['checklist', '--json', '--all'])\nexcept SystemExit:\n    pass\n"
        "print('PYDANTIC', 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    read = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "PYDANTIC False" in read.stderr
    items = json.loads(read.stdout)
    assert status(items, item_id) == "done"
    assert items == fresh_now()
