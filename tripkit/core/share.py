"""The share format of a trip's picks: a small JSON file, and the same as one line of text
for a QR code. No account, no server: a colleague's tripkit reads either.

File: {"format": "tripkit-picks", "version": 1, "trip": NAME, "programmes": {NAME: {"source":
URL_OR_PATH, "picks": [{"id", "starred", "interest", "reservation", "note"}...]}}}.
Line: "tripkit-picks:1:" + base64url(zlib(the file's compact JSON)) — what the QR code holds.

Pure: the service turns store rows into this and back. Every problem is a ValueError saying
where (the programme and the pick) and what.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from tripkit.core import wording

FORMAT = "tripkit-picks"
VERSION = 1
LINE_PREFIX = f"{FORMAT}:{VERSION}:"
INTERESTS = ("", "must", "want", "maybe")
RESERVATIONS = ("", *wording.RESERVATIONS)  # "": none recorded
MAX_BYTES = 5_000_000  # a picks file is a few KB; refuse anything that is not one


@dataclass(frozen=True)
class SharedPick:
    key: str
    starred: bool = False
    interest: str = ""
    reservation: str = ""
    note: str = ""


@dataclass
class Shared:
    trip: str
    programmes: dict[str, list[SharedPick]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def to_json(shared: Shared, *, compact: bool = False) -> str:
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "trip": shared.trip,
        "programmes": {
            name: {
                "source": shared.sources.get(name, ""),
                "picks": [
                    {
                        k: v
                        for k, v in (
                            ("id", p.key),
                            ("starred", p.starred),
                            ("interest", p.interest),
                            ("reservation", p.reservation),
                            ("note", p.note),
                        )
                        if v or k == "id"
                    }
                    for p in picks
                ],
            }
            for name, picks in shared.programmes.items()
        },
    }
    if compact:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_line(shared: Shared) -> str:
    """The one-line form (for a QR code): prefix + base64url of the zlib'd compact JSON."""
    packed = zlib.compress(to_json(shared, compact=True).encode(), 9)
    return LINE_PREFIX + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def parse(data: bytes) -> Shared:
    """Read a picks file or its one-line form. ValueError says what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise ValueError("this is too big to be a tripkit picks file")
    text = data.strip()
    if text.startswith(LINE_PREFIX.encode()):
        body = text[len(LINE_PREFIX) :]
        try:
            raw = zlib.decompressobj().decompress(
                base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)), MAX_BYTES
            )
        except (binascii.Error, zlib.error, ValueError):
            raise ValueError("the shared line is damaged (cut or mistyped?)") from None
        text = raw
    elif text.startswith(b"tripkit-picks:"):
        raise ValueError("this shared line is from a newer tripkit; upgrade tripkit")
    try:
        doc = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not a tripkit picks file (not JSON: {exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError('not a tripkit picks file (no "format": "tripkit-picks")')
    if doc.get("version") != VERSION:
        raise ValueError(
            f"picks file version {doc.get('version')!r}: this tripkit reads "
            f"version {VERSION}; upgrade tripkit"
        )
    programmes = doc.get("programmes")
    if not isinstance(programmes, dict):
        raise ValueError('"programmes" must be an object')
    out = Shared(str(doc.get("trip", "")))
    for name, body in programmes.items():
        where = f"programmes.{name}"
        if not isinstance(body, dict) or not isinstance(body.get("picks", []), list):
            raise ValueError(f'{where}: must be an object with a "picks" list')
        out.sources[name] = str(body.get("source", ""))
        picks = out.programmes.setdefault(name, [])
        for i, p in enumerate(body.get("picks", [])):
            picks.append(_pick(p, f"{where}.picks[{i}]"))
    return out


def _pick(p: Any, where: str) -> SharedPick:
    if not isinstance(p, dict):
        raise ValueError(f"{where}: must be an object")
    key, note = p.get("id"), p.get("note", "")
    starred, interest, reservation = (
        p.get("starred", False),
        p.get("interest", ""),
        p.get("reservation", ""),
    )
    if not isinstance(key, str) or not key or len(key) > 200:
        raise ValueError(f"{where}.id: a session id (text) is needed")
    if not isinstance(starred, bool):
        raise ValueError(f"{where}.starred: true or false")
    if interest not in INTERESTS:
        raise ValueError(f"{where}.interest: {interest!r} is not must, want or maybe")
    if reservation not in RESERVATIONS:
        raise ValueError(
            f"{where}.reservation: {reservation!r} is not reserved, waitlisted, full or not-needed"
        )
    if not isinstance(note, str) or len(note) > 10_000:
        raise ValueError(f"{where}.note: text of at most 10,000 characters")
    return SharedPick(key, starred or bool(interest), interest, reservation, note)
