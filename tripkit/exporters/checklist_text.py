"""The printable checklist (and binder) as plain text and as Markdown.

Pure: a `Binder` (built by exporters/binder.py from the trip and its evaluated items) in,
a string out. Plain text carries data text as it is once `clean` has removed control
characters; Markdown escapes every piece of data text with `md_escape`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime

from tripkit.core.models import ChecklistItem, Trip
from tripkit.exporters.binder import (
    Binder,
    BinderExtras,
    Fact,
    ItemView,
    SessionView,
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
    trip: Trip,
    items: Sequence[ChecklistItem],
    *,
    lang: str,
    now: datetime,
    extras: BinderExtras | None = None,
    width: int = 80,
) -> str:
    return render_text(build_binder(trip, items, lang=lang, now=now, extras=extras), width)


_BULLET = re.compile(r"(\[[ x-]\]|\[\d+\]|[*-]) ")  # "[ ] ", "[12] ", "* ", "- "
WIDTH = 80  # columns of the text format (a terminal, or a page in a monospaced font)


def wrap(line: str, width: int = WIDTH) -> list[str]:
    """One line wrapped to `width` display columns (CJK characters take two), continuing
    with the line's own indentation (four more spaces under a "[ ]" or "*" bullet). Breaks
    at spaces, or between two wide characters; a word longer than the line (an address)
    is left whole rather than broken where it could no longer be copied."""
    if _width(line) <= width:
        return [line]
    stripped = line.lstrip(" ")
    lead = line[: len(line) - len(stripped)]
    bullet = _BULLET.match(stripped)
    follow = lead + (" " * min(len(bullet.group()), 4) if bullet else "")
    units = _units(stripped)
    lines: list[str] = []
    cur, cur_w = lead, _width(lead)
    for unit in units:
        w = _width(unit)
        if unit == " ":
            if cur.strip():
                cur, cur_w = cur + " ", cur_w + 1
            continue
        if cur_w + w > width and cur.strip():
            lines.append(cur.rstrip())
            cur, cur_w = follow, _width(follow)
        cur, cur_w = cur + unit, cur_w + w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


_KEEP = re.compile(r"[(（]?\d+時間\d+分[)）]?")  # a Japanese duration: never split


def _units(text: str) -> list[str]:
    """Words, single spaces and single wide characters (a line may break between those);
    a Japanese duration such as "(9時間35分)" is one unit."""
    out: list[str] = []
    pos = 0
    for m in _KEEP.finditer(text):
        out += _plain_units(text[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out += _plain_units(text[pos:])
    # No line starts with closing punctuation or ends with an opening bracket (kinsoku):
    # each goes with what it closes or opens.
    merged: list[str] = []
    for unit in out:
        if (
            merged
            and merged[-1] != " "
            and unit != " "
            and (unit[0] in _CLOSING or merged[-1][-1] in _OPENING)
        ):
            merged[-1] += unit
        else:
            merged.append(unit)
    return merged


_CLOSING = ")）]」』、。，．,.:;!?！？"
_OPENING = "(（[「『"


def _plain_units(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        if ch == " " or wide:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def render_text(b: Binder, width: int = WIDTH) -> str:
    """Plain text wrapped to `width` columns (at least 40)."""
    width = max(width, 40)
    lines = _render_text(b).split("\n")
    # Non-breaking spaces keep "(9 h 35 min)" on one line; a text file shows plain spaces.
    return "\n".join(w.replace("\u00a0", " ") for line in lines for w in wrap(line, width)) + "\n"


def _render_text(b: Binder) -> str:
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

    if b.binder:
        heading(lab["Itinerary"])
        for tday in b.timeline:
            heading(tday.title, "-")
            for entry in tday.entries:
                out.append(
                    f"{entry.time:<17} {entry.title}" if entry.time else f"{'':<17} {entry.title}"
                )
                out.extend(f"{'':<17}   {line}" for line in entry.lines)
                if entry.session is not None:  # as the agenda says it
                    s = entry.session
                    out.extend(
                        f"{'':<17}   {line}"
                        for line in (_where(s, lab, s.where), _picks(s, lab))
                        if line
                    )
        facts(lab["Key facts"], b.facts)
        _text_agenda(b, out, heading)
    else:
        facts(lab["Key facts"], b.facts)
        facts(lab["Flights"], b.flights)
        facts(lab["Ground travel"], b.ground)
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
    return "\n".join(out)


def _text_item(item: ItemView, lab: dict[str, str]) -> list[str]:
    status = f" ({item.status_label})" if item.status_label else ""
    lines = [f"[{item.mark}] {item.title}{status}"]
    if item.compact:
        return lines
    pad = "    "
    if item.due:
        lines.append(f"{pad}{lab['Due']}: {item.due}")
    if item.reason:
        lines.append(f"{pad}{lab['Why']}: {item.reason}")
    if item.problem:
        lines.append(f"{pad}{lab['Problem']}: {item.problem}")
    lines += _indent(item.details, pad)
    if item.refs:
        lines.append(f"{pad}{lab['Sources']}: [{', '.join(map(str, item.refs))}]")
    else:
        lines += [f"{pad}{lab['Sources']}: {_text_source(s)}" for s in item.sources]
    return lines


def _text_source(s: SourceView) -> str:
    return " ".join(p for p in (s.title, s.url, f"({s.date})" if s.date else "") if p)


def _picks(s: SessionView, lab: dict[str, str]) -> str:
    """Interest, reservation and plan B of a session, in words: "Interest: must ·
    Reservation: waitlisted · Plan B: watch later"."""
    level = f"{lab['Interest']}: {s.interest}" if s.interest else ""
    return " · ".join(p for p in (level, s.reservation, s.plan) if p)


def _where(s: SessionView, lab: dict[str, str], *parts: str) -> str:
    """ "Programme: fringe · Room 3 · ..." (the programme when the trip has several)."""
    programme = f"{lab['Programme']}: {s.programme}" if s.programme else ""
    return " · ".join(p for p in (programme, *parts) if p)


def _text_agenda(b: Binder, out: list[str], heading: Callable[..., None]) -> None:
    lab = b.labels
    heading(lab["Agenda by day"])
    if not b.agenda:
        out.append(lab["No starred sessions."])
    for day in b.agenda:
        heading(day.title, "-")
        for s in day.sessions:
            flag = f" ({lab['cancelled']})" if s.cancelled else ""
            if s.kind == "personal":
                flag += f" [{lab['Personal']}]"
            out.append(f"{s.time}  {s.title}{flag}")
            if s.given:
                out.append(f"    ({s.given})")
            extra = _where(s, lab, s.where, s.track, s.speakers)
            if extra:
                out.append(f"    {extra}")
            if _picks(s, lab):
                out.append(f"    {_picks(s, lab)}")
            if s.plan and s.recording:
                out.append(f"    {lab['Recording']}: {s.recording}")
            if s.conflict:
                out.append(f"    ! {lab['Conflict']}: {s.conflict}")
            if s.change:
                out.append(f"    {lab['Changed']}: {s.change}")
            if s.note:
                out += _indent(f"{lab['Note']}: {s.note}", "    ")
    if b.removed:
        heading(lab["Removed by the last refresh"], "-")
        out.extend(f"- {r}" for r in b.removed)


def _text_binder(b: Binder, out: list[str], heading: Callable[..., None]) -> None:
    lab = b.labels
    heading(lab["Destination guide"])
    if b.guide is None:
        out.append(
            lab[
                "The destination guide is not available in this version of tripkit; "
                "this section is left out."
            ]
        )
    for page in b.guide or ():
        heading(page.title, "-")
        for note in page.notes:
            stale = f" ({lab['check again: reviewed long ago']})" if note.stale else ""
            out += ["", f"* {note.title}{stale}"]
            out += _indent(note.text, "  ")
            out += [f"  {label}: {value}" for label, value in note.details]
            tail = []
            if note.refs:
                tail.append(f"{lab['Sources']}: [{', '.join(map(str, note.refs))}]")
            if note.reviewed:
                tail.append(f"{lab['reviewed']} {note.reviewed}")
            if tail:
                out.append("  (" + "; ".join(tail) + ")")
    heading(lab["Port-of-entry card"])
    # No border into the destination: why there is no card, in place of it.
    out.append(b.card_note or lab["Show this card to the immigration officer if asked."])
    for card in b.card:
        out.append(f"{card.label}: {card.value}")
        gloss = card.label_gloss + (f": {card.value_gloss}" if card.value_gloss else "")
        out.append(f"    {gloss}")
    if b.sources:
        heading(lab["Sources cited"])
        for n, src in enumerate(b.sources, 1):
            out.append(f"[{n}] {src.title}" + (f" ({src.date})" if src.date else ""))
            if src.url:
                out.append(f"    {src.url}")


# --- Markdown ------------------------------------------------------------------------------


def checklist_markdown(
    trip: Trip,
    items: Sequence[ChecklistItem],
    *,
    lang: str,
    now: datetime,
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

    if b.binder:
        out += ["", f"## {e(lab['Itinerary'])}"]
        for tday in b.timeline:
            out += ["", f"### {e(tday.title)}", ""]
            for entry in tday.entries:
                when = f"**{e(entry.time)}** " if entry.time else ""
                lines = [e(line) for line in entry.lines]
                if entry.session is not None:  # as the agenda says it
                    lines += _md_session_lines(entry.session, lab, entry.session.where)
                out.append(f"- {when}{e(entry.title)}" + "".join(f"  \n  {x}" for x in lines))
        facts(lab["Key facts"], b.facts)
        _md_agenda(b, out)
    else:
        facts(lab["Key facts"], b.facts)
        facts(lab["Flights"], b.flights)
        facts(lab["Ground travel"], b.ground)
        facts(lab["Stays"], b.stays)
    out += ["", f"## {e(lab['Checklist'])} ({e(b.progress)})"]
    for phase in b.phases:
        out += ["", f"### {e(phase.title)} ({phase.done}/{phase.total})", ""]
        for item in phase.items:
            out.extend(_md_item(item, lab))
    if b.not_applicable:
        out += ["", f"### {e(lab['Not needed for this trip'])}", ""]
        out.extend(
            f"- {e(i.title)}" + (f": {e(i.reason)}" if i.reason else "") for i in b.not_applicable
        )
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
    if item.compact:
        return [f"- [{'x' if item.checked else ' '}] **{e(item.title)}**{status}"]
    if item.due:
        body.append(f"{e(lab['Due'])}: {e(item.due)}")
    if item.reason:
        body.append(f"{e(lab['Why'])}: {e(item.reason)}")
    if item.problem:
        body.append(f"**{e(lab['Problem'])}:** {e(item.problem)}")
    if item.details:
        body += md_paragraphs(item.details).split("\n")
    if item.refs:
        body.append(f"{e(lab['Sources'])}: \\[{', '.join(map(str, item.refs))}\\]")
    elif item.sources:
        body.append(f"{e(lab['Sources'])}: " + "; ".join(_md_source(s) for s in item.sources))
    # The title line ends with a hard break, so that the due line under it is a line of its
    # own and not the rest of the title's paragraph.
    lines = [
        f"- [{'x' if item.checked else ' '}] **{e(item.title)}**{status}" + ("  " if body else "")
    ]
    return lines + _indent("\n".join(_hard_breaks(body)), "  ")


def _hard_breaks(lines: list[str]) -> list[str]:
    """End each line that another line follows with a Markdown hard break (two spaces)."""
    out = []
    for n, line in enumerate(lines):
        follows = n + 1 < len(lines) and lines[n + 1].strip() != ""
        out.append(line + "  " if line.strip() and follows and not line.endswith("  ") else line)
    return out


def _md_session_lines(s: SessionView, lab: dict[str, str], *parts: str) -> list[str]:
    """Where a session is and its picks, escaped: for the agenda and the itinerary."""
    out = []
    if where := _where(s, lab, *parts):
        out.append(md_escape(where))
    if _picks(s, lab):
        out.append(f"**{md_escape(_picks(s, lab))}**")
    return out


def _md_agenda(b: Binder, out: list[str]) -> None:
    e = md_escape
    lab = b.labels
    out += ["", f"## {e(lab['Agenda by day'])}"]
    if not b.agenda:
        out += ["", e(lab["No starred sessions."])]
    for day in b.agenda:
        out += ["", f"### {e(day.title)}", ""]
        for s in day.sessions:
            title = f"~~{e(s.title)}~~ ({e(lab['cancelled'])})" if s.cancelled else e(s.title)
            if s.kind == "personal":
                title += f" \\[{e(lab['Personal'])}\\]"
            body = _md_session_lines(s, lab, s.where, s.track, s.speakers)
            if s.plan and s.recording:
                body.append(f"{e(lab['Recording'])}: <{s.recording}>")
            if s.conflict:
                body.append(f"⚠ {e(lab['Conflict'])}: {e(s.conflict)}")
            if s.change:
                body.append(f"*{e(lab['Changed'])}: {e(s.change)}*")
            when = f"{e(s.time)}** ({e(s.given)})" if s.given else f"{e(s.time)}**"
            out.append(f"- **{when} {title}" + "".join(f"  \n  {x}" for x in body))
            if s.note:
                out += ["", *_indent(f"*{e(lab['Note'])}:* " + md_paragraphs(s.note), "  "), ""]
    if b.removed:
        out += ["", f"### {e(lab['Removed by the last refresh'])}", ""]
        out.extend(f"- {e(r)}" for r in b.removed)


def _md_binder(b: Binder, out: list[str]) -> None:
    e = md_escape
    lab = b.labels
    out += ["", f"## {e(lab['Destination guide'])}"]
    if b.guide is None:
        out += [
            "",
            e(
                lab[
                    "The destination guide is not available in this version of tripkit; "
                    "this section is left out."
                ]
            ),
        ]
    for page in b.guide or ():
        out += ["", f"### {e(page.title)}"]
        for note in page.notes:
            stale = f" *({e(lab['check again: reviewed long ago'])})*" if note.stale else ""
            out += ["", f"**{e(note.title)}**{stale}", "", md_paragraphs(note.text)]
            if note.details:
                out += [""] + [f"- {e(label)}: {e(value)}" for label, value in note.details]
            tail = []
            if note.refs:
                tail.append(f"{e(lab['Sources'])}: \\[{', '.join(map(str, note.refs))}\\]")
            elif note.sources:
                sources = "; ".join(_md_source(s) for s in note.sources)
                tail.append(f"{e(lab['Sources'])}: {sources}")
            if note.reviewed:
                tail.append(f"{e(lab['reviewed'])} {e(note.reviewed)}")
            if tail:
                out += ["", "*" + " · ".join(tail) + "*"]
    out += [
        "",
        f"## {e(lab['Port-of-entry card'])}",
        "",
        e(b.card_note or lab["Show this card to the immigration officer if asked."]),
    ]
    if b.card:
        out += ["", "| | |", "|---|---|"]
    for card in b.card:
        left = f"**{e(card.label)}**<br>{e(card.label_gloss)}"
        right = e(card.value) + (f"<br>{e(card.value_gloss)}" if card.value_gloss else "")
        out.append(f"| {left} | {right} |")
    if b.sources:
        out += ["", f"## {e(lab['Sources cited'])}", ""]
        for n, src in enumerate(b.sources, 1):
            line = f"{n}. {e(src.title)}" + (f" ({e(src.date)})" if src.date else "")
            out.append(line + (f"  \n   <{src.url}>" if src.url else ""))
