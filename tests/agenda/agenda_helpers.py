"""Helpers for the agenda tests."""

from __future__ import annotations

from click.testing import CliRunner

from tripkit.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr
