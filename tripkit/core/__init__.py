"""The pure core: models, time handling, checklist engine, agenda logic. No Textual, no I/O."""
