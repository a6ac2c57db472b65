"""Import hygiene of bare `tripkit`: the code that draws the first frame loads no pydantic, no
models, no YAML and no TextArea (about 0.3 s together); the trip is read after that frame.

A subprocess, because a static import graph cannot prove that a deferred import defers."""

from __future__ import annotations

import json
import subprocess
import sys

FIRST_FRAME_MODULES = [
    "tripkit.cli",
    "tripkit.cli.tui_launch",
    "tripkit.tui.app",
    "tripkit.tui.screens",
    "tripkit.tui.screens.overview",
]


def test_first_frame_code_imports_no_pydantic() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for m in {FIRST_FRAME_MODULES!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "tripkit.tui.screens.overview" in loaded  # the import above did run
    heavy = {"pydantic", "tripkit.core.models", "yaml", "textual.widgets._text_area"}
    assert loaded & heavy == set()
