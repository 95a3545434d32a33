"""Read dates and temporal expressions in news text as inclusive day ranges anchored on publication."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional

from analysis.extract.dateforms import (  # noqa: F401 (small_number, month_range are re-exported)
    _HIJRI_MONTHS, _RE_DAY_MONTH,
    Range, _Ctx, _DASH, _DAY, _Hit, _LEAD_BEFORE, _MOD_BEFORE, _MON, _MON_ANY, _MON_FOREIGN, _MON_STRICT, _NUM_WORDS,
    _Recognizer, _TRIGGERS, _WD, _YEAR, _h_ago, _h_bare_month, _h_calendar, _h_day_word, _h_full_dmy, _h_full_mdy,
    _h_hijri, _h_iso, _h_year_first, _h_year_dot_first, _h_month_day, _h_month_part, _h_month_year, _h_numeric,
    _h_ordinal_day, _h_past, _h_range, _h_recent, _h_weekday, _h_weekend, _h_year, _safe_date, month_range, small_number,
)
from analysis.extract.dateforms import RE_FEAST, _h_feast
from analysis.extract.stems import start_guarded
from analysis.records import DateMention

# How expressions are read (the contract the tests pin down):
# - A weekday ("on Thursday", "Thursday's attack", "late on Thursday", "early Friday",
#   "on Sunday night") is the latest such day on or before publication. "last Friday" /
#   "this past Friday" is the latest such day strictly before publication; "next Friday" the first
#   strictly after; "this Friday" the one in the publication week (Monday to Sunday);
#   "Thursday last week" the Thursday of the previous Monday-Sunday week. A weekday written beside
#   a date ("Thursday, July 8", "Thursday (August 5)", "15 August 2021, Sunday") is folded into it.
# - "today", "tonight", "this morning" -> publication day; "yesterday" -> the day before;
#   "last night" and "overnight" -> the day before through publication (a night straddles midnight).
# - "this week" -> Monday-Sunday of the publication week; "earlier this week" / "earlier in the week"
#   -> Monday up to publication; "later this week" -> publication to Sunday; "last week" -> the previous
#   Monday-Sunday ("early last week" Mon-Wed, "late last week" Thu-Sun).
# - "over/at the weekend", "this weekend" -> the latest Saturday-Sunday on or before publication;
#   "last weekend" / "this past weekend" -> the same on a weekday, the weekend before on a weekend.
# - "in the past two days" -> publication minus two days through publication; "the past week" /
#   "the last week" -> seven days back; "past 24 hours" -> the day before through publication;
#   "past two months" -> the same day two months back; "in recent days" -> seven days back,
#   "recent weeks" -> 28 days, "recent months" -> three months. "few" counts as up to 5,
#   "several" as up to 9, "a couple of" as 2.
# - "two days ago" -> that day; "three weeks ago" -> a week-wide band (21 days back, +-3 days);
#   "two months ago" -> +-15 days around the day two months back.
# - "this month" -> the publication month; "earlier this month" -> first day to publication;
#   "last month" -> the previous calendar month; "this year", "last year" likewise.
# - Month parts: early/beginning/start 1-10, mid/middle 11-20, late/end 21-last, first half 1-15,
#   second half 16-last, first/second/third/fourth week 1-7/8-14/15-21/22-28, last week last-6..last.
#   Year parts: early Jan-Apr, mid May-Aug, late Sep-Dec, halves Jan-Jun / Jul-Dec.
# - A bare month needs a cue before it ("in June", "since June", "by May", "last June",
#   "in June and July"); "May" and "March" must be capitalised, so "the Taliban may attack" and
#   "a march on Kabul" are not dates. "June 2021" is a whole month; "in 2001" a whole year.
# - A month-day without a year takes the publication year, or the year before when that would put
#   it more than six months after publication (a January article recalling "on December 30").
#   "September 11 attacks" is read as 2001-09-11.
# - Leads change a range: "since X" / "from X" -> X to publication; "until/by/as of X" -> open below,
#   up to the end of X; "before X" -> open below, up to the day before X; "after X" -> the day after X
#   to publication. "in/on/during/at/over/within/for X" leave X unchanged. Open ends are None.
# - Month-precision publication (header " date 2021-08"): every publication-relative expression gets
#   the union of its readings over every possible publication day of that month, so "on Thursday"
#   runs from the latest Thursday on or before the 1st to the last Thursday of the month; explicit
#   month-days resolve exactly with that year. Without a publication date relative expressions and
#   year-less month-days yield no mention; explicit full dates still do.
# - Not dates: "within 24 hours", "a day earlier", "the next day", "for weeks", "9/11", "12 of 34",
#   "1,037", "USA Today", "Sunday Times", "Good Friday".

# ---------------------------------------------------------------- recognizers

_RE_FULL_MDY = re.compile(rf"(?P<mon>{_MON})\s*(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})")
_RE_FULL_DMY = re.compile(rf"(?P<day>{_DAY})(?:\.(?=\s+{_MON},?\s+{_YEAR}))?\s+(?:of\s+)?"
                          rf"(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<year>{_YEAR})")
# ("16. August 2021": a day with a stop, as pages in many languages print it, before a month and year only)
# another language's month, only in a full date: "Hulyo 12, 2021"; "7. kolovoza 2021", "6. Juli 2021", "13 de agosto de
# 2021", "16 ga Yuli, 2021" (a month-first one only where a word is followed by a number, which few positions are)
_RE_FOREIGN_MDY = re.compile(rf"(?<![^\W\d_])(?=[^\W\d_]{{3,12}}\s*\d)(?P<mon>{_MON_FOREIGN})\s*(?P<day>{_DAY}),?\s+"
                             rf"(?P<year>{_YEAR})")
_RE_FOREIGN_DMY = re.compile(rf"(?P<day>{_DAY})\.?\s+(?:de\s+|ga\s+)?(?P<mon>{_MON_FOREIGN})\.?,?\s+(?:de\s+)?"
                             rf"(?P<year>{_YEAR})")
# ("12-Jul-2021", "12-July-2021": a day, a month and a year joined by hyphens)
_RE_DMY_HYPHEN = re.compile(rf"(?P<day>\d\d?)-(?P<mon>{_MON_ANY})-(?P<year>{_YEAR})")
# ("25. 6. 2021": a day and a month each with a stop and a space, day first)
_RE_NUMERIC_SPACED = re.compile(r"(?P<a>\d\d?)(?P<sep>\.)\s(?P<b>\d\d?)\.\s(?P<year>(?:19|20)\d\d)(?!\d|[-/.]\d)")
# ("2021. június 28.", "2021 m. liepos 12 d.": the year with a stop, its month, the day with a stop; "2021. gada 17.
# jūlijs": the year, the day and the month)
_RE_YEAR_DOT_FIRST = re.compile(rf"(?P<year>{_YEAR})(?:\.|\s*m\.)\s+(?P<mon>{_MON_ANY})\s+(?P<day>\d\d?)(?:\.|\s*d\.)(?!\d)|"
                                rf"(?P<year2>{_YEAR})\.\s+gada\s+(?P<day2>\d\d?)\.\s+(?P<mon2>{_MON_ANY})")
# a translator's year-first date ("2021 year 29 June", "2021 year July 19", "2021 year 8 month 14 day")
_RE_YEAR_FIRST = re.compile(rf"(?P<year>{_YEAR})\s*year,?\s+(?:(?P<day>{_DAY})\s+(?P<mon>{_MON})|(?P<mon2>{_MON})\s+"
                            rf"(?P<day2>{_DAY})|(?P<m>\d\d?)\s*month\s+(?P<d>\d\d?)\s*day\b)")
_RE_ISO = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)(?!\d|[-/.]\d)")
_RE_NUMERIC = re.compile(r"(?P<a>\d\d?)(?P<sep>[-/.])(?P<b>\d\d?)(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d|[-/.]\d)")
_RE_MD_RANGE = re.compile(
    rf"(?P<mon>{_MON})\s*(?P<d1>{_DAY})\s*(?P<dash>{_DASH})\s*(?:(?P<mon2>{_MON})\s*)?(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?"
)
_RE_DM_RANGE = re.compile(
    rf"(?P<d1>{_DAY})(?:\s+(?:of\s+)?(?P<mon1>{_MON}))?\s*(?P<dash>{_DASH})\s*(?:{_WD},?\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?"
    rf"(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?"
)
_RE_MONTH_DAY = re.compile(rf"(?P<mon>{_MON})\s*(?P<day>{_DAY})")
_RE_MONTH_PART = re.compile(rf"(?P<mon>{_MON_STRICT})(?:,?\s+(?P<year>{_YEAR}))?(?!\s*\d)")
_RE_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON}),?\s+(?P<year>{_YEAR})(?![-–/]\d)")
_RE_BARE_MONTH = re.compile(
    rf"(?P<mon>{_MON_STRICT})(?:\s*(?:-|–|and|to|or|through|until)\s*(?P<mon2>{_MON_STRICT}))?(?!\s*\d)"
)
_RE_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)(?!\d|,\d|\.\d|\s*[-–/]\s*\d|\s*%|\s*percent)")
_RE_CALENDAR = re.compile(r"(?:this|last|next)\s+(?:week|month|year)\b|(?:in\s+)?the\s+(?:week|month|year)\b|mid-?week\b")
_RE_WEEKEND = re.compile(r"weekend\b")
_RE_PAST = re.compile(
    rf"(?P<pl>past|last)\s+(?:(?P<n>\d{{1,3}}|{_NUM_WORDS})\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b"
)
_RE_RECENT = re.compile(r"recent\s+(?P<unit>days|weeks|months)\b")
_RE_AGO = re.compile(r"(?P<unit>days?|weeks?|fortnights?|months?|years?)\s+ago\b")
_RE_HIJRI = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + "|".join(sorted(_HIJRI_MONTHS, key=len, reverse=True))
                       + r")(?:\s*,?\s*(?P<y>1[34]\d\d))?\b", re.I)  # ("on 10 Saratan": the year of publication)
# "on the 3rd": a day of the month with no month named (a month after it is another form)
_RE_ORDINAL_DAY = re.compile(rf"(?<=\bon\s)the\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON})")
_RE_DAY_WORD = re.compile(
    r"(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening|night))?"
    r"|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|today|tonight|last\s+night"
    r"|overnight(?!\s+(?:(?:on|into|to)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"|this\s+(?:morning|afternoon|evening))\b"
)
_RE_WEEKDAY = re.compile(
    rf"(?P<wd>{_WD})\b(?:\s+(?P<tod>morning|afternoon|evening|night)\b)?"
    r"(?:\s+(?:of\s+)?(?P<wk>last|this|next)\s+week\b)?"
    rf"(?:,?\s+the\s+(?P<od>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON}))?"  # ("on Thursday the 8th")
)

_DIGIT_BAD = "0123456789.,/:-"
_RECOGNIZERS: tuple[_Recognizer, ...] = (
    _Recognizer("full_mdy", _RE_FULL_MDY, _h_full_mdy, needs_all="md"),
    _Recognizer("full_dmy", _RE_FULL_DMY, _h_full_dmy, needs_all="md", bad_before=_DIGIT_BAD),
    _Recognizer("foreign_mdy", _RE_FOREIGN_MDY, _h_full_mdy, needs_all="dy"),
    _Recognizer("foreign_dmy", _RE_FOREIGN_DMY, _h_full_dmy, needs_all="dy", bad_before=_DIGIT_BAD),
    _Recognizer("dmy_hyphen", _RE_DMY_HYPHEN, _h_full_dmy, needs_all="dy", bad_before=_DIGIT_BAD),
    _Recognizer("year_dot_first", _RE_YEAR_DOT_FIRST, _h_year_dot_first, needs_all="dy", bad_before=_DIGIT_BAD),
    _Recognizer("numeric_spaced", _RE_NUMERIC_SPACED, _h_numeric, needs_all="dy", bad_before=_DIGIT_BAD),
    _Recognizer("year_first", _RE_YEAR_FIRST, _h_year_first, needs_all="dr", bad_before=_DIGIT_BAD),
    _Recognizer("iso", _RE_ISO, _h_iso, needs_all="d", bad_before=_DIGIT_BAD),
    _Recognizer("hijri", _RE_HIJRI, _h_hijri, needs_all="d", bad_before=_DIGIT_BAD),
    _Recognizer("numeric", _RE_NUMERIC, _h_numeric, needs_all="d", bad_before=_DIGIT_BAD),
    _Recognizer("md_range", _RE_MD_RANGE, _h_range, needs_all="md"),
    _Recognizer("dm_range", _RE_DM_RANGE, _h_range, needs_all="md", bad_before=_DIGIT_BAD),
    _Recognizer("month_day", _RE_MONTH_DAY, _h_month_day, needs_all="md"),
    _Recognizer("day_month", _RE_DAY_MONTH, _h_month_day, needs_all="md", bad_before=_DIGIT_BAD),
    _Recognizer("month_part", _RE_MONTH_PART, _h_month_part, needs_all="m"),
    _Recognizer("month_year", _RE_MONTH_YEAR, _h_month_year, needs_all="md"),
    _Recognizer("bare_month", _RE_BARE_MONTH, _h_bare_month, needs_all="m"),
    _Recognizer("calendar", _RE_CALENDAR, _h_calendar, needs_all="r"),
    _Recognizer("weekend", _RE_WEEKEND, _h_weekend, needs_all="r"),
    _Recognizer("past", _RE_PAST, _h_past, needs_all="r"),
    _Recognizer("recent", _RE_RECENT, _h_recent, needs_all="r"),
    _Recognizer("ago", _RE_AGO, _h_ago, needs_all="r"),
    _Recognizer("ordinal_day", _RE_ORDINAL_DAY, _h_ordinal_day, needs_all="d"),
    _Recognizer("day_word", _RE_DAY_WORD, _h_day_word, needs_all="r"),
    _Recognizer("weekday", _RE_WEEKDAY, _h_weekday, needs_all="w"),
    _Recognizer("feast", RE_FEAST, _h_feast, needs_all="e"),
    _Recognizer("year", _RE_YEAR, _h_year, needs_all="d", bad_before="0123456789.,/$£€"),
)
# each behind a lookahead for the characters its matches start with: the same matches, most positions passed over at once
_RECOGNIZERS = tuple(_Recognizer(r.name, start_guarded(r.regex), r.handler, r.needs_all, r.needs_any, r.bad_before)
                     for r in _RECOGNIZERS)

_EXPLICIT_FAMILIES = frozenset(
    {"full_mdy", "full_dmy", "foreign_mdy", "foreign_dmy", "dmy_hyphen", "year_dot_first", "numeric_spaced", "iso",
     "hijri", "numeric", "md_range", "dm_range", "month_day", "day_month", "month_year", "year"}
)
_EXPLICIT_KINDS = frozenset(
    {"full", "full_range", "md_range", "month_day", "named", "month_year", "ambiguous", "year"}
)


@dataclass(frozen=True)
class _Found:
    """A selected expression: its span, its hit, and the recognizer that found it."""

    start: int
    end: int
    order: int
    hit: _Hit


def _lower(text: str) -> str:
    """Lowercase a text keeping every character at its offset."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _scan(text: str, only: Optional[frozenset[str]] = None) -> tuple[str, list[_Found]]:
    """Find every temporal expression (of the named families), keeping the longest where they overlap."""
    if not isinstance(text, str) or not text:
        return "", []
    low = _lower(text)
    flags = {name for name, pattern in _TRIGGERS if pattern.search(low)}
    if not flags:
        return low, []
    candidates: list[_Found] = []
    for order, rec in enumerate(_RECOGNIZERS):
        if only is not None and rec.name not in only:
            continue
        if rec.needs_all and not all(f in flags for f in rec.needs_all):
            continue
        if rec.needs_any and not any(f in flags for f in rec.needs_any):
            continue
        for m in rec.regex.finditer(low):
            s = m.start()
            if s > 0 and (low[s - 1].isalnum() or low[s - 1] == "_" or low[s - 1] in rec.bad_before):
                continue
            try:
                hit = rec.handler(m, text)
            except (ValueError, OverflowError, KeyError, IndexError):
                hit = None
            if hit is not None and m.end() > s:
                start = hit.start if 0 <= hit.start <= s else s
                candidates.append(_Found(start, m.end(), order, hit))
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start, f.order))
    chosen: list[_Found] = []
    for cand in candidates:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda f: f.start)
    return low, _merge_weekdays(low, chosen)


_WEEKDAY_GAP = re.compile(r"\s*,?\s*\(?\s*\Z")
_CLOSING_PAREN = re.compile(r"\s*\)")


def _merge_weekdays(low: str, chosen: list[_Found]) -> list[_Found]:
    """Fold a weekday written beside a date ('Thursday (August 5)', '15 August 2021, Sunday', 'Wednesday, 16 Saratan')
    into the date."""
    out: list[_Found] = []
    for found in chosen:
        if out:
            prev = out[-1]
            kinds = {prev.hit.kind, found.hit.kind}
            dated = prev if prev.hit.kind != "weekday" else found
            gap = low[prev.end:found.start]
            if (
                "weekday" in kinds
                and (kinds & {"full", "month_day"} or _RE_HIJRI.fullmatch(low, dated.start, dated.end) is not None)
                and len(gap) <= 4
                and _WEEKDAY_GAP.match(gap)
                and _RE_WEEKDAY.fullmatch(low, *(prev.start, prev.end) if dated is found else (found.start, found.end))
            ):
                end = found.end
                if "(" in gap:
                    paren = _CLOSING_PAREN.match(low, end)
                    end = paren.end() if paren else end
                out[-1] = _Found(prev.start, end, dated.order, dated.hit)
                continue
        out.append(found)
    return out


def _apply_lead(lead: str, rng: Range, ctx: _Ctx) -> Optional[Range]:
    """Change a range by the word that introduces it ('since', 'by', 'before', 'after')."""
    low, high = rng
    if lead in ("since", "from"):
        if low is None:
            return None
        return low, ctx.last if ctx.last is not None and ctx.last >= low else None
    if lead in ("until", "till", "by", "as of"):
        return (None, high) if high is not None else None
    if lead == "before":
        return (None, low - timedelta(days=1)) if low is not None else None
    if lead == "after":
        if high is None:
            return None
        start = high + timedelta(days=1)
        return start, ctx.last if ctx.last is not None and ctx.last >= start else None
    return rng


def _context(published: Optional[date], precision: str) -> _Ctx:
    """Turn a publication date and its precision into the window of possible publication days."""
    if not isinstance(published, date):
        return _Ctx(None, None)
    if isinstance(published, datetime):
        published = published.date()
    p = (precision or "day").lower() if isinstance(precision, str) else "day"
    if p == "month":
        return _Ctx(*month_range(published))
    if p == "year":
        return _Ctx(date(published.year, 1, 1), date(published.year, 12, 31))
    return _Ctx(published, published)


_NO_LEAD = frozenset({"between", "of", "through"})


# the seven days on one side of a day ("in the week after 20 June", "the week to July 9")
_WEEK_LEAD = re.compile(r"\b(?:(?:in|during|over|within)\s+)?the\s+(?:week|seven\s+days|(?P<n>two|three|four|five|six|"
                        r"eight|nine|ten|\d{1,2})\s+days)\s+"  # ("in the five days up to Thursday")
                        r"(?P<lead>after|following|before|to|up\s+to|ending|leading\s+up\s+to)\s+(?:on\s+)?\Z")


# a count of days on one side of a day or a feast ("two days after August 6", "the day after Eid")
_DAYS_LEAD = re.compile(r"\b(?P<n>the|a|one|two|three|four|five|six|\d)\s+days?\s+(?P<lead>after|before)\s+(?:the\s+)?\Z")


def _week_of(lead: str, day: date, n: int = 7) -> Range:
    """The n days (a week unless told) after, before or up to a day, as a week lead names them."""
    if lead in ("after", "following"):
        return day + timedelta(days=1), day + timedelta(days=n)
    if lead == "before" or lead.startswith("leading"):
        return day - timedelta(days=n), day - timedelta(days=1)
    return day - timedelta(days=n - 1), day


def find_dates(text: str, published: Optional[date], precision: str = "day") -> list[DateMention]:
    """Return the temporal expressions in `text` as inclusive day ranges, sorted and non-overlapping."""
    ctx = _context(published, precision)
    low_text, found_all = _scan(text)
    mentions: list[DateMention] = []
    prev_end = 0
    for found in found_all:
        try:
            rng = found.hit.fn(ctx)
        except (ValueError, OverflowError):
            rng = None
        start = found.start
        if found.hit.day_level:
            mod = _MOD_BEFORE.search(low_text, max(prev_end, start - 30), start)
            if mod:
                start = mod.start()
        week = _WEEK_LEAD.search(low_text, max(prev_end, start - 48), start) if found.hit.day_level else None
        days = _DAYS_LEAD.search(low_text, max(prev_end, start - 24), start) if week is None else None
        lead = _LEAD_BEFORE.search(low_text, max(prev_end, start - 24), start) if week is None and days is None else None
        if week is not None and rng is not None and rng[0] is not None and rng[0] == rng[1]:
            n = small_number(week["n"])[0] if week["n"] else 7
            start, rng = week.start(), _week_of(week["lead"], rng[0], n or 7)  # "in the week after 20 June": 21-27 June
        elif days is not None and rng is not None and rng[0] is not None and rng[1] is not None:
            n = small_number(days["n"])[0]
            shift = timedelta(days=n if days["lead"] == "after" else -n)  # "two days after August 6", "the day after Eid"
            start, rng = days.start(), (rng[0] + shift, rng[1] + shift)
        elif lead and lead["lead"] not in _NO_LEAD:
            start = lead.start()
            if rng is not None:
                try:
                    rng = _apply_lead(" ".join(lead["lead"].split()), rng, ctx)
                except (ValueError, OverflowError):
                    rng = None
        prev_end = found.end
        if rng is None or (rng[0] is None and rng[1] is None):
            continue
        if rng[0] is not None and rng[1] is not None and rng[0] > rng[1]:
            continue
        mentions.append(DateMention(low=rng[0], high=rng[1], text=text[start:found.end], start=start, end=found.end))
    return _join_day_span(text, _join_coordinated_months(text, mentions))


_MONTH_AND = re.compile(r"\s+(?:and|or|to|through|-|–)\s+")


def _join_coordinated_months(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join two whole months named together ('in June and July 2021') into one range from the first to the second."""
    out: list[DateMention] = []
    for d in mentions:
        prev = out[-1] if out else None
        if prev is not None and _MONTH_AND.fullmatch(text, prev.end, d.start) and (
                (_whole_month(prev) and _whole_month(d)) or (_month_part(prev) and _month_part(d))) \
                and prev.low < d.low:  # type: ignore[operator]  # (also "in late June and early July")
            out[-1] = DateMention(low=prev.low, high=d.high, text=text[prev.start:d.end], start=prev.start, end=d.end)
            continue
        out.append(d)
    return out


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_SPAN_AND = re.compile(r"\s+(?:and|to|through|-|–)\s+(?:the\s+)?")
_NIGHT_TO = re.compile(r"\s+(?:to|into)\s+")
_FROM_DAY = re.compile(r"from\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_NIGHT_OF = re.compile(r"\bnight\s+(?:of|from)\s+", re.I)


def _join_day_span(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join two single days after 'between' ('between Friday and Sunday') into one range from the first to the
    second."""
    out: list[DateMention] = []
    for d in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.low is not None and prev.low == prev.high and d.low is not None and \
                d.low == d.high and prev.low < d.low and _SPAN_AND.fullmatch(text, prev.end, d.start) and \
                _BETWEEN.search(text, max(0, prev.start - 14), prev.start):
            out[-1] = DateMention(low=prev.low, high=d.high, text=text[prev.start:d.end], start=prev.start, end=d.end)
            continue
        if prev is not None and prev.low is not None and d.low is not None and d.low == d.high and \
                prev.low < d.low <= prev.low + timedelta(days=6) and _NIGHT_TO.fullmatch(text, prev.end, d.start) and \
                (_FROM_DAY.match(prev.text) or _NIGHT_OF.search(text, max(0, prev.start - 16), prev.end)):
            # "in the night from Monday to Tuesday", "on the night of Monday to Tuesday": the two days
            out[-1] = DateMention(low=prev.low, high=d.high, text=text[prev.start:d.end], start=prev.start, end=d.end)
            continue
        out.append(d)
    return out


def _month_part(d: DateMention) -> bool:
    """True when a date range is a part of one month a week or longer ('late June', 'early July', 'the first half')."""
    return d.low is not None and d.high is not None and (d.low.year, d.low.month) == (d.high.year, d.high.month) and \
        (d.high - d.low).days >= 6


def _whole_month(d: DateMention) -> bool:
    """True when a date range is one whole calendar month."""
    return d.low is not None and d.high is not None and d.low.day == 1 and d.low.month == d.high.month and \
        d.low.year == d.high.year and (d.high + timedelta(days=1)).day == 1


def find_full_dates(text: str) -> list[tuple[date, int, int]]:
    """Return the explicit dates with a year ('July 7, 2021', '7 July 2021', '2021-07-07') and their spans."""
    return [
        (f.hit.payload, f.start, f.end) for f in _scan(text)[1]
        if f.hit.kind == "full" and isinstance(f.hit.payload, date)
    ]


def find_month_days(text: str) -> list[tuple[int, int, int, int]]:
    """Return (month, day, start, end) for each month-day written without a year (both ends of a range)."""
    out: list[tuple[int, int, int, int]] = []
    for found in _scan(text)[1]:
        if found.hit.kind == "month_day":
            month, day = found.hit.payload  # type: ignore[misc]
            out.append((month, day, found.start, found.end))
        elif found.hit.kind == "md_range":
            for month, day in found.hit.payload:  # type: ignore[union-attr]
                out.append((month, day, found.start, found.end))
    return out


def explicit_date_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of written-out dates and years ('July 7', '7 July 2021', 'July 5-7', 'in 2001')."""
    return [(f.start, f.end) for f in _scan(text, _EXPLICIT_FAMILIES)[1] if f.hit.kind in _EXPLICIT_KINDS]


_HEADER_ISO = re.compile(
    r"^\s*(?:date\s*[:=]?\s*)?(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?(?:[T\s].*)?$",
    re.IGNORECASE | re.DOTALL,
)
_HEADER_WORD = re.compile(r"^\s*date\s*[:=]?\s*", re.IGNORECASE)


def parse_header_date(s: str) -> Optional[tuple[date, str]]:
    """Read a header date ('2021-07-10' -> day, '2021-08' -> month, '2021' -> year) with its precision."""
    if not isinstance(s, str):
        return None
    m = _HEADER_ISO.match(s.strip())
    if m:
        year = int(m["year"])
        if not 1900 <= year <= 2100:
            return None
        if m["day"] is not None:
            d = _safe_date(year, int(m["month"]), int(m["day"]))
            return (d, "day") if d else None
        if m["month"] is not None:
            d = _safe_date(year, int(m["month"]), 1)
            return (d, "month") if d else None
        return date(year, 1, 1), "year"
    stripped = _HEADER_WORD.sub("", s).strip()
    full = find_full_dates(stripped)
    if len(full) == 1 and full[0][1] == 0 and full[0][2] >= len(stripped.rstrip(".")):
        return full[0][0], "day"
    return None
