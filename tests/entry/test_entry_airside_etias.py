"""A traveller who only changes planes airside in Schengen (non-Schengen -> non-Schengen at
FRA) does not cross the Schengen border: the planned ETIAS is not said there, as EES and the
passport checks are not. ETIAS is for those who enter; the reference
(entry-rules-world.md) says nothing of it for airport transit, so tripkit does not show it
as if it applied. A real Schengen entry keeps the line."""

from __future__ import annotations

from datetime import date

import pytest
from entry_builders import BER, BRU, seg, trip

from tripkit.core.models import Trip
from tripkit.paths import bundled_data
from tripkit.services import entry as svc

pytestmark = pytest.mark.skipif(
    not (bundled_data() / "world" / "passport-index.tsv").is_file(),
    reason="the bundled world dataset is not in data/ yet",
)


def _text(view: svc.BorderView) -> str:
    return "\n".join([view.title, *view.lines, *view.warnings])


def sao_paulo_to_delhi_via_frankfurt() -> Trip:
    """A Brazilian (visa-free in Schengen: ETIAS-bound once it starts) to a conference in
    Delhi, changing planes at FRA both ways between two non-Schengen flights."""
    flights = [
        seg(
            "LH507", "GRU", "FRA", "2027-05-09T18:00[America/Sao_Paulo]", f"2027-05-10T10:30[{BER}]"
        ),
        seg("LH760", "FRA", "DEL", f"2027-05-10T13:00[{BER}]", "2027-05-11T01:30[Asia/Kolkata]"),
        seg("LH761", "DEL", "FRA", "2027-05-15T03:00[Asia/Kolkata]", f"2027-05-15T08:30[{BER}]"),
        seg(
            "LH506", "FRA", "GRU", f"2027-05-15T11:00[{BER}]", "2027-05-15T18:00[America/Sao_Paulo]"
        ),
    ]
    return trip(
        flights,
        venue_country="IN",
        venue_tz="Asia/Kolkata",
        first_day=date(2027, 5, 12),
        last_day=date(2027, 5, 14),
        citizenships=["BR"],
        home_country="BR",
        home_tz="America/Sao_Paulo",
        passports=[{"country": "BR", "expires": "2032-01-01"}],
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_etias_line_where_the_traveller_only_changes_planes_airside(lang: str) -> None:
    # Wrong (the old answer): both FRA connections said "EU ETIAS ... is planned, not yet in
    # force ... not required for this trip unless its start is announced": a Brazilian bound
    # for Delhi would watch for, and perhaps pay for, an authorisation to enter a border
    # they never cross (and scam "ETIAS" sites prey on exactly that worry).
    views = svc.borders(sao_paulo_to_delhi_via_frankfurt(), lang)
    fra = [v for v in views if v.border.airport == "FRA"]
    assert [v.border.kind for v in fra] == ["transit", "transit"]
    for view in fra:
        assert view.verdict.basis == "airside" and view.verdict.planned == ()
        assert "ETIAS" not in _text(view), _text(view)
        assert view.verdict.status == "not-needed"


def test_a_schengen_entry_at_frankfurt_keeps_the_planned_etias() -> None:
    # The other side: flying on from FRA to Brussels enters Schengen at FRA, where ETIAS will
    # apply once it starts: dropping it there would leave a Brazilian unwarned.
    flights = [
        seg(
            "LH507", "GRU", "FRA", "2027-05-09T18:00[America/Sao_Paulo]", f"2027-05-10T10:30[{BER}]"
        ),
        seg("LH1013", "FRA", "BRU", f"2027-05-10T12:40[{BER}]", f"2027-05-10T13:40[{BRU}]"),
        seg("LH1014", "BRU", "FRA", f"2027-05-15T07:00[{BRU}]", f"2027-05-15T08:00[{BER}]"),
        seg(
            "LH506", "FRA", "GRU", f"2027-05-15T11:00[{BER}]", "2027-05-15T18:00[America/Sao_Paulo]"
        ),
    ]
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 5, 12),
        last_day=date(2027, 5, 14),
        citizenships=["BR"],
        home_country="BR",
        home_tz="America/Sao_Paulo",
        passports=[{"country": "BR", "expires": "2032-01-01"}],
    )
    for lang, word in (("en", "planned"), ("ja", "導入予定")):
        fra = svc.borders(t, lang)[0]
        assert (fra.border.kind, fra.border.airport) == ("entry", "FRA")
        assert [p.id for p in fra.verdict.planned] == ["ETIAS"]
        assert "ETIAS" in _text(fra) and word in _text(fra)
