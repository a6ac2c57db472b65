"""The binder's port-of-entry card and the checklist count a stay the same way.

The card's "Length of stay" is what the traveller shows an immigration officer; the checklist's
"you stay N days" decides rules such as Tabireg's 90 days. Both are printed in the same binder:
when they disagree the officer (or the traveller) is told two lengths, and one is wrong. The
card once read the flights' own country fields (usually empty) and fell back to the hotel's
dates, so a traveller who slept at a friend's first was told a shorter stay than the one the
checklist (and the passport stamps) counted.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fosdem_trips import (
    flagey_stay,
    fly_rail_fly,
    fosdem_via_frankfurt,
    german_by_train,
)

from tripkit.core.checklist import evaluate
from tripkit.core.models import Trip
from tripkit.core.rules import Rule
from tripkit.exporters.binder import BinderExtras, build_binder

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)

# A rule that always applies to a stay of a day or more: its reason is the checklist's count.
COUNT = Rule.model_validate(
    {
        "id": "count-the-stay",
        "phase": "prepare",
        "kind": "reminder",
        "title": {"en": "Count the stay", "ja": "滞在日数"},
        "when": {"stay_days_at_least": 1},
    }
)


def card_stay(trip: Trip, lang: str = "en") -> tuple[str, str]:
    """The card's length of stay: (English value, the traveller's gloss)."""
    binder = build_binder(trip, [], lang=lang, now=NOW, extras=BinderExtras())
    lines = [c for c in binder.card if c.label == "Length of stay"]
    assert len(lines) == 1, binder.card
    return lines[0].value, lines[0].value_gloss


def checklist_days(trip: Trip) -> int:
    [item] = evaluate(trip, [COUNT], countries={}, states={}, now=NOW)
    found = re.search(r"you stay (\d+) days?", item.reason)
    assert found, item.reason
    return int(found.group(1))


def card_days(trip: Trip) -> int:
    found = re.match(r"(\d+) days? \(", card_stay(trip)[0])
    assert found, card_stay(trip)
    return int(found.group(1))


def friend_first() -> Trip:
    """The Frankfurt connection (no country field on any flight), but the first two nights on
    a friend's sofa: the hotel (31 Jan - 1 Feb) disagrees with the flights (29 Jan - 2 Feb)."""
    trip = fosdem_via_frankfurt()
    trip.stays = [flagey_stay("2026-01-31T15:00", "2026-02-01T11:00")]
    return trip


def test_demo_card_and_checklist_agree(demo_trip: Trip) -> None:
    assert card_stay(demo_trip)[0] == "5 days (Mon 11 Jan 2027 – Fri 15 Jan 2027)"
    assert checklist_days(demo_trip) == 5


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        # Lands at BRU via FRA on Thu 29 Jan, leaves BRU for FRA on Mon 2 Feb.
        (fosdem_via_frankfurt, "5 days (Thu 29 Jan 2026 – Mon 2 Feb 2026)"),
        # Flies in on Thu 28 Jan, leaves Belgium by Eurostar on Mon 1 Feb (the flight home
        # leaves from London two days later: not part of the stay in Belgium).
        (fly_rail_fly, "5 days (Thu 28 Jan 2027 – Mon 1 Feb 2027)"),
        # The ICE in on Fri 29 Jan, the ICE out on Mon 1 Feb.
        (german_by_train, "4 days (Fri 29 Jan 2027 – Mon 1 Feb 2027)"),
        # The hotel says 31 Jan - 1 Feb; the traveller is in Belgium from landing to take-off.
        # (The old card said "2 days" here while the checklist said 5.)
        (friend_first, "5 days (Thu 29 Jan 2026 – Mon 2 Feb 2026)"),
    ],
)
def test_card_counts_the_stay_as_the_checklist_does(make: object, expected: str) -> None:
    trip = make()  # type: ignore[operator]
    assert card_stay(trip)[0] == expected
    assert card_days(trip) == checklist_days(trip)


def test_japanese_gloss_says_the_same_days() -> None:
    assert card_stay(friend_first(), "ja")[1] == "5日間(2026年1月29日(木) – 2026年2月2日(月))"


def test_no_length_when_the_trip_says_nothing_of_its_journey(demo_trip: Trip) -> None:
    # Without flights or ground legs the anchors fall back to the conference days: a guess
    # the card must not hand an officer as the length of stay (the hotel is not the border).
    trip = demo_trip.model_copy(deep=True)
    trip.flights = []
    binder = build_binder(trip, [], lang="en", now=NOW, extras=BinderExtras())
    assert binder.card, "the rest of the card is still printed"
    assert not [c for c in binder.card if c.label == "Length of stay"]
