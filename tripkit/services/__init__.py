"""Glue between the store, the curated catalog and the pure core.

The CLI, the TUI and the exporters call these functions; none of them imports Textual.
"""
