"""Schedule import speed and memory (`python -m bench import`).

* Each corpus file through `tripkit.importers.parse`, against the bare parse of the same bytes
  by the library a format needs anyway (defusedxml `fromstring` for XML, `json.loads` for JSON,
  icalendar `Calendar.from_ical` for .ics), timed alternately (import, bare, import, bare...)
  so that load from other processes hits both alike; the figure is the median of each, in
  wall time, with the CPU-time medians of the same runs in the note. Target (issue 13):
  import <= 1.3x the bare parse, by both clocks. What is timed is the importer's whole
  part of an import: bytes to checked, cleaned Session objects (`parse`, which is
  `parse_stream` with the sessions kept in a list; consuming `parse_stream` as `schedule
  import` does measured within a few per cent of it, 1.51x against 1.58x on 38c3 by CPU
  time). The store's write of those sessions (rows, search index) is not in it: the bare
  parse it is compared with writes nothing either; the store has its own figures.
  The JSON importers decode with msgspec (typed records for frab v1 and Sessionize view/All,
  the same dicts as json.loads for the other files: `tripkit.importers.json_fast`), not
  json.loads: the baseline stays json.loads, and the note gives both floors (each decoder
  plus only constructing the sessions from ready values).
* JSON, where the time goes (issue 13's 1.3x is met by no JSON corpus file). CPU time as
  fractions of a bare json.loads of the same file (2026-11-30 15:27 UTC, the 2-core
  machine at load average 4.5): the decode, the plain-text scan of the bytes
  (`jsonutil.json_plain`) and constructing the Session and Speaker objects from finished
  values (`_construct`) timed alone, the rest (reading, checking and cleaning each field)
  by difference:
    file (sessions)         import = decode + scan + objects + the rest (us per session)
    frab-camp2019 (79)        2.41 =  0.25  + 0.17 +  0.22   +  1.78  (17: Markdown, HTML)
    pretalx-democon (36)      3.19 =  0.38  + 0.16 +  0.49   +  2.16  (9)
    orlando All (99)          1.64 =  0.21  + 0.12 +  0.24   +  1.06  (8)
    Sessionize demo-All (11)  3.62 =  0.31  + 0.03 +  0.38   +  2.90  (14: own categories)
    demo-Sessions (10)        3.86 =  0.56  + 0.03 +  0.30   +  2.97  (19: dict road)
    juliacon2020 talks (166)  4.03 =  0.39  + 0.17 +  0.27   +  3.20  (23: Markdown)
    jacow FEL2022 (256)       1.35 =  0.50  + 0.09 +  0.06   +  0.70  (22: HTML)
    hub-schedule2 (2)         2.16 =  0.59  + 0.14 +  0.14   +  1.29  (a failed typed try
                                                                        0.11 in the decode)
  The objects alone cost 1.8-2.0 us a session; a file's fixed cost is ~10 us (an empty one:
  10 us against json.loads' 2). In the rest of pretalx-democon, found by leaving out one
  part at a time: text cleaning ~0.6 (titles, abstracts and their join, URLs), times ~0.4
  (every talk has its own start: parse, zone, end), and ~1.3 the other per-event code
  (speakers, the key and duplicate check, the field dict, generators). So <= 1.3x leaves,
  once the decode, the scan and the objects are paid (0.5-1.0 of json.loads), 0.3-0.7 for
  reading, checking and cleaning every field: about 1 us a session for pretalx-democon
  (whose json.loads spends 4.2 us an event), 5 for orlando, where one Python call costs
  ~0.1 us and one clean_line ~0.3. Out of reach while each session becomes a checked
  pydantic Session in Python; what could reach it is not building the models at import
  (rows written straight from the decoded records) or a compiled reader. What was cut (the
  digests in tests/importers/test_imp_json_digests.py unchanged): msgspec in place of
  json.loads for the files no typed road takes (0.4-0.6 of json.loads instead of 1.0), the
  plain scan used by the dict readers too, each time text's instant worked out once per
  import (`Zones.remembered`), Sessionize's categories classified once per title and
  remembered by their ids, rooms remembered, line ends in one regex pass, and fixed costs
  (the Schedule built directly, no `contextmanager` for the collector pause). Interleaved
  runs of the previous code and this one at the same load (15:25 UTC, load average 6),
  CPU ratio before -> after: camp2019 2.30 -> 2.31 (unchanged: its time is its texts),
  democon 3.24 -> 3.10, orlando 1.97 -> 1.59, demo-All 4.79 -> 3.67, demo-Sessions 5.68 ->
  4.00, demo-GridSmart 3.45 -> 2.61, hub-schedule2 3.02 -> 2.32, juliacon2020 4.37 -> 3.78,
  juliacon2023 2.99 -> 1.99, Indico CERN 2.42 -> 2.12, jacow 2.04 -> 1.46.
* XML, where the time goes (issue 13's 1.3x is not met by the frab/Pentabarf importer).
  CPU time as fractions of the bare parse of the same file, 38c3 / FOSDEM 2025 / FOSDEM 2026,
  measured by removing one part after another (2026-11-30 15:25 UTC, a 2-core machine loaded
  by five jobs: +-0.05). Whole import 1.55 / 1.74 / 1.47 (the bench's own entries, same hour:
  1.57 / 1.66 / 1.46; before this round 1.60 / 1.78 / 1.52):
  - expat with the importer's target, no sessions built: 0.70 / 0.73 / 0.71. Its floor is
    expat itself: defusedxml's parser with no handler 0.25, with C-level no-op handlers
    (pyexpat making the tag, attribute and text objects) 0.52, with Python no-op handlers
    0.56. `xml.etree`'s C XMLParser + TreeBuilder building the whole tree is 0.65-0.69 and
    with start/end events and the per-event reading in Python about as much as the
    push parser: not worth its loss of `CurrentByteIndex` (see `_Plain`).
  - the per-chunk control check 0.05-0.09 (`text.xml_bytes_are_plain`: DEL, "&#", C1 and
    bidi bytes; the C0 range needs no pass since expat refuses those bytes; 0.08-0.12
    before): it saves the per-abstract scan on all but the chunks that hold one.
  - the rest of the skeleton (`parse_stream`, generators, the list) 0.02-0.03.
  - cleaning the abstracts 0.23 / 0.42 / 0.36. FOSDEM's are HTML (~1 KB, ~8 tags each,
    ~11 us each): the tag split is one regex pass (2 us), the tidying of blanks (runs of
    spaces, each line stripped, runs of blank lines) three more passes at ~1.3 ns a
    character each, since `str` finds a two-character needle no faster than that; what was
    cheap to cut is cut (the rarer markup told by counting "<", names from one table, the
    blank-line test by regex: -5-8%), and anything further needs another algorithm, tested
    character for character against this one (`tests/importers/test_imp_html_text.py`).
  - Builder's checks and the Session objects 0.06-0.12 (pydantic models built by setting
    their slots: about 1 us a model, a Session plus ~1.2 Speakers per event).
  - everything else per event 0.2-0.45: times (now a start with an offset is worked out once
    per slot, and a slot's times checked once), speakers (cleaned names remembered), the
    one-line fields, the field dict, and the garbage collector's pass over the new sessions
    once `parse` re-enables it (0.03-0.09: ~8 tracked objects per session).
  <= 1.3x would leave 0.48-0.52 for all the per-event work, abstracts included: about 16 us
  a session for 38C3 and FOSDEM 2025 (26 for FOSDEM 2026, more bytes a session); it is
  24 / 30 / 34 us now, of which a FOSDEM abstract's cleaning alone is 11 us.
* Compiling the importers (tried 2026-11-30 17:20 UTC, not shipped): mypyc (mypy's own
  compiler, no hand-written C) on frab_xml, text, common and flags gave 38c3 / FOSDEM 2025 /
  FOSDEM 2026 1.25 / 1.43 / 1.18x by CPU time (push parse alone 0.55-0.58x), and with the
  JSON readers compiled too, camp2019 / democon / orlando 2.66 / 3.82 / 1.75x: no gain for
  JSON, whose time is in building and checking the pydantic Session and Speaker objects and
  in calls into msgspec records, which compiled code makes as generic calls. Not shipped:
  a C build at every install (a compiler on every user's machine, compiled and tested code
  apart unless the tests run the built wheel) for two of three XML files and no JSON one.
* lxml in place of expat (tried 2026-11-30 20:15 UTC, lxml 6.1.3, not shipped). CPU time
  as fractions of the bare defusedxml parse, 38c3 / FOSDEM 2025 / FOSDEM 2026, medians of
  interleaved runs at load average 2.2-2.8 on the 2-core machine: lxml's `fromstring` alone
  is 0.29-0.33, but streaming it (`XMLPullParser`, end events of <event>, each event and its
  earlier siblings cleared) is 0.46-0.55, and reading every field the importer reads in
  Python (a proxy object for each element: `.tag`, `.text`, the persons' attributes) brings
  it to 0.64 / 0.59 / 0.44, against 0.69 / 0.74 / 0.63 for expat with the importer's
  handlers. The whole import on that road (a scratch reader feeding `_State.event` the same
  items, its sessions equal to today's on the three files; the per-chunk control check
  kept, judged by `sourceline` instead of `CurrentByteIndex`), two runs, lxml vs today:
  1.51 vs 1.51 and 1.48 vs 1.44 / 1.59 vs 1.63 and 1.68 vs 1.68 / 1.07 vs 1.18 and 1.20 vs
  1.33. No gain but on FOSDEM 2026, and none possible for the bar: FOSDEM 2025's work after
  the parse (abstracts, times, sessions) is ~0.97 of the bare parse on its own, leaving 0.33
  for parsing and reading, about what lxml's `fromstring` takes while reading nothing.
* .ics: plain VEVENTs (``NAME:value`` lines, simple parameters: every event of the two
  corpus files) are read by the importer's own content-line reader (`ical_fast`), checked
  against icalendar by tests on every corpus event and on generated ones; icalendar reads the
  rest (repeating events, odd escapes or parameters). Before it, each event went through
  icalendar's `Event.from_ical` (about 40 us a property line), and that parse alone was ~1.0x
  the bare parse of the file: with the header pass and the sessions on top, import was
  1.29-1.34x. Now the reader is ~0.1x and the import ~0.2-0.3x (see the README).
* .ics with repeating events (the corpus's rrule-coderefinery-workshops.ics: 36 events, 14 of
  them daily or weekly series with UNTIL, one custom VTIMEZONE). It was 2.16x by CPU time
  (profile: 54% inside recurring-ical-events, which needs icalendar's parse of each series'
  event, ~20%, builds a query, re-parses the rule string with dateutil's date parser for
  UNTIL and copies an icalendar component per occurrence). A series of one event with one
  plain RRULE and EXDATEs is now expanded by `tripkit.importers.ical_rrule`: the library's
  own steps with the same dateutil rule and tzinfo objects, on `ical_fast`'s read of the
  event; anything else is declined to the library; a hypothesis test proves the outcome equal
  to the library's over generated series (DST, date-line zones, UNTIL kinds, COUNT, EXDATE
  kinds, all-day). Now ~1.0x (2026-11-30, three runs of `python -m bench
  import_every_corpus_file` on the shared machine: 1.03x, 1.13x, 0.95x).
  Where its time goes now (cProfile shares of the import): the expansion 44%, of it
  dateutil's zone made of the file's VTIMEZONE 19% (`_tzicalvtz` evaluates the zone's own
  rules on every UTC offset: each comparison with a UTC UNTIL) and a vDDDTypes per
  occurrence 8%; building the sessions (`_session`, Builder) 20%; icalendar's parse of the
  header with its VTIMEZONE 11%; reading the events (`ical_fast`) 8%.
* .ics fixed cost per call: icalendar's parse of the calendar's own three or four header
  lines was ~0.2 ms, most of an import of a small file (one event: 195 us against a bare
  parse of 172 us; an empty calendar 1.5x). A header without VTIMEZONE is now read by
  `ical_fast.read_calendar` (checked against icalendar like the events): one event 76 us,
  an empty calendar 59 us against 156 us bare.
* .ics linearity: a real corpus .ics replicated with fresh UIDs to 1k and 10k events in a
  temporary folder; import of 10k <= 9x that of 1k.
* Peak memory of streaming a 50k-session schedule.xml (38C3's events replicated with fresh
  guids) with `parse_stream`, sessions consumed one at a time, against a 5k-session file,
  both under tracemalloc: memory grows with the keys seen (needed to make keys unique), not
  with the sessions. Target: growth per extra session <= 1 KB (a loaded Session is ~23 KB).
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.common import SHARED, Result

CORPUS = SHARED / "corpus" / "schedules"
ROUNDS = 15
TARGET = 1.3


def _alternate(
    a: Callable[[], object], b: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Median wall times (ms) of a and b, run alternately."""
    wall, _cpu = _alternate_both(a, b, rounds)
    return wall


def _alternate_both(
    a: Callable[[], object],
    b: Callable[[], object],
    rounds: int,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median wall times and median CPU times (ms) of a and b, run alternately. Each sample
    repeats its call enough times to last a few milliseconds, so that a sub-millisecond
    parse is not measured at the timer's grain. CPU time (this process only) is the steadier
    figure when other processes load the machine: a long call is preempted more often than
    a short one, which skews the wall-time ratio."""
    reps = max(1, int(0.005 / max(_once(a), _once(b), 1e-6)))
    times: dict[str, list[float]] = {"aw": [], "bw": [], "ac": [], "bc": []}
    for _ in range(rounds):
        for fn, key in ((a, "a"), (b, "b")):
            c0, t0 = time.process_time(), time.perf_counter()
            for _ in range(reps):
                fn()
            t1, c1 = time.perf_counter(), time.process_time()
            times[key + "w"].append((t1 - t0) * 1000 / reps)
            times[key + "c"].append((c1 - c0) * 1000 / reps)
    med = {k: statistics.median(v) for k, v in times.items()}
    return (med["aw"], med["bw"]), (med["ac"], med["bc"])


def _once(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _bare(rel: str) -> tuple[str, Callable[[bytes], object]]:
    if rel.endswith(".xml"):
        import defusedxml.ElementTree as DET

        return "defusedxml fromstring", DET.fromstring
    if rel.endswith(".json"):
        return "json.loads", json.loads
    import icalendar

    return "icalendar from_ical", icalendar.Calendar.from_ical


# The corpus files (the big ones are where the ratio means most); zones for those without one.
FILES = {
    "fosdem_2026": ("frab-xml/fosdem-2026.xml", None),
    "38c3": ("frab-xml/38c3.xml", None),
    "fosdem_2025": ("frab-xml/fosdem-2025.xml", None),
    "camp2019_json": ("frab-json/frab-camp2019.json", None),
    "democon_json": ("frab-json/pretalx-democon.json", None),
    "orlando_sessionize": ("sessionize/orlando-codecamp-2020-All.json", "America/New_York"),
    "pyconuk_ics": ("ical/pyconuk-2015.ics", None),
    "kielux_ics": ("ical/kielux-2020.ics", None),
}


def _corpus_bench(rel: str, tz: str | None) -> Callable[[], Result]:
    def run() -> Result:
        from tripkit.importers import parse

        path = CORPUS / rel
        if not path.is_file():
            return Result(f"import {rel}", 0.0, "ms", extra="skipped: ../shared is absent")
        data = path.read_bytes()
        base_name, bare = _bare(rel)
        schedule = parse(data, source=rel, tz=tz)  # warm-up, and a sanity check
        bare(data)
        (value, baseline), (cpu, cpu_base) = _alternate_both(
            lambda: parse(data, source=rel, tz=tz), lambda: bare(data), ROUNDS
        )
        extra = (
            f"{len(schedule.sessions)} sessions, median of {ROUNDS} alternating runs; "
            f"CPU time {cpu:.2f} ms vs {cpu_base:.2f} ms = ratio {cpu / cpu_base:.2f}"
        )
        if rel.endswith(".xml"):
            push, again = _alternate(lambda: _push_parse_only(data), lambda: bare(data), ROUNDS)
            extra += (
                f"; the push parse alone (no sessions built) {push:.1f} ms = "
                f"{push / again:.2f}x the bare parse"
            )
        elif rel.endswith(".json"):
            floor = _json_floor(data, schedule.sessions)
            assert floor is not None  # only the typed decoder declines a file
            low, again = _alternate(floor, lambda: bare(data), ROUNDS)
            extra += (
                f"; json.loads plus only constructing the {len(schedule.sessions)} "
                f"sessions from ready values (no field read, checked or cleaned) "
                f"{low:.2f} ms = {low / again:.2f}x the bare parse"
            )
            typed = _json_floor(data, schedule.sessions, typed=True)
            if typed is not None:
                low, again = _alternate(typed, lambda: bare(data), ROUNDS)
                extra += (
                    f"; the same with the importer's own decoder (msgspec, typed records) "
                    f"instead of json.loads {low:.2f} ms = {low / again:.2f}x"
                )
        else:
            fast, slow = _ics_events_only(data)
            alone, again = _alternate(fast, lambda: bare(data), ROUNDS)
            before, again2 = _alternate(slow, lambda: bare(data), ROUNDS)
            extra += (
                f"; the importer's own reader of plain VEVENTs (ical_fast) over every event, "
                f"no header, no sessions built: {alone:.1f} ms = {alone / again:.2f}x the bare "
                f"parse; icalendar parsing the VEVENTs one by one (what the importer did "
                f"before, and still does for the events ical_fast declines) {before:.1f} ms = "
                f"{before / again2:.2f}x"
            )
        return Result(
            name=f"import {rel} ({len(data) // 1024} KB)",
            value=value,
            unit="ms",
            baseline_name=base_name,
            baseline=baseline,
            # Both clocks must agree: on a loaded machine the wall-time ratio alone has
            # passed where the CPU-time one was 1.6 (the bare parse preempted more).
            target=f"<= {TARGET}x baseline (wall and CPU time)",
            ok=value <= TARGET * baseline and cpu <= TARGET * cpu_base,
            extra=extra,
        )

    return run


def _push_parse_only(data: bytes) -> None:
    """What the XML importer's parsing costs without building sessions (for the note)."""
    from tripkit.importers import frab_xml

    target = frab_xml._Collector()
    parser = frab_xml._parser(target)
    for i in range(0, len(data), 65536):
        parser.feed(data[i : i + 65536])
        target.done.clear()
    parser.close()


def _json_floor(
    data: bytes, sessions: list[Any], *, typed: bool = False
) -> Callable[[], object] | None:
    """What no JSON importer can avoid: the decode, and one Session (with its speakers) per
    event, here built from the finished values by the importers' own constructor. The decode
    is `json.loads`, or with `typed` the importer's own (msgspec into the typed records of
    `tripkit.importers.json_fast`, which reads the usual frab and Sessionize files; None for
    a file it does not read)."""
    from tripkit.core.models import Session, Speaker
    from tripkit.importers import _collector_paused
    from tripkit.importers.common import _construct

    decode: Callable[[bytes], object] = json.loads
    if typed:
        from tripkit.importers import json_fast

        body = bytes(json_fast.without_bom(data))
        try:
            json_fast._DECODER.decode(body)
        except Exception:  # noqa: BLE001 - not a file the typed road reads
            return None
        decode = json_fast._DECODER.decode
        data = body
    ready = [(dict(s.__dict__), [dict(p.__dict__) for p in s.speakers]) for s in sessions]

    def run() -> None:
        with _collector_paused():  # as `parse` reads a file
            decode(data)
            built = []
            for values, speakers in ready:
                values = dict(values)
                values["speakers"] = [_construct(Speaker, dict(p)) for p in speakers]
                values["languages"] = list(values["languages"])
                built.append(_construct(Session, values))

    return run


def _ics_events_only(data: bytes) -> tuple[Callable[[], object], Callable[[], object]]:
    """Reading each VEVENT on its own (the texts decoded beforehand): the importer's own
    reader of plain events (`ical_fast.read_event`, icalendar for those it declines), and
    icalendar's parse of every one."""
    import icalendar

    from tripkit.importers import ical, ical_fast
    from tripkit.importers.stream import Input

    texts = [
        b"\n".join(lines).decode("utf-8", "replace")
        for _line, _offset, lines in ical._blocks(Input(data, "bench"))
    ]

    def fast() -> None:
        for text in texts:
            if ical_fast.read_event(text) is None:
                icalendar.Event.from_ical(text)

    def slow() -> None:
        for text in texts:
            icalendar.Event.from_ical(text)

    return fast, slow


for _name, (_rel, _tz) in FILES.items():
    globals()[f"bench_import_{_name}"] = _corpus_bench(_rel, _tz)


# Files in the corpus folder that are not schedules: what they are (skipped, and said so).
NOT_SCHEDULES = {
    "ORIGINS.tsv": "the corpus's list of sources, not a schedule",
    "SHA256SUMS": "the corpus's checksums, not a schedule",
}
EVERY_ROUNDS = 9  # 20 files: about half a minute alone on the 2-core machine


def bench_import_every_corpus_file() -> Result:
    """Issue 13 says "for the corpus files": every schedule file under the corpus, each
    imported (`parse`) against its format's bare parse (`_bare`), timed alternately as the
    per-file entries are, with fewer rounds. The figure is the worst ratio by CPU time (the
    steadier clock on a shared machine): that file's import against its bare parse; every
    file's ratio is in the note. A zone is given only where the file has none (`FILES`)."""
    from tripkit.errors import ImportError_
    from tripkit.importers import parse

    if not CORPUS.is_dir():
        return Result("import every corpus file", 0.0, "ms", extra="skipped: ../shared absent")
    zone = {rel: tz for rel, tz in FILES.values() if tz}
    ratios: list[tuple[float, str, float, float]] = []  # (CPU ratio, file, import, bare)
    skipped: list[str] = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        rel = path.relative_to(CORPUS).as_posix()
        if rel in NOT_SCHEDULES:
            skipped.append(f"{rel} ({NOT_SCHEDULES[rel]})")
            continue
        data = path.read_bytes()
        tz = zone.get(rel)
        try:
            parse(data, source=rel, tz=tz)  # warm-up, and the check that it imports
        except ImportError_ as e:
            skipped.append(f"{rel} (not imported: {str(e)[:80]})")
            continue
        _name, bare = _bare(rel)
        bare(data)
        _wall, (cpu, cpu_base) = _alternate_both(
            partial(parse, data, source=rel, tz=tz), partial(bare, data), EVERY_ROUNDS
        )
        ratios.append((cpu / cpu_base, rel, cpu, cpu_base))
    worst, worst_rel, cpu, cpu_base = max(ratios)
    table = ", ".join(f"{rel} {ratio:.2f}" for ratio, rel, _c, _b in ratios)
    return Result(
        name=f"import, every corpus schedule ({len(ratios)} files), worst: {worst_rel}",
        value=cpu,
        unit="ms CPU",
        baseline_name="its bare parse",
        baseline=cpu_base,
        target=f"<= {TARGET}x baseline for every file (CPU time)",
        ok=all(ratio <= TARGET for ratio, *_ in ratios),
        extra=f"CPU-time ratio per file, medians of {EVERY_ROUNDS} alternating runs: {table}; "
        f"over {TARGET}: {sum(r > TARGET for r, *_ in ratios)} of {len(ratios)}; "
        f"skipped: {'; '.join(skipped) or 'none'}",
    )


_VEVENT = re.compile(rb"BEGIN:VEVENT\r?\n.*?END:VEVENT\r?\n", re.S)
_UID = re.compile(rb"^UID:.*(?:\r?\n[ \t].*)*", re.M)


def replicate_ics(seed: bytes, events: int) -> bytes:
    """`seed` with its VEVENTs repeated (fresh UIDs) until there are `events` of them."""
    found = _VEVENT.findall(seed)
    first = _VEVENT.search(seed)
    assert found and first is not None
    head, tail = seed[: first.start()], seed[seed.rfind(b"END:VCALENDAR") :]
    body = []
    for i in range(events):
        ev = found[i % len(found)]
        body.append(_UID.sub(f"UID:bench-{i}@tripkit".encode(), ev, count=1))
    return head + b"".join(body) + tail


_IMPORT_SCRIPT = """
import sys
from tripkit.importers import parse_stream
header, sessions = parse_stream(sys.argv[1], source=sys.argv[1])
print(sum(1 for _ in sessions))
"""


def bench_import_ics_linear() -> Result:
    """Whole-process import (as `schedule import` runs it: interpreter, imports, parse) of a
    10k-event .ics against a 1k one; the in-process figures are in the note."""
    import subprocess
    import sys

    from tripkit.importers import parse_stream

    seed_path = CORPUS / "ical" / "pyconuk-2015.ics"
    if not seed_path.is_file():
        return Result("ics import 10k vs 1k", 0.0, "ms", extra="skipped: ../shared is absent")
    seed = seed_path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n in (1_000, 10_000):
            paths[n] = Path(tmp) / f"replicated-{n}.ics"
            paths[n].write_bytes(replicate_ics(seed, n))

        def process(n: int) -> Callable[[], object]:
            def go() -> None:
                out = subprocess.run(
                    [sys.executable, "-c", _IMPORT_SCRIPT, str(paths[n])],
                    capture_output=True,
                    check=True,
                    text=True,
                ).stdout
                assert out.strip() == str(n), out

            return go

        def inproc(n: int) -> Callable[[], object]:
            def go() -> None:
                _header, sessions = parse_stream(paths[n], source=paths[n].name)
                assert sum(1 for _ in sessions) == n

            return go

        big, small = _alternate(process(10_000), process(1_000), 3)
        big_in, small_in = _alternate(inproc(10_000), inproc(1_000), 3)
    return Result(
        name=".ics import, 10k events (pyconuk-2015 replicated, fresh UIDs), whole process",
        value=big,
        unit="ms",
        baseline_name="1k events",
        baseline=small,
        target="<= 9x baseline (linear)",
        ok=big <= 9 * small,
        extra=f"in-process parse_stream: {big_in:.0f} ms vs {small_in:.0f} ms "
        f"(ratio {big_in / small_in:.2f}; 10.0 is exactly linear); medians of 3",
    )


_EVENT = re.compile(rb"<event [^>]*>.*?</event>", re.S)
_GUID = re.compile(rb'guid="[^"]*"')


def replicate_frab(seed: bytes, events: int) -> bytes:
    """A schedule.xml with `events` events: the seed's first room's events, repeated with
    fresh guids, in rooms of 100 events each."""
    found = _EVENT.findall(seed)
    head = seed[: seed.find(b"<day ")]
    out = [head, b'<day index="1" date="2024-12-27">']
    for i in range(events):
        if i % 100 == 0:
            out.append(b"</room>" if i else b"")
            out.append(f'<room name="Room {i // 100}">'.encode())
        out.append(_GUID.sub(f'guid="bench-{i}"'.encode(), found[i % len(found)], count=1))
    out.append(b"</room></day></schedule>\n")
    return b"".join(out)


def _peak_streaming(path: Path) -> tuple[int, int]:
    from tripkit.importers import parse_stream

    tracemalloc.start()
    try:
        header, sessions = parse_stream(path, source=path.name)
        count = 0
        for _session in sessions:
            count += 1
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert header.complete
    return count, peak


def bench_import_peak_memory() -> Result:
    seed_path = CORPUS / "frab-xml" / "38c3.xml"
    if not seed_path.is_file():
        return Result("peak memory, 50k sessions", 0.0, "MB", extra="skipped: ../shared absent")
    seed = seed_path.read_bytes()
    from tripkit.importers import parse_stream

    # Import the parsers before measuring, so that module loading is not counted.
    _h, warm = parse_stream(CORPUS / "frab-xml" / "fosdem-2026.xml")
    next(warm)
    with tempfile.TemporaryDirectory() as tmp:
        small_path, big_path = Path(tmp) / "5k.xml", Path(tmp) / "50k.xml"
        small_path.write_bytes(replicate_frab(seed, 5_000))
        big_path.write_bytes(replicate_frab(seed, 50_000))
        size = big_path.stat().st_size
        n_small, small = _peak_streaming(small_path)
        n_big, big = _peak_streaming(big_path)
    assert (n_small, n_big) == (5_000, 50_000)
    per_session = (big - small) / 45_000
    return Result(
        name=f"peak memory streaming 50k sessions ({size // 2**20} MB schedule.xml)",
        value=big / 2**20,
        unit="MB",
        baseline_name="5k sessions",
        baseline=small / 2**20,
        target="growth <= 1 KB per extra session",
        ok=per_session <= 1024,
        extra=f"{per_session:.0f} bytes per extra session (its key, kept to make keys "
        "unique); tracemalloc peak, sessions consumed one at a time",
    )
