"""A country inside a rule's text reads as in an English sentence: "Passport valid long enough
for the United States", "the Netherlands", "the United Kingdom" (never "for United States");
"Singapore" and "Japan" take no article; Japanese has none. A user's rule whose text starts
with the country starts with a capital ("The Netherlands ...")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tripkit import paths
from tripkit.core.models import ChecklistItem, Trip
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
AMS, LON, NY, SG = "Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Singapore"
TITLED = ("passport-validity", "e-passport", "visa-eligibility")


def make(traveller: dict[str, Any], venue: dict[str, str], flights: list[dict[str, str]]) -> Trip:
    return Trip.model_validate(
        {
            "id": "articles",
            "name": "Articles",
            "traveller": {"passport": {"expires": "2032-05-01"}, **traveller},
            "conference": {
                "name": "Conf",
                "first_day": "2027-05-11",
                "last_day": "2027-05-13",
                "venue": {"name": "Venue", **venue},
            },
            "flights": flights,
        }
    )


def flight(no: str, origin: str, dest: str, departs: str, arrives: str) -> dict[str, str]:
    return {
        "flight": no,
        "origin": origin,
        "destination": dest,
        "departs": departs,
        "arrives": arrives,
    }


def dutch_to_london() -> Trip:
    return make(
        {"citizenships": ["NL"], "home_country": "NL", "home_tz": AMS},
        {"city": "London", "country": "GB", "tz": LON},
        [
            flight("KL1001", "AMS", "LHR", f"2027-05-10T09:00[{AMS}]", f"2027-05-10T09:20[{LON}]"),
            flight("KL1002", "LHR", "AMS", f"2027-05-14T18:00[{LON}]", f"2027-05-14T20:20[{AMS}]"),
        ],
    )


def american_to_amsterdam() -> Trip:
    return make(
        {"citizenships": ["US"], "home_country": "US", "home_tz": NY},
        {"city": "Amsterdam", "country": "NL", "tz": AMS},
        [
            flight("KL642", "JFK", "AMS", f"2027-05-09T18:00[{NY}]", f"2027-05-10T08:00[{AMS}]"),
            flight("KL641", "AMS", "JFK", f"2027-05-14T11:00[{AMS}]", f"2027-05-14T13:00[{NY}]"),
        ],
    )


def dutch_to_singapore() -> Trip:
    return make(
        {"citizenships": ["NL"], "home_country": "NL", "home_tz": AMS},
        {"city": "Singapore", "country": "SG", "tz": SG},
        [
            flight("KL835", "AMS", "SIN", f"2027-05-09T21:00[{AMS}]", f"2027-05-10T16:00[{SG}]"),
            flight("KL836", "SIN", "AMS", f"2027-05-14T23:00[{SG}]", f"2027-05-15T06:30[{AMS}]"),
        ],
    )


def titles(store: Store, trip: Trip, lang: str = "en") -> dict[str, str]:
    store.put_trip(trip)
    found: dict[str, ChecklistItem] = {
        i.id: i for i in svc.checklist_items(store, trip, lang, now=NOW)
    }
    return {k: found[k].title for k in TITLED}


def test_the_united_kingdom_for_a_dutch_traveller(store: Store) -> None:
    assert titles(store, dutch_to_london()) == {
        "passport-validity": "Passport valid long enough for the United Kingdom",
        "e-passport": "e-passport (with a chip) if the United Kingdom requires one",
        "visa-eligibility": "No visa needed for the United Kingdom, or a visa applied for",
    }


def test_the_netherlands_for_an_american(store: Store) -> None:
    got = titles(store, american_to_amsterdam())
    assert got["passport-validity"] == "Passport valid long enough for the Netherlands"
    assert got["visa-eligibility"] == "No visa needed for the Netherlands, or a visa applied for"


def test_a_name_without_an_article_and_japanese_are_unchanged(store: Store) -> None:
    got = titles(store, dutch_to_singapore())
    assert got["passport-validity"] == "Passport valid long enough for Singapore"
    ja = titles(store, american_to_amsterdam(), "ja")
    assert ja["passport-validity"] == "パスポートの残存期間がオランダの入国条件を満たしている"
    assert "the" not in "".join(ja.values())


def test_the_details_say_it_in_running_text_too(store: Store) -> None:
    store.put_trip(dutch_to_london())
    item = next(
        i
        for i in svc.checklist_items(store, dutch_to_london(), "en", now=NOW)
        if i.id == "passport-validity"
    )
    assert "the day you leave the United Kingdom plus the margin the United Kingdom" in (
        item.details
    )


RULE = """\
rules:
  - id: mine-country-first
    phase: prepare
    kind: reminder
    title: {en: "{destination} asks for a form", ja: "{destination}の書類"}
    details: {en: "{destination} asks for it; {home_country} does not.", ja: "{destination}"}
"""


def test_a_users_text_that_starts_with_the_country_starts_with_a_capital(store: Store) -> None:
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(RULE, encoding="utf-8")
    trip = american_to_amsterdam()
    store.put_trip(trip)
    item = next(
        i for i in svc.checklist_items(store, trip, "en", now=NOW) if i.id == "mine-country-first"
    )
    assert item.title == "The Netherlands asks for a form"
    assert item.details == "The Netherlands asks for it; the United States does not."
