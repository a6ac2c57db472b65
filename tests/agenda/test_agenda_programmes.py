"""Several programmes per trip, through the CLI on the real store and real corpus files:
overlapping ids kept apart, refresh of one leaving the other untouched, removal reporting the
stars and notes it drops, and every list labelled by programme."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from agenda_helpers import run

from tripkit.store import Store

FIRST = "8079583e-8321-506c-95af-fd2903a5f075"  # 08:00-08:30 UTC, Gray Room
SECOND = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"  # 08:30-09:00 UTC, Gray Room
T = "dockercon-sf-example"  # the demo trip the CLI works on


@pytest.fixture
def two(corpus: Path, home_store: Store, tmp_path: Path) -> tuple[Store, Path]:
    """The democon programme as "main", and the same file (a copy: every id overlaps) as
    "workshops"."""
    copy = tmp_path / "workshops.json"
    shutil.copy(corpus / "frab-json/pretalx-democon.json", copy)
    code, _, err = run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))
    assert code == 0, err
    code, out, err = run("schedule", "import", str(copy), "--as", "workshops")
    assert code == 0, err
    assert "Programme: workshops" in out
    return home_store, copy


def test_overlapping_ids_are_kept_apart(two: tuple[Store, Path]) -> None:
    store, _ = two
    code, out, _ = run("schedule", "list", "--json")
    items = json.loads(out)
    assert len(items) == 72
    assert sorted({i["programme"] for i in items}) == ["main", "workshops"]
    assert [i["programme"] for i in items if i["id"] == FIRST] == ["main", "workshops"]
    # A key in both programmes is ambiguous: refused, nothing starred.
    code, _, err = run("schedule", "star", FIRST)
    assert code == 1
    assert "several programmes (main, workshops): add --programme NAME" in err
    assert store.programmes.starred_keys(T) == set()
    code, _, err = run("schedule", "star", FIRST, "--programme", "workshops")
    assert code == 0, err
    code, _, err = run("schedule", "note", SECOND, "bring laptop", "-p", "main")
    assert code == 0, err
    assert store.programmes.starred_keys(T, "workshops") == {FIRST}
    assert store.programmes.starred_keys(T, "main") == set()
    assert store.programmes.picks(T, "main")[SECOND].note == "bring laptop"
    assert SECOND not in store.programmes.picks(T, "workshops")
    code, out, _ = run("schedule", "list", "--starred", "--json")
    assert [(i["programme"], i["id"], i["interest"]) for i in json.loads(out)] == [
        ("workshops", FIRST, "want")
    ]
    # Text output labels each session with its programme.
    code, out, _ = run("schedule", "search", "5thgeneration")
    lines = out.splitlines()
    assert lines[0] == "2 sessions match."
    assert "main: Focused 5thgeneration hardware" in lines[1]
    assert "workshops: Focused 5thgeneration hardware" in lines[2]
    assert lines[2].lstrip().startswith("★")
    code, out, _ = run("schedule", "agenda")
    assert "Focused 5thgeneration hardware" in out
    code, out, _ = run("schedule", "programmes", "--json")
    assert [(p["name"], p["sessions"], p["starred"]) for p in json.loads(out)] == [
        ("main", 36, 0),
        ("workshops", 36, 1),
    ]


def test_refresh_of_one_programme_leaves_the_other_untouched(two: tuple[Store, Path]) -> None:
    store, copy = two
    run("schedule", "star", FIRST, "-p", "main")
    run("schedule", "star", FIRST, SECOND, "-p", "workshops")
    main_before = store.programmes.get(T, "main")
    main_rows = [(s.key, s.title, s.start_us) for s in store.programmes.sessions(T)]
    doc = json.loads(copy.read_text())
    text = json.dumps(doc).replace("Focused 5thgeneration hardware", "Workshop renamed")
    copy.write_text(text)
    code, out, err = run("schedule", "refresh", "--programme", "workshops")
    assert code == 0, err
    assert "title changed: “Focused 5thgeneration hardware” → “Workshop renamed”" in out
    assert store.programmes.session(T, FIRST, "workshops").title == "Workshop renamed"
    # main: same rows, same import record, same stars.
    assert [(s.key, s.title, s.start_us) for s in store.programmes.sessions(T)] == main_rows
    assert store.programmes.get(T, "main") == main_before
    assert store.programmes.starred_keys(T, "main") == {FIRST}
    assert store.programmes.starred_keys(T, "workshops") == {FIRST, SECOND}
    code, out, _ = run("schedule", "changes", "-p", "main")
    assert out.strip() == "No refresh since the first import."


def test_remove_reports_what_it_drops(two: tuple[Store, Path]) -> None:
    store, copy = two
    run("schedule", "star", FIRST, "-p", "workshops")
    run("schedule", "note", SECOND, "ask about the lab", "-p", "workshops")
    run("schedule", "star", SECOND, "-p", "main")
    code, out, err = run("schedule", "remove", "workshops")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Removed programme workshops."
    assert lines[1] == "These 2 stars and notes went with it:"
    assert lines[2] == f"  ★ Focused 5thgeneration hardware  ({FIRST})"
    assert lines[3] == (
        f"    Quality-focused 6thgeneration website  ({SECOND})  Note: ask about the lab"
    )
    assert store.programmes.names(T) == ["main"]
    assert store.programmes.starred_keys(T, "main") == {SECOND}
    # The dropped picks are really gone: a new programme of that name starts clean.
    code, _, _ = run("schedule", "import", str(copy), "--as", "workshops")
    assert code == 0
    assert store.programmes.picks(T, "workshops") == {}
    code, _, err = run("schedule", "remove", "nope")
    assert code == 1 and "no programme called 'nope'" in err


def test_bad_programme_name_is_refused(two: tuple[Store, Path]) -> None:
    _, copy = two
    code, _, err = run("schedule", "import", str(copy), "--as", "Bad Name!")
    assert code == 2 and "programme name 'Bad Name!'" in err


def test_conflicts_name_the_programme_of_a_talk_in_both(two: tuple[Store, Path]) -> None:
    # Before: 'conflict: “Focused 5thgeneration hardware” and “Focused 5thgeneration
    # hardware” overlap by 30 min' - the same title twice, no way to tell which pick is which.
    for programme in ("main", "workshops"):
        code, _, err = run("schedule", "star", FIRST, "-p", programme)
        assert code == 0, err
    code, out, _ = run("schedule", "agenda")
    assert code == 0
    conflicts = [ln for ln in out.splitlines() if ln.startswith("conflict:")]
    assert conflicts == [
        "conflict: “main: Focused 5thgeneration hardware” and "
        "“workshops: Focused 5thgeneration hardware” overlap by 30 min"
    ]
