"""What changed between two imports of the same schedule. Pure: no store, no I/O.

Sessions are matched by key (frab guid, pretalx code, Sessionize id, UID...). Sources do
change their ids between exports, so sessions left unmatched are then paired on
(normalised title, start instant, normalised room); those pairs become key renames so that
the user's stars and notes follow their sessions (`Store.put_schedule(key_renames=...)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tripkit.core.search import normalise
from tripkit.core.zoned import format_zoned, from_micros, micros, parse_zoned, utc, zone_of

if TYPE_CHECKING:
    from tripkit.core.models import Schedule, Session

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


@dataclass(frozen=True)
class Facts:
    """What a change report compares of one session: light enough to hold 50,000 of.

    Times are UTC microseconds since the epoch plus the zone name (as the store keeps them);
    `title_norm` and `room_norm` are normalise()d, for pairing sessions whose ids changed.
    """

    key: str
    title: str
    start_us: int
    start_tz: str
    end_us: int
    end_tz: str
    room: str
    cancelled: bool
    title_norm: str
    room_norm: str

    @classmethod
    def of(cls, s: Session) -> Facts:
        return cls(
            s.key,
            s.title,
            micros(s.start),
            zone_of(s.start).key,
            micros(s.end),
            zone_of(s.end).key,
            s.room,
            s.cancelled,
            normalise(s.title),
            normalise(s.room),
        )

    @property
    def fallback_key(self) -> tuple[str, int, str]:
        return (self.title_norm, self.start_us, self.room_norm)

    @property
    def start_text(self) -> str:
        return format_zoned(from_micros(self.start_us, self.start_tz))

    @property
    def span(self) -> str:
        return f"{self.start_text}/{format_zoned(from_micros(self.end_us, self.end_tz))}"


def pair_changes(before: Facts, after: Facts, star: bool) -> list[Change]:
    """The changes from `before` to `after`, two imports of the same session."""

    def change(kind: ChangeKind, old: str = "", new: str = "") -> Change:
        return Change(kind, after.key, after.title, after.start_text, star, old, new)

    if after.cancelled and not before.cancelled:
        return [change("cancelled")]
    out = []
    # By instant: 01:30 PDT and 01:30 PST (after the clocks go back) are equal by wall clock.
    if (before.start_us, before.end_us) != (after.start_us, after.end_us):
        out.append(change("moved", before.span, after.span))
    if before.room != after.room:
        out.append(change("room", before.room, after.room))
    if before.title != after.title:
        out.append(change("title", before.title, after.title))
    return out


def pair_by_fallback(
    old: Iterable[Facts], new: Iterable[Facts]
) -> tuple[list[tuple[Facts, Facts]], list[Facts], list[Facts]]:
    """Pair sessions left unmatched by key on (title, start, room): a source that changed
    its ids. One-to-one, in the given order. Returns the pairs, the old and the new left."""
    waiting: dict[tuple[str, int, str], list[Facts]] = {}
    for s in old:
        waiting.setdefault(s.fallback_key, []).append(s)
    pairs: list[tuple[Facts, Facts]] = []
    added: list[Facts] = []
    for s in new:
        candidates = waiting.get(s.fallback_key)
        if candidates:
            pairs.append((candidates.pop(0), s))
        else:
            added.append(s)
    removed = [s for group in waiting.values() for s in group]
    return pairs, removed, added


def build_report(
    changed: Iterable[Change],
    renamed: list[tuple[Facts, Facts]],
    removed: Iterable[Facts],
    added: Iterable[Facts],
    matched: int,
    stars: set[str],
) -> ChangeReport:
    """The report: `changed` from pairs matched by key, plus the fallback pairs, the removed
    and the new sessions, starred first (what the user planned around), then by kind, time."""
    found = list(changed)
    for before, after in renamed:
        found.extend(pair_changes(before, after, before.key in stars or after.key in stars))
    found.extend(Change("removed", s.key, s.title, s.start_text, s.key in stars) for s in removed)
    found.extend(Change("new", s.key, s.title, s.start_text, s.key in stars) for s in added)
    found.sort(
        key=lambda c: (not c.starred, KIND_ORDER.index(c.kind), utc(parse_zoned(c.start)), c.key)
    )
    return ChangeReport(found, {b.key: a.key for b, a in renamed}, matched)


def diff_facts(
    old: Iterable[Facts], new: Iterable[Facts], starred: Iterable[str] = ()
) -> ChangeReport:
    """The change report from `old` to `new` (the store computes the same with SQL joins)."""
    stars = set(starred)
    old_by_key = {s.key: s for s in old}
    changed: list[Change] = []
    unmatched_new: list[Facts] = []
    matched = 0
    for s in new:
        before = old_by_key.pop(s.key, None)
        if before is None:
            unmatched_new.append(s)
            continue
        matched += 1
        changed.extend(pair_changes(before, s, before.key in stars or s.key in stars))
    renamed, removed, added = pair_by_fallback(old_by_key.values(), unmatched_new)
    return build_report(changed, renamed, removed, added, matched + len(renamed), stars)


def diff_schedules(old: Schedule, new: Schedule, starred: Iterable[str] = ()) -> ChangeReport:
    """The change report from `old` to `new`; `starred` are the user's starred keys (old keys)."""
    return diff_facts(map(Facts.of, old.sessions), map(Facts.of, new.sessions), starred)
