"""Country names from CLDR come from a compiled copy after the first read: the same names as
Babel gives, in the same order, and a damaged copy is replaced rather than believed."""

from __future__ import annotations

from typing import Any

import pytest
from babel import localedata

from tripkit import cldr


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_copy_gives_babels_names(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = dict(localedata.load(lang)["territories"])
    first = cldr.territory_names(lang)
    assert list(first.items()) == list(expected.items())

    def no_babel(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("Babel was asked although the compiled copy exists")

    monkeypatch.setattr(localedata, "load", no_babel)
    second = cldr.territory_names(lang)
    assert list(second.items()) == list(expected.items())
    assert second["JP"] == ("Japan" if lang == "en" else "日本")


def test_a_damaged_copy_is_rebuilt_from_babel() -> None:
    cldr.territory_names("ja")
    path = cldr._cache_file("ja")
    assert path is not None and path.is_file()
    for damage in (b'{"JP": "Nihon', b'{"JP": 1}', b"[]"):
        path.write_bytes(damage)
        assert cldr.territory_names("ja")["JP"] == "日本"
        assert cldr.territory_names("ja") == dict(localedata.load("ja")["territories"])
