"""The Overview's "Needs attention" for a traveller unlike the demo: an Indian engineer to
FOSDEM through Dubai, whose passport ends too soon for the Schengen 3-month rule. Three
checklist items carry that passport warning; the screen says it once, and still names both
documents to apply for."""

from __future__ import annotations

from fosdem_trips import indian_via_dubai

from tripkit.store import Store

from .conftest import screen_text, wait_until


async def test_a_warning_three_items_share_is_said_once(make_app, tui_store: Store) -> None:
    # Wrong (before): the passport sentence three times among seven warning lines; at 80x24
    # the two visas to apply for were pushed below the fold by the repeats.
    trip = indian_via_dubai()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(
            pilot, lambda: "No e-visa for the United Arab Emirates is recorded" in screen_text(app)
        )
        text = screen_text(app)
        head = text.split("Next deadlines")[0]
        assert head.count("Your passport from India expires") == 1, head
        assert head.count("No Schengen visa (short stay) is recorded") == 1, head
        assert head.count("No e-visa for the United Arab Emirates is recorded") == 1, head
