"""Which chunks of an XML file are known free of control characters (`xml_bytes_are_plain`).

The frab XML importer skips the per-abstract control scan for events read from such chunks.
For XML the check looks for DEL, C1 controls, bidi overrides and numeric references only,
not for the other C0 controls: XML 1.0 allows none of them anywhere in a document and expat
refuses the file at the first one. The premise is tested here (it would fail with a parser
that let them through), with what the check must still find.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.errors import ImportError_
from tripkit.importers import parse
from tripkit.importers.text import xml_bytes_are_plain

# What "plain" means, said character by character (the oracle for the byte-level check): no
# C0 control but tab, LF and CR, no DEL, no C1 control, no bidi override or isolate, no line
# or paragraph separator, and no numeric character reference that could spell one.
_UNSAFE = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
_UNSAFE |= {chr(c) for c in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_UNSAFE |= {"\u2028", "\u2029"}


def _plain(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    return "&#" not in text and not _UNSAFE.intersection(text)


_C0 = [bytes([b]) for b in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]
_PLACES = [
    b"<abstract>aXb</abstract>",
    b"<abstract><!-- X --></abstract>",
    b"<abstract><![CDATA[X]]></abstract>",
    b"<abstract><?pi X?></abstract>",
    b'<abstract lang="X">a</abstract>',
    b"<abstract>a</abstract><!-- X -->",
]


def _file(abstract: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><schedule><conference><title>C</title>'
        b"<time_zone_name>Europe/Brussels</time_zone_name></conference>"
        b'<day index="1" date="2026-02-01"><room name="R"><event guid="g">'
        b"<date>2026-02-01T10:00:00+01:00</date><duration>00:30</duration><title>T</title>"
        + abstract
        + b"</event></room></day></schedule>"
    )


@pytest.mark.parametrize("control", _C0, ids=lambda c: f"0x{c[0]:02x}")
def test_a_raw_c0_control_anywhere_refuses_the_file(control: bytes) -> None:
    """The premise: so the check need not look for these bytes."""
    assert parse(_file(b"<abstract>plain</abstract>"), source="ok.xml").sessions
    for place in _PLACES:
        with pytest.raises(ImportError_, match="not well-formed"):
            parse(_file(place.replace(b"X", control)), source="c0.xml")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\x7fb", "ab"),  # DEL: XML allows it, the importer removes it
        (b"<p>a\x7fb</p>".replace(b"<", b"&lt;").replace(b">", b"&gt;"), "ab"),  # HTML
        (b"a\xc2\x85b", "ab"),  # C1 (NEL)
        (b"a\xe2\x80\xaeb", "ab"),  # right-to-left override
        (b"a&#x7f;b", "ab"),  # a character reference
    ],
)
def test_what_the_check_finds_is_still_removed(raw: bytes, expected: str) -> None:
    assert not xml_bytes_are_plain(raw)
    (session,) = parse(_file(b"<abstract>" + raw + b"</abstract>"), source="x.xml").sessions
    assert session.abstract == expected


def test_an_html_reference_to_a_control_is_caught_after_decoding() -> None:
    """ "&amp;#x202e;" is plain bytes; the text holds "&#x202e;", which the HTML step decodes
    to a right-to-left override: the cleaning re-checks what it decodes."""
    raw = b"a&amp;#x202e;b"
    assert xml_bytes_are_plain(raw)
    (session,) = parse(_file(b"<abstract>" + raw + b"</abstract>"), source="x.xml").sessions
    assert session.abstract == "ab"


_BYTES = st.lists(
    st.sampled_from(
        [b"a", b" ", b"\n", b"\t", b"\r", b"&", b"#", b"&#", b"\x7f", b"\xc2", b"\x85", b"\xa0"]
        + [b"\xe2", b"\x80", b"\x81", b"\xa6", b"\xa8", b"\xae", b"\x9c", "é".encode()]
    ),
    max_size=30,
).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(_BYTES)
def test_it_agrees_with_the_general_check_where_xml_allows_the_bytes(data: bytes) -> None:
    assert xml_bytes_are_plain(data) == _plain(data)
