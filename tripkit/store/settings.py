"""Settings: string values under string keys (typed views of them are in tripkit.config).

Some keys belong to one trip: they end with `.<trip id>` after a known prefix (the zone and
format a schedule was imported with, the .ics SEQUENCE records); deleting the trip deletes
them, so that a new trip with the same id does not inherit them.
"""

from __future__ import annotations

from tripkit.store.db import Database

# Prefixes of per-trip keys: `<prefix><trip id>`. Other areas add theirs here.
PER_TRIP_PREFIXES: tuple[str, ...] = (
    "schedule.tz.",
    "schedule.format.",
    "export.ics.",
    "agenda.to_venue.",
)


def per_trip_prefixes() -> tuple[str, ...]:
    return PER_TRIP_PREFIXES


class Settings:
    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        rows = self.db.rows("SELECT value FROM settings WHERE key = ?", key)
        return rows[0][0] if rows else default

    def set(self, key: str, value: str) -> None:
        with self.db.tx():
            self.db.conn.execute(
                "INSERT INTO settings(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def delete(self, key: str) -> None:
        with self.db.tx():
            self.db.conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def all(self) -> dict[str, str]:
        return dict(self.db.rows("SELECT key, value FROM settings ORDER BY key"))

    def delete_for_trip(self, trip_id: str, prefixes: tuple[str, ...]) -> None:
        with self.db.tx():
            self.db.conn.executemany(
                "DELETE FROM settings WHERE key = ?", [(p + trip_id,) for p in prefixes]
            )
            # and the keys of the trip's other programmes, `<prefix><trip id>/<name>`
            # ("0" is the character after "/": the range is exactly that prefix).
            self.db.conn.executemany(
                "DELETE FROM settings WHERE key >= ? AND key < ?",
                [(p + trip_id + "/", p + trip_id + "0") for p in prefixes],
            )
