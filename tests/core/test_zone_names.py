"""A zone is said in words a traveller reads ("Brussels time (CET, UTC+1)"), never as its IANA
key, in English and Japanese, with the clock of the day shown (DST, half-hour offsets, the date
line); and `trip show` (the CLI), the binder and the schedule import say zones that way."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner
from fosdem_trips import fosdem_via_frankfurt

from tripkit import paths
from tripkit.cli import main
from tripkit.core.zoned import get_zone
from tripkit.store import Store
from tripkit.zonenames import zone_city, zone_name, zone_title

WINTER, SUMMER = date(2026, 1, 31), date(2026, 6, 30)


@pytest.mark.parametrize(
    ("key", "day", "en", "ja"),
    [
        ("Europe/Brussels", WINTER, "Brussels time (CET, UTC+1)", "ブリュッセル時間(CET、UTC+1)"),
        # The same zone on a summer day: the day's own abbreviation and offset.
        ("Europe/Brussels", SUMMER, "Brussels time (CEST, UTC+2)", "ブリュッセル時間(CEST、UTC+2)"),
        # No letters for São Paulo's clock: the offset alone, not "-03".
        ("America/Sao_Paulo", WINTER, "São Paulo time (UTC-3)", "サンパウロ時間(UTC-3)"),
        ("Asia/Kolkata", WINTER, "Kolkata time (IST, UTC+05:30)", "コルカタ時間(IST、UTC+05:30)"),
        # An old name is the same city.
        ("Asia/Calcutta", WINTER, "Kolkata time (IST, UTC+05:30)", "コルカタ時間(IST、UTC+05:30)"),
        # Sydney is on summer time in (southern) January, not in June.
        ("Australia/Sydney", WINTER, "Sydney time (AEDT, UTC+11)", "シドニー時間(AEDT、UTC+11)"),
        ("Australia/Sydney", SUMMER, "Sydney time (AEST, UTC+10)", "シドニー時間(AEST、UTC+10)"),
        # Just west of the date line, on the other side of it from Honolulu.
        ("Pacific/Kiritimati", WINTER, "Kiritimati time (UTC+14)", "キリスィマスィ島時間(UTC+14)"),
        ("Pacific/Honolulu", WINTER, "Honolulu time (HST, UTC-10)", "ホノルル時間(HST、UTC-10)"),
        # Fixed-offset zones by their offset: "Etc/GMT-3" is UTC+3 (POSIX signs).
        ("Etc/GMT-3", WINTER, "UTC+3", "UTC+3"),
        ("UTC", WINTER, "UTC", "UTC"),
    ],
)
def test_zone_title_in_both_languages(key: str, day: date, en: str, ja: str) -> None:
    assert zone_title(key, day, "en") == en
    assert zone_title(key, day, "ja") == ja


def test_the_instant_given_picks_the_clock_across_a_dst_change() -> None:
    zone = get_zone("Europe/Brussels")
    before = datetime(2026, 3, 29, 1, 30, tzinfo=zone)  # 02:00 CET becomes 03:00 CEST
    after = datetime(2026, 3, 29, 3, 30, tzinfo=zone)
    assert zone_title("Europe/Brussels", before, "en") == "Brussels time (CET, UTC+1)"
    assert zone_title("Europe/Brussels", after, "en") == "Brussels time (CEST, UTC+2)"


def test_names_without_the_clock() -> None:
    assert zone_name("Asia/Tokyo", "en") == "Tokyo time"
    assert zone_name("Asia/Tokyo", "ja") == "東京時間"
    # A zone CLDR names no city for in English: the key's last part, spaces for underscores.
    assert zone_city("America/Argentina/Buenos_Aires", "en") == "Buenos Aires"


def test_a_key_that_is_not_a_zone_is_shown_as_it_is() -> None:
    """Imported text is shown literally: a bad zone is not hidden behind a guessed name."""
    assert zone_title("Mars/Olympus", WINTER, "en") == "Mars/Olympus"
    assert zone_name("Mars/Olympus", "ja") == "Mars/Olympus"


def _stored_fosdem() -> None:
    with Store.open(paths.data_dir()) as store:
        trip = fosdem_via_frankfurt()
        store.put_trip(trip)
        store.set_current_trip(trip.id)


@pytest.mark.parametrize(
    ("lang", "home", "venue"),
    [
        ("en", "Tokyo time (JST, UTC+9)", "Brussels time (CET, UTC+1)"),
        ("ja", "東京時間(JST、UTC+9)", "ブリュッセル時間(CET、UTC+1)"),
    ],
)
def test_trip_show_and_the_binder_name_zones_in_words(lang: str, home: str, venue: str) -> None:
    """An Indian engineer living in Tokyo at FOSDEM: `trip show` and the binder's key facts
    said "home zone Asia/Tokyo" and "venue Europe/Brussels"."""
    _stored_fosdem()
    runner = CliRunner()
    shown = runner.invoke(main, ["--lang", lang, "trip", "show"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    binder = runner.invoke(
        main, ["--lang", lang, "export", "checklist", "-o", "-"], catch_exceptions=False
    )
    assert binder.exit_code == 0, binder.output
    for out in (shown.stdout, binder.stdout):
        assert home in out and venue in out
        assert "Asia/Tokyo" not in out and "Europe/Brussels" not in out
    # The trip report says the venue's clock the same way.
    report = runner.invoke(main, ["--lang", lang, "export", "report", "-o", "-"])
    assert report.exit_code == 0, report.output
    assert venue in report.stdout and "Europe/Brussels" not in report.stdout
