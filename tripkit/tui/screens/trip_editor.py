"""Trip editor: traveller, conference, flights and stays as forms, saved as soon as valid.

The form is a view of a plain dict (the trip's JSON form). Every edit rebuilds the dict and
asks the pydantic model; when it is valid it is saved at once, otherwise each error is shown
under the field it belongs to (pydantic's error location is the field's path). Times are typed
as `2026-12-10 17:05` with the zone beside them; the model refuses times that do not exist.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tripkit.tui.screens.base import BaseScreen

Path_ = tuple[str | int, ...]

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Trip", [("name", "Trip name"), ("id", "Trip id")]),
    ("Traveller", [
        ("traveller.name", "Name"),
        ("traveller.citizenships", "Citizenships"),
        ("traveller.home_country", "Home country"),
        ("traveller.home_tz", "Home time zone"),
        ("traveller.language", "Language (en/ja)"),
        ("traveller.passport.expires", "Passport expires"),
    ]),
    ("Conference", [
        ("conference.name", "Conference"),
        ("conference.url", "Web site"),
        ("conference.first_day", "First day"),
        ("conference.last_day", "Last day"),
        ("conference.venue.name", "Venue"),
        ("conference.venue.address", "Address"),
        ("conference.venue.city", "City"),
        ("conference.venue.country", "Country"),
        ("conference.venue.tz", "Venue time zone"),
    ]),
]
FLIGHT_FIELDS = [("flight", "Flight"), ("origin", "From (IATA)"), ("destination", "To (IATA)"),
                 ("departs", "Departs"), ("arrives", "Arrives"), ("booking_ref", "Booking ref")]
STAY_FIELDS = [("name", "Stay"), ("address", "Address"), ("check_in", "Check-in"),
               ("check_out", "Check-out")]
TIME_FIELDS = {"departs", "arrives", "check_in", "check_out"}
LIST_FIELDS = {"citizenships"}
PLACEHOLDERS = {"first_day": "2026-12-10", "last_day": "2026-12-12", "expires": "2030-01-31",
                "citizenships": "JP, US", "home_tz": "Asia/Tokyo", "tz": "America/Los_Angeles"}


def wid(path: Path_, prefix: str = "f") -> str:
    return prefix + "-" + "-".join(str(p) for p in path)


def _get(data: Any, path: Path_) -> Any:
    for p in path:
        if isinstance(data, dict):
            data = data.get(p)  # type: ignore[call-overload]
        elif isinstance(data, list) and isinstance(p, int) and p < len(data):
            data = data[p]
        else:
            return None
    return data


def _set(data: dict[str, Any], path: Path_, value: Any) -> None:
    node: Any = data
    for p in path[:-1]:
        node = node[p] if isinstance(node, list) else node.setdefault(p, {})
    node[path[-1]] = value


def _split_time(value: Any) -> tuple[str, str]:
    """RFC 9557 text from the model -> ('2026-12-10 17:05', 'Asia/Tokyo') for the form."""
    if not value:
        return "", ""
    from tripkit.core.zoned import parse_zoned, zone_of

    try:
        dt = parse_zoned(value)
    except ValueError:
        return str(value), ""
    return f"{dt:%Y-%m-%d %H:%M}", zone_of(dt).key


def blank_trip(like: Any) -> dict[str, Any]:
    """A new trip's starting values: empty, except the traveller's home (likely the same)."""
    t = like.traveller if like is not None else None
    return {
        "id": "", "name": "",
        "traveller": {
            "name": t.name if t and not like.example else "",
            "citizenships": list(t.citizenships) if t else [],
            "home_country": t.home_country if t else "", "home_tz": t.home_tz if t else "",
            "language": t.language if t else "en", "passport": {"expires": ""},
        },
        "conference": {"name": "", "url": "", "first_day": "", "last_day": "",
                       "venue": {"name": "", "address": "", "city": "", "country": "", "tz": ""}},
        "flights": [], "stays": [],
    }


class TripEditorScreen(BaseScreen):
    SCOPE = "trip"
    CSS_PATH = Path(__file__).parent / "trip_editor.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self.new = False
        self._form_for: str | None = None
        self._rebuilding = False
        self._saved: dict[str, Any] | None = None
        self.errors: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        yield Static(id="form-status")
        yield VerticalScroll(id="trip-form")

    # --- building the form -------------------------------------------------------------------

    async def load(self) -> None:
        app = self.tapp
        if self.new or self._form_for == app.trip_id:
            return  # the form is the source of truth while it is being edited
        self.data = app.trip.model_dump(mode="json")
        self._saved = self.data
        self._form_for = app.trip_id
        await self._rebuild()
        self._status(self.t("Changes are saved as soon as the form is valid."))

    def start_new(self) -> None:
        self.call_later(self._start_new)

    async def _start_new(self) -> None:
        if not self.query("#trip-form"):
            return  # the app is closing
        self.new = True
        self.data = blank_trip(self.tapp.trip)
        await self._rebuild()
        self._status(self.t("New trip: fill in the fields; it is saved (and opened) as soon as "
                            "it is valid."))
        for name in self.query(f"#{wid(('name',))}"):
            name.focus()

    async def _rebuild(self) -> None:
        form = self.query_one("#trip-form", VerticalScroll)
        self._rebuilding = True
        await form.remove_children()
        await form.mount_all(self._widgets())
        self._rebuilding = False

    def _widgets(self) -> list[Widget]:
        t = self.t
        out: list[Widget] = []
        for title, fields in SECTIONS:
            out.append(Static(Text(t(title)), classes="form-section"))
            for dotted, label in fields:
                path = tuple(dotted.split("."))
                if path == ("id",) and not self.new:
                    continue  # an existing trip keeps its id (checklist state is keyed by it)
                out.extend(self._row(path, label))
        out.append(Static(id="e-", classes="field-error"))
        for kind, fields, add_label in (("flights", FLIGHT_FIELDS, "Add flight"),
                                        ("stays", STAY_FIELDS, "Add stay")):
            out.append(Static(Text(t("Flights" if kind == "flights" else "Stays")),
                              classes="form-section"))
            for i, _entry in enumerate(self.data.get(kind) or []):
                block = [Static(Text(f"#{i + 1}"), classes="form-subtitle")]
                for name, label in fields:
                    block.extend(self._row((kind, i, name), label))
                block.append(Static(id=wid((kind, i), "e"), classes="field-error"))
                block.append(Horizontal(Button(t("Remove"), id=wid((kind, i), "rm"),
                                               variant="error"), classes="form-buttons"))
                out.append(Vertical(*block, classes="form-block"))
            out.append(Horizontal(Button(t(add_label), id=f"add-{kind}"), classes="form-buttons"))
        return out

    def _row(self, path: Path_, label: str) -> list[Widget]:
        t = self.t
        name = str(path[-1])
        value = _get(self.data, path)
        if name in TIME_FIELDS:
            wall, zone = _split_time(value)
            row = Horizontal(
                Label(t(label)),
                Input(wall, placeholder="2026-12-10 17:05", id=wid(path), compact=True),
                Input(zone, placeholder="Asia/Tokyo", id=wid(path) + "--tz", classes="zone",
                      compact=True),
                classes="form-row",
            )
        else:
            if name in LIST_FIELDS:
                value = ", ".join(value or [])
            row = Horizontal(
                Label(t(label)),
                Input("" if value is None else str(value), placeholder=PLACEHOLDERS.get(name, ""),
                      id=wid(path), compact=True),
                classes="form-row",
            )
        return [row, Static(id=wid(path, "e"), classes="field-error")]

    # --- reading, validating, saving ---------------------------------------------------------

    def _collect(self) -> dict[str, Any]:
        data = copy.deepcopy(self.data)
        paths: list[Path_] = []
        for _title, fields in SECTIONS:
            paths.extend(tuple(d.split(".")) for d, _l in fields)
        for kind, fields in (("flights", FLIGHT_FIELDS), ("stays", STAY_FIELDS)):
            for i in range(len(data.get(kind) or [])):
                paths.extend((kind, i, name) for name, _l in fields)
        for path in paths:
            widgets = self.query(f"#{wid(path)}")
            if not widgets:
                continue
            raw = widgets.first(Input).value.strip()
            name = str(path[-1])
            if name in TIME_FIELDS:
                zone = self.query_one(f"#{wid(path)}--tz", Input).value.strip()
                value: Any = f"{raw} {zone}" if raw and zone else raw
            elif name in LIST_FIELDS:
                value = [p.strip() for p in raw.replace("、", ",").split(",") if p.strip()]
            else:
                value = raw
            _set(data, path, value)
        return data

    def validate_and_save(self) -> bool:
        """Validate the form; save when valid. Returns whether it was saved."""
        from pydantic import ValidationError

        from tripkit.core.models import Trip

        app = self.tapp
        self.data = self._collect()
        try:
            trip = Trip.model_validate(self.data)
        except ValidationError as exc:
            self._show_errors(exc)
            return False
        if self.new and app.store.has_trip(trip.id):
            self._show_errors_map({"e-id": self.t("a trip called {id} exists already",
                                                  id=trip.id)})
            return False
        self._show_errors_map({})
        dumped = trip.model_dump(mode="json")
        if dumped == self._saved:
            return False  # nothing changed (e.g. the fields being filled in)
        self._form_for = trip.id
        self._saved = dumped
        self.new = False
        app.save_trip(trip)
        self._status(self.t("Saved."))
        return True

    def _show_errors(self, exc: Any) -> None:
        found: dict[str, str] = {}
        for err in exc.errors():
            loc = tuple(err.get("loc", ()))
            msg = str(err.get("msg", "")).removeprefix("Value error, ")
            # The deepest error box that exists: a field, else its flight/stay, else the form.
            for n in range(len(loc), -1, -1):
                target = wid(loc[:n], "e")
                if n == 0 or self.query(f"#{target}"):
                    found.setdefault(target, msg)
                    break
        self._show_errors_map(found)
        self._status(self.t("Not saved yet: {n} problem(s) to fix.", n=len(found)))

    def _show_errors_map(self, found: dict[str, str]) -> None:
        self.errors = found
        for box in self.query(".field-error").results(Static):
            message = found.get(box.id or "", "")
            box.update(Text(message))
            box.set_class(bool(message), "-has-error")

    def _status(self, text: str) -> None:
        self.query_one("#form-status", Static).update(Text(text, style=self.tone("muted")))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._rebuilding or not (event.input.id or "").startswith("f-"):
            return
        self.validate_and_save()

    # --- flights and stays -------------------------------------------------------------------

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid == "add-flights":
            await self.action_add_flight()
        elif bid == "add-stays":
            await self.action_add_stay()
        elif bid.startswith("rm-"):
            kind, index = bid[3:].rsplit("-", 1)
            self.data = self._collect()
            del self.data[kind][int(index)]
            await self._rebuild()
            self.validate_and_save()

    async def action_add_flight(self) -> None:
        self.data = self._collect()
        flights = self.data.setdefault("flights", [])
        flights.append({"flight": "", "origin": "", "destination": "", "departs": "",
                        "arrives": "", "booking_ref": ""})
        await self._rebuild()
        self.query_one(f"#{wid(('flights', len(flights) - 1, 'flight'))}", Input).focus()

    async def action_add_stay(self) -> None:
        self.data = self._collect()
        stays = self.data.setdefault("stays", [])
        stays.append({"name": "", "address": "", "check_in": "", "check_out": ""})
        await self._rebuild()
        self.query_one(f"#{wid(('stays', len(stays) - 1, 'name'))}", Input).focus()
