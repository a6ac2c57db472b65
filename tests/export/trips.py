"""Travellers unlike the demo, for export tests: FOSDEM in Brussels via Frankfurt."""

from __future__ import annotations

from datetime import date

from tripkit.core.models import (
    Conference,
    FlightSegment,
    Passport,
    Stay,
    TimeWindow,
    Traveller,
    Trip,
    Venue,
)
from tripkit.core.zoned import parse_zoned

BRU = "Europe/Brussels"
TYO = "Asia/Tokyo"


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
        conference=Conference(
            name="FOSDEM 2026",
            url="https://fosdem.org/2026/",
            first_day=date(2026, 1, 31),
            last_day=date(2026, 2, 1),
            venue=Venue(
                name="ULB Solbosch",
                address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
                city="Brussels",
                country="BE",
                tz=BRU,
            ),
            badge_pickup=[
                TimeWindow(
                    start=z(f"2026-01-31T09:00[{BRU}]"),
                    end=z(f"2026-01-31T12:00[{BRU}]"),
                    label="Info desk, K",
                )
            ],
        ),
        flights=[
            FlightSegment(
                flight="LH711",
                origin="NRT",
                destination="FRA",
                departs=z(f"2026-01-29T10:30[{TYO}]"),
                arrives=z(f"2026-01-29T16:45[{BRU}]".replace(BRU, "Europe/Berlin")),
                booking_ref="FOSD26",
            ),
            FlightSegment(
                flight="LH1012",
                origin="FRA",
                destination="BRU",
                departs=z("2026-01-29T19:05[Europe/Berlin]"),
                arrives=z(f"2026-01-29T20:05[{BRU}]"),
                booking_ref="FOSD26",
            ),
            FlightSegment(
                flight="LH1007",
                origin="BRU",
                destination="FRA",
                departs=z(f"2026-02-02T10:00[{BRU}]"),
                arrives=z("2026-02-02T11:00[Europe/Berlin]"),
                booking_ref="FOSD26",
            ),
            FlightSegment(
                flight="LH710",
                origin="FRA",
                destination="NRT",
                departs=z("2026-02-02T13:30[Europe/Berlin]"),
                arrives=z(f"2026-02-03T09:50[{TYO}]"),
                booking_ref="FOSD26",
            ),
        ],
        stays=[
            Stay(
                name="Hotel near Flagey",
                address="Place Flagey 1, 1050 Ixelles",
                check_in=z(f"2026-01-29T21:00[{BRU}]"),
                check_out=z(f"2026-02-02T08:00[{BRU}]"),
            )
        ],
    )


BER = "Europe/Berlin"


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
        conference=Conference(
            name="FOSDEM 2026",
            url="https://fosdem.org/2026/",
            first_day=date(2026, 1, 31),
            last_day=date(2026, 2, 1),
            venue=Venue(
                name="ULB Solbosch",
                address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
                city="Brussels",
                country="BE",
                tz=BRU,
            ),
        ),
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
        stays=[
            Stay(
                name="Hotel near Flagey",
                address="Place Flagey 1, 1050 Ixelles",
                check_in=z(f"2026-01-29T20:00[{BRU}]"),
                check_out=z(f"2026-02-02T10:00[{BRU}]"),
            )
        ],
    )
