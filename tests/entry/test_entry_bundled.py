"""The shipped data (data/countries, data/areas, data/world) through the entry engine: the
scenarios of the issue on the real facts, and a sweep over every passport x curated
destination that fails if any text tells a traveller no authorisation is needed where the
requirement is an ETA, an e-visa or a visa.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from entry_builders import (
    BER,
    BRU,
    LA,
    LON,
    TOR,
    seg,
    tokyo_sf,
    trip,
    via_frankfurt,
    via_sfo_to_toronto,
)

from tripkit.catalog import entry_data
from tripkit.core import entry as core
from tripkit.core.models import Trip
from tripkit.core.route import Border
from tripkit.paths import bundled_data
from tripkit.services import entry as svc

DATA = bundled_data()
pytestmark = pytest.mark.skipif(
    not (DATA / "world" / "passport-index.tsv").is_file(),
    reason="the bundled world dataset is not in data/ yet",
)


def one(t: Trip, lang: str = "en", index: int = 0) -> svc.BorderView:
    return svc.borders(t, lang)[index]


def text(view: svc.BorderView) -> str:
    return "\n".join([view.title, *view.lines, *view.warnings])


def to_sf(citizenship: str, **kw) -> Trip:
    flights = [
        seg("LH454", "FRA", "SFO", f"2027-03-08T10:00[{BER}]", f"2027-03-08T12:45[{LA}]"),
        seg("LH455", "SFO", "FRA", f"2027-03-12T15:00[{LA}]", f"2027-03-13T11:00[{BER}]"),
    ]
    return trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        citizenships=[citizenship],
        home_country="DE",
        home_tz=BER,
        **kw,
    )


def to_london(citizenship: str) -> Trip:
    flights = [
        seg("LH900", "FRA", "LHR", f"2027-03-08T09:00[{BER}]", f"2027-03-08T09:45[{LON}]"),
        seg("LH901", "LHR", "FRA", f"2027-03-11T18:00[{LON}]", f"2027-03-11T20:45[{BER}]"),
    ]
    return trip(
        flights,
        venue_country="GB",
        venue_tz=LON,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
        citizenships=[citizenship],
        home_country="DE",
        home_tz=BER,
    )


def test_bundled_vwp_german_needs_esta() -> None:
    # Wrong (the old answer): "no travel authorisation is required to enter US".
    v = one(to_sf("DE"))
    assert (v.verdict.requirement, v.verdict.scheme_id) == ("eta", "ESTA")
    assert "No ESTA is recorded in the trip" in text(v)


def test_bundled_visa_national_to_the_us() -> None:
    # Wrong: no visa item at all.
    v = one(to_sf("IN", passports=[{"country": "IN", "expires": "2034-01-01"}]))
    assert v.verdict.requirement == "visa" and v.verdict.status == "missing"


def test_bundled_eu_and_irish_citizens_to_the_uk() -> None:
    # Wrong: the dataset's pre-2025 "visa-free" for Europeans; an ETA for the Irish.
    fr = one(to_london("FR"))
    assert (fr.verdict.requirement, fr.verdict.basis) == ("eta", "curated")
    assert "ETA" in (fr.verdict.scheme_id or "")
    ie = one(to_london("IE"))
    assert ie.verdict.requirement == "none" and not ie.warnings


def test_bundled_schengen_at_frankfurt_with_ees_and_etias_planned() -> None:
    # Wrong: Brussels as the border, EES unsaid, ETIAS stated as required (or dropped).
    t = trip(
        via_frankfurt(),
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 1, 30),
        last_day=date(2027, 1, 31),
    )
    v = one(t)
    assert (v.border.airport, v.border.at.isoformat()) == ("FRA", "2027-01-29T17:00:00+01:00")
    assert v.verdict.requirement == "visa-free"
    assert "EES" in [r.id for r in v.verdict.registrations]
    assert [p.id for p in v.verdict.planned] == ["ETIAS"]
    assert "ETIAS" in text(v) and "planned" in text(v)
    assert "ETIAS" in text(one(t, "ja")) and "導入予定" in text(one(t, "ja"))


def test_bundled_us_connection_to_canada() -> None:
    t = trip(
        via_sfo_to_toronto(),
        venue_country="CA",
        venue_tz=TOR,
        first_day=date(2027, 1, 12),
        last_day=date(2027, 1, 14),
    )
    sfo, yyz, _ = svc.borders(t, "en")
    assert (sfo.border.kind, sfo.verdict.scheme_id, sfo.border.recheck_bags) == (
        "transit",
        "ESTA",
        True,
    )
    assert (yyz.border.kind, yyz.verdict.scheme_id) == ("entry", "eTA")


def test_bundled_cuba_bar() -> None:
    t = trip(
        tokyo_sf(),
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        visited=[{"country": "CU", "on": "2022-05-01"}],
    )
    v = one(t)
    assert (v.verdict.requirement, v.verdict.status) == ("visa", "ineligible")
    assert "No ESTA" not in text(v)


def test_bundled_pair_without_data_is_unknown() -> None:
    # Aruba: no curated file, not in the dataset.
    flights = [
        seg("UA1", "SFO", "AUA", f"2027-03-08T08:00[{LA}]", "2027-03-08T17:00[America/Aruba]")
    ]
    flights[0] = flights[0].model_copy(update={"destination_country": "AW"})
    t = trip(
        flights,
        venue_country="AW",
        venue_tz="America/Aruba",
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 10),
        citizenships=["US"],
        home_country="US",
        home_tz=LA,
    )
    v = one(t)
    assert (v.verdict.requirement, v.verdict.status) == ("unknown", "missing")
    assert "tripkit does not know" in text(v)


# --- the sweep ---------------------------------------------------------------------------

NO_AUTHORISATION = {
    "en": (
        "no visa or authorisation",
        "visa-free for",
        "you need no visa",
        "nothing needed",
        "no travel authorisation",
        "nothing to apply for",
    ),
    "ja": ("ビザも渡航認証も不要", "の国民はビザ免除", "申請不要"),
}


def _passports() -> list[str]:
    with (DATA / "world" / "passport-index.tsv").open(encoding="utf-8") as f:
        f.readline()
        return [line.split("\t", 1)[0] for line in f if line.strip()]


def test_no_text_says_no_authorisation_where_one_is_needed() -> None:
    """Every passport in the dataset x every curated destination: where the verdict is an
    ETA, an e-visa or a visa (or the scheme is barred), nothing the traveller reads about
    that border may say that no visa or authorisation is needed."""
    destinations = sorted(p.stem.upper() for p in (DATA / "countries").glob("*.yaml"))
    entries = {c: entry_data.country(c) for c in destinations}
    areas = entry_data.areas()
    world, world_sources, world_as_of = svc._world()
    checked = needing = 0
    failures: list[str] = []
    for citizenship in _passports():
        base = trip(
            tokyo_sf(),
            venue_country="US",
            venue_tz=LA,
            first_day=date(2027, 3, 9),
            last_day=date(2027, 3, 11),
            citizenships=[citizenship],
            home_country=citizenship,
            passports=[{"country": citizenship, "expires": "2035-01-01"}],
        )
        facts = svc.TripFacts(
            countries=dict(entries), areas=areas, route=svc.trip_facts(base).route
        )
        for dest in destinations:
            if dest == citizenship:
                continue
            entry = entries[dest]
            assert entry is not None
            area = areas.get(entry.area) if entry.area else None
            at = base.flights[0].arrives
            border = Border(
                "entry",
                dest,
                "XXX",
                at,
                area=entry.area,
                until=at + timedelta(days=4),
                countries=(dest,),
                destination=True,
            )
            efacts = core.EntryFacts(
                country=entry,
                area=area,
                world=world,
                world_sources=world_sources,
                world_as_of=world_as_of,
            )
            verdict = core.evaluate(
                border, base.traveller, efacts, border.day, border.day + timedelta(days=4)
            )
            checked += 1
            if verdict.requirement not in ("eta", "e-visa", "visa"):
                continue
            needing += 1
            for lang in ("en", "ja"):
                view = svc.describe(verdict, base, lang, facts)
                said = "\n".join([*view.lines, *view.warnings]).lower()
                # Lines about other schemes at the border (a planned ETIAS, EES "nothing to
                # apply for in advance") speak of those schemes, not of this requirement.
                said = "\n".join(
                    line
                    for line in said.splitlines()
                    if not any(
                        k in line
                        for k in ("planned", "導入予定", "applies at this border", "この国境では")
                    )
                )
                hits = [p for p in NO_AUTHORISATION[lang] if p.lower() in said]
                if hits:
                    failures.append(
                        f"{citizenship}->{dest} ({verdict.requirement}, {lang}): {hits}"
                    )
    assert checked > 5000 and needing > 1000  # the sweep really ran over the data
    assert failures == []


def _at(instant: datetime, tz: str) -> str:
    from zoneinfo import ZoneInfo

    return f"{instant.astimezone(ZoneInfo(tz)):%Y-%m-%dT%H:%M}[{tz}]"


DEST_AIRPORTS = {
    "US": ("SFO", LA),
    "GB": ("LHR", LON),
    "CA": ("YYZ", TOR),
    "AU": ("SYD", "Australia/Sydney"),
    "KR": ("ICN", "Asia/Seoul"),
    "IN": ("DEL", "Asia/Kolkata"),
    "BR": ("GRU", "America/Sao_Paulo"),
    "CN": ("PEK", "Asia/Shanghai"),
    "SG": ("SIN", "Asia/Singapore"),
    "DE": ("FRA", BER),
}
SAMPLE = ["IN", "NG", "CN", "BR", "US", "DE", "KR", "MX", "ZA", "PH", "RU", "TR", "AR", "GB"]


def test_no_checklist_item_says_no_authorisation_where_one_is_needed(store) -> None:  # noqa: ANN001
    """The same promise on the checklist the traveller works through (bundled rules and data),
    for a sample of citizenships x destinations: where a border needs an ETA, an e-visa or a
    visa, no visible item says none is needed, and the authorisation/visa items are open."""
    from entry_builders import AIRPORTS

    from tripkit.services import checklist as checklist_svc

    AIRPORTS.update({"SYD": "AU", "ICN": "KR", "DEL": "IN", "GRU": "BR", "PEK": "CN", "SIN": "SG"})
    checked = 0
    failures: list[str] = []
    now = datetime(2026, 11, 30, tzinfo=UTC)
    for dest, (airport, tz) in DEST_AIRPORTS.items():
        for citizenship in SAMPLE:
            if citizenship == dest:
                continue
            out_dep = datetime(2027, 3, 8, 1, 0, tzinfo=UTC)  # 10 h flights each way
            back_dep = datetime(2027, 3, 13, 1, 0, tzinfo=UTC)
            flights = [
                seg(
                    "XX1",
                    "NRT",
                    airport,
                    _at(out_dep, "Asia/Tokyo"),
                    _at(out_dep + timedelta(hours=10), tz),
                ),
                seg(
                    "XX2",
                    airport,
                    "NRT",
                    _at(back_dep, tz),
                    _at(back_dep + timedelta(hours=10), "Asia/Tokyo"),
                ),
            ]
            t = trip(
                flights,
                venue_country=dest,
                venue_tz=tz,
                first_day=date(2027, 3, 9),
                last_day=date(2027, 3, 12),
                citizenships=[citizenship],
                home_country=citizenship,
                passports=[{"country": citizenship, "expires": "2035-01-01"}],
            )
            first = svc.borders(t, "en")[0]
            if first.verdict.requirement not in ("eta", "e-visa", "visa"):
                continue
            checked += 1
            store.put_trip(t)
            for lang in ("en", "ja"):
                got = {i.id: i for i in checklist_svc.checklist_items(store, t, lang, now=now)}
                visible = "\n".join(
                    f"{i.title}\n{i.reason}\n{i.problem}"
                    for i in got.values()
                    if i.status != "not_applicable"
                ).lower()
                visible = "\n".join(
                    line
                    for line in visible.splitlines()
                    if not any(
                        k in line
                        for k in ("planned", "導入予定", "applies at this border", "この国境では")
                    )
                )
                hits = [p for p in NO_AUTHORISATION[lang] if p.lower() in visible]
                # The authorisation item is open; the visa item too when a visa is needed
                # (for an ETA, "no visa needed" is right and the visa item may be done).
                must_be_open = ["entry-authorisation"]
                if first.verdict.requirement == "visa":
                    must_be_open.append("visa-eligibility")
                open_items = [got[i].status for i in must_be_open if i in got]
                if hits or "done" in open_items or len(open_items) != len(must_be_open):
                    failures.append(f"{citizenship}->{dest} {lang}: {hits} {open_items}")
    assert checked >= 40
    assert failures == []


def _via_frankfurt_to_sf(citizenship: str, home: str, home_tz: str, passport_expires: str) -> Trip:
    """Home -> FRA -> SFO and back: both Frankfurt connections stay outside Schengen."""
    flights = [
        seg("LH757", "BOM", "FRA", "2027-03-07T02:50[Asia/Kolkata]", f"2027-03-07T08:20[{BER}]"),
        seg("LH454", "FRA", "SFO", f"2027-03-07T10:35[{BER}]", f"2027-03-07T13:15[{LA}]"),
        seg("LH455", "SFO", "FRA", f"2027-03-14T15:20[{LA}]", f"2027-03-15T11:00[{BER}]"),
        seg("LH754", "FRA", "BOM", f"2027-03-15T13:15[{BER}]", "2027-03-16T01:25[Asia/Kolkata]"),
    ]
    return trip(
        flights,
        venue_country="US",
        venue_tz=LA,
        first_day=date(2027, 3, 10),
        last_day=date(2027, 3, 12),
        citizenships=[citizenship],
        home_country=home,
        home_tz=home_tz,
        passports=[{"country": citizenship, "expires": passport_expires}],
    )


@pytest.mark.parametrize("citizenship", ["JP", "IN", "BR"])
def test_bundled_airside_connection_asks_nothing_of_those_who_enter(citizenship: str) -> None:
    # Wrong (the old answer): a traveller who only changes planes at FRA between two
    # non-Schengen flights was told that EES "applies at this border", that the passport must
    # have been issued within 10 years, and, with a passport valid to 1 May 2027, "Germany
    # needs it valid until Mon 7 Jun 2027 ... Renew it before you travel": an urgent passport
    # renewal for a border the traveller never crosses (the US, the real destination, asks
    # nothing of the kind of a Japanese passport: valid for the stay is enough).
    t = _via_frankfurt_to_sf(citizenship, "IN", "Asia/Kolkata", "2027-05-01")
    views = svc.borders(t, "en")
    fra = [v for v in views if v.border.airport == "FRA"]
    assert [v.border.kind for v in fra] == ["transit", "transit"]
    for view in fra:
        said = text(view)
        assert view.verdict.passport_check is None and not view.verdict.registrations
        assert "Germany needs it valid" not in said and "Renew it" not in said, said
        assert "Entry/Exit System" not in said and "issued on or after" not in said, said
        assert "You change planes at Frankfurt (FRA)" in said
    # What the traveller does cross is still checked: the US passport rule.
    us = next(v for v in views if v.border.airport == "SFO")
    assert us.verdict.passport_check is not None
    if citizenship == "JP":  # Six-Month Club: valid for the stay is enough
        assert us.verdict.passport_check.ok is True
        assert fra[0].verdict.basis == "airside" and fra[0].verdict.requirement == "none"


def test_bundled_schengen_entry_at_frankfurt_still_checks_the_passport() -> None:
    # The other side of the fix: flying on from FRA into Schengen (Brussels) crosses the
    # border at FRA, and a passport valid to 1 May 2027 is too short there.
    flights = [
        seg("LH711", "HND", "FRA", "2027-03-07T10:30[Asia/Tokyo]", f"2027-03-07T17:00[{BER}]"),
        seg("LH1013", "FRA", "BRU", f"2027-03-07T18:40[{BER}]", f"2027-03-07T19:40[{BRU}]"),
        seg("LH1014", "BRU", "FRA", f"2027-03-14T07:00[{BRU}]", f"2027-03-14T08:00[{BER}]"),
        seg("LH716", "FRA", "HND", f"2027-03-14T13:00[{BER}]", "2027-03-15T09:00[Asia/Tokyo]"),
    ]
    t = trip(
        flights,
        venue_country="BE",
        venue_tz=BRU,
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 11),
        passports=[{"country": "JP", "expires": "2027-05-01"}],
    )
    fra = svc.borders(t, "en")[0]
    assert (fra.border.kind, fra.border.airport) == ("entry", "FRA")
    assert fra.verdict.passport_check is not None and fra.verdict.passport_check.ok is False
    assert "Renew it before you travel" in text(fra)
    assert any("Entry/Exit System" in r.name.get("en") for r in fra.verdict.registrations)
