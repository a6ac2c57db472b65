"""`tripkit config`: typed settings, checked when set; what is set is what commands use."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tripkit.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_config_set_get_list_unset() -> None:
    code, out, _ = run("config", "list", "--json")
    assert code == 0
    assert json.loads(out) == {
        "lang": None,
        "tui.theme": "textual-dark",
        "guide.max_age_months": 12,
    }
    assert run("config", "set", "guide.max_age_months", "6")[0] == 0
    assert run("config", "get", "guide.max_age_months")[1] == "6\n"
    assert run("config", "set", "lang", "ja")[0] == 0
    assert run("demo")[0] == 0
    code, out, _ = run("trip", "list")  # the configured language is used
    assert code == 0 and "2027年1月12日" in out
    assert run("config", "get", "lang")[1] == "ja\n"
    assert run("config", "unset", "lang")[0] == 0
    assert run("config", "get", "lang")[1] == "-\n"


def test_bad_values_and_keys_are_refused() -> None:
    code, _, err = run("config", "set", "guide.max_age_months", "soon")
    assert code == 1 and "'soon' is not a valid value for guide.max_age_months" in err
    code, _, err = run("config", "set", "guide.max_age_months", "0")
    assert code == 1
    code, _, err = run("config", "set", "lang", "fr")
    assert code == 1 and "lang" in err
    code, _, err = run("config", "get", "colour")
    assert code == 1 and "unknown setting 'colour'" in err and "tui.theme" in err
    assert run("config", "get", "guide.max_age_months")[1] == "12\n"  # unchanged
