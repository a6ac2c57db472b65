"""Help in a language other than English, laid out as click lays out its own (tripkit.cli.help_lang
says when). Imported only for such help: the normal start of a command never pays for it.

Every text goes through the catalog by its English msgid: a command's help paragraph by
paragraph (whitespace made single, so that re-wrapping a docstring keeps its translation; a
click "\\b" block of prose, kept with its line breaks, is one msgid; an indented "\\b" block
is an example, shown as typed), each option's and argument's help, and click's
own words. Text is wrapped by terminal cells (a Japanese character takes two), breaking
between characters where the language allows it. Placeholders (metavars, choices, defaults)
are what the user types, and stay as they are.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click
from click.formatting import wrap_text

from tripkit.cli.cells import cell_width, wrap_cells
from tripkit.i18n import tr

_NO_REWRAP = "\b"  # click's mark of a paragraph to print as typed


def help_paragraphs(command: click.Command) -> list[tuple[str, str]]:
    """The command's help as click reads it (the docstring up to a form feed), paragraph by
    paragraph: ("text", msgid) to wrap, ("kept", msgid) for a "\\b" block of prose printed
    with its own line breaks, ("code", text) for a "\\b" block whose every line is indented
    (an example to copy, as typed in every language)."""
    text = inspect.cleandoc(command.help or "").partition("\f")[0]
    out: list[tuple[str, str]] = []
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if lines[0].strip() == _NO_REWRAP:
            kept = "\n".join(lines[1:])
            code = all(line.startswith(" ") or not line for line in lines[1:])
            out.append(("code" if code else "kept", kept))
        elif block.strip():
            out.append(("text", " ".join(block.split())))
    return out


def help_msgids(command: click.Command, ctx: click.Context) -> Iterator[str]:
    """Every text of `command`'s own help that the catalog must translate (for the tests,
    which walk the command tree)."""
    for kind, msgid in help_paragraphs(command):
        if kind != "code":
            yield msgid
    if command.short_help:
        yield inspect.cleandoc(command.short_help)
    for param in command.get_params(ctx):
        text = getattr(param, "help", None)  # an Option's, or an Argument's (click 8.5)
        if text and not getattr(param, "hidden", False):
            yield text


def localised_help(ctx: click.Context, lang: str) -> str:
    """What `ctx.get_help()` is in English, in `lang`."""
    command = ctx.command
    width = ctx.make_formatter().width
    out = _usage(ctx, lang, width)
    text = _text(command, lang, width - 2)
    if text:
        out += ["", *(f"  {line}" if line else "" for line in text)]
    arguments = [p for p in command.get_params(ctx) if isinstance(p, click.Argument)]
    if any(getattr(a, "help", None) is not None for a in arguments):
        rows = [(a.human_readable_name, _said(getattr(a, "help", None), lang)) for a in arguments]
        out += _section(tr("Positional arguments", lang), rows, width)
    options = [
        (record[0], _option_help(p, ctx, lang))
        for p in command.get_params(ctx)
        if isinstance(p, click.Option) and (record := p.get_help_record(ctx))
    ]
    if options:
        out += _section(tr("Options", lang), options, width)
    if isinstance(command, click.Group):
        out += _commands(command, ctx, lang, width)
    return "\n".join(out)


def _said(text: str | None, lang: str) -> str:
    return tr(text, lang) if text else ""


def _usage(ctx: click.Context, lang: str, width: int) -> list[str]:
    """The usage line as click's HelpFormatter.write_usage lays it out; the arguments are
    metavars (ASCII) wrapped by click, after a prefix measured in cells."""
    usage = tr("Usage:", lang)
    prefix = f"{usage} {ctx.command_path} "
    args = " ".join(ctx.command.collect_usage_pieces(ctx))
    if not args:
        return [prefix.rstrip(" ")]
    indent = cell_width(prefix)
    if width >= indent + 20:  # the arguments fit to the right of the prefix
        first, *rest = wrap_text(args, width, " " * indent, " " * indent).split("\n")
        return [prefix + first[indent:], *rest]
    pad = " " * (cell_width(usage) + 5)
    return [prefix, *wrap_text(args, width, pad, pad).split("\n")]


def _text(command: click.Command, lang: str, width: int) -> list[str]:
    lines: list[str] = []
    for kind, msgid in help_paragraphs(command):
        if lines:
            lines.append("")
        if kind == "code":
            lines += msgid.split("\n")
        elif kind == "kept":
            lines += tr(msgid, lang).split("\n")
        else:
            lines += wrap_cells(tr(msgid, lang), width)
    return lines


def _option_help(option: click.Option, ctx: click.Context, lang: str) -> str:
    """The option's help with click's notes ([default: 3]) in `lang`."""
    extra = option.get_help_extra(ctx)
    notes = []
    if "envvars" in extra:
        notes.append(tr("env var: {var}", lang, var=", ".join(extra["envvars"])))
    if "default" in extra:
        notes.append(tr("default: {default}", lang, default=extra["default"]))
    if "range" in extra:
        notes.append(extra["range"])
    if "required" in extra:
        notes.append(tr("required", lang))
    said = _said(option.help, lang)
    if notes:
        note = "[" + "; ".join(notes) + "]"
        said = f"{said}  {note}" if said else note
    return said


def _commands(group: click.Group, ctx: click.Context, lang: str, width: int) -> list[str]:
    commands = [
        (name, command)
        for name in group.list_commands(ctx)
        if (command := group.get_command(ctx, name)) is not None and not command.hidden
    ]
    if not commands:
        return []
    limit = width - 6 - max(len(name) for name, _ in commands)
    rows = [(name, short_help(command, lang, limit)) for name, command in commands]
    return _section(tr("Commands", lang), rows, width)


def short_help(command: click.Command, lang: str, limit: int) -> str:
    """The command's line in its group's list: its short help, else the first sentence of its
    help, cut to `limit` cells (as click shortens the English one)."""
    if command.short_help:
        text = tr(inspect.cleandoc(command.short_help), lang)
    else:
        paragraphs = help_paragraphs(command)
        text = tr(paragraphs[0][1], lang) if paragraphs and paragraphs[0][0] != "code" else ""
        head, stop, _rest = text.partition("。")
        text = head if stop else text
    if cell_width(text) <= limit:
        return text
    cut = ""
    for ch in text:
        if cell_width(cut + ch) > limit - 1:
            break
        cut += ch
    return cut + "…"


def _section(heading: str, rows: list[tuple[str, str]], width: int) -> list[str]:
    """A heading and a definition list, as click's HelpFormatter.write_dl lays them out
    (indent 2, first column at most 30 wide, 2 spaces before the text)."""
    out = ["", f"{heading}:"]
    first_col = min(max(cell_width(term) for term, _ in rows), 30) + 2
    text_width = max(width - first_col - 2, 10)
    for term, text in rows:
        if not text:
            out.append(f"  {term}")
            continue
        lines = wrap_cells(text, text_width)
        if cell_width(term) <= first_col - 2:
            out.append(f"  {term}" + " " * (first_col - cell_width(term)) + lines[0])
        else:
            out += [f"  {term}", " " * (first_col + 2) + lines[0]]
        out += [" " * (first_col + 2) + line for line in lines[1:]]
    return out
