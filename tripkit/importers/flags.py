"""Yes/no fields, cancellation states and explicit registration questions, read the same way
by every format."""

from __future__ import annotations

import re
from typing import Any

_YES = {"yes", "y", "true", "1", "x", "required", "ja", "oui", "はい", "要", "必要", "○", "✓"}
_CANCELLED = {"canceled", "cancelled", "withdrawn", "deleted", "rejected"}
# A custom question whose text is about registration / sign-up / tickets for the session.
_REGISTRATION_QUESTION = re.compile(
    r"regist|sign[\s-]?up|rsvp|book(?:ing)?\b|ticket|pre-?enrol|申込|予約|登録", re.I
)


def is_yes(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in _YES


def is_cancelled(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in _CANCELLED


def registration_question(question: object) -> bool:
    """True when a custom question's text asks whether the session needs registration."""
    return isinstance(question, str) and bool(_REGISTRATION_QUESTION.search(question))


def recorded(ev: Any) -> bool | None:
    """Whether a session will be recorded, from pretalx's "do_not_record" (true: the speaker
    opted out) or frab's "recording": {"optout": ...}; None when neither says."""
    if not isinstance(ev, dict):
        return None
    flag = ev.get("do_not_record")
    if flag is None:
        rec = ev.get("recording")
        flag = rec.get("optout") if isinstance(rec, dict) else None
    return optout_to_recorded(flag)


def optout_to_recorded(flag: Any) -> bool | None:
    """An opt-out flag (true, "true", "yes"...) as `recorded`: the opposite; None if empty."""
    if isinstance(flag, bool):
        return not flag
    if isinstance(flag, str) and flag.strip():
        return not is_yes(flag)
    return None
