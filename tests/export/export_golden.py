"""Golden files: compare an export with tests/export/golden/NAME.

Run with TRIPKIT_UPDATE_GOLDEN=1 to (re)write them, then read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, data: bytes | str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = GOLDEN / name
    if os.environ.get("TRIPKIT_UPDATE_GOLDEN") == "1" or not path.exists():
        if os.environ.get("TRIPKIT_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"{path} is missing; run with TRIPKIT_UPDATE_GOLDEN=1 to write it")
        path.write_bytes(raw)
        return
    expected = path.read_bytes()
    if raw != expected:
        # Show the first differing line, not two walls of text.
        got_lines, want_lines = raw.splitlines(), expected.splitlines()
        for n, (g, w) in enumerate(zip(got_lines, want_lines, strict=False), 1):
            if g != w:
                raise AssertionError(f"{name} line {n} differs:\n got: {g!r}\nwant: {w!r}")
        raise AssertionError(
            f"{name}: {len(got_lines)} lines, golden has {len(want_lines)} (or line endings differ)"
        )
