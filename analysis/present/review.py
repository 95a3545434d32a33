"""What a careful reader should check first: events that need review, and undated reports that joined none."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.present.formatting import TYPE_LABELS, fmt_count, fmt_span, is_missing
from analysis.tabulate.corrections import correction_row, shown
from analysis.tabulate.review_tables import CONFLICT_REASONS

WIDE_RANGE_DAYS = 7
REASON_ORDER: tuple[str, ...] = ("disputed", *CONFLICT_REASONS, "date range wider than a week", "single source")


@dataclass(frozen=True)
class ReviewItem:
    """One event to check, why, its evidence, and a ready-to-copy line for the corrections file."""

    event_id: str
    what: str
    reasons: tuple[str, ...]
    evidence: str
    suggestion: str


def _what(row: Mapping[str, Any]) -> str:
    """Short description of an event: 'Kunduz — capital entered, 8 Aug 2021'."""
    where = row.get("place") or row.get("destination") or row.get("province") or "unknown place"
    when = fmt_span(row.get("date_low"), row.get("date_high")) or "undated"
    return f"{where} — {TYPE_LABELS.get(str(row['event_type']), str(row['event_type']))}, {when}"


def needs_review(events: pd.DataFrame, conflicts: Mapping[str, Collection[str]]) -> list[ReviewItem]:
    """Events to check first (disputed, conflicting, wide date range, single source), most serious first.

    `conflicts` names, per event id, the fields its asserted mentions disagree on (ReviewFacts.conflicts).
    """
    ev = shown(events)
    if ev.empty:
        return []
    items: list[tuple[int, str, ReviewItem]] = []
    n_sources = pd.to_numeric(ev["n_sources"], errors="coerce") if "n_sources" in ev.columns else pd.Series(float("nan"), index=ev.index)
    for row, sources in zip(ev.to_dict("records"), n_sources.tolist()):
        reasons: set[str] = set(conflicts.get(str(row["event_id"]), set()))
        if str(row["status"]).strip().lower() == "disputed":
            reasons.add("disputed")
        lo, hi = row.get("date_low"), row.get("date_high")
        if not is_missing(lo) and not is_missing(hi) and (pd.Timestamp(hi) - pd.Timestamp(lo)).days > WIDE_RANGE_DAYS:
            reasons.add("date range wider than a week")
        if not pd.isna(sources) and sources <= 1:
            reasons.add("single source")
        if not reasons:
            continue
        ordered = tuple(r for r in REASON_ORDER if r in reasons)
        first = ordered[0]
        if first == "date range wider than a week":
            suggestion = correction_row(str(row["event_id"]), "set_date", "YYYY-MM-DD", "day confirmed by ...")
        elif first == "conflicting outcomes":
            suggestion = correction_row(str(row["event_id"]), "set_outcome", str(row["outcome"]) or "fell", "outcome confirmed by ...")
        elif first == "conflicting counts":
            suggestion = correction_row(str(row["event_id"]), "set_count", fmt_count(row["count_low"], row["count_high"]).replace("≥", ">=").replace(",", "") or "N",
                                        "number confirmed by ...")
        else:
            suggestion = correction_row(str(row["event_id"]), "reject", "", "why the event is wrong")
        item = ReviewItem(event_id=str(row["event_id"]), what=_what(row), reasons=ordered,
                          evidence=str(row.get("evidence", "")), suggestion=suggestion)
        items.append((REASON_ORDER.index(first), str(row["event_id"]), item))
    return [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]


_UNRECOGNISED = re.compile(r"list item not recognised: (['\"])(.*?)\1 in sentence (\d+)")


def unrecognised_items(articles: pd.DataFrame) -> pd.DataFrame:
    """List items the extractor could not place (from articles' warnings): article, item, sentence number."""
    rows = [(str(aid), found.group(2), int(found.group(3)))
            for aid, warnings in zip(articles.get("article_id", []), articles.get("warnings", []))
            if not is_missing(warnings) for found in _UNRECOGNISED.finditer(str(warnings))]
    frame = pd.DataFrame(rows, columns=["article_id", "item", "sentence"])
    return frame.sort_values(["article_id", "sentence", "item"], kind="mergesort").reset_index(drop=True)
