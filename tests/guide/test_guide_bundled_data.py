"""The bundled data: every file loads, every note is sourced, dated and translated, and
nothing the reference marks UNCONFIRMED is stated as fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tripkit.catalog.loader import (
    KINDS,
    bundled_files,
    check_bundled,
    iter_local_texts,
    load_bundled,
)
from tripkit.catalog.reading import read_model
from tripkit.catalog.schema import CityGuide, CommonNotes, GuideNote, VenueGuide
from tripkit.paths import bundled_data

DATA = bundled_data()


def test_every_bundled_file_loads_without_problems() -> None:
    catalog, problems = check_bundled(DATA)
    assert problems == []
    files = bundled_files()
    # Every YAML file under the guide's folders was read, and no folder is empty.
    for kind in KINDS:
        assert any(p.parent.name == kind for p in files), kind
    assert {"AU", "BE", "CA", "GB", "US", "JP", "DE"} <= set(catalog.countries)
    assert "schengen" in catalog.areas
    assert sorted(catalog.cities) == ["brussels", "san-francisco"]
    assert sorted(catalog.venues) == ["moscone-center", "ulb-brussels"]


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_text_has_a_japanese_translation(path: Path) -> None:
    obj, problems = read_model(path, KINDS[path.parent.name])
    assert obj is not None, problems
    untranslated = [loc for loc, text in iter_local_texts(obj) if not text.ja.strip()]
    assert untranslated == []


def _all_notes() -> list[GuideNote]:
    catalog = load_bundled()
    notes = list(catalog.common)
    for guide in [*catalog.cities.values(), *catalog.venues.values()]:
        notes.extend(guide.notes)
    return notes


def test_every_note_has_a_source_a_review_date_and_both_languages() -> None:
    notes = _all_notes()
    assert len(notes) >= 25
    for note in notes:
        assert note.sources and all(s.title and s.url for s in note.sources), note.id
        assert note.reviewed.year >= 2026, note.id
        assert note.title.ja and note.text.ja, note.id


def test_advice_notes_say_they_are_advice() -> None:
    """Notes without an outside source are marked advice and their source says so."""
    for note in _all_notes():
        if any(s.url.startswith("tripkit:") for s in note.sources):
            assert note.kind == "advice", note.id


def test_a_note_without_source_or_review_date_does_not_load(tmp_path: Path) -> None:
    original = (DATA / "cities" / "san-francisco.yaml").read_text(encoding="utf-8")
    # Rename the first note's `sources` key: the sources are missing and the key is unknown.
    broken = original.replace("    sources:\n", "    xsources:\n", 1)
    assert broken != original
    path = tmp_path / "san-francisco.yaml"
    path.write_text(broken, encoding="utf-8")
    obj, problems = read_model(path, CityGuide)
    assert obj is None
    fields = {p.field for p in problems}
    assert "notes[0].sources" in fields  # missing
    assert "notes[0].xsources" in fields  # unknown key
    assert all(p.line > 1 for p in problems)


def test_san_francisco_facts_as_the_reference_gives_them() -> None:
    catalog = load_bundled()
    us = catalog.countries["US"]
    assert us.emergency.number == "911"
    assert us.passport.months_beyond_stay == 6 and "JP" in us.passport.exempt
    esta = next(a for a in us.authorisations if a.id == "ESTA")
    assert esta.validity_years == 2 and esta.needs_e_passport and esta.apply_hours_before == 72
    assert esta.fee is not None and "USD 40" in esta.fee.en and "2025-09-30" in esta.fee.en
    assert esta.ineligible_since["CU"].isoformat() == "2021-01-12"
    sf = catalog.cities["san-francisco"]
    consulate = next(c for c in sf.consulates if c.home == "JP")
    assert consulate.address == "275 Battery St., Suite 2100, San Francisco, CA 94111"
    assert "780-6000" in consulate.phone
    waymo = next(n for n in sf.notes if n.id == "sfo-waymo")
    assert "Rental Car Center" in waymo.text.en and "2026-01-29" in waymo.text.en
    bart = next(n for n in sf.notes if n.id == "sfo-bart")
    assert bart.pay is not None and "2025-08-20" in bart.pay.en
    moscone = catalog.venues["moscone-center"]
    assert [s.name.split(" (")[0] for s in moscone.stations] == ["Powell St", "Yerba Buena/Moscone"]


def test_entry_schemes_and_their_status() -> None:
    catalog = load_bundled()
    schemes = {a.id: a for c in catalog.countries.values() for a in c.authorisations}
    schemes |= {a.id: a for area in catalog.areas.values() for a in area.authorisations}
    assert {"ESTA", "eTA", "UK-ETA", "AU-ETA", "ETIAS", "EES"} <= set(schemes)
    assert schemes["ETIAS"].status == "planned"  # its launch is UNCONFIRMED
    assert schemes["ETIAS"].status_date is not None
    assert schemes["EES"].status == "in_force" and schemes["EES"].kind == "registration"
    assert schemes["UK-ETA"].in_force_from is not None
    assert schemes["UK-ETA"].in_force_from.isoformat() == "2025-01-08"
    for name in ("ESTA", "eTA", "UK-ETA", "AU-ETA", "ETIAS"):
        assert "JP" in schemes[name].required_for


# --- UNCONFIRMED claims the data must not state as fact ---------------------------------------
# (name, pattern, an example sentence the pattern must catch). Each comes from an UNCONFIRMED
# line of shared/reference/travel-facts.md.
FORBIDDEN = [
    ("FY2026 ESTA fee USD 40.27", r"40\.27", "The ESTA fee is USD 40.27."),
    ("BART fare figure", r"9\.65|\$\s?9\b|USD\s?9\b", "BART to Powell costs USD 9.65."),
    ("SFO taxi fare figure", r"(USD|\$)\s?5[0-9]\b|5[0-9]\s?ドル", "A taxi costs about $56."),
    ("Canada eTA fee", r"CAD\s?7\b|7\s?カナダドル|\$\s?7\s?CAD", "The eTA costs CAD 7."),
    ("UK ETA fee of GBP 20 as current", r"GBP\s?20|£\s?20|20\s?ポンド", "The ETA is GBP 20."),
    # (North Korea as an ESTA bar: confirmed since, entry-rules-world.md §1a.)
    ("APC kiosks at SFO", r"(?i)kiosk|キオスク", "Use the APC kiosks at SFO."),
    (
        "US blank-page rule",
        r"(?i)blank (passport )?pages?|空白のページ|査証欄",
        "Keep two blank pages.",
    ),
    (
        "MOFA six-month recommendation",
        r"(?i)MOFA recommends|外務省.{0,20}推奨",
        "MOFA recommends 6 months.",
    ),
    (
        "fingerprint gates still run",
        r"自動化ゲート|[Aa]utomated gates?",
        "自動化ゲートも使えます。",
    ),
    ("JESTA passed or dated", r"JESTA", "JESTA starts in 2028."),
    ("an upcoming DockerCon in SF", r"DockerCon 202[4-9]", "DockerCon 2027 is at Moscone."),
    ("Japan departure tax JPY 3,000", r"JPY\s?3,?000|3,?000\s?円", "The tax is JPY 3,000."),
    (
        "a newer consulate safety guide",
        r"(?i)(20(19|2\d)) edition of the safety guide",
        "the 2024 edition of the safety guide",
    ),
]

# Claims that may be mentioned only with a hedge in the same text (one YAML string).
HEDGED = [
    (
        "ESTA social-media / app-only proposal",
        r"(?i)social[- ]media|SNS",
        r"(?i)propos|提案|optional|任意",
    ),
    (
        "ETIAS launch",
        r"ETIAS",
        r"(?i)planned|plan |予定|not in force|check|確認|once it runs|"
        r"運用開始後|European Travel|欧州渡航",
    ),
    (
        "permanent daylight saving",
        r"(?i)permanent daylight|通年夏時間",
        r"(?i)no source|not law|見つかっていない|なっておらず",
    ),
]


def _sentences() -> list[tuple[str, str]]:
    out = []
    # Every YAML file under data/, the checklist rules included: a fact is a fact wherever
    # it is shipped.
    for path in sorted(DATA.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            line = line.split(" # ")[0] if not line.lstrip().startswith("#") else ""
            for sentence in re.split(r"(?<=[.。;:!?])\s+|(?<=。)", line):
                if sentence.strip():
                    out.append((path.name, sentence))
    return out


@pytest.mark.parametrize(("name", "pattern", "example"), FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_unconfirmed_claims_are_not_stated(name: str, pattern: str, example: str) -> None:
    assert re.search(pattern, example), "the pattern must catch its own example"
    hits = [(f, s) for f, s in _sentences() if re.search(pattern, s)]
    assert hits == [], f"{name} appears in data/"


def _texts() -> list[tuple[str, str]]:
    """Every prose string in the guide's YAML (values with a space: not ids or codes)."""
    out: list[tuple[str, str]] = []

    def walk(name: str, value: object) -> None:
        if isinstance(value, str) and " " in value.strip():
            out.append((name, value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(name, item)
        elif isinstance(value, list):
            for item in value:
                walk(name, item)

    for path in sorted(DATA.rglob("*.yaml")):
        if path.parent.name in KINDS:
            walk(path.name, yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize(("name", "topic", "hedge"), HEDGED, ids=[h[0] for h in HEDGED])
def test_pending_claims_are_hedged(name: str, topic: str, hedge: str) -> None:
    mentions = [(f, s) for f, s in _texts() if re.search(topic, s)]
    assert mentions, "the topic must be found somewhere, or the test proves nothing"
    unhedged = [(f, s) for f, s in mentions if not re.search(hedge, s)]
    assert unhedged == [], f"{name}: stated without a hedge"


def test_fees_that_change_tell_where_to_check() -> None:
    catalog = load_bundled()
    schemes = {a.id: a for c in catalog.countries.values() for a in c.authorisations}
    for scheme_id in ("ESTA", "eTA", "UK-ETA", "AU-ETA"):
        fee = schemes[scheme_id].fee
        assert fee is not None and re.search(r"(?i)check", fee.en), scheme_id
        assert "確認" in fee.ja, scheme_id


def test_common_and_guide_models_cover_every_kind() -> None:
    assert KINDS["common"] is CommonNotes and KINDS["venues"] is VenueGuide


def test_cross_file_problems_of_a_data_folder(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    for kind in KINDS:
        shutil.copytree(DATA / kind, copy / kind)
    (copy / "countries" / "us.yaml").rename(copy / "countries" / "usa.yaml")
    venue = copy / "venues" / "ulb-brussels.yaml"
    venue.write_text(
        venue.read_text(encoding="utf-8")
        .replace("city: brussels", "city: bruxelles")
        .replace("id: ulb-rooms", "id: sfo-bart"),
        encoding="utf-8",
    )
    _catalog, problems = check_bundled(copy)
    shown = sorted(str(p) for p in problems)
    assert shown == [
        "countries/usa.yaml:4: code: file name should be us.yaml",
        "venues/ulb-brussels.yaml:13: notes[0].id: note id 'sfo-bart' is already used in "
        "cities/san-francisco.yaml",
        "venues/ulb-brussels.yaml:4: city: no city 'bruxelles' in data/cities",
    ]
