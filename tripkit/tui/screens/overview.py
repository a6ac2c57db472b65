"""Overview: the countdown, what is due next, what needs attention, and now/next on the day."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tripkit.tui.screens.base import BaseScreen


class Filled(Message):
    """The child evaluating the Overview's lines (tripkit.services.kept_fill) has ended."""

    def __init__(self, ok: bool) -> None:
        super().__init__()
        self.ok = ok


class OverviewScreen(BaseScreen):
    SCOPE = "overview"

    _kept: Any = None  # overview_kept.Attention, read once per load (see load)
    _items: Any = None  # the checklist's ItemViews when read kept (see load)
    # The child evaluating the lines (tripkit.services.kept_fill): running (its Popen, or
    # True until it has started), and whether the next load evaluates here instead.
    _filling: Any = None
    _in_process = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="ov-scroll"):
            yield Static(id="ov-countdown")
            yield Static(id="ov-nownext")
            yield Static(id="ov-warnings")
            yield Static(id="ov-deadlines")
            yield Static(id="ov-trip")
            yield Static(id="ov-borders")

    def load(self) -> None:
        # What overview_kept gives is read once per load: each read digests every input
        # (tripkit's files, the config folder, the store's rows).
        self._kept = self._items = None
        if self._filling is None:
            self._read_kept()
        missing = self._kept is None or self._items is None
        if self._filling is not None or (
            missing and not self._in_process and self._fill_in_child()
        ):
            self._draw_known()  # the rest when the child is done (on_filled)
            return
        # Read kept, or evaluated here (as it always was) when the child could not keep it.
        self._in_process = False
        # The countdown and flights first, the checklist and programme right after.
        self._countdown()
        self._trip_summary()
        self.call_after_refresh(self._load_rest)

    # --- the evaluation in a child process (tripkit.services.kept_fill) ---------------------

    def _read_kept(self) -> None:
        """The checklist and the other evaluated lines, when kept for the current inputs."""
        from tripkit.services.overview_kept import kept_overview

        app = self.tapp
        self._items, self._kept = kept_overview(app.store, app.trip_id, app.lang, app.now())

    def _fill_in_child(self) -> bool:
        """Start evaluating what is not kept in a child process (off the event loop), so that
        pydantic, the models, the catalog and the rule engine stay out of the app; False when
        it is not worth it (this process has them already)."""
        from tripkit.services import kept_fill

        if not kept_fill.worth_a_child():
            return False
        app = self.tapp
        # Read here, on the app's thread (the store's connection belongs to it).
        job = (app.store.path.parent, app.trip_id, app.lang, app.now())
        self._filling = True
        self.run_worker(self._run_child(*job), group="kept-fill")
        return True

    async def _run_child(self, *job: Any) -> None:
        """The worker: the child, to its end (watched from the event loop, between frames and
        keys: starting it takes ~2 ms); the screen is told by a message. Cancelled (the screen
        is leaving), it stops the child and tells nothing."""
        from tripkit.services import kept_fill

        try:
            child = kept_fill.start(*job)
            self._filling = child if child is not None else True
            ok = await kept_fill.finished(child)
        except Exception:  # any failure: the app evaluates in its own process instead
            ok = False
        self.post_message(Filled(ok))

    def on_filled(self, _message: Filled) -> None:
        # Whatever the child did, the next load reads what is kept under the digest of the
        # inputs; when that misses (it failed, or kept nothing) it evaluates here, once.
        self._filling = None
        self._in_process = True
        self.reload()

    def on_unmount(self) -> None:
        from tripkit.services import kept_fill

        if not isinstance(self._filling, bool):
            kept_fill.stop(self._filling)  # (the app is leaving, or relabelling its screens)

    def _draw_known(self) -> None:
        """While the child evaluates: what the trip itself says (its conference, flights and
        stays) and the next deadlines as last shown, marked as being checked; never an empty
        section that would read as "nothing due" or "nothing needs attention"."""
        from tripkit.services.tui_support import summary

        app = self.tapp
        self._countdown(known_only=True)
        self._trip_summary()
        kept = summary(app.store, app.trip_id)
        lines: list[tuple[str, str, bool]] = []
        if kept is not None and kept.get("lang") == app.lang and kept.get("home") == app.show_home:
            lines = [
                (str(d), str(title), bool(late)) for d, title, late in kept.get("deadlines", [])
            ]
        self._draw_deadlines(lines, checking=True)
        for name in ("#ov-warnings", "#ov-borders", "#ov-nownext"):
            self.query_one(name, Static).display = False

    def draw_early(self) -> None:
        """The first frame: the next deadlines as shown at the last run (see tui_support)."""
        from tripkit.services.tui_support import summary

        app = self.tapp
        kept = summary(app.store, app.trip_id)
        if kept is None or kept.get("lang") != app.lang or kept.get("home") != app.show_home:
            return
        self._draw_deadlines(
            [(str(d), str(title), bool(late)) for d, title, late in kept.get("deadlines", [])]
        )

    def _load_rest(self) -> None:
        try:
            for name in ("#ov-warnings", "#ov-borders"):
                self.query_one(name, Static).display = True
            items = self._checklist()
            self._deadlines(items)
            self._warnings(items)
            self._now_next()
            self._borders()
        except Exception as err:
            self.tapp.error(err)

    # --- parts -------------------------------------------------------------------------------

    def _journey(self) -> tuple[Any, Any]:
        """(leaving home, back home): the checklist's own anchors (tripkit.core.anchors), so
        that the countdown, "on your trip" and its end agree with the deadlines: the first
        flight or the train out, the last landing or the train home; the conference's days
        when the trip does not say. Kept with the Overview's other evaluated lines
        (services.overview_kept): the anchors need the airport catalog."""
        kept = self._attention()
        return kept.departs, kept.home

    def _countdown(self, *, known_only: bool = False) -> None:
        """The countdown and the conference; with `known_only`, the conference alone (the
        countdown needs the journey's anchors, evaluated with the checklist)."""
        from tripkit.i18n import trn

        app, t = self.tapp, self.t
        trip = app.trip_view
        now = app.now()
        departs, end = (None, None) if known_only else self._journey()
        out = Text()
        if known_only:
            # The countdown's line is held (left blank: the deadlines below already say
            # "checking…") while the child evaluates: the lines below must not jump when it
            # arrives.
            pass
        elif departs is None:
            pass
        elif now < departs:
            left = departs - now
            days, hours = left.days, left.seconds // 3600
            out.append(
                trn(
                    "Departure in {n} day {hours} h",
                    "Departure in {n} days {hours} h",
                    days,
                    app.lang,
                    hours=hours,
                ),
                style="bold",
            )
            out.append("  " + app.fmt(departs, year=True))
        elif end is None or now < end:
            out.append(t("You are on your trip"), style="bold")
        else:
            out.append(t("This trip is over"), style="bold")
        from tripkit.core.textsafe import for_terminal

        # Names from the trip (a shared file may carry escapes), the city in the UI language.
        conf = trip.conference
        if known_only or departs is not None:
            out.append("\n")
        out.append(for_terminal(conf.name))
        out.append(" · ")
        city = self._city(known_only=known_only)
        out.append(for_terminal(conf.venue.name + (", " + city if city else "")))
        from tripkit.core.timefmt import fmt_date

        out.append(f" · {fmt_date(conf.first_day, app.lang)} – {fmt_date(conf.last_day, app.lang)}")
        if trip.example:
            out.append("\n")
            out.append(
                t(
                    "This is the bundled example trip with made-up dates. Press N to create "
                    "your own, or 6 to edit this one."
                ),
                style="italic",
            )
        self.query_one("#ov-countdown", Static).update(out)

    def _city(self, *, known_only: bool = False) -> str:
        """The venue's city in the UI language: as the trip spells it in English, else with
        the Overview's other kept lines (tripkit.services.overview_kept: from the curated city
        files, which load the catalog, on a first start); "" while those are evaluated."""
        from tripkit.services.tripinfo import venue_city

        app = self.tapp
        if app.lang != "en":
            return "" if known_only else str(self._attention().city)
        return venue_city(app.trip_view, app.lang)

    def _checklist(self) -> list[Any]:
        # The kept checklist when nothing changed since it was evaluated (no rule engine to
        # import nor rules to evaluate: tripkit.services.checklist_cache).
        from tripkit.services.checklist_cache import item_views

        app = self.tapp
        if self._items is not None:  # read kept by this load (see load)
            return list(self._items)
        return list(item_views(app.store, app.trip_id, app.lang, app.now()))

    def _deadlines(self, items: list[Any]) -> None:
        from tripkit.services.tui_support import keep_summary

        app = self.tapp
        due = sorted(
            (i for i in items if i.due is not None and i.status in ("todo", "overdue", "snoozed")),
            key=lambda i: i.due,
        )
        lines = [(app.fmt_due(i), i.title, i.status == "overdue") for i in due[:6]]
        self._draw_deadlines(lines)
        trip = app.trip_view
        keep_summary(
            app.store,
            {
                "trip_id": trip.id,
                "name": trip.name,
                "example": trip.example,
                "lang": app.lang,
                "home": app.show_home,
                "deadlines": lines,
            },
        )

    def _draw_deadlines(
        self, lines: list[tuple[str, str, bool]], *, checking: bool = False
    ) -> None:
        """The next deadlines; with `checking`, those last shown (or none), said to be checked
        again (the checklist is being evaluated: they may have changed)."""
        t = self.t
        out = Text().append(t("Next deadlines"), style="bold underline")
        if checking:
            out.append("  " + t("checking…"), style=self.tone("muted"))
            if not lines:
                out.append("\n" + t("Reading the checklist…"), style=self.tone("muted"))
        elif not lines:
            out.append("\n" + t("Nothing due."), style=self.tone("muted"))
        for when, title, overdue in lines:
            style = self.tone("error") if overdue else ""
            out.append("\n" + when, style=style)
            if overdue:  # said in words too, not by colour alone (NO_COLOR, colour blindness)
                out.append(" · " + t("overdue"), style=style)
            out.append("  ")
            out.append(title, style=style)  # user text: literal
        self.query_one("#ov-deadlines", Static).update(out)

    def _warnings(self, items: list[Any]) -> None:
        from tripkit.i18n import trn

        app, t = self.tapp, self.t
        lines: list[Text] = []
        if items:
            from tripkit.core.wording import without_repeats

            open_problems = [
                i.problem for i in items if i.problem and i.status not in ("done", "skipped")
            ]
            for problem in without_repeats(open_problems, app.lang):
                lines.append(Text("⚠ " + problem, style=self.tone("error")))
            overdue = [i for i in items if i.status == "overdue"]
            if overdue:
                lines.append(
                    Text(
                        trn(
                            "{n} overdue checklist item (2 to see it)",
                            "{n} overdue checklist items (2 to see them)",
                            len(overdue),
                            app.lang,
                        ),
                        style=self.tone("error"),
                    )
                )
        found = self._agenda()
        if found is not None:
            # Every programme's starred sessions and your own items (services.schedule.agenda).
            clashes = [c for c in found.conflicts if c.kind == "overlap"]
            for c in clashes[:5]:
                line = Text("⚠ " + t("Conflict") + ": ", style=self.tone("warning"))
                line.append(c.first.title)
                line.append(" ↔ ")
                line.append(c.second.title)
                line.append(f" ({app.fmt(c.second.start)})")
                lines.append(line)
            if len(clashes) > 5:
                more = len(clashes) - 5
                lines.append(
                    Text(
                        trn(
                            "…and {n} more conflict (4: agenda)",
                            "…and {n} more conflicts (4: agenda)",
                            more,
                            app.lang,
                        )
                    )
                )
        from tripkit.services.tui_support import programme_of

        programme = programme_of(app.store, app.trip_id)
        if programme is not None:
            lines.extend(self._changes(programme.changes))
        lines.extend(self._stale_notes())
        out = Text().append(t("Needs attention"), style="bold underline")
        if not lines:
            out.append("\n" + t("Nothing needs attention."), style=self.tone("muted"))
        for line in lines:
            out.append("\n")
            out.append_text(line)
        self.query_one("#ov-warnings", Static).update(out)

    def _agenda(self) -> Any:
        """The agenda of every programme with your own items, or None when there is neither."""
        from tripkit.errors import NotFoundError
        from tripkit.services.schedule import agenda

        try:
            # Overlaps only here: the venue's walking times are the Agenda screen's to read.
            return agenda(self.tapp.store, self.tapp.trip_view, use_venue=False)
        except NotFoundError:
            return None

    def _changes(self, raw: Any) -> list[Text]:
        """The change report of the last re-import (`raw`: its JSON as stored, or None)."""
        t = self.t
        from tripkit.core.reimport import ChangeReport

        if not raw:
            return []
        report = ChangeReport.from_json(raw)
        if not report:
            return []
        counts = {k: v for k, v in report.counts().items() if v}
        summary = ", ".join(f"{v} {t(k)}" for k, v in counts.items())
        out = [
            Text(
                t("Schedule changed at the last refresh: {summary}", summary=summary),
                style=self.tone("warning"),
            )
        ]
        for change in report.starred_changes()[:5]:
            line = Text("★ " + t(change.kind) + ": ", style=self.tone("warning"))
            line.append(change.title)
            out.append(line)
        return out

    def _attention(self) -> Any:
        """The stale guide notes and the borders, kept with the checklist when nothing
        changed (tripkit.services.overview_kept: no catalog nor entry rules to load)."""
        from tripkit.services.overview_kept import attention

        app = self.tapp
        if self._kept is None:
            self._kept = attention(
                app.store, app.trip_id, app.trip_view.venue_tz, app.lang, app.now()
            )
        return self._kept

    def _stale_notes(self) -> list[Text]:
        # The service applies the user's guide.max_age_months (tripkit config).
        return [
            Text(
                self.t("Guide note may be out of date: {title}", title=title),
                style=self.tone("warning"),
            )
            for title in self._attention().stale_notes
        ]

    def _now_next(self) -> None:
        app, t = self.tapp, self.t
        widget = self.query_one("#ov-nownext", Static)
        now = app.now()
        departs, end = self._journey()
        on_trip = departs <= now <= end  # a train trip too (flights only, it never was)
        found = self._agenda() if on_trip else None
        if found is None:
            widget.display = False
            return
        from tripkit.core.agenda import now_next

        nn = now_next(found.items, now)
        out = Text().append(t("Now"), style="bold underline")
        for s in nn.now:
            out.append(f"\n{app.fmt_time(s.start)}–{app.fmt_time(s.end)}  ")
            out.append(s.title)
            out.append(f"  {s.room}", style=self.tone("muted"))
        if not nn.now:
            out.append("\n" + t("Nothing starred right now."), style=self.tone("muted"))
        out.append("\n" + t("Next"), style="bold underline")
        for s in nn.next:
            out.append(f"\n{app.fmt(s.start)}  ")
            out.append(s.title)
            out.append(f"  {s.room}", style=self.tone("muted"))
        if not nn.next:
            out.append("\n" + t("No more starred sessions."), style=self.tone("muted"))
        widget.display = True
        widget.update(out)

    def _borders(self) -> None:
        """The route's borders (tripkit.services.entry, the model `tripkit entry` shows)."""
        t = self.t
        out = Text().append(t("Borders"), style="bold underline")
        borders = self._attention().borders
        if not borders:  # never a bare heading: say what the route has (as `tripkit entry`)
            out.append(
                "\n" + t("No border with immigration control on this route."),
                style=self.tone("muted"),
            )
        for border in borders:
            style = self.tone("error") if border.warned else ""
            out.append("\n🛂 " + border.title, style=style)
            out.append("  " + t(border.status), style=self.tone("muted"))
        self.query_one("#ov-borders", Static).update(out)

    def _trip_summary(self) -> None:
        from tripkit.core.textsafe import for_terminal

        app, t = self.tapp, self.t
        trip = app.trip_view
        out = Text().append(t("Flights and stays"), style="bold underline")
        for f in trip.flights:
            out.append(f"\n✈ {f.flight} {f.origin}→{f.destination}  ")
            out.append(app.fmt(f.departs, tz=None if app.show_home else _zone(f.departs)))
            out.append(" → ")
            out.append(app.fmt(f.arrives, tz=None if app.show_home else _zone(f.arrives)))
        for g in trip.ground:  # legs by train, coach, car or ferry (ground-travel)
            from tripkit.core.journey import leg_title

            out.append(
                "\n→ " + for_terminal(f"{leg_title(g, app.lang)} {g.origin}→{g.destination}")
            )
            if g.start is not None:
                out.append("  " + app.fmt(g.start, tz=None if app.show_home else _zone(g.start)))
        for s in trip.stays:
            out.append("\n⌂ ")
            out.append(for_terminal(s.name))
            # At the hotel's own clock, as its booking says: "where you are" at a check-out
            # time could be another country (a red-eye leaving before it), and a Tokyo
            # check-out read "06:00 UTC+4".
            out.append("  " + app.fmt(s.check_in, tz=None if app.show_home else _zone(s.check_in)))
            out.append(" – ")
            out.append(app.fmt(s.check_out, tz=None if app.show_home else _zone(s.check_out)))
        if not trip.flights and not trip.stays and not trip.ground:
            out.append(
                "\n" + t("No flights or stays yet (6 to add them)."), style=self.tone("muted")
            )
        self.query_one("#ov-trip", Static).update(out)


def _zone(dt: Any) -> str:
    from tripkit.core.zoned import zone_of

    return zone_of(dt).key
