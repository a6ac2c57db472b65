"""Schedule search over 10,000 sessions made from the real corpus.

The sessions of the three big frab XML files (FOSDEM 2025, FOSDEM 2026, 38C3; ~2,800) are
repeated with varied titles up to 10,000. Each query's time is measured on its own; the
figure is the median over all queries and repeats. Baseline, same run, same sessions: the
naive scan `query in session.title.lower()` (titles only, no normalisation), i.e. what a
first version would do. The index also searches speakers, abstracts, track and room, folds
accents and width, and applies no filter here.
"""

from __future__ import annotations

import statistics
import time

from bench.common import SHARED, Result
from tripkit.core.models import Session
from tripkit.core.search import build_index

N_SESSIONS = 10_000
TARGET_MS = 5.0
QUERIES = [
    "docker",
    "Rust",
    "kernel security",
    "café",
    "コンテナ",
    "postgres",
    "ＬＩＮＵＸ",
    "open source hardware",
    "zzzz-no-match",
    "a",
]
FILES = ["frab-xml/fosdem-2025.xml", "frab-xml/fosdem-2026.xml", "frab-xml/38c3.xml"]
SUFFIXES = ["", " (encore)", " — part 2", " workshop", " 再演", " (lightning)"]


def corpus_sessions(n: int = N_SESSIONS) -> list[Session]:
    from tripkit.importers import parse

    base: list[Session] = []
    folder = SHARED / "corpus" / "schedules"
    for name in FILES:
        path = folder / name
        base.extend(parse(path.read_bytes(), source=str(path), venue_tz="Europe/Brussels").sessions)
    out: list[Session] = []
    round_ = 0
    while len(out) < n:
        for s in base:
            if len(out) >= n:
                break
            suffix = SUFFIXES[round_ % len(SUFFIXES)]
            out.append(s.model_copy(update={"key": f"{s.key}#{round_}", "title": s.title + suffix}))
        round_ += 1
    return out


def _per_query_ms(fn: object, queries: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for q in queries:
            t0 = time.perf_counter()
            fn(q)  # type: ignore[operator]
            times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_search_10k() -> Result:
    sessions = corpus_sessions()
    t0 = time.perf_counter()
    index = build_index(sessions, "Europe/Brussels")
    build_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    index.search("docker")  # the first query also builds the word index
    first_ms = (time.perf_counter() - t0) * 1000

    def naive(q: str) -> list[Session]:
        ql = q.lower()
        return [s for s in sessions if ql in s.title.lower()]

    for q in QUERIES:  # warm up both
        index.search(q)
        naive(q)
    per_query = _per_query_ms(index.search, QUERIES, 15)
    ours = statistics.median(per_query)
    slowest = per_query
    base = statistics.median(_per_query_ms(naive, QUERIES, 15))
    hits = {q: len(index.search(q)) for q in ("docker", "kernel security", "コンテナ")}
    return Result(
        name=f"schedule search, {len(sessions)} sessions, median per query",
        value=ours,
        unit="ms",
        baseline_name="naive title.lower() scan",
        baseline=base,
        target=f"< {TARGET_MS:g} ms",
        ok=ours < TARGET_MS,
        extra=(
            f"load (normalised texts) {build_ms:.0f} ms, first query (+ word index) "
            f"{first_ms:.0f} ms, slowest query {max(slowest):.1f} ms; hits {hits}"
        ),
    )
