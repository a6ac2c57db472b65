"""User overlays: add a note, override a bundled one, and survive broken files."""

from __future__ import annotations

from pathlib import Path

from guide_helpers import NOW, SOURCE, write

from tripkit.catalog.loader import load_bundled, load_catalog
from tripkit.core.models import Trip
from tripkit.services.guide import build_guide


def _note(section_notes: list, note_id: str):  # type: ignore[no-untyped-def]
    return next(n for n in section_notes if n.id == note_id)


def test_an_overlay_adds_a_note_to_a_city(overlay_dir: Path, demo_trip: Trip) -> None:
    write(
        overlay_dir,
        "team.yaml",
        """city: san-francisco
notes:
  - id: team-dinner-spot
    topic: safety
    title: {en: "Walk back in a group", ja: "帰りはグループで"}
    text:
      en: "After the team dinner, walk back to the hotel together."
      ja: "チームの夕食後は一緒にホテルへ戻る。"
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    catalog = load_catalog(overlay_dir)
    assert catalog.problems == []
    guide = build_guide(demo_trip, "en", NOW, catalog=catalog)
    safety = guide.section("safety")
    assert safety is not None
    added = _note(safety.notes, "team-dinner-spot")
    assert added.text == "After the team dinner, walk back to the hotel together."
    assert added.overlay == str(overlay_dir / "team.yaml")
    assert added.sources[0].url == "https://example.org/team-notes"
    # The bundled notes are all still there, and the cached bundled catalog is untouched.
    assert _note(safety.notes, "sf-car-break-ins").overlay is None
    assert all(n.id != "team-dinner-spot" for n in load_bundled().cities["san-francisco"].notes)


def test_an_overlay_note_with_a_bundled_id_replaces_it(overlay_dir: Path, demo_trip: Trip) -> None:
    write(
        overlay_dir,
        "fares.yaml",
        """notes:
  - id: sfo-bart
    topic: transport
    title: {en: "BART from SFO (team note)", ja: "SFOからBART(チームのメモ)"}
    text: {en: "We paid by phone at the gate in November.", ja: "11月は改札でスマホ決済した。"}
    cost: {en: "see the fare chart at the station", ja: "駅の運賃表を参照"}
"""
        + SOURCE
        + """    reviewed: 2026-11-20
""",
    )
    guide = build_guide(demo_trip, "ja", NOW, overlay_dir)
    transport = guide.section("transport")
    assert transport is not None
    bart = [n for n in transport.notes if n.id == "sfo-bart"]
    assert len(bart) == 1  # replaced in place, not added twice
    assert bart[0].title == "SFOからBART(チームのメモ)"
    assert ("料金", "駅の運賃表を参照") in bart[0].details
    assert load_bundled().cities["san-francisco"].notes[3].id == "sfo-bart"
    assert "Tap and Ride" in (load_bundled().cities["san-francisco"].notes[3].pay.en)  # type: ignore[union-attr]


def test_a_broken_overlay_is_reported_with_file_and_line_and_skipped(
    overlay_dir: Path, demo_trip: Trip
) -> None:
    # Line 5 has an unknown key; the note has no sources; line 3's topic is not a topic.
    write(
        overlay_dir,
        "a-broken.yaml",
        """city: san-francisco
notes:
  - id: broken-note
    topic: nightlife
    titel: {en: "typo"}
    text: {en: "x"}
    reviewed: 2026-11-01
""",
    )
    write(overlay_dir, "b-syntax.yaml", "notes:\n  - id: x\n    title: {en: 'unclosed\n")
    write(
        overlay_dir,
        "c-good.yaml",
        """venue: moscone-center
notes:
  - id: good-note
    topic: venue
    title: {en: "Meet at the west lobby", ja: "西ロビーで集合"}
    text: {en: "Team meeting point.", ja: "チームの集合場所。"}
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    catalog = load_catalog(overlay_dir)
    shown = [str(p) for p in catalog.problems]
    broken = str(overlay_dir / "a-broken.yaml")
    assert f"{broken}:4: notes[0].topic: " in "\n".join(shown)
    assert f"{broken}:5: notes[0].titel: unknown field (check its spelling)" in shown
    assert f"{broken}:3: notes[0].sources: this field is required" in shown
    assert f"{broken}:3: notes[0].title: this field is required" in shown
    syntax = [p for p in catalog.problems if p.file.endswith("b-syntax.yaml")]
    assert len(syntax) == 1 and syntax[0].line >= 3 and "YAML syntax" in syntax[0].message
    # The good overlay still applies and the bundled data still loads.
    guide = build_guide(demo_trip, "en", NOW, catalog=catalog)
    venue = guide.section("venue")
    assert venue is not None and any(n.id == "good-note" for n in venue.notes)
    assert all(n.id != "broken-note" for s in guide.sections for n in s.notes)
    assert guide.section("transport") is not None
    assert len(guide.problems) == len(catalog.problems) >= 5


def test_overlay_reference_problems(overlay_dir: Path) -> None:
    write(
        overlay_dir,
        "where.yaml",
        """city: atlantis
notes:
  - id: new-note
    topic: safety
    title: {en: "t"}
    text: {en: "x"}
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    write(
        overlay_dir,
        "nowhere.yaml",
        """notes:
  - id: another-new-note
    topic: safety
    title: {en: "t"}
    text: {en: "x"}
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    problems = {str(p) for p in load_catalog(overlay_dir).problems}
    where, nowhere = overlay_dir / "where.yaml", overlay_dir / "nowhere.yaml"
    assert f"{where}:1: city: unknown city 'atlantis' (known: brussels, san-francisco)" in problems
    assert any(
        p.startswith(f"{nowhere}:2: notes[0].id: 'another-new-note' is not a bundled note")
        for p in problems
    )


def test_no_overlay_folder_means_the_bundled_catalog(tmp_path: Path) -> None:
    assert load_catalog(tmp_path / "absent") is load_bundled()
    assert load_catalog() is load_bundled()  # the isolated config dir has no guide/ folder


def test_duplicate_keys_and_non_mapping_files_are_reported(overlay_dir: Path) -> None:
    write(overlay_dir, "dup.yaml", "city: san-francisco\ncity: brussels\nnotes: []\n")
    write(overlay_dir, "list.yaml", "- just\n- a list\n")
    write(overlay_dir, "empty.yaml", "")
    problems = {str(p) for p in load_catalog(overlay_dir).problems}
    assert (
        f"{overlay_dir / 'dup.yaml'}:2: key 'city' appears twice in the same mapping "
        "(first on line 1)"
    ) in problems
    assert (
        f"{overlay_dir / 'list.yaml'}:1: expected a mapping of fields (key: value) at the top"
    ) in problems
    assert any(p.startswith(str(overlay_dir / "empty.yaml")) for p in problems)


def test_a_hostile_deeply_nested_file_is_one_problem(overlay_dir: Path) -> None:
    write(overlay_dir, "deep.yaml", "notes: " + "[" * 5000 + "]" * 5000 + "\n")
    problems = load_catalog(overlay_dir).problems
    assert len(problems) >= 1 and problems[0].file.endswith("deep.yaml")
