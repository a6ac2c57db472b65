"""Japanese output reads as Japanese: no ISO codes and no English city names in the sentences
the engine builds (issue 14). 「国籍: JP」「Brusselsの安全情報を読む」 read as machine output to
a Japanese engineer, and a code like "IN" is easy to misread as a word.
"""

from __future__ import annotations

import json
import re
from datetime import date

from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip, Venue
from tripkit.store import Store

# Two capital letters standing alone are a country code in these sentences; IATA airport codes
# (three letters) and proper nouns such as ESTA or EES are allowed.
CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")
ALLOWED = {"IC", "ID", "OK", "UK"}  # IC旅券, 旅行ID; "UK" only inside scheme names (UK ETA)


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
    trip = demo.model_copy(deep=True, update={"id": "fosdem-ja"})
    trip.conference.venue = Venue(
        name="ULB Solbosch",
        city="Brussels",
        city_id="brussels",
        venue_id="ulb-brussels",
        country="BE",
        tz="Europe/Brussels",
    )
    # (each assignment is validated: move the last day first, it follows the first day)
    trip.conference.last_day = date(2027, 1, 31)
    trip.conference.first_day = date(2027, 1, 30)
    trip.conference.badge_pickup = []
    trip.flights, trip.stays = [], []
    return trip


def test_the_demo_in_japanese_has_no_country_codes_or_english_city(demo_trip: Trip) -> None:
    text = "\n".join(_sentences(_checklist_ja(demo_trip)))
    assert "San Francisco" not in text
    assert "サンフランシスコ" in text
    assert not set(CODE.findall(text)) - ALLOWED, CODE.findall(text)


def test_a_brussels_trip_in_japanese_names_brussels_in_japanese(demo_trip: Trip) -> None:
    text = "\n".join(_sentences(_checklist_ja(_brussels(demo_trip))))
    assert "Brussels" not in text
    assert "ブリュッセル" in text
    assert "ベルギー" in text
    assert not set(CODE.findall(text)) - ALLOWED, CODE.findall(text)
