"""From a conference's home page to its schedule, and paginated pretalx API answers, against a
real HTTP server on 127.0.0.1 serving pages shaped like pretalx, Indico and Sessionize ones
and the real samples of ../shared/corpus/schedules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from local_site import Site

from tripkit.errors import ImportError_
from tripkit.importers import parse
from tripkit.importers.discover import candidates
from tripkit.importers.fetch import load

HTML = "text/html; charset=utf-8"


def page(body: str, title: str = "Conference") -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    ).encode()


def test_pretalx_event_page_with_export_links(site: Site, corpus: Path):
    democon = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    site.routes["/democon/"] = (
        page(
            '<nav><a href="/democon/cfp">Call for Proposals</a> <a href="/democon/schedule/">'
            'Schedule</a></nav><a href="/democon/schedule/export/schedule.json">JSON</a> '
            '<a href="/democon/schedule/export/schedule.ics">iCal</a>'
            '<footer>powered by <a href="https://pretalx.com">pretalx</a></footer>'
        ),
        HTML,
    )
    site.routes["/democon/schedule/export/schedule.json"] = (democon, "application/json")
    got = load(site.url("/democon/"), timeout=5)
    assert got.data == democon
    assert got.url == site.url("/democon/schedule/export/schedule.json")
    assert "schedule/export/schedule.json (the pretalx frab schedule.json export)" in got.note
    assert got.note.startswith(site.url("/democon/") + " is a web page")
    assert len(parse(got.data, source=got.url).sessions) == 36


def test_pretalx_home_page_without_links_uses_the_standard_export(site: Site, corpus: Path):
    xml = (corpus / "frab-xml/fosdem-2026.xml").read_bytes()
    site.routes["/fosdem-2026/"] = (
        page("<h1>FOSDEM 2026</h1><p>Submit a talk!</p><footer>powered by pretalx</footer>"),
        HTML,
    )
    site.routes["/fosdem-2026/schedule/export/schedule.xml"] = (xml, "application/xml")
    got = load(site.url("/fosdem-2026/"), timeout=5)
    assert got.url.endswith("/fosdem-2026/schedule/export/schedule.xml")
    assert len(parse(got.data or b"", source=got.url).sessions) == 883


def test_indico_event_page_uses_the_export_api(site: Site, corpus: Path):
    fel = (corpus / "next/indico-json/jacow-fel2022-event-44-detail-sessions.json").read_bytes()
    site.routes["/event/44/"] = (
        page(
            '<div class="event-header">FEL2022</div><a href="/event/44/timetable/">Timetable</a>'
            "<footer>Powered by Indico</footer>",
            "FEL2022 · Indico",
        ),
        HTML,
    )
    site.routes["/export/event/44.json?detail=contributions"] = (fel, "application/json")
    got = load(site.url("/event/44/"), timeout=5)
    assert got.url == site.url("/export/event/44.json?detail=contributions")
    assert "the Indico export of event 44" in got.note
    s = parse(got.data or b"", source=got.url)
    assert (s.format, len(s.sessions)) == ("indico-json", 256)


def test_sessionize_embed_names_the_api_endpoint(site: Site, corpus: Path):
    demo = (corpus / "sessionize/demo-All.json").read_bytes()
    embed = site.url("/api/v2/jl4ktls0/view/GridSmart")
    site.routes["/conference"] = (
        page(f'<h2>Agenda</h2><script type="text/javascript" src="{embed}"></script>'),
        HTML,
    )
    site.routes["/api/v2/jl4ktls0/view/All"] = (demo, "application/json")
    got = load(site.url("/conference"), timeout=5)
    assert got.url == site.url("/api/v2/jl4ktls0/view/All")
    assert "Sessionize API (endpoint jl4ktls0, view/All)" in got.note
    assert len(parse(got.data or b"", source=got.url).sessions) == 11
    # On the real site the endpoint's own host is used.
    (c,) = candidates(
        "https://example.org/",
        '<script src="https://sessionize.com/api/v2/abc123/view/GridSmart"></script>',
    )
    assert c.url == "https://sessionize.com/api/v2/abc123/view/All"


def test_a_page_with_no_schedule_says_so_and_tries_nothing_else(site: Site):
    site.routes["/portal"] = (page("<form>Log in to the hotel Wi-Fi</form>"), HTML)
    with pytest.raises(ImportError_, match="web page, not a frab/Pentabarf schedule") as e:
        load(site.url("/portal"), timeout=5)
    assert e.value.where == site.url("/portal")
    assert site.hits == ["/portal"]


def test_a_dead_export_link_is_reported(site: Site):
    site.routes["/x/"] = (page('<a href="/x/schedule/export/schedule.xml">XML</a>'), HTML)
    with pytest.raises(ImportError_, match="no schedule export") as e:
        load(site.url("/x/"), timeout=5)
    assert "HTTP 404" in e.value.message


def pretalx_pages(site: Site, talks: list[object], size: int) -> None:
    chunks = [talks[i : i + size] for i in range(0, len(talks), size)]
    for n, chunk in enumerate(chunks, 1):
        path = "/api/events/juliacon2023/talks/" + (f"?page={n}" if n > 1 else "")
        nxt = site.url(f"/api/events/juliacon2023/talks/?page={n + 1}") if n < len(chunks) else None
        body = {"count": len(talks), "next": nxt, "previous": None, "results": chunk}
        site.routes[path] = (json.dumps(body).encode(), "application/json")


def test_pretalx_api_pages_are_joined(site: Site, corpus: Path):
    talks = json.loads((corpus / "next/pretalx-api/juliacon2023-talks.json").read_bytes())
    pretalx_pages(site, talks, 50)  # pretalx's largest page size
    got = load(site.url("/api/events/juliacon2023/talks/"), timeout=5)
    assert got.note == "7 pages of results were joined"
    assert len(site.hits) == 7
    s = parse(got.data or b"", source=got.url)
    assert s.format == "pretalx-api" and len(s.sessions) == 341
    assert [x.key for x in s.sessions] == [t["code"] for t in talks]  # order kept


def test_pagination_refuses_loops_and_other_servers(site: Site):
    loop = {"count": 2, "next": site.url("/p1"), "previous": None, "results": [{}]}
    site.routes["/p1"] = (json.dumps(loop).encode(), "application/json")
    with pytest.raises(ImportError_, match="loop"):
        load(site.url("/p1"), timeout=5)
    away = {"count": 2, "next": "http://192.0.2.1/p2", "previous": None, "results": [{}]}
    site.routes["/a"] = (json.dumps(away).encode(), "application/json")
    with pytest.raises(ImportError_, match="another server"):
        load(site.url("/a"), timeout=5)


def test_schedule_import_of_a_home_page_says_which_schedule_it_used(
    site: Site, corpus: Path, store, demo_trip
):  # noqa: ANN001
    from tripkit.services import schedule as svc

    democon = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    site.routes["/democon/"] = (
        page('<a href="/democon/schedule/export/schedule.json">JSON</a><footer>pretalx</footer>'),
        HTML,
    )
    site.routes["/democon/schedule/export/schedule.json"] = (democon, "application/json")
    store.put_trip(demo_trip)
    result = svc.import_schedule(store, demo_trip, site.url("/democon/"), timeout=5)
    assert result.count == 36
    assert result.schedule.warnings[0] == (
        f"{site.url('/democon/')} is a web page; the schedule found on it was used: "
        f"{site.url('/democon/schedule/export/schedule.json')} (the pretalx frab schedule.json "
        "export)"
    )
