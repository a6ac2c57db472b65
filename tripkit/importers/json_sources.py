"""JSON schedules from the newer sources: the Indico export API and the pretalx REST API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tripkit.core.models import Session
from tripkit.errors import ImportError_
from tripkit.importers.common import Zones
from tripkit.importers.stream import ScheduleHeader


def stream(fmt: str, doc: Any, *, source: str, zones: Zones,
           warnings: list[str]) -> tuple[ScheduleHeader, Iterator[Session]]:
    raise ImportError_(f"the {fmt} format is not supported yet", where=source)
