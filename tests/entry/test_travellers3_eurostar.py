"""The Eurostar's borders (core.route, services.entry), for travellers unlike the demo.

entry-rules-world.md §4 (medium-high, 2025-10): from the UK by Eurostar (St Pancras), Dover or
the Eurotunnel, the Schengen border, EES registration included, is passed before departure on
UK soil (juxtaposed controls). Where the UK border is passed coming the other way is not in
the references: tripkit says it does not know, rather than place it at London's platform."""

from __future__ import annotations

from fosdem_trips import fly_rail_fly

from tripkit.core.models import FlightSegment, GroundLeg, Passport, Traveller, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.services.entry import border_json, borders

TYO, LON, BRU = "Asia/Tokyo", "Europe/London", "Europe/Brussels"


def london_then_brussels() -> Trip:
    """A Japanese engineer flies into Heathrow, takes the Eurostar 9116 from St Pancras to
    Brussels for FOSDEM 2027, and flies home from Brussels."""
    from fosdem_trips import fosdem_conference

    z = parse_zoned
    return Trip(
        id="lon-bru",
        name="London, then FOSDEM",
        traveller=Traveller(
            name="Aoi Sato",
            citizenships=["JP"],
            home_country="JP",
            home_tz=TYO,
            language="en",
            passport=Passport(expires=parse_zoned(f"2034-01-01T00:00[{TYO}]").date()),
        ),
        conference=fosdem_conference(2027),
        flights=[
            FlightSegment(
                flight="JL43",
                origin="HND",
                destination="LHR",
                departs=z(f"2027-01-25T11:00[{TYO}]"),
                arrives=z(f"2027-01-25T15:30[{LON}]"),
            ),
            FlightSegment(
                flight="NH7712",
                origin="BRU",
                destination="NRT",
                departs=z(f"2027-02-01T12:00[{BRU}]"),
                arrives=z(f"2027-02-02T09:00[{TYO}]"),
            ),
        ],  # fmt: skip
        ground=[
            GroundLeg(
                mode="train",
                service="Eurostar 9116",
                origin="London St Pancras",
                origin_country="GB",
                destination="Bruxelles-Midi",
                destination_country="BE",
                departs=z(f"2027-01-29T08:01[{LON}]"),
                arrives=z(f"2027-01-29T11:05[{BRU}]"),
            )
        ],
    )


def test_schengen_is_entered_at_st_pancras_before_the_train() -> None:
    """Wrong before: "Entry to Belgium (Schengen area) (by land) · Fri 29 Jan 2027 11:05 CET",
    at the Brussels platform. The traveller who plans the EES registration (fingerprints,
    photo) for Brussels misses that it is done in London before boarding: arriving at St
    Pancras with the usual margin for a train, they miss the Eurostar."""
    views = borders(london_then_brussels(), "en")
    be = next(bv for bv in views if bv.border.country == "BE")
    assert be.border.at == parse_zoned(f"2027-01-29T08:01[{LON}]")  # the departure, London
    assert be.title.endswith("Fri 29 Jan 2027 08:01 GMT"), be.title
    assert "You pass this border at London St Pancras, before departure, not on arrival" in be.lines
    assert any("EES registration included, is passed before departure" in x for x in be.lines)
    assert any("particle.news" in s.url for s in be.verdict.sources)
    assert border_json(be)["checked"] == "before-departure"
    ja = next(bv for bv in borders(london_then_brussels(), "ja") if bv.border.country == "BE")
    assert "この国境審査は到着時ではなく、出発前にLondon St Pancrasで受けます" in ja.lines


def test_where_the_uk_border_is_on_the_way_back_is_unknown() -> None:
    """Wrong before: the UK border placed at London St Pancras on arrival, said as a fact:
    the references do not say where it is passed from Brussels, so the card says so and to
    keep the documents at hand for the whole leg, rather than send the traveller to a check
    that may have been before boarding."""
    gb = next(bv for bv in borders(fly_rail_fly(), "en") if bv.border.country == "GB")
    assert gb.border.checked == "unknown"
    assert (
        "Where this border is passed on Bruxelles-Midi → London St Pancras (before departure, "
        "on board or on arrival) is not in tripkit's sources"
    ) in "\n".join(gb.lines)
    assert border_json(gb)["checked"] == "unknown"
