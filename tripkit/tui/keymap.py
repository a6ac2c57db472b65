"""The user's key remapping: `keymap.yaml` in the config folder, binding id -> keys.

Example (ids are listed on the help screen):
    star: "s,f5"
    go-schedule: "3,f3"
"""

from __future__ import annotations

from pathlib import Path

from tripkit import paths
from tripkit.errors import DataError


def keymap_path() -> Path:
    return paths.config_dir() / "keymap.yaml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    path = path or keymap_path()
    if not path.is_file():
        return {}
    import yaml  # deferred: only when a keymap exists

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(
            "cannot read the keymap ({detail})", where=str(path), detail=str(exc)
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise DataError('the keymap must map binding ids to keys, e.g. star: "s"', where=str(path))
    return dict(data)
