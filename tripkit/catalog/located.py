"""YAML that remembers where each value came from, so that errors name the file and line.

PyYAML's composed node tree carries a mark (line, column) for every value. We parse once,
build plain Python data from those nodes, and keep the tree: a pydantic error's ``loc``
(``("rules", 3, "due", "anchor")``) is a path that leads through it to the line to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tripkit.errors import DataError

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The C safe loader when available, with timestamps left as text: an unquoted
    `date: 2026-13-01` would otherwise raise while parsing (and `2026-01-01` would become a
    date where the schema wants the text the source gives)."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


@dataclass
class Located:
    """Data read from one YAML file, and the composed node tree it was built from.

    Lines are looked up only when an error needs one (walking the nodes along the path),
    so that a valid file pays nothing for them.
    """

    file: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of `path`, or of its nearest existing parent (1 for the whole file)."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = None
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                        found = (key_node.start_mark.line + 1, value_node)
                if found is None:
                    break
                line, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line

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
        elif isinstance(err.get("input"), bool) and err.get("type") == "string_type":
            # NO (Norway), yes, on, off: YAML 1.1 reads them as booleans.
            msg += ' (YAML reads no/yes/on/off as true/false: put the value in quotes, "NO")'

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
        located = Located(name, None, node)
        if node is not None:
            _check_keys(node, name)
            located.data = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"YAML syntax: {problem}", where=f"{name}:{line}") from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        # Constructors can fail outside the marked errors (huge nesting, odd tags' values).
        raise DataError(f"YAML: {exc}", where=name) from None
    finally:
        loader.dispose()


def _check_keys(root: yaml.Node, name: str) -> None:
    """Refuse a key repeated in one mapping: PyYAML silently keeps the last of two equal
    keys, and a curated file must not lose a value that way. Iterative: deep nesting
    cannot overflow the stack."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    key = key_node.value
                    if key in seen:
                        raise DataError(
                            f"key {key!r} appears twice in the same mapping "
                            f"(first on line {seen[key]})",
                            where=f"{name}:{key_node.start_mark.line + 1}",
                        )
                    seen[key] = key_node.start_mark.line + 1
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
