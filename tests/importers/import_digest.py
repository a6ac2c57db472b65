"""Canonical dumps and digests of an import's outcome, for the importers' digest tests.

Speed work on an importer must keep its output exactly; the digest tests pin it. A digest is
the sha256 of a canonical JSON dump of everything an import gives: the header (title, zone,
format), every session's fields in order (times with their offset, IANA zone key and fold;
speakers; which fields are set) and every warning (its English text and its msgid). A refused
file is dumped as the one error it gives (message, msgid and place), so hostile inputs can be
pinned too. Shared by test_imp_xml_digests.py and test_imp_ics_digests.py.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from tripkit.core.models import Schedule
from tripkit.errors import ImportError_
from tripkit.importers import parse


def _value(v: Any) -> Any:
    if isinstance(v, datetime):
        zone = getattr(v.tzinfo, "key", repr(v.tzinfo))
        return {"iso": v.isoformat(), "zone": zone, "fold": v.fold}
    if isinstance(v, list):
        return [_value(x) for x in v]
    if hasattr(v, "__pydantic_fields_set__"):  # a Speaker
        return {"fields": _value(dict(v.__dict__)), "set": sorted(v.__pydantic_fields_set__)}
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    return v  # str, bool, None (json keeps their types apart)


def canonical(schedule: Schedule) -> str:
    """Everything the import gives, as JSON (field order kept, so a reordering counts too)."""
    doc = {
        "title": schedule.title,
        "tz": schedule.tz,
        "format": schedule.format,
        "sessions": [
            {
                "fields": [[k, _value(v)] for k, v in s.__dict__.items()],
                "set": sorted(s.__pydantic_fields_set__),
                "extra": s.__pydantic_extra__,
            }
            for s in schedule.sessions
        ],
        "warnings": [[str(w), getattr(w, "msgid", None)] for w in schedule.warnings],
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=False)


def canonical_error(error: ImportError_) -> str:
    """A refused file: the message as shown, its msgid and the place it names."""
    doc = {
        "error": str(error),
        "msgid": getattr(error.msg, "msgid", None),
        "where": None if error.where is None else str(error.where),
    }
    return json.dumps(doc, ensure_ascii=False)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def digest(corpus: Path, rel: str, tz: str | None) -> str:
    """The digest of importing corpus file `rel` (with `--tz` when given)."""
    schedule = parse((corpus / rel).read_bytes(), source=rel, tz=tz)
    return sha(canonical(schedule))


def outcome_digest(data: bytes, source: str, tz: str | None = None) -> str:
    """The digest of importing `data`, whether it is imported or refused."""
    try:
        return sha(canonical(parse(data, source=source, tz=tz)))
    except ImportError_ as e:
        return sha(canonical_error(e))
