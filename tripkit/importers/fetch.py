"""Getting a schedule's bytes: from a local file or over http(s), defensively.

Only http and https are fetched. Redirects are followed by hand (at most MAX_REDIRECTS, each
target's scheme checked, loops named as loops). The size cap is enforced while the body
streams in, not after, so a huge or endless response cannot fill memory. Every failure is an
`ImportError_` with one sentence a person can act on, naming the URL or path.

`fetch_url` takes an optional httpx.Client (tests, the TUI's worker) and a progress callback
`progress(received_bytes, total_bytes_or_None)`.
"""

from __future__ import annotations

import os
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack
from urllib.parse import urljoin, urlsplit

from tripkit import __version__
from tripkit.errors import ImportError_, Msg

if TYPE_CHECKING:  # httpx is imported when a URL is fetched: it slows every command's start
    import httpx

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_SIZE_ENV = "TRIPKIT_SCHEDULE_MAX_SIZE"  # e.g. "50MB", "800KB", "1000000"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 300.0  # a server that dribbles bytes never trips the read timeout
USER_AGENT = f"tripkit/{__version__} (+schedule import)"

Progress = Callable[[int, int | None], None]


class FetchOptions(TypedDict, total=False):
    """How a schedule is fetched: `fetch_url`'s options, passed through unchanged by `load`
    and the services from the CLI and TUI (listed once, so that each layer need not)."""

    max_bytes: int | None  # None: the configured limit (max_bytes_setting)
    timeout: float | httpx.Timeout | None
    client: httpx.Client | None
    progress: Progress | None


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$", re.IGNORECASE)
_UNITS = {
    None: 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
}


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back. `data` is None when the server said 304 Not Modified."""

    data: bytes | None
    url: str  # the final URL after redirects (the path for a file)
    etag: str | None = None
    last_modified: str | None = None
    # Said to the user when the schedule was not the address given: "found ... on the page".
    note: str = ""

    @property
    def not_modified(self) -> bool:
        return self.data is None


def parse_size(text: str) -> int:
    """'20MB', '512k', '1000' -> bytes. ValueError with a readable message otherwise."""
    m = _SIZE.match(text or "")
    if not m:
        raise ValueError(f"{text!r} is not a size like 20MB, 500KB or 1000000")
    value = int(float(m[1]) * _UNITS[m[2].lower() if m[2] else None])
    if value <= 0:
        raise ValueError(f"{text!r}: the size must be above zero")
    return value


def max_bytes_setting(explicit: int | None = None) -> int:
    """The size cap: the explicit value, else TRIPKIT_SCHEDULE_MAX_SIZE, else 20 MB."""
    if explicit is not None:
        return explicit
    env = os.environ.get(MAX_SIZE_ENV)
    if env:
        try:
            return parse_size(env)
        except ValueError as exc:
            raise ImportError_("{name}: {detail}", name=MAX_SIZE_ENV, detail=str(exc)) from None
    return DEFAULT_MAX_BYTES


def human_size(n: int) -> str:
    if n >= 1024**2:
        return f"{n / 1024**2:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def is_url(text: str) -> bool:
    """True for anything with a URL scheme (http:, ftp:, file:...), so that it is not taken
    for a file name. A Windows drive letter ("C:\\...") is not a scheme."""
    m = _SCHEME.match(text.strip())
    return m is not None and len(m[1]) > 1


def check_url(url: str) -> str:
    """The URL if tripkit may fetch it; otherwise ImportError_ saying why."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "file":
        raise ImportError_("file: URLs are not fetched; give the file's path instead", where=url)
    if scheme not in ("http", "https"):
        raise ImportError_(
            "only http:// and https:// URLs can be imported, not {scheme}:",
            where=url,
            scheme=scheme,
        )
    if not parts.hostname:
        raise ImportError_("the URL has no host name", where=url)
    return url.strip()


def read_file(path: str | Path, *, max_bytes: int | None = None) -> Fetched:
    """A local file's bytes, refusing missing, unreadable and oversized files."""
    cap = max_bytes_setting(max_bytes)
    p = Path(path).expanduser()
    where = str(path)
    try:
        if not p.exists():
            raise ImportError_("no such file", where=where)
        if p.is_dir():
            raise ImportError_("this is a folder, not a schedule file", where=where)
        size = p.stat().st_size
        if size > cap:
            raise ImportError_(
                "the file is {size}, over the {limit} limit (raise it with --max-size or {env})",
                where=where,
                size=human_size(size),
                limit=human_size(cap),
                env=MAX_SIZE_ENV,
            )
        with p.open("rb") as fh:
            data = fh.read(cap + 1)
    except PermissionError:
        raise ImportError_("cannot read the file: permission denied", where=where) from None
    except OSError as exc:
        raise ImportError_(
            "cannot read the file: {detail}", where=where, detail=exc.strerror or exc
        ) from None
    if len(data) > cap:  # it grew while we looked, or is a device
        raise ImportError_("the file is over the {limit} limit", where=where, limit=human_size(cap))
    return Fetched(data, str(p))


def _causes(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in out:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def _transport_message(exc: httpx.TransportError, host: str, timeout: httpx.Timeout) -> Msg:
    """One sentence for a network failure: DNS, refused, timeout, TLS, broken connection."""
    import ssl

    import httpx

    chain = _causes(exc)
    text = " ".join(str(e) for e in chain).lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return Msg(
            "could not connect to {host} within {seconds} s (timed out)",
            host=host,
            seconds=f"{timeout.connect:g}",
        )
    if isinstance(exc, httpx.ReadTimeout):
        return Msg(
            "{host} stopped sending data (nothing for {seconds} s; timed out)",
            host=host,
            seconds=f"{timeout.read:g}",
        )
    if isinstance(exc, httpx.TimeoutException):
        return Msg("the request to {host} timed out", host=host)
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
        s in text
        for s in (
            "name or service not known",
            "nodename nor servname",
            "temporary failure in name resolution",
            "getaddrinfo failed",
            "no address associated",
        )
    ):
        return Msg(
            "cannot find the server {host} (DNS lookup failed); check the address and your "
            "connection",
            host=host,
        )
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "connection refused" in text:
        return Msg("{host} refused the connection (nothing is listening there)", host=host)
    if any(isinstance(e, ssl.SSLError) for e in chain) or "certificate" in text:
        return Msg("the secure connection to {host} failed (TLS/certificate problem)", host=host)
    if isinstance(exc, httpx.ConnectError):
        return Msg("cannot connect to {host}: {detail}", host=host, detail=chain[-1])
    return Msg(
        "the connection to {host} broke: {detail}",
        host=host,
        detail=chain[-1] or type(exc).__name__,
    )


def fetch_url(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET a schedule over http(s). With etag/last_modified the request is conditional and a
    304 gives `Fetched(data=None)`. Raises ImportError_ for every failure."""
    import httpx

    cap = max_bytes_setting(max_bytes)
    if timeout is None:
        tmo = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    elif isinstance(timeout, httpx.Timeout):
        tmo = timeout
    else:
        tmo = httpx.Timeout(timeout)
    current = check_url(url)
    # Only encodings _decode() can undo under the size cap (not br/zstd).
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client if client is not None else httpx.Client(timeout=tmo, trust_env=True)
    deadline = time.monotonic() + max(TOTAL_TIMEOUT, (tmo.read or 0) * 2)
    seen = {current}
    try:
        for _hop in range(max_redirects + 1):
            host = urlsplit(current).hostname or current
            try:
                request = http.build_request("GET", current, headers=headers, timeout=tmo)
                response = http.send(request, stream=True, follow_redirects=False)
            except httpx.InvalidURL as exc:
                raise ImportError_(
                    "not a valid URL ({detail})", where=url, detail=str(exc)
                ) from None
            except httpx.TransportError as exc:
                raise ImportError_(_transport_message(exc, host, tmo), where=url) from None
            try:
                if response.has_redirect_location:
                    target = urljoin(current, response.headers.get("location", ""))
                    try:
                        check_url(target)
                    except ImportError_ as exc:
                        raise ImportError_(
                            "redirected to a URL tripkit will not fetch: {reason}",
                            where=url,
                            reason=exc.msg,
                        ) from None
                    if target in seen:
                        raise ImportError_(
                            "the server redirects in a loop (back to {target})",
                            where=url,
                            target=target,
                        )
                    seen.add(target)
                    current = target
                    continue
                if response.status_code == 304:
                    return Fetched(
                        None,
                        current,
                        response.headers.get("etag") or etag,
                        response.headers.get("last-modified") or last_modified,
                    )
                if response.status_code >= 300:
                    raise ImportError_(_status_message(response), where=url)
                data = _read_body(response, cap, url, host, tmo, deadline, progress)
                return Fetched(
                    data,
                    current,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
            finally:
                response.close()
        raise ImportError_("too many redirects (more than {n})", where=url, n=max_redirects)
    finally:
        if own:
            http.close()


def _status_message(response: httpx.Response) -> Msg:
    code = response.status_code
    status = f"{code} {response.reason_phrase or ''}".strip()  # "404 Not Found"
    if code == 404:
        return Msg("not found on the server (HTTP {status}); check the URL", status=status)
    if code in (401, 403):
        return Msg(
            "the server refused access (HTTP {status}); the schedule may not be public",
            status=status,
        )
    if code == 429:
        return Msg("the server says too many requests (HTTP 429); try again later")
    if code >= 500:
        return Msg("the server failed (HTTP {status}); try again later", status=status)
    if code < 400:
        return Msg("the server answered HTTP {status} without a usable redirect", status=status)
    return Msg("the server refused the request (HTTP {status})", status=status)


def _read_body(
    response: httpx.Response,
    cap: int,
    url: str,
    host: str,
    tmo: httpx.Timeout,
    deadline: float,
    progress: Progress | None,
) -> bytes:
    import httpx

    too_big = Msg(
        "the download is over the {limit} limit (raise it with --max-size or {env})",
        limit=human_size(cap),
        env=MAX_SIZE_ENV,
    )
    declared: int | None = None
    length = response.headers.get("content-length")
    if length and length.isdigit():
        declared = int(length)
        if declared > cap:
            raise ImportError_(
                "the server announces {size}; {problem}",
                where=url,
                size=human_size(declared),
                problem=too_big,
            )
    chunks: list[bytes] = []
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > cap:
                raise ImportError_(too_big, where=url)
            if time.monotonic() > deadline:
                raise ImportError_("the download from {host} took too long", where=url, host=host)
            chunks.append(chunk)
            if progress is not None:
                progress(received, declared)
    except httpx.TransportError as exc:
        raise ImportError_(_transport_message(exc, host, tmo), where=url) from None
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "").lower().strip()
    if encoding in ("", "identity"):
        return raw
    return _decode(raw, encoding, cap, url)


def _decode(raw: bytes, encoding: str, cap: int, url: str) -> bytes:
    """Undo gzip/deflate with the same cap on the decoded size (a small gzip can be huge)."""
    import zlib

    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ImportError_(
            "the server sent an unsupported encoding {encoding!r}", where=url, encoding=encoding
        )
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(raw, cap + 1)
    except zlib.error as exc:
        raise ImportError_(
            "the compressed download is damaged ({detail})", where=url, detail=str(exc)
        ) from None
    if len(out) > cap or d.unconsumed_tail:
        raise ImportError_(
            "the download unpacks to over the {size} limit", where=url, size=human_size(cap)
        )
    return out


def load(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    **options: Unpack[FetchOptions],
) -> Fetched:
    """Bytes of a schedule from a URL (http/https only) or a local path.

    For a URL, two things happen after the first response (see `tripkit.importers.discover`):
    a paginated API answer (``{"count", "next", "results"}``, pretalx) has its ``next`` pages
    fetched and joined into one document; an HTML page (a conference's home page on pretalx,
    Indico or Sessionize) is searched for its machine-readable schedule, which is fetched
    instead, and `Fetched.note` says which one was used.
    """
    max_bytes = options.get("max_bytes")
    if not is_url(source):
        return read_file(source, max_bytes=max_bytes)
    from tripkit.importers import discover

    def get(url: str, conditional: bool = True) -> Fetched:
        return fetch_url(
            url,
            etag=etag if conditional else None,
            last_modified=last_modified if conditional else None,
            **options,
        )

    first = get(source)
    if first.data is None:
        return first
    cap = max_bytes_setting(max_bytes)
    if discover.looks_like_html(first.data):
        return discover.follow_page(first, get, source, cap)
    return discover.join_pages(first, get, cap, source)
