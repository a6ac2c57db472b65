"""`export -o` never turns a device, pipe or symlink into a regular file, replaces regular
files whole, and asks before replacing one (tested without root: /dev/null, a temporary FIFO
and symlinks)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from testpaths import TODAY

from tripkit.cli import main
from tripkit.demo import example_trip
from tripkit.paths import data_dir
from tripkit.store import Store


@pytest.fixture(autouse=True)
def _trip() -> None:
    trip = example_trip(TODAY)
    with Store.open(data_dir(None)) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_dev_null_stays_a_device() -> None:
    before = os.stat("/dev/null")
    code, stdout, stderr = run("export", "ics", "-o", "/dev/null")
    assert code == 0, stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert stdout == ""


def test_dash_is_standard_output() -> None:
    code, stdout, _ = run("export", "ics", "--include", "flights", "-o", "-")
    assert code == 0 and stdout.startswith("BEGIN:VCALENDAR")
    assert not Path("-").exists()


def test_fifo_is_streamed_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "out" / "pipe"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=reader)
    thread.start()
    code, _, stderr = run("export", "ics", "--include", "flights", "-o", str(fifo))
    thread.join(timeout=30)
    assert code == 0, stderr
    assert got and got[0].startswith(b"BEGIN:VCALENDAR")
    assert got[0].endswith(b"END:VCALENDAR\r\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == ["pipe"]  # no temporary file left


def test_symlink_target_is_written_and_the_link_kept(tmp_path: Path) -> None:
    target = tmp_path / "real" / "trip.ics"
    target.parent.mkdir()
    link = tmp_path / "link.ics"
    link.symlink_to(target)  # dangling: the export creates the target
    code, _, stderr = run("export", "ics", "--include", "flights", "-o", str(link))
    assert code == 0, stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # An existing target behind the link needs --force like any existing file...
    target.write_bytes(b"old")
    code, _, stderr = run("export", "ics", "--include", "flights", "-o", str(link))
    assert code == 1 and "use --force" in stderr and target.read_bytes() == b"old"
    code, _, _ = run("export", "ics", "--include", "flights", "-o", str(link), "--force")
    assert code == 0 and link.is_symlink()
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_existing_file_needs_force_or_a_yes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "trip.ics"
    out.write_bytes(b"keep me")
    out.chmod(0o640)
    code, _, stderr = run("export", "ics", "-o", str(out))
    assert code == 1
    assert stderr.startswith("tripkit: ") and "use --force" in stderr and str(out) in stderr
    assert out.read_bytes() == b"keep me"
    # At a terminal it asks; "n" keeps the file, "y" replaces it.
    import tripkit.cli.export as cli_export

    monkeypatch.setattr(cli_export, "_at_terminal", lambda: True)
    code, _, stderr = run("export", "ics", "-o", str(out), stdin="n\n")
    assert code == 1 and "Replace it?" in stderr and out.read_bytes() == b"keep me"
    code, _, stderr = run("export", "ics", "-o", str(out), stdin="y\n")
    assert code == 0, stderr
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the replaced file's mode is kept
    monkeypatch.setattr(cli_export, "_at_terminal", lambda: False)
    code, _, _ = run("export", "checklist", "-o", str(out), "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("DockerCon")
    # A new file needs no --force.
    code, _, _ = run("export", "report", "-o", str(tmp_path / "new.md"))
    assert code == 0 and (tmp_path / "new.md").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    from tripkit.errors import TripkitError
    from tripkit.files import write_output

    with pytest.raises(TripkitError, match="folder"):
        write_output(tmp_path, b"x")
    link = tmp_path / "to-dir"
    link.symlink_to(tmp_path)
    with pytest.raises(TripkitError, match="folder"):
        write_output(link, b"x")
