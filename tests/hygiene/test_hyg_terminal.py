"""Issue 14 #3: text from a shared trip file, a schedule or another person never acts on the
terminal. A trip file someone sends you could set your window title (OSC 0), overwrite your
clipboard (OSC 52: the next paste runs their command), clear the screen to hide what came
before, or reverse a title with U+202E so that it reads as something else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import Schedule, Session, Trip
from tripkit.core.zoned import get_zone, localize
from tripkit.services.trips import trip_to_yaml
from tripkit.store import Store

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"
CLEAR = "\x1b[2J\x1b[H"
RLO = "\u202e"
HOSTILE = (OSC_TITLE, OSC_CLIPBOARD, CLEAR, RLO, "\x9b")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def assert_inert(text: str) -> None:
    """Nothing in `text` can drive a terminal; the hostile parts are shown, escaped."""
    for bad in ("\x1b", "\x07", RLO, "\x9b"):
        assert bad not in text, repr(text)


def hostile_trip(demo_trip: Trip) -> Trip:
    conf = demo_trip.conference
    venue = conf.venue.model_copy(update={"name": f"Hall{CLEAR}", "city": f"City{RLO}gpj.exe"})
    stays = [s.model_copy(update={"name": f"Hotel{OSC_CLIPBOARD}"}) for s in demo_trip.stays]
    return demo_trip.model_copy(
        update={
            "id": "hostile",
            "name": f"Trip{OSC_TITLE}",
            "notes": f"line one{CLEAR}\nline two{RLO}",
            "stays": stays,
            "traveller": demo_trip.traveller.model_copy(update={"name": f"Ann{OSC_CLIPBOARD}"}),
            "conference": conf.model_copy(update={"name": f"Conf{RLO}", "venue": venue}),
        }
    )


@pytest.fixture
def trip_file(tmp_path: Path, demo_trip: Trip) -> Path:
    path = tmp_path / "shared-trip.yaml"
    path.write_text(trip_to_yaml(hostile_trip(demo_trip)), encoding="utf-8")
    return path


def test_trip_commands_show_hostile_names_escaped(trip_file: Path) -> None:
    outputs = [
        run("trip", "import", str(trip_file)),
        run("trip", "list"),
        run("trip", "show"),
        run("trip", "use", "hostile"),
        run("trip", "delete", "hostile", input="n\n"),
    ]
    for result in outputs:
        assert_inert(result.output)
    shown = outputs[2].output
    assert "Trip\\x1b]0;pwned\\x07" in shown  # visible, so the user sees something is odd
    assert "Conf\\u202e" in shown and "Ann\\x1b]52;" in shown and "Hotel\\x1b]52;" in shown
    assert "line one\\x1b[2J" in shown
    assert "City\\u202egpj.exe" in outputs[1].output


def test_trip_new_from_file_escapes_the_name(trip_file: Path) -> None:
    result = run("trip", "new", "--from", str(trip_file))
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "Trip\\x1b]0;pwned\\x07" in result.output


def test_checklist_custom_title_with_bidi_override_is_shown_escaped(demo_trip: Trip) -> None:
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
    added = run("checklist", "add", "adapter", f"Buy {RLO}rotpada{OSC_TITLE}")
    assert added.exit_code == 0, added.output
    listed = run("checklist")
    assert_inert(listed.output)
    assert "Buy \\u202erotpada" in listed.output


def test_schedule_output_escapes_notes_and_titles(demo_trip: Trip) -> None:
    zone = get_zone(demo_trip.conference.venue.tz)
    day = demo_trip.conference.first_day
    from datetime import datetime, time

    start = localize(datetime.combine(day, time(10)), zone)
    end = localize(datetime.combine(day, time(11)), zone)
    session = Session(
        key="k1",
        title=f"Talk{OSC_TITLE}",
        start=start,
        end=end,
        room=f"Room{RLO}",
        abstract=f"para{CLEAR}\nline\u2028two",
    )
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
        store.put_schedule(demo_trip.id, Schedule(source="t", format="csv", sessions=[session]))
    run("schedule", "star", "k1")
    run("schedule", "note", "k1", f"bring{OSC_CLIPBOARD}")
    for args in (
        ("schedule", "list"),
        ("schedule", "show", "k1"),
        ("schedule", "agenda"),
        ("schedule", "search", "Talk"),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert_inert(result.output)
        assert "\u2028" not in result.output
    shown = run("schedule", "show", "k1").output
    assert "bring\\x1b]52;" in shown and "Room\\u202e" in shown


def test_error_messages_quoting_a_file_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / f"trip{OSC_TITLE}.yaml"
    bad.write_text("id: [", encoding="utf-8")
    result = run("trip", "import", str(bad))
    assert result.exit_code == 1
    assert_inert(result.output)


def test_guide_overlay_text_is_shown_escaped(demo_trip: Trip) -> None:
    # A guide overlay shared by a colleague: YAML's "\e" and "\a" escapes put ESC and BEL in
    # the text, and `tripkit guide` printed them raw (window title, clipboard, clear screen).
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
    folder = paths.config_dir() / "guide"
    folder.mkdir(parents=True)
    (folder / "team.yaml").write_text(
        r"""city: san-francisco
notes:
  - id: team-dinner-spot
    topic: safety
    title: {en: "Walk back\e]0;pwned\a in a group\u202e"}
    text: {en: "After dinner\e]52;c;cm0gLXJmIH4K\a walk back.\e[2J"}
    sources:
      - title: "Our team's notes"
        url: "https://example.org/team-notes"
        date: "2026-11-01"
    reviewed: 2026-11-01
""",
        encoding="utf-8",
    )
    result = run("guide", "safety")
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "Walk back\\x1b]0;pwned\\x07 in a group\\u202e" in result.stdout
    assert "After dinner\\x1b]52;" in result.stdout


def test_config_values_are_shown_escaped() -> None:
    # A value pasted from someone's dotfiles into `tripkit config set tui.theme ...`: `config
    # list` and `config get` printed it raw.
    assert run("config", "set", "tui.theme", f"dark{OSC_TITLE}").exit_code == 0
    for args in (("config", "list"), ("config", "get", "tui.theme")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert_inert(result.output)
        assert "dark\\x1b]0;pwned\\x07" in result.output
