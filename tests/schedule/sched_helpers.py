"""Helpers for the schedule tests: the test HTTP server's types, and session builders."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler

from tripkit.core.models import Session, Speaker
from tripkit.core.zoned import get_zone, localize

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Server:
    """A real HTTP server in a thread. `routes` maps a path to a function that answers."""

    base: str
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    length: bool = True,
) -> None:
    h.send_response(status)
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    if length:
        h.send_header("Content-Length", str(len(body)))
    else:
        h.send_header("Connection", "close")
    h.end_headers()
    if body:
        # The client may give up early (size cap): that is the point of some tests.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            h.wfile.write(body)


def slow(seconds: float) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(h, 200, b"too late")

    return handler


VENUE = "America/Los_Angeles"


def at(text: str, zone: str = VENUE) -> datetime:
    """'2026-01-13 10:00' in `zone` (default the venue's)."""
    return localize(datetime.fromisoformat(text), get_zone(zone))


def mk(
    key: str,
    start: str,
    end: str,
    *,
    title: str | None = None,
    room: str = "Room A",
    track: str = "",
    speakers: tuple[str, ...] = (),
    abstract: str = "",
    languages: tuple[str, ...] = (),
    zone: str = VENUE,
    **extra: object,
) -> Session:
    return Session(
        key=key,
        title=title or f"Talk {key}",
        start=at(start, zone),
        end=at(end, zone),
        room=room,
        track=track,
        speakers=[Speaker(name=n) for n in speakers],
        abstract=abstract,
        languages=list(languages),
        **extra,
    )
