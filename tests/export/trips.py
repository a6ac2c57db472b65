"""Travellers unlike the demo, for export tests: FOSDEM in Brussels via Frankfurt, and from
Berlin (the parts are shared: tests/fosdem_trips.py)."""

from __future__ import annotations

from datetime import date

from fosdem_trips import BER, BRU, TYO, flagey_stay, fosdem_conference, via_frankfurt

from tripkit.core.models import FlightSegment, Passport, TimeWindow, Traveller, Trip
from tripkit.core.zoned import parse_zoned

__all__ = ["BRU", "TYO", "fosdem_via_frankfurt", "german_at_fosdem"]


def fosdem_via_frankfurt() -> Trip:
    """An Indian engineer living in Tokyo flies NRT -> FRA -> BRU for FOSDEM 2026 and back
    BRU -> FRA -> NRT (connections both ways, three countries)."""
    z = parse_zoned
    return Trip(
        id="fosdem-2026",
        name="FOSDEM 2026",
        traveller=Traveller(
            name="Priya Raman",
            citizenships=["IN"],
            home_country="JP",
            home_tz=TYO,
            language="en",
            passport=Passport(expires=date(2031, 5, 1)),
        ),
        conference=fosdem_conference(
            2026,
            badge_pickup=[
                TimeWindow(
                    start=z(f"2026-01-31T09:00[{BRU}]"),
                    end=z(f"2026-01-31T12:00[{BRU}]"),
                    label="Info desk, K",
                )
            ],
        ),
        flights=via_frankfurt("2026-01-29", "2026-02-02", "2026-02-03", "FOSD26"),
        stays=[flagey_stay("2026-01-29T21:00", "2026-02-02T08:00")],
    )


def german_at_fosdem() -> Trip:
    """A German developer from Berlin at FOSDEM 2026: a short hop BER -> BRU on Thursday,
    a fringe event on Friday, the conference at the weekend, home on Monday. Home and venue
    are both on Central European Time (no home time beside each line), unlike the demo."""
    z = parse_zoned
    return Trip(
        id="fosdem-2026-de",
        name="FOSDEM 2026 (Jonas)",
        traveller=Traveller(
            name="Jonas Weber",
            citizenships=["DE"],
            home_country="DE",
            home_tz=BER,
            language="en",
            passport=Passport(expires=date(2030, 3, 1)),
        ),
        conference=fosdem_conference(2026),
        flights=[
            FlightSegment(
                flight="SN2588",
                origin="BER",
                destination="BRU",
                departs=z(f"2026-01-29T17:10[{BER}]"),
                arrives=z(f"2026-01-29T18:35[{BRU}]"),
            ),
            FlightSegment(
                flight="SN2583",
                origin="BRU",
                destination="BER",
                departs=z(f"2026-02-02T12:15[{BRU}]"),
                arrives=z(f"2026-02-02T13:40[{BER}]"),
            ),
        ],
        stays=[flagey_stay("2026-01-29T20:00", "2026-02-02T10:00")],
    )
