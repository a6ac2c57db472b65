"""The store and trip files: what every CLI command pays before doing its work."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import yaml

from bench.common import Result, median_ms
from tripkit.core.models import ItemState
from tripkit.demo import example_trip
from tripkit.services.trips import parse_trip_yaml, trip_to_yaml
from tripkit.store import DB_NAME, Store

TODAY = date(2026, 11, 27)


def _filled_store(folder: Path) -> None:
    trip = example_trip(TODAY)
    with Store.open(folder) as store:
        for i in range(20):
            store.put_trip(trip.model_copy(update={"id": f"trip-{i}"}))


def bench_store_open() -> Result:
    """Store.open (identity check, WAL, migration check) + close, vs a bare sqlite3 open."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _filled_store(folder)

        def ours() -> None:
            Store.open(folder).close()

        def bare() -> None:
            conn = sqlite3.connect(folder / DB_NAME)
            conn.execute("PRAGMA user_version").fetchone()
            conn.close()

        value = median_ms(ours, repeat=31, warmup=3)
        base = median_ms(bare, repeat=31, warmup=3)
    return Result(
        "store open+close", value, "ms", "bare sqlite3 open", base, target="< 10 ms", ok=value < 10
    )


def bench_store_write() -> Result:
    """One set_item_state transaction (BEGIN IMMEDIATE, WAL) vs a bare autocommit insert."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _filled_store(folder)
        store = Store.open(folder)
        conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
        state = ItemState(status="done")
        n = [0]

        def ours() -> None:
            n[0] += 1
            store.set_item_state("trip-1", f"item-{n[0]}", state)

        def bare() -> None:
            n[0] += 1
            conn.execute("INSERT INTO t VALUES (?, ?)", (f"item-{n[0]}", state.model_dump_json()))

        value = median_ms(ours, repeat=101, warmup=5)
        base = median_ms(bare, repeat=101, warmup=5)
        store.close()
        conn.close()
    return Result(
        "store one write transaction",
        value,
        "ms",
        "bare sqlite insert",
        base,
        target="< 5 ms",
        ok=value < 5,
    )


def bench_trip_yaml_parse() -> Result:
    """Reading a trip file with line tracking and validation, vs a plain YAML load with the
    same parser (libyaml's when PyYAML has it)."""
    text = trip_to_yaml(example_trip(TODAY))
    value = median_ms(lambda: parse_trip_yaml(text, "bench.yaml"), repeat=31, warmup=3)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    base = median_ms(lambda: yaml.load(text, Loader=loader), repeat=31, warmup=3)  # noqa: S506
    return Result(
        "trip file parse+validate",
        value,
        "ms",
        f"yaml.load {loader.__name__}",
        base,
        target="< 20 ms",
        ok=value < 20,
    )
