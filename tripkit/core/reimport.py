"""What changed between two imports of the same schedule. Pure: no store, no I/O.

Sessions are matched by key (frab guid, pretalx code, Sessionize id, UID...). Sources do
change their ids between exports, so sessions left unmatched are then paired on
(normalised title, start instant, normalised room); those pairs become key renames so that
the user's stars and notes follow their sessions (`Store.put_schedule(key_renames=...)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from tripkit.core.models import Schedule, Session
from tripkit.core.search import normalise
from tripkit.core.zoned import format_zoned, utc

ChangeKind = Literal["cancelled", "removed", "moved", "room", "title", "new"]
# The order a report lists changes in, after putting starred sessions first.
KIND_ORDER: tuple[ChangeKind, ...] = ("cancelled", "removed", "moved", "room", "title", "new")


@dataclass(frozen=True)
class Change:
    """One change to one session. `before`/`after` depend on the kind:

    moved: the time span as an ISO 8601 interval of RFC 9557 times ("start/end");
    room, title: the old and new text; new, removed, cancelled: empty.
    `key` is the session's key in the new schedule (in the old one for "removed");
    `start` is its start (RFC 9557) in the new schedule, or the old one for "removed".
    """

    kind: ChangeKind
    key: str
    title: str
    start: str
    starred: bool = False
    before: str = ""
    after: str = ""


@dataclass
class ChangeReport:
    changes: list[Change] = field(default_factory=list)
    key_renames: dict[str, str] = field(default_factory=dict)  # old key -> new key
    matched: int = 0  # sessions found in both schedules

    def __bool__(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(KIND_ORDER, 0)
        for c in self.changes:
            out[c.kind] += 1
        return out

    def starred_changes(self) -> list[Change]:
        return [c for c in self.changes if c.starred]

    def to_json(self) -> dict[str, Any]:
        return {
            "changes": [asdict(c) for c in self.changes],
            "key_renames": dict(self.key_renames),
            "matched": self.matched,
            "counts": self.counts(),
        }

    @classmethod
    def from_json(cls, data: Any) -> ChangeReport:
        """Read back a stored report; anything malformed gives an empty report, not an error."""
        if not isinstance(data, dict):
            return cls()
        changes = []
        for raw in data.get("changes") or []:
            try:
                changes.append(Change(**raw))
            except TypeError:
                continue
        renames = data.get("key_renames") or {}
        matched = data.get("matched") or 0
        return cls(
            changes,
            {str(k): str(v) for k, v in renames.items()} if isinstance(renames, dict) else {},
            matched if isinstance(matched, int) else 0,
        )


def _span(s: Session) -> str:
    return f"{format_zoned(s.start)}/{format_zoned(s.end)}"


def _fallback_key(s: Session) -> tuple[str, datetime, str]:
    return (normalise(s.title), utc(s.start), normalise(s.room))


def match_sessions(
    old: Iterable[Session], new: Iterable[Session]
) -> tuple[list[tuple[Session, Session]], list[Session], list[Session], dict[str, str]]:
    """Pairs (old, new) of the same session, the old ones not found, the new ones, renames."""
    old_by_key = {s.key: s for s in old}
    new_list = list(new)
    pairs: list[tuple[Session, Session]] = []
    unmatched_new: list[Session] = []
    for s in new_list:
        before = old_by_key.pop(s.key, None)
        if before is None:
            unmatched_new.append(s)
        else:
            pairs.append((before, s))
    # Fallback: a source that changed its ids. Pair one-to-one, in schedule order.
    waiting: dict[tuple[str, datetime, str], list[Session]] = {}
    for s in old_by_key.values():
        waiting.setdefault(_fallback_key(s), []).append(s)
    renames: dict[str, str] = {}
    added: list[Session] = []
    for s in unmatched_new:
        candidates = waiting.get(_fallback_key(s))
        if candidates:
            before = candidates.pop(0)
            del old_by_key[before.key]
            renames[before.key] = s.key
            pairs.append((before, s))
        else:
            added.append(s)
    return pairs, list(old_by_key.values()), added, renames


def diff_schedules(old: Schedule, new: Schedule, starred: Iterable[str] = ()) -> ChangeReport:
    """The change report from `old` to `new`; `starred` are the user's starred keys (old keys)."""
    stars = set(starred)
    pairs, removed, added, renames = match_sessions(old.sessions, new.sessions)
    found: list[tuple[Change, datetime]] = []
    for before, after in pairs:
        star = before.key in stars or after.key in stars

        def change(
            kind: ChangeKind, old: str = "", new: str = "", a: Session = after, star: bool = star
        ) -> None:
            found.append((Change(kind, a.key, a.title, format_zoned(a.start), star, old, new),
                          utc(a.start)))

        if after.cancelled and not before.cancelled:
            change("cancelled")
            continue
        # By instant: 01:30 PDT and 01:30 PST (after the clocks go back) are equal by wall clock.
        if (utc(before.start), utc(before.end)) != (utc(after.start), utc(after.end)):
            change("moved", _span(before), _span(after))
        if before.room != after.room:
            change("room", before.room, after.room)
        if before.title != after.title:
            change("title", before.title, after.title)
    for s in removed:
        found.append((Change(kind="removed", key=s.key, title=s.title,
                             start=format_zoned(s.start), starred=s.key in stars), utc(s.start)))
    for s in added:
        found.append((Change(kind="new", key=s.key, title=s.title,
                             start=format_zoned(s.start), starred=s.key in stars), utc(s.start)))
    # Starred first (what the user planned around), then by kind, then by time.
    found.sort(key=lambda cs: (not cs[0].starred, KIND_ORDER.index(cs[0].kind), cs[1], cs[0].key))
    return ChangeReport([c for c, _ in found], renames, len(pairs))
