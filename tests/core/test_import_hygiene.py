"""The core never imports Textual: only the TUI (and its launcher) may.

Checked in fresh interpreters, since this test process may already have Textual loaded.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import tripkit

TUI_ONLY = ("tripkit.tui", "tripkit.cli.tui_launch")


def core_modules() -> list[str]:
    """Every tripkit module but the TUI's and __main__ (importing that runs the app).

    Found from the files rather than pkgutil alone, so that a folder without __init__.py
    (a namespace package such as tripkit/exporters) is not skipped.
    """
    root = Path(tripkit.__file__).parent
    names = {"tripkit"} | {
        info.name for info in pkgutil.walk_packages(tripkit.__path__, "tripkit.")
    }
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(
        n
        for n in names
        if n != "tripkit.__main__" and not any(n == p or n.startswith(p + ".") for p in TUI_ONLY)
    )


def python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRIPKIT_HOME": str(tmp_path / "home"), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_discovery_finds_the_core() -> None:
    names = core_modules()
    for expected in (
        "tripkit.core.models",
        "tripkit.core.zoned",
        "tripkit.store",
        "tripkit.services.trips",
        "tripkit.cli",
        "tripkit.cli.trips",
        "tripkit.exporters.ics",
    ):
        assert expected in names
    assert not [n for n in names if n.startswith("tripkit.tui")]


def test_core_modules_do_not_import_textual(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import importlib, json, sys
        failed, pulled = {{}}, []
        for name in {core_modules()!r}:
            try:
                importlib.import_module(name)
            except Exception as exc:
                failed[name] = f"{{type(exc).__name__}}: {{exc}}"
            if "textual" in sys.modules and not pulled:
                pulled.append(name)
        print(json.dumps({{"failed": failed, "pulled": pulled}}))
        """
    )
    result = python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pulled"] == [], f"{report['pulled'][0]} imported textual"
    assert report["failed"] == {}


def test_running_a_cli_command_does_not_import_textual(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        from tripkit.cli import main
        try:
            main(["trip", "list", "--json"], standalone_mode=False)
        finally:
            print("textual" in sys.modules, file=sys.stderr)
        """
    )
    result = python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert result.stderr.strip() == "False"
