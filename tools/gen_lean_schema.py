"""Write tripkit/core/lean_schema.py, the lean readers' field table, from the pydantic models.

Run after changing a model: `python tools/gen_lean_schema.py`. tests/core/test_lean.py fails
while the committed table differs from what the models give. (A tool, not a core module: the
core does no I/O.)
"""

from __future__ import annotations

from pathlib import Path

from tripkit.core import lean_spec


def main() -> None:
    path = Path(lean_spec.__file__).with_name("lean_schema.py")
    path.write_text(lean_spec.source(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
