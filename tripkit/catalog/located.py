"""YAML that remembers where each value came from, so that errors name the file and line.

PyYAML's composed node tree carries a mark (line, column) for every value. We parse once,
build plain Python data from the same nodes, and keep a map from each value's path
(``("rules", 3, "due", "anchor")``) to its 1-based line. A pydantic error's ``loc`` is such a
path, so the nearest recorded prefix gives the line to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tripkit.errors import DataError

Path_ = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


@dataclass
class Located:
    """Data read from one YAML file, with the line of every value."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of `path`, or of its nearest recorded parent (1 for the whole file)."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def where(self, path: Sequence[str | int]) -> str:
        return f"{self.file}:{self.line_of(path)}"

    def error(self, path: Sequence[str | int], message: str) -> DataError:
        """A DataError at `path`, naming the file, the line and the field."""
        shown = dotted(path)
        return DataError(f"{shown}: {message}" if shown else message, where=self.where(path))

    def validation_error(self, exc: ValidationError, prefix: Sequence[str | int] = ()) -> DataError:
        """The first problem of a pydantic error, placed at its line."""
        errors = exc.errors()
        # A misspelt key also makes the real one "missing": report the unknown key first.
        err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
        loc = tuple(prefix) + tuple(p for p in err.get("loc", ()) if isinstance(p, str | int))
        # pydantic names the tag of a union or validator in loc; keep only our own keys.
        loc = tuple(p for p in loc if isinstance(p, int) or "[" not in p)
        msg = str(err.get("msg", "invalid value"))
        msg = msg.removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            msg = "unknown field (check its spelling)"
        elif err.get("type") == "missing":
            msg = "this field is required"
        return self.error(loc, msg)


def dotted(path: Sequence[str | int]) -> str:
    """A field path as people write it: rules[3].due.anchor."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_located(path: Path, *, display: str | None = None) -> Located:
    """Parse one YAML file. Syntax errors and duplicate keys are DataErrors with a line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", where=name) from None
    except OSError as exc:
        raise DataError(f"cannot read the file ({exc.strerror})", where=name) from None
    return parse_located(text, name)


def parse_located(text: str, name: str) -> Located:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        located = Located(name, None)
        if node is not None:
            located.lines[()] = node.start_mark.line + 1
            _record(node, located.lines, name)
            located.data = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"YAML syntax: {problem}", where=f"{name}:{line}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML: {exc}", where=name) from None
    finally:
        loader.dispose()


def _record(root: yaml.Node, lines: dict[Path_, int], name: str) -> None:
    """Record the line of every value by path; refuse a key repeated in one mapping
    (PyYAML silently keeps the last of two equal keys; a curated file must not)."""
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key, line = key_node.value, key_node.start_mark.line + 1
                if key in seen and key != "<<":
                    raise DataError(
                        f"key {key!r} appears twice in the same mapping "
                        f"(first on line {seen[key]})",
                        where=f"{name}:{line}",
                    )
                seen[key] = line
                lines[(*path, key)] = line
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*path, i)] = item.start_mark.line + 1
                stack.append((item, (*path, i)))
