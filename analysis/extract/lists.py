"""Gazetteer-anchored lists: the places of a coordinated list read item by item from the places the gazetteer
found, with sub-lists located in their own province ("A and B districts in P1 and C in P2"), unknown items
skipped and reported, plural heads whose provinces stand for their capitals ("the provincial capitals of P1,
P2 and P3"), timeline lines under a heading ("Aug 13 — A, B, C") and plural anaphora ("these districts")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from analysis.extract.clauses import REL_ITEM_REST

# a head noun that may close an item or a sub-list ("A and B districts", "the F crossing")
_HEAD = (r"(?:\s+(?:districts?|district\s+cent(?:re|er)s?|cities|city|towns?|provinces?|border\s+crossings?|"
         r"crossings?|border\s+posts?|(?:dry\s+|river\s+)?ports?)"
         r"(?:\s+on\s+the\s+(?:[\w\-’']+\s+){1,2}?(?:border|frontier)|\s+on\s+the\s+(?:border|frontier)\s+with\s+[\w\-’']+)?)?")
# a time between commas before a list's last item ("and, in the evening, Mazar-e-Sharif")
_TIME_ASIDE = r"(?:in\s+the\s+(?:morning|afternoon|evening|night)|later(?:\s+that\s+day)?|finally|overnight|by\s+nightfall)"
# what may open the next item after a separator
_OPEN = (r"(?:,\s*" + _TIME_ASIDE + r"\s*,\s*)?"  # (a time set off by commas before the last item: "and, in the evening,")
         r"(?:in\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center)[\w\-]*\s*,?\s+)?"  # ("..., and in the east A and B";
         # a translation's "the district of A and that of B")
         # (a counted head opening a dashed or colon sub-list: "took Maimana and four capitals in the east - Gardez, ...")
         r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:more\s+|other\s+)?(?:provincial\s+)?"
         r"(?:capitals|cities|districts)(?:\s+in\s+the\s+(?:far\s+)?(?:north|south|east|west)[\w\-]*)?\s*(?::|\s[—–-])\s*)?"
         r"(?:(?:of|over|that\s+of)\s+)?(?:the\s+)?(?:(?:nearby|neighbou?ring|key|strategic|remote|important|garrison|border|frontier|trading|market|\w+ern)\s+)*"
         r"(?:(?:(?:provincial\s+)?capitals?|city|town|districts?|district\s+cent(?:re|er)s?)\s+(?:city\s+)?(?:of\s+)?)?")
_SEP_CORE = (r"\s*(?:;\s*(?:and\s+|(?:along|together)\s+with\s+|as\s+well\s+as\s+)?|,\s*(?:and\s+(?:then\s+|later\s+)?|then\s+|as\s+well\s+as\s+|&\s*|plus\s+|(?:along|together)\s+with\s+)?|\s+and\s+(?:also\s+|then\s+|later\s+)?|"
             r"\s+as\s+well\s+as\s+|\s*&\s*|\s+plus\s+|\s+(?:along|together)\s+with\s+|"
             r"\s+(?:[—–]|--?)\s+and\s+|"  # (a dashed list closed, then one more: "- A, B and C - and D")
             r",?\s+and(?=\s*,\s*" + _TIME_ASIDE + r"))")  # ("..., Maimana in the north-west and, in the evening, Mazar")
_SEP = re.compile(_HEAD + _SEP_CORE + _OPEN, re.I)
# "in P" after an item or a sub-list ("A, also in P,"): P locates the sub-list
_LOCUS = re.compile(_HEAD + r"(?:,?\s+(?:in|of)\s+|,\s*(?:both|all(?:\s+(?:two|three|four|five|six|of\s+them))?|each|also)\s+in\s+|"
                    r"\s*(?P<paren>\()\s*(?:(?:both|all|each)(?:\s+\w+)?\s+)?(?:in\s+)?|"
                    r",\s*(?:(?:all|both|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?:districts?|towns?)\s+(?:of|in)\s+)"
                    r"(?:the\s+)?"
                    r"(?:(?:\w+ern|neighbou?ring|restive|remote)\s+)?(?:provinces?\s+of\s+)?", re.I)
_PROVINCE_TAIL = re.compile(r"\s+provinces?\b", re.I)
_PAREN_CLOSE = re.compile(r"(?:\s+provinces?\b)?\s*\)", re.I)  # "A and B (Paktika) and C (Zabul)": the bracket closes
# a day after "on" ("on Saturday", "on 8 August", "on Aug. 8"): a date, not where an item lies
_A_DAY = r"(?:\w+day|\d|the\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d)\b"
# a relative clause about the last item, closed by a comma before the next one: "A district, where the B crossing
# is located, and C district", or where it lies ("A, on the main highway north, and B"); in a list whose items part
# at semicolons, closed by the semicolon ("A in P1, where
# fighting had raged for weeks; B in P2; and C")
_RELATIVE = re.compile(r"\s*,\s*(?:where|which|whose|home\s+to|including|with|"
                       r"on(?!\s+" + _A_DAY + r")|near|along|"
                       r"in\s+the\s+(?:far\s+)?(?:north|south|east|west)\w*)\b(?:" + REL_ITEM_REST +
                       r"|[^,;:.()]{1,120}(?=;\s*(?:and\s+)?(?:the\s+)?(?-i:[A-Z]))"
                       # ("Lashkar Gah, where fighting had raged for two weeks, Qalat, Tarinkot and B": a name followed
                       # by a comma or "and" goes on with the list)
                       r"|[^,;:.()]{1,120}(?=,\s*(?-i:[A-Z])[\w\-’']+(?:[\s\-](?-i:[A-Z])[\w\-’']+){0,2}\s*(?:,|\s+and\b)))", re.I)
# the region of a sub-list, with no comma before it: "took A and B in the east, C in the north-west and D"
_REGION_AFTER = re.compile(r"\s+in\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center)[\w\-]*"
                           r"(?=\s*(?:,|and\b|as\s+well\s+as\b))", re.I)
# where the last item lies, closed by a comma before the next one: "Pashtun Zarghun, east of the city, and Karukh, to
# its north"
_WHERE_ASIDE = re.compile(r"\s*,\s*(?:(?:about|some|just)\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s|miles)\s+)?(?:to\s+(?:the|its)\s+)?"
                          r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+of\s+(?:the\s+)?(?:city|town|capital|"
                          r"provincial\s+capital|(?-i:[A-Z])[\w\-]+)(?:\s+of\s+(?-i:[A-Z])[\w\-]+)?)?"  # ("east of the city of Herat")
                          r"(?=,\s*(?:and|as\s+well\s+as|(?:along|together)\s+with)\s+(?:the\s+)?(?:(?:city|town|district)\s+of\s+)?"
                          r"(?-i:[A-Z]))|"
                          # how far it lies from another place: "Ghazni, 150 kilometres from Kabul, and Herat"
                          r"\s*,\s*(?:(?:about|some|just|only|barely)\s+)?\d[\d,.]*\s*(?:km|kms|kilomet(?:re|er)s|miles)\s+"
                          r"(?:[\w\-]+\s+){0,2}?(?:from|of|outside)\s+(?:the\s+)?(?:capital|city|(?-i:[A-Z])[\w\-]+)"
                          r"(?=,\s*(?:and|as\s+well\s+as|(?:along|together)\s+with)\s+(?:the\s+)?(?:(?:city|town|district)\s+of\s+)?(?-i:[A-Z]))", re.I)
# an appositive describing the last item, closed by a comma before the next one: "Islam Qala, the country's
# biggest border crossing with Iran, and Torghundi"
_DESCRIPTION = re.compile(r"\s*,\s*(?:the|a|an|another)\s+(?!(?:provincial\s+)?capital\b)(?:[\w\-’']+\s+){0,5}?(?:border\s+)?"
                          r"(?:crossing|port|town|hub|gateway|stronghold|post|bridge)\b[^,;:.()]{0,60}"
                          r"(?=,\s*(?:and|as\s+well\s+as|(?:along|together)\s+with)\s+(?:the\s+)?(?:(?:city|town|district)\s+of\s+)?(?-i:[A-Z]))", re.I)
# any other description of the last item, closed by a comma before the next name: "Kandahar, the country's
# second-largest city, and Herat", "Kunduz, a city of 370,000 people, and Taloqan" (no place inside but an owner's,
# no verb of saying: "Kunduz, the ministry said, and ..." ends the list)
_ANY_DESCRIPTION = re.compile(
    r"\s*,\s*(?:(?:the|a|an|another|its)\s+|(?-i:[A-Z])[\w\-]+(?:'s|’s)\s+)(?!(?:provincial\s+)?capital\b)"
    r"(?:(?!(?:said|says|say|told|added|claimed|reported|confirmed|according|announced)\b)(?:[^,;:.()\"“”]|"
    r"(?<=\d)[,.](?=\d)))"
    r"{1,60}?(?=,\s*(?:and\s+|as\s+well\s+as\s+|(?:along|together)\s+with\s+)?(?:the\s+(?:city|town|district)\s+of\s+)?"
    r"(?-i:[A-Z]))", re.I)  # (", and the city of Maimana")
_PEOPLE_OF = re.compile(r"\s+(?:residents|people|citizens|locals|traders|shopkeepers|elders|families|civilians)\b", re.I)
# an appositive after an item: "Pul-i-Khumri, the capital of Baghlan province, and Farah city"
APPOSITIVE = re.compile(
    r"(?:\s+(?:city|town|district))?\s*,\s*(?:the\s+|a\s+)?(?:(?:\w+ern|provincial|main|key|strategic|administrative|"
    r"largest|biggest|second|third)\s+)*(?:capital|centre|center|seat|hub|city|town|headquarters)\s+(?:city\s+)?of\s+"
    r"(?:the\s+)?(?:(?:\w+ern|neighbou?ring|restive|remote|key|strategic)\s+)*(?:province\s+of\s+)?",
    re.I)
# where an appositive's place lies, before the next item: "A, the capital of P province on the main highway, and B"
# (not a day: "A, the capital of P province, on Saturday, and B on Friday" dates A and B apart)
_APPOSITIVE_WHERE = re.compile(r"\s+(?!on\s+" + _A_DAY + r")"
                               r"(?:on|near|along|off|by|at|in\s+the\s+(?:north|south|east|west)\w*)\b[^,;:.()]{1,60}?"
                               r"(?=,\s*(?:and\s+)?(?:the\s+)?(?-i:[A-Z]))", re.I)
# one unknown capitalised item between two separators ("A, Qarabel and B")
_UNKNOWN_NAME = r"(?P<name>(?-i:[A-Z])[\w’'\-]+(?:[\s\-](?-i:[A-Z])[\w’'\-]+){0,2})"
_UNKNOWN_STEP = re.compile(_SEP.pattern + _UNKNOWN_NAME, re.I)
_UNKNOWN_TAIL = re.compile(_SEP.pattern + _UNKNOWN_NAME + _HEAD + r"(?=\s*(?:[,.;:)]|$|\s+(?:in|on|were|was|have|has|"
                           r"had|are|is|fell|all|districts?|passed|came|went|changed|slipped|surrendered|also|too|both)\b))", re.I)
# a plural head whose items are provinces standing for their capitals
_CAPITALS_HEAD = re.compile(
    r"\b(?:capitals|(?<!district\s)(?:provincial\s+|administrative\s+)?cent(?:re|er)s)\s+(?:cities\s+)?(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:\w+ern|neighbou?ring)\s+)?(?:provinces\s+(?:of\s+)?)?$",  # (a translated 'marakez': "the centres of P1 and P2 provinces")
    re.I)
# plural anaphora: "these districts", "the three capitals", "all four cities"
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:these|those|the|all|both)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?P<noun>districts|district\s+cent(?:re|er)s|(?<=both\s)cent(?:re|er)s|woluswalis|provincial\s+capitals|capitals|cities|towns)\b"
    r"(?!\s+(?:of|in|across|around|near|outside)\b)",
    re.I)
# a bare plural subject standing for the places just named: "both have slipped out of government control"
_SOME_OF = re.compile(r"\b(?:many|some|several|most|few|none|one|two|three|half|(?:all\s+but|all\s+except|except\s+for)\s+"
                      r"(?:a|one|two|three|\d+)(?:\s+handful)?)\s+of\s+$", re.I)  # ("held all but a handful of the 34 capitals")
_BARE_PLURAL = re.compile(
    r"(?:^\s*(?:(?:early\s+|late\s+)?(?:on|by)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?[\w\-]+|overnight|yesterday|later|"
    r"the\s+(?:next|following)\s+day|(?:that|this|last)\s+\w+)\s*,?\s+|"  # after a time: "On Sunday both fell"
    r"^|(?<=[,;:])\s*|\b(?:and|but|then|now)\s+)(?:both|all\s+(?:two|three|four|five|six|seven|eight|nine|ten)|"
    r"the\s+(?:two|three|four))\s+(?:(?:have|had|has|were|was|are|also|then|later|soon|now|eventually)\s+)*$", re.I)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY_SHORT = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"  # "Tue 13 Jul", "Sat., Aug 14"
_TIMELINE_ENTRY = re.compile(
    rf"^\W*(?P<date>(?:{_WEEKDAY_SHORT})?(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)|"
    rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:,?\s+{_MONTH}\s+\d{{1,2}}|,?\s+\d{{1,2}}\s+{_MONTH})?)"
    r"(?:\s*\((?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\))?"  # ("8 Aug. (Sun.) - Kunduz, ...")
    r"[*_]{0,3}\s*(?:[—–:|]|--|-(?=\s))\s*(?P<items>\S.*)$")  # markdown emphasis may close the date: "**Tue 13 Jul** —"
# a bullet or numbered item under a heading: "• Ghazni", "- Nad Ali (Helmand)", "3) Qala-i-Naw"
_BULLET_ENTRY = re.compile(r"^\s*(?:[•·▪●◦‣*–—-]|\d{1,2}[.)])\s*(?P<items>(?-i:[A-Z])[^\n]{0,300})$")
# an entry whose places come first and its time after a dash ("Gizab and Kiti (Daikundi) — between 14 and 16 July")
_ITEMS_THEN_DATE = re.compile(rf"^\W*(?P<items>(?-i:[A-Z])[^—–|:.]{{0,150}}?)\s+(?:—|–|--)\s+[^—–|]{{0,80}}?"
                              rf"(?:\b{_MONTH}\b|\b\d{{1,2}}\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[^—–|]{{0,60}}$")
_TIMELINE_HEADING = re.compile(
    r"\b(?P<noun>capitals|cities|districts?|district\s+cent(?:re|er)s|border\s+crossings)\b[^.!?]{0,80}?"
    r"\b(?:fell|fallen|falling|captured|taken|seized|overrun|lost|entered|liberated|freed|conquered|surrendered|"
    r"handed\s+over|under\s+taliban\s+control|changes|"
    r"(?:to|into)\s+(?:the\s+)?taliban(?:'s|’s)?\s+(?:control|hands)|(?:passed|went)\s+to\s+(?:the\s+)?taliban|"
    r"changed\s+hands|(?:shaded|turned|marked|colou?red)\s+red|"
    r"controlled|fall)\b|\b(?:fall|capture|seizure|loss)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?P<noun2>capitals|cities|districts)\b",
    re.I)
# a table's header row naming a column of capitals or districts ("| Date | Capital | Province |"), and a rule row
_TABLE_HEAD = re.compile(r"\|\s*(?:provincial\s+)?(?P<noun>capitals?|cities|districts?|district\s+cent(?:re|er)s?)\s*(?:\(\w+\)\s*)?\|",
                         re.I)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_BULLET_OPEN = re.compile(r"^\s*(?:[•·▪●◦‣*–—-]|\d{1,2}[.)])\s*(?-i:[A-Z])")
# a line that is only a date ("Aug. 6", "Friday, 13 August"): the day of the timeline lines under it
_DATE_LINE = re.compile(
    rf"^\W*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"(?:,?\s+\d{4})?\s*:?\s*$", re.I)
# a table cell that is only a date ("24 Jul 2021", "Jul 24", "2021-07-24")
_DATE_CELL = re.compile(rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}-\d\d-\d\d)",
                        re.I)
_TIMELINE_NOT_HEADING = re.compile(r"\b(?:could|might|may|would|will|threat\w*|risk)\b", re.I)


@dataclass(frozen=True)
class Item:
    """One list item: the index of its span, and the index of the province span locating its sub-list."""

    index: int
    locus: int = -1


@dataclass(frozen=True)
class Unknown:
    """An item the gazetteer did not know: its text and span, how many known items precede it, its sub-list's
    province span (-1 when none is named)."""

    name: str
    start: int
    end: int
    after: int
    locus: int = -1


@dataclass(frozen=True)
class ListReading:
    """The items of a list, the unknown items skipped, where the list ends, and whether a 'capitals' head rules."""

    items: tuple[Item, ...]
    unknown: tuple[str, ...] = ()
    end: int = 0
    capitals: bool = False
    unknown_items: tuple[Unknown, ...] = ()


# between a province and its capital named as a list item: "Samangan's capital Aibak"
_OWNED_CAPITAL = re.compile(r"(?:'s|’s)\s+(?:provincial\s+)?capital(?:\s+city)?,?\s+(?:of\s+)?", re.I)


def capitals_head(text: str, start: int) -> bool:
    """True when a plural 'capitals of' head opens the list at `start` ('the provincial capitals of P1, P2')."""
    before = text[max(0, start - 70):start]
    low = before.lower()
    return ("capitals" in low or "centres" in low or "centers" in low) and _CAPITALS_HEAD.search(before) is not None


# a province's possessive naming the item before it: "Gardez, Paktia's capital, ..."
_OWNER_APPOSITIVE = re.compile(r"(?:'s|’s)\s+(?:provincial\s+)?(?:capital(?:\s+city)?|main\s+city|largest\s+city)\b")


def read_list(text: str, spans: Sequence[tuple[int, int]], provinces: Sequence[bool], first: int,
              hi: int) -> ListReading:
    """Read the list opening at span `first`: every item up to `hi`, sub-lists in their provinces, unknown items
    skipped (named in `unknown`); `provinces[j]` tells whether span j can be a province."""
    items: list[Item] = [Item(first)]
    unknown: list[Unknown] = []
    pending = 0  # first item of the current sub-list without a province yet
    cursor = spans[first][1]
    j = first + 1
    while j < len(spans) and spans[j][1] <= hi + 1:
        start, end = spans[j]
        if start < cursor:
            j += 1
            continue
        if provinces[j] and APPOSITIVE.fullmatch(text, cursor, start):
            tail = _PROVINCE_TAIL.match(text, end)
            cursor = tail.end() if tail else end  # "X, the capital of P province": skip to the next item
            where = _APPOSITIVE_WHERE.match(text, cursor)
            cursor = where.end() if where is not None else cursor  # "... province on the main highway, and B"
            j += 1
            continue
        locus = _LOCUS.fullmatch(text, cursor, start) if provinces[j] else None
        if locus is not None:
            for k in range(pending, len(items)):
                if items[k].locus < 0:
                    items[k] = Item(items[k].index, j)
            unknown = [replace(u, locus=j) if u.after >= pending and u.locus < 0 else u for u in unknown]
            pending = len(items)
            tail = (_PAREN_CLOSE if locus.group("paren") else _PROVINCE_TAIL).match(text, end)
            cursor = tail.end() if tail else end
            j += 1
            continue
        rel = _RELATIVE.match(text, cursor, hi + 1) or _DESCRIPTION.match(text, cursor, hi + 1) or \
            _REGION_AFTER.match(text, cursor, hi + 1) or _WHERE_ASIDE.match(text, cursor, hi + 1)
        if rel is not None and rel.end() > cursor:
            cursor = rel.end()  # the places inside the clause are not items; the list goes on after it
            continue
        desc = _ANY_DESCRIPTION.match(text, cursor, hi + 1) if items else None
        if desc is not None and not any(desc.start() < s0 < desc.end() and not re.match(r"(?:'s|’s)\s", text[e0:e0 + 3])
                                        for s0, e0 in spans):
            cursor = desc.end()  # "Kandahar, the country's second-largest city, and Herat": a description, then the list
            continue
        owner = _OWNER_APPOSITIVE.match(text, end) if provinces[j] else None
        if owner is not None and re.fullmatch(r"\s*,\s*", text[cursor:start]) and not (
                j + 1 < len(spans) and _OWNED_CAPITAL.fullmatch(text, end, spans[j + 1][0])):
            cursor = owner.end()  # "Gardez, Paktia's capital, ...": an appositive saying what the item is
            j += 1
            continue
        if provinces[j] and j + 1 < len(spans) and _SEP.fullmatch(text, cursor, start) and \
                _OWNED_CAPITAL.fullmatch(text, end, spans[j + 1][0]):
            items.append(Item(j + 1))  # "A, B and Samangan's capital Aibak": the capital is the item
            cursor = spans[j + 1][1]
            j += 2
            continue
        if _SEP.fullmatch(text, cursor, start) and items and _PEOPLE_OF.match(text, end):
            break  # "entered Ghazni, and Kabul residents feared the worst": the people of a place open a clause
        if _SEP.fullmatch(text, cursor, start):
            items.append(Item(j))
            cursor = end
            j += 1
            continue
        names = _unknown_run(text, cursor, start, provinces[j])
        if names:
            unknown.extend(Unknown(g.group("name"), g.start("name"), g.end("name"), len(items)) for g in names)
            if provinces[j] and _LOCUS.fullmatch(text, names[-1].end(), start):
                cursor = names[-1].end()  # "A and Shuhda in P": the unknown item closes a sub-list; P is its locus
                continue
            items.append(Item(j))
            cursor = end
            j += 1
            continue
        break
    tail = _UNKNOWN_TAIL.match(text, cursor)
    if tail is not None and not is_common_word(tail.group("name")) and tail.end() <= hi + 1:
        unknown.append(Unknown(tail.group("name"), tail.start("name"), tail.end("name"), len(items)))
        cursor = tail.end()
    return ListReading(items=tuple(items), unknown=tuple(u.name for u in unknown), end=cursor,
                       capitals=capitals_head(text, spans[first][0]), unknown_items=tuple(unknown))


def _unknown_run(text: str, lo: int, hi: int, locus: bool = False) -> list[re.Match[str]]:
    """The unknown items, up to three in a row, between two separators of a list ('A, Qarabel, Zardew and B'),
    or before the province of a sub-list when `locus` ('A and Shuhda in P'), else none."""
    out: list[re.Match[str]] = []
    pos = lo
    while len(out) < 3:
        step = _UNKNOWN_STEP.match(text, pos, hi)
        if step is None or is_common_word(step.group("name")):
            return []
        out.append(step)
        pos = step.end()
        if _SEP.fullmatch(text, pos, hi) or (locus and _LOCUS.fullmatch(text, pos, hi)):
            return out
    return []


_COMMON = frozenset("""the a an and or but also then taliban afghan government officials police army forces
security fighters insurgents militants province provinces district districts city capital border crossing
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december kabul""".split())


def is_common_word(name: str) -> bool:
    """True when a capitalised 'item' is a common word, not a place name ('The', 'Taliban', 'Monday')."""
    return any(w.lower() in _COMMON for w in re.split(r"[\s\-]+", name))


def plural_anaphor(text: str, lo: int, hi: int) -> str:
    """The noun of a plural anaphor between lo and hi ('these districts' -> 'district'; a bare 'both' or 'all three'
    as a subject -> 'any', whatever the list before named), else ''."""
    m = _PLURAL_ANAPHOR.search(text, lo, hi)
    if m is not None and _SOME_OF.search(text, max(0, m.start() - 30), m.start()):
        return ""  # "many of the district centres": some of them, not the list
    if m is None:
        return "any" if _BARE_PLURAL.search(text, lo, hi) is not None else ""
    noun = m.group("noun").lower()
    if noun == "towns":
        return "any"  # "Both towns fell": district centres are towns too, so the list before decides
    return "district" if noun.startswith(("district", "centre", "center", "woluswali")) else "capital"


def anaphor_names_centres(text: str, lo: int, hi: int) -> bool:
    """True when the plural anaphor between lo and hi names district centres ('both centres', 'the district centres')."""
    m = _PLURAL_ANAPHOR.search(text, lo, hi)
    return m is not None and "cent" in m.group("noun").lower()


def table_rule(text: str) -> bool:
    """True for a table's rule row ('|---|---|'), which belongs to the table under its heading."""
    return _TABLE_RULE.match(text.strip("\n")) is not None


def timeline_heading(text: str) -> str:
    """'capital' or 'district' when a line heads a timeline of places that fell ('Capitals that fell'), or is a
    table's header row with a column of capitals or districts ('| Date | Capital | Province |'), else ''."""
    if len(text) > 160:
        return ""
    column = _TABLE_HEAD.search(text) if text.count("|") >= 2 else None
    if column is not None:
        return "" if _TIMELINE_NOT_HEADING.search(text) else (
            "district" if column.group("noun").lower().startswith("district") else "capital")
    m = _TIMELINE_HEADING.search(text)
    if m is None or _TIMELINE_NOT_HEADING.search(text, 0, m.end()):
        return ""  # "districts that could fall" heads no list; "..., with the day we could pin down" still does
    noun = (m.group("noun") or m.group("noun2") or "").lower()
    return "district" if noun.startswith(("district", "border")) else "capital"


def timeline_shape(text: str) -> bool:
    """True for a line shaped like a timeline entry or a bullet, whatever its items ('* July 14 — X is seized')."""
    line = text.strip("\n")
    return _TIMELINE_ENTRY.match(line) is not None or _BULLET_ENTRY.match(line) is not None


def bullet_line(text: str) -> bool:
    """True for a line opening with a bullet or an item number before a capitalised word, however long."""
    return _BULLET_OPEN.match(text) is not None


def date_line(text: str) -> bool:
    """True for a line that is only a date ('Aug. 6'), which dates the timeline lines under it."""
    return _DATE_LINE.match(text.strip("\n")) is not None


def timeline_entry(text: str) -> int:
    """Where the items of a timeline line or a bullet start ('Aug 13 — A, B, C', '• A (P)' -> the offset of A), else -1."""
    m = _TIMELINE_ENTRY.match(text.strip("\n")) or _BULLET_ENTRY.match(text.strip("\n")) or \
        _ITEMS_THEN_DATE.match(text.strip("\n"))
    if m is None:
        return _table_row_entry(text)
    if len(m.group("items")) > 300 or re.search(r"\b(?:said|says|told|reported)\b", m.group("items")):
        return -1
    return text.find(m.group("items"))


def _table_row_entry(text: str) -> int:
    """A table row whose date cell follows its places ('| Zhari | Kandahar | 24 Jul 2021 |'): where its first place
    cell starts, else -1."""
    if text.count("|") < 2 or len(text) > 300 or "\n" in text.strip("\n") or _TABLE_RULE.match(text):
        return -1
    cells = [(c.start(), c.group(0)) for c in re.finditer(r"[^|]+", text) if c.group(0).strip()]
    if not any(_DATE_CELL.fullmatch(c.strip()) for _, c in cells):
        return -1
    first = next(((at, c) for at, c in cells if not _DATE_CELL.fullmatch(c.strip())), None)
    if first is None or not re.match(r"\s*(?-i:[A-Z])", first[1]):
        return -1
    return first[0] + len(first[1]) - len(first[1].lstrip())
