"""The streaming import (`parse_stream`): same sessions as `parse`, from bytes, a path or a file,
whatever the chunk size; errors name the place even after sessions were handed on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.errors import ImportError_
from tripkit.importers import parse, parse_stream, stream
from tripkit.importers.stream import Input

CORPUS_FILES = [
    ("frab-xml/fosdem-2025.xml", {}),
    ("frab-xml/38c3.xml", {}),
    ("frab-json/frab-camp2019.json", {}),
    ("sessionize/demo-GridSmart.json", {}),
    ("ical/pyconuk-2015.ics", {}),
    ("next/ical/rrule-coderefinery-workshops.ics", {}),
    ("next/indico-json/indico-cern-340656-event-detail-sessions.json", {}),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("rel", "kw"), CORPUS_FILES)
def test_stream_from_a_path_in_tiny_chunks_equals_parse(
    corpus: Path, rel: str, kw: dict[str, str], monkeypatch: pytest.MonkeyPatch
):
    path = corpus / rel
    whole = parse(path.read_bytes(), source=rel, **kw)
    # 997-byte chunks: every element, character and CRLF is cut somewhere.
    monkeypatch.setattr(stream, "CHUNK", 997)
    header, sessions = parse_stream(path, source=rel, **kw)
    assert (header.format, header.title) == (whole.format, whole.title)
    assert not header.complete
    got = list(sessions)
    assert header.complete
    assert header.tz == whole.tz
    assert got == whole.sessions
    assert header.warnings == whole.warnings


@pytest.mark.corpus
def test_stream_from_an_open_file_and_an_unseekable_one(corpus: Path):
    data = (corpus / "ical/kielux-2020.ics").read_bytes()
    with (corpus / "ical/kielux-2020.ics").open("rb") as fh:
        _h, sessions = parse_stream(fh, source="kielux")
        assert len(list(sessions)) == 24

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[no-untyped-def, override]
            chunk = self.inner.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    _h, sessions = parse_stream(Pipe(), source="pipe")
    assert len(list(sessions)) == 24


def test_a_broken_session_after_good_ones_names_its_place():
    xml = (
        b"<schedule><conference><time_zone_name>Europe/Berlin</time_zone_name></conference>"
        b'<day date="2026-03-28"><room name="Hall">'
        + b"".join(
            f'<event guid="g{i}"><date>2026-03-28T1{i}:00:00+01:00</date>'
            f"<duration>00:30</duration><title>t{i}</title></event>".encode()
            for i in range(3)
        )
        + b'<event guid="bad"><date>2026-03-28T13:00:00+01:00</date><duration>soon</duration>'
        b"</event></room></day></schedule>"
    )
    header, sessions = parse_stream(xml, source="s.xml")
    assert next(sessions).key == "g0"
    assert next(sessions).key == "g1"
    assert next(sessions).key == "g2"
    with pytest.raises(ImportError_, match="duration 'soon'") as e:
        next(sessions)
    assert e.value.where == 's.xml: /schedule/day[1]/room[@name="Hall"]/event[4]/duration'
    assert not header.complete


def test_malformed_xml_found_late_names_line_and_column(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(stream, "CHUNK", 64)
    good = "".join(
        f'<event guid="g{i}"><date>2026-03-28T10:00:00Z</date><duration>00:30</duration></event>\n'
        for i in range(20)
    )
    xml = (
        "<schedule><conference><time_zone_name>UTC</time_zone_name></conference>\n"
        f'<day date="2026-03-28"><room name="R">\n{good}<event><oops></event>'
    ).encode()
    _header, sessions = parse_stream(xml, source="late.xml")
    got = []
    with pytest.raises(ImportError_, match="not well-formed") as e:
        for s in sessions:
            got.append(s)
    # Sessions were handed on before the error was met (those read in the same chunk as the
    # error are not: the file is refused either way).
    assert 15 <= len(got) <= 20
    assert e.value.where == "late.xml: line 23, column 16"  # the name in </event>


def test_duplicate_keys_are_reported_while_streaming():
    ics = (
        "BEGIN:VCALENDAR\r\n"
        + "".join(
            f"BEGIN:VEVENT\r\nUID:same\r\nDTSTART:20260101T10000{i}Z\r\nSUMMARY:n{i}\r\n"
            "END:VEVENT\r\n"
            for i in (0, 0, 1)
        )
        + "END:VCALENDAR\r\n"
    ).encode()
    header, sessions = parse_stream(ics, source="d.ics")
    keys = []
    for s in sessions:
        keys.append(s.key)
        if len(keys) == 2:  # the warning is there as soon as the duplicate is handed on
            assert any("duplicate session id 'same/20260101T100000Z'" in w for w in header.warnings)
    assert keys == ["same/20260101T100000Z", "same/20260101T100000Z#2", "same/20260101T100001Z"]


def test_header_errors_come_from_parse_stream_itself():
    with pytest.raises(ImportError_, match="not a frab"):
        parse_stream(b"<html><body>x</body></html>", source="h.html")
    with pytest.raises(ImportError_, match="--tz"):
        parse_stream(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", source="c.ics", tz="Mars/Base")
    with pytest.raises(ImportError_, match="no such file|cannot read"):
        _h, sessions = parse_stream(Path("/nonexistent/x.ics"), source="x.ics")
        list(sessions)


def _reference_lines(data: bytes) -> list[bytes]:
    lines = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    out = lines.split(b"\n")
    if out and out[-1] == b"":
        out.pop()
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b"BEGIN:X", b"\r\n", b"\n", b"\r", b" "]), max_size=30),
    st.integers(min_value=1, max_value=9),
)
def test_lines_are_split_alike_whatever_the_chunks(parts: list[bytes], size: int):
    data = b"".join(parts) + b"z"  # a last line without an ending
    if b"\r\r" in data:  # runs of CRs are ambiguous (CRCRLF is one line end); not tested here
        return
    inp = Input(data, "x")
    inp.chunks = lambda size_=None: (data[i : i + size] for i in range(0, len(data), size))  # type: ignore[method-assign]
    assert list(inp.lines()) == _reference_lines(data)
