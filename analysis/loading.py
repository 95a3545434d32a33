"""Read the pipeline's four tables (events, mentions, tallies, articles) as typed DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "place", "place_type", "province", "destination",
    "latitude", "longitude", "date", "date_low", "date_high", "count_low", "count_high",
    "count_text", "outcome", "status", "claimants", "n_mentions", "n_articles", "n_sources",
    "article_ids", "evidence", "evidence_article", "denied_by", "denial_evidence", "mention_ids",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "mention_id", "article_id", "event_type", "place", "place_type", "province", "destination",
    "date_low", "date_high", "date_text", "count_low", "count_high", "count_text", "outcome",
    "claimant", "stance", "sentence", "char_start", "char_end",
)
TALLY_COLUMNS: tuple[str, ...] = (
    "article_id", "date", "claimant", "scope", "unit", "count_low", "count_high", "count_text",
    "sentence",
)
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "path", "published", "published_source", "outlet", "n_sentences", "status",
    "warnings", "duplicate_of",
)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": EVENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "tallies": TALLY_COLUMNS,
    "articles": ARTICLE_COLUMNS,
}

DATE_COLUMNS: frozenset[str] = frozenset({"date", "date_low", "date_high", "published"})
INT_COLUMNS: frozenset[str] = frozenset(
    {"count_low", "count_high", "n_mentions", "n_articles", "n_sources", "n_sentences",
     "char_start", "char_end"}
)
FLOAT_COLUMNS: frozenset[str] = frozenset({"latitude", "longitude"})


@dataclass
class Tables:
    """The pipeline's four output tables as typed DataFrames."""

    events: pd.DataFrame
    mentions: pd.DataFrame
    tallies: pd.DataFrame
    articles: pd.DataFrame


def to_dates(values: pd.Series) -> pd.Series:
    """Parse ISO dates (day or month precision); anything unreadable becomes NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        return out.astype("datetime64[ns]")
    text = values.astype("string").str.strip().str.slice(0, 10)
    return pd.to_datetime(text, errors="coerce", format="ISO8601").astype("datetime64[ns]")


def coerce_table(frame: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """Return a typed copy of `frame` holding at least the named table's columns."""
    columns = TABLE_COLUMNS[table]
    df = pd.DataFrame() if frame is None else frame.copy()
    df = df.reset_index(drop=True)
    for name in columns:
        if name not in df.columns:
            df[name] = pd.Series([None] * len(df), dtype="object")
    for name in df.columns:
        col = df[name]
        if name in DATE_COLUMNS:
            df[name] = to_dates(col)
        elif name in INT_COLUMNS:
            df[name] = pd.to_numeric(col, errors="coerce").round().astype("Int64")
        elif name in FLOAT_COLUMNS:
            df[name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif name in columns:
            df[name] = col.astype("object").where(col.notna(), "").astype(str)
            df.loc[df[name].isin(["nan", "None", "<NA>", "NaT"]), name] = ""
    ordered = list(columns) + [c for c in df.columns if c not in columns]
    return df[ordered]


def empty_table(table: str) -> pd.DataFrame:
    """Return an empty, typed frame with the named table's columns."""
    return coerce_table(None, table)


def read_table(processed_dir: Path | str, table: str) -> pd.DataFrame:
    """Read one table from Parquet when present, else CSV, else return an empty frame."""
    base = Path(processed_dir)
    parquet, csv = base / f"{table}.parquet", base / f"{table}.csv"
    frame: pd.DataFrame | None = None
    if parquet.is_file():
        try:
            frame = pd.read_parquet(parquet)
        except (OSError, ValueError, ImportError):
            frame = None
    if frame is None and csv.is_file():
        try:
            frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.EmptyDataError, UnicodeDecodeError, pd.errors.ParserError):
            frame = None
    return coerce_table(frame, table)


def load_tables(processed_dir: Path | str) -> Tables:
    """Load events, mentions, tallies and articles from the processed directory."""
    return Tables(
        events=read_table(processed_dir, "events"),
        mentions=read_table(processed_dir, "mentions"),
        tallies=read_table(processed_dir, "tallies"),
        articles=read_table(processed_dir, "articles"),
    )


def make_tables(
    events: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    tallies: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> Tables:
    """Build typed Tables from possibly partial frames (missing ones become empty)."""
    return Tables(
        events=coerce_table(events, "events"),
        mentions=coerce_table(mentions, "mentions"),
        tallies=coerce_table(tallies, "tallies"),
        articles=coerce_table(articles, "articles"),
    )
