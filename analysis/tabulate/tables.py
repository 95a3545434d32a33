"""The processed tables: their columns, atomic deterministic writes (CSV, Parquet) and typed reads."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Sequence

import pandas as pd

from analysis.records import Article, Event, Mention, Tally

ARTICLE_COLUMNS: list[str] = [
    "article_id",
    "path",
    "published",
    "published_source",
    "published_precision",
    "outlet",
    "n_sentences",
    "status",
    "warnings",
    "duplicate_of",
    "dateline",
    "format",
    "encoding",
    "n_boilerplate",
    "n_mentions",
    "url",
]
MENTION_COLUMNS: list[str] = [f.name for f in dataclasses.fields(Mention)]
EVENT_COLUMNS: list[str] = [f.name for f in dataclasses.fields(Event)]
TALLY_COLUMNS: list[str] = [f.name for f in dataclasses.fields(Tally)]
INT_COLUMNS: frozenset[str] = frozenset(
    {"count_low", "count_high", "n_mentions", "n_articles", "n_sources", "char_start", "char_end", "n_sentences", "n_boilerplate"}
)
CSV_CHUNK = 20_000  # rows serialised as CSV text at a time
DATE_COLUMNS: frozenset[str] = frozenset({"published", "date", "date_low", "date_high"})
FLOAT_COLUMNS: frozenset[str] = frozenset({"latitude", "longitude"})
TABLE_COLUMNS: dict[str, list[str]] = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "events": EVENT_COLUMNS,
    "tallies": TALLY_COLUMNS,
    "mentions_raw": MENTION_COLUMNS,
    "tallies_raw": TALLY_COLUMNS,
}


def _cell(value: object) -> object:
    """Turn one record value into a table cell (dates as ISO text, empties as None)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value)
    return value


def article_row(article: Article, n_mentions: int = 0) -> dict[str, object]:
    """Return the articles.csv row of one article."""
    return {
        "article_id": article.article_id,
        "path": article.path,
        "published": _cell(article.published) if article.published else None,
        "published_source": article.published_source,
        "published_precision": article.published_precision,
        "outlet": article.outlet,
        "n_sentences": article.n_sentences if article.n_sentences >= 0 else len(article.sentences),
        "status": article.status,
        "warnings": "; ".join(article.warnings),
        "duplicate_of": article.duplicate_of,
        "dateline": article.dateline,
        "format": article.fmt,
        "encoding": article.encoding,
        "n_boilerplate": article.n_boilerplate,
        "n_mentions": n_mentions,
        "url": article.url,
    }


def records_frame(records: Iterable[object], columns: Sequence[str]) -> pd.DataFrame:
    """Build a DataFrame with exactly `columns` from dataclass records or row dicts."""
    rows = []
    for rec in records:
        row = rec if isinstance(rec, dict) else dataclasses.asdict(rec)  # type: ignore[call-overload]
        rows.append({c: _cell(row.get(c)) for c in columns})
    frame = pd.DataFrame(rows, columns=list(columns))
    for col in columns:
        if col in INT_COLUMNS:
            frame[col] = pd.array(frame[col], dtype="Int64")
        elif col in FLOAT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


def _file_mode() -> int:
    """The mode a normally created file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(path: Path, data: bytes | Callable[[BinaryIO], None]) -> str:
    """Write bytes (or whatever a writer function writes) to a temporary file beside `path`; return its name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file in the same folder, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


# A text cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with = + - @,
# a tab or a line break, possibly behind apostrophes already (so that the escape can be undone).
_FORMULA_START = re.compile(r"^'*[=+\-@\t\r\n]")
_FORMULA_PATTERN = _FORMULA_START.pattern


def csv_safe(value: object) -> object:
    """Return a text cell with a leading apostrophe when a spreadsheet would read it as a formula.

    A carriage return inside a cell is written as a line break (the CSV writer would not quote it).
    """
    if not isinstance(value, str) or not value:
        return value
    if _FORMULA_START.match(value):
        value = "'" + value
    return value.replace("\r", "\n") if "\r" in value else value


def csv_unescape(value: object) -> object:
    """Undo `csv_safe`: drop the apostrophe it added before a formula character."""
    if isinstance(value, str) and value.startswith("'") and _FORMULA_START.match(value):
        return value[1:]
    return value


def safe_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table whose text cells cannot run as spreadsheet formulas."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            text = out[col].astype("string")
            risky = text.str.match(_FORMULA_PATTERN, na=False) | text.str.contains("\r", regex=False, na=False)
            if risky.any():
                out.loc[risky, col] = out.loc[risky, col].map(csv_safe)
    return out


def frame_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a table as CSV bytes with a fixed format (UTF-8, LF, ISO dates, formula-safe text cells)."""
    return safe_for_csv(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_csv_rows(frame: pd.DataFrame, handle: BinaryIO, chunk: int = CSV_CHUNK) -> None:
    """Write a table as CSV a chunk of rows at a time: the same bytes as frame_csv_bytes, never all in memory as text."""
    if len(frame) <= chunk:
        handle.write(frame_csv_bytes(frame))
        return
    for start in range(0, len(frame), chunk):
        part = safe_for_csv(frame.iloc[start : start + chunk])
        handle.write(part.to_csv(index=False, header=start == 0, lineterminator="\n").encode("utf-8"))


def frame_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a table as Parquet bytes, deterministically for a given library version."""
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    return buffer.getvalue()


def write_parquet(frame: pd.DataFrame, handle: BinaryIO) -> None:
    """Write a table as Parquet into an open file: the same bytes as frame_parquet_bytes."""
    frame.to_parquet(handle, index=False, engine="pyarrow", compression="zstd")


def write_tables(
    tables: dict[str, pd.DataFrame], out_dir: Path, *, parquet: bool = False
) -> list[Path]:
    """Write tables as CSV (and Parquet) atomically: all temporaries first, then the renames."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, frame in sorted(tables.items()):
            target = out_dir / f"{name}.csv"
            staged.append((_stage(target, functools.partial(write_csv_rows, frame)), target))
            if parquet:
                target = out_dir / f"{name}.parquet"
                staged.append((_stage(target, functools.partial(write_parquet, frame)), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    if not parquet:
        for name in tables:
            stale = out_dir / f"{name}.parquet"
            if stale.exists():
                stale.unlink()
    return [target for _, target in staged]

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
        else:  # text as it was before the spreadsheet escape
            for col in frame.columns:
                escaped = frame[col].str.match(_FORMULA_PATTERN, na=False) & frame[col].str.startswith("'", na=False)
                if escaped.any():
                    frame.loc[escaped, col] = frame.loc[escaped, col].str.slice(1)
    return coerce_table(frame, table)


def load_tables(processed_dir: Path | str, *, mentions: bool = True) -> Tables:
    """Load events, mentions, tallies and articles from the processed directory (mentions=False: an empty mentions table)."""
    return Tables(
        events=read_table(processed_dir, "events"),
        mentions=read_table(processed_dir, "mentions") if mentions else coerce_table(None, "mentions"),
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


# ---------------------------------------------------------------------------------------------
# table rows back to records

ROWS_CHUNK = 20_000  # table rows turned into records at a time


def _none_if_na(value: object) -> object:
    """Turn pandas missing values into None."""
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return None
    except (TypeError, ValueError):
        pass
    return value


def _record_from_row(record_type: type, row: dict[str, object]) -> object:
    """Rebuild a dataclass record from a table row (dates and integers restored)."""
    values: dict[str, object] = {}
    for f in dataclasses.fields(record_type):
        if f.name not in row:
            continue
        value = _none_if_na(row[f.name])
        if value is not None and f.name in ("date", "date_low", "date_high", "published"):
            value = pd.Timestamp(value).date()
        elif value is not None and f.name in ("count_low", "count_high", "char_start", "char_end"):
            value = int(value)  # type: ignore[call-overload]
        elif value is not None and f.name in ("latitude", "longitude"):
            value = float(value)  # type: ignore[arg-type]
        elif value is None and f.type in ("str", str):
            value = ""
        values[f.name] = value
    return record_type(**values)


def mentions_from_frame(frame: pd.DataFrame) -> list[Mention]:
    """Rebuild Mention records from a mentions table."""
    out: list[Mention] = []
    for start in range(0, len(frame), ROWS_CHUNK):  # a chunk of row dicts at a time
        out.extend(_record_from_row(Mention, row) for row in frame.iloc[start : start + ROWS_CHUNK].to_dict("records"))  # type: ignore[misc]
    return out


def tallies_from_frame(frame: pd.DataFrame) -> list[Tally]:
    """Rebuild Tally records from a tallies table."""
    return [_record_from_row(Tally, row) for row in frame.to_dict("records")]  # type: ignore[misc]
