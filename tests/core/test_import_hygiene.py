"""Running a CLI command loads no Textual, checked in a fresh interpreter (this test process
may already have Textual loaded).

Which modules may import what is the import-linter contract's job ([tool.importlinter] in
pyproject.toml, run by .ci/run): it covers every module statically; this test covers what
it cannot see, the CLI's commands loaded by name at run time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path


def python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRIPKIT_HOME": str(tmp_path / "home"), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


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
