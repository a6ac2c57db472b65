"""Authorisation schemes by the names a traveller reads, not their ids.

A scheme's id ("UK-ETA", "AU-ETA", "Schengen-visa") is the key the data and the trip file use
(a held authorisation's `kind`, `--json`); a sentence says the scheme's name in the reader's
language. The data writes each name as "SHORT (long form)" (`UK ETA (Electronic Travel
Authorisation)`, 「英国 ETA(電子渡航認証)」): the short part is what a sentence that names the
scheme again and again says ("Your UK ETA ends ..."), the whole name is what a heading says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tripkit.core import wiring

if TYPE_CHECKING:  # a cold checklist reads lean copies, without pydantic (issue 13)
    from tripkit.core.curated import AuthorisationScheme


def short_name(scheme: AuthorisationScheme, lang: str) -> str:
    """The name without its bracketed long form: "UK ETA", 「英国 ETA」, "ESTA", "K-ETA";
    the whole name when it has no brackets ("EVUS enrollment")."""
    name = scheme.name.get(lang)
    for bracket in (" (", "(", "("):
        head = name.split(bracket, 1)[0].strip()
        if head and head != name:
            return head
    return name


def named_once(scheme: AuthorisationScheme, lang: str, gloss: str) -> str:
    """The whole name, or the short one when its bracketed long form only repeats `gloss`,
    the kind of document the same sentence names: "need UK ETA ... (electronic travel
    authorisation)", not "UK ETA (Electronic Travel Authorisation) ... (electronic travel
    authorisation)"; a long form that says more ("ESTA (Visa Waiver Program)", "US visitor
    visa (B-1/B-2)") is kept."""
    name = scheme.name.get(lang)
    short = short_name(scheme, lang)
    long_form = name[len(short) :].strip()
    for opening, closing in (("(", ")"), ("(", ")")):
        long_form = long_form.removeprefix(opening).removesuffix(closing)
    # (the data spells Canada's eTA "Authorization", the gloss is British "authorisation")
    same = long_form.casefold().replace("iz", "is") == gloss.strip().casefold().replace("iz", "is")
    return short if same else name


# The document kinds the data's `exempt_if_holds` names that are no scheme (data/countries
# us.yaml, ca.yaml, gb.yaml), by what they are.
DOCUMENTS = {
    "us-green-card": "US green card (lawful permanent residence)",
    "ie-residence": "permission to live in Ireland",
}


def held_name(kind: str, country: str, lang: str) -> str:
    """A held authorisation or document (the `kind` the traveller recorded, for `country`) by
    its scheme's short name ("UK-ETA" for GB -> "UK ETA", 「英国 ETA」); a kind that is no
    curated scheme's id is the traveller's own words, shown as typed."""
    scheme = scheme_by_id(kind, wiring.country_schemes(country)) if country else None
    if scheme is not None:
        return short_name(scheme, lang)
    if kind.casefold() in DOCUMENTS:
        return wiring.tr(DOCUMENTS[kind.casefold()], lang)
    return kind


def scheme_by_id(
    scheme_id: str, schemes: Iterable[AuthorisationScheme]
) -> AuthorisationScheme | None:
    """The scheme whose id is `scheme_id` (ids match regardless of case, as a held
    authorisation's kind does), None when none is."""
    wanted = scheme_id.casefold()
    return next((s for s in schemes if s.id.casefold() == wanted), None)
