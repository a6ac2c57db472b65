"""From a conference's web page to its machine-readable schedule, and paginated API answers
joined into one document. Used by `fetch.load` for URLs.

Discovery (a page instead of a schedule): the page's links are searched, in this order, for
* a pretalx/frab export ``…/schedule/export/schedule.xml`` (then ``.json``, ``.ics``),
* an Indico export ``/export/event/<id>.json`` or ``/event/<id>/event.ics``,
* a Sessionize API address ``https://sessionize.com/api/v2/<id>/view/…`` (an embed script or a
  link; the same endpoint's ``view/All`` is used),
* any other link to a ``schedule.xml``/``pentabarf.xml``/``fahrplan`` file;
then the page's own address is used: an Indico page ``/event/<id>/`` gives
``/export/event/<id>.json?detail=contributions``, a pretalx page ``/<slug>/`` gives
``/<slug>/schedule/export/schedule.xml``. Candidates are tried in that order; the first that
answers with something other than HTML is used, and `Fetched.note` names it and the page.

Pagination: an answer ``{"count", "next", "previous", "results": [...]}`` (the pretalx API)
has its ``next`` pages fetched (same server only, the size cap over all pages together) and
their ``results`` joined into one answer.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from tripkit.errors import ImportError_, Msg
from tripkit.importers.fetch import Fetched, human_size

MAX_PAGES = 200
MAX_CANDIDATES = 6

_ATTR = re.compile(r"""(?:href|src|content|data-[a-z-]+)\s*=\s*["']([^"'<>]{1,2000})["']""", re.I)
# A Sessionize API address (an embed script or a link): https://sessionize.com/api/v2/<id>/view/…
_SESSIONIZE = re.compile(r"(https?://[^/\s\"'<>]+)/api/v2/([A-Za-z0-9]{4,40})/view/", re.I)
_INDICO_EXPORT = re.compile(r"/export/event/(\d+)\.json", re.I)
_INDICO_ICS = re.compile(r"/event/(\d+)/event\.ics", re.I)
_INDICO_PAGE = re.compile(r"^/event/(\d+)(?:/|$)")


@dataclass(frozen=True)
class Candidate:
    url: str
    label: str


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<!--") and b"<html" in head
    )


def candidates(page_url: str, page: str) -> list[Candidate]:
    """Where the schedule of the conference on this page may be, most likely first (pure)."""
    links = [urljoin(page_url, html.unescape(m)) for m in _ATTR.findall(page)]
    links += [m.group(0) for m in _SESSIONIZE.finditer(page)]
    found: list[tuple[int, Candidate]] = []

    def add(rank: int, url: str, label: str) -> None:
        if urlsplit(url).scheme in ("http", "https"):
            found.append((rank, Candidate(url, label)))

    for link in links:
        path = urlsplit(link).path.lower()
        for rank, ending, label in (
            (0, "/schedule/export/schedule.xml", "frab schedule.xml"),
            (1, "/schedule/export/schedule.json", "frab schedule.json"),
            (3, "/schedule/export/schedule.ics", "iCalendar"),
        ):
            if path.endswith(ending):
                add(rank, link, f"the pretalx {label} export")
        if m := _INDICO_EXPORT.search(path):
            url = link if "detail=" in link else link.split("?")[0] + "?detail=contributions"
            add(1, url, f"the Indico export of event {m[1]}")
        elif m := _INDICO_ICS.search(path):
            add(3, link, f"the Indico calendar of event {m[1]}")
        if m := _SESSIONIZE.match(link):
            add(
                1,
                f"{m[1]}/api/v2/{m[2]}/view/All",
                f"the Sessionize API (endpoint {m[2]}, view/All)",
            )
        elif path.endswith(("schedule.xml", "pentabarf.xml")) or (
            "fahrplan" in path and path.endswith((".xml", ".json"))
        ):
            add(2, link, "a schedule file linked from the page")
    parts = urlsplit(page_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    lowered = page.lower()
    if (m := _INDICO_PAGE.match(parts.path)) and "indico" in lowered:
        add(
            4,
            f"{origin}/export/event/{m[1]}.json?detail=contributions",
            f"the Indico export of event {m[1]}",
        )
    slug = parts.path.strip("/").split("/")[0] if parts.path.strip("/") else ""
    if slug and "pretalx" in lowered and re.fullmatch(r"[A-Za-z0-9_-]{1,100}", slug):
        add(
            5,
            f"{origin}/{slug}/schedule/export/schedule.xml",
            "the pretalx frab schedule.xml export",
        )
    out: list[Candidate] = []
    for _rank, c in sorted(found, key=lambda rc: rc[0]):
        if c.url not in (x.url for x in out):
            out.append(c)
    return out[:MAX_CANDIDATES]


def follow_page(first: Fetched, get: Callable[..., Fetched], source: str, cap: int) -> Fetched:
    """The schedule that the web page `first` leads to (see the module docstring)."""
    assert first.data is not None
    page = first.data[:5_000_000].decode("utf-8", "replace")
    tried: list[str] = []
    for c in candidates(first.url, page):
        try:
            got = get(c.url)
        except ImportError_ as e:
            tried.append(f"{c.url} ({e.message})")  # English: a detail for the curious
            continue
        note = Msg(
            "{source} is a web page; the schedule found on it was used: {url} ({label})",
            source=source,
            url=c.url,
            label=c.label,
        )
        if got.data is None:
            return replace(got, note=note)
        if looks_like_html(got.data):
            tried.append(f"{c.url} (a web page again)")
            continue
        joined = join_pages(got, get, cap, c.url)
        return replace(joined, note=note)
    detail = f"; tried {'; '.join(tried[:3])}" if tried else ""
    raise ImportError_(
        "this address is a web page, not a frab/Pentabarf schedule or another schedule format, "
        "and no schedule export (pretalx, Indico or Sessionize) was found on it; give the "
        "schedule's own address, e.g. .../schedule/export/schedule.xml{detail}",
        where=source,
        detail=detail,
    )


def join_pages(first: Fetched, get: Callable[..., Fetched], cap: int, source: str) -> Fetched:
    """`first` with the results of its `next` pages appended, when it is a paginated answer."""
    data = first.data
    if (
        data is None
        or data.lstrip()[:1] != b"{"
        or b'"next"' not in data
        or b'"results"' not in data
    ):
        return first
    try:
        doc = json.loads(data)
    except ValueError:
        return first  # the importer will say what is wrong with it
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("results"), list)
        or not isinstance(doc.get("next"), str)
        or not doc["next"]
    ):
        return first
    host = urlsplit(first.url).netloc
    results: list[object] = list(doc["results"])
    total = len(data)
    seen = {first.url}
    current = first.url
    pages = 1
    nxt = doc.get("next")
    while isinstance(nxt, str) and nxt:
        url = urljoin(current, nxt)
        if urlsplit(url).netloc != host:
            raise ImportError_(
                f"the next page of results is on another server ({url})", where=source
            )
        if url in seen:
            raise ImportError_(
                f"the pages of results go round in a loop (back to {url})", where=source
            )
        pages += 1
        if pages > MAX_PAGES:
            raise ImportError_(f"more than {MAX_PAGES} pages of results", where=source)
        seen.add(url)
        got = get(url, False)
        if got.data is None:  # pragma: no cover - unconditional requests are never 304
            break
        total += len(got.data)
        if total > cap:
            raise ImportError_(
                f"the pages of results together are over the {human_size(cap)} limit", where=source
            )
        try:
            page = json.loads(got.data)
        except ValueError as e:
            raise ImportError_(
                f"page {pages} of the results is not valid JSON ({e})", where=url
            ) from None
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise ImportError_(f'page {pages} of the results has no "results" list', where=url)
        results.extend(page["results"])
        current = got.url
        nxt = page.get("next")
    doc.update(results=results, next=None, previous=None, count=len(results))
    joined = json.dumps(doc, ensure_ascii=False).encode()
    note = Msg("{n} page of results was joined", plural="{n} pages of results were joined", n=pages)
    return replace(first, data=joined, note=note)
