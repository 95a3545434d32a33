"""Which temporal expression of a sentence dates a verb: the nearest one of the event itself (not a day
something was said, not a date inside a clause about another event), shifted for 'a day after X'."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from analysis.extract import vocabulary
from analysis.extract.clauses import AND_VERB_BEFORE, PLACE_OWN_VERB, PROVINCE_OPENING, WHERE_SAID, background_clauses
from analysis.extract.dates import small_number


def _pub_high(published: date | None, precision: str) -> date | None:
    """Return the latest day the publication date allows."""
    if published is None:
        return None
    if precision == "month":
        return date(published.year, published.month, monthrange(published.year, published.month)[1])
    return published

# a second finite clause: ", and (had) also seized", ", but the army retook"
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?=(?:had|has|have|was|were|then|later|also|on|the|they|it|\w+ed|by|hundreds|"
                         r"dozens|thousands|scores|another|several|many|most|some|\d[\d,]*)\b|"
                         # ", and about 60 commandos were airlifted ... on Sunday": a counted subject of its own
                         r"(?:about|some|around|nearly|almost|roughly|more\s+than|over|at\s+least)\s+\d|"
                         # ", and in neighbouring Zabul, Shamulzayi district fell": a clause opened by its province
                         + PROVINCE_OPENING + r",|"
                         # ", and two days later Maywand also went": a day counted on opens its own clause
                         r"(?:a|an|one|two|three|four|five|six|seven|several|a\s+few)\s+(?:days?|weeks?|hours?)\s+(?:later|after)\b|"
                         # ", and Khoshi fell to the Taliban on Tuesday": a place with a verb of its own
                         + PLACE_OWN_VERB + r")", re.I)
# a speaker correcting the time he has just said ("earlier this week - I mean last week, on Thursday"), and a day named
# right after the wider time it lies in ("last week, on Thursday")
_I_MEAN = re.compile(r"\s*(?:[-–—,]\s*|\.\.\.\s*)?(?:sorry,?\s+|no,?\s+)?(?:I|we)\s+mean,?\s+(?:[\w\-]+[,\s]+){0,3}", re.I)
_NARROWED_BY = re.compile(r"\s*,?\s*(?:on|in)?\s*", re.I)
_AND_PROVINCE = re.compile(r",\s+and\s+(?=" + PROVINCE_OPENING + r",)", re.I)
# " and <Place> was ..." with no comma: a second clause with a subject and verb of its own ("Yawan slipped into Taliban
# hands on Friday and Raghistan was wrested from government control on Saturday")
_AND_PLACE_VERB = re.compile(r"(?<!,)\s+and\s+(?=" + PLACE_OWN_VERB + r")")
# a contrasting clause, or a closing relative clause (one that runs to the sentence's end, so it is no list item's)
_OWN_CLAUSE_AFTER = re.compile(r",\s+while\s+[^,;]*|,\s+(?:which|whose)\s+[^,;]*[.!?\"”]*\s*$", re.I)
# a dateline opening the sentence: a city in capitals, its date, the agency ("KABUL, Aug 3 (HPA) -", "HERAT, 12 Asad 1400 -")
_DATELINE_PREFIX = re.compile(r"^\W*(?-i:[A-Z][A-Z\-’' ]{2,30})(?:(?:,\s*[A-Za-z ]{2,20})?,\s*[^–—()\n]{3,30}?)?"
                              r"(?:\s*\([^)\n]{1,30}\))?\s*(?:--?|–|—)\s+|"
                              # a town in title case with its month-day and agency: "Kathmandu, July 27 (NPS): "
                              r"^\W*(?-i:[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)?),\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                              r"[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
                              r"(?:,?\s+\d{4})?\s*\([^)\n]{1,30}\)\s*(?:--?|–|—|:)\s+", re.I)
# a relative clause about the subject, closed before the verb: its dates are the clause's, not the verb's
_WHICH_ASIDE = re.compile(r",\s+which\s+[^,;:]{1,120},")
_WHO_ASIDE = re.compile(r",\s+who\s+[^,;:]{1,120},(?!\s*(?:when|where|while|after|before|until|since)\b)", re.I)


# what may stand between a clause's ", and" and the day opening it
_CLAUSE_OPENING_DAY = re.compile(r"\s*(?:then\s+)?(?:(?:on|in|at|by|early|late|later|from)\s+)?", re.I)
_APPOSED = re.compile(r",\s+(?:the|a|an)\s+[^,;:]{1,60},")
# an aside timing the event loosely by another ("..., as Afghans prepared for Eid al-Adha, ...")
_TIME_ASIDE = re.compile(r",\s+(?:as|while|when|during|(?:just\s+)?(?:after|before)|since)\s[^,;:]{0,80},", re.I)
_LOOSE_TIME = re.compile(r"(?:just\s+|shortly\s+|soon\s+|and\s+)?(?:after|since|during)\b", re.I)


def _pick_date(dates: list, pos: int, text: str, pub_high: date | None) -> tuple[date | None, date | None, str]:
    """Return the date range of the temporal expression closest to a verb (open below when none)."""
    cands = [d for d in dates if d.low is not None or d.high is not None]
    if len(cands) > 1 and " mean " in text:  # "earlier this week - I mean last week, on Thursday": a speaker's
        corrected = [d for d in cands if any(d.end <= o.start and _I_MEAN.fullmatch(text, d.end, o.start)  # correction
                                             for o in cands)]                                  # replaces the day he said
        cands = [d for d in cands if d not in corrected] or cands
        wider = [d for d in cands if any(o is not d and d.end <= o.start and _NARROWED_BY.fullmatch(text, d.end, o.start)
                                         and d.low is not None and d.high is not None and o.low is not None
                                         and o.high is not None and d.low <= o.low and o.high <= d.high for o in cands)]
        cands = [d for d in cands if d not in wider] or cands  # ("last week, on Thursday": the Thursday of it)
    said = [_said_date(d, pos, text) for d in cands]
    if not all(said):  # a day something was said yields to a day of the event itself
        cands = [d for d, sd in zip(cands, said) if not sd]
    dateline = _DATELINE_PREFIX.match(text) if len(cands) > 1 else None
    if dateline is not None:  # "LASHKAR GAH, 12 Asad 1400 (HPA) - ... on Monday": the dateline's day is the article's
        cands = [d for d in cands if d.start >= dateline.end()] or cands
    if ";" in text and len(cands) > 1:  # a date in the verb's own clause outranks one across a semicolon (even
        # one in its when-clause: "withdrew when the city fell on Sunday; hundreds surrendered on Wednesday")
        lo, hi = text.rfind(";", 0, pos) + 1, text.find(";", pos)
        hi = len(text) if hi < 0 else hi
        own = [d for d in cands if lo <= d.start and d.end <= hi and ", where " not in text[lo:d.start]]
        cands = own or cands  # (not a where-clause's day: "Taken Sun 8 Aug; troops withdrew to the airport, where
        # hundreds surrendered three days later" is the 8th)
    background: dict[int, str] = {}
    low_text = text.lower()
    if cands and any(w in low_text for w in ("since", "after", "when", "before", "following", "until", " where")):
        for b in background_clauses(text, [(d.start, d.end) for d in cands]):
            if b.start <= pos < b.end:
                continue  # the verb's own clause
            for d in cands:
                if b.start <= d.start and d.end <= b.end:
                    background[id(d)] = b.word
        if background and len(background) < len(cands):
            cands = [d for d in cands if id(d) not in background]
    if len(cands) > 1 and ", which " in text:  # "Kunduz, which they overran in 2015, fell on August 8"
        closed = [(r.start(), r.end()) for r in _WHICH_ASIDE.finditer(text, 0, pos) if r.end() <= pos]
        outside = [d for d in cands if not any(a <= d.start and d.end <= b for a, b in closed)]
        cands = outside or cands
    if cands and ", who " in text:  # "The governor, who was arrested on Sunday, had handed over the city": the
        # aside's day is the person's, not the verb's
        closed = [(r.start(), r.end()) for r in _WHO_ASIDE.finditer(text, 0, pos) if r.end() <= pos]
        cands = [d for d in cands if not any(a <= d.start and d.end <= b for a, b in closed)]
    if cands and (", and " in text or ", but " in text or " and " in text):
        # "... captured A on Sunday, and had also seized B on Saturday": each finite clause its own date
        cuts = sorted([c.end() for c in _AND_CLAUSE.finditer(text)] + [c.end() for c in _AND_PLACE_VERB.finditer(text)])
        lo = max((c for c in cuts if c <= pos), default=0)
        hi = min((c for c in cuts if c > pos), default=len(text))
        own = [d for d in cands if lo <= d.start and d.end <= hi]
        if not own:  # "The Taliban have seized A and B, and on Friday morning they also took C": a day opening a
            # later clause is that clause's, not the undated one's; so is any day of a later clause opened by its own
            # province ("In A the police withdrew on the night the centre fell, and in B, ..., left on 22 June")
            provinces = [c.end() for c in _AND_PROVINCE.finditer(text, pos)]
            cands = [d for d in cands if not any(pos < c <= d.start and _CLAUSE_OPENING_DAY.fullmatch(text, c, d.start)
                                                 for c in cuts) and not any(c <= d.start for c in provinces)] or []
        else:
            cands = own
    if len(cands) > 1 and AND_VERB_BEFORE.search(text, max(0, pos - 16), pos):
        after = [d for d in cands if d.start >= pos]  # "captured its outskirts last night and entered the city
        cands = after or cands                        # this morning": the second verb's own day
    if cands and (", while " in low_text or ", which " in low_text or ", whose " in low_text):
        # "... raised their flag, while special forces were fighting ... on Wednesday", "withdrew to a base outside the
        # city, which remained under government control on Friday": a later clause's day is its own
        after = _OWN_CLAUSE_AFTER.search(text, pos + 1)
        if after is not None:
            cands = [d for d in cands if not after.start() <= d.start < after.end()]
    if len(cands) > 1 and ", while " in low_text:
        # "Fighting reached Chaghcharan on Monday, while the Taliban said they had taken Sancharak on Sunday": a verb in
        # the while-clause takes the clause's own day when it has one
        opened, closed = low_text.rfind(", while ", 0, pos), low_text.find(",", pos)
        closed = len(text) if closed < 0 else closed  # (", according to officials quoted on Saturday" is no day of it)
        own = [d for d in cands if opened < d.start < closed] if opened >= 0 else []
        cands = own or cands
    if len(cands) > 1 and any(d.low is not None and d.high is not None and d.text.lower().startswith(("between", "from "))
                              for d in cands):
        # "Between 21 and 24 July, during and just after the Eid holidays, the movement took A": the days named
        # outrank a loose "after" or "during" beside them
        asides = [(r.start(), r.end()) for r in _TIME_ASIDE.finditer(text)]  # (", as Afghans prepared for Eid al-Adha,")
        cands = [d for d in cands if not _LOOSE_TIME.match(d.text)
                 and not any(a <= d.start and d.end <= b for a, b in asides)] or cands
    best = None
    best_d = 10 ** 9
    for d in cands:
        dist = d.start - pos if d.start >= pos else pos - d.end
        if dist < best_d:
            best, best_d = d, dist
    if best is None:
        return None, pub_high, ""
    low, high = best.low, best.high
    word = background.get(id(best))
    if word is not None:  # a date of another event: a bound at most
        if word == "where":  # "Khakrez, where a patrol was ambushed in 2008, ...": no bound at all
            return None, pub_high, ""
        if word in ("before", "until"):
            return None, min(d for d in (high, pub_high) if d is not None) if (high or pub_high) else None, best.text
        return (low if low is not None and (pub_high is None or low <= pub_high) else None), pub_high, best.text
    rel = None
    if best.end <= pos and ("after" in text or "before" in text):
        # "Y fell on Saturday, a day after X became the first ...": X's day is the day before
        for found in _DAYS_AFTER.finditer(text, best.end, min(len(text), pos + 12)):  # (its look-ahead reads the verb)
            if found.end() <= pos and (not re.search(r"[,;:]", _APPOSED.sub(" ", text[found.end():pos])) or
                                       _NAME_LIST.fullmatch(text, found.end(), pos)):  # ("two days after Aybak, the
                # capital of Samangan, was handed over": the appositive is no clause break)
                rel = found  # the verb is inside the "a day after ..." clause
        if rel is not None:
            n = _days_of(rel)
            n_back = _anchor_shift(text, best.start)  # the date is itself inside an earlier "N days after" clause
            shift = timedelta(days=(-n if rel.group("dir").lower() == "after" else n) + n_back)
            low = low + shift if low is not None else None
            high = high + shift if high is not None else None
            low, high = _hedged(rel, low, high)  # ("nearly four weeks after it fell": a few days later than counted)
    elif best.start >= pos:
        n_back = _anchor_shift(text, best.start, pos)
        if n_back:  # "Kunduz fell two days after the fall of Zaranj on 6 August": two days after that date
            low = low + timedelta(days=n_back) if low is not None else None
            high = high + timedelta(days=n_back) if high is not None else None
    opener = None
    for opener in _OPENER_BEFORE.finditer(text, best.end, pos) if best.end <= pos else ():
        pass  # the last one before the verb
    if opener is not None and rel is None and not _CLAUSE_GAP.search(text, opener.end(), pos):
        # "A and B fell yesterday, before the city went": the city's event came on that day or after it
        high = pub_high if pub_high is not None and (high is None or pub_high >= high) else high
    if _said_date(best, pos, text):
        low = None  # the day it was said: an upper bound for the event
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high, best.text

# an event named inside the "N days after" clause, so that its date is that event's ("after the fall of Y on D")
_EVENT_IN_CLAUSE = re.compile(r"\b(?:fall|capture|loss|seizure|takeover|surrender|collapse)\s+of\b|\b(?:fell|overran|"
                              r"captured|seized|took|entered|stormed|was\s+(?:taken|captured|seized|overrun|lost))\b", re.I)


def _anchor_shift(text: str, date_start: int, lo: int = 0) -> int:
    """Days the main clause lies after a date named inside an 'N days after [the fall of] Y on D' clause (after `lo`),
    negative for 'N days before'; 0 when the date is in no such clause."""
    for found in _DAYS_AFTER.finditer(text, max(lo, date_start - 90), date_start):
        between = _APPOSED.sub(" ", text[found.end():date_start])  # ("a day after the insurgents took Faizabad, the
        # capital of Badakhshan, on Wednesday": the appositive is no clause break)
        if not re.search(r"[,;:]|\.\s", between) and re.search(r"\S\s+(?:(?:on|in)\s+(?:the\s+)?)?$", between, re.I) and \
                (found.group("n") or "").lower() != "the" and _EVENT_IN_CLAUSE.search(between):
            n = _days_of(found)
            return n if found.group("dir").lower() == "after" else -n
    return 0


# a clause opening on "before" (not "a day before") between a date and the verb it holds
_OPENER_BEFORE = re.compile(r"(?<!days\s)(?<!day\s)(?<!weeks\s)(?<!week\s)\bbefore\s+(?=\S)", re.I)
_CLAUSE_GAP = re.compile(r"[,;:()]|\s[—–]\s")


def _said_date(d: object, pos: int, text: str) -> bool:
    """True when a date is the day of saying: 'officials said on Monday that ...' before the verb, or a
    trailing ', the ministry said on Monday' after it."""
    start = d.start  # type: ignore[attr-defined]
    if not _SAY_DATE.search(text[max(0, start - 40):start]):
        return False
    return start < pos or _TRAILING_SAY.search(text, pos, start) is not None

# the verbs of saying a date of saying follows (verbs.tsv of the lexicon), some after an object ("told Reuters"; "that"
# is no object: "informed that on Sunday 57 ... crossed" dates the crossing)
_DATED_SAY = "|".join(v.word + (r"\s+(?!that\b)\w+(?:\s+(?!that\b)\w+)?" if v.dated == "object" else "")
                      for v in vocabulary.VERBS if v.dated != "no")
_SAY_TO = r"(?:\s+to\s+(?:the\s+)?(?-i:[A-Z])[\w\-’']+(?:\s+(?-i:[A-Z])[\w\-’']+){0,2})?"  # "said to Badakhshan Shamal"
_SAY_TO += rf"(?:{WHERE_SAID})?"  # (where: "officials said in Kabul on Friday")
# where the words were posted, between the verb and its day ("wrote on Twitter this afternoon that ...")
_ON_PLATFORM = r"(?:\s+on\s+(?:twitter|facebook|telegram|whatsapp|social\s+media|its\s+website))?"
_SAY_DATE = re.compile(
    rf"\b(?:{_DATED_SAY}){_SAY_TO}"
    r"(?:\s+on\s+condition\s+of\s+anonymity)?(?:\s+in\s+an?\s+(?:[\w\-]+\s+)?(?:statement|message|post|briefing|tweet|"
    r"interview))?" + _ON_PLATFORM +
    r"\s+(?:late\s+|early\s+)?$",  # (", the border troops said in a statement on Thursday")
    re.I)

# the say-verb of a trailing attribution after the event ("..., the military's media wing said on Monday")
_TRAILING_SAY = re.compile(
    r",\s*[^,;]{1,100}?(?<!\bwas)(?<!\bwere)(?<!\bbeen)(?<!\bis)(?<!\bare)\s+(?:" + _DATED_SAY + r")" + _SAY_TO +
    r"(?:\s+on\s+condition\s+of\s+anonymity)?(?:\s+in\s+an?\s+(?:[\w\-]+\s+)?(?:statement|message|post|briefing|tweet|"
    r"interview))?" + _ON_PLATFORM +
    r"\s+(?:late\s+|early\s+)?$",  # (", the border troops said in a statement on Thursday")
    re.I)

# "a day after X", "a day after seizing X", "a day after the militants overran X": the verb inside is dated
# relative to the clause's date
# the names of a list and nothing else ("Ghazni, Herat and Qala-i-Naw "): a verb after it is still inside the clause
_NAME = r"(?-i:[A-Z])[\w’']*(?:-[\w’']+)*(?:\s(?-i:[A-Z])[\w’']*(?:-[\w’']+)*)*"  # a hyphen only inside a word
_NAME_LIST = re.compile(_NAME + r"(?:(?:,\s*|,?\s+and\s+)" + _NAME + r")*\s+")
_DAYS_AFTER = re.compile(r"\b(?:(?P<hedge>nearly|almost|about|around|some|roughly|more\s+than|over)\s+)?"
                         r"(?:(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|the)\s+days?|"
                         r"(?P<w>a|one|two|three|four)\s+weeks?)\s+(?P<dir>after|before)\s+(?=\S)",
                         re.I)


def _hedged(found: re.Match[str], low: date | None, high: date | None) -> tuple[date | None, date | None]:
    """A day counted back from a hedged span widened by the slack the hedge allows: 'nearly (almost) N weeks after it
    fell' fell up to three days later than counted, 'more than (over) N weeks' earlier, 'about (around, some) N weeks'
    either way (a day for a span of days), 'N days after' 'before' mirrored."""
    hedge = (found.group("hedge") or "").lower()
    if not hedge:
        return low, high
    slack = timedelta(days=3 if found.group("w") else 1)
    later = hedge in ("nearly", "almost")
    earlier = hedge.startswith("more") or hedge == "over"
    if found.group("dir").lower() == "before":
        later, earlier = earlier, later
    return (low - slack if low is not None and not later else low), (high + slack if high is not None and not earlier else high)


def _days_of(found: re.Match[str]) -> int:
    """The days an 'N days after' / 'a week after' match counts."""
    return small_number(found.group("n"))[0] if found.group("n") else 7 * small_number(found.group("w"))[0]
