"""Countries as a person types and reads them in a form: a code ("IN") or a name ("India",
「インド」) in, the country's name shown beside the code out.

A form field keeps ISO codes (what the trip file stores and the entry data matches), but a
code alone is easy to get wrong unseen ("IN" is India, "ID" Indonesia), so the editor shows
the name of each code typed; and a traveller who types the name gets the code. Names are
CLDR's (tripkit.i18n.country_name), in English and Japanese whatever the UI language, plus a
few everyday short forms CLDR does not list.
"""

from __future__ import annotations

import re
from functools import cache

from tripkit.i18n import LANGS, country_name, tr

_CODE = re.compile(r"[A-Za-z]{2}")

# Everyday names that are not CLDR's (CLDR says "United States", 「アメリカ合衆国」).
SHORT_FORMS = {
    "usa": "US",
    "america": "US",
    "great britain": "GB",
    "britain": "GB",
    "korea": "KR",
    "アメリカ": "US",
    "米国": "US",
    "英国": "GB",
    "香港": "HK",
}


# CLDR's two-letter groupings and placeholders that are no country ("ZZ": Unknown Region).
NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})


@cache
def _by_name() -> dict[str, str]:
    from tripkit.cldr import territory_names

    out: dict[str, str] = {}
    for lang in LANGS:
        for code, name in territory_names(lang).items():
            if _CODE.fullmatch(code) and code not in NOT_COUNTRIES:
                out.setdefault(name.casefold(), code)
    for name, code in SHORT_FORMS.items():
        out.setdefault(name.casefold(), code)
    return out


def split(text: str) -> list[str]:
    """The entries of a list field: separated by commas (or Japanese 、)."""
    return [p.strip() for p in text.replace("、", ",").split(",") if p.strip()]


def country_code(text: str) -> str:
    """The code for what was typed: a two-letter code as it is (upper case), a country's name
    (English or Japanese, any case) as its code; anything else unchanged (the trip's own check
    then says what a code looks like)."""
    typed = text.strip()
    if typed.upper() == "UK":
        return "GB"  # reserved by ISO for the United Kingdom, whose code is GB
    if _CODE.fullmatch(typed):
        return typed.upper()
    return _by_name().get(typed.casefold(), typed)


def country_codes(text: str) -> str:
    """A list field's text with each name turned into its code: "India, brazil" -> "IN, BR"."""
    return ", ".join(country_code(p) for p in split(text))


def country_gloss(text: str, lang: str) -> str:
    """The names of the countries typed, to show beside the field: "India, Brazil" /
    「インド、ブラジル」; two letters no country has are said so ("XX: no such country code");
    other text is left to the field's error."""
    names = []
    for part in split(text):
        code = country_code(part)
        if not _CODE.fullmatch(code):
            continue  # not two letters: the field's own error says what to write
        name = country_name(code, lang) if code not in NOT_COUNTRIES else code
        if name == code:  # two letters the trip's check takes, but no country's
            names.append(tr("{code}: no such country code", lang, code=part))
        else:
            names.append(name)
    return ("、" if lang == "ja" else ", ").join(names)
