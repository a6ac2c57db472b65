"""`tripkit demo` and `tripkit trip ...` through click's CliRunner, on a real store."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from tripkit import paths
from tripkit.cli import main
from tripkit.core.models import ItemState, Trip
from tripkit.core.zoned import get_zone, now_utc
from tripkit.demo import DEMO_ID, example_trip
from tripkit.services.trips import trip_to_yaml
from tripkit.store import DB_NAME, Store


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    # catch_exceptions=False: an unexpected exception fails the test with its traceback,
    # where a user would have seen one.
    return CliRunner(env=env).invoke(main, list(args), input=input, catch_exceptions=False)


def stored() -> Store:
    return Store.open(paths.data_dir(), create=False)


@pytest.fixture
def with_demo(demo_trip: Trip) -> Trip:
    """The fixed-date example trip in the isolated TRIPKIT_HOME, as the current trip."""
    with Store.open(paths.data_dir()) as store:
        store.put_trip(demo_trip)
        store.set_current_trip(demo_trip.id)
    return demo_trip


def other_trip(demo_trip: Trip) -> Trip:
    return demo_trip.model_copy(update={"id": "kubecon-eu", "name": "KubeCon EU", "example": False})


# --- demo ------------------------------------------------------------------------------------


def test_demo_creates_the_example_and_says_so() -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    today = now_utc().astimezone(get_zone("Asia/Tokyo")).date()
    expected = example_trip(today)
    assert "EXAMPLE" in result.stdout and "made up" in result.stdout
    assert expected.conference.venue.name in result.stdout
    with stored() as store:
        assert store.current_trip_id() == DEMO_ID
        assert store.get_trip(DEMO_ID) == expected


def test_demo_reset_needs_confirmation(demo_trip: Trip) -> None:
    assert run("demo").exit_code == 0
    with stored() as store:
        store.set_item_state(DEMO_ID, "esta", ItemState(status="done"))
    refused = run("demo")  # no answer on stdin: click aborts
    assert refused.exit_code == 1
    assert "Reset it?" in refused.stdout
    with stored() as store:
        assert store.item_states(DEMO_ID)["esta"].status == "done"
    no = run("demo", input="n\n")
    assert no.exit_code == 1
    yes = run("demo", input="y\n")
    assert yes.exit_code == 0 and "Reset the example trip" in yes.stdout
    with stored() as store:
        assert store.item_states(DEMO_ID) == {}
    assert run("demo", "--yes").exit_code == 0


# --- list / show / use -----------------------------------------------------------------------


def test_list_marks_the_current_trip(with_demo: Trip) -> None:
    with stored() as store:
        store.put_trip(other_trip(with_demo))
    human = run("trip", "list")
    assert human.exit_code == 0
    lines = human.stdout.splitlines()
    assert lines[0].startswith("* dockercon-sf-example  DockerCon SF (example trip)")
    assert "Tue 12 Jan 2027 - Thu 14 Jan 2027  San Francisco  [example]" in lines[0]
    assert lines[1].startswith("  kubecon-eu  KubeCon EU")
    data = json.loads(run("trip", "list", "--json").stdout)
    assert [(t["id"], t["current"], t["example"]) for t in data] == [
        ("dockercon-sf-example", True, True),
        ("kubecon-eu", False, False),
    ]
    assert data[0]["first_day"] == "2027-01-12"
    assert run("trip", "use", "kubecon-eu").exit_code == 0
    data = json.loads(run("trip", "list", "--json").stdout)
    assert [t["current"] for t in data] == [False, True]


def test_list_when_empty() -> None:
    result = run("trip", "list")
    assert result.exit_code == 0 and "No trips yet" in result.stdout
    assert json.loads(run("trip", "list", "--json").stdout) == []


def test_show_gives_every_time_with_its_zone(with_demo: Trip) -> None:
    result = run("trip", "show")
    assert result.exit_code == 0
    out = result.stdout
    assert "EXAMPLE trip" in out
    assert "departs Mon 11 Jan 2027 17:05 JST\n" in out
    assert "arrives Mon 11 Jan 2027 09:40 PST (Tue 12 Jan 2027 02:40 JST)" in out
    assert "9 h 35 min in the air; by the clock it lands before it leaves" in out
    assert "arrives Sat 16 Jan 2027 15:30 JST\n    11 h 5 min in the air\n" in out
    assert "check-in Mon 11 Jan 2027 15:00 PST (Tue 12 Jan 2027 08:00 JST)" in out
    assert "passport expires Mon 26 Nov 2029 (e-passport)" in out
    # Every clock time printed carries a zone label.
    for match in re.finditer(r"\b\d{2}:\d{2}\b(?! (JST|PST|PDT))", out):
        raise AssertionError(f"time without a zone: {out[match.start() - 30 : match.end() + 5]!r}")


def test_show_json_is_the_trip(with_demo: Trip) -> None:
    result = run("trip", "show", DEMO_ID, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["flights"][0]["arrives"] == "2027-01-11T09:40:00-08:00[America/Los_Angeles]"
    assert Trip.model_validate(data) == with_demo


def test_unknown_trip_and_no_trip_exit_1() -> None:
    none = run("trip", "show")
    assert none.exit_code == 1
    assert none.stderr.strip() == (
        "tripkit: no trip yet: run `tripkit demo` for the example trip or `tripkit trip new`"
    )
    for args in (("trip", "show", "nope"), ("trip", "use", "nope"), ("trip", "export", "nope")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "no trip called 'nope'" in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("trip", "frobnicate"),
        ("trip", "import"),
        ("trip", "list", "--bogus"),
        ("trip", "delete"),
        ("--lang", "fr", "trip", "list"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert run(*args).exit_code == 2


# --- export / import -------------------------------------------------------------------------


def test_export_import_round_trip(with_demo: Trip, tmp_path: Path) -> None:
    out = tmp_path / "trip.yaml"
    result = run("trip", "export", "-o", str(out))
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text == trip_to_yaml(with_demo)
    assert "  arrives: 2027-01-11T09:40:00-08:00[America/Los_Angeles]\n" in text
    assert "  first_day: 2027-01-12\n" in text  # dates unquoted, readable
    # Standard YAML tools read it too.
    assert yaml.safe_load(text)["flights"][0]["flight"] == "NH8"
    assert run("trip", "export").stdout == text

    again = run("trip", "import", str(out))
    assert again.exit_code == 1
    assert "exists already; use --replace" in again.stderr

    with stored() as store:
        store.set_item_state(DEMO_ID, "esta", ItemState(status="done"))
    out.write_text(text.replace("name: DockerCon SF (example trip)", "name: Renamed trip"))
    replaced = run("trip", "import", "--replace", str(out))
    assert replaced.exit_code == 0, replaced.output
    with stored() as store:
        assert store.get_trip(DEMO_ID).name == "Renamed trip"
        assert store.item_states(DEMO_ID)["esta"].status == "done"


def test_import_friendly_times_and_new_from(tmp_path: Path) -> None:
    src = tmp_path / "mine.yaml"
    src.write_text(
        textwrap.dedent(
            """\
            id: pycon-us
            name: PyCon US
            traveller:
              citizenships: [JP]
              home_country: JP
              home_tz: Asia/Tokyo
              passport: {expires: 2031-05-01}
            conference:
              name: PyCon US
              first_day: 2027-05-14
              last_day: 2027-05-16
              venue: {name: Convention Center, city: Long Beach, country: US,
                      tz: America/Los_Angeles}
            flights:
              - flight: NH6
                origin: HND
                destination: LAX
                departs: 2027-05-12 22:00 Asia/Tokyo
                arrives: 2027-05-12 16:00 America/Los_Angeles
            """
        ),
        encoding="utf-8",
    )
    result = run("trip", "new", "--from", str(src))
    assert result.exit_code == 0, result.output
    with stored() as store:
        trip = store.get_trip("pycon-us")
        assert store.current_trip_id() == "pycon-us"
    assert trip.flights[0].duration.total_seconds() == 10 * 3600
    assert "departs: 2027-05-12T22:00:00+09:00[Asia/Tokyo]" in run("trip", "export").stdout
    assert run("trip", "new", "--from", str(src)).exit_code == 1  # the id exists now


BAD_FILES = [
    # (what to change in the exported demo, expected line, expected text)
    ("  home_tz: Asia/Tokyo", "  home_tz: Asia/Tokio", 14, "traveller.home_tz: 'Asia/Tokio'"),
    (
        "  arrives: 2027-01-11T09:40:00-08:00[America/Los_Angeles]",
        "  arrives: 2027-01-11 00:00 America/Los_Angeles",
        45,  # the flight's first line: the problem is the pair departs/arrives
        "flights[0]: the flight lands before it takes off",
    ),
    ("  first_day: 2027-01-12", "  first_day: 2027-01-32", 27, "conference.first_day:"),
    (
        "  city: San Francisco\n",
        "  city: San Francisco\n    colour: red\n",
        33,
        "conference.venue.colour: unknown field",
    ),
    (
        "passport:\n    expires:",
        "passport:\n    expiry:",
        17,  # the misspelt key's own line
        "traveller.passport.expiry: unknown field",
    ),
    (
        "  departs: 2027-01-15T11:25:00-08:00[America/Los_Angeles]",
        "  departs: 2027-01-15T11:25:00-08:00",
        56,
        "flights[1].departs: '2027-01-15T11:25:00-08:00' has no IANA zone",
    ),
    # An unclosed [ on line 45: the parser stops on line 46, where the list cannot go on.
    ("flights:\n", "flights:\n  - [\n", 46, "YAML syntax"),
]


@pytest.mark.parametrize(("old", "new", "line", "text"), BAD_FILES)
def test_bad_yaml_gives_one_line_with_file_line_and_field(
    with_demo: Trip, tmp_path: Path, old: str, new: str, line: int, text: str
) -> None:
    good = trip_to_yaml(with_demo.model_copy(update={"id": "other"}))
    assert old in good
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.replace(old, new, 1), encoding="utf-8")
    with stored() as store:
        before = [t.model_dump_json() for t in store.list_trips()]
    for args in (("trip", "import", str(bad)), ("trip", "new", "--from", str(bad))):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        message = result.stderr
        assert message.count("\n") == 1, message  # ONE line
        assert message.startswith(f"tripkit: {bad}:{line}: "), message
        assert text in message
        assert "Traceback" not in message
    with stored() as store:
        assert [t.model_dump_json() for t in store.list_trips()] == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"- just\n- a list\n", ":1: a trip file must be a mapping"),
        (b"id: x\nid: y\n", ":2: key 'id' appears twice in the same mapping"),
        (b"\xff\xfe\x00bad", ":1: not UTF-8 text"),
        (b"a: &x [1]\nb: *x\n", "anchors and aliases"),
        (b"a: !!timestamp zz\n", "a value with an explicit !!tag could not be read"),
        (b"a: !!python/object/apply:os.system [ls]\n", ":1: YAML syntax: could not determine"),
        (b"[" * 50000, "nest"),  # libyaml: "exceeded maximum nesting depth",
    ],
)
def test_hostile_files_are_refused_cleanly(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "hostile.yaml"
    bad.write_bytes(content)
    result = run("trip", "import", str(bad))
    assert result.exit_code == 1
    assert expected in result.stderr and str(bad) in result.stderr
    if (paths.data_dir() / DB_NAME).exists():
        with stored() as store:
            assert store.list_trips() == []


def test_import_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in run("trip", "import", str(tmp_path / "nope.yaml")).stderr
    assert "a folder" in run("trip", "import", str(tmp_path)).stderr


# --- delete ----------------------------------------------------------------------------------


def test_delete_asks_first(with_demo: Trip) -> None:
    aborted = run("trip", "delete", DEMO_ID)
    assert aborted.exit_code == 1
    with stored() as store:
        assert store.has_trip(DEMO_ID)
    ok = run("trip", "delete", DEMO_ID, input="y\n")
    assert ok.exit_code == 0 and f"Deleted trip {DEMO_ID}" in ok.stdout
    with stored() as store:
        assert store.list_trips() == []
    assert run("trip", "delete", DEMO_ID, "--yes").exit_code == 1  # gone already


def test_delete_yes(with_demo: Trip) -> None:
    assert run("trip", "delete", "--yes", DEMO_ID).exit_code == 0
    assert run("trip", "list", "--json").stdout.strip() == "[]"


# --- new (interactive) -----------------------------------------------------------------------


def test_new_interactive_with_a_wrong_answer_and_a_flight() -> None:
    answers = [
        "KubeCon EU 2027",  # name
        "",  # id: accept the suggestion
        "jp",  # citizenship
        "",  # home zone: Asia/Tokyo
        "2027-02-30",  # passport expiry: not a date -> asked again
        "2031-04-01",
        "y",  # e-passport
        "KubeCon + CloudNativeCon Europe",
        "2027-03-23",
        "2027-03-20",  # last day before the first -> asked again
        "2027-03-25",
        "RAI Amsterdam",
        "Amsterdam",
        "NL",
        "Europe/Amsterdam",
        "y",  # add a flight
        "KL862",
        "nrt",
        "ams",
        "2027-03-21 10:25",  # home zone assumed
        "2027-03-21 15:55",  # venue zone assumed
        "n",  # no other flight
    ]
    result = run("trip", "new", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'2027-02-30' is not a date like 2027-01-12" in result.output
    assert "the last day is before the first day" in result.output
    assert "Saved trip kubecon-eu-2027" in result.stdout
    with stored() as store:
        trip = store.get_trip("kubecon-eu-2027")
        assert store.current_trip_id() == trip.id
    assert trip.traveller.citizenships == ["JP"]
    assert trip.traveller.passport.expires == date(2031, 4, 1)
    assert trip.conference.venue.tz == "Europe/Amsterdam"
    flight = trip.flights[0]
    assert (flight.origin, flight.destination) == ("NRT", "AMS")
    # 10:25 JST is 01:25 UTC; 15:55 CET (spring change is on 28 March) is 14:55 UTC.
    assert flight.duration.total_seconds() == (13 * 60 + 30) * 60


def test_new_interactive_id_must_be_free(with_demo: Trip) -> None:
    answers = [
        "DockerCon SF",
        DEMO_ID,
        "Bad Id",
        "mine",
        "JP",
        "",
        "2031-04-01",
        "y",
        "DockerCon",
        "2027-01-12",
        "",
        "Moscone",
        "San Francisco",
        "US",
        "America/Los_Angeles",
        "n",
    ]
    result = run("trip", "new", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "exists already; choose another id" in result.output
    assert "is not a valid id" in result.output
    with stored() as store:
        assert store.get_trip("mine").conference.last_day == date(2027, 1, 12)


# --- edit ------------------------------------------------------------------------------------

EDITOR = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    steps = json.loads(Path(sys.argv[1]).read_text())
    counter = Path(sys.argv[1] + ".n")
    n = int(counter.read_text()) if counter.exists() else 0
    counter.write_text(str(n + 1))
    target = Path(sys.argv[2])
    if steps[n] is not None:  # None: quit without saving
        text = target.read_text(encoding="utf-8")
        for old, new in steps[n]:
            assert old in text, old
            text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
    """
)


def editor_env(tmp_path: Path, steps: list[list[tuple[str, str]] | None]) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    plan = tmp_path / "steps.json"
    plan.write_text(json.dumps(steps), encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {script} {plan}", "VISUAL": ""}


def test_edit_saves_and_keeps_state(with_demo: Trip, tmp_path: Path) -> None:
    with stored() as store:
        store.set_item_state(DEMO_ID, "esta", ItemState(status="done"))
        store.set_stars(DEMO_ID, ["talk-1"], True)
    env = editor_env(
        tmp_path,
        [
            [
                (
                    "booking_ref: EXMPL1\n  origin_country: JP",
                    "booking_ref: ABC123\n  origin_country: JP",
                )
            ]
        ],
    )
    result = run("trip", "edit", env=env)
    assert result.exit_code == 0, result.output
    assert "Saved trip dockercon-sf-example" in result.stdout
    with stored() as store:
        trip = store.get_trip(DEMO_ID)
        assert trip.flights[0].booking_ref == "ABC123"
        assert trip.flights[1].booking_ref == "EXMPL1"
        assert store.item_states(DEMO_ID)["esta"].status == "done"
        assert store.picks(DEMO_ID)["talk-1"].starred


def test_edit_error_then_fix(with_demo: Trip, tmp_path: Path) -> None:
    env = editor_env(
        tmp_path,
        [
            [
                ("747 Howard St, San Francisco, CA 94103", "x"),
                ("  tz: America/Los_Angeles", "  tz: US/SF"),
            ],
            [("  tz: US/SF", "  tz: America/Los_Angeles")],
        ],
    )
    result = run("trip", "edit", DEMO_ID, input="y\n", env=env)
    assert result.exit_code == 0, result.output
    assert "<edited dockercon-sf-example.yaml>:36: conference.venue.tz: 'US/SF'" in result.stderr
    assert "Edit again?" in result.stdout
    # The second edit starts from the first one's text, so the user keeps their work.
    with stored() as store:
        assert store.get_trip(DEMO_ID).conference.venue.address == "x"


def test_edit_refused_leaves_trip(with_demo: Trip, tmp_path: Path) -> None:
    env = editor_env(tmp_path, [[("id: dockercon-sf-example", "id: renamed")]])
    result = run("trip", "edit", input="n\n", env=env)
    assert result.exit_code == 1
    assert "the id cannot change while editing" in result.stderr
    assert "Nothing saved" in result.stderr
    with stored() as store:
        assert store.get_trip(DEMO_ID) == with_demo
        assert not store.has_trip("renamed")


def test_edit_without_saving(with_demo: Trip, tmp_path: Path) -> None:
    result = run("trip", "edit", env=editor_env(tmp_path, [None]))
    assert result.exit_code == 0
    assert "No changes" in result.stdout


# --- store problems and language -------------------------------------------------------------


def test_damaged_store_is_one_line(tmp_path: Path) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    (folder / DB_NAME).write_bytes(b"this is not a database, just text" * 100)
    result = run("trip", "list")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "damaged or not a database" in result.stderr


def test_japanese_output(with_demo: Trip) -> None:
    result = run("--lang", "ja", "trip", "show")
    assert result.exit_code == 0
    assert "出発 2027年1月11日(月) 17:05 JST" in result.stdout
    assert "到着 2027年1月11日(月) 09:40 PST (2027年1月12日(火) 02:40 JST)" in result.stdout
