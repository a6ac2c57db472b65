"""`tripkit entry` reads and judges the stored trip lean (tripkit.core.lean), as a cold
`checklist --json` does: the borders are part of the checklist's work, so the entry view
should not cost pydantic's import on top of it (bench: `entry --json` <= 1.0x `checklist
--json`). What a wrong answer would cost: none here is about speed alone - the lean reading
must say exactly what the models say, or a traveller reads a different visa verdict
depending on which command they ran.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tripkit.services import entry as svc
from tripkit.store import Store

REPO = Path(__file__).resolve().parents[2]

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

# The CLI in a process that says, last on stderr, whether it imported pydantic or the models.
_WATCH = (
    "import json, sys\n"
    "from tripkit.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    names = ('pydantic', 'tripkit.core.models')\n"
    "    print(json.dumps({n: n in sys.modules for n in names}), file=sys.stderr)\n"
)


def _run(home: Path, *args: str, watch: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRIPKIT_HOME": str(home), "LANG": "C.UTF-8"}
    env.pop("TRIPKIT_CONFIG", None)
    cmd = (
        [sys.executable, "-c", _WATCH, *args] if watch else [sys.executable, "-m", "tripkit", *args]
    )
    return subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, check=False)


def test_entry_reads_the_trip_lean_and_says_what_the_models_say(tmp_path: Path) -> None:
    home = tmp_path / "home"
    trip_file = tmp_path / "trip.yaml"
    trip_file.write_text(TRIP, encoding="utf-8")
    assert _run(home, "trip", "import", str(trip_file)).returncode == 0
    assert _run(home, "entry").returncode == 0  # the compiled catalog copies written
    with Store.open(home) as store:
        model = store.get_trip("pk-toronto")
    for lang in ("en", "ja"):
        for args in (("entry", "--json"), ("entry", "--sources")):
            got = _run(home, "--lang", lang, *args, watch=True)
            assert got.returncode == 0, got.stderr
            imported = json.loads(got.stderr.strip().splitlines()[-1])
            assert imported == {"pydantic": False, "tripkit.core.models": False}, (lang, args)
            if args[-1] == "--json":
                data = json.loads(got.stdout)
                assert data == json.loads(json.dumps(svc.entry_json(model, lang)))
                assert data["library_airports"] == ["KHI"]
                fra = [b for b in data["borders"] if b.get("airport") == "FRA"]
                assert fra and fra[0]["requirement"] == "visa"  # the airport transit visa
