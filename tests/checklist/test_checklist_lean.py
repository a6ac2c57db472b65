"""A cold `tripkit checklist --json` (nothing kept) evaluates a lean trip (tripkit.core.lean):
without importing pydantic, and with the same items, byte for byte, as the evaluation of the
models; a row it cannot read lean is read by the models (the same checklist, or their clear
message); and no lean object reaches a caller that expects a model (issue 13)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cli_process import imported, run_cli
from fosdem_trips import fly_rail_fly, german_by_train, indian_via_dubai
from pydantic import BaseModel
from testpaths import TODAY

from tripkit.core import leanmode
from tripkit.core.lean import Lean
from tripkit.core.models import CustomItem, ItemState, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.demo import example_trip
from tripkit.services import checklist as svc
from tripkit.services import checklist_cache
from tripkit.store import Store

NOW = parse_zoned("2026-12-01T09:00[Asia/Tokyo]")


def _dual_citizen(*, deadlines: bool = True) -> Trip:
    """Not the demo: a German-Brazilian living in Tokyo, one passport without its country, a
    US visit written the old way, an ESTA held, a deadline of the conference's."""
    data = json.loads(indian_via_dubai().model_dump_json())
    data["id"] = "dual-fosdem"
    data["traveller"] = {
        "citizenships": ["DE", "BR"],
        "home_country": "JP",
        "home_tz": "Asia/Tokyo",
        "passports": [
            {"expires": "2031-03-01"},
            {"expires": "2027-03-01", "issued": "2017-03-02", "country": "BR"},
        ],
        "residence": {"status": "engineer", "expires": "2028-01-31"},
        "visited": [{"country": "US", "date": "2024-06-01"}],
        "authorisations": [{"kind": "ESTA", "country": "US", "expires": "2027-01-01"}],
    }
    if deadlines:  # items the schedule services make
        data["deadlines"] = [
            {"id": "cfp", "title": "Slides", "due": "2027-01-20T23:59:00+01:00[Europe/Brussels]"}
        ]
    return Trip.model_validate(data)


TRIPS = {
    "demo": lambda: example_trip(TODAY),
    "indian-via-dubai": indian_via_dubai,
    "german-by-train": german_by_train,
    "fly-rail-fly": fly_rail_fly,
    "dual-citizen": _dual_citizen,
}


def _with_programmes(store: Store, trip: Trip) -> None:
    """Two programmes with sessions needing registration (the checklist's `register:` items,
    made by the schedule services): starred, one settled by a reservation, one not starred."""
    from tripkit.core.models import Schedule, Session

    day, tz = trip.conference.first_day, trip.venue_tz
    for name, title in (("main", "Hands-on <b>lab</b> [red]x[/red]"), ("workshops", "Lab")):
        sessions = [
            Session.model_validate(
                {
                    "key": key,
                    "title": f"{title} {key}",
                    "room": room,
                    "needs_registration": key != "talk",
                    "start": f"{day}T{hour}:00[{tz}]",
                    "end": f"{day}T{hour}:45[{tz}]",
                }
            )
            for key, room, hour in (
                ("lab-1", "Room 2", 10),
                ("lab-2", "", 14),
                ("lab-3", "", 15),
                ("talk", "", 16),
            )
        ]
        store.put_schedule(
            trip.id, Schedule(source="test", format="csv", sessions=sessions), name=name
        )
        store.programmes.set_stars(trip.id, ["lab-1", "lab-2", "talk"], True, name)
        store.programmes.set_pick_field(trip.id, ["lab-1"], "reservation", "reserved", name)


def _with_state(store: Store, trip: Trip) -> None:
    """The user's own doings: one item done, one skipped, one snoozed, an item of their own;
    sessions to register for."""
    store.put_trip(trip)
    _with_programmes(store, trip)
    items = svc.checklist_items(store, trip, "en", now=NOW)
    ids = [i.id for i in items if i.status in ("todo", "overdue") and not i.custom]
    changed = datetime.fromisoformat("2026-11-30T10:00:00+00:00")
    store.set_item_state(trip.id, ids[0], ItemState(status="done", changed=changed))
    store.set_item_state(trip.id, ids[1], ItemState(status="skipped", reason="Has one <b>"))
    until = parse_zoned("2026-12-03T09:00[Asia/Tokyo]")
    store.set_item_state(trip.id, ids[2], ItemState(status="snoozed", snoozed_until=until))
    store.add_custom_item(
        trip.id,
        CustomItem(id="adapter", title="Buy a [bold]plug[/bold] adapter", due=until),
    )


def _as_json(store: Store, trip: Trip, lang: str) -> list[dict[str, Any]]:
    items = svc.checklist_items(store, trip, lang, now=NOW, include_elsewhere=True)
    return [checklist_cache.item_json(i, trip) for i in items]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(TRIPS))
def test_the_lean_evaluation_is_the_models_evaluation(store: Store, name: str, lang: str) -> None:
    trip = TRIPS[name]()
    _with_state(store, trip)
    lean_trip = checklist_cache.lean_trip(store, trip.id)
    assert isinstance(lean_trip, Lean)
    lean_items = svc.checklist_items(store, lean_trip, lang, now=NOW, include_elsewhere=True)
    # The conference's deadlines and the sessions to register for too (the schedule services).
    assert lean_items and all(isinstance(i, Lean) for i in lean_items)
    assert all(isinstance(i.state, Lean) for i in lean_items)
    registered = {i.id: i.status for i in lean_items if i.id.startswith("register:")}
    assert sorted(registered) == [
        "register:lab-1",
        "register:lab-2",
        "register:workshops/lab-1",
        "register:workshops/lab-2",
    ]
    assert registered["register:lab-1"] == registered["register:workshops/lab-1"] == "done"
    assert any(i.id.startswith("deadline:") for i in lean_items) == (name == "dual-citizen")
    model = store.get_trip(trip.id)
    expected = json.dumps(_as_json(store, model, lang), ensure_ascii=False, indent=2)
    got = json.dumps(_as_json(store, lean_trip, lang), ensure_ascii=False, indent=2)
    assert got == expected
    statuses = {i["status"] for i in json.loads(got)}
    assert {"done", "skipped", "snoozed"} <= statuses  # the user's state was read lean


def test_lean_objects_never_reach_a_caller_of_models(store: Store) -> None:
    """The catalogs, the rules and the store's rows are cached per process: what a lean
    evaluation read stays its own, so the TUI's screens and the exports still get models."""
    from tripkit.catalog import entry_data, world

    trip = _dual_citizen(deadlines=False)
    store.put_trip(trip)
    store.set_item_state(trip.id, "report-back", ItemState(status="done"))
    store.add_custom_item(trip.id, CustomItem(id="adapter", title="Buy a plug adapter"))

    def forget() -> None:
        for fn in (entry_data._country, entry_data._areas, entry_data._registration):
            fn.cache_clear()
        world._dataset_meta.cache_clear()
        svc._cache.clear()

    forget()
    lean_trip = checklist_cache.lean_trip(store, trip.id)
    assert isinstance(lean_trip, Lean)
    svc.checklist_items(store, lean_trip, "en", now=NOW)  # compiled copies written
    forget()
    # A lean evaluation first: whatever it caches, it caches as its own.
    items = _as_json(store, lean_trip, "en")
    assert any(i["id"] == "report-back" and i["status"] == "done" for i in items)
    with leanmode.lean():
        assert isinstance(entry_data.country("BE"), Lean)  # what it read was lean
    assert isinstance(entry_data.country("BE"), BaseModel)
    assert isinstance(world.dataset_meta(), BaseModel)
    assert isinstance(entry_data.areas()["schengen"], BaseModel)
    assert all(isinstance(r, BaseModel) for r in svc.load_all_rules().rules)
    assert all(isinstance(s, BaseModel) for s in store.item_states(trip.id).values())
    assert all(isinstance(c, BaseModel) for c in store.custom_items(trip.id))
    items = svc.checklist_items(store, store.get_trip(trip.id), "en", now=NOW)
    assert all(isinstance(i, BaseModel) for i in items)
    assert all(isinstance(s, BaseModel) for i in items for s in i.sources)


def _edit_row(store: Store, trip_id: str, edit: Any) -> None:
    data = store.trips.raw(trip_id)
    edit(data)
    with sqlite3.connect(store.db.path) as conn:
        conn.execute("UPDATE trips SET data = ? WHERE id = ?", (json.dumps(data), trip_id))


def test_a_row_the_lean_reader_refuses_is_read_by_the_models(store: Store) -> None:
    """Edited by hand, in a form pydantic accepts and the lean reader does not (a flag
    written as text): the models read it, and the checklist is the one of the trip as
    validated."""
    trip = indian_via_dubai()
    _with_state(store, trip)
    expected = _as_json(store, checklist_cache.lean_trip(store, trip.id), "en")
    _edit_row(store, trip.id, lambda d: d["traveller"]["passport"].update(e_passport="true"))
    read = checklist_cache.lean_trip(store, trip.id)
    assert isinstance(read, BaseModel)
    assert _as_json(store, read, "en") == expected


_WATCHED = (
    "pydantic",
    "pydantic_core",
    "yaml",
    "tripkit.core.models",
    "tripkit.services.schedule",
)


def _forget_kept(home: Path) -> None:
    with sqlite3.connect(home / "tripkit.db") as conn:
        conn.execute("DELETE FROM checklist_cache")


def test_a_cold_checklist_json_imports_no_pydantic(tmp_path: Path) -> None:
    """The regression guard: once the compiled catalog copies exist, `checklist --json` with
    nothing kept imports neither pydantic nor the models, for a trip unlike the demo with the
    user's state too, a deadline of the conference's and a programme with sessions to
    register for (one settled by a reservation), and prints what the models' evaluation
    prints. The registrations are made without the rest of the schedule services."""
    home = tmp_path / "home"
    trip_file = tmp_path / "trip.json"  # JSON is YAML: the trip as `trip export` would give
    trip_file.write_text(_dual_citizen().model_dump_json(), encoding="utf-8")
    assert run_cli(home, "trip", "import", str(trip_file)).returncode == 0
    programme = tmp_path / "workshops.csv"
    programme.write_text(
        "id,date,start,end,title,room,registration,tz\n"
        "lab-1,2027-01-30,10:00,12:00,Hands-on <b>lab</b>,H.2215,yes,Europe/Brussels\n"
        "lab-2,2027-01-31,09:00,10:30,Rust workshop,,yes,Europe/Brussels\n"
        "talk,2027-01-31,13:00,14:00,Keynote,Janson,no,Europe/Brussels\n",
        encoding="utf-8",
    )
    for args in (
        ("schedule", "import", "--as", "workshops", str(programme)),
        ("schedule", "star", "lab-1", "lab-2", "talk"),
        ("schedule", "reserve", "reserved", "lab-1"),
        ("checklist", "done", "report-back"),  # the user's state, stored
    ):
        done = run_cli(home, *args)
        assert done.returncode == 0, (args, done.stderr)
    first = run_cli(home, "checklist", "--json", "--all")  # compiled copies written
    assert first.returncode == 0, first.stderr
    for lang in ("en", "ja"):
        _forget_kept(home)
        cold = run_cli(home, "--lang", lang, "checklist", "--json", "--all", watch=_WATCHED)
        assert cold.returncode == 0, cold.stderr
        assert imported(cold) == {
            "pydantic": False,
            "pydantic_core": False,
            "yaml": False,
            "tripkit.core.models": False,
            # nor the schedule services (agenda, walks...): tripkit.services.registrations
            "tripkit.services.schedule": False,
        }
        # The kept read that follows gives the same text; so does the models' evaluation.
        assert run_cli(home, "--lang", lang, "checklist", "--json", "--all").stdout == cold.stdout
        items = {i["id"]: i for i in json.loads(cold.stdout)}
        assert items["report-back"]["status"] == "done"
        assert items["register:workshops/lab-1"]["status"] == "done"  # the reservation
        assert items["register:workshops/lab-2"]["status"] in ("todo", "overdue")
        assert "register:workshops/talk" not in items
        assert items["deadline:cfp"]["due_zoned"] == "2027-01-20T23:59:00+01:00[Europe/Brussels]"
    with Store.open(home) as store:
        model = store.get_trip("dual-fosdem")
        expected = _as_json(store, model, "ja")
    got = json.loads(cold.stdout)
    assert [i["id"] for i in got] == [i["id"] for i in expected]


def test_a_damaged_row_gets_the_models_clear_message(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "demo").returncode == 0
    with Store.open(home) as store:
        trip_id = store.current_trip_id()
        assert trip_id is not None
        _edit_row(
            store,
            trip_id,
            lambda d: d["traveller"].update(citizenships=[], surprise=True),
        )
    result = run_cli(home, "checklist", "--json")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "invalid" in result.stderr and result.stdout == ""
