"""What a trip's programmes and its conference add to the checklist: an item for each starred
session that needs registration, and one for each of the conference's own deadlines.

Apart from tripkit.services.schedule (which re-exports these) so that a checklist read
imports only this: the schedule services' modules (agenda, search, walks, re-import reports)
cost a cold `tripkit checklist --json` ~100 M machine instructions, ~40% of `tripkit
--version` (issue 13). The items are made by tripkit.core.itembuild, lean in a lean
evaluation, without pydantic.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tripkit.core.zoned import get_zone, now_utc
from tripkit.store import MAIN

if TYPE_CHECKING:
    from tripkit.core.anchors import Anchors
    from tripkit.core.models import ChecklistItem, Session, Trip
    from tripkit.store import SessionRow, Store

# A registration is due this long before the session starts, or at departure if earlier:
# registering is an online errand best done from home, before the trip gets busy.
REGISTRATION_LEAD = timedelta(days=7)


def registration_due(
    session: Session | SessionRow, trip: Trip, anchors: Anchors | None = None
) -> datetime:
    """When registering for `session` is due: 7 days before it starts, or at the first
    departure if that is earlier. Expressed in the traveller's home zone (they are at home
    before departure, which is when this falls).

    The departure is the checklist's own anchor (tripkit.core.anchors: the first take-off,
    or the first ground leg of a trip by train, coach, car or ferry), so that this item and
    the checklist's other "before you leave" items agree. A departure the anchors only
    assumed (a trip that does not say how the traveller travels, a leg without times) is
    no deadline: the 7 days stand alone. `anchors`: the trip's, when the caller has them."""
    from tripkit.core.anchors import compute_anchors

    due = session.start - REGISTRATION_LEAD
    anchors = anchors or compute_anchors(trip)
    departs = anchors.get("departure")
    if departs is not None and "departure" not in anchors.notes:
        due = min(due, departs, key=lambda t: t.astimezone(UTC))
    return due.astimezone(get_zone(trip.home_tz))


def registration_items(
    store: Store, trip: Trip, lang: str, *, now: datetime | None = None
) -> list[ChecklistItem]:
    """A checklist item for each starred, not cancelled session that needs registration.

    Phase "prepare"; id ``register:<key>``; the user's state for that id (done, skipped...)
    is applied as for every checklist item (tripkit.core.checklist.apply_state) at `now`
    (default: the clock), so an open item past its due time is "overdue".
    """
    from tripkit.core.anchors import compute_anchors
    from tripkit.core.checklist import apply_state
    from tripkit.core.itembuild import new_item, new_state
    from tripkit.core.timefmt import fmt_dt
    from tripkit.i18n import tr

    now = now or now_utc()
    deadlines = deadline_items(store, trip, lang, now=now)
    # Only the sessions that need it: the query reads the starred, not cancelled ones that
    # need registration (an index), never the whole programme.
    wanted = store.programmes.needing_registration(trip.id)
    if not wanted:
        return deadlines
    states = store.item_states(trip.id)
    items = deadlines
    anchors = compute_anchors(trip)  # once: the first departure is the same for every item
    # The reservation recorded with `schedule reserve`: "reserved" or "not-needed" settles the
    # registration unless the user said otherwise on the checklist itself.
    booked: dict[tuple[str, str], str] = {}
    for name in {s.programme for s in wanted}:
        for k, p in store.programmes.picks_for(
            trip.id, [s.key for s in wanted if s.programme == name], name
        ).items():
            booked[(name, k)] = p.reservation
    for s in wanted:
        # Main's ids stay as they were; another programme's keys may repeat main's.
        item_id = f"register:{s.key}" if s.programme == MAIN else f"register:{s.programme}/{s.key}"
        due = registration_due(s, trip, anchors)
        state = states.get(item_id)
        if state is None and booked.get((s.programme, s.key)) in ("reserved", "not-needed"):
            state = new_state(status="done")
        when = fmt_dt(s.start, trip.venue_tz, lang)
        items.append(
            apply_state(
                new_item(
                    id=item_id,
                    phase="prepare",
                    title=tr("Register for the session “{title}”", lang, title=s.title),
                    details=tr(
                        "It starts {when}{room}. Seats are limited: register before you travel.",
                        lang,
                        when=when,
                        room=tr(" in {room}", lang, room=s.room) if s.room else "",
                    ),
                    due=due,
                    reason=tr(
                        "You starred “{title}” and the schedule says it needs registration.",
                        lang,
                        title=s.title,
                    ),
                ),
                state,
                now,
            )
        )
    return items


def deadline_items(
    store: Store, trip: Trip, lang: str, *, now: datetime | None = None
) -> list[ChecklistItem]:
    """A dated checklist item for each of the conference's own deadlines in the trip file
    (reservations open, early bird ends, hotel block closes): id ``deadline:<id>``, phase
    "prepare", due at the deadline (shown in the zone it was given in)."""
    from tripkit.core.checklist import apply_state
    from tripkit.core.itembuild import new_item
    from tripkit.i18n import tr

    found = getattr(trip, "deadlines", [])
    if not found:
        return []
    now = now or now_utc()
    states = store.item_states(trip.id)
    out = []
    for d in found:
        item_id = f"deadline:{d.id}"
        out.append(
            apply_state(
                new_item(
                    id=item_id,
                    phase="prepare",
                    title=d.title,
                    details=tr("Act on it at {url}", lang, url=d.url) if d.url else "",
                    due=d.due,
                    reason=tr("A date the conference set (the trip file's deadlines).", lang),
                ),
                states.get(item_id),
                now,
            )
        )
    return out
