"""The shell: first run, screens by key and palette, help, keymap, languages, zones, errors."""

from __future__ import annotations

from tripkit.demo import DEMO_ID
from tripkit.tui.actions import ACTIONS, SCREENS
from tripkit.tui.app import TripkitApp
from tripkit.tui.messages import TripChanged

from .conftest import NOW, screen_text, wait_until


async def test_first_run_stores_the_example_trip_and_labels_it(store) -> None:
    assert store.list_trips() == []
    app = TripkitApp(store, now=NOW, lang="en", keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert store.current_trip_id() == DEMO_ID
        trip = store.get_trip(DEMO_ID)
        assert trip.example is True
        text = screen_text(app)
        assert "DockerCon SF (example trip)" in text
        assert " EXAMPLE " in text
        assert "Press N to create your own" in text
        await pilot.press("N")  # ...and the key it names opens a blank trip form
        await wait_until(
            pilot, lambda: app.current_mode == "trip" and getattr(app.screen, "new", False) is True
        )


async def test_every_screen_by_its_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for mode, key, _title in SCREENS:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            assert mode == app.screen.SCOPE


async def test_command_palette_reaches_a_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Show the Agenda")
        await wait_until(pilot, lambda: "Show the Agenda screen" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_mode == "agenda")


async def test_help_lists_every_action_of_the_table(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from textual.widgets import DataTable

        table = app.screen.query_one("#help-table", DataTable)
        assert table.row_count == len(ACTIONS)
        ids = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
        assert ids == {a.id for a in ACTIONS}
        await pilot.press("escape")
        assert app.screen.SCOPE == "overview"


async def test_keymap_remaps_a_key(make_app) -> None:
    app = make_app(keymap={"go-schedule": "f3"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.current_mode == "overview"  # 3 no longer switches
        await pilot.press("f3")
        await pilot.pause()
        assert app.current_mode == "schedule"


async def test_keymap_file_is_read(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRIPKIT_CONFIG", str(tmp_path))
    (tmp_path / "keymap.yaml").write_text('go-agenda: "f4"\n', encoding="utf-8")
    app = make_app(keymap=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.current_mode == "agenda"


async def test_bad_keymap_file_is_a_notification_not_a_crash(
    make_app, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("TRIPKIT_CONFIG", str(tmp_path))
    (tmp_path / "keymap.yaml").write_text("- not a mapping\n", encoding="utf-8")
    app = make_app(keymap=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.severity == "error"
        assert "keymap.yaml" in note.message


async def test_japanese_ui_and_switching_language(make_app, tui_store) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(100, 30)) as pilot:
        # (the countdown comes with the first start's evaluation, in a child process: on a
        # loaded machine that takes longer than one pause)
        await wait_until(pilot, lambda: "出発まであと" in screen_text(app))
        text = screen_text(app)
        assert "1 概要" in text and "3 プログラム" in text
        assert "出発まであと 45 日 5 時間" in text
        await pilot.press("L")
        await wait_until(pilot, lambda: "1 Overview" in screen_text(app))
        assert app.lang == "en"
        assert tui_store.get_setting("lang") == "en"
        assert "1 Overview" in screen_text(app)


async def test_home_zone_is_one_key_away(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Landing in San Francisco, shown where the traveller will be...
        assert "Mon 11 Jan 09:40 PST" in screen_text(app)
        await pilot.press("z")
        await wait_until(pilot, lambda: "Tue 12 Jan 02:40 JST" in screen_text(app))
        # ...and in the home zone (Tokyo) after one key.
        text = screen_text(app)
        assert "Tue 12 Jan 02:40 JST" in text
        assert "times: Tokyo time (z)" in text


async def test_switching_trip_posts_trip_changed(make_app, tui_store, demo_trip) -> None:
    other = demo_trip.model_copy(
        update={"id": "other-trip", "name": "Other trip", "example": False}
    )
    tui_store.put_trip(other)
    tui_store.set_current_trip(demo_trip.id)
    messages: list = []
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: tui_store.current_trip_id() == "other-trip")
        assert any(isinstance(m, TripChanged) and m.trip_id == "other-trip" for m in messages)
        assert "Other trip" in screen_text(app)


async def test_theme_toggle_is_remembered(make_app, tui_store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert tui_store.get_setting("tui.theme") == "textual-light"
    app2 = make_app()
    async with app2.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app2.theme == "textual-light"


async def test_no_color_is_respected(make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color is True


async def test_error_messages_are_literal(make_app) -> None:
    from tripkit.errors import TripkitError

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.error(TripkitError("bad [@click=app.quit]x[/]", where="/tmp/[b]f[/b].json"))
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.markup is False
        assert note.message == "/tmp/[b]f[/b].json: bad [@click=app.quit]x[/]"
        assert app.is_running


async def test_the_first_frame_shows_the_trip_and_its_next_deadline(make_app, tui_store) -> None:
    """Not a "Loading" placeholder: the name and deadlines kept from the last run are drawn in
    the very first frame, before the models are read (they are recomputed right after)."""

    class Probe(TripkitApp):
        first = ""

        def on_ready(self) -> None:
            Probe.first = screen_text(self)
            super().on_ready()

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        # (the first start evaluates in a child process and keeps what the second reads)
        await wait_until(pilot, lambda: "Register the trip on Tabireg" in screen_text(app))
    again = Probe(tui_store, now=NOW, lang="en", keymap={})
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert "Loading your trip" not in Probe.first
    assert "DockerCon SF (example trip)" in Probe.first
    assert "Register the trip on Tabireg" in Probe.first
