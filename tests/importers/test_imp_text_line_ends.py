"""`clean_block` reads CRLF and lone CR line ends as LF, whatever mix a text holds (one regex
pass since issue 13's speed work, in place of replacing CRLF and then CR)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tripkit.importers.text import clean_block


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\r\n ab<>&*_#`]\t\x1b", max_size=40))
def test_crlf_and_cr_are_read_as_lf(text: str) -> None:
    as_lf = text.replace("\r\n", "\n").replace("\r", "\n")
    assert clean_block(text) == clean_block(as_lf)
    assert clean_block(text, checked=True) == clean_block(as_lf, checked=True)


def test_mixed_line_ends() -> None:
    assert clean_block("a\r\r\nb\n\rc\r\n\r\nd") == "a\n\nb\n\nc\n\nd"
