"""Country names that take "the" in running English ("Return to the United States", "citizens
of the Netherlands"), said in one place (tripkit.core.wording.in_running_text) for travellers
unlike the demo: an American flying home from FOSDEM, a Dutch engineer to San Francisco.
Japanese has no article and is unchanged; a name used as an adjective ("United States
preclearance") or in an address ("San Francisco (SFO), United States") takes none."""

from __future__ import annotations

from trip_builders import Flight, flying_trip

from tripkit.core.models import Trip
from tripkit.core.wording import in_running_text
from tripkit.services.entry import borders

SF, BRU, AMS = "America/Los_Angeles", "Europe/Brussels", "Europe/Amsterdam"


def make(citizen: str, home_tz: str, venue: dict[str, str], days: tuple[str, str],
         flights: list[Flight]) -> Trip:  # fmt: skip
    return flying_trip(citizen, home_tz, venue, days, flights, passport_expires="2034-01-01")


def american_at_fosdem() -> Trip:
    return make(
        "US",
        SF,
        {"city": "Brussels", "country": "BE", "tz": BRU},
        ("2027-01-30", "2027-01-31"),
        [
            ("UA990", "SFO", "BRU", f"2027-01-28T17:00[{SF}]", f"2027-01-29T13:00[{BRU}]"),
            ("UA991", "BRU", "SFO", f"2027-02-01T11:00[{BRU}]", f"2027-02-01T14:00[{SF}]"),
        ],
    )


def dutch_to_san_francisco() -> Trip:
    return make(
        "NL",
        AMS,
        {"city": "San Francisco", "country": "US", "tz": SF},
        ("2027-05-11", "2027-05-13"),
        [
            ("KL605", "AMS", "SFO", f"2027-05-10T10:00[{AMS}]", f"2027-05-10T12:30[{SF}]"),
            ("KL606", "SFO", "AMS", f"2027-05-14T14:00[{SF}]", f"2027-05-15T09:45[{AMS}]"),
        ],
    )


def test_the_rule() -> None:
    """One place decides it, by the name: CLDR's names for countries tripkit has no file for
    are covered too."""
    for name in ("United States", "United Kingdom", "Netherlands", "Philippines",
                 "United Arab Emirates", "Dominican Republic", "Cayman Islands"):  # fmt: skip
        assert in_running_text(name, "en") == f"the {name}"
    for name in ("Japan", "Czechia", "Germany", "Belgium", "India"):
        assert in_running_text(name, "en") == name
    assert in_running_text("アメリカ合衆国", "ja") == "アメリカ合衆国"
    assert in_running_text("the Gambia", "en") == "the Gambia"  # never "the the"


def test_the_way_home_to_the_united_states() -> None:
    """Wrong before: "Return to United States at San Francisco (SFO)", the title a US traveller
    reads on the entry card, the Overview and the binder: it reads as machine output and
    makes every other line of the card less trusted."""
    titles = [bv.title for bv in borders(american_at_fosdem(), "en")]
    assert any(t.startswith("Return to the United States at San Francisco (SFO)") for t in titles)
    assert not any("to United States" in t for t in titles), titles
    ja = [bv.title for bv in borders(american_at_fosdem(), "ja")]
    assert not any("the " in t for t in ja), ja


def test_a_dutch_citizen_reads_the_netherlands() -> None:
    """Wrong before: "Citizens of Netherlands need ESTA ... for United States": two missing
    articles in one sentence of the card a Dutch traveller shows they read."""
    us = next(bv for bv in borders(dutch_to_san_francisco(), "en") if bv.border.country == "US")
    text = "\n".join([us.title, *us.lines, *us.warnings])
    assert us.title.startswith("Entry to the United States at San Francisco (SFO)")
    assert "Citizens of the Netherlands need ESTA (Visa Waiver Program) for the United States" in (
        text
    ), text
    assert "of Netherlands" not in text and "for United States" not in text, text
