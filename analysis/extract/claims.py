"""Who asserts or denies a statement: claimant class and stance from attribution words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from analysis.extract import borders, lists, vocabulary
from analysis.extract.clauses import WHERE_SAID
from analysis.records import Claim
from analysis.extract.stems import guard_stems

# --- speaker classes -------------------------------------------------------------------------

_OUTLET = re.compile(
    r"\b(?:tv|television|radio|news agency|(?<!border )(?<!security )(?<!intelligence )(?<!border guard )agency|newspaper|daily|channel|broadcaster|media|outlet|"
    r"tolo ?news|tolo|pajhwok|al[- ]?jazeera|al[- ]?ala?lam|press tv|irna|isna|tasnim|fars|mehr|tass|"
    r"ria novosti|ria|interfax|sputnik|asia[- ]plus|avesta|khovar|dawn|geo news|express tribune|"
    r"reuters|associated press|afp|agence france[- ]presse|bbc|rfe/rl|radio azadi|radio free afghanistan|"
    r"voa|voice of america|new york times|washington post|wall street journal|cnn|sky news|ariana news|"
    r"shamshad|khaama|1tv|anadolu|xinhua|dpa|efe|kyodo|trt ?world|the guardian|al arabiya|"
    r"bakhtar|hasht-e subh|etilaatroz|state-run|website|newswire|wire service)\b",
    re.I,
)
_AP = re.compile(r"\bAP\b")
_TALIBAN = re.compile(
    r"\b(?:taliban|insurgents?|militants?|mujahid|mujahideen|enemy|zabihullah(?!\s+(?!mujahid\b)[a-z]{3,})|islamic emirate|suhail shaheen|"
    r"qari yousuf|yousuf ahmadi|muhammad naeem|mohammad naeem|militant group|insurgent group|the (?:group|movement)(?:'s|’s|(?=\s*$))|"
    r"(?:a|the) movement(?= (?:spokes\w*|officials?|commanders?|statement|leaders?)\b))\b",
    re.I,
)
_FOREIGN = re.compile(
    r"\b(?:western|pentagon|white house|state department|u\.?s\.?|us|american|washington|nato|"
    r"central command|centcom|biden|blinken|kirby|price|austin|"
    r"iran|iran's|iranian|tehran|america|america's|tajik|tajikistan|tajikistan's|dushanbe|uzbek|uzbekistan|uzbekistan's|"
    r"tashkent|pakistan|pakistan's|pakistani|islamabad|turkmen|turkmenistan|ashgabat|russia|russia's|"
    r"russian|moscow|kremlin|lavrov|zarif|china|china's|chinese|beijing|india|indian|new delhi|"
    r"britain|british|uk|german|germany|berlin|french|france|paris|turkey|turkish|ankara|qatar|qatari|"
    r"doha|foreign governments?|diplomats?|embassy|ambassador|csto|border guards? service|"
    # the neighbours' security services by their own names ("the State Committee for National Security said")
    + borders.AGENCY_NAMES + r")\b",
    re.I,
)
_INTL = re.compile(
    r"\b(?:united nations|u\.?n\.?|un|unama|unhcr|unicef|ocha|wfp|world food programme|icrc|"
    r"red cross|red crescent|human rights watch|hrw|amnesty(?: international)?|iom|"
    r"doctors without borders|msf|european union|eu|world health organization|who's|"
    r"international organi[sz]ations?|aid agenc(?:y|ies)|ngos?|rights group|charity|"
    r"international crisis group)\b",
    re.I,
)
_RESIDENTS = re.compile(
    r"\b(?:residents?|locals|local people|local residents|witness(?:es)?|eyewitness(?:es)?|tribal elders?|elders?|"
    r"villagers?|inhabitants?|shopkeepers?|people in|a man in|a woman in|displaced|civilians?|"
    r"farmers?|traders?|dealers?|merchants?|businessm[ae]n|money changers?|drivers?|"
    r"a teacher|a doctor|journalists? in|relatives|readers|listeners)\b",
    re.I,
)
_AFGHAN_GOV = re.compile(
    r"\b(?:ministry|ministries|minister|governor|governor's|provincial council|council|officials?|"
    r"authorities|government|spokes(?:man|woman|person)|police|policemen|army|ana|commanders?|"
    r"defen[cs]e|interior|nds|national directorate of security|palace|president|presidential|"
    r"national security adviser|district chief|lawmakers?|mp|parliament|senators?|"
    r"security sources?|sources?|military|corps|commandos?|special forces|officers?|kabul|afghan forces|"
    r"security forces|general|administration|chief|head)\b",
    re.I,
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.I)

CLASS_ORDER: tuple[str, ...] = (
    "taliban",
    "foreign_government",
    "international_org",
    "residents",
    "afghan_government",
)

# --- attribution cues ------------------------------------------------------------------------

# the verbs of saying of verbs.tsv, in its order: all of them open an attribution, deny verbs deny what follows
_SAY = "|".join(v.word for v in vocabulary.VERBS)
_DENY = vocabulary.MACROS["DENY"]  # deny, denied, denial, rejected, dismissed, refuted, ...
_DENY_VERB = re.compile(rf"^(?:{'|'.join(v.word for v in vocabulary.VERBS if v.role == 'deny')})$", re.I)


def _word_alternation(words: list[str] | tuple[str, ...]) -> str:
    """Return a regex alternation of literal words arranged as a prefix tree (much faster to scan than a flat list)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body

    return emit(tree)


_FORWARD = re.compile(rf"(?<!\w)({_word_alternation(_SAY.split('|'))})\b", re.I)
# a place and what it is, before a verb of saying: no speaker ("Farah, the capital of Farah province in the west,")
_PLACE_DESCRIBED = re.compile(r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}" + lists.APPOSITIVE.pattern +
                              r"[^,]{1,70},?\s*$", re.I)
_MEDIA_OBJECT = re.compile(r"\s+(?:(?:a|an|the|several|two|three|some|new|its|their|his|her)\s+)?(?:[\w\-]+\s+)?"
                           r"(?:photographs?|photos?|pictures?|videos?|footage|images?|clips?|maps?)\b", re.I)
_PUT_FIGURE = re.compile(r"\s+(?:it\b|the\s+(?:\w+\s+){0,2}?(?:number|figure|toll|total|count|tally)\b)", re.I)
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_QUOTES_AS = re.compile(r"\bquot(?:es|ed|ing)\s+(.{2,120}?)\s+as saying\b", re.I)
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|\s--?\s|,?\s+while\s+|,?\s+whereas\s+|,\s+but\s+|,\s+(?:even\s+)?(?:al)?though\s+|\.\s+|[“”\"]",
    re.I,
)
_SPEAKER_STOP = re.compile(
    r"[“”\"(;]|\s(?:—|–|--?)\s|(?<!\w)(?:that|while|whereas|but|as|after|when|because|before|if|although|though)\b",
    re.I,
)
# a clause with a finite verb of its own, then "and": what follows "and" is the speaker of the verb after it
_FINITE_VERB = (r"\b(?:was|were|is|are|has|have|had|took|fell|seized|captured|overran|entered|stormed|withdrew|fled|crossed|"
                r"retreated|surrendered|killed|attacked|launched|reached)\b")
_CLAUSE_THEN_AND = re.compile(_FINITE_VERB + r"[^,;]*?,?\s+and\s+", re.I)  # (", and fighters posted")
_DENY_CONTENT = re.compile(
    r"\b(?:(?:still|remain(?:s|ed)?|remaining|continue[sd]? to be)\s+(?:firmly\s+|fully\s+)?"
    r"(?:under|in)\s+(?:the\s+)?(?:full\s+)?(?:control of (?:the\s+)?(?:afghan\s+)?(?:government|security|"
    r"defen[cs]e|national)|government(?:'s)?\s+control|government\s+hands|hands of (?:the\s+)?government|"
    r"our\s+control)|(?:is|are|was|were)\s+(?:not\s+true|untrue|false|baseless|groundless|propaganda)|"
    r"\bfalse\s+(?:reports?|claims?)|\bbaseless\b|\bpropaganda\b|\bno truth\b|\bfabricat\w+|"
    r"\bnot\s+(?:fallen|been\s+(?:captured|taken|seized|overrun))|\bhas\s+not\s+fallen)",
    re.I,
)
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|these|those|its|their|such|unconfirmed|conflicting|initial|earlier|separate|similar|"
    r"amid|despite|about|of|on|over|to|with|by|from|after|following|and|or|were|are|was|is|no|any|"
    r"confirm\w*|verif\w*|" + _DENY + r"|investigat\w*|heard|received|"
    r"seen|saw|ignored)\s*$"
    r"|\b(?:confirm\w*|verif\w*|" + _DENY + r")\s+(?:the\s+)?(?:[\w’'\-]+\s+){1,2}$"
    r"|\b(?:contrary\s+to|despite|in\s+spite\s+of|amid|against)\s+(?:the\s+)?(?:[\w’'\-]+\s+){1,2}$",  # ("Contrary to
    re.I,  # Taliban claims, Kunduz has not fallen": the owner of the claims is no speaker here)
)
_NOUN_OWNER = re.compile(r"(?:^|[\s,])(?P<owner>[\w’'\-]+?(?:'s|’s|s')?)\s+$", re.I)
# a negated attribution verb: "have not confirmed", "did not deny", "would neither confirm nor deny"
_NEGATED_SAY = re.compile(
    r"(?:\bnot|n't|n’t|\bnever|\bnor|\bneither|\byet\s+to|\b(?:declined|refused|unable|failed)\s+to)\s+"
    r"(?:(?:immediately|independently|officially|publicly|yet|be\s+able\s+to|confirm\s+or)\s+)*$",
    re.I,
)
_NEGATION_KEYS: tuple[str, ...] = guard_stems(_NEGATED_SAY)  # derived from the pattern
_DENY_CONTENT_KEYS: tuple[str, ...] = guard_stems(_DENY_CONTENT)  # derived from the pattern
_NAME = re.compile(r"\b[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+)*")
_TWO_NAMES = re.compile(r"[A-Z][a-z'’\-]+\s+[A-Z][a-z'’\-]+")
_STOPNAMES = frozenset(
    """The A An He She It They We I But And Afghan Afghanistan Taliban Ministry Minister Governor
    Defence Defense Interior Officials Official Spokesman Spokeswoman Deputy Provincial Council
    National Security Police Army Chief Head General President Adviser Commander Earlier Later
    Meanwhile In On At Reuters Radio Free Azadi Western Senior Local Another Two Three Some""".split()
)


@dataclass(frozen=True)
class Attribution:
    """One attribution cue found in a sentence: speaker class, stance, words and span."""

    claimant: str
    stance: str
    cue: str
    start: int
    end: int
    form: str  # forward | inverted | according | quoted
    speaker: str = ""


def classify_speaker(phrase: str, speakers: Mapping[str, str] | None = None) -> str:
    """Return the claimant class (records.CLAIMANTS) of a speaker noun phrase."""
    text = phrase.strip(" ,.;:\"'“”’")
    if not text:
        return "unknown"
    head = re.split(r",|\s\(|\s—\s|\s--\s", text, maxsplit=1)[0]
    if head != text and re.fullmatch(r"(?:the|a|an)\s+(?:main\s+|chief\s+)?spokes(?:man|woman|person)", head, re.I):
        named = _classify_segment(text[len(head):], speakers)  # "The spokesman, Zabihullah Mujahid,": whose he is
        if named != "unknown":
            return named
    for segment in (head, text):
        found = _classify_segment(segment, speakers)
        if found != "unknown":
            return found
    return "unknown"


def _classify_segment(segment: str, speakers: Mapping[str, str] | None) -> str:
    """Classify one segment of a speaker phrase by keyword precedence, then by known speaker names."""
    found = _classify_words(segment)
    if found != "unknown" or not speakers or _PRONOUN.match(segment.strip()):
        return found
    for token in re.findall(r"[A-Z][a-z'’\-]+", segment):
        cls = speakers.get(token)
        if cls:
            return cls
    return "unknown"


@lru_cache(maxsize=65536)
def _classify_words(segment: str) -> str:
    """Classify one segment of a speaker phrase by its keywords alone (cached: phrases recur)."""
    if _PRONOUN.match(segment.strip()):
        return "unknown"
    low = segment.lower()
    taliban = _TALIBAN.search(low)
    if taliban and not re.search(r"anti-taliban|against the taliban", low):
        return "taliban"
    if re.search(r"\b(?:united nations|u\.n\.|un|unama|unhcr|un refugee agency)\b", low):
        return "international_org"
    outlet = _OUTLET.search(segment) or _AP.search(segment)
    if outlet and not re.search(r"\b(?:officials?|ministry|spokes\w+|minister|governor|military|army|wing|"
                                r"office|government|police|forces)\b", low):
        return "media"
    if _INTL.search(low) and not re.search(r"\bus\b|\bu\.s\.", low[:0]):
        if not _FOREIGN.search(low) or re.search(r"united nations|unama|unhcr|\bun\b|\bu\.n\.", low):
            return "international_org"
    if _FOREIGN.search(segment if re.search(r"\bUS\b", segment) else low) and not re.search(
        r"\bafghan\b", low
    ):
        return _foreign_or_outlet(low)
    if _FOREIGN.search(low) and re.search(r"\bafghan\b", low):
        # "Afghan officials in Iran" stays Afghan; "Tajik officials said Afghan troops" stays foreign
        first_foreign = _FOREIGN.search(low)
        first_afghan = re.search(r"\bafghan\b", low)
        if first_foreign and first_afghan and first_foreign.start() < first_afghan.start():
            return "foreign_government"
    if borders.issued_abroad(segment) and not re.search(r"\bafghan\b", low):
        return "foreign_government"  # "officials in Termez": a neighbour's officials
    if _RESIDENTS.search(low):
        return "residents"
    if _AFGHAN_GOV.search(_IN_KABUL.sub(" ", low)):  # ("our partners in Kabul" are no government; "officials in Kabul" are)
        return "afghan_government"
    return "unknown"


_IN_KABUL = re.compile(r"\b(?:in|from|at|near)\s+kabul\b")


def _foreign_or_outlet(low: str) -> str:
    """Foreign government unless the foreign word only qualifies a human-rights body or outlet."""
    if re.search(r"\bu\.?s\.?-based\b", low) and _INTL.search(low):
        return "international_org"
    return "foreign_government"


# a parenthetical between a speaker and the verb: "officials in Herat, speaking on condition of anonymity ..., said"
_ASIDE_BEFORE_VERB = re.compile(
    r",\s*(?:speaking|who\s+(?:spoke|asked|requested|declined|did\s+not\s+want|was\s+not|were\s+not)|asking|"
    r"requesting|declining|on\s+condition)\b[^,;“”\"]{0,160},\s*$",
    re.I,
)
_ASIDE_KEYS: tuple[str, ...] = guard_stems(_ASIDE_BEFORE_VERB)  # derived from the pattern


_SHORT_NOUN_PHRASE = re.compile(r"(?:the|this|that|its|his|her|their|a|an)\s+(?:[\w\-’']+\s+){0,2}[\w\-’']+", re.I)
# a longer noun phrase with no verb of its own, or one of a group ("a tribal leader in the area", "one of the porters",
# "one of them")
_LONG_NOUN_PHRASE = re.compile(r"(?:(?:one|some|many|two|three|several)\s+of\s+(?:them|us)|"
                               r"(?:(?:one|some|many|two|three|several)\s+of\s+)?(?:the|this|that|its|his|her|their|a|an)\s+"
                               r"(?:[\w\-’']+\s+){0,7}[\w\-’']+)", re.I)


# a bare noun phrase of lower-case words, none of them a verb or a function word ("customs staff", "local elders")
_BARE_NOUN_PHRASE = re.compile(
    r"(?!(?:[\w\-’']+\s+){0,2}(?:is|was|were|are|has|had|have|been|be|and|or|but|the|a|an|to|of|in|on|at|it|that|"
    r"which|who|not|fell|took|said)\b)(?:[a-z][\w\-’']*\s+){0,2}[a-z][\w\-’']*")


_ROLE_WORDS = (r"(?:spokes(?:man|woman|person)|officials?|officer|member|commander|resident|source|statement|lawmaker|"
               r"elder|witness|council(?:l)?or|governor|diplomat|analyst|police(?:man)?|soldier|journalist|"
               r"correspondent|MP|representative|deputy|senator|minister|mayor|chairman|leader)\b")
# "a spokesman for the governor", "an official in Kabul": an indefinite speaker after an inverted verb
_SPEAKER_NOUN = re.compile(r"an?\s+(?:[\w\-]+\s+){0,3}?" + _ROLE_WORDS, re.I)
# a person's name and role after an inverted verb: ", said Abdul Maruf Azar, a spokesman for the governor"
# an honorific written with a stop before a speaker's name ("said Mr. Hasan Reza Yusufi"): the stop ends nothing
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Eng|Lt|Maj|Capt|Prof)"
_NAME_THEN_ROLE = re.compile(r"\s+(?:" + _HONORIFIC + r"\.\s+)?(?-i:[A-Z])[\w’'\-]+(?:\s+(?-i:[A-Z])[\w’'\-]+){0,3},\s+(?:(?:an?|the)\s+)?"
                             r"(?:[\w\-]+\s+){0,3}?(?:" + _ROLE_WORDS + r"|(?:deputy\s+)?(?:head|chief|director)\s+of\b)",
                             re.I)  # (", said Nazifa Yusufzai, deputy head of the provincial council")
# what a denial verb takes as object: "rejected the group's claims", "denied the reports", "dismissed it"
_DENIED_OBJECT_AFTER = re.compile(r"\s+(?:(?:the|these|those|such|their|its|his|an?)\s+)?(?:[\w’'\-]+\s+){0,2}?"
                                  r"(?:claims?|reports?|rumou?rs?|allegations?|accounts?|statements?)\b", re.I)
_CLAIM_NOUN_BEFORE = re.compile(r"\b(?:claims?|reports?|assertions?)\s+(?:(?:later|quickly|swiftly|promptly|"
                                r"immediately|also)\s+)?$", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:(?:also|now|widely|first|later|then|\w+ly)\s+)?$", re.I)


_PROPER_NAME = re.compile(r"(?-i:[A-Z])[\w’'\-]+(?:\s+(?-i:[A-Z])[\w’'\-]+){0,3}")


# speakers located in a list of places right before the verb ("officials in Zabul, Uruzgan and Ghor said")
_SPEAKERS_OF_PLACES = re.compile(
    r"(?:^|,\s*|\s)(?P<who>(?:(?:the|local|provincial|security|government|afghan|district|senior)\s+)*(?:officials?|authorities|"
    r"sources|residents|elders|villagers|witnesses|traders|relatives|readers|listeners|correspondents|reporters|"
    r"spokesm[ae]n|police|lawmakers|council\s+members)\s+(?:in|of|from)\s+(?-i:[A-Z])[\w\-’']+"
    r"(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+|\s+)(?-i:[A-Z])[\w\-’']+)+\s*)$", re.I)


def _speaker_before(sentence: str, verb_start: int) -> tuple[str, int]:
    """Return the noun phrase right before an attribution verb and its start offset."""
    lo = max(0, verb_start - 200)
    head = sentence[lo:verb_start]
    if any(k in head.lower() for k in _ASIDE_KEYS):
        aside = _ASIDE_BEFORE_VERB.search(head)
        if aside is not None and aside.start() > 0:
            return _speaker_before(sentence, lo + aside.start())  # the speaker stands before the aside
    lo = max(0, verb_start - 160)
    window = sentence[lo:verb_start]
    listed = _SPEAKERS_OF_PLACES.search(window)
    if listed is not None:  # "..., officials in Zabul, Uruzgan and Ghor said": the officials of the places listed
        return listed.group("who").strip(), lo + listed.start("who")
    cut = 0
    for m in _SPEAKER_STOP.finditer(window):
        cut = m.end()
    phrase = window[cut:]
    # a comma-closed clause before the speaker ("..., officials said")
    parts = phrase.split(",")
    if len(parts) > 1:
        # keep appositions ("Fawad Aman, deputy spokesman of the ministry, told") but drop a
        # leading content clause when the last part is a full speaker phrase
        last = parts[-1].strip()
        if last.lower().startswith("and ") and re.search(_FINITE_VERB, ",".join(parts[:-1]), re.I):
            last = last[4:].strip()  # "... they had captured A, the town on the crossing, and fighters posted": a clause
            # with its own verb, then "and" and the speaker
        if last.lower() in ("which", "who") and parts[-2].strip():
            # "... were dismissed by the interior ministry, which said": the agent before the relative pronoun speaks
            agent = re.split(r"\b(?:by|from|to|with)\s+", parts[-2], flags=re.I)[-1].strip()
            idx = window.rfind(agent + ",")
            return agent, (lo + idx) if idx >= 0 else verb_start
        if last and (classify_speaker(last) != "unknown" or _SHORT_NOUN_PHRASE.fullmatch(last)
                     or (_LONG_NOUN_PHRASE.fullmatch(last)  # (a verb in its who-clause is the speaker's own: "one of the men who fled")
                         and not re.search(_FINITE_VERB, re.sub(r"\s+who\s.*$", "", last), re.I))
                     or _PRONOUN.match(last)  # "..., she said": the pronoun alone speaks
                     or _BARE_NOUN_PHRASE.fullmatch(last)  # "..., customs staff said"
                     or (_PROPER_NAME.fullmatch(last) and sentence[verb_start:verb_start + 1].islower())):
            # ("..., Niazi said": a name alone speaks; not in a headline's title case)
            phrase = last  # "..., the statement said": a short noun phrase is the speaker, not the clause before
        elif len(parts) >= 3 and parts[-1].strip() == "":
            phrase = ",".join(parts[-3:])
        else:
            phrase = ",".join(parts[-3:])
    clause = None
    for clause in _CLAUSE_THEN_AND.finditer(phrase):
        pass
    if clause is not None:  # "The Taliban took Khulm on Monday and officials said": the speaker opens after "and"
        phrase = phrase[clause.end():]
    phrase = re.sub(r"^\s*(?:and|also|but|earlier|later|meanwhile|however)\b[, ]*", "", phrase, flags=re.I).strip()
    idx = window.rfind(phrase) if phrase else -1
    return phrase, (lo + idx) if idx >= 0 else verb_start


# the words after an inverted verb up to a stop; an honorific's stop ends nothing ("said Mr. Hasan Reza Yusufi, member of
# the provincial council")
_PHRASE_AFTER = re.compile(rf"(?:\b{_HONORIFIC}\.|[^.;!?“”\"]){{0,140}}")


_AND_CLAUSE_IN_PHRASE = re.compile(r",\s+and\s+(?=(?:the\s+)?(?-i:[A-Z]))")
_EVENT_VERB = re.compile(r"\b(?:fell|was|were|took|captured|seized|overran|entered|went|followed|changed\s+hands|passed|came|"
                         r"surrendered|withdrew|retreated|fled|crossed)\b", re.I)


def _speaker_after(sentence: str, start: int) -> str:
    """Return the noun phrase right after an inverted attribution verb."""
    m = _PHRASE_AFTER.match(sentence[start:])
    phrase = m.group(0) if m else ""
    phrase = re.split(r"\s+(?:on|in|at|during|after|from)\s+(?:condition|a\s|an\s|the\s|monday|tuesday|"
                      r"wednesday|thursday|friday|saturday|sunday|\w+day\b)|\s+that\b|"
                      r",\s+(?:as|while|when|but|after|before|amid|even\s+as)\s", phrase, maxsplit=1, flags=re.I)[0]
    # (", says ministry, as Taliban take Kandahar": the clause after the speaker is none of the speaker)
    for cut in _AND_CLAUSE_IN_PHRASE.finditer(phrase):
        rest = re.split(r"[.;!?]", sentence[start + cut.end():], maxsplit=1)[0]
        if _EVENT_VERB.search(rest):  # ("said X, a member of the council, and Shighnan, on the Tajik border, fell on
            phrase = phrase[:cut.start()]  # Sunday": the clause after ", and" has its own verb)
            break
    return phrase.strip(" ,")


def speaker_span(sentence: str, a: Attribution) -> tuple[int, int]:
    """The stretch of a sentence an attribution's people take up, the listener after "told" included ("an official told
    our partners in Kabul": no event's place is inside it)."""
    if a.form == "forward" and a.cue.lower().endswith((" told", " tells")):
        listener = _LISTENER.match(sentence, a.end)
        if listener is not None:
            return a.start, listener.end("who")
    where = _SAID_IN.match(sentence, a.end) if a.cue.lower().endswith(_SAYING_ENDS) else None
    return a.start, where.end() if where is not None else a.end


def find_attributions(sentence: str, speakers: Mapping[str, str] | None = None) -> list[Attribution]:
    """Return every attribution cue in a sentence, in order of position."""
    base = _attributions(sentence)
    if all(a.claimant != "unknown" or not a.speaker for a in base) or not speakers:
        return list(base)  # (known speakers are consulted only when an attribution needs them)
    out = []
    for a in base:
        if a.claimant == "unknown" and a.speaker:
            cls = classify_speaker(a.speaker, speakers)
            if cls != "unknown":
                a = Attribution(cls, a.stance, a.cue, a.start, a.end, a.form, a.speaker)
        out.append(a)
    return out


@lru_cache(maxsize=4096)
def _attributions(sentence: str) -> tuple[Attribution, ...]:
    """Attribution cues of a sentence without any article context (cached)."""
    speakers = None
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in taken)

    low = sentence.lower()
    for m in _QUOTES_AS.finditer(sentence) if "as saying" in low else ():
        cls = classify_speaker(m.group(1), speakers)
        found.append(Attribution(cls, "asserted", m.group(0), m.start(), m.end(), "quoted", m.group(1)))
        taken.append((m.start(), m.end()))
    for m in _ACCORDING.finditer(sentence) if "according to" in low else ():
        phrase = _speaker_after(sentence, m.end())
        cls = classify_speaker(phrase, speakers)
        found.append(Attribution(cls, "asserted", sentence[m.start():m.end() + len(phrase) + 1].strip(),
                                 m.start(), m.end(), "according", phrase))
        taken.append((m.start(), m.end() + len(phrase) + 1))  # "according to local reports": no verb inside
    tail = _REPORT_TAIL.search(sentence) if low.rstrip(" .!\"”’'").endswith(" report") else None
    if tail is not None:  # "..., our partners in Kabul report.": a speaker and the base form closing the sentence
        found.append(Attribution(classify_speaker(tail.group("who"), speakers), "asserted",
                                 sentence[tail.start("who"):tail.end()].strip(), tail.start("who"), tail.end(), "forward",
                                 tail.group("who")))
        taken.append((tail.start("who"), tail.end()))
    for m in _FORWARD.finditer(sentence):
        if overlaps(m.start(), m.end()):
            continue
        verb = m.group(1)
        low_verb = verb.lower()
        if low_verb == "disputed" and re.search(r"\b(?:the|a|an|this|that|its|their|his|her|our|hotly|highly|much)\s+$",
                                                sentence[max(0, m.start() - 12):m.start()], re.I):
            continue  # "the disputed district of Spin Boldak": an adjective, no one speaking
        if low_verb in ("reports", "claims") and re.match(r"\s+(?:[\w\-]+\s+)?(?:say|said|suggest|suggested|claim|claimed|indicate|"
                                                        r"indicated|allege|alleged)\b", sentence[m.end():], re.I) and \
                re.fullmatch(r"\W*(?:(?:the|some|unconfirmed|unverified|initial|early|first|later)\s+)*", sentence[:m.start()], re.I):
            continue  # "Reports say X has fallen": the noun is the subject of the verb after it, which speaks
        if low_verb.startswith("estimat") and re.search(r"\b(?:an|the|some|about|around)\s+$", sentence[max(0, m.start() - 8):m.start()],
                                                      re.I) and re.match(r"\s+[\d,]", sentence[m.end():]):
            continue  # "an estimated 1,000 soldiers": a count's qualifier, no one speaking
        if low_verb in ("posted", "tweeted", "wrote", "writes", "shared") and _MEDIA_OBJECT.match(sentence, m.end()) and \
                not re.search(r"[\"“”]|\bcaption", sentence[m.end():m.end() + 120]):
            continue  # "... and posted photographs of men in front of a government building": a thing posted, no words
            # (but "posted a clip ... with the caption \"Taloqan is conquered\"" says what the caption says)
        if low_verb in ("put", "puts") and not _PUT_FIGURE.match(sentence, m.end()):
            continue  # "put the number of districts at 223" says; "the gains put the Taliban in control" does not
        if low_verb in ("quoted", "cited", "described", "reports", "reported") and re.match(
            r"\s+(?:by|in)\b", sentence[m.end():]
        ):
            continue
        if low_verb in ("claim", "claims", "reports") and _NOUN_BEFORE.search(sentence[max(0, m.start() - 40):m.start()]):
            # a noun: "the claims", "these reports", "confirmed reports that", "amid reports"; its owner
            # asserts what follows ("rejected Taliban claims that ...", "dismissed media reports that ...")
            owner = _NOUN_OWNER.search(sentence, max(0, m.start() - 40), m.start())
            if owner is not None and re.match(r"\s+(?:that|of)\b", sentence[m.end():]):
                cls = classify_speaker(owner.group("owner"))
                if cls not in ("unknown", "pronoun"):
                    found.append(Attribution(cls, "asserted", sentence[owner.start("owner"):m.end()],
                                             owner.start("owner"), m.end(), "according", owner.group("owner")))
            continue
        if low_verb in ("said", "reported", "believed", "thought") and re.match(
                r"\s+to\s+(?:have|be|show|depict|contain|include|belong|number|total)\b", sentence[m.end():]):
            continue  # "footage said to show ...", "units reported to have fled": a reduced passive names no speaker
        if _PASSIVE_BEFORE.search(sentence, max(0, m.start() - 24), m.start()) or \
                _CLAIM_NOUN_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):  # "a claim denied by X"
            by = _BY_AGENT.match(sentence, m.end())  # ("dismissed as propaganda by the governor")
            if by is None:
                continue  # "fighters are reported near the airport", "it was said that": a passive names no speaker
            # "the fall of X was confirmed by officials": the agent after "by" speaks, not the subject before
            phrase = _speaker_after(sentence, by.end())
            if phrase:
                cls = classify_speaker(phrase, speakers)
                stance = "denied" if _DENY_VERB.match(verb) else "asserted"
                end = by.end() + len(phrase)
                found.append(Attribution(cls, stance, sentence[m.start():end], m.start(), end, "inverted", phrase))
                continue
        if low_verb in ("claims", "reports") and _bare_claim_noun(sentence, m.start(), m.end()):
            continue
        window = sentence[max(0, m.start() - 50):m.start()]
        if any(k in window.lower() for k in _NEGATION_KEYS) and _NEGATED_SAY.search(window):
            continue  # "officials have not confirmed", "did not deny": the speaker asserts nothing
        if low_verb.endswith("ing") and re.search(r",\s*$", sentence[max(0, m.start() - 4):m.start()]):
            # "..., denying reports that ...": the participle's speaker is the one who spoke before it
            prev = next((a for a in reversed(found) if a.end <= m.start()), None)
            found.append(Attribution(prev.claimant if prev else "unknown",
                                     "denied" if _DENY_VERB.match(verb) else "asserted", verb, m.start(), m.end(),
                                     "forward", prev.speaker if prev else ""))
            continue
        if _DENY_VERB.match(verb) and _DENIED_OBJECT_AFTER.match(sentence, m.end()) and \
                re.search(r"(?:,\s*|\s)(?:but|and|while)\s+(?:also\s+)?$", sentence[:m.start()], re.I):
            # "officials confirmed A, but rejected the group's claims that B": the subject before speaks, and the
            # claims' owner is no speaker of the denial
            prev = next((a for a in reversed(found) if a.end <= m.start() and a.form == "forward"), None)
            if prev is not None:
                found.append(Attribution(prev.claimant, "denied", verb, m.start(), m.end(), "forward", prev.speaker))
            continue
        tail = _COMMENT_TAIL.search(sentence, max(0, m.start() - 40), m.start()) \
            if low_verb in _COMMENT_VERBS and (_NOTHING_AFTER.fullmatch(sentence, m.end()) or
                                               sentence.startswith(",", m.end())) else None
        if tail is not None:  # "X was handed over on Thursday, I regret to say(, and ...)": the clause before is what is said
            found.append(Attribution("pronoun", "asserted", sentence[tail.start("who"):m.end()], tail.start("who"), m.end(),
                                     "inverted", tail.group("who")))
            continue
        phrase, pstart = _speaker_before(sentence, m.start())
        if _PLACE_DESCRIBED.match(phrase):
            phrase = ""  # "..., and Farah, the capital of Farah province in the west, said the local councils": a place
        form = "forward"
        # inverted "..., said the governor" / '," he said' / 'said Shams.'
        prefix = sentence[: m.start()]
        if low_verb not in ("told", "tells"):
            after = _speaker_after(sentence, m.end())
            usable = bool(after) and not re.match(r"(?:that|it|in|on|a|an)\b", after, re.I)
            quoted = re.search(r"[”\"’']\s*$", prefix) is not None
            if (quoted or re.search(r",\s*$", prefix)) and after and re.match(r"(?:a|an)\s", after, re.I) and \
                    (quoted or _SPEAKER_NOUN.match(after)):
                usable = True  # '"...," said a member of the provincial council'; "..., said a spokesman for ..."
            named_role = re.search(r",\s*$", prefix) is not None and (
                _NAME_THEN_ROLE.match(sentence, m.end()) or (  # ", said a member of the Paktia provincial council."
                    bool(after) and _SPEAKER_NOUN.match(after) is not None and len(after.split()) <= 14
                    and not _VERB_IN_SPEAKER.search(after.split(",")[0])
                    and re.match(r"\s*(?:[.;]|$|,\s|\s+(?:on|in|late|early|last|this)\b)",
                                 sentence[m.end() + sentence[m.end():].find(after) + len(after):]) is not None))
            if usable and (not phrase or quoted or named_role):
                phrase, form = after, "inverted"  # (", said Abdul Azar, a spokesman for the governor": he speaks)
            elif usable and re.search(r",\s*$", prefix):
                fwd_cls = classify_speaker(phrase, speakers)
                aft_cls = classify_speaker(after, speakers)
                clause = not sentence[:pstart].strip() and (("," not in phrase.rstrip().rstrip(",") and len(phrase.split()) >= 4)
                                                            or bool(re.match(r"(?:on|in|at|after|before|since|during|under|over)\s",
                                                                             phrase, re.I))) \
                    and len(after.split()) <= 10 and not _VERB_IN_SPEAKER.search(after)  # "The Taliban captured
                # Ishkashim on Sunday, said the governor", "On 4 July under control ... passed A, B and C, informed the
                # border troops": a clause, not a subject with an appositive ("Zia, the spokesman,")
                if (fwd_cls == "unknown" and (aft_cls != "unknown" or _PRONOUN.match(after.split()[0]))) or \
                        clause or \
                        re.search(r"[”\"]|(?<!\w)[’']|[’'](?!\w)", phrase):  # (a quote mark, not "Zabul's")
                    phrase, form = after, "inverted"
        told_to = _TOLD_TO.match(sentence, m.end()) if low_verb == "told" and re.search(r",\s*$", prefix) else None
        if told_to is not None and _speaker_after(sentence, told_to.end()):
            # a translated wire's "..., told to the correspondent a source in the local police": the source speaks
            phrase, form = _speaker_after(sentence, told_to.end()), "inverted"
            found.append(Attribution(classify_speaker(phrase, speakers), "asserted", sentence[m.start():told_to.end()] + phrase,
                                     m.start(), told_to.end() + len(phrase), form, phrase))
            continue
        cls = classify_speaker(phrase, speakers)
        if cls == "unknown" and _PRONOUN.match((phrase.strip().split() or ["x"])[-1]):
            cls = "pronoun"
        if _POSSESSIVE_ROLE.fullmatch(phrase.strip()):
            cls = owner_side(sentence[:min(pstart, m.start()) if form == "forward" else m.start()]) or cls
        if low_verb in ("told", "tells") and form == "forward" and not phrase:
            continue
        stance = "denied" if _DENY_VERB.match(verb) else "asserted"
        found.append(Attribution(cls, stance, (phrase + " " + verb if form == "forward" else verb + " " + phrase).strip(),
                                 min(pstart, m.start()) if form == "forward" else m.start(),
                                 m.end() if form == "forward" else m.end() + len(phrase) + 1,
                                 form, phrase))
    found.sort(key=lambda a: (a.start, a.end))
    return tuple(found)


# a speaker and "report" closing the sentence after a comma ("..., our partners in Kabul report.")
_REPORT_TAIL = re.compile(r",\s*(?P<who>(?:our|the|local|some|several|two|three|many)\s+[^,;:]{1,50}?)\s+report(?=[\s.!\"”’']*$)", re.I)


# the listener after "told" up to the sentence's end, a comma or "that" ("told our partners in Kabul.", "told reporters in
# Herat that"), never across "to" or a verb ("told the garrison to leave Kunduz", "told me the district centre fell")
# where the words were said: "a ministry spokesman said in Kabul." (no event's place)
_SAYING_ENDS = ("said", "says", "added", "stated", "announced")
_SAID_IN = re.compile(WHERE_SAID +
                      r"(?=\s*(?:[.;!?]|$)|\s*,\s*(?:\w+\s+){0,3}(?:on|late|early|last|this)\b|\s+(?:on|late|early|last|this|that)\b)")
_LISTENER = re.compile(r"\s+(?P<who>(?:(?!_NOT_)[\w\-’'.]+\s+){0,5}?(?!_NOT_)[\w\-’']+)(?=\s*(?:[,.;!?]|$)|\s+that\b)"
                       .replace("_NOT_", r"(?:to|that|fell|falls|fall|was|were|is|are|has|had|have|took|takes|taken|\w+ed)\b"))


# a comment clause with its verb last, closing the sentence or between commas (", I must say", ", we regret to say,")
_COMMENT_TAIL = re.compile(r",\s*(?P<who>I|we)\s+(?:(?:must|have\s+to|had\s+to|regret\s+to|am\s+sorry\s+to|are\s+sorry\s+to|"
                           r"am\s+afraid\s+to|am\s+sad\s+to|should|would|can|need\s+to|have\s+to\s+admit\s+and)\s+)?$")
_COMMENT_VERBS = frozenset(("say", "admit", "add", "confess", "repeat", "stress", "report", "confirm"))
_NOTHING_AFTER = re.compile(r"[\s.!?\"”’')\]]*")


# the listener of an inverted "told" in translated copy ("..., told to the correspondent a source in the police")
_TOLD_TO = re.compile(r"\s+to\s+(?:the|our|a|an|this)\s+(?:[\w\-]+\s+){0,2}?(?:correspondent|reporter|journalist|agency|"
                      r"edition|newspaper|paper|media|channel|portal)\s+(?!that\b)", re.I)  # ("X, a council member, told to
# our reporter that ...": X speaks, forward)


# "its spokesman", "their commanders": whose they are is the side named last before them
_POSSESSIVE_ROLE = re.compile(r"(?:its|their)\s+(?:[\w\-]+\s+)?(?:spokes(?:man|woman|person)|officials?|leaders?|"
                              r"commanders?|statement|representatives?)", re.I)
_SIDE_TALIBAN = re.compile(r"\b(?:taliban|insurgents?|militants?|mujah[ie]d(?:ee|i)n|the\s+(?:movement|group)|islamic\s+emirate)\b",
                           re.I)
_SIDE_GOVERNMENT = re.compile(r"\b(?:government|ministry|army|police|security\s+forces|afghan\s+forces|governor)\b", re.I)


def owner_side(before: str) -> str:
    """The side a possessive speaker ('its spokesman') belongs to: the movement or the government named last in
    `before`, else empty."""
    taliban = [m.end() for m in _SIDE_TALIBAN.finditer(before)]
    government = [m.end() for m in _SIDE_GOVERNMENT.finditer(before)]
    if not taliban and not government:
        return ""
    return "taliban" if max(taliban, default=-1) > max(government, default=-1) else "afghan_government"


def _bare_claim_noun(sentence: str, start: int, end: int) -> bool:
    """True when 'claims'/'reports' at [start, end) is a noun with no determiner: opening the sentence ('Reports of
    the capture of X were untrue') or in apposition ('..., claims denied by the ministry')."""
    after = sentence[end:]
    if re.search(r",\s*$", sentence[:start]) and _DENIED_PARTICIPLE.match(after):
        return True
    return not sentence[:start].strip(" \"“'‘(") and _NOUN_CONTENT_AFTER.match(after) is not None


# the agent of a passive speaking verb, after a time or what the claim was called ("dismissed as propaganda by")
_BY_AGENT = re.compile(r"\s+(?:(?:this|on|late|early|last)\s+\w+\s+|yesterday\s+|today\s+)?"
                       r"(?:as\s+(?:(?:a|an|mere|pure|enemy|baseless|false)\s+)?[\"“‘']?[\w\-]+[\"”’']?\s+)?by\s+", re.I)
_DENIED_PARTICIPLE = re.compile(r"\s+(?:\w+ly\s+)?(?:denied|rejected|dismissed|disputed|contradicted)\b", re.I)
_NOUN_CONTENT_AFTER = re.compile(r"\s+(?:(?:made|spread|circulated|published|posted)\s+)?(?:that|of|about|from|by)\b")


def _clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """Return the clause (between strong breaks) that contains position `pos`."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


_RELATIVE_AT = re.compile(r",?\s+(?:which|that)\b", re.I)


def _pick(atts: list[Attribution], sentence: str, anchor: int | None) -> Attribution | None:
    """Choose the attribution that covers the anchor (or the most informative one)."""
    if not atts:
        return None
    named = [a for a in atts if a.claimant not in ("media", "unknown", "pronoun")]
    pool = named or [a for a in atts if a.claimant != "unknown"] or atts
    if anchor is None:
        deny = [a for a in pool if a.stance == "denied"]
        return pool[0] if not deny or len(pool) == 1 else pool[0]
    if _RELATIVE_AT.match(sentence, anchor) and \
            any(a.form == "forward" and a.speaker and a.start <= anchor < a.start + len(a.speaker) for a in atts):
        return None  # "Farmers in X, which the Taliban have held since July, say ...": the speakers' description is
        # the writer's, not what they say
    lo, hi = _clause_bounds(sentence, anchor)
    forward_before = [a for a in pool if a.form != "inverted" and a.end <= anchor and a.start >= lo]
    if forward_before:
        return forward_before[-1]
    inverted_after = [a for a in pool if a.form == "inverted" and a.start >= anchor]
    if inverted_after:
        # "X fell on Wednesday, the group said, a claim denied by Kabul": the speaker tag set off by commas between
        # them says the clause before it; the denial after it is another speaker's
        tag = [a for a in pool if a.form == "forward" and anchor <= a.start < inverted_after[0].start
               and re.search(r",\s*$", sentence[:a.start]) and re.match(r"\s*,", sentence[a.end:])]
        if tag:
            return tag[0]
        return inverted_after[0]
    # the clause's own speaker, even unnamed ("the emergencies committee said ... landed, and officials rejected
    # reports that ..."), says it rather than a named speaker of another clause
    own = [a for a in atts if a.form == "forward" and a.end <= anchor and a.start >= lo and a.claimant == "unknown"]
    if own:
        return own[-1]
    forward_any_before = [a for a in pool if a.form != "inverted" and a.end <= anchor]
    if forward_any_before:
        return forward_any_before[-1]
    # a later clause's speaker says that clause ("...; officials said reinforcements came"), unless nothing follows
    # ('"...," the governor told reporters' closes a quotation: its speaker said what is inside)
    quoted = hi < len(sentence) and sentence[hi] in "“”\""
    near = [a for a in pool if quoted or not (a.form == "forward" and a.start >= hi and re.search(r"\w", sentence[a.end:]))]
    if not near:
        return None
    return min(near, key=lambda a: min(abs(a.start - anchor), abs(a.end - anchor)))


def _unbalanced_open_quote(text: str) -> bool:
    """True when a sentence opens a quotation it does not close."""
    opens = text.count("“")
    closes = text.count("”")
    straight = text.count('"')
    return opens > closes or (straight % 2 == 1 and text.lstrip().startswith('"'))


def _bare_attribution(text: str) -> bool:
    """True for a short sentence that is only an attribution ("The ministry said.")."""
    words = text.split()
    return 0 < len(words) <= 14 and bool(_FORWARD.search(text)) and not re.search(
        r"\b(?:that|seiz|captur|fled|enter|fall|baseless|false|untrue)\w*|\b(?:claims?|reports?)\s+(?:about|of|regarding)\b",
        text, re.I)  # ("Taliban claims about the fall of X are baseless" has content of its own)


# a word that makes the phrase after "said" a clause, not a speaker ("says negotiator, as Taliban take Kandahar")
_VERB_IN_SPEAKER = re.compile(r",|\b(?:were|was|is|are|had|has|have|will|would|could|can|take|takes|took|fell|falls|"
                              r"(?!(?:armed|united|based|elected|detained)\b)\w+ed)\b", re.I)
# a speaker's label opening a line of a transcript or a quote: "NAME (role): ...", 'Spokesman A. Zia: "..."'
_SPEAKER_LABEL = re.compile(r"\s*((?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*|[A-Z][^.;:!?\"“”()\n]{1,60})\s*"
                            r"\([^()\n]{2,60}\)|[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*)\s*:\s*[\"“']?\S")
_RELAYED = re.compile(r"\b(?:reports?|claims?|rumou?rs?)\s+(?:that|of)\b", re.I)
# (a name in capitals, or a name or role with a role in brackets; a headline's "Taliban sweep the south: ..." is no
# speaker)


def find_claim(
    sentence: str,
    before: str = "",
    after: str = "",
    speakers: Mapping[str, str] | None = None,
    anchor: int | None = None,
) -> Claim:
    """Return who asserts the sentence's statement and whether they assert or deny it."""
    return _find_claim(sentence, before, after, speakers, anchor)


def _find_claim(sentence: str, before: str, after: str, speakers: Mapping[str, str] | None,
                anchor: int | None) -> Claim:
    """Implementation of find_claim."""
    atts = find_attributions(sentence, speakers)
    chosen = _pick(atts, sentence, anchor)
    claimant, stance, cue = "unknown", "asserted", ""
    if chosen is not None:
        claimant, stance, cue = chosen.claimant, chosen.stance, chosen.cue
    if chosen is None or claimant in ("unknown", "pronoun"):
        borrowed: Claim | None = None
        if after and (_unbalanced_open_quote(sentence) or _bare_attribution(after)):
            a_atts = [a for a in find_attributions(after, speakers) if a.claimant not in ("unknown",)]
            if a_atts:
                a = a_atts[0]
                if a.claimant == "pronoun" and before:
                    prev = _find_claim(before, "", "", speakers, None)
                    borrowed = Claim(prev.claimant, a.stance, a.cue)
                else:
                    borrowed = Claim(a.claimant, a.stance, a.cue)
        if borrowed is None and before and (claimant == "pronoun" or before.rstrip().endswith(":")):
            prev = _find_claim(before, "", "", speakers, None)
            if prev.claimant == "unknown" and claimant == "pronoun":
                subject = " ".join(re.split(r"\s+", before.strip())[:8])
                prev = Claim(classify_speaker(subject, speakers), "asserted", subject)
            if prev.claimant != "unknown":
                borrowed = Claim(prev.claimant, stance if chosen is not None else prev.stance, cue or prev.cue)
        if borrowed is None and before and chosen is None and re.match(r"\s*[\"“]", sentence) and \
                re.search(r"[\"”]", before):
            prev = _find_claim(before, "", "", speakers, None)  # a quotation running on from the sentence before
            if prev.claimant != "unknown":
                borrowed = prev
        if borrowed is not None and borrowed.claimant not in ("unknown", "pronoun"):
            claimant, stance, cue = borrowed.claimant, borrowed.stance, borrowed.cue
    if claimant in ("unknown", "pronoun") and chosen is None:
        label = _SPEAKER_LABEL.match(sentence)  # "RAHIMI (governor's spokesman): That is not true."
        who = classify_speaker(label.group(1), speakers) if label is not None and not _RELAYED.search(
            sentence, label.end()) else "unknown"  # ("MR. PRICE: We have seen the reports that ...": not his claim)
        if who not in ("unknown", "pronoun"):
            claimant, cue = who, label.group(1)
    if claimant == "pronoun":
        claimant = "unknown"
    low = sentence.lower()
    if stance == "asserted" and any(k in low for k in _DENY_CONTENT_KEYS) and _DENY_CONTENT.search(sentence):
        stance = "denied"
    return Claim(claimant=claimant, stance=stance, cue=cue)


def speaker_names(sentence: str, speakers: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return surnames of speakers whose role is stated in the sentence, mapped to their class."""
    names: dict[str, str] = {}
    if not _TWO_NAMES.search(sentence):
        return names  # no name of two capitalised words to learn
    for att in find_attributions(sentence, speakers):
        if att.claimant in ("unknown", "pronoun", "media"):
            continue
        for m in _NAME.finditer(att.speaker):
            tokens = [t for t in m.group(0).split() if t not in _STOPNAMES]
            if len(tokens) >= 1 and len(m.group(0).split()) >= 2:
                for t in tokens:
                    if not _classify_segment(t, None) != "unknown":
                        names[t] = att.claimant
    return names
