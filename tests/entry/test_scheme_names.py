"""Authorisation schemes reach a traveller by name ("UK ETA", 「英国 ETA」), never by the data's
id ("UK-ETA", "AU-ETA"), in `tripkit entry`, the checklist, the binder and `trip show`, in
English and Japanese, on the shipped data; `--json` keeps the id for scripts, with the name
beside it. Travellers unlike the demo: an American flying to London through Toronto with a UK
ETA that ends too early, and a German flying to Sydney through Doha."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from tripkit import paths
from tripkit.catalog import entry_data
from tripkit.cli import main
from tripkit.core.models import Authorisation, FlightSegment, Passport, Trip
from tripkit.core.scheme_names import held_name, short_name
from tripkit.core.zoned import parse_zoned
from tripkit.store import Store

NY, TOR, LON = "America/New_York", "America/Toronto", "Europe/London"
SP, DOH, SYD = "America/Sao_Paulo", "Asia/Qatar", "Australia/Sydney"

# Every scheme id of the shipped data that is not also the name people use.
ID = re.compile(r"\b(?:UK-ETA|AU-ETA|AU-eVisitor|[A-Z]{2}-(?:visa|e-visa)|Schengen-visa)\b")


def seg(flight: str, origin: str, destination: str, departs: str, arrives: str) -> FlightSegment:
    return FlightSegment(
        flight=flight,
        origin=origin,
        destination=destination,
        departs=parse_zoned(departs),
        arrives=parse_zoned(arrives),
    )


def _trip(
    tid: str,
    citizenship: str,
    home: str,
    home_tz: str,
    venue: tuple[str, str, str],
    days: tuple[date, date],
    flights: list,
    auths: list[Authorisation],
) -> Trip:
    name, country, tz = venue
    return Trip.model_validate(
        {
            "id": tid,
            "name": tid,
            "booked_on": date(2026, 11, 20),
            "traveller": {
                "name": "Sam",
                "citizenships": [citizenship],
                "home_country": home,
                "home_tz": home_tz,
                "language": "en",
                "passport": Passport(expires=date(2032, 5, 1)),
                "authorisations": auths,
            },
            "conference": {
                "name": tid,
                "first_day": days[0],
                "last_day": days[1],
                "venue": {"name": name, "city": name, "country": country, "tz": tz},
            },
            "flights": flights,
        }
    )


def american_in_london() -> Trip:
    """New York -> Toronto -> London for PyData London, home from London; the UK ETA held
    ends two days before the flight home."""
    return _trip(
        "pydata-london",
        "US",
        "US",
        NY,
        ("Tobacco Dock", "GB", LON),
        (date(2027, 6, 11), date(2027, 6, 13)),
        [
            seg("AC761", "JFK", "YYZ", f"2027-06-09T08:00[{NY}]", f"2027-06-09T09:40[{TOR}]"),
            seg("AC856", "YYZ", "LHR", f"2027-06-09T21:00[{TOR}]", f"2027-06-10T09:00[{LON}]"),
            seg("BA117", "LHR", "JFK", f"2027-06-14T12:00[{LON}]", f"2027-06-14T15:00[{NY}]"),
        ],
        [Authorisation(kind="UK-ETA", country="GB", expires=date(2027, 6, 12))],
    )


def german_in_sydney() -> Trip:
    """São Paulo -> Doha -> Sydney: a German living in Brazil, no Australian ETA yet."""
    return _trip(
        "pycon-au",
        "DE",
        "BR",
        SP,
        ("ICC Sydney", "AU", SYD),
        (date(2027, 3, 10), date(2027, 3, 12)),
        [
            seg("QR774", "GRU", "DOH", f"2027-03-06T01:20[{SP}]", f"2027-03-06T22:10[{DOH}]"),
            seg("QR908", "DOH", "SYD", f"2027-03-07T02:10[{DOH}]", f"2027-03-07T23:59[{SYD}]"),
            seg("QR909", "SYD", "DOH", f"2027-03-14T21:00[{SYD}]", f"2027-03-15T05:00[{DOH}]"),
            seg("QR773", "DOH", "GRU", f"2027-03-15T08:00[{DOH}]", f"2027-03-15T16:00[{SP}]"),
        ],
        [],
    )


def _store(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)


def _outputs(lang: str) -> str:
    runner = CliRunner()
    out = []
    for args in (
        ["entry"],
        ["checklist", "--all"],
        ["checklist", "show", "entry-authorisation"],
        ["export", "checklist", "-o", "-"],
        ["trip", "show"],
    ):
        result = runner.invoke(main, ["--lang", lang, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out.append(result.stdout)
    return "\n".join(out)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                "Your UK ETA is valid when you arrive on Thu 10 Jun 2027 but ends Sat 12 Jun 2027",
                "UK ETA for the United Kingdom, valid until",
            ],
        ),
        ("ja", ["お持ちの英国 ETAは到着日", "2027年6月12日(土)に失効し", "英国 ETA(イギリス)"]),
    ],
)
def test_a_held_uk_eta_is_said_by_its_name(lang: str, said: list[str]) -> None:
    _store(american_in_london())
    text = _outputs(lang)
    for words in said:
        assert words in text
    assert ID.findall(text) == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No Australia ETA is recorded in the trip"),
        ("ja", "旅行にオーストラリア ETAが登録されていません"),
    ],
)
def test_a_missing_australian_eta_is_said_by_its_name(lang: str, said: str) -> None:
    _store(german_in_sydney())
    text = _outputs(lang)
    assert said in text
    assert ID.findall(text) == []


def test_json_keeps_the_id_with_the_name_beside_it() -> None:
    _store(german_in_sydney())
    for lang, name in (
        ("en", "Australia ETA (subclass 601)"),
        ("ja", "オーストラリア ETA(サブクラス601)"),
    ):
        result = CliRunner().invoke(main, ["--lang", lang, "entry", "--json"])
        assert result.exit_code == 0, result.output
        au = [b for b in json.loads(result.stdout)["borders"] if b["country"] == "AU"]
        assert [(b["scheme"], b["scheme_name"]) for b in au] == [("AU-ETA", name)]


def test_every_shipped_authorisation_has_a_short_name_that_is_not_an_id() -> None:
    """The short name is the name before its bracketed long form; no scheme of the data is
    left to be said by an id-like word."""
    seen = 0
    for path in sorted((paths.bundled_data() / "countries").glob("*.yaml")):
        entry = entry_data.country(path.stem)
        assert entry is not None
        for scheme in entry.authorisations:
            for lang in ("en", "ja"):
                short = short_name(scheme, lang)
                assert short and short in scheme.name.get(lang)
                assert not ID.fullmatch(short), (scheme.id, short)
            seen += 1
    assert seen > 15


def test_a_held_kind_tripkit_does_not_know_is_shown_as_typed() -> None:
    assert held_name("uk-eta", "GB", "en") == "UK ETA"  # ids match regardless of case
    assert held_name("Business visa (my own words)", "GB", "ja") == "Business visa (my own words)"
    assert held_name("US-green-card", "CA", "ja") == "米国グリーンカード(永住権)"


def test_a_trip_file_may_name_the_scheme_as_tripkit_says_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`kind: UK ETA` (what every sentence calls it) is the UK-ETA: it counts, and is stored
    by its id; a kind naming no scheme of its country is kept as written."""
    from tripkit.services.trips import trip_to_yaml

    trip = american_in_london()
    text = trip_to_yaml(trip).replace("kind: UK-ETA", "kind: UK ETA")
    assert "kind: UK ETA" in text
    path = tmp_path / "london.yaml"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["trip", "import", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with Store.open(paths.data_dir()) as store:
        held = store.get_trip(trip.id).traveller.authorisations
    assert [(a.kind, a.country) for a in held] == [("UK-ETA", "GB")]
    entry = runner.invoke(main, ["entry"], catch_exceptions=False).stdout
    assert "but ends Sat 12 Jun 2027" in entry  # held, and found too short
    path.write_text(text.replace("kind: UK ETA", "kind: Visitor pass"), encoding="utf-8")
    result = runner.invoke(main, ["trip", "import", "--replace", str(path)])
    assert result.exit_code == 0, result.output
    with Store.open(paths.data_dir()) as store:
        assert store.get_trip(trip.id).traveller.authorisations[0].kind == "Visitor pass"


def test_the_guide_finds_a_held_kind_in_any_case() -> None:
    """A kind stored before tripkit took names ("uk-eta", as the entry checks accept it):
    the guide's UK ETA note says it is held, as `tripkit entry` does."""
    trip = american_in_london()
    held = [a.model_copy(update={"kind": "uk-eta"}) for a in trip.traveller.authorisations]
    traveller = trip.traveller.model_copy(update={"authorisations": held})
    _store(trip.model_copy(update={"traveller": traveller}))
    result = CliRunner().invoke(main, ["guide", "entry", "--width", "200"])
    assert result.exit_code == 0, result.output
    assert "You hold one: expires Sat 12 Jun 2027" in result.stdout
