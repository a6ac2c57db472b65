"""The one check of "does this Japanese read as Japanese" (issue 14), shared by the checklist,
guide and binder tests: a module with a name of its own, like testpaths.py.

What it flags in text shown to a Japanese reader:
- an ISO country code standing alone (「国籍: JP」「開催国: US」): two capitals read as a word;
- an English city name inside a Japanese sentence (「Brusselsの安全情報」);
- an untranslated English fragment: a common English word in lower case (「(no date)」), a
  rule id (「先に: passport-validity」) or a compact duration (「11h05m」);
- two sentences run together with a space instead of 「。」.

Allowed: text the traveller or a source wrote (the trip's names and addresses, source titles,
URLs), IANA zone names and the proper nouns in PROPER_NOUNS: the caller passes those it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from html.parser import HTMLParser

from fosdem_trips import TYO, flagey_stay, fosdem_conference, via_frankfurt

from tripkit.catalog.airports import airports
from tripkit.core.models import Passport, Traveller, Trip

# Two capital letters standing alone are a country code in these sentences; IATA airport codes
# (three letters) and proper nouns such as ESTA or EES are allowed.
# (not a law's number, HR-1, nor a room, UA2.118)
CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z0-9]|-\d)")
# IC旅券, 旅行ID, UK ETA, QRコード, ノートPC, EU域外: words a Japanese text writes in capitals
ALLOWED_CODES = {"IC", "ID", "OK", "UK", "QR", "PC", "EU"}

# English words that are never a proper noun: one of them in lower case in Japanese output is
# a sentence (or a fallback) tripkit forgot to translate.
ENGLISH = {
    "no", "not", "the", "and", "or", "of", "for", "to", "in", "at", "on", "from", "with", "by",
    "is", "are", "be", "your", "you", "date", "first", "before", "after", "until", "valid",
    "trip", "flight", "time", "check", "none", "unknown", "citizen", "citizens", "passport",
    "visa", "needed", "required", "applies", "day", "days", "hours", "min", "connection",
    "expires", "home", "venue", "done", "skipped", "reviewed", "shown",
}  # fmt: skip
WORD = re.compile(r"(?<![A-Za-z0-9_.@/-])[a-z]+(?![A-Za-z0-9_@/-])")
# a rule or scheme id ("passport-validity", "Schengen-visa")
RULE_ID = re.compile(r"(?<![A-Za-z0-9_./-])[A-Za-z][a-z]*(?:-[a-z]+)+(?![A-Za-z0-9_./-])")
# Two sentences run together: a Japanese sentence ends without 「。」 and the next follows after
# a space (「申請してください インドの…」), as engine-built lines joined with " " read.
_JA = "\u3040-\u30ff\u4e00-\u9fff"
RUN_ON = re.compile(f"(?:です|ます|ません|ください|でした|ました) +[{_JA}]")
COMPACT_DURATION = re.compile(r"(?<![0-9])\d+h\d{2}m?(?![A-Za-z])")
# (ASCII classes: a Japanese letter before a name is no word boundary for \b)
URL = re.compile(r"(?:https?://|www\.)\S+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}(?:/[!-~]*)?")
ZONE = re.compile(
    r"(?<![A-Za-z])(?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific|Etc)/[A-Za-z_/+-]+"
)

# Names and places the curated data writes in their own language, as a Japanese guide would
# (station names, addresses, products): shown as they are on the signs.
PROPER_NOUNS = (
    "Howard St between 3rd St and 4th St, San Francisco (Moscone North and South face each other)",
    "275 Battery St., Suite 2100, San Francisco, CA 94111",
    "Powell St (BART and Muni)",
    "Yerba Buena/Moscone (Muni Central Subway)",
    "Muni T Third Street",
    "Tap and Ride",
    "Connecting Flights",
    "「San Francisco」",  # the sign on the doors at SFO, quoted as it reads
    "right of abode",
    "Avenue Franklin Roosevelt 50, 1050 Bruxelles",
    "tripkit guide",
)


def problems(text: str, *, allowed: Iterable[str] = (), cities: Iterable[str] = ()) -> list[str]:
    """What reads as machine output in `text` (Japanese shown to a reader), each with its
    context; [] when it reads as Japanese. `allowed`: literal strings shown as written
    (names, addresses, source titles); `cities`: English city names that must not appear."""
    city_names = [c for c in cities if c]
    found = [f"sentences run together: {_around(text, m.start())}" for m in RUN_ON.finditer(text)]
    found += [f"doubled full stop: {_around(text, m)}" for m in _all("。。", text)]
    for literal in sorted({*allowed, *PROPER_NOUNS}, key=len, reverse=True):
        if literal.strip() and literal not in city_names:
            text = text.replace(literal, " ")
    text = ZONE.sub(" ", URL.sub(" ", text))
    for city in city_names:
        found += [f"English city name {city!r}: {_around(text, m)}" for m in _all(city, text)]
    for m in CODE.finditer(text):
        if m.group() not in ALLOWED_CODES:
            found.append(f"country code {m.group()!r}: {_around(text, m.start())}")
    for m in RULE_ID.finditer(text):
        found.append(f"untranslated id {m.group()!r}: {_around(text, m.start())}")
    for m in WORD.finditer(text):
        if m.group() in ENGLISH:
            found.append(f"untranslated English {m.group()!r}: {_around(text, m.start())}")
    for m in COMPACT_DURATION.finditer(text):
        found.append(f"compact duration {m.group()!r}: {_around(text, m.start())}")
    return found


def _all(needle: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


def _around(text: str, at: int) -> str:
    return repr(text[max(0, at - 30) : at + 40])


def trip_literals(trip: Trip) -> list[str]:
    """What the traveller typed (or the trip file says), shown as written."""
    t, c = trip.traveller, trip.conference
    out = [trip.name, t.name, c.name, c.venue.name, c.venue.address]
    out += [w.label for w in c.badge_pickup]
    out += [f.flight for f in trip.flights] + [f.booking_ref or "" for f in trip.flights]
    out += [s.name for s in trip.stays] + [s.address for s in trip.stays]
    out += [g.origin for g in trip.ground] + [g.destination for g in trip.ground]
    out += [g.service for g in trip.ground] + [g.booking_ref for g in trip.ground]
    # The venue as an address line (name, address, the trip's spelling of its city): written
    # as on site, for a taxi driver; the sentences around it name the city in Japanese.
    v = c.venue
    out.append(", ".join(p for p in (v.name, v.address, v.city) if p.strip()))
    # Airports by their names on the signs: data/airports.yaml has no Japanese names yet.
    codes = {f.origin for f in trip.flights} | {f.destination for f in trip.flights}
    # (as "Frankfurt (FRA)": a bare "Frankfurt" in a sentence is still a city name)
    out += [f"{airports()[code].name} ({code})" for code in codes if code in airports()]
    return [s for s in out if s.strip()]


class _VisibleText(HTMLParser):
    """The text a reader sees, minus what is English on purpose (lang="en": the port-of-entry
    card for the immigration officer; its lang="ja" glosses are kept)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.langs: list[tuple[str, str | None]] = []
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
        if tag in ("br", "meta", "link", "img", "hr", "input"):
            return
        self.langs.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden -= 1
        for i in range(len(self.langs) - 1, -1, -1):
            if self.langs[i][0] == tag:
                del self.langs[i:]
                break

    def handle_data(self, data: str) -> None:
        lang = next((lang for _, lang in reversed(self.langs) if lang), "ja")
        if not self.hidden and lang == "ja":
            self.parts.append(data)


def visible_japanese(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def brussels_via_frankfurt() -> Trip:
    """A traveller unlike the demo: an Indian engineer living in Tokyo, reading Japanese,
    flies NRT -> FRA -> BRU for FOSDEM and back (connections both ways, three countries)."""
    return Trip(
        id="fosdem-ja",
        name="FOSDEM 2027",
        traveller=Traveller(
            name="Priya Raman",
            citizenships=["IN"],
            home_country="JP",
            home_tz=TYO,
            language="ja",
            passport=Passport(expires=date(2031, 5, 1)),
        ),
        conference=fosdem_conference(2027, curated_ids=True),
        flights=via_frankfurt("2027-01-28", "2027-02-01", "2027-02-02", "FOSD27"),
        stays=[flagey_stay("2027-01-28T21:00", "2027-02-01T08:00")],
    )
