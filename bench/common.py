"""Shared helpers for benchmarks: timing with a baseline, and the result line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@dataclass
class Result:
    name: str
    value: float  # the measured figure (median), in `unit`
    unit: str
    baseline_name: str = ""
    baseline: float | None = None  # measured in the same run, same unit
    target: str = ""  # e.g. "<= 2x baseline" or "< 5 ms"
    ok: bool = True
    extra: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    def line(self) -> str:
        text = f"{self.name}: {self.value:.3f} {self.unit}"
        if self.baseline is not None:
            text += f" vs {self.baseline_name} {self.baseline:.3f} {self.unit}"
            text += f" (ratio {self.ratio:.2f})"
        if self.target:
            text += f"  target {self.target}: {'ok' if self.ok else 'MISSED'}"
        if self.extra:
            text += f"  [{self.extra}]"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"ratio": self.ratio}


def median_ms(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)
