"""The bundled example trip: a Japanese engineer going to DockerCon at Moscone Center.

Its dates are made up and placed a few weeks after today so that every deadline is live;
the trip is marked `example` and its name says so. No real DockerCon is implied.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tripkit.core.models import (
    Authorisation,
    Conference,
    FlightSegment,
    Passport,
    Stay,
    TimeWindow,
    Traveller,
    Trip,
    Venue,
)
from tripkit.core.zoned import get_zone, localize, now_utc

DEMO_ID = "dockercon-sf-example"
TOKYO = "Asia/Tokyo"
SF = "America/Los_Angeles"


def _at(day: date, hour: int, minute: int, zone: str) -> datetime:
    wall = datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001 - localized next
    return localize(wall, get_zone(zone))


def example_trip(today: date | None = None) -> Trip:
    """The example trip with its conference starting on the first Tuesday 6 weeks after `today`."""
    if today is None:
        today = now_utc().astimezone(get_zone(TOKYO)).date()
    first = today + timedelta(days=42)
    first += timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
    last = first + timedelta(days=2)
    out_day = first - timedelta(days=1)  # fly Monday evening Tokyo time, land Monday morning SF
    back_day = last + timedelta(days=1)
    return Trip(
        id=DEMO_ID,
        name="DockerCon SF (example trip)",
        example=True,
        booked_on=today - timedelta(days=7),
        traveller=Traveller(
            name="Example Traveller",
            citizenships=["JP"],
            home_country="JP",
            home_tz=TOKYO,
            language="ja",
            passport=Passport(expires=today + timedelta(days=3 * 365), e_passport=True),
            authorisations=[
                Authorisation(
                    kind="ESTA",
                    country="US",
                    granted=today - timedelta(days=300),
                    expires=today - timedelta(days=300) + timedelta(days=730),
                    passport_expires=today + timedelta(days=3 * 365),
                )
            ],
        ),
        conference=Conference(
            name="DockerCon (example)",
            url="https://www.docker.com/dockercon/",
            first_day=first,
            last_day=last,
            venue=Venue(
                name="Moscone Center",
                address="747 Howard St, San Francisco, CA 94103",
                city="San Francisco",
                city_id="san-francisco",
                venue_id="moscone-center",
                country="US",
                tz=SF,
            ),
            badge_pickup=[
                TimeWindow(
                    start=_at(out_day, 12, 0, SF),
                    end=_at(out_day, 18, 0, SF),
                    label="Badge pickup, Moscone West lobby",
                ),
                TimeWindow(
                    start=_at(first, 7, 0, SF),
                    end=_at(first, 17, 0, SF),
                    label="Badge pickup, Moscone West lobby",
                ),
            ],
        ),
        flights=[
            FlightSegment(
                flight="NH8",
                origin="NRT",
                destination="SFO",
                departs=_at(out_day, 17, 5, TOKYO),
                arrives=_at(out_day, 9, 40, SF),  # same calendar date, earlier clock: date line
                booking_ref="EXMPL1",
                origin_country="JP",
                destination_country="US",
            ),
            FlightSegment(
                flight="NH7",
                origin="SFO",
                destination="NRT",
                departs=_at(back_day, 11, 25, SF),
                arrives=_at(back_day + timedelta(days=1), 15, 30, TOKYO),
                booking_ref="EXMPL1",
                origin_country="US",
                destination_country="JP",
            ),
        ],
        stays=[
            Stay(
                name="Example hotel near Yerba Buena Gardens",
                address="(example) 3rd St, San Francisco, CA 94103",
                check_in=_at(out_day, 15, 0, SF),
                check_out=_at(back_day, 11, 0, SF) - timedelta(hours=2),
            )
        ],
        notes=(
            "This is an example trip with made-up dates. Create your own with `tripkit trip new`."
        ),
    )
