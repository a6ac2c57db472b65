"""Ground legs in the trip file and `trip show`: a train, a drive or a ferry is written like
a flight (each time in its own zone), read back unchanged, and a bad leg is refused with one
message naming the file and the line, nothing stored. Each test says what a wrong answer costs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from fosdem_trips import german_by_train
from pydantic import ValidationError

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.services.trips import trip_to_yaml
from tripkit.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def saved(t: Trip) -> Trip:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    return t


def test_a_train_trip_round_trips_through_yaml() -> None:
    # Wrong: a leg (or its zone) lost on export, so the re-imported trip flies again.
    t = german_by_train()
    text = trip_to_yaml(t)
    data = yaml.safe_load(text)
    first = data["ground"][0]
    assert first["mode"] == "train"
    assert first["departs"] == "2027-01-29T14:29:00+01:00[Europe/Berlin]"
    assert first["arrives"] == "2027-01-29T17:35:00+01:00[Europe/Brussels]"
    assert "flights" not in data  # none: left out, as every default
    assert Trip.model_validate(data) == t


def test_trip_show_lists_the_train_with_zones_and_countries() -> None:
    # Wrong: `trip show` silent about how the traveller gets there.
    saved(german_by_train())
    out = run("trip", "show").stdout
    assert "Ground travel:" in out
    assert "Train ICE 14: Frankfurt (Main) Hbf (Germany) -> Bruxelles-Midi (Belgium)" in out
    assert "departs Fri 29 Jan 2027 14:29 CET" in out
    assert "3 h 6 min on the way" in out
    assert "Flights:" not in out
    ja = run("--lang", "ja", "trip", "show").stdout
    assert "陸路・海路の移動:" in ja
    assert "列車 ICE 14: Frankfurt (Main) Hbf(ドイツ)→ Bruxelles-Midi(ベルギー)" in ja


def test_a_leg_without_times_is_shown_as_such() -> None:
    t = german_by_train()
    t.ground[1] = t.ground[1].model_copy(update={"departs": None, "arrives": None})
    saved(t)
    assert "no times given" in run("trip", "show").stdout


def test_a_leg_arriving_before_it_departs_is_refused_with_its_place(tmp_path: Path) -> None:
    # Wrong: a traceback, or a trip stored with a leg that ends before it starts.
    body = textwrap.dedent(
        """\
        id: bad-train
        name: Bad train
        traveller:
          citizenships: [DE]
          home_country: DE
          home_tz: Europe/Berlin
          passport: {expires: 2031-03-01}
        conference:
          name: FOSDEM 2027
          first_day: 2027-01-30
          last_day: 2027-01-31
          venue: {name: ULB, city: Brussels, country: BE, tz: Europe/Brussels}
        ground:
        - mode: train
          origin: Frankfurt
          origin_country: DE
          destination: Brussels
          destination_country: BE
          departs: 2027-01-29 14:29 Europe/Berlin
          arrives: 2027-01-29 13:35 Europe/Brussels
        """
    )
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    out = CliRunner().invoke(main, ["trip", "new", "--from", str(path)])
    assert out.exit_code != 0
    assert "bad.yaml:14" in out.output
    assert "the leg arrives before it departs" in out.output
    assert "Traceback" not in out.output
    with Store.open(paths.data_dir()) as store:
        assert store.list_trips() == []


def test_an_unknown_mode_is_refused() -> None:
    # Wrong: a "plane" leg accepted as ground travel, hiding a flight from the air items.
    data = yaml.safe_load(trip_to_yaml(german_by_train()))
    data["ground"][0]["mode"] = "plane"
    with pytest.raises(ValidationError):
        Trip.model_validate(data)


def test_the_trusted_reader_rebuilds_a_train_trip_exactly() -> None:
    # The light read path (validate on write, read trusted rows) must not drop or alter a
    # leg, with times or without.
    from tripkit.core.trusted import trusted

    t = german_by_train()
    t.ground[1] = t.ground[1].model_copy(update={"departs": None, "arrives": None})
    assert trusted(Trip, t.model_dump(mode="json")) == t
