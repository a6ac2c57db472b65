"""Country names come from CLDR (Babel), in the reader's language, never as ISO codes."""

from __future__ import annotations

import pytest

from tripkit.i18n import country_name


@pytest.mark.parametrize(
    ("code", "en", "ja"),
    [
        ("US", "United States", "アメリカ合衆国"),
        ("BE", "Belgium", "ベルギー"),
        ("DE", "Germany", "ドイツ"),
        ("jp", "Japan", "日本"),
    ],
)
def test_names_in_both_languages(code: str, en: str, ja: str) -> None:
    assert country_name(code, "en") == en
    assert country_name(code, "ja") == ja


def test_an_unknown_code_is_shown_as_given_not_guessed() -> None:
    assert country_name("XX", "ja") == "XX"
