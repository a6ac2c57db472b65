"""Every airport of the curated table (data/airports.yaml) names the city it serves, in English
and Japanese, so a border or a checklist reason reads "Entry to Portugal (Schengen area) at
Lisbon (LIS)" / 「成田(NRT)で日本に帰国」, not a bare code. The order: a city file's
`airports:` list (the reviewed guide), then the table's `city`, then, for codes the table
lacks, the airportsdata library's English city; a code nobody knows stays the code.

What the wrong answer costs: at the immigration desk, in the airport's signs and in the binder
the traveller reads the city on their booking; a bare "FRA" or "NRT" in a Japanese sentence has
to be decoded, and a wrong city sends them to the wrong place."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_library_airports import make_trip, seg
from testpaths import TODAY

from tripkit import paths
from tripkit.catalog import airports as catalog
from tripkit.catalog.city_names import airport_cities
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.core.wording import airport_places
from tripkit.demo import example_trip
from tripkit.errors import DataError
from tripkit.services import entry as svc
from tripkit.store import Store

_LATIN = re.compile(r"[A-Za-z]")


def test_every_curated_airport_names_its_city_in_english_and_japanese() -> None:
    # A Japanese binder that says 「FRAでドイツに入国」 leaves the reader to decode the code;
    # an English name copied into the Japanese column ("Frankfurt(FRA)で...") is no better.
    table = catalog.airports()
    assert len(table) >= 160
    for code in table:
        en = catalog.airport_city_name(code, "en")
        ja = catalog.airport_city_name(code, "ja")
        assert en and ja, code
        assert en != ja and not _LATIN.search(ja), (code, en, ja)  # translated, not copied
        assert airport_places([code], "ja") == f"{ja}({code})"
        assert airport_places([code], "en") == f"{en} ({code})"


def test_airports_are_named_as_travellers_know_them() -> None:
    # Japan's airports by the name people say and signs show (成田, not 「東京」 for both
    # NRT and HND: a traveller told "Tokyo" may go to the wrong one); an airport standing in
    # a suburb by the city on the booking (YVR is Vancouver, not Richmond).
    want = {
        "NRT": ("Narita", "成田"),
        "HND": ("Haneda", "羽田"),
        "KIX": ("Kansai", "関西"),
        "ITM": ("Itami", "伊丹"),
        "NGO": ("Chubu", "中部"),
        "FUK": ("Fukuoka", "福岡"),
        "CTS": ("New Chitose", "新千歳"),
        "OKA": ("Naha", "那覇"),
        "YVR": ("Vancouver", "バンクーバー"),
        "MUC": ("Munich", "ミュンヘン"),
        "GRU": ("São Paulo", "サンパウロ"),
        "DEL": ("Delhi", "デリー"),
        "ICN": ("Seoul", "ソウル"),
        "PEK": ("Beijing", "北京"),
    }
    for code, (en, ja) in want.items():
        assert (catalog.airport_city_name(code, "en"), catalog.airport_city_name(code, "ja")) == (
            en,
            ja,
        ), code


def _titles(trip: Trip, lang: str) -> list[str]:
    return [v.title.split(" · ")[0] for v in svc.borders(trip, lang)]


def _brazilian_to_frankfurt(*, via_lisbon: bool) -> Trip:
    """A Brazilian to a conference in Frankfurt, through Lisbon or on the direct flight."""
    sp, lis, fra = "America/Sao_Paulo", "Europe/Lisbon", "Europe/Berlin"
    legs = (
        [
            ("TP88", "GRU", "LIS", f"2027-03-05T16:00[{sp}]", f"2027-03-06T06:00[{lis}]"),
            ("TP572", "LIS", "FRA", f"2027-03-06T08:00[{lis}]", f"2027-03-06T12:00[{fra}]"),
            ("TP577", "FRA", "LIS", f"2027-03-12T13:00[{fra}]", f"2027-03-12T15:00[{lis}]"),
            ("TP87", "LIS", "GRU", f"2027-03-12T17:00[{lis}]", f"2027-03-12T23:30[{sp}]"),
        ]
        if via_lisbon
        else [
            ("LH507", "GRU", "FRA", f"2027-03-05T18:00[{sp}]", f"2027-03-06T10:30[{fra}]"),
            ("LH506", "FRA", "GRU", f"2027-03-12T22:00[{fra}]", f"2027-03-13T05:30[{sp}]"),
        ]
    )
    return make_trip(
        [seg(*leg) for leg in legs],
        citizenship="BR",
        home="BR",
        home_tz="America/Sao_Paulo",
        venue=("Frankfurt", "DE", "Europe/Berlin"),
        days=("2027-03-08", "2027-03-10"),
    )


def test_a_brazilian_through_lisbon_reads_the_cities_of_each_border() -> None:
    # The Schengen border is at Lisbon, not at Frankfurt where the conference is: "at LIS"
    # does not tell a traveller that the passport check is before the connecting flight.
    via = _brazilian_to_frankfurt(via_lisbon=True)
    assert _titles(via, "en") == [
        "Entry to Portugal (Schengen area) at Lisbon (LIS)",
        "Return to Brazil at São Paulo (GRU)",
    ]
    assert _titles(via, "ja") == [
        "リスボン(LIS)でポルトガル(シェンゲン圏)に入国",
        "サンパウロ(GRU)でブラジルに帰国",
    ]
    # On the direct flight the border is Frankfurt's, named in both languages.
    direct = _brazilian_to_frankfurt(via_lisbon=False)
    assert _titles(direct, "en")[0] == "Entry to Germany (Schengen area) at Frankfurt (FRA)"
    assert _titles(direct, "ja")[0] == "フランクフルト(FRA)でドイツ(シェンゲン圏)に入国"


def test_the_demo_return_names_narita() -> None:
    # The demo traveller's way home, as `tripkit entry` prints it: 「NRTで日本に帰国」 was
    # the one border of the demo without a place name.
    with Store.open(paths.data_dir()) as store:
        trip = example_trip(TODAY)
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    for lang, want in (
        ("ja", "成田(NRT)で日本に帰国 · "),
        ("en", "Return to Japan at Narita (NRT) · "),
    ):
        out = CliRunner().invoke(main, ["--lang", lang, "entry"], catch_exceptions=False).output
        assert want in out, out


def test_a_city_file_wins_then_the_table_then_the_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The city files are the reviewed guide: what their `airports:` lists name is what the
    # guide's transport notes call the place, so the table must not contradict it.
    assert airport_cities()["SFO"] == "san-francisco"
    wrong = catalog.AirportCity(en="Millbrae", ja="ミルブレー")
    names = dict(catalog._city_names())
    names |= {"SFO": wrong}
    monkeypatch.setattr(catalog, "_city_names", lambda: names)
    assert catalog.airport_city_name("SFO", "ja") == "サンフランシスコ"
    # The table answers for an airport outside the city files, over the library.
    pytest.importorskip("airportsdata", reason="airportsdata is a dependency of tripkit")
    rows = {"FRA": {"name": "X", "city": "Offenbach", "country": "DE", "tz": "Europe/Berlin"}}
    monkeypatch.setattr(catalog, "_library", lambda: rows)
    assert catalog.airport_city_name("FRA", "en") == "Frankfurt"


def test_library_only_codes_keep_the_library_city_and_unknown_codes_stay_bare() -> None:
    # Recife is not curated: the library's English city in both languages (tripkit has no
    # reviewed translation), and a code no catalog knows is shown as on the boarding pass.
    pytest.importorskip("airportsdata", reason="airportsdata is a dependency of tripkit")
    assert "REC" not in catalog.airports()
    assert airport_places(["REC"], "ja") == "Recife(REC)"
    assert airport_places(["REC"], "en") == "Recife (REC)"
    assert airport_places(["XQZ"], "ja") == "XQZ"
    assert airport_places(["XQZ"], "en") == "XQZ"


def _file(tmp_path: Path, city: str) -> Path:
    path = tmp_path / "airports.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            airports:
              FRA: {{name: Frankfurt, country: DE, tz: Europe/Berlin,
                     city: {{en: Frankfurt, ja: フランクフルト}}}}
              LIS: {{name: Lisbon, country: PT, tz: Europe/Lisbon{city}}}
            """
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("city", "said"),
    [
        ("", "airports.LIS.city: this field is required"),
        (", city: {en: Lisbon}", "airports.LIS.city.ja: this field is required"),
        (", city: {en: Lisbon, ja: ''}", "airports.LIS.city.ja: "),
        (', city: {en: "[b]Lisbon[/b]", ja: リスボン}', "airports.LIS.city.en: "),
        (', city: {en: "<b>Lisbon</b>", ja: リスボン}', "airports.LIS.city.en: "),
        (', city: {en: Lisbon, ja: "リス\\x1bボン"}', "airports.LIS.city.ja: "),
        (', city: {en: Lisbon, ja: "リス\\u202eボン"}', "airports.LIS.city.ja: "),
        (", city: {en: " + "L" * 81 + ", ja: リスボン}", "at most 80 characters"),
    ],
)
def test_a_curated_city_is_checked_with_its_file_and_line(
    tmp_path: Path, city: str, said: str
) -> None:
    # A missing translation, markup or a control character in the table would reach every
    # border title; a maintainer adding an airport is told the file, the line and the field.
    path = _file(tmp_path, city)
    with pytest.raises(DataError) as info:
        catalog.load_airports_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}:4: "), message
    assert said in message, message


def test_a_plain_curated_city_reads_back() -> None:
    # The check refuses markup, not the punctuation of real place names.
    for en, ja in (
        ("Dallas/Fort Worth", "ダラス・フォートワース"),
        ("St. John's", "セントジョンズ"),
    ):
        city = catalog.AirportCity(en=en, ja=ja)
        assert (city.get("en"), city.get("ja")) == (en, ja)
