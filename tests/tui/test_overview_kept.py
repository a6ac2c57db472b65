"""The Overview's next deadlines and warnings come from the kept checklist
(tripkit.services.checklist_cache): a later start shows what a fresh evaluation gives, and a
change made in between (an item ticked, the trip edited) is never hidden by the kept copy."""

from __future__ import annotations

from tripkit.services import checklist as svc

from .conftest import NOW, screen_text, wait_until


def _next_titles(store, trip) -> list[str]:  # type: ignore[no-untyped-def]
    """The first deadlines as the Overview lists them, from a fresh evaluation."""
    items = svc.checklist_items(store, store.get_trip(trip.id), "en", now=NOW)
    due = sorted(
        (i for i in items if i.due is not None and i.status in ("todo", "overdue", "snoozed")),
        key=lambda i: i.due,
    )
    return [i.title for i in due[:6]]


async def _deadlines(make_app) -> str:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: "Borders" in screen_text(app))
        text = screen_text(app)
    start = text.index("Next deadlines")
    return text[start : text.index("Flights and stays", start)]


async def test_a_later_start_shows_a_ticked_item_gone(make_app, tui_store, demo_trip) -> None:
    first = _next_titles(tui_store, demo_trip)
    shown = await _deadlines(make_app)
    assert first[0] in shown
    again = await _deadlines(make_app)  # the kept checklist: the same lines
    assert again == shown
    top = next(
        i for i in svc.checklist_items(tui_store, demo_trip, "en", now=NOW) if i.title == first[0]
    )
    svc.set_status(tui_store, demo_trip, top.id, "done")
    after = await _deadlines(make_app)
    assert first[0] not in after
    assert _next_titles(tui_store, demo_trip)[0] in after
