"""Fixtures shared by every test area."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import testpaths
from local_site import site  # noqa: F401 - a fixture: a real HTTP server on 127.0.0.1
from testpaths import CORPUS, REPO, SHARED, TODAY

from tripkit.core.models import Trip
from tripkit.demo import example_trip
from tripkit.store import Store

__all__ = ["CORPUS", "REPO", "SHARED", "TODAY"]


def pytest_configure(config: pytest.Config) -> None:
    # One switch updates every golden file: pytest-textual-snapshot's --snapshot-update
    # rewrites the TUI's SVGs, and tests/export/export_golden.py the export goldens.
    testpaths.UPDATE_GOLDENS = bool(config.getoption("--snapshot-update", default=False))


@pytest.fixture
def corpus() -> Path:
    """The real schedules in ../shared/corpus/schedules; the test is skipped without them."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/schedules is absent (CI has it); real-schedule tests skipped")
    return CORPUS


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's real tripkit folders."""
    monkeypatch.setenv("TRIPKIT_HOME", str(tmp_path / "tripkit-home"))
    monkeypatch.delenv("TRIPKIT_CONFIG", raising=False)
    monkeypatch.delenv("TRIPKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture
def demo_trip() -> Trip:
    return example_trip(TODAY)


@pytest.fixture(scope="session")
def _empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, migrated, empty store folder, made once per test process by `Store.open` itself.

    Creating a store costs tens of milliseconds (the migrations, WAL, fsyncs) and hundreds of
    tests want an empty one; a copy of this folder is the same store for a few milliseconds.
    Tests of store creation itself call `Store.open` on a folder of their own.
    """
    folder = tmp_path_factory.mktemp("empty-store") / "store"
    Store.open(folder).close()
    return folder


@pytest.fixture
def new_store(_empty_store: Path) -> Callable[[Path], Store]:
    """`new_store(folder)`: an empty store opened in `folder` (which must not exist yet)."""

    def make(folder: Path) -> Store:
        shutil.copytree(_empty_store, folder)  # the folder's mode and the file's, as created
        return Store.open(folder)

    return make


@pytest.fixture
def store(tmp_path: Path, new_store: Callable[[Path], Store]) -> Iterator[Store]:
    s = new_store(tmp_path / "store")
    yield s
    s.close()
