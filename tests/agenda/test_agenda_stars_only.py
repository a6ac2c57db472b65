"""`schedule import FILE --stars-only`: another app's starred-only .ics (built from a corpus
file's own events, as no real export exists) sets stars on the sessions already imported, in
the programme asked for, and reports the events it could not match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from agenda_helpers import run

from tripkit.importers import parse
from tripkit.store import Store

T = "dockercon-sf-example"


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n{body}"
        "END:VCALENDAR\r\n".encode()
    )


@pytest.fixture
def pycon(corpus: Path, home_store: Store, tmp_path: Path) -> tuple[Path, list[str]]:
    path = corpus / "ical/pyconuk-2015.ics"
    data = path.read_bytes()
    keys = [s.key for s in parse(data, source=str(path), venue_tz="Europe/London").sessions]
    assert run("schedule", "import", str(path))[0] == 0
    assert run("schedule", "import", str(path), "--as", "workshops")[0] == 0
    blocks = re.findall(rb"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", data, re.S)
    stranger = (
        "UID:not-in-the-programme@example.org\r\nDTSTART:20150918T083000Z\r\n"
        "DTEND:20150918T093000Z\r\nSUMMARY:Someone else's meetup"
    )
    starred = tmp_path / "starred.ics"
    starred.write_bytes(calendar(*(blocks[i].decode() for i in (1, 2, 40)), stranger))
    return starred, keys


def test_stars_only_sets_stars_and_reports_the_rest(
    pycon: tuple[Path, list[str]], home_store: Store
) -> None:
    starred, keys = pycon
    run("schedule", "star", keys[1], "-p", "main")
    code, out, err = run("schedule", "import", str(starred), "--stars-only")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (f"Starred 3 sessions of programme main from {starred} (1 already starred).")
    assert lines[1] == (
        "1 starred event matches no session (or more than one); nothing was starred for it:"
    )
    assert "Someone else's meetup  (UID not-in-the-programme@example.org)" in lines[2]
    assert home_store.programmes.starred_keys(T, "main") == {keys[1], keys[2], keys[40]}
    # The other programme (same ids) is untouched, and nothing was imported.
    assert home_store.programmes.starred_keys(T, "workshops") == set()
    assert home_store.programmes.count(T, "main") == len(keys)
    code, out, err = run("schedule", "import", str(starred), "--stars-only", "--as", "workshops")
    assert code == 0, err
    assert home_store.programmes.starred_keys(T, "workshops") == {keys[1], keys[2], keys[40]}


def test_stars_only_refuses_what_is_not_an_ics(
    corpus: Path, pycon: tuple[Path, list[str]], home_store: Store
) -> None:
    code, _, err = run(
        "schedule", "import", str(corpus / "frab-json/pretalx-democon.json"), "--stars-only"
    )
    assert code == 1 and "iCalendar" in err and "Traceback" not in err
    assert home_store.programmes.starred_keys(T, "main") == set()
    starred, _ = pycon
    code, _, err = run("schedule", "import", str(starred), "--stars-only", "--as", "nope")
    assert code == 1 and "no programme called 'nope'" in err
