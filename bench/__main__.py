"""Run every benchmark: `python -m bench` (or `python -m bench NAME...` for some).

Each bench/bench_*.py module defines functions named bench_*() that return a Result. Every
figure is reported next to a baseline measured in the same run on the same machine, so the
ratio means something even though absolute times vary between machines.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

from bench.common import Result


def main(argv: list[str]) -> int:
    want = {a for a in argv if not a.startswith("-")}
    as_json = "--json" in argv
    results: list[Result] = []
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        for name in sorted(dir(module)):
            if not name.startswith("bench_"):
                continue
            module_names = {info.name, info.name.removeprefix("bench_")}  # `bench entry`
            if want and name.removeprefix("bench_") not in want and not module_names & want:
                continue
            print(f"running {info.name}.{name} ...", file=sys.stderr, flush=True)
            results.append(getattr(module, name)())
    if as_json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        for r in results:
            print(r.line())
    return 0 if all(r.ok for r in results) else 1


raise SystemExit(main(sys.argv[1:]))
