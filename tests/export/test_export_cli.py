"""`tripkit export ...` end to end: a real store in TRIPKIT_HOME, the real checklist engine and
guide, files written with -o; and the trip report from session notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from export_sample import HOSTILE_TITLES, NOW, sessions
from icalendar import Calendar
from testpaths import TODAY

from tripkit.cli import main
from tripkit.core.models import Schedule, Trip
from tripkit.demo import example_trip
from tripkit.exporters.report import trip_report
from tripkit.paths import data_dir
from tripkit.store import Store


@pytest.fixture
def home() -> Trip:
    trip = example_trip(TODAY)
    with Store.open(data_dir(None)) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
        store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=sessions()))
        store.set_stars(trip.id, ["kn-1", "talk-3"], True)
        store.set_note(trip.id, "kn-1", "Containers *everywhere*.\n\nAsk about <build> cache.")
    return trip


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_ics_to_file(home: Trip, tmp_path: Path) -> None:
    out = tmp_path / "trip.ics"
    code, stdout, stderr = run("export", "ics", "-o", str(out), "--alarm", "10")
    assert code == 0, stderr
    assert stdout == ""
    cal = Calendar.from_ical(out.read_bytes())
    summaries = {str(c["SUMMARY"]) for c in cal.walk("VEVENT")}
    assert {
        "Opening keynote",
        "日本語セッション: コンテナのセキュリティ",
        "Flight NH8 NRT → SFO",
        "Stay: Example hotel near Yerba Buena Gardens",
    } <= summaries
    assert "Hands-on: multi-stage builds; caching, secrets" not in summaries  # not starred
    assert not cal.walk("VTODO")  # tasks only with --todos
    assert any(s.startswith("Due: ") for s in summaries), "the engine's deadlines are events"
    code, stdout, _ = run("export", "ics", "--todos", "--include", "checklist")
    assert code == 0 and "BEGIN:VTODO" in stdout and "Due: " not in stdout
    # Same data, same bytes: a second export is identical.
    again = tmp_path / "again.ics"
    assert run("export", "ics", "-o", str(again), "--alarm", "10")[0] == 0
    assert again.read_bytes() == out.read_bytes()


def test_export_ics_include_and_no_alarm(home: Trip) -> None:
    code, stdout, _ = run("export", "ics", "--include", "flights", "--no-alarm")
    assert code == 0
    assert stdout.count("BEGIN:VEVENT") == 2 and "VALARM" not in stdout and "VTODO" not in stdout


def test_export_ics_bad_include_is_a_usage_error(home: Trip) -> None:
    code, _, stderr = run("export", "ics", "--include", "flights,hotels")
    assert code == 2
    assert "hotels: choose from agenda,flights,stays,checklist" in stderr


def test_export_checklist_format_from_suffix_and_binder(home: Trip, tmp_path: Path) -> None:
    out = tmp_path / "binder.html"
    code, _, stderr = run("export", "checklist", "--binder", "--lang", "ja", "-o", str(out))
    assert code == 0, stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html
    assert "入国審査カード" in html and "日別の予定表" in html and "Opening keynote" in html
    assert "渡航先ガイド" in html  # the real guide's pages are there
    code, stdout, _ = run("export", "checklist", "--format", "markdown")
    assert code == 0 and stdout.startswith("# DockerCon SF (example trip) — Trip checklist")
    code, stdout, _ = run("export", "checklist")
    assert code == 0 and "Checklist (" in stdout and "Citizenship: Japan" in stdout


def test_export_to_unwritable_place_is_one_clear_line(home: Trip, tmp_path: Path) -> None:
    code, _, stderr = run("export", "ics", "-o", str(tmp_path / "no" / "such" / "dir.ics"))
    assert code == 1
    assert stderr.startswith("tripkit: ") and "dir.ics" in stderr and "Traceback" not in stderr


def test_export_report(home: Trip, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, _, stderr = run("export", "report", "-o", str(out))
    assert code == 0, stderr
    md = out.read_text(encoding="utf-8")
    assert "# Trip report: DockerCon (example)" in md
    # Before the trip nothing has been attended yet: starred is not attended.
    assert "## Starred but not attended" in md
    assert (
        "Wed 13 Jan 2027"
        not in md.split("## Starred but not attended")[0].split("## Sessions attended")[1]
    )


def test_report_escapes_and_orders_by_day(demo_trip: Trip) -> None:
    s = sessions()
    s[2] = s[2].model_copy(update={"title": HOSTILE_TITLES[0]})
    notes = {"talk-3": "second day", "kn-1": "first day", "ws-2": "  "}
    after = NOW.replace(year=2027, month=2)
    md = trip_report(demo_trip, s, notes, starred={"kn-1", "talk-3", "ws-2"}, lang="en", now=after)
    assert md.index("first day") < md.index("second day")
    assert "### \\<script\\>alert(1)\\</script\\>" in md
    assert "*09:00–10:30 PST · Hall A · Zoë Ångström, 山田 太郎 · <https://example.org/kn-1>*" in md
    empty = trip_report(demo_trip, s, {}, lang="ja", now=NOW)
    assert "参加したセッションはありません。" in empty


def test_starred_sessions_gone_from_the_schedule_are_reported(home: Trip) -> None:
    with Store.open(data_dir(None)) as store:
        store.set_stars(home.id, ["withdrawn-talk"], True)
    code, stdout, stderr = run("export", "ics", "--include", "agenda")
    assert code == 0 and stdout.count("BEGIN:VEVENT") == 2
    assert stderr == (
        "tripkit: note: 1 starred session is no longer in the schedule and is left out\n"
    )
