"""A start of the TUI (a later one; a first one too, through its child process), to the
Overview and on to the Schedule screen with a real programme, loads neither pydantic nor the
models nor the country catalog (issue 10: RSS <= 1.5x a bare Textual app), and shows exactly
what a start that evaluates everything shows.

* The trip is read as read-only records (tripkit.core.tripview); the checklist, the stale
  guide notes and the borders come from what the last evaluation kept
  (tripkit.services.checklist_cache, tripkit.services.overview_kept).
* What is kept follows every change: a setting that makes guide notes stale, a passport
  that no longer covers the trip, the next day at the venue.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from testpaths import TODAY

from tripkit.core.zoned import at_midnight
from tripkit.services import config
from tripkit.services import overview_kept as kept
from tripkit.store import Store

from .child import heavy, run_python
from .conftest import NOW, wait_until

# The app as a user starts it: the Overview until its last part (the borders) is drawn, its
# text, then 3 for the Schedule screen until the programme is listed.
START = """
import asyncio, json, sys
from datetime import datetime, UTC
from pathlib import Path
from tripkit.store import Store
from tripkit.tui.app import TripkitApp

async def main():
    app = TripkitApp(Store.open(Path(sys.argv[1])), lang=sys.argv[2], keymap={},
                     now=datetime(2026, 11, 27, 3, tzinfo=UTC))
    async with app.run_test(size=(160, 50)) as pilot:
        def text():
            return "\\n".join(s.text.rstrip() for s in app.screen._compositor.render_strips())
        for _ in range(400):
            await pilot.pause(0.05)
            if "🛂" in text():  # the borders: the Overview's last part
                break
        overview = text()
        await pilot.press("3")
        for _ in range(400):
            await pilot.pause(0.05)
            if app.screen.query("SessionTable") and app.screen.query_one("SessionTable").rows:
                break
        rows = len(app.screen.query_one("SessionTable").rows)
        print(json.dumps({"overview": overview, "rows": rows, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def _start(home: Path, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run_python(START, str(home), lang, home=home, timeout=180))
    return data


def test_the_headline_is_no_input_of_the_kept_checklist() -> None:
    """The Overview keeps its headline (the next deadlines) after reading the checklist: as
    an input of the checklist's digest it would make every next start evaluate again."""
    from tripkit.services.tui_support import SUMMARY_KEY
    from tripkit.store.checklist_cache import DERIVED_SETTINGS

    assert SUMMARY_KEY in DERIVED_SETTINGS


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_later_start_to_the_schedule_loads_no_models(
    tmp_path: Path, corpus: Path, lang: str
) -> None:
    from tripkit.demo import example_trip
    from tripkit.services.schedule import import_schedule

    home = tmp_path / "home"
    with Store.open(home) as store:
        trip = example_trip(TODAY)
        store.put_trip(trip)
        store.set_current_trip(trip.id)
        import_schedule(store, trip, str(corpus / "frab-xml" / "38c3.xml"))
    first, again = _start(home, lang), _start(home, lang)
    assert first["rows"] == again["rows"] == 1007
    # The first start evaluated the checklist, the guide and the borders in a child process
    # (tripkit.services.kept_fill, tests/tui/test_kept_fill.py), which kept them.
    assert heavy(first["modules"]) == set()
    assert heavy(again["modules"]) == set()
    # ... and a later start shows the very same Overview, every section drawn.
    parts = {
        "en": [
            "Next deadlines",
            "Needs attention",
            "Flights and stays",
            "Borders",
            "San Francisco",
        ],
        # The city as the curated files name it (kept: no catalog loaded to name it).
        "ja": ["サンフランシスコ", "NH8 NRT→SFO"],
    }[lang]
    for part in [*parts, "🛂"]:
        assert part in again["overview"], part
    assert again["overview"] == first["overview"]


async def _overview(make_app: Any, now: Any = NOW) -> str:
    """The Overview's sections as drawn (all of them, also those below the screen's end)."""
    app = make_app(now=now)
    async with app.run_test(size=(160, 50)) as pilot:

        def sections() -> str:
            return "\n".join(str(w.render()) for w in app.screen.query("#ov-scroll Static"))

        await wait_until(pilot, lambda: "🛂" in sections())
        await pilot.pause()
        return sections()


async def test_kept_lines_follow_the_settings_and_the_trip(make_app, tui_store, demo_trip) -> None:
    later = datetime(2027, 6, 1, 12, tzinfo=UTC)  # the notes were reviewed in Nov 2026
    before = await _overview(make_app, later)
    assert "Guide note may be out of date" not in before
    assert "in order" in before
    # Every note was reviewed more than a month before: all are stale now.
    config.set_value(tui_store, "guide.max_age_months", "1")
    stale = await _overview(make_app, later)
    assert "Guide note may be out of date" in stale
    assert await _overview(make_app, later) == stale  # kept: the same lines
    # An ESTA that runs out before the trip: the border is not in order any more.
    trip = tui_store.get_trip(demo_trip.id)
    esta = trip.traveller.authorisations[0]
    trip.traveller.authorisations = [esta.model_copy(update={"expires": date(2026, 12, 1)})]
    tui_store.put_trip(trip)
    after = await _overview(make_app)
    assert "does not cover the trip" in after
    assert "Entry to the United States" in after


def test_the_kept_lines_hold_for_the_day_at_the_venue(tui_store, demo_trip, monkeypatch) -> None:
    calls: list[object] = []
    evaluate = kept._evaluate  # noqa: SLF001 - counting evaluations

    def counted(*args: Any) -> Any:
        calls.append(args[-1])
        return evaluate(*args)

    monkeypatch.setattr(kept, "_evaluate", counted)
    tz = demo_trip.venue_tz
    first = kept.attention(tui_store, demo_trip.id, tz, "en", NOW)
    same_day = NOW + timedelta(hours=4)  # 23:00 at the venue (NOW: 19:00 PST)
    assert kept.attention(tui_store, demo_trip.id, tz, "en", same_day) == first
    assert len(calls) == 1
    # The next day at the venue (a note may have become stale): evaluated again.
    local = NOW.astimezone(ZoneInfo(tz))
    next_day = at_midnight(local.date() + timedelta(days=1), tz)
    kept.attention(tui_store, demo_trip.id, tz, "en", next_day - timedelta(microseconds=1))
    assert len(calls) == 1  # the last instant of the day still holds
    kept.attention(tui_store, demo_trip.id, tz, "en", next_day)
    assert len(calls) == 2
    # Another language is its own row.
    kept.attention(tui_store, demo_trip.id, tz, "ja", next_day)
    assert len(calls) == 3


def test_a_damaged_kept_row_is_evaluated_again(tui_store, demo_trip) -> None:
    from tripkit.store import checklist_cache as rows

    tz = demo_trip.venue_tz
    good = kept.attention(tui_store, demo_trip.id, tz, "en", NOW)
    key = kept.fingerprint(tui_store, demo_trip.id, "en")
    assert key is not None
    bad = rows.Cached(key, None, None, [{"stale": "x", "borders": []}])
    rows.write(tui_store.db, demo_trip.id, kept.ROW.format(lang="en"), bad)
    assert kept.attention(tui_store, demo_trip.id, tz, "en", NOW) == good
