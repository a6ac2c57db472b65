"""The frab XML importer's speed work (issue 13) changed how, not what.

* The push parser's target now takes character data through `list.append` and clears it at
  each tag: field texts, person names and the recording opt-out must be what ElementTree's
  tree says they are (text before any child, first of a repeated field).
* Which events skip the per-field control scan is decided per 64 KB chunk: an event in a
  chunk with a control character must still have it removed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.importers import frab_xml, parse
from tripkit.importers.stream import CHUNK

# --- the push parser's target against ElementTree ----------------------------------------------

_FIELD_PIECES = st.sampled_from(["t", "Ü", " ", "\n", "&amp;", "<![CDATA[c<d]]>", "<!-- c -->"])
_FIELD_TEXT = st.lists(_FIELD_PIECES, max_size=6).map("".join)
_CHILD = st.sampled_from(["", "<b>in</b>", "<b/>", "<b>in<i>deep</i>tail</b>"])


@st.composite
def _event_xml(draw: st.DrawFn) -> str:
    fields = []
    for name in draw(st.lists(st.sampled_from(["title", "subtitle", "track", "slug"]))):
        fields.append(f"<{name}>{draw(_FIELD_TEXT)}{draw(_CHILD)}{draw(_FIELD_TEXT)}</{name}>")
    persons = "".join(
        f'<person id="{i}">{draw(_FIELD_TEXT)}{draw(_CHILD)}{draw(_FIELD_TEXT)}</person>'
        for i in range(draw(st.integers(0, 3)))
    )
    optout = (
        f"<optout>{draw(st.sampled_from(['true', 'false', ' true ', '']))}{draw(_CHILD)}</optout>"
    )
    recording = f"<recording><license>x</license>{optout}</recording>"
    return (
        f'<event guid="g"><date>2026-02-01T10:00:00+01:00</date><duration>00:30</duration>'
        f"{''.join(fields)}<persons>{draw(_FIELD_TEXT)}{persons}</persons>{recording}</event>"
    )


def _collected(document: bytes) -> tuple[dict[str, str], list[tuple[str, str]]]:
    target = frab_xml._Collector()
    parser = frab_xml._parser(target)
    for i in range(0, len(document), 7):  # small pieces: texts arrive in several calls
        parser.feed(document[i : i + 7])
    parser.close()
    events = [value for kind, value in target.done if kind == "event"]
    assert len(events) == 1
    (_attrs, texts, persons, _offset), *_ = events[0]
    return texts, persons


@settings(max_examples=300, deadline=None)
@given(_event_xml())
def test_collector_reads_what_elementtree_reads(event: str) -> None:
    document = f"<schedule><day date='2026-02-01'><room name='R'>{event}</room></day></schedule>"
    texts, persons = _collected(document.encode())
    tree = ET.fromstring(document).find("day/room/event")
    assert tree is not None
    expected: dict[str, str] = {}
    for child in tree:
        expected.setdefault(child.tag, child.text or "")
    optout = tree.find("recording/optout")
    if optout is not None:  # a child element inside <optout> makes it say nothing
        expected["recording/optout"] = "" if len(optout) else optout.text or ""
    assert texts == expected
    assert persons == [(p.text or "", p.get("id") or "") for p in tree.iter("person")]


# --- the per-chunk control scan ----------------------------------------------------------------


def _event(i: int, abstract: str) -> str:
    return (
        f'<event guid="e{i}"><date>2026-02-01T10:00:00+01:00</date><duration>00:30</duration>'
        f"<title>T{i}</title><abstract>{abstract}</abstract></event>"
    )


def test_a_control_far_into_the_file_is_removed_from_its_event_only() -> None:
    """Events before the chunk with the controls are plain; the one with them is cleaned."""
    filler = "word " * 200
    events = [_event(i, filler) for i in range(2 * CHUNK // len(filler) + 5)]
    # (XML cannot carry ESC; it can carry C1 controls, bidi overrides and U+2028.)
    events.append(_event(9999, "a\u202ered\u2028b\x85c"))
    events.append(_event(10000, "after " + filler))
    document = (
        "<schedule><conference><title>C</title>"
        "<time_zone_name>Europe/Brussels</time_zone_name></conference>"
        f"<day date='2026-02-01'><room name='R'>{''.join(events)}</room></day></schedule>"
    ).encode()
    assert len(document) > 2 * CHUNK
    sessions = {s.key: s for s in parse(document, source="t.xml").sessions}
    assert sessions["e9999"].abstract == "ared\nbc"
    assert sessions["e10000"].abstract == ("after " + filler).strip()
    assert sessions["e0"].abstract == filler.strip()
