"""Plan B for two picks at once: which to attend live, which to watch later.

The rule (issue 12): attend live the one that will NOT be recorded (the speaker opted out:
frab <recording><optout>, pretalx do_not_record) and keep the other as "watch later" with
its link. Only what the schedule says is used: when neither or both are opted out there is
no suggestion, and when the other one's recording is not stated it is not promised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    live: Any  # the session to attend in person (not recorded)
    later: Any  # the other one
    later_recorded: bool | None  # True: the schedule says it is recorded; None: not stated

    @property
    def watch_later(self) -> bool:
        return self.later_recorded is True


def suggest(a: Any, b: Any) -> Suggestion | None:
    """The suggestion for two overlapping sessions (objects with `recorded`), or None."""
    ra, rb = getattr(a, "recorded", None), getattr(b, "recorded", None)
    if ra is False and rb is not False:
        return Suggestion(a, b, rb)
    if rb is False and ra is not False:
        return Suggestion(b, a, ra)
    return None
