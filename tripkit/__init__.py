"""tripkit: an offline terminal companion for travelling abroad to a tech conference.

This module stays import-light on purpose: `import tripkit` must never load the TUI.
"""

__version__ = "0.1.0"
