"""The entry engine's data plumbing: bare-domain sources refused with file and line, the world
matrix read one row at a time and checked, the compiled copy of bundled files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from entry_builders import FIXTURE_DATA

from tripkit.catalog import compiled, entry_data, world
from tripkit.catalog.schema import CountryEntry
from tripkit.cli import main
from tripkit.errors import DataError


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, root)
    return root


def test_data_check_rejects_a_bare_domain_with_file_and_line(data: Path) -> None:
    # A bare domain tells the reader nothing they can check: the issue's own example.
    us = data / "countries" / "us.yaml"
    text = us.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines, 1) if "cbp.gov/travel/preclearance" in line)
    us.write_text(
        text.replace("https://www.cbp.gov/travel/preclearance", "https://www.cbp.gov/"),
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["data", "check", str(data)])
    assert out.exit_code == 1
    assert (
        f"countries/us.yaml:{n}: preclearance.sources[0]: 'https://www.cbp.gov/' is a "
        "bare domain" in out.output
    )


def test_the_world_matrix_reads_one_row_and_reports_bad_cells(data: Path) -> None:
    world._text.cache_clear()
    assert world.lookup("JP", "US", data) == world.WorldCell("eta")
    assert world.lookup("US", "CA", data) == world.WorldCell("visa-free", 180)
    assert world.lookup("KR", "IN", data) is None  # an empty cell: no data
    assert world.lookup("ZZ", "US", data) is None  # a passport the matrix lacks
    tsv = data / "world" / "passport-index.tsv"
    rows = tsv.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("\teta\t", "\tmaybe\t", 1)
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    problems = world.check_matrix(tsv)
    assert [(p.line, p.message) for p in problems][:1] == [
        (3, "unknown token 'maybe' (known: vf, voa, eta, ev, v, na, -, a number of days, or empty)")
    ]


def test_a_compiled_copy_is_used_rebuilt_and_never_hides_a_broken_file(data: Path) -> None:
    path = data / "countries" / "ca.yaml"
    first = entry_data.country("CA", data)
    assert first is not None
    cached = compiled._cache_file(path, "CountryEntry")
    assert cached is not None and cached.is_file()
    cached.write_text("{not json", encoding="utf-8")  # damaged: refused and rebuilt
    again = compiled.load(
        path, CountryEntry, lambda: entry_data._read(path, CountryEntry, "countries/ca.yaml")
    )
    assert again == first
    assert cached.read_text(encoding="utf-8").startswith("{")
    # Edit the file into a broken one: the copy no longer matches, the error has its line.
    path.write_text(
        path.read_text(encoding="utf-8").replace("validity_years: 5", "validity_years: five"),
        encoding="utf-8",
    )
    entry_data._country.cache_clear()
    with pytest.raises(DataError) as info:
        entry_data.country("CA", data)
    assert "countries/ca.yaml" in str(info.value) and "validity_years" in str(info.value)
