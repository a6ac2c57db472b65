"""Interest (must/want/maybe), reservations, attended, the recorded-vs-not plan B, and the
conference's own deadlines as checklist items — with real corpus programmes."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from agenda_helpers import run

from tripkit.core.models import ConferenceDeadline, Trip
from tripkit.importers import parse
from tripkit.store import Store

T = "dockercon-sf-example"
FIRST = "8079583e-8321-506c-95af-fd2903a5f075"
SECOND = "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9"
THIRD = "a179c8ac-e6eb-5b25-8ed0-c5828ef7b6d9"
NOT_RECORDED = "517218e5-c6e9-5628-b059-4b98e8b17745"  # do_not_record, Tan Room 13:00-14:30 UTC
RECORDED = "c0b59b72-8985-54f0-9534-234ceb9e5272"  # Gray Room 13:00-13:30 UTC


@pytest.fixture
def democon(corpus: Path, home_store: Store) -> Store:
    code, _, err = run("schedule", "import", str(corpus / "frab-json/pretalx-democon.json"))
    assert code == 0, err
    return home_store


def test_importers_keep_the_recording_opt_out(corpus: Path) -> None:
    democon = parse(
        (corpus / "frab-json/pretalx-democon.json").read_bytes(),
        source="d",
        fmt=None,
        tz=None,
        venue_tz="UTC",
    )
    assert Counter(s.recorded for s in democon.sessions) == {True: 34, False: 2}
    congress = parse(
        (corpus / "frab-xml/38c3.xml").read_bytes(),
        source="c",
        fmt=None,
        tz=None,
        venue_tz="Europe/Berlin",
    )
    # 38c3 marks only the opt-outs; for the rest the schedule does not say.
    assert Counter(s.recorded for s in congress.sessions) == {None: 982, False: 25}
    juliacon = parse(
        (corpus / "next/pretalx-api/juliacon2020-talks.json").read_bytes(),
        source="j",
        fmt=None,
        tz=None,
        venue_tz="UTC",
    )
    assert Counter(s.recorded for s in juliacon.sessions) == {True: 163, False: 3}


def test_interest_and_reservation_in_json_and_text(democon: Store) -> None:
    # One session is "1 session" ("1 sessions marked must." was printed on every pick).
    assert run("schedule", "interest", "must", FIRST)[1].strip() == "1 session marked must."
    assert run("schedule", "star", SECOND)[1].strip() == "Starred 1 session."
    assert run("schedule", "interest", "maybe", RECORDED)[0] == 0
    code, out, _ = run("schedule", "reserve", "waitlisted", FIRST)
    assert code == 0 and out.strip() == "Reservation of 1 session: waitlisted."
    assert run("schedule", "attend", FIRST, SECOND)[1].strip() == "2 sessions marked attended."
    assert run("schedule", "attend", "--not", SECOND)[1].strip() == (
        "1 session marked not attended."
    )
    code, out, _ = run("--lang", "ja", "schedule", "unstar", RECORDED, SECOND)
    assert out.strip() == "2 件のセッションのスターを外しました。"
    run("schedule", "interest", "maybe", RECORDED)
    run("schedule", "star", SECOND)
    run("schedule", "reserve", "not-needed", SECOND)
    code, out, _ = run("schedule", "list", "--starred", "--json")
    got = {i["id"]: (i["starred"], i["interest"], i["reservation"]) for i in json.loads(out)}
    assert got == {
        FIRST: (True, "must", "waitlisted"),
        SECOND: (True, "want", "not-needed"),
        RECORDED: (True, "maybe", ""),
    }
    code, out, _ = run("schedule", "agenda")
    lines = [ln for ln in out.splitlines() if ln.startswith("  ")]
    assert lines[0].startswith("  ‼") and "(reservation: waitlisted)" in lines[0]
    assert lines[1].startswith("  ★") and "(reservation: not-needed)" in lines[1]
    code, out, _ = run("schedule", "show", FIRST)
    assert "Interest: must" in out and "Reservation: waitlisted" in out
    code, out, _ = run("schedule", "show", FIRST, "--lang", "ja")
    assert "関心: 必須" in out and "予約状況: キャンセル待ち" in out
    # Unstarring drops the interest; the reservation record stays with the session.
    run("schedule", "unstar", FIRST)
    code, out, _ = run("schedule", "show", FIRST, "--json")
    shown = json.loads(out)
    assert (shown["starred"], shown["interest"], shown["reservation"]) == (False, "", "waitlisted")
    code, _, err = run("schedule", "interest", "urgent", FIRST)
    assert code == 2 and "urgent" in err


def test_attended(democon: Store) -> None:
    run("schedule", "star", FIRST, SECOND, THIRD)
    # democon ran in December 2020: after the fact, every starred session counts.
    code, out, _ = run("schedule", "attended", "--json")
    assert [i["id"] for i in json.loads(out)] == [FIRST, SECOND, THIRD]
    run("schedule", "attend", FIRST)
    run("schedule", "attend", SECOND, "--not")
    run("schedule", "attend", RECORDED)  # not starred, but marked
    picks = democon.programmes.picks(T)
    assert (picks[FIRST].attended, picks[SECOND].attended) == (True, False)
    code, out, _ = run("schedule", "list", "--starred", "--json")
    assert [i["attended"] for i in json.loads(out)] == [True, False, None]
    code, out, _ = run("schedule", "attended", "--json")
    assert [i["id"] for i in json.loads(out)] == [FIRST, THIRD, RECORDED]
    # During the conference: a starred session not over yet is not "attended".
    from tripkit.services import schedule as svc
    from tripkit.services.tripinfo import trip_info

    during = datetime(2020, 12, 14, 8, 45, tzinfo=ZoneInfo("UTC"))
    assert [s.key for s in svc.attended(democon, trip_info(democon), now=during)] == [
        FIRST,
        RECORDED,
    ]


def test_conflict_suggests_the_unrecorded_one_live(democon: Store) -> None:
    run("schedule", "star", NOT_RECORDED, RECORDED)
    code, out, _ = run("schedule", "agenda", "--json")
    plan = {i["id"]: (i["recorded"], i["plan"]) for i in json.loads(out)}
    assert plan == {NOT_RECORDED: (False, "live"), RECORDED: (True, "watch-later")}
    code, out, _ = run("schedule", "agenda")
    assert (
        "→ attend “Monitored 24hour customer loyalty” live: it will not be recorded; "
        "watch “Stand-alone asymmetric toolset” later: "
        "http://localhost/democon/talk/AYUDFU/"
    ) in out
    code, out, _ = run("schedule", "watch-later", "--json")
    assert [(i["id"], i["url"]) for i in json.loads(out)] == [
        (RECORDED, "http://localhost/democon/talk/AYUDFU/")
    ]
    # Two recorded sessions: no suggestion.
    run("schedule", "unstar", NOT_RECORDED)
    run("schedule", "star", "490be9c7-04da-58e8-951a-bf4cccd7d270", FIRST)
    code, out, _ = run("schedule", "agenda", "--json")
    assert all(i["plan"] is None for i in json.loads(out))


def test_unknown_recording_is_not_promised(corpus: Path, home_store: Store) -> None:
    code, _, err = run("schedule", "import", str(corpus / "frab-xml/38c3.xml"))
    assert code == 0, err
    congress = parse(
        (corpus / "frab-xml/38c3.xml").read_bytes(),
        source="c",
        fmt=None,
        tz=None,
        venue_tz="Europe/Berlin",
    )
    optout = next(s for s in congress.sessions if s.recorded is False)
    other = next(
        s
        for s in congress.sessions
        if s.recorded is None and s.start < optout.end and optout.start < s.end and not s.cancelled
    )
    run("schedule", "star", optout.key, other.key)
    code, out, _ = run("schedule", "agenda", "--json")
    plan = {i["id"]: i["plan"] for i in json.loads(out)}
    assert plan == {optout.key: "live", other.key: None}
    code, out, _ = run("schedule", "agenda")
    assert f"the schedule does not say whether “{other.title}” is recorded" in out


def test_conference_deadlines_are_dated_checklist_items(democon: Store, demo_trip: Trip) -> None:
    la = ZoneInfo("America/Los_Angeles")
    trip = demo_trip.model_copy(
        update={
            "deadlines": [
                ConferenceDeadline(
                    id="labs-open",
                    title="Hands-on lab reservations open",
                    due=datetime(2026, 12, 1, 9, 0, tzinfo=la),
                    url="https://example.org/labs",
                ),
                ConferenceDeadline(
                    id="hotel-block",
                    title="Hotel block closes",
                    due=datetime(2026, 12, 20, 23, 59, tzinfo=la),
                ),
            ]
        }
    )
    democon.put_trip(trip)
    code, out, err = run("checklist", "--json", "--now", "2026-12-05 10:00[America/Los_Angeles]")
    assert code == 0, err
    got = {i["id"]: i for i in json.loads(out) if i["id"].startswith("deadline:")}
    assert sorted(got) == ["deadline:hotel-block", "deadline:labs-open"]
    assert got["deadline:labs-open"]["status"] == "overdue"
    assert got["deadline:hotel-block"]["status"] == "todo"
    assert got["deadline:hotel-block"]["due"].startswith("2026-12-20T23:59:00-08:00")
    assert run("checklist", "done", "deadline:labs-open")[0] == 0
    code, out, _ = run("checklist", "--json", "--now", "2026-12-05 10:00[America/Los_Angeles]")
    assert {i["id"]: i["status"] for i in json.loads(out)}["deadline:labs-open"] == "done"


def test_reservations_settle_registrations_per_programme(
    corpus: Path, home_store: Store, tmp_path: Path
) -> None:
    """A session needing registration in a second programme gets its own checklist item
    (ids kept apart from main's), and recording it "reserved" marks the item done."""
    from tripkit.core.models import Schedule, Session

    la = ZoneInfo("America/Los_Angeles")
    lab = Session(
        key="lab-1",
        title="Kubernetes lab",
        room="Moscone West 2001",
        start=datetime(2027, 1, 12, 10, 0, tzinfo=la),
        end=datetime(2027, 1, 12, 12, 0, tzinfo=la),
        needs_registration=True,
    )
    for name in ("main", "workshops"):
        home_store.programmes.write(
            T, Schedule(source=name, format="csv", sessions=[]), [lab], name=name
        )
    run("schedule", "star", "lab-1", "-p", "main")
    run("schedule", "star", "lab-1", "-p", "workshops")
    now = "2026-12-05 10:00[America/Los_Angeles]"
    code, out, _ = run("checklist", "--json", "--now", now)
    regs = {i["id"]: i["status"] for i in json.loads(out) if i["id"].startswith("register:")}
    assert regs == {"register:lab-1": "todo", "register:workshops/lab-1": "todo"}
    run("schedule", "reserve", "reserved", "lab-1", "-p", "workshops")
    code, out, _ = run("checklist", "--json", "--now", now)
    regs = {i["id"]: i["status"] for i in json.loads(out) if i["id"].startswith("register:")}
    assert regs == {"register:lab-1": "todo", "register:workshops/lab-1": "done"}
    # The user's own word on the checklist wins over the reservation record.
    run("checklist", "undo", "register:workshops/lab-1")
    code, out, _ = run("checklist", "--json", "--now", now)
    regs = {i["id"]: i["status"] for i in json.loads(out) if i["id"].startswith("register:")}
    assert regs["register:workshops/lab-1"] == "todo"
