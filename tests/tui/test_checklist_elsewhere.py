"""Checklist items for other destinations (issue 9): hidden in the TUI until the filter (f)
reaches "all", as `tripkit checklist --all` does in the shell."""

from __future__ import annotations

from textual.widgets import DataTable

from tripkit.core.models import Venue


def _row_ids(app) -> list[str]:
    table = app.screen.query_one("#cl-table", DataTable)
    return [str(k.value) for k in table.rows]


async def test_items_for_other_destinations_only_under_all(make_app, tui_store, demo_trip) -> None:
    # The demo traveller going to London instead: San Francisco items concern another city.
    london = demo_trip.model_copy(
        update={
            "conference": demo_trip.conference.model_copy(
                update={
                    "venue": Venue(name="ExCeL", city="London", country="GB", tz="Europe/London")
                }
            )
        }
    )
    tui_store.put_trip(london)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "sf-safety" not in _row_ids(app)
        await pilot.press("f")  # overdue
        await pilot.pause()
        assert "sf-safety" not in _row_ids(app)
        await pilot.press("f")  # all
        await pilot.pause()
        assert "sf-safety" in _row_ids(app)
