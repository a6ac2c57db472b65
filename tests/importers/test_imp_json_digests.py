"""The JSON importers' output is what it was before their speed work (issue 13).

The importers for frab/pretalx JSON and Sessionize were rewritten to decode with msgspec and
to read the usual shapes through typed fast paths. The old code cannot be kept as a
reference, so its outcome on every corpus JSON file (as it is, and with --tz Asia/Tokyo) and
on hostile variants of each frab-json and Sessionize file (every member of a first event,
speaker, day... replaced by wrong types, huge numbers, odd text, or removed) was recorded
as digests before the rewrite (see json_reference.py for what an outcome holds). Any change
of a field, a warning, an error message or its place makes this fail.
"""

from __future__ import annotations

from pathlib import Path

import json_reference as ref
import pytest

EXPECTED = {
    "frab-json/frab-camp2019.json": (
        "98eebee17bc06736bf0b42dc7e6ff02c",
        "a42fee9bf34406ce94a13479cc5a29a5",
        "af75e802a9e39062e23299343cd41d52",
    ),
    "frab-json/hub-schedule2.json": (
        "5e551ce94f8f2652d022285dedda6b90",
        "2810f6329840dd18d430bbee780bb1be",
        "f5928583323ad9e6b4a1dba2b5456aff",
    ),
    "frab-json/pretalx-democon.json": (
        "17c710c23713d3ab79daa330145f78ed",
        "ee57fe57292c10dcd272636141027b33",
        "a0af5103d0dcc1cb54c6551c0c97f6f5",
    ),
    "next/indico-json/indico-cern-340656-event-detail-sessions.json": (
        "92627a29a9cf6863374db20b5c2d836f",
        "b3a62d4993f4154500d587fe780bf864",
        "",
    ),
    "next/indico-json/jacow-fel2022-event-44-detail-sessions.json": (
        "35b362033625ed9056f594e777719e74",
        "4c165fab302bd907121696aa9c09990d",
        "",
    ),
    "next/pretalx-api/juliacon2020-talks.json": (
        "ae45cf8e570c586af1abf00aaf06380d",
        "62190ba2a7a490e6eb15633841488b5e",
        "",
    ),
    "next/pretalx-api/juliacon2023-talks.json": (
        "c1e562af77e43baed6232f69981d5171",
        "cff71e1ea07559471e4991e172d7af7c",
        "",
    ),
    "sessionize/demo-All.json": (
        "d1cf1ccac128caa814c7ef73ae034730",
        "9e9cd9c6bcc7980f9f01dad9eb8cb562",
        "43b14a7c8fd27e924448c0f2240b6138",
    ),
    "sessionize/demo-GridSmart.json": (
        "b0ce04cfd7295b0b353932c8d64d630f",
        "b9c0e4ec31aecf093976758814281f43",
        "263cc2aca51bfba3ef707616f109254a",
    ),
    "sessionize/demo-Sessions.json": (
        "0e466774be0cd4a78b1cccff47b0bc62",
        "1fa21daa98273b7f8f43f7a41035b3ca",
        "8d28a163923302638b5d52895b699a4b",
    ),
    "sessionize/orlando-codecamp-2020-All.json": (
        "ce33cb0ef5fcdf0f7aa08dba26380110",
        "2586e70830d01b8c1606352ab95cd157",
        "ed021707aaaf0484f99ac15b86e43514",
    ),
}


def test_every_corpus_json_file_is_covered(corpus: Path) -> None:
    assert sorted(EXPECTED) == ref.corpus_files(corpus)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_json_import_outcome_is_unchanged(corpus: Path, rel: str) -> None:
    data = (corpus / rel).read_bytes()
    as_is, tokyo, hostile = EXPECTED[rel]
    assert ref.digest(ref.outcome(data, rel, ref.NEEDS_TZ.get(rel))) == as_is
    assert ref.digest(ref.outcome(data, rel, "Asia/Tokyo")) == tokyo
    if hostile:
        assert ref.hostile_digest(corpus, rel) == hostile
