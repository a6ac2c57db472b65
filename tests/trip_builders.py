"""A flying trip for a traveller unlike the demo, built from a few values (one builder for the
tests that need only a citizenship, a venue, the conference's days and the flights)."""

from __future__ import annotations

from typing import Any

from tripkit.core.models import Trip

Flight = tuple[str, str, str, str, str]  # flight, origin, destination, departs, arrives


def flying_trip(
    citizen: str,
    home_tz: str,
    venue: dict[str, str],
    days: tuple[str, str],
    flights: list[Flight],
    *,
    authorisations: tuple[dict[str, str], ...] = (),
    passport_expires: str = "2032-01-01",
) -> Trip:
    """The trip, validated as a stored one is; each authorisation held is tied to the passport."""
    data: dict[str, Any] = {
        "id": f"{citizen.lower()}-trip",
        "name": "Conference",
        "traveller": {
            "citizenships": [citizen],
            "home_country": citizen,
            "home_tz": home_tz,
            "passport": {"expires": passport_expires, "e_passport": True},
            "authorisations": [
                {**auth, "passport_expires": passport_expires} for auth in authorisations
            ],
        },
        "conference": {
            "name": "Conf",
            "first_day": days[0],
            "last_day": days[1],
            "venue": {"name": "Venue", **venue},
        },
        "flights": [
            {"flight": f, "origin": o, "destination": d, "departs": dep, "arrives": arr}
            for f, o, d, dep, arr in flights
        ],
    }
    return Trip.model_validate(data)
