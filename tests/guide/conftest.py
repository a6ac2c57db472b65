"""Fixtures of the guide tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def overlay_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "overlays"
    folder.mkdir()
    return folder
