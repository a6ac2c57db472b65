"""Issue 14 #5: a time range across a DST change is never labelled with one zone.

On the night US clocks fall back (America/Los_Angeles, 2026-11-01) a session 00:30–03:00 starts
at 00:30 PDT and ends at 03:00 PST (3.5 hours). Printed as "00:30–03:00 PST" the user would
think it started an hour later than it does and walk in late; across spring-forward
(2026-03-08, 01:30 PST–03:30 PDT) "01:30–03:30 PDT" is an hour off the other way."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.zoned import get_zone, localize
from tripkit.services.export import checklist_document, report_document
from tripkit.store import Store

LA = "America/Los_Angeles"
CASES = {
    # key: (day, start, end, the label the user must see)
    "fallback": (date(2026, 11, 1), "00:30", "03:00", "00:30 PDT–03:00 PST"),
    "springfwd": (date(2026, 3, 8), "01:30", "03:30", "01:30 PST–03:30 PDT"),
}
WRONG = ("00:30–03:00 PST", "00:30–03:00 PDT", "01:30–03:30 PDT", "01:30–03:30 PST")


def _at(day: date, hhmm: str) -> datetime:
    return localize(datetime.fromisoformat(f"{day}T{hhmm}"), get_zone(LA))


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest, demo_trip: Trip) -> tuple[Trip, str, str]:
    key = request.param
    day, start, end, label = CASES[key]
    conf = demo_trip.conference.model_copy(update={"first_day": day, "last_day": day})
    trip = demo_trip.model_copy(update={"conference": conf})
    assert trip.venue_tz == LA
    session = Session(
        key=key, title="Night hack", start=_at(day, start), end=_at(day, end), room="Hall"
    )
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
        store.put_schedule(trip.id, Schedule(source="t", format="csv", sessions=[session]))
    _run("schedule", "star", key)
    return trip, key, label


def _assert_both_zones(text: str, label: str) -> None:
    assert label in text, text
    for wrong in WRONG:
        assert wrong not in text, text


def test_cli_lists_show_both_zones(case: tuple[Trip, str, str]) -> None:
    _trip, key, label = case
    for args in (
        ("schedule", "list"),
        ("schedule", "show", key),
        ("schedule", "agenda"),
        ("schedule", "search", "Night"),
    ):
        _assert_both_zones(_run(*args), label)


def test_report_and_binder_show_both_zones(case: tuple[Trip, str, str]) -> None:
    trip, _key, label = case
    with Store.open(paths.data_dir()) as store:
        end = _at(trip.conference.last_day, "23:00")
        report = report_document(store, trip, lang="en", now=end, attended={_key})
        _assert_both_zones(report, label)
        for fmt in ("html", "markdown", "text"):
            binder, _ = checklist_document(
                store,
                trip,
                fmt=fmt,
                lang="en",  # type: ignore[arg-type]
                binder=True,
                now=end,
            )
            _assert_both_zones(binder, label)
