"""Run every benchmark: `python -m bench` (or `python -m bench NAME...` for some).

Each bench/bench_*.py module defines functions named bench_*() that return a Result. Every
figure is reported next to a baseline measured in the same run on the same machine, so the
ratio means something even though absolute times vary between machines.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

from bench.common import Result


def main(argv: list[str]) -> int:
    want = {a for a in argv if not a.startswith("-")}
    as_json = "--json" in argv
    folder = Path(__file__).parent
    modules = [
        info.name
        for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name)
        if info.name.startswith("bench_")
    ]
    chosen = [m for m in modules if _names(m, want)]
    if len(chosen) > 1 and "--here" not in argv:
        # Each module in a fresh process: a figure must not depend on what ran before it in
        # the same interpreter (live objects from other benchmarks, a frozen or disabled
        # garbage collector, imports already paid). In one process, evaluating 1,000 rules
        # read 0.51x its baseline after the other modules ran, 0.35x alone.
        return _each_in_its_own_process(chosen, want, as_json)
    results: list[Result] = []
    for module_name in chosen:
        module = importlib.import_module(f"bench.{module_name}")
        for name in _names(module_name, want):
            print(f"running {module_name}.{name} ...", file=sys.stderr, flush=True)
            results.append(getattr(module, name)())
    if as_json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        for r in results:
            print(r.line())
    return 0 if all(r.ok for r in results) else 1


def _names(module_name: str, want: set[str]) -> list[str]:
    """The benchmark functions of a module that `want` selects (all when it is empty; a
    module's name selects all of its own: `bench entry`)."""
    module = importlib.import_module(f"bench.{module_name}")
    names = sorted(n for n in dir(module) if n.startswith("bench_"))
    if not want or {module_name, module_name.removeprefix("bench_")} & want:
        return names
    return [n for n in names if n.removeprefix("bench_") in want]


def _each_in_its_own_process(modules: list[str], want: set[str], as_json: bool) -> int:
    ok = True
    merged: list[object] = []
    for module_name in modules:
        names = [n.removeprefix("bench_") for n in _names(module_name, want)]
        command = [sys.executable, "-m", "bench", "--here", *(["--json"] if as_json else [])]
        done = subprocess.run([*command, *names], stdout=subprocess.PIPE, text=True, check=False)
        ok = ok and done.returncode == 0
        if as_json:
            merged.extend(json.loads(done.stdout or "[]"))
        else:
            print(done.stdout, end="", flush=True)
    if as_json:
        print(json.dumps(merged, indent=2))
    return 0 if ok else 1


raise SystemExit(main(sys.argv[1:]))
