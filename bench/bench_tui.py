"""The TUI: time to first frame, filtering the schedule as you type, memory.

* first frame: a fresh process runs `tripkit` (the console script's code path, headless) until
  the first frame whose output shows the trip's name and its next deadline (never a "Loading"
  placeholder), against the first frame of a bare Textual app (Header, Static, Footer: it
  exits in `on_ready`, posted after the first compositor refresh), measured the same way in the
  same run, interleaved. From process start: interpreter start-up and all imports count.
  Median of N (the best of N is reported too, and a data folder's very first run).
* filter: 38c3.xml (1,007 sessions) loaded, one character typed into the search
  field, until the table shows the new rows and has drawn them. Baseline: rebuilding Textual's
  DataTable with the same rows (what a naive screen would do per keystroke).
* memory: RSS of a process with 38c3 shown on the Schedule screen (reached from the overview,
  as a user does), against the bare app: a data folder's first start (its child process
  evaluates the checklist, the guide's stale notes and the borders: its peak is reported) and
  a second one (it reads what the first kept), then that one after an item is ticked; and the
  tracemalloc peak of reading the screen's listing of the programme.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import textual.screen as textual_screen

from bench.common import SHARED, Result

FOSDEM = SHARED / "corpus" / "schedules" / "frab-xml" / "fosdem-2026.xml"
C38C3 = SHARED / "corpus" / "schedules" / "frab-xml" / "38c3.xml"  # 1,007 sessions
RUNS = int(os.environ.get("BENCH_RUNS", "11"))
PYCACHE = str(Path(tempfile.gettempdir()) / "tripkit-bench-pycache")
ROOT = Path(__file__).resolve().parent.parent

# First frame: both children print time.perf_counter() in on_ready (posted by Textual after the
# first compositor refresh); the parent reads perf_counter() just before starting the process.
# On Linux that clock is CLOCK_MONOTONIC, shared by all processes, so the difference is the
# time from process start (interpreter start-up and every import included) to the first frame.

# The baseline of issue 10: a bare Textual app with a Header, a Static and a Footer.
BARE = textwrap.dedent("""
    import time
    from textual.app import App
    from textual.widgets import Footer, Header, Static
    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]
        def compose(self):
            yield Header(show_clock=False)
            yield Static("hello")
            yield Footer()
        def on_ready(self):
            print(time.perf_counter())
            self.exit()
    Bare().run(headless=True, size=(100, 30))
""")

# Ours, through the real entry point: the `tripkit` console script runs tripkit.cli:main, which
# opens the TUI via tripkit.cli.tui_launch. Only `launch` is replaced, to run headless and to
# note two moments: the first frame, and the first frame by which the trip's own content has
# been drawn: its name (trip bar) and its next deadlines (a time in the traveller's zone under
# the heading), read from the frames' own output, never a placeholder. Every frame counts,
# the first one included: the app draws the name and deadlines kept from the last run before
# it reads the trip (tripkit.services.tui_support.summary). (Headless, Textual computes each
# frame but writes nothing: the text is rendered here, after the moment is noted.)
TRIPKIT = textwrap.dedent("""
    import json, time
    from tripkit.cli import main
    import tripkit.cli.tui_launch as tui_launch
    def launch(ctx):
        app = tui_launch.make_app(ctx)
        cls = type(app)
        original_ready, original_display = cls.on_ready, cls._display
        marks, seen = {}, set()
        def done(self):
            if "frame" in marks and "trip" in marks:
                print(json.dumps(marks))
                cls._display = original_display
                self.exit()
        def display(self, screen, renderable):
            original_display(self, screen, renderable)
            if "trip" not in marks and renderable is not None:
                now = time.perf_counter()
                text = renderable.render_segments(self.console)
                if "DockerCon SF (example trip)" in text:  # the example trip's name
                    seen.add("name")
                heading = text.find("Next deadlines")
                # A deadline, in home time; not those of the last run while the checklist is
                # evaluated again (in a child process, tripkit.services.kept_fill): "checking…".
                if heading >= 0 and "JST" in text[heading:] and "checking…" not in text:
                    seen.add("deadline")
                if seen == {"name", "deadline"}:
                    marks["trip"] = now
                    done(self)
        def on_ready(self):
            marks["frame"] = time.perf_counter()
            original_ready(self)
            done(self)
        cls.on_ready, cls._display = on_ready, display
        app.run(headless=True, size=(100, 30))
    tui_launch.launch = launch
    main(standalone_mode=False)
""")

MEMORY = textwrap.dedent("""
    import asyncio, json, resource, sys
    from pathlib import Path
    def status(key):  # VmRSS: resident now; VmHWM: its peak (ru_maxrss counts the parent's)
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    from tripkit.store import Store
    from tripkit.tui.app import TripkitApp
    async def main():
        store = Store.open(Path(sys.argv[-1]))  # (the last: bench_tui._run's config folder)
        app = TripkitApp(store, lang="en", keymap={})
        async with app.run_test(size=(120, 40)) as pilot:
            def settled():  # the Overview's last part (its borders) drawn, nothing pending
                text = "".join(str(w.render()) for w in app.screen.query("#ov-scroll Static"))
                return "🛂" in text and "checking" not in text
            for _ in range(1200):  # a first start waits for its child (tripkit.services.kept_fill)
                if settled():
                    break
                await pilot.pause(0.05)
            await pilot.press("3")
            await pilot.pause(0.5)
            rows = app.screen.query_one("SessionTable").row_count()
            out = {"rss_kb": status("VmRSS"), "peak_kb": status("VmHWM"), "rows": rows,
                   # The largest child waited for: the evaluation's process (0: none ran).
                   "child_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                   "heavy": "pydantic" in sys.modules}
            if "act" in sys.argv[1:-1]:  # then a change of state: an item ticked on screen 2
                await pilot.press("2")
                for _ in range(400):
                    await pilot.pause(0.05)
                    if app.screen.query("DataTable") and app.screen.query_one("DataTable").rows:
                        break
                await pilot.press("space")
                await pilot.pause(0.3)
                await pilot.press("1")
                for _ in range(400):
                    await pilot.pause(0.05)
                    if settled():
                        break
                out["acted_kb"] = status("VmRSS")
            print(json.dumps(out))
    asyncio.run(main())
""")

BARE_MEMORY = textwrap.dedent("""
    import asyncio, json
    from textual.app import App
    def status(key):
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    from textual.widgets import Footer, Header, Static
    class Bare(App):
        def compose(self):
            yield Header(show_clock=False)
            yield Static("hello")
            yield Footer()
    async def main():
        async with Bare().run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            print(json.dumps({"rss_kb": status("VmRSS"), "peak_kb": status("VmHWM")}))
    asyncio.run(main())
""")


def _home(with_fosdem: bool, programme: Path = FOSDEM) -> Path:
    """A data folder with the example trip (and a programme, when asked)."""
    from datetime import date

    from tripkit.demo import example_trip
    from tripkit.store import Store

    folder = Path(tempfile.mkdtemp(prefix="tripkit-bench-tui-"))
    with Store.open(folder) as store:
        trip = example_trip(date(2026, 11, 27))
        store.put_trip(trip)
        store.set_current_trip(trip.id)
        if with_fosdem:
            from tripkit.services.schedule import import_schedule

            import_schedule(store, trip, str(programme))
    return folder


def _run(code: str, *args: str) -> tuple[float, str]:
    """Run `code` in a fresh interpreter; (perf_counter() just before the start, its stdout)."""
    env = dict(
        os.environ, TEXTUAL_ANIMATIONS="none", PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=PYCACHE
    )
    # Byte-code as an installed package has it: with PYTHONDONTWRITEBYTECODE (set in some
    # shells) every tripkit module would be compiled from source on each start, while Textual's
    # installed .pyc files are used: ~60 ms charged to tripkit alone. The cache goes to a temp
    # folder (not the source tree); the warm-up runs fill it for both apps.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TRIPKIT_HOME", None)
    if args:
        env["TRIPKIT_CONFIG"] = str(Path(args[-1]) / "config")  # no keymap of the user's
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    return t0, out.stdout


def bench_tui_first_frame() -> Result:
    home = _home(with_fosdem=False)
    args = ("--data-dir", str(home), "--lang", "en")
    bare, ours, loaded = [], [], []
    _run(BARE)  # warm the OS file cache for both
    _run(TRIPKIT, *args)
    for _ in range(RUNS):  # interleaved, so that load changes hit both alike
        t0, out = _run(BARE)
        bare.append((float(out.strip()) - t0) * 1000)
        t0, out = _run(TRIPKIT, *args)
        marks = json.loads(out.strip().splitlines()[-1])
        ours.append((marks["frame"] - t0) * 1000)
        loaded.append((marks["trip"] - t0) * 1000)
    # Judged on medians: on a shared 2-core machine the best of N swings with the neighbours'
    # load (the bare app's best varied 324-407 ms between runs of this bench, its median far less).
    trip = loaded
    # Once, for the record: a data folder's very first run has no headline kept from a last
    # run, so the trip shows after it has been read (not judged: it happens once).
    t0, out = _run(TRIPKIT, "--data-dir", str(_home(with_fosdem=False)), "--lang", "en")
    first_run = (json.loads(out.strip().splitlines()[-1])["trip"] - t0) * 1000
    value, base = statistics.median(trip), statistics.median(bare)
    return Result(
        f"tui trip's name and next deadline drawn (process start, via `tripkit`, median of {RUNS})",
        value,
        "ms",
        "bare Textual app's first frame (Header, Static, Footer)",
        base,
        "<= 1.3x baseline",
        value <= 1.3 * base,
        extra=f"our first frame: median {statistics.median(ours):.0f} ms; best trip "
        f"{min(trip):.0f} vs bare {min(bare):.0f} ms; a data folder's first run (no headline "
        f"kept yet): trip drawn at {first_run:.0f} ms",
    )


def bench_tui_filter() -> Result:
    if not C38C3.exists():
        return Result("tui schedule filter", 0, "ms", extra="skipped: no corpus", ok=True)
    from datetime import UTC, datetime

    from textual import events
    from textual.widgets import DataTable, Input

    from tripkit.store import Store
    from tripkit.tui.app import TripkitApp
    from tripkit.tui.widgets.session_table import SessionTable

    home = _home(with_fosdem=True, programme=C38C3)
    store = Store.open(home)
    app = TripkitApp(store, lang="en", keymap={}, now=datetime(2024, 12, 27, tzinfo=UTC))
    query = "security"
    ours: list[float] = []
    compute: list[float] = []
    naive: list[float] = []
    sizes: list[int] = []
    drawn: list[float] = []
    rows_listed: list[object] = []

    # Note the moment the table draws its header after a new filter: the frame is on screen.
    original_show, original_line = SessionTable.show, SessionTable.render_line
    state = {"pending": False}

    def show(self, *a, **kw):  # type: ignore[no-untyped-def]
        state["pending"] = True
        return original_show(self, *a, **kw)

    def render_line(self, y):  # type: ignore[no-untyped-def]
        strip = original_line(self, y)
        if state["pending"] and y == self._height - 1:
            state["pending"] = False
            drawn.append(time.perf_counter())
        return strip

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("3")
            await pilot.pause(0.5)
            screen = app.screen
            table = screen.query_one(SessionTable)
            await pilot.press("right_square_bracket", "right_square_bracket")  # all days
            await pilot.press("slash")
            search = screen.query_one("#search", Input)
            for round_ in range(5):
                search.value = ""
                await pilot.pause(0.3)
                for ch in query:
                    drawn.clear()
                    t0 = time.perf_counter()
                    search.post_message(events.Key(ch, ch))
                    while not drawn:  # noqa: ASYNC110 - polling a render hook
                        await asyncio.sleep(0.0005)
                    ours.append((drawn[0] - t0) * 1000)
                    if round_ == 0:
                        sizes.append(table.row_count())
                    await pilot.pause(0.15)  # let the detail pane catch up, as a typist would
            # Our code alone: filter + draw the visible lines, without the event loop.
            for n in range(1, len(query) + 1):
                search.set_reactive(Input.value, query[:n])
                t0 = time.perf_counter()
                screen.apply_filter()
                for y in range(table._height):
                    table.render_line(y)
                compute.append((time.perf_counter() - t0) * 1000)
            # Baseline: the same keystrokes answered by rebuilding a DataTable.
            rows = [table.rows[i].cells for i in range(len(table.rows))]
            rows_listed.extend(rows)
            dt = DataTable()
            await screen.mount(dt)
            dt.add_columns(*(c.title or "*" for c in table.columns))
            for n in sizes:
                t0 = time.perf_counter()
                dt.clear()
                dt.add_rows(rows[:n])
                await pilot.pause()
                naive.append((time.perf_counter() - t0) * 1000)

    SessionTable.show, SessionTable.render_line = show, render_line  # type: ignore[method-assign]
    try:
        asyncio.run(run())
    finally:
        SessionTable.show, SessionTable.render_line = original_show, original_line  # type: ignore[method-assign]
        store.close()
    echo = _input_echo_ms(query)
    value, base = statistics.median(ours), statistics.median(naive)
    total = len(rows_listed)
    return Result(
        "tui schedule filter, key event to table drawn (38c3, median)",
        value,
        "ms",
        "DataTable rebuild with the same rows",
        base,
        "< 16 ms",
        value < 16,
        extra=f"{total} sessions; rows per keystroke {sizes}; "
        f"p90 {sorted(ours)[int(len(ours) * 0.9)]:.1f} ms; filter+draw alone "
        f"median {statistics.median(compute):.1f} ms; a bare Textual Input echoing "
        f"the same keys: median {echo:.1f} ms",
    )


def _input_echo_ms(query: str) -> float:
    """Floor set by Textual and the machine: key event to a lone Input redrawn."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    drawn: list[float] = []
    times: list[float] = []

    class Echo(Input):
        def render_line(self, y: int):  # type: ignore[no-untyped-def]
            drawn.append(time.perf_counter())
            return super().render_line(y)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Echo()

    async def run() -> None:
        app = Bare()
        async with app.run_test(size=(120, 40)) as pilot:
            field = app.query_one(Echo)
            field.focus()
            await pilot.pause(0.3)
            for _ in range(5):
                for ch in query:
                    drawn.clear()
                    t0 = time.perf_counter()
                    field.post_message(events.Key(ch, ch))
                    while not drawn:  # noqa: ASYNC110 - polling a render hook
                        await asyncio.sleep(0.0005)
                    times.append((drawn[0] - t0) * 1000)
                    await pilot.pause(0.15)
                field.value = ""

    asyncio.run(run())
    return statistics.median(times)


def bench_tui_memory() -> Result:
    if not C38C3.exists():
        return Result("tui memory", 0, "MB", extra="skipped: no corpus", ok=True)
    import tracemalloc

    from tripkit.services.tui_support import ProgrammeListing
    from tripkit.store import Store

    home = _home(with_fosdem=True, programme=C38C3)
    # The judged figure is a first start's (as any start after a change of the trip, the item
    # states or the settings): nothing is kept yet, so the checklist, the stale guide notes,
    # the borders and the journey are evaluated -- in a short-lived child process
    # (tripkit.services.kept_fill), whose peak is reported beside it: that memory is used
    # for a moment, not for the app's life. The app reads what the child kept, and the trip
    # as records (tripkit.core.tripview): no pydantic, models, catalog nor rule engine.
    ours = json.loads(_run(MEMORY, str(home))[1])
    # A second start finds all that kept (tripkit.services.checklist_cache, .overview_kept).
    # Then a change of state on screen (an item ticked), which loads the models in the app.
    again = json.loads(_run(MEMORY, "act", str(home))[1])
    bare = json.loads(_run(BARE_MEMORY)[1])
    with Store.open(home) as store:
        trip_id = store.current_trip_id()
        assert trip_id is not None
        tracemalloc.start()
        listing = ProgrammeListing(store, trip_id)  # what the schedule screen keeps
        assert listing.rows
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    mb, base = ours["rss_kb"] / 1024, bare["rss_kb"] / 1024
    return Result(
        "tui RSS with 38c3 (1,007 sessions) on the schedule screen",
        mb,
        "MB",
        "bare Textual app (Header, Static, Footer)",
        base,
        "<= 1.5x baseline",
        mb <= 1.5 * base,
        extra=f"the first start's evaluation ran in a child process, peak RSS "
        f"{ours['child_peak_kb'] / 1024:.1f} MB (exited; models in the app: "
        f"{'yes' if ours['heavy'] else 'no'}); "
        f"a second start (checklist kept): {again['rss_kb'] / 1024:.1f} MB "
        f"({again['rss_kb'] / bare['rss_kb']:.2f}x), after ticking an item on the "
        f"Checklist screen (models loaded in the app) {again['acted_kb'] / 1024:.1f} MB "
        f"({again['acted_kb'] / bare['rss_kb']:.2f}x); "
        f"peak (VmHWM) {ours['peak_kb'] / 1024:.0f} vs "
        f"{bare['peak_kb'] / 1024:.0f} MB; {ours['rows']} rows shown; tracemalloc "
        f"peak of reading the screen's listing of the programme {peak / 2**20:.1f} MB",
    )


def bench_tui_switch() -> Result:
    """Key press to the new screen drawn and settled (its last frame), over every screen, 38c3
    loaded. The first visit builds the screen: reported apart."""
    from datetime import UTC, datetime

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    from tripkit.store import Store
    from tripkit.tui.actions import SCREENS
    from tripkit.tui.app import TripkitApp

    home = _home(with_fosdem=C38C3.exists(), programme=C38C3)
    store = Store.open(home)
    drawn: list[float] = []

    def timed(app: App[None], keys: list[str], rounds: int) -> list[float]:
        """Milliseconds from each key event to the next frame output."""
        times: list[float] = []
        cls = type(app)
        original = cls._display

        def display(self, screen, renderable):  # type: ignore[no-untyped-def]
            original(self, screen, renderable)
            if renderable is not None:
                drawn.append(time.perf_counter())

        async def run() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause(0.5)
                for _ in range(rounds):
                    for key in keys:
                        drawn.clear()
                        t0 = time.perf_counter()
                        await pilot.press(key)  # (its own waiting comes after the frame)
                        await pilot.pause(0.3)
                        # The last frame of the switch: the screen redrawn with its data
                        # reloaded (its first frame after the key can still show the old).
                        times.append(((drawn[-1] if drawn else t0 + 99) - t0) * 1000)

        cls._display = display  # type: ignore[method-assign]
        try:
            asyncio.run(run())
        finally:
            cls._display = original  # type: ignore[method-assign]
        return times

    keys = [key for _mode, key, _title in SCREENS[1:]] + [SCREENS[0][1]]  # from the overview
    app = TripkitApp(store, lang="en", keymap={}, now=datetime(2026, 12, 27, tzinfo=UTC))
    all_times = timed(app, keys, 4)
    first, ours = all_times[: len(keys)], all_times[len(keys) :]
    store.close()

    class Plain(Static):
        pass

    class Bare(App[None]):
        MODES = {"a": lambda: _BareScreen(), "b": lambda: _BareScreen()}  # noqa: PLW0108
        DEFAULT_MODE = "a"
        BINDINGS = [("1", "switch_mode('a')"), ("2", "switch_mode('b')")]

        def compose(self) -> ComposeResult:
            yield Plain("")

    class _BareScreen(textual_screen.Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header(show_clock=False)
            yield Static("hello")
            yield Footer()

    base = timed(Bare(), ["2", "1"], 8)[2:]
    value = statistics.median(ours)
    return Result(
        "tui switching screens, key to new screen drawn (38c3 loaded, median)",
        value,
        "ms",
        "bare Textual app switching two modes",
        statistics.median(base),
        "<= 100 ms",
        value <= 100,
        extra=f"first visits (screen built): {', '.join(f'{t:.0f}' for t in first)} ms;"
        f" p90 {sorted(ours)[int(len(ours) * 0.9)]:.0f} ms",
    )
