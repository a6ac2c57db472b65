"""Whether this evaluation reads lean objects (tripkit.core.lean) instead of pydantic models.

Set by one evaluation (tripkit.services.checklist.checklist_items given a lean trip) for
what it calls: the catalogs' readers then build lean objects from their compiled copies,
the store's item states and custom items are read lean, and the items are made lean
(tripkit.core.itembuild). Everyone else keeps getting models: a lean object is never cached
where a model is expected (each reader keys its cache by this flag too).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_LEAN: ContextVar[bool] = ContextVar("tripkit_lean", default=False)


def on() -> bool:
    """Whether the current evaluation reads lean objects."""
    return _LEAN.get()


@contextlib.contextmanager
def lean(enabled: bool = True) -> Iterator[None]:
    token = _LEAN.set(enabled)
    try:
        yield
    finally:
        _LEAN.reset(token)
