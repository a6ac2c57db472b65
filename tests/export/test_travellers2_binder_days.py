"""The printable binder's itinerary on conference days with nothing starred: it says that
nothing is picked, never "Free time 09:00-18:00"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from testpaths import TODAY

from tripkit.demo import example_trip
from tripkit.services.export import checklist_document
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "said", "free"),
    [
        ("en", "Nothing picked for this day yet", "Free time"),
        ("ja", "この日に選んだ予定はまだありません", "空き時間"),
    ],
)
def test_a_conference_day_with_nothing_starred_is_not_free_time(
    store: Store, lang: str, said: str, free: str
) -> None:
    """ "Free time 09:00-18:00" on every day of a conference the traveller flew to reads as
    a plan (a day off), on paper, where nothing has been picked yet: they walk past the
    sessions they came for instead of choosing them."""
    trip = example_trip(TODAY)  # no programme imported: nothing starred on any day
    store.put_trip(trip)
    conf = trip.conference
    days = (conf.last_day - conf.first_day).days + 1
    for fmt in ("text", "html"):
        doc, _ = checklist_document(store, trip, fmt=fmt, lang=lang, binder=True, now=NOW)
        assert free not in doc
        assert doc.count(said) == days
