"""Checklist items built and written without pydantic's validator and serializer
(tripkit.core.itembuild, issue 13): the same items and the same JSON as the models give, and
a guard that fails when the models gain something itembuild does not know about."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from checklist_builders import make_trip
from pydantic import BaseModel
from testpaths import REPO, TODAY

from tripkit.core import itembuild
from tripkit.core.models import ChecklistItem, ItemState, Source, Trip
from tripkit.core.trusted import Untrusted, trusted
from tripkit.demo import example_trip
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
LA = ZoneInfo("America/Los_Angeles")


def same(a: Any, b: Any, path: str = "$") -> None:
    """Equal values of the same types all the way down, the same fields set, and the same
    zones (== on aware datetimes ignores them)."""
    if isinstance(a, BaseModel):
        assert type(a) is type(b), path
        assert a.model_fields_set == b.model_fields_set, path
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{path}.{name}")
    elif isinstance(a, list):
        assert type(b) is list and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{i}]")
    else:
        assert type(a) is type(b) and a == b, (path, a, b)
        if isinstance(a, datetime):
            assert a.tzinfo == b.tzinfo and a.isoformat() == b.isoformat(), path


def _trips() -> dict[str, Trip]:
    return {
        "demo": example_trip(TODAY),
        # Not the demo: a German living in Berlin (visa-free, other sentences and zones) and
        # an Indian citizen (a visa needed: document problems in the items).
        "berlin": make_trip(citizenships=["DE"], home_country="DE", home_tz="Europe/Berlin"),
        "india": make_trip(citizenships=["IN"], home_country="IN", home_tz="Asia/Kolkata"),
    }


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", ["demo", "berlin", "india"])
def test_item_json_is_model_dump_for_every_item(store: Store, name: str, lang: str) -> None:
    trip = _trips()[name]
    store.put_trip(trip)
    items = svc.checklist_items(store, trip, lang, now=NOW, include_elsewhere=True)
    ids = [i.id for i in items if i.status != "not_applicable"]
    # The user's state in every form: done, skipped with a reason, snoozed; their own items.
    svc.set_status(store, trip, ids[0], "done")
    svc.set_status(store, trip, ids[1], "skipped", reason="déjà fait <b>")
    svc.set_status(
        store, trip, ids[2], "snoozed", snoozed_until=datetime(2026, 12, 20, 9, 0, tzinfo=LA)
    )
    svc.add_custom(store, trip, "own-adapter", "Buy a plug adapter", due="2026-12-01 10:00")
    svc.add_custom(store, trip, "own-undated", "Pack the badge", phase="venue")
    items = svc.checklist_items(store, trip, lang, now=NOW, include_elsewhere=True)
    assert {i.state.status for i in items} >= {"todo", "done", "skipped", "snoozed"}
    assert any(i.custom and i.due is not None for i in items)
    assert any(i.state.changed is not None for i in items)
    assert any(i.problem for i in items) == (name == "india")
    for item in items:
        ours, theirs = itembuild.item_json(item), item.model_dump(mode="json")
        assert json.dumps(ours, ensure_ascii=False) == json.dumps(theirs, ensure_ascii=False)


def _source() -> Source:
    return Source(title="CBP", url="https://www.cbp.gov/travel", date="2026-01-02")


@pytest.mark.parametrize(
    "values",
    [
        {"id": "a", "phase": "prepare", "title": "Minimal"},
        {
            "id": "b",
            "phase": "arrive",
            "title": "Every field",
            "details": "d",
            "due": datetime(2026, 12, 9, 17, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
            "status": "not_applicable",
            "reason": "r",
            "problem": "p",
            "sources": (_source(),),  # a tuple comes back a list, as validated
            "depends_on": ["a"],
            "custom": True,
            "elsewhere": True,
            "state": ItemState(
                status="snoozed",
                reason="later",
                snoozed_until=datetime(2026, 12, 20, 9, 0, tzinfo=LA),
                changed=datetime(2026, 11, 30, 10, 32, 45, 920299, tzinfo=UTC),
            ),
        },
        # Wall-clock arithmetic that lands in the spring-forward gap (02:30 does not exist
        # in Los Angeles on 8 March 2026): normalised as ZonedDateTime's validator does.
        {
            "id": "c",
            "phase": "depart",
            "title": "Gap",
            "due": datetime(2026, 3, 8, 2, 30, tzinfo=LA),
        },
    ],
)
def test_new_item_is_the_validated_item(values: dict[str, Any]) -> None:
    built = itembuild.new_item(**values)
    validated = ChecklistItem(**values)
    same(built, validated)
    assert built.model_dump(mode="json") == validated.model_dump(mode="json")
    if values["id"] == "c":
        assert built.due is not None and built.due.isoformat() == "2026-03-08T03:30:00-07:00"


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"status": "done"},  # a registration a reservation settled (services/schedule.py)
        {
            "status": "snoozed",
            "reason": "later",
            # in the spring-forward gap: normalised as ZonedDateTime's validator does
            "snoozed_until": datetime(2026, 3, 8, 2, 30, tzinfo=LA),
            "changed": datetime(2026, 11, 30, 10, 32, 45, 920299, tzinfo=UTC),
        },
    ],
)
def test_new_state_is_the_validated_state(values: dict[str, Any]) -> None:
    built = itembuild.new_state(**values)
    same(built, ItemState(**values))
    assert itembuild.state_json(built) == ItemState(**values).model_dump(mode="json")


def test_new_state_refuses_a_misspelt_field() -> None:
    with pytest.raises(TypeError, match="unknown \\['stauts'\\]"):
        itembuild.new_state(stauts="done")


def test_new_item_refuses_a_misspelt_or_missing_field() -> None:
    with pytest.raises(TypeError, match="unknown \\['titel'\\]"):
        itembuild.new_item(id="a", phase="prepare", title="t", titel="t")
    with pytest.raises(TypeError, match="missing \\['title'\\]"):
        itembuild.new_item(id="a", phase="prepare")


@pytest.mark.parametrize(
    ("model", "dump"),
    [
        (ChecklistItem, itembuild.item_json(itembuild.new_item(id="a", phase="venue", title="t"))),
        (ItemState, itembuild.state_json(itembuild.blank_state())),
        (Source, itembuild.source_json(_source())),
    ],
)
def test_the_models_have_nothing_itembuild_leaves_out(
    model: type[BaseModel], dump: dict[str, Any]
) -> None:
    """Fails when a field, a validator, a serializer or an alias is added to a model that
    itembuild builds or writes by hand: update tripkit/core/itembuild.py with it."""
    assert list(dump) == list(model.model_fields)
    decorators = model.__pydantic_decorators__
    assert not decorators.validators
    assert not decorators.field_validators
    assert not decorators.root_validators
    assert not decorators.model_validators
    assert not decorators.field_serializers
    assert not decorators.model_serializers
    assert not decorators.computed_fields
    for name, field in model.model_fields.items():
        assert field.alias is None and field.serialization_alias is None, name
        assert not field.exclude, name


@pytest.mark.parametrize(
    "text",
    ["2026-11-30T10:32:45.920299Z", "2026-11-30T10:32:45+09:00", "2026-11-30T10:32:45.5-03:30"],
)
def test_an_aware_time_is_rebuilt_as_pydantic_gives_it(text: str) -> None:
    data = {"status": "done", "changed": text}
    same(trusted(ItemState, data), ItemState.model_validate(data))


@pytest.mark.parametrize(
    "text", ["2026-11-30 10:32:45Z", "2026-11-30T10:32Z", "2026-11-30T10:32:45+0900", "now"]
)
def test_a_time_not_written_by_pydantic_is_validated_instead(text: str) -> None:
    with pytest.raises(Untrusted):
        trusted(ItemState, {"status": "done", "changed": text})


def test_a_checklist_with_user_state_builds_no_item_validator(tmp_path: Path) -> None:
    """The regression guard: with items done, skipped, snoozed and added by the user, the
    checklist validates none of its items (nor their state), writes their JSON without
    pydantic's serializer, and so never loads pydantic's plugin machinery."""
    env = {"TRIPKIT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def tripkit(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "tripkit", *args],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    tripkit("demo")
    ids = [
        i["id"]
        for i in json.loads(tripkit("checklist", "--json"))
        if i["status"] != "not_applicable"  # (the demo flies: "journey-booked" is not for it)
    ]
    tripkit("checklist", "done", ids[0])
    tripkit("checklist", "skip", ids[1], "--reason", "not for me")
    tripkit("checklist", "snooze", ids[2], "3d")
    tripkit("checklist", "add", "own-item", "Buy a plug adapter", "--due", "2027-01-05 10:00")
    code = (
        "import json, sys\n"
        "from tripkit.cli import main\n"
        "try:\n"
        "    main(['checklist', '--json'], standalone_mode=False)\n"
        "finally:\n"
        "    from tripkit.core.models import ChecklistItem, CustomItem, ItemState, Source\n"
        "    built = {m.__name__: m.__pydantic_complete__ for m in "
        "(ChecklistItem, CustomItem, ItemState, Source)}\n"
        "    built['plugins'] = 'pydantic.plugin._loader' in sys.modules\n"
        "    print(json.dumps(built), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    items = {i["id"]: i for i in json.loads(run.stdout)}
    assert items[ids[0]]["status"] == "done" and items[ids[0]]["state"]["changed"]
    assert items[ids[1]]["state"]["reason"] == "not for me"
    assert items[ids[2]]["state"]["snoozed_until"]
    assert items["own-item"]["custom"] is True
    assert json.loads(run.stderr.strip().splitlines()[-1]) == {
        "ChecklistItem": False,
        "CustomItem": False,
        "ItemState": False,
        "Source": False,
        "plugins": False,
    }
