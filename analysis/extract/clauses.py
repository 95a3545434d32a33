"""Clause scopes inside a sentence: where a verb's subject and object end, and which clauses carry a date of
their own (a since/after/when/before clause about another event)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a relative clause closed by a comma right before the verb (and its auxiliaries): parenthetical to the subject
_REL_CLOSED = re.compile(r"[^,;:.]{1,90},\s*"
                         # a day before the verb ("Adraskan, where the base is, on Thursday was overrun")
                         r"(?:(?:(?:early\s+|late\s+)?on\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?|yesterday|overnight)"
                         r",?\s+)?(?:(?:was|were|is|are|has|have|had|been|also|then|later|\w+ly)\s+){0,3}")
# ", and Y ..." after a clause with a finite verb of its own: a second coordinated clause
# a clause's opening province (", and in neighbouring Zabul, Shamulzayi district fell")
PROVINCE_OPENING = r"in\s+(?:the\s+)?(?:neighbou?ring\s+)?(?-i:[A-Z])[\w\-’']+(?:\s+province)?"
# where words were said, after the verb of saying ("a ministry spokesman said in Kabul", "said in Kabul on Friday")
WHERE_SAID = r"\s+in\s+(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)?"
_AND_CLAUSE = re.compile(r",\s+and\s+(?=[A-Z]|" + PROVINCE_OPENING + r",)")
_FINITE_EVENT = re.compile(r"\b(?:fell|was|were|captured|seized|overran|took|entered|stormed|is|are)\b")
# an open appositive before a verb ("Zaranj, the centre of Nimroz province and the first ..., fell"): its "and" is
# no clause break
_APPOSITIVE_OPEN = re.compile(
    r",\s*(?:the|a)\s+(?:[\w\-]+\s+){0,2}?(?:capital|centre|center|seat|hub|city|town)\s+of\s+[^,;:]*$", re.I)
# a second verb of the same subject just before a position ("... last night and entered", "... and then fled")
AND_VERB_BEFORE = re.compile(r"\band\s+(?:then\s+|later\s+|quickly\s+|promptly\s+)?$", re.I)
# the rest of a relative clause about one item of an object list, closed by a comma and the next item
REL_ITEM_REST = (r"[^,;:.()]{1,120}(?=,\s*(?:and(?:\s+then|\s+later)?|as\s+well\s+as|(?:along|together)\s+with|in)\s+(?:the\s+)?"
                 r"(?-i:[A-Z]))")
_REL_THEN_SEMI = re.compile(r"[^,;:.()]{1,120};")
_REL_THEN_ITEM = re.compile(REL_ITEM_REST + r",\s*(?:and(?:\s+then|\s+later)?|as\s+well\s+as|(?:along|together)\s+with|in)\s+(?:the\s+)?|"
                            # "taking A, where fighting had raged for two weeks, B, C and D": the list goes on
                            r"[^,;:.()]{1,120},\s*(?=(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}\s*(?:,|\s+and\b))")
# after "and": another place of an object list, named with its head noun ("the nearby city of B", "the garrison
# town B", "the B district centre")
_AND_PLACE_HEAD = re.compile(
    r"(?:the|a)\s+(?:(?:[\w\-]+\s+){0,2}?(?:city|town|district|provincial\s+capital|capital|border\s+crossing|crossing|"
    r"port|district\s+cent(?:re|er))\s+(?:of\s+)?(?-i:[A-Z])|"
    r"(?:(?:nearby|neighbou?ring|adjacent)\s+)?"  # ("and the nearby Adraskan district")
    r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}\s+(?:district(?:\s+cent(?:re|er))?|town|city|crossing)\b)",
    re.I)
# what follows a semicolon inside a list of sub-lists: places, then "in" their province
_SUB_LIST_AFTER = re.compile(r"\s*(?:(?:and|(?:together|along)\s+with|as\s+well\s+as)\s+)?(?-i:[A-Z])[^;.]{0,100}?(?:,?\s\bin\s+(?-i:[A-Z])[\w\-]+|\s*\((?-i:[A-Z])[\w\-]+\))"
                             r"(?:[^;.\w]*;|[^;.]{0,60}(?:\.|$)|,\s*(?:where|which|whose)\b)")
_BOUNDARY = re.compile(
    r";|\s—\s|\s–\s|\s--\s|:\s|[“”\"]|\.\s|(?<!\ball)(?<!\bnone)(?<!\bnothing),?\s+\b(?:while|whereas|as(?!\s+well\s+as\b)(?<!\bwell\sas)|after|before|but|when|because|although|"
    r"though|since|until|amid|where|which|who|that|and\s+(?=(?:the|a|an|officials|government|afghan|he|she|they|"
    r"it|we|security|troops|many|some|other)\b))\b|"
    r"(?<!,)\s+once(?=\s+(?:the|they|it|its|their)\b)|"
    r",\s+and\s+(?=in\s+(?-i:[A-Z])[\w\-’']+(?:\s+province)?\s*,)",  # ("A went on Tuesday, and in Zabul, B was
    # surrendered on Wednesday": the province opens the second clause)  # ("Herat could come under attack once the districts have
    re.I)  # fallen": not "Kunduz, once the garrison of the north, fell")


# an aside locating the subject, closed by a comma right before the verb (and its auxiliaries)
_PLACE_ASIDE = re.compile(r"(?<=\w),\s+(?:on|along|near|off|at|astride|just|about|some|\d[\d.,]*\s*(?:km|kilomet\w+|miles)|"
                          r"(?:retaken|recaptured|won\s+back|reclaimed|besieged|surrounded|defended|held)\s+by)\s"
                          # ("Doshi, retaken by the army in late July, had been lost again": what happened to it before)
                          r"[^,;:.()\"“”]{1,100},\s*(?:(?:was|were|is|are|has|have|had|been|also|then|later|\w+ly)\s+){0,3}$",
                          re.I)
# a comma, a name and a verb of its own in the present or past ("..., Mazar-e-Sharif braces for"): a new clause
_NEW_SUBJECT = re.compile(r",\s+(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}\s+(?!(?:and|or|districts|provinces|"
                          r"towns|cities|crossings|ports|was|were|has|had|is|as|plus|its|his|their)\b)(?-i:[a-z]{3,}(?:es|s|ed))\b")
_SCARE_QUOTE = re.compile(r"(?<=\s)[\"“‘](?:(?:\w+ly|also|now|already|just|been|being)\s+){0,3}$")  # ('had "also been liberated"')
_DASH = re.compile(r"\s[\u2014\u2013]\s|\s--\s")
# what may stand between a subject and a passive participle ("... -- were captured", "... -- had all been abandoned")
_AUXILIARIES = re.compile(r"\s*(?:(?:was|were|is|are|has|have|had|been|being|also|then|both|all|later|\w+ly)\s+)*", re.I)


# ", and B fell on Tuesday": a second clause whose subject is a place with a verb of its own (irregular past tenses
# the pattern above does not see)
PLACE_OWN_VERB = (r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}\s+"
                  r"(?:fell|was|were|had|has|went|came|followed|surrendered|collapsed|changed|passed|slipped)\b")
_AND_NEW_SUBJECT = re.compile(r",\s+and\s+(?:(?:(?:early\s+|late\s+)?on\s+\w+day|the\s+(?:next|following|same)\s+(?:day|morning|"
                              r"night)|(?:a|one|two|three|\d)\s+days?\s+later|later|" + PROVINCE_OPENING +
                              r")\s*,?\s+)?(?:(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}\s+"
                              r"district\s+(?:fell|was|were|had|has|went|passed|slipped)\b|" + PLACE_OWN_VERB +
                              r"|(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}\s+(?:district|city|town),\s+[^,;]{3,60},\s+"
                              r"(?:was|were|had|has|fell)\b)")
# (", and on Sunday Khwahan was overrun": a day may open the second clause, or its province, ", and in neighbouring Zabul,
# Shamulzayi district fell"; ", and Muqur district, in the province's north, was abandoned": an aside may stand between
# the place and its verb)


def scope_after(text: str, end: int, limit: int = 170) -> int:
    """Return where the object scope after a verb ends (next clause break)."""
    hi = min(len(text), end + limit)
    if "," in text[end:hi]:
        splice = _NEW_SUBJECT.search(text, end, hi) or _AND_NEW_SUBJECT.search(text, end, hi)
        if splice is not None:
            hi = splice.start()  # "Taliban take Kandahar, Mazar braces for assault": a new clause, not a list item
    pos = end
    while True:
        m = _BOUNDARY.search(text, pos, hi)
        if m is None:
            return hi
        pos = max(m.end(), m.start() + 1)
        word = m.group(0).strip(" ,").lower()
        if word in ("which", "who", "that") and m.start() - end < 3:
            continue
        if m.group(0) == ";" and _SUB_LIST_AFTER.match(text, m.end()):
            hi = min(len(text), max(hi, m.end() + 170))
            continue  # "A and B in P1; C and D in P2": a list of sub-lists, each in its province
        if word.startswith("and") and _AND_PLACE_HEAD.match(text, m.end()):
            continue  # "seized A, the capital of P, and the city of B": the list goes on
        if word in ("where", "which", "whose") and m.group(0).startswith(","):
            closed = _REL_THEN_ITEM.match(text, m.end())
            if closed is not None:  # "took A district, where the B crossing is, and C district": one object list
                pos, hi = closed.end(), min(len(text), max(hi, closed.end() + 80))
                continue
            semi = _REL_THEN_SEMI.match(text, m.end())
            if semi is not None and _SUB_LIST_AFTER.match(text, semi.end()):
                pos, hi = semi.end(), min(len(text), max(hi, semi.end() + 170))
                continue  # "took A in P1, where ...; B in P2; and C in P3": sub-lists parted by semicolons
        # keep appositive "X, the capital of P, ..." and lists "A, B and C"
        return m.start()


def scope_before(text: str, start: int, limit: int = 170) -> int:
    """Return where the subject scope before a verb begins (previous clause break)."""
    scare = _SCARE_QUOTE.search(text, max(0, start - 30), start)
    if scare is not None:
        start = scare.start()  # a scare quote opening on the verb ('had been "completely conquered"') breaks no clause
    if "," in text[max(0, start - 130):start]:
        aside = _PLACE_ASIDE.search(text, max(0, start - 130), start)
        if aside is not None:
            start = aside.start()  # "Doshi, on the highway between A and B, was overrun": the aside is no subject
    lo = max(0, start - limit)
    cut = lo
    last_rel = None
    cuts: list[tuple[int, int, bool]] = []  # (start, end, is a dash) of every break taken
    for m in _BOUNDARY.finditer(text, lo, start):
        word = m.group(0).strip(" ,").lower()
        if word in ("which", "who", "that") and (start - m.end() < 30 or _REL_CLOSED.fullmatch(text, m.end(), start)):
            last_rel = m  # "A and B districts, which had been contested for months, were overrun"
            continue
        if word == "where" and (m.group(0).startswith(",") or "," in text[max(lo, m.start() - 60):m.start()]) and \
                _REL_CLOSED.fullmatch(text, m.end(), start):
            last_rel = m  # "Chora, where foreign troops once fought, was overrun"; "Qarabagh, the district where ..., fell"
            continue
        if word.startswith("and") and "," in text[max(lo, m.start() - 90):m.start()] and \
                _APPOSITIVE_OPEN.search(text, max(lo, m.start() - 90), m.start()):
            continue  # "Zaranj, the centre of Nimroz province and the first capital taken, fell"
        cut = m.end()
        cuts.append((m.start(), m.end(), _DASH.fullmatch(m.group(0)) is not None))
    if len(cuts) >= 2 and cuts[-1][2] and cut == cuts[-1][1] and _AUXILIARIES.fullmatch(text, cut, start):
        opening = next((k for k in range(len(cuts) - 2, -1, -1) if cuts[k][2]), -1)
        if opening >= 0:  # "Two districts -- A and B -- fell": the subject runs through the dashed apposition
            cut = cuts[opening - 1][1] if opening > 0 else lo
    if cuts and text[cuts[-1][0]:cuts[-1][1]].startswith(":") and not text[cut:start].strip():
        cut = cuts[-2][1] if len(cuts) >= 2 else lo  # "Aqina: passed to the Taliban": the label is the subject
    if last_rel is not None and cut >= last_rel.end():
        cut = lo
        for m in _BOUNDARY.finditer(text, lo, last_rel.start()):
            cut = m.end()
    if ", and " in text[cut:start]:
        # "X fell on Thursday, and Y, the capital of P, was taken": a clause of its own before "and"
        for m in _AND_CLAUSE.finditer(text, cut, start):
            if _FINITE_EVENT.search(text, cut, m.start()):
                cut = m.end()
    return cut


# a clause about another event whose date is no date of this one ("since the offensive began on 1 June")
_BACKGROUND_OPEN = re.compile(r"\b(?P<word>since|after|when|before|following|until|ever\s+since)\b|(?:(?<=,\s)|(?<=district\s)|(?<=city\s)|(?<=town\s)|(?<=area\s)|(?<=place\s)|(?<=valley\s)|(?<=province\s))(?P<where>where)\b",
                              re.I)
_DAYS_BEFORE_OPENER = re.compile(r"\b(?:a|one|two|three|four|five|six|the|few|several|\d+)\s+(?:days?|weeks?|hours?)\s+$",
                                 re.I)
_CLAUSE_STOP = re.compile(r"[,;:()\"“”]|\s[—–]\s|\s--\s|\.\s")
_FILLER = frozenset("on in at the of early late mid by last this that around about".split())


@dataclass(frozen=True)
class Background:
    """A since/after/when/before clause: its span and its opening word."""

    start: int
    end: int
    word: str


def background_clauses(text: str, date_spans: list[tuple[int, int]]) -> list[Background]:
    """The clauses about another event ('since the offensive began on 1 June', 'after the talks stalled in
    April'): each runs from its opening word to a comma or to the end of its first date (a where-clause to its
    comma), and names more than a date."""
    out: list[Background] = []
    for m in _BACKGROUND_OPEN.finditer(text):
        if _DAYS_BEFORE_OPENER.search(text, max(0, m.start() - 20), m.start()):
            continue  # "a day after X": a relative date read elsewhere
        stop = _CLAUSE_STOP.search(text, m.end())
        end = stop.start() if stop else len(text)
        inside = [d for d in date_spans if m.end() <= d[0] and d[1] <= end]
        if not inside:
            continue
        word = (m.group("word") or m.group("where")).lower()
        words = [w for w in re.findall(r"[A-Za-z]+", text[m.end():inside[0][0]]) if w.lower() not in _FILLER]
        named = bool(words) and words[0][0].isupper() and word in ("after", "following") and \
            not text[:m.start()].strip(" \"'“‘([")  # "After Zaranj on Friday and Sheberghan on Saturday, the
        # insurgents took ...": an opening clause of other places' falls, every date up to its comma
        if word != "where" and not named:
            end = inside[0][1]  # (a where-clause runs to its comma, every date in it: "in 2006 and again in 2010")
        if len(words) < 2 and not named:
            continue  # "since Monday", "after 10 days": a bare date, no other event
        out.append(Background(m.start(), end, word))
    return out
