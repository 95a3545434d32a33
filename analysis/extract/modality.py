"""Modality of an event mention: asserted, or only speculative, conditional, future (planned, threatened,
expected) or negated, read from the words that govern the trigger (docs/EVENTS.md, 'What is not a fact')."""

from __future__ import annotations

import re

from analysis.extract import vocabulary
from analysis.extract.clauses import scope_after, scope_before
from analysis.extract.stems import guard_stems


# a modal verb phrase whose coordinated second verb is the trigger ("could isolate X ... and possibly take it")
_MODAL_COORD = re.compile(
    r"\b(?:could|might|(?-i:may)|would|will|can)\s+(?:\w+\s+){1,8}?(?:and|or)\s+(?:(?:possibly|perhaps|probably|eventually|"
    r"even|then|later|ultimately|potentially)\s+)?$", re.I)
_MODAL_BEFORE = re.compile(
    r"\b(?:could|might|(?-i:may)|would|will|shall|can|cannot|should|must|'ll|’ll)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:threat\w*|plan\w*|vow\w*|attempt\w*|tr(?:y|ied|ies|ying)|aim\w*|seek\w*|sought|want\w*|intend\w*|"
    r"prepar\w*|poised|expect\w*|look(?:s|ed|ing)?|likely|about|ready|fail\w*|unable|hop\w*|bid|effort\w*|order\w*|"
    r"prevent\w*|refus\w*|push\w*|determined|pledg\w*|promis\w*|sworn|swore|going|set|need\w*|urg\w*|"
    r"call\w*|allow\w*|able|designed|move|moves|moving|order|operations?|offensives?|counter-?offensives?|"
    r"campaign|mission|drive|fight(?:s|ing)?|battl(?:e|es|ing)|struggl\w*|scrambl\w*|rac(?:e|es|ing))[\"”’']?\s+(?:\w+\s+){0,2}?to\s+"
    r"(?!(?:the\s+)?(?:taliban|insurgents|militants|movement)\b)(?:\w+\s+){0,4}$"  # (not "without fight to the Taliban
    # was handed over": to whom, no infinitive)
    r"|\b(?:prepar\w*|brac\w*|wait\w*|ready)\s+for\s+(?:the\s+)?(?:\w+\s+){0,2}?to\s+(?:\w+\s+){0,3}$"  # ("preparing for
    # the Taliban to enter Herat")
    r"|\b(?:in\s+an?\s+(?:attempt|bid|effort)\s+to|in\s+order\s+to)\s+(?:\w+\s+)?$",
    re.I)
_MODAL_KEYS: tuple[str, ...] = ("could", "might", "may", "would", "will", "shall", "can", "should", "must", "'ll", "’ll")
_SUCCESS_TO = re.compile(r"\b(?:managed|managing|manages|began|begun|started|continued|continue|came|"
                         r"(?:was|were|been)\s+(?:allowed|permitted))\s+to\s+(?:\w+\s+){0,4}$", re.I)  # ("had been allowed to land")
_SUCCESS_KEYS: tuple[str, ...] = guard_stems(_SUCCESS_TO)  # derived from the pattern
_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n't|n’t|\bnever|\bno\s+longer|\byet\s+to|\bfailed\s+to|\bunable\s+to|\bwithout)\s+(?:\w+\s+){0,2}$",
    re.I)
_CONDITIONAL_START = re.compile(r"^\W*(?:\d{1,2}[.)]\s+)?(?:if|unless|should|whether|once)\b"  # also "5. If ..."
                                r"(?!\s+you(?:'re|’re|\s+are|\s+have)\s+(?:just\s+)?(?:joining|tuning|catching)\b)",  # (a
                                re.I)  # live page's "If you are just joining us, here is ...": no condition on what follows
# an inverted condition: "Had Kunduz fallen, the road would be open", "Were the city to fall, ... could ..."
_INVERTED_IF = re.compile(r"^\W*(?:had|were)\b(?P<cond>[^.;,]*),[^.;]*\b(?:would|could|might)\b", re.I)
# what a clip, photograph or post is captioned or shared as, or claims to show: a claim about the picture, not a report
# ('The clip shared as "Kunduz falls tonight" was filmed in 2015', 'A second clip, of "Kandahar falling", is old', 'a
# photograph shared as proof that Mazar had fallen'); "shows" only with the words quoted ('"This video shows Kunduz
# falling" - MISLEADING'; not "Footage showed fighters in the main square of Kunduz")
_CAPTION_BEFORE = re.compile(
    r"(?:\b(?:captioned|titled|labell?ed|headlined|(?:shared|circulated|posted)\s+(?:(?:overnight|online|widely|today|"
    r"yesterday|again|on\s+social\s+media|this\s+week)\s+)?as(?:\s+proof\s+that)?|"
    r"purport(?:s|ed|ing)?\s+to\s+show|(?:said|claimed|claiming)\s+to\s+show|"
    r"(?:with|under|bearing|carrying)\s+the\s+(?:caption|title|headline|label))\s*[:,]?\s*[\"“‘']?"  # ("posted with the
    # caption "Lashkar Gah falls tonight"")
    r"|\b(?:clips?|videos?|footage|photo(?:graph)?s?|images?|pictures?|posts?)\s*,?\s+(?:of|shows?|showing)\s*[\"“‘']"
    r"|[\"“‘']\s*(?:this|the)\s+(?:clip|video|footage|photo(?:graph)?|image|picture)\s+(?:shows?|of)\s+)"
    r"(?:[\w\-’']+\s+){0,6}$", re.I)
_CAPTION_KEYS: tuple[str, ...] = ("caption", "titled", "label", "headline", "shared", "circulated", "purport", "show",
                                  "clip", "video", "footage", "photo", "image", "picture", "post")
# a condition inside the trigger's clause ("if the districts around it continued to fall", "plans in case Herat falls",
# "in the event that the city falls")
_IF_IN_CLAUSE = re.compile(r"\b(?:if|unless|whether|in\s+case|in\s+the\s+event\s+(?:that|of))\b", re.I)
# a fear, rumour or warning governing what follows ("residents feared the fighters had entered", "rumours that")
_FEAR = re.compile(
    r"\b(?:fear(?:ed|s|ing)?|feared|worr(?:y|ied|ies|ying)|rumou?r(?:s|ed)?|rumou?red|speculat\w*|"
    r"concern(?:s|ed)?\s+that|danger\s+that|risk\s+that|un(?:confirmed|verified)\s+(?:rumou?rs?|reports?|claims?|accounts?)(?:\s+(?:said|say|suggest(?:s|ed)?|claim(?:s|ed)?))?|"
    r"(?:had\s+|have\s+|has\s+)?heard\s+(?=that\b)|"  # hearsay: "he had heard that fighters had entered"
    # messages going round ("voice messages claiming that the Taliban have entered Kandahar city")
    r"(?:messages?|posts?|videos?|clips?|tweets?|rumou?rs?)\s+(?:[\w\-]+\s+){0,3}?(?:claiming|saying|suggesting|alleging)|"
    # ... or said so, when nobody is named as their author ("Social media posts on 10 August said that")
    r"(?<!['’]s\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)(?:messages|posts|videos|clips|tweets)"
    r"(?:\s+(?:on|from)\s+(?:social\s+media|telegram|whatsapp|facebook|twitter|\d{1,2}\s+\w+|\w+day))?"
    r"\s+(?:said|say|claimed|claim|suggested|suggest))\b"
    r"(?:\s+that)?"
    r"(?P<rest>[^;:.?!,]*)$",
    re.I)
_FEAR_KEYS: tuple[str, ...] = guard_stems(_FEAR)  # derived from the pattern
# a report withdrawn or left unconfirmed: "an earlier version of this story said", "wrongly reported that",
# "I cannot confirm reports that", "we were unable to verify claims that"
_UNCONFIRMED = re.compile(
    r"\b(?:(?:earlier|previous)\s+version(?:\s+of\s+(?:this|the)\s+(?:story|article|report|item|dispatch))?|"
    r"(?:incorrectly|wrongly|erroneously|mistakenly)\s+(?:said|stated|reported|claimed)|"
    r"(?:said|stated|reported|claimed),?\s+(?:incorrectly|wrongly|erroneously|mistakenly)\b|"
    # ("We have no information that the city has been entered", "there is no confirmation that")
    r"(?:have|has|had|there\s+is|there\s+was)\s+(?:so\s+far\s+|yet\s+|still\s+|as\s+yet\s+)?no\s+(?:independent\s+|official\s+)?"
    r"(?:information|confirmation|evidence|indication|word)\s+(?:yet\s+)?that|"
    r"(?:can(?:not|'t|’t)|could\s*(?:not|n't|n’t)|unable\s+to|not\s+able\s+to)\s+(?:independently\s+)?"
    r"(?:confirm|verify)\s+(?:(?:either|also|yet)\s+)?(?:(?:(?:the|these|those|such|an?)\s+)?(?:[\w\-]+\s+)?(?:reports?|claims?|rumou?rs?|accounts?)|"
    r"that|whether|if))\b[^.;]*$",
    re.I)
_UNCONFIRMED_KEYS: tuple[str, ...] = guard_stems(_UNCONFIRMED)  # derived from the pattern
# "There are unconfirmed reports on social media that X, the capital of P, has also been handed over": an
# unconfirmed report governs its that-clause, appositives and all, up to a ", but" or the clause's end
_UNCONFIRMED_REPORTS = re.compile(
    r"\bun(?:confirmed|verified|substantiated)\s+(?:[\w\-]+\s+){0,2}?(?:reports?|claims?|rumou?rs?|accounts?|posts?|"
    r"messages?|videos?|footage|tweets?)\b"  # ("Unverified posts on social media on Thursday said X had fallen")
    r"(?:[^.;]{0,40}?\b(?:that|of)\b|[^.;]{0,40}?\s(?:said|say|says|suggest(?:s|ed)?|claim(?:s|ed)?|showed|show)\b)"
    r"(?:(?!,\s*(?:but|while|although|though)\b)[^.;])*$",
    re.I)
# "Reports that ... crossed into Pakistan could not be verified": a report left unverified after the trigger
# nobody asserts it: "Nobody we trust says the fighters are inside the city", "No official has confirmed that ..."
_NOBODY_SAYS = re.compile(
    r"\b(?:nobody|no\s+one|none\s+of\s+(?:the|our|them|those)\b[^.;,]{0,30}?|"
    r"no\s+(?:\w+\s+)?(?:officials?|sources?|residents?|spokesm[ae]n|officers?|witness(?:es)?|reports?|agenc(?:y|ies)|one))"
    r"\s+(?:[\w\-’']+\s+){0,6}?(?:(?:has|have|had|could|can|would)\s+)?(?:says?|said|confirm(?:s|ed)?|reported|reports|told|"
    r"claim(?:s|ed)?|believes?|suggests?|suggested|stated|states)\b[^.;]*$", re.I)
_REPORTS_THAT = re.compile(r"\b(?:reports?|claims?|rumou?rs?|accounts?)\b[^.;]{0,60}?\b(?:that|of)\b", re.I)
# not among the men who did it ("they were not, officials stressed, among those who fled")
_NOT_AMONG = re.compile(r"\bnot\b(?:\s*,\s*[^,;]{1,50},)?\s+(?:\w+\s+)?among\s+(?:those|the\s+(?:[\w\-]+\s+)?(?:men|soldiers|"
                        r"police(?:men)?|troops|ones|units))\s+(?:who|that)\s+(?:had\s+|have\s+)?$", re.I)
# an earlier time named only by its distance ("in those years", "back then")
_THOSE_YEARS = re.compile(r"\b(?:in\s+those\s+(?:years|days|times|decades)|back\s+then|in\s+the\s+old\s+days|in\s+years\s+past)\b",
                          re.I)
_THOSE_KEYS: tuple[str, ...] = guard_stems(_THOSE_YEARS)  # derived from the pattern
# reports or rumours of no named side ("Reports that", "Rumours on social media that"; not "Claims by the enemy that")
_RUMOURS_THAT = re.compile(r"\b(?:reports?|rumou?rs?)\b(?![^.;]{0,40}?\b(?:by|from|of)\s+(?:the\s+)?(?:taliban|enemy|movement|insurgents|"
                           r"militants|group|mujahideen)\b)[^.;]{0,60}?\bthat\b", re.I)
# a report called false after what it says ("Reports that X had fallen are false", "... turned out to be untrue")
_FALSE_AFTER = re.compile(r"[^.;]{0,120}?\b(?:are|is|were|was|proved|proven|turned\s+out(?:\s+to\s+be)?|have\s+been\s+shown\s+to\s+be)"
                          r"\s+(?:(?:all|completely|entirely|simply|also)\s+)?(?:false|untrue|wrong|baseless|fake|unfounded|"
                          r"groundless|incorrect|fabricated)\b", re.I)
_FALSE_KEYS: tuple[str, ...] = guard_stems(_FALSE_AFTER)  # derived from the pattern
_REPORTED_THAT = re.compile(r"\b(?:report(?:ed|s)?|claim(?:ed|s)?)\s+(?:\w+\s+){0,2}?that\b", re.I)
_REPORTS_UNVERIFIED = re.compile(
    r"[^.]{0,160}?\b(?:reports?|claims?|which|this|it)\b[^.;]{0,30}?\b(?:could|can|have|has|had)\s*(?:not|n't|n’t)\s+"
    r"(?:yet\s+)?(?:be(?:en)?\s+)?(?:independently\s+)?(?:verified|confirmed)\b", re.I)
_UNVERIFIED_AFTER = re.compile(
    r"[^.;]{0,140}?\b(?:(?:could|can|have|has|had|were|was|are|is)\s*(?:not|n't|n’t)|cannot)\s+(?:yet\s+)?(?:be(?:en)?\s+)?"
    r"(?:independently\s+)?(?:verified|confirmed)\b|"
    r"[^.;]{0,140}?\b(?:remain(?:s|ed)?|are|is|were|was)\s+(?:still\s+|as\s+yet\s+)?(?:unverified|unconfirmed)\b|"
    # "..., and we are not in a position to confirm them", "..., which we could not verify"
    r"[^.;]{0,140}?\b(?:(?:not|n't|n’t)\s+(?:yet\s+)?(?:in\s+a\s+position|able)\s+to|cannot|can't|can’t|could\s*(?:not|n't|n’t)|"
    r"unable\s+to)\s+(?:independently\s+)?(?:confirm|verify)\s+(?:it|them|this|that|these|those|the\s+(?:reports?|claims?))\b",
    re.I)
_DENIED_AFTER = re.compile(r"[^.;]{0,100}?\b(?:were|was|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:denied|dismissed|rejected)\b",
                           re.I)
# a report verb between the fear and the trigger gives the trigger a speaker of its own ("feared reprisals, said ...")
_REPORT_BETWEEN = re.compile(rf"\b(?:{'|'.join(v.word for v in vocabulary.VERBS if v.reports)})\b", re.I)
_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|'ll|’ll|going|set|poised|about|expect\w*|plan\w*|vow\w*|threat\w*|intend\w*|prepar\w*|"
    r"pledg\w*|promis\w*|sworn|swore|ready|determined|likely)\b", re.I)
# a trigger in the present tense inside a before/until clause speaks of the future ("before Kabul falls")
_PRESENT_TRIGGER = re.compile(r"(?:falls?|enters?|takes?|captures?|seizes?)\b", re.I)
_TEMPORAL_OPEN = re.compile(r"\b(?:before|until|till|by\s+the\s+time|once|unless)\s+(?:[\w\-’']+\s+){0,6}$", re.I)
_QUESTION_END = re.compile(r"\?\s*[\"”’']?\s*$")


_GERUND_ACT = re.compile(r"(?:taking|capturing|seizing|entering|overrunning|storming)\b", re.I)
_ABSTRACT_BEFORE = re.compile(r"\b(?:than|about|of|at|to|towards?)\s+$", re.I)  # (not "after", "before", "by", "since")
_NOT_LET = re.compile(r"(?:\b(?P<will>will|would|shall)\s+)?\b(?:not|never)\s+(?:let|allow|permit)\s+(?:the\s+)?"
                      r"(?:[\w\-’']+\s+){0,3}?(?:to\s+)?$|\b(?P<wont>won[’']t|wouldn[’']t)\s+(?:let|allow|permit)\s+"
                      r"(?:the\s+)?(?:[\w\-’']+\s+){0,3}?(?:to\s+)?$", re.I)
_ON_THE_VERGE = re.compile(r"\b(?:(?:on\s+the\s+)?(?:verge|brink|edge|point)\s+of|(?:close|closer|near|nearer)\s+to)\s+"
                           r"(?:being\s+)?$", re.I)
# a place forecast as the next to fall ("Mazar could be the next to fall", "Sheberghan is next to go"), not "was"
_NEXT_TO = re.compile(r"\b(?:could|might|may|would|will|is|are|seems?|looks?|appears?)\s+(?:well\s+|now\s+|soon\s+|likely\s+)?"
                      r"(?:to\s+be\s+|be\s+)?(?:the\s+)?next\s+(?:(?:city|town|district|capital|one)\s+)?(?:in\s+line\s+)?to\s+$", re.I)
_HELD_STATE = re.compile(r"\b(?:in|under)\s|\b(?:controlled|run|administered|governed)\s+by\b", re.I)
_LONG_HELD = re.compile(r"\s+(?:\w+\s+){0,2}?for\s+(?:(?:many\s+|several\s+|two\s+|three\s+)?(?:years|decades)|so\s+long)\b",
                        re.I)  # ("administered by the movement for so long that ...")
# an order or a resolve not (yet) carried out: "told not to enter", "ordered to wait ... and not to enter"
_DIRECTIVE = re.compile(r"(?:\bnot\s+to|\b(?:told|ordered|instructed|directed|urged|asked)\s+(?:\w+\s+){0,3}?to)\s+$", re.I)


def _kind_of_modal(words: str) -> str:
    """Future for plans, threats and forecasts; speculative for possibilities, attempts and wishes."""
    return "future" if _FUTURE_WORDS.search(words) else "speculative"


# a report, then the next sentence says it is not confirmed yet
_REPORTS_SAY = re.compile(r"\b(?:reports?|rumou?rs?|unconfirmed|social\s+media|messages?)\s+(?:\w+\s+){0,3}?(?:says?|said|suggests?|"
                          r"suggested|claims?|claimed|indicate[sd]?)\b|\b(?:there\s+(?:are|were)\s+)?reports?\s+(?:that|of)\b", re.I)
_TRYING_TO_CONFIRM = re.compile(r"\W*(?:we|i|the\s+\w+(?:\s+\w+)?|officials?|nobody|no\s+one)\s+(?:are|is|were|was|have|has|had|could|can|"
                                r"did|do|does)?\s*(?:(?:still|so\s+far)\s+)?(?:(?:trying|working|unable|not\s+(?:yet\s+)?(?:been\s+)?able)\s+to\s+"
                                r"(?:independently\s+)?(?:confirm|verify)|(?:not|n't|n’t|yet\s+to|never)\s+(?:\w+\s+)?(?:confirm|verif)\w*)\b", re.I)

def unconfirmed_next(before: str, next_sentence: str) -> bool:
    """True when a report opens the text before a trigger ('Reports say ...') and the next sentence says it is not
    confirmed yet ('We are trying to confirm this.', 'Officials have not confirmed it.')."""
    return _REPORTS_SAY.search(before) is not None and _TRYING_TO_CONFIRM.match(next_sentence) is not None


# a report taken back: "An earlier version wrongly said ...", and in a corrections box "A brief said ...", "We said ..."
_WRONGLY_SAID = re.compile(r"\b(?:wrongly|incorrectly|mistakenly|erroneously)\s+(?:said|stated|reported|wrote|claimed|"
                           r"described|identified)\b", re.I)
_RETRACTED_OPENER = re.compile(r"\W*(?:\*\*[^*]{1,80}\*\*\W*)?(?:we|(?:a|an|the|our)\s+(?:earlier\s+|previous\s+)?"
                               r"(?:brief|report|story|article|caption|headline|version(?:\s+of\s+this\s+\w+)?))\s+"
                               r"(?:had\s+)?(?:said|stated|reported|wrote|claimed)\b", re.I)
_CORRECTIONS_HEAD = re.compile(r"\bcorrections?\b", re.I)
# what "we said" in an earlier edition ("On last week's episode, we said that ...", "In episode 56 we said that ..."):
# recalled to be corrected
_EARLIER_EDITION_SAID = re.compile(r"\W*(?:(?:on|in)\s+(?:last\s+week['’]s|yesterday['’]s|an\s+earlier|a\s+previous|our\s+"
                                   r"(?:last|previous|earlier))\s+(?:episode|edition|issue|bulletin|newsletter|briefing|show|"
                                   r"programme|program)|in\s+(?:episode|issue)\s+\d+),?\s+we\s+(?:had\s+)?(?:said|reported|wrote|"
                                   r"stated)\s+that\b", re.I)


def taken_back(sentence: str, start: int, article_head: str, before: str = "") -> bool:
    """True when the trigger at `start` is a report taken back: 'An earlier version wrongly said ...', what 'we said'
    in an earlier edition, or in a page (or a section just before, `before`) headed as corrections, 'We said that
    ...' / 'A brief said ...'."""
    return _WRONGLY_SAID.search(sentence, 0, start) is not None or _EARLIER_EDITION_SAID.match(sentence) is not None or (
        _RETRACTED_OPENER.match(sentence) is not None and (_CORRECTIONS_HEAD.search(article_head) is not None
                                                           or _CORRECTIONS_HEAD.search(before) is not None))


# a refusal of what may come ("would not accept a military takeover of Kabul", "will never recognise a Taliban capture of";
# not "could not accept the loss of Kunduz", which happened)
_REFUSED_BEFORE = re.compile(r"\b(?:would|will|shall|won['’]t|wouldn['’]t)\s+(?:not\s+|never\s+)?"
                             r"(?:accept|allow|permit|tolerate|recogni[sz]e|let)\s+(?:[\w\-’']+\s+){0,4}$", re.I)
_REFUSED_KEYS = guard_stems(_REFUSED_BEFORE)
# an aim or a plan named by the event's noun ("not seeking a military takeover of the capital", "plans for the capture of")
_SEEKING_BEFORE = re.compile(r"\b(?:seek|seeks|seeking|sought|want|wants|wanted|wanting|aim(?:s|ed|ing)?\s+(?:at|for)|"
                             r"plan(?:s|ned|ning)?\s+(?:for|a|an|the)|intend(?:s|ed|ing)?|push(?:es|ed|ing)?\s+for|"
                             r"prepar(?:e|es|ed|ing)\s+for)\s+(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_SEEKING_KEYS = guard_stems(_SEEKING_BEFORE)


# a post or line labelled as unconfirmed: "Unverified:", "Unconfirmed reports:", "Rumour:"
_UNVERIFIED_LABEL = re.compile(r"\W*(?:\d+\s*/\s*)?(?:unverified|unconfirmed|rumou?rs?|not\s+(?:yet\s+)?confirmed)"
                               r"(?:\s+(?:reports?|claims?|information))?\s*[:\-–—]", re.I)


def read_modality(text: str, start: int, end: int, noun: bool = False) -> str:
    """The modality of the trigger at text[start:end]: asserted, speculative, conditional, future or negated."""
    if _CONDITIONAL_START.match(text):
        return "conditional"
    if any(k in text for k in _CAPTION_KEYS) and _CAPTION_BEFORE.search(text, max(0, start - 90), start):
        return "speculative"  # 'a clip shared as "Kunduz falls tonight"', 'a video captioned "Mazar falls"': a caption"
    if _UNVERIFIED_LABEL.match(text):
        return "speculative"  # "9/ Unverified: WhatsApp messages claim X's district centre has fallen"
    inverted = _INVERTED_IF.match(text) if text.lstrip()[:4].lower() in ("had ", "were") else None
    if inverted is not None and start < inverted.end("cond"):
        return "conditional"
    before = text[max(0, start - 70):start]
    low = before.lower()
    clause = text[scope_before(text, start, 90):start]
    clow = clause.lower()
    if "to " in low and _DIRECTIVE.search(before):
        return "future"  # "fighters have been ordered ... not to enter the city": an order, no act yet
    if _GERUND_ACT.match(text, start, end) and _ABSTRACT_BEFORE.search(text, max(0, start - 12), start):
        return "speculative"  # "more important than taking Kabul quickly", "the prospect of capturing Herat"
    after = text[end:scope_after(text, end, 80)]
    if (any(k in clow for k in _THOSE_KEYS) and _THOSE_YEARS.search(clause)) or (
            any(k in after.lower() for k in _THOSE_KEYS) and _THOSE_YEARS.search(after)):
        return "past"  # "In those years Taloqan changed hands several times", "... changed hands several times in those
        # years": an earlier time, told as such
    if _LONG_HELD.match(text, end) and _HELD_STATE.search(text, start, end):
        return "past"  # "has been in Taliban hands for years", "had been run by the Taliban for years": not this offensive's
        # act ("slipping out of ... for years" is)
    if ("if" in clow or "unless" in clow or "whether" in clow or "case" in clow or "event" in clow) and \
            _IF_IN_CLAUSE.search(clause):
        return "conditional"  # (before "continued to": "if the districts around it continued to fall")
    if any(k in low for k in _SUCCESS_KEYS) and _SUCCESS_TO.search(before):
        return "negated" if negated(text, start) else "asserted"
    if ("to" in low or any(k in low for k in _MODAL_KEYS)) and _MODAL_BEFORE.search(before[-60:]) and \
            _MODAL_BEFORE.search(clause + " ") is not None:
        return _kind_of_modal(_MODAL_BEFORE.search(before[-60:]).group(0))  # type: ignore[union-attr]
    if any(k in clow for k in _MODAL_KEYS):
        mm = re.search(r"\b(?:could|might|may|would|will)\s+(?:\w+\s+){0,3}$", clause)
        if mm:
            return _kind_of_modal(mm.group(0))
    if " and " in low or " or " in low:
        # "could isolate Herat within 30 days and possibly take it": a modal verb phrase coordinated with the trigger
        mc = _MODAL_COORD.search(before)
        if mc:
            return _kind_of_modal(mc.group(0))
    if not noun and _PRESENT_TRIGGER.match(text, start, end) and _TEMPORAL_OPEN.search(before) and \
            not re.search(r"\b(?:the|was|were|is|are|been|be|had|has|have)\s+$", before):
        return "future"  # "it could be 90 days before Kabul itself falls", "until the city falls": not yet
    if "let" in low or "allow" in low or "permit" in low:
        vow = _NOT_LET.search(before)
        if vow is not None:  # "will not let the Taliban take Sheberghan": a vow that it will not happen
            return "future" if vow.group("will") or vow.group("wont") else "negated"
    if noun and any(k in low for k in _SEEKING_KEYS) and _SEEKING_BEFORE.search(before):
        return "future"  # "The Taliban say they are not seeking a military takeover of the capital": an aim, not an act
    if any(k in low for k in _REFUSED_KEYS) and _REFUSED_BEFORE.search(before):
        return "future"  # "Pakistan would not accept a military takeover of Kabul": a stance on what may come
    if "next" in low and _NEXT_TO.search(before):
        return "speculative"  # "Mazar-i-Sharif could be the next to fall": a forecast
    if ("of" in low or "to" in low) and _ON_THE_VERGE.search(before):
        return "speculative"  # "on the verge of falling", "close to being captured": not yet
    if noun and _NEGOTIATING.search(before):
        return "speculative"  # "elders were negotiating the handover of the city": not (yet) done
    if ("of" in low or "to" in low):
        mp = re.search(r"\b(?:intention|intent|plans?|threats?|attempts?|bid|efforts?|aim|goal|hopes?|ability|"
                       r"capacity|chance|risk|danger|prospect)\s+(?:of\s+(?:[\w\-’']+\s+){1,4}?to|of|to)\s+(?:\w+\s+){0,2}$",
                       before, re.I)  # "plans to take", "the attempts of the enemy to enter"
        if mp:
            return _kind_of_modal(mp.group(0))
    if noun:
        mn = re.search(r"^[^.;]{0,60}?\b(?:would|could|might|(?-i:may)|will)\b", text[end:], re.I)
        if mn:
            return _kind_of_modal(mn.group(0))
    wide = text[max(0, start - 120):start]
    if any(k in wide.lower() for k in _UNCONFIRMED_KEYS) and _UNCONFIRMED.search(wide):
        return "speculative"  # "an earlier version of this story said", "I cannot confirm reports that"
    if "un" in wide.lower() and _UNCONFIRMED_REPORTS.search(wide):
        return "speculative"  # "unconfirmed reports on social media that X ... has also been handed over"
    if ("nobody" in wide.lower() or "no " in wide.lower() or "none" in wide.lower()) and _NOBODY_SAYS.search(wide):
        return "speculative"  # nobody asserts it: unconfirmed, like a report that could not be verified
    if any(k in wide.lower() for k in _FEAR_KEYS):
        fm = _FEAR.search(wide)
        if fm is not None and not _REPORT_BETWEEN.search(fm.group("rest")):
            return "speculative"
    if any(k in text[end:].lower() for k in _FALSE_KEYS) and _RUMOURS_THAT.search(wide) and _FALSE_AFTER.match(text, end):
        return "speculative"  # "Reports that fighters had entered Bazarak ... are false": a report of no one called false
        # (a side's "claims ... are baseless" stay that side's claim, denied)
    if ("verif" in text[end:].lower() or "confirm" in text[end:].lower()) and _REPORTS_THAT.search(wide) and \
            _UNVERIFIED_AFTER.match(text, end):
        return "speculative"  # "Reports that soldiers crossed into Pakistan could not be verified"
    if ("verif" in text[end:].lower() or "confirm" in text[end:].lower()) and _REPORTED_THAT.search(wide) and \
            _REPORTS_UNVERIFIED.match(text, end):
        return "speculative"  # "media reported that soldiers had also crossed; ... the reports, which could not be verified"
    if _QUESTION_END.search(text) and "?" not in text[:start]:
        return "speculative"
    return "negated" if negated(text, start) else "asserted"


def report_denied(text: str, start: int, end: int) -> bool:
    """True when the trigger at text[start:end] sits in a report that is then denied ("Reports that a further group
    had crossed at Torkham were denied by the military")."""
    return _REPORTS_THAT.search(text, max(0, start - 120), start) is not None and _DENIED_AFTER.match(text, end) is not None


def modal(text: str, start: int, end: int, noun: bool = False) -> bool:
    """True when a trigger is only a possibility, plan, threat, condition or fear (neither asserted nor negated)."""
    return read_modality(text, start, end, noun) not in ("asserted", "negated")


def negated(text: str, start: int) -> bool:
    """True when the verb is negated ('has not fallen', 'did not enter'), its subject is nobody ('not one customs
    officer has left'), or the fighting named ('no fighting had taken place inside the city')."""
    if _NO_BEFORE.search(text, max(0, start - 14), start) and _FIGHT_NOUN.match(text, start):
        return True
    before = text[max(0, start - 60):start]
    if _NEGATION_BEFORE.search(before[-40:]):
        return True
    if "among" in before and _NOT_AMONG.search(text, max(0, start - 90), start):
        return True  # "they were not, officials stressed, among those who fled"
    return ("no" in before.lower() or "not" in before.lower()) and (
        _NO_SUBJECT.search(before) is not None or _NOBODY_SUBJECT.search(before) is not None)


# a subject that is nobody: "not one customs officer has left", "no soldier had crossed", "not a single policeman fled"
# (or nothing: "No fighting has been reported inside Tarinkot")
_NO_SUBJECT = re.compile(
    r"\b(?:not\s+(?:one|a\s+single)|no)\s+(?:[\w\-]+\s+){0,2}?(?:soldiers?|officers?|policem[ae]n|police|troops?|"
    r"officials?|guards?|personnel|men|one|servicem[ae]n|fighters?|insurgents?|militants?|taliban|fighting|clashes|"
    r"gunfire)\s+"
    r"(?:(?:has|have|had|was|were|is|are|ever|yet|so\s+far)\s+)*(?:been\s+)?$", re.I)


# nobody as the subject, perhaps of a group: "No-one among the police of the crossing crossed", "None of the soldiers
# left", "Nobody from the garrison has fled"
_NOBODY_SUBJECT = re.compile(r"\b(?:no[\s\-]?one|nobody|none)\b(?:\s+(?:among|of|from|in)"
                             r"(?:\s+(?!(?:says?|said|told|thinks?|believes?|knows?|reports?|reported|claims?|claimed|spoke|heard|saw|confirmed?)\b)[^,;.\s]+){1,6}?)?\s+"
                             r"(?:(?:has|have|had|was|were|is|are|ever|yet|so\s+far)\s+)*(?:been\s+)?$", re.I)  # (not "Nobody in
# Taloqan says the fighters are inside": nobody says it, which is no denial of it)


_NEGOTIATING = re.compile(r"\b(?:negotiating|discussing|arranging|demanding|seeking|offering|proposing|preparing\s+for|"
                          r"to\s+(?:negotiate|discuss|arrange|demand|seek|propose)|(?:talks|negotiations?|discussions?)\s+(?:on|about|over))\s+"
                          r"(?:the\s+|a\s+|an\s+)?$", re.I)  # ("elders had negotiated the handover": done)
_NO_BEFORE = re.compile(r"\b(?:no|little|hardly\s+any)\s+$", re.I)
_FIGHT_NOUN = re.compile(r"(?:street[\s-])?(?:fighting|clashes|battles?|gunfire)\b", re.I)
