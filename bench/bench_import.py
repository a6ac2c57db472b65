"""Schedule import speed: the largest corpus file through `tripkit.importers.parse`, against the
bare `defusedxml.ElementTree.fromstring` of the same bytes, measured in the same run.

The two are timed alternately (parse, bare, parse, bare...) so that load from other processes
hits both alike; the figure is the median of each. Target: parse <= 2x the bare XML parse.
"""

from __future__ import annotations

import statistics
import time

import defusedxml.ElementTree as DET

from bench.common import SHARED, Result

FILE = SHARED / "corpus" / "schedules" / "frab-xml" / "fosdem-2026.xml"
ROUNDS = 15


def _alternate(a: object, b: object, rounds: int) -> tuple[float, float]:
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(rounds):
        for fn, out in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            fn()  # type: ignore[operator]
            out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ta), statistics.median(tb)


def bench_import_fosdem() -> Result:
    from tripkit.importers import parse

    if not FILE.is_file():
        return Result("import fosdem-2026.xml", 0.0, "ms", ok=True,
                      extra="skipped: ../shared/corpus is absent")
    data = FILE.read_bytes()
    schedule = parse(data, source=FILE.name)  # warm-up, and a sanity check of the result
    DET.fromstring(data)
    value, baseline = _alternate(
        lambda: parse(data, source=FILE.name), lambda: DET.fromstring(data), ROUNDS
    )
    return Result(
        name="import fosdem-2026.xml (2.7 MB)",
        value=value,
        unit="ms",
        baseline_name="defusedxml fromstring",
        baseline=baseline,
        target="<= 2x baseline",
        ok=value <= 2 * baseline,
        extra=f"{len(schedule.sessions)} sessions, median of {ROUNDS} alternating runs",
    )
