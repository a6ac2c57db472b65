"""SHA-256 without loading OpenSSL.

`hashlib` imports `_hashlib`, which maps OpenSSL's libcrypto: ~0.6 MB of resident memory in a
process that hashes a few kilobytes (the kept checklist's digest, tripkit.services.
checklist_cache, and CLDR's cache key, tripkit.cldr, both on the TUI's start path; issue 10:
RSS <= 1.5x a bare Textual app). CPython's own built-in SHA-256 gives the same digests
(tests/core/test_digest.py); hashlib's is used where that module is absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256 as sha256
else:
    try:
        from _sha2 import sha256  # CPython 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.11
        except ImportError:  # another interpreter: the standard module
            from hashlib import sha256

__all__ = ["sha256"]
