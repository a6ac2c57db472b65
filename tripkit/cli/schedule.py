"""CLI commands: schedule (registered by tripkit.cli)."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""
