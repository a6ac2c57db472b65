"""`tripkit entry` reads and judges the stored trip lean (tripkit.core.lean), as a cold
`checklist --json` does: the borders are part of the checklist's work, so the entry view
should not cost pydantic's import on top of it (bench: `entry --json` <= 1.0x `checklist
--json`). What a wrong answer would cost: none here is about speed alone - the lean reading
must say exactly what the models say, or a traveller reads a different visa verdict
depending on which command they ran.
"""

from __future__ import annotations

import json
from pathlib import Path

from cli_process import imported, run_cli

from tripkit.services import entry as svc
from tripkit.store import Store

# A Pakistani changing planes at Frankfurt (an airport transit visa) on the way to Toronto,
# from Karachi, an airport only the airportsdata library knows: its row is checked and named
# without pydantic too.
TRIP = """\
id: pk-toronto
name: Collision Toronto
traveller:
  name: Ali
  citizenships: [PK]
  home_country: PK
  home_tz: Asia/Karachi
  language: en
  passport:
    expires: 2030-09-01
conference:
  name: Collision
  first_day: 2027-06-16
  last_day: 2027-06-17
  venue: {name: Enercare Centre, city: Toronto, country: CA, tz: America/Toronto}
flights:
- {flight: LH631, origin: KHI, destination: FRA,
   departs: "2027-06-14T03:00:00+05:00[Asia/Karachi]",
   arrives: "2027-06-14T08:00:00+02:00[Europe/Berlin]"}
- {flight: AC877, origin: FRA, destination: YYZ,
   departs: "2027-06-14T10:00:00+02:00[Europe/Berlin]",
   arrives: "2027-06-14T12:30:00-04:00[America/Toronto]"}
- {flight: AC876, origin: YYZ, destination: FRA,
   departs: "2027-06-19T18:00:00-04:00[America/Toronto]",
   arrives: "2027-06-20T07:45:00+02:00[Europe/Berlin]"}
- {flight: LH630, origin: FRA, destination: KHI,
   departs: "2027-06-20T10:00:00+02:00[Europe/Berlin]",
   arrives: "2027-06-20T21:00:00+05:00[Asia/Karachi]"}
"""


def test_entry_reads_the_trip_lean_and_says_what_the_models_say(tmp_path: Path) -> None:
    home = tmp_path / "home"
    trip_file = tmp_path / "trip.yaml"
    trip_file.write_text(TRIP, encoding="utf-8")
    assert run_cli(home, "trip", "import", str(trip_file)).returncode == 0
    assert run_cli(home, "entry").returncode == 0  # the compiled catalog copies written
    with Store.open(home) as store:
        model = store.get_trip("pk-toronto")
    for lang in ("en", "ja"):
        for args in (("entry", "--json"), ("entry", "--sources")):
            got = run_cli(home, "--lang", lang, *args, watch=("pydantic", "tripkit.core.models"))
            assert got.returncode == 0, got.stderr
            assert imported(got) == {"pydantic": False, "tripkit.core.models": False}, (lang, args)
            if args[-1] == "--json":
                data = json.loads(got.stdout)
                assert data == json.loads(json.dumps(svc.entry_json(model, lang)))
                assert data["library_airports"] == ["KHI"]
                fra = [b for b in data["borders"] if b.get("airport") == "FRA"]
                assert fra and fra[0]["requirement"] == "visa"  # the airport transit visa
