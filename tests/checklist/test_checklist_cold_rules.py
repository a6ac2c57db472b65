"""The kept compiled form of the rule files (tripkit.catalog.compiled) and the process's own
cache of the rules (tripkit.services.checklist.load_all_rules) are inputs of the checklist
like any other: an edit of a rule file that keeps its size and its modification time (two
saves within one tick of the file system's clock, a copy that kept the time) must still be
read, by a new process and by a long-lived one (the TUI). A stale rule would be a confident
wrong checklist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from checklist_builders import make_trip
from click.testing import CliRunner

from tripkit import paths
from tripkit.catalog.rules import load_rules
from tripkit.cli import main
from tripkit.services import checklist as svc
from tripkit.store import Store

RULE = (
    "rules:\n  - id: bring-umbrella\n    phase: prepare\n    kind: reminder\n"
    "    title: {en: Bring an umbrella}\n"
)


@pytest.fixture(autouse=True)
def _rules_reread() -> Iterator[None]:
    svc._cache.clear()  # noqa: SLF001 - each test's config folder is its own
    yield
    svc._cache.clear()  # noqa: SLF001


def rewrite_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and put the file's times back as they were."""
    assert len(old) == len(new)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def titles(stdout: str) -> dict[str, str]:
    items: list[dict[str, Any]] = json.loads(stdout)
    return {i["id"]: i["title"] for i in items}


def cli_process() -> dict[str, str]:
    """`tripkit checklist --json --all` in a new process (no cache in memory)."""
    done = subprocess.run(
        [sys.executable, "-m", "tripkit", "checklist", "--json", "--all"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stderr == ""
    return titles(done.stdout)


def cli_in_process() -> dict[str, str]:
    """The same command in this process (the rules kept in memory from the last read)."""
    result = CliRunner().invoke(main, ["checklist", "--json", "--all"])
    assert result.exit_code == 0, result.output
    return titles(result.stdout)


@pytest.fixture
def rule_file() -> Path:
    with Store.open(paths.data_dir()) as store:
        trip = make_trip()
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    path = folder / "mine.yaml"
    path.write_text(RULE, encoding="utf-8")
    return path


def test_a_new_process_reads_an_edit_keeping_size_and_time(rule_file: Path) -> None:
    assert cli_process()["bring-umbrella"] == "Bring an umbrella"  # compiled copy written
    rewrite_keeping_size_and_time(rule_file, "an umbrella", "a raincoat!")
    assert cli_process()["bring-umbrella"] == "Bring a raincoat!"
    # And back: the first text's copy is still right for the first text.
    rewrite_keeping_size_and_time(rule_file, "a raincoat!", "an umbrella")
    assert cli_process()["bring-umbrella"] == "Bring an umbrella"


def test_a_long_lived_process_reads_an_edit_keeping_size_and_time(rule_file: Path) -> None:
    assert cli_in_process()["bring-umbrella"] == "Bring an umbrella"
    rewrite_keeping_size_and_time(rule_file, "an umbrella", "a raincoat!")
    assert cli_in_process()["bring-umbrella"] == "Bring a raincoat!"
    assert svc.load_all_rules().by_id()["bring-umbrella"].title.en == "Bring a raincoat!"


def test_the_compiled_copy_follows_the_content(tmp_path: Path) -> None:
    """The loader alone (bundled files go through it too): same path, size and time,
    other bytes -> the other rules, never the copy of the first."""
    path = tmp_path / "rules.yaml"
    path.write_text(RULE, encoding="utf-8")
    for _ in range(2):  # the YAML, then the compiled copy
        assert load_rules([path]).rules[0].title.en == "Bring an umbrella"
    rewrite_keeping_size_and_time(path, "phase: prepare", "phase: venue  ")
    for _ in range(2):
        rule = load_rules([path]).rules[0]
        assert (rule.phase, rule.title.en) == ("venue", "Bring an umbrella")
