"""The dialog for a personal agenda item (a meeting, booth duty, a meal, a travel block...).

One field per line with its label, so that it fits 80x24. A field is checked when the user
leaves it, and the error is said in plain words under it; Enter saves once every field is
right. Times are read by the same service functions as `tripkit agenda add` (parse_start,
parse_end), so the TUI and the CLI accept the same things. The dialog returns the parsed
values; the screen saves them through tripkit.services.agenda.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

KIND_LABELS = {
    "meeting": "Meeting",
    "booth": "Booth duty",
    "meal": "Meal",
    "travel": "Travel",
    "badge": "Badge pickup",
    "other": "Other",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{1,2}:\d{2}$")
FIELDS = ("title", "date", "time", "end", "zone")


def _row(label: str, *fields: Widget, error: str = "") -> Iterator[Widget]:
    """One line of the form: its label and fields, then (named by `error`) the line under it
    where that field's problem is said."""
    yield Horizontal(Label(label, classes="pi-label"), *fields, classes="pi-row")
    if error:
        yield Static(id=f"pi-{error}-error", classes="field-error")


def _input(values: dict[str, str], name: str, placeholder: str, *, max_length: int = 0) -> Input:
    return Input(
        values[name], placeholder=placeholder, id=f"pi-{name}", max_length=max_length, compact=True
    )


class PersonalItemDialog(ModalScreen[dict[str, Any] | None]):
    """Add (item None) or change (item given) a personal agenda item."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    CSS = """
    PersonalItemDialog { align: center middle; }
    PersonalItemDialog .dialog { width: 90%; max-width: 80; padding: 0 1; }
    PersonalItemDialog .dialog-title { margin-bottom: 0; }
    PersonalItemDialog .pi-row { height: 1; }
    PersonalItemDialog .pi-label { width: 14; color: $text-muted; }
    PersonalItemDialog .pi-row Input, PersonalItemDialog .pi-row Select {
        width: 1fr; margin: 0;
    }
    PersonalItemDialog .pi-row Input { background: $boost; }
    PersonalItemDialog #pi-date { width: 12; }
    PersonalItemDialog #pi-time { width: 8; margin-left: 1; }
    PersonalItemDialog .pi-aside { width: 1fr; margin-left: 1; color: $text-muted; }
    PersonalItemDialog .field-error { padding-left: 14; }
    PersonalItemDialog .form-buttons { margin-top: 1; }
    PersonalItemDialog .dialog-hint { margin-top: 0; color: $text-muted; }
    """

    def __init__(self, venue_tz: str, day: date | None, item: Any = None) -> None:
        super().__init__(classes="dialog-screen")
        self.venue_tz = venue_tz
        self.day = day
        self.item = item
        self.errors: dict[str, str] = {}

    def t(self, text: str, **values: object) -> str:
        return self.app.t(text, **values)  # type: ignore[attr-defined]

    # --- layout ------------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        """What the fields start with: the item's own values (in its own zone), or the day."""
        item = self.item
        if item is None:
            return {
                "title": "",
                "kind": "meeting",
                "date": self.day.isoformat() if self.day else "",
                "time": "",
                "end": "",
                "zone": self.venue_tz,
                "place": "",
                "note": "",
            }
        start: datetime = item.start
        end: datetime = item.end.astimezone(start.tzinfo)
        same_day = end.date() == start.date()
        return {
            "title": item.title,
            "kind": item.kind,
            "date": start.date().isoformat(),
            "time": f"{start:%H:%M}",
            "end": f"{end:%H:%M}" if same_day else f"{end:%Y-%m-%d %H:%M}",
            "zone": str(getattr(start.tzinfo, "key", self.venue_tz)),
            "place": item.place,
            "note": item.note,
        }

    def compose(self) -> ComposeResult:
        t = self.t
        v = self._values()
        heading = t("Change agenda item") if self.item is not None else t("Add to your agenda")
        with Vertical(classes="dialog", id="pi-form"):
            yield Static(Text(heading, style="bold"), classes="dialog-title")
            yield from _row(
                t("Title"),
                _input(v, "title", t("e.g. Booth duty, team dinner"), max_length=200),
                error="title",
            )
            kinds = [(t(label), kind) for kind, label in KIND_LABELS.items()]
            yield from _row(
                t("Kind"),
                Select(kinds, value=v["kind"], allow_blank=False, id="pi-kind", compact=True),
            )
            yield from _row(
                t("Start"),
                _input(v, "date", "2027-01-12"),
                _input(v, "time", "09:30"),
                Label(t("date, time"), classes="pi-aside"),
                error="date",
            )
            yield Static(id="pi-time-error", classes="field-error")
            yield from _row(t("End"), _input(v, "end", t("10:30 or +90m")), error="end")
            yield from _row(t("Time zone"), _input(v, "zone", "", max_length=64), error="zone")
            yield from _row(
                t("Place"),
                _input(v, "place", t("optional: a room, a restaurant, an address"), max_length=300),
            )
            yield from _row(t("Note"), _input(v, "note", t("optional"), max_length=2000))
            yield Static(id="pi-form-error", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button(t("Save"), id="pi-save", variant="primary")
                yield Button(t("Cancel"), id="pi-cancel")
            yield Static(
                Text(t("Tab: next field · Enter: save · Esc: cancel")), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#pi-title", Input).focus()

    # --- checking ----------------------------------------------------------------------------

    def _text(self, name: str) -> str:
        return self.query_one(f"#pi-{name}", Input).value.strip()

    def _check(self, name: str) -> str:
        """The plain-words problem with field `name`, or "" when it is right (or not yet
        decidable: an end is checked once the start is right)."""
        t = self.t
        value = self._text(name)
        if name == "title":
            return "" if value else t("Give the item a title.")
        if name == "date":
            if not _DATE.match(value):
                return t("Write the date as year-month-day, e.g. 2027-01-12.")
            try:
                date.fromisoformat(value)
            except ValueError:
                return t("There is no such day: {value}.", value=value)
            return ""
        if name == "time":
            if not _TIME.match(value):
                return t("Write the start time as hours:minutes, e.g. 09:30.")
            hours, minutes = (int(x) for x in value.split(":"))
            if hours > 23 or minutes > 59:
                return t("There is no such time: {value}.", value=value)
            if self._check("date") or self._check("zone"):
                return ""
            from tripkit.errors import TripkitError

            try:
                self._start()
            except TripkitError:
                # A wall time the clocks skip (or pass twice) on a change to or from summer time.
                return t(
                    "{value} does not exist (or exists twice) in {zone} that day: "
                    "the clocks change. Choose another time.",
                    value=value,
                    zone=self._text("zone"),
                )
            return ""
        if name == "zone":
            from tripkit.core.zoned import get_zone

            try:
                get_zone(value)
            except ValueError:
                return t("Unknown time zone {value}: use a name like Europe/Brussels.", value=value)
            return ""
        if name == "end":
            if not value:
                return t("Give an end time (10:30) or a length (+90m, +2h).")
            start = self._start_or_none()
            if start is None:
                return ""
            return self._end_problem(start, value)
        return ""

    def _start_or_none(self) -> datetime | None:
        if any(self._check(n) for n in ("date", "time", "zone")):
            return None
        try:
            return self._start()
        except Exception:
            return None

    def _start(self) -> datetime:
        """The start, read by the service `tripkit agenda add` uses (raises AgendaError)."""
        from tripkit.services.agenda import parse_start

        return parse_start(f"{self._text('date')} {self._text('time')}", self._text("zone"))

    def _end_problem(self, start: datetime, value: str) -> str:
        from tripkit.core.zoned import utc
        from tripkit.services.agenda import AgendaError, parse_end

        t = self.t
        try:
            end = parse_end(value, start)
        except AgendaError:
            return t("Write the end as 10:30, 2027-01-12 10:30, or a length like +90m or +2h.")
        if utc(end) <= utc(start):
            return t("It ends before it starts: give a later end, or a length like +90m.")
        return ""

    def _show(self, name: str, problem: str) -> None:
        field = self.query_one(f"#pi-{name}-error", Static)
        field.update(Text(problem))  # literal: it may quote what was typed
        field.set_class(bool(problem), "-has-error")
        if problem:
            self.errors[name] = problem
        else:
            self.errors.pop(name, None)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("pi-")
        if name not in FIELDS:
            return
        if not self._text(name) and not self._touched(name):
            return  # a field passed over on the way is not an error yet
        self._show(name, self._check(name))
        if name in ("date", "time", "zone") and self._text("end"):
            self._show("end", self._check("end"))  # a new start can make the end right or wrong

    def _touched(self, name: str) -> bool:
        return name in self.errors

    # --- saving ------------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#pi-save")
    def action_save(self) -> None:
        first = None
        for name in FIELDS:
            problem = self._check(name)
            self._show(name, problem)
            if problem and first is None:
                first = name
        self._show("form", "")
        if first is not None:
            self.query_one(f"#pi-{first}", Input).focus()
            return
        from tripkit.errors import TripkitError
        from tripkit.services.agenda import parse_end

        try:
            start = self._start()
            end = parse_end(self._text("end"), start)
        except TripkitError as err:
            # The service's own words (e.g. a time the clocks skip on a DST change).
            self._show("form", str(err))
            return
        self.dismiss(
            {
                "title": self._text("title"),
                "kind": self.query_one("#pi-kind", Select).value,
                "start": start,
                "end": end,
                "place": self._text("place"),
                "note": self.query_one("#pi-note", Input).value.strip(),
            }
        )

    @on(Button.Pressed, "#pi-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
