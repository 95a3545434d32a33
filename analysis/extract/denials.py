"""Denials: statements that a reported event did not happen ('officials denied the reports', 'the
crossing is still under government control', 'the attack was repelled'), tied to the mentions they deny."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.extract import claims, vocabulary
from analysis.extract.clauses import scope_before as _scope_before
from analysis.extract.outcomes import _OUTCOME_CUES
from analysis.extract.refs import _Draft, _Sent, _crossing_district, _place_id, _readings
from analysis.extract.stems import guard_stems
from analysis.records import Claim, Mention


_DENY = vocabulary.MACROS["DENY"]  # deny, denied, denial, rejected, dismissed, refuted, ...

_CONTRA = re.compile(
    r"\bunder\s+(?:\w+\s+){0,2}?(?:government|our)(?:'s|’s)?\s+control|\bin\s+government\s+hands|"
    r"\brepell?(?:ed|ing)\s+(?:the|their|an?)\s+(?:\w+\s+)?(?:attack|assault|advance)|\bpushed\s+(?:them|the\s+\w+)\s+back|"
    r"\bbeat\s+back|\bdeni\w*|\breject\w*|\bdismiss\w*|\brefut\w*|\bdisput(?:ed|es)\b|\bfalse\b|\bbaseless\b|\buntrue\b|\bpropaganda\b|\bfabricat\w+|"
    r"\b(?:attacks?|assaults?|advances?)\b[^.;]{0,60}?\b(?:had\s+been|has\s+been|have\s+been|was|were)\s+(?:\w+ly\s+)?"
    r"(?:repell?ed|repulsed|beaten\s+back|pushed\s+back)",
    re.I)

_DENY_OBJECT = re.compile(
    r"(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bnever\s)(?<!\bnor\s)"  # ("did not deny the report": no denial)
    r"\b" + _DENY + r"\s+(?:\w+\s+){0,3}?(?:reports?|claims?|allegations?|"
    r"accounts?|rumou?rs?|news|assertions?|it|this|that)\b|"
    r"\b(?:reports?|claims?)\s+(?:\w+\s+){0,3}?(?:were|are|was|is)\s+[\"“']?(?:\w+\s+)?(?:false|baseless|untrue|propaganda|"
    r"not\s+true|groundless|fabricat\w*|invention|nonsense|lies|a\s+lie)\b|\b(?:false|baseless|untrue)\b|"
    r"\bcalled\s+(?:(?:the|this|that|these|those|such)\s+(?:claims?|reports?)|that|this|it)\s+[\"“']?(?:an?\s+)?(?:\w+\s+)?"
    r"(?:fabrications?|lies?|propaganda|nonsense|rumou?rs?|invention)\b|"  # "called the claim 'a fabrication'"
    r"^\W*(?:[^.;:!?\"“”]{1,80}?\s*:\s*[\"“']?)?(?:that|this|it)\s+(?:is|was)\s+(?:simply\s+|just\s+|absolutely\s+)?(?:not\s+true|untrue|"
    r"false|a\s+lie|propaganda|nonsense)\b",  # a guest's "That is not true." answering the claim just put to them
    # (also after a speaker's label: "ZIA (provincial spokesman): That is not true.", 'A spokesman said: "That is a lie."')
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
    r"armed|afghan)\s+)*(?:forces|troops|army|police|soldiers)|(?:under\s+(?:the\s+)?control|in\s+(?:the\s+)?hands)\s+of\s+"
    r"(?:the\s+)?(?-i:ANDSF|ANA|ANP)|in\s+(?:the\s+)?hands\s+of\s+(?:the\s+)?(?:our|government|"
    r"afghan|security)\s+(?:\w+\s+)?(?:forces|troops))\b",
    re.I)

_GOV_FORCES_CONTROL_KEYS: tuple[str, ...] = guard_stems(_GOV_FORCES_CONTROL)  # derived from the pattern

# the subject of such a statement must be a place or a place noun ("the situation is under control" is not)
_CONTROL_SUBJECT = re.compile(
    r"(?:\b(?:area|areas|district|city|town|crossing|port|posts?|checkpoints?|border|province|capital|centre|center|"
    r"headquarters|compound|gate|it)|\b[A-Z][\w\-’']+)(?:\s+(?:there|itself|themselves))?\s+[\"“]?$")  # (a quote may open)

# a retake makes the control statement a report of recapture, not a denial
_RETAKE_CUE = re.compile(r"\b(?:now|again|back|re-?took|re-?taken|retak\w*|recaptur\w*|regain\w*|cleared)\b", re.I)

# "the crossing had not been lost", "the district has not been captured": an official denies the loss
_NOT_LOST = re.compile(
    r"\b(?:has|had|have|was|were|is|are)\s*(?:not|n't|n’t|never)\s+(?:been\s+)?(?:lost|captured|taken|seized|overrun|"
    r"fallen)\b|\b(?:did|does|do)\s*(?:not|n't|n’t)\s+(?:fall|lose)\b",
    re.I)

_NOT_LOST_KEYS: tuple[str, ...] = guard_stems(_NOT_LOST)  # derived from the pattern

# passive "the Taliban attack on the district had been repelled": the capture is contradicted
_ATTACK_REPELLED = re.compile(
    r"\b(?:attacks?|assaults?|offensives?|advances?|attempts?)\b[^.;]{0,60}?\b(?:had|has|have)?\s*(?:been|was|were)\s+"
    r"(?:(?:\w+ly|successfully)\s+)?(?:repell?ed|repulsed|foiled|thwarted|(?:pushed|beaten|driven)\s+back)\b|"
    # active: "its forces had repelled the attack", "troops beat back the assault"
    r"\b(?:repell?ed|repulsed|foiled|thwarted|beat\s+back|pushed\s+back|fought\s+off)\s+(?:the|their|an?|this|that)\s+"
    r"(?:\w+\s+){0,2}?(?:attack|assault|advance|offensive|attempt)\b|"
    # "its forces remained in control of the town", "fighting was still going on inside the city" (or "there")
    r"\b(?:forces|troops|army|police|soldiers|we)\s+(?:\w+\s+)?(?:remain(?:s|ed)?|(?:are|were|is|was)\s+still|still)\s+"
    r"(?:\w+\s+)?in\s+(?:full\s+|complete\s+)?control\s+of\b|"
    r"\bfighting\s+(?:was|is|were)\s+still\s+(?:going\s+on|continuing|ongoing|under\s+way|underway)"
    r"(?:\s+(?:inside|in|there)\b|(?=\s*(?:[.,;]|$)))",
    re.I)

_ATTACK_REPELLED_KEYS: tuple[str, ...] = guard_stems(_ATTACK_REPELLED)  # derived from the pattern
# "..., but a government spokesman said fighting was continuing": after a claim, in a contrasting clause only
# a place owning the speaker's office: "Uruzgan's police spokesman", "Kunduz's governor"
# (or naming it: "a spokesman for the Takhar police", "the Kunduz provincial council")
_OFFICE_OF_PLACE_AFTER = re.compile(r"(?:'s|’s)\s+(?:[\w\-]+\s+){0,2}?(?:spokes(?:man|woman|person)|governor|police\s+chief|"
                                    r"council|ministry|officials?|administration)\b|"
                                    r"\s+(?:provincial\s+)?(?:police|council|administration|authorities)\b(?!\s+(?:district|"
                                    r"headquarters|station|posts?|checkpoints?)\b)", re.I)
# a report of a fall, then its denial by "it" in the same sentence: "Unverified reports said X had also fallen, but
# officials denied it"
_OWN_REPORT_DENIED = re.compile(r"\b(?:reports?|claims?|rumou?rs?)\s+(?:said|say|suggested|claimed)\s+[^.;]{1,80}?\b(?:had|has|have)\s+"
                                r"(?:also\s+)?(?:fallen|been\s+(?:captured|taken|overrun|seized))\b[^.;]{0,20}?,?\s+but\s+"
                                r"[^.;]{1,60}?\b(?:denied|rejected|dismissed)\s+(?:it|this|that)\b", re.I)
_THE_CLAIM = re.compile(r"\b(?:the|this|that)\s+claim\b", re.I)  # one claim, the one just reported
_FIGHTING_GOES_ON = re.compile(r"\bfighting\s+(?:was|is|were)\s+(?:still\s+)?(?:continuing|going\s+on|ongoing|under\s*way)\b",
                               re.I)

# stems a denial or a "still under government control" statement needs: those of every pattern that can make one
_DENIAL_KEYS: tuple[str, ...] = tuple(sorted({stem for rx in (_DENY_OBJECT, _GOV_CONTROL_STILL, _GOV_FORCES_CONTROL,
                                                               _NOT_LOST, _ATTACK_REPELLED, _FIGHTING_GOES_ON)
                                               for stem in guard_stems(rx)}))

# a place inside an organisation phrase ("the defence ministry in Kabul", "officials in Herat"): where the speaker is
_ORG_PLACE_BEFORE = re.compile(
    r"\b(?:ministry|ministries|officials?|authorities|government|spokes(?:man|woman|person)|police|army|corps|"
    r"headquarters|office|embassy|consulate|sources?|commanders?|correspondents?|officers?)\s+(?:based\s+)?(?:in|at|from)\s+"
    r"(?:the\s+)?$|"
    r"\b(?:spokes(?:man|woman|person)|adviser|aide|deputy)\s+(?:for|to|of)\s+(?:the\s+)?(?:provincial\s+)?(?:governor|police\s+chief|"
    r"police|council)\s+(?:of|in)\s+(?:the\s+)?$",  # "a spokesman for the governor of Badakhshan": the speaker's office
    re.I)

# a place noun with no name: a statement with it and no place of its own is about the place just reported
_PLACE_NOUN = re.compile(
    r"\b(?:the|this|that)\s+(?:area|district|city|town|crossing|port|border\s+posts?|posts?|province|capital|"
    r"region|sector)\b|\bthere\b",
    re.I)

# a place noun that locates the subject ("south and east of the city", "outside the town")
_LOCATING_BEFORE = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:\s+and\s+(?:north|south|east|west)"
                              r"(?:-?(?:east|west))?)?\s+of|outside|near|around|beyond|from)\s+$", re.I)
# what a statement about a place noun can deny: a city's entry, a district's fall (others: either)
_NOUN_EVENT = {"city": "capital_entered", "capital": "capital_entered", "district": "district_seized",
               "crossing": "district_seized", "port": "district_seized"}


def _subject_place_nouns(text: str) -> list[str]:
    """The place nouns of a sentence that do not only locate another place ('the city remains ...', 'in control of the
    city', not 'the districts east of the city'), lowercased ('there' included)."""
    return [m.group(0).lower().split()[-1] for m in _PLACE_NOUN.finditer(text)
            if not _LOCATING_BEFORE.search(text, max(0, m.start() - 40), m.start())]


def _noun_event_types(text: str) -> set[str] | None:
    """The event types a statement of control about its place nouns can deny; None when any type can be."""
    nouns = _subject_place_nouns(text)
    kinds = {_NOUN_EVENT.get(n, "") for n in nouns}
    return None if not nouns or "" in kinds else kinds


# a denial that points back at a claim already reported ("rejected the claim", "denied it"), not one with its own
# content ("rejected allegations that Pakistan was ...")
_DENY_BACK = re.compile(
    r"\b" + _DENY + r"\s+(?:(?:the|that|this|these|those|such|their|its|his)\s+)?"
    r"(?:[\w’'\-]+\s+){0,2}?(?:claims?|reports?|accounts?|statements?|allegations?|assertions?|it|this|that)\b"
    r"(?!\s+(?:that|of|about|by)\b)",
    re.I)

# "the (Taliban) attack": a definite attack is the one just reported
_THE_ATTACK = re.compile(r"\b(?:the|this|that|their|its)\s+(?:taliban\s+|insurgents?(?:'|’)?\s+|enemy(?:'s|’s)?\s+)?"
                         r"(?:attacks?|assaults?|offensive)\b", re.I)

# when or where a report came out, between the noun and its content: "reports on Tuesday that", "claims on social
# media that"
_NOUN_WHEN_WHERE = r"(?:\s+(?:on|in|from)\s+(?:[\w’'\-]+\s+){0,2}?[\w’'\-]+)?"

# a denial with a content clause of its own ("rejected allegations that Pakistan had sheltered fighters"): about the
# previous sentence's event only when that clause speaks of such an event
_DENY_OWN_CONTENT = re.compile(
    r"\b" + _DENY + r"\s+(?:[\w’'\-]+\s+){0,3}?(?:claims?|reports?|allegations?|"
    r"accusations?|charges?|suggestions?|assertions?)" + _NOUN_WHEN_WHERE +
    r"\s+(?:that|of|about)\b(?P<content>[^.;]*)",
    re.I)

# the subject of a denied content clause that is no troops or place: "reports that the president had flown to ..."
_OTHER_SUBJECT = re.compile(r"\s*(?:the\s+)?(?:\w+\s+){0,2}?(?:president|vice[\s-]president|prime\s+minister|leader|"
                            r"families|civilians|refugees|diplomats?|ambassador)\b", re.I)

_EVENT_WORD = re.compile(
    r"\b(?:fell|fallen|fall|captur\w*|seiz\w*|taken|took|overr\w*|lost|fled|flee\w*|abandon\w*|cross\w*|entered|"
    r"control|posts?|refuge|shelter|asylum)\b",
    re.I)

_DENIED_REPORTS = re.compile(
    r"\b" + _DENY + r"\s+(?:the\s+|an?\s+)?(?P<owner>(?:[\w’'\-]+\s+){0,3}?)"
    r"(?:reports?|claims?|rumou?rs?|allegations?|assertions?|accounts?|statements?|announcements?)"
    + _NOUN_WHEN_WHERE + r"\s+(?:that|of)\b",
    re.I)

# "claims that X had fallen were false": the claims assert the event, whoever calls them false denies it
_FALSE_CLAIMS = re.compile(
    r"\b(?P<owner>(?:[\w’'\-]+\s+){0,2}?)(?:reports?|claims?|rumou?rs?|allegations?)\s+"
    r"(?:(?:(?:spread|made|circulated|published|posted|put\s+out)\s+)?(?:by|from)\s+(?P<by>(?:[\w’'\-]+\s+){1,6}?))?"
    r"(?:that|of|about|regarding)\b"
    r"(?P<body>[^.;]{1,140}?)\b(?:were|was|are|is|had\s+been|have\s+been)\s+[\"“'‘]?(?:(?:also|completely|totally|entirely|"
    r"absolutely|simply|utterly|quite|wholly|all|both|just|\w+ly)\s+){0,2}[\"“'‘]?(?:(?:enemy|taliban|pure|mere|hostile)\s+)?"
    r"(?:false|baseless|untrue|unfounded|groundless|not\s+true|fake|incorrect|wrong|fabricated|propaganda)\b",
    re.I)


_FALSE_CLAIMS_KEYS: tuple[str, ...] = guard_stems(_FALSE_CLAIMS)  # derived from the pattern

# "..., but the governor insisted his forces still held it": a second clause whose speaker contradicts the first
_CONTRAST = re.compile(r"(?:,|;)\s*(?:but|while|whereas|however,?|(?:even\s+)?though|although)\s+|\s+but\s+|;\s+", re.I)
_CONTRAST_KEYS: tuple[str, ...] = ("but", "while", "whereas", "however", "though", ";")
# the defenders' own act against the attack ("the government said it had repulsed the attack")
_REPELLED_ACTIVE = re.compile(
    r"\b(?:repuls(?:ed|ing)|repell?(?:ed|ing)|foil(?:ed|ing)|thwart(?:ed|ing)|(?:beat(?:en)?|push(?:ed|ing)|driv(?:en|ing)|drove|"
    r"fought|fend(?:ed)?)\s+(?:back|off))\s+(?:the|an?|their|this|that)\s+(?:\w+\s+)?(?:attacks?|assaults?|offensive|advance)\b",
    re.I)
# an appositive that calls the claim before it false: ", a claim the Takhar police spokesman called 'pure invention'"
_CLAIM_CALLED_FALSE = re.compile(
    r",\s+(?:a|the)\s+claims?\s+(?:that\s+|which\s+)?(?P<subject>[^,;]{3,80}?)\s+(?:(?:quickly|later|promptly)\s+)?"
    r"(?:called|described\s+as|dismissed\s+as|termed|branded|rejected\s+as)\s+[\"“'‘]?(?:a\s+|an\s+)?(?:\w+\s+)?"
    r"(?:fabrications?|lies?|invention|propaganda|nonsense|baseless|false|untrue|groundless|unfounded)\b", re.I)
# the subject of a clause that calls a claim false ("the governor's office called the claim baseless")
_CALLER = re.compile(r"(?P<subject>[^,;]{1,60}?)\s+(?:called|described|dismissed|denied|rejected|termed|branded)\b", re.I)
# forces that still hold a place: said by an official, no loss
_STILL_HOLD = re.compile(
    r"\b(?:forces|troops|army|soldiers|police|defenders|we|they|government)\s+(?:\w+\s+){0,2}?(?:still|firmly|continued?\s+to|"
    r"were\s+still|are\s+still)\s+(?:held|hold|holds|holding|control(?:led|s)?|controlling|in\s+control\s+of)\b",
    re.I)


# the words a denied content clause needs to be about an event of each type
_TYPE_WORDS = {
    "troops_fled": re.compile(r"\b(?:fled|flee\w*|cross\w*|abandon\w*|refuge|shelter|asylum|flown|flew|escap\w*|"
                              r"withdr\w*|retreat\w*|left|deserted)\b", re.I),
    "capture": re.compile(r"\b(?:fell|fallen|fall|captur\w*|seiz\w*|taken|took|overr\w*|lost|control\w*|entered|"
                          r"surrender\w*|handed|it|its)\b", re.I),
}


def denies_another_subject(text: str, start: int = 0, event_type: str = "") -> bool:
    """True when the denial from `start` has a content clause about someone who is no troops ('rejected reports that
    the Afghan president had flown to Dushanbe') or, given a type, about no event of that type."""
    own = _DENY_OWN_CONTENT.search(text, start)
    if own is None:
        return False
    if _OTHER_SUBJECT.match(own.group("content")):
        return True
    words = _TYPE_WORDS.get(event_type) or (_TYPE_WORDS["capture"] if event_type else None)
    return words is not None and words.search(own.group("content")) is None


def _gov_forces_control(text: str) -> bool:
    """True for 'the area was under the control of Afghan forces' said of a place, not of a retake."""
    for m in _GOV_FORCES_CONTROL.finditer(text):
        lo = _scope_before(text, m.start(), 90)
        if _CONTROL_SUBJECT.search(text, max(lo, m.start() - 40), m.start()) and \
                not _RETAKE_CUE.search(text, lo, m.end()):
            return True
    return False


class DenialReader:
    """Extractor methods that remember denial sentences and attach them to the mentions they deny."""

    def _denied_reports(self, s: _Sent, pos: int, mention: Mention, claim: Claim) -> tuple[Mention, Mention] | None:
        """'Officials denied (Taliban) reports that X had fallen': the reports' claim and the officials' denial."""
        rep = _DENIED_REPORTS.search(s.text, 0, pos)
        if rep is None:
            return None
        found = claims.find_attributions(s.text, self.speakers)
        denier = next((a for a in reversed(found) if a.stance == "denied" and a.start <= rep.start()), None)
        if denier is None and _CONTRAST.search(s.text, max(0, rep.start() - 12), rep.start() + 1):
            # "Officials confirmed that A fell, but rejected the group's claims that B ...": the officials deny
            denier = next((a for a in found if a.form == "forward" and a.end <= rep.start()
                           and a.claimant not in ("unknown", "pronoun")), None)
        if denier is None:
            return None
        who = claim.claimant if claim.stance == "denied" else denier.claimant
        owner = rep.group("owner") or ""
        return (replace(mention, claimant=claims.classify_speaker(f"the {owner}" if owner else ""), stance="asserted",
                        claim_cue=rep.group(0)),
                replace(mention, claimant=who if who != "pronoun" else "unknown", stance="denied", claim_cue=denier.cue))

    def _claims_called_false(self, s: _Sent, pos: int, mention: Mention) -> tuple[Mention, Mention] | None:
        """'Claims that X had fallen were false, officials said': the claim, and the denial of whoever calls it false."""
        false = _FALSE_CLAIMS.search(s.text) if any(k in s.low for k in _FALSE_CLAIMS_KEYS) else None
        if false is None or not false.start("body") <= pos < false.end("body"):
            return None
        outside = [a for a in claims.find_attributions(s.text, self.speakers)
                   if not false.start() <= a.start < false.end() and a.claimant != "pronoun"]
        cue = false.group(0)[:80]
        return (replace(mention, claimant=claims.classify_speaker(false.group("by") or false.group("owner") or ""),
                        stance="asserted", claim_cue=cue),
                replace(mention, claimant=outside[-1].claimant if outside else "unknown", stance="denied", claim_cue=cue))

    def _denial_directive(self, i: int, s: _Sent) -> None:
        """Remember a denial sentence ('denied the reports', 'still under government control', 'the crossing had not
        been lost', 'the attack on the district had been repelled')."""
        text = s.text
        low = s.low
        explicit = bool(_DENY_OBJECT.search(text)) and bool(
            re.search(r"\b(?:" + _DENY + r"|false|baseless|untrue|not\s+true|propaganda|fabrications?|lies?|nonsense|invention)\b",
                      text, re.I))
        how = "explicit" if explicit else ""
        still = _GOV_CONTROL_STILL.search(text) if not how else None
        lo, hi = 0, len(text)
        if still is not None:
            how = "control"
            # "..., leaving Kabul and Jalalabad as the only cities still in government hands": the clause's places
            breaks = [b.end() for b in re.finditer(r"[,;]\s+|\s[—–-]\s", text[:still.start()])]
            lo = breaks[-1] if breaks and re.match(r"(?:leaving|with|while|as)\b", text[breaks[-1]:], re.I) else 0
            # "Jaghuri remains under government control, but its road links with the provincial capital have been cut"
            turn = re.compile(r",\s+(?:but|while|although|though)\s+|;\s+", re.I).search(text, still.end())
            hi = turn.start() if turn is not None else len(text)
        official = ""  # a statement that denies only when an Afghan official makes it
        if not how:
            if "fighting" in low and _FIGHTING_GOES_ON.search(text):
                official = "fighting"  # an official's "fighting was still going on there", after the movement's claim
            elif any(k in low for k in _GOV_FORCES_CONTROL_KEYS) and _gov_forces_control(text):
                official = "control"
            elif any(k in low for k in _NOT_LOST_KEYS) and _NOT_LOST.search(text):
                official = "control"
            elif any(k in low for k in _ATTACK_REPELLED_KEYS) and _ATTACK_REPELLED.search(text):
                official = "repelled"
            elif "still" in low and _STILL_HOLD.search(text):
                official = "control"  # an official's "his forces still held the crossing"
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
            if r.in_speaker or _ORG_PLACE_BEFORE.search(text, max(0, r.start - 50), r.start) or not lo <= r.start < hi \
                    or _OFFICE_OF_PLACE_AFTER.match(text, r.end):
                continue  # the speaker's own place ("the defence ministry in Kabul", "Uruzgan's police spokesman") is not denied
            if _LOCATING_BEFORE.search(text, max(0, r.start - 40), r.start):
                continue  # "the districts south and east of the city (around Kandahar city) are still ...": it only
                # locates them
            for p in _readings(r)[:1]:
                ids.add(_place_id(p))
                if p.place_type == "border_crossing":
                    ids.add(_place_id(_crossing_district(p, self.gaz)))
        if not ids and not explicit and not _subject_place_nouns(text) and how != "fighting" and not (
                how == "repelled" and _THE_ATTACK.search(text)):
            return  # a control statement about no place at all ("the districts south of the city are ...": none named)
        self.denials.append((i, how, claim, ids, explicit))

    def _appositive_claim_denial(self, i: int, s: _Sent, n_before: int) -> None:
        """Deny this sentence's claims when an appositive after them calls the claim false ('..., had also been
        captured, a claim the Takhar police spokesman called "pure invention"')."""
        if "claim" not in s.low:
            return
        found = _CLAIM_CALLED_FALSE.search(s.text)
        if found is None:
            return
        who = claims.classify_speaker(found.group("subject"), self.speakers)
        if who in ("unknown", "pronoun"):
            return
        for d in list(self.drafts[n_before:]):
            m = d.mention
            if d.sent_index != i or d.pos >= found.start() or m.stance != "asserted" or m.modality != "asserted" \
                    or m.claimant == who or m.event_type == "troops_fled":
                continue
            denial = replace(m, claimant=who, stance="denied", claim_cue=found.group(0)[:80])
            self.drafts.append(_Draft(denial, i, d.pos, d.related, 0))

    def _contrast_denial(self, i: int, s: _Sent, n_before: int) -> None:
        """Deny this sentence's reports when a contrasting clause's speaker contradicts them ('The Taliban said they
        had taken X, but the governor insisted his forces still held it')."""
        text = s.text
        if not any(k in s.low for k in _CONTRAST_KEYS):
            return
        for c in _CONTRAST.finditer(text):
            tail = text[c.end():]
            if not (_GOV_CONTROL_STILL.search(tail) or _STILL_HOLD.search(tail) or _NOT_LOST.search(tail)
                    or _ATTACK_REPELLED.search(tail) or _REPELLED_ACTIVE.search(tail) or re.search(r"\b" + _DENY + r"\b|\b(?:baseless|false|untrue|groundless|"
                                                                  r"unfounded|propaganda)\b", tail, re.I)):
                if not _FIGHTING_GOES_ON.search(tail):
                    continue
                fighting_only = True  # "fighting was continuing" answers an insurgent claim; after an entry it is a fight
            else:
                fighting_only = False
            if _DENIED_REPORTS.match(tail):
                continue  # ", but rejected the group's claims that B ...": a denial of B alone, read with B's mention
            speaker = next((a for a in claims.find_attributions(text, self.speakers)
                            if a.start >= c.end() and a.claimant not in ("unknown", "pronoun")), None)
            caller = _CALLER.match(tail) if speaker is None else None
            who = claims.classify_speaker(caller.group("subject"), self.speakers) if caller is not None else ""
            if speaker is None and who not in ("", "unknown", "pronoun"):
                speaker = claims.Attribution(who, "denied", caller.group(0), c.end(), c.end() + caller.end(), "forward",
                                             caller.group("subject"))
            if speaker is None:
                continue
            if speaker.claimant == "taliban" and not fighting_only and not re.search(
                    r"\b" + _DENY + r"\b|\b(?:baseless|false|untrue|groundless|unfounded|propaganda)\b", tail, re.I):
                continue  # "...; the Taliban say they still hold it": the movement holding a place denies no capture
            denied = {(d.mention.event_type, d.mention.place_id or d.mention.place) for d in self.drafts[n_before:]
                      if d.mention.stance == "denied"}
            for d in list(self.drafts[n_before:]):
                m = d.mention
                if (m.event_type, m.place_id or m.place) in denied:
                    continue  # the sentence's own reading already found the denial
                if d.sent_index != i or d.pos >= c.start() or m.stance != "asserted" or m.modality != "asserted" \
                        or m.claimant == speaker.claimant or m.event_type == "troops_fled":
                    continue
                if fighting_only and m.claimant != "taliban":
                    continue
                denial = replace(m, claimant=speaker.claimant, stance="denied", claim_cue=speaker.cue)
                self.drafts.append(_Draft(denial, i, d.pos, d.related, 0))
            return

    def _nearest_targets(self, i: int, window: int) -> list[_Draft]:
        """The asserted mentions of the nearest sentence before sentence i (within `window`) that has any."""
        for j in range(i - 1, max(-1, i - window - 1), -1):
            found = [d for d in self.drafts if d.sent_index == j and d.mention.stance == "asserted" and d.mention.modality == "asserted"]
            if found:
                return found
        return []

    def _apply_denials(self) -> None:
        """Add a denied mention for each asserted mention a denial sentence refers to."""
        for i, how, claim, ids, explicit in self.denials:
            s = self.sents[i]
            if explicit and denies_another_subject(s.text):
                continue  # "rejected reports that the Afghan president had flown to Dushanbe": not the troops
            if ids:
                targets = [d for d in self.drafts if d.mention.stance == "asserted" and d.mention.modality == "asserted" and d.related & ids
                           and (explicit or d.sent_index != i)]
                if explicit:
                    targets = [d for d in targets if i - 6 <= d.sent_index <= i]
            elif explicit:
                own = _DENY_OWN_CONTENT.search(s.text)
                if own is not None and not _EVENT_WORD.search(own.group("content")):
                    continue  # "rejected allegations that Pakistan had sheltered fighters": another matter
                if _OWN_REPORT_DENIED.search(s.text):
                    continue  # "Reports said Mohammad Agha had also fallen, but officials denied it": the sentence's own
                    # report (a place not read), not the ones before it
                targets = [d for d in self.drafts if d.mention.stance == "asserted" and d.mention.modality == "asserted" and i - 2 <= d.sent_index < i]
                claimed = [d for d in targets if d.mention.claimant == "taliban"]
                if claimed and _THE_CLAIM.search(s.text):  # "called the claim a fabrication": the movement's claim
                    last = max(d.sent_index for d in claimed)
                    targets = [d for d in claimed if d.sent_index == last]
                if not targets and _DENY_BACK.search(s.text) and _PLACE_NOUN.search(s.text):
                    # "rejected the claim, saying no soldier had abandoned his post in the area": the claim
                    # reported a little earlier (the speaker's place, if any, was left out)
                    targets = self._nearest_targets(i, 6)
            else:  # "the area was under the control of Afghan forces": the place of the mention just before
                kinds = _noun_event_types(s.text)  # ("the city remains ...": a city's entry, not the districts before)
                targets = [d for d in self._nearest_targets(i, 3) if kinds is None or d.mention.event_type in kinds]
            if how in ("control", "repelled") and not explicit:
                # a statement of control or a repulse contradicts a capture, not a flight of troops
                targets = [d for d in targets if d.mention.event_type != "troops_fled"]
            if how == "repelled":
                targets = [d for d in targets if d.mention.event_type == "district_seized"]
            if how == "fighting":  # fighting going on "there" answers the movement's claim of a capture just before
                targets = [d for d in self._nearest_targets(i, 2) if d.mention.claimant == "taliban"
                           and d.mention.event_type != "troops_fled"]
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
