"""The receiving state's view of a border crossing: soldiers who 'crossed the border' reported by a neighbouring
state's agency or outlet, which need not name its own country (docs/EVENTS.md, troops_fled)."""

from __future__ import annotations

import re
from typing import Sequence

from analysis.extract.gazetteer import country_words, foreign_places
from analysis.ingest.outlets import outlet_country

# names, demonyms and adjectives of the neighbouring countries: analysis/data/countries.csv
COUNTRY_WORDS: dict[str, str] = country_words()
DEMONYMS: dict[str, str] = COUNTRY_WORDS
_COUNTRY_ALT = "|".join(sorted(COUNTRY_WORDS, key=len, reverse=True))
_COUNTRY_NAMES = "|".join(sorted({c.lower() for c in COUNTRY_WORDS.values()}, key=len, reverse=True))
# the neighbours' capitals, which stand for their governments as speakers
NEIGHBOUR_CAPITALS: dict[str, str] = {"tashkent": "Uzbekistan", "dushanbe": "Tajikistan", "tehran": "Iran",
                                      "islamabad": "Pakistan", "ashgabat": "Turkmenistan", "ashkhabad": "Turkmenistan"}
_NEIGHBOUR_CAPITALS = "|".join(NEIGHBOUR_CAPITALS)
# the neighbours' security services by their own names, which name no state
AGENCY_STATES: dict[str, str] = {"state committee for national security": "Tajikistan", "gknb": "Tajikistan",
                                 "inter services public relations": "Pakistan", "ispr": "Pakistan",
                                 "state border protection committee": "Uzbekistan", "state security service": "Uzbekistan"}
AGENCY_NAMES = "|".join(k.replace(" ", r"[\s\-]+") for k in sorted(AGENCY_STATES, key=len, reverse=True))
# a neighbouring state's agency speaking ("Tajikistan's border agency", "the Uzbek defence ministry")
_AGENCY = re.compile(
    rf"\b({AGENCY_NAMES})\b|"  # ("the State Committee for National Security said")
    rf"\b({_COUNTRY_ALT})"
    r"(?:'s|’s)?\s+(?:\w+\s+){0,4}?(?:border\s+(?:guards?|agency|service|troops|police|forces)|agency|agencies|"
    r"officials?|authorities|ministry|government|state|military|army|forces|committee|service|spokes(?:man|woman|"
    r"person)|embassy|envoy)\b|\b(?:committee|ministry|service|agency)\s+(?:\w+\s+){0,5}?of\s+(?:the\s+republic\s+of\s+)?"
    rf"({_COUNTRY_NAMES})\b|"
    # the state itself as the speaker ("Tajikistan said on Monday that ...", "Tashkent said they would be returned")
    rf"\b({_COUNTRY_NAMES}|{_NEIGHBOUR_CAPITALS})\s+(?:(?:has|had|also|later)\s+)?(?:said|says|reported|reports|announced|confirmed|stated)\b|"
    # a clause opened by the side of the border that speaks ("On the Iranian side, the border guards said ...")
    rf"\bon\s+the\s+({_COUNTRY_ALT})\s+side\s+of\s+the\s+border\s*,|\bon\s+the\s+({_COUNTRY_ALT})\s+side\s*,|"
    # officials of a town across the border ("officials in the Tajik town of Khorog said")
    rf"\b(?:officials?|authorities)\s+in\s+the\s+({_COUNTRY_ALT})\s+(?:town|city|province|region|district)\b",
    re.I)
# the receiving state's own acts: it detains, registers, disarms or shelters who crossed
_RECEIVING = re.compile(
    r"\b(?:detain\w*|receiv\w*|admitt\w*|register\w*|disarm\w*|host\w*|accommodat\w*|interned|sheltered|hand(?:ed)?\s+over\s+"
    r"their\s+weapons|let(?:\s+in)?(?=\s|$)|(?:allowed|permitted)\s+(?:[\w,]+\s+){0,4}(?:in|to\s+enter))\b",
    re.I)
_DEMONYM_BORDER = re.compile(
    rf"\b({_COUNTRY_ALT})"
    r"(?:(?:-afghan|\s+side\s+of\s+the)?\s+(?:border|frontier)\b|\s+side\b)",  # "the Tajik border", "to the Iranian side"
    re.I)


def agency_country(text: str) -> str:
    """The neighbouring state whose agency speaks in a text ('' when none)."""
    m = _AGENCY.search(text)
    if m is None:
        issued = _ISSUED_IN.search(text) or _OFFICE_ABROAD.search(text) or _DATELINE_TOWN.search(text)  # "a statement
        # issued in Ashgabat", "the border regiment in Khorasan Razavi", "Ashgabat, 10 July"
        return FOREIGN_TOWNS.get(issued.group(1).lower(), "") if issued is not None else ""
    word = next((g for g in m.groups() if g), "").lower()
    return DEMONYMS.get(word, "") or NEIGHBOUR_CAPITALS.get(word, "") or AGENCY_STATES.get(re.sub(r"[\s\-]+", " ", word), "")


# the next sentence about the men who crossed: they were detained, received or returned, or "they" are its subject
_ABOUT_THEM = re.compile(r"\W*(?:they|the\s+(?:men|soldiers|troops|servicemen|group))\b", re.I)


def receiving_after(next_text: str) -> str:
    """The neighbour whose agency detains, receives or speaks of the men in the sentence after a crossing ('')."""
    if not (_RECEIVING.search(next_text) or _ABOUT_THEM.match(next_text)):
        return ""
    return agency_country(next_text)


def demonym_border(text: str) -> str:
    """The country of a 'crossed the Tajik border' phrase ('' when none)."""
    m = _DEMONYM_BORDER.search(text)
    return DEMONYMS.get(m.group(1).lower(), "") if m else ""


def receiving_act(words: str) -> bool:
    """True when words open on the receiving state's own act ('detained', 'received', 'disarmed')."""
    return _RECEIVING.match(words) is not None


def receiving_state(text: str, before: Sequence[str], outlet: str) -> str:
    """The state that received soldiers who 'crossed the border': its agency in the sentence, else (when the
    sentence tells of detaining or receiving them) its agency in the sentences before, else the outlet's state."""
    country = agency_country(text)
    if country:
        return country
    if _RECEIVING.search(text):
        for prev in reversed(before):
            country = agency_country(prev)
            if country:
                return country
    return outlet_country(outlet)


_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRY_WORDS, key=len, reverse=True)) + r")\b", re.I)

# towns across the border (not in the Afghan gazetteer) -> their country, used only for a destination:
# analysis/data/foreign_places.csv
FOREIGN_TOWNS: dict[str, str] = foreign_places()

_FOREIGN_TOWN_ALT = "|".join(sorted((re.escape(k) for k in FOREIGN_TOWNS), key=len, reverse=True))
_FOREIGN_TOWN_RE = re.compile(r"(?<![\w\-‐])(" + _FOREIGN_TOWN_ALT + r")\b(?![\-‐])", re.I)

# a statement that came from a town across the border ("a statement issued in Ashgabat", "officials in Termez")
_ISSUED_IN = re.compile(
    r"\b(?:statement|announcement|communiqu[ée]|officials?|authorities|sources?)\s+(?:[\w\-]+\s+){0,2}?(?:in|from)\s+"
    r"(" + _FOREIGN_TOWN_ALT + r")\b", re.I)
# an office of a region across the border ("the provincial governor of Sistan-Baluchestan")
_OFFICE_ABROAD = re.compile(r"\b(?:governor|governorate|police|border\s+(?:guards?|regiment|service|troops|command|unit|detachment))"
                            r"\s+(?:[\w\-]+\s+){0,2}?(?:of|in)\s+"
                            r"(?:the\s+)?(" + _FOREIGN_TOWN_ALT + r")\b", re.I)
def issued_abroad(phrase: str) -> bool:
    """Whether a speaker phrase places its speaker in a town across the border ('officials in Termez')."""
    return _ISSUED_IN.search(phrase) is not None or _OFFICE_ABROAD.search(phrase) is not None


# a dateline naming a town across the border at the start of a line ("Ashgabat, 10 July (TDH).")
_DATELINE_TOWN = re.compile(
    r"(?:^|\n)\s*(" + _FOREIGN_TOWN_ALT + r")\s*[,(—–]", re.I)
