"""Checklist engine: evaluating 1,000 rules against a trip, next to loading the same rules.

The rules are generated into a temporary YAML file (conditions nested two levels, every
predicate and anchor used), so the figure does not depend on how many rules ship today.
Baseline: reading and validating that YAML (what every process start pays once).
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from bench.common import Result, median_ms
from tripkit.catalog.rules import load_rules
from tripkit.catalog.schema import (
    AuthorisationScheme,
    CountryEntry,
    Emergency,
    LocalText,
    PassportRule,
)
from tripkit.core.anchors import ANCHOR_NAMES, compute_anchors
from tripkit.core.checklist import evaluate
from tripkit.core.models import Source
from tripkit.demo import example_trip

N_RULES = 1000
SRC = {"title": "bench", "url": "https://example.org/bench", "date": "2026-01-01"}

PREDICATES = [
    {"citizenship_in": ["JP"]},
    {"destination_in": ["US", "CA"]},
    {"abroad": True},
    {"has_flights": True},
    {"has_connection_in_destination": True},
    {"holds_valid_authorisation": "ESTA"},
    {"authorisation_required": True},
    {"e_passport": True},
    {"time_difference_over": 3},
    {"travel_direction": "east"},
    {"venue_city_in": ["san-francisco"]},
    {"departs_from": ["JP"]},
    {"stay_days_at_least": 90},
]
CHECKS = [None, None, None, "passport", "authorisation", "visa"]


def rules_yaml(n: int) -> str:
    rules = []
    for i in range(n):
        p = [PREDICATES[(i + k) % len(PREDICATES)] for k in range(4)]
        when = {"all": [p[0], {"any": [p[1], {"not": p[2]}]}, p[3]]}
        rule = {
            "id": f"rule-{i:04d}",
            "phase": ["prepare", "depart", "in-flight", "arrive", "venue", "after"][i % 6],
            "title": {"en": f"Rule {i} in {{city}}", "ja": f"ルール{i}"},
            "details": {"en": "Details for {conference} at {venue}.", "ja": "詳細"},
            "due": {
                "anchor": ANCHOR_NAMES[i % len(ANCHOR_NAMES)],
                ("before" if i % 2 else "after"): ["72h", "3d", "2w", "90m"][i % 4],
            },
            "when": when,
            "sources": [SRC],
        }
        check = CHECKS[i % len(CHECKS)]
        if check:
            rule["check"] = check
        if i and i % 10 == 0:
            rule["depends_on"] = [f"rule-{i - 1:04d}"]
        rules.append(rule)
    return yaml.dump({"rules": rules}, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


class _NoAliases(yaml.SafeDumper):
    """Writes shared objects (SRC, predicates) out in full: tripkit refuses &anchors/*aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def us_entry() -> CountryEntry:
    src = [Source(title="bench", url="https://example.org/bench")]
    reviewed = date(2026, 11, 27)
    return CountryEntry(
        code="US",
        name=LocalText(en="United States"),
        emergency=Emergency(number="911", note=LocalText(en="911"), sources=src, reviewed=reviewed),
        passport=PassportRule(months_beyond_stay=6, exempt=["JP"], sources=src, reviewed=reviewed),
        authorisations=[
            AuthorisationScheme(
                id="ESTA",
                name=LocalText(en="ESTA"),
                destinations=["US"],
                required_for=["JP"],
                official_url="https://esta.cbp.dhs.gov",
                validity_years=2,
                needs_e_passport=True,
                visa_fallback=LocalText(en="Apply for a visa."),
                sources=src,
                reviewed=reviewed,
            )
        ],
    )


def bench_checklist_evaluate_1000() -> Result:
    trip = example_trip(date(2026, 11, 27))
    countries = {"US": us_entry()}
    now = datetime(2026, 11, 27, 3, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.yaml"
        path.write_text(rules_yaml(N_RULES), encoding="utf-8")
        size_kb = path.stat().st_size / 1024
        rules = load_rules([path]).rules
        assert len(rules) == N_RULES
        load_ms = median_ms(lambda: load_rules([path]), repeat=5)
    compute_anchors(trip)  # the airport catalog is read once per process, not per run

    def run() -> None:
        items = evaluate(trip, rules, countries=countries, states={}, now=now, lang="en")
        assert len(items) == N_RULES

    eval_ms = median_ms(run, repeat=7)
    applicable = sum(
        1
        for i in evaluate(trip, rules, countries=countries, states={}, now=now)
        if i.status != "not_applicable"
    )
    return Result(
        name=f"checklist: evaluate {N_RULES} rules against the example trip",
        value=eval_ms,
        unit="ms",
        baseline_name=f"load + validate the same YAML ({size_kb:.0f} KiB)",
        baseline=load_ms,
        # Relative target: absolute times swing with the machine's load, the ratio does not.
        target="<= 0.5x the load time",
        ok=eval_ms <= 0.5 * load_ms,
        extra=f"{applicable} rules applicable, {eval_ms * 1000 / N_RULES:.0f} us per rule",
    )
