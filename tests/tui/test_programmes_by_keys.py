"""Several programmes by keyboard: the Import/Export screen imports a second programme under its
own name (refused, with the rule in words, when the service would refuse the name), a refresh
re-imports only the programme named, and the Schedule screen's "r" sets a session's reservation
in the row's own programme, even when the other programme has a session with the same id.

Real Sessionize exports from the corpus: demo-All.json as "main" (11 sessions) and
demo-Sessions.json as "fringe" (10 sessions, every id also one of main's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from tripkit.services.tui_support import SEP, picks_of
from tripkit.store import Store
from tripkit.tui.messages import ReservationChanged
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import focused_id, screen_text, type_text, wait_until


def _idle(app) -> bool:  # type: ignore[no-untyped-def]
    return not app.screen.query_one("#import-go", Button).disabled


@pytest.fixture
def sources(corpus: Path) -> tuple[Path, Path]:
    return corpus / "sessionize" / "demo-All.json", corpus / "sessionize" / "demo-Sessions.json"


async def _import_two(pilot, app, store: Store, trip_id: str, main: Path, fringe: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("7")
    await wait_until(pilot, lambda: focused_id(app) == "import-source")
    await _import_two_after_start(pilot, app, store, trip_id, main, fringe)


async def test_a_second_programme_is_imported_under_its_own_name_by_keys(
    make_app, tui_store: Store, demo_trip, sources: tuple[Path, Path]
) -> None:
    main, fringe = sources
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: focused_id(app) == "import-source")
        await type_text(pilot, str(main))
        await pilot.press("tab")
        # A name the service refuses: the rule in words beside the field, nothing imported.
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Fringe!")
        await pilot.pause()
        assert "Not a programme name: use 1-40 lower-case letters" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert tui_store.programmes.names(demo_trip.id) == []
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "main")
        await pilot.pause()
        assert "Not a programme name" not in screen_text(app)
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k")  # start again from the field
        await _import_two_after_start(pilot, app, tui_store, demo_trip.id, main, fringe)
        text = screen_text(app)
        assert "10 sessions · Programme: fringe" in text  # the same change report, named
        assert tui_store.programmes.count(demo_trip.id, "main") == 11
        assert tui_store.programmes.count(demo_trip.id, "fringe") == 10
        assert tui_store.programmes.get(demo_trip.id, "fringe").source == str(fringe.resolve())
        assert tui_store.programmes.get(demo_trip.id, "main").source == str(main.resolve())

        # Refresh: the field still names "fringe", whose source it shows; Enter re-imports it.
        assert app.screen.query_one("#import-source").value == str(fringe.resolve())
        main_before = tui_store.programmes.get(demo_trip.id, "main")
        await pilot.press("tab", "enter")
        assert focused_id(app) == "import-name"
        await wait_until(pilot, lambda: "No changes since the last import." in screen_text(app))
        assert tui_store.programmes.get(demo_trip.id, "main") == main_before  # left alone

        await pilot.press("escape", "3")  # leave the field, then the screen key
        await wait_until(pilot, lambda: _table_rows(app) == 21)
        text = screen_text(app)
        assert "Programme" in text  # the column shown with several programmes
        lines = [line for line in text.splitlines() if "main" in line or "fringe" in line]
        assert any("fringe" in line for line in lines) and any("main" in line for line in lines)


def _table_rows(app) -> int:  # type: ignore[no-untyped-def]
    tables = app.screen.query(SessionTable)
    return len(tables.first().rows) if tables else 0


async def _import_two_after_start(
    pilot, app, store: Store, trip_id: str, main: Path, fringe: Path
) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, str(main))
    await pilot.press("enter")
    await wait_until(pilot, lambda: store.programmes.names(trip_id) == ["main"] and _idle(app))
    await pilot.press("tab", "ctrl+a", "ctrl+k")
    await type_text(pilot, "fringe")
    await pilot.pause()
    # Naming a new programme empties the source tripkit had filled in (main's).
    assert app.screen.query_one("#import-source").value == ""
    assert "A new programme, beside: main." in screen_text(app)
    await pilot.press("shift+tab")
    await type_text(pilot, str(fringe))
    await pilot.press("enter")
    await wait_until(
        pilot,
        lambda: store.programmes.names(trip_id) == ["fringe", "main"] and _idle(app),
        limit=30,
    )


async def test_r_sets_the_reservation_in_the_rows_own_programme_only(
    make_app, tui_store: Store, demo_trip, sources: tuple[Path, Path]
) -> None:
    main, fringe = sources
    trip = demo_trip.id
    app = make_app()
    seen: list[ReservationChanged] = []
    async with app.run_test(size=(120, 40), message_hook=_collect(seen)) as pilot:
        await _import_two(pilot, app, tui_store, trip, main, fringe)
        await pilot.press("escape", "3")
        await wait_until(pilot, lambda: isinstance(app.screen.focused, SessionTable))
        table = app.screen.query_one(SessionTable)
        main_keys = {s.key for s in tui_store.programmes.sessions(trip, "main")}
        # Down the table to a row of the second programme whose id main has too.
        for _ in range(40):
            key = table.cursor_key or ""
            if key.startswith("fringe" + SEP) and key.split(SEP, 1)[1] in main_keys:
                break
            await pilot.press("down")
        else:
            raise AssertionError("no fringe session sharing an id with main")
        session = key.split(SEP, 1)[1]
        await pilot.press("r")
        await wait_until(pilot, lambda: len(seen) == 1)
        assert (seen[0].programme, seen[0].session_key, seen[0].state) == (
            "fringe",
            session,
            "reserved",
        )
        assert picks_of(tui_store, trip, "fringe")[session].reservation == "reserved"
        assert session not in picks_of(tui_store, trip, "main") or not (
            picks_of(tui_store, trip, "main")[session].reservation
        )
        await wait_until(pilot, lambda: "Reservation: reserved" in screen_text(app))
        row = next(r for r in table.rows if r.key == key)
        assert row.cells[0].endswith(" R")  # the row's letter
        twin = next(r for r in table.rows if r.key == session)  # main's session of that id
        assert not twin.cells[0].endswith(" R")
        await pilot.press("r", "r", "r")  # waitlisted, full, not needed
        await wait_until(pilot, lambda: len(seen) == 4)
        assert picks_of(tui_store, trip, "fringe")[session].reservation == "not-needed"
        await wait_until(pilot, lambda: "Reservation: no booking needed" in screen_text(app))
        await pilot.press("r")  # none again
        await wait_until(pilot, lambda: len(seen) == 5)
        assert picks_of(tui_store, trip, "fringe")[session].reservation == ""
        main_pick = picks_of(tui_store, trip, "main").get(session)
        assert main_pick is None or main_pick.reservation == ""


def _collect(seen: list[ReservationChanged]):  # type: ignore[no-untyped-def]
    def hook(message: object) -> None:
        # A message is seen once per node it bubbles through: each is kept once.
        if isinstance(message, ReservationChanged) and all(m is not message for m in seen):
            seen.append(message)

    return hook
