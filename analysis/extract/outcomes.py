"""What followed a capital's entry (fell, repelled, contested), read from cues in the sentence and its
neighbours about the same city."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from analysis.extract import vocabulary
from analysis.extract.refs import HELP_FROM_BEFORE, _as_capital, _place_id
from analysis.extract.stems import guard_stems
from analysis.records import OUTCOME_RANK as _OUTCOME_RANK, Place


# (outcome, pattern) in the order they are tried: outcomes.tsv of the lexicon
_OUTCOME_CUES: list[tuple[str, re.Pattern[str]]] = [
    (rule.outcome, re.compile(rule.pattern, re.I)) for rule in vocabulary.OUTCOME_RULES]


def _cue_stems(outcome: str) -> tuple[str, ...]:
    """The stems every match of an outcome's cues contains, derived from their patterns ("" when one has none)."""
    return tuple(sorted({stem for name, rx in _OUTCOME_CUES if name == outcome for stem in guard_stems(rx)}))


_OUTCOME_KEYS: dict[str, tuple[str, ...]] = {name: _cue_stems(name) for name, _ in _OUTCOME_CUES}


@lru_cache(maxsize=8192)
def _outcome_cues_of(text: str) -> tuple[str, ...]:
    """The outcome cues ('repelled', 'fell', 'contested') a sentence holds."""
    low = text.lower()
    return tuple(name for name, rx in _OUTCOME_CUES if any(k in low for k in _OUTCOME_KEYS[name])
                 and any((name != "repelled" or not _gov_retreat(text, m)) and not _NEGATED_CUE.search(text, max(0, m.start() - 16), m.start())
                         for m in rx.finditer(text)))


# a cue said not to hold ('the city "is not under their control"')
_NEGATED_CUE = re.compile(r"\b(?:not|n't|n’t|never|no\s+longer)\s+(?:\w+\s+)?$", re.I)

def _gov_retreat(text: str, m: re.Match[str]) -> bool:
    """True for 'government forces retreated to the airport': a retreat whose subject is the government
    side means the city fell, not that the attack was repelled."""
    if not m.group(0).lower().startswith("retreat") and not passive_out(text, m):
        return False  # ("government forces were pushed out": they lost it)
    subject = re.split(r"[,;:]|\b(?:as|while|when|after|because|but|and)\s", text[max(0, m.start() - 80):m.start()])[-1]
    # ("The Taliban entered Kunduz as government forces retreated": the clause's own subject)
    return government_side(subject) or (re.search(r"\bofficials\b", subject, re.I) is not None
                                        and not _TALIBAN_AGENT.search(subject))


def government_side(subject: str) -> bool:
    """True when a subject names the government side and not the Taliban ("Police District 2" is no police)."""
    subject = _POLICE_AREA.sub(" ", subject)
    if _LOYAL_TO_GOVERNMENT.search(subject):
        return True  # "Fighters loyal to the old government", "pro-government militias": fighters of the government's side
    return bool(_GOV_AGENT.search(subject)) and not _TALIBAN_AGENT.search(subject)


# fighters named as the government's side ("fighters loyal to the old government", "pro-government militiamen")
_LOYAL_TO_GOVERNMENT = re.compile(r"\b(?:loyal\s+to\s+(?:the\s+)?(?:(?:old|former|previous|ousted|afghan|elected)\s+)?"
                                  r"(?:government|republic|state)|pro-government|government-(?:allied|backed)|"
                                  r"anti-taliban)\b", re.I)


def passive_out(text: str, m: re.Match[str]) -> bool:
    """True for a passive 'were pushed (driven, forced, chased) out': its subject is the side that left."""
    return _PASSIVE_OUT.match(m.group(0)) is not None and \
        re.search(r"\b(?:were|was|been|being)\s+$", text[max(0, m.start() - 12):m.start()]) is not None


_PASSIVE_OUT = re.compile(r"(?:pushed|driven|forced|chased)\s+(?:\w+\s+){0,3}?out\b", re.I)

# "Police District 2" is a part of a city, not the police
_POLICE_AREA = re.compile(r"\bpolice\s+(?:districts?|headquarters|stations?|area)\b", re.I)

# the government side and the Taliban side as the subject of a retreat (actors.tsv of the lexicon)
_GOV_AGENT = re.compile(vocabulary.ACTORS["government"], re.I)

_TALIBAN_AGENT = re.compile(rf"\b(?:{vocabulary.ACTORS['taliban']})\b", re.I)
# a place's own retake right after its name ("Khanabad was retaken", "Khanabad, retaken by commandos")
_DISTRICT_RETAKEN = re.compile(r"\s*,?\s+(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+)?(?:re-?taken|recaptured|"
                               r"won\s+back|taken\s+back)\b", re.I)


class OutcomeReader:
    """Extractor methods that tell what followed a capital's entry."""

    def _outcome(self, i: int, place: Place, own: set[str], only: tuple[int, int] | None = None,
                 without: tuple[tuple[int, int], ...] = (), when: tuple[date | None, date | None] = (None, None)) -> str:
        """What followed an entry: the strongest cue in the sentence and its neighbours about the same city.

        `only`: the ", which ...," clause the reading comes from (only it is read, no neighbour); `without`: the
        clauses of its sentence it does not come from (left out); `when`: the entry's days (a neighbour dated only
        outside them tells of another entry)."""
        best = max(own, key=lambda o: _OUTCOME_RANK.get(o, 0)) if own else "unknown"
        pid = _place_id(place)
        for j in (i, i + 1, i - 1):
            if not 0 <= j < len(self.sents):
                continue
            sj = self.sents[j]
            caps = {_place_id(c) for r in sj.refs if not r.in_speaker and not r.peripheral
                    and not HELP_FROM_BEFORE.search(sj.text, max(0, r.start - 40), r.start)  # ("commandos flown in from Herat")
                    for c in [_as_capital(r, self.gaz)] if c is not None}
            if caps and pid not in caps:
                continue
            if j != i and not caps and not re.search(r"\b(?:city|town|capital|area|they|them|their|enemy|taliban|fighters|insurgents|"
                                                     r"attackers|advance|attack)\b",
                                                     sj.text, re.I):
                continue
            if j != i and when[1] is not None and self._dated_apart(sj.text, when):
                continue  # "... handed the city over on Thursday. Insurgents had entered it in July before being driven out"
            text = sj.text
            if only is not None:
                if j != i:
                    continue
                text = text[only[0]:only[1]]
            elif j == i:
                for a, b in without:
                    text = text[:a] + " " * (b - a) + text[b:]
            for r in sj.refs:  # "Khanabad was retaken in July and lost again on 8 August, the day Kunduz city fell": a
                # district's retake tells nothing of the city's entry
                retake = _DISTRICT_RETAKEN.match(text, r.end) if _as_capital(r, self.gaz) is None else None
                if retake is not None:
                    text = text[:r.end] + " " * (retake.end() - r.end) + text[retake.end():]
            for name in _outcome_cues_of(text):
                if _OUTCOME_RANK[name] > _OUTCOME_RANK.get(best, 0):
                    if name == "repelled" and re.search(r"\boutskirts\b[^.]{0,40}cleared", text, re.I) and \
                            not re.search(r"(?:city|town)\s+(?:was|has\s+been|had\s+been)\s+cleared", text, re.I):
                        continue
                    best = name
        return best or "unknown"

    def _dated_apart(self, text: str, when: tuple[date | None, date | None]) -> bool:
        """True when a sentence names days and none of them meets the range `when`."""
        days = [d for d in self._dates_in(text) if d.high is not None]  # type: ignore[attr-defined]
        lo = when[0] or date.min
        return bool(days) and all(d.high < lo or (d.low is not None and d.low > when[1]) for d in days)
