"""A Berliner at FOSDEM (home Europe/Berlin, venue Europe/Brussels): two zone names, one clock.
Found using tripkit as that traveller would."""

from __future__ import annotations

from pathlib import Path

from agenda_helpers import run

from tripkit.store import Store

TRIP = """\
id: fosdem-by-train
name: FOSDEM by train
traveller:
  citizenships: [DE]
  home_country: DE
  home_tz: Europe/Berlin
  passport:
    expires: 2031-05-01
conference:
  name: FOSDEM
  first_day: 2026-01-31
  last_day: 2026-02-01
  venue:
    name: ULB Solbosch
    city: Brussels
    country: BE
    tz: Europe/Brussels
"""


def test_show_gives_no_home_time_that_reads_the_same(
    corpus: Path, home_store: Store, tmp_path: Path
) -> None:
    trip_file = tmp_path / "trip.yaml"
    trip_file.write_text(TRIP, encoding="utf-8")
    code, _, err = run("trip", "new", "--from", str(trip_file))
    assert code == 0, err
    code, _, err = run("schedule", "import", str(corpus / "frab-xml/fosdem-2026.xml"))
    assert code == 0, err
    key = "861caedb-3466-5fe3-904a-d81db62f5b72"
    code, out, err = run("schedule", "show", key)
    assert code == 0, err
    # Before: "Sat 31 Jan 2026 12:10–12:40 CET  (Sat 31 Jan 2026 12:10 CET)".
    assert out.splitlines()[1] == "Sat 31 Jan 2026 12:10–12:40 CET"


def test_japanese_binder_and_report_name_the_city_in_japanese(
    home_store: Store, tmp_path: Path
) -> None:
    # Before: 「会場: ULB Solbosch, Brussels」 (the trip file says "Brussels", no city_id).
    trip_file = tmp_path / "trip.yaml"
    trip_file.write_text(TRIP, encoding="utf-8")
    assert run("trip", "new", "--from", str(trip_file))[0] == 0
    code, out, err = run(
        "--lang", "ja", "export", "checklist", "--format", "text", "--binder", "-o", "-"
    )
    assert code == 0, err
    assert "会場: ULB Solbosch, ブリュッセル" in out and "Brussels," not in out
    code, out, err = run("--lang", "ja", "export", "report", "-o", "-")
    assert code == 0, err
    assert "ULB Solbosch, ブリュッセル)" in out
    code, out, _ = run("export", "checklist", "--format", "text", "--binder", "-o", "-")
    assert "Venue: ULB Solbosch, Brussels" in out  # English keeps the trip's spelling
