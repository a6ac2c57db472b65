"""Every screen and dialog is legible: no run of text below a 3:1 contrast with its background,
in English and Japanese, dark and light themes, and under NO_COLOR, at 80x24.

Measured on the frame the compositor hands to the terminal (tests/tui/contrast.py). The
Overview is judged first as it is drawn at start-up: it once showed its text in the background
colour until another screen had been visited.
"""

from __future__ import annotations

import pytest

from tripkit.tui.app import TripkitApp

from .conftest import NOW, screen_text, wait_until
from .contrast import low_contrast, ratio

# (key, what it shows); Escape closes the dialogs and leaves text fields.
VISITS = [
    ("1", "overview"),
    ("2", "checklist"),
    ("a", "add-item dialog"),
    # Enter with no title: the dialog says what is missing (a form's error, once hidden, then
    # drawn in $error, grey on dark under NO_COLOR).
    ("enter", "add-item dialog with its error"),
    ("escape", ""),
    ("3", "schedule"),
    ("4", "agenda"),
    ("a", "personal item dialog"),
    ("enter", "personal item dialog with its errors"),
    ("escape", ""),
    ("5", "guide"),
    ("6", "trip editor"),
    ("escape", ""),
    ("T", "trip picker"),
    ("escape", ""),
    ("question_mark", "help"),
    ("escape", ""),
    ("7", "import/export"),
]


def test_the_ratio_is_wcag_2() -> None:
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ratio((18, 18, 18), (18, 18, 18)) == pytest.approx(1.0)
    assert ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_no_text_below_3_to_1(
    with_schedule, demo_trip, monkeypatch, lang, theme, no_color
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    # Stars that clash, so that warnings (the colours that failed) are on screen.
    with_schedule.set_stars(demo_trip.id, ["k1", "k2"], True)
    app = TripkitApp(with_schedule, now=NOW, lang=lang, keymap={}, theme=theme)
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.ready and "NH8" in screen_text(app))
        assert app.no_color is no_color
        shown = [("start", low_contrast(app))]
        for key, what in VISITS:
            await pilot.press(key)
            await pilot.pause()
            if what:
                shown.append((what, low_contrast(app)))
            if what.endswith(("its error", "its errors")):
                # Judged only if drawn: a hidden error cannot fail the contrast check.
                assert app.t("Give the item a title.") in screen_text(app), what
        for what, bad in shown:
            problems.extend(f"{what}: {line}" for line in bad)
    assert not problems, "\n".join(problems)


async def test_a_form_error_is_bold_and_legible_under_no_color(
    with_schedule, demo_trip, monkeypatch
) -> None:
    # A dialog's error is what the user must read to finish the form. $error under NO_COLOR
    # is grey 88 on 18 (2.4:1 in a terminal): the message was there but hard to read, and
    # the user could not tell why Enter did nothing.
    monkeypatch.setenv("NO_COLOR", "1")
    app = TripkitApp(with_schedule, now=NOW, lang="en", keymap={}, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.ready and "NH8" in screen_text(app))
        await pilot.press("4", "a", "enter")  # the personal item dialog, saved empty
        await wait_until(pilot, lambda: "Give the item a title." in screen_text(app))
        strips = app.screen._compositor.render_strips()
        row = next(s for s in strips if "Give the item a title." in s.text)
        words = [seg for seg in row if "title" in seg.text]
        assert words, row.text
        style = words[0].style
        assert style is not None and style.bold
        assert not [line for line in low_contrast(app) if "title" in line]
