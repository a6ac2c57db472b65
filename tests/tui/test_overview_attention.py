"""The Overview's "Needs attention" for a traveller unlike the demo: an Indian engineer to
FOSDEM through Dubai, whose passport ends too soon for the Schengen 3-month rule. Three
checklist items carry that passport warning; the screen says it once, and still names both
documents to apply for."""

from __future__ import annotations

from tripkit.core.models import Trip
from tripkit.store import Store

from .conftest import screen_text, wait_until

KOL, DXB_TZ, BRU = "Asia/Kolkata", "Asia/Dubai", "Europe/Brussels"


def _leg(no: str, origin: str, dest: str, departs: str, arrives: str) -> dict[str, str]:
    return {"flight": no, "origin": origin, "destination": dest, "departs": departs,
            "arrives": arrives}  # fmt: skip


def indian_to_fosdem() -> Trip:
    return Trip.model_validate(
        {
            "id": "in-fosdem",
            "name": "FOSDEM via Dubai",
            "traveller": {
                "citizenships": ["IN"],
                "home_country": "IN",
                "home_tz": KOL,
                "passport": {"expires": "2027-04-20", "issued": "2017-04-21"},
            },
            "conference": {
                "name": "FOSDEM",
                "first_day": "2027-01-30",
                "last_day": "2027-01-31",
                "venue": {"name": "ULB", "city": "Brussels", "country": "BE", "tz": BRU},
            },
            "flights": [
                _leg(
                    "EK511", "DEL", "DXB", f"2027-01-28T04:00[{KOL}]", f"2027-01-28T06:30[{DXB_TZ}]"
                ),
                _leg(
                    "EK183", "DXB", "BRU", f"2027-01-28T08:30[{DXB_TZ}]", f"2027-01-28T13:00[{BRU}]"
                ),
                _leg(
                    "EK184", "BRU", "DXB", f"2027-02-01T15:00[{BRU}]", f"2027-02-01T23:55[{DXB_TZ}]"
                ),
                _leg(
                    "EK510", "DXB", "DEL", f"2027-02-02T03:00[{DXB_TZ}]", f"2027-02-02T07:30[{KOL}]"
                ),
            ],
        }
    )


async def test_a_warning_three_items_share_is_said_once(make_app, tui_store: Store) -> None:
    # Wrong (before): the passport sentence three times among seven warning lines; at 80x24
    # the two visas to apply for were pushed below the fold by the repeats.
    trip = indian_to_fosdem()
    tui_store.put_trip(trip)
    tui_store.set_current_trip(trip.id)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(
            pilot, lambda: "No e-visa for United Arab Emirates is recorded" in screen_text(app)
        )
        text = screen_text(app)
        head = text.split("Next deadlines")[0]
        assert head.count("Your passport from India expires") == 1, head
        assert head.count("No Schengen visa (short stay) is recorded") == 1, head
        assert head.count("No e-visa for United Arab Emirates is recorded") == 1, head
