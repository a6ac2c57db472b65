"""Fixtures for the TUI tests: a store with the example trip, a small programme on its days,
a fixed clock, and a helper that reads what the screen shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from tripkit.core.models import Schedule, Session, Speaker, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.store import Store

# 2026-11-27 12:00 JST: before the example trip (it departs 2027-01-11 17:05 JST).
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
SF = "America/Los_Angeles"
HOSTILE = "[@click=app.quit]x[/]"


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursors: screenshots must not depend on timing."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def at_sf(text: str) -> datetime:
    """A local time in San Francisco (the example conference's zone)."""
    return parse_zoned(text, default_zone=SF)


def small_schedule() -> Schedule:
    """Five sessions on the example conference's first day (Tue 12 Jan 2027, San Francisco).

    k1 09:00-10:00 and k2 09:30-10:30 overlap; k3 11:00-11:30 is free; k4 is on day two and
    needs registration; k5 has a title made of Textual markup.
    """
    return Schedule(
        title="Example programme",
        source="test",
        format="frab-json",
        tz=SF,
        sessions=[
            Session(
                key="k1",
                title="Keynote: containers everywhere",
                start=at_sf("2027-01-12 09:00"),
                end=at_sf("2027-01-12 10:00"),
                room="Hall A",
                track="Main",
                languages=["en"],
                speakers=[Speaker(name="Ada Example")],
                abstract="Opening keynote.",
            ),
            Session(
                key="k2",
                title="Rootless builds in depth",
                start=at_sf("2027-01-12 09:30"),
                end=at_sf("2027-01-12 10:30"),
                room="Room 2",
                track="Build",
                languages=["en"],
            ),
            Session(
                key="k3",
                title="コンテナ入門",
                start=at_sf("2027-01-12 11:00"),
                end=at_sf("2027-01-12 11:30"),
                room="Room 3",
                track="Build",
                languages=["ja"],
                abstract="日本語のセッションです。",
            ),
            Session(
                key="k4",
                title="Hands-on lab: Compose",
                start=at_sf("2027-01-13 13:00"),
                end=at_sf("2027-01-13 15:00"),
                room="Lab",
                track="Labs",
                languages=["en"],
                needs_registration=True,
            ),
            Session(
                key="k5",
                title=HOSTILE,
                start=at_sf("2027-01-13 16:00"),
                end=at_sf("2027-01-13 16:30"),
                room="[b]Room[/b]",
                track="Main",
                languages=["en"],
                abstract="[red]not red[/red] \x1b[31m",
            ),
        ],
    )


@pytest.fixture
def tui_store(store: Store, demo_trip: Trip) -> Store:
    store.put_trip(demo_trip)
    store.set_current_trip(demo_trip.id)
    return store


@pytest.fixture
def with_schedule(tui_store: Store, demo_trip: Trip) -> Store:
    tui_store.put_schedule(demo_trip.id, small_schedule())
    return tui_store


@pytest.fixture
def make_app(tui_store: Store) -> Iterator[object]:
    from tripkit.tui.app import TripkitApp

    def make(store: Store | None = None, **kw: object) -> TripkitApp:
        kw.setdefault("now", NOW)
        kw.setdefault("lang", "en")
        kw.setdefault("keymap", {})
        return TripkitApp(store or tui_store, **kw)  # type: ignore[arg-type]

    yield make


def screen_text(app: object) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join(s.text.rstrip() for s in strips)


@pytest.fixture
def corpus_file(corpus: Path) -> Path:
    return corpus / "frab-json" / "pretalx-democon.json"


def focused_id(app: Any) -> str:
    """The id of the focused widget ("" when nothing has focus or it has no id)."""
    focused = app.screen.focused
    return (focused.id or "") if focused is not None else ""


async def fill_fields(pilot: Any, *values: str | None) -> None:
    """Type each value into the focused field (replacing its text), then Tab; None: just Tab."""
    for value in values:
        if value is not None:
            await pilot.press("ctrl+a", "ctrl+k")  # to the start, delete to the end
            await type_text(pilot, value)
        await pilot.press("tab")
    await pilot.pause()


async def type_text(pilot: object, text: str) -> None:
    """Type `text` into the focused field: one key event per character, sent through the
    driver exactly as `pilot.press` sends it, but without `pilot.press`'s two idle waits (and
    screen refresh) after every character, which made typing a path cost seconds.

    Only for characters that the focused field takes (no Tab, Enter or screen keys): each key
    is forwarded to the focused widget in order, so the focus must not move while typing.
    """
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app  # type: ignore[attr-defined]
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()  # type: ignore[attr-defined]


async def wait_until(pilot: object, condition: object, limit: float = 10.0) -> None:
    """Let the app work until `condition()` holds (the machine may be slow); fail after timeout."""
    import time

    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)  # type: ignore[attr-defined]
