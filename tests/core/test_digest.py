"""tripkit.core.digest's SHA-256 is hashlib's (the kept checklist's key must not change with
the implementation), and the TUI's start path does not load OpenSSL for it."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from tripkit.core.digest import sha256


@pytest.mark.parametrize("data", [b"", b"abc", "東京\0Brussels".encode(), bytes(range(256)) * 500])
def test_the_same_digest_as_hashlib(data: bytes) -> None:
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    h, ref = sha256(), hashlib.sha256()
    for n in range(0, len(data), 7):
        h.update(data[n : n + 7])
        ref.update(data[n : n + 7])
    assert h.digest() == ref.digest()


def test_the_kept_checklist_key_loads_no_openssl() -> None:
    code = (
        "import sys\n"
        "import tripkit.services.checklist_cache, tripkit.store.checklist_cache, tripkit.cldr\n"
        "print('_hashlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
