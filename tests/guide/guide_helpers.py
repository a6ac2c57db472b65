"""Helpers for the guide tests: a fixed 'now', a Brussels trip, overlay writing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tripkit.core.models import Trip, Venue

# Noon UTC on the suite's fixed TODAY (2026-11-27): 04:00 PST the same day in San Francisco.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def with_venue(trip: Trip, venue: Venue, citizenships: list[str] | None = None) -> Trip:
    conference = trip.conference.model_copy(update={"venue": venue, "badge_pickup": []})
    update: dict[str, object] = {"conference": conference}
    if citizenships is not None:
        traveller = trip.traveller.model_copy(
            update={
                "citizenships": citizenships,
                "home_country": citizenships[0],
                "authorisations": [],
            }
        )
        update["traveller"] = traveller
    return trip.model_copy(update=update)


BRUSSELS_VENUE = Venue(
    name="ULB (Université Libre de Bruxelles)",
    city="Brussels",
    city_id="brussels",
    venue_id="ulb-brussels",
    country="BE",
    tz="Europe/Brussels",
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# A valid overlay note body (indented for a `notes:` list item), to build files from.
SOURCE = """    sources:
      - title: "Our team's notes"
        url: "https://example.org/team-notes"
        date: "2026-11-01"
"""
