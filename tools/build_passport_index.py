"""Build data/world/passport-index.tsv from the Passport Index dataset (secondary data).

Input: the tidy ISO-2 CSV bundled with the shared references,
    ../shared/reference/data/passport-index/passport-index-tidy-iso2.csv
(columns Passport, Destination, Requirement; 199 x 199 rows; origin and commit in ORIGINS.tsv
there: imorte/passport-index-data @ 9c59780dd0dbaefcbdfa0134d21cd99d0d547509, MIT,
"Last updated: 17 February 2026").

Output: a compact matrix (about 90 KB instead of 600 KB, and one split per row to load):
    first row   `passport` then every destination ISO code, sorted;
    other rows  a passport ISO code, then one short token per destination:
        vf   visa free, number of days unknown ("visa free")
        N    visa free for N days ("7" ... "360")
        voa  visa on arrival          eta  electronic travel authorisation
        ev   e-visa                   v    visa required
        na   no admission             -    own country ("-1")
        (empty) the dataset has no value for the pair
Rows are sorted by passport code, so the file is reproducible byte for byte.

Usage (from the repository root):
    python tools/build_passport_index.py            # write data/world/passport-index.tsv
    python tools/build_passport_index.py --check    # only verify the TSV against the CSV

Both modes verify every pair of the written (or existing) TSV against the CSV and exit 1 on
any difference. The curated rules in data/countries/ override this matrix where a newer
sourced fact exists; the dataset itself is never edited here.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared/reference/data/passport-index/passport-index-tidy-iso2.csv"
DEFAULT_OUT = ROOT / "data/world/passport-index.tsv"

TOKENS = {
    "visa free": "vf",
    "visa on arrival": "voa",
    "eta": "eta",
    "e-visa": "ev",
    "visa required": "v",
    "no admission": "na",
    "-1": "-",
}
VALUES = {token: value for value, token in TOKENS.items()}


def encode(requirement: str) -> str:
    requirement = requirement.strip()
    if requirement in TOKENS:
        return TOKENS[requirement]
    if requirement.isdigit() and 0 < int(requirement) <= 3650:
        return str(int(requirement))
    raise ValueError(f"unknown requirement value {requirement!r}")


def decode(token: str) -> str | None:
    if token == "":
        return None
    if token.isdigit():
        return token
    return VALUES[token]


def read_csv(path: Path) -> dict[tuple[str, str], str]:
    pairs: dict[tuple[str, str], str] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["Passport", "Destination", "Requirement"]:
            raise ValueError(f"{path}: unexpected header {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            key = (row["Passport"].strip(), row["Destination"].strip())
            if key in pairs:
                raise ValueError(f"{path}:{line}: duplicate pair {key}")
            pairs[key] = row["Requirement"].strip()
    return pairs


def build(pairs: dict[tuple[str, str], str]) -> str:
    passports = sorted({p for p, _ in pairs})
    destinations = sorted({d for _, d in pairs})
    lines = ["\t".join(["passport", *destinations])]
    for p in passports:
        cells = [encode(pairs[(p, d)]) if (p, d) in pairs else "" for d in destinations]
        lines.append("\t".join([p, *cells]))
    return "\n".join(lines) + "\n"


def read_tsv(text: str) -> dict[tuple[str, str], str | None]:
    rows = text.rstrip("\n").split("\n")
    header = rows[0].split("\t")
    if header[0] != "passport":
        raise ValueError("first cell of the TSV must be 'passport'")
    destinations = header[1:]
    out: dict[tuple[str, str], str | None] = {}
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"row {cells[0]}: {len(cells)} cells, expected {len(header)}")
        for d, token in zip(destinations, cells[1:], strict=True):
            out[(cells[0], d)] = decode(token)
    return out


def verify(pairs: dict[tuple[str, str], str], text: str) -> list[str]:
    """Every pair of the CSV must come back unchanged, and the TSV adds nothing."""
    back = read_tsv(text)
    problems: list[str] = []
    for key, value in pairs.items():
        if back.get(key) != value:
            problems.append(f"{key[0]}->{key[1]}: CSV {value!r}, TSV {back.get(key)!r}")
    for key, token in back.items():
        if key not in pairs and token is not None:
            problems.append(f"{key[0]}->{key[1]}: TSV has {token!r}, CSV has no row")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    pairs = read_csv(args.csv)
    if args.check:
        text = args.out.read_text(encoding="utf-8")
    else:
        text = build(pairs)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8", newline="\n")
    problems = verify(pairs, text)
    for problem in problems[:20]:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} pair(s) differ", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(pairs)} pairs verified against {args.csv.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
