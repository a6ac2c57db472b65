"""Travellers unlike the demo, for export tests: FOSDEM in Brussels via Frankfurt, and from
Berlin (built in tests/fosdem_trips.py, which other areas share)."""

from __future__ import annotations

from fosdem_trips import BRU, TYO, fosdem_via_frankfurt, german_at_fosdem

__all__ = ["BRU", "TYO", "fosdem_via_frankfurt", "german_at_fosdem"]
