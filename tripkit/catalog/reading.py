"""Reading one curated YAML file as its model: strictly (every problem, with its file and
line), or from its compiled copy when that is current (tripkit.catalog.compiled).

Apart from tripkit.catalog.loader (the whole guide catalog and the overlays): the checklist
reads a few files of the entry engine's this way, without the guide's models, nor the YAML
reader while the compiled copies are current (issue 13).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from tripkit.errors import DataError

if TYPE_CHECKING:
    from tripkit.catalog.located import Located, Problem

M = TypeVar("M", bound=BaseModel)


def read_model(
    path: Path, model: type[M], display: str | None = None
) -> tuple[M | None, list[Problem]]:
    """One YAML file validated as `model`: the model, or None and every problem found."""
    obj, problems, _located = read_located(path, model, display or str(path))
    return obj, problems


def read_located(
    path: Path, model: type[M], display: str
) -> tuple[M | None, list[Problem], Located | None]:
    """As `read_model`, with the file as read (its lines), when it could be read."""
    # The YAML reader with lines: only for a file read the strict way (a compiled copy that
    # is current is read without it).
    from tripkit.catalog.located import Problem, load_located

    try:
        located = load_located(path, display=display)
    except DataError as err:
        where = err.where or str(path)
        file, _, line = where.rpartition(":")
        if not line.isdigit():
            file, line = where, "1"
        return None, [Problem(file, int(line), "", err.msg)], None
    if not isinstance(located.data, dict):
        return (
            None,
            [
                Problem(
                    located.file,
                    located.line_of(()),
                    "",
                    "expected a mapping of fields (key: value) at the top",
                )
            ],
            located,
        )
    try:
        return model.model_validate(located.data), [], located
    except ValidationError as exc:
        return None, located.problems(exc), located


def read_compiled(
    path: Path, model: type[M], display: str
) -> tuple[M | None, list[Problem], Located | None]:
    """As `read_located`, from the compiled copy when current (tripkit.catalog.compiled). A
    file with problems is read the strict way, so that its problems come with their lines."""
    from tripkit.catalog import compiled

    def strict() -> M:
        obj, problems, _located = read_located(path, model, display)
        if obj is None or problems:
            raise DataError("not valid", where=display)
        return obj

    try:
        return compiled.load(path, model, strict), [], None
    except DataError:
        return read_located(path, model, display)
