"""The footer at 80 columns: keys that do not fit are hidden whole, never cut, and how to leave
and where to find every key always stay.

What a wrong answer costs: Textual let the keys run on under the palette key, so at 80x24 the
Checklist, Schedule and Agenda lost "? Help" and the palette's own label was cut mid-character
in Japanese ("^p コ  ンド"): a keyboard user could not see how to get help.
"""

from __future__ import annotations

import pytest

from .conftest import screen_text, wait_until

LEAVE_AND_HELP = {
    "en": ("q Quit", "? Help", "^p palette"),
    "ja": ("q 終了", "? ヘルプ", "^p コマンド"),
}
HOME_TIME = {"en": "z Home time", "ja": "z 自宅の時刻"}
FIRST_KEY = {"2": "space", "3": "/ ", "4": "] "}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("key", ["2", "3", "4"])
async def test_narrow_footer_hides_whole_keys_and_keeps_quit_and_help(
    make_app, with_schedule, lang, key
) -> None:
    app = make_app(with_schedule, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await wait_until(pilot, lambda: FIRST_KEY[key] in screen_text(app).splitlines()[-1])
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for said in LEAVE_AND_HELP[lang]:
            assert said in footer, footer
        # Help comes right before the palette key's border: nothing was cut off in between.
        assert footer.split("▏")[0].rstrip().endswith(LEAVE_AND_HELP[lang][1]), footer


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_wide_footer_shows_every_key(make_app, with_schedule, lang) -> None:
    app = make_app(with_schedule, lang=lang)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "/ " in screen_text(app).splitlines()[-1])
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert HOME_TIME[lang] in footer and LEAVE_AND_HELP[lang][1] in footer, footer
