"""Deadlines that are a day, not an hour (tripkit.core.dueday), for travellers unlike the demo:
an Indian engineer flying Delhi -> Dubai -> Brussels for FOSDEM 2027 with no badge pickup time
and no hotel yet, and the demo's Japanese traveller (Japan's Tabireg, "the day after booking").

"45 days before the conference" and "the conference's first day" are days: their midnights at
the venue are an hour no one chose. Read at home in Delhi they became "04:30 IST", and the
items turned overdue at the first minute of the day they were due on."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from click.testing import CliRunner
from fosdem_trips import indian_via_dubai
from testpaths import TODAY

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import ChecklistItem, Trip
from tripkit.core.zoned import parse_zoned
from tripkit.demo import example_trip
from tripkit.services import checklist as svc
from tripkit.store import Store

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
FIRST = date(2027, 1, 30)  # FOSDEM 2027's first day
STAY_BY = FIRST - timedelta(days=30)  # "book where you stay 30 days before the conference"
STAY_TITLE = "Hotel (or other stay) booked"


def items(
    store: Store, trip: Trip, now: datetime = NOW, lang: str = "en"
) -> dict[str, ChecklistItem]:
    store.put_trip(trip)
    return {i.id: i for i in svc.checklist_items(store, trip, lang, now=now)}


def cli(trip: Trip, *args: str) -> str:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(trip)
        store.set_current_trip(trip.id)
    out = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.output


def test_days_before_the_conference_are_a_day_not_a_venue_midnight(store: Store) -> None:
    """Wrong before: "Thu 31 Dec 2026 04:30 IST" for "book where you stay, 30 days before the
    conference": the Brussels midnight read in Delhi. The traveller would believe the
    deadline falls in the small hours of the 31st (and the item was overdue from 04:30 that
    day) for a deadline that is the whole day."""
    got = items(store, indian_via_dubai())
    stay = got["stay-booked"]
    assert stay.due_day == STAY_BY
    # The instant it turns overdue: the end of that day where the traveller is (home).
    assert stay.due == parse_zoned("2027-01-01T00:00[Asia/Kolkata]")
    assert got["badge-pickup"].due_day == FIRST
    # An hour a flight gives stays an hour: 7 days before the EK511 departure, at 04:00.
    payment = got["payment-cash"]
    assert payment.due_day is None
    assert payment.due == parse_zoned("2027-01-21T04:00[Asia/Kolkata]")


def test_the_badge_item_is_due_all_its_day_and_overdue_only_after(store: Store) -> None:
    """Wrong before: at 10:00 on the first conference day the badge pickup (no time given)
    was "overdue" since 00:00: a traveller on their way to the desk is told they are late
    for it, and an overdue list that cries wolf is read less."""
    trip = indian_via_dubai()
    morning = parse_zoned("2027-01-30T10:00[Europe/Brussels]")
    assert items(store, trip, morning)["badge-pickup"].status == "todo"
    late_evening = parse_zoned("2027-01-30T23:30[Europe/Brussels]")
    assert items(store, trip, late_evening)["badge-pickup"].status == "todo"
    next_day = parse_zoned("2027-01-31T00:30[Europe/Brussels]")
    assert items(store, trip, next_day)["badge-pickup"].status == "overdue"
    # The stay's day too, at home: noon on the 31st is still in time.
    noon = parse_zoned("2026-12-31T12:00[Asia/Kolkata]")
    assert items(store, trip, noon)["stay-booked"].status == "todo"


def test_tabireg_is_due_the_day_after_booking(store: Store) -> None:
    """Japan's Tabireg "the day after booking" hangs on the booking date: "00:00 JST" made it
    look like a midnight deadline a Japanese traveller had to stay up for."""
    trip = example_trip(TODAY)
    assert trip.booked_on is not None
    reg = items(store, trip, lang="ja")["tabireg"]
    assert reg.due_day == trip.booked_on + timedelta(days=1)
    assert reg.due == parse_zoned(f"{reg.due_day + timedelta(days=1)}T00:00[{trip.home_tz}]")


def test_cli_says_the_day_and_its_json_gives_it() -> None:
    """`checklist --json` gave "due": "2026-12-31T04:30:00+05:30", an hour no one chose; a
    script reminding the traveller would ring at 04:30. Now `due_day` gives the day, and
    `due` (still an instant for scripts that read it) is when the item turns overdue."""
    trip = indian_via_dubai()
    data = json.loads(cli(trip, "checklist", "--json", "--now", "2026-11-30T03:00[UTC]"))
    rows = {r["id"]: r for r in (data["items"] if isinstance(data, dict) else data)}
    assert rows["stay-booked"]["due_day"] == "2026-12-31"
    assert rows["stay-booked"]["due"] == "2027-01-01T00:00:00+05:30"
    assert rows["badge-pickup"]["due_day"] == "2027-01-30"
    assert rows["badge-pickup"]["due_zoned"] == "2027-01-31T00:00:00+01:00[Europe/Brussels]"
    # A due at an hour keeps due_day null (the key is always there).
    assert rows["payment-cash"]["due_day"] is None
    assert rows["payment-cash"]["due"] == "2027-01-21T04:00:00+05:30"
    text = cli(trip, "checklist", "--now", "2026-11-30T03:00[UTC]")
    block = text[text.index(STAY_TITLE) :][:600]
    assert "Thu 31 Dec 2026, all day" in block, block
    assert "04:30" not in block, block
