"""A held authorisation's kind as a person types and reads it in the trip editor.

tripkit matches a held authorisation to a scheme by the scheme's id (`kind: UK-ETA`). Now that
every sentence calls the scheme by its name ("No UK ETA is recorded in the trip"), a traveller
will type the name: "UK ETA", 「英国 ETA」 or the whole name are taken as the id, so the ETA
they hold counts. The editor also shows which scheme a kind is, or that tripkit knows none by
that name for the country (then it is kept as typed, and does not count for any scheme).
"""

from __future__ import annotations

from tripkit.catalog import entry_data
from tripkit.core.curated import AuthorisationScheme
from tripkit.core.scheme_names import DOCUMENTS, short_name
from tripkit.i18n import LANGS, country_name, tr


def _matching(kind: str, country: str) -> AuthorisationScheme | None:
    typed = " ".join(kind.split()).casefold()
    if not typed:
        return None
    for scheme in entry_data.schemes(country.strip()):
        words = {scheme.id}
        for lang in LANGS:
            words |= {scheme.name.get(lang), short_name(scheme, lang)}
        if typed in {" ".join(w.split()).casefold() for w in words}:
            return scheme
    return None


def scheme_kind(kind: str, country: str) -> str:
    """The id of the scheme for `country` that `kind` names (by id, name or short name, in
    English or Japanese, any case); `kind` as typed when it names none."""
    scheme = _matching(kind, country)
    return scheme.id if scheme is not None else kind.strip()


def kind_gloss(kind: str, country: str, lang: str) -> str:
    """What the editor shows under the kind: the scheme's name, or that tripkit knows no
    scheme by that name for the country (its checks will not count it)."""
    if not kind.strip() or not country.strip():
        return ""
    scheme = _matching(kind, country)
    if scheme is not None:
        return scheme.name.get(lang)
    if kind.strip().casefold() in DOCUMENTS:  # a green card: counted where the data says
        return tr(DOCUMENTS[kind.strip().casefold()], lang)
    return tr(
        "tripkit knows no scheme called “{kind}” for {country}: it is kept as written, and "
        "no entry check counts it",
        lang,
        kind=kind.strip(),
        country=country_name(country.strip(), lang),
    )
