"""Event mentions and district tallies read from one article's sentences (rules of docs/EVENTS.md)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Iterator, Mapping

from analysis.extract.drafts import MentionDraft
from analysis.extract import claims, lists, vocabulary
from analysis.extract.borders import _COUNTRY_NAMES, _FOREIGN_TOWN_ALT, COUNTRY_WORDS
from analysis.extract.clauses import scope_after as _scope_after, scope_before as _scope_before
from analysis.extract.counted import BORDERING, CountedReader, _stated_number
from analysis.extract.dates import small_number
from analysis.extract.numbers import _UNITS
from analysis.extract.datepick import _DATELINE_PREFIX, _SAY_DATE, _WHICH_ASIDE, _pick_date, _pub_high
from analysis.extract.posts import post_days, section_days, signature_start, signed_days, read_stamp
from analysis.extract.denials import (
    DenialReader, _CONTRA, _DENIAL_KEYS, _DENY_OBJECT, denies_another_subject,
)
from analysis.extract.flight import _OPENING_PLACE, FlightReader
from analysis.extract.listing import ListReader
from analysis.extract.modality import negated as _negated, read_modality, taken_back, unconfirmed_next
from analysis.extract.outcomes import (
    OutcomeReader, _GOV_AGENT, _POLICE_AREA, _TALIBAN_AGENT, _outcome_cues_of, government_side, passive_out,
)
from analysis.extract.refs import (
    _ANAPHORA_KEYS, NEIGHBOUR_NOUN, POSSESSIVE_OWNER, _Draft, _Ref, _Sent, _as_capital, _as_district, _as_province, _capital_of,
    _crossing_district, _place_id, _readings, _sentence_refs,
)
from analysis.extract.tallies import TallyReader
from analysis.extract.triggers import (
    _BY_TALIBAN, _CAPITAL_OUTCOME, _GAP_WORDS, _NOUN_TRIGGERS, _Pos, _TRIGGERS, TRIGGER_STEMS, TriggerSelector,
)
from analysis.extract.vocabulary import TRIGGER_RULES
from analysis.extract.prefilter import Prefilter
from analysis.extract.stems import guard_stems
from analysis.ids import mention_ids
from analysis.extract.gazetteer import Gazetteer
from analysis.records import Article, ArticleResult, Claim, Count, DateMention, Mention, Place, Sentence, Tally, is_history


# each trigger narrowed, sentence by sentence, to the alternatives whose stems occur (the same matches, found faster)
_SELECTOR = TriggerSelector(_TRIGGERS, [rule.pattern for rule in TRIGGER_RULES], len(_TRIGGERS) + 1)
# one scan per article for every stem above, and for those of the triggers' alternatives
_PREFILTER = Prefilter([*TRIGGER_STEMS, _ANAPHORA_KEYS, *_SELECTOR.groups])
# the government's own forces inside a city ("Government troops were inside Kunduz")
_GOV_INSIDE = re.compile(r"\b(?:(?:government|afghan|security|national|special)\s+(?:forces|troops|soldiers)|(?<!taliban\s)(?:troops|"
                         r"soldiers|police(?:men)?|army|commandos))\s+(?:(?:have|has|had)\s+been|were|are|was|is)\s+"
                         r"(?:\w+\s+)?(?:inside|in\s+the\s+(?:streets|centre|center|heart)\s+of)\b", re.I)
# the fall that names a day ("the same day the city fell", "the same day Zaranj was taken")
_DAY_PLACE_FELL = re.compile(r"\s+(?:that\s+|when\s+)?(?P<place>the\s+(?:city|town|district)|(?-i:[A-Z])[\w\-’']+)"
                             r"(?:[\s\-](?-i:[A-Z])[\w\-’']+)?\s+(?:fell|was\s+(?:taken|captured|overrun|lost|handed\s+over))\b|"
                             # "fell the same day as Kunduz": the day Kunduz fell, as the article told it
                             r"\s+as\s+(?P<place2>(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)?)(?=\s*(?:[,.;]|$))",
                             re.I)
# a time counted from another place's fall ("a day after Sheberghan fell", "two days after the fall of Kunduz")
_DAYS_AFTER_FALL = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|six|\d)\s+(?P<unit>days?|weeks?)|the\s+day)\s+(?P<dir>after|before)\s+"
    r"(?:the\s+(?:fall|capture|loss|surrender)\s+of\s+)?(?P<place>(?-i:[A-Z])[\w\-’']+)", re.I)
# a named district or city right after a verb, as its object ("captured the Chahar Bolak district")
_PLACE_OBJECT_NEXT = re.compile(r"\s+(?:the\s+)?(?-i:[A-Z])[\w\-]+(?:[\s\-](?-i:[A-Z])[\w\-]+)?\s+(?:district|city)\b")
# a counted part in apposition right after the last place of a list (", three of Kunduz's seven districts")
_PART_APPOSED = re.compile(r"\s*(?:,|\s[-–—]|\(|:)\s*(?:all\s+)?[\w\-]+\s+(?:out\s+)?of\s+(?:the\s+|its\s+|(?-i:[A-Z])[\w\-]+"
                           r"(?:\s+province)?(?:'s|’s)\s+)(?:[\w\-]+\s+)?(?:districts|woluswalis)\b", re.I)
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|be|got|get|gets|had|has|have)\s+(?:(?:\w+ly|also|now|already|reportedly|"
    r"then|since|just|largely)\s+)?(?:(?:reported|said|believed|confirmed|understood)\s+(?:to\s+have\s+been\s+)?)?"
    r"[\"“‘]?(?:\w+ly\s+)?$", re.I)  # (a scare quote may open before the participle; "was reported taken")
# an aside that sets another place apart from the one just named ("(not the Balkh district of the same name)", ", not
# to be confused with the district of the same name in Balkh,")
_NOT_THIS_ONE = re.compile(r"\((?:[^(),]{1,40},\s*)?(?P<n>\s*not\s+(?:the|to\s+be\s+confused\s+with)\b[^()]{0,100})\)|"
                           r",\s*(?:(?:a|an|the)\s+(?:[\w\-]+\s+)?"
                           r"(?:district|town|city|place)\s+)?not\s+(?:to\s+be\s+confused\s+with|"
                           r"the\s+(?:(?:better|best|more|less|lesser|larger|bigger|smaller|well)[\s\-]+(?:known|famous)\s+|"
                           r"larger\s+|bigger\s+|smaller\s+|other\s+|northern\s+|southern\s+)?"  # ("not the better-known
                           # Kandahar district of the same name")
                           r"(?:one|district|town|city|(?-i:[A-Z])[\w\-’']+\s+(?:district|one))\b)[^,;.()]{0,100}(?=,(?!\s+which\b))|"
                           r"\s[-–—]\s+not\s+(?:to\s+be\s+confused\s+with|the\s+(?:(?:better|best|more|less|lesser|larger|"
                           r"bigger|smaller|well)[\s\-]+(?:known|famous)\s+|larger\s+|bigger\s+|smaller\s+|other\s+|northern\s+|"
                           r"southern\s+)?(?:one|district|town|city|(?-i:[A-Z])[\w\-’']+\s+"
                           r"(?:district|one))\b)[^,;.()–—]{0,100}?\s[-–—](?=\s)", re.I)
# (not when a relative clause goes on to tell of the other place: "..., not the Kandahar district of the same name, which
# went on Wednesday"; between dashes: "Arghandab district - not the Kandahar district of the same name - fell on Monday")


def _not_this_one(text: str) -> list[tuple[int, int]]:
    """The spans of the asides in a sentence that set another place apart from the one just named."""
    return [(m.start("n"), m.end()) if m.group("n") else (m.start(), m.end()) for m in _NOT_THIS_ONE.finditer(text)]
    # ("Dawlatabad (Faryab, not the Balkh district of the same name)": the province before the aside stays the place's)


# a plural subject naming no place ("Three more provincial capitals", "two other districts") and the colon
# that opens its list after the verb
_PLURAL_SUBJECT = re.compile(
    r"(?:\b(?:capitals|cities|districts|district\s+centres|district\s+centers)|"
    r"(?:^|[,;]\s*|\b(?:and|then)\s+|\bon\s+\w+day\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+|[A-Z][a-z]+\s+\d{1,2}\s+)?)"
    r"(?:two|three|four|five|six|seven|eight)(?:\s+more)?)"
    r"(?P<owner>\s+(?:of|in|around|surrounding|outside|near)\s+(?:the\s+)?(?:province\s+of\s+)?(?:(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?(?:\s+province)?|"
    r"province|city|provincial\s+capital|capital|"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|centre|center)(?:\s+of\s+the\s+country)?))?\s+"  # ("in the north")
    r"(?:(?:that|which)\s+)?(?:(?:also|have|had|were|was|now)\s+)*[\"“‘]?$", re.I)  # ("on Sunday three fell: A, B, C"; "the
# districts of Herat province", "of the province" before the verb)
# the list after a plural subject's verb: "... fell on Friday, officials said: A, B and C", "districts that changed
# hands this month, including A and B"
_COLON_LIST = re.compile(r"(?:[^.;:\"“”]|\.(?=\s+\d)){0,120}?(?::\s*|\s(?:—|–|--?)\s+|,\s*(?:including|among\s+them|such\s+as|notably|namely)\s+|"
                         r",\s*(?=[^.;:]{1,150}?\s+among\s+them\b))"  # ("..., A, B and C among them")
                         r"(?:the\s+)?(?=[A-Z])")


def _list_mark(after: str) -> bool:
    """Whether the words after a verb hold a colon or a spaced dash that may open a list ('fell on Sunday - A and B')."""
    return ":" in after or " - " in after or " – " in after or " — " in after or " -- " in after


# "handed over <a place>" with no one named to receive it: who gave it up (an official or a garrison), and the
# government's side named as the receiver instead ("handed over Bagram Air Field ... to Afghan forces")
_HANDED_OVER = re.compile(r"hand(?:ed|ing)\s+over", re.I)
_NAMED_OBJECT = re.compile(r"\s+(?:the\s+(?:city|town|district(?:\s+cent(?:re|er))?|provincial\s+capital)\s+of\s+)?(?-i:[A-Z])")
_HANDER = re.compile(r"\b(?:governors?|officials?|elders|commanders?|police|army|forces|garrisons?|soldiers|troops|"
                     r"chiefs?|administrators?|authorities)\b", re.I)
_OTHER_RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?(?:afghan|government|army|security|national|local|police|(?-i:US|U\.S\.|ANA|ANDSF)|"
                              r"american|nato|coalition)\b", re.I)
# a person who went somewhere ("the governor went over the weekend to Kabul"), not a place that "went"
_PERSON_WENT = re.compile(rf"\b(?:he|she|they|we|i|commanders?|chief|deputy|ministers?|president|delegation|spokesm[ae]n|envoys?|"
                          rf"reporters?|correspondents?|elders?|families|family|people|residents|{vocabulary.ACTORS['troop']})\s+"
                          r"(?:\w+ly\s+)?$", re.I)
_FLEW_TO = re.compile(r"flew\s+(?:out\s+)?(?:to|for|into)\s+", re.I)
# ("pilots flew to Uzbekistan", "585 soldiers flew into Termez": a flight as it is)
_NEIGHBOUR_NEXT = re.compile(rf"(?:the\s+)?(?:{_COUNTRY_NAMES}|{_FOREIGN_TOWN_ALT})\b", re.I)
# people or goods before "of/from/in X" ("Soldiers from Kunduz, captured on Sunday,"): the apposition is theirs
_SEIZABLE_OF = re.compile(rf"\b(?:{vocabulary.ACTORS['troop']}|{vocabulary.ACTORS['civilian']}|men|weapons|arms|vehicles|"
                          r"equipment|ammunition|trucks|goods|cargo|humvees|helicopters|aircraft)\b"
                          r"(?:\s+[\w\-’']+){0,3}?\s+(?:of|from|in|at|near)\s+(?:the\s+)?(?:(?:city|town|district)\s+of\s+)?"
                          r"[\w\-’' ]{1,30}$", re.I)
# the status after a label's dash or colon, as the label-status and label-state rows of the trigger table read it
# "Sheep prices in Maimana fell", "Prices of flour in Ghazni city fell by a fifth": a measure that fell, not a place
_FELL_VERB = re.compile(r"(?:fell|fall(?:en|s|ing)?|dropped)", re.I)
_MEASURE_SUBJECT = re.compile(
    r"\b(?:prices?|rates?|costs?|values?|sales|revenues?|exports?|imports?|wages?|temperatures?|attendance|numbers?|"
    r"levels?|supplies|stocks|volumes?|incomes?|turnover|arrivals|enrolment|output|yields?|afghani|currency)\b"
    r"(?:\s+(?:of|for)\s+[\w\-]+(?:\s+[\w\-]+)?)?\s+(?:in|at|across|on)\s+[^,;:.!?]{1,50}$", re.I)
# places named by a relative clause inside another phrase ("in the cities that fell", "from the districts which had
# fallen"); "Among the districts that fell this week were A and B" names them after the copula (another trigger row)
_PLACES_THAT_BEFORE = re.compile(r"\b(?:in|of|from|to|at|across|for|by|with|into)\s+(?:all\s+)?the\s+(?:[\w\-]+\s+)?"
                                 r"(?:cities|districts|towns|capitals|provinces|places|areas)\s+(?:that|which)\s+"
                                 r"(?:(?:have|had|has)\s+)?(?:(?:already|since|recently|just)\s+)?$", re.I)
_BY_AMOUNT = re.compile(r"\s+by\s+(?:a\s+|one\s+|two\s+)?(?:half|third|quarter|fifth|tenth|[\d.,]+\s*(?:%|per\s*cent|percent))|"
                        r"\s+(?:sharply\s+|further\s+)?to\s+(?:a\s+(?:record\s+)?low\s+of\s+)?[\d.,]*\d", re.I)  # ("fell to 83.10")
# what a section heading naming one place may hold besides it ("QALA-E-NAW (Badghis)", "## Kunduz city")
_PLACE_HEADING_REST = re.compile(r"[\s#*_()\[\],:/|\-–—]*(?:(?:province|city|district|region)[\s()\[\],:/|\-–—]*)?", re.I)
# a statement dated by its noun ("In a statement on 5 July it said that ..."), as "said on 5 July" is by its verb
_NOUN_ON_BEFORE = re.compile(r"\b(?:statement|announcement|briefing|communiqu[eé]|press\s+release|update)\s+"
                             r"(?:(?:issued|published|released|posted)\s+)?(?:on\s+)?$", re.I)
# a day counted from the day of writing ("overnight", "yesterday", "last night", "this morning")
_DAY_WORD_DATE = re.compile(r"(?:overnight|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|"
                            r"this\s+(?:morning|afternoon|evening))", re.I)
# the day a series or a count starts from ("beginning with Zaranj on 6 August", "since 6 August")
_SERIES_START_BEFORE = re.compile(r"\b(?:since|beginning\s+with|starting\s+with|first\s+was)\b[^,;.]{0,40}$", re.I)
# cheap pre-checks of _DAYS_LATER: a sentence with none of these has no match
_DAYS_LATER_KEYS = ("day", "week", "hours ", " the ", "night", "that ", "dawn", "dusk", "light", "morning", "afternoon",
                    "evening")  # (in the lowercased sentence, which may also open on "the ")
_DC = vocabulary.MACROS["DC"]  # "DC", "district centre", "district HQ"
_LABEL_STATUS = re.compile(rf"\s*(?:[-–—]\s+(?:(?:the\s+)?{_DC}\s+)?(?:taken|captured|seized|overrun|lost|handed|surrendered|"
                           rf"under)|:\s+(?:(?:the\s+)?{_DC}\s+)?(?:taken|captured|seized|overrun|lost|handed|surrendered))\b",
                           re.I)
# a line opened by a place (and its seat or province in brackets) before a status ("Kohsan (seat: Kohsan) - ...")
_LABEL_OPEN = re.compile(r"\W*(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}(?:\s*\([^()]{1,80}\))?\s*")
_OFFICIAL_BEFORE = re.compile(r"\b(?:governors?|police\s+chiefs?|officials)\s+(?:\w+\s+){0,3}?$", re.I)  # ("the governor
# flew to Kabul")
# a fall told as what something came before ("In the weeks before the city fell, ..."): a later act
_BEFORE_IT_FELL = re.compile(r"\bbefore\s+(?:the\s+(?:city|town|district|capital|provincial\s+capital)|it|(?-i:[A-Z])[\w\-]+"
                             r"(?:[\s\-](?-i:[A-Z])[\w\-]+)?)\s+(?:had\s+|finally\s+)?$", re.I)
# a turn to do something ("it was the turn of Kabul's delegation to speak"): no fall
_TURN_TO = re.compile(r"^[^,.;]{0,40}?\s+to\s+(?!the\s+(?:taliban|insurgents))[a-z]+\b")
# where a relative clause's antecedent lies, told between the two ("Pashtun Zarghun, east of the city, which ...")
_REL_LOCATED = re.compile(r"(?:\s+(?:city|town|district|crossing|border\s+crossing|port))?\s*,\s+(?:(?:further|farther|just|some|"
                          r"about|\d+\s*(?:km|kilomet\w+|miles))\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b"
                          r"|on\s+the\b|near\b|along\b|in\s+the\s+(?:north|south|east|west)|to\s+the\s+(?:north|south|east|west)"
                          r"(?:-?(?:east|west))?\s+of\b|in(?=\s+(?-i:[A-Z])[\w\-’']+"
                          r"(?:\s+province)?\s*$))[^,;:.]{0,80}\s*", re.I)  # ("Tagab, in Kapisa, which ...")
# what a place is, naming the neighbour it leads to ("Torghundi, the crossing into Turkmenistan, which ...")
_REL_DESCRIBED = re.compile(r"\s*,\s+(?:the|a|an)\s+(?:(?:[\w\-]+\s+){0,3}?(?:crossing|border\s+crossing|town|district|port|gateway|"
                            r"post)\s+(?:into|to|with|on|near|opposite|facing)|(?:provincial\s+)?(?:capital|centre|center|main\s+city)\s+of)"
                            r"\s+[^,;:.]{0,60}\s*", re.I)  # ("Faizabad, the capital of Badakhshan in the far northeast, which")


def _aside_owner(text: str, refs: list[_Ref], at: int) -> _Ref | None:
    """The last of `refs` followed, up to `at`, by nothing but an aside saying where it lies or what it is ("Pashtun
    Zarghun, east of the city, which ...", "Torghundi, the crossing into Turkmenistan, which ..."): the place a relative
    clause at `at` tells of."""
    return next((r for r in reversed(refs) if _REL_LOCATED.fullmatch(text, r.end, at) or _REL_DESCRIBED.fullmatch(text, r.end, at)),
                None)


# a perfect auxiliary before an active participle ("have also seized", "had already overrun"): not a passive
_PERFECT_AUX = re.compile(
    r"\b(?:had|has|have)\s+(?:(?:\w+ly|also|now|already|since|just|again|reportedly)\s+){0,2}$", re.I)
_BY_AGENT = re.compile(rf"^\s+(?:by|to)\s+{_BY_TALIBAN}", re.I)
_SECOND_CLAUSE = re.compile(r"(?:(?:,\s+(?:and|but|while)|;)|\b(?:claims?|reports?|rumou?rs?|allegations?)\s+that)\s+"
                            r"(?:the\s+)?$", re.I)  # (a claim's own clause: "rejected claims that X has been captured")
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:now|also|since|already)\s+)?(?:been\s+)?$", re.I)
_LATER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:since|later|afterwards|subsequently|since\s+then)\b", re.I)
_POLICE_DISTRICTS = re.compile(r"\bpolice\s+districts?\b|(?:(?<=into\s)|(?<=entered\s)|(?<=inside\s)|(?<=reached\s))"
                               r"(?-i:PDs?)\s?\d", re.I)  # ("TB got into PD3", "AOG entered PD6")
_BUILDING_AFTER = re.compile(
    r"^\s+(?:(?:full\s+)?control\s+(?:of|over)\s+)?"  # "seized control of the governor's compound"
    r"(?:(?:(?-i:[A-Z])[\w\-]+(?:[\s\-](?-i:[A-Z])[\w\-]+){0,2}|the\s+(?:city|town|provincial\s+capital))(?:'s|’s)\s+)?"
    # ("took Qala-i-Naw's police headquarters", "seizing the city's prison")
    r"(?:(?:the|key|several|some|many|main|most|all|central)\s+)*(?:(?:local|provincial|city|district)\s+)?"
    r"(?:government\s+(?:buildings?|offices?|compounds?|facilities|installations)|police\s+(?:headquarters|hq|"
    r"stations?|chief's\s+office)|governor(?:'s|’s)?\s+(?:office|compound|house|residence|palace)|prisons?|jails?|"
    r"(?:spy\s+agency|intelligence|nds)\s+(?:offices?|headquarters)|provincial\s+(?:office|headquarters)|"
    r"offices\s+of|buildings?|headquarters|(?:radio|tv)\s+station|city\s+cent(?:re|er)|presidential\s+palace)",
    re.I)
# the seat of a district's administration taken, then where it is ("the government buildings in Kohistanat district")
_SEAT_WORDS = (r"(?:(?:district|local)\s+)?(?:government\s+(?:buildings?|offices?|compounds?)|police\s+(?:headquarters|hq)|"
               r"(?:district\s+)?governor(?:'s|’s)?\s+(?:office|compound)|headquarters|administrative\s+(?:buildings?|offices?))")
_SEAT_BUILDING = re.compile(
    rf"\s+(?:(?:full\s+)?control\s+(?:of|over)\s+)?(?:(?:the|all|all\s+the|most|most\s+of\s+the|main)\s+)?{_SEAT_WORDS}"
    rf"(?:,?\s+(?:and|as\s+well\s+as)\s+(?:the\s+)?{_SEAT_WORDS})?", re.I)
# a province name as an adjective before a plural head ("the Jowzjan districts of"): no gap between verb and list
_PROVINCE_HEAD_GAP = re.compile(r"\bthe\s+(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?\s+(?=(?:districts|district\s+cent(?:re|er)s|"
                                r"provincial\s+capitals|capitals)\s+(?:of\b|(?-i:[A-Z])|$))")  # ("the Badakhshan districts Ishkashim and Wakhan")
# a day counted from the day named in the sentence before: "the same day", "a day later", "the next day"
# between two days named together ("Thursday and Friday", "Thursday or Friday")
_DAY_PAIR_GAP = re.compile(r"\s*(?:and|or|&)\s*")
# a relative clause describing a speaker ("said Mawlawi X, who travelled to Faizabad on Thursday"): his doings, not the event's
_SPEAKER_WHO = re.compile(r"\b(?:who|whose)\b", re.I)
_SPEAKER_TIME_TAIL = re.compile(r"\s+(?:on|in|at|last|this|early|late|earlier)\b[^;:,.]{0,40}?(?=\s*(?:[.;]|$))", re.I)
_DAYS_LATER = re.compile(r"\b(?:(?:a|(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|1?\d))\s+(?P<unit>days?|weeks?)\s+(?:later|(?P<back>earlier|before(?=\s*(?:[.,;]|$))))|"
                         r"the\s+(?P<next>next|following)\s+day|the\s+(?P<prev>previous|preceding)\s+day|"
                         r"the\s+(?:next|following)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                         r"the\s+day\s+before(?=\s*(?:[.,;]|$))|"
                         r"the\s+same\s+(?:day|night|morning|afternoon|evening)|that\s+(?:same\s+)?(?:day|night|morning|afternoon|evening)|(?:during|in)\s+the\s+(?:fighting|clashes|battle|assault)|"
                         r"(?P<same>(?:a\s+few\s+|several\s+|two\s+|three\s+|just\s+)?hours\s+(?:later|earlier|before(?=\s*(?:[.,;]|$)))|"
                         r"later\s+(?:that|the\s+same|in\s+the)\s+day|"
                         # a part of the day alone, in a sentence with no date of its own: the day told just before
                         r"(?P<part>in\s+the\s+(?:late\s+|early\s+)?(?:morning|afternoon|evening)|in\s+the\s+early\s+hours|"
                         r"(?:later|earlier)\s+in\s+the\s+(?:morning|afternoon|evening)|by\s+(?:nightfall|dusk)|"
                         r"at\s+(?:dusk|dawn|nightfall|first\s+light)|before\s+(?:dawn|first\s+light))))\b",
                         re.I)
# "last week, and on Wednesday of that week ...": a weekday inside the week named before it
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_OF_THAT_WEEK = re.compile(rf"\b(?:on\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})\s+of\s+(?:that|the\s+same)\s+week\b", re.I)
# troops described by a relative clause naming a place ("soldiers who had defended Kunduz surrendered"): they surrendered
_TROOPS_WHO_BEFORE = re.compile(r"\b(?:soldiers|troops|forces|police(?:men)?|commandos|men|defenders|garrison|officers)\s+"
                                r"(?:who|that)\s+(?:had\s+|have\s+)?(?:[\w\-]+\s+){0,3}$", re.I)
_LOCATED_BEFORE = re.compile(r"\b(?:in|at|from|of|near|outside|around)\s+$", re.I)  # "soldiers in X surrendered"
_GAP_ADVERBS = r"also|then|quickly|finally|eventually|soon"
_ADVERB_GAP = re.compile(rf"\s+(?:(?:{_GAP_ADVERBS})\s+)?")
# between a place and "surrendered": "Qalat, the capital of Zabul, was surrendered this morning", "X has also been surrendered"
_SURRENDERED_GAP = re.compile(rf"(?:\s+(?:city|town|district(?:\s+cent(?:re|er))?))?"  # ("Khost city was surrendered")
                              rf"(?:\s+in\s+(?-i:[A-Z])[\w\-]+(?:\s+province)?)?"  # ("Maidan Shahr in Wardak was surrendered")
                              rf"(?:,\s+(?:the|a|an|another)\s+[^,;]{{1,60}}(?:,\s+(?:which|where|whose)\s+[^,;]{{1,80}})?,)?"  # (an aside:
                              # "Maimana, the capital of Faryab, which had been under siege for weeks, surrendered")
                              rf"(?:\s+(?:--?|–|—)(?=\s))?"  # (a dashed list closing: "Three capitals - A, B and C - were surrendered")
                              rf",?\s+(?:(?:was|were|(?:has|have|had)\s+been)\s+)?(?:(?:{_GAP_ADVERBS}|formally|peacefully|both|all)\s+)?")
_PLACES_HEAD_BEFORE = re.compile(r"\b(?:capitals|cities|towns|districts)\s+(?:(?:were|have\s+been|had\s+been)\s+)?"
                                 r"(?:(?:also|then|quickly)\s+)?$", re.I)  # ("Three more capitals were surrendered: ...")
_FALL_OPENER = re.compile(r"\W*(?:with|after|following)\s+the\s+(?:fall|capture|loss|seizure)\s+of\s+", re.I)
_FIRST_COMMA = re.compile(r",(?!\s+(?:the\s+)?(?:capital|provincial\s+capital|centre|seat)\s+of\b)")  # (not an appositive)
_HEAD_BEFORE_PARTICIPLE = re.compile(r"\b(?:districts?|district\s+cent(?:re|er)s?|cities|city|capitals?|towns?|crossings?|"
                                     r"(?-i:DCs?))\s+$", re.I)
_LOST_THING = re.compile(r"\b(?:contact|touch|communications?|lives|life|ground|hope|momentum|signal|track|power|"
                         r"weapons|vehicles|equipment|soldiers|men|troops)\b", re.I)
# posts named as the subject, in a place ("two police checkposts in X were"): the posts fell, not the place
_POSTS_SUBJECT = re.compile(r"\b(?:check\s*posts?|checkpoints?|outposts?|posts|positions|bases|security\s+posts)\s+(?:\w+\s+){0,2}?"
                            r"(?:in|near|around|outside|of)\s+[^,;.]{1,40}?(?:,[^,;.]{1,40},)?\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+"
                            r"(?:(?:\w+ly|also|then|quickly)\s+)?$", re.I)
# things held in a place as the subject, as posts are ("Weapons left in Kunduz passed to", "My warehouse in Herat is in"):
# the things passed, not the place
_THINGS_SUBJECT = re.compile(r"\b(?:weapons|arms|guns|rifles|vehicles|humvees|equipment|ammunition|munitions|supplies|stocks|"
                             r"stockpiles?|depots?|warehouses?|money|cash|goods|trucks|lorries|tanks|helicopters|aircraft|"
                             r"planes|drones|files|documents|records)(?:\s+and\s+[a-z]+)?(?:\s+(?:left|held|stored|kept|"
                             r"abandoned|parked))?\s+(?:in|at|near|from|of)\s+(?:the\s+)?(?-i:[A-Z])[\w\-’']+"
                             r"(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}\s+(?:(?:is|are|was|were|has|had|have)\s+(?:been\s+)?)?"
                             r"(?:(?:now|also|then|\w+ly)\s+)?$", re.I)
# posts opening their clause as its whole subject ("In Dangam, three checkpoints were abandoned overnight": the posts,
# not the district named before them; not the last item of a list, "the district centre and 14 posts were conquered")
_POSTS_CLAUSE_SUBJECT = re.compile(r"(?:^|[,;:])\s*(?:(?:the|its|their|all|some|several|many|most|a\s+few|dozens\s+of|\d+|two|"
                                   r"three|four|five|six|seven|eight|nine|ten)\s+){0,2}(?:[\w\-]+\s+)?(?:check\s*posts|"
                                   r"checkpoints|outposts|posts|positions|security\s+posts)\s+(?:were|had\s+been|have\s+been)\s+"
                                   r"(?:(?:\w+ly|also|then|quickly)\s+)?$", re.I)
_HEADING_SHAPE = re.compile(r":\s*$|^[^a-z]*$")  # a line ending in a colon, or all capitals: a list's heading
_POSSESSIVE_PROVINCE = re.compile(r"(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?(?:\s+province)?(?:'s|’s)\s")
# "fell on August 6, followed by Farah city ... on August 10": the same verb for the place after "followed by" (its time
# may come first: "followed on Monday by Taloqan", "followed two days later by")
_FOLLOWED_BY = re.compile(
    r"[,;]?\s+(?:and\s+)?(?:then\s+|later\s+|soon\s+|quickly\s+)?followed\s+(?:\w+ly\s+)?"
    r"(?:(?:(?:late|early)\s+)?(?:on|in)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?[\w\-]+\s+|the\s+(?:next|following)\s+day\s+|"
    r"(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?)\s+later\s+|overnight\s+|hours\s+later\s+|"
    r"within\s+(?:(?:a|an|one|two|three|a\s+few|\d+)\s+)?(?:hours?|days?)\s+)?"
    r"by\s+(?:the\s+)?(?:(?:fall|capture|loss|surrender|seizure)\s+of\s+|(?:that|those)\s+of\s+)?"  # ("by that of Y")
    r"(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*(?:(?:(?:provincial\s+)?capital|city|town|district)\s+"
    r"(?:city\s+)?of\s+)?",
    re.I)
# "took A on Monday and B in the first days of August", "overran A on Saturday, then B two days later": a second
# object with a date of its own shares the verb (checked: the date follows the second object at once); "withdrew from A on
# Thursday, and from B a day later": a flight's second place
_GAPPED = re.compile(r"(?:,\s*|\s+)(?:and\s+(?:then\s+|later\s+)?(?:of\s+|from\s+)?|then\s+|(?:and\s+)?later\s+)(?:the\s+)?"  # "and of B": a noun's
                     r"(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*(?:(?:(?:provincial\s+)?capitals?|city|town|"
                     r"districts?)\s+(?:city\s+)?of\s+)?(?=(?-i:[A-Z]))", re.I)  # ("and the provincial capitals of B and C")
# "X fell on Sunday, as did Y and Z": the places after it share the verb (and its date, unless they have their own)
_AS_DID = re.compile(r"(?:,|;)?\s+(?:as|and\s+so|so)\s+(?:did|do|does|had|has|have|was|were)\s+(?:the\s+)?"
                     r"(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*(?:(?:(?:provincial\s+)?capitals?|city|town|"
                     r"districts?)\s+(?:city\s+)?of\s+)?(?=(?-i:[A-Z]))", re.I)  # ("and the provincial capitals of B and C")
# "took A and B on Monday, as well as C": the places after it share the verb and its date (a comma first)
_AS_WELL_AS = re.compile(r"(?:,|\s[—–-]{1,2})\s+(?:as\s+well\s+as|(?:along|together)\s+with)\s+(?:the\s+)?"
                         r"(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*(?:(?:(?:provincial\s+)?capitals?|city|town|"
                         r"districts?)\s+(?:city\s+)?of\s+)?(?=(?-i:[A-Z]))", re.I)  # (", together with the districts of A and B")
# "A and B fell in late June, and C too": the places before "too" share the verb and its date
_AND_TOO = re.compile(r"(?:,|;)?\s+and\s+(?:the\s+)?(?=(?-i:[A-Z])[\w\-’' ]{0,40}?,?\s+(?:too|as\s+well)\s*(?:[.,;]|$))",
                      re.I)
# between a place and "was theirs": its head noun and adverbs only ("Kunduz city, too, was theirs")
_THEIRS_GAP = re.compile(r"(?:\s+(?:city|town|district|district\s+cent(?:re|er)|crossing))?(?:\s*,?\s*(?:too|also|itself|now|"
                         r"by\s+\w+)\s*,?)*\s*", re.I)
# "A fell on Saturday, a day after B": B had the same event that many days earlier (B closes the clause)
_DAYS_AFTER_PLACE = re.compile(
    r"(?:,?\s+and)?,?\s+(?:just\s+|only\s+|barely\s+)?(?P<n>a|one|two|three|four|five|six|seven|\d|(?<=\s)the)\s+days?\s+after\s+(?:the\s+fall\s+of\s+)?"
    r"(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent|\w+ern)\s+)?(?:(?:(?:provincial\s+)?capital|city|town|district)\s+"
    r"(?:city\s+)?of\s+)?(?=(?-i:[A-Z]))", re.I)  # ("a day after neighbouring Qaisar")
# an event named as a time ("on the day Kabul fell", "the night Mazar-i-Sharif fell", "the day after Kabul fell")
_THE_DAY_IT_FELL = re.compile(r"\bthe\s+(?:day|night|morning|evening|week|weekend)\s+(?:the\s+)?"
                              r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,3}\s+$")
# an object list going on under a head whose provinces stand for their capitals ("A and the provincial capitals of P")
_AND_CAPITALS_OF = re.compile(r",?\s+and\s+(?:the\s+(?:provincial\s+)?capitals\s+of\s+|(?:two|three|four|five|six|seven|eight|"
                              r"nine|ten|\d{1,2})\s+(?:more\s+|other\s+)?(?:provincial\s+)?capitals(?:\s+in\s+the\s+(?:far\s+)?"
                              r"(?:north|south|east|west)[\w\-]*)?\s*(?::|\s[—–-])\s*)", re.I)  # ("..., and four capitals in the east -")
# the movement "has been inside" a city since a day: it entered that day (not "battling inside since", a span)
_BEEN_INSIDE = re.compile(r"\bbeen\s+(?:inside|in\s+the)\b", re.I)
# "..., after A and B on Tuesday and C on Monday": earlier places of the same kind, each group with a day of its own
_AFTER_PLACES = re.compile(r",?\s+(?:just\s+|only\s+|hours\s+|days\s+)?(?:after|following)\s+(?=(?-i:[A-Z]))", re.I)
_GROUP_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_CLAUSE_SHUT = re.compile(r"(?:\s+(?:city|town|district))?(?:\s+(?:in|on|near)\s+the\s+[\w\s\-]{1,40}?)?\s*(?:[.,;:)]|$|\s+(?:did|had)\b)")
# the dates of "A and B ... on Tuesday and Wednesday respectively", joined by commas and "and"
_TWO_DAYS = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+and\s+\d{1,2}(?:st|nd|rd|th)?\b", re.I)  # ("6 and 7 August")
_RESPECTIVE_DATES = re.compile(r"[^,;.]*?(?:(?:,\s*|\s+and\s+|,\s+and\s+)[^,;.]*?)*,?\s*", re.I)
# the participles a headline or a summary line uses bare ("Herat and Kandahar captured overnight"), and the places
# opening their clause before one
_TELEGRAPHIC = ("captured", "taken", "seized", "overrun")
_TELEGRAPHIC_SUBJECT = re.compile(
    r"(?:^|[;:—–•*|]\s*|\n|\bthat\s+)\s*(?:(?:the\s+)?(?:provincial\s+capitals?\s+|districts?\s+|cities\s+)?(?:of\s+)?)?"
    r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)*(?:\s*\((?-i:[A-Z])[\w\-’' ]+\))?"
    r"(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+)(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)*(?:\s*\((?-i:[A-Z])[\w\-’' ]+\))?)*"
    r"(?:\s+(?:districts?|city|cities|district\s+cent(?:re|er)s?|(?:border\s+)?crossing))?(?:\s+(?:also|too|now|already))?\s+$")
# "Earlier the same day", "later that day": the day of the event just told, not of any day named in passing
_EARLIER_LATER = re.compile(r"\b(?:earlier|later)\s+$", re.I)
# a day of the month with no month ("on the 20th")
_BARE_ORDINAL = re.compile(r"(?:on\s+)?the\s+([1-3]?\d)(?:st|nd|rd|th)", re.I)
# an explainer's question of what fell, and the verbless answer under it that lists the places
_WHICH_FELL = re.compile(r"\W*(?:Q\s*[:.]\s*)?(?:which|what)\s+(?P<noun>(?:provincial\s+)?capitals|cities|districts|towns)\s+"
                         r"(?:have|has)\s+(?:(?:now|so\s+far|already)\s+)?(?:fallen|been\s+(?:captured|taken|lost|seized|overrun))"
                         r"(?:\s+so\s+far)?\s*\?\s*$", re.I)
_ANSWER_LEAD = re.compile(r"\W*(?:A\s*[:.]\s*)?(?:(?:since|by|as\s+of|on|over|in)\s+[^,:;]{1,40},?\s*)?"
                          r"(?:(?:at\s+least|some|about)\s+)?(?:\w+\s+)?(?:(?:provincial\s+)?capitals|cities|districts|towns)?"
                          r"\s*[:,—–-]?\s*", re.I)
_VERB_IN_ANSWER = re.compile(r"\b(?:is|are|was|were|has|have|had|remains?|fell|held|holds?|control\w*|not|no|none)\b", re.I)
# districts named right after a verb ("abandoned Yawan and Kohistan districts", "abandoned the district of Yawan"; not
# "abandoned Hairatan" or "Bagram air base")
# unnamed places around a named one as the subject right before the verb ("the districts around it", "the villages near
# Kunduz", "the towns surrounding the city")
_AROUND_SUBJECT = re.compile(r"\bthe\s+(?:[\w\-]+\s+)?(?:districts|towns|villages|areas|cities|outposts|posts)\s+(?:around|near|"
                             r"surrounding|outside|encircling|ringing)\s+(?:it|them|the\s+(?:city|town|capital|provincial\s+capital)|"
                             r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)?(?:\s+city)?)\s+(?:(?:also|all|quickly|"
                             r"steadily|one\s+by\s+one|one\s+after\s+(?:another|the\s+other))\s+)?$", re.I)
# a section heading line left out of the sentences: a few words in capitals, or ending in a colon ("BACKGROUND",
# "WHAT THE NUMBERS SAY", "## Reaction"), not a region ("NORTH", "The west")
_SECTION_LINE = re.compile(r"(?:#+\s*)?(?!(?i:(?:the\s+)?(?:north|south|east|west|centre|center|central)(?:[\s\-]?(?:east|west))?(?:ern)?"
                           r"(?:\s+and\s+\w+)?\s*:?$))(?:[A-Z][A-Z’'&]+(?:\s+[A-Z][A-Z’'&]+){0,5}|[A-Z][\w’']+(?:\s+[\w’']+){0,4}:)")
# a base or an airfield named after its place ("Bagram air base", "Kandahar airfield")
_BASE_NAME_AFTER = re.compile(r"\s+(?:air\s*base|airbase|air\s+field|airfield|airport|base|camp|garrison|barracks)\b", re.I)
_PLACE_OBJECT_AFTER = re.compile(r"\s+(?:the\s+(?:district|districts)\s+(?:cent(?:re|er)s?\s+)?of\s+(?-i:[A-Z])|"
                                 # ("abandoned the centre of Ghorband district")
                                 r"the\s+(?:cent(?:re|er)|headquarters)\s+of\s+(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}"
                                 r"\s+district\b|"
                                 r"the\s+(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}\s+"
                                 + vocabulary.MACROS["DC"] + r"\b|"  # ("abandoned the Chora DC")
                                 r"(?:the\s+)?(?-i:[A-Z])[^.;,]{0,60}?\bdistricts?\b(?!\s+(?:official|chief|governor|police|headquarters))|"
                                 # ("abandoned Maruf, a remote district on the border")
                                 r"(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2},\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?district\b)")
# a tactical word before a withdrawal in its own clause ("In a tactical move, the forces withdrew from X")
# what opens a tactical word ("in a", "as part of a", "in what the ministry called a" tactical move)
_TACTICAL_OPENING = (r"\b(?:in\s+a|as\s+a|for|(?:as\s+part|in\s+the\s+(?:frame|framework|course))\s+of\s+a|"
                     r"in\s+what\s+(?:[\w\-’']+\s+){1,5}?(?:called|described\s+as|termed)\s+a)\s+tactical\s+")
_TACTICAL_BEFORE = re.compile(_TACTICAL_OPENING + r"(?:move|measure|reasons?|decision|step|manoeuvre|maneuver)\b[^.;]{0,110}$",
                              re.I)  # (also "In what the
# ministry called a tactical move, the forces withdrew from X")
# a tactical word after the places a withdrawal left: they are reported lost too
_TACTICAL_AFTER = re.compile(r"[^.;]{0,100}?" + _TACTICAL_OPENING +
                             r"(?:move|measure|reasons?|decision|step|manoeuvre|maneuver|withdrawal|retreat)\b", re.I)  # ("in what the
# ministry called a tactical move")
_RELATIVE_TAIL = re.compile(r",\s+(?:whose|which)\s+[^,;:()]{1,160}[.!?]?\s*$")
# a plain after-clause whose subject is the movement ("crossed late on Sunday after the Taliban overran Barmal"):
# its act came before the main verb's day, which bounds it above only
_TALIBAN_SUBJECT_END = (vocabulary.MACROS["BY_TALIBAN"] + r"(?:\s+(?:fighters|forces|gunmen|units))?(?:\s+(?:had|have|has))?"
                        r"(?:\s+\w+ly)?\s*$")  # the subject of an after-clause, right before its verb
_AFTER_TALIBAN = re.compile(r"(?<![\w\-])(?<!\bdays\s)(?<!\bday\s)(?<!\bhours\s)(?<!\bweeks\s)(?<!\bweek\s)after\s+"
                            + _TALIBAN_SUBJECT_END, re.I)
# "Kandahar fell early on Friday, hours after the insurgents took Herat": Herat's day is Friday or the day before
_HOURS_AFTER_TALIBAN = re.compile(r"\bhours\s+after\s+" + _TALIBAN_SUBJECT_END, re.I)
# a later act timed by hours after another's day ("came only hours after Herat fell on Thursday evening"): that day or the next
_HOURS_AFTER = re.compile(r"\b(?:comes?|came|coming|follows?|followed|was|were)\s+(?:just\s+|only\s+|barely\s+)?(?:a\s+few\s+|"
                          r"several\s+|some\s+|\w+\s+)?hours\s+after\b", re.I)
_CLAUSE_STOP = re.compile(r"[,;]")
# a verb of telling whose object is the event named as a noun ("confirmed the fall of", "announced the capture of")
_TOLD_NOUN_BEFORE = re.compile(r"\b(?:confirmed|announced|acknowledged|admitted|reported)\s+(?:the\s+|a\s+)?$", re.I)
# a relative pronoun opening the clause of a passive verb ("Ishkashim, which fell on Monday")
_WHICH_BEFORE = re.compile(r",\s*which\s+(?:(?:had|has|have)\s+)?(?:(?:also|only|already|then|\w+ly)\s+)?$", re.I)
_WHEN_AFTER = re.compile(r",\s+when\b", re.I)
_ITEM_TAIL = re.compile(r"\s*(?:[,;]\s*(?:[\w’'\-]+\s+){0,4}(?:said|says|told|added)\b[^.;]*)?[.!]?[\"”]?\s*$", re.I)
_TAIL_BREAK = re.compile(r"\s[-–—]\s|\b(?:since|until|till)\b", re.I)
_VERBISH = re.compile(r"\b(?:was|were|is|are|had|has|have|which|who|while|after|before|when|\w+ed)\b", re.I)
# a relative clause between a subject and its verb: ", where India built a dam in X district, had fallen"
# (or an appositive naming other places: "Ishkashim, the gateway to the Wakhan corridor and home to a bridge into
# Tajikistan, fell on Saturday")
_ASIDE_BEFORE_VERB = re.compile(r"(?:,\s+the\s+(?:[\w\-]+\s+){0,3}?(?:capital|city|town|district|centre|seat)\b[^,;]{0,60}"
                                # (an appositive and a relative clause: "Maimana, the capital of Faryab, which had
                                # been under siege for weeks, surrendered")
                                r"(?=,\s+(?:which|where|whose|who)\s))?"
                                r",\s+(?:(?:where|which|who|whose|the|a|an|another|its|once|long|between|(?-i:[A-Z])[\w\-]+['’]s)\s+[^,;]{1,160}|"
                                # (or a second aside saying where it lies: "Qarabagh, another Ghazni district, on the
                                # main road south of the city, fell")
                                r"(?:the|a|an|another)\s+[^,;:]{1,60},\s+(?:on|near|along|astride|just|some|about|"
                                r"(?:north|south|east|west)\w*)\s[^,;:]{1,100}),\s*"
                                # ("Kandahar, Afghanistan's second-largest city and the movement's birthplace, fell")
                                r"(?:(?:had|has|have|also|then|was|were|been)\s+)*$", re.I)
_ATTRIBUTION_TAIL = re.compile(r";|,\s+(?:according\s+to\b|(?:[\w’'\-]+\s+){0,6}?(?:said|says|told|reported|added|stated|"
                               r"confirmed)\b)", re.I)
_FOLLOWS = re.compile(r"\b(?:follows|followed)(?=\s+(?:(?:the|a|an)\s+)?(?:fall|loss|capture|seizure|surrender)\s+of\b)", re.I)
# a second verb of the sentence's subject after a comma ("..., and had taken B"), and a subordinate clause whose
# own subject is not that subject ("after government forces withdrew to the airport")
_AND_PREDICATE = re.compile(r",\s+and\s+(?:(?:had|has|have|then|later|also|quickly|subsequently)\s+){0,2}$", re.I)
_SUBORDINATE_BEFORE = re.compile(r"\b(?:after|before|when|as|while|once|since|because|until)\s*$", re.I)
_FORCED_OUT = re.compile(r"(?:been|were|was)\s+(?:forced|driven|pushed|chased)\s+out", re.I)
_PART_OF = re.compile(r"\s+(?:(?:full\s+)?control\s+(?:of|over)\s+)?(?:(?:the\s+)?(?:most|much|parts|large\s+parts|half|"
                      r"sections|some\s+parts)\s+of)\b", re.I)  # ("seized control of most of Kunduz city")
_SO_DID = re.compile(r"\W*(?:and\s+)?so\s", re.I)  # an echo opening 'So did' (else it closes with 'too')
# a counted apposition after a list, before a relative clause ("Burka and Nahrin, two Baghlan districts that ...")
_COUNTED_APPOSITION = re.compile(r",\s+(?:the\s+)?(?P<n>both|two|three|four|five|six|\d)\s+(?:(?:neighbouring|nearby|"
                                 r"northern|southern|eastern|western|remote|key|(?-i:[A-Z])[\w\-]+)\s+)?"
                                 r"(?P<kind>districts|towns|provincial\s+capitals|capitals|cities)\s*$", re.I)
_DATE_NEXT = re.compile(r"(?:\s*\[[^\[\]]{1,40}\])?"  # a translator's note on the name ("Gozareh [= Guzara] a day later")
                        r"(?:\s+(?:city|town|district|(?:border\s+)?crossing|port))?(?:\s+itself)?"  # ("and Andarab district itself")
                        r"(?:(?<=district)\s+of\s+(?-i:[A-Z])[\w\-]+(?:\s+province)?)?"  # ("the Jaghatu district of Ghazni on Sunday")
                        # where it lies: "the Torghundi crossing on the Turkmen border a day later"
                        r"(?:\s+(?:on|near|at)\s+the\s+(?:[\w’'\-]+\s+){0,2}?(?:border|frontier|river))?"
                        # an appositive naming what the item is: "and Gardez, Paktia's capital, a day later", or
                        # describing it: "and Khan Abad, once a garrison town where convoys stopped, the next day"
                        r"(?:,\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,3}?(?:capital|city|town|district)(?:\s+of\s+[\w’'\-]+)?(?=,)|"
                        r",\s+(?:once|now|formerly|long|home\s+to|a|an|another|the)\s+[^,;:]{1,90}(?=,)|"
                        # or locating it: "and Arghanj Khwa, in the hills south of Faizabad, two days later"
                        r",\s+(?:(?:further|farther|just|also)\s+)?(?:in|on|near|north|south|east|west|up|down|along|with)\b[^,;:]{1,60}(?=,))?"
                        r",?\s*(?:\(\s*)?(?:(?:on|in|by|during|at|over|within)\s+)?")  # (a day in brackets: "A (6 August),
# B (7 August)")
# between the items of a gapped series ("A fell on the 9th; B on the 10th, and C on the 11th"), and an aside after an item
_SERIES_SEP = re.compile(r"(?:\s*\))?(?:(?:,\s+(?:[\w’'\-]+\s+){1,4}(?:said|says|reported)(?=,))?"  # (", local officials
                         r"\s*[,;]\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?)")  # said, and B on Sunday"; a bracketed day's
# closing bracket: "A (6 August), B (7 August)")
_SERIES_COLON = re.compile(r"\s*:\s*")
_ITEM_PREFIX = re.compile(r"(?:the\s+(?:(?:district\s+)?cent(?:re|er)|district|town|city)\s+of\s+|the\s+(?=(?-i:[A-Z])))?")  # ("and the
# centre of Ishkashim", "and the Jaghatu district of Ghazni on Sunday")
_GROUP_SEP = re.compile(r"\s*,\s*|\s+and\s+|\s*,\s*and\s+")  # between the places of one group of a series
# the movement's side named before "their hands" ("Taliban fighters took A on Thursday, and B passed into their hands")
_THEIR_FIGHTERS = re.compile(rf"{_BY_TALIBAN}|\b(?:fighters|mujahideen)\b", re.I)
_FIGHTING_SPAN = 6  # days: "during the fighting" may stand for a span named before ("the Eid holidays"), not a month
_DATE_FIRST_SEP = re.compile(r"\s*[,;]?\s*(?:and|then)\s*,?\s*", re.I)  # "... and, a day later, B"; "...; and on the 15th B"
_ITEM_AFTER_DATE = re.compile(r"\s*,?\s*(?:the\s+(?:district|town)\s+(?:of\s+)?|the\s+(?:district\s+)?cent(?:re|er)\s+of\s+(?:the\s+)?|"
                             r"the\s+(?=(?-i:[A-Z])))?")  # ("and on the same day the district Karukh", "and, hours later,
# the centre of Aliabad district", "and on Sunday the Jaghatu district of Ghazni")
# what locates a series' first object before the next item: "the district A of Takhar province", "A, south of the city,"
_OBJECT_LOCATED = re.compile(r"\s+(?:of|in)\s+(?-i:[A-Z])[\w\-]+(?:\s+province)?(?=\s*,)|,\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?"
                             r"\s+of|near|on\s+the)\b[^,;:]{1,60}(?=,)")
_SAME_DAY = re.compile(r"(?:on\s+)?the\s+same\s+day\b", re.I)
_DATE_FIRST_SEMICOLON = re.compile(r"\s*;\s*")  # "On Friday they took A; on Saturday, B."
_DATE_FIRST_COMMA = re.compile(r"\s*,\s*")  # "On Monday the insurgents took A, on Tuesday B"
# what may follow a passive verb before the later items of its series: its agent ("fell to the Taliban"), then a comma
_PASSIVE_SERIES_TAIL = re.compile(r"(?:\s+to\s+(?:the\s+)?(?:taliban|insurgents|militants))?(?=\s*,)", re.I)
_ITEM_CLOSES = re.compile(r"(?:\s+itself)?\s*(?:[.;]|$|,\s+(?:whose|which|where)\b)")  # the place closes its sentence or
# clause ("and Wakhan itself.", "and Wakhan itself, whose valley runs east")
_ITEM_END = re.compile(r"(?:\s+district(?:\s+(?:of|in)\s+(?-i:[A-Z])[\w\-’']+(?:\s+province)?)?|"  # ("the Jaghatu district of Ghazni")
                       r"\s+in\s+(?:neighbou?ring\s+)?(?-i:[A-Z])[\w\-’']+(?:\s+province)?|\s+itself)?"  # ("B in neighbouring Takhar")
                       r"\s*(?:[,.;)]|$|\s(?:and|too|as\s+well)\b)")  # the place closes its clause (not "Kabul's governor")
_SERIES_BETWEEN = re.compile(r"[,;]|\band\b")
_SERIES_ASIDE = re.compile(r"(?:\s+district)?,\s+(?:the|a|an|another|its|whose|which|where|home\s+to|both|two|three|four|in\s+the\s+(?:north|south|east|west|\w+ern|same)\b|"
                           r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of|to\s+(?:the|its)\s+(?:north|south|east|west)|near|on\s+the)\b[^,;:]{0,80},")
# ("and Gul Tepa district, to the south-west, the same day")
_FOLLOWED_BY_KEYS: tuple[str, ...] = guard_stems(_FOLLOWED_BY) + (" and ", "then", "later", ";") + guard_stems(_AS_DID) + \
    guard_stems(_AS_WELL_AS)
_POLICE_DISTRICTS_KEYS: tuple[str, ...] = ("police", "pd")  # (lowercase stems of both spellings)
# a sentence opening on the times the sentence before told ("Each time the city had been retaken", "Both times ...")
_BACK_TIME = re.compile(r"\W*(?:each|both|that|those|on\s+(?:each|both|that)\s+(?:occasion|occasions))\s+(?:times?|occasions?)\b"
                        r"|\W*on\s+(?:each|both|that)\s+occasions?\b", re.I)
# a subordinating word before a subject ("a day after Darwaz, which ..., passed to the insurgents")
_SUBORDINATOR = re.compile(r"\b(?:after|before|since|when|while|until|as)\b", re.I)
# a verb closed by "before" with no object ("The city has fallen before."): some earlier time
_BEFORE_NOW = re.compile(r"\s+(?:twice\s+|once\s+)?before\s*(?:[.,;]|$)", re.I)
# a time tied to a year named before it ("two years before they took Kabul", "in September of that year, when ...")
_YEAR_WHEN = re.compile(r"\b(1[89]\d\d|20\d\d)(?:\s*,?\s+when\b[^.;]*|[^.;]{0,80}?\bthe\s+year\s+(?:when\s+|that\s+|in\s+which\s+)?[^.;]*)$")
# ("We remember 2015, when ...", '"Everybody remembers 1998," said a shopkeeper, referring to the year the Taliban captured
# the city'; up to the verb)
_HISTORY_LINK = re.compile(r"\b(?:(?:of|in|during|later|earlier|by)\s+that\s+year|(?:a|one|two|three|four|five|six|seven|eight|nine|"
                           r"ten|\d+|several|a\s+few)\s+years?\s+(?:before|after|earlier|later))\b", re.I)
# a relative clause whose subject is a region that is no place of an event ("the province that had never fallen", "the
# country which fell in 1996"): its verb tells nothing of the place named before the noun
_OTHER_NOUN_RELATIVE = re.compile(
    r"\b(?:province|country|region|valley|north|south|east|west)\s+(?:that|which)\s+"
    r"(?:(?:had|has|have|was|were|is|are)\s+)?(?:(?:never|not|long|once|also|already|first)\s+)?(?:been\s+)?$", re.I)
# an ordinal district with the province it counts in, before an infinitive ("the fifth district of Kunduz to fall",
# "the third Ghazni district to be captured"): the province (or its capital) only locates the count
_NTH_DISTRICT_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|"
    r"\d+(?:st|nd|rd|th)|latest|last|next)\s+(?:(?P<p1>(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)?)\s+)?"
    r"(?:district|woluswali)(?:\s+(?:cent(?:re|er)\s+)?(?:of|in)\s+(?:the\s+province\s+of\s+)?"
    r"(?P<p2>(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+)?)(?:\s+province)?)?\s+to\s+(?:be\s+)?$", re.I)
_BEGINNING_WITH = re.compile(r"\b(?:beginning|starting|begun|started)\s+with\b", re.I)
# troops described by what they had done, in an after-clause ("..., after the soldiers who had retreated to the base
# also laid down their arms")
_HAD_RELATIVE = re.compile(r"\bafter\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:who|that|which)\s+had\s+(?:\w+ly\s+)?$", re.I)
# troops described by what they had done before the main verb ("The soldiers who had retreated to the corps base laid
# down their arms on Friday morning": the retreat came before that day)
_TROOPS_WHO_HAD = re.compile(r"(?:^|[;:]\s*)\W*(?:in\s+(?-i:[A-Z])[\w\-]+,\s+(?:where\s+[^,;]{1,60},\s+)?)?(?:[\w\-]+\s+){0,3}"
                             rf"(?:{vocabulary.ACTORS['troop']}|men|defenders|garrison)"
                             r"\s+(?:who|that)\s+had\s+(?:\w+ly\s+)?$", re.I)  # (the sentence's subject, not "had detained 52
# soldiers who had crossed the frontier on the night of 11 August")
# the main verb after a subject's relative clause ("... who had retreated to the corps base laid down their arms")
_MAIN_VERB = re.compile(r"\b(?:laid|lay|surrendered|gave|handed|were|was|remained|stayed|held|are|is|refused|"
                        r"have|has|agreed|joined)\b", re.I)
# a where-clause telling an earlier act of its own ("..., where troops had withdrawn when the city fell on Sunday, ...")
_WHERE_HAD_ASIDE = re.compile(r",\s+where\s+[^,;:()]{1,40}?\s+had\s+[^,;:()]{1,100},")
# what may follow the verb of a relative clause whose object is the antecedent ("which the group took on 8 July")
_REL_AFTER = re.compile(
    r"\s*(?:[,.;:)—–]|$)|\s+(?:on|in|at|last|earlier|this|after|before|during|late|early|overnight|without|with|"
    r"from|by|since|within|only|just|two|three|a\s+few|\w+day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d)",
    re.I)
_LOCATIVE_TAIL = re.compile(
    r"(?:\s+(?:city|town|district|crossing|border\s+crossing|port))?\s+in\s+(?:the\s+)?(?:(?:\w+ern|neighbou?ring)\s+)?$",
    re.I)
_IT_OBJECT = re.compile(r"\s+it\b(?!\s*(?:'s|’s|is|was|has|had|would|will|could|did|may|might)\b)", re.I)
_IT_SUBJECT = re.compile(  # ("By Saturday morning it was in Taliban hands": a time may open the sentence)
    r"(?:^\W*(?:(?:on|by|late|early|within|shortly|overnight|later|soon|until|at|in\s+the)\b[^,;.\"“(]{0,30}?,?\s+)?|"
    r"[,;]\s+|\b(?:and|but|then|as|when|before|after|until|that)\s+)\W*\bit\s+(?:(?:had|has|have|was|also|finally|"
    r"eventually|later|soon|quickly|now|reportedly|then)\s+)*(?:been\s+)?$",
    re.I)
_OTHER_NOUN = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?!(?:city|town|provincial|capital|district|province|taliban|insurgents|"
    r"militants|enemy|rebels|government|afghan|country|north|south|east|west|\w+ern|same|next|following|previous|weekend|"
    r"morning|afternoon|evening|night|day|week|end|past|last|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|latest|early|late)\b)[a-z]",  # ("A was the second capital to fall ... It fell on Saturday": the place itself)
    re.I)
_DESTINATION_BEFORE = re.compile(r"\b(?:for|to|towards?)\s+(?:the\s+)?$", re.I)
_PREPOSITION_BEFORE = re.compile(  # a place qualifying a noun: "a police post near Ghazni"
    r"\b(?:the|a|an|its|their|his|her)\s+(?:[\w\-’']+\s+){0,3}?(?:in|at|near|outside|around|from|of|on|by|through|"
    r"across|via|past|beyond|between|and|with|within|inside)\s+(?:the\s+)?$", re.I)
# a later object of the same verb with a day of its own after "then" ("took A and B, then C on Friday")
_THEN_ITEM = re.compile(r",\s*(?:and\s+)?then\s+(?!on\b|in\b|at\b|by\b|early\b|late\b)", re.I)
_IN_OPENING = re.compile(r"\W*in\s+(?:the\s+)?(?:neighbou?ring\s+)?", re.I)  # a sentence opening on where it happens
# people who are no side moving into a place ("Many families have moved into the city from surrounding villages")
_CIVILIANS_MOVING = re.compile(r"\b(?:families|residents|people|civilians|refugees|villagers|children|women|traders|"
                               r"shopkeepers|displaced)\s+(?:(?:have|had|has|were|are)\s+)?(?:\w+\s+)?$", re.I)
# a province named as the kind of one district ("another Sar-e-Pul district", "a second Ghazni district")
_A_PROVINCE_DISTRICT = re.compile(r"\s+district\b(?!\s+(?:cent(?:re|er)|headquarters|compound|of)\b)", re.I)
_PROVINCE_DISTRICT_OF = re.compile(r"\s+district\s+of\s+", re.I)  # ("the Kandahar district of Zhari")
_PROVINCES_DISTRICTS = re.compile(r"(?:\s+and\s+(?-i:[A-Z])[\w\-’']+)?\s+districts\b(?!\s+of\b)", re.I)
_ONE_OF_BEFORE = re.compile(r"\b(?:a|an|another|one(?:\s+more)?|(?:a|the)\s+(?:second|third|fourth|fifth|sixth))\s+$", re.I)
# a day of fighting counted from its first ("for the fifth day", "for a third straight day")
_NTH_WORDS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_NTH_DAY = re.compile(rf"\bfor\s+(?:a|the)\s+(?P<n>{'|'.join(_NTH_WORDS)})\s+(?:straight\s+|consecutive\s+|successive\s+)?day\b",
                      re.I)
# the place a name is shared with ("shares its name with the capital of", "not to be confused with the capital of")
_NAMESAKE_BEFORE = re.compile(r"\b(?:(?:shares?|sharing)\s+(?:its|a|the)\s+name\s+with|same\s+name\s+as|confused\s+with|"
                              r"namesake\s+of)\s+the\s+(?:provincial\s+)?capital\s+of\s+(?:the\s+)?$", re.I)
# an aside locating the place named just before it ("cleared Karukh, north of Herat city, ..., three days after it fell")
_LOCATING_ASIDE_BEFORE = re.compile(r",\s+(?:(?:just|some|about|\d+\s*(?:km|kilomet\w+|miles))\s+)?(?:(?:north|south|east|west)"
                                    r"(?:-?(?:east|west))?\s+of|near|outside)\s+(?:the\s+)?(?:city\s+of\s+)?$", re.I)
# a subject opened by "the city of" ("The city of Khost was surrendered"; not "soldiers in the district of Faryab")
_THE_CITY_OF_OPENING = re.compile(r"(?:^|[.;:]\s*|,\s+(?:and|but)\s+|\b(?:and|but)\s+)\W*(?:the\s+)?(?:city|town|provincial\s+capital)"
                                  r"\s+of\s+$", re.I)
_CITY_OF_BEFORE = re.compile(r"\b(?:city|town|capital|provincial\s+capital|district|(?:district\s+)?cent(?:re|er)|headquarters|"
                             r"(?:it\s+was|came)\s+the\s+turn)\s+of\s+(?:the\s+)?$", re.I)  # ("then it was the turn of Ghormach")
_PLURAL_HEAD = re.compile(
    r"\s+(?:(?:more\s+than|over|nearly|almost|at\s+least|about|some)\s+)?"  # "more than a dozen districts, including"
    r"(?:the\s+|a\s+(?:string|series|number|handful|clutch|raft|spate|swathe|dozen)\s+(?:of\s+)?|dozens\s+of\s+|"
    r"(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?['’]s\s+|the\s+province['’]s\s+)?"  # ("took Herat's districts one by one:
    # A on 15 July, ...", "took the province's districts one by one:")
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|more|other|key|remaining|"
    r"strategic|northern|southern|eastern|western)\s+){0,3}(?:provincial\s+)?(?:capitals|cities|districts|(?<=provincial\s)centres|"
    r"(?<=provincial\s)centers|"
    r"border\s+crossings)(?:\s+of\s+(?-i:[A-Z])[\w\-’']+(?:\s+(?-i:[A-Z])[\w\-’']+){0,2}\s+province|"
    r"\s+(?:in|across|around|surrounding|near|outside)\s+(?:the\s+)?(?:\w+ern\s+)?(?-i:[A-Z])[\w\-’']+"
    r"(?:\s+(?-i:[A-Z])[\w\-’']+){0,2}(?:\s+(?:province|city))?|\s+(?:in|of|across)\s+(?:the|that|this)\s+province|"
    r"\s+(?:in|across)\s+the\s+(?:(?:north|south)(?:-?(?:east|west))?|east|west|country|centre|center)"
    r"(?:\s+and\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west|centre|center))?"  # ("in the south and centre")
    r"(?:\s+of\s+(?:the\s+country|afghanistan))?|"  # ("in the north of Afghanistan")
    r"\s+(?:around|near|outside)\s+the\s+(?:provincial\s+)?(?:capital|city))?"
    # ("six districts of Badakhshan bordering Tajikistan: A, B, ...")
    rf"(?:\s+{BORDERING})?"
    # the time of the event between the head and its list ("three more provincial capitals on Wednesday: A, B and C")
    r"(?:\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:night|morning|evening|"
    r"afternoon))?(?:,?\s+(?:(?-i:[A-Z])[a-z]+\.?\s+\d{1,2}|\d{1,2}\s+(?-i:[A-Z])[a-z]+))?|"  # ("on Sunday, Aug. 8 - A, B and C")
    r"\s+on\s+(?:(?-i:[A-Z])[a-z]+\.?\s+\d{1,2}|\d{1,2}\s+(?-i:[A-Z])[a-z]+)|\s+overnight|\s+yesterday|\s+(?:earlier\s+)?(?:this|last)\s+week(?:end)?|\s+in\s+recent\s+(?:days|weeks)|"
    r"\s+(?:over|at|during)\s+the\s+weekend|\s+in\s+(?:a\s+single|one)\s+(?:day|night)|"  # ("in a single day - A, B")
    r"\s+(?:over|in|within)\s+the\s+(?:past|last)\s+"
    r"(?:\d+|\w+)\s+(?:hours|days|weeks?)|\s+since\s+\w+|"
    # ("in the week after 20 June", "in the first week of July", "in late June")
    r"\s+(?:in|during|over)\s+the\s+(?:(?:first|second|third|last)\s+)?week\s+(?:of|after|before|following|to|ending)\s+"
    r"(?:\d{1,2}\s+)?(?-i:[A-Z])[a-z]+\.?(?:\s+\d{1,2})?|\s+in\s+(?:early|mid|late)[\s\-]+(?-i:[A-Z])[a-z]+)?"
    r"(?:\s+(?:one\s+by\s+one|one\s+after\s+(?:another|the\s+other)|in\s+turn|in\s+quick\s+succession)(?=\s*:))?"
    r"\s*(?::|—|–|--|-(?=\s)|,)\s*(?:(?:including|namely|such\s+as|among\s+them)\s+)?(?:the\s+(?:city|cities|districts?)\s+of\s+)?",
    re.I)
_DISTRICT_SEAT_AFTER = re.compile(
    r"\s+(?:(?:into|in\s+to)\s+)?(?:the\s+)?(?:(?:(?-i:[A-Z])[\w\-’']+\s+){1,3})?(?:(?:main|local|key|nearby|remote|besieged|embattled|government|administrative)\s+)*"
    r"district(?:'s|’s)?\s+"
    r"(?:headquarters|hq|compounds?|cent(?:re|er)s?|administration|administrative\s+cent(?:re|er)s?|offices?|"
    r"buildings?|seats?|governor(?:'s|’s)?\s+(?:office|compound)|police\s+(?:headquarters|station))\b|"
    # "the centre of Karukh district": the seat before the district's name
    r"\s+(?:the\s+)?(?:cent(?:re|er)|headquarters)\s+of(?=\s+(?:the\s+)?(?:(?-i:[A-Z])[\w\-]+(?:'s|’s)\s+)?"  # ("of Kandahar's"
    r"(?-i:[A-Z])[\w\-’']+(?:\s+(?-i:[A-Z])[\w\-’']+)?\s+district\b)",  # Arghandab district": its province first)
    re.I)

_CROSSING_WITH = re.compile(
    r"\bdistricts?\b[^.;]{0,100}?\b(?:border\s+crossing|crossing|border\s+post|(?:dry\s+)?port|trade\s+route|"
    r"customs\s+post)\b[^.;]{0,25}?\b(?:with|to|into|from)\s+(?:neighbou?ring\s+)?(?P<c>\w+)",
    re.I)


# ----------------------------------------------------------------------------------------------
# records private to this module


# ----------------------------------------------------------------------------------------------
# helpers


# ----------------------------------------------------------------------------------------------
# place references


# ----------------------------------------------------------------------------------------------
# scopes, modality, dates, counts


# an unknown name opening an object list before the first known place ("overran Baghlan-e-Markazi and Doshi")
_UNKNOWN_FIRST = re.compile(r"(?:\s+(?:the\s+)?)(?P<name>(?-i:[A-Z])[\w’'\-]+(?:[\s\-](?-i:[A-Z])[\w’'\-]+){0,2})"
                            r"(?:\s*,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?")


def _to_taliban_after(text: str, pos: int) -> bool:
    """Whether the place handed over goes 'to the Taliban' in the words after `pos`."""
    return re.match(rf"[^.;]{{0,80}}?\bto\s+{_BY_TALIBAN}", text[pos:], re.I) is not None


def _gap_ok(gap: str) -> bool:
    """True when only determiners, adjectives and place words separate a verb from its object place
    (or a plural head introducing a list: 'seized three more provincial capitals: A, B and C')."""
    words = re.findall(r"[\w’'\-]+", gap.lower())
    return (len(words) <= 9 and all(w in _GAP_WORDS or w.isdigit() for w in words)) or \
        _PLURAL_HEAD.fullmatch(gap) is not None or _EPITHET_GAP.fullmatch(gap) is not None or \
        _NEIGHBOUR_GAP.fullmatch(gap) is not None


# an after-clause whose subject is the government's forces ("fell on Saturday after government forces withdrew")
_AFTER_FORCES = re.compile(r"(?<!\sdays\s)(?<!\sday\s)(?<!\sweeks\s)(?<!\sweek\s)(?<!\shours\s)"  # (not "a day after ...": counted back)
                           r"\bafter\s+(?:the\s+)?(?:government|afghan|security|army|national)\s+(?:security\s+)?"
                           r"(?:forces|troops|soldiers|units)\s+(?:had\s+)?$", re.I)
# the movement naming itself in its own words ("the mujahideen took Yawan", "the Islamic Emirate")
_MOVEMENT_SPEAKS = re.compile(r"\b(?:the\s+)?(?:mujah[ie]d(?:ee|i)n|islamic\s+emirate|our\s+mujah[ie]d(?:ee|i)n)\b", re.I)
# a retake told in an aside between a place and its verb: its day is the retake's
_RETAKE_ASIDE = re.compile(r",\s+(?:retaken|recaptured|won\s+back|reclaimed)\s+by\s[^,;:]{1,100},|"
                           # ("Khanabad, the district east of the city that government forces retook in July, was lost")
                           r",\s+[^,;:]{0,60}?\b(?:that|which)\s+(?:the\s+)?(?:government|afghan|security|army)\s+"
                           r"(?:forces\s+|troops\s+|soldiers\s+)?(?:had\s+)?(?:retook|recaptured|took\s+back|won\s+back)\b"
                           r"[^,;:]{0,60},", re.I)
# a channel export's stamp in brackets after the channel's name, which may hold a place ("Kabul Frontline Monitor,
# [14.07.2021 07:48]")
_CHANNEL_STAMP = re.compile(r",\s*\[\d{1,2}[./]\d{1,2}[./]\d{4}[ ,T]+\d{1,2}[:.]\d{2}")
# a weekday pointing back to one named before ("on the same Saturday", "that Friday")
_SAME_BEFORE = re.compile(r"\b(?:the\s+same|that|(?:on|by|until)\s+the)\s+$", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME = "|".join(_WEEKDAYS)
# a weekday alone ("on Tuesday", "late on Friday night") and one given with its date ("on Monday 9 August", "Friday, Aug. 6")
_BARE_WEEKDAY = re.compile(rf"(?:(?:on|late\s+on|early\s+on)\s+)?(?:{_WEEKDAY_NAME})(?:\s+(?:morning|afternoon|evening|night))?",
                           re.I)
_DATED_WEEKDAY = re.compile(rf"(?:(?:on|late\s+on|early\s+on|by)\s+)?(?:the\s+)?({_WEEKDAY_NAME}),?\s+(?:the\s+)?"
                            r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]+\.?|[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+2021)?",
                            re.I)
_EARLIER_WEEKDAY_BEFORE = re.compile(r"\b(?:earlier|before|previous|preceding|last|this|past)\b[^,;.]{0,20}$", re.I)
_WEEKDAY_WORD = re.compile(rf"(?:{_WEEKDAY_NAME})\b(?:\s+(?:morning|afternoon|evening|"
                           r"night))?$", re.I)
# another place's neighbour before the object ("took Islam Qala's neighbour, Ghoryan")
_NEIGHBOUR_GAP = re.compile(r"\s*(?:the\s+)?(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}(?:'s|’s)\s+"
                            + NEIGHBOUR_NOUN + r"\s*,?\s*", re.I)


# an epithet naming what kind of place follows ("the poppy-rich farming district of", "the ancient Silk Road
# town"): any words but prepositions, conjunctions, verbs of motion or route nouns, ending in a place noun
_EPITHET_GAP = re.compile(
    r"\s*(?:the|a|an)\s+(?:(?!(?-i:to|of|from|near|toward|towards|outside|around|in|on|at|with|by|into|between|and|or|"
    r"but|which|that|who|road|roads|highway|route|way|outskirts|edge|gates|suburbs|airport|base|bases|checkpoint|"
    r"checkpoints|posts?|parts?|areas?|villages?)\b)[\w\-’']+\s+){0,5}?(?:town|city|district|capital|hub|port|"
    r"centre|center|crossing|stronghold|seat|gateway|bastion|citadel)(?:\s+of)?\s*,?\s*",
    re.I)


# ----------------------------------------------------------------------------------------------
# the extractor


class _Speakers(Mapping[str, str]):
    """Speakers named so far in the article (surname -> claimant class), read from the sentences only when
    a claim needs them: up to the sentence being read (`horizon`), the earliest naming winning."""

    def __init__(self, extractor: _Extractor) -> None:
        self.extractor = extractor
        self.horizon = -1
        self.read = -1
        self.names: dict[str, str] = {}

    def _fill(self) -> dict[str, str]:
        """Learn the names of the sentences up to the horizon not read yet."""
        while self.read < self.horizon:
            self.read += 1
            for name, cls in claims.speaker_names(self.extractor.sents[self.read].text, self.names).items():
                self.names.setdefault(name, cls)
        return self.names

    def __getitem__(self, key: str) -> str:
        return self._fill()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fill())

    def __len__(self) -> int:
        return len(self._fill())


# entry verbs that take a district, not only reach it ("swept into Yawan district"; "pushed into" or "got into" do not)
_SWEPT_INTO = re.compile(r"(?:swept|sweep(?:s|ing)?|roll(?:ed|ing)|march(?:ed|ing)|stream(?:ed|ing)|pour(?:ed|ing)|"
                         r"rode|dr(?:ove|iving)|rush(?:ed|ing)|rac(?:ed|ing)|burst)\s+into$", re.I)


def _day_or_span(d: DateMention, spans: bool) -> bool:
    """True for an exact day, or, with `spans`, a few days named together ('during the Eid holidays')."""
    return d.low is not None and (d.low == d.high or (spans and d.high is not None
                                                      and (d.high - d.low).days <= _FIGHTING_SPAN))


def _apart(a: tuple | None, b: tuple | None) -> bool:
    """True when two readings' date ranges are both bounded on both sides and do not overlap."""
    if not a or not b or None in (a[0], a[1], b[0], b[1]):
        return False
    return a[1] < b[0] or b[1] < a[0]


class _Extractor(OutcomeReader, FlightReader, CountedReader, DenialReader, TallyReader, ListReader):
    """Reads one article sentence by sentence."""

    def __init__(self, article: Article, gaz: Gazetteer) -> None:
        self.article = article
        self.gaz = gaz
        self.text = article.text or ""
        self.pub_high = _pub_high(article.published, article.published_precision or "day")
        self.article_pub_high = self.pub_high
        self.now: tuple[date | None, str] = (article.published, article.published_precision or "day")  # what "today" is
        self.post_days: dict[int, date] = {}  # the day of the post or entry a sentence belongs to, when stamped
        self.sents: list[_Sent] = []
        self.drafts: list[_Draft] = []
        self.tallies: list[Tally] = []
        self.speakers = _Speakers(self)
        self._military_voice: bool | None = None  # whether a soldier tells the page in the first person (read once)
        self.denials: list[tuple[int, str, Claim, set[str], bool]] = []
        self.warnings: list[str] = []
        self._clause_from = -1
        self._named_only = False  # reading the places named beside a counted part, not the count again
        self._dates_read: dict[str, list[DateMention]] = {}
        self._section_cuts: set[int] = set()  # sentences right below a section heading of their own ("BACKGROUND")
        self._sentence_dates_read: dict[int, list[DateMention]] = {}

    # -- setup -----------------------------------------------------------------------------
    def prepare(self) -> None:
        """Split sentences and find the place references of each."""
        from analysis.extract.places import find_places
        sentences = list(self.article.sentences) or _split(self.text)
        pms = sorted(find_places(self.text, self.gaz), key=lambda p: (p.start, p.end))
        history: list[list[_Ref]] = []
        j = 0
        cues = _PREFILTER.scan(self.text, sentences)
        stamps: list[tuple[int, date]] = []  # (the sentence a post's stamp stands before, its day)
        heads: list[tuple[int, date | None, bool]] = []  # heading lines: (the sentence below, its one day, its own?)
        prev_end = 0
        for n, sent in enumerate(sentences):
            stext = self.text[sent.start:sent.end] if 0 <= sent.start <= sent.end <= len(self.text) else sent.text
            while j < len(pms) and pms[j].start < sent.start:
                j += 1
            k = j
            mine = []
            while k < len(pms) and pms[k].end <= sent.end:
                mine.append(pms[k])
                k += 1
            low = stext.lower()
            found = _PREFILTER.groups(cues, n, low)  # trigger and anaphora stems in this sentence
            triggers = _SELECTOR.select(found)
            spans: list[tuple[int, int]] = []
            if mine or triggers or len(_TRIGGERS) in found:
                # speaker spans only matter where places or triggers are
                spans = [claims.speaker_span(stext, a) for a in claims.find_attributions(stext)
                         if a.form in ("forward", "inverted", "according", "quoted")
                         and (a.end - a.start < 160 or (a.form == "forward" and len(a.speaker) < 80))]
            # ("[04.07.2021 08:05 AFT] BADAKHSHAN | SECURITY": a log entry's; "1 July 2021, 07:45 (Kabul time)", "Saved 12 Aug
            # 2021, 21:30 · Kabul Daily Mirror": a place after the date and time is none of the sentence's)
            stamp, tail = read_stamp(stext) if len(stext) <= 120 and any(map(str.isdigit, stext)) else (None, 0)
            if stamp is not None and not stext.startswith("[") and any(pm.start - sent.start < tail for pm in mine) and \
                    not _CHANNEL_STAMP.search(stext):
                stamp = None  # (but "Kabul Frontline Monitor, [14.07.2021 07:48]": a channel's name before its stamp)
            if stamp is not None and signature_start(stext) == 0:
                stamp = None  # "— Name (talk) 09:10, 9 August 2021 (UTC)" closes the post before it (see signed_days)
            if stamp is not None:
                stamps.append((len(self.sents), stamp))  # a post's stamp: no sentence, but the day of its post
                continue
            if 0 <= sent.start <= len(self.text) and sent.start >= prev_end:
                history += self._place_headings(prev_end, sent.start, pms)  # "QALA-E-NAW (Badghis)" above "... the city"
            if "not " in low:  # "Dawlatabad district (not the Balkh district of the same name) fell": no place of the
                mine = [pm for pm in mine if not any(a <= pm.start - sent.start < b  # aside that names another
                                                     for a, b in _not_this_one(stext))]
            refs = _sentence_refs(stext, sent.start, mine, self.gaz, history, spans)
            if 0 <= sent.start <= len(self.text) and sent.start >= prev_end:
                self._section_cuts |= {len(self.sents) for line in self.text[prev_end:sent.start].split("\n")
                                       if _SECTION_LINE.fullmatch(line.strip()) and not any(
                                           prev_end <= pm.start < sent.start for pm in pms)
                                       and not lists.timeline_heading(line) and self._line_day(line) is None}
                heads += [(len(self.sents), self._line_day(line), False)  # a line left out of the sentences (a
                          for line in self.text[prev_end:sent.start].split("\n") if line.strip()]  # sub-heading)
                prev_end = sent.end
            if self._heading_line(stext, sent.start, sent.end):
                heads.append((len(self.sents), self._line_day(stext), True))
            self.sents.append(_Sent(sentence=sent, text=stext, refs=refs, speaker_spans=spans, low=low,
                                    triggers=triggers))
            history.append(refs)
        self.post_days = post_days(stamps, [s.text for s in self.sents], self.article_pub_high) or \
            section_days(heads, len(self.sents), self.article_pub_high) or (
                signed_days(self.text, [(s.sentence.start, s.sentence.end) for s in self.sents], self.article_pub_high)
                if "—" in self.text or "–" in self.text or "--" in self.text else {})  # (posts signed at their end)

    def _place_headings(self, start: int, end: int, pms: list) -> list[list[_Ref]]:
        """The place references of the lines between two sentences that name one place and nothing else (a section
        heading, "QALA-E-NAW (Badghis)" or "## Kunduz"), one list a line, for the sentences below to refer back to."""
        out: list[list[_Ref]] = []
        at = start
        for line in self.text[start:end].split("\n"):
            lo, at = at, at + len(line) + 1
            if not line.strip() or len(line) > 60:
                continue
            mine = [pm for pm in pms if lo <= pm.start and pm.end <= lo + len(line)]
            if not mine or len({pm.start for pm in mine}) > 2:
                continue
            rest = line
            for pm in sorted(mine, key=lambda pm: pm.start, reverse=True):
                rest = rest[:pm.start - lo] + " " + rest[pm.end - lo:]
            if _PLACE_HEADING_REST.fullmatch(rest):
                out.append(_sentence_refs(line, lo, mine, self.gaz, [], []))
        return out

    # -- main loop ---------------------------------------------------------------------------
    def run(self) -> ArticleResult:
        """Extract mentions and tallies from every sentence, then apply denials."""
        self.prepare()
        heading, heading_at, day_at = "", 0, -1
        for i, s in enumerate(self.sents):
            self.speakers.horizon = i
            self._at_post(i)
            low = s.low
            n_before = len(self.drafts)
            if heading and i in self._section_cuts:
                heading = ""  # "BACKGROUND", "WHAT THE NUMBERS SAY": a new section, no longer the list of falls above
            if heading and lists.date_line(s.text):
                day_at = i  # "Aug. 6" on its own line: the day of the entries below it
                continue
            if heading and lists.table_rule(s.text):
                continue  # "|---|---|" under a table's header row
            if heading and lists.timeline_entry(s.text) >= 0:
                self._timeline(i, s, heading, self.sents[heading_at], self.sents[day_at] if day_at > heading_at else None)
                if len(self.drafts) > n_before:
                    flights = [t for t in s.triggers if t[0] == "fled"] if s.text.count("|") >= 2 else []
                    if flights:  # a table row's notes cell may still tell of troops who fled
                        self._sentence(i, s, flights)
                    continue  # a dated line of places under its heading; otherwise read as any sentence
            if heading and (lists.timeline_shape(s.text) or self._same_line_as_entry(i)):
                pass  # an entry read as a sentence, or a sentence after an entry on its line, keeps the heading
            elif heading and i - heading_at <= 2 and not any(r.kind != "anaphora" for r in s.refs) and \
                    not lists.timeline_heading(s.text) and (
                    not s.triggers or not self.sents[heading_at].text.rstrip().endswith((".", "!", "?"))):
                pass  # a remark between a heading and its entries ("We list a district only when ...", and under a
                # heading line, "Dates are those on which officials first reported the fall") keeps it
            else:
                titled = bool(s.refs) and not _HEADING_SHAPE.search(s.text) and self._entries_below(i)
                heading = lists.timeline_heading(s.text) if not s.refs or _HEADING_SHAPE.search(s.text) or titled else ""
                heading_at = i
                if heading and titled:
                    continue  # "Districts of Balkh that fell, as our office logged them" above its dated lines: a
                    # heading that names their province, not a sentence of its own
            if s.triggers:
                self._sentence(i, s, s.triggers)
                if len(self.drafts) > n_before:
                    self._contrast_denial(i, s, n_before)
                    self._appositive_claim_denial(i, s, n_before)
            if len(self.drafts) == n_before and i and s.refs and self.sents[i - 1].text.rstrip().endswith("?"):
                self._answer_list(i, s)  # "Which cities have fallen? Since Friday, six: Zaranj, Sheberghan and ..."
            if "district" in low:
                self._tallies(i, s)
            if len(self.drafts) == n_before and any(k in low for k in _DENIAL_KEYS):
                self._denial_directive(i, s)
            elif len(self.drafts) > n_before and "fighting" in low and all(
                    d.mention.outcome == "contested" for d in self.drafts[n_before:]):
                self._denial_directive(i, s)  # "fighting was still going on inside the city", after the movement's claim
        self._at_post(-1)
        self._apply_denials()
        return self._result()

    def _fall_told(self, sentences: range) -> bool:
        """Whether a district or a capital was told taken (asserted) in one of these sentences."""
        return any(d.sent_index in sentences and d.mention.event_type in ("district_seized", "capital_entered")
                   and d.mention.modality == "asserted" for d in self.drafts)

    @staticmethod
    def _fall_before_and(s: _Sent, at: int) -> bool:
        """Whether a taking is told before a ', and' ahead of position `at` of the sentence, by one of its own capture
        triggers ('Nili was handed over the same day, and the governor flew to Kabul')."""
        cut = s.text.rfind(", and ", 0, at)
        return cut > 0 and any(kind in ("capture", "state") and rx.search(s.text, 0, cut) is not None
                               for kind, rx, _ in s.triggers)

    def _heading_line(self, text: str, start: int, end: int) -> bool:
        """True for a sentence that is a short line of its own with no closing stop (a heading)."""
        stripped = text.strip().strip("*#_ ")
        return 0 < len(stripped) <= 80 and stripped[-1] not in ".!?;,\"”'’)]" and \
            self.text[max(0, start - 1):start] in ("", "\n") and self.text[end:end + 1] in ("", "\n")

    def _line_day(self, line: str) -> date | None:
        """The one exact day a heading line opens with ('Friday 13 August: the centre', not 'The week of 9 August')."""
        stripped = line.strip().strip("*#_ ")
        entry = lists.timeline_entry(stripped) if len(stripped) <= 60 else -1
        if len(stripped) > 60 or not any(map(str.isdigit, stripped)) or "|" in stripped or \
                entry >= 0 and re.search(r"[A-Z]", stripped[entry:]):
            return None  # (a table row or a timeline's entry naming places: read by the list reader)
        days = self._dates_in(stripped)
        one = len(days) == 1 and days[0].low is not None and days[0].low == days[0].high and days[0].start <= 3 and \
            any(map(str.isdigit, days[0].text))
        return days[0].low if one else None

    def _entries_below(self, i: int) -> bool:
        """True when sentence i is a line with no closing stop and timeline lines follow it (after one remark at most)."""
        text = self.sents[i].text.strip()
        if len(text) > 90 or re.search(r"[.!?;,\]]$|\.\s", text):
            return False  # (a heading is a short line with no stop: "Districts of Balkh that fell, as our office logged them")
        return any(lists.timeline_entry(self.sents[j].text) >= 0 for j in range(i + 1, min(len(self.sents), i + 3)))

    def _at_post(self, i: int) -> None:
        """Make 'today' the day of the stamped post sentence i belongs to ('Channel, [26.06.2021 07:48]' above it),
        else the publication day (i = -1: back to the publication day)."""
        day = self.post_days.get(i)
        if day is None:
            self.now = (self.article.published, self.article.published_precision or "day")
            self.pub_high = self.article_pub_high
        else:
            self.now, self.pub_high = (day, "day"), day

    def _answer_list(self, i: int, s: _Sent) -> None:
        """The places an explainer's answer lists under a question of what fell ('Which cities have fallen?' then
        'Since Friday, six provincial capitals: A, B and C'): each fell, dated by the answer."""
        question = _WHICH_FELL.match(self.sents[i - 1].text)
        if question is None or _VERB_IN_ANSWER.search(s.text):
            return
        first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker), None)
        if first is None or not _ANSWER_LEAD.fullmatch(s.text, 0, first.start):
            return
        m = re.compile(r".", re.S).match(s.text, first.start)
        if m is None:
            return
        capitals = not question.group("noun").lower().startswith(("district", "town"))
        found = []
        for r, locus in self._read_list(s, first, len(s.text))[0]:
            if capitals:
                cap = _as_capital(r, self.gaz)
                if cap is not None:
                    found.append(self._capital_result("capture", cap, m, {"fell"}, False))
            else:
                dc = self._located_district(r, locus)
                if dc is not None and dc[0].place_type == "district":
                    found.append(self._district_result(dc[0], dc[1], m, False))
        for res in found:
            res.modality = "asserted"
            res.date = _pick_date(self._sentence_dates(i), m.start(), s.text, self.pub_high)
            self._emit(i, s, res)

    def _history_before(self, i: int) -> bool:
        """True when the sentence before sentence i reported events, all of them history, or named times, all long past."""
        if i == 0:
            return False
        before = [d.mention for d in self.drafts if d.sent_index == i - 1]
        if before:
            return all(m.modality == "past" for m in before)
        days = [d.high for d in self._dates_in(self.sents[i - 1].text) if d.high is not None]
        return bool(days) and all(is_history("asserted", day, self.pub_high) for day in days)

    def _district_of_named_province(self, s: _Sent, r: _Ref, cap: Place) -> Place | None:
        """A district reading of `r` in a province the sentence names, when the capital's province goes unnamed."""
        named = {p.name for x in s.refs if x is not r and not x.in_speaker
                 and not _NAMESAKE_BEFORE.search(s.text, max(0, x.start - 70), x.start)  # ("a Jowzjan district that shares
                 # its name with the capital of Badakhshan province": that province is the namesake's)
                 for p in [_as_province(x, self.gaz)] if p is not None and (x.province_word or _as_capital(x, self.gaz) is None)}
        if not named or cap.province in named:
            return None
        return next((p for p in _readings(r) if p.place_type == "district" and p.province in named), None)

    def _hours_after(self, text: str, m: re.Match[str], res: MentionDraft, pool: list[DateMention]) -> tuple:
        """The date of an act timed "hours after" another, whose day is then that day or the next: the act inside the
        clause ("Kandahar fell early on Friday, hours after the insurgents took Herat": Herat Thursday or Friday) or the
        act before it ("The fall of Kandahar came hours after the movement took Herat on Thursday evening": Kandahar
        Thursday or Friday)."""
        low, high, said = res.date
        inside = _HOURS_AFTER_TALIBAN.search(text, max(0, m.start() - 70), m.start())
        if inside is not None and low is not None and low == high and 0 <= text.find(said) < inside.start():
            return low - timedelta(days=1), high, said  # (the day of the verb before the clause)
        before = _HOURS_AFTER.search(text, m.start())
        if before is not None and high is not None and res.pos < before.start() and any(
                d.start >= before.end() and d.text == said for d in pool):
            later = high + timedelta(days=1)
            return low, min(later, self.pub_high) if self.pub_high else later, said
        return res.date

    def _days_after_before(self, i: int, text: str, found: list[DateMention]) -> list[DateMention]:
        """'The same day', 'a day later', 'two days earlier', 'during the fighting' in sentence i: days counted from the
        day named before it."""
        out: list[DateMention] = []
        for m in _WEEKDAY_OF_THAT_WEEK.finditer(text) if " week" in text else ():
            weeks = [d for d in found if d.end <= m.start() and d.low is not None and d.high is not None
                     and (d.high - d.low).days == 6 and d.low.weekday() == 0]
            if weeks:
                when = weeks[-1].low + timedelta(days=_WEEKDAYS.index(m.group("wd").lower()))
                if self.pub_high is None or when <= self.pub_high:
                    out.append(DateMention(low=when, high=when, text=m.group(0), start=m.start(), end=m.end()))
        low = text.lower()
        for m in _DAYS_LATER.finditer(text) if low.startswith("the ") or any(k in low for k in _DAYS_LATER_KEYS) else ():
            if any(d.start <= m.start() < d.end for d in found) or m.group("part") and (found or out):
                continue
            if m.group("part"):  # "Its garrison abandoned their positions in the evening": the day of the event before
                day = self._part_of_day(i) or ((self.post_days[i],) * 2 if i in self.post_days else None)
                if day is not None:
                    out.append(DateMention(low=day[0], high=day[1], text=m.group(0), start=m.start(), end=m.end()))
                continue
            fell = _DAY_PLACE_FELL.match(text, m.end()) if re.match(r"(?:the\s+same|that)\s", m.group(0), re.I) else None
            if fell is not None:  # "crossed into Iran the same day the city fell": that fall's day, if the article told it
                at = fell.start("place") if fell.group("place") else fell.start("place2")
                day = self._told_fall(self.sents[i], at)[1] if i < len(self.sents) else None
                if day is not None and (self.pub_high is None or day <= self.pub_high):
                    out.append(DateMention(low=day, high=day, text=text[m.start():fell.end()], start=m.start(), end=fell.end()))
                continue
            during = m.group(0).lower().startswith(("during ", "in the "))  # "during the fighting": the span named before
            onward = [d for d in out if not re.search(r"earlier|before|previous|preceding", d.text, re.I)]
            here = sorted((d for d in found + onward if d.end <= m.start() and _day_or_span(d, during)), key=lambda d: d.end)
            # (a day counted on just before counts too: "took A on Monday and B a day later, and B's police withdrew
            # the same day": Tuesday; not one counted back to describe, "several thousand of them a week earlier")
            day = (here[-1].low, here[-1].high, here[-1].text) if here else (
                _EARLIER_LATER.search(text, max(0, m.start() - 12), m.start()) and self._event_day_before(i)) or \
                self._day_before_sentence(i, during)  # ("Earlier the same day": the day of the event told before)
            if day is None or day[0] is None:
                break
            if during and day[1] is not None and day[1] != day[0]:
                out.append(DateMention(low=day[0], high=day[1], text=m.group(0), start=m.start(), end=m.end()))
                continue
            if m.group("wd"):  # "the following Monday": the first Monday after the day named before
                n = (_WEEKDAYS.index(m.group("wd").lower()) - day[0].weekday() - 1) % 7 + 1
            else:
                n = (_UNITS.get(m.group("n").lower()) or int(m.group("n"))) if m.group("n") else 0 if m.group("same") else \
                    (1 if m.group("next") or re.search(r"later|before|previous|preceding|earlier", m.group(0), re.I) else 0)
            if m.group("unit") and m.group("unit").lower().startswith("week"):
                n *= 7  # "a week later"
            if m.group("back") or m.group("prev") or m.group(0).lower().endswith("before"):
                n = -n  # "two days earlier", "the previous day": counted back
            when = day[0] + timedelta(days=n)
            if self.pub_high is not None and when > self.pub_high:
                continue
            out.append(DateMention(low=when, high=when, text=m.group(0), start=m.start(), end=m.end()))
        return out

    def _sentence_dates(self, i: int) -> list[DateMention]:
        """The dates sentence i names, with the days it counts from one named before ('a day later'), in order; read
        once per sentence."""
        found = self._sentence_dates_read.get(i)
        if found is None:
            text = self.sents[i].text
            named = self._in_month_before(i, self._dates_in(text))
            signed = signature_start(text) if self.post_days else -1
            if signed >= 0:  # (a post's signature dates the post, not what it tells)
                named = [d for d in named if d.start < signed]
            later = self._days_after_before(i, text, named)  # ("the following Monday" replaces its "Monday")
            named = [d for d in named if not any(x.start <= d.start < x.end for x in later)]
            found = self._same_weekday(i, sorted(named + later, key=lambda d: d.start))
            found = self._weekday_of_dated_week(i, found)
            found = self._sentence_dates_read[i] = _paired_days(text, self._from_saying_day(text, found))
        return found

    def _from_saying_day(self, text: str, found: list[DateMention]) -> list[DateMention]:
        """'The border service said on 5 July that 57 servicemen had crossed overnight': a day word after a dated
        saying ('overnight', 'yesterday', 'last night', 'this morning') counts from the day of saying, not of publication."""
        pub = self.now[0]
        if pub is None or len(found) < 2:
            return found
        says = [d for d in found if d.low is not None and d.low == d.high and d.low != pub and (
            _SAY_DATE.search(text, max(0, d.start - 40), d.start) or _NOUN_ON_BEFORE.search(text, max(0, d.start - 40), d.start))]
        if not says:
            return found
        out = []
        for d in found:
            say = next((x for x in reversed(says) if x.end <= d.start), None)
            if say is not None and d.low is not None and d.high is not None and _DAY_WORD_DATE.fullmatch(d.text.strip()) \
                    and " that " in text[say.end:d.start] + " ":
                shift = say.low - pub
                d = DateMention(low=d.low + shift, high=d.high + shift, text=d.text, start=d.start, end=d.end)
            out.append(d)
        return out

    def _same_weekday(self, i: int, found: list[DateMention]) -> list[DateMention]:
        """'On the same Friday', 'that Saturday': the day of that weekday named last before it (in this sentence or
        the five before), not the latest before publication."""
        text = self.sents[i].text
        if not any(_WEEKDAY_WORD.match(d.text) for d in found):
            return found
        out = []
        for d in found:
            day = None
            if d.low is not None and d.low == d.high and _WEEKDAY_WORD.match(d.text) and \
                    _SAME_BEFORE.search(text, max(0, d.start - 12), d.start):
                wd = d.low.weekday()
                earlier = [x for x in reversed(found) if x.end <= d.start] + [
                    x for j in range(i - 1, max(-1, i - 6), -1) for x in reversed(self._dates_in(self.sents[j].text))] + [
                    x for j in range(i + 1, min(len(self.sents), i + 3)) for x in self._dates_in(self.sents[j].text)]
                # (or, failing that, in the two after: "by the Saturday the city had gone too. ... on Saturday 14 August")
                same = next((x for x in earlier if x.low is not None and x.low == x.high and x.low.weekday() == wd), None)
                day = same.low if same is not None and not _WEEKDAY_WORD.fullmatch(same.text) else None
                # (the nearest such day a bare weekday itself, "on Sunday evening": that one, read as any weekday)
            by = day is not None and re.search(r"\b(?:by|until)\s+the\s+$", text[max(0, d.start - 12):d.start], re.I)
            out.append(DateMention(None if by else day, day, d.text, d.start, d.end) if day is not None else d)
        return out

    def _weekday_of_dated_week(self, i: int, found: list[DateMention]) -> list[DateMention]:
        """'Aybak was handed over on Monday 9 August, and Pul-e-Khumri on Tuesday', on a page written a week or more
        later: a bare weekday after a weekday given with its date in the same sentence is the first such weekday after
        that date, not the latest before publication."""
        if self.pub_high is None or not any(_BARE_WEEKDAY.fullmatch(d.text) for d in found):
            return found
        out: list[DateMention] = []
        counted: set[int] = set()  # where the bare weekdays read in the week of a dated one start
        for d in found:
            if d.low is not None and d.low == d.high and _BARE_WEEKDAY.fullmatch(d.text) and \
                    not _EARLIER_WEEKDAY_BEFORE.search(self.sents[i].text, max(0, d.start - 30), d.start):
                anchor = next((x for x in reversed(out) if x.low is not None and x.low == x.high), None)
                dated = anchor is not None and _DATED_WEEKDAY.fullmatch(anchor.text)
                if anchor is not None and (anchor.start in counted or dated and
                                           anchor.low.weekday() == _WEEKDAYS.index(dated.group(1).lower())):
                    ahead = (d.low.weekday() - anchor.low.weekday()) % 7
                    day = anchor.low + timedelta(days=ahead)
                    if ahead and day < d.low and day <= self.pub_high:
                        d = DateMention(day, day, d.text, d.start, d.end)
                        counted.add(d.start)  # (the next bare weekday counts on from this one)
                elif anchor is None and i > 0:
                    d = self._weekday_named_before(i, d)
            out.append(d)
        return out

    def _weekday_named_before(self, i: int, d: DateMention) -> DateMention:
        """'On Sunday 8 August the Taliban took Kunduz. In Kunduz the troops withdrew when the city fell on Sunday', on
        a page written a week or more later: a bare weekday with no date before it in a sentence about a place the
        sentence before told is the same weekday given there with its date, not the latest before publication."""
        dated = [x for x in self._sentence_dates(i - 1) if x.low is not None and x.low == x.high
                 and _DATED_WEEKDAY.fullmatch(x.text) and x.low < d.low]
        before = {_place_id(p) for r in self.sents[i - 1].refs for p in _readings(r)}
        if not dated or not any(_place_id(p) in before for r in self.sents[i].refs for p in _readings(r)):
            return d  # (only of the places the sentence before told: "Kunduz fell on Sunday 8 August. On Sunday
            # afternoon the Taliban entered Kabul" is the latest Sunday)
        x = dated[-1]
        named_day = _WEEKDAYS.index(_DATED_WEEKDAY.fullmatch(x.text).group(1).lower())
        return DateMention(x.low, x.low, d.text, d.start, d.end) if x.low.weekday() == named_day == d.low.weekday() else d

    def _dates_in(self, text: str) -> list[DateMention]:
        """The dates a sentence of this article names, read once per sentence text."""
        from analysis.extract.dates import find_dates
        key = text if self.now[0] == self.article.published else f"{self.now[0]}|{text}"
        found = self._dates_read.get(key)
        if found is None:
            found = self._dates_read[key] = find_dates(text, *self.now)
        return found

    def _in_month_before(self, i: int, found: list[DateMention]) -> list[DateMention]:
        """A bare day of the month ('on the 20th') in the month of the day named before it in the sentence ('A on 6
        July, B on the 8th') or in the sentences before ('... on 22 June. Two days before that, on the 20th, we had lost
        Khanabad': 20 June), else as read."""
        if not any(_BARE_ORDINAL.fullmatch(d.text) for d in found):
            return found
        before = self._day_before_sentence(i)
        out = []
        for d in found:
            m = _BARE_ORDINAL.fullmatch(d.text)
            here = [x for x in found if x.end <= d.start and x.low is not None and x.low == x.high
                    and not _BARE_ORDINAL.fullmatch(x.text)] if m is not None else []
            anchor = (here[-1].low, here[-1].high, here[-1].text) if here else before
            if m is not None and anchor is not None and anchor[0] is not None:
                try:
                    day = anchor[0].replace(day=int(m.group(1)))
                except ValueError:
                    day = None
                if day is not None and (self.pub_high is None or day <= self.pub_high):
                    d = replace(d, low=day, high=day)
            out.append(d)
        return out

    def _event_day_before(self, i: int) -> tuple[date | None, date | None, str] | None:
        """The exact day of the latest event reported in the three sentences before sentence i, if any."""
        for j in range(i - 1, max(-1, i - 4), -1):
            days = [d.mention for d in self.drafts if d.sent_index == j and d.mention.modality == "asserted"
                    and d.mention.date_low is not None and d.mention.date_low == d.mention.date_high]
            if days:
                return days[-1].date_low, days[-1].date_high, days[-1].date_text
        return None

    def _part_of_day(self, i: int) -> tuple[date | None, date | None, str] | None:
        """The exact day of an event the sentence before told, which a part of the day alone in sentence i ('in the
        evening') refers to: of a place sentence i names, or of the last one when it names none."""
        told = [d.mention for d in self.drafts if d.sent_index == i - 1 and d.mention.modality == "asserted"
                and d.mention.date_low is not None and d.mention.date_low == d.mention.date_high]
        text = self.sents[i].text
        named = {p.place_id for r in self.sents[i].refs if r.kind == "named" and not r.in_speaker
                 and not _DESTINATION_BEFORE.search(text, max(0, r.start - 16), r.start) for p in _readings(r)}
        if named:
            told = [m for m in told if m.place_id in named]
        return (told[-1].date_low, told[-1].date_high, told[-1].date_text) if told else None

    def _day_before_sentence(self, i: int, spans: bool = False) -> tuple[date | None, date | None, str] | None:
        """The last exact day named in the three sentences before sentence i, which 'the same day' refers to (with
        `spans`, a few days named together count too: 'during the fighting' after 'during the Eid holidays')."""
        section = self.post_days.get(i)
        for j in range(i - 1, max(-1, i - 4), -1):
            if self.post_days.get(j) != section:
                break  # (not across a dated section's heading: "Saturday 14 August" above it)
            days = [d for d in self._sentence_dates(j)  # (as read there: "fell the same Saturday" is that Saturday)
                    if _day_or_span(d, spans) and (self.pub_high is None or d.low <= self.pub_high)]
            text_j = self.sents[j].text  # a day of saying yields to a day of the event ("46 servicemen crossed the same
            days = [d for d in days if not _SAY_DATE.search(text_j, max(0, d.start - 40), d.start)] or days  # day, the
            # border service said on Wednesday. Two days later another 31 came across": counted from the crossing)
            days = [d for d in days if not self._series_start_day(j, i, d)]
            asides = [(a.start(), a.end()) for a in _RETAKE_ASIDE.finditer(text_j)] if ", re" in text_j else []
            days = [d for d in days if not any(a <= d.start < b for a, b in asides)] or days  # ("Chimtal, retaken by
            # the army on 13 July, was lost again on Saturday. Its garrison withdrew the same day": not the retake's day)
            # ("Ghazni was the tenth capital to fall in a week, beginning with Zaranj on 6 August. Herat fell the same
            # evening": the day a count starts from is no day of the event just told; the sentence before has it)
            if days:
                return days[-1].low, days[-1].high, days[-1].text
        return (section, section, "") if section is not None else None  # the day of the section or post it is in

    def _series_start_day(self, j: int, i: int, d: DateMention) -> bool:
        """Whether day d of sentence j is the day a count started from ("beginning with Zaranj on 6 August") and
        sentence i is not about the place it names ("Zaranj, the capital of Nimroz, was taken; ... the same day" is)."""
        start = _SERIES_START_BEFORE.search(self.sents[j].text, max(0, d.start - 50), d.start)
        if start is None:
            return False
        named = {r.place.place_id for r in self.sents[j].refs if start.start() <= r.start < d.start}
        return not named & {r.place.place_id for r in self.sents[i].refs}

    def _same_line_as_entry(self, i: int) -> bool:
        """True when sentence i goes on the line of a timeline entry ('* ZARANJ, capital of Nimroz. Many soldiers ...')."""
        j = i - 1
        while j >= max(0, i - 4) and "\n" not in self.text[self.sents[j].sentence.end:self.sents[j + 1].sentence.start]:
            if lists.timeline_shape(self.sents[j].text):
                return True
            j -= 1
        return False

    def _claim(self, i: int, pos: int) -> Claim:
        """The claim covering position `pos` of sentence i."""
        s = self.sents[i]
        before = self.sents[i - 1].text if i > 0 else ""
        after = self.sents[i + 1].text if i + 1 < len(self.sents) else ""
        return claims.find_claim(s.text, before, after, self.speakers, anchor=pos)

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, i: int, s: _Sent, triggers: list[tuple[str, re.Pattern[str], str]]) -> None:
        """Find the given triggers in a sentence and turn them into draft mentions."""
        text = s.text

        def dates() -> list:
            return self._sentence_dates(i)

        found: dict[tuple[str, ...], MentionDraft] = {}
        infinitive: set[tuple[str, ...]] = set()  # keys read only from "the fourth district ... to fall this week"
        taken: list[tuple[int, int]] = []
        # "X, which the insurgents briefly entered in early July, fell on Thursday": the clause tells its own event
        asides = [(a.start(), a.end()) for a in _WHICH_ASIDE.finditer(text) if "(" not in a.group(0)
                  and any(rx.search(text, a.end()) for _, rx, _ in triggers)] if ", which " in text else []
        # "At Kunduz airport, where troops had withdrawn when the city fell on Sunday, several hundred soldiers
        # surrendered on Wednesday": the where-clause's flight has the clause's day
        asides += [(a.start(), a.end()) for a in _WHERE_HAD_ASIDE.finditer(text)] if ", where " in text else []
        # a closing ", whose ..." / ", which ..." clause tells its own act with its own date, if any
        tail = _RELATIVE_TAIL.search(text) if (", whose " in text or ", which " in text) else None
        for kind, rx, voice in triggers:
            for m in rx.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if any(a <= m.start() < b for a, b in s.speaker_spans) and kind not in ("fled", "relative") and \
                        not m.group(0).lower().startswith(("claim", "said ", "says ", "announced ", "declared ")):
                    # ("the Taliban claimed Urgun", "the Taliban said they were in control of Kunduz": the claim is the act)
                    continue
                if _OTHER_NOUN_RELATIVE.search(text, max(0, m.start() - 60), m.start()):
                    continue  # "Faizabad, the capital of the province that had never fallen ...": the province's history
                results = self._trigger(i, s, kind, voice, m)
                nth = _NTH_DISTRICT_BEFORE.search(text, max(0, m.start() - 90), m.start()) if results and \
                    text[max(0, m.start() - 6):m.start()].lower().endswith(("to ", "be ")) else None
                if nth is not None and (nth.group("p1") or nth.group("p2")):
                    counted_in = [r.place for r in s.refs if nth.start() <= r.start < nth.end()]
                    results = [r for r in results if not any(r.place is p or (r.place.name in (p.name, p.province)
                                                                              and r.place.province == p.province)
                                                             for p in counted_in)]
                if not results:
                    continue
                taken.append((m.start(), m.end()))
                mod = read_modality(text, m.start(), m.end(), m.group(0).lower().startswith(_NOUN_TRIGGERS))
                if mod == "asserted" and i + 1 < len(self.sents) and unconfirmed_next(text[:m.start()], self.sents[i + 1].text):
                    mod = "speculative"  # "Reports say Tarinkot has also fallen. We are trying to confirm this."
                if mod == "asserted" and taken_back(text, m.start(), self.article.text[:600], self.article.text[
                        max(0, s.sentence.start - 200):max(0, s.sentence.start)] if s.sentence.start >= 0 else ""):
                    mod = "speculative"  # a report taken back, no event
                aside = next(((a, b) for a, b in asides if a <= m.start() < b), None)
                in_tail = tail is not None and m.start() >= tail.start() and aside is None
                # "the fall of X (on D1) follows the loss of Y on D2": each noun its own side's date
                follows = _FOLLOWS.search(text) if m.group(0).lower().startswith(_NOUN_TRIGGERS) else None
                for res in results:
                    if res.modality is None:
                        res.modality = "negated" if mod == "asserted" and res.negated else mod
                    key: tuple[str, ...] = (res.event_type, res.key)
                    if in_tail and res.date_from is None and res.date_until is None:
                        res.date_from = tail.start()  # "..., whose governor handed the city over": no day of the main verb
                    if follows is not None and res.date_from is None:
                        if m.end() <= follows.start() and res.pos < follows.start():  # (a later "and of Y" has its own)
                            res.date_from, res.date_until = 0, min(res.date_until or len(text), follows.start())
                        elif m.start() >= follows.end() and res.date_until is None:
                            res.date_from = follows.end()
                    if aside is None and res.aside is not None:
                        key = (*key, "aside")  # a closing relative clause's own act ("..., which they had entered")
                    if aside is not None:
                        key = (*key, "aside")  # a separate mention, dated inside its clause
                        res.aside = aside
                        if res.event_type == "troops_fled" and res.count is not None and \
                                not aside[0] <= res.count.start < aside[1]:
                            res.count, res.count_text = None, ""  # ("several hundred soldiers surrendered" after it)
                        if res.date_from is None and res.date_until is None:
                            res.date_from, res.date_until = aside
                    if res.date is None:
                        pool = dates()
                        if res.date_from is not None or res.date_until is not None:
                            # a clause with its own date ("followed by Y on D", "which the group took on D")
                            a, b = res.date_from or 0, res.date_until or len(text)
                            inside = [d for d in pool if a <= d.start and d.end <= b]
                            pool = inside if inside or res.date_from is not None else pool
                        retake = _RETAKE_ASIDE.search(text, max(0, m.start() - 160), m.start()) \
                            if ", re" in text or " retook " in text or " recaptured " in text else None
                        if retake is not None:  # "Doshi, retaken by the army in late July, had been lost again on
                            pool = [d for d in pool if not retake.start() <= d.start < retake.end()]  # Monday"
                        told = [(w.start(), b if tail is None else tail.end()) for a, b in s.speaker_spans
                                if not a <= m.start() < b for w in [_SPEAKER_WHO.search(text, a, b)] if w is not None
                                for tail in [_SPEAKER_TIME_TAIL.match(text, b)]]
                        own = [d for d in pool if any(a <= d.start < b for a, b in told)]
                        if own:  # "..., said a scholar who travelled to Faizabad on Thursday": the speaker's own day;
                            # "Families who reached Taloqan on Thursday said the police had withdrawn": before the verb,
                            # it bounds what they tell from above when it is recent
                            pool = [d for d in pool if d not in own]
                            recent = [d.high for d in own if d.high is not None and self.pub_high is not None
                                      and d.end <= m.start() and d.high <= self.pub_high
                                      and (self.pub_high - d.high).days <= 30]
                            if not pool and recent:
                                res.date = (None, max(recent), "")
                        # a later item sharing the verb ('took A on Monday, and on Tuesday B') is dated from its own place
                        shared = res.date_from is not None and res.date_from > m.start() and res.pos > res.date_from
                        res.date = res.date or _pick_date(pool, res.pos if shared else m.start(), text, self.pub_high)
                        if res.date[0] is None and (" after " in text or " before " in text):
                            res.date = self._after_known_fall(s, m, res) or res.date
                        by_forces = _AFTER_FORCES.search(text, max(0, m.start() - 60), m.start()) \
                            if "fter " in text and res.event_type == "troops_fled" else None
                        before_after = [d for d in pool if by_forces is not None and d.end <= by_forces.start()
                                        and d.high is not None] if not any(
                            by_forces is not None and d.start >= by_forces.end() and d.text == res.date[2] for d in pool) else []
                        if before_after:  # "... after Sheberghan fell on Saturday after government forces withdrew to
                            d = before_after[-1]  # the airport": the day of the verb the clause follows (as "fell on
                            res.date = (d.low, d.high, d.text)  # Saturday after soldiers fled" dates the flight)
                        after = _AFTER_TALIBAN.search(text, max(0, m.start() - 60), m.start()) if "fter " in text else None
                        if after is not None and res.date[0] is not None and kind in ("capture", "state"):
                            res.date, res.open_low = self._after_clause_date(text, after.start(), m, pool, res.date)
                        told = _TOLD_NOUN_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
                            if m.group(0).lower().startswith(_NOUN_TRIGGERS) else None
                        if told is not None and res.date[0] is not None and res.date[2] and \
                                text.find(res.date[2], m.end()) >= m.end():
                            res.date = (None, res.date[1], res.date[2])  # "officials confirmed the fall of Sheberghan on
                            # Sunday": the day it was confirmed, the fall on it or before
                        if "hours after" in text:
                            res.date = self._hours_after(text, m, res, pool)
                        if res.date[0] is not None and res.date[2] and ", then " in text:
                            item_at = self._object_at(s, res, m.end())
                            day_at = text.find(res.date[2], max(item_at, 0))
                            if item_at >= 0 and day_at > item_at and _THEN_ITEM.search(text, item_at, day_at):
                                res.date = (None, res.date[1], res.date[2])  # "took A, B and C, then the whole
                                # south on Friday": A, B and C came before that day
                        if res.date[2][:5].lower() in ("from ", "since") and "when" in text:
                            res.date = self._when_of(text, m.start(), pool, res.date)
                        if len(results) > 1:
                            at = {id(r): self._object_at(s, r, m.end()) for r in results}
                            if at[id(res)] > max(v for k, v in at.items() if k != id(res)):
                                res.date = self._last_item_date(text, m, at[id(res)], pool, res.date)
                        if (kind == "state" or kind in ("contested", "entry") and _BEEN_INSIDE.search(m.group(0))
                                or kind == "relative" and m.group(0).lower().endswith(" held")) and len(results) == 1 and \
                                res.date[2][:6].lower() == "since " and \
                                text.find(res.date[2], m.end()) >= 0:  # "X: in Taliban hands since Friday 9 July"
                            res.date = self._since_day(res.date)
                        nth = _NTH_DAY.search(text) if res.event_type == "capital_entered" and "contested" in res.outcomes \
                            and " day" in s.low else None
                        if nth is not None and res.date[0] is not None and res.date[0] == res.date[1] and \
                                0 <= text.find(res.date[2]) and abs(text.find(res.date[2]) - nth.start()) < 40:
                            first = res.date[0] - timedelta(days=_NTH_WORDS.index(nth.group("n").lower()) + 1)
                            res.date = (first, first, res.date[2])  # "fighting inside Police District 2 was reported
                            # on Tuesday for the fifth day": the fighters got in four days before
                    at = text.find(res.date[2], max(0, m.start() - 80)) if res.date[2] else -1
                    day_it = _THE_DAY_IT_FELL.search(text, max(0, m.start() - 50), m.start()) if res.date[2] else None
                    if day_it is not None and not re.fullmatch(r"[\s,]*", text[m.end():at] if at >= m.end() else "x") \
                            and not (0 <= at < day_it.start() and re.fullmatch(r"[\s,]*", text[at + len(res.date[2]):day_it.start()])):
                        # ("on August 6, the day Zaranj fell": the day named right before is the fall's)
                        res.date = (None, self.pub_high, "")  # "... on the day Kabul fell", "the night Mazar fell, and by
                        # 84 more ... on August 16": the fall names a time; no other clause's date is its own
                    if res.open_low:
                        res.date = (None, res.date[1], res.date[2])
                    if res.date[0] is not None and _BEFORE_IT_FELL.search(text, max(0, m.start() - 60), m.start()) and \
                            0 <= text.find(",", m.end()) < text.find(res.date[2], m.end()):
                        res.date = (res.date[0], self.pub_high, res.date[2])  # "In the weeks before the city fell,
                        # Sancharak went on 25 July": the fall came after that day, not on it
                    if res.date[0] is not None and res.date[2] and m.group(0).lower().startswith(_NOUN_TRIGGERS) and \
                            re.search(r"\bafter\s+(?:the\s+)?$", text[max(0, m.start() - 12):m.start()], re.I) and \
                            not re.search(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|"
                                          r"hours?)\s+after\s+(?:the\s+)?$", text[max(0, m.start() - 30):m.start()], re.I) and \
                            0 <= text.find(res.date[2]) < m.start():
                        res.date = (None, res.date[1], res.date[2])  # "sheltered soldiers who crossed over the past week,
                        # ... after the fall of Herat and Zaranj": the fall came before, bounded by that time only
                    at_date = text.find(res.date[2], m.end()) if res.date[2] else -1
                    if at_date > 0 and _BEGINNING_WITH.search(text, m.end(), at_date):
                        res.date = (None, self.pub_high, "")  # "Aybak was the sixth capital to fall in four days,
                        # beginning with Zaranj on Friday": Zaranj's day, not Aybak's
                    if res.event_type == "troops_fled" and res.date[2] and res.date[0] is not None and \
                            (_HAD_RELATIVE.search(text, max(0, m.start() - 60), m.start()) and
                             0 <= text.find(res.date[2]) < m.start() - 30 or
                             _TROOPS_WHO_HAD.search(text[:m.start()]) and
                             _MAIN_VERB.search(text, m.end(), max(m.end(), text.find(res.date[2], m.end())))):
                        res.date = (None, res.date[1], res.date[2])  # "... surrendered on Friday morning, after the
                        # soldiers who had retreated to the corps base ...": an earlier act, bounded by that day only
                    if is_history(res.modality or "", res.date[1], self.pub_high) or (
                            res.date[2][:6].lower() == "since " and is_history(res.modality or "", res.date[0], self.pub_high)) or (
                            _HISTORY_LINK.search(text, max(0, m.start() - 90), m.start()) and any(
                                is_history(res.modality or "", d.high, self.pub_high) for d in dates())) or (
                            res.date[0] is None and not res.date[2] and _BACK_TIME.match(text)
                            and self._history_before(i)) or (
                            res.date[0] is None and not res.date[2] and _BEFORE_NOW.match(text, m.end())) or (
                            self._year_when_before(text, m.start())):
                        # ("The city has fallen before.": an earlier time, not this one)
                        # ("Each time the city had been retaken ...", after a sentence of history only)
                        # ("two years before they took Kabul", "in September of that year, when the Taliban overran the
                        # city", after a year long past)
                        res.modality = "past"  # "the Taliban first took Kabul in 1996", "have controlled Kharwar since
                        # 2014": history, not this offensive
                    old = found.get(key)
                    if old is not None and res.modality == old.modality and res.outcomes == old.outcomes and \
                            (s.speaker_spans or "deni" in s.low):
                        stances = (self._claim(i, old.pos).stance, self._claim(i, res.pos).stance)
                        if stances[0] != stances[1] and "asserted" in stances:
                            if stances[1] == "asserted":
                                found[key] = res  # "The Taliban said they had captured X, but officials denied the city
                            continue  # had fallen": the claim is kept (the denial passes add the officials' denial)
                    if old is not None and (old.modality == "asserted") != (res.modality == "asserted"):
                        if res.modality == "asserted":
                            found[key] = res  # an asserted reading outranks a speculative one of the same place
                        continue
                    if old is not None and res.event_type == "capital_entered" and res.outcomes != old.outcomes and \
                            _apart(old.date, res.date) and res.modality == old.modality == "asserted":
                        key = (*key, "later")  # "Fighters had been inside Ghazni since Tuesday, and on Thursday its
                        old = found.get(key)   # governor handed the city over": two acts on days apart, two events
                    if old is not None and res.event_type == "troops_fled" and res.count is not None and \
                            old.count is not None and (res.count.low, res.count.high) != (old.count.low, old.count.high) \
                            and _apart(old.date, res.date) and res.modality == old.modality == "asserted":
                        key = (*key, "group")  # "84 soldiers had crossed the bridge on Saturday, and on Sunday 46 aircraft
                        old = found.get(key)   # carrying 585 soldiers landed at Termez": two groups on two days
                    # "the first two provincial capitals to fall" after their own verbs: an ordinal adds no date
                    to_fall = text[max(0, m.start() - 3):m.start()].lower() == "to " or kind == "nth"
                    if old is None:
                        found[key] = res
                        if to_fall:
                            infinitive.add(key)
                    else:
                        undated_old = old.date is not None and res.date is not None and old.date[1] == self.pub_high \
                            and old.date[0] is None and res.date[0] is not None  # a dated reading outranks an open one
                        if res.priority > old.priority or (key in infinitive and not to_fall and res.priority == old.priority) \
                                or (undated_old and res.priority == old.priority):
                            infinitive.discard(key)  # the finite verb's reading, and its date, outrank the infinitive's
                            res.outcomes = old.outcomes | res.outcomes
                            res.related = old.related | res.related
                            found[key] = res
                        else:
                            old.outcomes |= res.outcomes
                            old.related |= res.related
        if "respectively" in s.low and len(found) >= 2:
            self._respectively(i, s, list(found.values()))
        for res in sorted(found.values(), key=lambda r: r.pos):
            self._emit(i, s, res)

    def _respectively(self, i: int, s: _Sent, results: list[MentionDraft]) -> None:
        """'Took A and B last Tuesday and Wednesday respectively': the n-th date after the places is the n-th place's."""
        at = {id(r): self._object_at(s, r, 0) for r in results}
        word = s.low.find("respectively")  # (places after it belong to another clause)
        items = sorted((r for r in results if 0 <= at[id(r)] < word and r.date is not None and r.date[2]),
                       key=lambda r: at[id(r)])  # (not "the crossing" before them, with no day of its own)
        if len(items) < 2 or len({at[id(r)] for r in items}) < len(items):
            return
        end = s.low.find("respectively", at[id(items[-1])])
        asides = [(a.start(), a.end()) for a in _WHICH_ASIDE.finditer(s.text)] if ", which " in s.text else []
        days = [d for d in self._sentence_dates(i) if at[id(items[-1])] < d.start and d.end <= end and d.high is not None
                and not any(a <= d.start < b for a, b in asides)]  # ("A and B, which had held through July, fell ...")
        if len(days) == 1 and len(items) == 2 and days[0].low is not None and days[0].high is not None and \
                days[0].low < days[0].high and _TWO_DAYS.search(days[0].text):  # "on 6 and 7 August respectively"
            d = days[0]
            days = [replace(d, high=d.low), replace(d, low=d.high)]
        if end < 0 or len(days) != len(items) or not _RESPECTIVE_DATES.fullmatch(s.text, days[0].start, end):
            return
        for res, d in zip(items, days):
            res.date = (d.low, d.high, d.text)

    def _year_when_before(self, text: str, at: int) -> bool:
        """True when a when-clause about a year long past opens before position `at` ('We remember 2015, when the
        Taliban took the city'): the year a bare number the date reader leaves alone."""
        year = _YEAR_WHEN.search(text, max(0, at - 160), at)
        return year is not None and self.pub_high is not None and int(year.group(1)) < self.pub_high.year

    def _object_at(self, s: _Sent, res: MentionDraft, after: int) -> int:
        """Where the place a reading is about is named after position `after` (-1 when it is not)."""
        ids = set(res.related) | {res.key}
        return max((r.start for r in s.refs if r.start >= after and not r.in_speaker
                    and any(_place_id(p) in ids for p in _readings(r))), default=-1)

    def _last_item_date(self, text: str, m: re.Match[str], pos: int, pool: list[DateMention], picked: tuple) -> tuple:
        """'Last Thursday the Taliban took A, ..., and B on the Turkmen border the following day': with the verb dated
        before it, a date closing the sentence right after the last object is that object's own."""
        if not any(d.end <= m.start() and d.text == picked[2] for d in pool):
            return picked  # the verb's date is not before it: a closing date is everyone's ("took A and B on Friday")
        tail = [d for d in pool if d.start > pos]
        if len(tail) != 1 or not _ITEM_TAIL.fullmatch(text, tail[0].end):
            return picked
        between = text[pos:tail[0].start]
        if "," in between or ";" in between or _VERBISH.search(between) or _TAIL_BREAK.search(between):
            return picked  # ("... and Taloqan - in the biggest blow since the offensive began in May": another time)
        d = tail[0]
        return (d.low, d.high, d.text) if d.low is not None or d.high is not None else picked

    def _when_of(self, text: str, at: int, pool: list[DateMention], picked: tuple) -> tuple:
        """'That was from October 2016, when the TB overran parts of the city': a when-clause right after 'from' or
        'since' a time tells what happened then, so the act is dated to that time itself, not from it onwards."""
        for d in pool:
            if d.text == picked[2] and d.end <= at and _WHEN_AFTER.match(text, d.end) and \
                    not _CLAUSE_STOP.search(text, _WHEN_AFTER.match(text, d.end).end(), at):
                bare = d.text.split(None, 1)[1] if " " in d.text else ""
                own = [x for x in self._dates_in(bare) if x.low is not None] if bare else []
                if own:
                    return own[0].low, own[0].high, d.text
        return picked

    def _after_clause_date(self, text: str, at: int, m: re.Match[str], pool: list[DateMention],
                           picked: tuple) -> tuple[tuple, bool]:
        """The date of an act told in a plain after-clause opening at `at`, and whether it is open below: the clause's
        own day if it names one, else the main verb's exact day as an upper bound only (a span of days is kept)."""
        opening = not text[:at].strip(" \"'“‘([")  # "After the Taliban overran X, ...": the clause ends at its comma
        # (a closing clause runs on past an appositive, to the speaker's ", the military said on Monday")
        stop = _CLAUSE_STOP.search(text, m.end()) if opening else _ATTRIBUTION_TAIL.search(text, m.end())
        inside = [d for d in pool if at <= d.start < (stop.start() if stop is not None else len(text))]
        if inside:
            return _pick_date(inside, m.start(), text, self.pub_high), False
        return picked, picked[0] is not None and picked[0] == picked[1]

    def _trigger(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[MentionDraft]:
        """Interpret one trigger (and a 'followed by Y on D' after it); returns zero or more mention drafts as dicts."""
        if kind == "relative":
            return self._relative(s, m)
        if kind == "echo":
            return self._echo(i, s, m)
        if m.group(0).lower().endswith("turn of") and (_TURN_TO.search(s.text, m.end(), m.end() + 60)
                                                       or not self._fall_told(range(i))):
            return []  # "it was the turn of X" is a fall only after falls told before, and not "the turn of X to speak"
        if kind == "capture" and m.group(0).startswith(",") and (
                not any(r.end == m.start() and r.kind != "anaphora" for r in s.refs)
                or _SEIZABLE_OF.search(s.text, max(0, m.start() - 90), m.start())):
            return []  # "Ghazni, captured on Thursday," only for the place the comma closes, not "Soldiers from Kunduz,
            # captured on Sunday," (the soldiers were)
        if kind in ("capture", "state") and _PLACES_THAT_BEFORE.search(s.text, max(0, m.start() - 80), m.start()):
            return []  # "the closure of every bank branch in the cities that fell": falls told elsewhere, no report here
        if kind == "capture" and _FELL_VERB.fullmatch(m.group(0).strip()) and (
                _BY_AMOUNT.match(s.text, m.end())
                or _MEASURE_SUBJECT.search(s.text, _scope_before(s.text, m.start()), m.start())):
            return []  # "Sheep prices in Maimana fell", "... fell by a fifth": a measure fell, not a place
        if kind in ("capture", "state") and _LABEL_STATUS.match(m.group(0)) and \
                not (_LABEL_OPEN.fullmatch(s.text, 0, m.start())
                     or _LABEL_OPEN.fullmatch(s.text, s.text.rfind(";", 0, m.start()) + 1, m.start())):
            return []  # "Gulran - taken 11 July": a status line only when the place opens the line (or its part after
            # a semicolon: "...; Chisht-e-Sharif: lost 27 July")
        if kind == "capture" and m.group(0).lower() == "went" and _PERSON_WENT.search(s.text, max(0, m.start() - 40), m.start()):
            return []  # "his deputy went yesterday to see the elders": a person went somewhere, no place went
        if kind == "fled" and _FLEW_TO.fullmatch(m.group(0)) and not _NEIGHBOUR_NEXT.match(s.text, m.end()) and (
                not _OFFICIAL_BEFORE.search(s.text, max(0, m.start() - 60), m.start())
                or not (self._fall_told(range(max(0, i - 2), i + 1)) or self._fall_before_and(s, m.start()))):
            return []  # "the governor flew to Kabul" is a flight only after his seat's fall just told (in this sentence
            # too: "Bamyan was handed over on Sunday, and the governor flew to Kabul the same day")
        if voice == "active" and _HANDED_OVER.fullmatch(m.group(0)) and _NAMED_OBJECT.match(s.text, m.end()) and \
                not _to_taliban_after(s.text, m.end()) and (
                    _OTHER_RECIPIENT.search(s.text, m.end(), min(len(s.text), m.end() + 90)) or
                    not _HANDER.search(s.text, _scope_before(s.text, m.start()), m.start())):
            return []  # "handed over Chaghcharan" with no one to receive it: only an official or a garrison giving it up
            # (not "U.S. forces handed over Bagram Air Field, their largest base, to Afghan forces")
        if kind == "state" and " their " in m.group(0).lower() + " " and not _THEIR_FIGHTERS.search(s.text, 0, m.start()) \
                and claims.owner_side((self.sents[i - 1].text if i else "") + " " + s.text[:m.start()]) != "taliban":
            return []  # "... passed into their hands", "came under their control": only when the clause before names
            # the movement's side, or the movement is the side the text named last ("... as the Taliban closed in.")
        if kind == "entry" and re.search(r"\b(?:edges?|fringes?)\s+of$", m.group(0), re.I):
            at = re.match(r"\s+", s.text[m.end():])  # "got into the northern edge of Maimana": inside the city's edge
            start = m.end() + (at.end() if at else 0)
            cap = next((c for r in s.refs if r.start == start and not r.in_speaker
                        for c in [_as_capital(r, self.gaz)] if c is not None), None)
            return [self._capital_result("entry", cap, m, {"unknown"}, False)] if cap is not None else []
        if kind == "contested" and m.group(0).lower().endswith("in the streets"):
            opening = _OPENING_PLACE.match(s.text)  # "In Sar-e-Pul, fighters have been in the streets since Thursday"
            cap = self._where_city(s, m.start()) or (next(
                (c for r in s.refs if opening is not None and r.start == opening.start(1) and not r.in_speaker
                 for c in [_as_capital(r, self.gaz)] if c is not None), None))
            return [self._capital_result("contested", cap, m, {"contested"}, False)] if cap is not None else []
        if kind == "state" and " our " in m.group(0).lower() and not _MOVEMENT_SPEAKS.search(s.text) and \
                self._claim(i, m.start()).claimant != "taliban":
            return []  # "Kohistan came under our control": the movement's words only when it is the one speaking
        out = self._trigger_places(i, s, kind, voice, m)
        if not out and kind == "nth" and (" after " in s.low or " following " in s.low):
            return self._after_dated_places(i, s, kind, m, "capital_entered")  # "It was the ninth capital taken, after A
            # on Tuesday and B on Monday": the place counted is told before, the earlier ones here
        if out and kind in ("state", "capture") and voice == "active" and _PART_OF.match(s.text, m.end()):
            for res in out:  # "the Taliban control (or captured) most of Lashkar Gah": inside, the city not yet theirs
                if res.event_type == "capital_entered":
                    res.outcomes = {"contested"}
        if out and kind in ("capture", "state", "entry") and " after " in s.low and not out[0].negated:
            out = out + self._days_after_place(s, kind, m, out)
        earlier = self._after_dated_places(i, s, kind, m, out[0].event_type) \
            if out and kind in ("capture", "state", "entry", "nth") and not out[0].negated \
            and (" after " in s.low or " following " in s.low) else []
        if earlier:
            for res in out:  # the main verb's date is told before the after-list, or not at all
                res.date_from = res.date_from or 0
                res.date_until = earlier[0].date_from if res.date_until is None else min(res.date_until, earlier[0].date_from)
            return out + earlier
        if out and kind in ("capture", "state", "nth", "entry") and any(k in s.low for k in _FOLLOWED_BY_KEYS) and \
                not any(d.high is not None and d.end <= m.start() and "," not in s.text[:d.start]
                        and is_history("asserted", d.high, self.pub_high) for d in self._sentence_dates(i)):
            # (not after a past year opening the sentence: "In 1996 the movement took Mazar on 24 May and Taloqan on
            # 27 May" is history)
            more = self._gapped_series(i, s, kind, m, out) or self._followed_by(s, kind, m, out)
            if more:
                for res in out:
                    if more[0].date_from is not None:
                        res.date_until = more[0].date_from  # the dates after "followed by" belong to Y
                again = {(res.event_type, res.key) for res in more}  # a subject named again with its own day ("A and
                out = [res for res in out if (res.event_type, res.key) not in again] + more  # B had gone, A on
                # Thursday and B in the last days of July")
        return out

    def _gapped_series(self, i: int, s: _Sent, kind: str, m: re.Match[str], out: list[MentionDraft]) -> list[MentionDraft]:
        """'Aybak fell on the 9th, Pol-e Khomri, the gateway to the Salang pass, on the 10th; and Faizabad on the 11th',
        'took Dangam on Saturday and, a day later, Chapa Dara': each later place with a date of its own shares the verb."""
        text = s.text
        refs = [r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= m.end()]
        found = [d for d in self._sentence_dates(i) if d.start >= m.end() and d.high is not None]
        first_date = next((d for d in found if d.start - m.end() <= 60 and not re.search(r"[,;]", text[m.end():d.start])
                           or any(r.end <= d.start for r in refs[:1]) and d.start - m.end() <= 90), None)
        if first_date is None:  # "On Monday they overran A, and on Tuesday B": the verb dated before it
            return self._dated_before_series(i, s, kind, m, out, refs)
        if not any(_SERIES_BETWEEN.search(text, a.end, b.start) for a, b in zip(refs, refs[1:])) and \
                not (refs and refs[0].start >= first_date.end and not any(r.end <= first_date.start for r in refs)):
            return []  # no second place after a comma, semicolon or "and" (but "A went on Friday, B the next day")
        items: list[tuple[_Ref, int, int]] = []  # the place, where its clause starts, where its date ends
        cursor = first_date.end
        while True:
            sep = _SERIES_SEP.match(text, cursor) or (
                # "Its districts fell one after another in July: A on 14 July, B on 19 July": a colon opens the series
                _SERIES_COLON.match(text, cursor) if not items and not any(m.end() <= r.start < cursor for r in refs)
                else None)
            r = next((r for r in refs if sep is not None and r.start == _ITEM_PREFIX.match(text, sep.end()).end()), None)
            if r is None:  # the date before the place: "and, a day later, Chapa Dara, both in Kunar"
                lead = _DATE_FIRST_SEP.match(text, cursor)
                d = next((d for d in found if lead is not None and d.start == lead.end()), None)
                gap = _ITEM_AFTER_DATE.match(text, d.end) if d is not None else None
                r = next((r for r in refs if gap is not None and r.start == gap.end()
                          and _ITEM_END.match(text, r.end)), None)
                if r is None:
                    break
                group = self._item_group(text, r, refs)  # ("and on Thursday Ghazni and Herat")
                items += [(x, lead.start(), x.end) for x in group]
                cursor = group[-1].end
                continue
            group = [r]  # a group sharing its day: "..., C and D on Saturday morning"
            while True:
                nxt = next((x for x in refs if x.start > group[-1].end), None)
                if nxt is None or not _GROUP_SEP.fullmatch(text, group[-1].end, nxt.start):
                    break
                if len(group) > 1 and re.fullmatch(r"\s*,\s*and\s+", text[group[-1].end:nxt.start]) and \
                        any(re.fullmatch(r"\s+and\s+", text[a.end:b.start]) for a, b in zip(group, group[1:])):
                    break  # "A, B and C, and D this morning": a list closed by its "and", then another item
                group.append(nxt)
            after = _SERIES_ASIDE.match(text, group[-1].end)
            at = after.end() if after is not None else group[-1].end
            d = next((d for d in found if d.start >= at and _DATE_NEXT.fullmatch(text, at, d.start)), None)
            if d is None:
                break
            items += [(x, sep.start(), d.end) for x in group]
            cursor = d.end
        if not items:
            return self._dated_before_series(i, s, kind, m, out, refs)
        # "Through July the movement took Herat's districts: Obe on 15 July, B on the 19th": the first object's own day
        # (inside the span named before the verb; not "In 1996 the movement took Jalalabad on 11 September, ...")
        before = [d for d in self._sentence_dates(i) if d.end <= m.start()]
        inside = first_date.low is not None and all(
            d.low is not None and d.high is not None and d.low <= first_date.low and first_date.high <= d.high for d in before)
        for res in out if inside else ():
            at = self._object_at(s, res, m.end())
            ref = next((r for r in refs if r.start == at and r.end <= first_date.start), None)
            if ref is not None and res.date_from is None and _DATE_NEXT.fullmatch(text, ref.end, first_date.start):
                res.date_from = ref.start
        return self._series_readings(kind, m, out, items)

    def _series_readings(self, kind: str, m: re.Match[str], out: list[MentionDraft],
                         items: list[tuple[_Ref, int, int]]) -> list[MentionDraft]:
        """The readings of a series' later places sharing the verb, each dated inside its own span (start, end); the
        series stops at the first place of another kind."""
        more: list[MentionDraft] = []
        for r, start, end in items:
            res = self._same_verb(kind, r, m, out[0].event_type, bool(out[0].negated))
            if res is None:
                break
            res.pos, res.date_from, res.date_until = r.start, start, end
            more.append(res)
        return more

    def _dated_before_series(self, i: int, s: _Sent, kind: str, m: re.Match[str], out: list[MentionDraft],
                             refs: list[_Ref]) -> list[MentionDraft]:
        """'On Monday the Taliban overran A, and on Tuesday B': with the verb's day told before it and its object
        right after it, each later place led by a day of its own ('and on Tuesday B', '; on Saturday, B') shares
        the verb."""
        text = s.text
        found = self._sentence_dates(i)
        if not refs or not any(d.end <= m.start() and d.high is not None for d in found):
            return []
        first = refs[0]
        objectless = not _DATE_NEXT.fullmatch(text, m.end(), first.start) and \
            not re.fullmatch(r"\s+(?:the\s+)?(?:(?:district|town|city)\s+(?:of\s+)?)?", text[m.end():first.start])
        passive = _PASSIVE_SERIES_TAIL.match(text, m.end()) if objectless and any(
            r.kind == "named" and r.end <= m.start() for r in s.refs) else None
        if passive:  # "On Sunday Muqur fell, on Monday Qadis, and on Tuesday Jawand": the subject before the verb, the
            located, cursor, items = None, passive.end(), []  # later places after it, each led by its day
        elif objectless:
            return []  # the object must follow the verb ("overran A", "took the district of A", "the district A")
        else:
            located = _OBJECT_LOCATED.match(text, first.end)  # ("the district A of P province", "A, south of the city,")
            cursor, items = located.end() if located is not None else first.end, []
        widened = False
        if located is None and not passive:  # "took A and B, two districts on the road south-east of Faizabad, and C
            # the next day"
            objects = self._item_group(text, first, refs)
            aside = _SERIES_ASIDE.match(text, objects[-1].end)
            if aside is not None:
                cursor, widened = aside.end(), True
            elif len(objects) > 1 and _DATE_FIRST_SEP.match(text, objects[-1].end):
                cursor = objects[-1].end  # "overran A and B, and on Sunday C": the later item after the first group
        while True:
            lead = _DATE_FIRST_SEP.match(text, cursor) or _DATE_FIRST_SEMICOLON.match(text, cursor) or \
                _DATE_FIRST_COMMA.match(text, cursor)
            d = next((d for d in found if lead is not None and d.start == lead.end() and d.high is not None), None)
            same = _SAME_DAY.match(text, lead.end()) if lead is not None and d is None else None
            gap = _ITEM_AFTER_DATE.match(text, d.end if d is not None else same.end()) if d or same else None
            r = next((r for r in refs if gap is not None and r.start == gap.end()), None)
            end = (_ITEM_END if lead is not None and ";" not in lead.group(0) else _ITEM_CLOSES).match(text, r.end) \
                if r is not None else None
            if r is not None and end is not None:
                group = self._item_group(text, r, refs)
                # "..., and on Friday B"; "..., and on the same day the district B" (the verb's day, told before it)
                items += [(x, lead.start() if same is None else 0, x.end) for x in group]
                cursor = group[-1].end
                continue
            sep = _SERIES_SEP.match(text, cursor) if items or widened else None
            r = next((r for r in refs if sep is not None and r.start == sep.end()), None)
            d = next((d for d in found if r is not None and d.start >= r.end and d.high is not None
                      and _DATE_NEXT.fullmatch(text, r.end, d.start)), None)
            if d is None:
                break
            items.append((r, sep.start(), d.end))  # "..., and on Friday B, and C on Saturday"
            cursor = d.end
        if passive and items:  # the subject's own day is the one before its later places' ("On Sunday Muqur fell, on
            for res in out:    # Monday Qadis": Sunday)
                if res.date_from is None and res.date_until is None:
                    res.date_until = items[0][1]
        return self._series_readings(kind, m, out, items)

    @staticmethod
    def _item_group(text: str, first: _Ref, refs: list[_Ref]) -> list[_Ref]:
        """The places of a series item led by its day ('and on Thursday Ghazni, Herat and Qala-e-Naw'): the first and
        those joined to it by commas or 'and', when the last closes the clause."""
        group = [first]
        while True:
            nxt = next((x for x in refs if x.start > group[-1].end), None)
            if nxt is None or not _GROUP_SEP.fullmatch(text, group[-1].end, nxt.start):
                break
            group.append(nxt)
        while len(group) > 1 and not _ITEM_CLOSES.match(text, group[-1].end) and \
                not re.match(r"\s*,", text[group[-1].end:]):
            group.pop()  # ("and on Thursday Ghazni and Herat's governor fled": not Herat)
        return group

    def _same_verb(self, kind: str, item: _Ref, m: re.Match[str], event_type: str, negated: bool,
                   capitals_head: bool = False, mixed: bool = False) -> MentionDraft | None:
        """The reading of another place that shares a verb of `event_type` (a capital for an entry, a district for a
        seizure), or None when the place is not of that kind; under a 'capitals of' head a province is its capital;
        `mixed`: a taking may join a capital and districts ('Aybak was handed over, together with the districts of')."""
        cap = _as_capital(item, self.gaz)
        province = _as_province(item, self.gaz) if capitals_head else None
        if province is not None:
            cap = _capital_of(province, self.gaz) or cap
        dist = _as_district(item, self.gaz) if cap is None else None
        if cap is not None and (event_type == "capital_entered" or (kind == "capture" and mixed)):
            return self._capital_result(kind, cap, m, set(_CAPITAL_OUTCOME.get(kind, ())), negated)
        if dist is not None and (event_type == "district_seized" or (kind == "capture" and mixed)) and kind != "entry":
            return self._district_result(dist[0], dist[1], m, negated)
        return None

    def _followed_by(self, s: _Sent, kind: str, m: re.Match[str], out: list[MentionDraft]) -> list[MentionDraft]:
        """'X fell on August 6, followed by Y on August 10': Y gets the same verb with its own date."""
        text = s.text
        fb = _FOLLOWED_BY.search(text, m.end(), min(len(text), m.end() + 120))
        as_did = False
        if fb is None:
            fb = _AS_DID.search(text, m.end(), min(len(text), m.end() + 120)) or \
                _AS_WELL_AS.search(text, m.end(), min(len(text), m.end() + 120)) or \
                (_AND_TOO.search(text, m.end(), min(len(text), m.end() + 160)) if "too" in s.low or "as well" in s.low
                 else None)
            as_did = fb is not None
        gapped = fb is None
        if gapped:
            last = max((r.end for r in s.refs if r.start >= m.end() and r.end <= m.end() + 120), default=-1)
            fb = next((g for g in _GAPPED.finditer(text, m.end(), min(len(text), m.end() + 160)) if g.start() >= last
                       or any(r.start == g.end() for r in s.refs)), None) if last > 0 else None
        if fb is None or re.search(r"[;:]|\.\s", text[m.end():fb.start()]):
            return []
        if as_did and any(m.end() < t.start() < fb.start() for k, rx, _ in s.triggers if k not in ("fled", "relative", "echo")
                          for t in rx.finditer(text, m.end(), fb.start())):
            return []  # "A fell on Thursday, and B was handed over on Friday, together with C": C shares the nearer verb
        first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= fb.end()), None)
        if first is None or not re.fullmatch(r"\s*", text[fb.end():first.start]) or first.peripheral:
            return []
        if gapped and not self._date_right_after(s, first, m):
            return []  # "took A on Monday and B is under siege": B has no verb of its own here
        more: list[MentionDraft] = []
        capitals_head = "capitals of" in fb.group(0).lower()  # ("and the provincial capitals of Bamyan and Wardak")
        list_hi = _scope_after(text, first.end)
        head = _AND_CAPITALS_OF.match(text, list_hi)
        list_hi = _scope_after(text, head.end()) if head is not None else list_hi  # ("..., Tarinkot and the capitals of")
        for item in self._list_from(s, first, list_hi):
            res = self._same_verb(kind, item, m, out[0].event_type, bool(out[0].negated),
                                  capitals_head or item.capitals_head,  # ("..., Tarinkot and the capitals of Ghor and Logar")
                                  mixed=as_did and fb.group(0).lstrip(" ,").lower().startswith(("together", "along")))
            if res is None:
                break
            res.pos = item.start
            res.date_from = fb.start()
            more.append(res)
        if (as_did or "hour" in fb.group(0).lower()) and more and not self._dated_after(s, fb.end(), _scope_after(text, fb.end())):
            for res in more:
                res.date_from = None  # "as did Y", "followed within hours by Y": Y shares the date of the verb it repeats
        return more

    def _since_day(self, when: tuple[date | None, date | None, str]) -> tuple[date | None, date | None, str]:
        """A place held 'since Friday 9 July' was taken that day: the day itself, when 'since' names one day (or a
        few days: 'since early July' is 1-10 July)."""
        days = self._dates_in(when[2][6:])
        if len(days) == 1 and days[0].low is not None and days[0].high is not None and days[0].low == when[0] and \
                (days[0].high - days[0].low).days <= 10:
            return days[0].low, days[0].high, when[2]
        return when

    def _after_dated_places(self, i: int, s: _Sent, kind: str, m: re.Match[str], event_type: str) -> list[MentionDraft]:
        """'..., after Pul-e-Khumri and Farah on Tuesday and Aybak on Monday': each earlier place shares the verb, with
        the day closing its group; nothing when any group has no day of its own."""
        text = s.text
        a = _AFTER_PLACES.search(text, m.end(), min(len(text), m.end() + 150))
        if a is None or re.search(r"[;:]|\.\s", text[m.end():a.start()]):
            return []
        refs = {r.start: r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= a.end()}
        dates = [d for d in self._sentence_dates(i) if d.start >= a.end() and d.high is not None]
        groups: list[tuple[list[_Ref], DateMention]] = []
        pending: list[_Ref] = []
        cursor = a.end()
        while cursor in refs:
            r = refs[cursor]
            pending.append(r)
            cursor = r.end
            d = next((d for d in dates if d.start > cursor and re.fullmatch(r"\s+(?:on|in|at)\s+", text[cursor:d.start], re.I)
                      or d.start == cursor + 1 and text[cursor] == " "), None)
            if d is not None:
                groups.append((pending, d))
                pending = []
                cursor = d.end
            sep = _GROUP_SEP.match(text, cursor)
            if sep is None:
                break
            cursor = sep.end()
        if pending or len(groups) == 0 or not _CLAUSE_SHUT.match(text, groups[-1][1].end):
            return []
        more: list[MentionDraft] = []
        for items, d in groups:
            for item in items:
                res = self._same_verb(kind, item, m, event_type, False)
                if res is None or item.peripheral:
                    return []
                res.pos = item.start
                res.date = (d.low, d.high, d.text)
                res.date_from = a.start()
                more.append(res)
        return more

    def _told_fall(self, s: _Sent, at: int) -> tuple[Place | None, date | None]:
        """The place named (or meant by 'the city') at `at` in a sentence, and the one exact day the article has told
        for its fall (None when it told none, or two)."""
        ref = next((r for r in s.refs if r.start == at and not r.in_speaker), None)
        anchor = (_as_capital(ref, self.gaz) or (_as_district(ref, self.gaz) or (None,))[0]) if ref is not None else None
        if anchor is None:
            return None, None
        days = {d.mention.date_low for d in self.drafts if d.mention.place == anchor.name and d.mention.modality == "asserted"
                and d.mention.stance == "asserted" and d.mention.date_low is not None
                and d.mention.date_low == d.mention.date_high
                and d.mention.event_type in ("capital_entered", "district_seized")}
        return anchor, (days.pop() if len(days) == 1 else None)

    def _after_known_fall(self, s: _Sent, m: re.Match[str], res: MentionDraft) -> tuple | None:
        """'Sheberghan fell on Saturday. A day after Sheberghan fell, the insurgents took Kunduz.': the day of a fall
        told earlier in the article, shifted; None when the sentence names no such anchor or its day is not known."""
        text = s.text
        for rel in _DAYS_AFTER_FALL.finditer(text):
            if rel.start() <= m.start() < rel.end():
                continue  # the anchor's own verb
            anchor, told = self._told_fall(s, rel.start("place"))
            if anchor is None or anchor.name == res.place.name:
                continue
            if told is None:
                return None  # not told, or told with two days
            n = small_number(rel.group("n"))[0] if rel.group("n") else 1
            shift = timedelta(days=n * (7 if rel.group("unit") and rel.group("unit").lower().startswith("week") else 1))
            day = told + (shift if rel.group("dir").lower() == "after" else -shift)
            if self.pub_high is not None and day > self.pub_high:
                return None
            if rel.group("dir").lower() == "before":  # "A week before Kunduz fell, Spin Boldak had been taken": by then
                return None, day, text[rel.start():rel.end()]
            return day, day, text[rel.start():rel.end()]
        return None

    def _days_after_place(self, s: _Sent, kind: str, m: re.Match[str], out: list[MentionDraft]) -> list[MentionDraft]:
        """'A fell on Saturday, a day after B': B gets the same event, dated that many days before A's date."""
        text = s.text
        rel = _DAYS_AFTER_PLACE.search(text, m.end(), min(len(text), m.end() + 90))
        if rel is None or re.search(r"[;:]|\.\s", text[m.end():rel.start()]):
            return []
        groups: list[tuple[re.Match[str], list[_Ref]]] = []
        while rel is not None:  # "two days after Kunduz and a day after Aybak": a group for each
            item = next((r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start == rel.end()), None)
            if item is None or item.peripheral:
                return []
            items = self._list_from(s, item, _scope_after(text, item.end))  # "a day after A, B and C changed hands"
            if not items:
                return []
            groups.append((rel, items))
            rel = _DAYS_AFTER_PLACE.match(text, items[-1].end) if text.startswith(" and ", items[-1].end) else None
            if rel is None and not _CLAUSE_SHUT.match(text, items[-1].end):
                return []
        anchor = m.start()
        if groups[0][0].group(0).lstrip(" ,").lower().startswith("and"):
            # "On Sunday they took A, a day after B was handed over, and two days after C": C counts from Sunday, as B
            # does, not from B's day
            outer = list(_DAYS_AFTER_PLACE.finditer(text, 0, m.start()))
            if outer and not re.search(r"[;:]|\.\s", text[outer[-1].end():m.start()]):
                anchor = outer[-1].start()
        low, high, said = _pick_date(self._dates_in(text), anchor, text, self.pub_high)
        if low is None or high is None or not said:
            return []
        more: list[MentionDraft] = []
        for rel, items in groups:
            shift = timedelta(days=small_number(rel.group("n"))[0])
            for item in items:
                res = self._same_verb(kind, item, m, out[0].event_type, False)
                if res is None:
                    return []
                res.pos = item.start
                res.date = (low - shift, high - shift, text[rel.start():item.end].strip(" ,"))
                more.append(res)
        return more

    def _echo(self, i: int, s: _Sent, m: re.Match[str]) -> list[MentionDraft]:
        """'Kunduz fell on Sunday. So did Taloqan.': the places after 'So did' get the event the sentence before
        reports, with its date unless they have one of their own."""
        before = [d.mention for d in self.drafts if d.sent_index == i - 1 and d.mention.stance == "asserted"
                  and d.mention.modality == "asserted" and d.mention.event_type != "troops_fled"]
        at = m.end() if _SO_DID.match(m.group(0)) else len(m.group(0)) - len(m.group(0).lstrip())  # 'Y too.': Y
        first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= at), None)
        if not before or first is None or not re.fullmatch(r"\W*(?:the\s+)?(?:(?:city|town|district)\s+of\s+)?",
                                                          s.text[at:first.start], re.I):
            return []
        model = before[0]
        own_date = self._dated_after(s, m.end())
        out: list[MentionDraft] = []
        for item in self._list_from(s, first, _scope_after(s.text, first.end)):
            cap = _as_capital(item, self.gaz)
            dist = _as_district(item, self.gaz) if cap is None else None
            if cap is not None and model.event_type == "capital_entered":
                res = self._capital_result("capture", cap, m, {model.outcome or "unknown"}, False)
            elif dist is not None and model.event_type == "district_seized":
                res = self._district_result(dist[0], dist[1], m, False)
            else:
                break
            res.pos = item.start
            if not own_date:
                res.date = (model.date_low, model.date_high, model.date_text)
            out.append(res)
        return out

    def _dated_after(self, s: _Sent, pos: int, hi: int | None = None) -> bool:
        """Whether a date is named in sentence s after position `pos` (and before `hi`)."""
        end = len(s.text) if hi is None else hi
        return _DAYS_LATER.search(s.text, pos, end) is not None or \
            any(pos <= d.start < end for d in self._dates_in(s.text))

    def _date_right_after(self, s: _Sent, first: _Ref, m: re.Match[str]) -> bool:
        """Whether the object list opening at `first` is followed at once by a date of its own, with a date between
        the verb and the list too ('took A on Monday and B in early August')."""
        found = self._dates_in(s.text)
        end = max(r.end for r in self._list_from(s, first, len(s.text)))
        gap = _DATE_NEXT.match(s.text, end)
        return (any(d.start >= end and _DATE_NEXT.fullmatch(s.text, end, d.start) for d in found)
                or _DAYS_LATER.match(s.text, gap.end()) is not None) and \
            (any(m.end() <= d.start < first.start for d in found) or
             _DAYS_LATER.search(s.text, m.end(), first.start) is not None)  # "Sangin went two days later, and B in July"

    def _relative_items(self, s: _Sent, m: re.Match[str], counted: re.Match[str], before: list[_Ref]) -> list[MentionDraft]:
        """The places a counted apposition stands for ('A and B, two districts that the group took in July'), as many as
        it says, each taken on the clause's time; none otherwise."""
        text = s.text
        items = [r for r in before if r.end == counted.start()]
        while items:
            prev = next((r for r in reversed(before) if r.end <= items[0].start
                         and _GROUP_SEP.fullmatch(text, r.end, items[0].start)), None)
            if prev is None:
                break
            items.insert(0, prev)
        word = counted.group("n").lower()
        n = 2 if word == "both" else _UNITS.get(word) or (int(word) if word.isdigit() else 0)
        if not items or len(items) != n:
            return []
        out = []
        for r in items:
            cap, dist = _as_capital(r, self.gaz), _as_district(r, self.gaz)
            if counted.group("kind").lower().startswith(("district", "town")) and dist is not None:
                res = self._district_result(dist[0], dist[1], m, False)
            elif cap is not None and not counted.group("kind").lower().startswith("district"):
                res = self._capital_result("capture", cap, m, {"fell"}, False)
            else:
                return []
            res.pos, res.date_from, res.date_until = m.start(), m.start(), _scope_after(text, m.end())
            out.append(res)
        return out

    def _relative(self, s: _Sent, m: re.Match[str]) -> list[MentionDraft]:
        """'... after Islam Qala, which the group took on 8 July': the antecedent place, dated by the clause."""
        text = s.text
        if not _REL_AFTER.match(text, m.end()) or any(m.end() <= r.start < m.end() + 3 for r in s.refs):
            return []  # the verb has an object of its own: no relative clause about the place before
        span = next(((a, b) for a, b in s.speaker_spans if a <= m.start() < b), None)  # ("Farmers in X, which the Taliban
        # have held since early July, say ...": a relative clause inside the speakers tells its own act of their place)
        before = [r for r in s.refs if r.end <= m.start() and (not r.in_speaker or (span is not None and span[0] <= r.start))]
        if not before:
            return []
        counted = _COUNTED_APPOSITION.search(text, max(0, m.start() - 60), m.start())
        if counted is not None:  # "Burka and Nahrin, two Baghlan districts that the Taliban took in July": each of them
            return self._relative_items(s, m, counted, before)
        ante = before[-1]
        if (ante.peripheral or ante.landmark) and len(before) >= 2:  # "Pashtun Zarghun, east of the city, which ...": the
            # city only locates the antecedent before it
            ante = _aside_owner(text, before[:-1], m.start()) or ante
        located = next((r for r in reversed(before[:-1]) if _REL_LOCATED.fullmatch(text, r.end, m.start())), None) \
            if _as_province(ante, self.gaz) is not None else None
        if located is not None:
            ante = located  # ("The Aqina crossing, further east ... in Faryab province, which ...": not Faryab)
        elif not re.fullmatch(r"(?:\s+(?:city|town|district|province|crossing|border\s+crossing|port))?\s*",
                              text[ante.end:m.start()], re.I):
            # "Pashtun Zarghun, east of the city, which ...", "The Aqina crossing, further east on the Turkmen border in
            # Faryab province, which ...": where the antecedent lies, between it and the clause
            ante = _aside_owner(text, before, m.start())  # ("Torghundi, the crossing into
            if ante is None:  # Turkmenistan, which the Taliban have held since 9 July": what the place is)
                return []
        if len(before) >= 2 and _as_province(ante, self.gaz) is not None and \
                _LOCATIVE_TAIL.fullmatch(text, before[-2].end, ante.start):
            ante = before[-2]  # "Islam Qala in western Herat, which ...": Herat only locates the antecedent
        if (ante.peripheral and not (ante is before[-1] and not text[ante.end:m.start()].strip(" ,"))) or \
                _negated(text, m.end() - 12):
            return []  # (a clause right after "around Pato" tells of Pato: "fighting continued around Pato, which the
            # Taliban took on 29 June")
        if re.match(r",?\s+(?:which|that)\s+they\b", m.group(0), re.I) and not _TALIBAN_AGENT.search(text, 0, ante.start):
            return []  # "which they had entered": they are the insurgents only when the sentence's subject is
        cap = _as_capital(ante, self.gaz)
        entry = bool(re.search(r"\b(?:entered|stormed)\b", m.group(0), re.I))
        if cap is not None:
            res = self._capital_result("entry" if entry else "capture", cap, m, set() if entry else {"fell"}, False)
        else:
            dist = _as_district(ante, self.gaz)
            if dist is None or entry:
                return []  # entering a district is no seizure
            res = self._district_result(dist[0], dist[1], m, False)
        res.pos = m.start()
        res.date_from = m.start()
        since = re.compile(r"\s+since\s", re.I).match(text, m.end()) if m.group(0).lower().endswith("held") else None
        res.date_until = _scope_after(text, since.end() if since is not None else m.end())  # ("which they have held
        # since early July": the since-phrase is the clause's own)
        tail = _RELATIVE_TAIL.match(text, m.start()) if text.startswith(",", m.start()) else None
        if tail is not None:
            res.aside = (m.start(), tail.end())  # a closing clause with its own act: read apart from the main verb
        return [res]

    def _trigger_places(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[MentionDraft]:
        """Interpret one trigger by the places in its scope; a subject opening a second clause ('..., and A and B
        have fallen') takes no date from the clause before."""
        self._clause_from = -1
        out = self._trigger_scope(i, s, kind, voice, m)
        if self._clause_from >= 0:
            for res in out:
                if res.date_from is None and res.pos >= self._clause_from:
                    res.date_from = self._clause_from
        return out

    def _named_reading(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[MentionDraft]:
        """The readings of a trigger's named places only, a count of a province's districts left aside."""
        self._named_only = True
        try:
            return self._trigger_scope(i, s, kind, voice, m)
        finally:
            self._named_only = False

    def _trigger_scope(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[MentionDraft]:
        """Interpret one trigger by the places in its scope; returns zero or more mention drafts as dicts."""
        text = s.text
        noun = m.group(0).lower().startswith(_NOUN_TRIGGERS)
        negated = _negated(text, m.start())
        if kind == "fled":
            fled = self._fled(i, s, m, negated)
            verb = re.match(r"abandon\w*", m.group(0), re.I)  # (the trigger may run on over "the district centres")
            abandoned = verb is not None and _PLACE_OBJECT_AFTER.match(text, m.start() + verb.end()) or \
                re.match(r"(?:\w+\s+)?abandoned\s+by\b", m.group(0), re.I)  # ("... was abandoned by government forces")
            if verb is not None and not abandoned:  # "Government forces abandoned Arghistan on Thursday": a district's
                at = m.start() + verb.end()         # own name right after the verb (not a crossing's, nor a city's)
                first = next((r for r in s.refs if r.kind == "named" and r.start >= at), None)
                abandoned = first is not None and text[at:first.start] == " " and first.place.place_type == "district" \
                    and not any(c.place_type in ("border_crossing", "capital") for c in (first.place, *first.candidates)) \
                    and not first.landmark and not _BASE_NAME_AFTER.match(text, first.end)  # (not "Bagram air base")
            if fled and (abandoned or "tactical" in m.group(0).lower() or _TACTICAL_AFTER.match(text, m.end())
                         or _TACTICAL_BEFORE.search(text, max(0, m.start() - 130), m.start())):
                # ("Government forces abandoned Yawan and Kohistan districts": left to the Taliban, as when passive)
                # "withdrew from A and B on Friday in a tactical move", "In a tactical move, the ANDSF withdrew from A"
                fled += [self._district_result(d.place, None, m, negated) for d in fled if d.place.place_type == "district"]
            return fled + self._gapped_flight(s, m, fled)
        if voice == "passive" and m.group(0).lower() == "surrendered" and not (
                any(r.end <= m.start() and _SURRENDERED_GAP.fullmatch(text, r.end, m.start())
                    and (not _LOCATED_BEFORE.search(text, max(0, r.start - 10), r.start)
                         or _THE_CITY_OF_OPENING.search(text, max(0, r.start - 40), r.start))  # ("The city of Khost was
                    # surrendered": the city's name, not where someone was)
                    and not _TROOPS_WHO_BEFORE.search(text, max(0, r.start - 60), r.start) for r in s.refs)
                or _PLACES_HEAD_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            return []  # "Maidan Shahr surrendered overnight" is a place's fall; soldiers who surrendered fled nowhere
        if voice == "passive" and _LOST_THING.search(text, max(0, m.start() - 60), m.start()) and \
                re.match(r"(?:lost|abandoned)\b", m.group(0), re.I):
            return []  # "contact with Jawand was lost", "many lives were lost": no place lost
        if voice == "passive" and kind == "capture" and m.group(0).lower() in _TELEGRAPHIC and \
                not _PASSIVE_AUX.search(text, max(0, m.start() - 60), m.start()) and \
                not _TELEGRAPHIC_SUBJECT.search(text, max(0, m.start() - 160), m.start()):
            return []  # a bare participle is a headline's only after places opening their clause ("Herat captured")
        if kind == "capture" and (_POSTS_SUBJECT.search(text, max(0, m.start() - 90), m.start())
                                  or _POSTS_CLAUSE_SUBJECT.search(text, max(0, m.start() - 60), m.start())):
            return []  # "two checkposts in Qala-e-Zal were abandoned": posts in a district, not the district
        if voice == "passive" and kind in ("capture", "state") and _THINGS_SUBJECT.search(text, max(0, m.start() - 90),
                                                                                          m.start()):
            return []  # "Weapons left in Kunduz passed to the Taliban": things held in a place, not the place
        if voice == "passive" and kind == "capture" and m.group(0).lower().endswith("taken") and \
                re.match(r"\s+to\s+(?!the\s+taliban\b)", text[m.end():], re.I):
            return []  # "was detained ... and was taken to the Taliban's commission": someone moved, no place taken
        # passive use of an active verb ("was captured", "captured by the Taliban")
        if voice == "active" and kind in ("capture", "entry", "repel"):
            if _PASSIVE_AUX.search(text[max(0, m.start() - 30):m.start()]) and not re.match(
                r"(?:took|take|taken|taking|seized|captured)\s+(?:control|over)", m.group(0), re.I
            ) and not _PERFECT_AUX.search(text[max(0, m.start() - 30):m.start()]):
                voice = "passive"
            elif _BY_AGENT.match(text[m.end():m.end() + 30]) and not re.search(r"\b(?:has|have|had)\s+$", text[:m.start()]):
                voice = "passive"
            if re.match(r"(?:taken|captured|seized|overrun)$", m.group(0), re.I) and _PERFECT_AUX.search(
                    text[max(0, m.start() - 30):m.start()]):
                voice = "active"
            elif re.match(r"(?:taken|captured|seized|overrun)$", m.group(0), re.I) and _HEAD_BEFORE_PARTICIPLE.search(
                    text, max(0, m.start() - 40), m.start()):
                voice = "passive"  # a headline's participle: "Shamulzayi and Atghar districts overrun since Monday"
            elif re.match(r"(?:taken|captured|seized|overrun)$", m.group(0), re.I) and re.search(
                    r"\w\s*:\s*$", text[max(0, m.start() - 4):m.start()]):
                voice = "passive"  # a label's participle: "Islam Qala: overrun on Thursday"
            if voice == "passive" and re.match(r"(?:taken|captured|seized|overrun)$", m.group(0), re.I) and \
                    _PLACE_OBJECT_NEXT.match(text, m.end()) and \
                    _TALIBAN_AGENT.search(text, _scope_before(text, m.start(), 80), m.start()):
                voice = "active"  # "The Taliban have been captured the Chahar Bolak district": a passive form with
                # an object after it is the movement's act
        # who acts: the government retaking is not a Taliban capture
        agent_at = _scope_before(text, m.start(), 80)
        agent = text[agent_at:m.start()]
        sub = _SUBORDINATE_BEFORE.search(text, max(0, agent_at - 12), agent_at + 1) if _AND_PREDICATE.search(agent) else None
        if sub is not None:  # "X captured A after government forces withdrew, and took B": X took B
            agent = text[_scope_before(text, sub.start(), 80):sub.start()]
        forced_out = _FORCED_OUT.match(m.group(0)) is not None
        if kind == "capture" and voice == "active" and government_side(agent) and \
                not (re.match(r"(?:lost|hand|leaving|ced|surrender)", m.group(0), re.I) or forced_out):
            kind = "repel"  # (forces that lost, handed over, ceded, surrendered, left it to the Taliban or were forced out of
            # a place lost it)
        if kind == "entry" and (_GOV_INSIDE.search(text, max(0, m.start() - 60), m.end()) or
                                (voice == "active" and (government_side(agent) or
                                                        _CIVILIANS_MOVING.search(text, max(0, m.start() - 40), m.start())))):
            return []  # "Government troops have been inside Kunduz since Sunday": their own city, no entry; "Militiamen
            # and commandos entered the district centre on 13 July": the government's side going in takes nothing; nor
            # do people who are no side ("Many families have moved into the city")
        if kind == "repel" and passive_out(text, m) and government_side(agent):
            return []  # "Afghan forces were pushed out of Kunduz": their loss (read as such), not a repulse
        if kind == "capture" and forced_out and not _GOV_AGENT.search(_POLICE_AREA.sub(" ", agent)):
            return []  # "the Taliban were driven out of X", "civilians were forced out": only the government's loss counts
        if kind == "repel" and re.match(r"re-?t|recaptur|(?:took|take|taken|taking)\s+back|wrest|regain", m.group(0), re.I):
            if _TALIBAN_AGENT.search(agent) and not _GOV_AGENT.search(agent) and not re.search(r"\bwe\b", agent, re.I) \
                    and not government_side(agent):  # (not "Fighters loyal to the old government took back ...")
                kind = "capture"
            elif re.match(rf"\s+by\s+{_BY_TALIBAN}", text[m.end():m.end() + 40], re.I):
                kind, voice = "capture", "passive"  # "Deh Salah was retaken by the Taliban last week": theirs again
        if voice == "passive" and kind == "repel" and re.search(r"\b(?:from|out\s+of)$", m.group(0), re.I) and \
                not any(r.end <= m.start() and not r.in_speaker for r in s.refs) and \
                any(r.kind != "anaphora" and m.end() <= r.start <= m.end() + 40 for r in s.refs):
            voice = "active"  # "the enemy was repelled from the city of X": the place follows
        head = None
        if voice == "active":
            head = _PLURAL_HEAD.match(text, m.end())  # "seized three capitals: A, B and C" reads past the colon
            lo, hi = m.end(), _scope_after(text, head.end() if head is not None else m.end())
        else:
            # "Herat, ..., where India built a dam in X district, had fallen": the subject stands before the aside
            aside = _ASIDE_BEFORE_VERB.search(text, max(0, m.start() - 200), m.start()) if ", " in text else None
            if aside is not None and not any(aside.start() <= r.start < aside.end() for r in s.refs) and (
                    _scope_before(text, m.start()) <= aside.start()
                    or _SUBORDINATOR.search(text, max(0, aside.start() - 120), aside.start())):
                aside = None  # an aside naming no place hides no subject (unless its own "and" cuts the subject off:
                # "Panjwai, where troops fought in 2006 and again in 2010, fell in early July")
            verb_at = aside.start() if aside is not None else m.start()
            lo, hi = _scope_before(text, verb_at), m.start()
            lo = self._subject_start(s, lo, verb_at)
            # "left by road for Faizabad on Sunday, once it was clear the city was lost": where someone went is no subject
            lo = max([lo] + [r.end for r in s.refs if r.moved_to and not r.remote and lo <= r.start and r.end <= m.start()])
            # (but "Aqcha, on the road from Sheberghan to Mazar-i-Sharif, went": the end of a route is no one's refuge)
            if _SECOND_CLAUSE.search(text, max(0, lo - 12), lo) and (
                    _PRESENT_PERFECT.search(text, max(lo, m.start() - 30), m.start())
                    or _LATER.match(text, m.end())):
                self._clause_from = lo  # "..., and A and B have fallen since": not dated by the first clause
        out: list[MentionDraft] = []
        if voice == "passive" and m.group(0).lower().endswith("theirs"):
            last = max((r.end for r in s.refs if lo <= r.start and r.end <= m.start() and not r.in_speaker), default=-1)
            if last < 0 or not _THEIRS_GAP.fullmatch(text, last, m.start()):
                return []  # "by afternoon the governor's office was theirs": the subject is no place named before
        # "took over the district headquarters in Jaghatu": the seat of a district means the district
        if kind in ("capture", "state", "entry") and voice == "active":
            seat = _DISTRICT_SEAT_AFTER.match(text, m.end(), min(len(text), m.end() + 80))
            if seat is not None and kind != "entry":
                return self._district_seat(s, m, seat.start(), seat.end(), hi, negated)
            if seat is not None and "repelled" not in _outcome_cues_of(text[m.end():]):
                taken = self._district_seat(s, m, seat.start(), seat.end(), hi, negated)
                if taken:
                    return taken  # "entered the centre of Karukh district": taken, unless driven out again
        # buildings seized or stormed inside a city mean the city was entered
        if kind in ("capture", "entry") and voice == "active" and _BUILDING_AFTER.match(text[m.end():m.end() + 80]):
            cap = self._where_city(s, m.start()) or self._city_in_sentence(s, allow_peripheral=True)
            if cap is None and "presidential palace" in s.low[m.end():m.end() + 80]:
                cap = self.gaz.capital_of("Kabul")  # the presidential palace is in the national capital
            if cap is not None:
                out.append(self._capital_result("entry", cap, m, {"unknown"}, negated))
            elif kind == "capture":
                return self._district_building(s, m, hi, negated)
            return out
        if kind == "repel" and _BUILDING_AFTER.match(text[m.end():m.end() + 80]):
            cap = self._city_in_sentence(s, allow_peripheral=True, need_after=m.end())
            if cap is not None:
                out.append(self._capital_result("repel", cap, m, {"repelled"}, negated))
            return out
        if kind in ("capture", "state", "entry", "contested", "repel") and any(k in s.low for k in _POLICE_DISTRICTS_KEYS):
            police = _POLICE_DISTRICTS.search(text, lo, hi)
            if police is not None:  # a capital city's police districts belong to the city
                cap = next((c for r in s.refs if lo <= r.start <= hi + 40 and not r.in_speaker and not r.remote
                            and not r.landmark and not text.startswith((" gate", " Gate"), r.end)  # ("near the Kabul gate"
                            for c in [_as_capital(r, self.gaz)] if c is not None), None)  # of another city)
                if cap is None:  # "attempted to enter Maimana ..., reached the Police District 3 area": the city before
                    cap = next((c for r in reversed(s.refs) if r.end <= m.start() and not r.in_speaker and not r.remote
                                and not r.landmark and not text.startswith((" gate", " Gate"), r.end)
                                for c in [_as_capital(r, self.gaz)] if c is not None), None)
                if cap is None and i > 0:  # "... to enter Chaghcharan. They reached the Police District 2 area"
                    caps = {c.place_id: c for r in self.sents[i - 1].refs if not r.in_speaker and not r.remote
                            for c in [_as_capital(r, self.gaz)] if c is not None}
                    cap = next(iter(caps.values())) if len(caps) == 1 else None
                if cap is None:
                    return []
                if kind == "repel":
                    return [self._capital_result("repel", cap, m, {"repelled"}, negated)]
                return [self._capital_result("contested", cap, m, {"contested"}, negated)]
        if kind in ("capture", "state") and not self._named_only:
            counted = self._counted(i, s, m, lo, hi, voice, negated)
            if counted and any(lo <= r.start and r.end <= hi + 1 and not r.in_speaker and _PART_APPOSED.match(text, r.end)
                               and _as_district(r, self.gaz) is not None for r in s.refs):
                # "The Taliban control A, B and C - three of Kunduz's seven districts": the part and the places it names
                named = self._named_reading(i, s, kind, voice, m)
                keys = {(res.event_type, res.key) for res in counted}
                return counted + [res for res in named if (res.event_type, res.key) not in keys]
            if counted and voice == "passive" and _list_mark(text[m.end():]) and _COLON_LIST.match(text, m.end()):
                # "Two districts of Bamyan were handed over on Sunday: Kahmard and Sayghan": the places the colon
                # names, not a count of the province's districts
                named = self._named_reading(i, s, kind, voice, m)
                if named:
                    return named
            if counted:
                return counted
        # "... as Taliban fighters overran it" / "It fell to the Taliban on Sunday": a pronoun for a place
        pronoun = -1
        if kind in ("capture", "entry") and voice == "active" and not noun and _IT_OBJECT.match(text, m.end()):
            pronoun = m.end()
        elif kind in ("capture", "state") and voice == "passive":
            subj = _IT_SUBJECT.search(text, max(0, lo - 8), m.start())  # (its opener may be the clause break)
            pronoun = subj.start() if subj is not None else -1
        if pronoun >= 0:
            place = self._it_antecedent(i, s, pronoun)
            if place is not None and place.place_type == "capital":
                return [self._capital_result(kind, place, m, set(_CAPITAL_OUTCOME[kind]), negated)]
            if place is not None:
                return [self._district_result(place, None, m, negated)]
            return []
        if kind in ("capture", "state", "entry") and not noun and not any(
                lo <= r.start and r.end <= hi + 1 and not r.in_speaker for r in s.refs) and not (
                voice == "passive" and _list_mark(text[m.end():]) and _COLON_LIST.match(text, m.end())
                and _PLURAL_SUBJECT.search(text, max(lo, m.start() - 60), m.start())):
            # "These districts fell on Wednesday": the list named just before (not "The districts went one by one: A,
            # B and C", whose list follows)
            plural = lists.plural_anaphor(text, lo, m.start() if voice == "passive" else hi)
            if plural:
                return self._plural_antecedent(i, s, plural, kind, m, lo, negated)
        if voice == "active" and kind in ("capture", "state") and _AND_CAPITALS_OF.match(text, hi):
            hi = _scope_after(text, _AND_CAPITALS_OF.match(text, hi).end())  # "took Maimana and the provincial
            # capitals of Paktia and Kunar": the object list goes on under its head
        list_hi = m.start() if voice == "passive" else hi
        opener = _FALL_OPENER.match(text) if noun else None
        if opener is not None and opener.end() >= m.end():  # "With the fall of Mazar, Kabul and Jalalabad remain ...":
            cut = _FIRST_COMMA.search(text, m.end())        # the opener's object ends at its comma
            list_hi = hi = min(hi, cut.start()) if cut is not None else hi
        plural = _PLURAL_SUBJECT.search(text, max(lo, m.start() - 60), m.start()) if voice == "passive" and \
            kind in ("capture", "state") and (_list_mark(text[m.end():]) or ", " in text[m.end():]) else None
        if plural is not None:
            # "Three more provincial capitals fell on Friday, officials said: A, B and C": the list after the colon
            colon = _COLON_LIST.match(text, m.end())
            if colon is not None and not any(plural.start() <= r.start < m.start() for r in s.refs if not r.in_speaker
                                             and not plural.start("owner") <= r.start < plural.end("owner")):
                lo, hi = colon.end(), _scope_after(text, colon.end(), 220)
                voice, list_hi = "active", hi
                m = _Pos(m, colon.end())
        if voice == "passive" and kind in ("capture", "state") and \
                _AROUND_SUBJECT.search(text, max(lo, m.start() - 70), m.start()) is not None:
            return []  # "Herat is watching the districts around it change hands": unnamed places around it fell
        refs = [r for r in s.refs if lo <= r.start and r.end <= hi + 1 and not r.in_speaker and not r.remote]
        which = _WHICH_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
            if voice == "passive" and kind in ("capture", "state") and ", which " in text else None
        ante = next((r for r in reversed(s.refs) if r.end <= which.start()), None) if which is not None else None
        if ante is not None and (ante.peripheral or ante.landmark or ante.remote) and not ante.in_speaker and \
                not text[ante.end:which.start()].strip():
            if _aside_owner(text, [r for r in s.refs if r.end <= ante.start], which.start()) is None:
                # "Zebak lies on the road between Ishkashim, which fell on Monday, ...", "on the outskirts of Kunduz,
                # which fell on Sunday": the clause tells of the place it follows, whatever locates it (not "Pashtun
                # Zarghun, east of the city, which ...", an aside locating or describing the place before it)
                refs = [replace(ante, peripheral=False, landmark=False, remote=False)]
        if kind == "nth":
            dateline = _DATELINE_PREFIX.match(text)  # ("KABUL, Aug 9 (AQN) - ... entered Aybak, ..., the sixth capital to fall")
            refs = [r for r in s.refs if r.end <= m.start() and not r.in_speaker and r.start >= _scope_before(text, m.start(), 200)
                    and not (dateline is not None and r.end <= dateline.end())]
        provinces_seen = False
        for r in refs:
            if r.peripheral:
                provinces_seen = provinces_seen or text.startswith(("'s ", "’s "), r.end)  # "Mazar's outlying districts of"
                continue
            if voice == "active" and head is not None and r.end <= head.end():
                continue  # "a string of districts in Badghis, including A": the province locates the list
            gap = _PROVINCE_HEAD_GAP.sub(" the ", text[m.end():r.start])  # "took the Jowzjan districts of A and B"
            unknown = _UNKNOWN_FIRST.fullmatch(gap) if voice == "active" and not provinces_seen else None
            if unknown is not None and not _gap_ok(gap) and _gap_ok(gap[:unknown.start("name")]):
                # "overran Baghlan-e-Markazi and Doshi districts": an item the gazetteer does not know, skipped and named
                self._unknown_item(s, unknown.group("name"))
                gap = gap[:unknown.start("name")]
            if voice == "active" and not _gap_ok(_POSSESSIVE_PROVINCE.sub(" ", gap) if provinces_seen else gap):
                break
            if voice == "passive" and text.startswith(",", r.end) and _IN_OPENING.fullmatch(text, 0, r.start) and \
                    any(x.start > r.end and x.end <= m.start() for x in refs):
                continue  # "In Kandahar, the district of Maruf, on the border with Pakistan, fell": where, not what
            owned = _PROVINCE_DISTRICT_OF.match(text, r.end)
            if owned is not None and any(x.start == owned.end() for x in refs) and _as_province(r, self.gaz) is not None:
                continue  # "took the Kandahar district of Zhari": the province names whose district follows
            if (_A_PROVINCE_DISTRICT.match(text, r.end) and _ONE_OF_BEFORE.search(text, max(0, r.start - 20), r.start)
                    or _PROVINCES_DISTRICTS.match(text, r.end)) and _as_province(r, self.gaz) is not None:
                continue  # "Taliban take another Sar-e-Pul district", "Daikundi and Bamyan districts change hands":
                # unnamed districts of the province, no city
            cap = _as_capital(r, self.gaz)
            heads = kind in _CAPITAL_OUTCOME and lists.capitals_head(text, r.start)
            if cap is not None and not heads and self._district_of_named_province(s, r, cap) is not None:
                cap = None  # "In Jowzjan, Fayzabad and Khwaja Du Koh fell": the Jowzjan district, not Badakhshan's capital
            if (cap is not None or heads) and kind in _CAPITAL_OUTCOME:
                # "captured Farah and Pul-e-Khumri": every capital of a list; "the provincial capitals of P1, P2
                # and P3": the capital of each province
                for item, _ in self._read_list(s, r, list_hi)[0]:
                    cap = _as_capital(item, self.gaz)
                    heads = heads or (item is not r and lists.capitals_head(text, item.start))  # ("took Maimana and the
                    # provincial capitals of Paktia and Kunar": from the head on, each province stands for its capital)
                    if heads and (cap is None or item.province_word):
                        prov = _as_province(item, self.gaz)
                        cap = _capital_of(prov, self.gaz) if prov is not None else cap
                    if cap is not None:
                        out.append(self._capital_result(kind, cap, m, set(_CAPITAL_OUTCOME[kind]), negated,
                                                        open_low=kind == "repel"))
                    elif kind in ("capture", "state") and _as_district(item, self.gaz) is not None:
                        dc = _as_district(item, self.gaz)
                        out.append(self._district_result(dc[0], dc[1], m, negated))  # type: ignore[index]
                    else:
                        break
                return out
            if kind in ("capture", "state") or (kind == "entry" and _SWEPT_INTO.match(m.group(0))):
                dist = _as_district(r, self.gaz)  # "swept into the districts of A and B" takes them
                if dist is not None:
                    return self._district_list(s, r, m, lo, hi, voice, negated)
                if _as_province(r, self.gaz) is not None:
                    # "captured Badakhshan province" alone is not a counted mention; keep looking
                    provinces_seen = True  # "took Badakhshan's Yamgan district": the possessive is no gap
                    continue
        if kind == "capture" and voice == "active":
            cw = _CROSSING_WITH.search(text, lo, min(len(text), hi + 120))
            if cw and not any(_as_district(r, self.gaz) for r in refs):
                country = COUNTRY_WORDS.get(cw.group("c").lower(), "")
                crossing = self._crossing_in_article(i, country) if country else None
                if crossing is not None:
                    dist = _crossing_district(crossing, self.gaz)
                    return [self._district_result(dist, crossing, m, negated)]
        return out


    # -- event builders ----------------------------------------------------------------------
    def _it_antecedent(self, i: int, s: _Sent, pos: int) -> Place | None:
        """The capital or district 'it' at `pos` refers to: the nearest place named as a subject or object."""
        pools = [(s, [r for r in s.refs if r.end <= pos])]
        if not pools[0][1] and i > 0:
            pools.append((self.sents[i - 1], list(self.sents[i - 1].refs)))
        for sent, refs in pools:
            for r in reversed(refs):
                if r.in_speaker or r.remote:
                    continue  # a speaker, or a place named only as a distance ("150 km south-west of Kabul")
                if r.province_word and _as_province(r, self.gaz) is not None and \
                        re.search(r"\b(?:in|of)\s+(?:the\s+)?$", sent.text[max(0, r.start - 10):r.start], re.I):
                    continue  # "A in Uruzgan province ..., after it fell": the province only locates A
                between = sent.text[r.end:] + " " + s.text[:pos] if sent is not s else "".join(
                    " " if any(a <= k < b for a, b in s.speaker_spans) else ch  # a speaker is no antecedent noun
                    for k, ch in enumerate(s.text[:pos]) if k >= r.end)
                if _OTHER_NOUN.search(between):
                    return None  # "seized the airport, then overran it": the pronoun is not the place
                before = sent.text[max(0, r.start - 40):r.start]
                if _DESTINATION_BEFORE.search(before):
                    continue  # "fled Kunduz city for Kabul": a destination is not the antecedent
                aside = _LOCATING_ASIDE_BEFORE.search(sent.text, max(0, r.start - 40), r.start)
                if aside is not None and any(x.end == aside.start() for x in refs):
                    continue  # "Karukh, north of Herat city, ...": the aside only locates the place before it
                if _PREPOSITION_BEFORE.search(before) and not _CITY_OF_BEFORE.search(before):
                    return None  # "a post near Ghazni ... overran it"
                cap = _as_capital(r, self.gaz)
                if cap is not None:
                    return cap
                dc = _as_district(r, self.gaz)
                return dc[0] if dc is not None else None
        return None


    def _district_seat(self, s: _Sent, m: re.Match[str], lo: int, seat_end: int, hi: int,
                       negated: bool) -> list[MentionDraft]:
        """A district named with its seat ('the district compound in A', 'A's district centre'), or, for a seat with no
        name, the one district the sentence named before it ('In A district the fighters entered the district centre')."""
        text = s.text
        for r in s.refs:
            if r.in_speaker or r.end > hi + 1:
                continue
            inside = lo <= r.start < seat_end
            if POSSESSIVE_OWNER.match(text, r.end):
                continue  # "the centre of Kandahar's Arghandab district": the province owning the district
            after = r.start >= seat_end and re.fullmatch(r"(?:,?\s+and\s+(?:the\s+)?(?:[a-z’']+\s+){0,2}[a-z’']+(?=\s+(?:in|of|at)\s))?"
                                                         r"\s*(?:,\s*)?(?:(?:in|of|at)\s+(?:the\s+)?)?"  # ("the district
                                                         # headquarters and police station in Kohistanat")
                                                         r"(?:(?-i:[A-Z])[\w\-]+(?:'s|’s)\s+)?",
                                                         text[seat_end:r.start], re.I)
            if not (inside or after):
                continue
            dc = _as_district(r, self.gaz)
            if dc is not None and after and re.search(r"(?:s|headquarters)\s*$", text[lo:seat_end]):
                # "entered the district centres of Khakrez and Shah Wali Kot": every district of the list
                items = [d for item, _ in self._read_list(s, r, hi)[0] for d in [_as_district(item, self.gaz)] if d]
                return [self._district_result(d[0], d[1], m, negated) for d in items or [dc]]
            if dc is not None:
                return [self._district_result(dc[0], dc[1], m, negated)]
            break
        if not any(lo <= r.start < seat_end for r in s.refs):  # a seat with no name: "entered into the district centre"
            named = [dc for r in s.refs if r.end <= m.start() and not r.in_speaker and not r.remote
                     and not r.peripheral  # ("entered Ishkashim, the gateway to the Wakhan corridor, after ...")
                     for dc in [_as_district(r, self.gaz)] if dc is not None]
            if len({dc[0].place_id for dc in named}) == 1:
                return [self._district_result(named[0][0], named[0][1], m, negated)]
        return []

    def _capital_result(self, kind: str, cap: Place, m: re.Match[str], outcomes: set[str], negated: bool,
                        open_low: bool = False) -> MentionDraft:
        """A capital_entered draft."""
        priority = {"entry": 3, "capture": 3, "nth": 3, "state": 2, "contested": 2, "repel": 1}.get(kind, 1)
        return MentionDraft(event_type="capital_entered", key=_place_id(cap), place=cap, pos=m.start(),
                outcomes=set(outcomes), negated=negated, priority=priority, open_low=open_low,
                related={_place_id(cap)}, count=None, count_text="", destination="", province=cap.province)

    def _gapped_flight(self, s: _Sent, m: re.Match[str], fled: list[MentionDraft]) -> list[MentionDraft]:
        """A second place after a flight's first, each with its own time and the verb not repeated ("Police withdrew from
        A on Thursday, and from B a day later", "Government forces abandoned A on Thursday, and B a day later"): the
        same readings for B, dated in its own part; the first place's dated before it (the gapping of `_followed_by`)."""
        if len({d.key for d in fled if d.event_type == "troops_fled"}) != 1 or \
                any(d.date_from is not None or d.date_until is not None for d in fled):
            return []
        text = s.text
        first = next((r for r in s.refs if r.kind == "named" and r.start >= m.end() and not r.in_speaker), None)
        if first is None or not any(_place_id(d.place) == _place_id(first.place) for d in fled):
            return []
        gap = next(_GAPPED.finditer(text, first.end, min(len(text), first.end + 160)), None)
        if gap is None or re.search(r"[;:]|\.\s", text[first.end:gap.start()]):
            return []
        second = next((r for r in s.refs if r.kind == "named" and r.start == gap.end() and not r.in_speaker), None)
        d = _as_district(second, self.gaz) if second is not None else None
        if d is None or _as_capital(second, self.gaz) is not None or not self._date_right_after(s, second, m):
            return []
        out = []
        for draft in fled:
            if draft.place.place_type != "district" and draft.event_type == "district_seized":
                continue
            draft.date_until = gap.start()
            out.append(replace(draft, key=_place_id(d[0]), place=d[0], related={_place_id(d[0])}, province=d[0].province,
                               count=None, count_text="", date_from=gap.start(), date_until=None, pos=second.start))
        return out

    def _district_result(self, dist: Place, crossing: Place | None, m: re.Match[str], negated: bool) -> MentionDraft:
        """A named district_seized draft."""
        related = {_place_id(dist)} | ({_place_id(crossing)} if crossing is not None else set())
        return MentionDraft(event_type="district_seized", key=_place_id(dist), place=dist, pos=m.start(),
                outcomes=set(), negated=negated, priority=2, related=related, count=None,
                count_text="", destination="", province=dist.province)


    def _district_building(self, s: _Sent, m: re.Match[str], hi: int, negated: bool) -> list[MentionDraft]:
        """The district whose seat was taken: 'took over the government buildings in Kohistanat district', 'seized the
        police headquarters and the governor's office in Almar' (no capital in the sentence); read as any district seat."""
        seat = _SEAT_BUILDING.match(s.text, m.end(), min(len(s.text), m.end() + 140))
        return self._district_seat(s, m, seat.start(), seat.end(), hi, negated) if seat is not None else []

    def _where_city(self, s: _Sent, pos: int) -> Place | None:
        """The capital a 'where' clause holding `pos` is about ('Lashkar Gah, where the Taliban have captured ...')."""
        before = [r for r in s.refs if r.end <= pos and not r.in_speaker]
        if not before or not re.match(r",?\s+where\b[^,;]*$", s.text[before[-1].end:pos], re.I):
            return None
        return _as_capital(before[-1], self.gaz)

    def _city_in_sentence(self, s: _Sent, allow_peripheral: bool = False, need_after: int = -1) -> Place | None:
        """The provincial capital a sentence is set in (for buildings seized or retaken)."""
        for r in s.refs:
            if r.in_speaker or (r.peripheral and not allow_peripheral):
                continue
            if need_after >= 0 and r.start < need_after:
                continue
            if r.moved_to or _DESTINATION_BEFORE.search(s.text, max(0, r.start - 16), r.start):
                continue  # "the governor was flown out to Kabul ... before the fighters reached the governor's office"
            cap = _as_capital(r, self.gaz)
            if cap is not None:
                return cap
        return None


    # -- troops who fled ---------------------------------------------------------------------


    # -- emit --------------------------------------------------------------------------------
    @staticmethod
    def _other_asides(s: _Sent, res: MentionDraft) -> tuple[tuple[int, int], ...]:
        """The ", which ...," clauses of a sentence a reading does not come from."""
        if res.aside is not None or ", which " not in s.text:
            return ()
        own = [(a.start(), a.end()) for a in _WHICH_ASIDE.finditer(s.text)]
        tail = _RELATIVE_TAIL.search(s.text)
        if tail is not None and res.pos < tail.start() and any(rx.match(s.text, tail.start()) for k, rx, _ in _TRIGGERS
                                                                if k == "relative"):
            own.append((tail.start(), tail.end()))  # "..., which they had entered before being driven out": its own
        return tuple(own)

    def _emit(self, i: int, s: _Sent, res: MentionDraft) -> None:
        """Turn a draft dict into a Mention with claim, stance, date and outcome."""
        place: Place = res.place
        claim = self._claim(i, res.pos)
        stance = claim.stance
        if stance == "denied" and not re.search(r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\b", claim.cue, re.I):
            stance = "asserted"  # a control statement elsewhere in the sentence is not this mention's denial
        if res.negated:
            stance = "denied"
        low, high, dtext = res.date
        if self.pub_high is not None and high is not None and high > self.pub_high:
            if low is not None and low <= self.pub_high and (res.modality or "asserted") in ("asserted", "negated"):
                high = self.pub_high  # "this week": the part of the week up to publication
            else:
                low, high = None, self.pub_high  # a forecast's date is no event date: reported by publication
        outcome = ""
        if res.event_type == "capital_entered":
            outcome = self._outcome(i, place, res.outcomes, res.aside, self._other_asides(s, res), (low, high)) if (res.modality or "asserted") in (
                "asserted", "negated") else "unknown"  # nothing followed what did not (yet) happen
        count: Count | None = res.count
        c_low, c_high = _stated_number(count) if count is not None else (None, None)
        mention = Mention(
            mention_id="", article_id=self.article.article_id, event_type=res.event_type,
            place=place.name, place_type=place.place_type, province=res.province or place.province,
            destination=res.destination, date_low=low, date_high=high, date_text=dtext,
            count_low=c_low, count_high=c_high, count_text=res.count_text, outcome=outcome,
            claimant=claim.claimant, stance=stance, sentence=s.text, char_start=s.sentence.start,
            char_end=s.sentence.end, place_id=place.place_id, latitude=place.latitude, longitude=place.longitude,
            actor=res.actor, count_qualifier=count.qualifier if count is not None else
            ("all" if res.count_text.startswith("all") else "most" if res.count_text.startswith("most") else ""),
            claim_cue=claim.cue, modality=(res.modality or "asserted"),
        )
        # "officials denied reports that X had fallen", "claims that X had fallen were false": a claim and its denial
        pair = None if res.negated else self._denied_reports(s, res.pos, mention, claim) or \
            self._claims_called_false(s, res.pos, mention)
        if pair and res.event_type == "troops_fled" and pair[0].claimant == "unknown":
            pair = (pair[1],)  # "the military denied reports that soldiers had fled across the border": a denial alone
        for d in pair or (mention,):
            self.drafts.append(_Draft(d, i, res.pos, frozenset(res.related), res.priority))
        if pair:
            return
        # "the Taliban claimed X, but officials denied it"
        if stance == "asserted":
            for att in claims.find_attributions(s.text, self.speakers):
                if att.start <= res.pos or att.claimant in (claim.claimant, "unknown", "pronoun"):
                    continue
                content = s.text[att.start:_scope_after(s.text, att.end, 200) if att.form != "inverted" else att.end]
                contra = _CONTRA.search(content)
                if contra is not None and any(  # "..., leaving Kabul and Jalalabad still in government hands"
                        att.start <= r.start < att.start + contra.start() and r.place.place_id != place.place_id
                        and not r.in_speaker for r in s.refs):
                    contra = None
                if att.stance == "denied" and denies_another_subject(s.text, att.start, mention.event_type):
                    continue  # "..., and officials rejected reports that the president had flown to ...": another act
                if (att.stance == "denied" and _DENY_OBJECT.search(s.text[att.start:att.end + 40])) or contra:
                    denial = replace(mention, claimant=att.claimant if att.claimant != "pronoun" else "unknown",
                                     stance="denied", claim_cue=att.cue)
                    self.drafts.append(_Draft(denial, i, att.start, frozenset(res.related), 0))
                    break


    # -- denials -----------------------------------------------------------------------------


    # -- tallies ----------------------------------------------------------------------------


    # -- result ------------------------------------------------------------------------------
    def _result(self) -> ArticleResult:
        """Number the mentions in reading order."""
        drafts = sorted(self.drafts, key=lambda d: (d.sent_index, d.pos, d.mention.event_type, d.mention.place,
                                                    d.mention.stance))
        ids = mention_ids(self.article.article_id, [d.mention.char_start + max(d.pos, 0) for d in drafts])
        house = _house_claimant(self.text)
        mentions = [replace(d.mention, mention_id=mid, claimant=house) if house and d.mention.claimant == "unknown"
                    else replace(d.mention, mention_id=mid) for d, mid in zip(drafts, ids)]
        return ArticleResult(article=self.article, mentions=mentions, tallies=list(self.tallies),
                             warnings=list(self.warnings))


# a text headed as one body's statement ("Statement of the Ministry of Defence", "Islamic Emirate statement",
# "Press release - Ministry of Interior"): what no one else says in it, that body says
_HOUSE_HEADING = re.compile(
    r"\A\W*(?:(?:official\s+|press\s+)?(?:statement|press\s+release|communiqu[ée]|announcement|declaration)\s*"
    r"(?:of|from|by|issued\s+by|[:\-–—])\s*(?P<who>[^\n.]{3,80})|(?P<who2>[^\n.]{3,80}?)\s+(?:official\s+|press\s+)?"
    r"(?:statement|press\s+release|communiqu[ée])\s*(?:\n|$))", re.I)


_STATEMENT_LINE = re.compile(r"\W*(?:official\s+|press\s+|(?:weekly|daily|monthly|military|operational)\s+)?"
                             r"(?:statement|press\s+release|communiqu[ée]|report|bulletin|update|announcement|declaration)\b",
                             re.I)  # ("Islamic Emirate of Afghanistan / Weekly report on the conquests of ...")
_DATE_HEADER = re.compile(r"\s*date\s+\d{4}-\d\d(?:-\d\d)?\s*$")


def _paired_days(text: str, found: list[DateMention]) -> list[DateMention]:
    """Two days named together ('On Thursday and Friday alone, the capitals of A, B and C fell') as the one span they
    make, unless 'respectively' pairs them with places."""
    if len(found) < 2 or "respectively" in text:
        return found
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if prev is not None and prev.low is not None and prev.low == prev.high and d.low is not None and \
                d.low == d.high and 0 < (d.low - prev.low).days <= 6 and _DAY_PAIR_GAP.fullmatch(text, prev.end, d.start):
            out[-1] = DateMention(low=prev.low, high=d.high, text=text[prev.start:d.end], start=prev.start, end=d.end)
        else:
            out.append(d)
    return out


def _house_claimant(text: str) -> str:
    """The claimant whose statement the whole text is, from its heading ('' when it has none)."""
    lines = [ln for ln in text[:400].split("\n")[:4] if ln.strip() and not _DATE_HEADER.match(ln)]
    m = _HOUSE_HEADING.match(lines[0] + "\n") if lines else None
    if m is not None:
        who = claims.classify_speaker(m.group("who") or m.group("who2") or "")
    elif len(lines) > 1 and len(lines[0]) <= 80 and _STATEMENT_LINE.match(lines[1]):
        who = claims.classify_speaker(lines[0])  # "Islamic Emirate of Afghanistan" over "Statement regarding ..."
    else:
        return ""
    return "" if who in ("unknown", "pronoun", "media") else who


def _split(text: str) -> list[Sentence]:
    """Split text into sentences with the project's splitter."""
    from analysis.ingest.sentences import split_sentences
    return split_sentences(text)


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> ArticleResult:
    """Return the event mentions and district tallies of one cleaned article."""
    if gazetteer is None:
        from analysis.extract.gazetteer import load_gazetteer
        gazetteer = load_gazetteer()
    if not article.text or not (article.status.startswith("ok") or article.status == ""):
        return ArticleResult(article=article)
    return _Extractor(article, gazetteer).run()


def extract_text(text: str, published: date | None, article_id: str = "t", precision: str = "day",
                 gazetteer: Gazetteer | None = None) -> ArticleResult:
    """Return mentions and tallies of a bare text published on `published` (splits sentences itself)."""
    article = Article(article_id=article_id, path="", text=text, published=published,
                      published_precision=precision if published is not None else "",
                      sentences=tuple(_split(text)))
    return extract_article(article, gazetteer)
