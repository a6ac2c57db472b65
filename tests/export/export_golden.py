"""Golden files: compare an export with tests/export/golden/NAME.

`pytest --snapshot-update` (re)writes them, the same switch that updates the TUI's SVG
snapshots (pytest-textual-snapshot): one way to update every golden file (tests/README.md).
Read the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import testpaths

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, data: bytes | str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = GOLDEN / name
    if testpaths.UPDATE_GOLDENS:
        path.write_bytes(raw)
        return
    if not path.exists():
        raise AssertionError(f"{path} is missing; run `pytest --snapshot-update` to write it")
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
