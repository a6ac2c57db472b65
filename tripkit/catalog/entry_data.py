"""The entry engine's data, read file by file: only the countries on a route are parsed.

`load_bundled` (the guide's loader) reads every country, city and venue; the checklist and
`tripkit entry` need a handful of countries, so they read just those files (each once per
process). A problem in a bundled file is a bug and raises DataError with file and line.
"""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from tripkit import paths
from tripkit.catalog import compiled
from tripkit.catalog.reading import read_model
from tripkit.core.curated import AreaEntry, CountryEntry, RegistrationFile, RegistrationService
from tripkit.errors import DataError

M = TypeVar("M", bound=BaseModel)


def _read(path: Path, model: type[M], display: str) -> M:
    obj, problems = read_model(path, model, display)
    if problems or obj is None:
        raise problems[0].error(len(problems) - 1)
    return obj


@cache
def _country(root: Path, code: str) -> CountryEntry | None:
    path = root / "countries" / f"{code.lower()}.yaml"
    if not path.is_file():
        return None
    entry = compiled.load(
        path, CountryEntry, lambda: _read(path, CountryEntry, f"countries/{path.name}")
    )
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
    return _country(root or paths.bundled_data(), code.upper())


@cache
def _areas(root: Path) -> dict[str, AreaEntry]:
    folder = root / "areas"
    out: dict[str, AreaEntry] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        area = compiled.load(path, AreaEntry, partial(_read, path, AreaEntry, f"areas/{path.name}"))
        out[area.id] = area
    return out


def areas(root: Path | None = None) -> dict[str, AreaEntry]:
    """Border areas by id (data/areas/*.yaml: one small file, Schengen)."""
    return _areas(root or paths.bundled_data())


@cache
def _registration(root: Path) -> dict[str, RegistrationService]:
    path = root / "registration.yaml"
    if not path.is_file():
        return {}
    data = compiled.load(
        path, RegistrationFile, lambda: _read(path, RegistrationFile, "registration.yaml")
    )
    return {s.citizenship: s for s in data.services}


def registration(citizenship: str, root: Path | None = None) -> RegistrationService | None:
    """The government trip-registration service for a citizenship (たびレジ, STEP...)."""
    return _registration(root or paths.bundled_data()).get(citizenship.upper())
