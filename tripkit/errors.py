"""Errors that reach the user as one clear message, never as a traceback.

Messages are keyed: a `Msg` is the English text (it *is* a str, so logs, tests and stored
warnings read it as before) that also keeps its msgid and values, so that the CLI and the TUI
can say it in the user's language (`tripkit.i18n.render`) at the edge. The place where it
happened may be a `Msg` too ("{source}: line {line}"), rendered the same way.
"""

from __future__ import annotations

from typing import Any


class Msg(str):
    """English text made from `msgid` (a gettext msgid with {placeholders}) and `values`.

    With `plural`, `msgid` and `plural` are the English singular and plural and the value `n`
    picks the form ("{n} session(s)" is never written). A value may itself be a `Msg`.
    """

    msgid: str
    plural: str | None
    n: int
    values: dict[str, Any]

    def __new__(cls, msgid: str, /, *, plural: str | None = None, **values: Any) -> Msg:
        n = int(values.get("n", 0))  # a value like any other ({n}), and the plural's count
        if plural is not None:
            text = (msgid if n == 1 else plural).format(**values)
        else:
            text = msgid.format(**values) if values else msgid
        self = super().__new__(cls, text)
        self.msgid, self.plural, self.n, self.values = msgid, plural, n, values
        return self


class TripkitError(Exception):
    """An error with a message meant for the user.

    `message` is a msgid; keyword `values` fill its {placeholders} (the English `message`
    attribute is the filled text, `msg` the keyed `Msg`). `where` names the file (and line or
    field) the problem is in, when there is one. The CLI prints it in the user's language and
    exits 1; the TUI shows it in a notification or error screen.
    """

    title = "tripkit"

    def __init__(
        self, message: str, *, where: str | None = None, title: str | None = None, **values: Any
    ):
        msg = Msg(message, **values) if values or not isinstance(message, Msg) else message
        super().__init__(str(msg))
        self.msg = msg
        self.message = str(msg)
        self.where = where
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class DataError(TripkitError):
    """Bad curated or user YAML (rules, guide notes, trip files)."""

    title = "Invalid data"


class StoreError(TripkitError):
    """The store on disk cannot be used (damaged, newer version, locked)."""

    title = "Store problem"


class ImportError_(TripkitError):
    """A schedule could not be imported (bad file, bad URL, network failure)."""

    title = "Import failed"


class NotFoundError(TripkitError):
    """A trip, item or session named by the user does not exist."""

    title = "Not found"


def at_line(source: str, line: int, column: int | None = None) -> Msg:
    """The place "file: line 3, column 4", keyed so that it reads 「file: 3行目、4列目」 too."""
    if column is None:
        return Msg("{source}: line {line}", source=source, line=line)
    return Msg("{source}: line {line}, column {column}", source=source, line=line, column=column)
