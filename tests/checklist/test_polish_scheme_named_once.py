"""A scheme whose name already says its country is not followed by the country again: "Singapore
entry visa is required at Singapore (SIN)", never "... for Singapore at Singapore (SIN)", and
「シンガポール(SIN)でシンガポールの入国ビザが必要です」, never 「シンガポールのシンガポールの
入国ビザ」. A scheme that does not name it (ESTA) still says whose requirement it is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tripkit.core.models import Trip
from tripkit.core.wording import names_country
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
KOL, SG, SH, LON = "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Europe/London"


def flight(no: str, origin: str, dest: str, departs: str, arrives: str) -> dict[str, str]:
    return {
        "flight": no,
        "origin": origin,
        "destination": dest,
        "departs": departs,
        "arrives": arrives,
    }


def to_singapore(traveller: dict[str, Any], flights: list[dict[str, str]]) -> Trip:
    return Trip.model_validate(
        {
            "id": "sg",
            "name": "Singapore",
            "traveller": {"passport": {"expires": "2032-05-01"}, **traveller},
            "conference": {
                "name": "Conf",
                "first_day": "2027-05-11",
                "last_day": "2027-05-13",
                "venue": {"name": "Venue", "city": "Singapore", "country": "SG", "tz": SG},
            },
            "flights": flights,
        }
    )


def indian() -> Trip:
    return to_singapore(
        {"citizenships": ["IN"], "home_country": "IN", "home_tz": KOL},
        [
            flight("SQ503", "BLR", "SIN", f"2027-05-09T23:00[{KOL}]", f"2027-05-10T06:00[{SG}]"),
            flight("SQ502", "SIN", "BLR", f"2027-05-14T20:00[{SG}]", f"2027-05-14T22:00[{KOL}]"),
        ],
    )


def chinese() -> Trip:
    return to_singapore(
        {"citizenships": ["CN"], "home_country": "CN", "home_tz": SH},
        [
            flight("SQ831", "PVG", "SIN", f"2027-05-09T09:00[{SH}]", f"2027-05-09T14:30[{SG}]"),
            flight("SQ830", "SIN", "PVG", f"2027-05-14T08:00[{SG}]", f"2027-05-14T13:30[{SH}]"),
        ],
    )


def all_text(store: Store, trip: Trip, lang: str) -> str:
    store.put_trip(trip)
    items = svc.checklist_items(store, trip, lang, now=NOW)
    return "\n".join(f"{i.title}\n{i.details}\n{i.reason}" for i in items)


def test_an_indian_citizen_reads_singapore_once_per_clause(store: Store) -> None:
    text = all_text(store, indian(), "en")
    assert "Singapore entry visa is required at Singapore (SIN)" in text, text
    assert "for Singapore at Singapore" not in text, text


def test_in_japanese_the_country_is_not_said_twice(store: Store) -> None:
    text = all_text(store, indian(), "ja")
    assert "シンガポール(SIN)でシンガポールの入国ビザが必要です" in text, text
    assert "シンガポールのシンガポール" not in text, text


def test_a_chinese_citizen_to_london_reads_uk_once(store: Store) -> None:
    # Singapore waives the visa for PRC passports since 2024-02-09; the UK does not.
    trip = Trip.model_validate(
        {
            **chinese().model_dump(mode="json"),
            "conference": {
                "name": "Conf",
                "first_day": "2027-05-11",
                "last_day": "2027-05-13",
                "venue": {"name": "Venue", "city": "London", "country": "GB", "tz": LON},
            },
            "flights": [
                flight(
                    "CA937", "PEK", "LHR", f"2027-05-09T13:00[{SH}]", f"2027-05-09T17:30[{LON}]"
                ),
                flight(
                    "CA938", "LHR", "PEK", f"2027-05-14T21:00[{LON}]", f"2027-05-15T14:00[{SH}]"
                ),
            ],
        }
    )
    text = all_text(store, trip, "en")
    assert "UK visit visa is required at London (LHR)" in text, text
    assert "for the United Kingdom at London" not in text, text
    ja = all_text(store, trip, "ja")
    assert "ロンドン(LHR)で英国の訪問ビザが必要です" in ja, ja


def test_a_scheme_that_does_not_name_its_country_still_says_whose_it_is(
    store: Store, demo_trip: Trip
) -> None:
    text = all_text(store, demo_trip, "en")
    assert "ESTA (Visa Waiver Program) is required for the United States at San Francisco" in (text)


def test_which_names_say_the_country() -> None:
    assert names_country("Singapore entry visa", "SG", "en")
    assert names_country("シンガポールの入国ビザ", "SG", "ja")
    assert names_country("UK visit visa", "GB", "en")
    assert names_country("米国の訪問者ビザ(B-1/B-2)", "US", "ja")
    assert names_country("Japanese visa (short-term stay)", "JP", "en")
    assert not names_country("ESTA (Visa Waiver Program)", "US", "en")
    assert not names_country("EVUS enrollment", "US", "en")  # "US" inside a word is not it
    assert not names_country("Schengen visa", "DE", "en")
