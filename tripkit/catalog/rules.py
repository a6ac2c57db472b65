"""Checklist rules: the loader of data/checklists/*.yaml (the models: tripkit.core.rules).

A rule is data, never code: when it applies is a small AND/OR/NOT tree of named predicates
(no eval), and its deadline is an offset from a trip anchor ("72h before departure").
A file that breaks the schema is refused with a DataError naming the file, the line and
the field; unknown anchors, predicates, phases and dependencies, duplicate ids across
files and dependency cycles are refused the same way.

File layout::

    rules:
      - id: esta-apply
        phase: prepare                      # prepare, depart, in-flight, arrive, venue, after
        kind: fact                          # fact (needs sources) or reminder
        title: {en: Apply for ESTA, ja: ESTAを申請する}
        details: {en: ..., ja: ...}         # may use {destination}, {city}, {scheme}...
        due: {anchor: departure, before: 72h}
        when: {all: [{destination_in: [US]}, {not: {holds_valid_authorisation: ESTA}}]}
        check: authorisation                # optional computed document check
        depends_on: [passport-validity]
        sources: [{title: ..., url: ..., date: "2023-02-23"}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit.core.modellogic import parse_duration
from tripkit.core.record import Record, field
from tripkit.errors import DataError

if TYPE_CHECKING:
    from tripkit.catalog.copy_models import _RuleFileCopy
    from tripkit.catalog.located import Located
    from tripkit.core.rules import (
        CHECKS,
        PLACEHOLDERS,
        PREDICATES,
        Check,
        Condition,
        Due,
        Rule,
        RuleFile,
    )

# The rule models are pure data shapes and live in the core; re-exported for the loader's
# callers, imported on first use: a lean evaluation (tripkit.core.lean) reads the rules'
# compiled copies without them, nor pydantic (issue 13).
_FROM_CORE = frozenset(
    {"CHECKS", "PLACEHOLDERS", "PREDICATES", "Check", "Condition", "Due", "Rule", "RuleFile"}
)


def __getattr__(name: str) -> Any:
    if name in _FROM_CORE:
        from tripkit.core import rules

        return getattr(rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHECKS",
    "PLACEHOLDERS",
    "PREDICATES",
    "Check",
    "Condition",
    "Due",
    "Rule",
    "RuleFile",
    "RuleSet",
    "load_rule_file",
    "load_rules",
    "load_rules_skipping_broken",
    "parse_duration",
    "rule_files",
]


class RuleSet(Record):
    """Rules from one or more files, in file order, with where each one was written."""

    rules: list[Rule] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # rule id -> "file:line"

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


def load_rule_file(path: Path, *, display: str | None = None) -> tuple[list[Rule], Located]:
    from tripkit.catalog.located import load_located  # YAML: only when a file is read

    located = load_located(path, display=display)
    if located.data is None:
        return [], located
    if not isinstance(located.data, dict):
        raise DataError("expected a mapping with a 'rules:' list", where=located.where(()))
    from pydantic import ValidationError

    from tripkit.core.rules import RuleFile

    try:
        parsed = RuleFile.model_validate(located.data)
    except ValidationError as exc:
        raise located.validation_error(exc) from None
    return parsed.rules, located


class _PlacedFile(Record):
    path: Path
    copy: _RuleFileCopy

    def error(self, loc: Sequence[str | int], message: str) -> DataError:
        """The problem at `loc`, with its line: the YAML is read again only to say where."""
        from tripkit.catalog.located import load_located

        return load_located(self.path).error(loc, message)


def _read_rule_file(path: Path) -> _PlacedFile:
    from tripkit.catalog import compiled

    def model() -> type[_RuleFileCopy]:
        from tripkit.catalog.copy_models import _RuleFileCopy

        return _RuleFileCopy

    def strict() -> _RuleFileCopy:
        rules, located = load_rule_file(path)
        return model()(rules=rules, wheres=[located.where(("rules", i)) for i in range(len(rules))])

    # A condition is the one key it was written with (`not`, not `not_`; no null siblings).
    # Lean in a lean evaluation (tripkit.catalog.compiled.load_lean).
    return _PlacedFile(
        path,
        compiled.load_lean(
            path,
            "_RuleFileCopy",
            model,
            strict,
            dump=lambda copy: copy.model_dump_json(by_alias=True, exclude_unset=True),
            # A stale copy would be a confident wrong checklist: rule files are small, so
            # their bytes are read to key it (an edit keeping size and time is still seen).
            content=True,
        ),
    )


def load_rules(paths: Iterable[Path]) -> RuleSet:
    """Load rule files in order; ids must be unique across all of them."""
    out = RuleSet()
    placed: dict[str, tuple[_PlacedFile, int]] = {}
    for path in paths:
        file = _read_rule_file(path)
        for index, rule in enumerate(file.copy.rules):
            if rule.id in out.origins:
                raise file.error(
                    ("rules", index, "id"),
                    f"rule id {rule.id!r} is already used at {out.origins[rule.id]}",
                )
            out.origins[rule.id] = file.copy.wheres[index]
            placed[rule.id] = (file, index)
            out.rules.append(rule)
    ids = set(out.origins)
    for rule in out.rules:
        for j, dep in enumerate(rule.depends_on):
            if dep not in ids:
                file, index = placed[rule.id]
                raise file.error(
                    ("rules", index, "depends_on", j), f"depends on unknown rule {dep!r}"
                )
    _check_cycles(out, placed)
    return out


def load_rules_skipping_broken(
    bundled: Sequence[Path], user: Sequence[Path]
) -> tuple[RuleSet, list[DataError]]:
    """The bundled rules plus each user file that loads with them; a user file with a
    problem (a typo, a clashing id, an unknown dependency) is left out and its DataError
    (file:line) returned, as a broken guide overlay is: one typo must not block the
    checklist and every export. A problem in the bundled files still raises (a bug)."""
    accepted = list(bundled)
    rules = load_rules(accepted)
    problems: list[DataError] = []
    for path in user:
        try:
            rules = load_rules([*accepted, path])
        except DataError as exc:
            problems.append(exc)
            continue
        accepted.append(path)
    return rules, problems


def _check_cycles(rules: RuleSet, placed: dict[str, tuple[_PlacedFile, int]]) -> None:
    deps = {r.id: r.depends_on for r in rules.rules}
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in deps[node]:
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                file, index = placed[node]
                raise file.error(
                    ("rules", index, "depends_on"), "dependency cycle: " + " -> ".join(cycle)
                )
            if state.get(nxt) is None:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for rule_id in deps:
        if rule_id not in state:
            visit(rule_id, [rule_id])


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []
