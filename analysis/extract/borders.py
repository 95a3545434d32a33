"""The receiving state's view of a border crossing: soldiers who 'crossed the border' reported by a neighbouring
state's agency or outlet, which need not name its own country (docs/EVENTS.md, troops_fled)."""

from __future__ import annotations

import re
from typing import Sequence

# outlets of Afghanistan's neighbours (names as in analysis/data/outlets.csv)
OUTLET_COUNTRY: dict[str, str] = {
    "asia-plus": "Tajikistan", "avesta": "Tajikistan", "khovar": "Tajikistan",
    "kun.uz": "Uzbekistan", "gazeta.uz": "Uzbekistan",
    "irna": "Iran", "tasnim": "Iran", "press tv": "Iran", "fars": "Iran", "mehr": "Iran", "isna": "Iran",
    "tehran times": "Iran", "al-alam": "Iran",
    "dawn": "Pakistan", "express tribune": "Pakistan", "geo news": "Pakistan", "the news international": "Pakistan",
    "app": "Pakistan",
}
DEMONYMS: dict[str, str] = {
    "tajik": "Tajikistan", "tajikistan": "Tajikistan", "uzbek": "Uzbekistan", "uzbekistan": "Uzbekistan",
    "iran": "Iran", "iranian": "Iran", "pakistan": "Pakistan", "pakistani": "Pakistan",
    "turkmen": "Turkmenistan", "turkmenistan": "Turkmenistan", "china": "China", "chinese": "China",
}
# a neighbouring state's agency speaking ("Tajikistan's border agency", "the Uzbek defence ministry")
_AGENCY = re.compile(
    r"\b(tajik|tajikistan|uzbek|uzbekistan|iran|iranian|pakistan|pakistani|turkmen|turkmenistan|china|chinese)"
    r"(?:'s|’s)?\s+(?:\w+\s+){0,4}?(?:border\s+(?:guards?|agency|service|troops|police|forces)|agency|agencies|"
    r"officials?|authorities|ministry|government|state|military|army|forces|committee|service|spokes(?:man|woman|"
    r"person)|embassy|envoy)\b|\b(?:committee|ministry|service|agency)\s+(?:\w+\s+){0,5}?of\s+(?:the\s+republic\s+of\s+)?"
    r"(tajikistan|uzbekistan|iran|pakistan|turkmenistan)\b",
    re.I)
# the receiving state's own acts: it detains, registers, disarms or shelters who crossed
_RECEIVING = re.compile(
    r"\b(?:detain\w*|receiv\w*|admitt\w*|register\w*|disarm\w*|host\w*|accommodat\w*|interned|hand(?:ed)?\s+over\s+"
    r"their\s+weapons|let\s+in|allowed\s+(?:\w+\s+){0,3}(?:in|to\s+enter))\b",
    re.I)
_DEMONYM_BORDER = re.compile(
    r"\b(tajik|uzbek|iranian|pakistani|turkmen|chinese|tajikistan|uzbekistan|iran|pakistan|turkmenistan)"
    r"(?:-afghan|\s+side\s+of\s+the)?\s+(?:border|frontier)\b",
    re.I)


def agency_country(text: str) -> str:
    """The neighbouring state whose agency speaks in a text ('' when none)."""
    m = _AGENCY.search(text)
    if m is None:
        return ""
    return DEMONYMS.get((m.group(1) or m.group(2) or "").lower(), "")


def demonym_border(text: str) -> str:
    """The country of a 'crossed the Tajik border' phrase ('' when none)."""
    m = _DEMONYM_BORDER.search(text)
    return DEMONYMS.get(m.group(1).lower(), "") if m else ""


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
    return OUTLET_COUNTRY.get(outlet.strip().lower(), "")


COUNTRY_WORDS: dict[str, str] = {
    "tajikistan": "Tajikistan", "tajik": "Tajikistan", "iran": "Iran", "iranian": "Iran",
    "uzbekistan": "Uzbekistan", "uzbek": "Uzbekistan", "pakistan": "Pakistan", "pakistani": "Pakistan",
    "turkmenistan": "Turkmenistan", "turkmen": "Turkmenistan", "china": "China", "chinese": "China",
}

_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRY_WORDS, key=len, reverse=True)) + r")\b", re.I)

# border crossing (normalized name) -> neighbouring country; used when the gazetteer has none
CROSSING_NEIGHBOUR: dict[str, str] = {
    "islam qala": "Iran", "islam qaleh": "Iran", "milak": "Iran", "abu nasr farahi": "Iran",
    "mahirud": "Iran", "zaranj": "Iran",
    "spin boldak": "Pakistan", "wesh": "Pakistan", "chaman": "Pakistan", "torkham": "Pakistan",
    "ghulam khan": "Pakistan", "angoor adda": "Pakistan", "dand-e-patan": "Pakistan", "dand patan": "Pakistan",
    "bahramcha": "Pakistan", "nawa pass": "Pakistan",
    "torghundi": "Turkmenistan", "turghundi": "Turkmenistan", "aqina": "Turkmenistan", "aqena": "Turkmenistan",
    "imam nazar": "Turkmenistan",
    "hairatan": "Uzbekistan", "hayratan": "Uzbekistan",
    "shir khan bandar": "Tajikistan", "sher khan bandar": "Tajikistan", "shirkhan bandar": "Tajikistan",
    "ishkashim": "Tajikistan", "eshkashem": "Tajikistan", "ai khanum": "Tajikistan", "kokul": "Tajikistan",
    "khwahan": "Tajikistan", "darqad": "Tajikistan", "dasht-e-qala": "Tajikistan",
}

# provinces with a single neighbouring country ("fled across the border" from there)
PROVINCE_NEIGHBOUR: dict[str, str] = {
    "farah": "Iran", "kunduz": "Tajikistan", "takhar": "Tajikistan", "jawzjan": "Turkmenistan",
    "faryab": "Turkmenistan", "badghis": "Turkmenistan", "kandahar": "Pakistan", "helmand": "Pakistan",
    "nangarhar": "Pakistan", "kunar": "Pakistan", "paktia": "Pakistan", "paktika": "Pakistan",
    "khost": "Pakistan", "zabul": "Pakistan", "nuristan": "Pakistan",
}

# towns across the border (not in the Afghan gazetteer) -> their country; used only for a destination.
# Names shared with an Afghan place (Darvoz/Darwaz, Milak) are left out.
FOREIGN_TOWNS: dict[str, str] = {
    "termez": "Uzbekistan", "termiz": "Uzbekistan", "tashkent": "Uzbekistan", "surkhandarya": "Uzbekistan",
    "bokhtar": "Tajikistan", "bohtar": "Tajikistan", "qurghonteppa": "Tajikistan", "kurgan-tyube": "Tajikistan",
    "dushanbe": "Tajikistan", "kulob": "Tajikistan", "khorog": "Tajikistan", "kalaikhum": "Tajikistan",
    "shuroobod": "Tajikistan",
    "mashhad": "Iran", "dogharoun": "Iran", "dogharun": "Iran", "taybad": "Iran", "zahedan": "Iran", "zabol": "Iran",
    "tehran": "Iran",
    "chaman": "Pakistan", "chitral": "Pakistan", "quetta": "Pakistan", "peshawar": "Pakistan", "landi kotal": "Pakistan",
    "bajaur": "Pakistan", "islamabad": "Pakistan",
    "serhetabat": "Turkmenistan", "kushka": "Turkmenistan", "ashgabat": "Turkmenistan", "imamnazar": "Turkmenistan",
}

_FOREIGN_TOWN_RE = re.compile(
    r"(?<![\w\-‐])(" + "|".join(sorted((re.escape(k) for k in FOREIGN_TOWNS), key=len, reverse=True)) + r")\b(?![\-‐])",
    re.I)
