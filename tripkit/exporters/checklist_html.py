"""The printable checklist (and binder) as one self-contained HTML file.

Jinja2 with autoescape on for every template, so a session titled `<script>` prints as text.
The page carries its own CSS (screen and print: `@page`, items never split across pages,
a phase heading always kept with its first item) and loads nothing from the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from tripkit.core.models import ChecklistItem, Trip
from tripkit.exporters.binder import Binder, BinderExtras, build_binder

Paper = Literal["auto", "A4", "letter"]
PAPERS: tuple[Paper, ...] = ("auto", "A4", "letter")
_TEMPLATES = Path(__file__).parent / "templates"


@cache
def _template(name: str) -> Template:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    return env.get_template(name)


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string (for @page margin boxes): everything but letters,
    digits and spaces as a CSS hex escape, so no quote, backslash or `</style>` in a trip
    name can end the string or the style sheet."""
    out = ['"']
    for ch in str(text):
        out.append(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}")
    out.append('"')
    return Markup("".join(out))  # noqa: S704 - every non-alphanumeric character is escaped


def render_html(b: Binder, *, paper: Paper = "auto") -> str:
    """`paper` fixes the printed page size; "auto" leaves it to the printer's settings."""
    return _template("checklist.html.j2").render(b=b, paper="" if paper == "auto" else paper)


def checklist_html(
    trip: Trip,
    items: Sequence[ChecklistItem],
    *,
    lang: str,
    now: datetime,
    extras: BinderExtras | None = None,
    paper: Paper = "auto",
) -> str:
    return render_html(build_binder(trip, items, lang=lang, now=now, extras=extras), paper=paper)
