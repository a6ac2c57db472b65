"""Every JSON reader skips the per-text control-character scan when one scan of the file's
bytes (`jsonutil.json_plain`) shows that no text can hold such a character (issue 13's speed
work). That scan reads UTF-8 bytes: a file that json.loads reads as UTF-16 must never pass
for plain, or a bidi override or terminal escape in it would reach the screen.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tripkit.importers import parse
from tripkit.importers.jsonutil import json_plain

HOSTILE = "Talk\u202e about\x1b[31m red"  # a bidi override and an ANSI colour escape


def _pretalx(abstract: str) -> dict[str, Any]:
    return {
        "count": 1,
        "results": [
            {
                "code": "ABC",
                "title": "Talk",
                "abstract": abstract,
                "speakers": [{"name": "Ana", "code": "X1"}],
                "slot": {
                    "start": "2020-07-29T12:00:00+00:00",
                    "end": "2020-07-29T12:30:00+00:00",
                    "room": "Red",
                },
            }
        ],
    }


def _frab(abstract: str) -> dict[str, Any]:
    event = {
        "guid": "g-1",
        "title": "Talk",
        "date": "2024-12-27T11:00:00+01:00",
        "duration": "00:40",
        "abstract": abstract,
        "persons": [{"public_name": "Ana"}],
    }
    days = [{"date": "2024-12-27", "rooms": {"Saal 1": [event]}}]
    return {
        "schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": days}}
    }


def _sessionize(abstract: str) -> dict[str, Any]:
    session = {
        "id": "1",
        "title": "Talk",
        "description": abstract,
        "startsAt": "2020-03-28T08:00:00",
        "endsAt": "2020-03-28T09:00:00",
        "speakers": [],
        "categoryItems": [],
        "roomId": 1,
    }
    return {"sessions": [session], "speakers": [], "rooms": [{"id": 1, "name": "A"}]}


@pytest.mark.parametrize("make", [_pretalx, _frab, _sessionize])
# (Big-endian files start with a NUL byte: they are not taken for JSON at all.)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-le"])
def test_a_utf16_or_utf32_file_is_cleaned_as_its_utf8_twin(make: Any, encoding: str) -> None:
    text = json.dumps(make(HOSTILE), ensure_ascii=False)
    utf8, other = text.encode(), text.encode(encoding)
    assert not json_plain(other)
    wide = parse(other, source="talks.json", tz="Europe/Berlin")
    narrow = parse(utf8, source="talks.json", tz="Europe/Berlin")
    (session,) = wide.sessions
    assert session.abstract == "Talk about red"  # both removed, nothing else
    assert session.model_dump() == narrow.sessions[0].model_dump()
    assert wide.warnings == narrow.warnings


def test_plain_utf8_is_recognised() -> None:
    """The scan says plain for ordinary text (else the readers would gain nothing) and not
    plain for each kind of character it guards against, raw or escaped."""
    assert json_plain(json.dumps(_pretalx("Plain words, 日本語, café")).encode())
    for bad in ("\u202e", "\x1b", "\x85", "\u2028", "\x7f"):
        for ascii_only in (True, False):
            doc = json.dumps(_pretalx(f"a{bad}b"), ensure_ascii=ascii_only).encode()
            assert not json_plain(doc), (bad, ascii_only)
