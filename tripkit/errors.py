"""Errors that reach the user as one clear message, never as a traceback."""

from __future__ import annotations


class TripkitError(Exception):
    """An error with a message meant for the user.

    `where` names the file (and line or field) the problem is in, when there is one.
    The CLI prints `str(err)` and exits 1; the TUI shows it in a notification or error screen.
    """

    title = "tripkit"

    def __init__(self, message: str, *, where: str | None = None, title: str | None = None):
        super().__init__(message)
        self.message = message
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
