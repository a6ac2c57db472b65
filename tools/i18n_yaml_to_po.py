"""Merge English -> Japanese YAML catalogs into tripkit's gettext catalog and recompile it.

    python tools/i18n_yaml_to_po.py [--delete] tripkit/locale/ja/NEW.yaml...

Each YAML file maps English text (the msgid, exactly as the code passes it to `tr`) to its
Japanese text. A plural entry maps the English singular to a mapping with the English plural
and the Japanese text (Japanese has one form):

    "{n} session": {plural: "{n} sessions", ja: "{n}件のセッション"}

Entries are merged into tripkit/locale/ja/LC_MESSAGES/tripkit.po (a file given later wins over
an earlier one and over the .po; each changed translation is reported on stderr), the .po is
rewritten sorted, and tripkit.mo is compiled from it. With --delete the YAML files are removed
once merged, so that nothing but the gettext catalog is left to drift.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "tripkit" / "locale"
DOMAIN = "tripkit"
# A fixed creation date: the header must not change (and conflict at merges) on every run.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def po_path(lang: str = "ja") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_po(path: Path, lang: str = "ja") -> Catalog:
    if path.is_file():
        with path.open("rb") as f:
            return read_po(f, locale=lang, domain=DOMAIN)
    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="tripkit",
        version="",
        copyright_holder="tripkit",
        msgid_bugs_address="",
        creation_date=EPOCH,
        revision_date=EPOCH,
        fuzzy=False,
    )


def entries(path: Path) -> list[tuple[str | tuple[str, str], str | tuple[str]]]:
    """The (msgid, msgstr) pairs of one YAML catalog; a plural msgid is (singular, plural)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping of English text to Japanese text")
    out: list[tuple[str | tuple[str, str], str | tuple[str]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            if set(value) != {"plural", "ja"}:
                raise SystemExit(f"{path}: {key!r}: a plural entry has exactly `plural` and `ja`")
            out.append(((str(key), str(value["plural"])), (str(value["ja"]),)))
        elif value is None or isinstance(value, list):
            raise SystemExit(f"{path}: {key!r}: the translation is missing")
        else:
            out.append((str(key), str(value)))
    return out


def merge(catalog: Catalog, files: list[Path]) -> int:
    """Add or replace the files' entries in `catalog`; the number of changed translations."""
    changed = 0
    for path in files:
        for msgid, msgstr in entries(path):
            key = msgid[0] if isinstance(msgid, tuple) else msgid
            old = catalog.get(key)
            if old is not None and old.string and old.string != msgstr:
                changed += 1
                print(f"{path.name}: {key!r}: {old.string!r} -> {msgstr!r}", file=sys.stderr)
            if old is not None and old.id != msgid:
                del catalog[key]  # e.g. a plain string that became a plural one
                old = None
            if old is None:
                catalog.add(msgid, msgstr)
            else:  # Catalog.add would keep the old translation: replace it
                old.string = msgstr
    return changed


def save(catalog: Catalog, po: Path) -> Path:
    """Write the .po (sorted, unwrapped: greppable, stable diffs) and compile the .mo."""
    po.parent.mkdir(parents=True, exist_ok=True)
    catalog.revision_date = EPOCH
    with po.open("wb") as f:
        write_po(f, catalog, width=0, sort_output=True, omit_header=False)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as f:
        write_mo(f, catalog)
    return mo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="YAML catalogs (English: Japanese)")
    parser.add_argument("--delete", action="store_true", help="remove the YAML files once merged")
    parser.add_argument("--lang", default="ja")
    parser.add_argument("--po", type=Path, help="the .po to merge into (default: tripkit's own)")
    args = parser.parse_args(argv)
    po = args.po or po_path(args.lang)
    catalog = load_po(po, args.lang)
    before = len(catalog)
    changed = merge(catalog, args.files)
    mo = save(catalog, po)
    added = len(catalog) - before
    print(f"{po}: {added} new, {changed} changed, {len(catalog)} in all")
    print(f"compiled {mo}")
    if args.delete:
        for path in args.files:
            path.unlink()
            print(f"deleted {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
