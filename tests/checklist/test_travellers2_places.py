"""Where a border is, said right for travellers unlike the demo: US preclearance at
Vancouver, Luxembourg in the Schengen area, airports by city (bundled data)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from checklist_builders import esta, make_trip, seg

from tripkit.core.models import Authorisation, ChecklistItem, Trip
from tripkit.paths import bundled_data
from tripkit.services import checklist as svc
from tripkit.services import entry as entry_svc
from tripkit.store import Store

pytestmark = pytest.mark.skipif(
    not (bundled_data() / "countries" / "us.yaml").is_file(), reason="no bundled entry data"
)
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
VAN, CHI, BER = "America/Vancouver", "America/Chicago", "Europe/Berlin"


def items(store: Store, trip: Trip, lang: str = "en") -> dict[str, ChecklistItem]:
    store.put_trip(trip)
    return {i.id: i for i in svc.checklist_items(store, trip, lang, now=NOW)}


def via_vancouver(*, connect_in_us: bool) -> Trip:
    """A German: FRA -> YVR (Canada, eTA), YVR -> SFO (US preclearance at YVR), and on to
    Austin when `connect_in_us`."""
    flights = [
        seg("LH492", "FRA", "YVR", f"2027-01-11T13:00[{BER}]", f"2027-01-11T14:30[{VAN}]"),
        seg(
            "AC560",
            "YVR",
            "SFO",
            f"2027-01-11T18:00[{VAN}]",
            "2027-01-11T20:10[America/Los_Angeles]",
        ),
    ]
    if connect_in_us:
        flights.append(
            seg(
                "UA100",
                "SFO",
                "AUS",
                "2027-01-11T22:00[America/Los_Angeles]",
                f"2027-01-12T03:30[{CHI}]",
            )
        )
    home_from = "AUS" if connect_in_us else "SFO"
    zone = CHI if connect_in_us else "America/Los_Angeles"
    flights.append(
        seg("LH457", home_from, "FRA", f"2027-01-15T15:00[{zone}]", f"2027-01-16T11:00[{BER}]")
    )
    eta = Authorisation(
        kind="eTA", country="CA", expires=date(2029, 1, 1), passport_expires=date(2030, 1, 1)
    )
    return make_trip(
        citizenships=["DE"],
        home_country="DE",
        home_tz=BER,
        venue_country="US",
        venue_tz=CHI if connect_in_us else "America/Los_Angeles",
        city="Austin" if connect_in_us else "San Francisco",
        city_id="austin" if connect_in_us else "san-francisco",
        flights=flights,
        stays=[],
        authorisations=[esta(), eta],
    )


def test_immigration_is_due_at_preclearance_not_on_landing(store: Store) -> None:
    """ "Due at landing at the first port of entry" sends a traveller to prepare their answers
    for SFO when the US officer questions them in Vancouver, before boarding: unprepared at
    the one interview that decides whether they may board."""
    got = items(store, via_vancouver(connect_in_us=False))
    answers = got["immigration-answers"]
    assert answers.due == datetime.fromisoformat("2027-01-11T18:00:00-08:00")
    assert "landing at the first port of entry" not in answers.reason
    assert "United States preclearance at Vancouver (YVR), before you board AC560" in (
        answers.reason
    )
    ja = items(store, via_vancouver(connect_in_us=False), "ja")["immigration-answers"]
    assert "バンクーバー(YVR)でのアメリカ合衆国の事前入国審査(AC560の搭乗前)" in ja.reason


def test_no_bag_recheck_after_preclearance_and_the_reason_is_true(store: Store) -> None:
    """Vancouver -> SFO -> Austin: the traveller was cleared at Vancouver and lands as a
    domestic passenger. "No connection after the first port of entry" is false (there is one
    at SFO) and would make the traveller doubt the item; a "collect your bags at SFO" item
    would send them to a customs hall they never pass through."""
    bags = items(store, via_vancouver(connect_in_us=True))["us-connection-bags"]
    assert bags.status == "not_applicable"
    assert "no connection" not in bags.reason
    assert "preclearance in Vancouver (YVR)" in bags.reason
    assert "not cleared again at a US airport" in bags.reason


def test_airports_are_named_by_city_in_checklist_reasons(store: Store) -> None:
    """A bare "YVR" or "SFO" means nothing to a traveller who has never flown there: every
    other line names the city, and the checklist must match the entry screen."""
    got = items(store, via_vancouver(connect_in_us=True))
    text = " ".join(i.reason + " " + i.title for i in got.values())
    assert "ESTA is required for the United States at Vancouver (YVR)" in text
    assert " at YVR" not in text and "At YVR" not in text and "YVR:" not in text
    assert "At Vancouver (YVR)" in got["us-connection-bags"].title


def luxembourg_trip() -> Trip:
    flights = [
        seg(
            "LX100",
            "BOM",
            "LUX",
            "2027-01-11T02:00[Asia/Kolkata]",
            "2027-01-11T08:00[Europe/Luxembourg]",
        ),
        seg(
            "LX101",
            "LUX",
            "BOM",
            "2027-01-15T12:00[Europe/Luxembourg]",
            "2027-01-16T01:00[Asia/Kolkata]",
        ),
    ]
    return make_trip(
        citizenships=["IN"],
        home_country="IN",
        home_tz="Asia/Kolkata",
        venue_country="LU",
        venue_tz="Europe/Luxembourg",
        city="Luxembourg",
        city_id="luxembourg",
        flights=flights,
        stays=[],
        authorisations=[],
    )


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "Entry to Luxembourg (LUX) in the Schengen area"),
        ("ja", "ルクセンブルク(LUX)に入国(シェンゲン圏)"),
    ],
)
def test_luxembourg_is_named_once(lang: str, title: str) -> None:
    """ "Entry to Luxembourg (Schengen area) at Luxembourg (LUX)" reads as a stutter (or as two
    places); the area is still said, since that is where the traveller's stay is counted."""
    first = entry_svc.borders(luxembourg_trip(), lang)[0]
    assert first.title.startswith(title + " · ")
    assert first.title.count("Luxembourg" if lang == "en" else "ルクセンブルク") == 1
