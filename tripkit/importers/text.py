"""Imported text made safe and plain: no control characters, no terminal escapes, no markup.

Schedules come from strangers. A title may carry ANSI/OSC escape sequences (which a terminal
would obey), bidi overrides, HTML or Markdown. Everything that goes into a Session passes
through `clean_line` (one-line fields) or `clean_block` (abstracts: keeps paragraph breaks).
Textual markup such as ``[@click=app.quit]`` is NOT escaped here: the text stays literal and the
views escape it when they render, so exports and JSON keep the speaker's exact words.
"""

from __future__ import annotations

import html
import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes. Also the 8-bit CSI (U+009B).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?            # CSI
    | \x9b[0-?]*[ -/]*[@-~]?            # 8-bit CSI
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)   # OSC / DCS / SOS / PM / APC up to BEL or ST
    | [\x90\x9d\x98\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)  # their 8-bit forms
    | \x1b[ -~]?                        # any other escape and its one-character argument
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE_START = re.compile(r"[\x1b\x80-\x9f]")
# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi overrides and
# isolates (they reorder what the reader sees: "Trojan Source").
# Unicode line/paragraph separators (U+2028/9) would break a one-line field, so they go too.
_CONTROLS_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A CRLF or a lone CR: one regex pass finds them faster than str.replace finds "\r\n" (a
# two-character needle), and gives the same text as replacing CRLF, then CR.
_CR = re.compile("\r\n?")

# HTML: block-level tags become paragraph breaks, <br> a line break, <li> a bullet.
_HTML_HINT = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"
)
_DROP_CONTENT = re.compile(r"<(script|style|head|template)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)

# Markdown (pretalx and CCC abstracts): links, images, emphasis, inline code, headings.
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)(?:\s+\"[^\"\n]*\")?\)")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_BOLD_STARS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_BOLD_LINES = re.compile(r"__(?=\S)(.+?)(?<=\S)__")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences (the whole sequence, not just the ESC byte)."""
    if not _ESCAPE_START.search(text):
        return text
    return _ESCAPES.sub("", text)


def clean_line(value: object) -> str:
    """A one-line field (title, room, speaker): escapes and controls removed, spaces collapsed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # Fast path (most fields): printable means no controls, no bidi overrides, no odd spaces.
    if text.isprintable() and "  " not in text and text == text.strip():
        return text
    text = strip_escapes(text)
    text = _CONTROLS_LINE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# The characters any step of `clean_block` acts on besides the line ends and the final strip:
# HTML (< &) and Markdown (] * _ ` #). A text with none of them (and no blank-line
# run to collapse, no control) comes out as itself, stripped: most abstracts (1,323 of 38C3's
# 1,712). Each is tested with `in`, a memchr-speed scan (1 MB of abstracts in 0.25 ms; one regex
# character-class search over the same text takes ten times as long).

# Switched off only by the test that compares the fast paths with the full pipeline.
FAST_PATHS = True


def clean_block(value: object, *, checked: bool = False) -> str:
    """A multi-line field (abstract): plain text with paragraph breaks kept.

    HTML is converted (tags removed, entities decoded, block tags become blank lines) when the
    text contains tags or entities; simple Markdown is reduced to its words. `checked` means
    the caller has already verified that the whole file holds no control characters (see
    `xml_bytes_are_plain`), so the per-field scan is skipped; entities are still re-checked.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text:
        return ""
    if "\r" in text:  # CRLF and CR line ends, as LF (the pipeline's first step)
        text = _CR.sub("\n", text)
    if (
        FAST_PATHS
        and "<" not in text
        and "&" not in text
        and "]" not in text
        and "*" not in text
        and "_" not in text
        and "#" not in text
        and "`" not in text
        # (a regex finds a run of three line ends faster than `in` does: it skips ahead on
        # the literal, where `in` checks every line end it meets)
        and _BLANK_LINES.search(text) is None
        # isprintable() is false for every control, bidi override and U+2028/9 (and for
        # a few harmless characters such as U+00A0: those simply take the full path).
        and (checked or text.replace("\n", " ").isprintable())
    ):
        return text.strip()
    return _clean_block(text, checked)


def _clean_block(text: str, checked: bool) -> str:
    """The whole pipeline, for a text whose line ends are already LF."""
    if not checked:
        text = _unsafe_removed(text)
    if ("<" in text or "&" in text) and _HTML_HINT.search(text):
        numeric = "&" in text and "&#" in text
        text = _html_to_text(text)
        if numeric:  # &#27; and friends decode to controls
            text = _unsafe_removed(text)
        return text.strip()
    text = _markdown_to_text(text)  # HTML is not also Markdown: only plain text gets this
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _unsafe_removed(text: str) -> str:
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if _CONTROLS_BLOCK.search(text):
        text = _CONTROLS_BLOCK.sub("", strip_escapes(text))
    return text


# Bytes that can carry a control character, escape or bidi override into a UTF-8 document:
# C0 controls (but tab/LF/CR) and DEL; C1 controls (UTF-8 \xc2\x80-\x9f); bidi overrides and
# isolates (\u202a-\u202e, \u2066-\u2069); line/paragraph separators (\u2028/9); numeric
# character references (&#...;).
# Each starts with a literal byte, so `re` scans with a fast literal search.
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
# (the shared first byte written once: `re` then finds it by a literal search, and this
# pattern runs on nearly every chunk, typographic quotes and dashes being \xe2 too)
_BIDI_BYTES = re.compile(rb"\xe2(?:\x80[\xa8-\xae]|\x81[\xa6-\xa9])")  # also U+2028/9
# (`re` finds these two bytes three times faster than `b"&#" in data` does.)
_NUMERIC_REF = re.compile(rb"&#")


def xml_bytes_are_plain(data: bytes) -> bool:
    """True when no text expat decodes from these UTF-8 bytes can hold a control character.

    One scan of a chunk replaces a scan of every field. Only valid for UTF-8 input whose only
    entities are the predefined XML ones (defusedxml refuses declared entities).

    XML 1.0 allows no C0 control but tab, LF and CR anywhere in a document (text,
    attributes, comments, CDATA, processing instructions), and expat refuses the document at
    the first one: no text it hands on can hold one, so of the C0 range only DEL (which XML
    allows) is looked for, at memchr speed, instead of a pass over every byte (tested in
    tests/importers/test_imp_xml_plain.py against that pass, premise included).
    """
    return (
        b"\x7f" not in data
        and _NUMERIC_REF.search(data) is None
        and (b"\xc2" not in data or _C1_BYTES.search(data) is None)
        and (b"\xe2" not in data or _BIDI_BYTES.search(data) is None)
    )


_BLOCK_NAMES = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "hr",
    "dl",
    "dt",
    "dd",
)
# Replacement of each tag name (opening "p", closing "/p"); any other tag is removed.
_TAG_REPLACEMENT = {
    **dict.fromkeys(_BLOCK_NAMES, "\n\n"),
    **{f"/{name}": "\n\n" for name in _BLOCK_NAMES},
    "br": "\n",
    "li": "\n- ",
}
_ANY_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*|/)?>")
_OTHER_MARKUP = re.compile(r"<[!?][^<>]*>")


_DROP_HINT = re.compile(r"<(?:script|style|head|template)\b", re.I)
_DECLARATION_HINT = re.compile(r"<[!?]")
_RARE_MARKUP = re.compile(r"<(?:[!?]|(?i:script|style|head|template)\b)")
_BLANK_LINES = re.compile(r"\n\n\n+")


# Tag names as they usually come (lower case), with what they become (`_TAG_REPLACEMENT`,
# else ""). None of them is one whose content is dropped (`_DROP_HINT`): any other name is
# looked up the slow way (`_tag_text`).
_INLINE_NAMES = (  # noqa: SIM905 - a list of words reads better as words
    "a b i u s q em strong code span small big sub sup tt kbd samp var abbr cite mark del ins "
    "img font"
).split()
_KNOWN_TAGS = {
    **dict.fromkeys(_INLINE_NAMES, ""),
    **{f"/{name}": "" for name in (*_INLINE_NAMES, "li", "br", "script", "style", "head")},
    "/template": "",
    **_TAG_REPLACEMENT,
}
_DROPPED = frozenset(("script", "style", "head", "template"))


def _tag_text(name: str) -> str | None:
    """What a tag becomes; None for an opening tag whose content is dropped (`_DROP_HINT`)."""
    if name.lower() in _DROPPED:
        return None
    return _TAG_REPLACEMENT.get(name) or _TAG_REPLACEMENT.get(name.lower(), "")


def _html_to_text(text: str) -> str:
    # Line breaks inside HTML source are just spaces; the tags say where breaks are.
    flat = text.replace("\n", " ")
    # One pass over the tags: split gives [text, tag name, text, tag name, ..., text]; each
    # name is replaced by what it stands for (a list comprehension, not a callback per tag).
    parts = _ANY_TAG.split(flat)
    names = parts[1::2]
    known = _KNOWN_TAGS.get
    texts: list[str | None] = [known(name) for name in names]
    if None in texts:
        texts = [_tag_text(name) for name in names]
    # The rarer steps (`_html_to_text_rare`) have something to do only when a "<" starts no
    # tag (a comment, a declaration, a tag cut short) or a tag's content is dropped: every
    # tag has exactly one "<", so counting them tells (faster than searching for them).
    if None in texts or flat.count("<") != len(names):
        return _html_to_text_rare(text)
    parts[1::2] = texts
    return _tidy("".join(parts))


def _html_to_text_rare(text: str) -> str:
    """`_html_to_text` for a text with markup beyond plain tags: comments, declarations,
    content to drop (script, style...), a "<" that starts no tag."""
    # One scan tells whether either of the rarer steps below has anything to do.
    if _RARE_MARKUP.search(text):
        if _DROP_HINT.search(text):
            text = _DROP_CONTENT.sub("", text)
        if _DECLARATION_HINT.search(text):
            if "<!--" in text:
                text = _COMMENT.sub("", text)
            if "<!" in text or "<?" in text:
                text = _OTHER_MARKUP.sub("", text)
    # Line breaks inside HTML source are just spaces; the tags say where breaks are.
    text = text.replace("\n", " ")
    # One pass over the tags: split gives [text, tag name, text, tag name, ..., text]; each
    # name is replaced by what it stands for (a list comprehension, not a callback per tag).
    parts = _ANY_TAG.split(text)
    replacement = _TAG_REPLACEMENT
    parts[1::2] = [
        replacement.get(name) or replacement.get(name.lower(), "") for name in parts[1::2]
    ]
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """The text of the HTML once its tags are replaced: entities decoded, the blanks the
    tags left behind tidied (C-speed string methods, no regex per space), at most one blank
    line between paragraphs."""
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    text = "\n".join([line.strip() for line in text.split("\n")])
    # (one regex pass whether or not there is a run: it replaces the `in` test before it)
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


def _markdown_to_text(text: str) -> str:
    # Each guard tests the rarer single character first: `in` finds one character at memchr
    # speed, while a two-character needle ending in a space is slow to look for.
    if "]" in text and "](" in text:
        text = _MD_IMAGE.sub(r"\1", text)
        text = _MD_LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[1] != m[2] else m[1], text)
    stars = "*" in text and "**" in text
    underscores = "_" in text and "__" in text
    if stars and underscores:
        text = _MD_BOLD.sub(r"\2", text)
    elif stars:  # one kind only: the same matches, found from a literal prefix
        text = _MD_BOLD_STARS.sub(r"\1", text)
    elif underscores:
        text = _MD_BOLD_LINES.sub(r"\1", text)
    if "`" in text:
        text = _MD_CODE.sub(r"\1", text)
    if "#" in text and ("# " in text or "#\t" in text):
        # A heading match never crosses a line end, so only lines with a "#" are searched
        # (the multi-line pattern would otherwise be tried at every character of the text).
        lines = text.split("\n")
        text = "\n".join([_MD_HEADING.sub(r"\1", line) if "#" in line else line for line in lines])
    return text


def join_abstract(abstract: str, description: str) -> str:
    """Abstract, then the description unless it repeats the abstract (frab often duplicates)."""
    if not description:
        return abstract
    if not abstract:
        return description
    a, d = abstract.strip(), description.strip()
    if d.startswith(a[: min(len(a), 80)]) or a.startswith(d[: min(len(d), 80)]):
        return a if len(a) >= len(d) else d
    return f"{a}\n\n{d}"
