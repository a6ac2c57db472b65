"""Japanese output reads as Japanese: no ISO codes and no English city names in the sentences
the engine builds (issue 14). 「国籍: JP」「Brusselsの安全情報を読む」 read as machine output to
a Japanese engineer, and a code like "IN" is easy to misread as a word.
"""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from fosdem_trips import demo_at_fosdem, fly_rail_fly
from japanese_words import brussels_via_frankfurt, problems, trip_literals

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store

CITIES = ("San Francisco", "Brussels", "Frankfurt", "Tokyo")


def _checklist_ja(trip: Trip) -> list[dict[str, str]]:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    out = CliRunner().invoke(main, ["--lang", "ja", "checklist", "--json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    return data["items"] if isinstance(data, dict) else data


def _sentences(items: list[dict[str, str]]) -> list[str]:
    return [str(i.get(k) or "") for i in items for k in ("title", "reason", "problem")]


def _brussels(demo: Trip) -> Trip:
    return demo_at_fosdem(demo, "fosdem-ja")


def _check(trip: Trip) -> str:
    """The Japanese checklist's sentences, once the shared check found nothing in them."""
    text = "\n".join(_sentences(_checklist_ja(trip)))
    found = problems(text, allowed=trip_literals(trip), cities=CITIES)
    assert not found, "\n".join(found)
    return text


def test_the_demo_in_japanese_has_no_country_codes_or_english_city(demo_trip: Trip) -> None:
    assert "サンフランシスコ" in _check(demo_trip)


def test_a_brussels_trip_in_japanese_names_brussels_in_japanese(demo_trip: Trip) -> None:
    text = _check(_brussels(demo_trip))
    assert "ブリュッセル" in text
    assert "ベルギー" in text


def test_an_indian_traveller_via_frankfurt_reads_in_japanese() -> None:
    """Not the demo: Indian citizen living in Tokyo, a Schengen visa, two connections."""
    text = _check(brussels_via_frankfurt())
    assert "インド" in text and "ベルギー" in text


def test_a_trip_by_plane_and_eurostar_reads_in_japanese() -> None:
    """Tokyo -> Brussels by air, the Eurostar to London, home by air: the UK ETA's reason
    joins a curated note that ends as a sentence (「…6か月です。。」 was shipped)."""
    text = _check(fly_rail_fly())
    assert "イギリス" in text and "ETA" in text


def test_an_english_reason_never_ends_a_sentence_twice() -> None:
    # The same joining in English: "...six months.." reads as a typo in a checklist.
    with Store.open(paths.data_dir()) as store:
        store.put_trip(fly_rail_fly())
        store.set_current_trip(fly_rail_fly().id)
    out = CliRunner().invoke(main, ["--lang", "en", "checklist", "--json"], catch_exceptions=False)
    data = json.loads(out.output)
    items = data["items"] if isinstance(data, dict) else data
    assert not [r for r in _sentences(items) if ".." in r.replace("...", "")]


def test_an_item_waiting_for_another_names_it_by_its_title() -> None:
    """「先に: passport-validity」 was a rule id in a sentence: the item it waits for is named
    by its Japanese title."""
    trip = brussels_via_frankfurt()
    trip.traveller.passport.expires = date(2027, 3, 1)  # too short for Schengen: renew first
    trip.traveller.passports = []
    items = _checklist_ja(trip)
    waiting = [str(i["reason"]) for i in items if i.get("depends_on")]
    assert any("先に" in r for r in waiting), waiting
    text = _check(trip)
    assert "先に「パスポートの残存期間が" in text
