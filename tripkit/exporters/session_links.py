"""Slides, recordings and other links of each session, read from the imported file itself.

The session model keeps one URL per session; frab/pretalx programmes also carry
`<attachments>` (slides, papers) and `<links>` (recordings, code) that a trip report should
keep. This reads them from the stored copy of the file, keyed like the importers key
sessions (guid, else pretalx code, else "frab-id:<id>"). Chat rooms and feedback forms are
left out: they are about the event, not what was presented. Anything unreadable gives no
links (the report then shows the session's own URL only), never an error.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from tripkit.exporters.text import one_line, safe_url

Link = tuple[str, str]  # (title, url)

_NOISE_HOSTS = ("chat.", "matrix.to")


def session_links(raw: bytes | None) -> dict[str, list[Link]]:
    """Session key -> its links, from a frab XML or frab/pretalx JSON programme."""
    if not raw:
        return {}
    head = raw.lstrip()[:1]
    try:
        if head == b"<":
            return _from_xml(raw)
        if head in (b"{", b"["):
            return _from_json(json.loads(raw))
    except Exception:  # noqa: BLE001 - links are a nicety; the file was validated at import
        return {}
    return {}


def _keep(title: str, url: str) -> Link | None:
    url = safe_url(url)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc.startswith(_NOISE_HOSTS) or parts.path.rstrip("/").endswith("/feedback"):
        return None
    return (one_line(title) or url, url)


def _add(out: dict[str, list[Link]], key: str, found: Iterable[Link | None]) -> None:
    links = [link for link in found if link is not None]
    if key and links:
        out[key] = list(dict.fromkeys(links))


def _from_xml(raw: bytes) -> dict[str, list[Link]]:
    import defusedxml.ElementTree as DET

    out: dict[str, list[Link]] = {}
    for _, el in DET.iterparse(io.BytesIO(raw), events=("end",)):
        if el.tag != "event":
            continue
        guid, code, ident = el.get("guid"), el.get("code"), el.get("id")
        key = guid or code or (f"frab-id:{ident}" if ident else "")
        found = [
            _keep(a.text or a.get("type") or "", a.get("href") or "")
            for a in el.iterfind("attachments/attachment")
        ]
        found += [_keep(a.text or "", a.get("href") or "") for a in el.iterfind("links/link")]
        _add(out, key, found)
        el.clear()
    return out


def _from_json(data: Any) -> dict[str, list[Link]]:
    out: dict[str, list[Link]] = {}
    for ev in _events(data):
        guid, code, ident = ev.get("guid"), ev.get("code"), ev.get("id")
        key = str(guid or code or (f"frab-id:{ident}" if ident is not None else ""))
        found: list[Link | None] = []
        for field in ("attachments", "links"):
            for item in ev.get(field) or []:
                if isinstance(item, dict):
                    found.append(
                        _keep(
                            str(item.get("title") or ""),
                            str(item.get("url") or item.get("href") or ""),
                        )
                    )
        _add(out, key, found)
    return out


def _events(data: Any) -> Iterable[dict[str, Any]]:
    """Every event of a frab JSON programme (schedule.conference.days[].rooms{}[])."""
    try:
        days = data["schedule"]["conference"]["days"]
    except (KeyError, TypeError):
        return []
    out = []
    for day in days or []:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for events in (rooms or {}).values():
            out += [ev for ev in events or [] if isinstance(ev, dict)]
    return out
