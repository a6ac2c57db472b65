"""What a person types in the trip editor's country and authorisation fields: codes or names
in, names shown beside the codes (tripkit.services.country_input, scheme_input)."""

from __future__ import annotations

import pytest

from tripkit.services.country_input import country_code, country_codes, country_gloss
from tripkit.services.scheme_input import kind_gloss, scheme_kind


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("in", "IN"),
        ("India", "IN"),
        ("  brazil ", "BR"),
        ("インド", "IN"),
        ("ブラジル", "BR"),
        ("UK", "GB"),  # ISO reserves UK for the United Kingdom, whose code is GB
        ("United Kingdom", "GB"),
        ("usa", "US"),
        ("Atlantis", "Atlantis"),  # left for the trip's check to refuse
    ],
)
def test_a_name_typed_is_its_code(typed: str, code: str) -> None:
    assert country_code(typed) == code


def test_a_list_of_names_and_codes() -> None:
    assert country_codes("India, brazil、DE") == "IN, BR, DE"


def test_the_names_beside_the_codes() -> None:
    assert country_gloss("IN, BR", "en") == "India, Brazil"
    assert country_gloss("IN, BR", "ja") == "インド、ブラジル"
    # "ID" is Indonesia, not India: the name makes the slip visible.
    assert country_gloss("ID", "en") == "Indonesia"
    # Two letters no country has (the trip's own check takes any two letters).
    assert country_gloss("ZZ", "en") == "ZZ: no such country code"
    assert country_gloss("uk", "en") == "United Kingdom"
    assert country_gloss("2027-13", "en") == ""  # the field's error says it


@pytest.mark.parametrize(
    "typed", ["UK-ETA", "uk eta", "UK ETA (Electronic Travel Authorisation)", "英国 ETA"]
)
def test_a_scheme_typed_by_its_name_is_its_id(typed: str) -> None:
    assert scheme_kind(typed, "GB") == "UK-ETA"


def test_a_scheme_of_another_country_is_not_guessed() -> None:
    # The UK ETA is not Australia's: kept as typed, and said so under the field.
    assert scheme_kind("UK ETA", "AU") == "UK ETA"
    assert kind_gloss("UK ETA", "AU", "en").startswith(
        "tripkit knows no scheme called “UK ETA” for Australia"
    )
    assert kind_gloss("ETIAS", "BE", "ja") == "欧州 ETIAS(欧州渡航情報認証制度)"  # the area's
    assert kind_gloss("US-green-card", "US", "en") == "US green card (lawful permanent residence)"


@pytest.mark.parametrize(
    ("lang", "citizenship", "venue_country", "said"),
    [
        ("en", "India", "belgium", ["  = India", "  = Belgium"]),
        ("ja", "インド", "ベルギー", ["  = インド", "  = ベルギー"]),
    ],
)
def test_trip_new_takes_country_names_and_says_the_codes_back(
    lang: str, citizenship: str, venue_country: str, said: list[str]
) -> None:
    """An Indian engineer creating a FOSDEM trip types the countries by name; `trip new`
    stores their codes and says which country each answer is."""
    from click.testing import CliRunner

    from tripkit import paths
    from tripkit.cli import main
    from tripkit.store import Store

    answers = [
        "FOSDEM 2027",
        "",  # id: the suggestion
        citizenship,
        "Asia/Kolkata",
        "2031-04-01",
        "y",
        "FOSDEM",
        "2027-01-30",
        "2027-01-31",
        "ULB Solbosch",
        "Brussels",
        venue_country,
        "Europe/Brussels",
        "n",  # no flight
    ]
    result = CliRunner().invoke(
        main, ["--lang", lang, "trip", "new"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    for words in said:
        assert words in result.output
    with Store.open(paths.data_dir(), create=False) as store:
        trip = store.get_trip("fosdem-2027")
    assert trip.traveller.citizenships == ["IN"]
    assert trip.conference.venue.country == "BE"
