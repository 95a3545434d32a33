"""Corpus-level passes on compact per-article records: publication dates for undated articles and banner lines.

These passes never see article texts: each article contributes a few month-days read from its
text by the worker that extracted it (`dating_month_days`), its standalone short lines
(`standalone_lines`; in memory only their 8-byte digests, the lines themselves are read back from
disk for the few digests found in enough articles), and its fingerprint for near-duplicates.
Reading dates from the corpus:

- A near-duplicate of a dated article takes that article's publication date and precision.
- Otherwise the month-day of its dateline ("KABUL, Aug 13 (Reuters) -"), in the corpus year.
- Otherwise the latest month-day the article itself reports, in the corpus year. Month-days tied to
  a reporting verb or a weekday ("said on Friday (July 9)", "told AFP on July 9") are preferred;
  then month-days that date something ("on July 7", "by July 7"); a month-day inside a clause about
  another, earlier event ("since the offensive began on 1 June", "after the talks stalled on July 2",
  "when ... on July 3") or that only bounds the story below ("nine capitals since 5 August") is not used:
  with nothing else there the article stays undated.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

import numpy as np

from analysis.extract import dates
from analysis.extract.datepick import _DATELINE_PREFIX
from analysis.extract.clauses import Background, background_clauses
from analysis.ingest import cleaning
from analysis.records import Article, CorpusRecord, Mention

BANNER_MIN_SOURCES = 4  # a standalone line in this many independent articles is corpus boilerplate
MAX_LINE_WORDS = 30

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_REPORTING = (
    r"(?:said|says|told|tweeted|announced|confirmed|reported|stated|added|claimed|denied|wrote|posted|"
    r"declared|insisted|warned|acknowledged|briefed|explained|noted)"
)
# "said on Friday (July 9)", "said on July 9", "told reporters on Friday, July 9", "on Friday, July 9"
_REPORTED_BEFORE = re.compile(
    rf"(?:\b{_REPORTING}\b[^.;:]{{0,40}}?\bon\s+(?:{_WEEKDAY}\s*[,(]?\s*)?|\b{_WEEKDAY}\s*[,(]\s*(?:the\s+)?)$",
    re.I,
)
_REPORTED_AFTER = re.compile(rf"^\)?\s*,?\s*(?:{_REPORTING})\b", re.I)
_ANCHOR = re.compile(
    r"\b(?:on|late on|early on|by|on the (?:morning|afternoon|evening|night) of)\s+$", re.I
)
# Words before a month-day that make it another event's date (or a deadline ahead: "due to complete its
# withdrawal by August 31", "the attacks of September 11") even outside a since/after/when clause
# (those clauses are found by extraction's own reader, analysis.extract.clauses).
_BACKGROUND_CUE = re.compile(
    r"\b(?:began|launched|started|stalled|as\s+early\s+as|back\s+in|earlier\s+in|anniversary|deadline|"
    r"due\s+to|scheduled|expected\s+to|set\s+to|withdraw\w*|pull\w*\s+out|attacks?\s+of)\b"
    r"[^.;]{0,60}$",
    re.I,
)

# "since 5 August": a bound below what the article reports, not a day it reports
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)

# an age stamp an aggregator prints under a card ("3 hours ago"; "old": a week or more, "5 weeks ago", "12 days ago"):
# at the end of its line, after a separator or alone; not "Two weeks ago, the district fell"
_AGE_STAMP = re.compile(r"(?m)(?:^|[·|•\-–—,]\s*|\s{2,}|\b(?:posted|updated|published)\s+)(?:(?P<old>(?:\d+|a|an|one|two|three|four|"
                        r"five|six|seven|eight|nine|ten)\s+(?:weeks?|months?)|(?:[7-9]|[1-9]\d)\s+days)|(?:\d+|a|an|one|two|three|"
                        r"four|five|six)\s+(?:minutes?|mins?|hours?|hrs?|days?))\s+ago[ \t]*(?:<|$)", re.I)

RANK_REPORTED, RANK_ANCHORED, RANK_PLAIN, RANK_BACKGROUND = 3, 2, 1, 0
# a line that is a place and a date only: "Qala-e-Naw, Thursday, 8 July", "Sunday 15 August"
_DATE_LINE_ONLY = re.compile(r"(?m)^[ \t]*(?:[A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*){0,3},?[ \t]+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|"
                             r"Satur|Sun)day,?[ \t]+)?(?:\d{1,2}[ \t]+[A-Z][a-z]+|[A-Z][a-z]+\.?[ \t]+\d{1,2})[ \t]*$")
_ENTRY_AFTER = re.compile(r"\s*(?:,\s*\d{4}\s*)?(?:[-–—:|]|--)\s*\S")


@dataclass(frozen=True)
class CorpusDate:
    """A publication date found by a corpus pass for an article that had none, and why."""

    published: date
    precision: str
    note: str


def _rank(text: str, start: int, end: int, background: Sequence[Background]) -> int:
    """How strongly a month-day at [start, end) of a sentence dates the article's own reporting."""
    before = text[max(0, start - 80) : start]
    if _REPORTED_BEFORE.search(before) or _REPORTED_AFTER.match(text[end : end + 30]):
        return RANK_REPORTED
    if any(b.start <= start and end <= b.end for b in background) or _BACKGROUND_CUE.search(before) or \
            _SINCE_BEFORE.search(before[-12:]):
        return RANK_BACKGROUND
    if _ANCHOR.search(before[-40:]):
        return RANK_ANCHORED
    if not before.strip(" \t*•·-–—|") and _ENTRY_AFTER.match(text, end):
        return RANK_ANCHORED  # a timeline line: "Aug 12 - Ghazni, Herat"
    return RANK_PLAIN


def dating_month_days(article: Article) -> tuple[tuple[int, int], ...]:
    """Year-less month-days of the best kind an undated article offers (see the module docstring), in text order."""
    previous_end = 0
    for first in article.sentences[:6]:  # a dateline's own day ("KABUL, Aug 13 (Reuters) -"), under a headline or not,
        line_start = article.text.rfind("\n", 0, first.start) + 1  # dates the story before anything else
        in_dateline = dates.find_month_days(article.text[line_start:first.start]) \
            if first.start > line_start >= previous_end else []  # (what opens the line, no sentence before it)
        date_line = _DATE_LINE_ONLY.search(article.text, previous_end, line_start) \
            if not in_dateline and line_start > previous_end else None
        if date_line is not None:  # a date line of its own above the sentence: "Qala-e-Naw, Thursday, 8 July"
            in_dateline = dates.find_month_days(date_line.group(0))
        if not in_dateline:  # a dateline opening the sentence itself: "HERAT, Afghanistan, July 9 (ATD) - Taliban ..."
            opening = _DATELINE_PREFIX.match(article.text[first.start:first.end])
            in_dateline = dates.find_month_days(opening.group(0)) if opening is not None else []
        previous_end = first.end
        if in_dateline:
            return tuple((int(month), int(day)) for month, day, _, _ in in_dateline[:1])
    stamps = [(m.start(), bool(m.group("old"))) for m in _AGE_STAMP.finditer(article.text)] if " ago" in article.text else []
    best = -1
    found: list[tuple[int, int]] = []
    for sentence in article.sentences:
        at = bisect.bisect_left(stamps, (sentence.end, False)) if stamps else 0
        if at < len(stamps) and stamps[at][1]:
            continue  # a card stamped "5 weeks ago" on a page of cards: the days it reports are weeks older than the page
        text = article.text[sentence.start : sentence.end]
        month_days = dates.find_month_days(text)
        background = background_clauses(text, [(start, end) for _, _, start, end in month_days]) if month_days else []
        for month, day, start, end in month_days:
            rank = _rank(text, start, end, background)
            if rank == RANK_BACKGROUND:
                continue  # ("AGEs have taken nine capitals since 5 August": a bound below, no day of its own reporting)
            if rank > best:
                best, found = rank, []
            if rank == best:
                found.append((int(month), int(day)))
    return tuple(found)


def standalone_lines(article: Article, mentions: Sequence[Mention]) -> tuple[tuple[str, str], ...]:
    """(mention_id, line key) for mentions whose sentence is a whole short line (a possible banner)."""
    out = []
    text = article.text
    for m in mentions:
        line_start = text.rfind("\n", 0, m.char_start) + 1
        line_end = text.find("\n", m.char_end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if line.strip() == m.sentence.strip() and len(line.split()) <= MAX_LINE_WORDS:
            out.append((m.mention_id, cleaning.line_key(line)))
    return tuple(out)


def line_digest(key: str) -> bytes:
    """An 8-byte digest of a line key: what a compact record keeps of each standalone line."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def line_digests(line_keys: Iterable[tuple[str, str]]) -> bytes:
    """The digests of an article's standalone lines' keys, one after another."""
    return b"".join(line_digest(key) for _, key in line_keys)


def banner_candidates(records: Iterable[CorpusRecord], sources: Mapping[str, str],
                      min_sources: int = BANNER_MIN_SOURCES) -> frozenset[int]:
    """Line-key digests (as integers) standing alone in at least `min_sources` independent articles.

    Every banner line's digest is among them (two lines sharing a digest only add sources), so
    banner_lines needs to count only the lines with these digests.
    """
    source_ids: dict[str, int] = {}
    digests = bytearray()
    owners = array("q")
    for r in records:
        if r.line_digests:
            source = source_ids.setdefault(sources.get(r.article_id, r.article_id), len(source_ids))
            digests += r.line_digests
            owners.extend([source] * (len(r.line_digests) // 8))
    if not owners:
        return frozenset()
    keys, owner = np.frombuffer(bytes(digests), dtype="<u8"), np.frombuffer(owners, dtype=np.int64)
    order = np.lexsort((owner, keys))
    keys, owner = keys[order], owner[order]
    first = np.ones(len(keys), dtype=bool)  # each (digest, source) pair once
    first[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
    found, counts = np.unique(keys[first], return_counts=True)
    return frozenset(found[counts >= min_sources].tolist())


def banner_lines(lines: Iterable[tuple[str, Sequence[tuple[str, str]]]], sources: Mapping[str, str],
                 candidates: frozenset[int] | None = None, min_sources: int = BANNER_MIN_SOURCES) -> frozenset[str]:
    """Line keys that stand alone in at least `min_sources` independent articles: corpus boilerplate.

    `lines` gives each article's id and standalone lines; with `candidates` (see banner_candidates)
    only lines whose digest is one of them are counted.
    """
    seen: dict[str, set[str]] = {}
    for article_id, line_keys in lines:
        source = sources.get(article_id, article_id)
        for _, key in line_keys:
            if candidates is not None and int.from_bytes(line_digest(key), "little") not in candidates:
                continue
            seen.setdefault(key, set()).add(source)
    return frozenset(k for k, found in seen.items() if len(found) >= min_sources)


def corpus_year(articles: Iterable[Article | CorpusRecord]) -> int | None:
    """Return the most common publication year among dated articles (latest on ties)."""
    years = Counter(a.published.year for a in articles if a.published)
    if not years:
        return None
    return max(years.items(), key=lambda item: (item[1], item[0]))[0]


def first_publication(articles: Iterable[Article | CorpusRecord]) -> date | None:
    """The earliest publication date among dated articles (None when none is dated)."""
    return min((a.published for a in articles if a.published), default=None)


def _from_month_days(month_days: Sequence[tuple[int, int]], year: int) -> date | None:
    """The latest valid day among month-days in a year."""
    days = []
    for month, day in month_days:
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue
    return max(days) if days else None


def date_undated(records: Sequence[CorpusRecord], duplicates: Mapping[str, str]) -> dict[str, CorpusDate]:
    """Publication dates for readable undated articles: from the dated copy of the same story, else the corpus year."""
    by_id = {r.article_id: r for r in records}
    group_dates: dict[str, CorpusRecord] = {}
    for a in sorted(records, key=lambda r: r.article_id):
        if a.published is not None and a.status.startswith("ok"):
            group = duplicates.get(a.article_id, a.article_id)
            group_dates.setdefault(group, a)
    year = corpus_year(by_id.values())
    del by_id
    out: dict[str, CorpusDate] = {}
    for a in records:
        if a.published is not None or not a.status.startswith("ok"):
            continue
        group = duplicates.get(a.article_id, a.article_id)
        dated = group_dates.get(group)
        if dated is not None and dated.published is not None:
            out[a.article_id] = CorpusDate(
                dated.published, dated.published_precision or "day",
                f"publication date taken from {dated.article_id}, a copy of the same story",
            )
            continue
        if year is None or not a.month_days:
            continue
        day = _from_month_days(a.month_days, year)
        if day is not None:
            out[a.article_id] = CorpusDate(
                day, "day", f"publication date inferred from the corpus: the dateline's day, else the latest day the text reports, with the corpus year {year}"
            )
    return out


def undated_warning(article: Article) -> Article:
    """The article with a 'no date found' warning (once), for an article no pass could date."""
    from dataclasses import replace

    if any("no date" in w for w in article.warnings):
        return article
    return replace(article, warnings=article.warnings + ("no date found",))
