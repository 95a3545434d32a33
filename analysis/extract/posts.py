"""Stamped posts: the day of each message of a channel export, a thread or a live page whose entries carry a full
date and time ("Emirate Voice, [26.06.2021 07:48]" above a message, "7:42 AM · Jul 14, 2021" below a post), so that
"today", "this morning" or "last night" in a message count from the message's day, not the page's."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Sequence

_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for m in names.split()}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|am|pm|a\.m\.|p\.m\.))?"
# a sentence that is only a stamp, perhaps after the poster's name: the date and a time of day, both
_STAMP = re.compile(
    r"\W*(?:[^\[\]\n]{0,80}?[,\s])?(?:"
    rf"\[(?P<d1>\d{{1,2}})[./](?P<m1>\d{{1,2}})[./](?P<y1>\d{{4}})[ ,T]+{_TIME}(?:\s*[A-Z]{{2,5}})?\]|"  # [26.06.2021 07:48]
    rf"(?P<y2>\d{{4}})-(?P<m2>\d{{2}})-(?P<d2>\d{{2}})[ T]{_TIME}(?:\s*(?:UTC|GMT|[A-Z]{{3,4}}))?|"  # 2021-06-26 07:48
    rf"{_TIME}\s*[·•|\-–—,]\s*{_MON}\s+(?P<d3>\d{{1,2}}),?\s+(?P<y3>\d{{4}})|"  # 7:42 AM · Jul 14, 2021
    rf"(?P<d4>\d{{1,2}})\s+(?P<mon4>[A-Za-z]{{3,9}})\.?\s+(?P<y4>\d{{4}}),?\s+(?:at\s+)?{_TIME}|"  # 14 July 2021, 07:42
    rf"(?P<mon5>[A-Za-z]{{3,9}})\.?\s+(?P<d5>\d{{1,2}}),?\s+(?P<y5>\d{{4}}),?\s+(?:at\s+)?{_TIME}"  # July 14, 2021 at 7:42
    r")(?P<tail>(?:\s*\([^()\n]{1,30}\))?"  # (a time zone in brackets: "1 July 2021, 07:45 (Kabul time)")
    r"(?:\s+[A-Z][A-Z0-9 /|&\-]{0,60})?"  # (a log entry's category: "[04.07.2021 08:05 AFT] BADAKHSHAN | SECURITY")
    r"(?:[*_]*\s*[·•|]\s*[^\n·•|]{1,40}){0,3})\W*")  # (a saved item's source and section: "... 21:30 · Kabul Daily Mirror · World")
# a numbered post opening ("1/", "**1/**"): the posts of a thread, each with its stamp under it
_NUMBERED_POST = re.compile(r"\W*1\s*/")
HISTORY_DAYS = 120  # a stamp further back than this from the page's day is not a post of this page


def read_stamp(sentence: str) -> tuple[date | None, int]:
    """The day of a sentence that is only a post's stamp (a date with a time of day), else None, and where what follows
    the date and time begins (a time zone, a category, a source: "07:45 (Kabul time)", "21:30 · Kabul Daily Mirror"),
    whose places are none of the sentence's (the sentence's length when it is no stamp)."""
    stripped = sentence.strip()
    m = _STAMP.fullmatch(stripped)
    if m is None:
        return None, len(sentence)
    tail = m.start("tail") + (len(sentence) - len(sentence.lstrip()))
    g = m.groupdict()
    try:
        if g["d1"]:
            return date(int(g["y1"]), int(g["m1"]), int(g["d1"])), tail
        if g["y2"]:
            return date(int(g["y2"]), int(g["m2"]), int(g["d2"])), tail
        for d, mon, y in (("d3", "mon", "y3"), ("d4", "mon4", "y4"), ("d5", "mon5", "y5")):
            if g[d]:
                month = _MONTHS.get(g[mon].lower())
                return (date(int(g[y]), month, int(g[d])) if month else None), tail
    except ValueError:
        return None, tail
    return None, tail


def stamp_day(sentence: str) -> date | None:
    """The day of a sentence that is only a post's stamp (a date with a time of day), else None."""
    return read_stamp(sentence)[0]


def post_days(stamps: Sequence[tuple[int, date]], sentences: Sequence[str], published: date | None) -> dict[int, date]:
    """The day of each sentence that belongs to a stamped post, by sentence index, from the stamps found between the
    sentences (`(k, day)`: a stamp standing right before sentence k). Two stamps at least; stamps after the page's day
    or long before it are ignored. A stamp heads the message below it, or, in a thread of numbered posts, closes the
    post above it."""
    if published is None:
        return {}
    kept = [(k, day) for k, day in stamps if 0 <= (published - day).days <= HISTORY_DAYS]
    if len(kept) < 2:
        return {}
    trailing = any(_NUMBERED_POST.match(t) for t in sentences[:kept[0][0]])
    out: dict[int, date] = {}
    for n, (at, day) in enumerate(kept):
        if trailing:
            lo, hi = (kept[n - 1][0] if n else 0), at
        else:
            lo, hi = at, (kept[n + 1][0] if n + 1 < len(kept) else len(sentences))
        for j in range(lo, hi):
            out[j] = day
    return out



def section_days(heads: Sequence[tuple[int, date | None, bool]], n: int, published: date | None) -> dict[int, date]:
    """The day of each sentence under a dated section heading of a day-by-day page ("Friday 13 August: the centre"
    as a line above its paragraphs), by sentence index, from the page's heading lines in order: `(k, day, own)` for
    a heading standing before sentence k (`own`: sentence k is the heading line itself), `day` the one day it names
    or None. A section runs to the next heading line. Two dated sections of different days at least; days after the
    page's or long before it are ignored."""
    if published is None:
        return {}
    out: dict[int, date] = {}
    for m, (k, day, own) in enumerate(heads):
        end = heads[m + 1][0] if m + 1 < len(heads) else n
        if day is None or not 0 <= (published - day).days <= HISTORY_DAYS or end <= k + own:
            continue
        for j in range(k, end):
            out[j] = day
    return out if len(set(out.values())) >= 2 else {}


# a signature closing a post on its line, as a talk page or a forum prints it ("... Fixing it. -- Amu_boatman (talk)
# 16:20, 11 August 2021 (UTC)"): a dash, a name, then a time of day and a full date
_SIGNATURE = re.compile(rf"(?m)(?:[—–]|--)\s*[^\n—–]{{1,80}}?\b{_TIME},?\s+(?P<d>\d{{1,2}})\s+{_MON}\s+(?P<y>\d{{4}})"
                        r"\s*(?:\((?:UTC|GMT)\))?[ \t]*$")


def signature_start(sentence: str) -> int:
    """Where a post's closing signature starts in a sentence ("... -- Name (talk) 16:20, 11 August 2021 (UTC)"), else -1."""
    if "—" not in sentence and "–" not in sentence and "--" not in sentence:
        return -1
    m = _SIGNATURE.search(sentence)
    return m.start() if m is not None else -1


def signed_days(text: str, spans: Sequence[tuple[int, int]], published: date | None) -> dict[int, date]:
    """The day of each sentence (by index, from its (start, end) in `text`) whose line a post's signature closes
    ("-- Name (talk) 16:20, 11 August 2021 (UTC)"); two signatures at least, days after the page's or long before it
    ignored."""
    if published is None or "\n" not in text:
        return {}
    signed: list[tuple[int, date]] = []
    for m in _SIGNATURE.finditer(text):
        month = _MONTHS.get(m["mon"].lower())
        try:
            day = date(int(m["y"]), month, int(m["d"])) if month else None
        except ValueError:
            day = None
        if day is not None and 0 <= (published - day).days <= HISTORY_DAYS:
            signed.append((m.start(), day))
    if len(signed) < 2:
        return {}
    starts = [at for at, _ in signed]
    out: dict[int, date] = {}
    for k, (start, end) in enumerate(spans):
        n = bisect.bisect_left(starts, start)  # (a signature read as a sentence of its own is its post's)
        if n < len(signed) and "\n" not in text[start:signed[n][0]]:
            out[k] = signed[n][1]
    return out
