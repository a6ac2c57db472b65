"""Exporters: pure functions from the trip's data to files people print, share or import.

- `binder.py` builds what the printable checklist and binder say (one language, plain text);
  `checklist_text.py` lays it out as text and Markdown, `checklist_html.py` as one
  self-contained HTML file with a print stylesheet (templates/checklist.html.j2).
- `ics.py`: the iCalendar file (sessions, flights, stays, checklist deadlines).
- `report.py`: the Markdown trip report from session notes.
- `text.py`: making data text safe for each format.

Nothing here reads the store: tripkit/services/export.py gathers the data and calls these.
"""
