"""The frab XML importer's output on every corpus .xml file, pinned by a digest.

Why: the importer is tuned for speed (issue 13: import <= 1.3x the bare defusedxml parse), and
speed work must preserve behaviour exactly. Each digest (`import_digest.digest`) is the sha256
of a canonical JSON dump of everything an import gives: the header (title, zone, format), every
session's fields in order (times with their offset, IANA zone key and fold; speakers; which
fields are set) and every warning (its English text and its msgid). The digests were
recorded with the importer as it was before the speed work (commit 8aeb78e); any change to any
field of any session changes them. The files are imported twice: as they are, and with a --tz
that differs from the file's zone (so the explicit-offset path converts every instant, and
the --tz warning is made).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_digest import digest

pytestmark = pytest.mark.corpus

TZ_OTHER = "America/New_York"

# (file, --tz) -> `import_digest.digest`, recorded before the speed work.
EXPECTED = {
    ("frab-xml/38c3.xml", None): (
        "1f1714763c388416ab1387f15246132f94c0fc8e0122761c98bf6a69c7a5fdf5"
    ),
    ("frab-xml/38c3.xml", TZ_OTHER): (
        "f1add8a7d6af7f4b323e0b251fb825f6e1529c5942ee3b66988d18e44758afb2"
    ),
    ("frab-xml/fosdem-2025.xml", None): (
        "0a137e28c61bafd33fbde003f06cd8d13b06fd12017e8683c2b1e11ec159f517"
    ),
    ("frab-xml/fosdem-2025.xml", TZ_OTHER): (
        "d3b5752b8a00e1856c39b876624923cb4ccc7c4e5c7dfc427bf607b64bf3ec18"
    ),
    ("frab-xml/fosdem-2026.xml", None): (
        "4e1d5d2feb84120893b1450e2a337cbaf76008a53bbc64993a45bcb75564d63b"
    ),
    ("frab-xml/fosdem-2026.xml", TZ_OTHER): (
        "4c7c8ba62858137986fd94f2ac69c22bf0da1124aeeba5a39ad91eeaf30bcdd8"
    ),
}


def test_every_corpus_xml_file_is_pinned(corpus: Path) -> None:
    """A new .xml in the corpus gets a digest too (recorded before it may be relied on)."""
    files = {str(p.relative_to(corpus)) for p in corpus.rglob("*.xml")}
    assert files == {rel for rel, _tz in EXPECTED}


@pytest.mark.parametrize(("rel", "tz"), sorted(EXPECTED, key=str))
def test_xml_import_output_is_unchanged(corpus: Path, rel: str, tz: str | None) -> None:
    assert digest(corpus, rel, tz) == EXPECTED[(rel, tz)]
