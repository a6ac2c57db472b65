"""`--help` in the user's language: every command's and group's help in Japanese when the
language is Japanese (--lang before or after the command, TRIPKIT_LANG, the config), through
the real CLI; English help exactly click's own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner
from testpaths import REPO

from tripkit.cli import main
from tripkit.cli.cells import cell_width
from tripkit.cli.help_ja import help_msgids
from tripkit.i18n import has_translation, tr

# click's own words tripkit's Japanese help says (tripkit.cli.help_ja).
CLICK_WORDS = [
    "Usage:",
    "Options",
    "Commands",
    "Positional arguments",
    "env var: {var}",
    "default: {default}",
    "required",
]
ENGLISH_HEADINGS = ["Usage:", "Options:", "Commands:", "Show this message and exit."]


def _tree() -> Iterator[tuple[list[str], click.Command, click.Context]]:
    """Every command and group, lazily loaded areas included, with a context like the one
    click makes for it (its command path is the one help prints)."""

    def walk(
        command: click.Command, ctx: click.Context, path: list[str]
    ) -> Iterator[tuple[list[str], click.Command, click.Context]]:
        yield path, command, ctx
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                yield from walk(sub, click.Context(sub, info_name=name, parent=ctx), [*path, name])

    yield from walk(main, click.Context(main, info_name="tripkit"), [])


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    # CliRunner lays help out for 80 columns (click.formatting.FORCED_WIDTH): so does click's
    # own help that the English output is compared with.
    monkeypatch.setattr(click.formatting, "FORCED_WIDTH", 80)


TREE = [(path, command) for path, command, _ctx in _tree()]
IDS = [" ".join(path) or "tripkit" for path, _ in TREE]


def _help(args: list[str], **env: str) -> click.testing.Result:
    result = CliRunner().invoke(main, args, prog_name="tripkit", env=env)
    assert result.exit_code == 0, result.output
    return result


def test_the_tree_is_every_command() -> None:
    # Lazily registered areas and subcommands are walked too (else the tests below say little).
    names = {" ".join(path) for path, _ in TREE}
    assert {"checklist snooze", "schedule import", "schedule receive", "data check"} <= names
    assert len(TREE) >= 55
    assert sum(isinstance(command, click.Group) for _, command in TREE) >= 8


def test_every_help_text_has_a_japanese_entry() -> None:
    missing = sorted(
        {
            msgid
            for _path, command, ctx in _tree()
            for msgid in help_msgids(command, ctx)
            if not has_translation(msgid, "ja")
        }
        | {word for word in CLICK_WORDS if not has_translation(word, "ja")}
    )
    assert missing == []


@pytest.mark.parametrize(("path", "command"), TREE, ids=IDS)
def test_japanese_help_of_every_command(path: list[str], command: click.Command) -> None:
    out = _help(["--lang", "ja", *path, "--help"]).output
    english = _help(["--lang", "en", *path, "--help"]).output
    assert out.startswith(f"使い方: {' '.join(['tripkit', *path])}")
    assert "\nオプション:\n" in out
    assert "このヘルプを表示して終了します。" in out
    assert ("\nコマンド:\n" in out) == isinstance(command, click.Group)
    for word in ENGLISH_HEADINGS:
        assert word not in out
    ctx = click.Context(command, info_name=path[-1] if path else "tripkit")
    for msgid in help_msgids(command, ctx):
        assert msgid not in out  # each text said in Japanese, none left in English
        assert tr(msgid, "ja").split("\n")[0][:4] in out
    if isinstance(command, click.Group):  # each subcommand's line, in Japanese
        for name in command.list_commands(ctx):
            line = next(line for line in out.splitlines() if line.startswith(f"  {name} "))
            assert any(cell_width(ch) == 2 for ch in line), line
    # Wrapped to the 80 columns by cells (a Japanese character takes two); only what is as
    # long in English (a literal example, the --phase choices) may go beyond.
    for line in out.splitlines():
        assert cell_width(line) <= 80 or line.strip() in english, line


@pytest.mark.parametrize(("path", "command"), TREE, ids=IDS)
def test_english_help_is_clicks_own(path: list[str], command: click.Command) -> None:
    # What click itself prints for this command (its plain Context), byte for byte.
    parent = click.Context(main, info_name="tripkit")
    ctx = parent if not path else click.Context(command, info_name=path[-1], parent=parent)
    if len(path) == 2:
        group = main.get_command(parent, path[0])
        assert group is not None
        middle = click.Context(group, info_name=path[0], parent=parent)
        ctx = click.Context(command, info_name=path[1], parent=middle)
    expected = click.Context.get_help(ctx) + "\n"
    assert _help(["--lang", "en", *path, "--help"]).output == expected
    assert _help([*path, "--help"]).output == expected  # LANG=C.UTF-8: English
    assert _help(["--lang", "en", *path, "--help"], TRIPKIT_LANG="ja").output == expected


def test_language_is_resolved_as_the_commands_do() -> None:
    ja = "使い方: tripkit checklist"
    # --lang after the command, and after --help itself (help is printed while parsing).
    assert _help(["checklist", "--lang", "ja", "--help"]).output.startswith(ja)
    assert _help(["checklist", "--help", "--lang", "ja"]).output.startswith(ja)
    assert _help(["checklist", "--help"], TRIPKIT_LANG="ja").output.startswith(ja)
    assert _help(["--help"], TRIPKIT_LANG="ja").output.startswith("使い方: tripkit [OPTIONS]")
    assert _help(["checklist", "--help"]).output.startswith("Usage: tripkit checklist")


def test_the_configured_language_is_the_helps() -> None:
    _help(["config", "set", "lang", "ja"])
    assert _help(["checklist", "snooze", "--help"]).output.startswith(
        "使い方: tripkit checklist snooze [OPTIONS] ITEM_ID UNTIL"
    )
    # The root's help is printed before its callback made the shared context: read anyway.
    assert "\nコマンド:\n" in _help(["--help"]).output
    assert _help(["--lang", "en", "--help"]).output.startswith("Usage: tripkit")


def test_a_group_typed_without_a_command_shows_its_help_in_japanese() -> None:
    result = CliRunner().invoke(main, ["--lang", "ja", "schedule"], prog_name="tripkit")
    assert result.exit_code == 2  # click's, as in English
    assert result.output.startswith("使い方: tripkit schedule [OPTIONS] COMMAND [ARGS]...")
    assert "  import " in result.output and "Usage:" not in result.output


def _run(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    """`python -m tripkit ARGS` in a real process, on a terminal `columns` wide."""
    env = {**os.environ, "COLUMNS": str(columns), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("TRIPKIT_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "tripkit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done


def test_option_notes_and_wrapping_in_japanese() -> None:
    out = _help(["--lang", "ja", "export", "ics", "--help"]).output
    assert "[既定: 15; 0<=x<=10080]" in " ".join(out.split())
    # A narrow terminal (help is 2 columns narrower than it, as click's): wrapped by cells,
    # but for the "\\b" blocks, printed as typed (as click prints the English ones).
    out = _run("--lang", "ja", "export", "ics", "--help", columns=60).stdout
    first = out.partition("\n\n  ファイルは")[0]
    options = out.split("オプション:")[1]
    assert "iCalendar" in first and len(options.splitlines()) > 12
    assert all(cell_width(line) <= 58 for line in [*first.splitlines(), *options.splitlines()])
    # A group's list: one line each, cut by cells with "…" as click cuts English ones.
    listing = _run("--lang", "ja", "--help", columns=50).stdout.split("コマンド:\n")[1]
    assert all(cell_width(line) <= 48 for line in listing.splitlines())
    assert "…" in listing


def test_japanese_help_from_a_real_process() -> None:
    out = _run("--lang", "ja", "--help").stdout
    assert out.startswith("使い方: python -m tripkit [OPTIONS] [COMMAND] [ARGS]...")
    assert "\nオプション:\n" in out and "\nコマンド:\n" in out
    assert "チェックリスト" in out and "Show this message" not in out


def test_a_long_usage_line_continues_under_its_arguments() -> None:
    # `guide`'s topics wrap: the next line starts under "[OPTIONS]", counted in cells (the
    # Japanese prefix 「使い方:」 takes more cells than characters).
    first, second = _help(["--lang", "ja", "guide", "--help"]).output.splitlines()[:2]
    assert first.startswith("使い方: tripkit guide [OPTIONS] [entry|")
    column = cell_width(first[: first.index("[OPTIONS]")])
    assert second.startswith(" " * column) and second[column] != " "
    assert cell_width(first) <= 80
