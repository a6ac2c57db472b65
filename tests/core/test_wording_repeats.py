"""`without_repeats`: the Overview's "Needs attention" says each warning once, whole."""

from __future__ import annotations

from tripkit.core.wording import without_repeats

PASSPORT = (
    "Your passport from India expires Tue 20 Apr 2027; Belgium needs it valid until Sat 1 May "
    "2027 (3 months beyond the day you leave). Renew it before you travel."
)
SCHENGEN = "No Schengen visa (short stay) is recorded in the trip: apply now."
EVISA = "No e-visa is recorded in the trip: apply now."


def test_a_warning_shared_by_three_items_is_said_once() -> None:
    # Wrong (before): the passport warning three times in a row of seven lines, read as
    # three passport problems, and pushing the visa that really must be applied for out of
    # an 80x24 screen.
    got = without_repeats(
        [PASSPORT, f"{SCHENGEN} {PASSPORT}", f"{EVISA} {SCHENGEN} {PASSPORT}"], "en"
    )
    assert got == [PASSPORT, SCHENGEN, EVISA]


def test_a_japanese_warning_keeps_its_second_sentence() -> None:
    # Two warnings end with the same sentence 「今すぐ…申請してください。」: cutting sentence by
    # sentence left 「旅行に電子ビザが登録されていません。」 without what to do about it.
    schengen = "旅行にシェンゲン・ビザが登録されていません。今すぐ申請してください。"
    evisa = "旅行に電子ビザが登録されていません。今すぐ申請してください。"
    passport = "パスポートは4月20日に失効します。出発前に更新してください。"
    got = without_repeats([passport, schengen + passport, evisa + schengen + passport], "ja")
    assert got == [passport, schengen, evisa]


def test_a_passage_inside_another_sentence_is_not_cut() -> None:
    # A short earlier problem that happens to appear inside a later sentence is not a
    # repeated warning: cutting it would leave a broken sentence.
    short = "Apply now."
    longer = "The consulate says: Apply now. Bring two photos."
    assert without_repeats([short, "Note that Apply now. is quoted."], "en") == [
        short,
        "Note that Apply now. is quoted.",
    ]
    assert without_repeats([short, longer], "en") == [short, longer]


def test_nothing_new_is_left_out_and_order_is_kept() -> None:
    assert without_repeats([SCHENGEN, SCHENGEN, EVISA], "en") == [SCHENGEN, EVISA]
    assert without_repeats([], "en") == []
