"""The trigger phrases of the three event types (kind, pattern, voice) and the literal stems that let a
sentence skip the triggers it cannot match."""

from __future__ import annotations

import re


_BY_TALIBAN = r"(?:the\s+)?(?:taliban|insurgents|militants|islamic\s+emirate|rebels|mujah[ie]d(?:ee|i)n)"

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
        rf"\bcollapsed\b(?!\s+(?:talks|negotiations))|\blost\s+to\s+{_BY_TALIBAN}|\bhand(?:ed|s)?\s+(?:over\s+)?to\s+{_BY_TALIBAN}|\bchang(?:ed|es)\s+hands|"
        rf"\bhanded\s+over(?=[^.;]{{0,50}}\bto\s+(?:the\s+)?(?:taliban|insurgents|militants))|"
        rf"\bhanded\s+over(?=\s+[\"“']?without\s+(?:a\s+)?(?:fight|shot|resistance))|"
        rf"(?:(?<=\bwas\s)|(?<=\bwere\s))taken(?=\s+(?:(?:on|in|late|early)\s+(?:the\s+)?(?:\w+day|morning|afternoon|"
        rf"evening|night)|overnight|yesterday|last\s+night)\b)", re.I), "passive"),
    ("capture", re.compile(r"\b(?:fall|capture|seizure|takeover|overrunning)\s+of\b", re.I), "active"),
    ("capture", re.compile(
        r"\b(?:seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|overr(?:an|un|uns|unning)|overwhelm(?:ed|ing)|"
        r"conquer(?:ed|s|ing)?|liberat(?:ed|e|es|ing)|"
        r"(?:took|take|taken|takes|taking)\s+(?:full\s+|complete\s+|effective\s+)?(?:control\s+(?:of|over)|over)|"
        r"(?:gain(?:ed|s|ing)?|won|wins|winning|assum(?:ed|e|ing)|grabb?(?:ed|ing)?|establish(?:ed|ing)?)\s+"
        r"(?:full\s+|complete\s+)?control\s+(?:of|over)|lost\s+control\s+(?:of|over)|"
        r"(?:took|taken|take|taking)(?=\s+(?:the\s+(?:city|town|provincial|district|border|key|strategic)|[A-Z]|"
        r"(?:a\s+(?:string|series|number|handful)\s+of|several|dozens\s+of)\s+(?:\w+\s+)?(?:districts|capitals|cities)))|"
        r"(?:rais|hoist|plant|unfurl)(?:e|ed|es|ing|s)?\s+(?:their|its|the)\s+(?!(?:national|afghan|tricolou?r|government|republic)\b)(?:[\w\-’']+\s+){0,2}?flags?\s+(?:over|in|at|above|on)|"
        r"surrender(?:ed|s|ing)?(?=\s+(?:[\w\-’']+\s+){1,5}?to\s+(?:the\s+)?(?:taliban|insurgents|militants)))\b",
        re.I), "active"),
    ("entry", re.compile(
        r"\b(?:enter(?:ed|s|ing)?|storm(?:ed|s|ing)?|breach(?:ed|es|ing)?|infiltrat(?:ed|ing)|penetrat(?:ed|ing)|"
        r"(?:push(?:ed|es|ing)?|swept|sweep(?:s|ing)?|roll(?:ed|ing)?|march(?:ed|ing)?|mov(?:ed|ing)|broke|"
        r"burst|stream(?:ed|ing)|pour(?:ed|ing)|advanced|made\s+(?:their|its)\s+way|fought\s+(?:their|its)\s+way)"
        r"\s+into|(?:were|are|was|is)\s+(?:now\s+|already\s+)?(?:(?:seen|spotted|patrolling|reported)\s+)?(?:inside|in\s+the\s+(?:streets|centre|center|heart)\s+of)|"
        r"reached\s+(?:the\s+)?(?:centre|center|heart|main\s+square|central\s+(?:parts|square|areas?))\s+of)\b", re.I), "active"),
    ("contested", re.compile(
        r"\bstreet[\s-](?:fighting|battles?|clashes)\s+(?:\w+\s+){0,3}?(?:in|across|inside)\b(?=\s+(?:the\s+)?(?:city\s+of\s+)?[A-Z])|"
        r"\b(?:fighting|battling|clashes|clashing|battles?|gunfire|gun\s*battles?|street\s+battles?)\s+(?:\w+\s+){0,4}?"
        r"(?:inside|in\s+the\s+(?:centre|center|heart|streets)\s+of|in\s+the\s+streets\s+of|"
        r"(?:reached|reaching|reach|spread\s+to|spread\s+into)\s+(?:the\s+)?(?:central\s+parts|centre|center|heart|"
        r"city\s+cent(?:re|er)|main\s+square)(?:\s+of)?)", re.I), "active"),
    ("fled", re.compile(
        r"\b(?:fled|flee(?:s|ing)?|escap(?:ed|es|ing)\s+(?:across|into|to|over|through)|"
        r"cross(?:ed|es|ing)?\s+(?:over\s+)?(?:into|onto|the\s+(?:border|frontier|river|amu\s+darya))|"
        r"\b(?:border|frontier|river)\b[^.;]{1,60}?\bcross(?:ed|es|ing)?\s+it\b|"  # "reached the border and crossed it"
        r"cross(?:ed|es|ing)?\s+(?:over\s+)?the\s+(?:Tajik|Uzbek|Iranian|Pakistani|Turkmen|Chinese|Tajikistan|Uzbekistan|"
        r"Iran|Pakistan|Turkmenistan)(?:-Afghan)?\s+(?:border|frontier)|"
        r"(?:retreat(?:ed|ing|s)?|withdr(?:ew|awn|awing|aw))\s+(?:\w+\s+){0,2}?(?:to|into|across)\s+(?:neighbou?ring\s+)?"
        r"(?=(?:Tajik|Uzbek|Iran|Pakistan|Turkmen))|"
        r"cross(?:ed|es|ing)?\s+(?:[\w\-’']+\s+){1,7}?(?:into|to|onto)\s+(?:neighbou?ring\s+|the\s+)?"
        r"(?=(?:Tajik|Uzbek|Iran|Pakistan|Turkmen))|"
        r"(?:abandon(?:ed|s|ing)?|desert(?:ed|s|ing)?|left|leaving|quit|fled|flee(?:ing)?)\s+(?:their|its|his|her|the)\s+"
        r"(?:[\w\-’']+\s+){0,3}?(?:posts?|positions?|bases?|checkpoints?|outposts?|barracks|headquarters|compounds?|"
        r"garrisons?|district\s+cent(?:re|er)s?)|"
        r"fl(?:ew|own)\s+(?:\w+\s+){0,4}?(?:into|to)\s+(?:neighbou?ring\s+)?(?=(?:Tajikistan|Uzbekistan|Iran|Pakistan|Turkmenistan))|"
        r"evacuated\s+(?:\w+\s+){0,3}?(?:to|into)\s+(?:neighbou?ring\s+)?(?=[A-Z])|"
        r"(?:given|granted|provided|offered|received|sought|seek(?:ing)?|took|taken|found|gave|give|giving|"
        r"request(?:ed|s|ing)?|ask(?:ed|s|ing)?\s+for|appeal(?:ed|s|ing)?\s+for|appl(?:ied|y|ying)\s+for)\s+"
        r"(?:\w+\s+)?(?:shelter|refuge|asylum|safe\s+passage|sanctuary)|"
        r"retreat(?:ed|ing)?\s+(?:across|into|onto)|withdr(?:ew|awn|awing)\s+(?:across|into)\s+(?:the\s+border|neighbou?ring|[A-Z])|"
        r"(?:retreat(?:ed|ing|s)?|withdr(?:ew|awn|awing|aws?)|pull(?:ed|ing)?\s+back|f[ae]ll(?:ing)?\s+back)\s+"
        r"(?:(?:from\s+)?[\w\-’']+\s+){0,6}?(?:in)?to\s+(?:the|its|their|an?|a\s+nearby)\s+(?:[\w\-’']+\s+){0,3}?"
        r"(?:airport|air\s*base|airfield|base|barracks|headquarters|garrison|cantonment)|"
        r"(?:entered|entering|enter)\s+(?:\w+\s+)?(?:territory|soil)|"
        r"land(?:ed|s|ing)\s+(?:safely\s+)?(?:in|at))\b", re.I), "active"),
    # "security forces made a tactical retreat from X": the government's word for a district given up
    ("state", re.compile(
        r"\b(?:tactical(?:ly)?\s+(?:retreat(?:ed|s)?|withdr(?:ew|awn|awal|awing))|"
        r"(?:retreat(?:ed)?|withdr(?:ew|awn))\s+tactically)\s+(?:\w+\s+){0,3}?from\b", re.I), "active"),
    # "the Taliban now control Ghazni", "the insurgents are in full control of Jawand": a state said of the Taliban
    ("state", re.compile(
        r"\b(?:taliban|insurgents|militants|mujah[ie]d(?:ee|i)n)(?:\s+(?:fighters|forces))?\s+(?:(?:now|already|also|"
        r"reportedly|effectively|fully|firmly)\s+)*(?:controls?|(?:are|is|were|was|remain|remains)\s+(?:(?:now|already|"
        r"also|reportedly|effectively)\s+)*in\s+(?:full\s+|complete\s+|effective\s+)?control\s+of)\b", re.I), "active"),
]

# Literal stems every match of a trigger contains (lowercase): a trigger is only run on a sentence
# holding one of them, which skips most sentences of an article cheaply.
_NOUN_TRIGGERS: tuple[str, ...] = ("fall of", "capture of", "seizure of", "takeover of", "overrunning of")

_TRIGGER_KEYS: list[tuple[str, ...]] = [
    ("which", "that"),
    ("capital",),
    ("entered",),
    ("took", "take", "taking", "captur", "wrest", "regain", "clear", "drov", "drive", "driving", "push", "forced",
     "forcing", "chased", "chasing", "expel", "evict", "flush", "repel"),
    ("under", "hands", "controlled", "pass"),
    ("fell", "fall", "lost", "hand", "taken", "collapsed"),  # "hand" also covers "changed hands"
    ("fall", "capture", "seizure", "takeover", "overrunning"),
    ("seiz", "captur", "overr", "overwhelm", "took", "take", "taking", "control", "conquer", "liberat", "flag",
     "surrender"),
    ("enter", "storm", "breach", "infiltrat", "penetrat", "into", "inside", "street", "centre", "center", "heart",
     "reached"),
    ("fighting", "clashes", "clashing", "battl", "gunfire"),
    ("fled", "flee", "escap", "cross", "abandon", "desert", "left", "leaving", "quit", "flew", "flown", "evacuated",
     "shelter", "refuge", "asylum", "passage", "sanctuary", "retreat", "withdr", "territory", "soil", "land",
     "pull", "back"),
    ("tactical",),
    ("control",),
]


_GAP_WORDS = frozenset(
    """the a an of key strategic strategically important city town provincial province capital district districts
    border crossing crossings centre center headquarters northern southern western eastern north south east west
    northeastern northwestern southeastern southwestern north-eastern north-western south-eastern south-western
    control full complete effective over most all parts part large much nearby neighbouring neighboring remote entire
    whole another second third major main trading port town's city's nearly almost about more than some several
    capitals cities provinces towns garrison market farming frontier mountain trading
    areas area outlying rural located mountainous restive besieged embattled heart downtown and commercial hub gateway
    symbolic sprawling into in its their itself key northernmost southernmost also swiftly quickly largely
    strategically-located home bustling ancient historic small big defences defenses perimeter river dry inland land
    afghan side customs frontier post at busy lucrative vital crucial centres centers compound compounds seat seats
    administrative square""".split()
)


_CAPITAL_OUTCOME: dict[str, tuple[str, ...]] = {
    "capture": ("fell",), "nth": ("fell",), "state": ("fell",), "entry": (), "repel": ("repelled",),
    "contested": ("contested",)}


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

assert len(_TRIGGER_KEYS) == len(_TRIGGERS)
