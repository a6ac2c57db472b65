"""A trip that flies and takes the train: NRT -> BRU for FOSDEM, the Eurostar from Brussels
to London St Pancras, LHR -> NRT home. Through the CLI as a user runs it, the entry card and
the checklist put the Eurostar's border where it is travelled (after Brussels, before the
flight home), at the instant and in the zone of its arrival in London, and the UK's
authorisation is due before the traveller leaves Tokyo."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from click.testing import CliRunner
from fosdem_trips import fly_rail_fly

from tripkit import paths
from tripkit.cli import main
from tripkit.store import Store


def run(*args: str) -> Any:
    t = fly_rail_fly()
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_the_entry_card_has_the_eurostar_border_between_the_flights() -> None:
    # Wrong (flights only): Belgium, then Japan: nothing says the traveller enters the UK,
    # so nobody tells them about the UK's ETA before the train.
    borders = run("entry")["borders"]
    got = [(b["kind"], b["country"], b["airport"], b["by"], b["at"]) for b in borders]
    assert got == [
        ("entry", "BE", "BRU", "air", "2027-01-28T17:20:00+01:00"),
        ("entry", "GB", None, "land", "2027-02-01T09:57:00+00:00"),  # London's clock, not CET
        ("return", "JP", "NRT", "air", "2027-02-04T17:35:00+09:00"),
    ]
    gb = borders[1]
    # The stay in the UK is judged from the train's arrival to the flight out of Heathrow.
    assert gb["until"] == "2027-02-03T19:15:00+00:00"
    assert gb["title"] == "Entry to the United Kingdom (by land) · Mon 1 Feb 2027 09:57 GMT"
    # Belgium is left by the Eurostar, not at the end of the conference.
    assert borders[0]["until"] == "2027-02-01T08:52:00+01:00"


def test_the_checklist_dates_each_border_in_route_order_in_its_own_zone() -> None:
    # Wrong: the UK border missing (no ETA item), or dated in another zone (an hour off on
    # the morning the train arrives), or before the Brussels entry.
    items = {i["id"]: i for i in run("checklist")}
    order = [i for i in items if i.startswith("border-")]
    assert order == ["border-bru-entry", "border-gb-entry"]
    assert items["border-bru-entry"]["due"] == "2027-01-28T17:20:00+01:00"
    assert items["border-gb-entry"]["due"] == "2027-02-01T09:57:00+00:00"
    assert "GMT" in items["border-gb-entry"]["title"]
    # The UK ETA: due 72 h before the first departure (the flight from Narita, in Tokyo's
    # zone), days before the Eurostar: applying in London the night before is too late.
    eta = items["entry-authorisation"]
    assert "UK ETA" in eta["title"]
    assert eta["due"] == "2027-01-25T10:55:00+09:00"
    dues = [datetime.fromisoformat(items[k]["due"]) for k in order]
    assert dues == sorted(dues)
    assert datetime.fromisoformat(eta["due"]) < dues[0]


def test_the_eta_reason_names_the_country_of_a_land_border() -> None:
    # Wrong: "UK ETA is required at — (United Kingdom)": a dash where an airport would be.
    items = {i["id"]: i for i in run("checklist")}
    reason = items["entry-authorisation"]["reason"]
    assert (
        "UK ETA (Electronic Travel Authorisation) is required to enter the United Kingdom" in reason
    )
    assert "—" not in reason
