"""The conference day in the TUI, by key presses only: personal items added from the Schedule
and the Agenda (seen with their zone and in conflicts), changed and removed; bad input said in
plain words with nothing saved; interest set on a session of a second programme whose id the
main programme also uses; Japanese labels. With the demo trip and with a German traveller at
FOSDEM 2026 (the real programme, Europe/Brussels)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tripkit.services.agenda import items
from tripkit.store import Store
from tripkit.tui.messages import InterestChanged, PersonalItemChanged
from tripkit.tui.screens.dialogs import ConfirmDialog
from tripkit.tui.screens.personal_dialog import PersonalItemDialog
from tripkit.tui.widgets.session_table import SessionTable

from .conftest import screen_text, wait_until
from .fosdem import BRU, fosdem_store

LA = ZoneInfo("America/Los_Angeles")


def _dialog_open(app) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(app.screen, PersonalItemDialog)


async def _fill(pilot, *fields: str | None) -> None:  # type: ignore[no-untyped-def]
    """Type into the dialog's fields in Tab order (title, kind, date, time, end, zone, place,
    note); None passes a field over. Focusing a field selects its text, so typing replaces it."""
    for n, value in enumerate(fields):
        if n:
            await pilot.press("tab")
        if value:
            await pilot.press(*value)


@pytest.fixture
def fosdem(store: Store, corpus: Path) -> tuple[Store, object, list[str]]:
    trip, keys = fosdem_store(store, corpus)
    return store, trip, keys


async def test_add_from_the_schedule_then_see_it_on_the_agenda_in_conflict(
    make_app, with_schedule, demo_trip
) -> None:
    with_schedule.set_stars(demo_trip.id, ["k1"], True)  # Keynote 09:00-10:00 PST, 12 Jan
    messages: list = []
    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("3")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query(SessionTable)
                and "k1" in str(app.screen.query_one(SessionTable).visible_keys())
            ),
        )
        await pilot.press("a")
        await wait_until(pilot, lambda: _dialog_open(app))
        # The zone field shows the venue's zone before anything is typed.
        assert "America/Los_Angeles" in screen_text(app)
        # title, kind (kept), date, time, end as a length, zone (kept), place
        await _fill(pilot, "Team standup", None, "2027-01-12", "09:15", "+30m", None, "Lobby")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(isinstance(m, PersonalItemChanged) for m in messages))
        assert not _dialog_open(app)
        [item] = items(with_schedule, demo_trip)
        assert item.title == "Team standup" and item.place == "Lobby"
        assert item.start == datetime(2027, 1, 12, 9, 15, tzinfo=LA)
        assert item.end == datetime(2027, 1, 12, 9, 45, tzinfo=LA)
        assert str(item.start.tzinfo) == "America/Los_Angeles"
        # The starred keynote it overlaps is marked on the Schedule at once...
        marks = {r.key: r.cells[0] for r in app.screen.query_one(SessionTable).rows}
        assert marks["k1"] == "★!"
        # ...and the Agenda lists the item with its zone, and the conflict.
        await pilot.press("4", "right_square_bracket")  # the day of arrival, then 12 Jan
        await wait_until(pilot, lambda: "Team standup · Lobby" in screen_text(app))
        text = screen_text(app)
        assert "• 09:15–09:45 PST (America/Los_Angeles) Team standup · Lobby" in text
        assert "! overlap: Keynote: containers everywhere ↔ Team standup" in text


async def test_add_change_and_remove_from_the_agenda_at_fosdem(make_app, fosdem) -> None:
    store, trip, keys = fosdem
    from tripkit.services.schedule import set_starred

    set_starred(store, trip, [keys[0]], True, programme="main")  # Welcome, 09:30-09:50 CET
    messages: list = []
    app = make_app(store)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("4")
        await wait_until(
            pilot, lambda: app.current_mode == "agenda" and "All times:" in (screen_text(app))
        )
        await pilot.press("right_square_bracket")  # Fri 30 Jan (check-in) -> Sat 31 Jan
        await wait_until(pilot, lambda: "Welcome to FOSDEM 2026" in screen_text(app))
        await pilot.press("a")
        await wait_until(pilot, lambda: _dialog_open(app))
        text = screen_text(app)
        assert "Europe/Brussels" in text and "2026-01-31" in text  # the zone and the day shown
        await _fill(pilot, "Booth duty", None, None, "09:40", "11:40", None, "Stand K1")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Booth duty · Stand K1" in screen_text(app))
        [item] = items(store, trip)
        assert item.start == datetime(2026, 1, 31, 9, 40, tzinfo=ZoneInfo(BRU))
        text = screen_text(app)
        assert "• 09:40–11:40 CET (Europe/Brussels) Booth duty · Stand K1" in text
        # (main and fringe: the session is named with its programme, the item is the user's)
        assert "! overlap: main: Welcome to FOSDEM 2026 ↔ Booth duty" in text

        # Change: the same dialog, filled with the item; a new end.
        await pilot.press("e")
        await wait_until(pilot, lambda: _dialog_open(app))
        assert app.screen.query_one("#pi-title").value == "Booth duty"
        assert app.screen.query_one("#pi-end").value == "11:40"
        await _fill(pilot, None, None, None, None, "12:10")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "09:40–12:10 CET" in screen_text(app))
        [item] = items(store, trip)
        assert item.end == datetime(2026, 1, 31, 12, 10, tzinfo=ZoneInfo(BRU))
        assert item.title == "Booth duty" and item.place == "Stand K1"

        # Remove: asked first; Escape keeps it, the Remove button removes it.
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Remove “Booth duty” from your agenda?" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert len(items(store, trip)) == 1
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("tab", "enter")  # Cancel has the focus; Tab to Remove
        await wait_until(pilot, lambda: "Booth duty" not in screen_text(app))
        assert items(store, trip) == []
        posted = {id(m): m for m in messages if isinstance(m, PersonalItemChanged)}.values()
        assert [m.what for m in posted] == [
            "added",
            "changed",
            "removed",
        ]


async def test_bad_times_are_said_in_plain_words_and_nothing_is_saved(
    make_app, with_schedule, demo_trip
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "a")
        await wait_until(pilot, lambda: _dialog_open(app))
        await _fill(pilot, "Dinner", None, "2027-02-30", "25:99")
        await pilot.press("tab")  # leaving the time field says what is wrong with it
        await wait_until(pilot, lambda: "There is no such time: 25:99." in screen_text(app))
        assert "There is no such day: 2027-02-30." in screen_text(app)
        await pilot.press("enter")  # Enter in the end field: refused, the dialog stays
        await pilot.pause()
        assert _dialog_open(app)
        assert "Give an end time (10:30) or a length (+90m, +2h)." in screen_text(app)
        # The first field in error has the focus (its text selected): a right start, then
        # an end before it.
        assert app.screen.focused.id == "pi-date"
        await pilot.press(*"2027-01-12", "tab", *"19:00", "tab", *"18:00", "tab")
        await wait_until(pilot, lambda: "It ends before it starts" in screen_text(app))
        assert "There is no such time" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert _dialog_open(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not _dialog_open(app))
    assert items(with_schedule, demo_trip) == []


async def test_a_time_the_clocks_skip_is_refused(make_app, fosdem) -> None:
    store, trip, _keys = fosdem
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "a")
        await wait_until(pilot, lambda: _dialog_open(app))
        # Brussels goes from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist.
        await _fill(pilot, "Night train", None, "2026-03-29", "02:30", "+1h")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "the clocks change" in screen_text(app))
        assert _dialog_open(app)
        await pilot.press("escape")
    assert items(store, trip) == []


async def test_interest_on_the_second_programme_leaves_the_same_id_in_the_first(
    make_app, fosdem
) -> None:
    store, trip, keys = fosdem
    from tripkit.services.schedule import set_pick

    # A note on the main programme's session with that id: it must stay as it is.
    set_pick(store, trip, [keys[0]], reservation="reserved", programme="main")
    messages: list = []
    app = make_app(store)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("3")
        table = None
        await wait_until(pilot, lambda: bool(app.screen.query(SessionTable)))
        table = app.screen.query_one(SessionTable)
        await wait_until(pilot, lambda: table.row_count() > 100)
        # Search covers both programmes: the fringe session is found by its title.
        await pilot.press("slash", *"CHAOSS", "enter")
        fringe_row = f"fringe\x1f{keys[0]}"
        await wait_until(pilot, lambda: table.visible_keys() == [fringe_row])
        assert "fringe" in screen_text(app)  # the row says its programme
        await pilot.press("m", "m")  # none -> want -> must
        await wait_until(pilot, lambda: any(isinstance(m, InterestChanged) for m in messages))
        await pilot.pause()
        fringe = store.programmes.picks(trip.id, "fringe")
        main = store.programmes.picks(trip.id, "main")
        assert fringe[keys[0]].interest == "must" and fringe[keys[0]].starred
        assert main[keys[0]].starred is False and main[keys[0]].interest == ""
        assert main[keys[0]].reservation == "reserved"
        # (A message is seen once per node it bubbles through: each counted once.)
        posted = {id(m): m for m in messages if isinstance(m, InterestChanged)}.values()
        assert [(m.programme, m.session_key, m.level) for m in posted] == [
            ("fringe", keys[0], "want"),
            ("fringe", keys[0], "must"),
        ]
        assert table.rows[app.screen.row_of[fringe_row]].cells[0] == "★★"
        # The main session of the same id: reserved, not picked.
        await pilot.press("ctrl+r", "slash", *"Welcome to FOSDEM", "enter")
        await wait_until(pilot, lambda: table.visible_keys()[:1] == [keys[0]])
        assert table.rows[app.screen.row_of[keys[0]]].cells[0] == "    R"
        text = screen_text(app)
        assert "R=reserved" in text  # the legend says what R means
        # The Agenda shows the fringe session, labelled with its programme and level.
        await pilot.press("4", "right_square_bracket")
        await wait_until(pilot, lambda: "Fringe: CHAOSS" in screen_text(app))


async def test_japanese_labels(make_app, with_schedule) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "★★必須 ★行きたい ☆気になる" in screen_text(app))
        assert "m 関心" in screen_text(app) or "関心" in screen_text(app)
        await pilot.press("a")
        await wait_until(pilot, lambda: _dialog_open(app))
        text = screen_text(app)
        for label in ("予定を追加", "タイトル", "種類", "開始", "終了", "タイムゾーン", "保存"):
            assert label in text, label
        await _fill(pilot, "夕食", None, "2027-1-12")
        await pilot.press("tab")
        await wait_until(pilot, lambda: "日付は 年-月-日 で入力してください" in screen_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not _dialog_open(app))


async def test_overview_counts_every_programme_and_your_own_items(make_app, fosdem) -> None:
    store, trip, keys = fosdem
    from tripkit.services.agenda import add, parse_end, parse_start
    from tripkit.services.schedule import set_starred

    set_starred(store, trip, [keys[0]], True, programme="fringe")  # 10:00-11:00 CET, Sat
    start = parse_start("2026-01-31 10:30", trip.venue_tz)
    add(store, trip, "Call with the team", start, parse_end("+45m", start))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(
            pilot,
            lambda: (
                "Conflict: Fringe: CHAOSS community meetup ↔ Call with the team" in screen_text(app)
            ),
        )
        # The main programme's session with the same id is not starred: no conflict from it.
        assert "Welcome to FOSDEM" not in screen_text(app)


async def test_a_note_and_a_star_stay_with_their_programme(make_app, fosdem) -> None:
    store, trip, keys = fosdem
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: bool(app.screen.query(SessionTable)))
        table = app.screen.query_one(SessionTable)
        await wait_until(pilot, lambda: table.row_count() > 100)
        await pilot.press("right_square_bracket")  # Sunday, the fringe breakfast's day
        await pilot.press("slash", *"Kernel hackers", "enter")
        # (Other talks mention kernel hackers too; the breakfast at 08:00 comes first.)
        await wait_until(pilot, lambda: table.cursor_key == f"fringe\x1f{keys[1]}")
        await pilot.press("s", "n", *"bring a croissant")
        await wait_until(
            pilot,
            lambda: (
                store.programmes.picks(trip.id, "fringe").get(keys[1]) is not None
                and store.programmes.picks(trip.id, "fringe")[keys[1]].note == "bring a croissant"
            ),
        )
        assert store.programmes.picks(trip.id, "fringe")[keys[1]].starred
        assert keys[1] not in store.programmes.picks(trip.id, "main")


async def test_tab_and_shift_tab_reach_every_field_of_the_dialog(make_app, with_schedule) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        await wait_until(pilot, lambda: _dialog_open(app))
        wanted = [
            "pi-title",
            "pi-kind",
            "pi-date",
            "pi-time",
            "pi-end",
            "pi-zone",
            "pi-place",
            "pi-note",
            "pi-save",
            "pi-cancel",
        ]
        seen = [app.screen.focused.id]
        for _ in wanted[1:]:
            await pilot.press("tab")
            seen.append(app.screen.focused.id)
        assert seen == wanted
        await pilot.press("tab")  # round again, never to the screen behind
        assert app.screen.focused.id == "pi-title"
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "pi-cancel"
        # Every control is inside the 80x24 terminal: nothing cut off.
        for name in wanted:
            region = app.screen.query_one(f"#{name}").region
            assert region.width > 0 and region.bottom <= 24 and region.right <= 80, name
        await pilot.press("enter")  # Cancel: closed, nothing saved
        await wait_until(pilot, lambda: not _dialog_open(app))
