"""The printable checklist (and binder) as plain text and as Markdown.

Pure: a `Binder` (built by exporters/binder.py from the trip and its evaluated items) in,
a string out. Plain text carries data text as it is once `clean` has removed control
characters; Markdown escapes every piece of data text with `md_escape`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime

from tripkit.core.models import ChecklistItem, Trip
from tripkit.exporters.binder import (
    Binder,
    BinderExtras,
    Fact,
    ItemView,
    SourceView,
    build_binder,
)
from tripkit.exporters.text import md_escape, md_paragraphs


def _width(text: str) -> int:
    """Columns on a terminal or in a monospaced font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _indent(text: str, prefix: str) -> list[str]:
    return [prefix + line if line else "" for line in text.splitlines()]


# --- plain text ----------------------------------------------------------------------------


def checklist_text(
    trip: Trip, items: Sequence[ChecklistItem], *, lang: str, now: datetime,
    extras: BinderExtras | None = None,
) -> str:
    return render_text(build_binder(trip, items, lang=lang, now=now, extras=extras))


def render_text(b: Binder) -> str:
    lab = b.labels
    out = [f"{b.title} — {b.subtitle}", b.generated]
    if b.example:
        out.append(lab["This is the bundled example trip; its dates are made up."])

    def heading(text: str, rule: str = "=") -> None:
        out.extend(["", text, rule * _width(text)])

    def facts(title: str, rows: Sequence[Fact]) -> None:
        if rows:
            heading(title, "-")
            out.extend(f"{f.label}: {f.value}" for f in rows)

    facts(lab["Key facts"], b.facts)
    facts(lab["Flights"], b.flights)
    facts(lab["Stays"], b.stays)
    heading(f"{lab['Checklist']} ({b.progress})")
    for phase in b.phases:
        heading(f"{phase.title} ({phase.done}/{phase.total})", "-")
        for item in phase.items:
            out.extend(_text_item(item, lab))
    if b.not_applicable:
        heading(lab["Not needed for this trip"], "-")
        out.extend(f"- {i.title}" + (f": {i.reason}" if i.reason else "") for i in b.not_applicable)
    if b.binder:
        _text_binder(b, out, heading)
    return "\n".join(out) + "\n"


def _text_item(item: ItemView, lab: dict[str, str]) -> list[str]:
    status = f" ({item.status_label})" if item.status_label else ""
    lines = [f"[{item.mark}] {item.title}{status}"]
    pad = "    "
    if item.due:
        lines.append(f"{pad}{lab['Due']}: {item.due}")
    if item.reason:
        lines.append(f"{pad}{lab['Why']}: {item.reason}")
    if item.problem:
        lines.append(f"{pad}{lab['Problem']}: {item.problem}")
    lines += _indent(item.details, pad)
    for s in item.sources:
        lines.append(f"{pad}{lab['Sources']}: {_text_source(s)}")
    return lines


def _text_source(s: SourceView) -> str:
    return " ".join(p for p in (s.title, s.url, f"({s.date})" if s.date else "") if p)


def _text_binder(b: Binder, out: list[str], heading: Callable[..., None]) -> None:
    lab = b.labels
    heading(lab["Personal agenda"])
    if not b.agenda:
        out.append(lab["No starred sessions."])
    for day in b.agenda:
        heading(day.title, "-")
        for s in day.sessions:
            flag = f" ({lab['cancelled']})" if s.cancelled else ""
            out.append(f"{s.time}  {s.title}{flag}")
            extra = " · ".join(p for p in (s.where, s.speakers) if p)
            if extra:
                out.append(f"    {extra}")
            if s.note:
                out += _indent(f"{lab['Note']}: {s.note}", "    ")
    heading(lab["Destination guide"])
    if b.guide is None:
        out.append(lab["The destination guide is not available in this version of tripkit; "
                       "this section is left out."])
    for page in b.guide or ():
        heading(page.title, "-")
        for note in page.notes:
            stale = f" ({lab['check again: reviewed long ago']})" if note.stale else ""
            out += ["", f"* {note.title}{stale}"]
            out += _indent(note.text, "  ")
            out += [f"  {label}: {value}" for label, value in note.details]
            out += [f"  {lab['Sources']}: {_text_source(src)}" for src in note.sources]
            if note.reviewed:
                out.append(f"  ({lab['reviewed']} {note.reviewed})")
    heading(lab["Port-of-entry card"])
    out.append(lab["Show this card to the immigration officer if asked."])
    for card in b.card:
        out.append(f"{card.label}: {card.value}")
        gloss = card.label_gloss + (f": {card.value_gloss}" if card.value_gloss else "")
        out.append(f"    {gloss}")


# --- Markdown ------------------------------------------------------------------------------


def checklist_markdown(
    trip: Trip, items: Sequence[ChecklistItem], *, lang: str, now: datetime,
    extras: BinderExtras | None = None,
) -> str:
    return render_markdown(build_binder(trip, items, lang=lang, now=now, extras=extras))


def render_markdown(b: Binder) -> str:
    e = md_escape
    lab = b.labels
    out = [f"# {e(b.title)} — {e(b.subtitle)}", "", f"*{e(b.generated)}*"]
    if b.example:
        out += ["", f"> {e(lab['This is the bundled example trip; its dates are made up.'])}"]

    def facts(title: str, rows: Sequence[Fact]) -> None:
        if rows:
            out.extend(["", f"## {e(title)}", ""])
            out.extend(f"- **{e(f.label)}:** {e(f.value)}" for f in rows)

    facts(lab["Key facts"], b.facts)
    facts(lab["Flights"], b.flights)
    facts(lab["Stays"], b.stays)
    out += ["", f"## {e(lab['Checklist'])} ({e(b.progress)})"]
    for phase in b.phases:
        out += ["", f"### {e(phase.title)} ({phase.done}/{phase.total})", ""]
        for item in phase.items:
            out.extend(_md_item(item, lab))
    if b.not_applicable:
        out += ["", f"### {e(lab['Not needed for this trip'])}", ""]
        out.extend(f"- {e(i.title)}" + (f": {e(i.reason)}" if i.reason else "")
                   for i in b.not_applicable)
    if b.binder:
        _md_binder(b, out)
    return "\n".join(out) + "\n"


def _md_source(s: SourceView) -> str:
    text = md_escape(s.title)
    if s.url:  # safe_url: http(s) without spaces or angle brackets
        text = f"[{text}](<{s.url}>)"
    return f"{text} ({md_escape(s.date)})" if s.date else text


def _md_item(item: ItemView, lab: dict[str, str]) -> list[str]:
    e = md_escape
    status = f" *({e(item.status_label)})*" if item.status_label else ""
    body: list[str] = []
    if item.due:
        body.append(f"{e(lab['Due'])}: {e(item.due)}")
    if item.reason:
        body.append(f"{e(lab['Why'])}: {e(item.reason)}")
    if item.problem:
        body.append(f"**{e(lab['Problem'])}:** {e(item.problem)}")
    if item.details:
        body += md_paragraphs(item.details).split("\n")
    if item.sources:
        body.append(f"{e(lab['Sources'])}: " + "; ".join(_md_source(s) for s in item.sources))
    lines = [f"- [{'x' if item.checked else ' '}] **{e(item.title)}**{status}"]
    return lines + _indent("\n".join(_hard_breaks(body)), "  ")


def _hard_breaks(lines: list[str]) -> list[str]:
    """End each line that another line follows with a Markdown hard break (two spaces)."""
    out = []
    for n, line in enumerate(lines):
        follows = n + 1 < len(lines) and lines[n + 1].strip() != ""
        out.append(line + "  " if line.strip() and follows and not line.endswith("  ") else line)
    return out


def _md_binder(b: Binder, out: list[str]) -> None:
    e = md_escape
    lab = b.labels
    out += ["", f"## {e(lab['Personal agenda'])}"]
    if not b.agenda:
        out += ["", e(lab["No starred sessions."])]
    for day in b.agenda:
        out += ["", f"### {e(day.title)}", ""]
        for s in day.sessions:
            title = f"~~{e(s.title)}~~ ({e(lab['cancelled'])})" if s.cancelled else e(s.title)
            line = f"- **{e(s.time)}** {title}"
            extra = " · ".join(e(p) for p in (s.where, s.speakers) if p)
            out.append(line + (f" — {extra}" if extra else ""))
            if s.note:
                out += _indent(f"*{e(lab['Note'])}:* " + md_paragraphs(s.note), "  ")
    out += ["", f"## {e(lab['Destination guide'])}"]
    if b.guide is None:
        out += ["", e(lab["The destination guide is not available in this version of tripkit; "
                         "this section is left out."])]
    for page in b.guide or ():
        out += ["", f"### {e(page.title)}"]
        for note in page.notes:
            stale = f" *({e(lab['check again: reviewed long ago'])})*" if note.stale else ""
            out += ["", f"**{e(note.title)}**{stale}", "", md_paragraphs(note.text)]
            if note.details:
                out += [""] + [f"- {e(label)}: {e(value)}" for label, value in note.details]
            tail = []
            if note.sources:
                sources = "; ".join(_md_source(s) for s in note.sources)
                tail.append(f"{e(lab['Sources'])}: {sources}")
            if note.reviewed:
                tail.append(f"{e(lab['reviewed'])} {e(note.reviewed)}")
            if tail:
                out += ["", "*" + " · ".join(tail) + "*"]
    out += ["", f"## {e(lab['Port-of-entry card'])}", "",
            e(lab["Show this card to the immigration officer if asked."]), "",
            "| | |", "|---|---|"]
    for card in b.card:
        left = f"**{e(card.label)}**<br>{e(card.label_gloss)}"
        right = e(card.value) + (f"<br>{e(card.value_gloss)}" if card.value_gloss else "")
        out.append(f"| {left} | {right} |")
