"""FOSDEM in Brussels, the trips unlike the demo that several test areas use: the conference
and its venue, the hotel near Flagey and the Lufthansa connection through Frankfurt, written
once (tests import it as `from fosdem_trips import ...`).

Each area builds its own traveller from these parts: an Indian engineer living in Tokyo
flying NRT -> FRA -> BRU (export, checklist and Japanese tests), a German flying from Berlin
(the binder's conference day), a German on the train (the TUI's conference day), and an
Indian engineer living in Delhi flying DEL -> DXB -> BRU (the checklist's and the Overview's
repeated warnings).
"""

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
BER = "Europe/Berlin"
TYO = "Asia/Tokyo"

# FOSDEM is the first weekend of February (or the last of January).
DAYS = {2026: (date(2026, 1, 31), date(2026, 2, 1)), 2027: (date(2027, 1, 30), date(2027, 1, 31))}


def fosdem_conference(year: int, *, curated_ids: bool = False, **extra: object) -> Conference:
    """FOSDEM `year` at ULB Solbosch; with `curated_ids` the venue names tripkit's curated
    city and venue (Japanese city names, walking data), as a trip made with `trip new` does."""
    first, last = DAYS[year]
    ids = {"city_id": "brussels", "venue_id": "ulb-brussels"} if curated_ids else {}
    return Conference(
        name=f"FOSDEM {year}",
        url=f"https://fosdem.org/{year}/",
        first_day=first,
        last_day=last,
        venue=Venue(
            name="ULB Solbosch",
            address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
            city="Brussels",
            country="BE",
            tz=BRU,
            **ids,  # type: ignore[arg-type]
        ),
        **extra,  # type: ignore[arg-type]
    )


def flagey_stay(check_in: str, check_out: str, name: str = "Hotel near Flagey") -> Stay:
    """The hotel near Flagey from `check_in` to `check_out` (local times in Brussels)."""
    return Stay(
        name=name,
        address="Place Flagey 1, 1050 Ixelles",
        check_in=parse_zoned(f"{check_in}[{BRU}]"),
        check_out=parse_zoned(f"{check_out}[{BRU}]"),
    )


def via_frankfurt(out_day: str, back_day: str, arrive_home: str, ref: str) -> list[FlightSegment]:
    """NRT -> FRA -> BRU on `out_day` and BRU -> FRA -> NRT on `back_day`, landing in Tokyo
    on `arrive_home` (the next morning: the last leg flies overnight)."""
    z = parse_zoned
    legs = [
        ("LH711", "NRT", "FRA", f"{out_day}T10:30[{TYO}]", f"{out_day}T16:45[{BER}]"),
        ("LH1012", "FRA", "BRU", f"{out_day}T19:05[{BER}]", f"{out_day}T20:05[{BRU}]"),
        ("LH1007", "BRU", "FRA", f"{back_day}T10:00[{BRU}]", f"{back_day}T11:00[{BER}]"),
        ("LH710", "FRA", "NRT", f"{back_day}T13:30[{BER}]", f"{arrive_home}T09:50[{TYO}]"),
    ]
    return [
        FlightSegment(
            flight=flight,
            origin=origin,
            destination=destination,
            departs=z(departs),
            arrives=z(arrives),
            booking_ref=ref,
        )
        for flight, origin, destination, departs, arrives in legs
    ]


def demo_at_fosdem(demo: Trip, trip_id: str) -> Trip:
    """The demo's Japanese traveller at FOSDEM 2027 instead, without flights or stays (what
    tripkit says when it has only the venue to go by)."""
    trip = demo.model_copy(deep=True, update={"id": trip_id})
    trip.conference.venue = Venue(
        name="ULB Solbosch",
        city="Brussels",
        city_id="brussels",
        venue_id="ulb-brussels",
        country="BE",
        tz=BRU,
    )
    # (each assignment is validated: move the last day first, it follows the first day)
    trip.conference.last_day, trip.conference.first_day = DAYS[2027][1], DAYS[2027][0]
    trip.conference.badge_pickup = []
    trip.flights, trip.stays = [], []
    return trip


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


def german_by_train() -> Trip:
    """A German engineer from Frankfurt takes the ICE to Brussels for FOSDEM 2027 and back:
    no flight at all, one border-free crossing inside the Schengen area, a hotel near Flagey.
    The trip a 'book your flights' item would wrong."""
    from tripkit.core.models import GroundLeg

    z = parse_zoned
    return Trip(
        id="fosdem-2027-train",
        name="FOSDEM 2027 by train",
        booked_on=date(2026, 11, 20),
        traveller=Traveller(
            name="Jonas Weber",
            citizenships=["DE"],
            home_country="DE",
            home_tz=BER,
            language="en",
            passport=Passport(expires=date(2031, 3, 1)),
        ),
        conference=fosdem_conference(2027, curated_ids=True),
        ground=[
            GroundLeg(
                mode="train",
                service="ICE 14",
                origin="Frankfurt (Main) Hbf",
                origin_country="DE",
                destination="Bruxelles-Midi",
                destination_country="BE",
                departs=z(f"2027-01-29T14:29[{BER}]"),
                arrives=z(f"2027-01-29T17:35[{BRU}]"),
                booking_ref="DB1234",
            ),
            GroundLeg(
                mode="train",
                service="ICE 17",
                origin="Bruxelles-Midi",
                origin_country="BE",
                destination="Frankfurt (Main) Hbf",
                destination_country="DE",
                departs=z(f"2027-02-01T10:25[{BRU}]"),
                arrives=z(f"2027-02-01T13:31[{BER}]"),
            ),
        ],
        stays=[flagey_stay("2027-01-29T19:00", "2027-02-01T09:00")],
    )


LON = "Europe/London"


def fly_rail_fly() -> Trip:
    """A Japanese engineer from Tokyo flies NRT -> BRU for FOSDEM 2027, takes the Eurostar
    from Bruxelles-Midi to London St Pancras after the conference (leaving the Schengen
    area by land for the UK, an hour back on the clock) and flies LHR -> NRT home: a trip
    that mixes flights and a ground leg, three jurisdictions, three zones."""
    from tripkit.core.models import GroundLeg

    z = parse_zoned
    return Trip(
        id="fosdem-2027-mixed",
        name="FOSDEM 2027, then London",
        booked_on=date(2026, 11, 20),
        traveller=Traveller(
            name="Sato Haruka",
            citizenships=["JP"],
            home_country="JP",
            home_tz=TYO,
            language="en",
            passport=Passport(expires=date(2032, 4, 1)),
        ),
        conference=fosdem_conference(2027, curated_ids=True),
        flights=[
            FlightSegment(
                flight="NH231",
                origin="NRT",
                destination="BRU",
                departs=z(f"2027-01-28T10:55[{TYO}]"),
                arrives=z(f"2027-01-28T17:20[{BRU}]"),
            ),
            FlightSegment(
                flight="JL42",
                origin="LHR",
                destination="NRT",
                departs=z(f"2027-02-03T19:15[{LON}]"),
                arrives=z(f"2027-02-04T17:35[{TYO}]"),
            ),
        ],
        ground=[
            GroundLeg(
                mode="train",
                service="Eurostar 9117",
                origin="Bruxelles-Midi",
                origin_country="BE",
                destination="London St Pancras",
                destination_country="GB",
                departs=z(f"2027-02-01T08:52[{BRU}]"),
                arrives=z(f"2027-02-01T09:57[{LON}]"),
                booking_ref="ES9117",
            ),
        ],
        stays=[flagey_stay("2027-01-28T19:00", "2027-02-01T08:00")],
    )


def indian_via_dubai(passport_expires: str = "2027-04-20") -> Trip:
    """An Indian engineer living in Delhi flies DEL -> DXB -> BRU for FOSDEM 2027 and back the
    same way (one connection airport both ways). By default the passport ends on 20 April
    2027, too soon for Schengen's 3 months after leaving (1 May): three checklist items
    (passport, visa, authorisation) then carry the same passport warning."""
    kol, dxb = "Asia/Kolkata", "Asia/Dubai"
    legs = [
        ("EK511", "DEL", "DXB", f"2027-01-28T04:00[{kol}]", f"2027-01-28T06:30[{dxb}]"),
        ("EK183", "DXB", "BRU", f"2027-01-28T08:30[{dxb}]", f"2027-01-28T13:00[{BRU}]"),
        ("EK184", "BRU", "DXB", f"2027-02-01T15:00[{BRU}]", f"2027-02-01T23:55[{dxb}]"),
        ("EK510", "DXB", "DEL", f"2027-02-02T03:00[{dxb}]", f"2027-02-02T07:30[{kol}]"),
    ]
    return Trip.model_validate(
        {
            "id": "in-fosdem",
            "name": "FOSDEM via Dubai",
            "traveller": {
                "citizenships": ["IN"],
                "home_country": "IN",
                "home_tz": kol,
                "passport": {"expires": passport_expires, "issued": "2017-04-21"},
            },
            "conference": {
                "name": "FOSDEM",
                "first_day": "2027-01-30",
                "last_day": "2027-01-31",
                "venue": {"name": "ULB", "city": "Brussels", "country": "BE", "tz": BRU},
            },
            "flights": [
                {"flight": f, "origin": o, "destination": d, "departs": dep, "arrives": arr}
                for f, o, d, dep, arr in legs
            ],
        }
    )
