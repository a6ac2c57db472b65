"""TripkitApp: wiring only. Screens do the showing, tripkit.services do the work.

Every screen is a Textual mode, built the first time it is shown, so that start-up pays only for
the overview. The clock is injected (`now=`) so that tests and snapshots are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tripkit.tui.actions import SCREENS
from tripkit.tui.messages import TripChanged

if TYPE_CHECKING:
    from tripkit.core.models import Trip
    from tripkit.core.tripview import TripView
    from tripkit.store import Store


def _trip_commands() -> Any:
    from tripkit.tui.commands import TripCommands  # deferred: textual.command is slow to import

    return TripCommands


RELABEL = "relabel"  # a mode shown for a moment while the screens are rebuilt


class TripkitApp(App[None]):
    """The whole trip in one keyboard-driven terminal app."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "tripkit"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_trip_commands}
    DEFAULT_MODE = "overview"

    def __init__(
        self,
        store: Store,
        *,
        lang: str | None = None,
        now: datetime | Callable[[], datetime] | None = None,
        trip_id: str | None = None,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        from tripkit.i18n import resolve_lang
        from tripkit.tui.linebreak import install as install_line_breaking

        install_line_breaking()  # Japanese wraps between characters, not only at spaces

        self.store = store
        self._clock = now
        self.show_home = False
        today = self.now().date() if now is not None else None
        from tripkit.services import tripinfo, tui_support

        if trip_id is not None:
            tui_support.open_trip(store, trip_id)
        self.trip_id = tui_support.trip_to_open(store, today)
        configured = store.get_setting("lang")  # the traveller's language only when unset
        traveller = None if configured else tripinfo.traveller_language(store, self.trip_id)
        self.lang: str = resolve_lang(lang, configured, traveller)
        self._trip: Trip | None = None
        self._view: TripView | None = None
        self._anchors: tuple[Trip, Any] | None = None
        self._tk_schedule: tuple[str, Any] | None = None
        self._keymap_override = keymap
        self.editor: Any = None  # the trip editor, once built: its draft is kept on quitting
        self.editor_state: Any = None  # its form, carried over a change of language
        self.user_keymap: dict[str, str] = {}
        self.ready = False  # set after the first frame; screens load their data from then on
        self._theme_choice = theme or store.get_setting("tui.theme") or "textual-dark"
        for mode, _key, _title in SCREENS:
            self.add_mode(mode, partial(self._build_screen, mode))

    def _build_screen(self, mode: str) -> Screen[Any]:
        """A main screen, built the first time it is shown (its module is imported then)."""
        from tripkit.tui.screens import screen_class

        return screen_class(mode, self.lang)()

    # --- shared helpers the screens use ------------------------------------------------------

    def t(self, text: str, **values: object) -> str:
        """`text` in the UI language."""
        from tripkit.i18n import tr

        return tr(text, self.lang, **values)

    def now(self) -> datetime:
        """The current instant, always with an IANA zone (the models refuse bare offsets)."""
        if self._clock is None:
            from tripkit.core.zoned import now_utc

            now = now_utc()
        elif callable(self._clock):
            now = self._clock()
        else:
            now = self._clock
        from zoneinfo import ZoneInfo

        return now if isinstance(now.tzinfo, ZoneInfo) else now.astimezone(ZoneInfo("UTC"))

    @property
    def trip(self) -> Trip:
        if self._trip is None or self._trip.id != self.trip_id:
            self._trip = self.store.get_trip(self.trip_id)
        return self._trip

    @property
    def trip_view(self) -> TripView:
        """The current trip, read-only, without pydantic (tripkit.core.tripview): what the
        screens that only show the trip read (the Overview, the Schedule), so that starting
        the app and browsing the programme never load the models."""
        if self._view is None or self._view.id != self.trip_id:
            from tripkit.services.trip_view import read_trip_view

            self._view = read_trip_view(self.store, self.trip_id, self._trip)
        return self._view

    def display_tz(self, instant: datetime | None = None) -> str:
        """The zone to show `instant` in: where the traveller will be then, or home on request."""
        from tripkit.core.anchors import compute_anchors, where_is

        # The record has every field the anchors read (tests/core/test_tripview.py compares
        # their anchors with the model's): typed as the model it mirrors.
        trip = cast("Trip", self.trip_view)
        if self.show_home:
            return trip.home_tz
        if instant is None:
            instant = self.now()
        if self._anchors is None or self._anchors[0] is not trip:
            self._anchors = (trip, compute_anchors(trip))
        return where_is(trip, instant, self._anchors[1])

    def stored_schedule(self) -> Any:
        """The current trip's imported schedule as stored (cached until an import), or None.

        Without the copy of the source file it was imported from (megabytes, which no screen
        shows): the cache holds the sessions alone."""
        if self._tk_schedule is None or self._tk_schedule[0] != self.trip_id:
            stored = self.store.get_schedule(self.trip_id)
            if stored is not None:
                from dataclasses import replace

                stored = replace(stored, raw=None)
            self._tk_schedule = (self.trip_id, stored)
        return self._tk_schedule[1]

    def schedule(self) -> Any:
        stored = self.stored_schedule()
        return stored.schedule if stored is not None else None

    def invalidate_schedule(self) -> None:
        self._tk_schedule = None

    def fmt(self, dt: datetime, *, year: bool = False, tz: str | None = None) -> str:
        from tripkit.core.timefmt import fmt_dt

        return fmt_dt(dt, tz or self.display_tz(dt), self.lang, year=year)

    def fmt_due(self, item: Any, *, year: bool = False) -> str:
        """An item's due as the checklist says it: a day without an hour ("Tue 12 Jan 2027,
        all day") where the trip gives no time (a badge pickup without one), else the
        instant in the zone shown. Midnight at the venue, shown as "00:00", sent travellers
        to a closed desk; the CLI, the binder and the calendar say the day too."""
        from tripkit.core.dueday import due_day_text

        if item.due is None:
            return ""
        day = self.due_day(item)
        if day is not None:
            return due_day_text(day, self.lang, year=year)
        return self.fmt(item.due, year=year)

    def due_day(self, item: Any) -> date | None:
        """The day of an item due on a day rather than at an hour (`core.dueday`), else None."""
        from tripkit.core.dueday import date_only_due

        return date_only_due(item)

    def fmt_time(self, dt: datetime, tz: str | None = None) -> str:
        from tripkit.core.timefmt import fmt_time

        return fmt_time(dt, tz or self.display_tz(dt))

    def trip_saved(self, trip: Trip) -> None:
        """A trip was saved (by the editor, through the services): make it current, tell all."""
        self.trip_id = trip.id
        self._trip = trip
        self._view = None
        self.post_message(TripChanged(trip.id))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but literal by default: messages quote file names and user text."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def error(self, err: BaseException, title: str | None = None) -> None:
        """Show a problem as a notification: one message, never a traceback."""
        from tripkit.errors import TripkitError

        if isinstance(err, TripkitError):
            from tripkit.i18n import render

            message = render(err, self.lang)
            self.notify(message, title=self.t(title or err.title), severity="error", timeout=8)
        else:
            self.notify(
                f"{type(err).__name__}: {err}",
                title=self.t(title or "Unexpected problem"),
                severity="error",
                timeout=8,
            )

    # --- lifecycle ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.animation_level = "none" if self._clock is not None else self.animation_level
        if self._theme_choice in self.available_themes:
            self.theme = self._theme_choice
        keymap = self._keymap_override
        if keymap is None:
            from tripkit.tui.keymap import load_keymap

            try:
                keymap = load_keymap()
            except Exception as err:  # a bad keymap file must not stop the app
                self.error(err, "Keymap not loaded")
                keymap = {}
        self.user_keymap = keymap  # binding id -> keys, as the help screen lists them
        if keymap:
            self.set_keymap(keymap)

    def on_ready(self) -> None:
        """The first frame is on screen: now the overview may read the checklist and schedule
        (catalog YAML, rules, the programme), which would otherwise delay that first frame."""
        self.ready = True
        self.refresh_screens()

    @on(TripChanged)
    def _trip_changed(self, _message: TripChanged) -> None:
        self.refresh_screens()

    def refresh_screens(self) -> None:
        """Ask the visible screen to reload; the others reload when they are shown again."""
        self._title_trip()
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()

    def _title_trip(self) -> None:
        """The trip's name as the window's subtitle, through the one terminal sanitiser: a
        name from a shared trip file may hold a title-setting escape or U+202E."""
        from tripkit.core.textsafe import for_terminal
        from tripkit.errors import TripkitError

        self.title = self.TITLE
        try:
            self.sub_title = for_terminal(self.trip_view.name)
        except TripkitError:  # a damaged store: the screens say so; the title stays plain
            self.sub_title = ""

    # --- actions -----------------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_import_schedule(self) -> None:
        self.action_go("transfer")
        self.call_after_refresh(self._focus_transfer, "import")

    def action_export(self) -> None:
        self.action_go("transfer")
        self.call_after_refresh(self._focus_transfer, "export")

    def _focus_transfer(self, which: str) -> None:
        focus = getattr(self.screen, "focus_section", None)
        if focus is not None:
            focus(which)

    def action_new_trip(self) -> None:
        self.action_go("trip")
        self.call_after_refresh(self._start_new_trip)

    def _start_new_trip(self) -> None:
        start = getattr(self.screen, "start_new", None)
        if start is not None:
            start()

    def action_switch_trip(self) -> None:
        from tripkit.tui.screens.trips import TripPicker

        def picked(trip_id: str | None) -> None:
            if trip_id and trip_id != self.trip_id:
                from tripkit.services.tui_support import open_trip

                open_trip(self.store, trip_id)
                self.trip_id = trip_id
                self._trip = None
                self._view = None
                self.post_message(TripChanged(trip_id))

        self.push_screen(TripPicker(), picked)

    def action_toggle_zone(self) -> None:
        self.show_home = not self.show_home
        from tripkit.zonenames import zone_name

        home = self.trip_view.home_tz
        zone = zone_name(home, self.lang) if self.show_home else self.t("where you are")
        self.notify(self.t("Times shown in: {zone}", zone=zone), timeout=2)
        self.refresh_screens()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        from tripkit.services.tui_support import remember

        remember(self.store, "tui.theme", self.theme)

    async def action_toggle_lang(self) -> None:
        """Japanese / English: every main screen is built again in the other language.

        The screen being shown is replaced too (a blank screen stands in for a frame), as its
        key bindings are part of its class. The trip editor's form lives on as its draft.
        """
        self.lang = "en" if self.lang == "ja" else "ja"
        from tripkit.services.tui_support import remember

        remember(self.store, "lang", self.lang)
        editor = self.editor
        if editor is not None and editor.form is not None:
            editor.keep_draft()
            self.editor_state = (editor.form, editor.step, editor.touched)
        self.editor = None
        current = self.current_mode
        self.add_mode(RELABEL, Screen)
        await self.switch_mode(RELABEL)
        for mode, _key, _title in SCREENS:
            await self.remove_mode(mode)
            self.add_mode(mode, partial(self._build_screen, mode))
        await self.switch_mode(current)
        await self.remove_mode(RELABEL)
        self.refresh_screens()

    async def action_quit(self) -> None:
        """Quit; a trip being written is kept as a draft, offered again next time."""
        if self.editor is not None:
            self.editor.keep_draft()
        self.exit()

    def action_help(self) -> None:
        from tripkit.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our own actions come from TripCommands; keep Textual's theme/keys/quit/screenshot.
        for command in super().get_system_commands(screen):
            if command.title in {"Quit"}:
                continue
            # In the UI language: Textual's own are English, and in the Japanese palette
            # "Screenshot / Save an SVG 'screenshot' of the current screen" stood among ours.
            yield command._replace(title=self.t(command.title), help=self.t(command.help))

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=self.t("Search for commands…"))
            )

    def search_themes(self) -> None:
        """The palette's Theme command, with its prompt in the UI language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=self.t("Search for themes…"))
        )

    # --- workers -----------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> None:
        """One place turns a failed background job into a message the user can read.

        StateChanged does not bubble: screens forward theirs here (BaseScreen).
        """
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            from tripkit.tui.screens.error import ErrorScreen

            err = event.worker.error
            self.push_screen(ErrorScreen(err))
