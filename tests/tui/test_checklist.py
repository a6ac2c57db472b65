"""Checklist: tick, skip with a reason, snooze, add an item, filter; state is in the store."""

from __future__ import annotations

from textual.widgets import DataTable, Input, ProgressBar

from tripkit.tui.messages import ItemStateChanged

from .conftest import screen_text


def _row_ids(app) -> list[str]:
    table = app.screen.query_one("#cl-table", DataTable)
    return [str(k.value) for k in table.rows]


async def _goto(pilot, item_id: str) -> None:
    table = pilot.app.screen.query_one("#cl-table", DataTable)
    table.move_cursor(row=table.get_row_index(item_id))
    await pilot.pause()


async def test_tick_skip_snooze(make_app, tui_store, demo_trip) -> None:
    messages: list = []
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await pilot.press("2")
        await pilot.pause()
        ids = _row_ids(app)
        # Open items only, overdue first: Tabireg was due a day after booking (20 Nov).
        assert ids[0] == "tabireg"
        assert "travel-advice" in ids and "flights-booked" not in ids  # that one is done
        await pilot.press("space")
        await pilot.pause()
        assert tui_store.item_states(demo_trip.id)["tabireg"].status == "done"
        assert any(
            isinstance(m, ItemStateChanged) and m.item_id == "tabireg" and m.status == "done"
            for m in messages
        )
        assert "tabireg" not in _row_ids(app)  # done items leave the "open" view

        await _goto(pilot, "apps-install")
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "already installed"
        await pilot.press("enter")
        await pilot.pause()
        state = tui_store.item_states(demo_trip.id)["apps-install"]
        assert (state.status, state.reason) == ("skipped", "already installed")

        await _goto(pilot, "payment-cash")
        await pilot.press("p")
        await pilot.pause()
        state = tui_store.item_states(demo_trip.id)["payment-cash"]
        assert state.status == "snoozed"
        # A day after the injected clock (2026-11-27 03:00 UTC), where the traveller is then.
        assert state.snoozed_until.isoformat() == "2026-11-28T12:00:00+09:00"

        bar = app.screen.query_one(ProgressBar)
        counted = [i for i in bar.app.screen.items if i.status != "not_applicable"]
        assert bar.total == len(counted)
        assert bar.progress == sum(1 for i in counted if i.status in ("done", "skipped"))


async def test_filter_and_details(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "f")  # open -> overdue
        await pilot.pause()
        assert _row_ids(app) == ["tabireg"]
        text = screen_text(app)
        assert "Showing: overdue (f)" in text
        assert "Due: Sat 21 Nov 2026, all day" in text  # the day after booking (Tabireg)
        assert "Why: Applies: you are a citizen of Japan" in text
        assert "Source: " in text
        await pilot.press("f")  # -> all, including items that do not apply
        await pilot.pause()
        assert "jet-lag-west" in _row_ids(app)
        app.screen.query_one("#cl-phase").value = "in-flight"
        await pilot.pause()
        assert set(_row_ids(app)) == {"in-flight-wifi", "in-flight-jet-lag"}


async def test_add_a_custom_item(make_app, tui_store, demo_trip) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#item-title", Input).value = "Buy a US power adapter"
        screen.query_one("#item-due", Input).value = "2026-12-20 18:00"
        screen.query_one("#item-details", Input).value = "Type A/B"
        await pilot.click("#ok")
        await pilot.pause()
        [item] = tui_store.custom_items(demo_trip.id)
        assert item.id == "my-buy-a-us-power-adapter"
        assert item.title == "Buy a US power adapter"
        # No zone typed: the zone where the traveller is then (home, before departure).
        assert item.due.isoformat() == "2026-12-20T18:00:00+09:00"
        assert "Buy a US power adapter" in screen_text(app)
