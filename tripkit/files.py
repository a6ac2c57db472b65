"""Writing user files (exports) whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tripkit.errors import TripkitError


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it and a rename.

    A crash or a full disk leaves the old file (or none), never half a file. mkstemp makes
    the file private; an export is meant to be shared, so it gets the mode a plain new file
    would get (or keeps the mode of the file it replaces).
    """
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise TripkitError(f"cannot write the export: {exc.strerror}", where=str(path)) from None


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
