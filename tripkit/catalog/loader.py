"""Loads the curated guide data (data/countries, data/cities, data/venues, data/common) and the
user's overlays (config_dir()/guide/*.yaml).

The bundled load is cached: the CLI, the TUI and the exports all read it. A problem in the
bundled files is a bug and raises DataError; a problem in an overlay is collected (with file,
line and field), the overlay is skipped, and the bundled data still loads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tripkit import paths
from tripkit.catalog.located import Located, Problem, dotted
from tripkit.catalog.reading import read_compiled, read_located, read_model
from tripkit.core.curated import AreaEntry, CountryEntry, RegistrationFile, WorldDataset
from tripkit.core.curated_guide import CityGuide, CommonNotes, GuideNote, GuideOverlay
from tripkit.core.curated_venue import VenueGuide
from tripkit.core.models import Venue
from tripkit.errors import DataError

# Folder name under data/ -> the model each of its files holds.
KINDS: dict[str, type[BaseModel]] = {
    "countries": CountryEntry,
    "cities": CityGuide,
    "venues": VenueGuide,
    "common": CommonNotes,  # not "guide": that is the name of the user's overlay folder
    "areas": AreaEntry,  # border areas entered once (Schengen)
}

# Single files at the top of data/ (besides airports.yaml), checked by `tripkit data check`.
REGISTRATION_FILE = "registration.yaml"
WORLD_META = "world/passport-index.yaml"


@dataclass
class Catalog:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    cities: dict[str, CityGuide] = field(default_factory=dict)
    venues: dict[str, VenueGuide] = field(default_factory=dict)
    common: list[GuideNote] = field(default_factory=list)  # shown for every destination
    areas: dict[str, AreaEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # from overlays; bundled ones raise
    overlay_notes: dict[str, str] = field(default_factory=dict)  # note id -> overlay file

    def city_for(self, venue: Venue) -> CityGuide | None:
        """The curated city of a trip's venue: by `city_id`, else by name and country."""
        if venue.city_id and venue.city_id in self.cities:
            return self.cities[venue.city_id]
        wanted = venue.city.strip().casefold()
        for city in self.cities.values():
            names = {city.name.en.casefold(), city.name.ja.casefold()}
            if city.country == venue.country and wanted in names:
                return city
        return None

    def venue_for(self, venue: Venue) -> VenueGuide | None:
        """The curated venue: by `venue_id`, else by name within the trip's city."""
        if venue.venue_id and venue.venue_id in self.venues:
            return self.venues[venue.venue_id]
        city = self.city_for(venue)
        wanted = venue.name.strip().casefold()
        for guide in self.venues.values():
            names = {guide.name.en.casefold(), guide.name.ja.casefold()}
            if city is not None and guide.city == city.id and wanted in names:
                return guide
        return None


# --- the bundled data ---------------------------------------------------------------------


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def check_bundled(root: Path, *, compiled: bool = False) -> tuple[Catalog, list[Problem]]:
    """Read every file under `root` (a data/ folder); the catalog and all problems found.

    compiled=True (load_bundled) reads valid files from their compiled copies; `tripkit data
    check` reads every file the strict way."""
    catalog = Catalog()
    problems: list[Problem] = []
    note_ids: dict[str, str] = {}
    city_lines: dict[str, tuple[str, int]] = {}  # venue id -> where its `city:` is

    def note_seen(
        note: GuideNote, file: str, path: Sequence[str | int], located: Located | None
    ) -> None:
        line = located.line_of(path) if located else 1
        if note.id in note_ids:
            problems.append(
                Problem(
                    file,
                    line,
                    dotted((*path, "id")),
                    f"note id {note.id!r} is already used in {note_ids[note.id]}",
                )
            )
        note_ids[note.id] = file

    for kind, model in KINDS.items():
        for path in _yaml_files(root / kind):
            display = f"{kind}/{path.name}"
            reader = read_compiled if compiled else read_located
            obj, found, located = reader(path, model, display)
            problems.extend(found)
            if obj is None:
                continue
            if isinstance(obj, CountryEntry):
                if path.stem.upper() != obj.code:
                    problems.append(
                        Problem(
                            display,
                            located.line_of(("code",)) if located else 1,
                            "code",
                            f"file name should be {obj.code.lower()}.yaml",
                        )
                    )
                catalog.countries[obj.code] = obj
            elif isinstance(obj, CityGuide | VenueGuide):
                if path.stem != obj.id:
                    problems.append(
                        Problem(
                            display,
                            located.line_of(("id",)) if located else 1,
                            "id",
                            f"file name should be {obj.id}.yaml",
                        )
                    )
                for i, note in enumerate(obj.notes):
                    note_seen(note, display, ("notes", i), located)
                if isinstance(obj, CityGuide):
                    catalog.cities[obj.id] = obj
                else:
                    catalog.venues[obj.id] = obj
                    city_lines[obj.id] = (display, located.line_of(("city",)) if located else 1)
            elif isinstance(obj, AreaEntry):
                if path.stem != obj.id:
                    problems.append(
                        Problem(
                            display,
                            located.line_of(("id",)) if located else 1,
                            "id",
                            f"file name should be {obj.id}.yaml",
                        )
                    )
                catalog.areas[obj.id] = obj
            elif isinstance(obj, CommonNotes):
                for i, note in enumerate(obj.notes):
                    note_seen(note, display, ("notes", i), located)
                catalog.common.extend(obj.notes)
    for code, country in catalog.countries.items():
        if country.area is not None and country.area not in catalog.areas:
            problems.append(
                Problem(
                    f"countries/{code.lower()}.yaml",
                    1,
                    "area",
                    f"no area {country.area!r} in data/areas",
                )
            )
    for venue in catalog.venues.values():
        if venue.city not in catalog.cities:
            file, line = city_lines[venue.id]
            problems.append(Problem(file, line, "city", f"no city {venue.city!r} in data/cities"))
    return catalog, problems


@cache
def load_bundled(root: Path | None = None) -> Catalog:
    """The bundled data, read once per process. Any problem in it is a bug: DataError."""
    root = root or paths.bundled_data()
    catalog, problems = check_bundled(root, compiled=True)
    if problems:
        raise DataError(
            "the bundled data has {n} problem; first: {first}",
            plural="the bundled data has {n} problems; first: {first}",
            n=len(problems),
            first=problems[0],
            where=str(root),
        )
    return catalog


# --- overlays -----------------------------------------------------------------------------


def default_overlay_dir() -> Path:
    return paths.config_dir() / "guide"


def _copy_catalog(base: Catalog) -> Catalog:
    """A copy whose note lists can change without touching the cached bundled catalog."""
    return Catalog(
        countries=dict(base.countries),
        cities={k: v.model_copy(update={"notes": list(v.notes)}) for k, v in base.cities.items()},
        venues={k: v.model_copy(update={"notes": list(v.notes)}) for k, v in base.venues.items()},
        common=list(base.common),
    )


def _note_lists(catalog: Catalog) -> Iterable[list[GuideNote]]:
    yield catalog.common
    for city in catalog.cities.values():
        yield city.notes
    for venue in catalog.venues.values():
        yield venue.notes


def check_overlay(
    path: Path, catalog: Catalog, display: str | None = None
) -> tuple[GuideOverlay | None, list[Problem]]:
    """Validate one overlay file against `catalog` (its city, venue and note ids)."""
    overlay, problems, located = read_located(path, GuideOverlay, display or str(path))
    if overlay is None:
        return None, problems

    def line(p: Sequence[str | int]) -> int:
        return located.line_of(p) if located else 1

    file = display or str(path)
    known = {n.id for notes in _note_lists(catalog) for n in notes}
    if overlay.city and overlay.city not in catalog.cities:
        known_cities = ", ".join(sorted(catalog.cities))
        problems.append(
            Problem(
                file,
                line(("city",)),
                "city",
                f"unknown city {overlay.city!r} (known: {known_cities})",
            )
        )
    if overlay.venue and overlay.venue not in catalog.venues:
        known_venues = ", ".join(sorted(catalog.venues))
        problems.append(
            Problem(
                file,
                line(("venue",)),
                "venue",
                f"unknown venue {overlay.venue!r} (known: {known_venues})",
            )
        )
    if overlay.city and overlay.venue:
        problems.append(
            Problem(file, line(("venue",)), "venue", "give either city or venue, not both")
        )
    seen: set[str] = set()
    for i, note in enumerate(overlay.notes):
        if note.id in seen:
            problems.append(
                Problem(
                    file,
                    line(("notes", i, "id")),
                    f"notes[{i}].id",
                    f"note id {note.id!r} appears twice in this file",
                )
            )
        seen.add(note.id)
        if note.id not in known and not (overlay.city or overlay.venue):
            problems.append(
                Problem(
                    file,
                    line(("notes", i, "id")),
                    f"notes[{i}].id",
                    f"{note.id!r} is not a bundled note, so the file needs `city:` or `venue:` "
                    "at the top to say where the new note goes",
                )
            )
    return (overlay if not problems else None), problems


def apply_overlay(catalog: Catalog, overlay: GuideOverlay, file: str) -> None:
    """Add or replace the overlay's notes in `catalog` (a copy, never the cached one)."""
    for note in overlay.notes:
        replaced = False
        for notes in _note_lists(catalog):
            for i, existing in enumerate(notes):
                if existing.id == note.id:
                    notes[i] = note
                    replaced = True
        if not replaced:
            target = (
                catalog.cities[overlay.city].notes
                if overlay.city
                else catalog.venues[overlay.venue].notes
                if overlay.venue
                else None
            )
            if target is not None:
                target.append(note)
        catalog.overlay_notes[note.id] = file


def load_catalog(overlay_dir: Path | None = None, *, overlays: bool = True) -> Catalog:
    """The bundled data plus the overlays in `overlay_dir` (default: config_dir()/guide).

    Broken overlay files are listed in `.problems` and skipped.
    """
    base = load_bundled()
    folder = overlay_dir if overlay_dir is not None else default_overlay_dir()
    files = _yaml_files(folder) if overlays else []
    if not files:
        return base
    catalog = _copy_catalog(base)
    for path in files:
        overlay, problems = check_overlay(path, catalog, str(path))
        catalog.problems.extend(problems)
        if overlay is not None:
            apply_overlay(catalog, overlay, str(path))
    return catalog


# --- `tripkit data check` -----------------------------------------------------------------


def _error_problem(err: DataError, fallback: str) -> Problem:
    where = err.where or fallback
    file, _, line = where.rpartition(":")
    if not line.isdigit():
        file, line = where, "1"
    return Problem(file, int(line), "", err.message)


def _check_rule_files(files: Sequence[Path]) -> list[Problem]:
    """Checklist rules, read by their own loader (tripkit.catalog.rules): it stops at the
    first problem of a file, so each file is read alone, then all together for id clashes."""
    try:
        from tripkit.catalog.rules import load_rule_file, load_rules
    except ImportError:  # pragma: no cover - the rules module belongs to the checklist
        return []
    problems = []
    for path in files:
        try:
            load_rule_file(path, display=str(path))
        except DataError as err:
            problems.append(_error_problem(err, str(path)))
    if not problems and len(files) > 1:
        try:
            load_rules(files)
        except DataError as err:
            problems.append(_error_problem(err, str(files[0])))
    return problems


def _check_airports(path: Path) -> list[Problem]:
    try:
        from tripkit.catalog.airports import load_airports_file
    except ImportError:  # pragma: no cover - the airports module belongs to the checklist
        return []
    try:
        load_airports_file(path)
    except DataError as err:
        return [_error_problem(err, str(path))]
    return []


def _check_world(root: Path, checked: list[str]) -> list[Problem]:
    """data/world: the meta file (schema, full source address) and the matrix it names."""
    meta_path = root / WORLD_META
    if not meta_path.is_file():
        return []
    checked.append(str(meta_path))
    meta, problems = read_model(meta_path, WorldDataset, str(meta_path))
    if meta is None:
        return problems
    tsv = meta_path.parent / meta.file
    checked.append(str(tsv))
    try:
        from tripkit.catalog.world import check_matrix
    except ImportError:  # pragma: no cover - added with the entry engine
        return problems
    return problems + check_matrix(tsv)


def _check_entry_files(root: Path, checked: list[str]) -> list[Problem]:
    """The entry engine's single files: registration services and the world dataset."""
    problems: list[Problem] = []
    reg = root / REGISTRATION_FILE
    if reg.is_file():
        checked.append(str(reg))
        _obj, found = read_model(reg, RegistrationFile, str(reg))
        problems.extend(found)
    problems.extend(_check_world(root, checked))
    return problems


def _is_data_folder(folder: Path) -> bool:
    return folder.is_dir() and (
        any((folder / kind).is_dir() for kind in KINDS) or (folder / "checklists").is_dir()
    )


def check_paths(targets: Sequence[Path] | None = None) -> tuple[list[str], list[Problem]]:
    """Validate the bundled data and the user's files, or the given files and folders.

    Without targets: the bundled data/ folder, the user's guide overlays and checklist rules.
    A folder holding countries/, cities/, venues/, common/ or checklists/ is read as a data
    folder; any other file or folder is read by its parent folder's name (countries, cities,
    venues, common, checklists), else as a guide overlay. Returns the files checked and every
    problem found.
    """
    checked: list[str] = []
    problems: list[Problem] = []
    user_dirs = [default_overlay_dir(), paths.config_dir() / "checklists"]
    if not targets:
        targets = [paths.bundled_data(), *user_dirs]
    try:
        base = load_bundled()
    except DataError:  # reported below, file by file, when the bundled folder is checked
        base = check_bundled(paths.bundled_data())[0]
    for target in targets:
        if not target.exists():
            if target not in user_dirs:
                problems.append(Problem(str(target), 1, "", "no such file or folder"))
            continue
        if _is_data_folder(target):
            _catalog, found = check_bundled(target)
            checked.extend(
                str(target / kind / p.name) for kind in KINDS for p in _yaml_files(target / kind)
            )
            problems.extend(
                Problem(str(target / p.file), p.line, p.field, p.message) for p in found
            )
            rules = _yaml_files(target / "checklists")
            checked.extend(str(p) for p in rules)
            problems.extend(_check_rule_files(rules))
            problems.extend(_check_entry_files(target, checked))
            if (target / "airports.yaml").is_file():
                checked.append(str(target / "airports.yaml"))
                problems.extend(_check_airports(target / "airports.yaml"))
            continue
        files = _yaml_files(target) if target.is_dir() else [target]
        if files and files[0].parent.name == "checklists":
            checked.extend(str(p) for p in files)
            problems.extend(_check_rule_files(files))
            continue
        for path in files:
            checked.append(str(path))
            kind = path.parent.name
            if path.name == "airports.yaml":
                problems.extend(_check_airports(path))
            elif path.name == REGISTRATION_FILE:
                problems.extend(read_model(path, RegistrationFile, str(path))[1])
            elif path.name == "passport-index.yaml":
                problems.extend(_check_world(path.parent.parent, []))
            elif kind in KINDS:
                _obj, found = read_model(path, KINDS[kind], str(path))
                problems.extend(found)
            else:
                _overlay, found = check_overlay(path, base, str(path))
                problems.extend(found)
    return checked, problems


def bundled_files() -> list[Path]:
    root = paths.bundled_data()
    return [p for kind in KINDS for p in _yaml_files(root / kind)]


def iter_local_texts(
    obj: Any, path: tuple[str | int, ...] = ()
) -> Iterable[tuple[tuple[str | int, ...], Any]]:
    """Every LocalText inside a model, with its path (for the "every note is translated" test)."""
    from tripkit.core.curated import LocalText

    if isinstance(obj, LocalText):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_local_texts(getattr(obj, name), (*path, name))
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from iter_local_texts(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from iter_local_texts(item, (*path, str(key)))
