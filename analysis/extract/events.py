"""Event mentions and district tallies read from one article's sentences (rules of EVENTS.md)."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

from analysis.extract import claims
from analysis.extract.dates import small_number
from analysis.extract.prefilter import Prefilter
from analysis.ids import mention_ids
from analysis.records import Article, ArticleResult, Claim, Count, Mention, Place, Sentence, Tally

# ----------------------------------------------------------------------------------------------
# vocabulary

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

_TROOP = (
    r"soldiers?|troops|servicem[ae]n|service\s+members|(?:security\s+|military\s+)?personnel|"
    r"(?:security|government|afghan|national|border|defen[cs]e)\s+forces|forces|police(?:men|women)?|"
    r"policem[ae]n|officers?|officials|commandos|army|militiam[ae]n|(?:border\s+)?guards|"
    r"military(?!\s+(?:aircraft|helicopters?|planes?|vehicles?|equipment|hardware|bases?|jets?))|"
    r"members\s+of\s+the\s+(?:afghan\s+)?(?:security|armed|national)\s+forces|recruits|staff|"
    r"pilots|crew|units?|battalions?|governors?|deputies|deputy\s+governors?|district\s+chiefs?|police\s+chiefs?|"
    r"garrisons?|conscripts|cadets|bodyguards|(?:customs|border|port)\s+(?:workers|employees|staff)"
)
_TROOP_RE = re.compile(rf"\b(?:{_TROOP})\b", re.I)
_NOT_TROOP_RE = re.compile(
    r"\b(?:civilians?|families|family|residents?|people|refugees|prisoners|inmates|detainees|children|"
    r"women|villagers|afghans|migrants|taliban|insurgents|militants|fighters|journalists|diplomats|"
    r"interpreters|workers|thousands|households|nomads|students|traders|passengers|relatives|wives|"
    r"dependa?nts)\b",
    re.I,
)
_FOREIGN_TROOP_RE = re.compile(
    r"\b(?:u\.?s\.?|american|nato|foreign|international|coalition|british|german|western|allied|"
    r"turkish|australian|canadian|french)\s+(?:\w+\s+)?(?:troops|forces|soldiers|personnel|military)",
    re.I,
)
_NOT_FLED_ACT = re.compile(
    r"\b(?:surrender\w*|joined\s+(?:the\s+)?(?:taliban|insurgents|militants)|defect\w*|switched\s+sides|"
    r"laid\s+down|lay\s+down|handed\s+over\s+their\s+weapons|were\s+captured|taken\s+prisoner|returning|"
    r"returned|repatriat\w*)\b",
    re.I,
)

# ---- triggers (kind, regex, voice) --------------------------------------------------------------
_BY_TALIBAN = r"(?:the\s+)?(?:taliban|insurgents|militants|islamic\s+emirate|rebels)"
_REL_AGENT = (r"(?:the\s+)?(?:taliban(?:\s+fighters)?|insurgents|militants|(?:insurgent\s+|militant\s+)?group|"
              r"rebels|islamic\s+emirate)")
_TRIGGERS: list[tuple[str, re.Pattern[str], str]] = [
    # "after Islam Qala, which the group took on 8 July": the antecedent place taken, with the clause's own date
    ("relative", re.compile(
        rf",?\s+(?:which|that)\s+{_REL_AGENT}\s+(?:(?:had|has|have|then|later|eventually|also|first|\w+ly)\s+){{0,2}}"
        r"(?:took(?:\s+over)?|taken(?:\s+over)?|captured|seized|overran|overrun|stormed|entered)\b", re.I), "relative"),
    ("nth", re.compile(
        r"\b(?:provincial\s+)?capitals?\s+(?:city\s+)?(?:to\s+(?:fall|be\s+(?:captured|taken|seized|overrun))|"
        r"(?:captured|taken|seized|overrun)\s+by|to\s+have\s+fallen|lost\s+to)\b", re.I), "passive"),
    ("entry", re.compile(r"\b(?:provincial\s+)?capitals?\s+(?:city\s+)?(?:to\s+be\s+)?entered\b", re.I), "passive"),
    ("repel", re.compile(
        r"\b(?:re-?took|re-?tak(?:e|en|es|ing)|recaptur(?:e|ed|es|ing)|"
        r"(?:took|take|taken|takes|taking)\s+back(?:\s+(?:full\s+)?control\s+(?:of|over))?|"
        r"wrest(?:ed|ing|s)?\s+back(?:\s+(?:full\s+)?control\s+(?:of|over))?|"
        r"regain(?:ed|s|ing)?\s+(?:full\s+)?control\s+(?:of|over)|"
        r"clear(?:ed|ing|s)?\s+(?:the\s+(?:city|town|area)\s+)?of\s+(?:the\s+)?(?:taliban|insurgents|militants|enemy)|"
        r"clear(?:ed|ing|s)?(?=\s+(?:the\s+(?:city|town)\s+of\s+)?[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)?\s+of\s+(?:the\s+)?"
        r"(?:taliban|insurgents|militants|enemy))|"
        r"(?:drove|driven|drive|driving|push(?:ed|es|ing)?|forc(?:ed|ing)|chas(?:ed|ing)|expell?(?:ed|ing)|"
        r"evict(?:ed|ing)|flush(?:ed|ing)|repell?(?:ed|ing))\s+(?:\w+\s+){0,3}?(?:out\s+of|back\s+from|from))\b",
        re.I), "active"),
    ("state", re.compile(
        rf"\b(?:(?:came|come|comes|coming|fallen|fell|brought)\s+under\s+(?:the\s+)?(?:control\s+of\s+{_BY_TALIBAN}|"
        rf"(?:taliban|insurgent)(?:'s|’s)?\s+control)|"
        rf"(?:is|are|was|were|been|remains?|now|already)\s+(?:now\s+|fully\s+|firmly\s+|completely\s+)?"
        rf"(?:under\s+(?:the\s+)?(?:full\s+|complete\s+)?(?:control\s+of\s+{_BY_TALIBAN}|(?:taliban|insurgent)(?:'s|’s)?\s+control)|"
        rf"in\s+(?:the\s+)?(?:hands\s+of\s+{_BY_TALIBAN}|taliban(?:'s|’s)?\s+hands)|"
        rf"controlled\s+by\s+{_BY_TALIBAN})|"
        rf"\bpass(?:ed|es|ing)?\s+(?:in)?to\s+(?:the\s+)?(?:control\s+of\s+{_BY_TALIBAN}|(?:taliban|insurgent)(?:'s|’s)?\s+"
        rf"(?:control|hands)))", re.I), "passive"),
    ("capture", re.compile(
        rf"\b(?:fell|fall(?:en|s|ing)?)(?!\s+back)(?!\s+silent)(?:\s+(?:to|into\s+the\s+hands\s+of)\s+{_BY_TALIBAN})?|"
        rf"\blost\s+to\s+{_BY_TALIBAN}|\bhand(?:ed|s)?\s+(?:over\s+)?to\s+{_BY_TALIBAN}|"
        rf"\bhanded\s+over(?=[^.;]{{0,50}}\bto\s+(?:the\s+)?(?:taliban|insurgents|militants))|"
        rf"\bhanded\s+over(?=\s+[\"“']?without\s+(?:a\s+)?(?:fight|shot|resistance))|"
        rf"(?:(?<=\bwas\s)|(?<=\bwere\s))taken(?=\s+(?:(?:on|in|late|early)\s+(?:the\s+)?(?:\w+day|morning|afternoon|"
        rf"evening|night)|overnight|yesterday|last\s+night)\b)", re.I), "passive"),
    ("capture", re.compile(r"\b(?:fall|capture|seizure|takeover|overrunning)\s+of\b", re.I), "active"),
    ("capture", re.compile(
        r"\b(?:seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|overr(?:an|un|uns|unning)|overwhelm(?:ed|ing)|"
        r"(?:took|take|taken|takes|taking)\s+(?:full\s+|complete\s+|effective\s+)?(?:control\s+(?:of|over)|over)|"
        r"(?:gain(?:ed|s|ing)?|won|wins|winning|assum(?:ed|e|ing)|grabb?(?:ed|ing)?|establish(?:ed|ing)?)\s+"
        r"(?:full\s+|complete\s+)?control\s+(?:of|over)|lost\s+control\s+(?:of|over)|"
        r"(?:took|taken|take|taking)(?=\s+(?:the\s+(?:city|town|provincial|district|border|key|strategic)|[A-Z])))\b",
        re.I), "active"),
    ("entry", re.compile(
        r"\b(?:enter(?:ed|s|ing)?|storm(?:ed|s|ing)?|breach(?:ed|es|ing)?|infiltrat(?:ed|ing)|penetrat(?:ed|ing)|"
        r"(?:push(?:ed|es|ing)?|swept|sweep(?:s|ing)?|roll(?:ed|ing)?|march(?:ed|ing)?|mov(?:ed|ing)|broke|"
        r"burst|stream(?:ed|ing)|pour(?:ed|ing)|advanced|made\s+(?:their|its)\s+way|fought\s+(?:their|its)\s+way)"
        r"\s+into|(?:were|are|was|is)\s+(?:now\s+|already\s+)?(?:inside|in\s+the\s+(?:streets|centre|center|heart)\s+of)|"
        r"reached\s+(?:the\s+)?(?:centre|center|heart|central\s+(?:parts|square|areas?))\s+of)\b", re.I), "active"),
    ("contested", re.compile(
        r"\b(?:fighting|battling|clashes|clashing|battles?|gunfire|gun\s*battles?|street\s+battles?)\s+(?:\w+\s+){0,4}?"
        r"(?:inside|in\s+the\s+(?:centre|center|heart|streets)\s+of|in\s+the\s+streets\s+of|"
        r"(?:reached|reaching|reach|spread\s+to|spread\s+into)\s+(?:the\s+)?(?:central\s+parts|centre|center|heart|"
        r"city\s+cent(?:re|er)|main\s+square)(?:\s+of)?)", re.I), "active"),
    ("fled", re.compile(
        r"\b(?:fled|flee(?:s|ing)?|escap(?:ed|es|ing)\s+(?:across|into|to|over|through)|"
        r"cross(?:ed|es|ing)?\s+(?:over\s+)?(?:into|onto|the\s+(?:border|frontier|river|amu\s+darya))|"
        r"cross(?:ed|es|ing)?\s+(?:[\w\-’']+\s+){1,7}?(?:into|to|onto)\s+(?:neighbou?ring\s+|the\s+)?"
        r"(?=(?:Tajik|Uzbek|Iran|Pakistan|Turkmen))|"
        r"(?:abandon(?:ed|s|ing)?|desert(?:ed|s|ing)?|left|leaving|quit|fled|flee(?:ing)?)\s+(?:their|its|his|her|the)\s+"
        r"(?:[\w\-’']+\s+){0,3}?(?:posts?|positions?|bases?|checkpoints?|outposts?|barracks|headquarters|compounds?|"
        r"garrisons?)|"
        r"fl(?:ew|own)\s+(?:\w+\s+){0,4}?(?:into|to)\s+(?:neighbou?ring\s+)?(?=(?:Tajikistan|Uzbekistan|Iran|Pakistan|Turkmenistan))|"
        r"evacuated\s+(?:\w+\s+){0,3}?(?:to|into)\s+(?:neighbou?ring\s+)?(?=[A-Z])|"
        r"(?:given|granted|provided|offered|received|sought|seek(?:ing)?|took|taken|found|gave|give|giving|"
        r"request(?:ed|s|ing)?|ask(?:ed|s|ing)?\s+for|appeal(?:ed|s|ing)?\s+for|appl(?:ied|y|ying)\s+for)\s+"
        r"(?:\w+\s+)?(?:shelter|refuge|asylum|safe\s+passage|sanctuary)|"
        r"retreat(?:ed|ing)?\s+(?:across|into|onto)|withdr(?:ew|awn|awing)\s+(?:across|into)\s+(?:the\s+border|neighbou?ring|[A-Z])|"
        r"(?:entered|entering|enter)\s+(?:\w+\s+)?(?:territory|soil)|"
        r"land(?:ed|s|ing)\s+(?:safely\s+)?(?:in|at))\b", re.I), "active"),
]
# Literal stems every match of a trigger contains (lowercase): a trigger is only run on a sentence
# holding one of them, which skips most sentences of an article cheaply.
_TRIGGER_KEYS: list[tuple[str, ...]] = [
    ("which", "that"),
    ("capital",),
    ("entered",),
    ("took", "take", "taking", "captur", "wrest", "regain", "clear", "drov", "drive", "driving", "push", "forced",
     "forcing", "chased", "chasing", "expel", "evict", "flush", "repel"),
    ("under", "hands", "controlled", "pass"),
    ("fell", "fall", "lost", "hand", "taken"),
    ("fall", "capture", "seizure", "takeover", "overrunning"),
    ("seiz", "captur", "overr", "overwhelm", "took", "take", "taking", "control"),
    ("enter", "storm", "breach", "infiltrat", "penetrat", "into", "inside", "street", "centre", "center", "heart",
     "reached"),
    ("fighting", "clashes", "clashing", "battl", "gunfire"),
    ("fled", "flee", "escap", "cross", "abandon", "desert", "left", "leaving", "quit", "flew", "flown", "evacuated",
     "shelter", "refuge", "asylum", "passage", "sanctuary", "retreat", "withdr", "territory", "soil", "land"),
]
assert len(_TRIGGER_KEYS) == len(_TRIGGERS)

# stems a denial or a "still under government control" statement needs
_DENIAL_KEYS: tuple[str, ...] = ("deni", "deny", "reject", "dismiss", "refut", "false", "baseless", "untrue",
                                 "propaganda", "control", "hands", "not", "n't", "n’t", "never", "repel", "repuls",
                                 "foiled", "thwarted", "back")
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|be|got|get|gets|had|has|have)\s+(?:(?:\w+ly|also|now|already|reportedly|"
    r"then|since|just|largely)\s+)?$", re.I)
# a relative clause closed by a comma right before the verb (and its auxiliaries): parenthetical to the subject
_REL_CLOSED = re.compile(r"[^,;:.]{1,90},\s*(?:(?:was|were|is|are|has|have|had|been|also|then|later|\w+ly)\s+){0,3}")
# ", and Y ..." after a clause with a finite verb of its own: a second coordinated clause
_AND_CLAUSE = re.compile(r",\s+and\s+(?=[A-Z])")
_FINITE_EVENT = re.compile(r"\b(?:fell|was|were|captured|seized|overran|took|entered|stormed|is|are)\b")
# between a part and its total: "26 of Badakhshan's 28 districts", "five of the province's 12"
_PART_OF_GAP = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?(?:\s+province)?|province)(?:'s|’s|')\s+)?")
# a plural subject naming no place ("Three more provincial capitals", "two other districts") and the colon
# that opens its list after the verb
_PLURAL_SUBJECT = re.compile(
    r"\b(?:capitals|cities|districts|district\s+centres|district\s+centers)\s+(?:(?:also|have|had|were|was|now)\s+)*$", re.I)
_COLON_LIST = re.compile(r"[^.;:\"“”]{0,120}?:\s*(?:the\s+)?(?=[A-Z])")
_IN_PROVINCE_GAP = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:\w+ern|neighbou?ring)\s+)?")
# a modal verb phrase whose coordinated second verb is the trigger ("could isolate X ... and possibly take it")
_MODAL_COORD = re.compile(
    r"\b(?:could|might|may|would|will|can)\s+(?:\w+\s+){1,8}?(?:and|or)\s+(?:(?:possibly|perhaps|probably|eventually|"
    r"even|then|later|ultimately|potentially)\s+)?$", re.I)
# "a day after X", "two days before X": X is dated relative to the clause's date
_DAYS_AFTER = re.compile(r"\b(?P<n>a|one|two|three|the)\s+days?\s+(?P<dir>after|before)\s+(?=[A-Z])", re.I)
# a perfect auxiliary before an active participle ("have also seized", "had already overrun"): not a passive
_PERFECT_AUX = re.compile(
    r"\b(?:had|has|have)\s+(?:(?:\w+ly|also|now|already|since|just|again|reportedly)\s+){0,2}$", re.I)
_BY_AGENT = re.compile(rf"^\s+(?:by|to)\s+{_BY_TALIBAN}", re.I)
_GOV_AGENT = re.compile(
    r"\b(?:government|afghan|security|national|special|pro-government|defen[cs]e)\s+(?:forces|troops|commandos)|"
    r"\bcommandos\b|\b(?:the\s+)?army\b|\bsoldiers\b|\bpolice\b|\btroops\b|\bmilitia(?:men)?\b|\bwe\b|\bour\s+forces\b",
    re.I)
_TALIBAN_AGENT = re.compile(r"\b(?:taliban|insurgents?|militants?|rebels|enemy|fighters|they)\b", re.I)
_MODAL_BEFORE = re.compile(
    r"\b(?:could|might|may|would|will|shall|can|cannot|should|must|'ll|’ll)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:threat\w*|plan\w*|vow\w*|attempt\w*|tr(?:y|ied|ies|ying)|aim\w*|seek\w*|sought|want\w*|intend\w*|"
    r"prepar\w*|poised|expected|likely|about|ready|fail\w*|unable|hop\w*|bid|effort\w*|order\w*|"
    r"prevent\w*|refus\w*|push\w*|determined|pledg\w*|promis\w*|sworn|swore|going|set|need\w*|urg\w*|"
    r"call\w*|allow\w*|able|designed|move|moves|moving|order|operations?|offensives?|counter-?offensives?|"
    r"campaign|mission|drive)[\"”’']?\s+(?:\w+\s+){0,2}?to\s+(?:\w+\s+){0,4}$"
    r"|\b(?:in\s+an?\s+(?:attempt|bid|effort)\s+to|in\s+order\s+to)\s+(?:\w+\s+)?$",
    re.I)
_SUCCESS_KEYS: tuple[str, ...] = ("manag", "began", "begun", "started", "continu", "came")
_MODAL_KEYS: tuple[str, ...] = ("could", "might", "may", "would", "will", "shall", "can", "should", "must", "'ll", "’ll")
_SUCCESS_TO = re.compile(r"\b(?:managed|managing|manages|began|begun|started|continued|continue|came)\s+to\s+(?:\w+\s+){0,4}$", re.I)
_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n't|n’t|\bnever|\bno\s+longer|\byet\s+to|\bfailed\s+to|\bunable\s+to|\bwithout)\s+(?:\w+\s+){0,2}$",
    re.I)
_CONDITIONAL_START = re.compile(r"^\W*(?:if|unless|should|whether|once)\b", re.I)
_PERIPHERAL_BEFORE = re.compile(
    r"(?:\b(?:outskirts|edge|edges|fringes?|gates|periphery|vicinity|suburbs?|approaches|doorstep|environs)\s+"
    r"of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:(?:city|town|capital)\s+of\s+)?|"
    r"\b(?:around|near|nearby|close\s+to|closer\s+to|outside|surround\w*|encircl\w*|besieg\w*|siege\s+(?:of|on)|"
    r"toward|towards|approach\w*|threaten\w*|advance\s+on|march\s+on|km\s+from|kilometres\s+from|miles\s+from|"
    r"attack\w*\s+(?:on\s+)?|assault\s+on|offensive\s+on|push\s+on)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:(?:city|town|capital)\s+of\s+)?)$",
    re.I)
_LANDMARK_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|provincial\s+capital|capital)\s+of\s+)?|"
    r"\bbetween\s+[\w\-’' ]{1,30}\s+and\s+|\bbetween\s+|\b(?:road|highway|route|motorway)\s+(?:to|from|between|linking)\s+|"
    r"\b(?:linking|connecting|km|kilometres|kilometers|miles)\s+(?:\w+\s+){0,3}?(?:from|of|to)?\s*|"
    r"\b(?:from|to)\s+(?=\S*$)[\w\-]*-)$",
    re.I)
# stems every match of _PERIPHERAL_BEFORE / _LANDMARK_BEFORE / _CAPITAL_OF contains (cheap pre-checks)
_PERIPHERAL_KEYS: tuple[str, ...] = (
    "outskirts", "edge", "fringe", "gates", "periphery", "vicinity", "suburb", "approach", "doorstep", "environs",
    "around", "near", "close", "outside", "surround", "encircl", "besieg", "siege", "toward", "threaten", "advance",
    "march", "km", "kilometres", "miles", "attack", "assault", "offensive", "push")
_LANDMARK_KEYS: tuple[str, ...] = (
    "north", "south", "east", "west", "between", "road", "highway", "route", "motorway", "linking", "connecting",
    "km", "kilometres", "kilometers", "miles")
_CAPITAL_KEYS: tuple[str, ...] = ("capital", "city", "cent")
_LANDMARK_AFTER = re.compile(r"^(?:-[\w’'\-]+)?\s+(?:highway|road|motorway|route|airport|air\s+base|airbase|dam)\b|^-[A-Z]", re.I)
_GAP_WORDS = frozenset(
    """the a an of key strategic strategically important city town provincial province capital district districts
    border crossing crossings centre center headquarters northern southern western eastern north south east west
    northeastern northwestern southeastern southwestern north-eastern north-western south-eastern south-western
    control full complete effective over most all parts part large much nearby neighbouring neighboring remote entire
    whole another second third major main trading port town's city's nearly almost about more than some several
    areas area outlying rural located mountainous restive besieged embattled heart downtown and commercial hub gateway
    symbolic sprawling into in its their itself key northernmost southernmost also swiftly quickly largely
    strategically-located home bustling ancient historic small big defences defenses perimeter river dry inland land
    afghan side customs frontier post at busy lucrative vital crucial centres centers compound compounds seat seats
    administrative""".split()
)
_CONTRA = re.compile(
    r"\bunder\s+(?:\w+\s+){0,2}?(?:government|our)(?:'s|’s)?\s+control|\bin\s+government\s+hands|"
    r"\brepell?(?:ed|ing)\s+(?:the|their|an?)\s+(?:\w+\s+)?(?:attack|assault|advance)|\bpushed\s+(?:them|the\s+\w+)\s+back|"
    r"\bbeat\s+back|\bdeni\w*|\breject\w*|\bfalse\b|\bbaseless\b|\buntrue\b|\bpropaganda\b|"
    r"\b(?:attacks?|assaults?|advances?)\b[^.;]{0,60}?\b(?:had\s+been|has\s+been|have\s+been|was|were)\s+(?:\w+ly\s+)?"
    r"(?:repell?ed|repulsed|beaten\s+back|pushed\s+back)",
    re.I)
_BUILDING_AFTER = re.compile(
    r"^\s+(?:(?:the|key|several|some|many|main|most|all)\s+)*(?:(?:local|provincial|city|district)\s+)?"
    r"(?:government\s+(?:buildings?|offices?|compounds?|facilities|installations)|police\s+(?:headquarters|hq|"
    r"stations?|chief's\s+office)|governor(?:'s|’s)?\s+(?:office|compound|house|residence|palace)|prisons?|jails?|"
    r"(?:spy\s+agency|intelligence|nds)\s+(?:offices?|headquarters)|provincial\s+(?:office|headquarters)|"
    r"offices\s+of|buildings?|headquarters|(?:radio|tv)\s+station|city\s+cent(?:re|er))",
    re.I)
_CAPITAL_OUTCOME: dict[str, tuple[str, ...]] = {
    "capture": ("fell",), "nth": ("fell",), "state": ("fell",), "entry": (), "repel": ("repelled",),
    "contested": ("contested",)}
_LIST_GAP = re.compile(
    r"(?:\s+(?:city|town|district))?\s*(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
    r"(?:the\s+)?(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*"
    r"(?:(?:(?:provincial\s+)?capital|city|town|district)\s+(?:city\s+)?of\s+)?",
    re.I)
# an appositive after a list item: "Pul-i-Khumri, the capital of Baghlan province, and Farah city"
_APPOSITIVE_HEAD = re.compile(
    r"(?:\s+(?:city|town|district))?\s*,\s*(?:the\s+|a\s+)?(?:(?:\w+ern|provincial|main|key|strategic|administrative|"
    r"largest|biggest|second|third)\s+)*(?:capital|centre|center|seat|hub|city|town|headquarters)\s+(?:city\s+)?of\s+"
    r"(?:the\s+)?(?:(?:\w+ern|neighbou?ring|restive|remote|key|strategic)\s+)*",
    re.I)
_PROVINCE_TAIL = re.compile(r"\s+province\b", re.I)
# an open appositive before a verb ("Zaranj, the centre of Nimroz province and the first ..., fell"): its "and" is
# no clause break
_APPOSITIVE_OPEN = re.compile(
    r",\s*(?:the|a)\s+(?:[\w\-]+\s+){0,2}?(?:capital|centre|center|seat|hub|city|town)\s+of\s+[^,;:]*$", re.I)
# "fell on August 6, followed by Farah city ... on August 10": the same verb for the place after "followed by"
_FOLLOWED_BY = re.compile(
    r"[,;]?\s+(?:and\s+)?(?:then\s+|later\s+|soon\s+|quickly\s+)?followed\s+(?:\w+ly\s+)?by\s+(?:the\s+)?"
    r"(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*(?:(?:(?:provincial\s+)?capital|city|town|district)\s+"
    r"(?:city\s+)?of\s+)?",
    re.I)
# what may follow the verb of a relative clause whose object is the antecedent ("which the group took on 8 July")
_REL_AFTER = re.compile(
    r"\s*(?:[,.;:)—–]|$)|\s+(?:on|in|at|last|earlier|this|after|before|during|late|early|overnight|without|with|"
    r"from|by|since|within|only|just|two|three|a\s+few|\w+day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d)",
    re.I)
_LOCATIVE_TAIL = re.compile(
    r"(?:\s+(?:city|town|district|crossing|border\s+crossing|port))?\s+in\s+(?:the\s+)?(?:(?:\w+ern|neighbou?ring)\s+)?$",
    re.I)
_OWNER_AFTER = re.compile(r"(?:\s+province)?(?:'s|’s|')\s+(?:[\w\-]+\s+){0,2}?districts\b", re.I)
_OWNER_BEFORE = re.compile(r"\bdistricts\s+(?:of|in)\s+(?:the\s+)?(?:province\s+of\s+)?$", re.I)
_IT_OBJECT = re.compile(r"\s+it\b(?!\s*(?:'s|’s|is|was|has|had|would|will|could|did|may|might)\b)", re.I)
_IT_SUBJECT = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|but|then|as|when|before|after|until)\s+)\W*\bit\s+(?:(?:had|has|have|was|also|finally|"
    r"eventually|later|soon|quickly|now|reportedly|then)\s+)*(?:been\s+)?$",
    re.I)
_OTHER_NOUN = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?!(?:city|town|provincial|capital|district|province|taliban|insurgents|"
    r"militants|government|afghan|country|north|south|east|west|\w+ern|same|next|following|previous|weekend|"
    r"morning|afternoon|evening|night|day|week|end|past|last|first|early|late)\b)[a-z]",
    re.I)
_DESTINATION_BEFORE = re.compile(r"\b(?:for|to|towards?)\s+(?:the\s+)?$", re.I)
_PREPOSITION_BEFORE = re.compile(  # a place qualifying a noun: "a police post near Ghazni"
    r"\b(?:the|a|an|its|their|his|her)\s+(?:[\w\-’']+\s+){0,3}?(?:in|at|near|outside|around|from|of|on|by|through|"
    r"across|via|past|beyond|between|and|with|within|inside)\s+(?:the\s+)?$", re.I)
_CITY_OF_BEFORE = re.compile(r"\b(?:city|town|capital|provincial\s+capital|district)\s+of\s+(?:the\s+)?$", re.I)
_FIGURE_BEFORE = re.compile(  # "puts the number held by the Taliban at", "the number of districts ... rose to"
    r"\b(?:(?:put|puts|putting|placed|places|placing|estimat\w*|gave|gives|giving)\s+the\s+(?:total\s+)?"
    r"(?:number|figure|tally|total|count)\b(?P<mid>[^.;]{0,90}?)\s+at|"
    r"\b(?:number|figure|tally|total|count)\s+(?P<of>of\s+(?:[\w\-]+\s+){0,2}?districts?(?:\s+cent(?:re|er)s)?)\b"
    r"(?P<mid2>[^.;]{0,90}?)\s+(?:stands\s+at|stood\s+at|is|was|has\s+(?:risen|climbed|grown)\s+to|"
    r"had\s+(?:risen|climbed|grown)\s+to|rose\s+to|climbed\s+to|grew\s+to|(?:has\s+)?reached|at))\s+$",
    re.I)
_DENIED_REPORTS = re.compile(
    r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\s+(?:the\s+)?(?P<owner>(?:[\w’'\-]+\s+){0,3}?)"
    r"(?:reports?|claims?|rumou?rs?|allegations?|assertions?|accounts?)\s+(?:that|of)\b",
    re.I)
_PLURAL_HEAD = re.compile(
    r"\s+(?:the\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|more|other|key|remaining|"
    r"strategic|northern|southern|eastern|western)\s+){0,3}(?:provincial\s+)?(?:capitals|cities|districts|"
    r"border\s+crossings)\s*(?::|—|–|--|,)\s*(?:(?:including|namely)\s+)?(?:the\s+(?:city|cities|districts?)\s+of\s+)?",
    re.I)
_AMONG = re.compile(
    r"(?:(?:,|\s[—–-]{1,2}|:)\s*|\(\s*(?=[A-Z])|\(\s*)(?:(?:among\s+(?:them|which|those|others)|including|"
    r"such\s+as|namely|notably|in\s+particular)\s+|(?<=\())(?:the\s+)?(?:districts?\s+of\s+)?",
    re.I)
_DISTRICT_SEAT_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:(?:(?-i:[A-Z])[\w\-’']+\s+){1,3})?(?:(?:main|local|key|nearby|remote|besieged|embattled|government|administrative)\s+)*"
    r"district(?:'s|’s)?\s+"
    r"(?:headquarters|hq|compound|cent(?:re|er)|administration|administrative\s+cent(?:re|er)|offices?|"
    r"buildings?|seat|governor(?:'s|’s)?\s+(?:office|compound)|police\s+(?:headquarters|station))\b",
    re.I)
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

_DENY_OBJECT = re.compile(
    r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\s+(?:\w+\s+){0,3}?(?:reports?|claims?|allegations?|"
    r"accounts?|rumou?rs?|news|assertions?|it|this|that)\b|"
    r"\b(?:reports?|claims?)\s+(?:\w+\s+){0,3}?(?:were|are|was|is)\s+(?:\w+\s+)?(?:false|baseless|untrue|propaganda|"
    r"not\s+true|groundless)\b|\b(?:false|baseless|untrue)\b",
    re.I)
_GOV_CONTROL_STILL = re.compile(
    r"\b(?:still|remain(?:s|ed)?|remaining|continues?\s+to\s+be|continued\s+to\s+be)\s+(?:\w+\s+){0,2}?"
    r"(?:under|in)\s+(?:the\s+)?(?:full\s+)?(?:control\s+of\s+(?:the\s+)?(?:afghan\s+)?(?:government|security|"
    r"defen[cs]e|national|army|police)|government(?:'s|’s)?\s+control|government\s+hands|hands\s+of\s+(?:the\s+)?"
    r"government|our\s+control)",
    re.I)
# "the area was under the control of Afghan forces", "the port is under the control of our forces": a government
# statement of control (no "still" needed), read as a denial only when an official says it about a place
_GOV_FORCES_CONTROL = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|stays?|stayed|been)\s+(?:(?:still|firmly|fully|completely|entirely|"
    r"very\s+much)\s+)*(?:under\s+(?:the\s+)?(?:full\s+|complete\s+|firm\s+)?control\s+of\s+(?:the\s+)?(?:our|government|"
    r"afghan|security|national|defen[cs]e|pro-government)\s+(?:(?:and\s+)?(?:security|defen[cs]e|government|national|"
    r"armed|afghan)\s+)*(?:forces|troops|army|police|soldiers)|in\s+(?:the\s+)?hands\s+of\s+(?:the\s+)?(?:our|government|"
    r"afghan|security)\s+(?:\w+\s+)?(?:forces|troops))\b",
    re.I)
_GOV_FORCES_CONTROL_KEYS: tuple[str, ...] = ("control", "hands")
# the subject of such a statement must be a place or a place noun ("the situation is under control" is not)
_CONTROL_SUBJECT = re.compile(
    r"(?:\b(?:area|areas|district|city|town|crossing|port|posts?|checkpoints?|border|province|capital|centre|center|"
    r"headquarters|compound|gate|it)|\b[A-Z][\w\-’']+)(?:\s+(?:there|itself|themselves))?\s+$")
# a retake makes the control statement a report of recapture, not a denial
_RETAKE_CUE = re.compile(r"\b(?:now|again|back|re-?took|re-?taken|retak\w*|recaptur\w*|regain\w*|cleared)\b", re.I)
# "the crossing had not been lost", "the district has not been captured": an official denies the loss
_NOT_LOST = re.compile(
    r"\b(?:has|had|have|was|were|is|are)\s*(?:not|n't|n’t|never)\s+(?:been\s+)?(?:lost|captured|taken|seized|overrun|"
    r"fallen)\b|\b(?:did|does|do)\s*(?:not|n't|n’t)\s+(?:fall|lose)\b",
    re.I)
_NOT_LOST_KEYS: tuple[str, ...] = ("not", "n't", "n’t", "never")
# passive "the Taliban attack on the district had been repelled": the capture is contradicted
_ATTACK_REPELLED = re.compile(
    r"\b(?:attacks?|assaults?|offensives?|advances?|attempts?)\b[^.;]{0,60}?\b(?:had|has|have)?\s*(?:been|was|were)\s+"
    r"(?:(?:\w+ly|successfully)\s+)?(?:repell?ed|repulsed|foiled|thwarted|(?:pushed|beaten|driven)\s+back)\b",
    re.I)
_ATTACK_REPELLED_KEYS: tuple[str, ...] = ("repel", "repuls", "foiled", "thwarted", "back")
# a place inside an organisation phrase ("the defence ministry in Kabul", "officials in Herat"): where the speaker is
_ORG_PLACE_BEFORE = re.compile(
    r"\b(?:ministry|ministries|officials?|authorities|government|spokes(?:man|woman|person)|police|army|corps|"
    r"headquarters|office|embassy|consulate|sources?|commanders?|correspondents?|officers?)\s+(?:based\s+)?(?:in|at|from)\s+"
    r"(?:the\s+)?$",
    re.I)
# a place noun with no name: a statement with it and no place of its own is about the place just reported
_PLACE_NOUN = re.compile(
    r"\b(?:the|this|that)\s+(?:area|district|city|town|crossing|port|border\s+posts?|posts?|province|capital|"
    r"region|sector)\b|\bthere\b",
    re.I)
# a denial that points back at a claim already reported ("rejected the claim", "denied it"), not one with its own
# content ("rejected allegations that Pakistan was ...")
_DENY_BACK = re.compile(
    r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\s+(?:(?:the|that|this|these|those|such|their|its|his)\s+)?"
    r"(?:[\w’'\-]+\s+){0,2}?(?:claims?|reports?|accounts?|statements?|allegations?|assertions?|it|this|that)\b"
    r"(?!\s+(?:that|of|about|by)\b)",
    re.I)
# "the (Taliban) attack": a definite attack is the one just reported
_THE_ATTACK = re.compile(r"\b(?:the|this|that|their|its)\s+(?:taliban\s+|insurgents?(?:'|’)?\s+|enemy(?:'s|’s)?\s+)?"
                         r"(?:attacks?|assaults?|offensive)\b", re.I)
# a denial with a content clause of its own ("rejected allegations that Pakistan had sheltered fighters"): about the
# previous sentence's event only when that clause speaks of such an event
_DENY_OWN_CONTENT = re.compile(
    r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\s+(?:[\w’'\-]+\s+){0,3}?(?:claims?|reports?|allegations?|"
    r"accusations?|charges?|suggestions?|assertions?)\s+(?:that|of|about)\b(?P<content>[^.;]*)",
    re.I)
_EVENT_WORD = re.compile(
    r"\b(?:fell|fallen|fall|captur\w*|seiz\w*|taken|took|overr\w*|lost|fled|flee\w*|abandon\w*|cross\w*|entered|"
    r"control|posts?|refuge|shelter|asylum)\b",
    re.I)
_SAY_DATE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|confirmed|stated|added|tweeted)"
    r"(?:\s+on\s+condition\s+of\s+anonymity)?\s+(?:late\s+|early\s+)?$",
    re.I)
_BOUNDARY = re.compile(
    r";|\s—\s|\s–\s|\s--\s|:\s|[“”\"]|\.\s|,?\s+\b(?:while|whereas|as|after|before|but|when|because|although|"
    r"though|since|until|amid|where|which|who|that|and\s+(?=(?:the|a|an|officials|government|afghan|he|she|they|"
    r"it|we|security|troops|many|some|other)\b))\b",
    re.I)
_ANAPHORA = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:provincial|province's|province’s)\s+(?:capital|centre|center)(?:\s+city)?|"
    r"(?:city|town)(?!\s+of\b)(?!\s+(?:council|police|officials?|residents?|authorities)\b)|"
    r"province(?!\s+of\b)(?!s)|district(?!s)(?!\s+of\b)(?!\s+(?:chief|governor|police|council)\b)|"
    r"(?:border\s+)?crossing(?!s)|border\s+(?:post|town|port)|(?:dry\s+)?port(?!s)(?!\s+of\b)|capital(?!\s+of\b)(?!s))\b",
    re.I)
_ANAPHORA_KEYS: tuple[str, ...] = ("capital", "centre", "center", "city", "town", "province", "district",
                                   "crossing", "border", "port")
_PREFILTER = Prefilter([*_TRIGGER_KEYS, _ANAPHORA_KEYS])  # one scan per article for every stem above
_CAPITAL_OF = re.compile(
    r"\b(?:the\s+)?(?:provincial\s+)?(?:capital|main\s+city|administrative\s+cent(?:re|er)|provincial\s+cent(?:re|er))"
    r"(?:\s+city)?\s+of\s+(?:the\s+)?(?:(?:\w+ern|key|strategic|restive|remote|mountainous|neighbouring|"
    r"neighboring)\s+)*(?:province\s+of\s+)?$",
    re.I)
_CAPITAL_AFTER = re.compile(
    r"^(?:\s+province)?(?:'s|’s|')\s+(?:provincial\s+)?(?:capital|main\s+city|provincial\s+cent(?:re|er))(?:\s+city)?\b|"
    r"^\s+(?:provincial|province's|province’s)\s+(?:capital|centre|center)(?:\s+city)?\b",
    re.I)
_PROVINCE_WORD_AFTER = re.compile(r"^(?:\s+|-)province\b|^(?:'s|’s|')\s", re.I)
_DISTRICT_WORD = re.compile(r"\bdistricts?\b", re.I)
_QUANT_DISTRICTS = re.compile(
    r"\b(?P<q>all(?:\s+(?:the|of\s+the|its|\d+))?|most(?:\s+of\s+the)?|(?:the\s+)?rest\s+of\s+the|(?:the\s+)?other|"
    r"remaining|every)\s+(?:(?:\w+ern|rural|remaining|other|key|outlying)\s+)?districts?\b",
    re.I)
_MOST_OF = re.compile(
    r"\b(?P<q>most|much|large\s+parts|the\s+rest|the\s+remainder|all)\s+of\s+(?:the\s+)?(?:(?:\w+ern|remote|"
    r"mountainous|key|strategic|neighbouring|neighboring)\s+)*$",
    re.I)
_AFTER_DISTRICTS_LINK = re.compile(
    r"^\s+(?:(?:more|other|key|rural|strategic|\w+ern|outlying|remaining)\s+){0,2}districts?\b"
    r"(?:\s+(?:administrative\s+)?(?:cent(?:re|er)s|headquarters|seats))?"
    r"(?:\s+(?:outside\s+the\s+(?:provincial\s+)?capital\s+)?(?:of|in|across|within|from)\s+(?:the\s+)?"
    r"(?:(?:\w+ern|key|strategic|neighbouring|neighboring)\s+)*)?",
    re.I)
_NATIONAL = re.compile(
    r"\b(?:in\s+afghanistan|across\s+(?:the\s+)?(?:country|afghanistan)|nationwide|of\s+the\s+country|"
    r"country's|country’s|afghanistan's|afghanistan’s|around\s+the\s+country|in\s+the\s+country)\b",
    re.I)
_HOLD_VERB = re.compile(
    r"\b(?:captur\w*|seiz\w*|overr\w*|control\w*|hold|holds|held|taken|took|fallen|fell|gain\w*|"
    r"in\s+(?:their|its|taliban)\s+hands|under\s+(?:its|their|taliban)\s+control)\b",
    re.I)
_CROSSING_WITH = re.compile(
    r"\bdistricts?\b[^.;]{0,100}?\b(?:border\s+crossing|crossing|border\s+post|(?:dry\s+)?port|trade\s+route|"
    r"customs\s+post)\b[^.;]{0,25}?\b(?:with|to|into|from)\s+(?:neighbou?ring\s+)?(?P<c>\w+)",
    re.I)
_ACROSS_BORDER = re.compile(r"\b(?:border|frontier|river|amu\s+darya)\b", re.I)
_FOREIGN_SOURCE = re.compile(
    r"\b(tajik|tajikistan|uzbek|uzbekistan|iran|iranian|pakistan|pakistani|turkmen|turkmenistan|china|chinese)"
    r"(?:'s|’s)?\s+(?:\w+\s+){0,3}?(?:border\s+guards?|officials?|authorities|ministry|government|state|"
    r"military|army|forces|committee|service)",
    re.I)
# "planes and helicopters carrying 585 Afghan military personnel ... landed in": aircraft bringing troops out
# (military nouns only: "a plane carrying Afghan officials landed in Tashkent" is a visit)
_AIRCRAFT_CARRYING = re.compile(
    r"\b(?:(?:air)?planes?|aircraft|helicopters?|choppers?|jets?|flights?|airplanes?)\b[^.;]{0,80}?"
    r"\b(?:carrying|with|transporting|ferrying|bringing|full\s+of|loaded\s+with)\s+[^.;]{0,50}?\b(?:soldiers?|troops|"
    r"servicem[ae]n|service\s+members|personnel|forces|police(?:men)?|policem[ae]n|commandos|officers|pilots|airmen|"
    r"crews?|army|guards)\b",
    re.I)
_AIRCRAFT_KEYS: tuple[str, ...] = ("plane", "aircraft", "helicopter", "chopper", "jet", "flight")
# a troop noun coordinated with another noun ("soldiers and customs workers", "troops, police and civilians")
_COORDINATED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s*&\s*|\s+or\s+)(?:[\w\-’']+\s+){0,2}",
    re.I)
_KIN_OF = re.compile(
    r"\b(?:families|family\s+members|relatives|wives|children|dependa?nts|parents)\s+of\s+(?:[\w\-]+\s+){0,3}$", re.I)
# verbs of flight that bring the destination along from the article's previous flight ("given safe passage")
_SHELTER_VERB = re.compile(r"shelter|refuge|asylum|sanctuary|safe\s+passage", re.I)
_SUBCOUNT_BEFORE = re.compile(
    r"(?:\bincluding|\bincl\.|\bamong\s+(?:them|whom|those)|\bof\s+(?:them|whom)|\bamong)\s+(?:at\s+least\s+|some\s+)?$",
    re.I)
# the say-verb of a trailing attribution after the event ("..., the military's media wing said on Monday")
_TRAILING_SAY = re.compile(
    r",\s*[^,;]{1,100}?(?<!\bwas)(?<!\bwere)(?<!\bbeen)(?<!\bis)(?<!\bare)\s+(?:said|says|told\s+\w+(?:\s+\w+)?|"
    r"announced|reported|confirmed|stated|added|tweeted)(?:\s+on\s+condition\s+of\s+anonymity)?\s+(?:late\s+|early\s+)?$",
    re.I)


# ----------------------------------------------------------------------------------------------
# records private to this module


@dataclass(frozen=True)
class _Ref:
    """A place reference inside one sentence (named, 'capital of P', or anaphora)."""

    place: Place
    start: int
    end: int
    kind: str  # named | capital_of | anaphora
    peripheral: bool = False
    in_speaker: bool = False
    province_word: bool = False
    candidates: tuple[Place, ...] = ()


@dataclass
class _Sent:
    """Everything read from one sentence."""

    sentence: Sentence
    text: str
    refs: list[_Ref] = field(default_factory=list)
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    low: str = ""  # the text lowercased, for keyword checks
    triggers: list[tuple[str, re.Pattern[str], str]] = field(default_factory=list)  # triggers whose stems occur


@dataclass
class _Draft:
    """A mention before ids are assigned, with what denials need to relate it to places."""

    mention: Mention
    sent_index: int
    pos: int
    related: frozenset[str]
    priority: int


# ----------------------------------------------------------------------------------------------
# helpers


def _norm(name: str) -> str:
    """Lowercase a place name and unify separators for table lookups."""
    return re.sub(r"[\s\-‐’'`]+", " ", name.lower()).strip()


def _pub_high(published: date | None, precision: str) -> date | None:
    """Return the latest day the publication date allows."""
    if published is None:
        return None
    if precision == "month":
        return date(published.year, published.month, monthrange(published.year, published.month)[1])
    return published


def _place_id(place: Place) -> str:
    """Return a stable id for a place (its gazetteer id, else type:name)."""
    return place.place_id or f"{place.place_type}:{place.name}"


def _readings(ref: _Ref) -> tuple[Place, ...]:
    """Every reading of a reference: the resolved place first, then the other candidates."""
    out = [ref.place]
    for c in ref.candidates:
        if c not in out:
            out.append(c)
    return tuple(out)


def _as_capital(ref: _Ref, gaz: object) -> Place | None:
    """Read a reference as a provincial capital if it can be one ('Kunduz' the city, not 'Kunduz province')."""
    if ref.province_word:
        return None
    for p in _readings(ref):
        if p.place_type == "capital":
            return p
    return None


def _as_province(ref: _Ref, gaz: object) -> Place | None:
    """Read a reference as a province if it can be one."""
    for p in _readings(ref):
        if p.place_type == "province":
            return p
    if ref.province_word:
        try:
            return gaz.province(ref.place.name)  # type: ignore[attr-defined]
        except Exception:
            return None
    return None


def _as_district(ref: _Ref, gaz: object) -> tuple[Place, Place | None] | None:
    """Read a reference as a district (a border crossing gives its district); returns (district, crossing)."""
    if ref.province_word:
        return None
    readings = _readings(ref)
    if any(p.place_type == "capital" for p in readings) and ref.place.place_type != "district":
        return None
    for p in readings:
        if p.place_type == "district":
            crossing = next((q for q in readings if q.place_type == "border_crossing"), None)
            return p, crossing
    for p in readings:
        if p.place_type == "border_crossing":
            return _crossing_district(p, gaz), p
    return None


def _crossing_district(crossing: Place, gaz: object) -> Place:
    """Return the district holding a border crossing (the crossing itself if the gazetteer lacks it)."""
    if crossing.district:
        try:
            for p in gaz.lookup(crossing.district):  # type: ignore[attr-defined]
                if p.place_type == "district" and (not crossing.province or p.province == crossing.province):
                    return p
        except Exception:
            pass
        return Place(place_id=f"district:{crossing.district}", name=crossing.district, place_type="district",
                     province=crossing.province, district=crossing.district,
                     latitude=crossing.latitude, longitude=crossing.longitude)
    return crossing


def _neighbour(crossing: Place) -> str:
    """Return the country across a border crossing ('' when unknown)."""
    for key in (_norm(crossing.name), _norm(crossing.district)):
        if key in CROSSING_NEIGHBOUR:
            return CROSSING_NEIGHBOUR[key]
    country = getattr(crossing, "country", "")
    if country and country != "Afghanistan":
        return country
    return ""


def _capital_of(province: Place, gaz: object) -> Place | None:
    """Return the capital of a province through the gazetteer."""
    try:
        return gaz.capital_of(province.name)  # type: ignore[attr-defined]
    except Exception:
        return None


def _country_place(name: str, gaz: object) -> Place:
    """Return the gazetteer entry of a country (a bare Place when the gazetteer has none)."""
    try:
        for p in gaz.lookup(name):  # type: ignore[attr-defined]
            if p.place_type == "country":
                return p
    except Exception:
        pass
    return Place(place_id=f"country:{name}", name=name, place_type="country", country=name)


# ----------------------------------------------------------------------------------------------
# place references


def _peripheral(before: str) -> bool:
    """True when the words before a place put it on the outskirts, nearby or under attack."""
    low = before.lower()
    return any(k in low for k in _PERIPHERAL_KEYS) and _PERIPHERAL_BEFORE.search(before) is not None


def _landmark(before: str) -> bool:
    """True when the words before a place make it a landmark ('west of Herat', 'the road to Kabul')."""
    low = before.lower()
    return (low.rstrip("\n").endswith("-") or any(k in low for k in _LANDMARK_KEYS)) and \
        _LANDMARK_BEFORE.search(before) is not None


def _sentence_refs(text: str, offset: int, pms: list, gaz: object, history: list[list[_Ref]],
                   speaker_spans: list[tuple[int, int]]) -> list[_Ref]:
    """Build the place references of one sentence: named places, 'capital of P' and resolved anaphora."""
    refs: list[_Ref] = []
    for pm in pms:
        s, e = pm.start - offset, pm.end - offset
        if s < 0 or e > len(text):
            continue
        place = pm.place
        if place.place_type == "country" or place.country not in ("", "Afghanistan"):
            continue
        before = text[max(0, s - 70):s]
        capital_after = _CAPITAL_AFTER.match(text[e:e + 40])
        pword = bool(_PROVINCE_WORD_AFTER.match(text[e:e + 12])) and not capital_after
        has_prov = any(c.place_type == "province" for c in (pm.place, *pm.candidates))
        pword = pword or pm.text.lower().endswith("province") or (has_prov and bool(
            re.search(r"\bprovinces?\s+(?:of|in)\s+(?:the\s+)?$", before, re.I)
            or re.search(r"\b[A-Z][\w\-’']*\s+districts?\s+(?:of|in)\s+$", before)))
        if re.match(r"^(?:'s|’s|')\s", text[e:e + 4]) and not re.search(r"province", text[e:e + 14], re.I):
            pword = any(c.place_type == "province" for c in (pm.place, *pm.candidates))
        ref = _Ref(place=place, start=s, end=e, kind="named",
                   peripheral=_peripheral(before) or _landmark(before) or bool(_LANDMARK_AFTER.match(text[e:e + 30])),
                   in_speaker=any(a <= s and e <= b for a, b in speaker_spans),
                   province_word=pword, candidates=tuple(pm.candidates))
        refs.append(ref)
        # "the capital of P" / "P's provincial capital" / "P province's main city"
        capital_before = _CAPITAL_OF.search(before) if any(k in before.lower() for k in _CAPITAL_KEYS) else None
        prov = _as_province(ref, gaz) if (pword or capital_before or capital_after) else None
        if prov is not None:
            cap = None
            mb = capital_before
            ma = capital_after
            if mb or ma:
                cap = _capital_of(prov, gaz)
            if cap is not None:
                cs = s - len(mb.group(0)) if mb else s
                ce = e + (ma.end() if ma else 0)
                refs.append(_Ref(place=cap, start=cs, end=ce, kind="capital_of",
                                 peripheral=_peripheral(text[max(0, cs - 70):cs]),
                                 in_speaker=ref.in_speaker))
    low = text.lower()
    for m in _ANAPHORA.finditer(text) if any(k in low for k in _ANAPHORA_KEYS) else ():
        word = m.group(0).lower()
        if any(r.start <= m.start() < r.end for r in refs):
            continue
        target = _resolve_anaphor(word, refs, m.start(), history, gaz)
        if target is None:
            continue
        before = text[max(0, m.start() - 70):m.start()]
        refs.append(_Ref(place=target, start=m.start(), end=m.end(), kind="anaphora",
                         peripheral=_peripheral(before),
                         in_speaker=any(a <= m.start() and m.end() <= b for a, b in speaker_spans),
                         province_word=target.place_type == "province"))
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


def _resolve_anaphor(word: str, current: list[_Ref], pos: int, history: list[list[_Ref]], gaz: object) -> Place | None:
    """Resolve 'the city', 'the provincial capital', 'the province', 'the district', 'the crossing'."""
    pools = [[r for r in current if r.end <= pos]] + [list(h) for h in reversed(history[-3:])]
    if "crossing" in word or "border" in word or word.endswith("port"):
        want = ("border_crossing",)
    elif "district" in word:
        want = ("district", "border_crossing")
        pools = pools[:3]
    elif "province" in word and "capital" not in word and "centre" not in word and "center" not in word:
        want = ("province",)
    elif "city" in word or "town" in word:
        want = ("capital",)
    else:  # provincial capital / capital / provincial centre
        want = ("capital", "province")
    for pool in pools:
        for r in reversed(pool):
            for p in _readings(r):
                if "province" in want and p.place_type == "province" and (
                        r.province_word or r.kind != "named" or not any(q.place_type == "capital" for q in _readings(r))):
                    if want == ("province",):
                        return p
                    cap = _capital_of(p, gaz)
                    if cap is not None:
                        return cap
                if p.place_type in want and p.place_type != "province":
                    if p.place_type == "capital" and r.province_word:
                        continue
                    return p
            if want == ("province",) and r.place.province and r.place.place_type in ("capital", "district", "border_crossing"):
                try:
                    prov = gaz.province(r.place.province)  # type: ignore[attr-defined]
                except Exception:
                    prov = None
                if prov is not None:
                    return prov
    return None


# ----------------------------------------------------------------------------------------------
# scopes, modality, dates, counts


def _scope_after(text: str, end: int, limit: int = 170) -> int:
    """Return where the object scope after a verb ends (next clause break)."""
    hi = min(len(text), end + limit)
    for m in _BOUNDARY.finditer(text, end, hi):
        word = m.group(0).strip(" ,").lower()
        if word in ("which", "who", "that") and m.start() - end < 3:
            continue
        # keep appositive "X, the capital of P, ..." and lists "A, B and C"
        return m.start()
    return hi


def _scope_before(text: str, start: int, limit: int = 170) -> int:
    """Return where the subject scope before a verb begins (previous clause break)."""
    lo = max(0, start - limit)
    cut = lo
    last_rel = None
    for m in _BOUNDARY.finditer(text, lo, start):
        word = m.group(0).strip(" ,").lower()
        if word in ("which", "who", "that") and (start - m.end() < 30 or _REL_CLOSED.fullmatch(text, m.end(), start)):
            last_rel = m  # "A and B districts, which had been contested for months, were overrun"
            continue
        if word.startswith("and") and "," in text[max(lo, m.start() - 90):m.start()] and \
                _APPOSITIVE_OPEN.search(text, max(lo, m.start() - 90), m.start()):
            continue  # "Zaranj, the centre of Nimroz province and the first capital taken, fell"
        cut = m.end()
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


def _gap_ok(gap: str) -> bool:
    """True when only determiners, adjectives and place words separate a verb from its object place
    (or a plural head introducing a list: 'seized three more provincial capitals: A, B and C')."""
    words = re.findall(r"[\w’'\-]+", gap.lower())
    return (len(words) <= 9 and all(w in _GAP_WORDS or w.isdigit() for w in words)) or \
        _PLURAL_HEAD.fullmatch(gap) is not None


def _modal(text: str, start: int, end: int, noun: bool = False) -> bool:
    """True when a trigger is only a possibility, plan, threat or attempt."""
    before = text[max(0, start - 70):start]
    low = before.lower()
    clause = text[_scope_before(text, start, 90):start]
    if any(k in low for k in _SUCCESS_KEYS) and _SUCCESS_TO.search(before):
        return False
    if ("to" in low or any(k in low for k in _MODAL_KEYS)) and _MODAL_BEFORE.search(before[-60:]) and \
            _MODAL_BEFORE.search(clause + " ") is not None:
        return True
    clow = clause.lower()
    if any(k in clow for k in _MODAL_KEYS) and re.search(r"\b(?:could|might|may|would|will)\s+(?:\w+\s+){0,3}$", clause):
        return True
    if " and " in low or " or " in low:
        # "could isolate Herat within 30 days and possibly take it": a modal verb phrase coordinated with the trigger
        if _MODAL_COORD.search(before):
            return True
    if ("if" in clow or "unless" in clow or "whether" in clow) and re.search(r"\b(?:if|unless|whether)\b", clause, re.I):
        return True
    if ("of" in low or "to" in low) and re.search(
            r"\b(?:intention|intent|plans?|threats?|attempts?|bid|efforts?|aim|goal|hopes?|ability|"
            r"capacity|chance|risk|danger|prospect)\s+(?:of|to)\s+(?:\w+\s+){0,2}$", before, re.I):
        return True
    if noun and re.search(r"^[^.;]{0,60}?\b(?:would|could|might|may|will)\b", text[end:], re.I):
        return True
    return False


def _negated(text: str, start: int) -> bool:
    """True when the verb is negated ('has not fallen', 'did not enter')."""
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 40):start]))


def _pick_date(dates: list, pos: int, text: str, pub_high: date | None) -> tuple[date | None, date | None, str]:
    """Return the date range of the temporal expression closest to a verb (open below when none)."""
    cands = [d for d in dates if d.low is not None or d.high is not None]
    said = [_said_date(d, pos, text) for d in cands]
    if not all(said):  # a day something was said yields to a day of the event itself
        cands = [d for d, sd in zip(cands, said) if not sd]
    best = None
    best_d = 10 ** 9
    for d in cands:
        dist = d.start - pos if d.start >= pos else pos - d.end
        if dist < best_d:
            best, best_d = d, dist
    if best is None:
        return None, pub_high, ""
    low, high = best.low, best.high
    if best.end <= pos and ("after" in text or "before" in text):
        # "Y fell on Saturday, a day after X became the first ...": X's day is the day before
        rel = None
        for rel in _DAYS_AFTER.finditer(text, best.end, pos):
            pass
        if rel is not None:
            n = small_number(rel.group("n"))[0]
            shift = timedelta(days=-n if rel.group("dir").lower() == "after" else n)
            low = low + shift if low is not None else None
            high = high + shift if high is not None else None
    if _said_date(best, pos, text):
        low = None  # the day it was said: an upper bound for the event
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high, best.text


def _said_date(d: object, pos: int, text: str) -> bool:
    """True when a date is the day of saying: 'officials said on Monday that ...' before the verb, or a
    trailing ', the ministry said on Monday' after it."""
    start = d.start  # type: ignore[attr-defined]
    if not _SAY_DATE.search(text[max(0, start - 40):start]):
        return False
    return start < pos or _TRAILING_SAY.search(text, pos, start) is not None


def _stated_number(count: Count) -> tuple[int | None, int | None]:
    """Return (low, high) of a count, keeping the stated figure for 'more than N' (EVENTS.md)."""
    low, high = count.low, count.high
    if count.qualifier in ("more_than", "at_least") and low is not None:
        digits = re.sub(r"[^\d]", "", count.text)
        if digits.isdigit() and int(digits) in (low - 1, low):
            low = int(digits)
    if low is not None and low < 0:
        low = 0
    if low is not None and high is not None and high < low:
        high = low
    return low, high


@lru_cache(maxsize=8192)
def _find_counts(text: str) -> tuple[Count, ...]:
    """Counts in a sentence (empty on any reader failure; cached, as syndicated copy repeats sentences)."""
    try:
        from analysis.extract.numbers import find_counts
        return tuple(c for c in find_counts(text) if 0 <= c.start <= c.end <= len(text))
    except Exception:
        return ()


@lru_cache(maxsize=8192)
def _outcome_cues_of(text: str) -> tuple[str, ...]:
    """The outcome cues ('repelled', 'fell', 'contested') a sentence holds."""
    low = text.lower()
    return tuple(name for name, rx in _OUTCOME_CUES if any(k in low for k in _OUTCOME_KEYS[name])
                 and any(name != "repelled" or not _gov_retreat(text, m) for m in rx.finditer(text)))


def _gov_forces_control(text: str) -> bool:
    """True for 'the area was under the control of Afghan forces' said of a place, not of a retake."""
    for m in _GOV_FORCES_CONTROL.finditer(text):
        lo = _scope_before(text, m.start(), 90)
        if _CONTROL_SUBJECT.search(text, max(lo, m.start() - 40), m.start()) and \
                not _RETAKE_CUE.search(text, lo, m.end()):
            return True
    return False


def _gov_retreat(text: str, m: re.Match[str]) -> bool:
    """True for 'government forces retreated to the airport': a retreat whose subject is the government
    side means the city fell, not that the attack was repelled."""
    if not m.group(0).lower().startswith("retreat"):
        return False
    subject = re.split(r"[,;:]", text[max(0, m.start() - 80):m.start()])[-1]
    return bool(_GOV_AGENT.search(subject) or re.search(r"\bofficials\b", subject, re.I)) and \
        not _TALIBAN_AGENT.search(subject)


# ----------------------------------------------------------------------------------------------
# the extractor


class _Pos:
    """A trigger match moved to a later position (a colon list read as the verb's object)."""

    def __init__(self, m: re.Match[str], start: int) -> None:
        self._m = m
        self._start = start

    def start(self) -> int:
        """Where the moved trigger now starts."""
        return self._start

    def end(self) -> int:
        """Where the moved trigger now ends (same as its start)."""
        return self._start

    def group(self, n: int = 0) -> str:
        """The original trigger text."""
        return self._m.group(n)


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


class _Extractor:
    """Reads one article sentence by sentence."""

    def __init__(self, article: Article, gaz: object) -> None:
        self.article = article
        self.gaz = gaz
        self.text = article.text or ""
        self.pub_high = _pub_high(article.published, article.published_precision or "day")
        self.sents: list[_Sent] = []
        self.drafts: list[_Draft] = []
        self.tallies: list[Tally] = []
        self.speakers = _Speakers(self)
        self.denials: list[tuple[int, str, Claim, set[str], bool]] = []

    # -- setup -----------------------------------------------------------------------------
    def prepare(self) -> None:
        """Split sentences and find the place references of each."""
        from analysis.extract.places import find_places
        sentences = list(self.article.sentences) or _split(self.text)
        try:
            pms = sorted(find_places(self.text, self.gaz), key=lambda p: (p.start, p.end))
        except Exception:
            pms = []
        history: list[list[_Ref]] = []
        j = 0
        cues = _PREFILTER.scan(self.text, sentences)
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
            triggers = [t for g, t in enumerate(_TRIGGERS) if g in found]
            spans: list[tuple[int, int]] = []
            if mine or triggers or len(_TRIGGERS) in found:
                # speaker spans only matter where places or triggers are
                spans = [(a.start, a.end) for a in claims.find_attributions(stext)
                         if a.form in ("forward", "inverted", "according", "quoted")
                         and (a.end - a.start < 160 or (a.form == "forward" and len(a.speaker) < 80))]
            refs = _sentence_refs(stext, sent.start, mine, self.gaz, history, spans)
            self.sents.append(_Sent(sentence=sent, text=stext, refs=refs, speaker_spans=spans, low=low,
                                    triggers=triggers))
            history.append(refs)

    # -- main loop ---------------------------------------------------------------------------
    def run(self) -> ArticleResult:
        """Extract mentions and tallies from every sentence, then apply denials."""
        self.prepare()
        for i, s in enumerate(self.sents):
            self.speakers.horizon = i
            low = s.low
            n_before = len(self.drafts)
            if s.triggers:
                self._sentence(i, s, s.triggers)
            if "district" in low:
                self._tallies(i, s)
            if len(self.drafts) == n_before and any(k in low for k in _DENIAL_KEYS):
                self._denial_directive(i, s)
        self._apply_denials()
        return self._result()

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
        if _CONDITIONAL_START.match(text):
            return
        dates_cache: list[list] = []

        def dates() -> list:
            if not dates_cache:
                try:
                    from analysis.extract.dates import find_dates
                    dates_cache.append(find_dates(text, self.article.published, self.article.published_precision or "day"))
                except Exception:
                    dates_cache.append([])
            return dates_cache[0]

        found: dict[tuple[str, str], dict] = {}
        taken: list[tuple[int, int]] = []
        for kind, rx, voice in triggers:
            for m in rx.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if any(a <= m.start() < b for a, b in s.speaker_spans) and kind != "fled":
                    continue
                results = self._trigger(i, s, kind, voice, m)
                if not results:
                    continue
                taken.append((m.start(), m.end()))
                for res in results:
                    key = (res["type"], res["key"])
                    if res.get("date") is None:
                        pool = dates()
                        if res.get("date_from") is not None or res.get("date_until") is not None:
                            # a clause with its own date ("followed by Y on D", "which the group took on D")
                            a, b = res.get("date_from") or 0, res.get("date_until") or len(text)
                            inside = [d for d in pool if a <= d.start and d.end <= b]
                            pool = inside if inside or res.get("date_from") is not None else pool
                        res["date"] = _pick_date(pool, m.start(), text, self.pub_high)
                    if res.get("open_low"):
                        res["date"] = (None, res["date"][1], res["date"][2])
                    old = found.get(key)
                    if old is None:
                        found[key] = res
                    else:
                        if res["priority"] > old["priority"]:
                            res["outcomes"] = old["outcomes"] | res["outcomes"]
                            res["related"] = old["related"] | res["related"]
                            found[key] = res
                        else:
                            old["outcomes"] |= res["outcomes"]
                            old["related"] |= res["related"]
        for res in sorted(found.values(), key=lambda r: r["pos"]):
            self._emit(i, s, res)

    def _trigger(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[dict]:
        """Interpret one trigger (and a 'followed by Y on D' after it); returns zero or more mention drafts as dicts."""
        if kind == "relative":
            return self._relative(s, m)
        out = self._trigger_places(i, s, kind, voice, m)
        if out and kind in ("capture", "state", "nth", "entry") and "followed" in s.low:
            more = self._followed_by(s, kind, m, out)
            if more:
                for res in out:
                    res["date_until"] = more[0]["date_from"]  # the dates after "followed by" belong to Y
                out = out + more
        return out

    def _followed_by(self, s: _Sent, kind: str, m: re.Match[str], out: list[dict]) -> list[dict]:
        """'X fell on August 6, followed by Y on August 10': Y gets the same verb with its own date."""
        text = s.text
        fb = _FOLLOWED_BY.search(text, m.end(), min(len(text), m.end() + 120))
        if fb is None or re.search(r"[;:]|\.\s", text[m.end():fb.start()]):
            return []
        first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker and r.start >= fb.end()), None)
        if first is None or not re.fullmatch(r"\s*", text[fb.end():first.start]) or first.peripheral:
            return []
        outcomes = set(_CAPITAL_OUTCOME.get(kind, ()))
        negated = bool(out[0]["negated"])
        more: list[dict] = []
        for item in self._list_from(s, first, _scope_after(text, first.end)):
            cap = _as_capital(item, self.gaz)
            dist = _as_district(item, self.gaz) if cap is None else None
            if cap is not None and out[0]["type"] == "capital_entered":
                res = self._capital_result(kind, cap, m, outcomes, negated)
            elif dist is not None and out[0]["type"] == "district_seized" and kind != "entry":
                res = self._district_result(dist[0], dist[1], m, negated)
            else:
                break
            res["pos"] = item.start
            res["date_from"] = fb.start()
            more.append(res)
        return more

    def _relative(self, s: _Sent, m: re.Match[str]) -> list[dict]:
        """'... after Islam Qala, which the group took on 8 July': the antecedent place, dated by the clause."""
        text = s.text
        if not _REL_AFTER.match(text, m.end()) or any(m.end() <= r.start < m.end() + 3 for r in s.refs):
            return []  # the verb has an object of its own: no relative clause about the place before
        before = [r for r in s.refs if r.end <= m.start() and not r.in_speaker]
        if not before:
            return []
        ante = before[-1]
        if not re.fullmatch(r"(?:\s+(?:city|town|district|province|crossing|border\s+crossing|port))?\s*",
                            text[ante.end:m.start()], re.I):
            return []
        if len(before) >= 2 and _as_province(ante, self.gaz) is not None and \
                _LOCATIVE_TAIL.fullmatch(text, before[-2].end, ante.start):
            ante = before[-2]  # "Islam Qala in western Herat, which ...": Herat only locates the antecedent
        if ante.peripheral or _negated(text, m.end() - 12):
            return []
        cap = _as_capital(ante, self.gaz)
        entry = bool(re.search(r"\b(?:entered|stormed)\b", m.group(0), re.I))
        if cap is not None:
            res = self._capital_result("entry" if entry else "capture", cap, m, set() if entry else {"fell"}, False)
        else:
            dist = _as_district(ante, self.gaz)
            if dist is None or entry:
                return []  # entering a district is no seizure
            res = self._district_result(dist[0], dist[1], m, False)
        res["pos"] = m.start()
        res["date_from"] = m.start()
        res["date_until"] = _scope_after(text, m.end())
        return [res]

    def _trigger_places(self, i: int, s: _Sent, kind: str, voice: str, m: re.Match[str]) -> list[dict]:
        """Interpret one trigger by the places in its scope; returns zero or more mention drafts as dicts."""
        text = s.text
        noun = m.group(0).lower().startswith(("fall of", "capture of", "seizure of", "takeover of", "overrunning of"))
        if kind != "fled" and _modal(text, m.start(), m.end(), noun):
            return []
        negated = _negated(text, m.start())
        if kind == "fled":
            return self._fled(i, s, m, negated)
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
        # who acts: the government retaking is not a Taliban capture
        if kind == "capture" and voice == "active":
            agent = text[_scope_before(text, m.start(), 80):m.start()]
            if _GOV_AGENT.search(agent) and not _TALIBAN_AGENT.search(agent):
                if re.match(r"(?:lost)", m.group(0), re.I):
                    pass
                else:
                    kind = "repel"
        if kind == "repel" and re.match(r"re-?t|recaptur|(?:took|take|taken|taking)\s+back|wrest|regain", m.group(0), re.I):
            agent = text[_scope_before(text, m.start(), 80):m.start()]
            if _TALIBAN_AGENT.search(agent) and not _GOV_AGENT.search(agent) and not re.search(r"\bwe\b", agent, re.I):
                kind = "capture"
        if voice == "active":
            head = _PLURAL_HEAD.match(text, m.end())  # "seized three capitals: A, B and C" reads past the colon
            lo, hi = m.end(), _scope_after(text, head.end() if head is not None else m.end())
        else:
            lo, hi = _scope_before(text, m.start()), m.start()
        out: list[dict] = []
        # "took over the district headquarters in Jaghatu": the seat of a district means the district
        if kind in ("capture", "state") and voice == "active":
            seat = _DISTRICT_SEAT_AFTER.match(text, m.end(), min(len(text), m.end() + 80))
            if seat is not None:
                return self._district_seat(s, m, seat.start(), seat.end(), hi, negated)
        # buildings seized inside a city mean the city was entered
        if kind == "capture" and voice == "active" and _BUILDING_AFTER.match(text[m.end():m.end() + 80]):
            cap = self._city_in_sentence(s, allow_peripheral=True)
            if cap is not None:
                out.append(self._capital_result("entry", cap, m, {"unknown"}, negated))
            return out
        if kind == "repel" and _BUILDING_AFTER.match(text[m.end():m.end() + 80]):
            cap = self._city_in_sentence(s, allow_peripheral=True, need_after=m.end())
            if cap is not None:
                out.append(self._capital_result("repel", cap, m, {"repelled"}, negated))
            return out
        if kind in ("capture", "state"):
            counted = self._counted(i, s, m, lo, hi, voice, negated)
            if counted:
                return counted
        # "... as Taliban fighters overran it" / "It fell to the Taliban on Sunday": a pronoun for a place
        pronoun = -1
        if kind in ("capture", "entry") and voice == "active" and not noun and _IT_OBJECT.match(text, m.end()):
            pronoun = m.end()
        elif kind == "capture" and voice == "passive":
            subj = _IT_SUBJECT.search(text, lo, m.start())
            pronoun = subj.start() if subj is not None else -1
        if pronoun >= 0:
            place = self._it_antecedent(i, s, pronoun)
            if place is not None and place.place_type == "capital":
                return [self._capital_result(kind, place, m, set(_CAPITAL_OUTCOME[kind]), negated)]
            if place is not None:
                return [self._district_result(place, None, m, negated)]
            return []
        list_hi = m.start() if voice == "passive" else hi
        if voice == "passive" and kind in ("capture", "state") and ":" in text[m.end():] and \
                _PLURAL_SUBJECT.search(text, lo, m.start()):
            # "Three more provincial capitals fell on Friday, officials said: A, B and C": the list after the colon
            colon = _COLON_LIST.match(text, m.end())
            if colon is not None and not any(lo <= r.start < m.start() for r in s.refs if not r.in_speaker):
                lo, hi = colon.end(), _scope_after(text, colon.end(), 220)
                voice, list_hi = "active", hi
                m = _Pos(m, colon.end())
        refs = [r for r in s.refs if lo <= r.start and r.end <= hi + 1 and not r.in_speaker]
        if kind == "nth":
            refs = [r for r in s.refs if r.end <= m.start() and not r.in_speaker and r.start >= _scope_before(text, m.start(), 200)]
        for r in refs:
            if r.peripheral:
                continue
            if voice == "active" and not noun and not _gap_ok(text[m.end():r.start]):
                break
            cap = _as_capital(r, self.gaz)
            if cap is not None and kind in _CAPITAL_OUTCOME:
                # "captured Farah and Pul-e-Khumri": every capital of a list
                for item in self._list_from(s, r, list_hi):
                    cap = _as_capital(item, self.gaz)
                    if cap is not None:
                        out.append(self._capital_result(kind, cap, m, set(_CAPITAL_OUTCOME[kind]), negated,
                                                        open_low=kind == "repel"))
                    elif kind in ("capture", "state") and _as_district(item, self.gaz) is not None:
                        dc = _as_district(item, self.gaz)
                        out.append(self._district_result(dc[0], dc[1], m, negated))  # type: ignore[index]
                    else:
                        break
                return out
            if kind in ("capture", "state"):
                dist = _as_district(r, self.gaz)
                if dist is not None:
                    return self._district_list(s, r, m, lo, hi, voice, negated)
                if _as_province(r, self.gaz) is not None:
                    # "captured Badakhshan province" alone is not a counted mention; keep looking
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
                if r.in_speaker:
                    continue
                between = sent.text[r.end:] + " " + s.text[:pos] if sent is not s else s.text[r.end:pos]
                if _OTHER_NOUN.search(between):
                    return None  # "seized the airport, then overran it": the pronoun is not the place
                before = sent.text[max(0, r.start - 40):r.start]
                if _DESTINATION_BEFORE.search(before):
                    continue  # "fled Kunduz city for Kabul": a destination is not the antecedent
                if _PREPOSITION_BEFORE.search(before) and not _CITY_OF_BEFORE.search(before):
                    return None  # "a post near Ghazni ... overran it"
                cap = _as_capital(r, self.gaz)
                if cap is not None:
                    return cap
                dc = _as_district(r, self.gaz)
                return dc[0] if dc is not None else None
        return None

    def _list_from(self, s: _Sent, first: _Ref, hi: int) -> list[_Ref]:
        """The named places of a list starting at `first` ('A, B and C'), ending before `hi`."""
        refs = [r for r in s.refs if not r.in_speaker and r.kind == "named" and r.start > first.start and r.end <= hi + 1]
        out = [first]
        cursor = first.end
        for r in refs:
            if r.start < cursor:
                continue
            if "," in s.text[cursor:r.start] and _APPOSITIVE_HEAD.fullmatch(s.text, cursor, r.start) and \
                    _as_province(r, self.gaz) is not None:
                tail = _PROVINCE_TAIL.match(s.text, r.end)
                cursor = tail.end() if tail else r.end  # skip "X, the capital of P province" to the next item
                continue
            if _IN_PROVINCE_GAP.fullmatch(s.text, cursor, r.start) and _as_province(r, self.gaz) is not None and \
                    _as_capital(r, self.gaz) is None:
                tail = _PROVINCE_TAIL.match(s.text, r.end)
                cursor = tail.end() if tail else r.end  # "B in Q and C": Q only locates B
                continue
            if not _LIST_GAP.fullmatch(s.text, cursor, r.start) or r.peripheral:
                break
            out.append(r)
            cursor = r.end
        return out

    def _district_seat(self, s: _Sent, m: re.Match[str], lo: int, seat_end: int, hi: int,
                       negated: bool) -> list[dict]:
        """A district named with its seat ('the district compound in A', 'A's district centre')."""
        text = s.text
        for r in s.refs:
            if r.in_speaker or r.end > hi + 1:
                continue
            inside = lo <= r.start < seat_end
            after = r.start >= seat_end and re.fullmatch(r"\s*(?:,\s*)?(?:(?:in|of|at)\s+(?:the\s+)?)?",
                                                         text[seat_end:r.start], re.I)
            if not (inside or after):
                continue
            dc = _as_district(r, self.gaz)
            if dc is not None:
                return [self._district_result(dc[0], dc[1], m, negated)]
            break
        return []

    def _capital_result(self, kind: str, cap: Place, m: re.Match[str], outcomes: set[str], negated: bool,
                        open_low: bool = False) -> dict:
        """A capital_entered draft."""
        priority = {"entry": 3, "capture": 3, "nth": 3, "state": 2, "contested": 2, "repel": 1}.get(kind, 1)
        return {"type": "capital_entered", "key": _place_id(cap), "place": cap, "pos": m.start(),
                "outcomes": set(outcomes), "negated": negated, "priority": priority, "open_low": open_low,
                "related": {_place_id(cap)}, "count": None, "count_text": "", "destination": "", "province": cap.province}

    def _district_result(self, dist: Place, crossing: Place | None, m: re.Match[str], negated: bool) -> dict:
        """A named district_seized draft."""
        related = {_place_id(dist)} | ({_place_id(crossing)} if crossing is not None else set())
        return {"type": "district_seized", "key": _place_id(dist), "place": dist, "pos": m.start(),
                "outcomes": set(), "negated": negated, "priority": 2, "related": related, "count": None,
                "count_text": "", "destination": "", "province": dist.province}

    def _counted_result(self, prov: Place, m: re.Match[str], count: Count | None, count_text: str,
                        kind_key: str, negated: bool) -> dict:
        """A counted district_seized draft whose place is a province."""
        return {"type": "district_seized", "key": f"{_place_id(prov)}|{kind_key}", "place": prov, "pos": m.start(),
                "outcomes": set(), "negated": negated, "priority": 2, "related": {_place_id(prov)},
                "count": count, "count_text": count_text, "destination": "", "province": prov.name}

    def _district_list(self, s: _Sent, first: _Ref, m: re.Match[str], lo: int, hi: int, voice: str,
                       negated: bool) -> list[dict]:
        """Named districts, including lists ('the districts of A, B and C', 'A and B districts')."""
        text = s.text
        refs = [r for r in s.refs if not r.in_speaker and r.kind == "named"]
        idx = refs.index(first) if first in refs else -1
        chosen = [first]
        if idx >= 0:
            j = idx + 1
            while j < len(refs):
                gap = text[chosen[-1].end:refs[j].start]
                if re.fullmatch(r"\s*(?:districts?\s*)?(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
                                r"(?:the\s+)?(?:districts?\s+of\s+)?", gap, re.I):
                    if _as_district(refs[j], self.gaz) is None:
                        break
                    chosen.append(refs[j])
                    j += 1
                else:
                    break
            j = idx - 1
            while j >= 0 and voice == "passive":
                gap = text[refs[j].end:chosen[0].start]
                if re.fullmatch(r"\s*(?:,\s*|\s+and\s+|,\s*and\s+)", gap, re.I) and _as_district(refs[j], self.gaz):
                    chosen.insert(0, refs[j])
                    j -= 1
                else:
                    break
        out = []
        for r in chosen:
            dc = _as_district(r, self.gaz)
            if dc is not None:
                out.append(self._district_result(dc[0], dc[1], m, negated))
        return out

    def _counted(self, i: int, s: _Sent, m: re.Match[str], lo: int, hi: int, voice: str, negated: bool) -> list[dict]:
        """Counted district mentions: 'five districts in P', 'all districts of P', 'most of P'."""
        text = s.text
        span = text[lo:hi]
        # a number right before "districts"
        for c in _find_counts(text) if "district" in s.low else ():
            if not (lo <= c.start and c.end <= hi):
                continue
            link = _AFTER_DISTRICTS_LINK.match(text[c.end:])
            if not link or not re.search(r"district", link.group(0), re.I):
                continue
            if c.qualifier == "vague" or not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                                       r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|a\s+dozen|"
                                                       r"half\s+a\s+dozen)\b", c.text, re.I):
                continue
            prov = self._province_at(s, i, c.end + link.end(), linked=link.group(0).rstrip().lower().endswith(
                ("of", "in", "across", "within", "from", "the")) or bool(re.search(r"\b(?:of|in|across|within|from)\b", link.group(0))))
            if prov is None:
                prov = self._districts_owner(s)  # "three more districts ..., 12 of Takhar's 17 districts"
            if prov is None:
                return []
            ctext = f"{c.text} districts" if "district" not in c.text.lower() else c.text
            part = self._part_of(text, c, lo)
            if part is not None:  # "26 of Badakhshan's 28 districts": the part taken, not the total
                c, ctext = part, f"{part.text} of {c.text} districts"
            return [self._counted_result(prov, m, c, ctext, "n", negated)] + \
                self._named_with_count(s, c, c.end + link.end(), hi, prov, m, negated,
                                       other=bool(re.search(r"\b(?:other|more)\b", link.group(0), re.I)))
        q = _QUANT_DISTRICTS.search(span)
        if q:
            word = q.group("q").lower()
            kind_key = "most" if word.startswith("most") else "all"
            ctext = "most districts" if kind_key == "most" else "all districts"
            end = lo + q.end()
            link = re.match(r"\s+(?:outside\s+the\s+(?:provincial\s+)?capital\s+)?(?:of|in|across|within)\s+(?:the\s+)?"
                            r"(?:(?:\w+ern|key|strategic)\s+)*", text[end:])
            prov = None
            if link:
                prov = self._province_at(s, i, end + link.end(), linked=True)
            if prov is None:
                prov = self._province_before(s, lo + q.start()) or self._recent_province(i, s, lo + q.start())
            if prov is None:
                return []
            return [self._counted_result(prov, m, None, ctext, kind_key, negated)]
        # "most of P province" / "the rest of P"
        for r in s.refs:
            if not (lo <= r.start <= hi) or r.in_speaker:
                continue
            prov = _as_province(r, self.gaz)
            if prov is None or not (r.province_word or _as_capital(r, self.gaz) is None):
                continue
            mo = _MOST_OF.search(text[max(0, r.start - 60):r.start])
            if mo:
                word = mo.group("q").lower()
                kind_key = "all" if word in ("the rest", "the remainder", "all") else "most"
                ctext = "all districts" if kind_key == "all" else "most"
                return [self._counted_result(prov, m, None, ctext, kind_key, negated)]
        if voice == "passive":
            for r in s.refs:
                if r.end <= m.start() and not r.in_speaker:
                    mo = _MOST_OF.search(text[max(0, r.start - 60):r.start])
                    prov = _as_province(r, self.gaz)
                    if mo and prov is not None and lo <= r.start:
                        word = mo.group("q").lower()
                        kind_key = "all" if word in ("the rest", "the remainder", "all") else "most"
                        return [self._counted_result(prov, m, None, "all districts" if kind_key == "all" else "most",
                                                     kind_key, negated)]
        return []

    @staticmethod
    def _part_of(text: str, total: Count, lo: int) -> Count | None:
        """The part counted before a total ('26 of P's 28 districts', 'five of its 12 districts'), if any."""
        if "of" not in text[max(lo, total.start - 60):total.start]:
            return None
        for c in _find_counts(text):
            if lo <= c.start and c.end < total.start and _PART_OF_GAP.fullmatch(text, c.end, total.start) and \
                    c.low is not None and total.low is not None and c.low <= total.low:
                return c
        return None

    def _named_with_count(self, s: _Sent, c: Count, end: int, hi: int, prov: Place, m: re.Match[str],
                          negated: bool, other: bool) -> list[dict]:
        """Districts named beside a count ('five districts, among them A and B'; 'A, B and three other districts')."""
        text = s.text
        named: list[_Ref] = []
        cue = _AMONG.search(text, end, max(end, hi))
        if cue is not None:
            first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker
                          and re.fullmatch(r"\s*", text[cue.end():r.start]) is not None and r.start >= cue.end()), None)
            if first is not None:
                named = self._list_from(s, first, hi)
        elif other:
            before = [r for r in s.refs if r.kind == "named" and not r.in_speaker and r.end <= c.start]
            if before and re.fullmatch(r"(?:\s+districts?)?\s*(?:,\s*|\s+and\s+|,\s*and\s+)", text[before[-1].end:c.start],
                                       re.I):
                named = [before[-1]]
                for r in reversed(before[:-1]):
                    if r.end > named[0].start or not _LIST_GAP.fullmatch(text, r.end, named[0].start):
                        break
                    named.insert(0, r)
        out = []
        for r in named:
            dc = _as_district(r, self.gaz)
            if dc is None or dc[0].province != prov.name:
                break
            out.append(self._district_result(dc[0], dc[1], m, negated))
        return out

    def _districts_owner(self, s: _Sent) -> Place | None:
        """The one province whose districts the sentence speaks of ("Takhar's districts", "districts of Takhar")."""
        found: dict[str, Place] = {}
        for r in s.refs:
            prov = _as_province(r, self.gaz)
            if prov is None or r.in_speaker or r.kind != "named":
                continue
            if _OWNER_AFTER.match(s.text, r.end) or _OWNER_BEFORE.search(s.text, max(0, r.start - 40), r.start):
                found[prov.name] = prov
        return next(iter(found.values())) if len(found) == 1 else None

    def _province_at(self, s: _Sent, i: int, pos: int, linked: bool) -> Place | None:
        """The province named (or referred to) right at position `pos`."""
        if not linked:
            m = re.match(r"\s*(?:of|in|across)\s+(?:the\s+)?", s.text[pos:])
            if not m:
                return None
            pos += m.end()
        for r in s.refs:
            if r.start >= pos - 1 and r.start <= pos + 25:
                prov = _as_province(r, self.gaz)
                if prov is not None:
                    return prov
                if r.place.province and r.place.place_type == "capital" and not r.province_word:
                    try:
                        return self.gaz.province(r.place.province)  # type: ignore[attr-defined]
                    except Exception:
                        return None
            if r.start > pos + 25:
                break
        return None

    def _province_before(self, s: _Sent, pos: int) -> Place | None:
        """A possessive province right before a quantifier ('Badghis's districts')."""
        return None

    def _recent_province(self, i: int, s: _Sent, pos: int) -> Place | None:
        """The province the passage is about: named in this sentence or the two before."""
        pools = [[r for r in s.refs if r.start < pos] + [r for r in s.refs if r.start >= pos]]
        pools += [self.sents[j].refs for j in range(i - 1, max(-1, i - 3), -1)]
        if i + 1 < len(self.sents):
            pools.append(self.sents[i + 1].refs)
        for pool in pools:
            for r in reversed(pool):
                prov = _as_province(r, self.gaz)
                if prov is not None and (r.province_word or r.kind != "named" or _as_capital(r, self.gaz) is None):
                    return prov
                if r.place.place_type in ("capital", "district", "border_crossing") and r.place.province:
                    try:
                        p = self.gaz.province(r.place.province)  # type: ignore[attr-defined]
                    except Exception:
                        p = None
                    if p is not None:
                        return p
        return None

    def _city_in_sentence(self, s: _Sent, allow_peripheral: bool = False, need_after: int = -1) -> Place | None:
        """The provincial capital a sentence is set in (for buildings seized or retaken)."""
        for r in s.refs:
            if r.in_speaker or (r.peripheral and not allow_peripheral):
                continue
            if need_after >= 0 and r.start < need_after:
                continue
            cap = _as_capital(r, self.gaz)
            if cap is not None:
                return cap
        return None

    def _crossing_in_article(self, i: int, country: str) -> Place | None:
        """The nearest named border crossing with `country` in the article."""
        order = sorted(range(len(self.sents)), key=lambda j: (abs(j - i), j))
        for j in order:
            for r in self.sents[j].refs:
                for p in _readings(r):
                    if p.place_type == "border_crossing" and _neighbour(p) == country:
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

    # -- troops who fled ---------------------------------------------------------------------
    def _fled(self, i: int, s: _Sent, m: re.Match[str], negated: bool) -> list[dict]:
        """A troops_fled draft when Afghan forces flee, cross a border or abandon posts."""
        text = s.text
        if _modal(text, m.start(), m.end()):
            return []
        verb = m.group(0).lower()
        lo = _scope_before(text, m.start(), 120)
        subject_zone = text[max(0, m.start() - 110):m.start()]
        # nearest person noun before the verb decides who fled
        troop = list(_TROOP_RE.finditer(subject_zone))
        other = [o for o in _NOT_TROOP_RE.finditer(subject_zone)
                 if not any(t.start() <= o.start() < t.end() for t in troop)]  # "customs workers" are officials
        t_pos = troop[-1].start() if troop else -1
        o_pos = other[-1].start() if other else -1
        if troop and other and o_pos > t_pos and _COORDINATED.fullmatch(subject_zone, troop[-1].end(), o_pos):
            o_pos = -1  # "soldiers and customs workers fled": one conjunct is a troop noun
        if troop and _KIN_OF.search(subject_zone, 0, t_pos):
            return []  # "families of Afghan soldiers fled": the kin fled, not the troops
        landing = verb.startswith("land")
        if landing:
            clause = text[lo:m.start()]
            if not any(k in clause.lower() for k in _AIRCRAFT_KEYS) or not _AIRCRAFT_CARRYING.search(clause) or \
                    not re.search(r"\bafghan", clause, re.I):
                return []
        if verb.startswith(("given", "granted", "provided", "offered", "gave", "give")):
            after_zone = text[m.end():m.end() + 80]
            if _TROOP_RE.search(after_zone) and not _NOT_TROOP_RE.search(after_zone[:40]):
                t_pos, o_pos = 10 ** 6, -1
        if t_pos < 0 or o_pos > t_pos:
            return []
        if troop and _FOREIGN_TROOP_RE.search(subject_zone[max(0, t_pos - 40):t_pos + 30]):
            return []
        if troop and re.match(r"(?:fighters|forces)", troop[-1].group(0), re.I) and re.search(
                r"\btaliban\b", subject_zone[max(0, t_pos - 20):t_pos], re.I):
            return []
        if _NOT_FLED_ACT.search(text[lo:m.start()]) and not re.search(r"\bwho\s+(?:had\s+)?$", text[:m.start()]):
            if not re.search(r"returning|returned", text[m.end():], re.I) or "surrender" in text[lo:m.start()].lower():
                return []
        if re.search(r"\bgave\s+themselves\s+up\b", text, re.I):
            return []
        if verb.startswith(("flee", "fleeing")) and re.search(r"\b(?:forc\w+|mak\w+|caus\w+|drive\w*)\s+(?:\w+\s+){0,3}$",
                                                              text[max(0, m.start() - 50):m.start()], re.I):
            return []
        hi = _scope_after(text, m.end(), 140)
        dest = ""
        for cm in _COUNTRY_RE.finditer(text, m.end(), hi):
            dest = COUNTRY_WORDS[cm.group(1).lower()]
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
        if not dest and re.search(r"territory|soil", verb):
            cm = _COUNTRY_RE.search(verb)
            if cm:
                dest = COUNTRY_WORDS[cm.group(1).lower()]
        crossing = None
        if re.search(r"via|through|crossing", text[m.end():hi] + text[lo:m.start()], re.I) or _ACROSS_BORDER.search(
                verb + text[m.end():hi]):
            crossing = self._recent_crossing(i, s, len(text))
        if not dest and _ACROSS_BORDER.search(verb + text[m.end():hi]):
            if crossing is not None:
                dest = _neighbour(crossing)
            if not dest:
                fs = _FOREIGN_SOURCE.search(text)
                if fs:
                    dest = COUNTRY_WORDS.get(fs.group(1).lower(), "")
        province = ""
        if crossing is not None:
            province = crossing.province
        def _to_ref(r: _Ref) -> bool:
            return r.start >= m.end() and bool(re.search(r"\b(?:to|into|for|towards?|back\s+to)\s+(?:the\s+)?(?:\w+\s+)?$",
                                                           text[max(m.end(), r.start - 25):r.start], re.I)) and \
                not re.search(r"\b(?:posts?|positions?|bases?|headquarters|checkpoints?)\s+in\s+$", text[max(0, r.start - 30):r.start], re.I)
        usable = [r for r in s.refs if not r.in_speaker]
        if not dest and not usable and (_SHELTER_VERB.search(verb) or _ACROSS_BORDER.search(verb + text[m.end():hi])):
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
        if not dest and province and _ACROSS_BORDER.search(verb + text[m.end():hi]):
            dest = PROVINCE_NEIGHBOUR.get(_norm(province), "")
        count = self._troop_count(text, m.start())
        related: set[str] = set()
        if crossing is not None:
            related.add(_place_id(crossing))
        if dest:
            place = _country_place(dest, self.gaz)
            related.add(f"country:{dest}")
        else:
            place = None
            refs = [r for r in s.refs if not r.in_speaker and r.place.place_type != "country" and not _to_ref(r)]
            after_refs = [r for r in refs if m.start() < r.start <= hi]  # "abandoned the Garmsir district centre"
            before_refs = [r for r in refs if r.end <= m.start()]
            ordered = after_refs + list(reversed(before_refs))
            for r in ordered:
                d = _as_district(r, self.gaz)
                cap = _as_capital(r, self.gaz)
                if d is not None and (cap is None or r.place.place_type == "district"):
                    place = d[0]
                    break
                if cap is not None:
                    place = cap
                    break
            if place is None:
                for r in ordered:
                    p = _as_province(r, self.gaz)
                    if p is not None:
                        place = p
                        break
            if place is None:
                return []
            province = place.province or (place.name if place.place_type == "province" else province)
            related.add(_place_id(place))
        return [{"type": "troops_fled", "key": dest or _place_id(place), "place": place, "pos": m.start(),
                 "outcomes": set(), "negated": negated, "priority": 2, "related": related, "count": count,
                 "count_text": count.text if count else "", "destination": dest, "province": province,
                 "actor": "afghan_forces"}]

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
                    re.search(r"\bfrom\s+(?:the\s+)?$", s.text[max(0, fm.start() - 12):fm.start()], re.I):
                continue  # the speaker's town, or where they came from
            return FOREIGN_TOWNS[fm.group(1).lower()]
        return ""

    def _recent_destination(self, i: int, window: int = 6) -> str:
        """The destination of the latest asserted troops_fled mention in the few sentences before sentence i."""
        for d in reversed(self.drafts):
            if d.sent_index < i - window:
                break
            m = d.mention
            if d.sent_index < i and m.event_type == "troops_fled" and m.destination and m.stance == "asserted":
                return m.destination
        return ""

    def _troop_count(self, text: str, pos: int) -> Count | None:
        """The number of people who fled: a count just before a troop noun, nearest the verb."""
        best = None
        spans = self._speaker_spans_of(text)
        for c in _find_counts(text):
            if any(a <= c.start < b for a, b in spans):
                continue
            if _SUBCOUNT_BEFORE.search(text, max(0, c.start - 30), c.start):
                continue  # "Forty-six soldiers, including five officers": a part, not the whole
            follow = text[c.end:c.end + 70]
            if re.match(r"\s*(?:%|percent|per\s+cent|km|kilomet|miles?|days?|hours?|years?|districts?|provinces?)",
                        follow, re.I):
                continue
            if not re.match(r"\s*(?:(?:more|other|afghan|government|security|military|army|border|national|police|"
                            r"armed|of\s+the|of\s+their|of\s+its|of|pro-government|local|senior|soldiers\s+and)\s+){0,3}"
                            rf"(?:{_TROOP})\b", follow, re.I):
                continue
            if best is None or abs(c.start - pos) < abs(best.start - pos):
                best = c
        return best

    # -- emit --------------------------------------------------------------------------------
    def _emit(self, i: int, s: _Sent, res: dict) -> None:
        """Turn a draft dict into a Mention with claim, stance, date and outcome."""
        place: Place = res["place"]
        claim = self._claim(i, res["pos"])
        stance = claim.stance
        if stance == "denied" and not re.search(r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*)\b", claim.cue, re.I):
            stance = "asserted"  # a control statement elsewhere in the sentence is not this mention's denial
        if res["negated"]:
            stance = "denied"
        low, high, dtext = res["date"]
        outcome = ""
        if res["type"] == "capital_entered":
            outcome = self._outcome(i, place, res["outcomes"])
        count: Count | None = res.get("count")
        c_low, c_high = _stated_number(count) if count is not None else (None, None)
        mention = Mention(
            mention_id="", article_id=self.article.article_id, event_type=res["type"],
            place=place.name, place_type=place.place_type, province=res.get("province") or place.province,
            destination=res.get("destination", ""), date_low=low, date_high=high, date_text=dtext,
            count_low=c_low, count_high=c_high, count_text=res.get("count_text", ""), outcome=outcome,
            claimant=claim.claimant, stance=stance, sentence=s.text, char_start=s.sentence.start,
            char_end=s.sentence.end, place_id=place.place_id, latitude=place.latitude, longitude=place.longitude,
            actor=res.get("actor", "taliban"), count_qualifier=count.qualifier if count is not None else
            ("all" if res.get("count_text", "").startswith("all") else "most" if res.get("count_text", "").startswith("most") else ""),
            claim_cue=claim.cue,
        )
        # "officials denied (Taliban) reports that X had fallen": the reports assert it, the officials deny it
        rep = None if res["negated"] else _DENIED_REPORTS.search(s.text, 0, res["pos"])
        if rep is not None:
            denier = next((a for a in reversed(claims.find_attributions(s.text, self.speakers))
                           if a.stance == "denied" and a.start <= rep.start()), None)
            if denier is not None:
                who = claim.claimant if claim.stance == "denied" else denier.claimant
                reported = replace(mention, claimant=claims.classify_speaker(rep.group("owner") or ""),
                                   stance="asserted", claim_cue=rep.group(0))
                denial = replace(mention, claimant=who if who != "pronoun" else "unknown", stance="denied",
                                 claim_cue=denier.cue)
                for d in (reported, denial):
                    self.drafts.append(_Draft(d, i, res["pos"], frozenset(res["related"]), res["priority"]))
                return
        self.drafts.append(_Draft(mention, i, res["pos"], frozenset(res["related"]), res["priority"]))
        # "the Taliban claimed X, but officials denied it"
        if stance == "asserted":
            for att in claims.find_attributions(s.text, self.speakers):
                if att.start <= res["pos"] or att.claimant in (claim.claimant, "unknown", "pronoun"):
                    continue
                content = s.text[att.start:_scope_after(s.text, att.end, 200) if att.form != "inverted" else att.end]
                if (att.stance == "denied" and _DENY_OBJECT.search(s.text[att.start:att.end + 40])) or \
                        _CONTRA.search(content):
                    denial = replace(mention, claimant=att.claimant if att.claimant != "pronoun" else "unknown",
                                     stance="denied", claim_cue=att.cue)
                    self.drafts.append(_Draft(denial, i, att.start, frozenset(res["related"]), 0))
                    break

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

    # -- denials -----------------------------------------------------------------------------
    def _denial_directive(self, i: int, s: _Sent) -> None:
        """Remember a denial sentence ('denied the reports', 'still under government control', 'the crossing had not
        been lost', 'the attack on the district had been repelled')."""
        text = s.text
        low = s.low
        explicit = bool(_DENY_OBJECT.search(text)) and bool(
            re.search(r"\b(?:deni\w*|deny|reject\w*|dismiss\w*|refut\w*|false|baseless|untrue|propaganda)\b", text, re.I))
        how = "explicit" if explicit else ""
        if not how and _GOV_CONTROL_STILL.search(text):
            how = "control"
        official = ""  # a statement that denies only when an Afghan official makes it
        if not how:
            if any(k in low for k in _GOV_FORCES_CONTROL_KEYS) and _gov_forces_control(text):
                official = "control"
            elif any(k in low for k in _NOT_LOST_KEYS) and _NOT_LOST.search(text):
                official = "control"
            elif any(k in low for k in _ATTACK_REPELLED_KEYS) and _ATTACK_REPELLED.search(text):
                official = "repelled"
        if not how and not official:
            return
        claim = claims.find_claim(text, self.sents[i - 1].text if i > 0 else "",
                                  self.sents[i + 1].text if i + 1 < len(self.sents) else "", self.speakers)
        if official:
            if claim.claimant != "afghan_government":
                return
            how = official
        ids: set[str] = set()
        for r in s.refs:
            if r.in_speaker or _ORG_PLACE_BEFORE.search(text, max(0, r.start - 50), r.start):
                continue  # the speaker's own place ("the defence ministry in Kabul") is not what is denied
            for p in _readings(r)[:1]:
                ids.add(_place_id(p))
                if p.place_type == "border_crossing":
                    ids.add(_place_id(_crossing_district(p, self.gaz)))
        if not ids and not explicit and not _PLACE_NOUN.search(text) and not (
                how == "repelled" and _THE_ATTACK.search(text)):
            return  # a control statement about no place at all
        self.denials.append((i, how, claim, ids, explicit))

    def _nearest_targets(self, i: int, window: int) -> list[_Draft]:
        """The asserted mentions of the nearest sentence before sentence i (within `window`) that has any."""
        for j in range(i - 1, max(-1, i - window - 1), -1):
            found = [d for d in self.drafts if d.sent_index == j and d.mention.stance == "asserted"]
            if found:
                return found
        return []

    def _apply_denials(self) -> None:
        """Add a denied mention for each asserted mention a denial sentence refers to."""
        for i, how, claim, ids, explicit in self.denials:
            s = self.sents[i]
            if ids:
                targets = [d for d in self.drafts if d.mention.stance == "asserted" and d.related & ids
                           and (explicit or d.sent_index != i)]
                if explicit:
                    targets = [d for d in targets if i - 6 <= d.sent_index <= i]
            elif explicit:
                own = _DENY_OWN_CONTENT.search(s.text)
                if own is not None and not _EVENT_WORD.search(own.group("content")):
                    continue  # "rejected allegations that Pakistan had sheltered fighters": another matter
                targets = [d for d in self.drafts if d.mention.stance == "asserted" and i - 2 <= d.sent_index < i]
                if not targets and _DENY_BACK.search(s.text) and _PLACE_NOUN.search(s.text):
                    # "rejected the claim, saying no soldier had abandoned his post in the area": the claim
                    # reported a little earlier (the speaker's place, if any, was left out)
                    targets = self._nearest_targets(i, 6)
            else:  # "the area was under the control of Afghan forces": the place of the mention just before
                targets = self._nearest_targets(i, 3)
            if how in ("control", "repelled") and not explicit:
                # a statement of control or a repulse contradicts a capture, not a flight of troops
                targets = [d for d in targets if d.mention.event_type != "troops_fled"]
            if how == "repelled":
                targets = [d for d in targets if d.mention.event_type == "district_seized"]
            seen: set[tuple[str, str]] = set()
            outcome = ""
            for name, rx in _OUTCOME_CUES:
                if name == "repelled" and rx.search(s.text):
                    outcome = "repelled"
            for d in sorted(targets, key=lambda d: (d.sent_index, d.pos)):
                key = (d.mention.event_type, d.mention.destination or d.mention.place_id or d.mention.place)
                if key in seen:
                    continue
                seen.add(key)
                m = d.mention
                denial = replace(m, claimant=claim.claimant, stance="denied", sentence=s.text,
                                 char_start=s.sentence.start, char_end=s.sentence.end, claim_cue=claim.cue,
                                 outcome=(outcome or m.outcome) if m.event_type == "capital_entered" else m.outcome)
                self.drafts.append(_Draft(denial, i, 0, d.related, 0))

    # -- tallies ----------------------------------------------------------------------------
    def _tallies(self, i: int, s: _Sent) -> None:
        """Claimed national totals of districts ('the Taliban says it holds more than 200 districts')."""
        text = s.text
        if not _DISTRICT_WORD.search(text):
            return
        for c in _find_counts(text):
            figure = _FIGURE_BEFORE.search(text, max(0, c.start - 160), c.start)
            if figure is not None:
                self._figure_tally(i, s, c, figure)
                continue
            link = re.match(r"\s+(?:(?:more|other|rural|key)\s+)?(?:of\s+(?P<owner>the\s+country|afghanistan|the\s+province|its|"
                            r"[A-Z][\w\-]+)(?:'s|’s|')\s+(?:roughly\s+|about\s+|some\s+|nearly\s+|total\s+)?\d[\d,]*\s+)?"
                            r"districts?(?:\s+(?:administrative\s+)?(?:cent(?:re|er)s|headquarters|seats))?\b", text[c.end:])
            if not link:
                continue
            if c.qualifier == "vague" or not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                                       r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                                                       r"hundred)\b", c.text, re.I):
                continue
            if re.match(r"\s+(?:more|other|further|additional|new)\b", text[c.end:], re.I):
                continue  # "three more districts": districts just taken, not a total held
            if re.search(r"(?:'s|’s)\s+(?:roughly\s+|about\s+|some\s+|nearly\s+|total\s+)?$|\bof\s+(?:the|its|their)\s+$|"
                         r"\btotal\s+of\s+$|\bout\s+of\s+$", text[max(0, c.start - 30):c.start], re.I):
                continue
            after = text[c.end + link.end():c.end + link.end() + 60]
            tail = re.match(r"\s+(?:of|in|across|within)\s+(?:the\s+)?(?:\w+ern\s+)?(\w[\w\-]*)", after)
            scope = "national"
            owner = (link.group("owner") or "").lower()
            if owner and owner not in ("the country", "afghanistan", "its"):
                prov = None
                if owner == "the province":
                    prov = self._recent_province(i, s, c.start)
                else:
                    for r in s.refs:
                        if c.end <= r.start <= c.end + link.end():
                            prov = _as_province(r, self.gaz)
                            break
                if prov is None:
                    continue
                scope = prov.name
            elif tail and not _NATIONAL.search(after[:40]):
                prov = self._province_at(s, i, c.end + link.end(), linked=False)
                if prov is not None:
                    continue  # a counted event, not a national tally
            clause_lo = _scope_before(text, c.start, 200)
            clause = text[max(0, clause_lo - 10):c.end + link.end() + 40]
            if not _HOLD_VERB.search(clause):
                continue
            self._add_tally(i, s, c, scope)

    def _figure_tally(self, i: int, s: _Sent, c: Count, figure: re.Match[str]) -> None:
        """A total given as a figure: 'puts the number held by the Taliban at 142'."""
        mid = figure.group("mid") or figure.group("mid2") or ""
        if c.qualifier == "vague" or not (_HOLD_VERB.search(mid) or re.search(r"\blost\b", mid, re.I)):
            return  # held by the Taliban, or lost by the government
        if re.match(r"\s+of\s+(?!(?:the\s+)?districts?\b)", mid, re.I):
            return  # "the number of soldiers held": not districts
        scope = "national"
        for r in s.refs:
            if figure.start() <= r.start < c.start and not r.in_speaker and r.kind == "named":
                prov = _as_province(r, self.gaz)
                if prov is not None and (r.province_word or _as_capital(r, self.gaz) is None):
                    scope = prov.name
                    break
        self._add_tally(i, s, c, scope)

    def _add_tally(self, i: int, s: _Sent, c: Count, scope: str) -> None:
        """Record a districts tally when someone claims it."""
        claim = self._claim(i, c.start)
        if claim.claimant == "unknown":
            return
        low, high = _stated_number(c)
        self.tallies.append(Tally(
            article_id=self.article.article_id, date=self.pub_high if self.article.published_precision == "day"
            or not self.article.published_precision else self.article.published,
            claimant=claim.claimant, scope=scope, unit="districts", count_low=low, count_high=high,
            count_text=c.text, sentence=s.text, char_start=s.sentence.start, char_end=s.sentence.end,
            qualifier=c.qualifier))

    # -- result ------------------------------------------------------------------------------
    def _result(self) -> ArticleResult:
        """Number the mentions in reading order."""
        drafts = sorted(self.drafts, key=lambda d: (d.sent_index, d.pos, d.mention.event_type, d.mention.place,
                                                    d.mention.stance))
        ids = mention_ids(self.article.article_id, [d.mention.char_start + max(d.pos, 0) for d in drafts])
        mentions = [replace(d.mention, mention_id=mid) for d, mid in zip(drafts, ids)]
        return ArticleResult(article=self.article, mentions=mentions, tallies=list(self.tallies))


def _split(text: str) -> list[Sentence]:
    """Split text into sentences with the project's splitter."""
    from analysis.ingest.sentences import split_sentences
    return split_sentences(text)


def extract_article(article: Article, gazetteer: object | None = None) -> ArticleResult:
    """Return the event mentions and district tallies of one cleaned article."""
    if gazetteer is None:
        from analysis.extract.gazetteer import load_gazetteer
        gazetteer = load_gazetteer()
    if not article.text or not (article.status.startswith("ok") or article.status == ""):
        return ArticleResult(article=article)
    return _Extractor(article, gazetteer).run()


def extract_text(text: str, published: date | None, article_id: str = "t", precision: str = "day",
                 gazetteer: object | None = None) -> ArticleResult:
    """Return mentions and tallies of a bare text published on `published` (splits sentences itself)."""
    article = Article(article_id=article_id, path="", text=text, published=published,
                      published_precision=precision if published is not None else "",
                      sentences=tuple(_split(text)))
    return extract_article(article, gazetteer)


def iter_mentions(results: Iterable[ArticleResult]) -> list[Mention]:
    """Flatten the mentions of several article results."""
    return [m for r in results for m in r.mentions]
