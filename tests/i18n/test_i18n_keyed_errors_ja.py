"""Errors and CLI lines once built as finished English, said in Japanese through the real CLI
(`--lang ja`, for a traveller whose own language is English), each naming its place: the
value or file the user gave, the URL of a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_site import Site

from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store

ENGLISH_WORDS = ("does not", "not ", " the ", "loop", "appears", "skipped", "checklist item")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def home(demo_trip: Trip, tmp_path: Path) -> Iterator[Store]:
    """The store the CLI opens, with a trip whose traveller reads English (so that Japanese
    comes from --lang ja alone) and holds a German passport."""
    traveller = demo_trip.traveller.model_copy(
        update={"language": "en", "citizenships": ["DE"], "home_country": "DE"}
    )
    trip = demo_trip.model_copy(update={"traveller": traveller, "name": "Berlin to SF"})
    s = Store.open(tmp_path / "tripkit-home")
    s.put_trip(trip)
    s.set_current_trip(trip.id)
    yield s
    s.close()


def _no_english(text: str) -> None:
    found = [w for w in ENGLISH_WORDS if w in text]
    assert found == [], text


def test_agenda_time_in_a_dst_gap_is_refused_in_japanese(home: Store, demo_trip: Trip) -> None:
    args = ["agenda", "add", "Booth duty", "--start", "2027-03-14 02:30[America/Los_Angeles]"]
    code, out, err = run("--lang", "ja", *args, "--end", "+1h")
    assert code == 1, out
    # The value the user typed, then why (the core's reason, keyed too), all in Japanese.
    assert err == (
        "tripkit: 開始時刻「2027-03-14 02:30[America/Los_Angeles]」: 2027-03-14 02:30 は "
        "America/Los_Angeles に存在しない時刻です (夏時間で飛ばされます)\n"
    )
    assert home.personal.list(demo_trip.id) == []
    # The English message is the one it always was.
    code, _, err = run(*args, "--end", "+1h")
    assert code == 1
    assert err == (
        "tripkit: start '2027-03-14 02:30[America/Los_Angeles]': 2027-03-14 02:30 does not "
        "exist in America/Los_Angeles (clocks skip it)\n"
    )


def test_unknown_agenda_item_and_bad_end_in_japanese(home: Store) -> None:
    code, _, err = run("--lang", "ja", "agenda", "edit", "no-such-item", "--title", "Dinner")
    assert code == 1
    wanted = "ID「no-such-item」の予定表の項目はありません (`tripkit agenda list` で確認できます)"
    assert wanted in err, err
    _no_english(err)
    start = "2027-01-12 09:00[Europe/Brussels]"
    code, _, err = run("--lang", "ja", "agenda", "add", "Call", "--start", start, "--end", "+1d")
    assert code == 1
    assert err == (
        "tripkit: 終了時刻「+1d」: 2027-01-12 10:30、10:30、+90m、+2h のように時刻を"
        "指定してください\n"
    )


def test_unknown_checklist_item_in_japanese(home: Store) -> None:
    code, _, err = run("--lang", "ja", "checklist", "done", "no-such-item")
    assert code == 1
    assert "「no-such-item」というチェックリストの項目はありません" in err, err
    _no_english(err)


def test_duplicate_key_in_a_trip_file_names_file_and_line_in_japanese(
    home: Store, tmp_path: Path
) -> None:
    path = tmp_path / "shared-trip.yaml"
    path.write_text("id: berlin\nname: Berlin\nid: other\n", encoding="utf-8")
    code, _, err = run("--lang", "ja", "trip", "import", str(path))
    assert code == 1
    assert f"{path}:3: キー「id」が同じマッピングに2回出てきます (最初は1行目)" in err, err
    _no_english(err)


def test_pagination_loop_is_reported_in_japanese_with_the_url(
    home: Store, site: Site, demo_trip: Trip
) -> None:
    first, second = site.url("/api/talks/"), site.url("/api/talks/?page=2")
    talk = {"code": "AB12", "title": "Talk", "slot": None}
    for path, page in (
        ("/api/talks/", {"count": 3, "next": second, "previous": None, "results": [talk]}),
        ("/api/talks/?page=2", {"count": 3, "next": first, "previous": first, "results": [talk]}),
    ):
        site.routes[path] = (json.dumps(page).encode(), "application/json")
    code, _, err = run("--lang", "ja", "schedule", "import", first, "--timeout", "5")
    assert code == 1
    assert f"結果のページが循環しています ({first} に戻ります)" in err, err
    _no_english(err.replace(first, ""))
    assert home.programmes.names(demo_trip.id) == []  # nothing stored


def test_a_failed_discovery_says_each_attempt_in_japanese(home: Store, site: Site) -> None:
    # A conference home page whose only export link is dead (404 on the same server).
    site.routes["/conf/"] = (
        b'<!DOCTYPE html><html><body><a href="/conf/schedule/export/schedule.xml">XML</a>'
        b"</body></html>",
        "text/html",
    )
    home_page, dead = site.url("/conf/"), site.url("/conf/schedule/export/schedule.xml")
    code, _, err = run("--lang", "ja", "schedule", "import", home_page, "--timeout", "5")
    assert code == 1
    assert err.startswith(f"tripkit: {home_page}: このアドレスはウェブページで、"), err
    # The attempt, with its own reason, in Japanese too.
    assert f"。試したアドレス: {dead} (サーバー上に見つかりません (HTTP 404 Not Found)。" in err, (
        err
    )
    _no_english(err.replace(home_page, "").replace(dead, ""))


def test_a_skipped_guide_overlay_is_warned_in_japanese(
    home: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    (config / "guide").mkdir(parents=True)
    broken = config / "guide" / "team.yaml"
    broken.write_text("notes:\n  - id: x\n    title: {en: 'unclosed\n", encoding="utf-8")
    monkeypatch.setenv("TRIPKIT_CONFIG", str(config))
    code, _, err = run("--lang", "ja", "guide")
    assert code == 0, err
    # The file and line, and what is wrong there (the YAML parser's own words stay as they are).
    assert f"tripkit: 警告: オーバーレイを読み飛ばしました: {broken}:4: YAML の構文: " in err, err


def test_wrong_answers_to_trip_new_are_said_in_japanese(home: Store) -> None:
    answers = [
        "PyCon DE 2027",
        "berlin to sf",  # not an id
        "pycon-de",
        "de",
        "Europe/Berlin",
        "2027-02-30",  # not a date -> asked again
        "2031-04-01",
        "y",
        "PyCon DE",
        "2027-04-20",
        "2027-04-18",  # before the first day -> asked again
        "2027-04-22",
        "bcc",
        "Darmstadt",
        "DEU",  # not a two-letter code -> asked again
        "DE",
        "Europe/Berlinn",  # no such zone -> asked again
        "Europe/Berlin",
        "n",
    ]
    result = CliRunner().invoke(main, ["--lang", "ja", "trip", "new"], "\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    said = result.output
    assert "「berlin to sf」は ID として使えません" in said
    assert "「2027-02-30」は 2027-01-12 のような日付 (YYYY-MM-DD) ではありません" in said
    assert "最終日が初日より前です" in said
    assert "「DEU」は2文字の ISO 3166 国コードではありません" in said
    assert "「Europe/Berlinn」という IANA のタイムゾーンはありません" in said
    for english in ("is not a", "the last day", "not a known IANA"):
        assert english not in said
    assert home.get_trip("pycon-de").conference.venue.tz == "Europe/Berlin"


def test_a_trip_file_with_several_problems_is_said_in_japanese(home: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: Not A Slug\nname: ''\n", encoding="utf-8")
    code, _, err = run("--lang", "ja", "trip", "import", str(path))
    assert code == 1
    # The field, our own validator's reason (kept keyed through pydantic) and the count.
    assert err.startswith(f"tripkit: {path}:1: id: 「Not A Slug」は ID として使えません。"), err
    assert err.endswith(" (ほかに 3 件の問題があります)\n"), err


def test_a_personal_item_ending_before_it_starts_is_refused_in_japanese(home: Store) -> None:
    start = "2027-01-12 10:00[Europe/Brussels]"
    code, _, err = run("--lang", "ja", "agenda", "add", "Call", "--start", start, "--end", "09:00")
    assert code == 1
    assert err == "tripkit: 終了が開始より前です\n"
