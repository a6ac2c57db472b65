"""The trip editor's step 4 is named for what it holds: flights and the legs on the ground.

Titled "Flights", it sent a traveller going by train (german_by_train: the ICE to Brussels)
looking elsewhere for where their train goes, or thinking tripkit only knows flights; every
step tab must still fit at 80 columns, or the last step cannot be seen to exist.
"""

from __future__ import annotations

import pytest
from fosdem_trips import german_by_train

from tripkit.store import Store

from .conftest import screen_text, wait_until


@pytest.mark.parametrize(
    ("lang", "tabs", "heading"),
    [
        ("en", "1 Traveller  2 Documents  3 Conference and venue  4 Journey  5 Stays", "Journey"),
        ("ja", "1 旅行者  2 書類  3 カンファレンスと会場  4 移動  5 宿泊", "ステップ 4/5:移動"),
    ],
)
async def test_step_4_is_the_journey_and_every_step_fits_80_columns(
    make_app, tui_store: Store, lang: str, tabs: str, heading: str
) -> None:
    trip = german_by_train()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: bool(app.screen.query("#f-name")))
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: heading in screen_text(app))
        lines = screen_text(app).splitlines()
        # The whole row, ending with the last step: nothing cut off.
        assert tabs in [line.strip() for line in lines]
        assert "Flights" not in "\n".join(lines[:6]) and "フライト" not in "\n".join(lines[:6])
        # The train the step is for is on it.
        assert "ICE 14" in screen_text(app)
