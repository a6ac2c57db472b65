"""The one YAML reader of tripkit's data files: rules, airports, guide data, overlays, trips.

Every problem it reports names the file and the line (and the field, for schema errors):

* PyYAML's composed node tree carries a mark (line, column) for every value. We parse once,
  build plain Python data from those nodes and keep the tree: a pydantic error's ``loc``
  (``("rules", 3, "due", "anchor")``) is a path that leads through it to the line of that
  mapping key or list item.
* Dates and times stay the text the file gives (no implicit timestamps): an unquoted
  ``reviewed: 2026-13-01`` would otherwise stop the parse with a bare ValueError, and
  ``2027-01-11 12:00`` would become a naive datetime; pydantic validates the text instead.
* YAML 1.1 reads ``NO`` (Norway), yes, on, off as booleans: the schema error says so.
* A key given twice in one mapping is refused (PyYAML silently keeps the last one), and so
  are anchors and aliases (``&x`` / ``*x``): a few aliases can expand into a huge document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from tripkit.errors import DataError, Msg, reason

if TYPE_CHECKING:
    import yaml

# PyYAML is imported when a file is parsed, not with this module: a command whose data all
# comes from the compiled cache (tripkit.catalog.compiled) never loads it (~14 ms).


@cache
def _loader_class() -> type[yaml.SafeLoader]:
    import yaml

    # libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[valid-type,misc]
        """The safe loader without implicit timestamps: dates stay text. (An explicit
        ``!!timestamp`` tag is still built, and a bad one is reported as a DataError.)"""

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, placed so that a person can find it."""

    file: str
    line: int
    field: str  # dotted path, e.g. notes[2].sources; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"

    @property
    def keyed(self) -> Msg:
        """The same line as `str(self)`, keyed: `tripkit.i18n.render` says it in Japanese."""
        message = self.message
        if self.field:
            message = Msg("{name}: {detail}", name=self.field, detail=self.message)
        return Msg("{where}: {message}", where=f"{self.file}:{self.line}", message=message)

    def error(self, more: int = 0) -> DataError:
        """As a DataError ("file:line: field: message"), counting the problems not shown."""
        text: str = self.message
        if self.field:
            text = Msg("{name}: {detail}", name=self.field, detail=self.message)
        if more:
            text = Msg(
                "{text} (and {n} more problem)",
                plural="{text} (and {n} more problems)",
                n=more,
                text=text,
            )
        return DataError(text, where=f"{self.file}:{self.line}")


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
        """The line of `path` (a mapping key's line, a list item's first line), or of its
        nearest existing parent (the document's first line for the whole file)."""
        import yaml

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
        return Problem(self.file, self.line_of(path), dotted(path), message).error()

    def problems(self, exc: ValidationError, prefix: Sequence[str | int] = ()) -> list[Problem]:
        """Every problem of a pydantic error, each at its own line. A misspelt key also
        makes the real one "missing": unknown keys come first."""
        errors = sorted(exc.errors(), key=lambda e: e.get("type") != "extra_forbidden")
        out = []
        for err in errors:
            loc = tuple(prefix) + tuple(p for p in err.get("loc", ()) if isinstance(p, str | int))
            # pydantic names the tag of a union or validator in loc; keep only the file's keys.
            loc = tuple(p for p in loc if isinstance(p, int) or "[" not in p)
            out.append(Problem(self.file, self.line_of(loc), dotted(loc), _message(err, loc)))
        return out

    def validation_error(self, exc: ValidationError, prefix: Sequence[str | int] = ()) -> DataError:
        """The first problem of a pydantic error as one line ("file:line: field: message"),
        with the count of the others."""
        found = self.problems(exc, prefix)
        return found[0].error(more=len(found) - 1)


def _message(err: Any, loc: Sequence[str | int]) -> str:
    kind = err.get("type")
    # Keyed (a `Msg` is the same English text): said in the user's language by render().
    if kind == "extra_forbidden":
        return Msg("unknown field (check its spelling)")
    if kind == "missing":
        return Msg("this field is required")
    if kind == "too_short" and loc and loc[-1] == "sources":
        return Msg("at least one source (title and url) is required")
    raised = (err.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and isinstance(reason(raised), Msg):
        return reason(raised)  # our own validator's keyed message: it has its Japanese
    msg = str(err.get("msg", "invalid value"))
    # pydantic prefixes messages from our validators; people don't need that.
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion error, ")
    # Keyed as it is: the English stays pydantic's (or our validator's) own words, and the
    # catalog says the common ones in Japanese ("Input should be a valid string"...).
    said = Msg(msg)
    if isinstance(err.get("input"), bool) and kind == "string_type":
        # NO (Norway), yes, on, off: YAML 1.1 reads them as booleans.
        return Msg(
            '{detail} (YAML reads no/yes/on/off as true/false: put the value in quotes, "NO")',
            detail=said,
        )
    return said


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
        raise DataError(
            "cannot read the file ({detail})", where=name, detail=exc.strerror
        ) from None
    return parse_located(text, name)


def parse_located(text: str, name: str) -> Located:
    """Parse YAML text; `name` is the file shown in errors. `data` is None for an empty file."""
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        located = Located(name, None, node)
        if node is not None:
            _check_nodes(node, name)
            located.data = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        # Keyed as LibYAML says it: the catalog says the common ones in Japanese.
        problem = Msg(exc.problem or exc.context or "invalid YAML")
        raise DataError("YAML syntax: {problem}", where=f"{name}:{line}", problem=problem) from None
    except DataError:
        raise
    except RecursionError:
        raise DataError("YAML: nested too deeply", where=name) from None
    except Exception as exc:  # noqa: BLE001 - explicit tags on hostile text (`!!int zz`,
        # `!!timestamp zz`) raise ValueError, AttributeError... from inside PyYAML.
        raise DataError(
            "YAML: a value with an explicit !!tag could not be read ({detail})",
            where=name,
            detail=str(exc),
        ) from None
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node, name: str) -> None:
    """Refuse a key repeated in one mapping, and aliases (a node reached twice).
    Iterative: deep nesting cannot overflow the stack."""
    import yaml

    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            raise DataError(
                "anchors and aliases (&name, *name) are not supported in tripkit's files",
                where=f"{name}:{node.start_mark.line + 1}",
            )
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                    if key in seen:
                        raise DataError(
                            "key {key!r} appears twice in the same mapping (first on line {line})",
                            where=f"{name}:{key_node.start_mark.line + 1}",
                            key=key,
                            line=seen[key],
                        )
                    seen[key] = key_node.start_mark.line + 1
                stack.append(key_node)
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
