"""Claimed totals of districts held ('the Taliban says it holds more than 200 districts'), national or
for a province (tallies.csv)."""

from __future__ import annotations

import re

from analysis.extract.clauses import scope_before as _scope_before
from analysis.extract.counted import _find_counts, _stated_number
from analysis.extract.refs import _Sent, _as_capital, _as_province
from analysis.records import Count, Tally


_FIGURE_BEFORE = re.compile(  # "puts the number held by the Taliban at", "the number of districts ... rose to"
    r"\b(?:(?:put|puts|putting|placed|places|placing|estimat\w*|gave|gives|giving)\s+the\s+(?:total\s+)?"
    r"(?:number|figure|tally|total|count)\b(?P<mid>[^.;]{0,90}?)\s+at|"
    r"\b(?:number|figure|tally|total|count)\s+(?P<of>of\s+(?:[\w\-]+\s+){0,2}?districts?(?:\s+cent(?:re|er)s)?)\b"
    r"(?P<mid2>[^.;]{0,90}?)\s+(?:stands\s+at|stood\s+at|is|was|has\s+(?:risen|climbed|grown)\s+to|"
    r"had\s+(?:risen|climbed|grown)\s+to|rose\s+to|climbed\s+to|grew\s+to|(?:has\s+)?reached|at))\s+$",
    re.I)

_NATIONAL = re.compile(
    r"\b(?:in\s+afghanistan|across\s+(?:the\s+)?(?:country|afghanistan)|nationwide|of\s+the\s+country|"
    r"country's|country’s|afghanistan's|afghanistan’s|around\s+the\s+country|in\s+the\s+country)\b",
    re.I)

_HOLD_VERB = re.compile(
    r"\b(?:captur\w*|seiz\w*|overr\w*|control\w*|hold|holds|held|taken|took|fallen|fell|gain\w*|"
    r"in\s+(?:their|its|taliban)\s+hands|under\s+(?:its|their|taliban)\s+control)\b",
    re.I)

_DISTRICT_WORD = re.compile(r"\bdistricts?\b", re.I)


class TallyReader:
    """Extractor methods that read claimed totals of districts held."""

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
            if re.match(r"\s+(?:(?:that\s+lie|lying)\s+)?outside\b", after, re.I):
                continue  # "all five districts outside Sar-e Pul city": the province's districts, a counted event
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
