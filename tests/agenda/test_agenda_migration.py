"""Schema 3 -> 4: a store made by the schema-3 code (the migrations up to 3, run by the real
Database) opens with every star and note kept, and gains interest, reservation, attended and
personal items."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import tripkit.store.db as dbmod
from tripkit.core.models import Trip
from tripkit.core.personal import PersonalItem
from tripkit.importers import parse
from tripkit.store import SCHEMA_VERSION, Store


def test_v3_store_gains_interest_and_personal_items(
    tmp_path: Path, corpus: Path, demo_trip: Trip, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (corpus / "frab-json/pretalx-democon.json").read_bytes()
    sch = parse(data, source="/x/democon.json", fmt=None, tz=None, venue_tz=demo_trip.venue_tz)
    keys = [s.key for s in sch.sessions]
    folder = tmp_path / "v3"
    with monkeypatch.context() as m:
        m.setattr(dbmod, "SCHEMA_VERSION", 3)
        with Store.open(folder) as old:
            assert old.schema_version == 3
            tables = {r[0] for r in old.db.rows("SELECT name FROM sqlite_master")}
            assert "personal_item" not in tables
            old.put_trip(demo_trip)
            old.programmes.write(demo_trip.id, sch, sch.sessions)
            # The picks as schema 3's code wrote them (today's code writes the new columns).
            with old.db.write() as conn:
                conn.executemany(
                    "INSERT INTO pick(trip_id, programme, session_key, starred, "
                    "note) VALUES(?, 'main', ?, ?, ?)",
                    [(demo_trip.id, k, 1, "") for k in keys[:3]]
                    + [(demo_trip.id, keys[5], 0, "a note without a star")],
                )
    assert SCHEMA_VERSION == 5
    with Store.open(folder) as store:
        assert store.schema_version == 5
        picks = store.programmes.picks(demo_trip.id)
        assert {k for k, p in picks.items() if p.starred} == set(keys[:3])
        # A plain star of the old release reads as "want"; nothing else is invented.
        assert {picks[k].level for k in keys[:3]} == {"want"}
        assert picks[keys[5]].note == "a note without a star" and picks[keys[5]].level == ""
        assert all(p.reservation == "" and p.attended is None for p in picks.values())
        store.programmes.set_pick_field(demo_trip.id, [keys[0]], "interest", "must")
        store.programmes.set_pick_field(demo_trip.id, [keys[5]], "reservation", "waitlisted")
        tz = ZoneInfo("Europe/Brussels")
        item = PersonalItem(
            "booth",
            "Booth duty",
            datetime(2026, 2, 1, 10, tzinfo=tz),
            datetime(2026, 2, 1, 12, tzinfo=tz),
            "K building",
            kind="booth",
        )
        store.personal.put(demo_trip.id, item)
    with Store.open(folder) as again:
        picks = again.programmes.picks(demo_trip.id)
        assert picks[keys[0]].level == "must" and picks[keys[0]].starred
        assert picks[keys[5]].reservation == "waitlisted" and not picks[keys[5]].starred
        assert again.personal.list(demo_trip.id) == [item]
