"""Curated data: its schemas and its loader (bundled YAML plus the user's overlays)."""
