"""Counted district mentions ('five districts in P', 'all districts of P', 'most of P', '26 of P's 28
districts') and the number readers they share."""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.extract.drafts import MentionDraft
from analysis.extract.refs import _Ref, _Sent, _as_capital, _as_district, _as_province, _place_id
from analysis.records import Count, Place


def _stated_number(count: Count) -> tuple[int | None, int | None]:
    """Return (low, high) of a count, keeping the stated figure for 'more than N' (docs/EVENTS.md)."""
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
    """Counts in a sentence (cached, as syndicated copy repeats sentences)."""
    from analysis.extract.numbers import find_counts
    return tuple(c for c in find_counts(text) if 0 <= c.start <= c.end <= len(text))

# "district" and its Dari and Pashto loan word in translated reporting ("seven of Zabul's woluswalis")
_DISTRICT = r"(?:districts?|woluswal(?:i|is|y|ies))"
_QUANT_DISTRICTS = re.compile(
    r"\b(?P<q>all(?:\s+(?:the|of\s+the|its|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen))?|most(?:\s+of\s+(?:the|its|their)(?:\s+province(?:'s|’s))?)?|(?:the\s+)?rest\s+of\s+the|the\s+other|other(?=\s+(?:[\w\-]+\s+){1,4}?outside\s+the\s+(?:provincial\s+)?"
    r"(?:capital|city))|"  # ("other districts" with no "the", unless "outside the capital": some, no count)
    r"remaining|every)\s+(?:(?:\w+ern|rural|remaining|other|key|outlying)\s+)?" + _DISTRICT + r"\b",
    re.I)

# a qualifier that narrows "all districts" to some of them: along a road, near a place, on a border
_SUBSET_AFTER = re.compile(
    r"\s+(?:(?:that|which)\s+(?:lie|lies|are|were|sit)\s+)?(?:on|along|near|around|between|bordering|beside|"
    r"close\s+to|next\s+to|by)\b|\s+(?:north|south|east|west)\s+of\b",
    re.I)

_OUTSIDE_CAPITAL = re.compile(
    r"\s+(?:(?:that\s+lie|lying)\s+)?outside\s+(?:of\s+)?(?:the\s+)?(?:(?:provincial\s+)?(?:capital|centre|center)"
    r"(?:\s+city)?(?:\s+of\s+)?\s*,?\s*)?",
    re.I)

_REGION_OF = re.compile(r"(?:\s+province)?(?:(?:'s|’s)\s+(?:\w+ern\s+)?(?:north|south|east|west|north-?east|north-?west|"
                        r"south-?east|south-?west|centre|center|border|countryside|valleys?|mountains)|"
                        # ("most of the Paktia border with Pakistan", "much of the Kandahar highway")
                        r"\s+(?:border|frontier|highway|road|valleys?|mountains|countryside|plains?))\b", re.I)
_MOST_OF = re.compile(
    r"\b(?P<q>most|much|large\s+parts|the\s+rest|the\s+remainder|all)\s+of\s+(?:the\s+)?(?:(?:\w+ern|remote|"
    r"mountainous|key|strategic|neighbouring|neighboring)\s+)*$",
    re.I)

_AFTER_DISTRICTS_LINK = re.compile(
    r"^\s+(?:(?:more|other|key|rural|strategic|\w+ern|outlying|remaining)\s+){0,2}" + _DISTRICT + r"\b"
    r"(?:\s+(?:administrative\s+)?(?:cent(?:re|er)s|headquarters|seats))?"
    r"(?:\s+(?:outside\s+the\s+(?:provincial\s+)?capital\s+)?(?:of|in|across|within|from)\s+(?:the\s+)?"
    r"(?:(?:\w+ern|key|strategic|neighbouring|neighboring)\s+)*)?",
    re.I)

# between a part and its total: "26 of Badakhshan's 28 districts", "five of the province's 12"
_PART_OF_GAP = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?(?:\s+province)?|province)(?:'s|’s|')\s+)?")

_AMONG = re.compile(
    r"(?:(?:,|\s[—–-]{1,2}|:)\s*|\(\s*(?=[A-Z])|\(\s*)(?:(?:among\s+(?:them|which|those|others)|including|"
    r"such\s+as|namely|notably|in\s+particular)\s+|(?<=\())(?:the\s+)?(?:districts?\s+of\s+)?",
    re.I)

_OWNER_AFTER = re.compile(r"(?:\s+province)?(?:'s|’s|')\s+(?:[\w\-]+\s+){0,2}?" + _DISTRICT + r"\b", re.I)
_IN_PROVINCE_OPENING = re.compile(r"\W*In\s+(?:the\s+)?(?:province\s+of\s+)?", re.I)
_APPOSED_COUNT = re.compile(r"\w\s*,\s*(?:the\s+)?$", re.I)  # ("Kahmard and Saighan, the two districts in the north,")
# a province's possession that is not its land ("most of Kandahar's food arrives"): no count of districts
_OTHER_POSSESSION = re.compile(r"(?:'s|’s)\s+(?!(?:[\w\-]+\s+)?(?:districts?|woluswal\w*|territory|countryside|villages|land|"
                               r"north|south|east|west|centre|center|area)\b)[a-z]", re.I)
# a part with no total: "seven of Zabul's districts", "five of the districts of Ghor"
_PART_OWNER = re.compile(r"\s+of\s+(?:(?P<owner>(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?)(?:\s+province)?(?:'s|’s|')\s+"
                         r"(?:[\w\-]+\s+)?" + _DISTRICT + r"|(?:the|its)\s+" + _DISTRICT + r"\s+(?:of|in)\s+(?:the\s+)?"
                         r"(?:province\s+of\s+)?(?P<owner2>(?-i:[A-Z])[\w\-]+))\b", re.I)

# a part of the districts of a province named only as "the province" ("10 of the province's 28 districts")
_THE_PROVINCES = re.compile(r"\s+of\s+(?:the|this)\s+province(?:'s|’s)\s+(?:[\w\-]+\s+)?" + _DISTRICT + r"\b", re.I)

# a total opening the sentence, the part after its comma: "Of Takhar's 17 districts, 12 ...", "Of the 28 districts of
# Badakhshan, 26 ..."
_FRONTED_TOTAL = re.compile(
    r"\W*Of\s+(?:the\s+|its\s+)?(?:(?P<owner>(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?)(?:\s+province)?(?:'s|’s|')\s+)?"
    r"(?P<total>\d+|[a-z]+teen|twenty\S*|ten|eleven|twelve|six|seven|eight|nine)\s+" + _DISTRICT +
    r"(?:\s+(?:of|in)\s+(?:the\s+)?(?:province\s+of\s+)?(?P<owner2>(?-i:[A-Z])[\w\-]+))?\s*,\s*", re.I)

_OWNER_BEFORE = re.compile(r"\b" + _DISTRICT + r"\s+(?:of|in)\s+(?:the\s+)?(?:province\s+of\s+)?$", re.I)

_PROVINCE_WORD = re.compile(r"\s+province\b", re.I)
# the neighbour a group of places lies along ("districts of Badakhshan bordering Tajikistan")
BORDERING = r"(?:bordering|(?:along|on)\s+the\s+border\s+with)\s+(?-i:[A-Z])[\w\-’']+"
# what may follow the province of a count before its list opens ("six districts of Badakhshan bordering Tajikistan: A, ...")
_PROVINCE_TAIL = re.compile(rf"(?:\s+province\b)?(?:\s+{BORDERING})?", re.I)
# what opens a list set beside a count: a comma, a colon, a dash or a bracket
_APPOSITION_OPEN = re.compile(r"\s*(?:,|:|\(|\s[\u2014\u2013]|\s--?(?=\s))\s*")
# a time between a count and the list of what it counted ("three districts in Ghor on Wednesday - A, B and C")
_TIME_BEFORE_LIST = re.compile(r"\s+(?:(?:early|late)\s+)?(?:on|over|during|in\s+the\s+(?:past|last)|since|this|last|overnight)\b"
                               r"[^,:;()\u2014\u2013\-]{0,30}?(?=\s*(?:,|:|\(|\s[\u2014\u2013]|\s--?\s))", re.I)
# the sentence after a count that names what it counted: "They were A and B.", "The two districts are A and B.",
# "Officials named them as A and B."
_NAMES_NEXT = re.compile(
    r"\s*(?:(?:they|these|both|the\s+(?:\w+\s+)?(?:districts|district\s+cent(?:re|er)s))\s+(?:were|are)\s+"
    r"|[^.;:]{0,80}?\b(?:named|identified|listed)\s+them\s+as\s+)", re.I)

_LIST_GAP = re.compile(
    r"(?:\s+(?:city|town|district))?\s*(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
    r"(?:the\s+)?(?:(?:nearby|neighbou?ring|key|strategic|\w+ern)\s+)*"
    r"(?:(?:(?:provincial\s+)?capital|city|town|district)\s+(?:city\s+)?of\s+)?",
    re.I)


# "all but two districts", "all except three": the number counts the districts left out
_ALL_BUT = re.compile(r"\ball\s+(?:but|except|save)\s+(?:for\s+)?$", re.I)


class CountedReader:
    """Extractor methods that read counted district mentions and the provinces they count in."""

    def _counted_result(self, prov: Place, m: re.Match[str], count: Count | None, count_text: str,
                        kind_key: str, negated: bool) -> MentionDraft:
        """A counted district_seized draft whose place is a province."""
        return MentionDraft(event_type="district_seized", key=f"{_place_id(prov)}|{kind_key}", place=prov,
                            pos=m.start(), negated=negated, related={_place_id(prov)}, count=count,
                            count_text=count_text, province=prov.name)

    def _fronted_part(self, s: _Sent, m: re.Match[str], fronted: re.Match[str], negated: bool) -> list[MentionDraft]:
        """The part counted after a fronted total ('Of Takhar's 17 districts, 12 are ...'), in the province it names."""
        text = s.text
        part = next((c for c in _find_counts(text) if c.qualifier != "vague" and (
            c.start == fronted.end() or (c.start >= m.end() and not text[m.end():c.start].strip()))), None)  # (or
        # "..., the Taliban now control 12")
        at = fronted.start("owner") if fronted.group("owner") else fronted.start("owner2")
        prov = next((p for r in s.refs if r.start == at for p in [_as_province(r, self.gaz)] if p is not None), None) \
            if at >= 0 else None
        if part is None or prov is None:
            return []
        return [self._counted_result(prov, m, part, f"{part.text} of {fronted.group('total')} districts", "n", negated)]

    def _counted(self, i: int, s: _Sent, m: re.Match[str], lo: int, hi: int, voice: str,
                 negated: bool) -> list[MentionDraft]:
        """Counted district mentions: 'five districts in P', 'all districts of P', 'most of P'."""
        text = s.text
        span = text[lo:hi]
        fronted = _FRONTED_TOTAL.match(text) if text.lstrip(" \"“'‘(")[:3].lower() == "of " else None
        if fronted is not None:  # "Of Takhar's 17 districts, 12 are now in Taliban hands": the part after the total
            return self._fronted_part(s, m, fronted, negated)
        # a number right before "districts"
        for c in _find_counts(text) if ("district" in s.low or "woluswal" in s.low) else ():
            if not (lo <= c.start and c.end <= hi):
                continue
            if _APPOSED_COUNT.search(text, max(0, c.start - 8), c.start) and any(
                    r.end <= c.start and re.fullmatch(r"[\s,]*(?:the\s+)?", text[r.end:c.start], re.I)
                    and _as_district(r, self.gaz) is not None
                    for r in s.refs):
                continue  # "Darzab and Qush Tepa, two districts of Jowzjan, fell": the count describes the named list
            link = _AFTER_DISTRICTS_LINK.match(text[c.end:])
            owner = _PART_OWNER.match(text, c.end) if not link else None
            anon = _THE_PROVINCES.match(text, c.end) if not link and owner is None else None
            if anon is not None and c.qualifier != "vague":
                # "10 of the province's 28 districts, including A, B and C": the province of the districts it names
                named = self._named_with_count(s, c, anon.end(), min(len(text), anon.end() + 220), None, m, negated,
                                               other=False)
                provs = {d.place.province for d in named}
                prov = self.gaz.province(provs.pop()) if len(provs) == 1 else None
                if prov is not None:
                    return [self._counted_result(prov, m, c, text[c.start:anon.end()], "n", negated)] + named
            if owner is not None and c.qualifier != "vague":  # "seven of Zabul's districts": the part, no total
                at = owner.start("owner") if owner.group("owner") else owner.start("owner2")
                prov = next((p for r in s.refs if r.start == at for p in [_as_province(r, self.gaz)] if p is not None), None)
                if prov is not None and _ALL_BUT.search(text, max(0, c.start - 16), c.start):
                    return [self._counted_result(prov, m, None, "all but " + text[c.start:owner.end()], "most", negated)] + \
                        self._named_with_count(s, c, owner.end(), max(hi, min(len(text), owner.end() + 220)), prov, m,
                                               negated, other=False)  # ("..., including Jawand and Muqur")
                if prov is not None:  # (and "..., among them A and B": the districts it names)
                    return [self._counted_result(prov, m, c, text[c.start:owner.end()], "n", negated)] + \
                        self._named_with_count(s, c, owner.end(), max(hi, min(len(text), owner.end() + 220)), prov, m,
                                               negated, other=False)
            if not link or not re.search(r"district|woluswal", link.group(0), re.I):
                continue
            if c.qualifier == "vague" or not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                                       r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|a\s+dozen|"
                                                       r"half\s+a\s+dozen)\b", c.text, re.I):
                continue
            apposed = self._apposed_districts(s, c, c.end + link.end(), m, negated)
            if apposed:  # "three districts in Faryab, A, B and C, fell": the names the count stands for
                return apposed
            prov = self._province_at(s, i, c.end + link.end(), linked=link.group(0).rstrip().lower().endswith(
                ("of", "in", "across", "within", "from", "the")) or bool(re.search(r"\b(?:of|in|across|within|from)\b", link.group(0))))
            if prov is None:
                prov = self._districts_owner(s)  # "three more districts ..., 12 of Takhar's 17 districts"
            if prov is None:
                prov = self._outside_capital(s, i, c.end + link.end())  # "six districts outside the capital Aybak"
            if prov is None:
                prov = self._opening_province(s, c.start)  # "In Takhar province alone, twelve districts ..."
            if prov is None:  # "... overran three more districts on Sunday. They were A, B and C.": the districts named
                return self._named_next(i, c, None, m, negated) if self._part_of(text, c, lo) is None else []
            ctext = f"{c.text} districts" if "district" not in c.text.lower() else c.text
            if _ALL_BUT.search(text, max(0, c.start - 16), c.start):
                # "All but two districts of Badakhshan": all the province's districts save those; their number unsaid
                return [self._counted_result(prov, m, None, f"all but {ctext}", "most", negated)]
            part = self._part_of(text, c, lo)
            if part is not None:  # "26 of Badakhshan's 28 districts": the part taken, not the total
                c, ctext = part, f"{part.text} of {c.text} districts"
            if part is None:
                named = self._named_next(i, c, prov, m, negated)
                if named:  # "... captured two more districts in Ghazni. They were A and B.": the districts counted
                    return named
            after = voice == "passive" and m.start() > c.end  # "twelve districts have changed hands, including A"
            return [self._counted_result(prov, m, c, ctext, "n", negated)] + \
                self._named_with_count(s, c, m.end() if after else c.end + link.end(),
                                       min(len(text), m.end() + 220) if after else hi, prov, m, negated,
                                       other=bool(re.search(r"\b(?:other|more)\b", link.group(0), re.I)))
        q = _QUANT_DISTRICTS.search(span)
        if q:
            word = q.group("q").lower()
            kind_key = "most" if word.startswith("most") else "all"
            ctext = "most districts" if kind_key == "most" else "all districts"
            end = lo + q.end()
            if _SUBSET_AFTER.match(text, end) or re.match(r"\s+(?:that|which)\b", text[end:m.start()]):
                # "every district on the highway to Farah": some districts, not all the province's; "most of the
                # districts that have changed hands are rural": the verb describes the districts, it reports nothing
                return []
            link = re.match(r"\s+(?:outside\s+the\s+(?:provincial\s+)?capital\s+)?(?:of|in|across|within)\s+(?:the\s+)?"
                            r"(?:(?:\w+ern|key|strategic)\s+)*", text[end:])
            prov = None
            if link:
                prov = self._province_at(s, i, end + link.end(), linked=True)
            if prov is None:
                prov = self._outside_capital(s, i, end)  # "all seven districts outside Qala-e-Naw"
            if prov is None:
                prov = self._province_before(s, lo + q.start())
            if prov is None and not re.match(r"\s*district\s+cent(?:re|er)s", text[lo + q.end("q"):]):
                prov = self._recent_province(i, s, lo + q.start())  # ("All district centres ... came under control"
                # after a list of districts: those listed, not all of the province the list ended on)
            if prov is None:
                return []
            # "most of the province's districts, among them A and B": the districts it names too
            return [self._counted_result(prov, m, None, ctext, kind_key, negated)] + \
                self._named_with_count(s, None, end, max(hi, min(len(text), end + 220)), prov, m, negated, other=False)
        # "most of P province" / "the rest of P"
        for r in s.refs:
            if not (lo <= r.start <= hi) or r.in_speaker:
                continue
            prov = _as_province(r, self.gaz)
            if prov is None or not (r.province_word or _as_capital(r, self.gaz) is None):
                continue
            mo = _MOST_OF.search(text[max(0, r.start - 60):r.start])
            if mo and _REGION_OF.match(text, r.end) and prov is not None:
                # "much of Bamiyan's north, including A and B": a region of the province, not most of its districts;
                # only the districts it names
                return self._named_with_count(s, None, r.end, max(hi, min(len(text), r.end + 220)), prov, m, negated,
                                              other=False)
            if mo and not _OTHER_POSSESSION.match(text, r.end):
                word = mo.group("q").lower()
                kind_key = "all" if word in ("the rest", "the remainder", "all") else "most"
                ctext = "all districts" if kind_key == "all" else "most"
                return [self._counted_result(prov, m, None, ctext, kind_key, negated)] + \
                    self._named_with_count(s, None, r.end, max(hi, min(len(text), r.end + 220)), prov, m, negated,
                                           other=False)  # "most of Helmand's districts, including A and B"
        if voice == "passive":
            for r in s.refs:
                if r.end <= m.start() and not r.in_speaker:
                    mo = _MOST_OF.search(text[max(0, r.start - 60):r.start])
                    prov = _as_province(r, self.gaz)
                    if mo and prov is not None and lo <= r.start and not _OTHER_POSSESSION.match(text, r.end):
                        word = mo.group("q").lower()
                        kind_key = "all" if word in ("the rest", "the remainder", "all") else "most"
                        return [self._counted_result(prov, m, None, "all districts" if kind_key == "all" else "most",
                                                     kind_key, negated)]
        return []

    def _apposed_districts(self, s: _Sent, c: Count, at: int, m: re.Match[str], negated: bool) -> list[MentionDraft]:
        """The districts named in apposition to an exact count, as many as it says ('two districts in P: A and B',
        'three districts, A, B and C, fell', 'two more districts -- A and B in P --'); none otherwise."""
        text = s.text
        if c.low is None or c.low != c.high or c.low < 2 or c.qualifier == "vague":
            return []
        named = [r for r in s.refs if r.kind == "named" and not r.in_speaker]
        where = next((r for r in named if at - 1 <= r.start <= at + 1), None)
        prov = _as_province(where, self.gaz) if where is not None else None
        after = where.end if prov is not None and where is not None else at
        tail = _PROVINCE_TAIL.match(text, after)
        opener = _APPOSITION_OPEN.match(text, tail.end() if tail else after)
        if opener is None:
            when = _TIME_BEFORE_LIST.match(text, tail.end() if tail else after)
            opener = _APPOSITION_OPEN.match(text, when.end()) if when is not None else None
        if opener is None:
            return []
        first = next((r for r in named if r.start == opener.end()), None)
        if first is None:
            return []
        items = self._read_list(s, first, m.start() if m.start() > first.start else len(text))[0]
        if len(items) != c.low:
            return []
        out = []
        for r, locus in items:
            dc = self._located_district(r, locus or prov)
            if dc is None or dc[0].place_type != "district" or (prov is not None and dc[0].province != prov.name):
                return []
            out.append(self._district_result(dc[0], dc[1], m, negated))
        return out

    def _named_next(self, i: int, s_count: Count, prov: Place | None, m: re.Match[str],
                    negated: bool) -> list[MentionDraft]:
        """The districts (of `prov`, when given) the next sentence names for an exact count ('They were A and B.'), as
        many as it says; none otherwise."""
        c = s_count
        if c.low is None or c.low != c.high or c.low < 2 or c.qualifier == "vague" or i + 1 >= len(self.sents):
            return []
        n = self.sents[i + 1]
        opener = _NAMES_NEXT.match(n.text)
        first = next((r for r in n.refs if r.kind == "named" and not r.in_speaker and opener is not None
                      and r.start == opener.end()), None)
        if first is None:
            return []
        items = self._read_list(n, first, len(n.text))[0]
        if len(items) != c.low or not re.fullmatch(r"[\s,.]*(?:(?:districts?|woluswalis?)\s*)?[.)]?\s*",
                                                    n.text[items[-1][0].end:]):
            return []
        out = []
        for r, locus in items:
            dc = self._located_district(r, locus or prov)
            if dc is None or dc[0].place_type != "district" or (prov is not None and dc[0].province != prov.name):
                return []
            out.append(self._district_result(dc[0], dc[1], m, negated))
        return out

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

    def _named_with_count(self, s: _Sent, c: Count | None, end: int, hi: int, prov: Place | None, m: re.Match[str],
                          negated: bool, other: bool) -> list[MentionDraft]:
        """Districts named beside a count ('five districts, among them A and B'; 'A, B and three other districts')."""
        text = s.text
        named: list[_Ref] = []
        cue = _AMONG.search(text, end, max(end, hi))
        if cue is not None:
            first = next((r for r in s.refs if r.kind == "named" and not r.in_speaker
                          and re.fullmatch(r"\s*", text[cue.end():r.start]) is not None and r.start >= cue.end()), None)
            if first is not None:
                named = self._list_from(s, first, hi)
        elif other and c is not None:
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
            if dc is None or (prov is not None and dc[0].province != prov.name):
                break
            out.append(self._district_result(dc[0], dc[1], m, negated))
        return out

    def _districts_owner(self, s: _Sent) -> Place | None:
        """The one province whose districts the sentence speaks of ("Takhar's districts", "districts of Takhar")."""
        found: dict[str, Place] = {}
        for r in s.refs:
            prov = _as_province(r, self.gaz)
            if prov is None or r.in_speaker:
                continue  # a named province, or "the province's" standing for the one just named
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
                    return self.gaz.province(r.place.province)
            if r.start > pos + 25:
                break
        return None

    def _outside_capital(self, s: _Sent, i: int, pos: int) -> Place | None:
        """The province of 'districts outside the provincial capital (X)': X's province, or the one just named."""
        m = _OUTSIDE_CAPITAL.match(s.text, pos)
        if m is None:
            return None
        for r in s.refs:
            if m.end() - 1 <= r.start <= m.end() + 1 and not r.in_speaker:
                cap = _as_capital(r, self.gaz)
                return self.gaz.province(cap.province) if cap is not None and cap.province else None
        return self._recent_province(i, s, m.start())

    def _opening_province(self, s: _Sent, pos: int) -> Place | None:
        """The province of an opening 'In P (province),' before position `pos`."""
        m = _IN_PROVINCE_OPENING.match(s.text)
        if m is None or m.end() > pos:
            return None
        return next((p for r in s.refs if r.start == m.end() and not r.in_speaker
                     for p in [_as_province(r, self.gaz)] if p is not None), None)

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
                    p = self.gaz.province(r.place.province)
                    if p is not None:
                        return p
        return None
