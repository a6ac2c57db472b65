"""The guide's entry section for an Indian engineer to a conference in Vancouver: the visa
the route's border asks for is shown as such, with no invented lead time."""

from __future__ import annotations

from guide_helpers import NOW

from tripkit.core.models import Trip
from tripkit.services.entry import borders
from tripkit.services.guide import build_guide


def delhi_to_vancouver(citizenship: str = "IN") -> Trip:
    return Trip.model_validate(
        {
            "id": "vancouver-2027",
            "name": "Conference in Vancouver",
            "traveller": {
                "citizenships": [citizenship],
                "home_country": citizenship,
                "home_tz": "Asia/Kolkata",
                "passport": {"expires": "2032-05-01"},
            },
            "conference": {
                "name": "Open Source Summit",
                "first_day": "2027-05-11",
                "last_day": "2027-05-13",
                "venue": {
                    "name": "Vancouver Convention Centre",
                    "city": "Vancouver",
                    "country": "CA",
                    "tz": "America/Vancouver",
                },
            },
            "flights": [
                {
                    "flight": "AI185",
                    "origin": "DEL",
                    "destination": "YVR",
                    "departs": "2027-05-09T03:00[Asia/Kolkata]",
                    "arrives": "2027-05-09T07:00[America/Vancouver]",
                },
                {
                    "flight": "AI186",
                    "origin": "YVR",
                    "destination": "DEL",
                    "departs": "2027-05-14T11:00[America/Vancouver]",
                    "arrives": "2027-05-15T16:00[Asia/Kolkata]",
                },
            ],
        }
    )


def test_an_indian_to_vancouver_is_shown_the_visa_not_told_none_is_known() -> None:
    # Wrong (the old guide and binder): "Travel authorisation: tripkit knows no travel
    # authorisation that your citizenship needs for Canada", a few lines above the route's
    # own "Citizens of India need Canadian visitor visa": a reader skimming the guide (or
    # the printed binder) for "what do I need?" gets the reassuring answer and books
    # without the visa, which takes weeks and without which the airline refuses boarding.
    trip = delhi_to_vancouver()
    ca = next(v for v in borders(trip, "en") if v.border.country == "CA")
    assert ca.verdict.requirement == "visa"  # what the entry engine says of this border
    entry = build_guide(trip, "en", NOW).section("entry")
    assert entry is not None
    titles = [n.title for n in entry.notes]
    assert "Canadian visitor visa" in titles
    assert "Travel authorisation" not in titles
    text = "\n".join(n.text for n in entry.notes)
    assert "knows no travel authorisation" not in text
    # Wrong (the old card): "Apply: at least 72 hours before departure", the model's default
    # margin for an online ETA, on a consulate visa: the traveller would apply days before
    # the flight. `tripkit entry` says "now" for the same visa.
    visa = next(n for n in entry.notes if n.title == "Canadian visitor visa")
    apply = dict(visa.details)["Apply"]
    assert "72 hours" not in apply
    assert apply.startswith("now: a visa can take weeks")


def test_a_japanese_engineer_to_vancouver_still_sees_the_eta_and_its_72_hours() -> None:
    trip = delhi_to_vancouver("JP")
    entry = build_guide(trip, "en", NOW).section("entry")
    assert entry is not None
    titles = [n.title for n in entry.notes]
    assert "Canadian visitor visa" not in titles
    eta = next(n for n in entry.notes if n.title.startswith("Canada eTA"))
    assert dict(eta.details)["Apply"] == "at least 72 hours before departure"
