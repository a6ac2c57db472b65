"""Typed JSON decoding (tripkit.importers.json_fast): which files take it, and hostile input.

The usual frab v1 and Sessionize view/All files are decoded by msgspec into typed records;
everything else (and anything msgspec refuses) is read as before from `json.loads`. That the
two roads give the same sessions is checked by test_imp_json_digests.py (outcomes recorded
before the typed road existed) and test_imp_fastpaths.py (FAST_PATHS off: the dict road).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tripkit.errors import ImportError_
from tripkit.importers import json_fast, parse
from tripkit.importers.common import Zones
from tripkit.importers.jsonutil import json_plain

BOM = b"\xef\xbb\xbf"


def _typed(data: bytes, tz: str | None = None) -> bool:
    warnings: list[str] = []
    zones = Zones.create("f.json", warnings, tz, None)
    return json_fast.stream(data, source="f.json", zones=zones, warnings=warnings) is not None


@pytest.mark.parametrize(
    ("rel", "typed"),
    [
        ("frab-json/frab-camp2019.json", True),
        ("frab-json/pretalx-democon.json", True),
        ("sessionize/orlando-codecamp-2020-All.json", True),  # starts with a BOM
        ("sessionize/demo-All.json", True),
        ("frab-json/hub-schedule2.json", False),  # schedule2: the dict road
        ("sessionize/demo-Sessions.json", False),  # a list of groups
        ("sessionize/demo-GridSmart.json", False),
        ("next/indico-json/indico-cern-340656-event-detail-sessions.json", False),
        ("next/pretalx-api/juliacon2020-talks.json", False),
    ],
)
def test_the_usual_files_take_the_typed_road(corpus: Path, rel: str, typed: bool) -> None:
    data = (corpus / rel).read_bytes()
    assert _typed(data, "Europe/Berlin") is typed


def test_the_typed_road_reads_past_a_bom(corpus: Path) -> None:
    data = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    assert not data.startswith(BOM)
    assert _typed(BOM + data)
    with_bom = parse(BOM + data, source="f.json")
    without = parse(data, source="f.json")
    assert [s.model_dump() for s in with_bom.sessions] == [s.model_dump() for s in without.sessions]


def _frab(event: dict[str, object]) -> dict[str, object]:
    base = {"guid": "g1", "date": "2024-05-01T10:00:00+02:00", "duration": "00:30"}
    return {
        "schedule": {
            "conference": {
                "title": "T",
                "time_zone_name": "Europe/Berlin",
                "days": [{"date": "2024-05-01", "rooms": {"Saal 1": [{**base, **event}]}}],
            }
        }
    }


def test_a_member_of_another_type_sends_the_file_down_the_dict_road() -> None:
    # A localised title ({"en": ...}) is no `str | None`: msgspec refuses it, and the dict
    # reader (which picks English) reads the file.
    doc = _frab({"title": {"de": "Hallo", "en": "Hello"}})
    data = json.dumps(doc).encode()
    assert not _typed(data)
    assert parse(data, source="f.json").sessions[0].title == "Hello"
    doc = _frab({"title": "Hello"})
    assert _typed(json.dumps(doc).encode())


@pytest.mark.parametrize(
    "text",
    [
        "red \\u001b[31malert\\u001b[0m",  # ESC as an escape
        "a \\u202Eevil\\u202c b",  # a bidi override as an escape (either case of hex)
        "a \u202eevil b",  # ... and as UTF-8
        "bell\\u0007 and form feed\\f",
        "C1 \u009b31m and DEL \u007f",
        "line\\u2028separator",
    ],
)
def test_controls_reach_no_session_by_the_typed_road(text: str) -> None:
    raw = '{"schedule": {"conference": {"time_zone_name": "Europe/Berlin", "days": [{"rooms": '
    raw += '{"R": [{"guid": "g", "date": "2024-05-01T10:00:00+02:00", "duration": "00:30", '
    raw += f'"title": "{text}", "abstract": "{text}", "description": "more {text}"' + "}]}}]}}}"
    data = raw.encode()
    assert _typed(data)
    assert not json_plain(data)
    session = parse(data, source="f.json").sessions[0]
    for value in (session.title, session.abstract):
        assert value
        assert not any(c in value for c in "\x1b\x07\x0c\x7f\x9b\u202e\u202c\u2028"), value


def test_plain_json_is_recognised() -> None:
    assert json_plain(
        b'{"a": "caf\\u00e9 \xe2\x80\x9cquoted\xe2\x80\x9d \xc2\xa0 \\n \\t \\" \\\\"}'
    )
    assert not json_plain(b'{"a": "\\\\b"}')  # an escaped backslash before b: checked anyway


def _where(data: bytes) -> str:
    with pytest.raises(ImportError_) as e:
        parse(data, source="f.json")
    where = str(e.value.where)
    assert where.startswith("f.json: "), where  # the file, and a place in it
    return where


def test_malformed_json_names_line_and_column(corpus: Path) -> None:
    assert _where(b'{"schedule": {"conference": {"days": [1,]}}}') == "f.json: line 1, column 41"
    cut = (corpus / "frab-json/pretalx-democon.json").read_bytes()[:5000]
    assert _where(cut) == "f.json: line 115, column 13"
    # A BOM is no part of the counting (json reads past it, as the typed road does).
    assert _where(BOM + b'{"schedule": [}') == "f.json: line 1, column 15"


def test_bytes_that_are_not_utf8_are_named_by_line_and_column(corpus: Path) -> None:
    good = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    bad = good.replace(b"Focused", b"Foc\xffsed", 1)
    line = bad[: bad.index(b"\xff")].count(b"\n") + 1
    with pytest.raises(ImportError_, match="not UTF-8") as e:
        parse(bad, source="f.json")
    assert str(e.value.where).startswith(f"f.json: line {line}, column ")
    latin1 = '{"schedule": {"conference": {"title": "Köln", "days": []}}}'.encode("latin-1")
    assert _where(latin1) == "f.json: line 1, column 41"


def test_deep_nesting_is_named_where_it_passes_200_levels() -> None:
    data = b'{"schedule":\n ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(ImportError_, match="nested too deeply") as e:
        parse(data, source="f.json")
    assert e.value.where == "f.json: line 2, column 201"


def test_a_number_too_long_to_read_is_named_where_it_is() -> None:
    # In a member tripkit reads: msgspec refuses it, json.loads too (Python's 4,300-digit
    # limit), and the error says where it is.
    data = b'{"schedule": {"conference": {"days": [{"rooms": {"R": [\n{"id": ' + b"9" * 5000
    data += b"}]}}]}}}"
    with pytest.raises(ImportError_, match="not valid JSON") as e:
        parse(data, source="f.json")
    assert e.value.where == "f.json: line 2, column 8"


def test_a_long_number_in_a_member_tripkit_does_not_read_is_skipped() -> None:
    # Decided with the typed road: msgspec skips members it does not read without
    # converting them, so a 5,000-digit "x" no longer refuses the file (json.loads did).
    doc = _frab({"title": "Hello"})
    data = json.dumps(doc).encode().replace(b'"title": "T"', b'"title": "T", "x": 1' + b"0" * 5000)
    assert _typed(data)
    assert parse(data, source="f.json").sessions[0].title == "Hello"


@pytest.mark.parametrize(
    ("event", "where", "message"),
    [
        ({"duration": [1]}, '.rooms["Saal 1"][0].duration', "duration should be text"),
        ({"duration": 1e400}, '.rooms["Saal 1"][0].duration', "not plausible"),
        ({"date": 5}, '.rooms["Saal 1"][0].date', "not an ISO date"),
        ({"date": "2024-13-01T10:00:00+02:00"}, '.rooms["Saal 1"][0].date', "not an ISO"),
        ({"duration": "99:99"}, '.rooms["Saal 1"][0].duration', "not like 01:30"),
        ({"end": "2024-05-16T10:00:00+02:00"}, '.rooms["Saal 1"][0]', "more than 14 days"),
        ({"end": "2024-05-01T09:00:00+02:00"}, '.rooms["Saal 1"][0]', "ends"),
    ],
)
def test_a_wrong_value_is_named_by_its_json_path(
    event: dict[str, object], where: str, message: str
) -> None:
    data = json.dumps(_frab(event)).encode()
    with pytest.raises(ImportError_, match=message) as e:
        parse(data, source="f.json")
    assert e.value.where == f"f.json: schedule.conference.days[0]{where}"


def test_a_wrong_sessionize_value_is_named_by_its_json_path() -> None:
    doc = {
        "sessions": [
            {"id": "1", "title": "A", "startsAt": "2024-05-01T10:00:00", "endsAt": "x"},
        ],
        "rooms": [],
    }
    with pytest.raises(ImportError_, match="endsAt") as e:
        parse(json.dumps(doc).encode(), source="f.json", tz="Europe/Berlin")
    assert e.value.where == "f.json: sessions[0].endsAt"
    doc["sessions"] = [5]
    with pytest.raises(ImportError_, match="expected a session object") as e:
        parse(json.dumps(doc).encode(), source="f.json", tz="Europe/Berlin")
    assert e.value.where == "f.json: sessions[0]"
