"""Merge event mentions across sentences and articles into real-world events.

Rules (docs/EVENTS.md):
- Only mentions asserted as fact (modality empty or "asserted") form or join events, and denials
  (modality "negated", stance denied) mark them disputed; speculative, conditional, future or past
  (history) ones stay in mentions.csv only.
- Mentions group by event type and place (troops_fled: destination, else place); a counted
  district mention (place = province) never merges with a named district, and counted mentions
  keep apart by kind of quantity (a number, "all", "most"), except that an "all"/"most" mention
  joins a numbered cluster of the same province that holds a mention of its own article and
  whose dates overlap its own (one article describing one sweep twice).
- Within a group, mentions with a closed date range are clustered so that every cluster's ranges
  share at least one day (greedy interval stabbing on the sorted ranges); the event's range is
  the intersection. Entries into one city weeks apart therefore stay two events.
- A mention open below (no date expression, dated only by publication) joins the most recent
  cluster that starts on or before its upper bound, if that cluster ends no more than
  OPEN_JOIN_DAYS before the article's earliest possible publication day: the upper bound itself
  for a day-precise article, the first of the month for an article dated only to the month
  (`precisions`; when not given, an open upper bound on a month's last day is read as such).
  It never joins an exact-day cluster more than CONFLICT_DAYS before its publication whose outcome
  contradicts its own (a city that "fell", said a week after a dated repulse, is another event).
  Otherwise open mentions chain with those published within OPEN_JOIN_DAYS of the chain's first
  (range open below, upper bound the earliest).
- An undated mention (no upper bound: its article has no publication date) joins the latest dated
  event of its group, else none; events.csv holds only events with at least an upper bound.
- One sentence giving two exact counts ("300 flew in and 70 more walked across") keeps two events.
- "all districts" and "all six districts" of a province are one kind of quantity ("all").
- A capital's fall dated by a weekday alone ("fell on Friday", read as the latest Friday before
  publication) that no other article dates joins a fall of the same capital explicitly dated on
  that weekday one or two weeks earlier: the page looked back further than a week.
- Everything is sorted once and swept: O(m log m) in the number of mentions.
- Counts: the intersection of the reported ranges when they agree (narrowest consistent reading),
  else their union (conflicting reports give the honest widest range). Open upper bounds stay open.
  A cumulative figure (count_qualifier "total", or a mention whose date range is far wider than
  the others', such as "a total of 1,600 in three weeks") is left out of the count when reports
  of the single event give one.
- Outcome (capital_entered): the latest DATED evidence decides. Mentions with a closed date range
  are ranked by upper bound, then lower bound; an undated mention (open below, dated only by its
  article's publication) counts only when no dated mention tells an outcome, so "operations to
  retake the city" said on Monday does not undo a dated "fell on Sunday". Among equally late
  statements the outcome told by more articles wins, then repelled > fell > contested.
- An open flight never joins a cluster of flights from other provinces (to the same country), and
  a denial with a count never joins a cluster whose counts all differ from it ("denied reports that
  hundreds had also crossed" disputes nothing about the 46 who crossed).
- Status: disputed when the cluster has a denied mention next to an asserted one; a cluster with
  only denials is dropped (nobody reports the event). A denial is open below whatever day it names
  (the event had not happened by then), so one dated a day after the claim joins it, and it never
  narrows the event's dates.
- n_articles counts articles; n_sources counts independent sources (a republished copy mapped to
  its original by `sources` adds no corroboration).
- event_id is derived from the type, the place (id or destination) and the earliest supporting
  mention id, so it is stable across runs, input order, and articles about other events.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Mapping, Sequence, Union

from analysis.records import OUTCOME_RANK as _OUTCOME_RANK, Event, Mention

OPEN_JOIN_DAYS = 14
CONFLICT_DAYS = 3  # an open mention more than this many days after an exact-day event with the opposite outcome stays apart
WIDE_RANGE_DAYS = 7  # a counted mention spanning more days than this (and 3x the narrowest) is cumulative
_CUMULATIVE = frozenset({"total", "cumulative", "aggregate"})
_TYPE_PREFIX = {"district_seized": "ds", "capital_entered": "ce", "troops_fled": "tf"}


@dataclass(frozen=True, slots=True)
class MergeMention:
    """What the merge reads of a mention: no sentence, its kind of quantity worked out, its row in the mentions table."""

    row: int
    mention_id: str
    article_id: str
    event_type: str
    place: str
    place_type: str
    province: str
    destination: str
    date_low: date | None
    date_high: date | None
    count_low: int | None
    count_high: int | None
    count_text: str
    outcome: str
    claimant: str
    stance: str
    char_start: int
    place_id: str
    latitude: float | None
    longitude: float | None
    count_qualifier: str
    modality: str
    count_kind: str
    weekday_only: bool = False  # dated by a weekday alone ("on Friday"), read as the latest before publication


AnyMention = Union[Mention, MergeMention]
MERGE_FIELDS: tuple[str, ...] = tuple(f for f in MergeMention.__dataclass_fields__
                                      if f not in ("row", "count_kind", "weekday_only"))
# a date told by a weekday alone: "on Friday", "late on Sunday night", "Tuesday morning"
_WEEKDAY_ONLY = re.compile(r"\s*(?:(?:on|late\s+on|early\s+on|by)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)(?:\s+(?:morning|afternoon|evening|night))?\s*", re.I)
REANCHOR_WEEKS = (1, 2)  # a weekday-only day may be this many weeks before the day it was read as


def weekday_only(date_text: str) -> bool:
    """Whether a mention's date was told by a weekday alone."""
    return bool(date_text) and _WEEKDAY_ONLY.fullmatch(date_text) is not None


def _slug(text: str) -> str:
    """Lowercase ASCII slug of a place name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def count_kind(event_type: str, place_type: str, count_text: str, count_qualifier: str,
               counted: bool, sentence: str) -> str:
    """Kind of quantity of a counted district mention: n, all, most ('' for others)."""
    if event_type != "district_seized" or place_type != "province":
        return ""
    text = (count_text or "").lower()
    if count_qualifier == "all" or (text and re.search(r"\ball\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?" + re.escape(text),
                                                        sentence or "", re.I)):
        return "all"  # "all districts" and "all six districts" of a province are one sweep
    if counted:
        return "n"
    if text.startswith("most"):
        return "most"
    return "all"


def _count_kind(m: AnyMention) -> str:
    """Kind of quantity of a counted district mention: n, all, most ('' for others)."""
    if isinstance(m, MergeMention):
        return m.count_kind
    return count_kind(m.event_type, m.place_type, m.count_text, m.count_qualifier,
                      m.count_low is not None or m.count_high is not None, m.sentence)


def merge_mention(m: Mention, row: int = 0) -> MergeMention:
    """The merge's compact record of a mention (its sentence left out)."""
    return MergeMention(row, *(getattr(m, f) for f in MERGE_FIELDS), count_kind=_count_kind(m),
                        weekday_only=weekday_only(m.date_text))


def _is_weekday_only(m: AnyMention) -> bool:
    """Whether a mention (or its merge record) was dated by a weekday alone."""
    return m.weekday_only if isinstance(m, MergeMention) else weekday_only(m.date_text)


def reanchor_weekdays(mentions: Sequence[AnyMention]) -> list[AnyMention]:
    """One place's mentions, a capital's fall dated by a weekday alone that no other article dates moved to the same
    weekday one or two weeks earlier when an explicitly dated fall is there: a page looking back more than a week
    ("Zaranj fell on Friday", written on 16 August) meant that earlier day."""
    if not mentions or mentions[0].event_type != "capital_entered":
        return list(mentions)  # (flights to one country and districts lost again are often a week apart)
    exact = [m for m in mentions if m.date_low is not None and m.date_low == m.date_high and m.stance != "denied"]
    loose = [m for m in exact if _is_weekday_only(m) and m.outcome == "fell"]  # (entries driven out recur weekly)
    if not loose or len(loose) == len(exact):
        return list(mentions)
    explicit = {(m.date_low, m.outcome) for m in exact if not _is_weekday_only(m)}
    articles_on: dict[date, set[str]] = {}
    for m in exact:
        articles_on.setdefault(m.date_low, set()).add(m.article_id)  # type: ignore[arg-type]
    moved: dict[int, AnyMention] = {}
    for m in loose:
        day = m.date_low
        if (day, m.outcome) in explicit or articles_on[day] - {m.article_id}:  # type: ignore[index]
            continue  # another article tells of that very day
        earlier = next((day - timedelta(weeks=k) for k in REANCHOR_WEEKS  # type: ignore[operator]
                        if (day - timedelta(weeks=k), m.outcome) in explicit), None)  # type: ignore[operator]
        if earlier is not None:
            moved[id(m)] = replace(m, date_low=earlier, date_high=earlier)
    return [moved.get(id(m), m) for m in mentions]


def group_key(m: AnyMention) -> tuple[str, str, str, str]:
    """The key mentions must share to describe one event."""
    if m.event_type == "troops_fled" and m.destination:
        return (m.event_type, "country", m.destination.lower(), "")
    return (m.event_type, m.place_type, (m.place_id or m.place).lower(), _count_kind(m))


def _range(m: Mention) -> tuple[date | None, date | None]:
    """A mention's date range with its ends in order."""
    lo, hi = m.date_low, m.date_high
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return lo, hi


def _month_end(d: date) -> bool:
    """True when `d` is the last day of its month."""
    return d.day == monthrange(d.year, d.month)[1]


def month_precision_articles(mentions: Sequence[Mention]) -> frozenset[str]:
    """Articles that look dated only to the month: every open mention ends on one month's last day."""
    highs: dict[str, set[date]] = {}
    for m in mentions:
        lo, hi = _range(m)
        if lo is None and hi is not None:
            highs.setdefault(m.article_id, set()).add(hi)
    return frozenset(a for a, hs in highs.items() if len(hs) == 1 and _month_end(next(iter(hs))))


def _earliest_publication(m: Mention, month_articles: frozenset[str]) -> date | None:
    """The earliest day an open mention's article can have been published (its upper bound, or the month's first)."""
    hi = _range(m)[1]
    if hi is not None and m.article_id in month_articles:
        return hi.replace(day=1)
    return hi


def _when_key(m: Mention) -> tuple[date, date, str]:
    """Sort key of a mention: upper bound, lower bound, id (open ends last and first)."""
    lo, hi = _range(m)
    return (hi or date.max, lo or date.min, m.mention_id)


def _closed_clusters(closed: Sequence[Mention]) -> tuple[list[list[Mention]], list[tuple[date, date]]]:
    """Greedy interval stabbing of closed ranges sorted by upper bound, in O(n log n).

    The earliest upper bound left is the stab; every mention left whose range starts on or before
    it joins that cluster. Mentions are taken in order of lower bound, so each is visited once.
    """
    n = len(closed)
    los = [_range(m)[0] for m in closed]
    his = [_range(m)[1] for m in closed]
    by_low = sorted(range(n), key=lambda i: (los[i], i))
    taken = [False] * n
    pointer = 0
    clusters: list[list[Mention]] = []
    bounds: list[tuple[date, date]] = []
    for i in range(n):
        if taken[i]:
            continue
        stab = his[i]
        members: list[int] = []
        while pointer < n and los[by_low[pointer]] <= stab:  # type: ignore[operator]
            j = by_low[pointer]
            pointer += 1
            taken[j] = True
            members.append(j)
        members.sort()
        clusters.append([closed[j] for j in members])
        bounds.append((max(los[j] for j in members), stab))  # type: ignore[type-var,arg-type]
    return clusters, bounds


def _conflicting(a: str, b: str) -> bool:
    """True when two outcomes contradict each other (the city fell / the attack was repelled)."""
    return {a, b} == {"fell", "repelled"}


def _counts_apart(m: Mention, cluster: Sequence[Mention]) -> bool:
    """True when a mention's count and every count the cluster gives cannot be the same number."""
    if m.count_low is None and m.count_high is None:
        return False
    lo, hi = m.count_low or 0, m.count_high if m.count_high is not None else 10 ** 9
    counted = [c for c in cluster if c.count_low is not None or c.count_high is not None]
    return bool(counted) and all((c.count_high if c.count_high is not None else 10 ** 9) < lo or (c.count_low or 0) > hi
                                 for c in counted)


def _provinces_apart(m: Mention, cluster: Sequence[Mention]) -> bool:
    """True when a mention and every mention of the cluster that names a province name different ones."""
    if not m.province:
        return False
    named = {c.province for c in cluster if c.province}
    return bool(named) and m.province not in named


def _join_open(
    open_: Sequence[Mention],
    clusters: list[list[Mention]],
    bounds: list[tuple[date, date]],
    month_articles: frozenset[str],
) -> list[Mention]:
    """Put each open-below mention into the latest-starting dated cluster it fits; return those that fit none.

    Clusters are searched from the latest start on or before the mention's upper bound downwards,
    and the search stops once no earlier cluster can end recently enough, so each mention looks
    at a few clusters only.
    """
    if not clusters:
        return list(open_)
    order = sorted(range(len(bounds)), key=lambda k: (bounds[k][0], -k))
    starts = [bounds[k][0] for k in order]
    widest = max((hi - lo).days for lo, hi in bounds)
    exact = [lo == hi for lo, hi in bounds]
    outcome_of = [merge_outcome(c) if c and c[0].event_type == "capital_entered" else "" for c in clusters]
    leftovers: list[Mention] = []
    window = timedelta(days=OPEN_JOIN_DAYS)
    for m in open_:
        hi = _range(m)[1]
        assert hi is not None
        ref = _earliest_publication(m, month_articles) or hi
        floor = ref - window
        best = -1
        pos = bisect_right(starts, hi) - 1
        while pos >= 0:
            k = order[pos]
            lo_k, hi_k = bounds[k]
            if lo_k + timedelta(days=widest) < floor:
                break  # every cluster from here on ended too long before
            pos -= 1
            if hi_k < floor:
                continue
            if exact[k] and (ref - hi_k).days > CONFLICT_DAYS and _conflicting(m.outcome, outcome_of[k]):
                continue  # "fell" said a week after a dated repulse (or the reverse) is another event
            if m.stance == "denied" and _counts_apart(m, clusters[k]):
                continue  # "denied reports that hundreds had also crossed" does not deny the 46 who did
            if m.event_type == "troops_fled" and _provinces_apart(m, clusters[k]):
                continue  # border guards who crossed from Herat are not the customs police who left Faryab
            best = k
            break
        if best < 0:
            leftovers.append(m)
            continue
        clusters[best].append(m)
        if m.stance != "denied":
            bounds[best] = (bounds[best][0], min(bounds[best][1], hi))
    return leftovers


def _chain_open(leftovers: Sequence[Mention], month_articles: frozenset[str]) -> list[list[Mention]]:
    """Chain open mentions with no dated partner whose publications lie within OPEN_JOIN_DAYS of the chain's first.

    Each mention is compared with the first of its chain, never with the last, so a chain cannot
    creep forward and pull a later event's upper bound back to an earlier one.
    """
    clusters: list[list[Mention]] = []
    current: list[Mention] = []
    first_hi: date | None = None
    for m in sorted(leftovers, key=lambda m: (_range(m)[1] or date.max, m.mention_id)):
        ref = _earliest_publication(m, month_articles)
        if current and ref is not None and first_hi is not None and ref - first_hi <= timedelta(days=OPEN_JOIN_DAYS):
            current.append(m)
            continue
        if current:
            clusters.append(current)
        current, first_hi = [m], _range(m)[1]
    if current:
        clusters.append(current)
    return clusters


def cluster_by_date(mentions: Sequence[Mention], month_articles: frozenset[str] = frozenset()) -> list[list[Mention]]:
    """Split one place's mentions into clusters whose date ranges share a day (undated ones join the latest, or none)."""
    ordered = sorted(reanchor_weekdays(mentions), key=_when_key)
    # a denial says the event had not happened by its date: it is open below, whatever day it names
    closed = [m for m in ordered if _range(m)[0] is not None and _range(m)[1] is not None and m.stance != "denied"]
    open_ = [m for m in ordered if (_range(m)[0] is None or m.stance == "denied") and _range(m)[1] is not None]
    undated = [m for m in ordered if _range(m)[1] is None]
    clusters, bounds = _closed_clusters(closed)
    leftovers = _join_open(open_, clusters, bounds, month_articles)
    clusters.extend(_chain_open(leftovers, month_articles))
    if undated and clusters:
        # an undated report joins the latest dated event of its type and place
        latest = max(range(len(clusters)), key=lambda k: (_intersect_dates(clusters[k])[1] or date.min, k))
        clusters[latest].extend(undated)
    out: list[list[Mention]] = []
    for cluster in clusters:
        out.extend(split_counted_groups(cluster))
    return out


def _exact_count(m: Mention) -> int | None:
    """A mention's count when it is one exact number."""
    if m.count_low is not None and m.count_low == m.count_high and m.count_qualifier in ("", "exact"):
        return m.count_low
    return None


def split_counted_groups(cluster: list[Mention]) -> list[list[Mention]]:
    """Keep apart groups counted separately in one sentence ("300 flew in and 70 more walked across").

    When one sentence gives two or more exact counts, each count seeds its own event; other
    mentions join the seed with their count, else the first seed.
    """
    counts: dict[tuple[str, int], set[int]] = {}
    for m in cluster:
        c = _exact_count(m)
        if c is not None:
            counts.setdefault((m.article_id, m.char_start), set()).add(c)
    several = sorted(k for k, v in counts.items() if len(v) > 1)
    if not several:
        return [cluster]
    seed_sentence = several[0]
    seeds: dict[int, list[Mention]] = {}
    for m in sorted(cluster, key=lambda m: m.mention_id):
        if (m.article_id, m.char_start) == seed_sentence and _exact_count(m) is not None:
            seeds.setdefault(_exact_count(m), [])  # type: ignore[arg-type]
    first = next(iter(seeds))
    for m in cluster:
        c = _exact_count(m)
        seeds[c if c in seeds else first].append(m)  # type: ignore[index]
    return [members for members in seeds.values() if members]


def _intersect_dates(members: Sequence[Mention]) -> tuple[date | None, date | None]:
    """Intersection of the members' ranges (open ends, and denials' lower ends, ignored); the union if it is empty."""
    lows = [_range(m)[0] for m in members if _range(m)[0] is not None and m.stance != "denied"]
    highs = [_range(m)[1] for m in members if _range(m)[1] is not None]
    lo = max(lows) if lows else None
    hi = min(highs) if highs else None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = min(lows), max(highs)
    return lo, hi


def _width(m: Mention) -> int | None:
    """Days spanned by a mention's closed date range (None when open)."""
    lo, hi = _range(m)
    return (hi - lo).days if lo is not None and hi is not None else None


def _cumulative(m: Mention, narrowest: int | None) -> bool:
    """True for a running total rather than one event's count (tagged so, or dated far more widely)."""
    if m.count_qualifier in _CUMULATIVE:
        return True
    w = _width(m)
    return w is not None and narrowest is not None and w > WIDE_RANGE_DAYS and w > 3 * max(narrowest, 1)


def merge_counts(members: Sequence[Mention]) -> tuple[int | None, int | None, str]:
    """Combine reported counts: the intersection when consistent, else the union; with the words."""
    counted = [m for m in members if m.count_low is not None or m.count_high is not None]
    widths = [w for w in (_width(m) for m in counted) if w is not None]
    narrowest = min(widths) if widths else None
    point = [m for m in counted if not _cumulative(m, narrowest)]
    if point and len(point) < len(counted):
        counted = point  # a running total does not widen the count of one event
    texts = sorted({m.count_text for m in members if m.count_text}, key=lambda t: (-len(t), t))
    if not counted:
        return None, None, texts[0] if texts else ""
    lows = [m.count_low if m.count_low is not None else 0 for m in counted]
    highs = [m.count_high for m in counted]
    lo = max(lows)
    finite = [h for h in highs if h is not None]
    hi = min(finite) if finite else None
    if hi is not None and lo > hi:  # reports disagree: keep the widest honest range
        lo = min(lows)
        hi = None if any(h is None for h in highs) else max(finite)
    text = Counter(m.count_text for m in counted if m.count_text).most_common()
    best_text = sorted(text, key=lambda kv: (-kv[1], kv[0]))[0][0] if text else (texts[0] if texts else "")
    return lo, hi, best_text


def merge_outcome(members: Sequence[Mention]) -> str:
    """Outcome of a capital entry: the latest dated statement, then more articles, then repelled > fell > contested."""
    known = [m for m in members if _OUTCOME_RANK.get(m.outcome, 0) > 0]
    if not known:
        return "unknown" if any(m.event_type == "capital_entered" for m in members) else ""
    dated = [m for m in known if _range(m)[0] is not None and _range(m)[1] is not None]
    pool = dated or known

    def when(m: Mention) -> tuple[date, date]:
        lo, hi = _range(m)
        return (hi or date.min, lo or date.min)

    latest = max(when(m) for m in pool)
    articles: dict[str, set[str]] = {}
    for m in pool:
        if when(m) == latest:
            articles.setdefault(m.outcome, set()).add(m.article_id)
    return max(articles, key=lambda o: (len(articles[o]), _OUTCOME_RANK[o]))


def _evidence(asserted: Sequence[Mention]) -> Mention:
    """A representative asserted mention: the most precise date, then attributed, then first in reading order."""
    def width(m: Mention) -> int:
        lo, hi = _range(m)
        if lo is None or hi is None:
            return 10 ** 6
        return (hi - lo).days

    return min(asserted, key=lambda m: (width(m), m.claimant == "unknown", m.article_id, m.char_start, m.mention_id))


def stable_event_id(m: Mention, earliest_mention: str) -> str:
    """An event id from its type, its place (id or destination) and its earliest supporting mention.

    It does not change on a rerun, nor when articles about other events are added.
    """
    key = group_key(m)
    digest = hashlib.sha1("|".join((*key[:3], earliest_mention)).encode("utf-8")).hexdigest()[:10]
    return f"{_TYPE_PREFIX.get(m.event_type, 'ev')}-{_slug(m.destination or m.place)}-{digest}"


def _sentence(m: Mention) -> str:
    """A mention's sentence."""
    return m.sentence


def _event(members: list[Mention], sources: dict[str, str],
           sentence_of: Callable[[Mention], str] = _sentence) -> Event | None:
    """Build one event from a cluster of mentions (None when nobody asserts it); sentence_of gives a mention's sentence."""
    asserted = [m for m in members if m.stance != "denied"]
    denied = [m for m in members if m.stance == "denied"]
    if not asserted:
        return None
    lo, hi = _intersect_dates(members)
    c_lo, c_hi, c_text = merge_counts(asserted)
    rep = _evidence(asserted)
    provinces = Counter(m.province for m in members if m.province)
    province = sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if provinces else ""
    located = [m for m in asserted if m.latitude is not None and m.longitude is not None]
    lat = located[0].latitude if located else None
    lon = located[0].longitude if located else None
    article_ids = sorted({m.article_id for m in members})
    n_sources = len({sources.get(a, a) for a in article_ids})
    ids = sorted(m.mention_id for m in members)
    event_id = stable_event_id(rep, min(m.mention_id for m in asserted))
    denial = min(denied, key=lambda m: (m.article_id, m.char_start, m.mention_id)) if denied else None
    return Event(
        event_id=event_id,
        event_type=rep.event_type,
        place=rep.place,
        place_type=rep.place_type,
        province=province,
        destination=rep.destination,
        latitude=lat,
        longitude=lon,
        date=lo if lo is not None and lo == hi else None,
        date_low=lo,
        date_high=hi,
        count_low=c_lo,
        count_high=c_hi,
        count_text=c_text,
        outcome=merge_outcome(members) if rep.event_type == "capital_entered" else "",
        status="disputed" if denied else "reported",
        claimants=";".join(sorted({m.claimant for m in asserted})),
        n_mentions=len(members),
        n_articles=len(article_ids),
        n_sources=n_sources,
        article_ids=";".join(article_ids),
        evidence=sentence_of(rep),
        evidence_article=rep.article_id,
        denied_by=";".join(sorted({m.claimant for m in denied})),
        denial_evidence=sentence_of(denial) if denial is not None else "",
        mention_ids=";".join(ids),
        place_id=rep.place_id,
    )


def _overlap(a: Mention, b: Mention) -> bool:
    """True when two mentions' date ranges (open ends unbounded) share a day."""
    a_lo, a_hi = _range(a)
    b_lo, b_hi = _range(b)
    return (a_lo or date.min) <= (b_hi or date.max) and (b_lo or date.min) <= (a_hi or date.max)


def _join_quantified(groups: dict[tuple[str, str, str, str], list[Mention]]) -> None:
    """Move an "all"/"most" province mention into its article's overlapping numbered group of that province."""
    for key in sorted(groups):
        if key[3] not in ("all", "most"):
            continue
        numbered = groups.get((key[0], key[1], key[2], "n"))
        if not numbered:
            continue
        by_article: dict[str, list[Mention]] = {}
        for n in numbered:
            by_article.setdefault(n.article_id, []).append(n)
        stay: list[Mention] = []
        for m in groups[key]:
            if any(_overlap(n, m) for n in by_article.get(m.article_id, ())):
                numbered.append(m)
            else:
                stay.append(m)
        groups[key] = stay


def eligible(m: Mention) -> bool:
    """Whether a mention may form or join an event: asserted as fact, or a denial ('negated', stance denied)."""
    return getattr(m, "modality", "") in ("", "asserted", "negated")


def merge_mentions(
    mentions: Sequence[Mention],
    sources: dict[str, str] | None = None,
    precisions: Mapping[str, str] | None = None,
) -> list[Event]:
    """Merge mentions into events (see the module docstring for the rules); sorted deterministically.

    `sources` maps a republished article to its original; `precisions` maps an article to its
    publication date's precision ("day" or "month"); without it, month precision is inferred.
    """
    sources = dict(sources or {})
    usable = [m for m in mentions if usable_mention(m)]
    if precisions is None:
        month_articles = month_precision_articles(usable)
    else:
        month_articles = frozenset(a for a, p in precisions.items() if p == "month")
    events = [ev for ev, _ in merge_clusters(usable, sources, month_articles)]
    events.sort(key=event_order)
    return events


def usable_mention(m: AnyMention) -> bool:
    """Whether a mention takes part in the merge: it has a type, a place or destination, and is eligible."""
    return bool(m.event_type and (m.place or m.destination) and eligible(m))  # type: ignore[arg-type]


def event_order(e: Event) -> tuple[date, date, str, str, str]:
    """The order of events.csv: upper bound, lower bound, type, place, id."""
    return (e.date_high or date.max, e.date_low or date.min, e.event_type, e.place, e.event_id)


def merge_clusters(usable: Sequence[AnyMention], sources: Mapping[str, str], month_articles: frozenset[str],
                   sentence_of: Callable[[Mention], str] = _sentence) -> list[tuple[Event, list[AnyMention]]]:
    """Merge usable mentions into events, each with its members, in key order (not yet in events.csv order).

    Mentions of different blocks (type and place) never meet, so any set of whole blocks can be merged apart.
    """
    groups: dict[tuple[str, str, str, str], list[Mention]] = {}
    for m in usable:
        groups.setdefault(group_key(m), []).append(m)  # type: ignore[arg-type]
    _join_quantified(groups)
    merged: list[tuple[Event, list[AnyMention]]] = []
    for key in sorted(groups):
        if not groups[key]:
            continue
        for cluster in cluster_by_date(groups[key], month_articles):
            ev = _event(cluster, sources, sentence_of)  # type: ignore[arg-type]
            if ev is not None and ev.date_high is not None:
                merged.append((ev, cluster))  # type: ignore[arg-type]
    return merged


def assign_events(mentions: Sequence[Mention], events: Sequence[Event]) -> list[Mention]:
    """Return the mentions with `event_id` set to the event each was merged into ("" when none)."""
    owner: dict[str, str] = {}
    for e in events:
        for mid in e.mention_ids.split(";"):
            if mid:
                owner[mid] = e.event_id
    return [replace(m, event_id=owner.get(m.mention_id, "")) for m in mentions]


_SPACE = re.compile(r"\W+")


def mark_repeats(mentions: Sequence[Mention], sources: Mapping[str, str]) -> list[Mention]:
    """Mark a mention whose sentence another source already printed word for word (syndicated copy)."""
    first: dict[tuple[str, str, str, str], Mention] = {}
    marked: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.article_id, m.char_start, m.mention_id)):
        key = (m.event_type, m.place, m.destination, _SPACE.sub(" ", m.sentence.lower()).strip())
        seen = first.get(key)
        if seen is not None and sources.get(m.article_id, m.article_id) != sources.get(seen.article_id, seen.article_id):
            marked.append(replace(m, repeat_of=seen.mention_id))
            continue
        first.setdefault(key, m)
        marked.append(m)
    return marked
