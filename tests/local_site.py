"""A real HTTP server on 127.0.0.1 for tests of URL imports (tests import it as
`from local_site import Site, site`): routes map a path to (body, content type) or to a
function of the request; every path asked for is kept in `hits`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Route = Callable[[BaseHTTPRequestHandler], tuple[int, bytes, str]]


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route | tuple[bytes, str]] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    status, body, kind = 404, b"not found", "text/plain"
                elif callable(route):
                    status, body, kind = route(self)
                else:
                    status, (body, kind) = 200, route
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()
