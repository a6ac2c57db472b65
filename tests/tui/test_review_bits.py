"""Issue 14's TUI bits: a hostile trip name never reaches the terminal's title, broken checklist
files are said (not silently dropped), the Overview's stale guide notes follow
guide.max_age_months, and the language defaults to the traveller's."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.services import config
from tripkit.store import Store
from tripkit.tui.app import TripkitApp

from .conftest import NOW, screen_text, wait_until

# A window-title escape (OSC 0, ended by BEL and by ST), a clipboard write (OSC 52) and a
# right-to-left override, as a shared trip file may carry them in its name.
HOSTILE_NAME = "Conf \x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x1b\\ \u202eevil"


def _import(trip: Trip, tmp_path: Path) -> Store:
    """The trip imported as a user would: a YAML trip file through `tripkit trip import`."""
    import yaml

    path = tmp_path / "shared-trip.yaml"
    path.write_text(yaml.safe_dump(trip.model_dump(mode="json"), allow_unicode=True), "utf-8")
    out = CliRunner().invoke(main, ["trip", "import", str(path)])
    assert out.exit_code == 0, out.output
    return Store.open(paths.data_dir())


async def test_a_hostile_trip_name_never_reaches_the_window_title(
    demo_trip: Trip, tmp_path: Path
) -> None:
    trip = demo_trip.model_copy(update={"id": "shared", "name": HOSTILE_NAME, "example": False})
    store = _import(trip, tmp_path)
    try:
        assert store.get_trip("shared").name == HOSTILE_NAME  # stored as written...
        app = TripkitApp(store, now=NOW, lang="en", keymap={})
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: bool(app.sub_title))
            for shown in (app.title, app.sub_title, screen_text(app)):
                assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
            # ...and shown visibly, so the user sees something odd is in it
            assert app.sub_title.startswith("Conf \\x1b]0;pwned\\x07")
            assert "\\u202eevil" in app.sub_title
            assert app.title == "tripkit"
            assert "Conf \\x1b]0;pwned" in screen_text(app)  # the trip line, too
            await pilot.press("T")  # the trip picker lists it the same way
            await wait_until(pilot, lambda: "shared" in screen_text(app))
            assert "\x1b" not in screen_text(app) and "\u202e" not in screen_text(app)
            assert "Conf \\x1b]0;pwned" in screen_text(app)
    finally:
        store.close()


async def test_a_broken_checklist_file_is_named_on_the_checklist_screen(make_app) -> None:
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    (folder / "team.yaml").write_text("rules:\n  - id: [not, an, id]\n", "utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: "team.yaml" in screen_text(app))
        assert "Checklist file skipped" in screen_text(app)
        assert app.screen.query_one("#cl-table").row_count > 0  # the rest still loads


async def test_no_skipped_line_without_a_broken_file(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.query_one("#cl-table").row_count > 0)
        assert app.screen.query_one("#cl-skipped").display is False
        assert "Checklist file skipped" not in screen_text(app)


LATER = datetime(2027, 1, 5, 3, 0, tzinfo=UTC)  # the bundled notes were reviewed 2026-11-27


async def test_overview_stale_notes_follow_the_configured_age(tui_store: Store, make_app) -> None:
    app = make_app(now=LATER)
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_until(pilot, lambda: "Countdown" in screen_text(app) or app.ready)
        await pilot.pause()
        assert "Guide note may be out of date" not in screen_text(app)  # 12 months: fresh
    config.set_value(tui_store, "guide.max_age_months", "1")
    app = make_app(now=LATER)
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_until(pilot, lambda: "Guide note may be out of date" in screen_text(app))


def _japanese_traveller(demo_trip: Trip) -> Trip:
    trip = demo_trip.model_copy(deep=True, update={"id": "mine", "example": False})
    trip.traveller.language = "ja"
    return trip


async def test_the_language_defaults_to_the_travellers(store: Store, demo_trip: Trip) -> None:
    store.put_trip(_japanese_traveller(demo_trip))
    store.set_current_trip("mine")
    app = TripkitApp(store, now=NOW, keymap={})  # no --lang, no setting, no TRIPKIT_LANG
    assert app.lang == "ja"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(
            pilot, lambda: "概要" in screen_text(app) or "チェック" in screen_text(app)
        )


async def test_a_chosen_language_still_wins_over_the_travellers(
    store: Store, demo_trip: Trip, monkeypatch
) -> None:
    store.put_trip(_japanese_traveller(demo_trip))
    store.set_current_trip("mine")
    assert TripkitApp(store, now=NOW, lang="en", keymap={}).lang == "en"
    monkeypatch.setenv("TRIPKIT_LANG", "en")
    assert TripkitApp(store, now=NOW, keymap={}).lang == "en"
    monkeypatch.delenv("TRIPKIT_LANG")
    config.set_value(store, "lang", "en")
    assert TripkitApp(store, now=NOW, keymap={}).lang == "en"


async def test_the_example_travellers_language_says_nothing(store: Store, demo_trip: Trip) -> None:
    trip = demo_trip.model_copy(deep=True)
    trip.traveller.language = "ja"
    store.put_trip(trip)
    store.set_current_trip(trip.id)
    assert TripkitApp(store, now=NOW, keymap={}).lang == "en"  # LANG=C.UTF-8 in the tests


async def test_schedule_screen_labels_both_ends_of_a_dst_crossing_range(
    tui_store: Store, demo_trip: Trip, make_app
) -> None:
    from tripkit.core.models import Schedule, Session
    from tripkit.core.zoned import parse_zoned

    sf = "America/Los_Angeles"  # clocks go back at 02:00 PDT on Sun 1 Nov 2026
    night = Session(
        key="n1",
        title="Night hack",
        start=parse_zoned("2026-11-01T00:30-07:00[America/Los_Angeles]"),
        end=parse_zoned("2026-11-01T03:00-08:00[America/Los_Angeles]"),
        room="Lab",
    )
    tui_store.put_schedule(
        demo_trip.id, Schedule(title="P", source="t", format="frab-json", tz=sf, sessions=[night])
    )
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Night hack" in screen_text(app))
        assert "00:30 PDT–03:00 PST" in screen_text(app)


async def test_the_japanese_overview_names_the_city_in_japanese(make_app) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: "Moscone Center, " in screen_text(app))
        assert "Moscone Center, サンフランシスコ" in screen_text(app)
        assert "Moscone Center, San Francisco" not in screen_text(app)
