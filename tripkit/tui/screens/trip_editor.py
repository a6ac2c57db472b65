"""Trip editor: a guided form in five steps (traveller, documents, conference and venue, journey,
stays), finished by keyboard, saved with Ctrl+S.

The text typed lives in a TripForm (trip_form.py); this screen shows one step of it. A field's
problem is shown in plain words under it once the field is left (never while typing), and every
problem when saving. What is typed and not saved yet is kept as a draft (in the store, through
tripkit.services.tui_support): it survives quitting and switching the language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, Tab, Tabs

from tripkit.i18n import trn
from tripkit.tui.screens.base import BaseScreen
from tripkit.tui.screens.trip_form import GROUPS, STEPS, Field, Group, TripForm, problems, step_of
from tripkit.tui.widgets.tick_box import TickBox

# The editor's "add" actions and the group each adds to (the footer lists each on its step).
_ADDS = {"add_flight": "flights", "add_leg": "ground", "add_stay": "stays"}


def wid(path: str, prefix: str = "f") -> str:
    return f"{prefix}-{path.replace('.', '-')}"


_ZONE_PATHS = ("traveller.home_tz", "conference.venue.tz")


def _is_zone(name: str) -> bool:
    from tripkit.core.zoned import get_zone

    try:
        get_zone(name)
    except ValueError:
        return False
    return True


def _is_kind(path: str) -> bool:
    """An authorisation's kind ("traveller.authorisations.0.kind")."""
    return path.startswith("traveller.authorisations.") and path.endswith(".kind")


def path_of(widget_id: str) -> str:
    """'f-flights-0-departs--tz' -> 'flights.0.departs.tz'."""
    body = widget_id.split("-", 1)[1]
    zone = body.endswith("--tz")
    body = body.removesuffix("--tz")
    return body.replace("-", ".") + (".tz" if zone else "")


class TripEditorScreen(BaseScreen):
    SCOPE = "trip"
    CSS_PATH = Path(__file__).parent / "trip_editor.tcss"
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self.form: TripForm | None = None
        self.step = 0
        self.touched: set[str] = set()  # fields left at least once: their problems are shown
        self.errors: dict[str, str] = {}
        self._rebuilding = False
        self._saved_form: dict[str, Any] | None = None  # the form as last saved or loaded
        self._shown: dict[str, str] = {}  # error box id -> the message it shows
        # zone field -> (the zone filled from the airportsdata library, the note saying so):
        # said on the status line while the field still holds that zone.
        self._zone_notes: dict[str, tuple[str, str]] = {}

    @property
    def new(self) -> bool:
        return self.form is not None and self.form.trip_id is None

    def on_mount(self) -> None:
        self.tapp.editor = self

    def compose_body(self) -> ComposeResult:
        t = self.t
        yield Tabs(
            *(Tab(f"{n + 1} {t(s.title)}", id=f"step-{s.id}") for n, s in enumerate(STEPS)),
            id="steps",
        )
        yield Static(id="form-status")
        yield VerticalScroll(id="trip-form")
        with Horizontal(id="form-nav"):
            yield Button(t("← Back"), id="step-back")
            yield Button(t("Next →"), id="step-next")
            yield Button(t("Save trip"), id="save", variant="primary")
            yield Button(t("Discard changes"), id="discard")

    # --- which form ----------------------------------------------------------------------------

    async def load(self) -> None:
        app = self.tapp
        if self.form is not None and (self.new or self.form.trip_id == app.trip_id):
            return  # the form is the source of truth while it is being edited
        kept = getattr(app, "editor_state", None)
        app.editor_state = None
        if kept is not None:  # the language was switched: the same form, as it was
            self.form, self.step, self.touched = kept
            self._saved_form = self._stored_form()
            await self._show_step(self.step, collect=False)
            return
        from tripkit.services.tui_support import load_draft

        draft = load_draft(app.store)
        if draft is not None and draft.get("trip_id") in (None, app.trip_id):
            self.form = TripForm.from_json(draft)
            self.step = int(draft.get("step", 0)) % len(STEPS)
            self.touched = set()
            self._saved_form = self._stored_form()
            await self._show_step(self.step, collect=False)
            self._status(
                self.t(
                    "Your unsaved changes are back. Ctrl+S saves them; "
                    "“Discard changes” drops them."
                )
            )
            return
        await self._edit_current()

    def _stored_form(self) -> dict[str, Any] | None:
        if self.form is None or self.form.trip_id is None:
            return None
        return TripForm.from_trip(self.tapp.trip.model_dump(mode="json")).to_json()

    async def _edit_current(self) -> None:
        self.form = TripForm.from_trip(self.tapp.trip.model_dump(mode="json"))
        self._saved_form = self.form.to_json()
        self.touched = set()
        await self._show_step(0, collect=False)
        self._status(self.t("Editing this trip. Ctrl+S saves; Tab moves between fields."))

    def start_new(self) -> None:
        self.call_later(self._start_new)

    async def _start_new(self) -> None:
        if not self.query("#trip-form"):
            return  # the app is closing
        app = self.tapp
        self.form = TripForm.blank(app.trip.model_dump(mode="json"), app.lang)
        self._saved_form = None
        self.touched = set()
        self.errors = {}
        await self._show_step(0, collect=False)
        self._status(
            self.t(
                "New trip: five steps. Tab moves between fields, Ctrl+S saves when you are done."
            )
        )
        for name in self.query(f"#{wid('name')}"):
            name.focus()

    @property
    def dirty(self) -> bool:
        if self.form is None:
            return False
        self._collect()
        if self.form.trip_id is None:
            blank = TripForm.blank(None, self.tapp.lang).values
            return any(v.strip() and blank.get(k) != v for k, v in self.form.values.items())
        return self.form.to_json() != self._saved_form

    def keep_draft(self) -> None:
        """Store the form as a draft if it has unsaved changes (quitting, leaving a field)."""
        from tripkit.services.tui_support import clear_draft, save_draft

        if self.form is None:
            return
        store = self.tapp.store
        if self.dirty:
            save_draft(store, {**self.form.to_json(), "step": self.step})
        elif self.form.trip_id is not None:
            clear_draft(store)

    # --- one step on screen --------------------------------------------------------------------

    async def _show_step(self, step: int, *, collect: bool = True) -> None:
        """Show step `step`; `collect`: first keep what the shown fields hold (not when the
        form itself was just replaced)."""
        if collect:
            self._collect()
        self.step = step % len(STEPS)
        tabs = self.query_one("#steps", Tabs)
        tabs.active = f"step-{STEPS[self.step].id}"
        form = self.query_one("#trip-form", VerticalScroll)
        self._rebuilding = True
        self._shown = {}
        try:
            await form.remove_children()
            await form.mount_all(self._widgets(self.step))
        finally:
            self._rebuilding = False
        # Hidden rather than disabled: a disabled button's text is too faint to read.
        self.query_one("#step-back", Button).display = self.step > 0
        self.query_one("#step-next", Button).display = self.step < len(STEPS) - 1
        self.refresh_bindings()  # the footer lists the new step's "add" keys
        self._show_errors()
        form.scroll_home(animate=False)

    def _widgets(self, step: int) -> list[Widget]:
        t = self.t
        s = STEPS[step]
        out: list[Widget] = [
            Static(
                Text(
                    t(
                        "Step {n} of {total}: {title}",
                        n=step + 1,
                        total=len(STEPS),
                        title=t(s.title),
                    )
                ),
                classes="form-section",
            )
        ]
        for path, f in s.fields:
            out.extend(self._row(path, f))
        for group in s.groups:
            out.extend(self._group(group))
        return out

    def _group(self, group: Group) -> list[Widget]:
        t = self.t
        assert self.form is not None
        out: list[Widget] = [Static(id=wid(group.path, "e"), classes="field-error")]
        for i in range(self.form.counts.get(group.path, 0)):
            block: list[Widget] = [Static(Text(t(group.entry, n=i + 1)), classes="form-subtitle")]
            for f in group.fields:
                block.extend(self._row(f"{group.path}.{i}.{f.name}", f))
            block.append(Static(id=wid(f"{group.path}.{i}", "e"), classes="field-error"))
            block.append(
                Horizontal(
                    Button(t("Remove"), id=wid(f"{group.path}.{i}", "rm"), variant="error"),
                    classes="form-buttons",
                )
            )
            out.append(Vertical(*block, classes="form-block"))
        out.append(
            Horizontal(Button(t(group.add), id=wid(group.path, "add")), classes="form-buttons")
        )
        return out

    def _row(self, path: str, f: Field) -> list[Widget]:
        t = self.t
        assert self.form is not None
        value = self.form.values.get(path, "")
        label = Label(t(f.label) + ("" if f.required or f.kind == "bool" else t(" (optional)")))
        if f.kind == "bool":
            widgets: list[Widget] = [
                # Blank when unticked (Textual's X told the states apart by colour alone).
                TickBox(t(f.label), value != "false", id=wid(path), compact=True)
            ]
            label = Label("")
        elif f.kind == "time":
            widgets = [
                Input(
                    value, placeholder=_example(t, "2027-03-23 17:05"), id=wid(path), compact=True
                ),
                Input(
                    self.form.values.get(path + ".tz", ""),
                    placeholder=_example(t, "Asia/Tokyo"),
                    id=wid(path) + "--tz",
                    classes="zone",
                    compact=True,
                ),
            ]
        else:
            widgets = [
                Input(value, placeholder=_example(t, f.placeholder), id=wid(path), compact=True)
            ]
        rows: list[Widget] = [Horizontal(label, *widgets, classes="form-row")]
        if f.kind in ("country", "countries", "zone") or _is_kind(path):
            # The countries' names under the codes ("IN" is India, "ID" Indonesia); the
            # scheme's name under an authorisation's kind; a zone in words ("Tokyo time").
            text = self._gloss(path)
            gloss = Static(text, id=wid(path, "n"), classes="field-gloss")
            gloss.display = bool(text.plain)  # no blank line under an empty field
            rows.append(gloss)
        rows.append(Static(id=wid(path, "e"), classes="field-error"))
        return rows

    def _gloss(self, path: str) -> Text:
        from tripkit.services.country_input import country_gloss
        from tripkit.services.scheme_input import kind_gloss

        assert self.form is not None
        values, lang = self.form.values, self.tapp.lang
        value = values.get(path, "")
        if _is_kind(path):
            country = values.get(path.removesuffix(".kind") + ".country", "")
            words = kind_gloss(value, country, lang)
        elif path in _ZONE_PATHS:
            from tripkit.zonenames import zone_name

            # Only a zone that is one: the field's error says what a bad one should be.
            words = zone_name(value.strip(), lang) if _is_zone(value.strip()) else ""
        else:
            words = country_gloss(value, lang) if value.strip() else ""
        return Text(words, style=self.tone("muted"))

    def _show_gloss(self, path: str) -> None:
        """After a field is left: its gloss, and the kind's when its country changed."""
        paths = [path]
        if path.startswith("traveller.authorisations.") and path.endswith(".country"):
            paths.append(path.removesuffix(".country") + ".kind")
        for each in paths:
            text = self._gloss(each)
            for gloss in self.query("#" + wid(each, "n")).results(Static):
                gloss.update(text)
                gloss.display = bool(text.plain)

    # --- reading, checking, saving -------------------------------------------------------------

    def _collect(self) -> None:
        """The text of the step's fields into the form."""
        if self.form is None or self._rebuilding:
            return
        for widget in self.query("#trip-form Input").results(Input):
            if widget.id:
                self.form.values[path_of(widget.id)] = widget.value
        for box in self.query("#trip-form Checkbox").results(Checkbox):
            if box.id:
                self.form.values[path_of(box.id)] = "true" if box.value else "false"

    def check(self) -> Any:
        """The trip the form makes, or None; self.errors says what is wrong with it."""
        from pydantic import ValidationError

        from tripkit.core.models import Trip

        assert self.form is not None
        self._collect()
        trip_id = self.form.trip_id or "new-trip"
        try:
            trip = Trip.model_validate(self.form.build(trip_id))
        except ValidationError as exc:
            self.errors = problems(self.form, exc, self.t)
            return None
        self.errors = {}
        return trip

    def _show_errors(self) -> None:
        def shown(path: str) -> bool:
            # A field's problem once it was left; an entry's or a list's once one of its
            # fields was.
            return any(t == path or t.startswith(path + ".") for t in self.touched)

        for box in self.query(".field-error").results(Static):
            path = path_of(box.id or "e-")
            message = self.errors.get(path, "") if shown(path) else ""
            if message == self._shown.get(box.id or ""):
                continue  # unchanged: no new layout for it (Tab stays quick in a long form)
            self._shown[box.id or ""] = message
            box.update(Text(message))
            box.set_class(bool(message), "-has-error")

    def _status(self, text: str) -> None:
        self.query_one("#form-status", Static).update(Text(text, style=self.tone("muted")))

    def action_save(self) -> None:
        self._save()

    def _save(self) -> None:
        from tripkit.services.tui_support import save_trip, trip_id_for

        if self.form is None:
            return
        app = self.tapp
        trip = self.check()
        self.touched |= set(self.form.values) | set(self.errors)
        self._show_errors()
        if trip is None:
            first = min((step_of(p) for p in self.errors), default=self.step)
            self._status(
                trn(
                    "Not saved: {n} problem to fix, shown under its field.",
                    "Not saved: {n} problems to fix, shown under their fields.",
                    len(self.errors),
                    self.tapp.lang,
                )
            )
            if first != self.step:
                self.call_later(self._show_step, first)
            return
        new = self.form.trip_id is None
        if new:
            trip = trip.model_copy(update={"id": trip_id_for(app.store, trip.name)})
        try:
            save_trip(app.store, trip, new=new)
        except Exception as err:
            app.error(err, "Trip not saved")
            return
        self.form = TripForm.from_trip(trip.model_dump(mode="json"))
        self._saved_form = self.form.to_json()
        app.trip_saved(trip)
        self._status(self.t("Saved: {name}.", name=trip.name))

    async def action_discard(self) -> None:
        from tripkit.services.tui_support import clear_draft

        clear_draft(self.tapp.store)
        self.errors = {}
        await self._edit_current()

    # --- events --------------------------------------------------------------------------------

    @on(Input.Blurred)
    @on(Checkbox.Changed)
    def _left(self, event: Input.Blurred | Checkbox.Changed) -> None:
        widget = event.input if isinstance(event, Input.Blurred) else event.checkbox
        if self._rebuilding or self.form is None or not (widget.id or "").startswith("f-"):
            return
        path = path_of(widget.id or "")
        self.touched.add(path.removesuffix(".tz"))
        self._collect()
        self._show_gloss(path)
        self._fill_zones(path)
        self.check()
        self._show_errors()
        self.keep_draft()
        values = self.form.values
        notes = [n for p, (z, n) in self._zone_notes.items() if values.get(p, "").strip() == z]
        if self.dirty:  # the status never says "Saved" over changes made since
            notes.append(self.t("Not saved yet (kept as a draft): Ctrl+S saves."))
        if notes:
            self._status(" ".join(notes))

    def _fill_zones(self, path: str) -> None:
        """An airport gives its time's zone; a venue's city and country give the venue's zone,
        when the zone field is still empty (never over what the user typed). A zone from the
        airportsdata library, not the curated airports, gets a note (self._zone_notes)."""
        from tripkit.services.tui_support import airport_zone, library_airport_name, venue_zone

        assert self.form is not None
        values = self.form.values
        parts = path.split(".")
        if parts[0] == "flights" and len(parts) == 3 and parts[2] in ("origin", "destination"):
            time = f"flights.{parts[1]}.{'departs' if parts[2] == 'origin' else 'arrives'}.tz"
            code = values.get(path, "")
            zone = airport_zone(code)
            name = library_airport_name(code) if zone else None
            if self._offer_zone(time, zone) and zone and name:
                note = self.t(
                    "{zone} is from the airportsdata library ({code}: {name}), not tripkit's "
                    "reviewed airports: check it.",
                    zone=zone,
                    code=code.strip().upper(),
                    name=name,
                )
                self._zone_notes[time] = (zone, note)
            elif not name:
                self._zone_notes.pop(time, None)  # another airport now: the note is not its
        elif path in ("conference.venue.city", "conference.venue.country"):
            zone = venue_zone(
                values.get("conference.venue.city", ""), values.get("conference.venue.country", "")
            )
            self._offer_zone("conference.venue.tz", zone)

    def _offer_zone(self, path: str, zone: str | None) -> bool:
        """Fill an empty zone field; True when it was filled."""
        assert self.form is not None
        if zone is None or self.form.values.get(path, "").strip():
            return False
        self.form.values[path] = zone
        selector = "#" + wid(path.removesuffix(".tz")) + ("--tz" if path.endswith(".tz") else "")
        for field in self.query(selector).results(Input):
            field.value = zone
        if path in _ZONE_PATHS:
            self._show_gloss(path)  # the zone filled in, in words
        return True

    @on(Tabs.TabActivated, "#steps")
    async def _step_tab(self, event: Tabs.TabActivated) -> None:
        wanted = next((n for n, s in enumerate(STEPS) if f"step-{s.id}" == event.tab.id), 0)
        if wanted != self.step and not self._rebuilding:
            await self._show_step(wanted)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        assert self.form is not None
        if bid == "step-next":
            await self._show_step(self.step + 1)
            self._focus_first()
        elif bid == "step-back":
            await self._show_step(self.step - 1)
            self._focus_first()
        elif bid == "save":
            self._save()
        elif bid == "discard":
            await self.action_discard()
        elif bid.startswith("add-"):
            await self._add(path_of(bid))
        elif bid.startswith("rm-"):
            group, index = path_of(bid).rsplit(".", 1)
            self._collect()
            self.form.remove(group, int(index))
            await self._show_step(self.step)
            self.keep_draft()

    def _focus_first(self) -> None:
        for widget in self.query("#trip-form Input, #trip-form Checkbox"):
            widget.focus()
            return

    async def _add(self, group: str) -> None:
        assert self.form is not None
        self._collect()
        index = self.form.add(group)
        values = self.form.values
        venue = values.get("conference.venue.tz", "")
        if group == "stays":  # a stay is at the venue's clock, most likely
            for name in ("check_in", "check_out"):
                values.setdefault(f"stays.{index}.{name}.tz", venue)
        if group == "conference.badge_pickup":
            for name in ("start", "end"):
                values.setdefault(f"{group}.{index}.{name}.tz", venue)
        if group == "flights" and index > 0:  # a connection leaves from where the last landed
            before = f"flights.{index - 1}"
            values.setdefault(f"flights.{index}.origin", values.get(f"{before}.destination", ""))
            values.setdefault(f"flights.{index}.departs.tz", values.get(f"{before}.arrives.tz", ""))
        if group == "ground":
            self._ground_defaults(index)
        await self._show_step(step_of(group))
        first = GROUPS[group].fields[0].name
        self.query_one(f"#{wid(f'{group}.{index}.{first}')}").focus()

    def _ground_defaults(self, index: int) -> None:
        """A new ground leg leaves from where the last one arrived (its place, country and
        zone); the first leaves from home (its zone) and arrives at the venue's clock."""
        assert self.form is not None
        values = self.form.values
        if index == 0:
            values.setdefault("ground.0.departs.tz", values.get("traveller.home_tz", ""))
            values.setdefault("ground.0.origin_country", values.get("traveller.home_country", ""))
            values.setdefault("ground.0.arrives.tz", values.get("conference.venue.tz", ""))
            return
        before = f"ground.{index - 1}"
        for name, source in (
            ("origin", "destination"),
            ("origin_country", "destination_country"),
            ("departs.tz", "arrives.tz"),
        ):
            values.setdefault(f"ground.{index}.{name}", values.get(f"{before}.{source}", ""))

    async def action_add_flight(self) -> None:
        await self._add("flights")

    async def action_add_leg(self) -> None:
        await self._add("ground")

    async def action_add_stay(self) -> None:
        await self._add("stays")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer lists: each "add" key on the step it adds to (flights and legs
        on step 4, stays on step 5), so that the step's own keys fit at 80 columns in either
        language. Display only: every key works on every step (Help lists them all)."""
        groups = {g.path for g in STEPS[self.step].groups}  # (self.step is always in range)
        hidden = {a for a, group in _ADDS.items() if group not in groups}
        hidden.add("app.toggle_zone")  # the editor shows times as typed, in their own zones
        return {
            key: active
            for key, active in super().active_bindings.items()
            if active.binding.action not in hidden
        }

    async def action_next_step(self) -> None:
        await self._show_step(self.step + 1)

    async def action_prev_step(self) -> None:
        await self._show_step(self.step - 1)


def _example(t: Any, text: str) -> str:
    """A field's placeholder, said to be an example. A bare one ("permanent resident",
    "2029-03-31" under "Residence valid until") is told from a value by a shade of grey only,
    and under NO_COLOR or read as text it was a residence the traveller does not have."""
    return t("e.g. {example}", example=text) if text else ""
