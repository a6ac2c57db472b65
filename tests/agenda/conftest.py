"""Fixtures for the agenda tests: the store the CLI opens, holding a non-demo-like trip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tripkit.core.models import Trip
from tripkit.store import Store


@pytest.fixture
def home_store(
    demo_trip: Trip, tmp_path: Path, new_store: Callable[[Path], Store]
) -> Iterator[Store]:
    """The store the CLI opens (TRIPKIT_HOME of the test), holding the demo trip."""
    s = new_store(tmp_path / "tripkit-home")
    s.put_trip(demo_trip)
    s.set_current_trip(demo_trip.id)
    yield s
    s.close()
