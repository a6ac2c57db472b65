"""The bundled world dataset (data/world/passport-index.tsv): a baseline visa requirement for
every passport x destination pair, from the Passport Index data (secondary, dated).

The matrix is compact on purpose: the header row is `passport` then destination ISO codes;
each following row is one passport's code then one short token per destination:

    vf   visa free            90   visa free for that many days
    voa  visa on arrival      eta  electronic travel authorisation
    ev   e-visa               v    visa required
    na   no admission         -    the passport's own country
    (empty)  no data

Reading one pair reads the header and the one passport's row (found by its first cell, so
the other 198 rows are never split) and caches both: well under 10 ms in-process.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tripkit import paths
from tripkit.core import leanmode
from tripkit.core.entry import WorldCell

if TYPE_CHECKING:
    from tripkit.catalog.located import Problem
    from tripkit.core.curated import WorldDataset

TOKENS: dict[str, str] = {
    "vf": "visa-free",
    "voa": "visa-on-arrival",
    "eta": "eta",
    "ev": "e-visa",
    "v": "visa",
    "na": "no-admission",
    "-": "own",
}
_CODE = re.compile(r"[A-Z]{2}")


def parse_token(token: str) -> WorldCell | None:
    """A cell's token as a WorldCell; None for an empty cell (no data). Raises ValueError."""
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        days = int(token)
        if not 1 <= days <= 3650:
            raise ValueError(f"{token!r} is not a plausible number of visa-free days")
        return WorldCell("visa-free", days)
    if token not in TOKENS:
        raise ValueError(
            f"unknown token {token!r} (known: {', '.join(TOKENS)}, a number of days, or empty)"
        )
    return WorldCell(TOKENS[token])


def matrix_path(root: Path | None = None) -> Path:
    return (root or paths.bundled_data()) / "world" / "passport-index.tsv"


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def _header(path: Path) -> tuple[str, ...]:
    text = _text(path)
    first = text[: text.find("\n")] if "\n" in text else text
    return tuple(c.strip() for c in first.rstrip("\r").split("\t")[1:])


@cache
def _row(path: Path, passport: str) -> tuple[str, ...] | None:
    text = _text(path)
    start = text.find(f"\n{passport}\t")
    if start < 0:
        return None
    end = text.find("\n", start + 1)
    line = text[start + 1 : end if end >= 0 else None].rstrip("\r")
    return tuple(line.split("\t")[1:])


def lookup(passport: str, destination: str, root: Path | None = None) -> WorldCell | None:
    """The dataset's cell for (passport, destination); None when the dataset has no data
    (no file, no such passport or destination, or an empty cell). Never raises for data:
    a malformed cell is treated as no data (`tripkit data check` reports it)."""
    path = matrix_path(root)
    if not path.is_file():
        return None
    try:
        header = _header(path)
        row = _row(path, passport.upper())
    except OSError:
        return None
    if row is None:
        return None
    try:
        index = header.index(destination.upper())
    except ValueError:
        return None
    if index >= len(row):
        return None
    try:
        return parse_token(row[index])
    except ValueError:
        return None


def check_matrix(path: Path) -> list[Problem]:
    """Every problem of the matrix file, with its line: header, row codes, tokens."""
    from tripkit.catalog.located import Problem  # `tripkit data check`'s: not a checklist's

    display = str(path)
    if not path.is_file():
        return [Problem(display, 1, "", "the dataset file named by passport-index.yaml is missing")]
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return [Problem(display, 1, "", "the file is empty")]
    problems: list[Problem] = []
    header = lines[0].split("\t")
    dests = header[1:]
    for code in dests:
        if not _CODE.fullmatch(code):
            problems.append(Problem(display, 1, "", f"header: {code!r} is not an ISO code"))
    if len(set(dests)) != len(dests):
        problems.append(Problem(display, 1, "", "header: a destination appears twice"))
    seen: set[str] = set()
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        code = cells[0]
        if not _CODE.fullmatch(code):
            problems.append(Problem(display, n, "", f"{code!r} is not an ISO passport code"))
            continue
        if code in seen:
            problems.append(Problem(display, n, "", f"passport {code} appears twice"))
        seen.add(code)
        if len(cells) - 1 != len(dests):
            problems.append(
                Problem(display, n, "", f"{len(cells) - 1} cells for {len(dests)} destinations")
            )
        for dest, token in zip(dests, cells[1:], strict=False):
            try:
                cell = parse_token(token)
            except ValueError as exc:
                problems.append(Problem(display, n, f"{code}->{dest}", str(exc)))
                continue
            if (cell is not None and cell.requirement == "own") != (dest == code):
                problems.append(
                    Problem(
                        display,
                        n,
                        f"{code}->{dest}",
                        "'-' marks exactly the passport's own country",
                    )
                )
        if len(problems) > 50:
            break
    return problems


def dataset_meta(root: Path | None = None) -> WorldDataset | None:
    """The dataset's description (source, licence, date), or None when it is not bundled."""
    return _dataset_meta(root or paths.bundled_data(), leanmode.on())


def _model() -> type[WorldDataset]:
    from tripkit.core.curated import WorldDataset

    return WorldDataset


@cache
def _dataset_meta(root: Path, lean: bool = False) -> WorldDataset | None:
    """Keyed by the lean mode too (tripkit.core.leanmode): a lean evaluation reads the
    compiled copy without pydantic, and its object is never handed to a caller of models."""
    from tripkit.catalog import compiled

    path = root / "world" / "passport-index.yaml"
    if not path.is_file():
        return None

    def strict() -> WorldDataset:
        from tripkit.catalog.reading import read_model

        meta, problems = read_model(path, _model(), "world/passport-index.yaml")
        if meta is None:
            raise problems[0].error(len(problems) - 1)
        return meta

    found: WorldDataset = compiled.load_lean(path, "WorldDataset", _model, strict)
    return found
