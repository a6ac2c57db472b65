"""Removing a programme from the Import/Export screen, by keys: a Remove button beside the
Programme field (shown only when the name is one of the trip's programmes), a confirmation in
the app's one dialog frame that says what goes with it (No is the default and Escape), and
the same service call as `tripkit schedule remove`, reported as the CLI reports it."""

from __future__ import annotations

from textual.widgets import Button

from tripkit.core.models import Schedule, Session
from tripkit.services.schedule import set_note, set_pick
from tripkit.tui.screens.dialogs import ConfirmDialog
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import SF, at_sf, focused_id, screen_text, type_text, wait_until


def _fringe() -> Schedule:
    return Schedule(
        title="Fringe",
        source="fringe.json",
        format="frab-json",
        tz=SF,
        sessions=[
            Session(
                key="f1",
                title="Observability for people who hate dashboards",
                start=at_sf("2027-01-12 09:00"),
                end=at_sf("2027-01-12 09:45"),
            ),
            # The same id as a main session: removing the fringe leaves main's pick alone.
            Session(
                key="k3",
                title="Fringe lightning talks",
                start=at_sf("2027-01-12 12:00"),
                end=at_sf("2027-01-12 13:00"),
            ),
        ],
    )


def _with_fringe(store, trip) -> None:  # type: ignore[no-untyped-def]
    store.put_schedule(trip.id, _fringe(), name="devroom-fringe")
    set_pick(store, trip, ["f1"], interest="must", programme="devroom-fringe")
    set_note(store, trip, "k3", "ask about slides", programme="devroom-fringe")
    set_pick(store, trip, ["k3"], interest="want", programme="main")


def _flat(app) -> str:  # type: ignore[no-untyped-def]
    """The screen's words in one line: the dialog wraps its question inside its border."""
    return " ".join(screen_text(app).replace("█", " ").split())


async def _name(pilot, app, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("7")
    await wait_until(pilot, lambda: focused_id(app) == "import-source")
    await pilot.press("tab", "ctrl+a", "ctrl+k")
    await type_text(pilot, name)


async def _button_ready(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Textual ignores Enter on a Button while its press effect (0.2 s) lasts; Pilot types
    faster than a person, so wait for the effect to end as a person would."""
    await wait_until(
        pilot, lambda: not app.screen.query_one("#remove-programme").has_class("-active")
    )


async def test_remove_asks_then_removes_through_the_service(
    make_app, with_schedule, demo_trip
) -> None:
    _with_fringe(with_schedule, demo_trip)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _name(pilot, app, "devroom-fringe")
        await pilot.press("tab")
        assert focused_id(app) == "remove-programme"
        await pilot.press("enter")
        question = "Remove programme “devroom-fringe” and its 2 stars and notes?"
        await wait_until(pilot, lambda: question in _flat(app))
        # Escape is No: nothing removed.
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert with_schedule.programmes.names(demo_trip.id) == ["devroom-fringe", "main"]
        # Enter on the default button (Cancel) is No as well.
        await _button_ready(pilot, app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert with_schedule.programmes.names(demo_trip.id) == ["devroom-fringe", "main"]
        # Tab to Remove, Enter: gone, with its picks; main's pick of the same id is kept.
        await _button_ready(pilot, app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: with_schedule.programmes.names(demo_trip.id) == ["main"])
        assert with_schedule.programmes.picks(demo_trip.id, "devroom-fringe") == {}
        assert with_schedule.programmes.picks(demo_trip.id, "main")["k3"].interest == "want"
        await wait_until(pilot, lambda: "Removed programme devroom-fringe." in screen_text(app))
        text = screen_text(app)
        assert "These 2 stars and notes went with it:" in text
        assert "★ Observability for people who hate dashboards" in text
        assert "Fringe lightning talks" in text  # a note only: no star before it
        # Remove is gone with the programme; the field says the name would be a new one.
        assert not app.screen.query_one("#remove-programme", Button).display
        assert "A new programme, beside: main." in text
        # The Schedule screen no longer lists its sessions.
        await pilot.press("escape", "3")
        await wait_until(pilot, lambda: isinstance(app.screen.focused, SessionTable))
        await wait_until(pilot, lambda: "Keynote: containers" in screen_text(app))
        assert "Observability" not in screen_text(app)
        assert "Programme" not in screen_text(app)  # one programme: no Programme column


async def test_remove_is_offered_only_for_a_programme_of_the_trip(
    make_app, with_schedule, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _name(pilot, app, "workshops")
        await pilot.pause()
        assert not app.screen.query_one("#remove-programme", Button).display
        await pilot.press("tab")  # past the field: Remove is not in the way
        assert focused_id(app) != "remove-programme"
        assert with_schedule.programmes.names(demo_trip.id) == ["main"]


async def test_the_question_in_japanese(make_app, with_schedule, demo_trip) -> None:
    _with_fringe(with_schedule, demo_trip)
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await _name(pilot, app, "devroom-fringe")
        await pilot.press("tab", "enter")
        # (Japanese wraps between any two characters: compared without the spaces.)
        question = "プログラム「devroom-fringe」と、そのスター・メモ2件を削除しますか？"
        await wait_until(pilot, lambda: question in _flat(app).replace(" ", ""))
        text = screen_text(app)
        assert "キャンセル" in text and "削除" in text
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: with_schedule.programmes.names(demo_trip.id) == ["main"])
        await wait_until(
            pilot, lambda: "プログラム devroom-fringe を削除しました。" in screen_text(app)
        )
