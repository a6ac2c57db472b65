"""Guide speed: building the whole guide for the demo trip from the cached catalog, against
reading and validating every bundled guide file (what each call would cost without the cache),
measured in the same run. Target: a guide build costs under a quarter of one uncached read.
"""

from __future__ import annotations

from datetime import date

from bench.common import Result, median_ms


def bench_guide_build() -> Result:
    from tripkit.catalog.loader import check_bundled, load_bundled
    from tripkit.core.zoned import now_utc
    from tripkit.demo import example_trip
    from tripkit.paths import bundled_data
    from tripkit.services.guide import build_guide

    trip = example_trip(date(2026, 11, 27))
    now = now_utc()
    catalog = load_bundled()
    guide = build_guide(trip, "ja", now, catalog=catalog)
    notes = sum(len(s.notes) for s in guide.sections)
    build = median_ms(lambda: build_guide(trip, "ja", now, catalog=catalog), repeat=15)
    cold = median_ms(lambda: check_bundled(bundled_data()), repeat=7)
    return Result(
        "guide build (demo trip, ja, cached catalog)",
        build,
        "ms",
        baseline_name="uncached read of the bundled guide data",
        baseline=cold,
        target="<= 0.25x baseline",
        ok=build <= 0.25 * cold,
        extra=f"{notes} notes",
    )
