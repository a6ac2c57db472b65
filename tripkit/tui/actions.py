"""The one table of user actions: key bindings, the command palette and the help screen read it.

Each action has a stable `id` (used in the keymap file to remap keys), its default key(s), the
Textual action it runs, and English text that is translated when shown. `scope` says where it
applies: "app" everywhere, "screen" on every main screen, otherwise the screen that owns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    id: str
    key: str
    action: str
    description: str  # short, for the footer and palette (English; translated when shown)
    help: str  # one line for the help screen and palette
    scope: str = "app"
    show: bool = False  # in the footer
    palette: bool = True
    priority: bool = False


SCREENS: tuple[tuple[str, str, str], ...] = (
    # (mode name, key, English title)
    ("overview", "1", "Overview"),
    ("checklist", "2", "Checklist"),
    ("schedule", "3", "Schedule"),
    ("agenda", "4", "Agenda"),
    ("guide", "5", "Guide"),
    ("trip", "6", "Trip"),
    ("transfer", "7", "Import/Export"),
)

# A screen's own action: (id, key, Textual action, description, help, shown in the footer).
_Row = tuple[str, str, str, str, str, bool]


def _own(scope: str, *rows: _Row) -> tuple[Action, ...]:
    return tuple(Action(*row[:5], scope=scope, show=row[5]) for row in rows)


def _day_steps(next_id: str, prev_id: str, *, show: bool) -> tuple[_Row, _Row]:
    """The day keys the schedule and the agenda share (their own ids, for the keymap file)."""
    return (
        (next_id, "right_square_bracket", "next_day", "Next day", "Show the next day", show),
        (prev_id, "left_square_bracket", "prev_day", "Previous day", "Show the previous day", show),
    )


# The longer help lines, so that each row above stays one line.
_DETAILS_HELP = "Show / hide the session's details (below 110 columns)"
_INTEREST_HELP = "Your interest in the session: want, must, maybe, none (each press the next)"
_RESERVATION_HELP = "Your seat: reserved, waitlisted, full, not needed, none (each press the next)"
_ADD_PERSONAL_HELP = "Add your own agenda item (a meeting, booth duty, a meal, travel)"
_EDIT_PERSONAL_HELP = "Change the highlighted item of your own (listed above the grid)"
_ADD_LEG_HELP = "Add a leg by train, coach, car or ferry"
_REMOVE_PERSONAL_HELP = "Remove the highlighted item of your own (asks first)"

ACTIONS: tuple[Action, ...] = (
    *(
        Action(f"go-{mode}", key, f"app.go('{mode}')", title, f"Show the {title} screen")
        for mode, key, title in SCREENS
    ),
    Action("import", "i", "app.import_schedule", "Import", "Import a schedule from a file or URL"),
    Action("export", "x", "app.export", "Export", "Export the checklist, binder, .ics or report"),
    Action("new-trip", "N", "app.new_trip", "New trip", "Create your own trip"),
    Action("switch-trip", "T", "app.switch_trip", "Trips", "Switch to another trip"),
    Action(
        "toggle-zone",
        "z",
        "app.toggle_zone",
        "Home time",
        "Show times in your home zone / where you will be",
        show=True,
    ),
    Action("toggle-theme", "ctrl+t", "app.toggle_theme", "Theme", "Switch dark and light theme"),
    Action("toggle-lang", "L", "app.toggle_lang", "日本語/English", "Switch the language"),
    Action(
        "help", "question_mark,f1", "app.help", "Help", "Show the keys and what they do", show=True
    ),
    Action(
        "quit", "q", "app.quit", "Quit", "Quit (a trip being written is kept as a draft)", show=True
    ),
    # Every main screen: shown in the footer while a text field has the focus.
    Action(
        "leave-field",
        "escape",
        "leave_field",
        "Leave field",
        "Leave the text field, so that the keys above work again",
        scope="screen",
        show=True,
        palette=False,
    ),
    *_own(
        "checklist",
        ("item-done", "space", "toggle_done", "Done", "Mark the item done / not done", True),
        ("item-skip", "s", "skip", "Skip", "Skip the item, with a reason", True),
        ("item-snooze", "p", "snooze", "Snooze", "Snooze the item for a day", True),
        ("item-add", "a", "add_item", "Add", "Add your own item", True),
        ("item-filter", "f", "cycle_filter", "Filter", "Show all / open / overdue items", True),
    ),
    *_own(
        "schedule",
        ("search", "slash", "focus_search", "Search", "Search the programme", True),
        ("star", "s,asterisk", "toggle_star", "Star", "Star / unstar the session", True),
        ("interest", "m", "cycle_interest", "Interest", _INTEREST_HELP, True),
        ("reservation", "r", "cycle_reservation", "Reservation", _RESERVATION_HELP, True),
        ("add-personal", "a", "add_personal", "Add item", _ADD_PERSONAL_HELP, True),
        *_day_steps("next-day", "prev-day", show=False),
        ("notes", "n", "edit_note", "Note", "Write a note on the session", True),
        ("details", "enter", "toggle_detail", "Details", _DETAILS_HELP, False),
        ("clear-filters", "ctrl+r", "clear_filters", "Clear", "Clear search and filters", False),
    ),
    *_own(
        "agenda",
        *_day_steps("agenda-next", "agenda-prev", show=True),
        ("agenda-add", "a", "add_personal", "Add item", _ADD_PERSONAL_HELP, True),
        ("agenda-edit", "e", "edit_personal", "Change", _EDIT_PERSONAL_HELP, True),
        ("agenda-remove", "d", "remove_personal", "Remove", _REMOVE_PERSONAL_HELP, True),
    ),
    *_own(
        "trip",
        ("add-flight", "ctrl+f", "add_flight", "Add flight", "Add a flight segment", True),
        ("add-leg", "ctrl+g", "add_leg", "Add leg", _ADD_LEG_HELP, True),
        ("add-stay", "ctrl+y", "add_stay", "Add stay", "Add a stay", True),
        (
            "save-trip",
            "ctrl+s",
            "save",
            "Save",
            "Save the trip (every field is checked first)",
            True,
        ),
        ("next-step", "ctrl+n", "next_step", "Next step", "The trip editor's next step", False),
        (
            "prev-step",
            "ctrl+b",
            "prev_step",
            "Previous step",
            "The trip editor's previous step",
            False,
        ),
    ),
)


def bindings_for(scope: str, tr: Callable[[str], str]) -> list[Binding]:
    """The bindings of a main screen: the global actions and the screen's own, translated.

    The global actions live on each main screen rather than on the App, so that a dialog (which
    is not a main screen) does not switch screens or quit under the user's hands.
    """
    chosen = [a for a in ACTIONS if a.scope in ("app", "screen", scope)]
    # The footer lists them in this order and cuts what does not fit: how to leave (Esc, q)
    # first, then the screen's own keys, then the rest.
    first = [a for a in chosen if a.id in FOOTER_FIRST]
    first.sort(key=lambda a: FOOTER_FIRST.index(a.id))
    own = [a for a in chosen if a.scope == scope]
    rest = [a for a in chosen if a not in first and a not in own]
    return [
        Binding(
            a.key,
            a.action,
            tr(a.description),
            show=a.show,
            id=a.id,
            tooltip=tr(a.help),
            priority=a.priority,
        )
        for a in [*first, *own, *rest]
    ]


FOOTER_FIRST = ["leave-field", "quit"]


def key_display(key: str) -> str:
    """How a key list reads in the help screen: 'question_mark,f1' -> '? / F1'."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "asterisk": "*",
        "space": "Space",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "enter": "Enter",
    }
    out = []
    for k in key.split(","):
        k = k.strip()
        if k in names:
            out.append(names[k])
        elif k.startswith("ctrl+"):
            out.append("Ctrl+" + k[5:].upper())
        else:
            out.append(k.upper() if len(k) > 1 else k)
    return " / ".join(out)
