"""Lean objects (tripkit.core.lean): stored JSON read without pydantic must come back as the
models give it, field by field, with the models' logic; the table they are read by is the
models' own (tripkit.core.lean_spec); what cannot be read exactly is refused (LeanError), so
the caller reads the models, which validate it."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fosdem_trips import fly_rail_fly, german_by_train, indian_via_dubai
from model_equality import same as _same
from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from testpaths import TODAY

from tripkit import paths
from tripkit.catalog import compiled
from tripkit.core import lean, lean_spec
from tripkit.core.lean_schema import SCHEMA
from tripkit.core.models import CustomItem, ItemState, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.demo import example_trip
from tripkit.errors import DataError


def same(a: Any, b: Any, path: str = "$") -> None:
    """The lean `a` is the model `b` (tests/model_equality.py)."""
    _same(a, b, path, lean_a=True)


def test_the_committed_table_is_the_models_table() -> None:
    """tripkit/core/lean_schema.py is what the models give now: a field added, renamed or
    retyped in a model, or a validator added, fails here until the table is regenerated
    (`python tools/gen_lean_schema.py`), which refuses a validator it does not know."""
    committed = (Path(lean_spec.__file__).with_name("lean_schema.py")).read_text(encoding="utf-8")
    assert committed == lean_spec.source()


@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_a_lean_class_has_its_models_logic(name: str) -> None:
    """Every public method and property of the model (its own or a base model's) is there on
    the lean class too: logic lives in the mixins both inherit, never in the model alone."""
    model = lean_spec.models()[name]
    cls = lean.lean_class(name)
    public = {
        attr
        for klass in model.__mro__
        if issubclass(klass, BaseModel) and klass is not BaseModel
        for attr in vars(klass)
        if not attr.startswith("_")
        and attr not in model.model_fields
        and attr not in ("model_config", "model_fields", "model_computed_fields")
    }
    assert {a for a in public if not hasattr(cls, a)} == set()


def _traveller_unlike_the_demo() -> dict[str, Any]:
    """A dual citizen (German and Brazilian) living in Japan, one passport without its
    country, a residence card and a visit written the old way (`date`)."""
    data = json.loads(indian_via_dubai().model_dump_json())
    data["traveller"] = {
        "name": "Ana Müller",
        "citizenships": ["DE", "BR"],
        "home_country": "JP",
        "home_tz": "Asia/Tokyo",
        "passports": [
            {"expires": "2031-03-01"},
            {"expires": "2030-05-01", "issued": "2020-05-02", "country": "BR"},
        ],
        "residence": {"status": "engineer", "expires": "2028-01-31"},
        "visited": [{"country": "US", "date": "2024-06-01"}],
        "authorisations": [{"kind": "ESTA", "country": "US", "expires": "2027-01-01"}],
    }
    data["deadlines"] = [
        {"id": "cfp", "title": "Slides", "due": "2027-01-20T23:59:00+01:00[Europe/Brussels]"}
    ]
    return data


TRIPS = {
    "demo": lambda: json.loads(example_trip(TODAY).model_dump_json()),
    "indian-via-dubai": lambda: json.loads(indian_via_dubai().model_dump_json()),
    "german-by-train": lambda: json.loads(german_by_train().model_dump_json()),
    "fly-rail-fly": lambda: json.loads(fly_rail_fly().model_dump_json()),
    "dual-citizen": _traveller_unlike_the_demo,
}


@pytest.mark.parametrize("name", sorted(TRIPS))
def test_a_lean_trip_is_the_validated_trip(name: str) -> None:
    data = TRIPS[name]()
    validated = Trip.model_validate(copy.deepcopy(data))
    # As written by hand (old keys, passports without their country) and as the store holds it.
    for row in (data, json.loads(validated.model_dump_json())):
        same(lean.build("Trip", copy.deepcopy(row)), Trip.model_validate(copy.deepcopy(row)))
    trip = lean.build("Trip", data)
    assert trip.destination_country == validated.destination_country
    assert trip.home_tz == validated.home_tz
    if name == "dual-citizen":  # derived as the model's validators derive it
        assert [p.country for p in trip.traveller.passports] == ["DE", "BR"]
        assert trip.traveller.passport.country == "DE"
        assert trip.traveller.passport_for("BR").issued == date(2020, 5, 2)
        assert trip.traveller.visited[0].last_day == date(2024, 6, 1)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(surprise=1),  # a key the model does not have
        lambda d: d.pop("conference"),  # a required field missing
        lambda d: d["flights"][0].update(departs="2027-01-11T17:05:00+09:00"),  # no zone
        lambda d: d.update(booked_on=20261123),  # the wrong JSON type
        lambda d: d["traveller"].update(
            citizenships=["DE"], passports=[{"expires": "2030-01-01", "country": "FR"}]
        ),
    ],
)
def test_what_cannot_be_read_exactly_is_refused(change: Any) -> None:
    data = TRIPS["indian-via-dubai"]()
    change(data)
    with pytest.raises(lean.LeanError):
        lean.build("Trip", data)


def test_item_states_and_custom_items_read_as_stored() -> None:
    changed = datetime(2026, 11, 30, 9, 15, 7, 120000, tzinfo=UTC)
    for state in (
        ItemState(),
        ItemState(status="skipped", reason="Done at the office", changed=changed),
        ItemState(
            status="snoozed",
            snoozed_until=parse_zoned("2027-01-02T09:00[Asia/Tokyo]"),
            changed=changed.astimezone(timezone(timedelta(hours=-5, minutes=-30))),
        ),
    ):
        row = state.model_dump_json()
        same(lean.build("ItemState", json.loads(row)), ItemState.model_validate_json(row))
    item = CustomItem(id="visa-photo", title="Visa photo", phase="prepare", details="35x45")
    row = item.model_dump_json()
    same(lean.build("CustomItem", json.loads(row)), CustomItem.model_validate_json(row))


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=timezone(timedelta(hours=9))),
        datetime(2026, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
        datetime(2026, 1, 2),  # noqa: DTZ001 - a naive value, as pydantic would write one
    ],
)
def test_a_datetime_is_written_as_pydantic_writes_it(value: datetime) -> None:
    assert lean.datetime_json(value) == to_jsonable_python(value)
    # and read back to the same instant and offset
    if value.tzinfo is not None:
        back = lean.build("ItemState", {"changed": to_jsonable_python(value)}).changed
        assert back == value and back.utcoffset() == value.utcoffset()


def test_model_copy_and_fields_set_behave_as_pydantics() -> None:
    state = lean.build("ItemState", {"status": "done"})
    assert state.model_fields_set == {"status"}
    copied = state.model_copy(update={"reason": "x"})
    assert (copied.status, copied.reason, copied.model_fields_set) == (
        "done",
        "x",
        {"status", "reason"},
    )
    assert state.reason == "" and state.model_fields_set == {"status"}  # the original kept
    assert copied != state and state == lean.build("ItemState", {"status": "done"})
    blank = lean.new("ItemState")
    assert (blank.status, blank.snoozed_until, blank.model_fields_set) == ("todo", None, set())


def _compiled_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Path]]:
    """Every compiled copy a checklist reads, written by reading each bundled file strictly
    (countries, areas, registration, the world dataset, the rule files, the airport parts,
    the city names): (model name, copy)."""
    from tripkit.catalog import airports, city_names, entry_data, world
    from tripkit.catalog.rules import load_rules, rule_files

    monkeypatch.setenv("TRIPKIT_HOME", str(tmp_path))
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path / "cache")
    for fn in (
        entry_data._country,
        entry_data._areas,
        entry_data._registration,
        world._dataset_meta,
    ):
        fn.cache_clear()
    airports._countries.cache_clear()
    airports._city_names.cache_clear()
    city_names._city.cache_clear()
    data = paths.bundled_data()
    out: list[tuple[str, Path]] = []
    for path in sorted((data / "countries").glob("*.yaml")):
        entry_data.country(path.stem.upper())
        out.append(("CountryEntry", path))
    entry_data.areas()
    out += [("AreaEntry", p) for p in sorted((data / "areas").glob("*.yaml"))]
    entry_data.registration("JP")
    out.append(("RegistrationFile", data / "registration.yaml"))
    world.dataset_meta()
    out.append(("WorldDataset", data / "world" / "passport-index.yaml"))
    load_rules(rule_files(data / "checklists"))
    out += [("_RuleFileCopy", p) for p in rule_files(data / "checklists")]
    airports.airport_country("NRT")
    airports.airport_city_name("NRT", "en")
    out += [
        ("AirportCountries", data / "airports.yaml"),
        ("AirportCityNames", data / "airports.yaml"),
    ]
    for path in sorted((data / "cities").glob("*.yaml")):
        city_names._city(path)
        out.append(("CityNames", path))
    return out


def test_every_compiled_copy_reads_lean_as_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = lean_spec.models()
    copies = _compiled_copies(tmp_path, monkeypatch)
    assert len(copies) > 20
    for name, path in copies:
        content = name == "_RuleFileCopy"
        cached = compiled._cache_file(path, name, content=content)
        assert cached is not None and cached.is_file(), (name, path)
        raw = cached.read_bytes()
        same(
            lean.build(name, json.loads(raw)), models[name].model_validate_json(raw), f"{path.name}"
        )


def test_a_broken_catalog_file_is_still_reported_in_a_lean_evaluation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No current copy of a broken file: the lean read falls back to the strict reader,
    which names the file and line, as before."""
    import shutil

    from tripkit.catalog import entry_data
    from tripkit.core.leanmode import lean as lean_mode

    data = tmp_path / "data"
    shutil.copytree(paths.bundled_data() / "countries", data / "countries")
    path = data / "countries" / "ca.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("validity_years: 5", "validity_years: five"),
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path / "cache")
    entry_data._country.cache_clear()
    with lean_mode(), pytest.raises(DataError) as info:
        entry_data.country("CA", data)
    assert "countries/ca.yaml" in str(info.value) and "validity_years" in str(info.value)
