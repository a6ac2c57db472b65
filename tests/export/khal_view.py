"""khal as icscheck installs it (../shared/tools/icscheck/setup.sh): a throw-away vdir that
.ics files are imported into with `khal import --batch`, and what `khal list` then shows."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ICSCHECK_HOME = Path(
    os.environ.get("ICSCHECK_HOME")
    or (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "icscheck")
)
KHAL = ICSCHECK_HOME / "venv" / "bin" / "khal"


@dataclass(frozen=True)
class Listed:
    cancelled: bool
    title: str
    uid: str
    start: str


class Khal:
    def __init__(self, work: Path) -> None:
        if not KHAL.exists():
            pytest.skip(f"khal is not installed at {KHAL} (run ../shared/tools/icscheck/setup.sh)")
        self.work = work
        self.vdir = work / "vdir"
        self.vdir.mkdir(parents=True)
        self.config = work / "khal.conf"
        self.config.write_text(f"""[calendars]
[[trip]]
path = {self.vdir}
type = calendar
[locale]
local_timezone = UTC
default_timezone = UTC
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M
longdatetimeformat = %Y-%m-%dT%H:%M
[default]
default_calendar = trip
""")
        self.env = dict(
            os.environ,
            XDG_DATA_HOME=str(work / "data"),
            XDG_CACHE_HOME=str(work / "cache"),
            XDG_CONFIG_HOME=str(work / "config"),
            HOME=str(work),
            TZ="UTC",
        )

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [str(KHAL), "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc

    def import_file(self, path: Path) -> None:
        proc = self._run("import", "--batch", str(path))
        assert "error" not in (proc.stdout + proc.stderr).lower(), proc.stdout + proc.stderr

    def events(self) -> int:
        """How many event files khal keeps: one per UID it knows."""
        return len(list(self.vdir.glob("*.ics")))

    def listing(self, first: str, last: str) -> list[Listed]:
        fmt = "{cancelled}\x1f{title}\x1f{uid}\x1f{start}"
        out = self._run("list", "--day-format", "", "--format", fmt, first, last).stdout
        rows = []
        for line in out.splitlines():
            if "\x1f" not in line:
                continue
            cancelled, title, uid, start = line.split("\x1f")
            rows.append(Listed(bool(cancelled.strip()), title, uid, start))
        return rows
