"""The check after a cold evaluation (tripkit.services.checklist_cache.evaluated_json): the
result is kept only when no input changed while it was evaluated. The store's rows and the
user's own files are read again for that check; tripkit's files and libraries are taken as
the lookup just before digested them (walking them again was a tenth of the evaluation)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from checklist_builders import make_trip

from tripkit import paths
from tripkit.core.models import Trip
from tripkit.services import checklist as svc
from tripkit.services import checklist_cache as kept
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
UMBRELLA = (
    "rules:\n  - id: bring-umbrella\n    phase: prepare\n    kind: reminder\n"
    "    title: {en: Bring an umbrella}\n"
)


@pytest.fixture
def trip(store: Store) -> Trip:
    t = make_trip()
    store.put_trip(t)
    return t


def kept_rows(store: Store) -> int:
    return int(store.db.rows("SELECT count(*) FROM checklist_cache")[0][0])


def while_evaluating(monkeypatch: pytest.MonkeyPatch, change: Any) -> list[str]:
    """Run `change()` inside the next evaluation (after the rules were read); the trips
    evaluated are listed."""
    seen: list[str] = []
    real = svc.checklist_items

    def changing(store: Store, trip: Trip, *args: Any, **kwargs: Any) -> Any:
        out = real(store, trip, *args, **kwargs)
        if not seen:
            change()
        seen.append(trip.id)
        return out

    monkeypatch.setattr(svc, "checklist_items", changing)
    return seen


def test_a_rule_file_written_while_evaluating_is_not_kept(
    store: Store, trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    seen = while_evaluating(monkeypatch, lambda: (folder / "mine.yaml").write_text(UMBRELLA))
    first = kept.checklist_json(store, trip.id, "en", NOW)
    assert "bring-umbrella" not in {i["id"] for i in first}  # evaluated before the write
    assert kept_rows(store) == 0  # so not kept under the key made before it
    second = kept.checklist_json(store, trip.id, "en", NOW)
    assert "bring-umbrella" in {i["id"] for i in second}
    assert seen == [trip.id, trip.id]


def test_a_trip_written_while_evaluating_is_not_kept(
    store: Store, trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed = trip.model_copy(update={"name": "Renamed meanwhile"})
    seen = while_evaluating(monkeypatch, lambda: store.put_trip(renamed))
    kept.checklist_json(store, trip.id, "en", NOW)
    assert kept_rows(store) == 0
    kept.checklist_json(store, trip.id, "en", NOW)
    assert kept_rows(store) == 1
    kept.checklist_json(store, trip.id, "en", NOW)
    assert seen == [trip.id, trip.id]  # the third read is the kept one


def test_tripkit_files_are_digested_once_per_cold_read(
    store: Store, trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = kept.installation_key

    def counted(lang: str) -> str:
        calls.append(lang)
        return real(lang)

    monkeypatch.setattr(kept, "installation_key", counted)
    kept.checklist_json(store, trip.id, "ja", NOW)
    assert calls == ["ja"]  # the lookup's; the check after the evaluation reuses it
    assert kept_rows(store) == 1
    kept.checklist_json(store, trip.id, "ja", NOW)
    assert calls == ["ja", "ja"]  # a kept read digests them again (they may have changed)


def test_a_key_from_another_lookup_is_checked_in_full(store: Store, trip: Trip) -> None:
    """evaluated_json given a key the last lookup did not make (another language's, an old
    one) digests the installation itself: such a key never matches, nothing is kept."""
    kept.lookup(store, trip.id, "en", NOW)
    kept.evaluated_json(store, trip.id, "en", NOW, "not the key")
    assert kept_rows(store) == 0
    key, row = kept.lookup(store, trip.id, "en", NOW)
    assert row is None
    kept.evaluated_json(store, trip.id, "en", NOW, key)
    assert kept_rows(store) == 1
