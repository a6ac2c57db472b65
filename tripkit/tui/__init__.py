"""The Textual app. Only `tripkit.cli.tui_launch` imports this package; the core never does."""
