"""The trip report through the real CLI and store: attended vs starred, notes with the
schedule's slides and links, a note on a session a refresh removed, lessons and action
items, Markdown (rendered by markdown-it) and HTML; FOSDEM links from the real corpus."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_sample import HOSTILE_TITLES, SF
from markdown_it import MarkdownIt
from testpaths import TODAY

from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.demo import example_trip
from tripkit.paths import data_dir
from tripkit.services.export import report_document
from tripkit.store import Store


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def programme(trip: Trip, events: list[tuple[str, str, str]]) -> bytes:
    day = trip.conference.first_day
    body = "".join(
        f"""
      <event guid="{guid}" id="{n}">
        <date>{day}T{hhmm}:00-08:00</date><start>{hhmm}</start><duration>00:45</duration>
        <room>Room {n}</room><title>{escape(title)}</title><track>Ops</track>
        <url>https://example.org/talk/{n}</url>
        <persons><person id="{n}">Speaker {n}</person></persons>
        <attachments><attachment type="slides"
          href="https://example.org/slides/{n}.pdf">Slides {n}</attachment></attachments>
        <links><link href="https://video.example.org/{n}.webm">Recording {n}</link>
          <link href="https://chat.example.org/#/room/{n}">Chat room(web)</link>
          <link href="https://pretalx.example.org/x/talk/{n}/feedback/">Submit Feedback</link>
        </links>
      </event>"""
        for n, (guid, hhmm, title) in enumerate(events, 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>DockerCon</title><start>{day}</start><end>{day}</end>
<time_zone_name>{SF}</time_zone_name></conference>
<day index="1" date="{day}"><room name="Hall">{body}</room></day></schedule>""".encode()


EVENTS = [
    ("g1", "09:00", "Keynote"),
    ("g2", "10:00", "Skipped talk"),
    ("g3", "11:00", "Dropped later"),
    ("g4", "14:00", HOSTILE_TITLES[0]),
]


@pytest.fixture
def trip(tmp_path: Path) -> Trip:
    trip = example_trip(TODAY)
    with Store.open(data_dir(None)) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    src = tmp_path / "programme.xml"
    src.write_bytes(programme(trip, EVENTS))
    run("schedule", "import", str(src))
    import json

    keys = {s["title"]: s["id"] for s in json.loads(run("schedule", "list", "--json"))}
    run("schedule", "star", keys["Keynote"], keys["Skipped talk"], keys["Dropped later"])
    run("schedule", "note", keys["Keynote"], "Build cache *everywhere*.\nAsk about SBOMs.")
    run("schedule", "note", keys["Dropped later"], "Good demo; follow up with the speaker.")
    run("schedule", "note", keys[HOSTILE_TITLES[0]], "Heard this one from the hallway.")
    src.write_bytes(programme(trip, [EVENTS[0], EVENTS[1], EVENTS[3]]))
    run("schedule", "refresh")  # "Dropped later" leaves the schedule; its note must not
    return trip


def after(trip: Trip) -> datetime:
    return datetime.combine(
        trip.conference.last_day + timedelta(days=3), datetime.min.time(), tzinfo=UTC
    )


def test_report_attended_notes_links_removed_lessons(trip: Trip) -> None:
    run(
        "export",
        "report",
        "--lessons",
        "Arrive a day early.\nBring a power strip.",
        "--action",
        "Try the build cache in CI",
        "--action",
        "Share the SBOM talk",
        "-o",
        "/dev/null",
    )
    with Store.open(data_dir(None)) as store:
        keys = {s.title: s.key for s in store.sessions(trip.id)}
        # The "mark attended" record belongs to the store: here the caller says which.
        md = report_document(
            store,
            trip,
            lang="en",
            now=after(trip),
            attended={keys["Keynote"], keys[HOSTILE_TITLES[0]]},
        )
        default = report_document(store, trip, lang="en", now=after(trip))
    attended = md.split("## Sessions attended")[1].split("## Starred but not attended")[0]
    assert "### Keynote" in attended
    assert "Build cache \\*everywhere\\*.  \nAsk about SBOMs." in attended
    assert "- [Slides 1](<https://example.org/slides/1.pdf>)" in attended
    assert "- [Recording 1](<https://video.example.org/1.webm>)" in attended
    assert "Chat room" not in md and "feedback" not in md.lower()
    assert "### \\<script\\>alert(1)\\</script\\>" in attended  # attended though not starred
    missed = md.split("## Starred but not attended")[1]
    assert "**Skipped talk**" in missed.split("\n## ")[0]
    removed = md.split("## Notes on sessions removed from the schedule")[1].split("\n## ")[0]
    assert "### Dropped later *(Tue 12 Jan 2027 11:00 PST)*" in removed
    assert "Good demo; follow up with the speaker." in removed
    assert "## Lessons\n\nArrive a day early.  \nBring a power strip." in md
    assert "- [ ] Try the build cache in CI\n- [ ] Share the SBOM talk" in md
    assert "Attended 2 of 2 starred sessions; notes on 2." in md
    # By default, after the fact, the starred sessions that took place count as attended.
    assert "Attended 2 of 2 starred sessions; notes on 1." in default
    assert "## Starred but not attended" not in default
    # Markdown renders as intended.
    html = MarkdownIt("commonmark").render(md)
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in html
    assert '<a href="https://example.org/slides/1.pdf">Slides 1</a>' in html
    assert "<script>" not in html


def test_report_as_html_and_in_japanese(trip: Trip, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run("export", "report", "--lang", "ja", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html
    assert "<h2>概要</h2>" in html
    assert "プログラムから削除されたセッションのメモ" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "フライト: NH8 NRT → SFO" in html


@pytest.mark.corpus
def test_fosdem_links_come_from_the_real_programme(corpus: Path) -> None:
    from tripkit.exporters.session_links import session_links

    links = session_links((corpus / "frab-xml" / "fosdem-2025.xml").read_bytes())
    slides = [u for found in links.values() for _, u in found if "/slides/" in u]
    assert len(slides) >= 10
    assert not [
        u
        for found in links.values()
        for _, u in found
        if "chat.fosdem.org" in u or u.rstrip("/").endswith("/feedback")
    ]
    assert (
        session_links(
            b"<schedule><event guid='x'><links><link href='javascript:x'>"
            b"</link></links></event></schedule>"
        )
        == {}
    )
    assert session_links(b"<not xml") == {}
