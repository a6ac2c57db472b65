"""Importing and refreshing over HTTP against a real server on 127.0.0.1.

Every failure must give one clear message and leave the stored schedule and picks unchanged.
"""

from __future__ import annotations

import json
import socket
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner
from sched_helpers import Handler, Server, send, slow

from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.errors import ImportError_
from tripkit.importers.fetch import fetch_url, parse_size
from tripkit.services import schedule as svc
from tripkit.store import Store

DEMOCON = "frab-json/pretalx-democon.json"
FIRST_KEY = "8079583e-8321-506c-95af-fd2903a5f075"  # "Focused 5thgeneration hardware"


def serve_file(
    body: bytes, etag: str = '"v1"', last_modified: str = "Mon, 14 Dec 2020 08:00:00 GMT"
) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            send(h, 304, headers={"ETag": etag})
            return
        send(
            h,
            200,
            body,
            {"ETag": etag, "Last-Modified": last_modified, "Content-Type": "application/json"},
        )

    return handler


def redirect(to: str) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        send(h, 302, headers={"Location": to})

    return handler


def snapshot(store: Store, trip: Trip) -> tuple[object, ...]:
    stored = store.get_schedule(trip.id)
    assert stored is not None
    return (
        stored.schedule.model_dump_json(),
        stored.raw,
        stored.etag,
        stored.last_modified,
        stored.imported,
        stored.changes,
        store.picks(trip.id),
    )


@pytest.fixture
def democon(corpus: Path) -> bytes:
    return (corpus / DEMOCON).read_bytes()


@pytest.fixture
def imported(http_server: Server, democon: bytes, store: Store, stored_trip: Trip) -> Server:
    """The democon schedule imported from the server, one session starred with a note."""
    http_server.routes["/schedule.json"] = serve_file(democon)
    result = svc.import_schedule(store, stored_trip, http_server.url("/schedule.json"), timeout=2)
    assert result.count == 36 and len(store.sessions(stored_trip.id)) == 36
    svc.set_starred(store, stored_trip, [FIRST_KEY], True)
    svc.set_note(store, stored_trip, FIRST_KEY, "sit near the front")
    return http_server


def refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed on exit: nothing listens there any more


def test_import_200_stores_raw_and_validators(
    imported: Server, store: Store, stored_trip: Trip, democon: bytes
) -> None:
    stored = store.get_schedule(stored_trip.id)
    assert stored is not None
    assert stored.raw == democon
    assert stored.etag == '"v1"'
    assert stored.last_modified == "Mon, 14 Dec 2020 08:00:00 GMT"
    assert stored.schedule.source == imported.url("/schedule.json")
    assert stored.changes is None  # a first import has no change report


def test_refresh_sends_validators_and_handles_304(
    imported: Server, store: Store, stored_trip: Trip
) -> None:
    before = store.get_schedule(stored_trip.id)
    result = svc.refresh_schedule(store, stored_trip, timeout=2)
    assert result.not_modified
    path, headers = imported.requests[-1]
    assert path == "/schedule.json"
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Mon, 14 Dec 2020 08:00:00 GMT"
    after = store.get_schedule(stored_trip.id)
    assert after is not None and before is not None
    assert after.schedule == before.schedule and after.raw == before.raw
    assert store.picks(stored_trip.id)[FIRST_KEY].starred


def test_refresh_200_applies_changes(
    imported: Server, store: Store, stored_trip: Trip, democon: bytes
) -> None:
    doc = json.loads(democon)
    first = doc["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0]
    first["title"] = "Focused 6thgeneration hardware"
    imported.routes["/schedule.json"] = serve_file(json.dumps(doc).encode(), etag='"v2"')
    result = svc.refresh_schedule(store, stored_trip, timeout=2)
    assert not result.not_modified
    assert result.changes is not None
    assert [(c.kind, c.key, c.before, c.after, c.starred) for c in result.changes.changes] == [
        (
            "title",
            FIRST_KEY,
            "Focused 5thgeneration hardware",
            "Focused 6thgeneration hardware",
            True,
        )
    ]
    stored = store.get_schedule(stored_trip.id)
    assert stored is not None and stored.etag == '"v2"'
    assert stored.changes["counts"]["title"] == 1
    assert store.picks(stored_trip.id)[FIRST_KEY].note == "sit near the front"


FAILURES = [
    # (route set-up, expected fragment of the message)
    ("/missing", None, "HTTP 404"),
    ("/boom", lambda h: send(h, 500, b"oops"), "the server failed (HTTP 500"),
    ("/slow", slow(2.0), "stopped sending data"),
    ("/loop", redirect("/loop2"), "redirects in a loop"),
    ("/big", lambda h: send(h, 200, b"x" * 5000), "over the 1 KB limit"),
    ("/big-chunked", lambda h: send(h, 200, b"x" * 5000, length=False), "over the 1 KB limit"),
    ("/html", lambda h: send(h, 200, b"<html><body>Hello</body></html>"), "not a frab"),
    ("/to-ftp", redirect("ftp://127.0.0.1/x.xml"), "will not fetch"),
]


@pytest.mark.parametrize(
    ("path", "route", "expected"), FAILURES, ids=[f[0].strip("/") for f in FAILURES]
)
def test_refresh_failures_leave_everything_unchanged(
    imported: Server,
    store: Store,
    stored_trip: Trip,
    path: str,
    route: object,
    expected: str,
) -> None:
    imported.routes["/loop2"] = redirect("/loop")
    if route is not None:
        imported.routes[path] = route  # type: ignore[assignment]
    url = imported.url(path)
    # Point the stored schedule at the failing URL, as if the source had gone bad.
    stored = store.get_schedule(stored_trip.id)
    assert stored is not None
    moved = stored.schedule.model_copy(update={"source": url})
    store.put_schedule(stored_trip.id, moved, raw=stored.raw, etag=None)
    before = snapshot(store, stored_trip)
    with pytest.raises(ImportError_) as err:
        svc.refresh_schedule(store, stored_trip, timeout=0.5, max_bytes=1024)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)
    assert snapshot(store, stored_trip) == before


def test_import_refused_port_and_bad_schemes(
    store: Store, stored_trip: Trip, imported: Server
) -> None:
    before = snapshot(store, stored_trip)
    port = refused_port()
    cases = {
        f"http://127.0.0.1:{port}/schedule.xml": "refused the connection",
        "ftp://example.org/schedule.xml": "only http:// and https:// URLs",
        "file:///etc/passwd": "file: URLs are not fetched",
        "http://no-such-host.invalid/schedule.xml": "DNS lookup failed",
    }
    for url, expected in cases.items():
        with pytest.raises(ImportError_) as err:
            svc.import_schedule(store, stored_trip, url, timeout=2)
        assert expected in str(err.value), url
        assert str(err.value).startswith(url + ": ")
    assert snapshot(store, stored_trip) == before


def test_fetch_reports_progress_and_accepts_a_client(http_server: Server) -> None:
    import httpx

    body = b"0123456789" * 1000
    http_server.routes["/data"] = lambda h: send(h, 200, body)
    seen: list[tuple[int, int | None]] = []
    with httpx.Client() as client:
        got = fetch_url(
            http_server.url("/data"),
            client=client,
            progress=lambda n, total: seen.append((n, total)),
        )
    assert got.data == body
    assert seen[-1] == (10000, 10000)


def test_fetch_follows_a_short_redirect_chain(http_server: Server) -> None:
    http_server.routes["/a"] = redirect("/b")
    http_server.routes["/b"] = redirect("/c")
    http_server.routes["/c"] = lambda h: send(h, 200, b"payload")
    got = fetch_url(http_server.url("/a"), timeout=2)
    assert got.data == b"payload"
    assert got.url == http_server.url("/c")


def test_fetch_caps_redirects(http_server: Server) -> None:
    for i in range(8):
        http_server.routes[f"/r{i}"] = redirect(f"/r{i + 1}")
    with pytest.raises(ImportError_, match="too many redirects"):
        fetch_url(http_server.url("/r0"), timeout=2)


def test_fetch_caps_gzip_bombs(http_server: Server) -> None:
    import gzip

    packed = gzip.compress(b"a" * 200_000)
    assert len(packed) < 1024
    http_server.routes["/bomb"] = lambda h: send(h, 200, packed, {"Content-Encoding": "gzip"})
    with pytest.raises(ImportError_, match="unpacks to over the 10 KB limit"):
        fetch_url(http_server.url("/bomb"), max_bytes=10 * 1024, timeout=2)


def test_parse_size() -> None:
    assert parse_size("20MB") == 20 * 1024 * 1024
    assert parse_size("512k") == 512 * 1024
    assert parse_size("1000") == 1000
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


def test_max_size_from_environment(http_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    http_server.routes["/big"] = lambda h: send(h, 200, b"x" * 3000)
    monkeypatch.setenv("TRIPKIT_SCHEDULE_MAX_SIZE", "2KB")
    with pytest.raises(ImportError_, match="over the 2 KB limit"):
        fetch_url(http_server.url("/big"), timeout=2)


# --- the CLI: exit 1, one line, no traceback ---------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_import_url_and_refresh(http_server: Server, democon: bytes, home_store: Store) -> None:
    http_server.routes["/schedule.json"] = serve_file(democon)
    url = http_server.url("/schedule.json")
    code, out, err = run("schedule", "import", url, "--timeout", "2")
    assert code == 0, err
    assert f"Imported 36 sessions from {url} (frab-json)." in out
    days = "Days: 3 (Mon 14 Dec 2020 – Wed 16 Dec 2020)"
    assert f"{days}, times in Los Angeles time (PST, UTC-8)" in out
    assert "Rooms: 2; tracks: 2" in out
    code, out, err = run("schedule", "refresh", "--timeout", "2")
    assert code == 0, err
    assert "has not changed on the server (HTTP 304)" in out


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (lambda h: send(h, 500, b"oops"), "the server failed (HTTP 500 Internal Server Error)"),
        (lambda h: send(h, 200, b"hello, world"), "not a schedule format tripkit knows"),
        (slow(2.0), "stopped sending data (nothing for 0.5 s; timed out)"),
        (lambda h: send(h, 200, b"x" * 5000), "over the 1 KB limit"),
        (lambda h: send(h, 404, b"gone"), "not found on the server (HTTP 404 Not Found)"),
        (redirect("/bad"), "the server redirects in a loop"),
    ],
    ids=["500", "not-schedule", "slow", "too-big", "404", "loop"],
)
def test_cli_failures_exit_1_with_one_line(
    http_server: Server, democon: bytes, home_store: Store, route: object, expected: str
) -> None:
    http_server.routes["/schedule.json"] = serve_file(democon)
    code, _, err = run("schedule", "import", http_server.url("/schedule.json"))
    assert code == 0, err
    run("schedule", "star", FIRST_KEY)
    http_server.routes["/bad"] = route  # type: ignore[assignment]
    trip = home_store.get_trip(home_store.current_trip_id() or "")
    before = snapshot(home_store, trip)
    code, out, err = run(
        "schedule", "import", http_server.url("/bad"), "--timeout", "0.5", "--max-size", "1KB"
    )
    assert code == 1
    assert expected in err
    assert err.startswith("tripkit: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(home_store, trip) == before


def test_cli_refuses_bad_schemes(home_store: Store) -> None:
    for url, expected in [
        ("ftp://example.org/s.xml", "only http:// and https://"),
        ("file:///tmp/s.xml", "give the file's path instead"),
    ]:
        code, _, err = run("schedule", "import", url)
        assert code == 1
        assert expected in err and "Traceback" not in err


def test_cli_refused_port(home_store: Store) -> None:
    code, _, err = run("schedule", "import", f"http://127.0.0.1:{refused_port()}/s.json")
    assert code == 1
    assert "refused the connection" in err
