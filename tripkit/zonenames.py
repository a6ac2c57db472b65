"""A time zone as a person reads it: "Brussels time (CET, UTC+1)", 「ブリュッセル時間(CET、UTC+1)」.

An IANA key ("Europe/Brussels") is precise but is not what a traveller reads; the city alone
("Brussels time") does not say which clock is meant on a given day. So a zone is said by its
CLDR exemplar city in the reader's language, with the abbreviation and UTC offset *of the day
shown* (Brussels is CET in February and CEST in June). One place for it: every header, summary
and note that names a zone asks here.

The IANA key stays in --json output and in the trip file (what scripts and imports read).
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from tripkit.core.timefmt import utc_offset
from tripkit.core.zoned import get_zone
from tripkit.i18n import LANGS, tr


@cache
def _cities(lang: str) -> dict[str, str]:
    # Babel's CLDR data, from a compiled copy (tripkit.cldr): loaded on the first zone named.
    from tripkit.cldr import zone_cities

    return zone_cities(lang)


def _is_offset_zone(key: str) -> bool:
    """UTC and the fixed-offset zones: they have no city (and "Etc/GMT-3" is UTC+3, the
    sign inverted, so its key must never be shown as a name)."""
    return key in ("UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "Zulu") or (
        key.startswith("Etc/")
    )


def zone_city(key: str, lang: str) -> str:
    """The city a zone is named after, in `lang` ("Asia/Kolkata" -> "Kolkata" / 「コルカタ」);
    CLDR's exemplar city, else the key's last part ("America/Argentina/Buenos_Aires" ->
    "Buenos Aires")."""
    if lang not in LANGS:
        lang = "en"
    city = _cities(lang).get(key)
    return city or key.rsplit("/", 1)[-1].replace("_", " ")


def _zone(key: str) -> ZoneInfo | None:
    try:
        return get_zone(key)
    except ValueError:
        return None


def zone_name(key: str, lang: str, at: date | datetime | None = None) -> str:
    """The zone in words: "Brussels time" / 「ブリュッセル時間」; a fixed-offset zone by its
    offset ("UTC+3"). A key that is not a zone is returned as it is (imported data is shown
    literally, never hidden)."""
    zone = _zone(key)
    if zone is None:
        return key
    if _is_offset_zone(key):
        return _offset_only(zone, at)
    return tr("{city} time", lang, city=zone_city(key, lang))


def zone_title(key: str, at: date | datetime | None, lang: str) -> str:
    """The zone in words with its abbreviation and offset at `at` (a day: noon of it in the
    zone; None: now, so pass the day shown): "Brussels time (CET, UTC+1)",
    "São Paulo time (UTC-3)" (no letters for it), 「ブリュッセル時間(CET、UTC+1)」."""
    zone = _zone(key)
    if zone is None or _is_offset_zone(key):  # said as it is, or by its offset alone
        return zone_name(key, lang, at)
    name = zone_name(key, lang)
    instant = _instant(zone, at)
    offset = utc_offset(instant)
    abbr = instant.tzname() or ""
    if not abbr or abbr[0] in "+-" or abbr == offset:
        return tr("{zone} ({offset})", lang, zone=name, offset=offset)
    return tr("{zone} ({abbr}, {offset})", lang, zone=name, abbr=abbr, offset=offset)


def _offset_only(zone: ZoneInfo, at: date | datetime | None) -> str:
    offset = utc_offset(_instant(zone, at))
    return "UTC" if offset == "UTC+0" else offset


def _instant(zone: ZoneInfo, at: date | datetime | None) -> datetime:
    """The moment whose abbreviation is shown: `at` itself, noon of the day `at` in the zone,
    or now."""
    if isinstance(at, datetime):
        return at.astimezone(zone)
    if isinstance(at, date):
        return datetime.combine(at, time(12), tzinfo=zone)
    return datetime.now(zone)
