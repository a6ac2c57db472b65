"""Every guide note and every binder page in Japanese reads as Japanese (issue 14): no ISO
codes, no English city names inside sentences, no untranslated English fragments, for the
demo and for travellers unlike it (a Brussels trip; an Indian engineer living in Tokyo who
connects in Frankfurt). The check itself is tests/japanese_words.py, shared with the
checklist's test.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from fosdem_trips import demo_at_fosdem
from japanese_words import brussels_via_frankfurt, problems, trip_literals, visible_japanese

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.services.checklist import checklist_items
from tripkit.services.export import checklist_document
from tripkit.services.guide import build_guide
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
CITIES = ("San Francisco", "Brussels", "Frankfurt", "Tokyo")


def _brussels(demo: Trip) -> Trip:
    return demo_at_fosdem(demo, "fosdem-demo-ja")


TRIPS = {
    "demo": lambda demo: demo,
    "brussels": _brussels,
    "brussels-via-frankfurt": lambda demo: brussels_via_frankfurt(),
}


@pytest.fixture(params=sorted(TRIPS))
def trip(request: pytest.FixtureRequest, demo_trip: Trip) -> Trip:
    return TRIPS[request.param](demo_trip)


def _source_titles(trip: Trip) -> list[str]:
    with Store.open(paths.data_dir()) as store:
        items = checklist_items(store, trip, "ja", now=NOW, include_elsewhere=True)
    guide = build_guide(trip, "ja", NOW)
    sources = [s for i in items for s in i.sources]
    sources += [s for sec in guide.sections for n in sec.notes for s in n.sources]
    return [s.title for s in sources]


def test_every_guide_note_in_japanese_reads_as_japanese(trip: Trip) -> None:
    guide = build_guide(trip, "ja", NOW)
    found = []
    for section in guide.sections:
        found += problems(section.title, cities=CITIES)
        for note in section.notes:
            where = f"[{section.topic}/{note.id or note.title}] "
            texts = [note.title, note.text, *(f"{k}: {v}" for k, v in note.details)]
            # A source's title is the source's own words; its date is tripkit's ("no date").
            texts += [s.date for s in note.sources]
            for text in texts:
                found += [
                    where + p for p in problems(text, allowed=trip_literals(trip), cities=CITIES)
                ]
    assert not found, "\n".join(found)


def test_every_binder_page_in_japanese_reads_as_japanese(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        html, _notes = checklist_document(store, trip, fmt="html", lang="ja", binder=True, now=NOW)
    text = visible_japanese(html)
    assert "渡航先ガイド" in text and "チェックリスト" in text  # the whole binder was read
    allowed = [*trip_literals(trip), *_source_titles(trip)]
    found = problems(text, allowed=allowed, cities=CITIES)
    assert not found, "\n".join(found)


def test_trip_show_in_japanese_reads_as_japanese(trip: Trip) -> None:
    """`tripkit trip show` printed 「国籍 JP」「ESTA (US)」「飛行時間 11h05m」."""
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
    out = CliRunner().invoke(main, ["--lang", "ja", "trip", "show", trip.id])
    assert out.exit_code == 0, out.output
    allowed = [*trip_literals(trip), trip.notes, trip.id]
    found = problems(out.stdout, allowed=allowed, cities=CITIES)
    assert not found, "\n".join(found)
    if trip.flights:
        assert "飛行時間 " in out.stdout and "時間" in out.stdout.split("飛行時間 ")[1][:8]


def test_the_check_fails_on_what_issue_14_found() -> None:
    """The check is not vacuous: each sentence the issue quotes is caught."""
    for bad in (
        "国籍: JP",
        "海外渡航です(JP→US)",
        "開催国: US",
        "Brusselsの安全情報を読む",
        "先に: passport-validity",
        "飛行時間 11h05m",
        "出典: 法務省 (no date)",
    ):
        assert problems(bad, cities=CITIES), bad
    assert not problems("SFOでアメリカ合衆国に入国 · 2027年1月11日(月) 09:40 PST", cities=CITIES)


def test_the_binder_text_leaves_out_only_the_officers_english() -> None:
    html = (
        '<html lang="ja"><body><style>p { }</style><p>国籍: 日本</p>'
        '<div class="card" lang="en"><table><tr><th>Purpose of visit'
        '<span lang="ja">渡航目的</span></th></tr></table></div><p>終わり</p></body></html>'
    )
    assert visible_japanese(html).split("\n") == ["国籍: 日本", "渡航目的", "終わり"]
