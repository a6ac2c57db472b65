"""The guide's "Passport validity" note where tripkit has no rule of its own but a curated
note says what the sources do say (Australia, Brazil, Cyprus, Ireland, Korea)."""

from __future__ import annotations

import pytest
from guide_helpers import NOW, with_venue

from tripkit.catalog.loader import load_catalog
from tripkit.core.models import Trip, Venue
from tripkit.services.guide import build_guide

VENUES = {
    "AU": Venue(name="ICC Sydney", city="Sydney", country="AU", tz="Australia/Sydney"),
    "BR": Venue(name="Expo", city="São Paulo", country="BR", tz="America/Sao_Paulo"),
    "CY": Venue(name="Hall", city="Nicosia", country="CY", tz="Asia/Nicosia"),
    "IE": Venue(name="CCD", city="Dublin", country="IE", tz="Europe/Dublin"),
    "KR": Venue(name="COEX", city="Seoul", country="KR", tz="Asia/Seoul"),
}
NO_RULE = {"en": "no sourced passport-validity rule", "ja": "出典付きのデータがありません"}


def passport_note(trip: Trip, lang: str) -> str:
    entry = build_guide(trip, lang, NOW).section("entry")
    assert entry is not None
    note = next(n for n in entry.notes if n.title in ("Passport validity", "パスポートの残存期間"))
    return note.text


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("country", sorted(VENUES))
def test_no_sourced_rule_is_said_once_beside_the_note(
    demo_trip: Trip, country: str, lang: str
) -> None:
    """ "tripkit has no sourced passport-validity rule for Australia. tripkit has no sourced
    minimum passport validity for Australia (the sources found only say 'valid for the
    trip')...": the denial said twice buries what the sources do say (and, for Korea, that
    secondary sites say 6 or 3 months), the part that tells the traveller what to check."""
    text = passport_note(with_venue(demo_trip, VENUES[country], ["IN"]), lang)
    assert text.count("no sourced") + text.count(NO_RULE["ja"]) <= 1
    note = load_catalog(None).countries[country].passport.note
    assert note is not None
    assert text == note.get(lang)  # the note alone: nothing said in front of it
    if country in ("AU", "BR"):
        assert ("valid for the trip" if lang == "en" else "旅行期間中有効") in text
    if country == "KR":
        assert ("6 months or 3 months" if lang == "en" else "6か月または3か月") in text
    assert text.strip()
