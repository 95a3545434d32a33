"""Merge event mentions across sentences and articles into real-world events.

Rules (EVENTS.md):
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
  Otherwise open mentions form their own cluster (range open below, upper bound the earliest).
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
- Status: disputed when the cluster has a denied mention next to an asserted one; a cluster with
  only denials is dropped (nobody reports the event).
- n_articles counts articles; n_sources counts independent sources (a republished copy mapped to
  its original by `sources` adds no corroboration).
- event_id is derived from the sorted mention ids, so it is stable across runs and input order.
"""

from __future__ import annotations

import hashlib
import re
from calendar import monthrange
from collections import Counter
from datetime import date, timedelta
from typing import Mapping, Sequence

from analysis.records import Event, Mention

OPEN_JOIN_DAYS = 14
WIDE_RANGE_DAYS = 7  # a counted mention spanning more days than this (and 3x the narrowest) is cumulative
_CUMULATIVE = frozenset({"total", "cumulative", "aggregate"})
_OUTCOME_RANK = {"repelled": 3, "fell": 2, "contested": 1, "unknown": 0, "": 0}
_TYPE_PREFIX = {"district_seized": "ds", "capital_entered": "ce", "troops_fled": "tf"}


def _slug(text: str) -> str:
    """Lowercase ASCII slug of a place name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _count_kind(m: Mention) -> str:
    """Kind of quantity of a counted district mention: n, all, most ('' for others)."""
    if m.event_type != "district_seized" or m.place_type != "province":
        return ""
    text = (m.count_text or "").lower()
    if m.count_low is not None or m.count_high is not None:
        return "n"
    if text.startswith("most"):
        return "most"
    return "all"


def group_key(m: Mention) -> tuple[str, str, str, str]:
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


def cluster_by_date(mentions: Sequence[Mention], month_articles: frozenset[str] = frozenset()) -> list[list[Mention]]:
    """Split one place's mentions into clusters whose date ranges share a day."""
    ordered = sorted(mentions, key=lambda m: (_range(m)[1] or date.max, _range(m)[0] or date.min, m.mention_id))
    closed = [m for m in ordered if _range(m)[0] is not None and _range(m)[1] is not None]
    open_ = [m for m in ordered if not (_range(m)[0] is not None and _range(m)[1] is not None)]
    clusters: list[list[Mention]] = []
    bounds: list[tuple[date, date]] = []
    remaining = list(closed)
    while remaining:
        stab = _range(remaining[0])[1]
        assert stab is not None
        members = [m for m in remaining if _range(m)[0] <= stab]  # type: ignore[operator]
        remaining = [m for m in remaining if m not in members]
        lo = max(_range(m)[0] for m in members)  # type: ignore[type-var]
        hi = min(_range(m)[1] for m in members)  # type: ignore[type-var]
        clusters.append(members)
        bounds.append((lo, hi))
    leftovers: list[Mention] = []
    for m in open_:
        hi = _range(m)[1]
        if hi is None:
            leftovers.append(m)
            continue
        best = -1
        ref = _earliest_publication(m, month_articles) or hi
        for k, (lo_k, hi_k) in enumerate(bounds):
            if lo_k <= hi and (ref - hi_k) <= timedelta(days=OPEN_JOIN_DAYS):
                if best < 0 or lo_k > bounds[best][0]:
                    best = k
        if best >= 0:
            clusters[best].append(m)
            lo_b, hi_b = bounds[best]
            bounds[best] = (lo_b, min(hi_b, hi))
        else:
            leftovers.append(m)
    # open mentions without a closed partner: chain those whose upper bounds lie close together
    leftovers.sort(key=lambda m: (_range(m)[1] or date.max, m.mention_id))
    current: list[Mention] = []
    first_hi: date | None = None
    for m in leftovers:
        hi = _range(m)[1]
        ref = _earliest_publication(m, month_articles)
        if current and (ref is None or first_hi is None or ref - first_hi <= timedelta(days=OPEN_JOIN_DAYS)):
            current.append(m)
            continue
        if current:
            clusters.append(current)
        current, first_hi = [m], hi
    if current:
        clusters.append(current)
    return clusters


def _intersect_dates(members: Sequence[Mention]) -> tuple[date | None, date | None]:
    """Intersection of the members' ranges (open ends ignored); falls back to the union if empty."""
    lows = [_range(m)[0] for m in members if _range(m)[0] is not None]
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


def _event(members: list[Mention], sources: dict[str, str]) -> Event | None:
    """Build one event from a cluster of mentions (None when nobody asserts it)."""
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
    digest = hashlib.sha1("|".join(ids).encode("utf-8")).hexdigest()[:8]
    place_for_id = rep.destination or rep.place
    event_id = f"{_TYPE_PREFIX.get(rep.event_type, 'ev')}-{_slug(place_for_id)}-{lo.isoformat() if lo else 'open'}-{digest}"
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
        evidence=rep.sentence,
        evidence_article=rep.article_id,
        denied_by=";".join(sorted({m.claimant for m in denied})),
        denial_evidence=denial.sentence if denial is not None else "",
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
        stay: list[Mention] = []
        for m in groups[key]:
            if any(n.article_id == m.article_id and _overlap(n, m) for n in numbered):
                numbered.append(m)
            else:
                stay.append(m)
        groups[key] = stay


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
    usable = [m for m in mentions if m.event_type and (m.place or m.destination)
              and getattr(m, "modality", "asserted") in ("asserted", "negated", "", None)]  # no fact, no event
    if precisions is None:
        month_articles = month_precision_articles(usable)
    else:
        month_articles = frozenset(a for a, p in precisions.items() if p == "month")
    groups: dict[tuple[str, str, str, str], list[Mention]] = {}
    for m in usable:
        groups.setdefault(group_key(m), []).append(m)
    _join_quantified(groups)
    events: list[Event] = []
    for key in sorted(groups):
        if not groups[key]:
            continue
        for cluster in cluster_by_date(groups[key], month_articles):
            ev = _event(cluster, sources)
            if ev is not None:
                events.append(ev)
    events.sort(key=lambda e: (e.date_high or date.max, e.date_low or date.min, e.event_type, e.place, e.event_id))
    return events
