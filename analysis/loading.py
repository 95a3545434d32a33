"""Read the pipeline's tables (events, mentions, tallies, articles, interim ones) as typed DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.tables import DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, TABLE_COLUMNS


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
