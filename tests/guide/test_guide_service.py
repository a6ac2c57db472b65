"""build_guide: sections for the trip, staleness, the English fallback, consulates by home
country, a second city outside the US, and lookup by name."""

from __future__ import annotations

from pathlib import Path

from fosdem_trips import fosdem_via_frankfurt, german_at_fosdem
from guide_helpers import BRUSSELS_VENUE, NOW, SOURCE, with_venue, write

from tripkit.catalog.schema import GUIDE_TOPICS
from tripkit.core.models import Trip, Venue
from tripkit.i18n import has_translation
from tripkit.services.guide import TOPIC_TITLES, build_guide, guide_sections, months_before
from tripkit.store import Store


def _ids(guide, topic: str) -> list[str]:  # type: ignore[no-untyped-def]
    section = guide.section(topic)
    return [n.id for n in section.notes] if section else []


def test_demo_trip_gets_every_section_in_order(demo_trip: Trip) -> None:
    sections = guide_sections(demo_trip, "en", NOW)
    assert [s.topic for s in sections] == list(GUIDE_TOPICS)
    guide = build_guide(demo_trip, "en", NOW)
    assert guide.city == "San Francisco" and guide.venue == "Moscone Center"
    assert _ids(guide, "transport") == [
        "sfo-bart",
        "sf-clipper",
        "sfo-ride-hailing",
        "sfo-waymo",
        "sfo-taxi",
    ]
    entry = guide.section("entry")
    assert entry is not None
    passport, esta, border = entry.notes
    # The destination's rules, then the route's border (tripkit.services.entry).
    assert border.id == "border-sfo-entry" and border.title.startswith(
        "Entry to the United States at San Francisco (SFO)"
    )
    # Japan is in the Six-Month Club: the exemption, not the six-month rule, is shown.
    assert passport.text.startswith('Citizens of "Six-Month Club" countries')
    assert esta.title == "ESTA (Visa Waiver Program)"
    details = dict(esta.details)
    assert details["You hold one"] == "expires Mon 31 Jan 2028"  # granted TODAY-300d, 2 years
    assert details["Official site"] == "https://esta.cbp.dhs.gov/esta/"
    emergency = guide.section("emergency")
    assert emergency is not None
    assert [n.title for n in emergency.notes] == [
        "Emergency number: 911",
        "Consulate-General of Japan in San Francisco",
    ]
    transport = guide.section("transport")
    assert transport is not None
    bart = transport.notes[0]
    assert dict(bart.details)["Where to board"] == "SFO BART station, International Terminal"
    assert bart.reviewed is not None and bart.reviewed.isoformat() == "2026-11-27"
    assert not bart.stale and not bart.fallback


def test_badge_pickup_times_carry_their_zone(demo_trip: Trip) -> None:
    guide = build_guide(demo_trip, "en", NOW)
    conference = guide.section("conference")
    assert conference is not None
    badge = conference.notes[0]
    assert badge.id == "trip-badge-pickup" and badge.kind == "trip"
    # The demo's conference starts Tue 12 Jan 2027; pickup opens the Monday before, 12:00 PST.
    assert badge.text.startswith("Mon 11 Jan 2027 12:00 PST - Mon 11 Jan 2027 18:00 PST")
    assert [n.id for n in conference.notes[1:]] == [
        "conf-badge-pickup",
        "conf-leave-sessions",
        "conf-meals",
        "conf-expo",
        "conf-labs",
        "conf-t-shirt",
    ]
    assert all(n.kind == "advice" for n in conference.notes[1:])


def test_a_traveller_from_elsewhere_sees_no_japanese_consulate(demo_trip: Trip) -> None:
    german = with_venue(demo_trip, demo_trip.conference.venue, citizenships=["DE"])
    guide = build_guide(german, "en", NOW)
    emergency = guide.section("emergency")
    assert emergency is not None
    titles = [n.title for n in emergency.notes]
    assert titles == ["Emergency number: 911", "No consulate data for your country"]
    assert "for Germany in San Francisco" in emergency.notes[1].text
    # Notes meant for Japanese citizens (Tabireg, the consulate's mails) are not shown.
    assert "tabireg" not in _ids(guide, "apps")
    assert "sf-consulate-safety-reports" not in _ids(guide, "safety")
    # Germany is a Visa Waiver country (entry-rules-world.md §1a): the border says ESTA.
    entry = guide.section("entry")
    assert entry is not None
    border = next(n for n in entry.notes if n.id == "border-sfo-entry")
    assert "Citizens of Germany need ESTA (Visa Waiver Program)" in border.text
    passport = next(n for n in entry.notes if n.title == "Passport validity")
    assert passport.text.startswith("Your passport must be valid at least 6 months")
    assert "entry-esta" in [n.id for n in entry.notes]


def test_brussels_trip_uses_belgian_data_and_nothing_from_san_francisco(demo_trip: Trip) -> None:
    trip = with_venue(demo_trip, BRUSSELS_VENUE)
    guide = build_guide(trip, "ja", NOW)
    assert guide.city == "ブリュッセル"
    all_ids = {n.id for s in guide.sections for n in s.notes}
    assert not any(i.startswith(("sf", "sfo", "moscone")) for i in all_ids)
    entry = guide.section("entry")
    assert entry is not None
    etias = next(n for n in entry.notes if n.id == "entry-etias")  # from data/areas
    assert dict(etias.details)["状況"].startswith("導入予定")
    assert "brussels-ees" in _ids(guide, "arrival")
    emergency = guide.section("emergency")
    assert emergency is not None
    number, embassy = emergency.notes
    assert number.title == "緊急通報番号:112"  # EU-wide 112 (entry-rules-world.md §8)
    assert embassy.title == "在ベルギー日本国大使館"
    assert "出典付きデータがまだありません" in embassy.text


def test_city_and_venue_found_by_name_without_ids(demo_trip: Trip) -> None:
    venue = Venue(
        name="moscone center", city="San Francisco", country="US", tz="America/Los_Angeles"
    )
    guide = build_guide(with_venue(demo_trip, venue), "en", NOW)
    assert guide.city == "San Francisco" and guide.venue == "Moscone Center"
    # Same city name in another country: not matched.
    elsewhere = Venue(name="Hall", city="San Francisco", country="AR", tz="America/Cordoba")
    other = build_guide(with_venue(demo_trip, elsewhere), "en", NOW)
    assert other.city is None
    safety = other.section("safety")
    assert safety is not None and safety.notes[0].kind == "missing"
    entry = other.section("entry")
    assert entry is not None and "No entry data" in [n.title for n in entry.notes]


def test_staleness_follows_the_configured_age(overlay_dir: Path, demo_trip: Trip) -> None:
    write(
        overlay_dir,
        "old.yaml",
        """city: san-francisco
notes:
  - id: old-note
    topic: safety
    title: {en: "Old", ja: "古い"}
    text: {en: "Written long ago.", ja: "昔のメモ。"}
"""
        + SOURCE
        + """    reviewed: 2025-11-26
  - id: recent-note
    topic: safety
    title: {en: "Recent", ja: "最近"}
    text: {en: "Written a year ago today.", ja: "ちょうど1年前。"}
"""
        + SOURCE
        + """    reviewed: 2025-11-27
""",
    )
    guide = build_guide(demo_trip, "en", NOW, overlay_dir)
    safety = guide.section("safety")
    assert safety is not None
    stale = {n.id: n.stale for n in safety.notes}
    assert stale["old-note"] is True  # one day more than 12 months
    assert stale["recent-note"] is False  # exactly 12 months: not yet stale
    assert stale["sf-car-break-ins"] is False
    longer = build_guide(demo_trip, "en", NOW, overlay_dir, max_age_months=24).section("safety")
    assert longer is not None and not any(n.stale for n in longer.notes)


def test_months_before_clamps_to_the_end_of_month() -> None:
    from datetime import date

    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 11, 27), 12) == date(2025, 11, 27)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_missing_japanese_falls_back_to_english_and_is_flagged(
    overlay_dir: Path, demo_trip: Trip
) -> None:
    write(
        overlay_dir,
        "en-only.yaml",
        """city: san-francisco
notes:
  - id: english-only
    topic: apps
    title: {en: "Our team chat"}
    text: {en: "Install the team chat app before you fly."}
    pay: {en: "free", ja: "無料"}
"""
        + SOURCE
        + """    reviewed: 2026-11-01
""",
    )
    guide = build_guide(demo_trip, "ja", NOW, overlay_dir)
    apps = guide.section("apps")
    assert apps is not None
    note = next(n for n in apps.notes if n.id == "english-only")
    assert note.fallback is True
    assert note.title == "Our team chat"
    assert ("支払い", "無料") in note.details
    assert not any(n.fallback for n in apps.notes if n.id != "english-only")
    english = build_guide(demo_trip, "en", NOW, overlay_dir).section("apps")
    assert english is not None and not any(n.fallback for n in english.notes)


def test_every_guide_label_has_a_japanese_translation() -> None:
    import ast

    import tripkit.cli.guide as cli_guide
    import tripkit.services.guide as service

    keys = set(TOPIC_TITLES.values())
    for module in (service, cli_guide):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
            # Detail labels are passed as ("Label", value) pairs and translated later.
            if (
                isinstance(node, ast.Tuple)
                and len(node.elts) == 2
                and isinstance(node.elts[0], ast.Constant)
                and isinstance(node.elts[0].value, str)
                and node.elts[0].value[:1].isupper()
                and " " not in node.elts[0].value[-1:]
                and module is service
            ):
                keys.add(node.elts[0].value)
    missing = sorted(k for k in keys if not has_translation(k, "ja"))
    assert missing == []
    assert len(keys) > 50


def test_stale_notes_use_the_stored_review_age(store: Store, demo_trip: Trip) -> None:
    from datetime import UTC, datetime

    from tripkit.services.guide import review_age_months, stale_notes

    assert review_age_months(store) == 12
    assert stale_notes(store, demo_trip, "en", NOW) == []
    # Two years later every bundled note (reviewed 2026-11-27) is due for review.
    later = datetime(2028, 11, 28, tzinfo=UTC)
    assert len(stale_notes(store, demo_trip, "en", later)) > 20
    store.set_setting("guide.max_age_months", "36")
    assert review_age_months(store) == 36
    assert stale_notes(store, demo_trip, "en", later) == []
    store.set_setting("guide.max_age_months", "soon")
    assert review_age_months(store) == 12


def test_a_citizen_of_the_area_is_not_given_the_visitors_passport_rule() -> None:
    """Schengen's "3 months after leaving, issued within 10 years" is the rule for visitors
    from outside the area. Told to a German going to Brussels, it is a confident wrong answer
    (he might renew a passport he does not need to, or think he cannot travel): tripkit has
    no sourced rule for members' own citizens, so it says so. An Indian visitor still gets
    the rule, with its sources."""
    german, indian = german_at_fosdem(), fosdem_via_frankfurt()
    for lang, area in (("en", "Schengen"), ("ja", "シェンゲン")):
        entry = build_guide(german, lang, NOW).section("entry")
        assert entry is not None
        title = "Passport validity" if lang == "en" else "パスポートの残存期間"
        notes = [n for n in entry.notes if n.title == title]
        assert len(notes) == 1, [n.title for n in entry.notes]
        assert area in notes[0].text and notes[0].kind == "missing" and not notes[0].sources
        assert "3" not in notes[0].text
    entry = build_guide(indian, "en", NOW).section("entry")
    assert entry is not None
    visitor = next(n for n in entry.notes if n.title == "Passport validity")
    assert "at least 3 months after the day you plan to leave the Schengen area" in visitor.text
    assert visitor.sources
