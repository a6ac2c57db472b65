"""Import a schedule (path or URL, with progress and the change report) and export the trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from tripkit.i18n import render, trn
from tripkit.tui.messages import ExportWritten, ScheduleImported
from tripkit.tui.screens.base import BaseScreen

# The importers' formats (tripkit.importers.FORMATS), named as people know them.
FORMATS = (
    ("frab-xml", "frab / Pentabarf XML"),
    ("frab-json", "frab / pretalx JSON"),
    ("schedule2", "schedule.json (v2)"),
    ("sessionize", "Sessionize JSON"),
    ("ical", "iCalendar (.ics)"),
    ("csv", "CSV"),
)
EXPORTS = {
    # kind: (English label, default file suffix)
    "checklist": ("Checklist", "-checklist.txt"),  # .md / .html by the file's suffix
    "binder": ("Binder (HTML)", "-binder.html"),
    "ics": ("Calendar (.ics)", ".ics"),
    "report": ("Report (.md)", "-report.md"),
}


class TransferScreen(BaseScreen):
    SCOPE = "transfer"
    CSS_PATH = Path(__file__).parent / "transfer.tcss"
    AUTO_FOCUS = "#import-source"

    def __init__(self) -> None:
        super().__init__()
        # The source field's text when tripkit filled it in (the named programme's stored
        # source), so that naming another programme replaces it but never what was typed.
        self._prefilled = ""

    def compose_body(self) -> ComposeResult:
        from tripkit.store import MAIN

        t = self.t
        with VerticalScroll(id="transfer-scroll"):
            yield Static(Text(t("Import a schedule"), style="bold"), classes="section-title")
            yield Static(
                Text(
                    t(
                        "A file path or an http(s) URL: frab/Pentabarf XML, frab/pretalx "
                        "JSON, Sessionize JSON, iCalendar or CSV. Your stars and notes "
                        "are kept."
                    ),
                    style=self.tone("muted"),
                )
            )
            yield Input(placeholder=t("path or URL"), id="import-source")
            # Which programme the file becomes: "main", or a co-located event, workshops… each
            # imported from its own source; the same name again refreshes that one alone.
            with Horizontal(id="name-row"):
                yield Label(t("Programme"), id="import-name-label")
                yield Input(MAIN, id="import-name", compact=True)  # one line: 80x24 fits
                # Removes the programme named (asked first): `tripkit schedule remove NAME`.
                yield Button(t("Remove"), id="remove-programme", variant="error", compact=True)
                yield Static(id="import-name-hint")
            with Horizontal(id="import-row"):
                yield Select(
                    [(t("Format: recognise it"), "auto"), *((name, fmt) for fmt, name in FORMATS)],
                    value="auto",
                    allow_blank=False,
                    id="import-format",
                )
                yield Input(
                    placeholder=t("Zone if the file has none"),
                    id="import-tz",
                )
                yield Button(t("Import"), id="import-go", variant="primary")
            bar = ProgressBar(id="import-progress", show_eta=False)
            bar.display = False  # shown while an import runs
            yield bar
            yield Static(id="import-report")
            yield Static(Text(t("Export"), style="bold"), classes="section-title")
            yield Input(self._default_path_for("checklist"), id="export-path")
            with Horizontal(id="export-row"):
                yield Select(
                    [(t(label), kind) for kind, (label, _s) in EXPORTS.items()],
                    value="checklist",
                    allow_blank=False,
                    id="export-kind",
                )
                yield Button(t("Export"), id="export-go", variant="primary")
            yield Static(id="export-report")

    def load(self) -> None:
        self._name_changed()

    def _programme_name(self) -> str | None:
        """The name in the Programme field, or None when the service would refuse it."""
        from tripkit.services.schedule import check_name

        try:
            return check_name(self.query_one("#import-name", Input).value.strip())
        except ValueError:
            return None

    @on(Input.Changed, "#import-name")
    def _name_changed(self) -> None:
        from tripkit.services.schedule import NAME_RULE
        from tripkit.services.tui_support import programme_of, programme_rows

        t = self.t
        hint = self.query_one("#import-name-hint", Static)
        name = self._programme_name()
        # Shown only for a programme of the trip (a greyed-out button is unreadable in
        # monochrome, and there is nothing to remove).
        remove = self.query_one("#remove-programme", Button)
        if name is None:
            remove.display = False
            hint.update(
                Text(
                    t("Not a programme name: {rule}.", rule=t(NAME_RULE)), style=self.tone("error")
                )
            )
            return
        # The programme's header only: its source prefills the field (not its sessions).
        programme = programme_of(self.tapp.store, self.tapp.trip_id, name)
        source = self.query_one("#import-source", Input)
        if source.value.strip() == self._prefilled:
            self._prefilled = programme.source if programme is not None else ""
            source.value = self._prefilled
        remove.display = programme is not None
        others = [p.name for p in programme_rows(self.tapp.store, self.tapp.trip_id)]
        if programme is not None:
            text = t("Refreshes only “{name}”; the others are kept.", name=name)
        elif others:
            text = t("A new programme, beside: {names}.", names=", ".join(others))
        else:
            text = ""
        hint.update(Text(text, style=self.tone("muted")))

    def focus_section(self, which: str) -> None:
        for widget in self.query("#import-source" if which == "import" else "#export-kind"):
            widget.focus()  # (nothing to focus when the app is already closing)

    # --- import ------------------------------------------------------------------------------

    @on(Button.Pressed, "#import-go")
    @on(Input.Submitted, "#import-source")
    @on(Input.Submitted, "#import-tz")
    @on(Input.Submitted, "#import-name")
    def start_import(self) -> None:
        source = self.query_one("#import-source", Input).value.strip()
        if not source:
            self.tapp.notify(self.t("Type a file path or a URL first."), severity="warning")
            return
        name = self._programme_name()
        if name is None:
            self.query_one("#import-name", Input).focus()  # its hint says what is wrong
            return
        fmt = str(self.query_one("#import-format", Select).value)
        zone = self.query_one("#import-tz", Input).value.strip()
        if zone and not _known_zone(zone):
            self.query_one("#import-report", Static).update(
                Text(
                    self.t(
                        "“{zone}” is not a time zone: write one like Europe/Brussels.", zone=zone
                    ),
                    style=self.tone("error"),
                )
            )
            return
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#import-report", Static).update(
            Text(self.t("Importing {source}…", source=source))
        )
        self.query_one("#import-go", Button).disabled = True
        self._import(source, None if fmt == "auto" else fmt, zone or None, name)

    @work(thread=True, exit_on_error=False, group="import", exclusive=True)
    def _import(self, source: str, fmt: str | None, zone: str | None, name: str) -> Any:
        from tripkit.services.schedule import import_schedule
        from tripkit.store import Store

        app = self.tapp
        # SQLite connections belong to one thread: the worker opens its own on the same file.
        store = Store.open(app.store.path.parent)
        try:
            result = import_schedule(
                store,
                store.get_trip(app.trip_id),
                source,
                fmt=fmt,
                tz=zone,
                name=name,
                progress=lambda done, total: app.call_from_thread(self._progress, done, total),
            )
        except BaseException:
            app.call_from_thread(self._import_failed)
            raise
        finally:
            store.close()
        app.call_from_thread(self._imported, source, result)
        return result

    def _progress(self, done: int, total: int | None) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)

    def _import_failed(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-go", Button).disabled = False
        self.query_one("#import-report", Static).update(
            Text(self.t("Import failed; nothing was changed."))
        )

    def _imported(self, source: str, result: Any) -> None:
        app = self.tapp
        app.invalidate_schedule()
        self.query_one("#import-progress").display = False
        self.query_one("#import-go", Button).disabled = False
        self.query_one("#import-report", Static).update(self._report(result))
        self._prefilled = self.query_one("#import-source", Input).value.strip()
        self._name_changed()  # the programme exists now: its hint says so
        app.post_message(ScheduleImported(source, result.count))
        app.notify(
            trn(
                "Schedule imported: {n} session",
                "Schedule imported: {n} sessions",
                result.count,
                app.lang,
            )
        )

    def _report(self, result: Any) -> Text:
        from tripkit.store import MAIN

        t = self.t
        out = Text()
        schedule = result.schedule
        if result.not_modified:
            out.append(t("Unchanged since the last import."), style="bold")
            return out
        out.append(trn("{n} session", "{n} sessions", result.count, self.tapp.lang), style="bold")
        if result.name != MAIN:
            out.append(" · " + t("Programme: {name}", name=result.name))
        if schedule.title:
            out.append(" · ")
            out.append(schedule.title)
        lang = self.tapp.lang
        out.append(
            f" · {trn('{n} day', '{n} days', len(result.days), lang)}"
            f" · {trn('{n} room', '{n} rooms', len(result.rooms), lang)}"
            f" · {trn('{n} track', '{n} tracks', len(result.tracks), lang)}"
        )
        changes = result.changes
        if getattr(result, "replaced", False):
            out.append(
                "\n" + t("It has nothing in common with the previous programme, which it replaced.")
            )
        if changes is not None:
            counts = {k: v for k, v in changes.counts().items() if v}
            if counts:
                out.append("\n" + t("Changes") + ": ", style="bold")
                out.append(", ".join(f"{v} {t(k)}" for k, v in counts.items()))
            else:
                out.append("\n" + t("No changes since the last import."))
            for c in changes.changes[:30]:
                out.append(
                    "\n" + ("★ " if c.starred else "  ") + t(c.kind) + ": ",
                    style=self.tone("warning") if c.starred else "",
                )
                out.append(c.title)
                if c.before or c.after:
                    out.append(f"  ({c.before} → {c.after})", style=self.tone("muted"))
        for w in schedule.warnings[:10]:
            out.append("\n⚠ ", style=self.tone("warning"))
            out.append(render(w, self.tapp.lang))  # keyed importer warnings, in the UI language
        from tripkit.services.schedule import fit_warnings

        for warning in fit_warnings(result, self.tapp.lang):
            out.append("\n⚠ " + warning, style=self.tone("warning"))
        return out

    # --- removing a programme ----------------------------------------------------------------

    @on(Button.Pressed, "#remove-programme")
    def ask_remove(self) -> None:
        """Asks first (what goes with it: its stars and notes), then removes the programme
        named through the service `tripkit schedule remove` uses."""
        from tripkit.services.tui_support import picks_of
        from tripkit.tui.screens.dialogs import ConfirmDialog

        name = self._programme_name()
        app = self.tapp
        if name is None or name not in app.store.programmes.names(app.trip_id):
            return
        # Counted as the removal counts what it drops (Pick.holds): the question and the
        # report after it agree.
        held = sum(p.holds for p in picks_of(app.store, app.trip_id, name).values())
        question = (
            trn(
                "Remove programme “{name}” and its {n} star or note?",
                "Remove programme “{name}” and its {n} stars and notes?",
                held,
                app.lang,
                name=name,
            )
            if held
            else self.t("Remove programme “{name}”? It holds no stars or notes.", name=name)
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(name)

        self.app.push_screen(ConfirmDialog(question, self.t("Remove")), answered)

    def _remove(self, name: str) -> None:
        from tripkit.core.textsafe import for_terminal
        from tripkit.services.schedule import remove_programme

        app, t = self.tapp, self.t
        titles = {s.key: s.title for s in app.store.programmes.sessions(app.trip_id, name)}
        dropped = remove_programme(app.store, app.trip, name)
        app.invalidate_schedule()
        out = Text(t("Removed programme {name}.", name=for_terminal(name)), style="bold")
        if dropped:
            out.append(
                "\n"
                + trn(
                    "This star or note went with it:",
                    "These {n} stars and notes went with it:",
                    len(dropped),
                    self.tapp.lang,
                )
            )
            for d in dropped:
                out.append("\n  " + ("★ " if d.pick.starred else "  "))
                out.append(for_terminal(titles.get(d.key, d.key)))  # literal, never markup
        else:
            out.append("\n" + t("It held no stars or notes."))
        self.query_one("#import-report", Static).update(out)
        self._name_changed()  # no longer a programme of the trip: Remove goes
        self.query_one("#import-name", Input).focus()  # (the focused button went)
        app.notify(t("Removed programme {name}.", name=for_terminal(name)))

    # --- export ------------------------------------------------------------------------------

    def _default_path_for(self, kind: str) -> str:
        suffix = EXPORTS.get(kind, EXPORTS["checklist"])[1]
        return str(Path.cwd() / f"{self.tapp.trip_id}{suffix}")

    def _default_path(self) -> None:
        kind = self.query_one("#export-kind", Select).value
        self.query_one("#export-path", Input).value = self._default_path_for(str(kind))

    @on(Select.Changed, "#export-kind")
    def _kind_changed(self) -> None:
        self._default_path()

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def start_export(self) -> None:
        kind = str(self.query_one("#export-kind", Select).value)
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not path.name:
            self.tapp.notify(self.t("Type the file to write first."), severity="warning")
            return
        if path.is_dir():
            self.query_one("#export-report", Static).update(
                Text(
                    self.t("{path} is a folder: name the file to write.", path=str(path)),
                    style=self.tone("error"),
                )
            )
            return
        if path.exists():
            from tripkit.tui.screens.dialogs import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(kind, path)

            self.app.push_screen(
                ConfirmDialog(
                    self.t("{path} exists. Replace it?", path=str(path)), self.t("Replace")
                ),
                answered,
            )
            return
        self._write(kind, path)

    def _write(self, kind: str, path: Path) -> None:
        self.query_one("#export-report", Static).update(Text(self.t("Exporting…")))
        self._export(kind, path)

    @work(thread=True, exit_on_error=False, group="export", exclusive=True)
    def _export(self, kind: str, path: Path) -> Path:
        from tripkit.files import write_atomic
        from tripkit.store import Store

        app = self.tapp
        store = Store.open(app.store.path.parent)
        try:
            data, warnings = _render(
                kind, path, store, store.get_trip(app.trip_id), app.lang, app.now()
            )
        finally:
            store.close()
        write_atomic(path, data)
        app.call_from_thread(self._exported, kind, path, warnings)
        return path

    def _exported(self, kind: str, path: Path, warnings: list[str]) -> None:
        out = Text(self.t("Written: {path}", path=str(path)), style="bold")
        for w in warnings:
            out.append("\n⚠ ", style=self.tone("warning"))
            out.append(w)
        self.query_one("#export-report", Static).update(out)
        self.tapp.post_message(ExportWritten(kind, path))
        self.tapp.notify(self.t("Written: {path}", path=str(path)))


def _render(
    kind: str, path: Path, store: Any, trip: Any, lang: str, now: Any
) -> tuple[bytes, list[str]]:
    from tripkit.services import export

    if kind == "ics":
        return export.ics_document(store, trip, lang=lang, now=now)
    if kind == "report":
        return export.report_document(store, trip, lang=lang, now=now).encode("utf-8"), []
    if kind == "binder":
        text, warnings = export.checklist_document(
            store, trip, fmt="html", lang=lang, binder=True, now=now
        )
        return text.encode("utf-8"), warnings
    fmt = {".html": "html", ".htm": "html", ".md": "markdown"}.get(path.suffix.lower(), "text")
    text, warnings = export.checklist_document(
        store,
        trip,
        fmt=fmt,  # type: ignore[arg-type]
        lang=lang,
        now=now,
    )
    return text.encode("utf-8"), warnings


def _known_zone(name: str) -> bool:
    from tripkit.core.zoned import get_zone

    try:
        get_zone(name)
    except Exception:
        return False
    return True
