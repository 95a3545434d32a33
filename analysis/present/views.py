"""Tables shaped for reading in notebooks and reports: article status, events with evidence, disputes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.present.formatting import claimants_text, fmt_count_words
from analysis.present.review import needs_review as _needs_review
from analysis.tabulate.corrections import LOG_COLUMNS
from analysis.tabulate.review_tables import ReviewFacts
from analysis.tabulate.tables import TABLE_CHUNK, read_table_chunks


OVERVIEW_COLUMNS = ["article_id", "status", "published", "published_source", "outlet", "n_sentences", "n_mentions",
                    "duplicate_of", "warnings"]
ARTICLES_SHOWN = 2_000  # rows of the article overview and of the warnings the notebook keeps


def articles_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One line per input file: status, publication date and its source, outlet, warnings."""
    frame = articles.reindex(columns=OVERVIEW_COLUMNS).copy()
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
    return frame.sort_values(["status", "article_id"], key=lambda s: s.str.startswith("ok") if s.name == "status" else s, ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class ArticleDigest:
    """What notebook 01 shows of the articles table: status counts, and the first rows of the overview and warnings."""

    status_counts: pd.DataFrame
    overview: pd.DataFrame
    warnings: pd.DataFrame
    n_articles: int
    n_warnings: int

    def shown_note(self) -> str:
        """Say how many rows of each list are shown when the table has more."""
        parts = []
        if self.n_articles > len(self.overview):
            parts.append(f"the first {len(self.overview):,} of {self.n_articles:,} articles")
        if self.n_warnings > len(self.warnings):
            parts.append(f"the first {len(self.warnings):,} of {self.n_warnings:,} articles with warnings")
        if not parts:
            return "Every article and every warning is listed below."
        return "Shown below: " + " and ".join(parts) + "; articles.csv has them all."


def _first_rows(kept: pd.DataFrame | None, more: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first `limit` rows of two frames together, in the overview's order."""
    both = more if kept is None else pd.concat([kept, more], ignore_index=True)
    return articles_overview(both).head(limit)


def article_digest(processed_dir: Path | str, limit: int = ARTICLES_SHOWN, chunk: int = TABLE_CHUNK) -> ArticleDigest:
    """Read the articles table `chunk` rows at a time into status counts and the first `limit` overview and warning rows."""
    counts: dict[str, int] = {}
    overview: pd.DataFrame | None = None
    warned: pd.DataFrame | None = None
    n_articles = n_warnings = 0
    for rows in read_table_chunks(processed_dir, "articles", OVERVIEW_COLUMNS, chunk):
        n_articles += len(rows)
        for status, n in rows["status"].fillna("").value_counts().items():
            counts[str(status)] = counts.get(str(status), 0) + int(n)
        overview = _first_rows(overview, rows, limit)
        with_warnings = article_warnings(rows)
        n_warnings += len(with_warnings)
        warned = with_warnings if warned is None else pd.concat([warned, with_warnings], ignore_index=True)
        warned = warned.head(limit).reset_index(drop=True)  # in table order
    frame = pd.DataFrame({"status": list(counts), "files": list(counts.values())})
    status = (frame.sort_values(["files", "status"], ascending=[False, True]).reset_index(drop=True) if counts
              else pd.DataFrame({"status": [], "files": []}))
    empty = pd.DataFrame(columns=OVERVIEW_COLUMNS)
    return ArticleDigest(status_counts=status,
                         overview=(overview if overview is not None else empty).reset_index(drop=True),
                         warnings=warned if warned is not None else pd.DataFrame(columns=["article_id", "warnings"]),
                         n_articles=n_articles, n_warnings=n_warnings)


def status_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many files ended in each status (ok, or each reason for skipping)."""
    if articles.empty:
        return pd.DataFrame({"status": [], "files": []})
    counts = articles["status"].fillna("").value_counts().rename_axis("status").reset_index(name="files")
    return counts.sort_values(["files", "status"], ascending=[False, True]).reset_index(drop=True)


def _day_range(low: object, high: object) -> str:
    """Render a date range compactly: one day, a span, or 'by DAY' when open below."""
    lo = pd.Timestamp(low).strftime("%Y-%m-%d") if pd.notna(low) else ""
    hi = pd.Timestamp(high).strftime("%Y-%m-%d") if pd.notna(high) else ""
    if lo and lo == hi:
        return lo
    if lo and hi:
        return f"{lo} to {hi}"
    if hi:
        return f"by {hi}"
    return lo or "unknown"


def _count_range(low: object, high: object, text: object) -> str:
    """Render a count band as the report does, with the article's own words: '≥1,000 (more than 1,000)'."""
    return fmt_count_words(low, high, text)


def events_overview(events: pd.DataFrame, event_type: str | None = None) -> pd.DataFrame:
    """Events with their date range, count, outcome, claimants and evidence sentence."""
    frame = events if event_type is None else events[events["event_type"] == event_type]
    if frame.empty:
        return pd.DataFrame(columns=["when", "event_type", "place", "province", "destination", "count", "outcome", "status", "claimants", "sources", "evidence", "articles"])
    out = pd.DataFrame(
        {
            "when": [_day_range(lo, hi) for lo, hi in zip(frame["date_low"], frame["date_high"])],
            "event_type": frame["event_type"],
            "place": frame["place"],
            "province": frame["province"],
            "destination": frame["destination"],
            "count": [_count_range(lo, hi, t) for lo, hi, t in zip(frame["count_low"], frame["count_high"], frame["count_text"])],
            "outcome": frame["outcome"],
            "status": frame["status"],
            "claimants": [claimants_text(c) for c in frame["claimants"]],
            "sources": frame["n_sources"],
            "evidence": frame["evidence"],
            "articles": frame["article_ids"],
        }
    )
    order = pd.to_datetime(frame["date_high"], errors="coerce")
    return out.assign(_order=order.values).sort_values(["_order", "event_type", "place"]).drop(columns="_order").reset_index(drop=True)


SENTENCES_SHOWN = 2  # sentences per side in the notebook's table of disputes


def disputed_side_by_side(events: pd.DataFrame, review: ReviewFacts) -> pd.DataFrame:
    """For each disputed event: who asserted it and who denied it, each with their sentence (from the review tables)."""
    columns = ["event_id", "event", "asserted_by", "asserted_sentence", "denied_by", "denied_sentence"]
    if events.empty or "status" not in events:
        return pd.DataFrame(columns=columns)
    disputed = events[events["status"] == "disputed"]
    rows = []
    for _, ev in disputed.iterrows():
        sides = review.dispute(str(ev["event_id"]))
        rows.append(
            {
                "event_id": ev["event_id"],
                "event": f"{ev['event_type']}: {ev['place']} ({_day_range(ev['date_low'], ev['date_high'])})",
                "asserted_by": sides.asserted.claimants,
                "asserted_sentence": " | ".join(m.sentence for m in sides.asserted.shown[:SENTENCES_SHOWN])
                or str(ev.get("evidence", "")),
                "denied_by": sides.denied.claimants or str(ev.get("denied_by", "")),
                "denied_sentence": " | ".join(m.sentence for m in sides.denied.shown[:SENTENCES_SHOWN])
                or str(ev.get("denial_evidence", "")),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def article_warnings(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with warnings (encodings guessed, mojibake repaired, no date), one row each."""
    has = articles["warnings"].fillna("").astype(str).str.strip() != ""
    return articles.loc[has, ["article_id", "warnings"]].reset_index(drop=True)


def corrections_overview(log: pd.DataFrame | None, path: Path) -> pd.DataFrame:
    """Each line of the corrections file: what it asked, for which event, whether it applied and why not."""
    if log is None or log.empty:
        return pd.DataFrame({"corrections": [f"none: {path} is absent or empty"]})
    return log.reindex(columns=LOG_COLUMNS).reset_index(drop=True)


def corrected_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events a correction changed, with the corrected fields listed."""
    if "corrected" not in events.columns:
        return pd.DataFrame(columns=["event_id", "event_type", "place", "status", "corrected"])
    changed = events[events["corrected"].fillna("").astype(str).str.strip() != ""]
    return changed.reindex(columns=["event_id", "event_type", "place", "date_low", "date_high", "outcome", "count_low",
                                    "count_high", "status", "corrected"]).reset_index(drop=True)


def needs_review(events: pd.DataFrame, review: ReviewFacts) -> pd.DataFrame:
    """Events to check first and undated reports, each with a ready-to-copy corrections line (from the review tables)."""
    items = [{"event_id": i.event_id, "event": i.what, "why": ", ".join(i.reasons), "evidence": i.evidence,
              "corrections line": i.suggestion} for i in _needs_review(events, review.conflicts)]
    undated = review.undated
    items += [{"event_id": "", "event": f"undated report {m['mention_id']}", "why": "undated, joined no event",
               "evidence": m["sentence"], "corrections line": ""} for _, m in undated.iterrows()]
    return pd.DataFrame(items, columns=["event_id", "event", "why", "evidence", "corrections line"])


def tallies_overview(tallies: pd.DataFrame) -> pd.DataFrame:
    """Claimed totals with who claims them, the number as the report writes it, and the sentence."""
    out = tallies.reindex(columns=["date", "claimant", "scope", "count_low", "count_high", "count_text", "sentence", "article_id"]).copy()
    out["claim"] = [fmt_count_words(lo, hi, t) for lo, hi, t in zip(out["count_low"], out["count_high"], out["count_text"])]
    out["claimant"] = [claimants_text(c) for c in out["claimant"]]
    return out[["date", "claimant", "scope", "claim", "sentence", "article_id"]].reset_index(drop=True)
