"""Where tripkit keeps things: the user's data and config folders, and the bundled data."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import platformdirs

APP = "tripkit"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the SQLite store: --data-dir, then TRIPKIT_HOME, then the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("TRIPKIT_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """User config and overlays (guide notes, extra checklist rules). TRIPKIT_CONFIG overrides."""
    env = os.environ.get("TRIPKIT_CONFIG")
    if env:
        return Path(env).expanduser()
    home = os.environ.get("TRIPKIT_HOME")
    if home:
        return Path(home).expanduser() / "config"
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    home = os.environ.get("TRIPKIT_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


@functools.cache
def bundled_data() -> Path:
    """The curated YAML shipped with tripkit.

    An installed wheel carries it as tripkit/data; an editable install or a checkout
    reads the repository's top-level data/ folder. Found once per process: where the
    package is does not change, and asking importlib.resources again for every catalog
    file cost a checklist process several milliseconds.
    """
    # The package's own folder, as importlib.resources.files("tripkit") gives it for a
    # package on disk (the data are read as files in any case); without importing
    # importlib.resources and zipfile (~0.35 MB of the TUI's resident size, issue 10).
    package = Path(__file__).resolve().parent
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent / "data"
