"""Fixtures for the schedule tests: a real HTTP server on 127.0.0.1 and a stored trip."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sched_helpers import Server, send

from tripkit.core.models import Trip
from tripkit.store import Store


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the test server on 127.0.0.1 must not go through a CI proxy."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def http_server() -> Iterator[Server]:
    server_state: dict[str, Server] = {}

    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            srv = server_state["s"]
            srv.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = srv.routes.get(self.path)
            if route is None:
                send(self, 404, b"no such page")
                return
            route(self)

        def log_message(self, *args: object) -> None:
            pass

    class _Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # clients that hang up early (timeouts, size caps) are expected here

    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    server_state["s"] = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server_state["s"]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def stored_trip(store: Store, demo_trip: Trip) -> Trip:
    store.put_trip(demo_trip)
    store.set_current_trip(demo_trip.id)
    return demo_trip


@pytest.fixture
def home_store(
    demo_trip: Trip, tmp_path: Path, new_store: Callable[[Path], Store]
) -> Iterator[Store]:
    """The store the CLI opens (TRIPKIT_HOME of the test), holding the demo trip."""
    s = new_store(tmp_path / "tripkit-home")
    s.put_trip(demo_trip)
    s.set_current_trip(demo_trip.id)
    yield s
    s.close()
