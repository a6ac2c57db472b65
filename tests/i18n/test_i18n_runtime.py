"""Translation at run time: gettext lookups and plurals, keyed errors said in the user's
language by the CLI (file and line included), durations by locale, and the traveller's language
chosen when nothing else says."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from testpaths import REPO

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.errors import ImportError_, Msg, StoreError, at_line
from tripkit.i18n import format_duration, has_translation, render, tr, trn
from tripkit.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _store(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def _own(trip: Trip, language: str) -> Trip:
    own = trip.model_copy(deep=True, update={"id": "own-trip", "example": False})
    own.traveller.language = language  # type: ignore[assignment]
    return own


# --- lookups ----------------------------------------------------------------------------------


def test_tr_reads_the_compiled_catalog_and_falls_back_to_english() -> None:
    assert tr("Overview", "ja") == "概要"
    assert tr("Overview", "en") == "Overview"
    assert tr("no such sentence {x}", "ja", x=1) == "no such sentence 1"
    assert tr("Overview", "xx") == "Overview"  # no catalog for a language: English, no error
    assert has_translation("Overview", "ja") and not has_translation("no such sentence", "ja")


def test_trn_chooses_the_english_form_and_the_one_japanese_form() -> None:
    one = "{n} page of results was joined"
    many = "{n} pages of results were joined"
    assert trn(one, many, 1, "en") == "1 page of results was joined"
    assert trn(one, many, 2, "en") == "2 pages of results were joined"
    assert trn(one, many, 1, "ja") == trn(one, many, 1, "ja").replace("2", "1")
    assert trn(one, many, 2, "ja") == "2 ページ分の結果をつなげて読みました"
    assert trn("{n} apple", "{n} apples", 3, "ja") == "3 apples"  # untranslated: English


def test_a_keyed_message_is_english_text_that_remembers_its_key() -> None:
    m = Msg("the CSV is malformed ({detail})", detail="bad quote")
    assert m == "the CSV is malformed (bad quote)"  # a str, as logs and tests read it
    assert render(m, "ja") == "CSV の形式が正しくありません (bad quote)"
    err = StoreError("no trip called {trip}", where=at_line("trip.yaml", 3), trip="'x'")
    assert str(err) == "trip.yaml: line 3: no trip called 'x'"
    assert render(err, "ja") == "trip.yaml: 3行目: 'x' という旅行はありません"
    assert render(err, "en") == str(err)


def test_start_up_imports_neither_yaml_nor_babel() -> None:
    # The Japanese TUI's first frame waits for the catalog: a .mo read by the stdlib, no parser.
    code = (
        "import sys; from tripkit.i18n import tr; assert tr('Overview', 'ja') == '概要'; "
        "print(sorted(m for m in ('yaml', 'babel', '_yaml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


# --- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "ja", "en"),
    [
        (665, "11時間5分", "11 h 5 min"),
        (45, "45分", "45 min"),
        (180, "3時間", "3 h"),
        (0, "0分", "0 min"),
    ],
)
def test_durations_by_locale(minutes: int, ja: str, en: str) -> None:
    assert format_duration(timedelta(minutes=minutes), "ja") == ja
    assert format_duration(timedelta(minutes=minutes), "en") == en


def test_trip_show_gives_flight_times_in_japanese(demo_trip: Trip) -> None:
    _store(demo_trip)
    out = run("--lang", "ja", "trip", "show").output
    assert "飛行時間 11時間5分" in out and "飛行時間 9時間35分" in out
    assert "h05m" not in out and "h35m" not in out


# --- errors in the user's language ------------------------------------------------------------


def test_a_broken_schedule_file_is_reported_in_japanese_with_its_file_and_line(
    demo_trip: Trip, tmp_path: Path
) -> None:
    _store(demo_trip)
    bad = tmp_path / "broken.json"
    bad.write_text('{"schedule": {"events": [\n  {"guid": "g",\n  oops}]}}', encoding="utf-8")
    result = run("--lang", "ja", "schedule", "import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: 3行目、3文字目: JSON として正しくありません (" in result.stderr
    assert "line" not in result.stderr and "not valid" not in result.stderr
    english = run("--lang", "en", "schedule", "import", str(bad))
    assert f"{bad}: line 3, column 3: not valid JSON (" in english.stderr


def test_a_broken_csv_row_names_its_line_and_column_in_japanese(
    demo_trip: Trip, tmp_path: Path
) -> None:
    _store(demo_trip)
    bad = tmp_path / "talks.csv"
    bad.write_text(
        "date,start,end,title,tz\n2027-01-12,09:00,10:00,Keynote,Mars/Olympus\n", encoding="utf-8"
    )
    result = run("--lang", "ja", "schedule", "import", str(bad))
    assert result.exit_code == 1
    assert "talks.csv: 2行目、列 tz: tz の 'Mars/Olympus' は" in result.stderr


def test_a_store_error_is_reported_in_japanese(tmp_path: Path) -> None:
    # TRIPKIT_HOME names a file: the store cannot be opened, and says why in Japanese.
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    env = {**os.environ, "TRIPKIT_HOME": str(home), "TRIPKIT_LANG": "ja"}
    proc = subprocess.run(
        [sys.executable, "-m", "tripkit", "trip", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"tripkit: {home}: データフォルダーがフォルダーではなくファイル")
    assert "Traceback" not in proc.stderr


def test_a_missing_trip_is_reported_in_japanese(demo_trip: Trip) -> None:
    _store(demo_trip)
    result = run("--lang", "ja", "--trip", "nowhere", "trip", "delete", "nowhere", "--yes")
    assert result.exit_code != 0
    assert "'nowhere' という旅行はありません" in result.stderr, result.stderr


def test_import_warnings_are_said_in_japanese(demo_trip: Trip, tmp_path: Path) -> None:
    _store(demo_trip)
    ics = tmp_path / "talks.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270112T170000Z\r\n"
        b"SUMMARY:Keynote\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    out = run("--lang", "ja", "schedule", "import", str(ics)).output
    assert "1 件のイベントに DTEND も DURATION もありません (行 2)" in out, out


def test_an_import_error_carries_its_key_not_only_its_text() -> None:
    from tripkit.importers import parse

    with pytest.raises(ImportError_) as e:
        parse(b"id,date,title,start\n2027-01-12,x,09:00\n", source="t.csv")
    assert e.value.msg.msgid.startswith("the CSV header lacks the column")
    assert str(e.value).startswith("t.csv: header: the CSV header lacks the column end or ")
    assert render(e.value, "ja").startswith(
        "t.csv: 見出し行: CSV の見出し行に列 end or duration が"
    )


# --- the traveller's language -----------------------------------------------------------------


def test_a_japanese_travellers_trip_speaks_japanese_unless_told_otherwise(
    demo_trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(_own(demo_trip, "ja"))
    assert "飛行時間" in run("trip", "show").output
    assert "in the air" in run("--lang", "en", "trip", "show").output
    monkeypatch.setenv("TRIPKIT_LANG", "en")
    assert "in the air" in run("trip", "show").output


def test_an_english_travellers_trip_stays_english_in_a_japanese_locale(
    demo_trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The trip's traveller outranks the machine's locale (a shared or borrowed laptop).
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    _store(_own(demo_trip, "en"))
    assert "in the air" in run("trip", "show").output


def test_an_empty_text_stays_empty() -> None:
    # "" is the msgid of the catalog's header: an empty title must not show the metadata.
    assert tr("", "ja") == "" and render("", "ja") == "" and render(Msg(""), "ja") == ""


@pytest.fixture
def http_404() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that answers 404 to everything."""
    import http.server
    import threading

    class Missing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(404)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Missing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/schedule.xml"
    finally:
        server.shutdown()
        server.server_close()


def test_a_download_error_is_reported_in_japanese(demo_trip: Trip, http_404: str) -> None:
    _store(demo_trip)
    result = run("--lang", "ja", "schedule", "import", http_404)
    assert result.exit_code == 1
    expected = f"tripkit: {http_404}: サーバー上に見つかりません (HTTP 404 Not Found)。URL を確認"
    assert result.stderr.startswith(expected), result.stderr


def test_a_value_named_n_fills_a_plain_message_too() -> None:
    err = StoreError("character {n} is not UTF-8", n=4)
    assert str(err) == "character 4 is not UTF-8"
    assert Msg(
        "{n} page of results was joined", plural="{n} pages of results were joined", n=1
    ) == ("1 page of results was joined")


def test_a_damaged_store_is_reported_in_the_locales_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store cannot say which language was configured: the locale still can.
    home = tmp_path / "home"
    home.mkdir()
    (home / "tripkit.db").write_bytes(b"this is not SQLite at all" * 100)
    monkeypatch.setenv("TRIPKIT_HOME", str(home))
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    result = run("trip", "list")
    assert result.exit_code == 1
    assert "ストアが壊れているか、データベースではありません" in result.stderr, result.stderr
