"""How the traveller gets there and back: flights, ground legs (train, coach, car, ferry), or
not said yet. Pure; what the checklist, the anchors and the views ask of a trip's journey.

Why one place: "the trip has no flights" used to mean "book your flights"; a German taking
the train to Brussels has none and needs none. Three cases are kept apart:
* flights (maybe with ground legs too): the air items apply;
* ground legs only: no air items, and nothing tells the traveller to book a flight;
* neither: tripkit does not know how they travel, and says so ("book how you get there").
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tripkit.core.wiring import tr
from tripkit.core.wording import country_names
from tripkit.core.zoned import utc

if TYPE_CHECKING:  # types only: the TUI's read-only screens pass records (core.tripview)
    from tripkit.core.models import GroundLeg, GroundMode, Trip

# The modes in words (English msgids; the coach is "bus" in the trip file).
MODE_WORDS: dict[str, str] = {"train": "train", "bus": "coach", "car": "car", "ferry": "ferry"}
# A leg's heading in lists: "Train ICE 14", "Car".
MODE_TITLES: dict[str, str] = {"train": "Train", "bus": "Coach", "car": "Car", "ferry": "Ferry"}


def mode_word(mode: GroundMode | str, lang: str) -> str:
    return tr(MODE_WORDS.get(mode, mode), lang)


def modes_text(trip: Trip, lang: str) -> str:
    """The ground modes of the trip, in travel order, each once: "train", "car, ferry"."""
    modes = list(dict.fromkeys(leg.mode for leg in trip.ground))
    sep = "、" if lang == "ja" else ", "
    return sep.join(mode_word(m, lang) for m in modes)


def leg_title(leg: GroundLeg, lang: str) -> str:
    """ "Train ICE 14" / "Car": the mode, with the service when there is one."""
    head = tr(MODE_TITLES.get(leg.mode, leg.mode), lang)
    return f"{head} {leg.service}" if leg.service else head


def starts_away(trip: Trip) -> bool:
    """A trip on the ground whose first leg leaves from another country than home (the
    train from Frankfurt, for someone living in Tokyo): the way there from home is missing."""
    return (
        not trip.flights
        and bool(trip.ground)
        and trip.ground[0].origin_country != trip.traveller.home_country
    )


def may_fly(trip: Trip) -> bool:
    """Flies, or may: it has flights, it says nothing about how the traveller travels, or
    its ground legs do not start at home (how they reach the first one is not said)."""
    return bool(trip.flights) or not trip.ground or starts_away(trip)


def may_fly_reason(trip: Trip, lang: str) -> str:
    """Why the air items do not apply; empty when they may (their own facts say why)."""
    if may_fly(trip):
        return ""
    return tr("you travel by {modes}, not by air", lang, modes=modes_text(trip, lang))


def check_journey(trip: Trip, lang: str) -> tuple[bool, str, str]:
    """Whether the trip says how the traveller gets there (a flight or a ground leg): (ok,
    what was found, what to do). A tuple, not a documents.DocResult: the anchors import
    this module, and documents imports the anchors."""
    if starts_away(trip):
        first = trip.ground[0]
        home = country_names([trip.traveller.home_country], lang)
        return (
            False,
            tr(
                "your first leg leaves from {c}, not from home ({home})",
                lang,
                c=country_names([first.origin_country], lang),
                home=home,
            ),
            tr(
                "Add how you get from {home} to {place} (a flight, or another leg) to the "
                "trip: deadlines then follow your real departure.",
                lang,
                home=home,
                place=first.origin,
            ),
        )
    if trip.flights or trip.ground:
        parts = []
        if trip.flights:
            parts.append(tr("flight segments in the trip: {n}", lang, n=len(trip.flights)))
        if trip.ground:
            parts.append(
                tr(
                    "legs by {modes} in the trip: {n}",
                    lang,
                    modes=modes_text(trip, lang),
                    n=len(trip.ground),
                )
            )
        return True, (" / " if lang == "ja" else "; ").join(parts), ""
    return (
        False,
        tr("the trip does not say how you get there", lang),
        tr(
            "Book how you get there and back (a flight, a train, a coach, a ferry, or the drive) "
            "and add it to the trip: deadlines then follow your real departure.",
            lang,
        ),
    )


# --- anchors for a trip travelled on the ground only ---------------------------------------


def ground_anchor_times(
    trip: Trip, conf_start: datetime, conf_end: datetime
) -> tuple[dict[str, datetime], dict[str, str], int | None, int | None]:
    """Departure, arrival and the way home from the ground legs of a trip without flights:
    (times, fallback notes (English), the index of the leg that arrives, of the leg home).

    The way in ends with the first leg reaching the conference's country (a trip inside one
    country: the first leg); the way home starts with the first later leg leaving it. A leg
    without times leaves its anchor on the conference's days, said in the notes."""
    legs = trip.ground
    dest = trip.destination_country
    times: dict[str, datetime] = {}
    notes: dict[str, str] = {}
    inbound = next((i for i, leg in enumerate(legs) if leg.destination_country == dest), None)
    if inbound is not None and trip.traveller.home_country == dest:
        inbound = 0  # a trip inside the home country: the first leg is the way there
    first_start = legs[0].start if legs else None
    if first_start is not None:
        times["departure"] = first_start
    else:
        times["departure"] = conf_start
        notes["departure"] = "the first leg has no times: using the conference's first day"
    arrive = legs[inbound].end if inbound is not None else None
    if arrive is not None:
        times["arrival"] = times["port_of_entry"] = arrive
    else:
        times["arrival"] = times["port_of_entry"] = conf_start
        why = (
            "the leg that arrives has no times: using the conference's first day"
            if inbound is not None
            else "no leg reaches the conference's country: using the conference's first day"
        )
        notes["arrival"] = notes["port_of_entry"] = why
    after = inbound + 1 if inbound is not None else len(legs)
    home_leg = next(
        (
            i
            for i in range(after, len(legs))
            if legs[i].origin_country == dest
            and (legs[i].destination_country != dest or trip.traveller.home_country == dest)
        ),
        None,
    )
    leaves = legs[home_leg].start if home_leg is not None else None
    if leaves is not None:
        times["return_departure"] = leaves
    else:
        times["return_departure"] = conf_end
        notes["return_departure"] = (
            "the way home has no times: using the end of the conference"
            if home_leg is not None
            else "no leg leaves the destination after arrival: using the end of the conference"
        )
    last = legs[-1].end if after < len(legs) else None
    if last is not None:
        times["home_arrival"] = last
    else:
        times["home_arrival"] = conf_end
        notes["home_arrival"] = "no time for the way home: using the end of the conference"
    # A leg home that ends before it is said to start (a fallback): keep the order.
    if utc(times["home_arrival"]) < utc(times["return_departure"]):
        times["home_arrival"] = times["return_departure"]
    return times, notes, inbound, home_leg


__all__ = [
    "MODE_WORDS",
    "check_journey",
    "ground_anchor_times",
    "leg_title",
    "may_fly",
    "may_fly_reason",
    "mode_word",
    "modes_text",
]
