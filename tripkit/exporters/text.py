"""Making data text safe for each export format.

Imported and user text (session titles, notes, hotel names) is printed literally. `clean`
(the shared rule of tripkit.core.textsafe) removes what no format should carry (terminal escape
sequences and other control characters, bidirectional marks that reorder what a reader sees);
`md_escape` makes Markdown show the text as text. HTML is escaped by Jinja2's autoescape, and
iCalendar TEXT by icalendar.
"""

from __future__ import annotations

import re

# The one rule for unsafe characters (tripkit.core.textsafe); exports remove them.
from tripkit.core.textsafe import clean

# Characters Markdown (CommonMark/GFM) gives a meaning to anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# Constructs that only mean something at the start of a line: headings, lists, quotes, rules.
_MD_LINE_START = re.compile(r"^(\s*)(?:([#=+\-])|(\d+)([.)]))")
_URL = re.compile(r"https?://[^\s<>\"'`\\{}|^]+")


def one_line(text: str) -> str:
    """`clean` text on a single line (for titles, list items, table cells)."""
    return " ".join(clean(text).split())


def md_escape(text: str) -> str:
    """Markdown that renders as exactly `text` (inline: use on one line of text)."""
    out = _MD_INLINE.sub(r"\\\1", clean(text))
    return _MD_LINE_START.sub(_escape_line_start, out)


def _escape_line_start(m: re.Match[str]) -> str:
    # A backslash escapes only punctuation: "1." becomes "1\.", "#" becomes "\#".
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def md_paragraphs(text: str) -> str:
    """Multi-line user text as escaped Markdown: blank lines separate paragraphs, and each
    single line break is kept as a hard break."""
    paras = [p for p in re.split(r"\n\s*\n", clean(text).strip()) if p.strip()]
    return "\n\n".join(
        "  \n".join(md_escape(line.strip()) for line in p.splitlines()) for p in paras
    )


def safe_url(url: str) -> str:
    """The URL when it is a plain http(s) address, else "" (never javascript:, data: ...)."""
    url = url.strip()
    return url if _URL.fullmatch(url) else ""
