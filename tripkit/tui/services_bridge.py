"""Reaching services that other parts of tripkit provide, with an honest answer when absent.

The TUI is built alongside the services; a screen whose service is not there yet shows
"not available yet" instead of inventing data.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


class Unavailable(Exception):
    """The service this view needs is not part of this tripkit build yet."""


def service(module: str, name: str) -> Any:
    try:
        mod = import_module(module)
    except ModuleNotFoundError as err:
        if err.name and module.startswith(err.name):
            raise Unavailable(module) from None
        raise
    fn = getattr(mod, name, None)
    if fn is None:
        raise Unavailable(f"{module}.{name}")
    return fn
