"""Entry tests read the small fixture data in tests/entry/data unless they ask for the
bundled data (tests marked in their names `bundled`)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point tripkit's bundled-data folder at tests/entry/data for this test."""
    root = Path(__file__).parent / "data"
    monkeypatch.setattr("tripkit.paths.bundled_data", lambda: root)
    return root
