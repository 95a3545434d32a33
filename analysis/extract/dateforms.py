"""The forms a date takes in news text (month-days, weekdays, relative days, month and year parts) and the
handlers that read each as an inclusive day range anchored on publication (see analysis.extract.dates)."""

from __future__ import annotations

import csv
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Optional

from analysis.paths import PACKAGE_DATA


Range = tuple[Optional[date], Optional[date]]

_FULL_MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_MONTH_NUMBER: dict[str, int] = {name: i + 1 for i, name in enumerate(_FULL_MONTHS)}
_MONTH_NUMBER.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
     "oct": 10, "nov": 11, "dec": 12}
)
CALENDAR_WORDS_CSV = PACKAGE_DATA / "calendar_words.csv"  # month and weekday names of other languages


def _calendar_words(kind: str) -> dict[str, int]:
    """Other languages' month or weekday names (lowercase) and their numbers, from analysis/data/calendar_words.csv."""
    with CALENDAR_WORDS_CSV.open(encoding="utf-8", newline="") as f:
        return {row["name"].lower(): int(row["number"]) for row in csv.DictReader(f) if row["kind"] == kind}


FOREIGN_MONTHS: dict[str, int] = {k: v for k, v in _calendar_words("month").items() if k not in _MONTH_NUMBER}
FOREIGN_WEEKDAYS: frozenset[str] = frozenset(_calendar_words("weekday"))
_MONTH_NUMBER.update(FOREIGN_MONTHS)
_WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS: dict[str, tuple[int, int]] = {
    "a": (1, 1), "an": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3), "four": (4, 4),
    "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8), "nine": (9, 9), "ten": (10, 10),
    "eleven": (11, 11), "twelve": (12, 12), "few": (2, 5), "a few": (2, 5), "several": (3, 9),
    "couple of": (2, 2), "a couple of": (2, 2),
}
_PAPER_WORDS = frozenset(
    "times telegraph express mirror herald post tribune mail observer independent star sport "
    "magazine edition guardian review people business standard news".split()
)
_HOLIDAY_WORDS = frozenset("good black easter palm bloody ash holy maundy super cyber shrove".split())
_YEAR_FOLLOWERS = frozenset(
    "and or but nor when while as after before until since to the a an with that which who where whose "
    "in on at by for from of into amid during through under over against following was were is are has "
    "had have saw sees alone onward onwards also there it its this these those they he she we so then "
    "too than elections election war invasion attacks attack agreement accord deal".split()
)
_PLURAL_LIKE = frozenset("people police personnel militia men women children".split())
_YEAR_LEADS = frozenset("in since during throughout until till by before after".split())
_MONTH_LEADS = frozenset("in since during throughout until till by before after from of between through".split())
_MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10), "first days": (1, 7),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, 31), "end": (21, 31),
    "first half": (1, 15), "second half": (16, 31),
    "first week": (1, 7), "second week": (8, 14), "third week": (15, 21), "fourth week": (22, 28),
    "last week": (-6, 31), "final week": (-6, 31), "last days": (-6, 31), "final days": (-6, 31),
    "closing days": (-6, 31), "first ten days": (1, 10), "last ten days": (-9, 31), "final ten days": (-9, 31),
}
_YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "beginning": (1, 4), "start": (1, 4),
    "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (9, 12),
    "first half": (1, 6), "second half": (7, 12),
}

# All patterns run on a lowercased copy of the text and start with a literal or a digit, so the
# regex engine can skip ahead cheaply; optional words before an anchor are read backwards.
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"(?:(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)|(?<=sept))\.)?"
)
# a month of another language, read only in a full date with its year ("7. kolovoza 2021", "Hulyo 12, 2021",
# "16 ga Yuli, 2021", "2021. június 28."), where no English word can stand
_MON_FOREIGN = r"(?:" + "|".join(re.escape(k) for k in sorted(FOREIGN_MONTHS, key=len, reverse=True)) + r")\b"
_MON_ANY = rf"(?:{_MON}|{_MON_FOREIGN})"
_MON_STRICT = (  # full names, or abbreviations with a period (a bare "Jan" may be a first name)
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\."
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"\d\d?(?!\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d\d\b"
_DASH = r"(?:-|–|—|to\b|and\b|or\b|through\b|until\b|till\b)"
_NUM_WORDS = (
    r"a\s+couple\s+of|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve"
)

_LEAD_BEFORE = re.compile(
    r"\b(?P<lead>since|from|until|till|by|before|after|as\s+of|in|on|during|throughout|at|over|within|for"
    r"|between|through|of)\s+\Z"
)
_MOD_BEFORE = re.compile(
    r"(?:\b(?:early|late|earlier|later)(?:\s+on)?|\b(?:the\s+)?(?:morning|afternoon|evening|night|early\s+hours)"
    r"\s+of|\bovernight(?:\s+on)?)\s+\Z"
)
_WDPRE_M_BEFORE = re.compile(rf"\b{_WD},?\s+\Z")
_WDPRE_D_BEFORE = re.compile(rf"\b{_WD},?\s+(?:the\s+)?\Z")
_BETWEEN_BEFORE = re.compile(r"\b(?P<btw>between|from)\s+\Z")
_REL_BEFORE = re.compile(r"\b(?P<rel>this\s+past|last|next|this|past|overnight(?:\s+on)?)\s+\Z")
_THE_BEFORE = re.compile(r"\b(?:the|this)\s+\Z")
_N_BEFORE = re.compile(rf"(?:\b(?P<w>{_NUM_WORDS})|(?<![\d,.])(?P<d>\d{{1,3}}))\s+\Z")
_CAL_MOD_BEFORE = re.compile(r"\b(?P<mod>earlier|later|early|late)\s+\Z")
_PART_BEFORE = re.compile(
    r"(?:\b(?P<part>early|mid|late)(?:\s*-\s*|\s+)|\b(?:the\s+)?(?P<pof>beginning|start|middle|end|first\s+half"
    r"|second\s+half|first\s+week|second\s+week|third\s+week|fourth\s+week|last\s+week|final\s+week"
    r"|first\s+days|last\s+days|final\s+days|closing\s+days|first\s+ten\s+days|last\s+ten\s+days|final\s+ten\s+days)"
    r"\s+of\s+)\Z"
)
_WEEKEND_BEFORE = re.compile(r"\b(?P<rel>this\s+past|the\s+previous|previous|this|last|next|past|the)\s+\Z")
_ATTACKS_AFTER = re.compile(r"\s+(?:terror(?:ist)?\s+)?attacks?\b")
_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’.-]*)\s+\Z")

_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("d", re.compile(r"\d")),
    ("m", re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")),
    ("w", re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day")),
    ("r", re.compile(
        r"today|tonight|tomorrow|yesterday|night|morning|afternoon|evening|week|month|year|day|hour|recent"
    )),
    ("e", re.compile(r"\beid\b")),
    ("y", re.compile(r"(?:19|20)\d\d")),  # a year, which a full date with another language's month needs
)


@dataclass(frozen=True)
class _Ctx:
    """The possible publication days: one day, a whole month or year, or unknown."""

    first: Optional[date]
    last: Optional[date]

    def rel(self, fn: Callable[[date], Optional[Range]]) -> Optional[Range]:
        """Read a publication-relative expression as the union of its readings over the window (None where it has none)."""
        if self.first is None or self.last is None:
            return None
        a = fn(self.first)
        b = a if self.last == self.first else fn(self.last)
        if a is None or b is None:
            return a or b
        return (_min(a[0], b[0]), _max(a[1], b[1]))

    def year_for(self, month: int, day: int = 1) -> Optional[int]:
        """Return the year a year-less month-day most plausibly falls in."""
        if self.first is None or self.last is None:
            return None
        year = self.first.year
        if date(year, month, min(max(day, 1), 28)) > self.last + timedelta(days=183):
            year -= 1
        return year


@dataclass(frozen=True)
class _Hit:
    """A recognised expression: its kind, what it names, how to resolve it, and where it starts."""

    kind: str
    payload: object
    fn: Callable[[_Ctx], Optional[Range]]
    day_level: bool = False
    start: int = -1


@dataclass(frozen=True)
class _Recognizer:
    """One family of expressions: an anchored regex, the triggers it needs, its reader and bad left neighbours."""

    name: str
    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], str], Optional[_Hit]]
    needs_all: str = ""
    needs_any: str = ""
    bad_before: str = ""


def _min(a: Optional[date], b: Optional[date]) -> Optional[date]:
    """Return the earlier of two optional dates (None wins: an open end stays open)."""
    if a is None or b is None:
        return None
    return min(a, b)


def _max(a: Optional[date], b: Optional[date]) -> Optional[date]:
    """Return the later of two optional dates (None wins: an open end stays open)."""
    if a is None or b is None:
        return None
    return max(a, b)


def _safe_date(year: Optional[int], month: int, day: int) -> Optional[date]:
    """Build a date or return None when it does not exist."""
    if year is None:
        return None
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def month_range(d: date) -> tuple[date, date]:
    """Return the first and last day of the month of `d`."""
    return date(d.year, d.month, 1), date(d.year, d.month, monthrange(d.year, d.month)[1])


def _add_months(d: date, months: int) -> date:
    """Shift a date by whole calendar months, clamping the day to the month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


def _month_ok(token: str) -> bool:
    """Tell whether a month token is really a month (capitalised; lowercase 'may'/'march'/'jan' are words)."""
    base = token.rstrip(".")
    if not base:
        return False
    if base[0].isupper():
        return True
    return len(base) > 3 and base.lower() in _MONTH_NUMBER and base.lower() not in ("may", "march")


def _month(m: re.Match[str], text: str, group: str = "mon", between_numbers: bool = False) -> Optional[int]:
    """Return the month number of a matched month group when the original text really names a month (any case
    between a day and a year: '18 jul 2021' names July, as no word 'jul', 'may' or 'mar' stands there)."""
    if m[group] is None:
        return None
    token = text[m.start(group):m.end(group)]
    if not between_numbers and not _month_ok(token):
        return None
    return _MONTH_NUMBER.get(m[group].rstrip("."))


def _day(token: str) -> Optional[int]:
    """Read a day number ('7', '07', '7th') when it is a possible day of a month."""
    digits = token.rstrip("stndrh")
    if not digits.isdigit():
        return None
    day = int(digits)
    return day if 1 <= day <= 31 else None


def small_number(words: str) -> tuple[int, int]:
    """Read a small count in a temporal expression ('two', 'a few', '3') as low/high (1 when unknown)."""
    key = " ".join(words.lower().split())
    if key.isdigit():
        n = int(key)
        return n, n
    return _SMALL_NUMBERS.get(key, (1, 1))


def _count_noun_follows(text: str, pos: int) -> bool:
    """Tell whether a plural noun follows `pos` (then a four-digit number is a count, not a year)."""
    m = _WORD_AFTER.match(text, pos)
    if not m:
        return False
    word = m.group(1)
    if not word[0].islower():
        return False
    low = word.lower()
    if low in _YEAR_FOLLOWERS:
        return False
    return low.endswith("s") or low in _PLURAL_LIKE


def _back(pattern: re.Pattern[str], low: str, pos: int, width: int = 40) -> Optional[re.Match[str]]:
    """Return the match of a backward pattern ending exactly at `pos`, if any."""
    return pattern.search(low, max(0, pos - width), pos)


def _monday(d: date) -> date:
    """Return the Monday of the Monday-Sunday week holding `d`."""
    return d - timedelta(days=d.weekday())


def _latest_weekday(pub: date, weekday: int, strict: bool = False) -> date:
    """Return the latest given weekday on (or strictly before) `pub`."""
    delta = (pub.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


def _fixed(low: date, high: date) -> Callable[[_Ctx], Optional[Range]]:
    """Return a resolver for a range that needs no publication date."""
    return lambda ctx: (low, high)


def _month_day_resolver(month: int, day: int) -> Callable[[_Ctx], Optional[Range]]:
    """Return a resolver for a year-less month-day."""

    def fn(ctx: _Ctx) -> Optional[Range]:
        d = _safe_date(ctx.year_for(month, day), month, day)
        return (d, d) if d else None

    return fn


def _weekday_prefix(low: str, pos: int, day_first: bool) -> int:
    """Return where a leading weekday ('Wednesday, July 7') starts, or `pos` when there is none."""
    m = _back(_WDPRE_D_BEFORE if day_first else _WDPRE_M_BEFORE, low, pos, 16)
    return m.start() if m else pos


def _month_part(year: int, month: int, part: str) -> Range:
    """Return the days of a month named by a part ('mid', 'end', 'first week')."""
    lo, hi = _MONTH_PARTS[part]
    last = monthrange(year, month)[1]
    low = last + lo if lo < 0 else lo
    return date(year, month, low), date(year, month, min(hi, last))


def _year_part(year: int, part: str) -> Optional[Range]:
    """Return the days of a year named by a part ('early', 'second half')."""
    if part not in _YEAR_PARTS:
        return None
    lo, hi = _YEAR_PARTS[part]
    return date(year, lo, 1), month_range(date(year, hi, 1))[1]


def _part_before(low: str, pos: int) -> Optional[tuple[str, int]]:
    """Return the part phrase before `pos` ('mid-', 'the end of') and where it starts."""
    m = _back(_PART_BEFORE, low, pos, 36)
    if m is None:
        return None
    return " ".join((m["part"] or m["pof"]).split()), m.start()


# ---------------------------------------------------------------- handlers


def _full_date(m: re.Match[str], text: str, day_first: bool) -> Optional[_Hit]:
    """Read a full date with a month name, day first or month first."""
    month, day = _month(m, text, between_numbers=True), _day(m["day"])
    if month is None or day is None:
        return None
    d = _safe_date(int(m["year"]), month, day)
    if d is None:
        return None
    return _Hit("full", d, _fixed(d, d), True, _weekday_prefix(m.string, m.start(), day_first))


def _h_full_mdy(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'July 7, 2021' / 'Wednesday, Jul. 7 2021'."""
    return _full_date(m, text, day_first=False)


def _h_full_dmy(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read '7 July 2021' / '7th of July, 2021'."""
    return _full_date(m, text, day_first=True)


def _h_year_first(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read a translator's year-first date: '2021 year 29 June', '2021 year July 19', '2021 year 8 month 14 day'."""
    if m["m"] is not None:
        month, day = int(m["m"]), _day(m["d"])
        month = month if 1 <= month <= 12 else None
    else:
        group = "mon" if m["mon"] is not None else "mon2"
        month, day = _month(m, text, group, between_numbers=True), _day(m["day"] or m["day2"])
    if month is None or day is None:
        return None
    d = _safe_date(int(m["year"]), month, day)
    return _Hit("full", d, _fixed(d, d), True, m.start()) if d is not None else None


def _h_year_dot_first(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read a year-first date with stops: '2021. június 28.', '2021 m. liepos 12 d.', '2021. gada 17. jūlijs'."""
    second = m["year"] is None
    month = _month(m, text, "mon2" if second else "mon", between_numbers=True)
    day = _day(m["day2"] if second else m["day"])
    year = int(m["year2"] if second else m["year"])
    d = _safe_date(year, month, day) if month is not None and day is not None else None
    return _Hit("full", d, _fixed(d, d), True, m.start()) if d is not None else None


def _h_iso(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read '2021-07-07' / '2021/07/07'."""
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    return _Hit("full", d, _fixed(d, d), True) if d else None


def _h_numeric(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read '07.07.2021' or '13/07/2021' when day and month cannot be confused; dotted dates ('10.08.2021') are
    day first, the convention of every country that writes them."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if a == b:
        d = _safe_date(year, a, b)
    elif a > 12 >= b:
        d = _safe_date(year, b, a)
    elif b > 12 >= a:
        d = _safe_date(year, a, b)
    elif m["sep"] == ".":
        d = _safe_date(year, b, a)
    else:
        d = _settled_numeric(m, a, b, year)
        if d is None:
            return _Hit("ambiguous", None, lambda ctx: None)
    return _Hit("full", d, _fixed(d, d), True) if d else None


_FORMAT_NOTE_AFTER = re.compile(r"(?:\s+\d{1,2}:?\d{2}[a-z]{0,3}"  # (a time between: "02/07/2021 1600D (dd/mm/yyyy; ...",
                                r"(?:\s+(?i:GMT|UTC|AFT|IST|PKT|CET|CEST|EST|EDT|local(?:\s+time)?)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"  # "09/07/2021
                                # 17:05 GMT (dd/mm/yyyy)"
                                r"\s*\(\s*(?P<first>dd?|mm?)\s*[-/.]\s*(?:dd?|mm?)\s*[-/.]\s*y{2,4}\s*[;,)]")
_WD_NAME_BEFORE = re.compile(rf"\b(?P<wd>{_WD}),?\s+(?:the\s+)?\Z")


def _settled_numeric(m: re.Match[str], a: int, b: int, year: int) -> Optional[date]:
    """The day a slashed date names when a format note after it ('(dd/mm/yyyy)') or the weekday before it ('Friday
    02/07/2021') allows only one reading, else None."""
    note = _FORMAT_NOTE_AFTER.match(m.string, m.end())
    if note is not None:
        return _safe_date(year, b, a) if note["first"].startswith("d") else _safe_date(year, a, b)
    wd = _back(_WD_NAME_BEFORE, m.string, m.start(), 16)
    if wd is None:
        return None
    weekday = _WEEKDAYS.index(wd["wd"])
    fits = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def _h_range(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'July 5-7', 'between July 30 and Aug. 2', '5 to 7 July 2021'."""
    groups = m.groupdict()
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    mon = _month(m, text)
    other = "mon2" if "mon2" in groups else "mon1"
    mon_other = _month(m, text, other) if groups[other] else None
    if d1 is None or d2 is None or mon is None or (groups[other] and mon_other is None):
        return None
    if other == "mon2":
        m1, m2 = mon, mon_other or mon
    else:
        m1, m2 = mon_other or mon, mon
    first = _weekday_prefix(m.string, m.start(), True) if "d1" in groups and m.start("d1") == m.start() else m.start()
    btw = _back(_BETWEEN_BEFORE, m.string, first, 12)  # ("between Saturday 24 and Monday 26 July")
    if m["dash"] == "and" and btw is None and groups[other]:
        return None  # "July 7 and August 6" names two days, not a span
    if (m2 < m1 and not (m1 == 12 and m2 == 1)) or (m2 >= m1 and (m1, d1) >= (m2, d2)):
        return None
    if _safe_date(2000, m1, d1) is None or _safe_date(2000, m2, d2) is None:
        return None
    start = btw.start() if btw else first
    payload = ((m1, d1), (m2, d2))
    if m["year"]:
        year = int(m["year"])
        low, high = _safe_date(year - (m2 < m1), m1, d1), _safe_date(year, m2, d2)
        if low is None or high is None:
            return None
        return _Hit("full_range", payload, _fixed(low, high), True, start)

    def fn(ctx: _Ctx) -> Optional[Range]:
        year = ctx.year_for(m2, d2)
        if year is None:
            return None
        low, high = _safe_date(year - (m2 < m1), m1, d1), _safe_date(year, m2, d2)
        return (low, high) if low and high else None

    return _Hit("md_range", payload, fn, True, start)


def _h_month_day(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read a year-less 'July 7', 'Aug. 6', '7 July', 'Thursday, July 8'."""
    month, day = _month(m, text), _day(m["day"])
    if month is None or day is None or _safe_date(2000, month, day) is None:
        return None
    start = _weekday_prefix(m.string, m.start(), m.re is _RE_DAY_MONTH)
    if month == 9 and day == 11 and _ATTACKS_AFTER.match(m.string, m.end()):
        d = date(2001, 9, 11)
        return _Hit("named", (month, day), _fixed(d, d), True, start)
    return _Hit("month_day", (month, day), _month_day_resolver(month, day), True, start)


def _h_month_part(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'mid-June', 'early July', 'the end of July', 'late July 2021'."""
    month = _month(m, text)
    found = _part_before(m.string, m.start())
    if month is None or found is None:
        return None
    part, start = found
    if m["year"]:
        rng = _month_part(int(m["year"]), month, part)
        return _Hit("month_part", month, _fixed(*rng), False, start)

    def fn(ctx: _Ctx) -> Optional[Range]:
        year = ctx.year_for(month)
        return _month_part(year, month, part) if year is not None else None

    return _Hit("month_part", month, fn, False, start)


def _h_month_year(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'July 2021' as the whole month."""
    month = _month(m, text)
    if month is None or _count_noun_follows(text, m.end()):
        return None
    first = date(int(m["year"]), month, 1)
    return _Hit("month_year", first, _fixed(*month_range(first)))


def _h_bare_month(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'in June', 'since May', 'last June', 'in June and July' (a cue before the month is required)."""
    m1 = _month(m, text)
    m2 = _month(m, text, "mon2") if m["mon2"] else m1
    if m1 is None or m2 is None:
        return None
    rel_m = _back(_REL_BEFORE, m.string, m.start(), 16)
    rel = rel_m["rel"] if rel_m and rel_m["rel"] in ("last", "this", "next") else ""
    if not rel:
        lead = _back(_LEAD_BEFORE, m.string, m.start(), 16)
        if lead is None or lead["lead"] not in _MONTH_LEADS:
            return None

    def span(year: int) -> Range:
        y2 = year if m2 >= m1 else year + 1
        return date(year, m1, 1), month_range(date(y2, m2, 1))[1]

    if rel:
        def fn_rel(pub: date) -> Range:
            if rel == "this":
                year = pub.year
            elif rel == "last":
                year = pub.year if m1 < pub.month else pub.year - 1
            else:
                year = pub.year if m1 > pub.month else pub.year + 1
            return span(year)

        return _Hit("relative", m1, lambda ctx: ctx.rel(fn_rel), False, rel_m.start() if rel_m else -1)

    def fn(ctx: _Ctx) -> Optional[Range]:
        year = ctx.year_for(m1)
        return span(year) if year is not None else None

    return _Hit("month", m1, fn)


# what stands before a decade read as a time ("in the 1990s", "since the early 2000s", "the 1990s, when ...")
_DECADE_BEFORE = re.compile(r"\b(?:in|during)\s+the\s+(?:(?P<part>early|mid|late)[\s\-]+)?\Z", re.I)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.I)
_THE_BEFORE_YEAR = re.compile(r"\b(?:the|its|their)\s+\Z", re.I)
_EVENT_NOUN_AFTER = re.compile(r"\s+(?:capture|fall|loss|takeover|take-over|seizure|surrender|siege|assault|offensive|attack|"
                               r"battle|occupation|collapse|evacuation|withdrawal)\b", re.I)
_THE_BEFORE_DECADE = re.compile(r"\bthe\s+(?:(?:early|mid|late)[\s\-]+)?\Z", re.I)
_NOUN_WHEN_AFTER = re.compile(r"\s+[a-z]+,?\s+when\b", re.I)


def _h_year(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'in 2001', 'since 2001' as whole years and 'early 2021', 'mid-2021' as parts of one."""
    year = int(m["year"])
    if m.string.startswith("s", m.end()) and year % 10 == 0 and re.match(r"s\b", m.string[m.end():m.end() + 2]):
        # "in the 1990s, when the movement captured Kabul": the whole decade, as the time of a when-clause (a decade
        # elsewhere, "a hospital run since the 1980s", is too loose a time to date an act by)
        lead = _DECADE_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
        if lead is None:
            if not (_THE_BEFORE_DECADE.search(m.string, max(0, m.start() - 12), m.start())
                    and (_NOUN_WHEN_AFTER.match(m.string, m.end() + 1) or _WHEN_AFTER.match(m.string, m.end() + 1))):
                return None  # (but "the 1990s experience, when Mazar changed hands" is the decade's, and so is "she
                # recalled the mid-1990s, when the Taliban first took Kabul")
        elif _WHEN_AFTER.match(m.string, m.end() + 1) is None and not lead.group("part") and \
                m.string[:lead.start()].strip(" \"“'‘(-–—"):
            return None  # ("in the late 1990s" is read too, as the whole decade, and "In the 1990s, ..." opening a
            # sentence)
        return _Hit("year", year, _fixed(date(year, 1, 1), date(year + 9, 12, 31)))
    if _count_noun_follows(text, m.end()):
        return None
    found = _part_before(m.string, m.start())
    if found is not None:
        rng = _year_part(year, found[0])
        return _Hit("year_part", year, _fixed(*rng), False, found[1]) if rng else None
    lead = _back(_LEAD_BEFORE, m.string, m.start(), 16)
    if (lead is None or lead["lead"] not in _YEAR_LEADS) and not (
            _THE_BEFORE_YEAR.search(m.string, max(0, m.start() - 5), m.start()) and _EVENT_NOUN_AFTER.match(m.string, m.end())):
        return None  # (but "the 1998 capture of the city", "the 2015 fall of Kunduz": the year of the act the noun names)
    return _Hit("year", year, _fixed(date(year, 1, 1), date(year, 12, 31)))


def _h_weekday(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'Thursday', 'last Friday', 'Sunday night', 'Thursday of last week'."""
    weekday = _WEEKDAYS.index(m["wd"])
    rel_m = _back(_REL_BEFORE, m.string, m.start(), 16)
    rel = " ".join(rel_m["rel"].split()) if rel_m else ""
    if not rel:
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before and before.group(1).lower() in _HOLIDAY_WORDS:
            return None
    after = _WORD_AFTER.match(text, m.end("wd"))
    if after and after.group(1)[0].isupper() and after.group(1).lower() in _PAPER_WORDS:
        return None
    week = m["wk"] or ""
    nth = int(m["od"]) if m["od"] else 0  # "on Thursday the 8th": the day of the month that is that weekday

    def fn(pub: date) -> Range:
        if nth:
            before = pub.replace(day=1) - timedelta(days=1)
            days = [d for d in (_safe_date(pub.year, pub.month, nth), _safe_date(before.year, before.month, nth))
                    if d is not None and d <= pub and d.weekday() == weekday]
            if days:
                return days[0], days[0]
        if week:
            monday = _monday(pub) + timedelta(days={"last": -7, "this": 0, "next": 7}[week])
            d = monday + timedelta(days=weekday)
        elif rel in ("last", "past", "this past"):
            d = _latest_weekday(pub, weekday, strict=True)
        elif rel == "next":
            d = pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
        elif rel == "this":
            d = _monday(pub) + timedelta(days=weekday)
        else:
            d = _latest_weekday(pub, weekday)
        if rel.startswith("overnight") and d < pub:
            return d, d + timedelta(days=1)  # "overnight Saturday": Saturday night into Sunday
        return d, d

    return _Hit("weekday", weekday, lambda ctx: ctx.rel(fn), True, rel_m.start() if rel_m else -1)


def _h_day_word(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'today', 'tonight', 'yesterday', 'last night', 'overnight', 'this morning'."""
    core = " ".join(m.group(0).split())
    original = text[m.start():m.end()]
    if original.startswith("Today"):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before and before.group(1)[0].isupper():
            return None  # "USA Today", "Pakistan Today": an outlet
    if core.startswith("the day before yesterday"):
        lo, hi = -2, -2
    elif core.startswith("yesterday"):
        lo, hi = -1, -1
    elif core.startswith("tomorrow"):
        lo, hi = 1, 1
    elif core in ("last night", "overnight"):
        lo, hi = -1, 0
    else:
        lo, hi = 0, 0
    return _Hit(
        "relative", core,
        lambda ctx: ctx.rel(lambda pub: (pub + timedelta(days=lo), pub + timedelta(days=hi))), True,
    )


def _h_ago(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'two days ago', 'three weeks ago', 'a month ago'."""
    n_m = _back(_N_BEFORE, m.string, m.start(), 16)
    if n_m is None:
        return None
    nlo, nhi = small_number(n_m["w"] or n_m["d"])
    unit = m["unit"].rstrip("s")
    if unit == "fortnight":  # "a fortnight ago": two weeks
        unit, nlo, nhi = "week", 2 * nlo, 2 * nhi

    def fn(pub: date) -> Range:
        if unit == "day":
            return pub - timedelta(days=nhi), pub - timedelta(days=nlo)
        if unit == "week":
            return pub - timedelta(days=7 * nhi + 3), min(pub, pub - timedelta(days=7 * nlo - 3))
        if unit == "month":
            return (_add_months(pub, -nhi) - timedelta(days=15),
                    min(pub, _add_months(pub, -nlo) + timedelta(days=15)))
        return _add_months(pub, -12 * nhi - 1), min(pub, _add_months(pub, -12 * nlo + 1))

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), False, n_m.start())


# Afghanistan's solar (Hijri Shamsi) calendar: "23 Saratan 1400"; months of 31 days, then 30, the year from Nowruz
_HIJRI_MONTHS: dict[str, int] = {
    "hamal": 1, "hamel": 1, "sawr": 2, "saur": 2, "sowr": 2, "jawza": 3, "jauza": 3, "jawzah": 3, "saratan": 4,
    "asad": 5, "sunbula": 6, "sonbola": 6, "sunbulah": 6, "mizan": 7, "meezan": 7, "aqrab": 8, "akrab": 8,
    "qaws": 9, "qous": 9, "jadi": 10, "jaddi": 10, "dalw": 11, "dalv": 11, "hut": 12, "hoot": 12,
}
_NOWRUZ: dict[int, date] = {1398: date(2019, 3, 21), 1399: date(2020, 3, 20), 1400: date(2021, 3, 21),
                            1401: date(2022, 3, 21)}


def hijri_date(year: int, month: int, day: int) -> Optional[date]:
    """The Gregorian day of a solar Hijri date (years 1398-1401), else None."""
    start = _NOWRUZ.get(year)
    length = 31 if month <= 6 else 30 if month <= 11 else 29
    if start is None or not 1 <= month <= 12 or not 1 <= day <= length:
        return None
    return start + timedelta(days=(month - 1) * 31 if month <= 7 else 6 * 31 + (month - 7) * 30) + timedelta(days=day - 1)


def _h_hijri(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read '23 Saratan 1400' (solar Hijri); '10 Saratan' is the latest such day on or before publication."""
    month, day = _HIJRI_MONTHS[m["mon"].lower()], int(m["d"])
    if m["y"]:
        d = hijri_date(int(m["y"]), month, day)
        return _Hit("full", d, _fixed(d, d), True) if d else None

    def fn(pub: date) -> Optional[Range]:
        days = [d for year in sorted(_NOWRUZ, reverse=True) for d in [hijri_date(year, month, day)]
                if d is not None and d <= pub]
        return (days[0], days[0]) if days else None

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), True, m.start()) if hijri_date(1400, month, day) else None


def _h_ordinal_day(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'on the 3rd' (no month): that day of the publication month, else of the month before."""
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None

    def fn(pub: date) -> Optional[Range]:
        when = _safe_date(pub.year, pub.month, day) if day <= pub.day else None
        if when is None:
            before = pub.replace(day=1) - timedelta(days=1)
            when = _safe_date(before.year, before.month, day)
        return (when, when) if when is not None else None

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), True, m.start())


def _h_past(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'the past two days', 'past 24 hours', 'in the last week', 'over the past two months'."""
    the = _back(_THE_BEFORE, m.string, m.start(), 8)
    if m["pl"] == "last" and the is None and not m["n"]:
        return None  # "last week" is the previous calendar week
    nhi = small_number(m["n"])[1] if m["n"] else 1
    unit = m["unit"].rstrip("s")

    def fn(pub: date) -> Range:
        if unit == "hour":
            return pub - timedelta(days=-(-nhi // 24)), pub
        if unit == "day":
            return pub - timedelta(days=nhi), pub
        if unit == "week":
            return pub - timedelta(days=7 * nhi), pub
        if unit == "month":
            return _add_months(pub, -nhi), pub
        return _add_months(pub, -12 * nhi), pub

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), False, the.start() if the else -1)


def _h_recent(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'recent days' / 'recent weeks' / 'recent months' (with a lead such as 'in')."""
    unit = m["unit"]

    def fn(pub: date) -> Range:
        if unit == "days":
            return pub - timedelta(days=7), pub
        if unit == "weeks":
            return pub - timedelta(days=28), pub
        return _add_months(pub, -3), pub

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn))


def _unit_range(pub: date, unit: str, shift: int) -> tuple[date, date]:
    """Return the calendar week/month/year holding `pub`, shifted by `shift` units."""
    if unit == "week":
        monday = _monday(pub) + timedelta(days=7 * shift)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return month_range(_add_months(date(pub.year, pub.month, 1), shift))
    year = pub.year + shift
    return date(year, 1, 1), date(year, 12, 31)


def _h_calendar(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'this week', 'earlier this week', 'last week', 'late last month', 'the end of the year'."""
    words = m.group(0).split()
    unit = words[-1]
    shift = {"this": 0, "last": -1, "next": 1}.get(words[0], 0)
    if unit.startswith("mid") or unit == "week" and (words[0] != "in" or len(words) == 2):
        week_part = "mid" if unit.startswith("mid") else _part_before(m.string, m.start())
        if week_part is not None:  # "midweek", "at the start of the week", "the end of last week"
            return _week_part(week_part, shift, m.start() if unit.startswith("mid") else week_part[1])
    part = _part_before(m.string, m.start()) if unit != "week" else None
    if part is not None:
        name, start = part

        def fn_part(pub: date) -> Range:
            low, high = _unit_range(pub, unit, shift)
            if unit == "month":
                return _month_part(low.year, low.month, name)
            return _year_part(low.year, name) or (low, high)

        if unit == "year" and name not in _YEAR_PARTS:
            return None
        return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn_part), False, start)
    if words[0] == "the":
        return None  # "the month" needs a part before it
    mod_m = _back(_CAL_MOD_BEFORE, m.string, m.start(), 10)
    mod = mod_m["mod"] if mod_m else ""
    if words[0] == "in" and mod not in (("earlier", "later", "early", "late") if unit == "week" else ("earlier", "later")):
        return None  # ("early in the week" is this week's Monday to Wednesday)
    if unit != "week" and mod in ("early", "late"):
        return None
    if shift != 0 and mod in ("earlier", "later"):
        mod = {"earlier": "early", "later": "late"}[mod] if unit == "week" else ""

    def fn(pub: date) -> Range:
        low, high = _unit_range(pub, unit, shift)
        if mod == "earlier":
            return low, pub
        if mod == "later":
            return pub, high
        if mod == "early":
            return low, low + timedelta(days=2)
        if mod == "late":
            return low + timedelta(days=3), high
        return low, high

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), False, mod_m.start() if mod_m else -1)


# a part of a week: its days from Monday (first, last)
_WEEK_PARTS: dict[str, tuple[int, int]] = {"early": (0, 2), "beginning": (0, 2), "start": (0, 2), "mid": (1, 3),
                                           "middle": (1, 3), "late": (3, 6), "end": (3, 6)}


def _week_part(part: str | tuple[str, int], shift: int, start: int) -> Optional[_Hit]:
    """A part of the publication week, or of the week `shift` weeks away ('midweek', 'the end of last week')."""
    name = part if isinstance(part, str) else part[0]
    days = _WEEK_PARTS.get(name)
    if days is None:
        return None

    def fn(pub: date) -> Range:
        low, _ = _unit_range(pub, "week", shift)
        return low + timedelta(days=days[0]), low + timedelta(days=days[1])

    return _Hit("relative", name, lambda ctx: ctx.rel(fn), False, start)


def _h_weekend(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'over the weekend', 'last weekend', 'this past weekend', 'next weekend'."""
    rel_m = _back(_WEEKEND_BEFORE, m.string, m.start(), 12)
    if rel_m is None:
        return None
    rel = " ".join(rel_m["rel"].split())
    rel = "last" if rel.endswith("previous") else rel  # "the previous weekend"

    def fn(pub: date) -> Range:
        wd = pub.weekday()
        saturday = pub - timedelta(days=(wd - 5) % 7)
        if rel == "next":
            saturday = pub + timedelta(days=(5 - wd) % 7 or 7)
            return saturday, saturday + timedelta(days=1)
        if rel in ("last", "past", "this past") and wd >= 5:
            saturday -= timedelta(days=7)
        return saturday, min(saturday + timedelta(days=1), max(pub, saturday))

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), False, rel_m.start())


# read here (not with the other recognizers) because a weekday before it is folded into the date
_RE_DAY_MONTH = re.compile(rf"(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})")


# ----------------------------------------------------------------------------- feast days

FEASTS_CSV = PACKAGE_DATA / "feasts.csv"  # first days of the two Eids, year by year, as observed in Afghanistan
FEAST_LOOKBACK_DAYS = 80  # "on the eve of Eid" in an article published this long after it is still that Eid
_FEAST_PART: dict[str, tuple[int, int]] = {  # days from the feast's first day; a bare "Eid" is its three days
    "eve": (-1, -1), "first day": (0, 0), "second day": (1, 1), "third day": (2, 2), "last day": (2, 2), "": (0, 2),
}
RE_FEAST = re.compile(
    r"(?:the\s+)?(?:(?P<part>eve|first\s+day|second\s+day|third\s+day|last\s+day)\s+of\s+(?:the\s+)?"
    r"(?:(?:holidays?|feast|festival)\s+(?:of\s+)?)?)?"  # ("on the second day of the holiday Eid al-Adha")
    r"eid(?:[\s-]+(?:al|ul|el|e)?[\s-]*(?P<kind>adha|azha|zuha|qurban|fitr|fetr))?"
    r"(?:\s+(?:holidays?|holiday\s+period|festival|celebrations|prayers))?\b")


@lru_cache(maxsize=1)
def feast_days() -> dict[str, tuple[date, ...]]:
    """First days of Eid al-Fitr and Eid al-Adha by feast, in order (from analysis/data/feasts.csv)."""
    days: dict[str, list[date]] = {}
    for line in FEASTS_CSV.read_text(encoding="utf-8").splitlines()[1:]:
        feast, day = line.split(",")[:2]
        days.setdefault(feast.strip(), []).append(date.fromisoformat(day.strip()))
    return {feast: tuple(sorted(found)) for feast, found in days.items()}


def _h_feast(m: re.Match[str], text: str) -> Optional[_Hit]:
    """Read 'on the eve of Eid', 'the first day of Eid al-Adha', 'during the Eid holidays': the latest such Eid on or
    around publication (its kind when named), shifted to the part named; a bare 'Eid' is the feast's three days."""
    kind = (m["kind"] or "").lower()
    feasts = ("eid_al_fitr",) if kind.startswith("f") else ("eid_al_adha",) if kind else ("eid_al_fitr", "eid_al_adha")
    part = " ".join((m["part"] or "").lower().split())
    lo_off, hi_off = _FEAST_PART[part]
    days = sorted(d for f in feasts for d in feast_days().get(f, ()))

    def fn(pub: date) -> Optional[Range]:
        found = [d for d in days if d + timedelta(days=lo_off) <= pub and (pub - d).days <= FEAST_LOOKBACK_DAYS]
        if not found:
            return None
        first = found[-1]
        return first + timedelta(days=lo_off), first + timedelta(days=hi_off)

    return _Hit("relative", m.group(0), lambda ctx: ctx.rel(fn), part != "", m.start())
