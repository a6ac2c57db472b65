"""The Overview's "Next deadlines" says an overdue item in words ("· overdue", 「· 期限切れ」),
not by its red alone: with NO_COLOR an overdue deadline looked like a coming one. The first
frame drawn from the kept summary (a later start) says it too; ticking the item with keys on
the Checklist takes the word away. The lines fit 80 columns."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from .conftest import screen_text, wait_until

TABIREG = "Register the trip on Tabireg"  # the demo's one overdue item at the tests' clock


def _deadlines(text: str, head: str, after: str) -> list[str]:
    start = text.index(head)
    return text[start : text.index(after, start)].splitlines()[1:]


def _first_row(app) -> str:  # type: ignore[no-untyped-def]
    rows = list(app.screen.query_one("#cl-table", DataTable).rows)
    return str(rows[0].value) if rows else ""


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_overdue_in_words_until_ticked(make_app, tui_store, demo_trip) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.ready and "Borders" in screen_text(app), limit=30)
        lines = _deadlines(screen_text(app), "Next deadlines", "Flights and stays")
        late = [x for x in lines if TABIREG in x]
        assert len(late) == 1
        assert re.fullmatch(
            r" \w{3} \d+ \w{3}, all day · overdue  " + TABIREG + r" \(たびレジ\)", late[0]
        )
        assert all("overdue" not in x for x in lines if TABIREG not in x), lines
        assert all(len(x) <= 80 for x in lines)

        await pilot.press("2")  # the Checklist: overdue first
        await wait_until(pilot, lambda: bool(app.screen.query("#cl-table")) and _first_row(app))
        assert _first_row(app) == "tabireg"
        await pilot.press("space")  # done
        await pilot.pause()
        assert tui_store.item_states(demo_trip.id)["tabireg"].status == "done"
        await pilot.press("1")
        await wait_until(pilot, lambda: "Next deadlines" in screen_text(app))
        await wait_until(pilot, lambda: TABIREG not in screen_text(app))
        assert "overdue" not in screen_text(app).split("Next deadlines")[1]


async def test_japanese_and_the_kept_summary(make_app, tui_store, demo_trip) -> None:  # type: ignore[no-untyped-def]
    # The kept summary (the first frame of a later start) holds the flag, not the word: the
    # word is drawn from it, once, however many times the lines are kept and drawn again.
    from tripkit.services.tui_support import summary

    for _ in range(2):
        app = make_app(lang="ja")
        async with app.run_test(size=(80, 40)) as pilot:  # Japanese wraps more: the borders
            await wait_until(pilot, lambda a=app: a.ready and "国境" in screen_text(a), limit=30)
            line = next(x for x in screen_text(app).splitlines() if "たびレジ" in x)
            assert re.fullmatch(
                r" \d+月\d+日\(.\)\(終日\) · 期限切れ  たびレジに旅程を登録する", line
            ), line
        kept = summary(tui_store, demo_trip.id)
        assert kept is not None
        late = [(when, title) for when, title, overdue in kept["deadlines"] if overdue]
        assert late == [(line.split(" · ")[0].strip(), "たびレジに旅程を登録する")]
