"""Troops who fled: who fled (Afghan forces, not civilians or foreign troops), where to (a country, or a
place inside Afghanistan) and how many."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from analysis.extract.drafts import MentionDraft
from analysis.extract import borders, lists, vocabulary
from analysis.extract.datepick import _DATELINE_PREFIX
from analysis.extract.borders import COUNTRY_WORDS, FOREIGN_TOWNS, _COUNTRY_ALT, _COUNTRY_RE, _FOREIGN_TOWN_RE
from analysis.extract.clauses import AND_VERB_BEFORE, scope_after as _scope_after, scope_before as _scope_before
from analysis.extract.counted import _find_counts
from analysis.extract.modality import report_denied
from analysis.extract.refs import (
    _OFFICE_AFTER, POSSESSIVE_OWNER, SEAT_OF_SPEAKERS, _Ref, holds_office, _Sent, _as_capital, _as_district, _as_province, _country_place, _neighbour, _place_id,
    _readings,
)
from analysis.records import Count, Place
from analysis.extract.stems import guard_stems


# the nouns of who fled, from actors.tsv of the lexicon: Afghan forces and officials; civilians and fighters;
# a side word and a troop word that together name foreign forces ("U.S. troops")
_TROOP = vocabulary.ACTORS["troop"]

_TROOP_RE = re.compile(rf"\b(?:{_TROOP})\b", re.I)

_NOT_TROOP_RE = re.compile(rf"\b(?:{vocabulary.ACTORS['civilian']})\b", re.I)

_FOREIGN_TROOP_RE = re.compile(
    rf"\b(?:{vocabulary.ACTORS['foreign_side']})\s+(?:\w+\s+)?(?:{vocabulary.ACTORS['foreign_troop']})", re.I)

# foreign forces named by their people right before the verb ("the Americans left Helmand", "the British had pulled out")
_FOREIGN_PEOPLE_BEFORE = re.compile(r"\b(?:the\s+)?(?:americans|british|brits|germans|marines|nato|isaf|the\s+coalition)\s+"
                                    r"(?:had\s+|have\s+|has\s+)?(?:(?:\w+ly|finally|then|first)\s+)?$", re.I)
# a departure that ends a foreign mission of years ("..., ending a 20-year presence at the base")
_ENDING_PRESENCE = re.compile(r",\s+(?:ending|closing|concluding|bringing\s+to\s+an\s+end)\s+(?:a|an|their|its|the)\s+"
                              r"(?:(?:\d+|two-decade|twenty|two\s+decades?)[\s\-]*(?:year[\s\-]*(?:long\s+)?)?|decades?-long\s+)?"
                              r"(?:military\s+)?(?:presence|mission|deployment)\b", re.I)

# who "melted away" without being read as a flight (docs/EVENTS.md: troops in a place melt away from it)
_LOOSE_MELTERS = re.compile(r"\b(?:militias?|militiam[ae]n|warlords?|defenders|resistance|support)\b", re.I)

# a noun that is an object, not a subject ("... handed the city to the Taliban and fled")
_OBJECT_BEFORE = re.compile(r"\b(?:to|by|with|for)\s+(?:the\s+)?$", re.I)
_FLEW_AFTER = re.compile(r"and\s+(?:then\s+|later\s+)?(?:was\s+|were\s+)?fl(?:ew|own)\b", re.I)
_LEFT_AFTER = re.compile(r"(?:set\s+off\s+for|left\s+for|headed\s+(?:for|to)|drove\s+(?:off\s+)?to)\b", re.I)
# an official's subject after "and" ("..., and he left for Kabul")
_AND_SUBJECT_BEFORE = re.compile(r"\band\s+(?:(?:he|she|they|then)\s+)?$")
# a second thing said ("said the police had abandoned their posts and that dozens ... crossed into Iran")
_AND_THAT = re.compile(r",?\s+and\s+that\s")
_GAVE_UP = re.compile(r"\b(?:handed|handing|gave\s+up|giving\s+up|abandon\w*|surrendered\s+(?:(?:the|his|her|their)\s+"
                      r"(?:city|town|province|district|capital)\b|(?-i:[A-Z])))", re.I)  # ("surrendered Tarinkot ... and was
# flown to Kabul")
# a second verb of the sentence's subject that takes a place ("..., and took Herat the same day")
_AND_CAPTURE = re.compile(r",?\s+and\s+(?:(?:had|has|have|then|later|also)\s+)?(?:took|taken|captured|seized|overr[au]n|"
                          r"entered|stormed)\b|,\s+leaving\s+(?!(?:the\s+)?(?:city|town|district|area)\b)|"
                          # ("..., and on Sunday the Taliban took Kunduz": the movement's own act, with its own places)
                          r",\s+and\s+(?:[\w\-]+\s+){0,4}?(?:the\s+)?(?:taliban|insurgents|militants|fighters|rebels)\s+"
                          r"(?:(?:had|have|then|later|also)\s+)?(?:took|captured|seized|overr[au]n|entered|stormed)\b|"
                          # ("left for Kabul the same day and was detained by government forces in Wardak on the way":
                          # where one man was held is no place he left; a group "were detained" across a border is its flight's)
                          r",?\s+and\s+was\s+(?:later\s+|then\s+|briefly\s+)?(?:detained|arrested|stopped|held|caught|"
                          r"captured|killed|wounded|ambushed|questioned)\b", re.I)
# (", leaving the southern approaches to the capital open": a consequence, not where they were)
_TO_LEAVE = re.compile(r"\bto\s+(?:leave|abandon|quit|evacuate|flee)\s+(?:the\s+)?$", re.I)  # "allowed to leave the city"
_DATELINE_OPEN = re.compile(r"(?-i:[A-Z])[\w\-]+(?:[ /](?-i:[A-Z])[\w\-]+){0,3}:\s")  # "New Delhi/Kabul: ..."
_NOT_FLED_ACT = re.compile(
    r"\b(?:(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\balso\s)surrender\w*|"  # (not a place's "was (also) surrendered")
    r"joined\s+(?:the\s+)?(?:taliban|insurgents|militants)|defect\w*|switched\s+sides|"
    r"laid\s+down|lay\s+down|handed\s+over\s+their\s+weapons|were\s+captured|taken\s+prisoner|returning|"
    r"returned|repatriat\w*)\b",
    re.I,
)

_OVER_CROSSING = re.compile(r"\b(?:across|over)\s+the\s+(?:[\w\-]+\s+)?(?:bridge|crossing)\b", re.I)  # "walked across the X Bridge"
_GROUP_NOUN = r"(?:group|batch|party|contingent|wave)"  # a band of men counted as one ("a second group of 17")
_GROUP_OF = re.compile(rf"\b{_GROUP_NOUN}\s*,?\s+of\s+(?:(?:about|some|around|nearly|almost|over|"
                       r"more\s+than|at\s+least)\s+)?$", re.I)  # ("a second group of 17")
_PANJ = re.compile(r"\b(?:cross(?:ed|es|ing)?|across|over|swam|swum|waded)\s+(?:the\s+)?(?:river\s+)?"
                   r"(?:panj|pyanj|pyandzh|pandsch|pyandj)\b(?!\s+(?:district|province|valley|road))", re.I)
_ACROSS_BORDER = re.compile(r"(?<!provincial\s)(?<!district\s)(?<!province's\s)\b(?:border|frontier|river(?!\s+(?:road|valley|bank|route|highway|track)s?\b)|bridge|amu\s+darya|amu|"
                            r"panj|pyanj|oxus)\b", re.I)  # (not "by the river road")

_FOREIGN_SOURCE = re.compile(
    rf"\b({_COUNTRY_ALT})"  # the neighbours' names and demonyms, from analysis/data/countries.csv
    r"(?:'s|’s)?\s+(?:\w+\s+){0,3}?(?:border\s+guards?|officials?|authorities|ministry|government|state|"
    r"military|army|forces|troops|soldiers|committee|service)",
    re.I)

# "planes and helicopters carrying 585 Afghan military personnel ... landed in": aircraft bringing troops out
# (military nouns only: "a plane carrying Afghan officials landed in Tashkent" is a visit)
_AND_COUNTRY = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+(?:neighbou?ring\s+|to\s+|into\s+)?"
                          r"(Tajikistan|Uzbekistan|Iran|Pakistan|Turkmenistan)\b(?!\s*['’]s\b)", re.I)
_ACCUSED_OF = re.compile(r"\b(?:accused|charged|convicted|suspected|punished|tried|blamed|court-martialled)\s+"
                         r"(?:\w+\s+){0,2}?(?:of|with|for)\s+$", re.I)
# a second group of aircraft ("three more planes with 143 soldiers on board"), after a first of Afghan troops
_MORE_AIRCRAFT = re.compile(r"\b(?:more|another|further|other|second)\s+(?:\w+\s+)?(?:(?:air)?planes?|aircraft|helicopters?|"
                            r"flights?)\b", re.I)
# a clause in which another neighbour speaks of its own arrivals (", and Tajikistan said ...")
_OTHER_STATE_SAYS = re.compile(rf",?\s+(?:and|while|but|whereas)\s+(?:neighbou?ring\s+)?(?:{_COUNTRY_ALT})(?:'s|’s)?\s+"
                               r"(?:\w+\s+){0,3}?(?:said|says|reported|announced|confirmed|stated)\b", re.I)
# troops who landed on board aircraft named after the verb ("had landed at Kulob on Sunday aboard six aircraft")
_ABOARD_AFTER = re.compile(r"[^.;]{0,60}?\b(?:aboard|on\s+board|in)\s+(?:\w+\s+){0,3}?(?:(?:air)?planes?|aircraft|"
                           r"helicopters?|flights?|jets?)\b", re.I)
_AIRCRAFT_WORD = re.compile(r"\b(?:(?:air)?planes?|aircraft|helicopters?|choppers?|jets?|flights?|airplanes?)\b", re.I)
# the troops on board named after the landing: "... had landed at Termez airport on Sunday carrying 585 soldiers"
_CARRYING_AFTER = re.compile(r"[^.;]{0,60}?,?\s+(?:carrying|transporting|ferrying|with)\s+(?:about\s+|some\s+|more\s+than\s+|"
                             r"nearly\s+|over\s+)?[\d,]+\s+(?:\w+\s+){0,2}?(?:soldiers|troops|servicem[ae]n|personnel|"
                             r"commandos|officers|pilots|airmen)\b", re.I)
_AIRCRAFT_CARRYING = re.compile(
    r"\b(?:(?:air)?planes?|aircraft|helicopters?|choppers?|jets?|flights?|airplanes?)\b[^.;]{0,80}?"
    r"\b(?:carrying|with|transporting|ferrying|bringing|full\s+of|loaded\s+with)\s+[^.;]{0,50}?\b(?:soldiers?|troops|"
    r"servicem[ae]n|service\s+members|personnel|forces|police(?:men)?|policem[ae]n|commandos|officers|pilots|airmen|"
    r"crews?|army|guards)\b",
    re.I)

_AIRCRAFT_KEYS: tuple[str, ...] = guard_stems(_AIRCRAFT_CARRYING)  # derived from the pattern

# a troop noun coordinated with another noun ("soldiers and customs workers", "troops, police and civilians")
_COORDINATED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s*&\s*|\s+or\s+)(?:[\w\-’']+\s+){0,2}",
    re.I)

_KIN_OF = re.compile(
    r"\b(?:families|family\s+members|relatives|wives|children|dependa?nts|parents)\s+of\s+(?:[\w\-]+\s+){0,3}$", re.I)

# verbs of flight that bring the destination along from the article's previous flight ("given safe passage")
_SHELTER_VERB = re.compile(r"shelter|refuge|asylum|sanctuary|safe\s+passage", re.I)

# a refuge inside the country: troops who fell back to an airport or a base stay in the city's story
_INSIDE_REFUGE = re.compile(r"\b(?:airport|air\s*base|airfield|base|barracks|headquarters|garrison|cantonment)\b", re.I)

# what comes right before a destination: "fled to", "withdrew to the neighbouring district of"
_DESTINATION_TAIL = re.compile(  # (not "Closer to home, A, the district east of B, fell")
    r"(?<!closer\s)(?<!close\s)\b(?:to|into|for|towards?|back\s+to)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|provincial|main|\w+ern)\s+){0,2}"
    r"(?:(?:district|city|town|province|provincial\s+capital|capital|(?:district\s+)?(?:centre|center|headquarters))"
    r"\s+of\s+(?:the\s+)?)?(?:[\w\-’']+(?:,|\s+and|\s+or)\s+){0,3}(?:\w+\s+)?$|"  # "towards the A and B areas"
    # a valley or an area of a place they went to: "fell back to the Kayan valley in Doshi district"
    r"\b(?:to|into|towards?)\s+(?:the\s+)?(?:[\w\-’']+\s+){0,2}(?:valley|area|areas|village|villages|mountains|hills|"
    r"gorge|pass)\s+(?:in|of|near)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|adjacent\s+)?$", re.I)
# a place locating where they went ("withdrew to the army base at Kelagay, in Dahana-e-Ghori district", "to Siyahgird, the
# centre of neighbouring Ghorband"): not a place left
_LOCATES_DESTINATION = re.compile(
    r"\b(?:to|into|towards?)\s+(?:the\s+)?[^,.;]{1,40}?,\s+(?:(?:which\s+is\s+)?in|near|the\s+(?:[\w\-]+\s+)?(?:centre|center|"
    r"capital|seat|headquarters)\s+of)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|adjacent\s+)?$", re.I)
# a crossing of the border told in the clause, and a place it happened at ("came across at Ishkoshim", "came to the
# bridge across the Panj river at Ishkoshim")
_CROSSING_WORD = re.compile(r"\b(?:across|crossed|bridge)\b", re.I)
_AT_PLACE_BEFORE = re.compile(r"\b(?:at|near|through|via)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?$", re.I)
# the attackers' way into the place the story is about: "the fighters got into Kunduz", "insurgents broke into"
_ATTACKERS_INTO = re.compile(r"\b(?:taliban|insurgents|militants|fighters|rebels|they)\s+(?:had\s+|have\s+)?(?:(?:\w+ly|then|later|also|soon)\s+)?"
                             r"(?:got|broke|pushed|swept|forced\s+their\s+way|fought\s+their\s+way|stormed|poured)\s+"
                             r"(?:in)?to\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.I)
# the place's own force, named without a place ("the police had abandoned their posts")
_THE_FORCE_BEFORE = re.compile(r"\bthe\s+(?:police|soldiers|troops|army|garrison|security\s+forces|government\s+forces)\s+"
                               r"(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?$", re.I)
# a second group opening a clause of its own (", and hundreds crossed ...")
_SECOND_GROUP_CLAUSE = re.compile(r",\s+(?:and|while|but)\s+(?:(?:about|some|around|nearly|almost|more\s+than|at\s+least|over)\s+)?"
                                  r"(?:hundreds|dozens|thousands|scores|others|[\d,]+)\b(?:\s+(?:more|of\s+them|others))?"
                                  r"\s+(?:\w+\s+){0,3}?(?:crossed|fled|went|walked|swam|drove|flew|escaped|reached|entered)\b", re.I)
# a place opening the sentence only as the seat of the one who speaks ("In Kabul, a defence ministry spokesman said")
_SPEAKER_SEAT_OPENING = re.compile(r"\W*In\s+(?P<place>(?-i:[A-Z])[\w\-’']+(?:\s+(?-i:[A-Z])[\w\-’']+)?),\s+(?:a|an|the)\s+"
                                   r"(?:[\w\-]+\s+){0,4}?(?:spokes(?:man|woman|person)|officials?|minister|ministry|"
                                   r"commander|lawmaker|diplomat|analyst)\b[^.;]{0,60}?\b(?:said|says|told)\b", re.I)
# the group a flight abroad just told of, said to have fled earlier ("the servicemen had fled from their posts in X")
_BACK_TO_GROUP = re.compile(r"\b(?:the|these|those)\s+(?:servicemen|soldiers|troops|men|personnel|border\s+guards|"
                            r"guards)\s+had\s+(?:\w+ly\s+)?$", re.I)
# troops of the place the sentence before named, by possessive ("Its defenders abandoned their positions")
_ITS_TROOPS = re.compile(r"\W*(?:its|the\s+(?:city|town)(?:'s|’s))\s+(?:[\w\-]+\s+){0,2}?(?:defenders|garrisons?|"
                         r"soldiers|troops|police(?:men)?|forces|commanders?|governor|officials)\b", re.I)
# troops of the places just told, at the head of a sentence ("Their police pulled back to Bamyan city")
_THEIR_TROOPS = re.compile(r"\W*their\s+(?:[\w\-]+\s+){0,2}?(?:defenders|garrisons?|soldiers|troops|police(?:men)?|forces|"
                           r"commanders?|district\s+governors?|officials)\b", re.I)
# the troops of the place the sentence before told lost ("Ab Kamari went on Monday. The police there pulled back ...")
_THERE_TROOPS = re.compile(rf"\W*(?:the\s+)?(?:[\w\-]+\s+){{0,2}}?(?:{_TROOP})\s+(?:(?:stationed|based|posted)\s+)?there\b", re.I)
# a border towards which troops went, not across it ("fled towards the border", "towards the border of Tajikistan")
_TOWARDS_A_BORDER = r"\btowards?\s+the\s+(?:[\w\-]+\s+)?(?:border|frontier)\b(?:\s+(?:of|with)\s+\w+)?"
# what places a border without crossing it: an aside locating the town just named ("Hairatan, on the Uzbek border"),
# or a border gone towards
_ON_BORDER_PHRASE = re.compile(r"(?:,\s*(?:which\s+(?:is|lies)\s+|(?:right|just)\s+|(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?"
                               r"(?:district|town|city|area)\s+)?|(?<=\bport)\s+|(?<=\bcrossing)\s+)"
                               r"(?:on|near|along|at|by)\s+the\s+(?:[\w\-]+\s+){0,2}?(?:border|frontier)\b"
                               r"(?:\s+with\s+(?-i:[A-Z])[\w\-]+)?|"
                               # ("abandoned the Shir Khan Bandar port, the main crossing into Tajikistan": what the port is)
                               r",\s*(?:the|its|Afghanistan(?:'s|’s)|the\s+country(?:'s|’s))\s+(?:[\w\-]+\s+){0,2}?"
                               r"(?:crossing|gateway|route|port|link)\s+(?:point\s+)?(?:into|to|with)\s+(?:neighbou?ring\s+)?"
                               r"(?-i:[A-Z])[\w\-]+|" + _TOWARDS_A_BORDER, re.I)
_OPENING_PLACE = re.compile(r"^\W*(?:At|In|From)\s+((?-i:[A-Z])[\w\-’']+)", re.I)

_SUBCOUNT_BEFORE = re.compile(
    r"(?:\bincluding|\bincl\.|\bamong\s+(?:them|whom|those)|\bof\s+(?:them|whom)|\bamong)\s+(?:at\s+least\s+|some\s+)?$",
    re.I)


# the city left, right after the verb ("fled the city", "abandoned the provincial capital")
_THE_CITY_LEFT = re.compile(r"\s+(?:from\s+)?the\s+(?:provincial\s+)?(?:city|capital|town)\b(?!\s+of\b)", re.I)


# a main clause of policy or possibility before "soldiers who crossed": no particular flight is reported
_POLICY_CLAUSE = re.compile(r"\b(?:would|will|could|can|may|might|not|never|any)\b", re.I)
_DEFINITE_GROUP = re.compile(r"\b(?:the|these|those|\d[\d,]*|dozens|hundreds|scores)\b", re.I)  # "the 200 soldiers who"


# a clause about the troops just named, by pronoun, after the flight it explains ("..., hours after they had left X")
# a withdrawal from a place ("pulled out of Maruf, a district on the border"): the border in its appositive is no crossing
_FROM_PLACE_VERB = re.compile(r"\b(?:from|of)\s+(?:the\s+)?$", re.I)
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier)\b", re.I)
_BARE_CROSSING = re.compile(r"(?:crossed|(?:were|was|been|being)\s+flown\s+(?:across|over))$", re.I)
_THEY_BEFORE = re.compile(r"\b(?:after|before|when|once|as)\s+they\s+(?:had\s+|have\s+)?(?:\w+ly\s+)?$", re.I)
# a count opening a clause of its own after the verb (", and about 60 commandos were airlifted")
_AND_COUNT_BEFORE = re.compile(r",\s+and\s+(?:(?:about|some|around|nearly|almost|roughly|more\s+than|over|at\s+least)\s+)?$", re.I)
# the same men's earlier act by a participle: "46 soldiers crossed into Pakistan after abandoning their posts in Nari"
_AFTER_PARTICIPLE = re.compile(r"\b(?:after|having)\s+$", re.I)
_CROSSED = re.compile(r"\bcross(?:ed|ing)\b|\b(?:fled|retreated|withdrew|escaped)\s+(?:across|in)?to\b", re.I)
# a second group of the troops just named, with only a number for subject: "..., and 130 more crossed", "another 12"
# a pronoun subject for the troops of the sentence before ("They fled", "Most of them fell back")
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\band\s+)\W*(?:they|most\s+of\s+them|many\s+of\s+them|some\s+of\s+them|"
                              r"all\s+of\s+them|the\s+rest(?:\s+of\s+them)?)\s+(?:(?:had|have|then|later|simply|"
                              r"reportedly|eventually|quickly)\s+)*$", re.I)
# "we" or a part of "us" as the subject of a flight ("we withdrew", "the last of us were allowed to leave", "53 of us
# crossed"): soldiers only when a soldier tells it (see FlightReader._soldiers_speak)
_WE_SUBJECT = re.compile(r"(?<![\w\-’'])"
                         r"(?:we(?:\s+all)?|(?:all|most|many|some|the\s+(?:last|rest)|(?:about|some|around|nearly|over)\s+"
                         r"[\d,]+|[\d,]+)\s+of\s+us)\s+(?:(?:had|have|were|then|finally|simply|eventually|quickly|all)\s+)*"
                         r"(?:(?:made|conducted|carried\s+out|staged|began)\s+(?:a\s+|our\s+)?(?:tactical\s+|hasty\s+)?)?$",
                         re.I)
# an apposition closed right before the verb (", one of the few women to hold such a post,")
_APPOSITION_BEFORE_VERB = re.compile(r",\s+(?:one\s+of|a|an|the|himself|herself|themselves)\b[^,;.]{0,80},\s*$", re.I)
# a speaker who served ("Rahmatullah said he had served in Dand Patan in July.")
_SERVED = re.compile(r"\b(?:he|she|I)\s+(?:had\s+|has\s+)?served\s+(?:in|with|as|at)\b", re.I)
# a page told by a soldier or a policeman in the first person
_MILITARY_FIRST_PERSON = re.compile(
    r"\b(?:our|my)\s+(?:own\s+)?(?:kandak|unit|battalion|brigade|company|platoon|post|checkpoint|outpost|garrison|"
    r"commanders?|sergeant|corps|regiment|squad|soldiers|policemen|men|comrades)\b|"
    r"\bI\s+(?:was|served|had\s+served|had\s+been|have\s+been)\s+(?:as\s+)?(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(?:soldier|"
    r"policeman|police\s+officer|officer|sergeant|commando|lieutenant|captain|major|colonel|conscript|pilot|guard)\b|"
    r"\b(?:his|her)\s+(?:unit|company|kandak|battalion|brigade|platoon|post|garrison)\b|"
    r"\b(?:he|she|I)\s+was\s+posted\s+(?:in|to|at)\b|"
    r"\b(?:soldier|policeman|police\s+officer|pilot|commando|lieutenant|officer|guard|sergeant)['’]s\s+(?:own\s+)?"
    r"(?:account|story|summer|diary|testimony|letter|war|escape|journey)\b|"
    r"\binterviewee:[^\n]{0,40}\b(?:soldier|policeman|police\s+officer|pilot|commando|lieutenant|officer|guard|sergeant|"
    r"captain|major)\b|\bwe\s+(?:soldiers|policemen|commandos)\b|"
    r"\bI\s+(?:served|fought)\s+(?:in|with)\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:army|police|battalion|kandak|brigade|corps|"
    r"unit|regiment|commandos|garrison)\b",
    re.I)
_RECEIVED_BEFORE = re.compile(r"\b(?:received|admitted|accepted|hosted)\b[^.;]*$", re.I)
# men a neighbour took in, described by the who-clause of their flight ("Iranian border officials said they had sheltered 52
# Afghan servicemen ... who fled Islam Qala"): they fled into the state that speaks
_HOSTED_BEFORE = re.compile(r"\b(?:sheltered|detained|disarmed|interned|housed|registered|received|admitted|hosted)[\"”’']?\s+"
                            r"[^.;]{0,90}$", re.I)
_MACHINES_RECEIVED = re.compile(r"[^.;,]{0,40}?\b(?:aircraft|planes?|helicopters?|jets?|vehicles?|weapons)\b"
                                r"(?![^.;,]{0,30}\b(?:soldiers|servicemen|troops|personnel|pilots|men)\b)", re.I)
_ELLIPTIC_GROUP = re.compile(r"(?:(?:,\s*(?:and\s+|while\s+)?|\s+and\s+|;\s*|\bthat\s+|\b(?:said|says|added)\s+|^\W*)"
                             r"(?:(?:on|by|late|early|later|overnight|then|(?:a|an|one|two|three|four|five|six|\d+)\s+"
                             r"(?:days?|hours?|weeks?)\s+later)\b[^,;.]{0,25}?\s+)?)"  # ("On Wednesday another 75",
                             # "; two days later another 34",
                             # ", and on Monday morning another 57", "It said another 11")
                             r"(?:(?:another|a\s+further)\s+[\d,]+|"
                             # ("A second group of 17", "a third group, of about 40,")
                             r"an?\s+(?:second|third|fourth|fifth|new|further|fresh)\s+" + _GROUP_NOUN +
                             r"(?:,?\s+of\s+(?:(?:about|some|around|nearly|almost|over|more\s+than|at\s+least)\s+)?[\d,]+,?)?|"
                             r"(?:(?:about|some|around|nearly|almost|over|more\s+than|at\s+least)\s+)?[\d,]+\s+"
                             r"(?:more|others|further))\s+(?:(?:\w+\s+){0,2}?(?:soldiers|servicemen|troops|policemen|men|"
                             r"personnel|guards|officers)\s+)?(?:(?:had|have|has|were|was)\s+)?$", re.I)  # ("another 35 had come across")

_DESTINATION_AND = re.compile(r"(?:\s+(?:(?:district|city|town|area)s?|" + vocabulary.MACROS["DC"] + r"|airport))?"
                              r"\s*(?:,\s*|\s+and\s+|\s+or\s+|,\s*and\s+)(?:the\s+)?")  # ("fell back to Balkh DC and Mazar")
# "the country" right after a crossing or an entry allowed ("crossed into the country", "allowed to enter the country")
_THE_COUNTRY_AFTER = re.compile(r"\s*(?:(?:over\s+)?into\s+)?the\s+country\b", re.I)
# the speaking state's own land: "crossed into its territory", "entered our country"
_OWN_TERRITORY = re.compile(r"\b(?:its|our|their)\s+(?:own\s+)?(?:territory|soil|country)\b|\bthe\s+territory\s+of\s+our\b|"
                            r"\b(?:its|our)\s+(?:(?:state|national|southern)\s+)?(?:border|frontier)\b", re.I)


# where troops were, named ("their posts at Wesh", "withdrew from Dandar"): the passage's city is not guessed then
_UNKNOWN_SITE = re.compile(r"\b(?:posts?|positions?|bases?|checkpoints?|withdrew|retreated|fled|pulled\s+(?:back|out))\s+"
                           r"(?:at|in|from|near)\s+(?:the\s+)?((?-i:[A-Z])[\w\-’']+)", re.I)


# a city's own airport or base, after its name ("fell back to Faizabad's airport"), and a province's office holders
_OWN_REFUGE_AFTER = re.compile(r"(?:'s|’s)?\s+(?:main\s+)?(?:airport|air\s*base|military\s+base|army\s+base|corps\s+headquarters|garrison)\b",
                               re.I)  # ("fell back to Faizabad's airport", "fled to Kunduz airport")
_PROVINCIAL_OFFICE = re.compile(r"\b(?:provincial\s+(?:governor|officials?|police\s+chief|authorities)|(?:the|its)\s+governor)\b", re.I)
# a flight towards a border, not across it ("fled towards the Iranian border", "north towards Hairatan, on the Uzbek
# border")
_TOWARDS_BORDER = re.compile(r"\btowards?\s+(?:[\w\-’',]+\s+){0,5}?(?:the\s+)?$", re.I)
# Afghan aircraft named in an earlier clause ("27 Afghan military aircraft ... landed at Termez, and Tajikistan said three
# planes with 112 soldiers on board had landed at Bokhtar": the second state's planes are Afghan too)
_AIRCRAFT_BACK = 8  # how many sentences back the first group's Afghan aircraft may be told (a paragraph, a heading)
_AFGHAN_AIRCRAFT = re.compile(r"\bafghan\s+(?:[\w\-]+\s+){0,2}?(?:aircraft|planes?|helicopters?|jets?)\b", re.I)
# a province locating the place named just before it ("Kohistanat, in Sar-e-Pul,")
_LOCATING_IN = re.compile(r",\s+in\s+$")
# a place named only to time another act by its fall ("Sheberghan fell on Saturday, a day after Zaranj, after
# government forces withdrew to the airport"): not the place left
_TIMING_ANCHOR = re.compile(r"\b(?:a|one|two|three|four|five|\d+|the)\s+(?:days?|weeks?|hours?|night)\s+(?:after|before)\s+(?:the\s+fall\s+of\s+)?(?:(?:neighbou?ring|nearby)\s+)?$",
                            re.I)
# where someone fleeing was stopped on the way ("left for Kabul and was detained by ANDSF in Wardak"): no place left
_STOPPED_IN = re.compile(r"\b(?:detained|arrested|stopped|intercepted)\b[^,;.]{0,40}?\b(?:in|at|near)\s+(?:the\s+)?$",
                         re.I)
# a place in the possessive that only describes another ("Qaisar, Almar's neighbour on the road to Herat, ...")
_NEIGHBOUR_OF = re.compile(r"['’]s\s+(?:neighbou?r|twin|sister|rival|gateway|door)", re.I)


def _timing_anchor(text: str, r: _Ref) -> bool:
    """True when a place is named only to time another act, with no verb of its own ('a day after Zaranj,'; not 'a day
    after Mazar-i-Sharif fell')."""
    return _TIMING_ANCHOR.search(text, max(0, r.start - 30), r.start) is not None and \
        re.match(r"\s*(?:[,.;)]|$)", text[r.end:]) is not None


def _apposed_to_destination(text: str, r: _Ref, refs: list[_Ref]) -> bool:
    """True when a place stands in apposition to a place troops went to ('withdrew to Maidan Shahr, the provincial
    capital,': the capital is where they went, not a place they left)."""
    prev = next((q for q in reversed(refs) if q.end <= r.start), None)
    return prev is not None and re.fullmatch(r"\s*,\s*", text[prev.end:r.start]) is not None and \
        _DESTINATION_TAIL.search(text, max(0, prev.start - 50), prev.start) is not None and \
        not _ATTACKERS_INTO.search(text, max(0, prev.start - 60), prev.start)


# a province after its district's name ("the district Shah Wali Kot of Kandahar was lost after its troops withdrew")
_OF_PROVINCE = re.compile(r"(?<=\w)\s+(?:district\s+)?of\s+(?:the\s+)?$")
# an office held over a province, named before it ("the governor of Jowzjan left"): the office, not a locating phrase
_OFFICE_OF = re.compile(r"\b(?:governor|police\s+chief|chief\s+of\s+police|provincial\s+council|council\s+chief|"
                        r"deputy\s+governor)\s+of\s+(?:the\s+)?$", re.I)
# ... or named after it ("the Jowzjan governor left", "Takhar's police chief")
_OFFICE_HOLDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:provincial\s+)?(?:governor|police\s+chief)\b", re.I)
# a group's size given as a measure after it ("servicemen, numbering 1,037 people,")
_NUMBERING = re.compile(r"\bnumbering\s+(?:about\s+|some\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?[\d,]+\s+$", re.I)
# the number of those who fled given after the act: "..., an official put their number at 150"
_PUT_NUMBER = re.compile(r"\b(?:put|puts|putting|estimated|gave|give|gives)\s+(?:their|the|its)\s+(?:number|figure|total|count)\s+"
                         r"(?:at|as)\s+", re.I)


def _number_put(text: str, start: int) -> Count | None:
    """The number someone 'put their number (the figure) at' after `start`, else None."""
    low = text.lower()
    if "number" not in low and "figure" not in low and "total" not in low and "count" not in low:
        return None
    put = _PUT_NUMBER.search(text, start)
    return next((c for c in _find_counts(text) if put is not None and c.start == put.end()), None)


def _office_after_verb(text: str, r: _Ref, verb_end: int) -> bool:
    """True for an office's place after the flight verb ('..., said a member of the Kunduz provincial council')."""
    return r.start > verb_end and _OFFICE_AFTER.match(text, r.end) is not None


# a post or a district centre as the subject of "were evacuated": the men who held it left ("The district centres of A
# and B were evacuated on Wednesday night in a tactical move")
_SITE_SUBJECT = re.compile(r"\b(?:district\s+cent(?:re|er)s?|(?:military\s+|army\s+)?(?:posts?|outposts?|bases?)|garrisons?|"
                           r"checkpoints?|districts?(?=\s+of\b))\b(?:\s+(?:of|in)\s+[^,;.]{1,60}?)?"
                           r"(?:,\s+(?:on|in|near|along)\s+[^,;.]{1,40},)?\s+(?:had\s+|have\s+|has\s+)?$", re.I)
# ("the districts of Shortepa and Kaldar, on the Amu Darya, were evacuated": the men holding them left)


def _locating_label_end(text: str, k: int, refs: Sequence[_Ref], went_to: Callable[[_Ref], bool] = lambda r: False) -> int:
    """Where sentence k's opening "Place:" label ends when it names no place the sentence is about, else -1: the story's
    dateline ("New Delhi/Kabul: ..." in its first two sentences), or a province locating a place named after it ("Herat:
    the district of Adraskan ... was overrun"; places gone to do not count); further down a page, "Dand Patan: ANDSF made
    a tactical withdrawal to Chamkani" and "Kuf Ab: DC overrun" label their entries with their place."""
    label = _DATELINE_OPEN.match(text)
    if label is None:
        return -1
    if k <= 1 or any(r.start >= label.end() and not went_to(r) for r in refs):
        return label.end()
    return -1


class FlightReader:
    """Extractor methods that read troops who fled: who, where to and how many."""

    def _fled(self, i: int, s: _Sent, m: re.Match[str], negated: bool) -> list[MentionDraft]:
        """A troops_fled draft when Afghan forces flee, cross a border or abandon posts."""
        text = s.text
        verb = m.group(0).lower()
        lo = _scope_before(text, m.start(), 120)
        official = re.match(r"(?:governors?|officials|police\s+chief|commander|mayor|garrison|police|soldiers|troops|defenders)\b", verb)
        subject_zone = text[max(0, m.start() - 110):m.start() + (official.end() if official else 0)]  # ("the governor
        # of Paktia was flown to Kabul": the official opens the trigger)
        if re.match(r"crossing\s+(?:point\s+)?(?:into|to)\b", verb) and re.search(r"\b(?:the|a|an|its|their|this|that|main|key|busiest|border)\s+"
                                                      r"(?:[\w\-]+\s+)?$", text[max(0, m.start() - 30):m.start()], re.I):
            return []  # "the Shir Khan Bandar port, the main crossing into Tajikistan": a noun, no one crossing
        if verb.endswith("away") and _LOOSE_MELTERS.search(subject_zone):
            return []  # "militia forces loyal to warlords ... melted away", "the city's defenders melted away": too loose
        # nearest person noun before the verb decides who fled
        troop = [t for t in _TROOP_RE.finditer(subject_zone)  # "Police Districts 1 and 2" are parts of a city
                 if not re.match(r"\s+(?:districts?|stations?|headquarters)\b", subject_zone[t.end():], re.I)]
        aside = _APPOSITION_BEFORE_VERB.search(subject_zone) if troop else None
        other = [o for o in _NOT_TROOP_RE.finditer(subject_zone)
                 if not any(t.start() <= o.start() < t.end() for t in troop)  # "customs workers" are officials
                 and not (aside is not None and aside.start() <= o.start() and troop[-1].end() <= aside.start())
                 # ("The provincial governor, one of the few women to hold such a post, left Bamyan": the aside
                 # describes the official)
                 and not _NUMBERING.search(subject_zone, 0, o.start())]  # ("soldiers, numbering 1,037 people,": their size)
        t_pos = troop[-1].start() if troop else -1
        o_pos = other[-1].start() if other else -1
        if troop and other and o_pos > t_pos and _COORDINATED.fullmatch(subject_zone, troop[-1].end(), o_pos):
            o_pos = -1  # "soldiers and customs workers fled": one conjunct is a troop noun
        if troop and other and o_pos > t_pos and (AND_VERB_BEFORE.search(subject_zone) or verb.startswith("and ") or
                                                  _AND_SUBJECT_BEFORE.search(subject_zone)) and \
                _OBJECT_BEFORE.search(subject_zone, 0, other[-1].start()):
            o_pos = -1  # "the governor handed the city to the Taliban and fled": the first verb's subject fled
        if troop and _KIN_OF.search(subject_zone, 0, t_pos):
            return []  # "families of Afghan soldiers fled": the kin fled, not the troops
        landing = verb.startswith("land") or verb.endswith(("landed", "arrived"))
        if landing:
            clause = text[lo:m.start()]
            after = text[m.end():_scope_after(text, m.end(), 120)]
            if not re.search(r"\bafghan", clause, re.I) and not (
                    _MORE_AIRCRAFT.search(clause) and (re.search(r"\bafghan", text[:lo], re.I) or any(
                        _AFGHAN_AIRCRAFT.search(before.text) or (
                            _AIRCRAFT_CARRYING.search(before.text)  # (or its aircraft carried Afghans)
                            and re.search(r"\bafghan", before.text, re.I))
                        for before in self.sents[max(0, i - _AIRCRAFT_BACK):i]))) and not (  # (the ones before's)
                    _AIRCRAFT_WORD.search(clause) and _AFGHAN_AIRCRAFT.search(text, 0, m.start())):
                return []  # (a second group's "three more planes with 143 soldiers" are Afghan like the first's)
            if not (any(k in clause.lower() for k in _AIRCRAFT_KEYS) and _AIRCRAFT_CARRYING.search(clause)):
                if _AIRCRAFT_WORD.search(clause):
                    if _CARRYING_AFTER.match(after) is None:  # "aircraft had landed at Termez carrying 585 soldiers"
                        return []
                    t_pos, o_pos = 10 ** 6, -1
                elif not (troop and _ABOARD_AFTER.match(after)):
                    return []  # (but "112 Afghan soldiers had landed at Kulob aboard six aircraft": the troops landed)
        receiving = borders.receiving_act(text[m.start():m.end() + 60])  # "Iran's border guards received 200 Afghan soldiers"
        if receiving and _MACHINES_RECEIVED.match(text, m.end()):
            return []  # "Tajikistan said it had received a smaller number of aircraft": machines, not men
        if re.match(r"(?:evacuat|airlift|flew$)", verb) and _TROOP_RE.search(text, m.end(), m.end() + 50) and \
                not _TROOP_RE.search(subject_zone[-40:]):
            t_pos, o_pos = 10 ** 6, -1  # "we evacuated the garrison of Kiti": the men carried out fled
        if re.match(r"(?:\w+\s+)?abandoned\s+by\b", verb):
            t_pos, o_pos = 10 ** 6, -1  # "Bala Murghab district was abandoned by government forces": the men named after
        if verb.startswith(("given", "granted", "provided", "offered", "gave", "give")) or receiving:
            after_zone = text[m.end():m.end() + 80]
            if _TROOP_RE.search(after_zone) and not _NOT_TROOP_RE.search(after_zone[:40]):
                t_pos, o_pos = 10 ** 6, -1
        them = _THEY_BEFORE.search(text, max(0, m.start() - 40), m.start()) or (
            _AFTER_PARTICIPLE.search(text, max(0, m.start() - 20), m.start()) if verb.split()[0].endswith("ing") else None)
        if them is not None and _TROOP_RE.search(text, 0, them.start()) and _CROSSED.search(text, 0, them.start()):
            return []  # "92 soldiers crossed the bridge, hours after they had abandoned Mazar": the same flight (so is
            # "after abandoning their posts in Nari")
        group = _ELLIPTIC_GROUP.search(subject_zone)
        elliptic = group is not None
        group_at = max(0, m.start() - 110) + group.start() if group is not None else -1
        if elliptic:
            t_pos, o_pos, troop = 10 ** 6, -1, []
        if t_pos < 0 and o_pos < 0 and re.match(r"(?:were|was|been)\s+evacuated", verb) and \
                _SITE_SUBJECT.search(subject_zone):
            t_pos = 10 ** 6  # "The district centres of Shortepa and Kaldar were evacuated": the men holding them left
        if t_pos < 0 and o_pos < 0 and i > 0 and _PRONOUN_SUBJECT.search(subject_zone):
            prev = self.sents[i - 1].text
            troops = list(_TROOP_RE.finditer(prev))
            if troops and not _NOT_TROOP_RE.search(prev) and not re.search(
                    r"\b(?:taliban|insurgents?|militants?|rebels?|foreign|us|nato|american)\b[^.;]{0,20}$",
                    prev[:troops[-1].start()], re.I):
                t_pos = 10 ** 6  # "Hundreds of soldiers were in the city. Most of them fell back to the airport."
        if t_pos < 0 and o_pos < 0 and _WE_SUBJECT.search(subject_zone) and self._soldiers_speak(i, s):
            t_pos = 10 ** 6  # "We fell back to Kunduz city that night", told by a soldier of the garrison
        if t_pos < 0 or o_pos > t_pos:
            return []
        if troop and _FOREIGN_TROOP_RE.search(subject_zone[max(0, t_pos - 40):t_pos + 30]):
            return []
        if _FOREIGN_PEOPLE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            return []  # "... since long before the Americans left Helmand": a foreign withdrawal, not a flight
        if troop and ("presence" in text or "mission" in text or "deployment" in text) and \
                _ENDING_PRESENCE.search(text, m.end()):
            return []  # "The last troops left Bagram Airfield last week, ending a 20-year presence": a foreign withdrawal
        if troop and re.match(r"(?:fighters|forces)", troop[-1].group(0), re.I) and re.search(
                r"\btaliban\b", subject_zone[max(0, t_pos - 20):t_pos], re.I):
            return []
        if _NOT_FLED_ACT.search(text[lo:m.start()]) and not re.search(r"\bwho\s+(?:had\s+)?$", text[:m.start()]) and \
                not (self._departure(text, m, verb) and self._gave_up_before(text, m, lo)):  # ("surrendered Tarinkot
            # ... and was flown to Kabul": the official who gave the place up left it)
            if not re.search(r"returning|returned", text[m.end():], re.I) or "surrender" in text[lo:m.start()].lower():
                return []
        if re.search(r"\bgave\s+themselves\s+up\b", text, re.I):
            return []
        who = re.search(r"\bwho\s+(?:had\s+|have\s+)?$", text[:m.start()])
        if who is not None and _RECEIVED_BEFORE.search(text[max(0, who.start() - 90):who.start()]):
            return []  # "it had received 580 servicemen who had crossed the border": the receiving verb's flight
        if who is not None and _POLICY_CLAUSE.search(text, lo, who.start()) and \
                not _DEFINITE_GROUP.search(text, max(lo, who.start() - 40), who.start()):
            return []  # "it would not grant asylum to soldiers who crossed the border": a policy, not a flight
        if _ACCUSED_OF.search(text, max(0, m.start() - 40), m.start()):
            return []  # "accused of abandoning his post": a charge, not a flight told as such
        if verb.startswith("fleeing") and re.search(r",\s*$", text[:m.start()]) and (
                _CROSSED.search(text, 0, m.start()) or re.search(r"\b(?:came|arrived)\s+(?:[\w\-]+\s+){0,2}?(?:to|onto|into|on|at)"
                                                               r"\s+the\s+\w+\s+side\b", text[:m.start()], re.I)):
            return []  # "134 soldiers had crossed the Panj into Tajikistan, fleeing the fighting around the port": one flight
        if verb.startswith(("flee", "fleeing")) and re.search(r"\b(?:forc\w+|mak\w+|caus\w+|drive\w*)\s+(?:\w+\s+){0,3}$",
                                                              text[max(0, m.start() - 50):m.start()], re.I):
            return []
        hi = _scope_after(text, m.end(), 140)
        other_speaker = _OTHER_STATE_SAYS.search(text, m.end(), hi)
        hi = other_speaker.start() if other_speaker is not None else hi  # ", and Tajikistan said ...": its own flight
        next_verb = _AND_CAPTURE.search(text, m.end(), hi)
        hi = next_verb.start() if next_verb is not None else hi  # "withdrew to the airport, and took Herat": not their place
        group2 = _SECOND_GROUP_CLAUSE.search(text, m.end(), hi)
        hi = group2.start() if group2 is not None else hi  # "streamed north towards Hairatan, and hundreds crossed the
        # Friendship Bridge into Uzbekistan": the second group's crossing, not the first's
        and_that = _AND_THAT.search(text, m.end(), hi)
        hi = and_that.start() if and_that is not None else hi  # "said the police had abandoned their posts and that
        # dozens ... crossed into Iran": a second thing said, its own flight
        dest = borders.demonym_border(verb)  # "crossed the Tajik border"
        second = ""  # "flew to Uzbekistan and Tajikistan": a flight into each
        beyond = _ON_BORDER_PHRASE.sub(lambda b: " " * len(b.group(0)), text[m.end():hi])  # ("fled to Hairatan, on
        # the Uzbek border", "drove north towards the border of Tajikistan": where a border lies, no crossing)
        masked = text[:m.end()] + beyond
        for cm in _COUNTRY_RE.finditer(masked, m.end(), hi) if not dest else ():
            if _FROM_PLACE_VERB.search(verb) and _BORDER_AFTER.match(text, cm.end()):
                continue  # "pulled out of Maruf, a district on the Pakistani border": where Maruf is, not where they went
            if _TOWARDS_BORDER.search(text, max(m.end(), cm.start() - 40), cm.start()) and _BORDER_AFTER.match(text, cm.end()):
                continue  # "fled towards the Iranian border": not across it
            if any(m.end() <= a <= cm.start() < b and not borders.agency_country(text[a:b]) for a, b in s.speaker_spans):
                continue  # "..., soldiers told us at the Uzbek checkpoint": where the speakers were (but "the
                # Pakistani military said" is the receiving state speaking)
            dest = COUNTRY_WORDS[cm.group(1).lower()]
            other = _AND_COUNTRY.match(text, cm.end())
            if other is not None and COUNTRY_WORDS[other.group(1).lower()] != dest:
                second = COUNTRY_WORDS[other.group(1).lower()]
            break
        if not dest:
            dest = self._foreign_town(s, m.end(), hi)
        if not dest and landing and not any(m.end() <= r.start < hi for r in s.refs):
            # "In neighbouring Tajikistan, ... an aircraft carrying 100 servicemen had landed at the airport"
            cm = _COUNTRY_RE.search(text, 0, m.start())
            dest = COUNTRY_WORDS[cm.group(1).lower()] if cm else ""
        if landing and not dest:
            return []
        if not dest and re.search(r"shelter|refuge|asylum|sanctuary|safe\s+passage", verb):
            fs = _FOREIGN_SOURCE.search(text[:m.start()]) or _COUNTRY_RE.search(text[max(0, m.start() - 60):m.start()])
            if fs:
                dest = COUNTRY_WORDS.get(fs.group(1).lower(), "")
            if not dest:  # a town across the border later in the sentence, else the dateline's town across it
                dest = self._foreign_town(s, m.end(), len(text)) or self._dateline_state()
        if not dest and re.search(r"territory|soil", verb):
            cm = _COUNTRY_RE.search(verb)
            if cm:
                dest = COUNTRY_WORDS[cm.group(1).lower()]
        if not dest and elliptic:  # "Another 158 walked across the Friendship Bridge ..., the Uzbek prosecutor's office
            # said": the bridge's (or the speaking agency's) state before a country named earlier
            via = next((r.place for r in s.refs if r.place.place_type == "border_crossing" and m.start() <= r.start < hi
                        and not r.in_speaker), None)
            dest = (self.gaz.neighbour(via) if via is not None else "") or next(
                (borders.agency_country(text[a:b]) for a, b in s.speaker_spans if a >= m.end()
                 and borders.agency_country(text[a:b])), "")
        if not dest and elliptic:  # "46 crossed into Pakistan, and another 12 came across": the first group's country
            dest = next((COUNTRY_WORDS[c.group(1).lower()] for c in reversed(list(_COUNTRY_RE.finditer(text, 0, m.start())))),
                        "") or self._recent_destination(i)  # (or the last flight's, a few sentences before)
        if not dest and _BACK_TO_GROUP.search(text, max(0, m.start() - 50), m.start()):
            dest = self._recent_destination(i, window=2)  # "... crossed the Amu Darya and were detained. The servicemen
            # had fled from their posts in Kaldar": where the group just told of had come from, not a flight of its own
        if not dest and receiving:
            dest = borders.agency_country(text[:m.start()])  # the receiving state's agency is the subject
        if not dest and _THE_COUNTRY_AFTER.match(text, m.end()) and \
                verb.startswith(("allowed", "permitted", "were", "was", "been", "being", "cross")):
            # "Tajik officials said 90 had been allowed to enter the country", "Tajikistan's border guards said 212 Afghan
            # servicemen had crossed into the country" (or "..., the Tajik border troops said" after it): the speaker's
            dest = borders.agency_country(text[:m.start()]) or borders.agency_country(text[m.end():])
        if not dest and _OWN_TERRITORY.search(text, m.end(), hi):  # "crossed into its territory": the speaker's state
            dest = borders.agency_country(text[:m.start()]) or borders.receiving_state(
                text, [self.sents[j].text for j in range(max(0, i - 2), i)], self.article.outlet or "")
        crossing = None
        if re.search(r"via|through|crossing|bridge", verb + " " + text[m.end():hi] + " " + text[lo:m.start()], re.I) or _ACROSS_BORDER.search(
                verb + beyond):
            crossing = self._recent_crossing(i, s, len(text))
        if not dest and _ACROSS_BORDER.search(verb + beyond) and not _FROM_PLACE_VERB.search(verb) and \
                not any(p.place_type == "border_crossing" for r in s.refs for p in _readings(r)) \
                and i + 1 < len(self.sents):  # "... swam across the Amu Darya. The men were detained, and Tashkent said
            dest = borders.agency_country(text) or borders.receiving_after(self.sents[i + 1].text)  # they would return"
        over = _OVER_CROSSING.search(verb + text[m.end():m.end() + 40])  # (also "retreated across the Friendship Bridge")
        if not dest and crossing is not None and (verb.startswith("cross") or (over is not None and over.start() < len(verb))) \
                and crossing.place_type == "border_crossing":
            # "crossed the Friendship Bridge": the crossing's neighbour, unless the receiving state speaks ("On the
            # Iranian side, the border guards said they had detained 36 soldiers who had crossed the frontier")
            dest = borders.agency_country(text) or _neighbour(crossing, self.gaz)
        if not dest and who is not None and _HOSTED_BEFORE.search(text, max(0, who.start() - 100), who.start()):
            dest = borders.agency_country(text[:who.start()])  # ("Iranian border officials said they had sheltered 52
            # Afghan servicemen ... who fled Islam Qala": into Iran)
        if not dest and _ACROSS_BORDER.search(verb + beyond) and not _FROM_PLACE_VERB.search(verb):
            dest = borders.agency_country(text)  # the receiving state speaking in the sentence ("On the Iranian side, the
            # border guards said they had detained 36 soldiers who had crossed the frontier") before a crossing named earlier
            if not dest and crossing is not None:
                dest = _neighbour(crossing, self.gaz)
            if not dest:  # the receiving state's view: its agency, or the outlet, tells which state
                dest = borders.receiving_state(text, [self.sents[j].text for j in range(max(0, i - 2), i)],
                                               self.article.outlet or "")
            if not dest and self.sents:  # a neighbour's statement whose issuer is named in its header or opening
                dest = borders.agency_country(self.text[:self.sents[min(1, len(self.sents) - 1)].sentence.end])
            if not dest:  # ... or whose dateline is a town across the border ("Ashgabat, 10 July (TDH).")
                dest = self._dateline_state()
        if not dest and _PANJ.search(verb + beyond) and not _FROM_PLACE_VERB.search(verb):
            dest = "Tajikistan"  # "crossed the Panj near the village of Yangiobod": the Panj is the border with Tajikistan
            # alone (not the Amu Darya, which three states share)
        if not dest and _CROSSING_WORD.search(text, lo, hi):
            at_crossing = next((p for r in s.refs if lo <= r.start < hi and not r.in_speaker
                                and _AT_PLACE_BEFORE.search(text, max(lo, r.start - 60), r.start)
                                for p in _readings(r) if p.place_type == "border_crossing"), None)
            if at_crossing is not None:  # "came across at Ishkoshim", "came to the bridge across the Panj at Ishkoshim":
                dest = borders.agency_country(text) or _neighbour(at_crossing, self.gaz)  # into the crossing's neighbour
        if self._departure(text, m, verb) and not self._gave_up_before(text, m, lo):
            return []  # "... and flew to Kabul", "... and he left for Kabul": a flight only after giving a place up
        if _BARE_CROSSING.match(verb):  # "a further 60 crossed at dawn": only with the state that received them
            if report_denied(text, m.start(), m.end()):
                return []  # "Reports that a further group had crossed at Torkham were denied": no flight read here
            if not dest:
                crossing = crossing or self._recent_crossing(i, s, len(text))
                dest = borders.agency_country(text) or (
                    _neighbour(crossing, self.gaz) if crossing is not None and crossing.place_type == "border_crossing" else "")
            if not dest:
                return []
        province = ""
        if crossing is not None:
            province = crossing.province
        def _to_ref(r: _Ref) -> bool:
            return r.start >= m.end() and bool(_DESTINATION_TAIL.search(text[max(m.start(), r.start - 50):r.start])) and \
                not _TO_LEAVE.search(text, max(0, r.start - 30), r.start) and \
                not re.search(r"\b(?:posts?|positions?|bases?|headquarters|checkpoints?)\s+in\s+$", text[max(0, r.start - 30):r.start], re.I)
        destinations = [r for r in s.refs if _to_ref(r)]

        for r in s.refs:  # "withdrew towards the A and B areas": every place of the destination's list
            if r not in destinations and any(d.end <= r.start and _DESTINATION_AND.fullmatch(text, d.end, r.start)
                                             for d in destinations):
                destinations.append(r)

        def _to_ref_or_apposed(r: _Ref) -> bool:
            """A destination, or the appositive right after one ('fled to X, the provincial capital')."""
            return _to_ref(r) or r in destinations or any(
                d.end <= r.start and re.fullmatch(r"\s*,\s*", text[d.end:r.start]) for d in destinations) or (
                r.start >= m.end() and _LOCATES_DESTINATION.search(text, m.start(), r.start) is not None
                and r.start - m.end() < 90)
        usable = [r for r in s.refs if not r.in_speaker]
        if not dest and not usable and (_SHELTER_VERB.search(verb) or _ACROSS_BORDER.search(verb + beyond)):
            # "35 soldiers were given safe passage in the same sector": the country of the flight just reported
            dest = self._recent_destination(i)
        if not province:
            for r in usable:
                if _to_ref(r) and (dest or r.start >= m.end()):
                    continue
                if r.place.place_type in ("province", "capital", "district", "border_crossing"):
                    province = r.place.province or (r.place.name if r.place.place_type == "province" else "")
                    if province:
                        break
        if not dest and province and _ACROSS_BORDER.search(verb + beyond) and not _FROM_PLACE_VERB.search(verb):
            dest = self.gaz.province_neighbour(province)
        count = self._troop_count(text, m.start()) or _number_put(text, m.end())  # ("...; an Uzbek border official
        # put their number at 150")
        if (count is None or count.qualifier == "vague") and i + 1 < len(self.sents):
            count = _number_put(self.sents[i + 1].text, 0) or count  # "... fled into Tajikistan. Tajik officials put
            # their number at 1,037." (a vague "hundreds" yields to it)
        related: set[str] = set()
        if crossing is not None:
            related.add(_place_id(crossing))
        if dest:
            place = _country_place(dest, self.gaz)
            related.add(f"country:{dest}")
        else:
            place = None
            there = _THERE_TROOPS.match(text) is not None
            left = self._their_districts(i, s) if _THEIR_TROOPS.match(text) or there else []
            if there and len(left) >= 2:  # "A fell a while back, and then on Sunday B went as well. The soldiers there
                last = self._last_fallen(i - 1, {p.place_id: p for p in left})  # pulled out": the last one told
                left = [last] if last is not None else []
            if there and len(left) == 1:
                place = left[0]  # "The police there pulled back to the city": the district lost just before
            elif len(left) >= 2:  # "... took Kahmard and Sayghan on Sunday. Their police pulled back to Bamyan city": a
                return [MentionDraft(event_type="troops_fled", key=_place_id(p), place=p, pos=m.start(),  # flight from
                                     negated=negated, related={_place_id(p)}, count=count,  # each district just told
                                     count_text=count.text if count else "", province=p.province,
                                     actor="afghan_forces") for p in left]
            told = next(((a, b) for a, b in s.speaker_spans if a <= m.start() < b
                         and re.fullmatch(r"[\w\s]{0,40}?\b(?:who|that)\s+(?:had\s+|have\s+)?(?:\w+ly\s+)?", text[a:m.start()])),
                        None)  # "Police who had pulled back from Kishim to Faizabad on Monday said ...": the speakers'
            # own flight, told in a relative clause of their description
            seat = _SPEAKER_SEAT_OPENING.match(text)  # "In Kabul, a defence ministry spokesman said ...": where he sits
            label_end = _locating_label_end(text, i, s.refs, _to_ref_or_apposed)
            refs = [r for r in s.refs if (not r.in_speaker or (told is not None and told[0] <= r.start < told[1]))
                    and not (seat is not None and r.start == seat.start("place"))
                    and r.place.place_type != "country" and not _to_ref_or_apposed(r)
                    and not r.remote  # ("40 kilometres from Kabul", "Camp Shorabak": no place left)
                    and not POSSESSIVE_OWNER.match(text, r.end)  # ("from Kandahar's Arghandab district": Arghandab)
                    and not r.end <= label_end  # ("New Delhi/Kabul: ...", "Herat: the district of Adraskan ...")
                    and not _timing_anchor(text, r)  # ("a day after Zaranj")
                    and not _STOPPED_IN.search(text, max(0, r.start - 60), r.start)  # ("detained ... in Wardak on the way")
                    and not _NEIGHBOUR_OF.match(text, r.end)  # ("Qaisar, Almar's neighbour, ...": Qaisar's)
                    and not SEAT_OF_SPEAKERS.search(text, max(0, r.start - 50), r.start)  # ("told reporters in Kabul")
                    and not _office_after_verb(text, r, m.end())  # ("..., said a member of the
                    # Kunduz provincial council": an office's place after the verb, not where they were)
                    and not (r.end <= m.start() and self._earlier_destination(s, r))
                    and not (r.end <= m.start() and (_LOCATING_IN.search(text, max(0, r.start - 8), r.start) or (
                        r.place.place_type == "province" and _OF_PROVINCE.search(text, max(0, r.start - 16), r.start)
                        and not _OFFICE_OF.search(text, max(0, r.start - 40), r.start)))
                        and any(o.end <= r.start and _as_district(o, self.gaz) is not None for o in s.refs if o is not r))]
            # ("Kohistanat, in Sar-e-Pul, fell, and its police withdrew": the province only locates the district)
            after_refs = [r for r in refs if m.start() < r.start <= hi  # "abandoned the Garmsir district centre"
                          and text.count("(", m.end(), r.start) <= text.count(")", m.end(), r.start)]  # (not a place
            # in a bracketed aside: "pulled back to the provincial capital (see last week's briefing on Bala Murghab)")
            before_refs = [r for r in refs if r.end <= m.start()]
            ordered = after_refs + list(reversed(before_refs))
            # "Ghazni, ... southwest of Kabul, fell, and its governor left": a place before the verb named only to
            # locate another is tried last
            ordered.sort(key=lambda r: r.peripheral and r.end <= m.start())
            nearest = max(before_refs, key=lambda r: r.start, default=None)
            office_of = _as_province(nearest, self.gaz) if nearest is not None and not after_refs and place is None \
                else None
            if place is not None:
                ordered = []  # (the place "there" stands for)
            if office_of is not None and _as_capital(nearest, self.gaz) is None and \
                    (_PROVINCIAL_OFFICE.search(text, nearest.end, m.start())
                     or _OFFICE_OF.search(text, max(0, nearest.start - 40), nearest.start)
                     or _OFFICE_HOLDER_AFTER.match(text, nearest.end, m.start())):
                place = self.gaz.capital_of_province(office_of.name)  # "Sar-e-Pul was taken, and in Takhar, the
                ordered = []  # provincial governor was flown to Kabul": the office's seat, not a place of the clause before
            for r in ordered:
                d = _as_district(r, self.gaz)
                cap = _as_capital(r, self.gaz)
                if d is not None and (cap is None or r.place.place_type == "district"):
                    place = d[0]
                    left = self._districts_left(s, r, before_refs) if r in before_refs else \
                        self._districts_listed(s, r, hi)  # "withdrew from Kohistan, Argo and Yaftal districts"
                    if len(left) >= 2:  # "In Qaisar and Almar, police units withdrew to Maimana": a flight from each
                        return [MentionDraft(event_type="troops_fled", key=_place_id(p), place=p, pos=m.start(),
                                             negated=negated, priority=2, related={_place_id(p)}, count=count,
                                             count_text=count.text if count else "", province=p.province,
                                             actor="afghan_forces") for p in left]
                    break
                if cap is not None:
                    place = cap
                    break
            if place is None:  # "fell back to Faizabad's airport": the city whose airport they fell back to
                own = next((r for r in s.refs if m.end() <= r.start <= hi and not r.in_speaker
                            and _OWN_REFUGE_AFTER.match(text, r.end)), None)
                place = _as_capital(own, self.gaz) if own is not None else None
                if place is not None and not text.startswith(("'", "’"), own.end):
                    # "fled to Kunduz airport": that city's, unless the passage is about another place ("The governor
                    # has left for Kandahar airport", in an entry about Tarinkot)
                    place = self._passage_city(i, s, m.end()) or place
            if place is None:
                office = False
                for r in ordered:
                    p = _as_province(r, self.gaz)
                    if p is not None:
                        place, office = p, r.end <= m.start() and (holds_office(text, r) or bool(
                            _PROVINCIAL_OFFICE.search(text, r.end, m.start())))  # ("In Takhar, the provincial governor")
                        break
                if place is not None and (_THE_CITY_LEFT.match(text, m.end()) or office):
                    # "Ghazni's governor fled the city", "The governor of Baghlan left by road for Mazar": the seat
                    place = self.gaz.capital_of_province(place.name) or place
            if place is None and (lists.plural_anaphor(text, max(0, m.start() - 90), m.start()) == "district" or
                                  lists.plural_anaphor(text, m.start(), min(hi, m.end() + 40)) == "district"):
                # "the forces of these two districts withdrew to Mazar", "units had withdrawn from these districts":
                # one flight from each district listed before
                return [MentionDraft(event_type="troops_fled", key=_place_id(d.place), place=d.place, pos=m.start(),
                                     negated=negated, related={_place_id(d.place)}, count=count,
                                     count_text=count.text if count else "", province=d.place.province,
                                     actor="afghan_forces")
                        for d in self._plural_antecedent(i, s, "district", "capture", m, m.start(), negated)]
            if place is None and (_INSIDE_REFUGE.search(text, m.start(), hi) or destinations or _ITS_TROOPS.match(text)
                                  or (verb.startswith("abandon") and _THE_FORCE_BEFORE.search(text, max(0, m.start() - 40),
                                                                                             m.start()))  # ("Zaranj fell on
                                  # Friday. An official said the police had abandoned their posts in the afternoon.")
                                  or re.search(_TOWARDS_A_BORDER, text[m.end():hi], re.I)):  # ("fled towards the border": from the
                # place the passage is about)
                said_next = _AND_THAT.search(text, m.end())
                ends = [x.start() for x in (said_next, group2, next_verb) if x is not None]
                place = self._passage_city(i, s, m.end(), min(ends) if ends else None)  # "Troops withdrew to the
                # airport": the passage's city (not a place of a second thing said, "... and that ...", nor of a second
                # group's crossing, "..., and 300 of them walked across the Friendship Bridge")
            if place is None:
                return []
            if official is not None and place.place_type == "province":
                place = self.gaz.capital_of(place.name) or place  # "the governor of Badakhshan was flown out": his seat
            province = place.province or (place.name if place.place_type == "province" else province)
            related.add(_place_id(place))
        key = dest or _place_id(place)
        own_day = elliptic and any(d.start >= group_at for d in self._dates_in(text))
        if second:
            return [MentionDraft(event_type="troops_fled", key=country, place=_country_place(country, self.gaz), pos=m.start(),
                                 outcomes=set(), negated=negated, priority=2, related={_place_id(_country_place(country, self.gaz))},
                                 count=None, count_text="", destination=country, province=province, actor="afghan_forces")
                    for country in (dest, second)]  # the count, if any, is the two groups' together: not either's
        return [MentionDraft(event_type="troops_fled", key=f"{key}#{m.start()}" if elliptic else key, place=place, pos=m.start(),
                 outcomes=set(), negated=negated, priority=2, related=related, count=count,
                 count_text=count.text if count else "", destination=dest, province=province,
                 actor="afghan_forces", date_from=group_at if own_day else None)]  # "and 40 more ... on Monday": its day

    @staticmethod
    def _earlier_destination(s: _Sent, r: _Ref) -> bool:
        """True when `r` is where an earlier flight of the sentence went ('fled towards Pul-e-Alam ..., leaving their
        posts'): not a place left."""
        if not _DESTINATION_TAIL.search(s.text, max(0, r.start - 50), r.start):
            return False
        if r.moved_to:
            return True  # ("ordered us to withdraw to Kunduz city, and we withdrew the same day": Kunduz is where they went)
        return any(kind == "fled" and any(t.end() <= r.start for t in rx.finditer(s.text, 0, r.start))
                   for kind, rx, _ in s.triggers)

    def _dateline_state(self) -> str:
        """The neighbouring state of the article's dateline town ('Quetta' -> Pakistan), '' when none."""
        return FOREIGN_TOWNS.get((self.article.dateline or "").strip().lower(), "")

    def _districts_left(self, s: _Sent, last: _Ref, before: list[_Ref]) -> list[Place]:
        """The districts of a list ending at `last` before a flight verb ('In Qaisar and Almar, police withdrew')."""
        for r in sorted(before, key=lambda r: r.start):
            if r is last:
                break
            items = [it for it, _ in self._read_list(s, r, last.end)[0]]
            if items and items[-1] is last:
                places = [d[0] for it in items for d in [_as_district(it, self.gaz)] if d is not None]
                if len(places) == len(items):
                    return places
                # (else a shorter list may still end there: "In Balkh, the district centres of Kaldar and Shortepa")
        return []

    def _districts_listed(self, s: _Sent, first: _Ref, hi: int) -> list[Place]:
        """The districts of a list opening at `first` after a flight verb, when every item is a district."""
        items = [it for it, _ in self._read_list(s, first, hi)[0]]
        places = [d[0] for it in items for d in [_as_district(it, self.gaz)] if d is not None and
                  _as_capital(it, self.gaz) is None]
        return places if len(places) == len(items) else []

    @staticmethod
    def _departure(text: str, m: re.Match[str], verb: str) -> bool:
        """True for a second verb of leaving after "and" ('and flew to Kabul', 'and he left for Kabul')."""
        return bool(_FLEW_AFTER.match(verb) or (
            _LEFT_AFTER.match(verb) and _AND_SUBJECT_BEFORE.search(text, max(0, m.start() - 12), m.start())))

    @staticmethod
    def _gave_up_before(text: str, m: re.Match[str], lo: int) -> bool:
        """True when the clause before a departure gave a place up ('handed over the city ... and flew to Kabul')."""
        return _GAVE_UP.search(text, min(lo, max(0, m.start() - 150)), m.start()) is not None

    def _soldiers_speak(self, i: int, s: _Sent) -> bool:
        """Whether "we" in sentence i are Afghan soldiers or police: a soldier speaks in it, or in the quotation it
        goes on ('Witness S.A., a soldier of a kandak, said: "Khanabad went on 21 June. We fell back ..."'), or the page
        is told by one ("our kandak", "I was a police officer", "we soldiers")."""
        if any(_TROOP_RE.search(s.text, a, b) for a, b in s.speaker_spans):
            return True
        for j in range(i - 1, max(-1, i - 4), -1):
            prev = self.sents[j]
            if any(_TROOP_RE.search(prev.text, a, b) for a, b in prev.speaker_spans) or _SERVED.search(prev.text):
                between = self.text[prev.sentence.start:s.sentence.start]
                if between.count('"') % 2 == 1 or between.count("“") > between.count("”") or (
                        j == i - 1 and s.text.lstrip().startswith(('"', "“"))):
                    return True  # (the quotation opened there is still open here, or opens here after what he said:
                    # 'Rahmatullah said he had served in Dand Patan. "On 13 July we made a tactical withdrawal ..."')
        if self._military_voice is None:
            self._military_voice = bool(_MILITARY_FIRST_PERSON.search(self.text))
        return self._military_voice

    def _passage_city(self, i: int, s: _Sent, verb_end: int, upto: int | None = None) -> Place | None:
        """The one capital or district named in this sentence, else in the nearest of the two sentences before
        (not when the sentence opens on a place the gazetteer does not know: 'At Doshi, police withdrew'; not an
        office's place after the verb: '..., said a member of the Kunduz provincial council')."""
        opener = _OPENING_PLACE.match(s.text)
        if opener is not None and not any(r.start <= opener.start(1) < r.end for r in s.refs):
            return None
        if any(not any(r.start <= site.start(1) < r.end for r in s.refs) for site in _UNKNOWN_SITE.finditer(s.text)):
            return None  # "abandoned their posts at Wesh ... and pulled back": a place the gazetteer does not know
        here = [r for r in s.refs if upto is None or r.start < upto]  # (not a place of a second thing said after "and that")
        if _ITS_TROOPS.match(s.text):
            here = []  # "Its police withdrew to A the same day, and B was abandoned": "its" looks back, not ahead
        for k, text, refs in [(i, s.text, here)] + [(j, self.sents[j].text, self.sents[j].refs)
                                                    for j in range(i - 1, max(-1, i - 3), -1)]:
            prefix = _DATELINE_PREFIX.match(text)  # ("KABUL - Bamyan was handed over on Saturday.": not Kabul)
            cut = _locating_label_end(text, k, refs)
            cut = cut if cut >= 0 else (prefix.end() if prefix is not None else -1)
            found = {p.place_id: p for r in refs if not r.in_speaker and not r.remote
                     and not r.end <= cut
                     and (not _DESTINATION_TAIL.search(text, max(0, r.start - 50), r.start)  # "flown to Kabul": where they went
                          or _ATTACKERS_INTO.search(text, max(0, r.start - 60), r.start))  # ("the fighters got into Kunduz")
                     and not (refs is here and _office_after_verb(text, r, verb_end))
                     and not _timing_anchor(text, r)  # ("a day after Pul-e-Khumri")
                     and not _apposed_to_destination(text, r, refs)  # ("to Maidan Shahr, the provincial capital,")
                     for p in [_as_capital(r, self.gaz) or (_as_district(r, self.gaz) or (None,))[0]] if p is not None}
            if found:
                core = {p.place_id for r in refs if not r.peripheral and not r.remote and not r.in_speaker  # (as found)
                        for p in [_as_capital(r, self.gaz) or (_as_district(r, self.gaz) or (None,))[0]] if p is not None} & set(found)
                if len(found) > 1 and k == i - 1 and _ITS_TROOPS.match(s.text):
                    last = self._last_fallen(k, found)  # "A fell on Saturday, and B was overrun on Friday. Its police
                    if last is not None:  # withdrew to C the same day": the place whose fall was told last
                        return last
                if len(found) > 1 and len(core) == 1:  # "Gereshk, on the Kandahar-Herat highway, was overrun. Its garrison
                    return found[core.pop()]  # was evacuated": the road's towns are no place the passage is about
                return next(iter(found.values())) if len(found) == 1 else None
        return None

    def _their_districts(self, i: int, s: _Sent) -> list[Place]:
        """The districts whose asserted loss the sentence before told, which "their" troops at the head of sentence i
        belong to."""
        if i == 0:
            return []
        out: dict[str, Place] = {}
        for d in self.drafts:
            if d.sent_index == i - 1 and d.mention.modality == "asserted" and d.mention.stance == "asserted" and \
                    d.mention.event_type == "district_seized" and d.mention.place_type == "district":
                place = self.gaz.get(d.mention.place_id)
                if place is not None:
                    out.setdefault(place.place_id, place)
        return list(out.values())

    def _last_fallen(self, k: int, found: dict[str, Place]) -> Place | None:
        """Of the places `found` in sentence k, the one place whose asserted fall its last clause tells, if any."""
        text = self.sents[k].text
        clause = max(text.rfind(", and "), text.rfind("; "), 0)
        fallen = {(d.mention.place, d.mention.province) for d in self.drafts if d.sent_index == k and d.pos >= clause
                  and d.mention.modality == "asserted" and d.mention.event_type in ("district_seized", "capital_entered")}
        hits = [p for p in found.values() if (p.name, p.province) in fallen]
        return hits[0] if len(fallen) == 1 and len(hits) == 1 else None

    def _speaker_spans_of(self, text: str) -> list[tuple[int, int]]:
        """Speaker spans of the sentence with this text."""
        for s in self.sents:
            if s.text == text:
                return s.speaker_spans
        return []

    def _foreign_town(self, s: _Sent, lo: int, hi: int) -> str:
        """The country of a foreign border town named between lo and hi ('landed in Termez'), outside speakers."""
        for fm in _FOREIGN_TOWN_RE.finditer(s.text, lo, hi):
            if any(a <= fm.start() < b for a, b in s.speaker_spans) or \
                    re.search(r"\bfrom\s+(?:the\s+)?$", s.text[max(0, fm.start() - 12):fm.start()], re.I) or \
                    SEAT_OF_SPEAKERS.search(s.text, max(0, fm.start() - 50), fm.start()):
                continue  # the speaker's town ("told our correspondent in Chaman"), or where they came from
            return FOREIGN_TOWNS[fm.group(1).lower()]
        return ""

    def _recent_destination(self, i: int, window: int = 6) -> str:
        """The destination of the latest asserted troops_fled mention in the few sentences before sentence i."""
        for d in reversed(self.drafts):
            if d.sent_index < i - window:
                break
            m = d.mention
            if d.sent_index < i and m.event_type == "troops_fled" and m.destination and m.stance == "asserted" and m.modality == "asserted":
                return m.destination
        return ""

    def _troop_count(self, text: str, pos: int) -> Count | None:
        """The number of people who fled: a count just before a troop noun, nearest the verb."""
        best = None
        spans = self._speaker_spans_of(text)
        contrast = text.find(", while ", pos)  # "withdrew towards A, while about 40 crossed into B": the other group's
        and_that = _AND_THAT.search(text, pos)  # ("... had abandoned their posts and that dozens of
        if and_that is not None and (contrast < 0 or and_that.start() < contrast):  # police crossed into Iran")
            contrast = and_that.start()
        for c in _find_counts(text):
            if any(a <= c.start < b for a, b in spans) or 0 <= contrast < c.start:
                continue
            if _SUBCOUNT_BEFORE.search(text, max(0, c.start - 30), c.start):
                continue  # "Forty-six soldiers, including five officers": a part, not the whole
            if c.start > pos and _AND_COUNT_BEFORE.search(text, max(0, c.start - 40), c.start):
                continue  # "abandoned Nawur and Ajristan on Saturday, and about 60 commandos were airlifted out of
                # Malistan": the count of a group opening its own clause
            follow = text[c.end:c.end + 70]
            if re.match(r"\s*(?:%|percent|per\s+cent|km|kilomet|miles?|days?|hours?|years?|districts?|provinces?)",
                        follow, re.I):
                continue
            if re.match(r"(?:st|nd|rd|th)?\s+(?:\w+\s+)?(?:corps|brigade|division|regiment|battalion)\b", follow, re.I):
                continue  # "the 207 Corps", "the 215th Corps": a unit's number, not a count of men
            if re.match(r"\s*(?:[\w\-]+\s+){0,3}?(?:aircraft|helicopters?|planes?|jets?|vehicles?|trucks?|tanks?|"
                        r"humvees?)\b", follow, re.I):
                continue  # "two Afghan army helicopters carrying troops": machines counted, not men
            if re.match(r"\s+more\s+(?:[\w\-]+\s+){0,2}?(?:capitals?|cities|city|districts?|provinces?|towns?|crossings?|"
                        r"posts?|bases?|checkpoints?)\b", follow, re.I):
                continue  # "took three more provincial capitals": places counted, not men
            if c.start > pos and re.search(r"(?<!\balong\s)(?<!\btogether\s)\bwith\s+$", text[max(0, c.start - 16):c.start], re.I) \
                    and not re.match(r"\s*(?:[\w\-]+\s+){0,3}?(?:on\s+board|aboard)\b", follow, re.I):
                continue  # "fell back ..., with a few commandos": others beside them (a plane "with 60 soldiers" carries them)
            if re.search(rf"\b(?:{_TROOP})\b[^.;]{{0,40}},\s*numbering\s+$", text[max(0, c.start - 90):c.start], re.I):
                if best is None or abs(c.start - pos) < abs(best.start - pos):
                    best = c  # "The servicemen of the army, numbering 1,037 people, crossed": the group's size
                continue
            if re.match(r"\s+of\s+them\s+(?:were\s+|being\s+)?[a-z]", follow):
                continue  # "46 Afghan soldiers, five of them officers": a part of the group, not its number
            if re.match(r"\s+of\s+them\b", follow, re.I) and re.search(
                    rf"\b(?:{_TROOP})\b[^.;]{{0,60}},\s*$", text[max(0, c.start - 80):c.start], re.I):
                pass  # "The soldiers who were left, a few hundred of them, fell back": the subject's number
            elif re.match(r"\s+(?:more|others?)\b", follow, re.I) or re.search(r"\b(?:another|a\s+further)\s+$", text[max(0, c.start - 12):c.start], re.I):
                if c.start > pos and re.search(r"[,;]|\b(?:after|before|while|when|as|and)\b", text[pos:c.start], re.I):
                    continue  # "300 troops have fled, a day after 1,000 others crossed": the later group's own number
                pass  # "another 45 fled", "a further 60 crossed", "70 more walked across": a second group
            elif _GROUP_OF.search(text, max(0, c.start - 40), c.start):
                pass  # "A second group of 17 came across": the group's number
            elif not re.match(r"\s*(?:(?-i:[A-Z]{2,6})\s+)?(?:(?:more|other|afghan|government|security|military|army|border|national|police|"
                            r"armed|of\s+the|of\s+their|of\s+its|of\s+his|of\s+her|of|pro-government|local|senior|soldiers\s+and|fleeing|retreating|"
                            r"escaping)\s+){0,3}"
                            rf"(?:{_TROOP}|(?<=his\s)men|(?<=their\s)men)\b", follow, re.I):  # ("30 of his men")
                continue
            if best is None or abs(c.start - pos) < abs(best.start - pos):
                best = c
        return best

    def _crossing_in_article(self, i: int, country: str) -> Place | None:
        """The nearest named border crossing with `country` in the article."""
        order = sorted(range(len(self.sents)), key=lambda j: (abs(j - i), j))
        for j in order:
            for r in self.sents[j].refs:
                for p in _readings(r):
                    if p.place_type == "border_crossing" and _neighbour(p, self.gaz) == country:
                        return p
        return None

    def _recent_crossing(self, i: int, s: _Sent, pos: int) -> Place | None:
        """A border crossing named in this sentence (before pos) or the three before."""
        pools = [[r for r in s.refs if r.start < pos]] + [self.sents[j].refs for j in range(i - 1, max(-1, i - 4), -1)]
        for pool in pools:
            for r in reversed(pool):
                for p in _readings(r):
                    if p.place_type == "border_crossing":
                        return p
        return None
