"""`tripkit entry` and trip files with the new traveller fields, through the real CLI and a
real store (fixture entry data)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from entry_builders import (
    BRU,
    LA,
    fixture_data,  # noqa: F401 - a fixture, used by name
    seg,
    trip,
    via_frankfurt,
)

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.services.trips import trip_to_yaml
from tripkit.store import Store

pytestmark = pytest.mark.usefixtures("fixture_data")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def saved(t: Trip) -> Trip:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    return t


def frankfurt_trip() -> Trip:
    return trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )


def test_entry_json_is_the_agreed_shape_in_route_order() -> None:
    saved(frankfurt_trip())
    result = run("entry", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["trip"] == "route-test"
    fra, home = data["borders"]
    assert {
        k: fra[k]
        for k in (
            "country",
            "airport",
            "kind",
            "at",
            "requirement",
            "scheme",
            "max_stay_days",
            "status",
        )
    } == {
        "country": "DE",
        "airport": "FRA",
        "kind": "entry",
        "at": "2027-01-29T17:00:00+01:00",
        "requirement": "visa-free",
        "scheme": "EES",
        "max_stay_days": 90,
        "status": "not-needed",
    }
    assert fra["as_of"] == "2026-05-15"
    assert all(set(s) == {"title", "url", "date"} for s in fra["sources"])
    assert (home["kind"], home["country"], home["requirement"]) == ("return", "JP", "none")


def test_entry_text_in_english_and_japanese() -> None:
    saved(frankfurt_trip())
    en = run("--lang", "en", "entry")
    assert en.exit_code == 0
    assert (
        "Entry to Germany (Schengen area) at Frankfurt (FRA) · Fri 29 Jan 2027 17:00 CET"
        in en.stdout
    )
    assert "Requirement: visa-free · Status: nothing needed" in en.stdout
    ja = run("--lang", "ja", "entry")
    assert "フランクフルト(FRA)でドイツ(シェンゲン圏)に入国 · 2027年1月29日(金) 17:00 CET" in (
        ja.stdout
    )
    assert "要件:ビザ免除 · 状況:不要" in ja.stdout
    with_sources = run("--lang", "en", "entry", "--sources")
    assert "https://commission.europa.eu/" in with_sources.stdout


def test_a_trip_at_home_crosses_no_border() -> None:
    saved(
        trip(
            [],
            venue_country="JP",
            venue_tz="Asia/Tokyo",
            first_day=date(2027, 1, 30),
            last_day=date(2027, 1, 31),
        )
    )
    assert run("entry").stdout.strip() == "This trip crosses no border."


def test_trip_files_take_passports_per_citizenship_and_residence(tmp_path: Path) -> None:
    # A dual citizen (DE, IN) living in Japan, with a travel-history entry, from a file.
    base = trip_to_yaml(frankfurt_trip().model_copy(update={"id": "dual"}))
    traveller = textwrap.dedent("""\
        traveller:
          citizenships: [IN, DE]
          home_country: JP
          home_tz: Asia/Tokyo
          passports:
            - {country: IN, expires: 2034-01-01}
            - {country: DE, expires: 2031-06-01, issued: 2021-06-01}
          residence: {status: engineer, expires: 2028-04-01}
          visited:
            - {country: CU, date: 2022-05-01, until: 2022-05-08}
        """)
    start = base.index("traveller:")
    end = base.index("conference:")
    path = tmp_path / "dual.yaml"
    path.write_text(base[:start] + traveller + base[end:], encoding="utf-8")
    result = run("trip", "import", str(path))
    assert result.exit_code == 0, result.output
    with Store.open(paths.data_dir()) as store:
        got = store.get_trip("dual")
    assert [p.country for p in got.traveller.passports] == ["IN", "DE"]
    assert got.traveller.passport.country == "IN"  # the first, as written
    assert got.traveller.residence is not None
    assert got.traveller.visited[0].last_day == date(2022, 5, 8)
    # Written back, the file keeps both passports (and reads back the same).
    again = Trip.model_validate(got.model_dump(mode="json"))
    assert again == got


@pytest.mark.parametrize(
    ("passports", "message"),
    [
        (
            "    - {country: FR, expires: 2034-01-01}\n",
            "is issued by FR, which is not one of the traveller's citizenships (JP)",
        ),
        (
            "    - {country: JP, expires: 2034-01-01}\n    - {country: JP, expires: 2030-01-01}\n",
            "two passports of JP: list one per citizenship",
        ),
        (
            "    - {country: JP, expires: 2034-01-01, issued: 2035-01-01}\n",
            "the passport expires before it was issued",
        ),
    ],
)
def test_bad_passports_are_one_clear_line(tmp_path: Path, passports: str, message: str) -> None:
    base = trip_to_yaml(frankfurt_trip().model_copy(update={"id": "bad-passports"}))
    block = "  passport:\n    expires: 2035-01-01\n    issued: 2025-01-01\n"
    assert block in base
    path = tmp_path / "bad.yaml"
    path.write_text(base.replace(block, "  passports:\n" + passports), encoding="utf-8")
    result = run("trip", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert result.stderr.startswith(f"tripkit: {path}:")


def test_a_green_card_holder_needs_no_eta_for_canada() -> None:
    # Wrong: a German US resident told to buy an eTA the green card makes unnecessary.
    flights = [
        seg("AC738", "SFO", "YYZ", f"2027-01-11T12:00[{LA}]", "2027-01-11T20:15[America/Toronto]")
    ]
    t = trip(
        flights,
        venue_country="CA",
        venue_tz="America/Toronto",
        first_day=date(2027, 1, 12),
        last_day=date(2027, 1, 14),
        citizenships=["DE"],
        home_country="US",
        home_tz=LA,
        authorisations=[{"kind": "US-green-card", "country": "US", "expires": "2030-01-01"}],
    )
    from tripkit.services import entry as svc

    yyz = svc.borders(t, "en")[0]
    assert (yyz.verdict.requirement, yyz.verdict.basis, yyz.verdict.status) == (
        "none",
        "exempt",
        "not-needed",
    )
    assert (
        "Canada eTA is not needed: you hold US green card (lawful permanent residence)"
        in "\n".join(yyz.lines)
    )


def test_schengen_passport_issued_over_ten_years_ago_is_flagged() -> None:
    # Wrong: boarding refused at Haneda for a passport issued in 2016.
    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
        passports=[{"country": "JP", "expires": "2027-06-01", "issued": "2016-06-01"}],
    )
    from tripkit.services import entry as svc

    fra = svc.borders(t, "en")[0]
    assert fra.verdict.passport_check is not None
    assert fra.verdict.passport_check.issued_ok is False
    assert (
        "Your passport must have been issued on or after Sun 29 Jan 2017 to enter Germany"
        in fra.warnings
    )
    ja = svc.borders(t, "ja")[0]
    assert any("2017年1月29日(日)以降に発行" in w for w in ja.warnings)


def test_an_airport_of_unknown_country_is_said_not_skipped_silently() -> None:
    # Wrong: a border silently missing from the list reads as "nothing to do there".
    from tripkit.core.models import FlightSegment

    unknown = FlightSegment.model_validate(
        {
            "flight": "XX1",
            "origin": "NRT",
            "destination": "QQQ",
            "origin_country": "JP",
            "departs": "2027-03-08T10:00[Asia/Tokyo]",
            "arrives": "2027-03-08T15:00[Asia/Tokyo]",
        }
    )
    t = trip(
        [],
        venue_country="JP",
        venue_tz="Asia/Tokyo",
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
    ).model_copy(update={"flights": [unknown]})
    saved(t)
    out = run("--lang", "en", "entry")
    assert "tripkit does not know which country QQQ is in" in out.stdout
    assert json.loads(run("entry", "--json").stdout)["unknown_airports"] == ["QQQ"]
