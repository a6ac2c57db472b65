"""A 50,000-session programme for the scale figures: a real congress programme (38C3, 1,007
sessions) replicated with fresh ids, written at bench (or test) time into a temporary folder.

Copy n is the congress held n years later (same rooms, times and density per day; the dates
in December move by whole years, so no offset changes), with a fresh guid and id per event:
a programme of 50,000 sessions whose days look like a real congress's days.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared/corpus/schedules/frab-xml/38c3.xml"
_EVENT = re.compile(r'<event guid="([^"]+)" id="(\d+)"')


def write_programme(dest: Path, sessions: int = 50_000) -> int:
    """Write a frab XML programme of about `sessions` sessions to `dest`; returns the count."""
    text = SOURCE.read_text(encoding="utf-8")
    first, last = text.index("<day "), text.rindex("</day>") + len("</day>")
    head, days, tail = text[:first], text[first:last], text[last:]
    per_copy = len(_EVENT.findall(days))
    copies = max(1, round(sessions / per_copy))
    next_id = 1_000_000
    with open(dest, "w", encoding="utf-8") as out:
        out.write(head)
        for n in range(copies):
            block = days.replace("2024-12-", f"{2024 + n}-12-") if n else days

            def fresh(m: re.Match[str], n: int = n) -> str:
                nonlocal next_id
                next_id += 1
                guid = uuid.uuid5(uuid.NAMESPACE_URL, f"{m[1]}/{n}") if n else m[1]
                return f'<event guid="{guid}" id="{next_id if n else m[2]}"'

            out.write(_EVENT.sub(fresh, block))
        out.write(tail)
    return per_copy * copies
