"""The read-only trip records (tripkit.core.tripview) against the models they mirror.

* Drift: every record field is a field of its model, of the same kind and with the same
  default, so a renamed, retyped or re-defaulted model field fails here, not on a screen.
* Equality: for the demo and for travellers unlike it (connections via Frankfurt, a train
  with no flight, a German on CET), every field the record has equals the model's, the
  shared logic (zones, a leg's start/end, a flight's duration) gives the same answers, and
  the anchors (where the traveller is, hence every time's zone on the Overview) are equal.
* A row the light reader cannot read is refused (ValueError): the caller validates instead.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from typing import Any

import pytest
from fosdem_trips import fosdem_via_frankfurt, german_at_fosdem, german_by_train
from testpaths import TODAY

from tripkit.core import models, tripview
from tripkit.core.anchors import compute_anchors, where_is
from tripkit.core.models import Trip
from tripkit.core.tripview import MIRRORS, TripView, trip_view
from tripkit.demo import example_trip
from tripkit.store import Store


def _kind(annotation: Any) -> str:
    """A field's type reduced to what the JSON reader must do: "str", "bool", "date",
    "datetime", a nested model's name, "list[...]", with "?" when None is allowed."""
    if isinstance(annotation, str):
        annotation = eval(annotation, vars(models))  # noqa: S307 - the model's own annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        assert len(args) == 1, annotation
        return _kind(args[0]) + "?"
    if origin in (list, tuple):
        return f"list[{_kind(typing.get_args(annotation)[0])}]"
    if origin is typing.Literal:
        return "str"
    if isinstance(annotation, type):
        if annotation in (str, bool, date, datetime):
            return annotation.__name__
        if annotation in MIRRORS:
            return MIRRORS[annotation]
        if issubclass(annotation, models.Model):
            return annotation.__name__
    raise AssertionError(f"no kind for {annotation!r}")


def _record_kind(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is tuple:  # records hold tuples where models hold lists (read-only)
        return f"list[{_record_kind(typing.get_args(tp)[0])}]"
    return _kind(tp)


@pytest.mark.parametrize("record", list(MIRRORS), ids=lambda r: r.__name__)
def test_each_record_field_is_its_models_field(record: type) -> None:
    model: type[models.Model] = getattr(models, MIRRORS[record])
    hints = typing.get_type_hints(record, vars(tripview))
    model_hints = typing.get_type_hints(model, vars(models), include_extras=True)
    for field in dataclasses.fields(record):
        assert field.name in model.model_fields, f"{record.__name__}.{field.name}: not in model"
        info = model.model_fields[field.name]
        assert _record_kind(hints[field.name]) == _kind(model_hints[field.name]), field.name
        if info.is_required():
            assert field.default is dataclasses.MISSING, f"{field.name}: model requires it"
        else:
            default = info.get_default(call_default_factory=True)
            mine = field.default
            if isinstance(default, list):
                default = tuple(default)
            assert mine == default, f"{record.__name__}.{field.name}: default {mine!r}"


def test_the_records_cover_what_the_read_only_screens_read() -> None:
    """A field the Overview and the anchors read that the record lacked would raise
    AttributeError at start: the records keep every trip-level field except the ones the
    editing screens alone show (notes, the traveller's own items and deadlines)."""
    left_out = set(Trip.model_fields) - {f.name for f in dataclasses.fields(TripView)}
    assert left_out == {"notes", "agenda", "deadlines"}


def _trips() -> list[Trip]:
    return [example_trip(TODAY), fosdem_via_frankfurt(), german_at_fosdem(), german_by_train()]


def _same(record: Any, model: Any, path: str) -> None:
    for field in dataclasses.fields(record):
        mine, theirs = getattr(record, field.name), getattr(model, field.name)
        where = f"{path}.{field.name}"
        if dataclasses.is_dataclass(mine):
            _same(mine, theirs, where)
        elif isinstance(mine, tuple):
            assert len(mine) == len(theirs), where
            for n, (a, b) in enumerate(zip(mine, theirs, strict=True)):
                if dataclasses.is_dataclass(a):
                    _same(a, b, f"{where}[{n}]")
                else:
                    assert a == b, f"{where}[{n}]"
        else:
            assert mine == theirs and type(mine) is type(theirs), where
            if isinstance(mine, datetime):
                assert mine.tzinfo == theirs.tzinfo, where  # the same IANA zone, not an offset


@pytest.mark.parametrize("trip", _trips(), ids=lambda t: t.id)
def test_a_record_holds_the_models_values_and_answers_alike(trip: Trip) -> None:
    view = trip_view(trip.model_dump(mode="json"))
    _same(view, trip, "trip")
    assert (view.venue_tz, view.home_tz, view.destination_country) == (
        trip.venue_tz,
        trip.home_tz,
        trip.destination_country,
    )
    for leg, model_leg in zip(view.ground, trip.ground, strict=True):
        assert (leg.start, leg.end, leg.by) == (model_leg.start, model_leg.end, model_leg.by)
    for f, model_f in zip(view.flights, trip.flights, strict=True):
        assert f.duration == model_f.duration
    mine, theirs = compute_anchors(view), compute_anchors(trip)  # type: ignore[arg-type]
    assert mine.times == theirs.times and mine.notes == theirs.notes
    for instant in [*mine.times.values(), datetime(2026, 1, 30, 12, tzinfo=TODAY_ZONE)]:
        if instant is not None:
            assert where_is(view, instant, mine) == where_is(trip, instant, theirs)  # type: ignore[arg-type]


TODAY_ZONE = example_trip(TODAY).flights[0].departs.tzinfo


def test_the_stored_row_reads_back_as_the_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tripkit.services.trip_view import read_trip_view

    trip = german_by_train()
    with Store.open(tmp_path) as store:
        store.put_trip(trip)
        from_row = read_trip_view(store, trip.id)
        assert from_row == trip_view(trip.model_dump(mode="json"))
        assert read_trip_view(store, trip.id, trip) == from_row


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("conference"),
        lambda d: d["flights"][0].update(departs="2026-01-29T17:10"),  # no zone
        lambda d: d["traveller"].update(citizenships="DE"),
        lambda d: d.update(flights={"0": 1}),
        lambda d: d["conference"].update(first_day=20260130),
    ],
)
def test_a_row_of_another_shape_is_refused(damage: Any) -> None:
    data = fosdem_via_frankfurt().model_dump(mode="json")
    damage(data)
    with pytest.raises(ValueError):
        trip_view(data)
