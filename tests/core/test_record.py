"""tripkit.core.record: the engine's records behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle

import pytest

from tripkit.core.record import FrozenInstanceError, Record, field, replace


class Point(Record, frozen=True):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


class Bag(Record):
    name: str
    items: list[str] = field(default_factory=list)


def test_fields_by_position_by_name_and_defaults() -> None:
    assert Point(1, 2).__dict__ == {"x": 1, "y": 2, "tags": ()}
    assert Point(y=3, x=1) == Point(1, 3)
    assert Point(1).y == 0
    assert repr(Point(1, tags=("a",))) == "Point(x=1, y=0, tags=('a',))"


@pytest.mark.parametrize(
    ("args", "kwargs", "says"),
    [
        ((), {}, "missing 'x'"),
        ((1, 2, (), 4), {}, "takes 3 fields"),
        ((1,), {"x": 2}, "'x' twice"),
        ((1,), {"z": 2}, "no field 'z'"),
    ],
)
def test_wrong_calls_are_refused(args: tuple[int, ...], kwargs: dict[str, int], says: str) -> None:
    with pytest.raises(TypeError, match=says):
        Point(*args, **kwargs)


def test_a_default_factory_makes_a_new_value_per_instance() -> None:
    a, b = Bag("a"), Bag("b")
    a.items.append("x")
    assert b.items == [] and a.items == ["x"]
    assert "items" not in Bag.__dict__  # the factory marker is no class attribute


def test_frozen_records_refuse_changes_and_hash_by_value() -> None:
    p = Point(1, 2)
    with pytest.raises(FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y  # type: ignore[misc]
    assert hash(p) == hash(Point(1, 2)) and len({p, Point(1, 2), Point(2, 1)}) == 2


def test_mutable_records_change_and_are_unhashable() -> None:
    b = Bag("b")
    b.name = "c"
    assert b == Bag("c") and b != Bag("b") and b != "c"
    with pytest.raises(TypeError):
        hash(b)


def test_replace_copies_with_changes_only_to_known_fields() -> None:
    p = Point(1, 2, ("a",))
    q = replace(p, y=5)
    assert q == Point(1, 5, ("a",)) and p == Point(1, 2, ("a",)) and type(q) is Point
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(p, z=1)


def test_copies_and_pickles_are_equal() -> None:
    p, b = Point(1, 2), Bag("b", ["x"])
    assert copy.copy(p) == p and copy.deepcopy(b) == b
    assert pickle.loads(pickle.dumps(p)) == p and pickle.loads(pickle.dumps(b)) == b
