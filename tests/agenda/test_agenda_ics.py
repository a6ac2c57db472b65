"""The .ics export carries the traveller's own agenda items (UIDs stable across edits) and
the interest and reservation recorded on starred sessions."""

from __future__ import annotations

from pathlib import Path

import icalendar
from agenda_helpers import run

from tripkit.store import Store

FIRST = "8079583e-8321-506c-95af-fd2903a5f075"


def _events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_ics_has_personal_items_and_pick_states(
    corpus: Path, home_store: Store, tmp_path: Path
) -> None:
    assert run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))[0] == 0
    run("schedule", "interest", "must", FIRST)
    run("schedule", "reserve", "waitlisted", FIRST)
    code, _, err = run(
        "agenda",
        "add",
        "Team dinner",
        "--start",
        "2027-01-12 19:00",
        "--end",
        "+2h",
        "--place",
        "Tadich Grill",
        "--note",
        "table for 6",
        "--kind",
        "meal",
    )
    assert code == 0, err
    out = tmp_path / "trip.ics"
    code, _, err = run("export", "ics", "-o", str(out))
    assert code == 0, err
    events = _events(out)
    dinner = events["Team dinner"]
    uid = str(dinner["UID"])
    assert uid.startswith("personal-") and uid.endswith("@tripkit")
    assert str(dinner["LOCATION"]) == "Tadich Grill"
    assert "table for 6" in str(dinner["DESCRIPTION"])
    assert dinner.decoded("DTSTART").isoformat() == "2027-01-12T19:00:00-08:00"
    assert str(dinner["DTSTART"].params.get("TZID")) == "America/Los_Angeles"
    talk = events["Focused 5thgeneration hardware"]
    assert str(talk["DESCRIPTION"]).startswith("Interest: must · Reservation: waitlisted")
    # Edited: the same UID, a higher SEQUENCE (calendars update it, not add a copy).
    run("agenda", "edit", "team-dinner", "--start", "2027-01-12 19:30")
    code, _, err = run("export", "ics", "-o", str(out), "--force")
    assert code == 0, err
    again = _events(out)["Team dinner"]
    assert str(again["UID"]) == uid
    assert int(again["SEQUENCE"]) > int(dinner.get("SEQUENCE", 0))
    assert again.decoded("DTSTART").isoformat() == "2027-01-12T19:30:00-08:00"


def test_ics_with_personal_items_passes_every_consumer(
    corpus: Path, home_store: Store, tmp_path: Path
) -> None:
    import json
    import subprocess

    import pytest
    from testpaths import SHARED

    icscheck = SHARED / "tools" / "icscheck" / "icscheck"
    if not icscheck.exists():
        pytest.skip(f"{icscheck} is absent (../shared not here); calendar consumers not run")
    assert run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))[0] == 0
    run("schedule", "interest", "must", FIRST)
    run(
        "agenda",
        "add",
        "Booth duty",
        "--start",
        "2027-01-12 10:00[America/Los_Angeles]",
        "--end",
        "+2h",
        "--place",
        "Expo hall",
        "--kind",
        "booth",
        "--note",
        "bring flyers",
    )
    out = tmp_path / "trip.ics"
    assert run("export", "ics", "-o", str(out))[0] == 0
    proc = subprocess.run(
        [str(icscheck), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    if proc.returncode == 2:
        pytest.skip(f"icscheck is not set up: {proc.stderr.strip()[:200]}")
    report = json.loads(proc.stdout)
    failed = {k: r["errors"] for k, r in report["results"].items() if r["status"] == "FAIL"}
    assert proc.returncode == 0 and not failed, failed
