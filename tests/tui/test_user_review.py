"""Found using the app as a new user would, at 80x24 (the smallest terminal people use)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from .conftest import screen_text, wait_until

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("lang", "zone_hint", "palette"),
    [
        ("en", "Zone if the file has none", "^p palette"),
        ("ja", "タイムゾーン(未記載時)", "^p コマンド"),
    ],
)
async def test_import_zone_hint_and_palette_key_read_whole(
    make_app, with_schedule, lang: str, zone_hint: str, palette: str
) -> None:
    # Before: "Zone, if the file gives" (the rest cut off at 80 columns) and, in Japanese,
    # "タイムゾーン(ファイルに無"; the footer said "^p palette" in English to Japanese users.
    app = make_app(with_schedule, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await wait_until(pilot, lambda: zone_hint in screen_text(app))
        lines = screen_text(app).splitlines()
        assert lines[-1].endswith(palette)
        if lang == "ja":
            assert "palette" not in screen_text(app)
        app.screen.query_one("#import-tz").blur()
        await pilot.press("ctrl+p")  # the renamed key still opens the command palette
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_a_bidi_override_in_a_personal_item_is_shown_not_obeyed(
    make_app, with_schedule, demo_trip
) -> None:
    # Before: the agenda line, the grid and the conflict list sent U+202E (right-to-left
    # override) to the terminal, which then showed "Dinner cba" for "Dinner \u202eabc".
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tripkit.services import agenda

    la = ZoneInfo("America/Los_Angeles")
    with_schedule.set_stars(demo_trip.id, ["k1"], True)  # Keynote 09:00-10:00 PST, 12 Jan
    agenda.add(
        with_schedule,
        demo_trip,
        "Dinner [b]x[/b] \u202eabc",
        datetime(2027, 1, 12, 9, 30, tzinfo=la),
        datetime(2027, 1, 12, 10, 30, tzinfo=la),
        place="Room \u202exyz",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: "All times:" in screen_text(app))
        # On 12 Jan (the conflicts listed are the day's): the conflict list, then the day's
        # own line (with the place) and the grid.
        await pilot.press("]")
        await wait_until(pilot, lambda: "Room \\u202exyz" in screen_text(app))
        await wait_until(
            pilot, lambda: "everywhere ↔ Dinner [b]x[/b] \\u202eabc" in screen_text(app)
        )
        text = screen_text(app)
        assert "\u202e" not in text
        assert "PST (America/Los_Angeles) Dinner [b]x[/b] \\u202eabc · Room \\u202exyz" in text


async def test_the_same_talk_in_two_programmes_is_told_apart_in_conflicts(
    make_app, store, corpus
) -> None:
    # Before: "! overlap: Welcome to FOSDEM 2026 ↔ Welcome to FOSDEM 2026" - which is which?
    from tripkit.services.schedule import import_schedule, set_starred

    from .fosdem import fosdem_store

    trip, keys = fosdem_store(store, corpus)
    import_schedule(store, trip, str(corpus / "frab-xml" / "fosdem-2026.xml"), name="copy")
    set_starred(store, trip, [keys[0]], True, programme="main")
    set_starred(store, trip, [keys[0]], True, programme="copy")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: "All times:" in screen_text(app))
        await pilot.press("]")  # Fri 30 Jan (check-in) -> Sat 31 Jan: the day's conflicts
        await wait_until(pilot, lambda: "overlap: " in screen_text(app))
        assert "overlap: copy: Welcome to FOSDEM 2026 ↔ main: Welcome to FOSDEM 2026" in (
            screen_text(app)
        )
