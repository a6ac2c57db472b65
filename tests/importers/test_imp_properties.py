"""Property tests: mangled real files give an ImportError_ or a valid Schedule, nothing else."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_
from tripkit.importers import FORMATS, parse

# Bounded for the suite; TRIPKIT_FUZZ_EXAMPLES=2000 for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("TRIPKIT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SMALL = [
    "frab-json/hub-schedule2.json",
    "frab-json/pretalx-democon.json",
    "sessionize/demo-All.json",
    "sessionize/demo-GridSmart.json",
    "sessionize/demo-Sessions.json",
    "ical/kielux-2020.ics",
]

CSV_SEED = (
    b"id,date,start,end,title,room,speakers,registration,tz\n"
    b"a,2026-12-10,09:00,10:00,Keynote,Hall,Ann;Bo,no,America/Los_Angeles\n"
    b"b,2026-12-10,23:30,00:30,Late,Hall,,yes,America/Los_Angeles\n"
)


def small_frab_xml(corpus: Path) -> bytes:
    """38c3.xml cut down to its first day's first two rooms (a real file, small enough to fuzz)."""
    root = ET.parse(corpus / "frab-xml" / "38c3.xml").getroot()
    days = root.findall("day")
    for day in days[1:]:
        root.remove(day)
    for room in days[0].findall("room")[2:]:
        days[0].remove(room)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@pytest.fixture
def seeds(corpus: Path) -> list[bytes]:
    return [(corpus / rel).read_bytes() for rel in SMALL] + [small_frab_xml(corpus), CSV_SEED]


def check(data: bytes, tz: str | None, fmt: str | None = None) -> None:
    try:
        s = parse(data, source="mangled", tz=tz, fmt=fmt)
    except ImportError_ as e:
        assert str(e).startswith("mangled")
        # The catch-all in parse() keeps the contract, but a parser bug must not hide behind it:
        # every refusal here should be a deliberate one.
        assert e.__cause__ is None, f"parser crashed: {e.__cause__!r}"
        return
    assert isinstance(s, Schedule)
    keys = [x.key for x in s.sessions]
    assert len(keys) == len(set(keys))
    for x in s.sessions:
        assert isinstance(x.start.tzinfo, ZoneInfo) and isinstance(x.end.tzinfo, ZoneInfo)
        assert x.end.timestamp() >= x.start.timestamp()
        for text in (x.title, x.room, x.track, *(p.name for p in x.speakers)):
            assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
        assert "\x1b" not in x.abstract
    Schedule.model_validate_json(s.model_dump_json())  # the constructed models are valid


tz_choice = st.sampled_from([None, "Europe/Berlin", "America/Los_Angeles"])


@SETTINGS
@given(data=st.data(), tz=tz_choice)
def test_truncated(seeds: list[bytes], data: st.DataObject, tz: str | None):
    seed = data.draw(st.sampled_from(seeds))
    cut = data.draw(st.integers(0, len(seed)))
    check(seed[:cut], tz)


@SETTINGS
@given(data=st.data(), tz=tz_choice)
def test_byte_flips(seeds: list[bytes], data: st.DataObject, tz: str | None):
    buf = bytearray(data.draw(st.sampled_from(seeds)))
    for _ in range(data.draw(st.integers(1, 20))):
        buf[data.draw(st.integers(0, len(buf) - 1))] = data.draw(st.integers(0, 255))
    check(bytes(buf), tz)


@SETTINGS
@given(data=st.data(), tz=tz_choice)
def test_deleted_and_swapped_lines(seeds: list[bytes], data: st.DataObject, tz: str | None):
    lines = data.draw(st.sampled_from(seeds)).split(b"\n")
    for _ in range(data.draw(st.integers(1, 5))):
        if len(lines) < 3:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[i]
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    check(b"\n".join(lines), tz)


@SETTINGS
@given(data=st.data(), tz=tz_choice)
def test_inserted_garbage(seeds: list[bytes], data: st.DataObject, tz: str | None):
    seed = data.draw(st.sampled_from(seeds))
    at = data.draw(st.integers(0, len(seed)))
    junk = data.draw(
        st.binary(min_size=1, max_size=64)
        | st.sampled_from(
            [
                b"\x1b]8;;http://evil\x1b\\",
                b"[@click=app.quit]x[/]",
                b"<script>",
                b"&#0;",
                b"\x00",
                b"</event>",
                b"<!ENTITY a 'b'>",
                b'"startsAt": null,',
                b"DTSTART:99999999T999999Z\r\n",
            ]
        )
    )
    check(seed[:at] + junk + seed[at:], tz)


@SETTINGS
@given(raw=st.binary(max_size=2048), fmt=st.sampled_from([None, *FORMATS]), tz=tz_choice)
def test_random_bytes_in_every_format(raw: bytes, fmt: str | None, tz: str | None):
    check(raw, tz, fmt)


def _json_values() -> st.SearchStrategy[object]:
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=30)
        | st.sampled_from(
            [
                "2026-01-01T10:00:00",
                "00:30",
                "1:02:00",
                "2026-01-01T10:00:00+01:00",
                "Europe/Berlin",
            ]
        ),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


@SETTINGS
@given(data=st.data(), tz=tz_choice)
def test_swapped_and_retyped_json_fields(seeds: list[bytes], data: st.DataObject, tz: str | None):
    """Replace or swap the values of keys anywhere in a real JSON document."""
    json_seeds = [s for s in seeds if s.lstrip(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")]
    doc = json.loads(data.draw(st.sampled_from(json_seeds)).decode("utf-8-sig"))
    containers: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            containers.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    for _ in range(data.draw(st.integers(1, 6))):
        target = data.draw(st.sampled_from(containers))
        if not target:
            continue
        key = data.draw(st.sampled_from(sorted(target)))
        if data.draw(st.booleans()):
            target[key] = data.draw(_json_values())
        else:
            other = data.draw(st.sampled_from(sorted(target)))
            target[key], target[other] = target[other], target[key]
    check(json.dumps(doc).encode(), tz)
