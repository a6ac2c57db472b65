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
