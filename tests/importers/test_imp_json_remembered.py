"""Times that a JSON file repeats are worked out once per import (issue 13's speed work:
`Zones.remembered`, Sessionize's own memo), but a time that needed a warning is never
remembered: every place with an ambiguous or skipped wall time still says so. Checked for
each JSON reader against the full pipeline (`text.FAST_PATHS` off, nothing remembered).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tripkit.core.models import Schedule
from tripkit.importers import parse, text

# 01:30 happens twice in New York on 2020-11-01 (clocks go back at 02:00); 02:30 does not
# happen on 2020-03-08 (clocks skip from 02:00 to 03:00).
AMBIGUOUS, MISSING, PLAIN = "2020-11-01T01:30:00", "2020-03-08T02:30:00", "2020-11-02T09:00:00"
STARTS = [AMBIGUOUS, PLAIN, AMBIGUOUS, MISSING, PLAIN, MISSING]


def _pretalx() -> dict[str, Any]:
    talks = [
        {"code": f"C{i}", "title": f"Talk {i}", "slot": {"start": start, "room": "Red"}}
        for i, start in enumerate(STARTS)
    ]
    return {"count": len(talks), "results": talks}


def _frab() -> dict[str, Any]:
    events = [
        {"guid": f"g{i}", "title": f"Talk {i}", "date": start, "duration": "00:30"}
        for i, start in enumerate(STARTS)
    ]
    conference = {
        "title": "C",
        "time_zone_name": "America/New_York",
        "days": [{"date": "2020-11-01", "rooms": {"Red": events}}],
    }
    return {"schedule": {"conference": conference}}


def _sessionize() -> dict[str, Any]:
    sessions = [
        {"id": str(i), "title": f"Talk {i}", "startsAt": start, "endsAt": start}
        for i, start in enumerate(STARTS)
    ]
    return {"sessions": sessions, "speakers": [], "rooms": []}


def _indico() -> dict[str, Any]:
    contributions = [
        {
            "id": i,
            "title": f"Talk {i}",
            "startDate": {"date": start[:10], "time": start[11:], "tz": "America/New_York"},
            "duration": 30,
        }
        for i, start in enumerate(STARTS)
    ]
    event = {"id": 1, "title": "E", "timezone": "America/New_York"}
    event["contributions"] = contributions
    return {"_type": "HTTPAPIResult", "results": [event]}


def _import(doc: dict[str, Any], fast: bool, monkeypatch: pytest.MonkeyPatch) -> Schedule:
    monkeypatch.setattr(text, "FAST_PATHS", fast)
    return parse(json.dumps(doc).encode(), source="f.json", tz="America/New_York")


@pytest.mark.parametrize("make", [_pretalx, _frab, _sessionize, _indico])
def test_every_place_of_a_repeated_odd_time_is_warned(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _import(make(), True, monkeypatch)
    full = _import(make(), False, monkeypatch)
    assert [s.model_dump() for s in fast.sessions] == [s.model_dump() for s in full.sessions]
    assert fast.warnings == full.warnings
    said = " ".join(fast.warnings)
    for i, start in enumerate(STARTS):  # each odd start is named at its own place
        assert (f"[{i}]" in said) == (start != PLAIN), (i, said)
    # The remembered plain time is the same instant in the same zone each time.
    plain = [s.start for s, start in zip(fast.sessions, STARTS, strict=True) if start == PLAIN]
    assert plain[0] == plain[1] and plain[0].tzinfo is plain[1].tzinfo
    assert plain[0].utcoffset() == full.sessions[1].start.utcoffset()
