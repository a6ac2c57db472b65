"""Sharing a trip's picks (stars, interest, reservations, notes) with a colleague's tripkit:
a small file or a QR code, no account and no server (tripkit.core.share is the format).

Receiving fills in, never overwrites: a star is added, an interest, a reservation or a note
is set only where the receiver has none (their own choices win), and the picks of sessions
the receiver's programme does not have are reported, not stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tripkit.core.share import Shared, SharedPick, to_line
from tripkit.errors import TripkitError
from tripkit.store import Store

# A QR code (version 40, error correction L) holds 2,953 bytes.
QR_MAX = 2953


class ShareError(TripkitError):
    """A picks file that cannot be read or applied; nothing was changed."""


def gather(store: Store, trip_id: str, trip_name: str) -> Shared:
    """The trip's picks that hold something, by programme, in key order."""
    out = Shared(trip_name)
    for name in store.programmes.names(trip_id):
        row = store.programmes.get(trip_id, name)
        out.sources[name] = row.source if row else ""
        out.programmes[name] = [
            SharedPick(k, p.starred, p.interest, p.reservation, p.note)
            for k, p in sorted(store.programmes.picks(trip_id, name).items())
            if p.starred or p.interest or p.reservation or p.note
        ]
    return out


def qr_line(shared: Shared) -> str:
    line = to_line(shared)
    if len(line) > QR_MAX:
        raise ShareError(
            "these picks need {size} bytes, more than a QR code holds "
            "({limit}); share the file instead (`tripkit schedule share FILE`)",
            size=len(line),
            limit=QR_MAX,
        )
    return line


@dataclass
class Received:
    applied: dict[str, int] = field(default_factory=dict)  # programme -> picks applied
    kept: int = 0  # fields left as the receiver had them
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (programme, key) not found
    missing_programmes: list[str] = field(default_factory=list)


def receive(
    store: Store, trip_id: str, shared: Shared, *, into: dict[str, str] | None = None
) -> Received:
    """Apply `shared` to the trip, in one transaction. `into` maps a shared programme name to
    the receiver's (default: the same name)."""
    out = Received()
    into = into or {}
    names = set(store.programmes.names(trip_id))
    with store.transaction():
        for shared_name, picks in shared.programmes.items():
            name = into.get(shared_name, shared_name)
            if name not in names:
                if picks:
                    out.missing_programmes.append(shared_name)
                continue
            known = store.programmes.existing_keys(trip_id, [p.key for p in picks], name)
            mine = store.programmes.picks_for(trip_id, [p.key for p in picks], name)
            done = 0
            for p in picks:
                if p.key not in known:
                    out.unknown.append((name, p.key))
                    continue
                have = mine.get(p.key)
                done += 1
                if p.starred and not (have and have.starred):
                    store.programmes.set_stars(trip_id, [p.key], True, name)
                for column, value, current in (
                    ("interest", p.interest, have.interest if have else ""),
                    ("reservation", p.reservation, have.reservation if have else ""),
                ):
                    if value and current and current != value:
                        out.kept += 1
                    elif value and not current:
                        store.programmes.set_pick_field(trip_id, [p.key], column, value, name)
                if p.note:
                    if have and have.note and have.note != p.note:
                        out.kept += 1
                    elif not (have and have.note):
                        store.programmes.set_note(trip_id, p.key, p.note, name)
            out.applied[name] = done
    return out
