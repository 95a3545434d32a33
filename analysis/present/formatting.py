"""Words and number formats shared by the figures, the report and the notebooks (defined once)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.records import OUTCOME_RANK, OUTCOMES

MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Outcomes of a capital entry, in the order legends list them (their ranks: records.OUTCOME_RANK)
OUTCOME_LABELS: dict[str, str] = {
    "fell": "Fell",
    "repelled": "Repelled",
    "contested": "Contested (fighting inside)",
    "unknown": "Outcome unknown",
}
EVENT_TYPE_LABELS: dict[str, str] = {
    "district_seized": "Districts seized",
    "capital_entered": "Provincial capitals entered",
    "troops_fled": "Troops who fled",
}
TYPE_LABELS: dict[str, str] = {
    "district_seized": "district seized",
    "capital_entered": "capital entered",
    "troops_fled": "troops fled",
}
CLAIMANT_NAMES: dict[str, str] = {
    "taliban": "Taliban",
    "afghan_government": "Afghan government",
    "foreign_government": "Foreign government",
    "international_org": "International organisation",
    "residents": "Residents",
    "media": "Media",
    "unknown": "Unattributed",
}
CLAIMANT_LABELS: dict[str, str] = {  # a claimed figure's legend entry
    "taliban": "Taliban claim",
    "afghan_government": "Afghan government figure",
    "foreign_government": "Foreign government estimate",
    "international_org": "UN / international estimate",
    "residents": "Residents' account",
    "media": "Media count",
    "unknown": "Unattributed figure",
}
CLAIMANT_SHORT: dict[str, str] = {  # a claimed figure's label next to its mark
    "taliban": "Taliban",
    "afghan_government": "Afghan govt",
    "foreign_government": "Foreign govt",
    "international_org": "UN",
    "residents": "Residents",
    "media": "Media",
    "unknown": "Unattributed",
}

__all__ = ["OUTCOMES", "OUTCOME_RANK", "OUTCOME_LABELS", "EVENT_TYPE_LABELS", "TYPE_LABELS", "CLAIMANT_NAMES",
           "CLAIMANT_LABELS", "CLAIMANT_SHORT", "MONTHS", "is_missing", "fmt_day", "fmt_span", "fmt_count",
           "fmt_count_words", "plural", "claimant_name", "claimants_text"]


def is_missing(value: Any) -> bool:
    """Return True for None, NaN, NaT, pandas NA and the empty string."""
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_day(value: Any, year: bool = True) -> str:
    """Format a date as '7 Jul 2021' (or '7 Jul'), locale-independent; '' when missing."""
    if is_missing(value):
        return ""
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        return ""
    text = f"{ts.day} {MONTHS[ts.month - 1]}"
    return f"{text} {ts.year}" if year else text


def fmt_span(low: Any, high: Any) -> str:
    """Format an inclusive date span compactly: '7 Jul–12 Aug 2021', '7 Jul 2021', 'by 9 Aug 2021'."""
    lo = None if is_missing(low) else pd.Timestamp(low)
    hi = None if is_missing(high) else pd.Timestamp(high)
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"by {fmt_day(hi)}"
    if hi is None:
        return f"from {fmt_day(lo)}"
    if lo.normalize() == hi.normalize():
        return fmt_day(lo)
    if lo.year == hi.year and lo.month == hi.month:
        return f"{lo.day}–{fmt_day(hi)}"
    if lo.year == hi.year:
        return f"{fmt_day(lo, year=False)}–{fmt_day(hi)}"
    return f"{fmt_day(lo)}–{fmt_day(hi)}"


def fmt_count(low: Any, high: Any) -> str:
    """Format a count band: '1,037', '≥1,000' (lower bound), '300–500', '≤50', '' when unknown."""
    lo = None if is_missing(low) else int(low)
    hi = None if is_missing(high) else int(high)
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"≤{hi:,}"
    if hi is None:
        return f"≥{lo:,}"
    if hi == lo:
        return f"{lo:,}"
    return f"{lo:,}–{hi:,}"


def fmt_count_words(low: Any, high: Any, words: Any) -> str:
    """A count band with the article's own words: '≥1,000 (more than 1,000)'."""
    number = fmt_count(low, high)
    text = "" if is_missing(words) else str(words).strip()
    if number and text and text != number:
        return f"{number} ({text})"
    return number or text


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return 'n word' with a simple plural: '1 flight', '2,000 flights'."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def claimant_name(code: Any) -> str:
    """Readable name of one claimant code ('afghan_government' -> 'Afghan government')."""
    text = "" if is_missing(code) else str(code).strip()
    return CLAIMANT_NAMES.get(text.lower(), text or CLAIMANT_NAMES["unknown"])


def claimants_text(codes: Any) -> str:
    """Readable names of ';'-joined claimant codes, comma-separated."""
    parts = [p.strip() for p in ("" if is_missing(codes) else str(codes)).split(";") if p.strip()]
    return ", ".join(claimant_name(p) for p in parts)
