"""The binder's itinerary and the checklist export for a trip by train: the legs appear where
flights would, each time with its zone, and the port-of-entry card states the way home.
Text the traveller typed (a station's name) is shown literally, never as markup.
"""

from __future__ import annotations

from click.testing import CliRunner
from fosdem_trips import german_by_train

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Trip
from tripkit.store import Store


def export(t: Trip, *args: str) -> str:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(
        main, ["export", "checklist", *args, "-o", "-"], catch_exceptions=False
    )
    assert out.exit_code == 0, out.output
    return out.stdout


def test_the_binder_itinerary_shows_the_train_there_and_back() -> None:
    # Wrong: a binder whose itinerary starts at the hotel, the train nowhere (the traveller
    # prints it to have the times and the booking at hand).
    text = export(german_by_train(), "--binder", "--format", "text")
    assert "14:29 CET         Train ICE 14 Frankfurt (Main) Hbf → Bruxelles-Midi" in text
    assert "Departs Frankfurt (Main) Hbf Fri 29 Jan 14:29 CET" in text
    assert "Booking reference: DB1234" in text
    assert "17:35 CET         Arrive at Bruxelles-Midi" in text
    # (No port-of-entry card: the route stays inside the Schengen area; see
    # test_export_border_free.py, where the way home on a card is tested.)


def test_the_checklist_export_lists_the_legs_as_key_facts() -> None:
    text = export(german_by_train(), "--format", "text")
    assert "Ground travel\n-------------" in text
    assert "Train ICE 14: Frankfurt (Main) Hbf (Germany) → Bruxelles-Midi (Belgium)" in text
    assert "Flights\n" not in text


def test_a_station_name_is_shown_literally_in_html() -> None:
    # Imported text is data, never markup: a name with tags must not become HTML.
    t = german_by_train()
    t.ground[0] = t.ground[0].model_copy(update={"destination": "<b>Midi</b> & Zuid"})
    html = export(t, "--format", "html")
    assert "&lt;b&gt;Midi&lt;/b&gt; &amp; Zuid" in html
    assert "<b>Midi</b>" not in html


def test_the_japanese_binder_names_the_legs_in_japanese() -> None:
    text = export(german_by_train(), "--binder", "--format", "text", "--lang", "ja")
    assert "列車 ICE 14 Frankfurt (Main) Hbf → Bruxelles-Midi" in text
    assert "Frankfurt (Main) Hbf 発" in text


def test_the_train_is_a_calendar_event_in_its_own_zones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Wrong: a calendar that has the hotel and the talks but not the train to catch, or the
    # train at the wrong hour (each end keeps its zone, as a flight's does).
    from test_export_icscheck import run_icscheck

    t = german_by_train()
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    path = tmp_path / "trip.ics"
    out = CliRunner().invoke(main, ["export", "ics", "-o", str(path)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    text = path.read_text(encoding="utf-8")
    assert "SUMMARY:Train ICE 14 Frankfurt (Main) Hbf → Bruxelles-Midi" in text
    assert "DTSTART;TZID=Europe/Berlin:20270129T142900" in text
    assert "DTEND;TZID=Europe/Brussels:20270129T173500" in text
    run_icscheck(path)


def test_the_trip_report_says_how_the_traveller_got_there() -> None:
    t = german_by_train()
    with Store.open(paths.data_dir()) as store:
        store.put_trip(t)
        store.set_current_trip(t.id)
    out = CliRunner().invoke(main, ["export", "report", "-o", "-"], catch_exceptions=False)
    assert "Ground travel: Train ICE 14 Frankfurt (Main) Hbf → Bruxelles-Midi Fri 29 Jan;" in (
        out.stdout
    )
    assert "Flights:" not in out.stdout
