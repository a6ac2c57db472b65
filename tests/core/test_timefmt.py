"""Rendered times always carry their zone label."""

from __future__ import annotations

from tripkit.core.timefmt import fmt_dual, fmt_span
from tripkit.core.zoned import parse_zoned


def test_span_in_one_offset_labels_once() -> None:
    start = parse_zoned("2027-01-11T12:00[America/Los_Angeles]")
    end = parse_zoned("2027-01-11T18:00[America/Los_Angeles]")
    assert fmt_span(start, end) == "12:00–18:00 PST"
    # Shown in another zone, both ends move and the label follows.
    assert fmt_span(start, end, "Asia/Tokyo") == "05:00–11:00 JST"


def test_span_across_fall_back_labels_each_end() -> None:
    start = parse_zoned("2026-11-01T01:30-07:00[America/Los_Angeles]")
    end = parse_zoned("2026-11-01T01:15-08:00[America/Los_Angeles]")
    assert fmt_span(start, end) == "01:30 PDT–01:15 PST"


def test_dual_time_left_out_when_home_reads_the_same() -> None:
    # A Berliner at FOSDEM: two zone names, one clock. "00:00 CET (00:00 CET)" was printed.
    due = parse_zoned("2026-01-31T00:00[Europe/Brussels]")
    assert fmt_dual(due, "Europe/Brussels", "Europe/Berlin") == "Sat 31 Jan 2026 00:00 CET"
    # A real difference is still shown beside it.
    assert fmt_dual(due, "Europe/Brussels", "Europe/London") == (
        "Sat 31 Jan 2026 00:00 CET (Fri 30 Jan 2026 23:00 GMT)"
    )
