"""Sharing picks: a file and a QR line from one traveller's store, received by a colleague's
(another TRIPKIT_HOME, the same real programme imported), round-tripping every pick."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agenda_helpers import run
from click.testing import CliRunner

from tripkit.cli import main
from tripkit.core.share import parse
from tripkit.store import Store

T = "dockercon-sf-example"
FIRST = "8079583e-8321-506c-95af-fd2903a5f075"
SECOND = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"
THIRD = "a179c8ac-e6eb-5b25-8ed0-c5828ef7b6d9"


def _picks(store: Store, name: str = "main") -> dict[str, tuple[bool, str, str, str]]:
    return {
        k: (p.starred, p.interest, p.reservation, p.note)
        for k, p in store.programmes.picks(T, name).items()
    }


@pytest.fixture
def colleague(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home_store: Store
) -> Path:
    """The sharer's store (TRIPKIT_HOME) with picks; returns the colleague's home, which has
    the same programme and no picks."""
    src = str(corpus / "frab-json/pretalx-democon.json")
    assert run("schedule", "import", src)[0] == 0
    run("schedule", "interest", "must", FIRST)
    run("schedule", "star", SECOND)
    run("schedule", "reserve", "reserved", FIRST)
    run("schedule", "note", THIRD, "ask about the slides — 日本語も")
    other = tmp_path / "colleague"
    monkeypatch.setenv("TRIPKIT_HOME", str(other))
    assert run("demo")[0] == 0
    assert run("schedule", "import", src)[0] == 0
    monkeypatch.setenv("TRIPKIT_HOME", str(tmp_path / "tripkit-home"))
    return other


def test_picks_round_trip_through_the_share_file(
    colleague: Path, home_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = _picks(home_store)
    assert mine == {
        FIRST: (True, "must", "reserved", ""),
        SECOND: (True, "", "", ""),
        THIRD: (False, "", "", "ask about the slides — 日本語も"),
    }
    shared = tmp_path / "picks.json"
    code, out, err = run("schedule", "share", str(shared))
    assert code == 0, err
    assert out.strip() == f"Wrote 3 picks to {shared}."
    doc = json.loads(shared.read_text())
    assert doc["format"] == "tripkit-picks" and len(shared.read_bytes()) < 1000
    monkeypatch.setenv("TRIPKIT_HOME", str(colleague))
    code, out, err = run("schedule", "receive", str(shared))
    assert code == 0, err
    assert out.strip() == "main: 3 picks applied."
    with Store.open(colleague) as theirs:
        assert _picks(theirs) == mine


def test_qr_line_round_trips(
    colleague: Path, home_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run("schedule", "share", "--qr")
    assert code == 0, err
    lines = out.splitlines()
    line = lines[-1]
    assert line.startswith("tripkit-picks:1:")
    assert any("█" in ln or "▀" in ln or "▄" in ln for ln in lines[:-2])  # the code itself
    assert {p.key for p in parse(line.encode()).programmes["main"]} == {FIRST, SECOND, THIRD}
    mine = _picks(home_store)
    monkeypatch.setenv("TRIPKIT_HOME", str(colleague))
    result = CliRunner().invoke(main, ["schedule", "receive", "-"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    with Store.open(colleague) as theirs:
        assert _picks(theirs) == mine


def test_receiving_fills_in_and_never_overwrites(
    colleague: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "picks.json"
    run("schedule", "share", str(shared))
    doc = json.loads(shared.read_text())
    doc["programmes"]["main"]["picks"].append({"id": "not-in-democon", "starred": True})
    doc["programmes"]["workshops"] = {"source": "x", "picks": [{"id": "w1", "starred": True}]}
    shared.write_text(json.dumps(doc))
    monkeypatch.setenv("TRIPKIT_HOME", str(colleague))
    run("schedule", "interest", "maybe", FIRST)
    run("schedule", "note", THIRD, "my own note")
    code, out, err = run("schedule", "receive", str(shared), "--json")
    assert code == 0, err
    got = json.loads(out)
    assert got == {
        "applied": {"main": 3},
        "kept": 2,
        "unknown": [{"programme": "main", "id": "not-in-democon"}],
        "missing_programmes": ["workshops"],
    }
    with Store.open(colleague) as theirs:
        picks = _picks(theirs)
    assert picks[FIRST] == (True, "maybe", "reserved", "")
    assert picks[THIRD] == (False, "", "", "my own note")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"tripkit-picks:1:AAAA", "the shared line is damaged"),
        (b"tripkit-picks:9:AAAA", "from a newer tripkit"),
        (b'{"format": "other"}', "not a tripkit picks file"),
        (b"\xff\xfe", "not a tripkit picks file"),
        (
            b'{"format": "tripkit-picks", "version": 1, "programmes": {"main": {"picks": '
            b'[{"id": "x", "interest": "urgent"}]}}}',
            "programmes.main.picks[0].interest",
        ),
    ],
)
def test_bad_share_files_change_nothing(
    colleague: Path, tmp_path: Path, home_store: Store, content: bytes, message: str
) -> None:
    before = _picks(home_store)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = run("schedule", "receive", str(bad))
    assert code == 1, out
    assert err.startswith(f"tripkit: {bad}: ") and message in err
    assert "Traceback" not in err
    assert _picks(home_store) == before
