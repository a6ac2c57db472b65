"""The kept checklist (tripkit.services.checklist_cache): `checklist --json` reads the result
of an earlier evaluation only while every input is the same. Each test changes one input and
proves the next read gives what a fresh evaluation gives, not the kept result: a stale
checklist would be a confident wrong one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from checklist_builders import make_trip
from click.testing import CliRunner

import tripkit
from tripkit import paths
from tripkit.cli import checklist as cli_checklist
from tripkit.cli import main
from tripkit.core.models import PHASES, CustomItem, Schedule, Session, Trip
from tripkit.services import checklist as svc
from tripkit.services import checklist_cache as kept
from tripkit.store import Store
from tripkit.store import checklist_cache as rows

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")


def fresh(store: Store, trip: Trip, now: datetime = NOW, lang: str = "en") -> list[dict[str, Any]]:
    """The checklist evaluated now, without the kept copy."""
    trip = store.get_trip(trip.id)
    items = svc.checklist_items(store, trip, lang, now=now, include_elsewhere=True)
    return [kept.item_json(i, trip) for i in items]


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The trips evaluated by the rule engine (a kept read adds nothing here)."""
    seen: list[str] = []
    real = svc.checklist_items

    def counted(store: Store, trip: Trip, *args: Any, **kwargs: Any) -> Any:
        seen.append(trip.id)
        return real(store, trip, *args, **kwargs)

    monkeypatch.setattr(svc, "checklist_items", counted)
    return seen


@pytest.fixture
def trip(store: Store) -> Trip:
    t = make_trip()
    store.put_trip(t)
    return t


def read(store: Store, trip: Trip, now: datetime = NOW, lang: str = "en") -> list[dict[str, Any]]:
    return kept.checklist_json(store, trip.id, lang, now)


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in items}


def test_second_read_is_kept_and_equal(store: Store, trip: Trip, evaluations: list[str]) -> None:
    first = read(store, trip)
    assert evaluations == ["t"]
    second = read(store, trip)
    assert evaluations == ["t"]  # not evaluated again
    assert second == first == fresh(store, trip)


def test_a_trip_edit_is_seen(store: Store, trip: Trip, evaluations: list[str]) -> None:
    before = by_id(read(store, trip))
    assert before["passport-validity"]["problem"] == ""
    # The passport now runs out during the trip: the document check must say so.
    store.put_trip(make_trip(passport_expires=date(2027, 1, 13)))
    after = read(store, trip)
    assert len(evaluations) == 2
    assert after == fresh(store, trip)
    assert by_id(after)["passport-validity"]["problem"] != ""


def test_item_state_and_own_items_are_seen(store: Store, trip: Trip) -> None:
    assert by_id(read(store, trip))["apps-install"]["status"] == "todo"
    svc.set_status(store, trip, "apps-install", "done")
    assert by_id(read(store, trip))["apps-install"]["status"] == "done"
    svc.set_status(store, trip, "apps-install", "skipped", reason="no phone")
    got = by_id(read(store, trip))["apps-install"]
    assert (got["status"], got["state"]["reason"]) == ("skipped", "no phone")
    store.add_custom_item(trip.id, CustomItem(id="buy-adapter", title="Buy an adapter"))
    items = read(store, trip)
    assert "buy-adapter" in by_id(items)
    assert items == fresh(store, trip)


def test_the_clock_crossing_a_due_time_is_seen(store: Store, trip: Trip) -> None:
    items = by_id(read(store, trip))
    due = datetime.fromisoformat(items["apps-install"]["due"])
    just_before, just_after = due - timedelta(seconds=1), due + timedelta(seconds=1)
    assert by_id(read(store, trip, just_before))["apps-install"]["status"] == "todo"
    assert by_id(read(store, trip, just_after))["apps-install"]["status"] == "overdue"
    assert by_id(read(store, trip, just_before))["apps-install"]["status"] == "todo"
    # At the due time itself nothing is kept (the status changes right after it).
    assert read(store, trip, due) == fresh(store, trip, due)


def test_a_snooze_ending_is_seen(store: Store, trip: Trip) -> None:
    until = NOW + timedelta(hours=5)
    svc.set_status(store, trip, "apps-install", "snoozed", snoozed_until=until.astimezone(TOKYO))
    assert by_id(read(store, trip))["apps-install"]["status"] == "snoozed"
    later = until + timedelta(minutes=1)
    assert by_id(read(store, trip, later))["apps-install"]["status"] == "todo"
    assert read(store, trip, later) == fresh(store, trip, later)


def test_kept_reads_equal_fresh_ones_at_every_time(store: Store, trip: Trip) -> None:
    """Across the trip, an hour or a day apart, each read (kept or not) is what a fresh
    evaluation at that time gives: the span kept with the items holds nothing that changes."""
    until = datetime(2027, 1, 2, 9, 30, tzinfo=TOKYO)
    svc.set_status(store, trip, "payment-cash", "snoozed", snoozed_until=until)
    t = datetime(2026, 12, 25, tzinfo=UTC)
    while t < datetime(2027, 1, 20, tzinfo=UTC):
        assert read(store, trip, t) == fresh(store, trip, t), t
        t += timedelta(hours=7, minutes=13)


def test_language_is_part_of_the_key(store: Store, trip: Trip) -> None:
    en, ja = read(store, trip, lang="en"), read(store, trip, lang="ja")
    assert en != ja
    assert ja == fresh(store, trip, lang="ja")
    assert read(store, trip, lang="en") == en


def test_a_user_rule_file_is_seen(store: Store, trip: Trip) -> None:
    assert "bring-umbrella" not in by_id(read(store, trip))
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    rule = folder / "mine.yaml"
    rule.write_text(
        "rules:\n  - id: bring-umbrella\n    phase: prepare\n    kind: reminder\n"
        "    title: {en: Bring an umbrella}\n",
        encoding="utf-8",
    )
    assert by_id(read(store, trip))["bring-umbrella"]["title"] == "Bring an umbrella"
    # The same length, edited a second later.
    stat = rule.stat()
    rule.write_text(rule.read_text(encoding="utf-8").replace("umbrella}", "umbrellA}"))
    os.utime(rule, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert by_id(read(store, trip))["bring-umbrella"]["title"] == "Bring an umbrellA"
    # The key reads the user's files' content too: an edit within one tick of the file
    # system's clock, of the same length, still changes it.
    key = kept.environment_key("en")
    stat = rule.stat()
    rule.write_text(rule.read_text(encoding="utf-8").replace("umbrellA}", "Umbrella}"))
    os.utime(rule, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert kept.environment_key("en") != key
    rule.unlink()
    assert "bring-umbrella" not in by_id(read(store, trip))


def test_a_broken_rule_file_is_warned_of_every_time(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as s:
        s.put_trip(trip)
        s.set_current_trip(trip.id)
    folder = paths.config_dir() / "checklists"
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("rules:\n  - id: x\n    phase: nowhere\n")
    for _ in range(2):
        result = CliRunner().invoke(main, ["checklist", "--json"])
        assert result.exit_code == 0
        assert "checklist file skipped" in result.stderr


def test_a_starred_session_needing_registration_is_seen(store: Store, trip: Trip) -> None:
    lab = Session(
        key="lab-1",
        title="Hands-on: Compose",
        needs_registration=True,
        start="2027-01-13T10:00[America/Los_Angeles]",  # type: ignore[arg-type]
        end="2027-01-13T12:00[America/Los_Angeles]",  # type: ignore[arg-type]
    )
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[lab]))
    assert "register:lab-1" not in by_id(read(store, trip))  # not starred
    store.set_stars(trip.id, ["lab-1"], True)
    assert by_id(read(store, trip))["register:lab-1"]["title"] == (
        "Register for the session “Hands-on: Compose”"
    )
    # The programme is imported again with the session renamed.
    renamed = lab.model_copy(update={"title": "Hands-on: Compose v2"})
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[renamed]))
    items = read(store, trip)
    assert by_id(items)["register:lab-1"]["title"] == (
        "Register for the session “Hands-on: Compose v2”"
    )
    assert items == fresh(store, trip)


def test_tripkit_itself_changing_is_seen(
    store: Store, trip: Trip, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new release, or a file of tripkit's changed (an upgrade, a checkout): not kept."""
    first = kept.environment_key("en")
    monkeypatch.setattr(tripkit, "__version__", "9.9.9")
    assert kept.environment_key("en") != first
    monkeypatch.undo()
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "rules.py").write_text("X = 1\n")
    monkeypatch.setattr(tripkit, "__file__", str(package / "__init__.py"))
    before = kept.environment_key("en")
    os.utime(package / "rules.py", ns=(0, 10**18))
    assert kept.environment_key("en") != before


def test_a_damaged_or_foreign_row_is_not_used(store: Store, trip: Trip) -> None:
    good = read(store, trip)
    store.db.conn.execute("UPDATE checklist_cache SET data = '{not json'")
    assert read(store, trip) == good
    key = kept.fingerprint(store, trip.id, "en")
    assert key is not None
    # A row with the right key but items from elsewhere and no span would be used: the key
    # is what guards it, so any other key is refused.
    rows.write(store.db, trip.id, "en", rows.Cached("another key", None, None, [{"id": "x"}]))
    assert read(store, trip) == good


def test_deleting_a_trip_deletes_its_kept_checklist(store: Store, trip: Trip) -> None:
    read(store, trip)
    assert store.db.rows("SELECT count(*) FROM checklist_cache")[0][0] == 1
    store.trips.delete(trip.id)
    assert store.db.rows("SELECT count(*) FROM checklist_cache")[0][0] == 0


def test_cli_json_is_the_same_kept_or_not(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as s:
        s.put_trip(trip)
        s.set_current_trip(trip.id)
    args = ["checklist", "--json", "--now", "2026-11-27T12:00[Asia/Tokyo]"]
    outs = [CliRunner().invoke(main, args).stdout for _ in range(2)]
    with Store.open(paths.data_dir()) as s:
        expected = [i for i in fresh(s, trip) if not i["elsewhere"]]
    assert json.loads(outs[0]) == json.loads(outs[1]) == expected
    assert outs[0] == outs[1]
    for extra, keep in (
        (["--phase", "arrive"], lambda i: i["phase"] == "arrive"),
        (["--open"], lambda i: i["status"] in ("todo", "overdue", "snoozed")),
        (["--all"], lambda i: True),
    ):
        got = json.loads(CliRunner().invoke(main, [*args, *extra]).stdout)
        with Store.open(paths.data_dir()) as s:
            every = fresh(s, trip)
        shown = every if extra == ["--all"] else [i for i in every if not i["elsewhere"]]
        want = [i for i in shown if keep(i)]
        assert got == want and got


def test_kept_read_imports_no_pydantic(trip: Trip) -> None:
    with Store.open(paths.data_dir()) as s:
        s.put_trip(trip)
        s.set_current_trip(trip.id)
    code = (
        "import sys\n"
        "from tripkit.cli import main\n"
        "try:\n    main(['checklist', '--json'])\nexcept SystemExit:\n    pass\n"
        "print('PYDANTIC', 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert "PYDANTIC True" in runs[0].stderr  # evaluated (and kept)
    assert "PYDANTIC False" in runs[1].stderr  # read back
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)


def test_cli_phases_are_the_models() -> None:
    assert cli_checklist.PHASES == PHASES


@pytest.fixture(autouse=True)
def _rules_reread() -> Iterator[None]:
    svc._cache.clear()  # noqa: SLF001 - each test's config folder is its own
    yield
    svc._cache.clear()  # noqa: SLF001


def test_v4_store_gains_the_table_losing_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tripkit.store import db as dbmod

    trip = make_trip()
    folder = tmp_path / "v4"
    with monkeypatch.context() as m:
        m.setattr(dbmod, "SCHEMA_VERSION", 4)
        with Store.open(folder) as old:
            assert old.schema_version == 4
            tables = {r[0] for r in old.db.rows("SELECT name FROM sqlite_master")}
            assert "checklist_cache" not in tables
            old.put_trip(trip)
            svc.set_status(old, trip, "apps-install", "done")
    with Store.open(folder) as store:
        assert store.schema_version == 5
        assert store.get_trip(trip.id) == trip
        assert store.item_states(trip.id)["apps-install"].status == "done"
        items = read(store, trip)
        assert by_id(items)["apps-install"]["status"] == "done"
        assert store.db.rows("SELECT trip_id, lang FROM checklist_cache") == [(trip.id, "en")]


def test_a_busy_or_read_only_store_still_reads(store: Store, trip: Trip, tmp_path: Path) -> None:
    """Keeping the result is best effort: another process writing (holding the lock) or a
    store that refuses writes gives the checklist all the same, without waiting."""
    import sqlite3

    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        items = read(store, trip)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert items == fresh(store, trip)
    assert store.db.rows("SELECT count(*) FROM checklist_cache")[0][0] == 0
    assert store.db.rows("PRAGMA busy_timeout")[0][0] == 10000  # the store's own, restored
    store.db.conn.execute("PRAGMA query_only = ON")
    assert read(store, trip) == items
    store.db.conn.execute("PRAGMA query_only = OFF")
    assert store.db.rows("SELECT count(*) FROM checklist_cache")[0][0] == 0
    assert read(store, trip) == items
    assert store.db.rows("SELECT count(*) FROM checklist_cache")[0][0] == 1


def test_new_zone_data_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An update of the system's time-zone database (a country changes its clocks) changes
    the key: a due time's offset may differ."""
    import zoneinfo

    zones = tmp_path / "zoneinfo"
    (zones / "America").mkdir(parents=True)
    (zones / "tzdata.zi").write_text("# version 2026a\n")
    monkeypatch.setattr(zoneinfo, "TZPATH", (str(zones),))
    before = kept.environment_key("en")
    (zones / "tzdata.zi").write_text("# version 2026b, longer\n")
    assert kept.environment_key("en") != before


def test_a_setting_changes_the_key(store: Store, trip: Trip) -> None:
    """The settings are in the key (a setting read by the checklist one day must not be
    missed): changing one evaluates again, to the same items."""
    first = kept.fingerprint(store, trip.id, "en")
    store.set_setting("guide.max_age_months", "6")
    assert kept.fingerprint(store, trip.id, "en") != first


def test_quiet_imports_restores_collection_and_freezes() -> None:
    """The evaluation's imports run with the cyclic GC off; afterwards collection is on again
    (when it was) and what they made is out of later collections."""
    import gc

    from tripkit.cli.lazy import quiet_imports

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with quiet_imports():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]  # long-lived objects, as a module's are
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()


def test_has_programmes(store: Store, trip: Trip) -> None:
    assert not store.has_programmes(trip.id)
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[]))
    assert store.has_programmes(trip.id)
    assert not store.has_programmes("another-trip")
