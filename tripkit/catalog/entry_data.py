"""The entry engine's data, read file by file: only the countries on a route are parsed.

`load_bundled` (the guide's loader) reads every country, city and venue; the checklist and
`tripkit entry` need a handful of countries, so they read just those files (each once per
process). A problem in a bundled file is a bug and raises DataError with file and line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripkit import paths
from tripkit.catalog import compiled
from tripkit.core import leanmode
from tripkit.errors import DataError

if TYPE_CHECKING:
    from tripkit.core.curated import (
        AreaEntry,
        AuthorisationScheme,
        CountryEntry,
        RegistrationService,
    )

# The models (and pydantic) are imported when a file is read with them: a lean evaluation
# (tripkit.core.leanmode) reads the compiled copies without them (issue 13). Each cache is
# keyed by that mode too: a lean object is never handed to a caller expecting a model.


def _model(name: str) -> Any:
    from tripkit.core import curated

    return getattr(curated, name)


def _read(path: Path, model: Any, display: str) -> Any:
    """The file validated as `model` (the strict read: every problem with its line)."""
    from tripkit.catalog.reading import read_model

    obj, problems = read_model(path, model, display)
    if problems or obj is None:
        raise problems[0].error(len(problems) - 1)
    return obj


def _load(path: Path, name: str, display: str) -> Any:
    return compiled.load_lean(
        path, name, lambda: _model(name), lambda: _read(path, _model(name), display)
    )


@cache
def _country(root: Path, code: str, lean: bool = False) -> CountryEntry | None:
    path = root / "countries" / f"{code.lower()}.yaml"
    if not path.is_file():
        return None
    entry: CountryEntry = _load(path, "CountryEntry", f"countries/{path.name}")
    if entry.code != code.upper():
        raise DataError(
            "code: file name should be {name}",
            where=f"countries/{path.name}",
            name=f"{entry.code.lower()}.yaml",
        )
    return entry


def country(code: str, root: Path | None = None) -> CountryEntry | None:
    """The curated entry facts of one country (data/countries/<cc>.yaml), or None."""
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        return None
    return _country(root or paths.bundled_data(), code.upper(), leanmode.on())


@cache
def _areas(root: Path, lean: bool = False) -> dict[str, AreaEntry]:
    folder = root / "areas"
    out: dict[str, AreaEntry] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        area: AreaEntry = _load(path, "AreaEntry", f"areas/{path.name}")
        out[area.id] = area
    return out


def areas(root: Path | None = None) -> dict[str, AreaEntry]:
    """Border areas by id (data/areas/*.yaml: one small file, Schengen)."""
    return _areas(root or paths.bundled_data(), leanmode.on())


def schemes(code: str, root: Path | None = None) -> list[AuthorisationScheme]:
    """The authorisation schemes a country's entry facts name, its border area's included
    (a Schengen visa for Belgium); none for a country tripkit has no file for."""
    entry = country(code, root)
    if entry is None:
        return []
    area = areas(root).get(entry.area) if entry.area else None
    return [*entry.authorisations, *(area.authorisations if area else [])]


@cache
def _registration(root: Path, lean: bool = False) -> dict[str, RegistrationService]:
    path = root / "registration.yaml"
    if not path.is_file():
        return {}
    data = _load(path, "RegistrationFile", "registration.yaml")
    return {s.citizenship: s for s in data.services}


def registration(citizenship: str, root: Path | None = None) -> RegistrationService | None:
    """The government trip-registration service for a citizenship (たびレジ, STEP...)."""
    return _registration(root or paths.bundled_data(), leanmode.on()).get(citizenship.upper())
