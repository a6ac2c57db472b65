"""`schedule import` says when a programme is not this trip's: another year, another clock.

A FOSDEM (Brussels) programme imported into the San Francisco trip used to be accepted in
silence, and the agenda then put Brussels talks at "00:30 PST": a traveller would plan their
days around sessions on another continent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store


def _import(trip: Trip, path: Path, lang: str = "en") -> str:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    result = CliRunner().invoke(
        main, ["--lang", lang, "schedule", "import", str(path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_another_citys_programme_is_imported_with_both_warnings(
    corpus: Path, demo_trip: Trip
) -> None:
    out = _import(demo_trip, corpus / "frab-xml" / "fosdem-2026.xml")
    assert "Imported 883 sessions" in out
    assert "not during this trip" in out  # FOSDEM 2026 is a year before the 2027 trip
    # The two clocks, in words with their offsets (not IANA keys).
    assert "Brussels time (CET, UTC+1)" in out and "Los Angeles time (PST, UTC-8)" in out


def test_the_warning_is_in_japanese_too(corpus: Path, demo_trip: Trip) -> None:
    out = _import(demo_trip, corpus / "frab-xml" / "fosdem-2026.xml", lang="ja")
    assert "not during this trip" not in out
    assert "警告" in out or "注意" in out


def test_a_programme_that_fits_gets_no_fit_warning(corpus: Path, demo_trip: Trip) -> None:
    # The same programme for a trip to that FOSDEM: no warning about days or clocks.
    fosdem = demo_trip.model_copy(deep=True)
    fosdem.conference.first_day, fosdem.conference.last_day = date(2026, 1, 31), date(2026, 2, 1)
    fosdem.conference.venue.tz = "Europe/Brussels"
    fosdem.conference.venue.country = "BE"
    fosdem.flights = []
    fosdem.stays = []
    out = _import(fosdem, corpus / "frab-xml" / "fosdem-2026.xml")
    assert "not during this trip" not in out
    assert "fall outside this trip" not in out and "falls outside this trip" not in out
    assert "America/Los_Angeles" not in out
