"""The reference serialiser: the same entries written through `icalendar`'s object model.

Not used by exports. `ics.render_ics` (a small writer for tripkit's fixed property set) must
give exactly these bytes; the tests compare the two on the real corpus, and bench/ measures
the writer against it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from icalendar import Alarm, Calendar, Event, Todo, vText

from tripkit.exporters.ics import PRODID, CalEntry, Version, _timezone_spans, vtimezone
from tripkit.exporters.text import one_line


def render_ics_icalendar(
    entries: Sequence[CalEntry],
    *,
    stamp: datetime,
    versions: Mapping[str, Version] | None = None,
    name: str = "",
) -> bytes:
    versions = versions or {}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", one_line(name))
    for key, first, last in _timezone_spans(entries):
        cal.add_component(vtimezone(key, first, last))
    default = Version(0, stamp.astimezone(UTC))
    for entry in entries:
        cal.add_component(component(entry, versions.get(entry.uid, default)))
    return cal.to_ical()


def component(e: CalEntry, version: Version) -> Event | Todo:
    comp: Event | Todo = Event() if e.component == "VEVENT" else Todo()
    comp.add("uid", e.uid)
    comp.add("dtstamp", version.stamp)
    comp.add("sequence", version.sequence)
    comp.add("summary", e.summary)
    if e.start is not None:
        comp.add("dtstart", e.start)
    if e.end is not None:
        comp.add("dtend", e.end)
    if e.due is not None:
        comp.add("due", e.due)
    if e.location:
        comp.add("location", e.location)
    if e.description:
        comp.add("description", e.description)
    if e.url:
        comp.add("url", e.url)
    if e.categories:
        comp.add("categories", list(e.categories))
    if e.status:
        comp.add("status", e.status)
    if e.transparent:
        comp.add("transp", "TRANSPARENT")
    if e.alarm_before is not None or e.alarm_at is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(e.summary))
        if e.alarm_at is not None:
            alarm.add("trigger", e.alarm_at.astimezone(UTC), parameters={"value": "DATE-TIME"})
        elif e.alarm_before is not None:
            params = {"related": "END"} if e.component == "VTODO" else {}
            alarm.add("trigger", -e.alarm_before, parameters=params)
        comp.add_component(alarm)
    return comp
