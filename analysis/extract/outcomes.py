"""What followed a capital's entry (fell, repelled, contested), read from cues in the sentence and its
neighbours about the same city."""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.extract.refs import _as_capital, _place_id
from analysis.extract.triggers import _BY_TALIBAN
from analysis.records import Place


_OUTCOME_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("repelled", re.compile(
        r"\b(?:repell?(?:ed|ing)|repuls(?:ed|ing)|pushed\s+(?:\w+\s+){0,3}?(?:back|out)|push\s+(?:\w+\s+){0,3}?back|"
        r"driven\s+(?:\w+\s+)?out|drove\s+(?:\w+\s+){0,3}?out|driving\s+(?:\w+\s+){0,3}?out|"
        r"cleared\s+(?:\w+\s+){0,3}?of|clearing\s+(?:\w+\s+){0,3}?of|re-?took|re-?taken|recaptured|"
        r"wrest(?:ed)?\s+back|took\s+back|taken\s+back|take\s+back|regained|beaten\s+back|forced\s+to\s+retreat|"
        r"retreat(?:ed|ing)|expelled|driven\s+back|drove\s+(?:\w+\s+){0,2}?back|driving\s+(?:\w+\s+){0,2}?back|"
        r"cleared\s+the\s+city)\b", re.I)),
    ("fell", re.compile(
        rf"\b(?:(?:city|town|capital|it)\s+(?:\w+\s+){0,2}?(?:fell|has\s+fallen|had\s+fallen|collapsed)|under\s+(?:the\s+)?(?:full\s+|complete\s+)?"
        rf"(?:taliban(?:'s|’s)?\s+control|control\s+of\s+{_BY_TALIBAN}|their\s+control)|in\s+(?:taliban|their)\s+hands|"
        rf"(?:captured|seized|overran|took\s+(?:full\s+)?control\s+of)\s+the\s+(?:city|town|provincial\s+capital))\b", re.I)),
    ("contested", re.compile(
        r"\b(?:fighting|battling|clashes|clashing|battles?|gunfire)\s+(?:\w+\s+){0,5}?(?:continu\w*|rag\w*|going\s+on|under\s*way|"
        r"inside|in\s+the\s+(?:city|town|streets)|erupt\w*\s+in\s+the\s+city)|"
        r"(?:continu\w*|rag\w*|ongoing)\s+(?:\w+\s+){0,2}?(?:fighting|clashes)|street\s+fighting|"
        r"fighting\s+continue\s*s|(?:fighting|clashes|battles)\s+(?:\w+\s+){0,2}?(?:spread|raged?)\s+(?:through|across|in)|"
        r"clashes\s+in\s+(?:residential|the)|street\s+battles\b", re.I)),
]

_OUTCOME_KEYS: dict[str, tuple[str, ...]] = {  # stems every match of an outcome cue contains
    "repelled": ("repel", "repuls", "push", "driv", "drove", "clear", "took", "taken", "take", "recaptur", "wrest",
                 "regain", "beaten", "retreat", "expel"),
    "fell": ("fell", "fallen", "collapsed", "control", "hands", "captured", "seized", "overran", "took"),
    "contested": ("fighting", "clashes", "clashing", "battl", "gunfire"),
}

_OUTCOME_RANK = {"repelled": 3, "fell": 2, "contested": 1, "unknown": 0, "": 0}

@lru_cache(maxsize=8192)
def _outcome_cues_of(text: str) -> tuple[str, ...]:
    """The outcome cues ('repelled', 'fell', 'contested') a sentence holds."""
    low = text.lower()
    return tuple(name for name, rx in _OUTCOME_CUES if any(k in low for k in _OUTCOME_KEYS[name])
                 and any(name != "repelled" or not _gov_retreat(text, m) for m in rx.finditer(text)))

def _gov_retreat(text: str, m: re.Match[str]) -> bool:
    """True for 'government forces retreated to the airport': a retreat whose subject is the government
    side means the city fell, not that the attack was repelled."""
    if not m.group(0).lower().startswith("retreat"):
        return False
    subject = re.split(r"[,;:]", text[max(0, m.start() - 80):m.start()])[-1]
    return bool(_GOV_AGENT.search(subject) or re.search(r"\bofficials\b", subject, re.I)) and \
        not _TALIBAN_AGENT.search(subject)

_GOV_AGENT = re.compile(
    r"\b(?:government|afghan|security|national|special|pro-government|defen[cs]e)\s+(?:forces|troops|commandos)|"
    r"\bcommandos\b|\b(?:the\s+)?army\b|\bsoldiers\b|\bpolice\b|\btroops\b|\bmilitia(?:men)?\b|\bwe\b|\bour\s+forces\b",
    re.I)

_TALIBAN_AGENT = re.compile(r"\b(?:taliban|insurgents?|militants?|rebels|enemy|fighters|they|mujah[ie]d(?:ee|i)n)\b", re.I)


class OutcomeReader:
    """Extractor methods that tell what followed a capital's entry."""

    def _outcome(self, i: int, place: Place, own: set[str]) -> str:
        """What followed an entry: the strongest cue in the sentence and its neighbours about the same city."""
        best = max(own, key=lambda o: _OUTCOME_RANK.get(o, 0)) if own else "unknown"
        pid = _place_id(place)
        for j in (i, i + 1, i - 1):
            if not 0 <= j < len(self.sents):
                continue
            sj = self.sents[j]
            caps = {_place_id(c) for r in sj.refs if not r.in_speaker and not r.peripheral
                    for c in [_as_capital(r, self.gaz)] if c is not None}
            if caps and pid not in caps:
                continue
            if j != i and not caps and not re.search(r"\b(?:city|town|capital|they|enemy|taliban|advance|attack)\b",
                                                     sj.text, re.I):
                continue
            for name in _outcome_cues_of(sj.text):
                if _OUTCOME_RANK[name] > _OUTCOME_RANK.get(best, 0):
                    if name == "repelled" and re.search(r"\boutskirts\b[^.]{0,40}cleared", sj.text, re.I) and \
                            not re.search(r"(?:city|town)\s+(?:was|has\s+been|had\s+been)\s+cleared", sj.text, re.I):
                        continue
                    best = name
        return best or "unknown"
