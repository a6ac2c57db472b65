"""What every command shares: the store, the current trip, the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tripkit import paths
from tripkit.i18n import resolve_lang
from tripkit.store import Store

if TYPE_CHECKING:  # bare `tripkit` (the TUI) must reach its first frame without pydantic
    from tripkit.core.langs import Lang
    from tripkit.core.models import Trip


@dataclass
class Ctx:
    data_dir: Path | None = None
    lang_option: str | None = None
    trip_option: str | None = None
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(paths.data_dir(self.data_dir))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def lang(self) -> Lang:
        # --lang wins without touching the store (it may be damaged, or not exist yet); the
        # configured language is read only from a store that exists: reading a setting must
        # not create the data folder.
        configured = traveller = None
        if self.lang_option is None and (self._store is not None or self._store_exists()):
            configured = self.store.get_setting("lang")
            if configured is None:
                traveller = self._traveller_lang()
        return resolve_lang(self.lang_option, configured, traveller)

    def _traveller_lang(self) -> str | None:
        from tripkit.services.tripinfo import traveller_language

        return traveller_language(self.store, self.trip_option)

    def _store_exists(self) -> bool:
        try:
            return (paths.data_dir(self.data_dir) / "tripkit.db").exists()
        except OSError:  # an unreadable folder: opening the store says so, in one line
            return True

    def trip_id(self) -> str:
        """The id of the trip named by --trip, else of the current one, else a clear error
        (without reading the trip: it may not exist, which reading it says)."""
        from tripkit.errors import NotFoundError

        trip_id = self.trip_option or self.store.current_trip_id()
        if trip_id is None:
            raise NotFoundError(
                "no trip yet: run `tripkit demo` for the example trip or `tripkit trip new`"
            )
        return trip_id

    def trip(self) -> Trip:
        """The trip named by --trip, else the current one, else a clear error."""
        return self.store.get_trip(self.trip_id())


pass_ctx = click.make_pass_decorator(Ctx)


def said(exc: ValueError) -> str:
    """A ValueError's message for a click prompt or option check, in the user's language when
    it was raised keyed (the core's checks of ids, codes, zones and times are)."""
    from tripkit.errors import TripkitError, reason
    from tripkit.i18n import render

    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Ctx) if ctx is not None else None
    try:
        lang = obj.lang if obj is not None else "en"
    except TripkitError:  # the store failed: the message still gets out, in English
        lang = "en"
    return render(reason(exc), lang)
