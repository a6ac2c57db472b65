"""Writing user files (exports): whole or not at all, and never clobbering what a path is.

- A regular file (or a new one) is written through a temporary file beside it and a rename:
  a crash or a full disk leaves the old file (or none), never half a file.
- A character device, FIFO or socket (/dev/null, /dev/stdout, a named pipe another program
  reads) is written in place, as a stream: renaming over it would turn /dev/null into a
  regular file (as root, that breaks the machine) and leave the reader of a pipe waiting.
- A symlink is followed: its target is written as above and the link stays a link.
- A folder or a block device is refused with one clear message.
- Overwriting an existing regular file is the caller's decision (`overwrite`): the CLI asks
  for --force or a yes at a terminal prompt.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tripkit.errors import TripkitError

STDOUT = Path("-")


def _never(_: Path) -> bool:
    return False


def _always(_: Path) -> bool:
    return True


def write_output(
    path: Path | None, data: bytes, *, overwrite: Callable[[Path], bool] = _never
) -> None:
    """Write `data` to `path` ("-" or None: standard output) by the rules above.
    `overwrite(target)` is asked before an existing regular file is replaced."""
    if path is None or path == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(os.path.realpath(path))  # through symlinks (also a dangling one's target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        _replace(target, data, shown=path)
        return
    except OSError as exc:
        raise TripkitError(
            "cannot write the export: {detail}", where=str(path), detail=exc.strerror
        ) from None
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if not overwrite(target):
            raise TripkitError("the file exists; use --force to replace it", where=str(path))
        _replace(target, data, shown=path)
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        _stream(target, data, shown=path)
    elif stat.S_ISDIR(mode):
        raise TripkitError("this is a folder; name a file to write", where=str(path))
    else:
        raise TripkitError(
            "not a regular file, device or pipe; refusing to write to it", where=str(path)
        )


def write_atomic(path: Path, data: bytes) -> None:
    """`write_output` that replaces an existing regular file without asking (for callers
    that asked already); special files are still streamed and symlinks still followed."""
    write_output(path, data, overwrite=_always)


def _stream(target: Path, data: bytes, *, shown: Path) -> None:
    """Write in place, without creating or truncating: a device or pipe has no contents to
    replace. Opening a FIFO waits for its reader, as any writer of a pipe does."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise TripkitError(
            "cannot write the export: {detail}", where=str(shown), detail=exc.strerror
        ) from None


def _replace(target: Path, data: bytes, *, shown: Path) -> None:
    """Write through a temporary file beside `target` and a rename. mkstemp makes the file
    private; an export is meant to be shared, so it gets the mode a plain new file would get
    (or keeps the mode of the file it replaces)."""
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise TripkitError(
            "cannot write the export: {detail}", where=str(shown), detail=exc.strerror
        ) from None


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
