"""The user's state: kept by item id in the real SQLite store, across re-evaluation and trip
edits; and the `tripkit checklist` command line."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from checklist_builders import esta, make_trip, seg
from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.errors import DataError, NotFoundError
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
NOW_TEXT = "2026-11-27T12:00[Asia/Tokyo]"


def by_id(store: Store, trip: Trip, now: datetime = NOW, lang: str = "en") -> dict:
    return {i.id: i for i in svc.checklist_items(store, trip, lang, now=now)}


def test_state_survives_reevaluation_and_trip_edits(store: Store) -> None:
    trip = make_trip()
    store.put_trip(trip)
    svc.set_status(store, trip, "apps-install", "done")
    svc.set_status(store, trip, "payment-cash", "skipped", reason="company card only")
    assert by_id(store, trip)["apps-install"].status == "done"
    # The flight moves a day later and the traveller renews the passport: the trip is edited.
    edited = trip.model_copy(
        update={
            "flights": [
                seg(
                    "NH8",
                    "NRT",
                    "SFO",
                    "2027-01-10T17:05[Asia/Tokyo]",
                    "2027-01-10T09:40[America/Los_Angeles]",
                ),
                trip.flights[1],
            ]
        }
    )
    store.put_trip(edited)
    again = by_id(store, store.get_trip(trip.id))
    assert again["apps-install"].status == "done"
    assert again["payment-cash"].status == "skipped"
    assert again["payment-cash"].state.reason == "company card only"
    # Due dates follow the edit: 3 days before the new departure.
    assert again["apps-install"].due is not None
    assert again["apps-install"].due.isoformat() == "2027-01-07T17:05:00+09:00"
    svc.set_status(store, trip, "apps-install", "todo")
    assert by_id(store, trip)["apps-install"].status == "todo"


def test_snooze_reverts_after_its_time(store: Store) -> None:
    trip = make_trip()
    store.put_trip(trip)
    until = svc.parse_until("2026-12-01", trip, NOW)
    assert until.isoformat() == "2026-12-01T00:00:00+09:00"  # midnight at home (Tokyo)
    svc.set_status(store, trip, "session-preregistration", "snoozed", snoozed_until=until)
    assert by_id(store, trip)["session-preregistration"].status == "snoozed"
    later = datetime(2026, 12, 30, 0, 0, tzinfo=UTC)  # past both the snooze and the due time
    assert by_id(store, trip, later)["session-preregistration"].status == "overdue"
    between = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
    assert by_id(store, trip, between)["session-preregistration"].status == "todo"


def test_parse_until_forms() -> None:
    trip = make_trip()
    three = svc.parse_until("3d", trip, NOW)
    assert three.isoformat() == "2026-11-30T12:00:00+09:00"  # 3 days from 03:00 UTC, at home
    assert str(three.tzinfo) == "Asia/Tokyo"
    # A date while the traveller is in San Francisco: midnight there.
    assert svc.parse_until("2027-01-13", trip, NOW).isoformat() == "2027-01-13T00:00:00-08:00"
    assert svc.parse_until("2027-01-13 08:00", trip, NOW).isoformat() == "2027-01-13T08:00:00-08:00"
    assert (
        svc.parse_until("2027-01-13T08:00[Asia/Tokyo]", trip, NOW).isoformat()
        == "2027-01-13T08:00:00+09:00"
    )
    with pytest.raises(DataError, match="cannot read the snooze time"):
        svc.parse_until("next tuesday", trip, NOW)
    with pytest.raises(DataError, match="does not exist in America/Los_Angeles"):
        svc.parse_until("2027-03-14T02:30[America/Los_Angeles]", trip, NOW)


def test_custom_items(store: Store) -> None:
    trip = make_trip()
    store.put_trip(trip)
    svc.add_custom(store, trip, "buy-adapter", "Buy a US plug adapter", due="2027-01-05", now=NOW)
    got = by_id(store, trip)["buy-adapter"]
    assert got.custom and got.reason == "Added by you."
    assert got.due is not None and got.due.isoformat() == "2027-01-05T00:00:00+09:00"
    svc.set_status(store, trip, "buy-adapter", "done")
    assert by_id(store, trip)["buy-adapter"].status == "done"
    with pytest.raises(DataError, match="built-in item"):
        svc.add_custom(store, trip, "tabireg", "Mine")
    with pytest.raises(DataError, match="unknown phase"):
        svc.add_custom(store, trip, "x-1", "Mine", phase="packing")
    svc.remove_custom(store, trip, "buy-adapter")
    assert "buy-adapter" not in by_id(store, trip)
    with pytest.raises(NotFoundError):
        svc.set_status(store, trip, "buy-adapter", "done")


def test_not_applicable_items_cannot_be_ticked(store: Store) -> None:
    trip = make_trip()
    store.put_trip(trip)
    with pytest.raises(NotFoundError, match="does not apply to this trip"):
        svc.set_status(store, trip, "esta-apply", "done")


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def cli_trip() -> Trip:
    trip = make_trip(authorisations=[esta(passport_expires=date(2029, 1, 1))])  # old passport
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    return trip


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_lists_by_phase_with_both_zones(cli_trip: Trip) -> None:
    code, out, err = run("checklist", "--now", NOW_TEXT)
    assert code == 0, err
    assert (
        out.index("Before you go")
        < out.index("Departure")
        < out.index("In flight")
        < out.index("Arrival")
        < out.index("At the conference")
        < out.index("After the trip")
    )
    # Arrival items are due in SF time, with the home (Tokyo) time beside it.
    assert "Mon 11 Jan 2027 09:40 PST (Tue 12 Jan 2027 02:40 JST)" in out
    assert "! Your ESTA was issued for a passport expiring Mon 1 Jan 2029" in out


def test_cli_json(cli_trip: Trip) -> None:
    code, out, _ = run("checklist", "--json", "--now", NOW_TEXT)
    assert code == 0
    data = {d["id"]: d for d in json.loads(out)}
    item = data["immigration-answers"]
    assert item["phase"] == "arrive" and item["status"] == "todo"
    assert item["due"] == "2027-01-11T09:40:00-08:00"
    assert item["due_tz"] == "America/Los_Angeles" and item["home_tz"] == "Asia/Tokyo"
    assert item["reason"] == (
        "Applies: you travel abroad (Japan to the United States). "
        "Due at landing at the first port of entry."
    )
    assert data["esta-apply"]["status"] == "todo"  # the ESTA is tied to the old passport
    assert data["entry-authorisation"]["problem"].startswith("Your ESTA was issued for")
    assert data["us-connection-bags"]["status"] == "not_applicable"
    assert data["esta-apply"]["sources"][0]["date"] == "no date"


def test_cli_filters_and_actions(cli_trip: Trip) -> None:
    code, out, _ = run("checklist", "--json", "--phase", "venue", "--now", NOW_TEXT)
    assert {d["phase"] for d in json.loads(out)} == {"venue"}
    # Tabireg was due 1 day after booking (20 Nov): overdue on 27 Nov.
    code, out, _ = run("checklist", "--json", "--overdue", "--now", NOW_TEXT)
    assert [d["id"] for d in json.loads(out)] == ["tabireg"]
    assert run("checklist", "done", "tabireg")[0] == 0
    code, out, _ = run("checklist", "--json", "--overdue", "--now", NOW_TEXT)
    assert json.loads(out) == []
    code, out, _ = run("checklist", "skip", "sf-safety", "--reason", "been there")
    assert code == 0 and out == "Skipped sf-safety.\n"
    code, out, _ = run("checklist", "snooze", "apps-install", "2027-01-05", "--now", NOW_TEXT)
    assert out == "Snoozed apps-install until Tue 5 Jan 2027 00:00 JST.\n"
    code, out, _ = run("checklist", "snooze", "travel-advice", "12h", "--now", NOW_TEXT)
    assert out == "Snoozed travel-advice until Sat 28 Nov 2026 00:00 JST.\n"
    code, out, _ = run("checklist", "--json", "--open", "--now", NOW_TEXT)
    states = {d["id"]: d["status"] for d in json.loads(out)}
    assert states["travel-advice"] == "snoozed"
    assert states["apps-install"] == "snoozed"
    assert "tabireg" not in states and "sf-safety" not in states
    assert set(states.values()) <= {"todo", "overdue", "snoozed"}
    assert run("checklist", "undo", "tabireg")[0] == 0
    code, out, _ = run(
        "checklist",
        "add",
        "visa-letter",
        "Ask HR for an invitation letter",
        "--due",
        "2026-12-15",
        "--phase",
        "prepare",
    )
    assert code == 0 and out == "Added visa-letter.\n"
    code, out, _ = run("checklist", "--json", "--now", NOW_TEXT)
    mine = next(d for d in json.loads(out) if d["id"] == "visa-letter")
    assert mine["custom"] and mine["due"] == "2026-12-15T00:00:00+09:00"
    assert run("checklist", "remove", "visa-letter")[1] == "Removed visa-letter.\n"


def test_cli_japanese(cli_trip: Trip) -> None:
    code, out, _ = run("--lang", "ja", "checklist", "--phase", "prepare", "--now", NOW_TEXT)
    assert code == 0
    assert "出発前" in out and "たびレジに旅程を登録する" in out and "期限切れ" in out


def test_cli_errors_are_one_line(cli_trip: Trip) -> None:
    code, out, err = run("checklist", "done", "no-such-item")
    assert code == 1 and out == ""
    assert err == (
        "tripkit: no checklist item called 'no-such-item' (see `tripkit checklist` for the ids)\n"
    )
    code, _, err = run("checklist", "snooze", "tabireg", "someday")
    assert code == 1 and err.startswith("tripkit: cannot read the snooze time:")
    code, _, err = run("checklist", "add", "Bad Id", "x")
    assert code == 1 and "is not a valid id" in err
    code, _, err = run("checklist", "--now", "yesterday")
    assert code == 1 and err.startswith("tripkit: --now:")


def test_session_registrations_join_the_checklist(store: Store) -> None:
    from tripkit.core.models import Schedule, Session

    trip = make_trip()
    store.put_trip(trip)
    lab = Session(
        key="lab-1",
        title="Hands-on: Compose",
        needs_registration=True,
        start="2027-01-13T10:00[America/Los_Angeles]",  # type: ignore[arg-type]
        end="2027-01-13T12:00[America/Los_Angeles]",
    )  # type: ignore[arg-type]
    store.put_schedule(trip.id, Schedule(source="test", format="csv", sessions=[lab]))
    store.set_stars(trip.id, ["lab-1"], True)
    got = by_id(store, trip)
    assert got["register:lab-1"].phase == "prepare"
    assert got["register:lab-1"].status in ("todo", "overdue")
    svc.set_status(store, trip, "register:lab-1", "done")
    assert by_id(store, trip)["register:lab-1"].status == "done"


def test_cli_show(cli_trip: Trip) -> None:
    code, out, _ = run("checklist", "show", "entry-authorisation", "--now", NOW_TEXT)
    assert code == 0
    lines = out.splitlines()
    # The CLI reads the bundled catalog (data/countries/us.yaml) for the scheme's name.
    assert lines[0] == ("ESTA (Visa Waiver Program) valid for your arrival  (entry-authorisation)")
    assert lines[1] == "to do · Fri 8 Jan 2027 17:05 JST"
    assert "! Your ESTA was issued for a passport expiring Mon 1 Jan 2029" in out
    sources = lines[lines.index("Sources:") + 1 :]
    assert sources and all(line.startswith("  - ") and "https://" in line for line in sources)
    code, _, err = run("checklist", "show", "nope")
    assert code == 1 and "no checklist item called 'nope'" in err


def test_user_rule_files_extend_the_bundled_ones(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    (config / "checklists").mkdir(parents=True)
    monkeypatch.setenv("TRIPKIT_CONFIG", str(config))
    team = config / "checklists" / "team.yaml"
    team.write_text(
        "rules:\n"
        "  - id: team-expenses\n"
        "    phase: after\n"
        "    kind: reminder\n"
        '    title: {en: "Expense report for {conference}"}\n'
        "    due: {anchor: home_arrival, after: 2w}\n"
        "    depends_on: [report-back]\n",
        encoding="utf-8",
    )
    trip = make_trip()
    store.put_trip(trip)
    item = by_id(store, trip)["team-expenses"]
    assert item.title == "Expense report for TestConf"
    assert item.due is not None and item.due.isoformat() == "2027-01-30T15:30:00+09:00"
    assert item.reason.endswith('First: "Report back to your team".')  # its title, not its id
    # Editing the file is picked up (the cache is keyed by modification time).
    team.write_text(team.read_text(encoding="utf-8").replace("2w", "1w"), encoding="utf-8")
    os.utime(team, (1, 2_000_000_000))  # a different mtime even within one clock tick
    item = by_id(store, trip)["team-expenses"]
    assert item.due is not None and item.due.isoformat() == "2027-01-23T15:30:00+09:00"
