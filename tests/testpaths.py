"""Paths and the fixed date every test area shares.

A module with a name of its own: `from conftest import ...` picks whichever of the several
conftest.py files pytest loaded last, so test modules import these from here instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "schedules"

# A fixed "today" for tests, so that example dates never depend on when the suite runs.
TODAY = date(2026, 11, 27)

# Set from `pytest --snapshot-update` (tests/conftest.py): golden files are rewritten, not compared.
UPDATE_GOLDENS = False
