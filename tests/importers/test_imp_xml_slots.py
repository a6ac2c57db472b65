"""The frab XML importer's per-import memos (issue 13's speed work) change how, not what.

* A start given with an offset (<date>) is worked out once per slot and reused by the
  sessions of other lengths in that slot; each session still gets its own end, and the
  14-day check still runs for every distinct (start, length).
* A start read as wall-clock time (Pentabarf <start>, no <date>) is not reused across lengths:
  a time in a DST gap must warn for every event, as the full pipeline does.
* A speaker's cleaned name and id are remembered per import, but every session gets
  Speaker objects of its own.

Each case is also imported with `text.FAST_PATHS` off (no memo at all), and the two outcomes
must be identical (`import_digest.canonical`: every field, zone, fold and warning).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from import_digest import canonical

from tripkit.errors import ImportError_
from tripkit.importers import parse, text


def _both(data: bytes, source: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The canonical outcome, the same with and without the fast paths (asserted)."""
    monkeypatch.setattr(text, "FAST_PATHS", False)
    slow = canonical(parse(data, source=source))
    monkeypatch.setattr(text, "FAST_PATHS", True)
    fast = canonical(parse(data, source=source))
    assert fast == slow
    return fast


def _schedule(rooms: str, day: str = "2026-02-01") -> bytes:
    return (
        "<schedule><conference><title>C</title>"
        "<time_zone_name>Europe/Brussels</time_zone_name></conference>"
        f'<day index="1" date="{day}">{rooms}</day></schedule>'
    ).encode()


def _event(guid: str, duration: str, *, date: str = "2026-02-01T10:00:00+01:00") -> str:
    return (
        f'<event guid="{guid}"><date>{date}</date><start>10:00</start>'
        f"<duration>{duration}</duration><title>T {guid}</title></event>"
    )


def test_a_start_with_an_offset_is_shared_by_sessions_of_other_lengths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rooms = (
        f'<room name="A">{_event("a1", "00:30")}'
        f"{_event('a2', '01:00', date='2026-02-01T11:00:00+01:00')}</room>"
        f'<room name="B">{_event("b1", "01:00")}{_event("b2", "1:02:00")}</room>'
        f'<room name="C">{_event("c1", "00:30")}</room>'
    )
    _both(_schedule(rooms), "slots.xml", monkeypatch)
    s = parse(_schedule(rooms), source="slots.xml")
    by_key = {x.key: x for x in s.sessions}
    a1, b1, b2, c1 = by_key["a1"], by_key["b1"], by_key["b2"], by_key["c1"]
    assert a1.start == b1.start == b2.start == c1.start
    assert (a1.end - a1.start, b1.end - b1.start) == (timedelta(minutes=30), timedelta(hours=1))
    assert b2.end - b2.start == timedelta(days=1, hours=2)  # D:HH:MM
    assert c1.end == a1.end
    assert str(a1.start.tzinfo) == "Europe/Brussels" and a1.start.hour == 10


def test_the_14_day_check_runs_for_a_remembered_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first session of the slot is fine; the second reuses its start but lasts 400 hours
    (over 14 days): it must be refused, naming its own place."""
    rooms = f'<room name="A">{_event("ok", "00:30")}{_event("long", "400:00")}</room>'
    for fast in (False, True):
        monkeypatch.setattr(text, "FAST_PATHS", fast)
        with pytest.raises(ImportError_) as e:
            parse(_schedule(rooms), source="long.xml")
        assert "more than 14 days" in str(e.value)
        assert 'room[@name="A"]/event[2]' in str(e.value.where)


def test_a_wall_clock_start_in_a_dst_gap_warns_for_every_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """02:30 does not exist in Berlin on 2026-03-29. Two rooms share a name (so their first
    events share a place), and a third room has the same slot with another length: the
    warnings must be those of the full pipeline, one per distinct place."""

    def pentabarf(guid: str, duration: str) -> str:
        return (
            f'<event guid="{guid}"><start>02:30</start><duration>{duration}</duration>'
            f"<title>Night {guid}</title></event>"
        )

    rooms = (
        f'<room name="R">{pentabarf("r1", "00:30")}</room>'
        f'<room name="R">{pentabarf("r2", "00:30")}</room>'
        f'<room name="S">{pentabarf("s1", "01:00")}</room>'
    )
    data = (
        "<schedule><conference><title>C</title>"
        "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
        f'<day index="1" date="2026-03-29">{rooms}</day></schedule>'
    ).encode()
    _both(data, "gap.xml", monkeypatch)
    s = parse(data, source="gap.xml")
    gaps = [str(w) for w in s.warnings if "does not exist" in str(w)]
    assert len(gaps) == 2
    assert 'room[@name="R"]' in gaps[0] and 'room[@name="S"]' in gaps[1]
    assert all(x.start.utcoffset() == timedelta(hours=2) for x in s.sessions)  # past the gap


def test_speakers_are_remembered_but_never_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    persons = (
        '<persons><person id="7">Ada\u00a0 Lovelace</person><person id="8">  </person>'
        '<person guid="g\x7f9" id="9">Grace</person></persons>'
    ).replace("\x7f", "&#x7f;")

    def event(guid: str) -> str:
        return (
            f'<event guid="{guid}"><date>2026-02-01T10:00:00+01:00</date>'
            f"<duration>00:30</duration><title>T</title>{persons}</event>"
        )

    rooms = f'<room name="A">{event("e1")}{event("e2")}</room>'
    _both(_schedule(rooms), "people.xml", monkeypatch)
    first, second = parse(_schedule(rooms), source="people.xml").sessions
    names = [(p.name, p.id) for p in first.speakers]
    assert names == [("Ada Lovelace", "7"), ("Grace", "g 9")]  # blank name dropped
    assert [(p.name, p.id) for p in second.speakers] == names
    assert all(a is not b for a, b in zip(first.speakers, second.speakers, strict=True))
    first.speakers[0].name = "changed"
    assert second.speakers[0].name == "Ada Lovelace"
