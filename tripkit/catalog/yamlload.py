"""A line-aware YAML reader for the guide data (countries, cities, venues, overlays).

Like catalog.located (the checklist rules' reader), it keeps the 1-based line of every value
by its path (``("notes", 2, "sources")``), so that a pydantic error's ``loc`` can be placed
in the file. Two differences that the guide needs:

* dates stay text: PyYAML builds dates while parsing, so ``reviewed: 2026-13-01`` would stop
  the whole file there; left as text, pydantic reports it with its field and line together
  with every other problem of the file;
* it depends on nothing private of another module, so either can change on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tripkit.errors import DataError

YamlPath = tuple[str | int, ...]

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _DatesAsText(_Base):  # type: ignore[valid-type,misc]
    """The C-accelerated safe loader when available, with timestamps left as strings."""


_DatesAsText.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


@dataclass
class LinedYaml:
    """Plain data read from one YAML file, with the line of each value."""

    file: str
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of `path`, or of its nearest recorded parent (1 for the whole file)."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


def dotted(path: Sequence[str | int]) -> str:
    """A field path as people write it: notes[3].sources."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, display: str | None = None) -> LinedYaml:
    """Parse one file. Unreadable files, syntax errors and duplicate keys raise DataError
    whose `where` is "file:line"."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", where=name) from None
    except OSError as exc:
        raise DataError(f"cannot read the file ({exc.strerror})", where=name) from None
    return parse_yaml_text(text, name)


def parse_yaml_text(text: str, name: str) -> LinedYaml:
    loader = _DatesAsText(text)
    try:
        node = loader.get_single_node()
        out = LinedYaml(name, None)
        if node is not None:
            _walk(node, (), out.lines, name)
            out.data = loader.construct_document(node)
            out.lines.setdefault((), node.start_mark.line + 1)
        return out
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"YAML syntax: {problem}", where=f"{name}:{line}") from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise DataError(f"YAML: {exc}", where=name) from None
    finally:
        loader.dispose()


def _walk(root: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], name: str) -> None:
    """Record each value's line and refuse a key given twice in one mapping (PyYAML would
    silently keep the last one). Iterative, so deep nesting cannot overflow the stack."""
    stack: list[tuple[yaml.Node, YamlPath]] = [(root, path)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in seen and key != "<<":
                    raise DataError(
                        f"key {key!r} appears twice in the same mapping (first on line "
                        f"{seen[key]})", where=f"{name}:{line}")
                seen[key] = line
                lines[(*here, key)] = line
                stack.append((value_node, (*here, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*here, i)] = item.start_mark.line + 1
                stack.append((item, (*here, i)))
