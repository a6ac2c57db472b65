"""Screens read by travellers unlike the demo's Japanese engineer (issue: TUI review on other
trips): a Brazilian to KubeCon Japan through Dubai, on a red-eye home."""

from __future__ import annotations

import re

from fosdem_trips import indian_via_dubai

from tripkit.core.models import Trip
from tripkit.store import Store

from .conftest import screen_text, wait_until

SAO, DXB, TYO = "America/Sao_Paulo", "Asia/Dubai", "Asia/Tokyo"


def _leg(no: str, origin: str, dest: str, departs: str, arrives: str) -> dict[str, str]:
    return {"flight": no, "origin": origin, "destination": dest, "departs": departs,
            "arrives": arrives}  # fmt: skip


def _current(store: Store, trip: Trip) -> None:
    """`trip` stored and made the current one (the one the app opens)."""
    store.put_trip(trip)
    store.set_current_trip(trip.id)


def brazilian_to_tokyo() -> Trip:
    """Home on EK313 at 00:05 on Sat 19 Jun: the hotel is booked through that night, so its
    check-out (11:00 on the 19th, Tokyo time) comes after the flight has left."""
    return Trip.model_validate(
        {
            "id": "br-tokyo",
            "name": "KubeCon Japan (Brazilian)",
            "traveller": {
                "citizenships": ["BR"],
                "home_country": "BR",
                "home_tz": SAO,
                "passport": {"expires": "2027-09-01"},
            },
            "conference": {
                "name": "KubeCon Japan",
                "first_day": "2027-06-16",
                "last_day": "2027-06-17",
                "venue": {
                    "name": "Hilton Tokyo Odaiba",
                    "city": "Tokyo",
                    "country": "JP",
                    "tz": TYO,
                },  # fmt: skip
            },
            "flights": [
                _leg("EK262", "GRU", "DXB", f"2027-06-12T01:25[{SAO}]", f"2027-06-12T22:45[{DXB}]"),
                _leg("EK318", "DXB", "HND", f"2027-06-13T02:40[{DXB}]", f"2027-06-13T17:35[{TYO}]"),
                _leg("EK313", "HND", "DXB", f"2027-06-19T00:05[{TYO}]", f"2027-06-19T05:45[{DXB}]"),
                _leg("EK261", "DXB", "GRU", f"2027-06-19T08:45[{DXB}]", f"2027-06-19T16:50[{SAO}]"),
            ],
            "stays": [
                {
                    "name": "Hotel in Odaiba",
                    "check_in": f"2027-06-13T15:00[{TYO}]",
                    "check_out": f"2027-06-19T11:00[{TYO}]",
                }
            ],
        }
    )


async def test_a_hotel_check_out_reads_at_the_hotels_clock(make_app, tui_store: Store) -> None:
    # Wrong (before): "⌂ Hotel in Odaiba  Sun 13 Jun 15:00 JST – Sat 19 Jun 06:00 UTC+4": the
    # Tokyo hotel's check-out in Dubai time (where the traveller is by then), a time no
    # booking, receipt or front desk shows; the traveller had to work out it was 11:00.
    trip = brazilian_to_tokyo()
    _current(tui_store, trip)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "⌂ Hotel in Odaiba" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "⌂ Hotel in Odaiba" in x)
        assert "Sun 13 Jun 15:00 JST – Sat 19 Jun 11:00 JST" in line, line
        # Home time (z) still shows every time at home, as the header says.
        await pilot.press("z")
        await wait_until(pilot, lambda: "Fri 18 Jun 23:00 UTC-3" in screen_text(app))
        assert "11:00 JST" not in screen_text(app)


async def test_at_80_columns_a_checklist_item_can_be_read(make_app, tui_store: Store) -> None:
    # Wrong (before), at 80x24: "Connection in United Arab Emira", "Passport valid long enough
    # for" - the Phase column (19 columns for "Before you go") left the item ~30, so the
    # traveller had to move onto each row to learn what it asked. And "Showing: open (f)
    # 3/19" above 16 rows read as "3 of 19 shown" (it counts the items done).
    trip = brazilian_to_tokyo()
    _current(tui_store, trip)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: "Showing: open (f)" in screen_text(app))
        lines = screen_text(app).splitlines()
        header = next(x for x in lines if "Showing: open (f)" in x)
        assert re.search(r"\d+/\d+ done", header), header
        assert "Phase" not in screen_text(app)
        assert any("Connection in the United Arab Emirates at Dubai" in x for x in lines), lines
        # The phase is still said, with the highlighted item.
        assert any(
            "Passport valid long enough for Japan  [todo]  Before you go" in x for x in lines
        )
        # Wider, the Phase column comes back (and goes again when narrower).
        await pilot.resize_terminal(120, 30)
        await wait_until(pilot, lambda: "Phase" in screen_text(app))
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "Phase" not in screen_text(app))


async def test_japanese_checklist_counts_what_is_done(make_app, tui_store: Store) -> None:
    # The count in Japanese says 件完了 (done), as the English says "done".
    trip = brazilian_to_tokyo()
    _current(tui_store, trip)
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: "表示：" in screen_text(app))
        assert re.search(r"\d+/\d+ 件完了", screen_text(app)), screen_text(app)


async def test_the_agenda_lists_the_conflicts_of_the_day_shown(
    make_app, with_schedule, demo_trip
) -> None:
    # Wrong (before): every conflict of the trip above every day's grid. With the six
    # overlaps of an Indian engineer's FOSDEM picks that was 12 of 24 lines at 80x24 on each
    # day, the travel days included, and the day's own flights were pushed below the fold.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Keynote: containers" in screen_text(app))
        await pilot.press("s", "down", "s")  # k1 and k2: they overlap on Tue 12 Jan
        await pilot.press("4")
        await wait_until(
            pilot, lambda: "All times: Los Angeles time (PST, UTC-8)" in screen_text(app)
        )
        text = screen_text(app)  # the day of departure
        assert "overlap:" not in text
        assert "1 conflict on another day: Tue 12 Jan (] and [ change the day)" in text
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: "overlap:" in screen_text(app))
        text = screen_text(app)
        assert "! overlap: Keynote: containers everywhere ↔ Rootless builds in depth" in text
        assert "another day" not in text and "other days" not in text


async def test_a_programme_of_another_year_says_its_year(make_app, store: Store, corpus) -> None:
    # Wrong (before): FOSDEM 2026's programme imported into an Indian engineer's trip to
    # FOSDEM 2027 (Sat 30 - Sun 31 Jan 2027) had day tabs "Sat 31 Jan  Sun 1 Feb": read as
    # the trip's own days, the traveller starred sessions a year off without a sign of it.
    from tripkit.services.schedule import import_schedule

    trip = indian_via_dubai()
    _current(store, trip)
    import_schedule(store, trip, str(corpus / "frab-xml" / "fosdem-2026.xml"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "All days" in screen_text(app))
        assert "Sat 31 Jan 2026" in screen_text(app) and "Sun 1 Feb 2026" in screen_text(app)


async def test_an_unticked_box_in_the_trip_editor_shows_no_tick(make_app, tui_store: Store) -> None:
    # Wrong (before): "▐X▌ Permanent residence" for an Indian traveller with no residence
    # anywhere: Textual's checkbox draws its X ticked or not, told apart by colour alone, so
    # under NO_COLOR (or read as text) the editor said she had a permanent residence.
    from textual.widgets import Checkbox

    trip = indian_via_dubai()
    _current(tui_store, trip)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: "Step 1 of 5" in screen_text(app))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: "Permanent residence" in screen_text(app))
        text = screen_text(app)
        assert "▐ ▌ Permanent residence" in text, text
        assert "▐X▌ E-passport (chip)" in text  # ticked: still an X
        # Ticked by the keyboard, it shows its X.
        box = app.screen.query_one("#trip-form Checkbox", Checkbox)
        for _ in range(10):
            if app.screen.focused is box:
                break
            await pilot.press("tab")
        assert app.screen.focused is box
        await pilot.press("space")
        await wait_until(pilot, lambda: "▐X▌ Permanent residence" in screen_text(app))


async def test_an_empty_field_in_the_trip_editor_shows_an_example_as_one(
    make_app, tui_store: Store
) -> None:
    # Wrong (before): "Residence valid until   2029-03-31" and "Residence status   permanent
    # resident" on the Documents step of a traveller with no residence: the placeholders,
    # told from values by a shade of grey, read as her data under NO_COLOR or as text.
    trip = indian_via_dubai()
    _current(tui_store, trip)
    for lang, example in (("en", "e.g. 2029-03-31"), ("ja", "例：2029-03-31")):
        await _documents_step_ends_with(make_app(lang=lang), example)


async def _documents_step_ends_with(app, example: str) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: "1/5" in screen_text(app) or "1 of 5" in screen_text(app))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: "2029-03-31" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "2029-03-31" in x)
        assert line.rstrip().endswith(example), line


async def test_the_japanese_palette_has_no_english_left(make_app, tui_store: Store) -> None:
    # Wrong (before): the Japanese palette opened on "🔎 Search for commands…" with Textual's
    # "Keys / Show help for the focused widget...", "Screenshot / Save an SVG 'screenshot' of
    # the current screen" and "Theme / Change the current theme" among the Japanese commands,
    # and the theme list on "Search for themes…".
    from .conftest import type_text

    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.ready and "概要" in screen_text(app), limit=30)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "コマンドを検索…" in screen_text(app), limit=30)
        # (The providers answer in either order: each command is looked for by its name.)
        await type_text(pilot, "スクリーン")
        await wait_until(pilot, lambda: "今の画面を SVG" in screen_text(app), limit=30)
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "テーマ")
        await wait_until(pilot, lambda: "表示テーマを切り替える" in screen_text(app), limit=30)
        text = screen_text(app)
        for english in ("Search for commands", "Screenshot", "Save an SVG", "current theme"):
            assert english not in text, english
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "テーマを検索…" in screen_text(app), limit=30)
        assert "Search for themes" not in screen_text(app)


async def test_a_badge_pickup_without_a_time_is_due_all_day(make_app, tui_store: Store) -> None:
    # Wrong (before): the Checklist screen said "Wed 16 Jun 00:00 JST  Pick up your badge"
    # for a trip that gives no badge pickup time: midnight at the venue, an hour no one
    # chose, sending the traveller to a closed registration desk. The CLI, the binder and
    # the calendar already said the day ("Wed 16 Jun 2027, all day"); the TUI says it too.
    trip = brazilian_to_tokyo()
    _current(tui_store, trip)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: "Pick up your badge" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "Pick up your badge" in x)
        assert "Wed 16 Jun, all day" in line, line
        assert "00:00" not in line
