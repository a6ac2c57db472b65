"""Issue 14 #6: inputs that used to end in a traceback or a hang now get one clear message,
and the stored schedule, stars and notes are left as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sched_helpers import Server, mk, send

from tripkit.cli import main
from tripkit.core.models import Schedule, Trip
from tripkit.store import Store

CSV = "date,start,end,title,room\n2027-01-12,10:00,11:00,Keynote,Hall\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def with_schedule(home_store: Store, demo_trip: Trip) -> Store:
    home_store.put_schedule(
        demo_trip.id,
        Schedule(
            source="t", format="csv", sessions=[mk("k1", "2027-01-12 10:00", "2027-01-12 11:00")]
        ),
    )
    home_store.set_note(demo_trip.id, "k1", "bring the adapter")
    return home_store


def _note(store: Store, trip: Trip) -> str:
    return store.picks(trip.id)["k1"].note


def test_note_with_a_non_utf8_byte_is_refused_not_a_traceback(
    with_schedule: Store, demo_trip: Trip
) -> None:
    # `tripkit schedule note k1 café` typed in a Latin-1 terminal: the é byte (0xE9) reaches
    # Python as the lone surrogate U+DCE9; SQLite refused it with a UnicodeEncodeError.
    result = run("schedule", "note", "k1", "caf\udce9 at noon")
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr and "character 4" in result.stderr
    assert "Traceback" not in result.output
    assert _note(with_schedule, demo_trip) == "bring the adapter"


def test_non_utf8_file_name_is_refused_with_its_name_shown(
    with_schedule: Store, demo_trip: Trip, tmp_path: Path
) -> None:
    # A file called "programme\xff.csv" (Latin-1 name on a UTF-8 system): the path could not
    # be stored as the schedule's source and the import died with UnicodeEncodeError.
    raw = os.fsencode(tmp_path) + b"/programme\xff.csv"
    with open(raw, "wb") as fh:
        fh.write(CSV.encode())
    result = run("schedule", "import", os.fsdecode(raw))
    assert result.exit_code == 1
    assert "programme\\xff.csv" in result.stderr and "not UTF-8" in result.stderr
    assert "Traceback" not in result.output
    assert with_schedule.programmes.get(demo_trip.id).header().source == "t"  # type: ignore[union-attr]


def test_a_fifo_is_refused_instead_of_hanging(home_store: Store, tmp_path: Path) -> None:
    # `tripkit schedule import <(curl ...)` or a named pipe nobody writes to: the open()
    # blocked forever. Run in a real process with a timeout, so a hang fails the test.
    fifo = tmp_path / "schedule.fifo"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tripkit", "schedule", "import", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        env=os.environ.copy(),
    )
    assert done.returncode == 1
    assert f"{fifo}: this is not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_web_page_at_a_schedule_url_says_so(
    http_server: Server, home_store: Store, demo_trip: Trip
) -> None:
    # The conference's home page pasted instead of its schedule feed: the user was told
    # "line 1, column 1: not well-formed XML", which points at a damaged file. (The fetcher
    # now follows such a page to its schedule export when it has one; this one has none.)
    page = (
        b"\xef\xbb\xbf\n<!-- cms -->\n<!DOCTYPE html>\n<html lang=en><head><title>DevConf"
        b"</title></head><body><p>Schedule coming soon</body></html>"
    )
    http_server.routes["/schedule"] = lambda h: send(
        h, 200, page, {"Content-Type": "text/html; charset=utf-8"}
    )
    result = run("schedule", "import", http_server.url("/schedule"))
    assert result.exit_code == 1
    assert "this address is a web page, not a frab/Pentabarf schedule" in result.stderr
    assert "well-formed" not in result.stderr and "Traceback" not in result.output
    assert home_store.get_schedule(demo_trip.id) is None


def test_a_saved_web_page_given_as_a_file_says_so(
    home_store: Store, demo_trip: Trip, tmp_path: Path
) -> None:
    # "Save page as..." on the programme page, then `tripkit schedule import programme.html`:
    # the user was told "line 1, column 1: not well-formed XML" (a damaged file, it seemed).
    page = tmp_path / "programme.html"
    page.write_bytes(
        b"<!DOCTYPE html>\n<html><body><table><tr><td>09:00 Keynote</td></tr></table></body></html>"
    )
    result = run("schedule", "import", str(page))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"tripkit: {page}: this file is a web page, not a schedule; "
        "look on the conference's site for the schedule's export"
    )
    assert home_store.get_schedule(demo_trip.id) is None


def test_xml_date_at_the_end_of_time_names_the_place(home_store: Store, tmp_path: Path) -> None:
    # 9999-12-31T23:59:59+14:00 plus its duration is past year 9999: the user was told
    # "the file could not be read (OverflowError); it may be damaged".
    xml = tmp_path / "late.xml"
    xml.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>X</title><start>9999-12-31</start><end>9999-12-31</end>
<time_zone_name>Pacific/Kiritimati</time_zone_name></conference>
<day index="1" date="9999-12-31"><room name="Hall"><event guid="g1" id="1">
<date>9999-12-31T23:59:59+14:00</date><start>23:59</start><duration>00:45</duration>
<room>Hall</room><title>Late</title></event></room></day></schedule>""",
        encoding="utf-8",
    )
    result = run("schedule", "import", str(xml))
    assert result.exit_code == 1
    assert f'{xml}: /schedule/day[1]/room[@name="Hall"]/event[1]/duration:' in result.stderr
    assert "after the year 9999" in result.stderr
    assert "OverflowError" not in result.stderr and "damaged" not in result.stderr
    ja = run("--lang", "ja", "schedule", "import", str(xml))
    assert "9999年" in ja.stderr
