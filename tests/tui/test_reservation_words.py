"""One word for a waitlisted seat: the Schedule screen's legend and detail say what the CLI says
(「キャンセル待ち」, never 「空き待ち」), and the legend still fits one line at 80 columns."""

from __future__ import annotations

from click.testing import CliRunner
from rich.cells import cell_len

from tripkit.cli import main

from .conftest import screen_text, wait_until

LEGEND_JA = "★★必須 ★行きたい ☆気になる !重複 予=予約済み 待=キャンセル待ち 満=満席 不=不要"


async def test_the_legend_and_detail_say_the_cli_word_in_japanese(
    make_app, with_schedule, demo_trip
) -> None:
    app = make_app(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Keynote" in screen_text(app))
        lines = screen_text(app).splitlines()
        legend = [line for line in lines if "待=" in line]
        # Whole, on one line of the 80-column screen (nothing cut or wrapped).
        assert [line.strip() for line in legend] == [LEGEND_JA]
        assert cell_len(legend[0]) <= 80
        assert "空き待ち" not in screen_text(app)
        await pilot.press("r", "r")  # none -> reserved -> waitlisted, on the first session
        await wait_until(pilot, lambda: "待 09:00–10:00 PST Keynote" in screen_text(app))
    # The detail pane (beside the table from 110 columns) says it in words.
    app = make_app(lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "予約状況: キャンセル待ち" in screen_text(app))
    # The CLI says the session's reservation in the same word.
    result = CliRunner().invoke(
        main,
        ["--data-dir", str(with_schedule.path.parent), "--lang", "ja", "schedule", "show", "k1"],
    )
    assert result.exit_code == 0, result.output
    assert "予約状況: キャンセル待ち" in result.stdout


async def test_the_english_legend_says_waitlisted_and_fits(make_app, with_schedule) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Keynote" in screen_text(app))
        legend = [line for line in screen_text(app).splitlines() if "W=" in line]
        assert [line.strip() for line in legend] == [
            "★★must ★want ☆maybe !overlap · R=reserved W=waitlisted F=full N=no booking"
        ]
