"""Yes/no fields, cancellation states and explicit registration questions, read the same way
by every format."""

from __future__ import annotations

import re

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
