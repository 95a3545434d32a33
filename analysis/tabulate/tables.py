"""The processed tables: their columns, atomic deterministic writes (CSV, Parquet) and typed reads."""

from __future__ import annotations

import dataclasses
import functools
import operator
from dataclasses import dataclass
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator, Sequence

import pandas as pd

from analysis.records import Article, Event, Mention, Tally

if TYPE_CHECKING:
    import pyarrow as pa

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


_PLAIN_CELLS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def _record_rows(records: Sequence[object], columns: Sequence[str]) -> list[tuple]:
    """The records' cells as row tuples, as they come (row dicts or dataclass records; None where a column is missing)."""
    if all(type(r) is type(records[0]) for r in records):
        getter = operator.itemgetter(*columns) if isinstance(records[0], dict) else operator.attrgetter(*columns)
        try:
            rows = list(map(getter, records))
        except (KeyError, AttributeError):
            pass
        else:
            return rows if len(columns) > 1 else [(v,) for v in rows]
    return [tuple(r.get(c) if isinstance(r, dict) else getattr(r, c, None) for c in columns) for r in records]


def records_frame(records: Iterable[object], columns: Sequence[str]) -> pd.DataFrame:
    """Build a DataFrame with exactly `columns` from dataclass records or row dicts."""
    records = records if isinstance(records, (list, tuple)) else list(records)
    rows: list[tuple] = []
    if records:
        values = list(zip(*_record_rows(records, columns)))
        for i, column in enumerate(values):
            if not set(map(type, column)) <= _PLAIN_CELLS:  # dates, tuples: turned into text
                values[i] = tuple(map(_cell, column))
        rows = list(zip(*values))
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


# A cell that may start like a formula (or with an apostrophe), found in a column's cells joined behind NULs.
_JOINED_START = re.compile(r"\x00['=+\-@\t\r\n]")


def _joined_text(values: pd.Series) -> str:
    """A column's text cells, each behind a NUL (cells that are not text left out)."""
    cells = values.to_numpy(dtype=object)
    try:
        return "\x00" + "\x00".join(cells)
    except TypeError:
        return "\x00" + "\x00".join([v for v in cells if isinstance(v, str)])


def _may_be_risky(values: pd.Series) -> bool:
    """Whether some text cell of a column may start like a formula or hold a carriage return (a quick scan)."""
    joined = _joined_text(values)
    return "\r" in joined or _JOINED_START.search(joined) is not None


def safe_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table whose text cells cannot run as spreadsheet formulas."""
    out = frame.copy()
    for col in out.columns:
        if (out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype)) and _may_be_risky(out[col]):
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


def unescape_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells of a CSV table as they were before the spreadsheet escape (in place; returned)."""
    for col in frame.columns:
        if "\x00'" not in _joined_text(frame[col]):  # no cell starts with an apostrophe
            continue
        escaped = frame[col].str.match(_FORMULA_PATTERN, na=False) & frame[col].str.startswith("'", na=False)
        if escaped.any():
            frame.loc[escaped, col] = frame.loc[escaped, col].str.slice(1)
    return frame


def read_table(processed_dir: Path | str, table: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read one table from Parquet when present, else CSV, else return an empty frame (only `columns` of the
    table's own read when given; the others come back empty)."""
    base = Path(processed_dir)
    parquet, csv = base / f"{table}.parquet", base / f"{table}.csv"
    frame: pd.DataFrame | None = None
    wanted = None if columns is None else frozenset(columns)
    if parquet.is_file():
        try:
            if wanted is None:
                frame = pd.read_parquet(parquet)
            else:
                import pyarrow.parquet as pq

                present = pq.ParquetFile(parquet).schema_arrow.names
                frame = pd.read_parquet(parquet, columns=[c for c in present if c in wanted])
        except (OSError, ValueError, ImportError):
            frame = None
    if frame is None and csv.is_file():
        try:
            frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8",
                                usecols=None if wanted is None else (lambda c: c in wanted))
        except (pd.errors.EmptyDataError, UnicodeDecodeError, pd.errors.ParserError):
            frame = None
        else:
            frame = unescape_csv_frame(frame)
    return coerce_table(frame, table)


TABLE_CHUNK = 50_000  # table rows read at a time by read_table_chunks


def _parquet_chunks(path: Path, columns: Sequence[str] | None, chunk: int) -> Iterator[pd.DataFrame] | None:
    """The row batches of a readable Parquet file as frames (only `columns` when given), or None when it cannot be opened."""
    try:
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(path)
        names = handle.schema_arrow.names
    except (OSError, ValueError, ImportError):
        return None
    wanted = [c for c in names if columns is None or c in columns]

    def batches() -> Iterator[pd.DataFrame]:
        """Each batch as a frame; the file closed at the end."""
        try:
            for batch in handle.iter_batches(batch_size=chunk, columns=wanted):
                yield batch.to_pandas()
        finally:
            handle.close()

    return batches()


def read_table_chunks(processed_dir: Path | str, table: str, columns: Sequence[str] | None = None,
                      chunk: int = TABLE_CHUNK) -> Iterator[pd.DataFrame]:
    """Read one table `chunk` rows at a time, each typed as read_table types the whole (only `columns` when given).

    Parquet when it can be opened, else CSV; nothing when neither can be read.
    """
    base = Path(processed_dir)
    parquet, csv = base / f"{table}.parquet", base / f"{table}.csv"
    chunks: Iterable[pd.DataFrame] | None = _parquet_chunks(parquet, columns, chunk) if parquet.is_file() else None
    if chunks is None and csv.is_file():
        wanted = None if columns is None else frozenset(columns)
        try:
            reader = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=chunk,
                                 usecols=None if wanted is None else (lambda c: c in wanted))
        except (pd.errors.EmptyDataError, UnicodeDecodeError, pd.errors.ParserError):
            reader = None
        chunks = None if reader is None else (unescape_csv_frame(frame) for frame in reader)
    for frame in chunks or ():
        typed = coerce_table(frame, table)
        yield typed if columns is None else typed[list(columns)]


def table_frame(typed: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The frame records_frame builds from the records of a typed table (as read_table gives it): dates back to ISO text."""
    out = typed[list(columns)].copy()
    for col in columns:
        if col in DATE_COLUMNS:
            values = out[col]
            text = values.dt.strftime("%Y-%m-%d").astype(object)
            out[col] = text.where(values.notna(), None)
        elif col in INT_COLUMNS:
            out[col] = pd.array(out[col], dtype="Int64")
        elif col in FLOAT_COLUMNS:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out.reset_index(drop=True)


# the article columns the figures and the report page read (the others stay empty when loading for them)
REPORTED_ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "path", "published", "outlet", "status", "warnings", "duplicate_of", "url")


def load_tables(processed_dir: Path | str, *, mentions: bool = True,
                article_columns: Sequence[str] | None = None) -> Tables:
    """Load events, mentions, tallies and articles from the processed directory (mentions=False: an empty mentions
    table; article_columns: only those columns of the articles table are read, e.g. REPORTED_ARTICLE_COLUMNS)."""
    return Tables(
        events=read_table(processed_dir, "events"),
        mentions=read_table(processed_dir, "mentions") if mentions else coerce_table(None, "mentions"),
        tallies=read_table(processed_dir, "tallies"),
        articles=read_table(processed_dir, "articles", article_columns),
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


# ---------------------------------------------------------------------------------------------
# tables written a chunk of records at a time

PARQUET_ROW_GROUP = 1024 * 1024  # rows per Parquet row group: pyarrow's default, so a streamed file is a whole write's bytes


class StreamedTable:
    """One table written a chunk of records at a time into temporary files: CSV, and Parquet when asked.

    The CSV has the bytes write_tables gives the whole table. Parquet row groups are held in Arrow
    until full and written as write_tables writes them. The file's schema types a text column without
    any value as null, so it must be known before the first full group is written: `valued` names the
    text columns that have a value; without it they are guessed from the first group, and
    `guessed_wrong` tells, once finished, that the guess failed (the Parquet file is then unusable).
    """

    def __init__(self, out_dir: Path, name: str, columns: Sequence[str], *, parquet: bool,
                 valued: frozenset[str] | None = None, text_only: bool = False) -> None:
        """Open the temporary files of table `name` in out_dir (text_only: every column is text, as corrections write)."""
        self.columns, self.parquet, self.valued, self.text_only = list(columns), parquet, valued, text_only
        self.rows = 0
        self.guessed_wrong = False
        self.seen_valued: set[str] = set()
        self._pending: list = []
        self._pending_rows = 0
        self._writer = None
        self._schema = None
        self._schema_valued: set[str] = set()
        self.staged: list[tuple[str, Path, BinaryIO]] = []
        self._csv = self._stage(Path(out_dir) / f"{name}.csv")
        self._parquet = self._stage(Path(out_dir) / f"{name}.parquet") if parquet else None

    def _stage(self, target: Path) -> BinaryIO:
        """Open a temporary file beside `target` and remember it."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        handle = os.fdopen(fd, "wb")
        self.staged.append((tmp, target, handle))
        return handle

    def add(self, records: Sequence[object]) -> None:
        """Append rows (dataclass records or row dicts) to the table."""
        if not records:
            return
        self.add_frame(records_frame(records, self.columns))

    def add_frame(self, frame: pd.DataFrame) -> None:
        """Append rows already built as records_frame builds them (or all text, for a text_only table)."""
        if frame.empty:
            return
        self._csv.write(safe_for_csv(frame).to_csv(index=False, header=self.rows == 0, lineterminator="\n").encode("utf-8"))
        self.rows += len(frame)
        self.seen_valued |= {c for c in self._text_columns() if c not in self.seen_valued and frame[c].notna().any()}
        if self._parquet is None or self.guessed_wrong:
            return
        if self._schema is not None and not self.seen_valued <= self._schema_valued:
            self.guessed_wrong = True
            self._pending = []
            return
        import pyarrow as pa

        table = pa.Table.from_pandas(frame, preserve_index=False)
        del frame
        self._pending.append(table)
        self._pending_rows += table.num_rows
        while self._pending_rows >= PARQUET_ROW_GROUP:
            self._write_group(PARQUET_ROW_GROUP)

    def _file_schema(self, valued: set[str] | frozenset[str]) -> "pa.Schema":
        """The Parquet schema of the whole table, pandas metadata included, given its columns with a value."""
        import pyarrow as pa

        if self.text_only:
            example = pd.DataFrame([["x" if c in valued else None for c in self.columns]], columns=self.columns)
        else:
            example = records_frame([{c: "x" for c in self._text_columns() if c in valued}], self.columns)
        return pa.Table.from_pandas(example, preserve_index=False).schema

    def _write_group(self, n_rows: int) -> None:
        """Write the first `n_rows` pending rows as one Parquet row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._schema_valued = set(self.valued if self.valued is not None else self.seen_valued) & self._text_columns()
            self._schema = self._file_schema(self._schema_valued)
            self._writer = pq.ParquetWriter(self._parquet, self._schema, compression="zstd")
        tables = [t.cast(self._schema) for t in self._pending]
        self._pending = []
        whole = pa.concat_tables(tables)
        del tables
        head, rest = whole.slice(0, n_rows), whole.slice(n_rows)
        del whole
        columns = head.columns
        del head
        for i, column in enumerate(columns):  # one piece per column (as a whole write has), each chunk let go of at once
            columns[i] = column.combine_chunks()
            del column
        group = pa.Table.from_arrays(columns, schema=self._schema)
        del columns
        self._writer.write_table(group)
        del group
        self._pending = [rest] if rest.num_rows else []
        self._pending_rows = rest.num_rows

    def finish(self) -> None:
        """Write what is pending and close the temporary files (guessed_wrong then tells whether Parquet failed)."""
        if self.rows == 0:
            empty = pd.DataFrame([], columns=self.columns) if self.text_only else records_frame([], self.columns)
            self._csv.write(frame_csv_bytes(empty))
            if self._parquet is not None:
                write_parquet(empty, self._parquet)
        elif self._parquet is not None and not self.guessed_wrong and self._pending_rows:
            self._write_group(self._pending_rows)
        self._close_writer()
        self._pending = []
        for tmp, _, handle in self.staged:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(tmp, _file_mode())
        if self._parquet is not None:
            import pyarrow as pa

            pa.default_memory_pool().release_unused()  # the row groups' memory back to the system

    def _text_columns(self) -> set[str]:
        """The columns held as text (not integers or decimals)."""
        if self.text_only:
            return set(self.columns)
        return {c for c in self.columns if c not in INT_COLUMNS and c not in FLOAT_COLUMNS}

    def _close_writer(self) -> None:
        """Finish the Parquet file's footer, if one was begun."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()

    def discard(self) -> None:
        """Close and remove the temporary files."""
        try:
            self._close_writer()
        except Exception:  # the file is thrown away anyway
            pass
        for tmp, _, handle in self.staged:
            if not handle.closed:
                handle.close()
            if os.path.exists(tmp):
                os.unlink(tmp)


def commit_streamed(tables: Sequence[StreamedTable]) -> list[Path]:
    """Rename finished tables' temporary files onto their targets (removing a stale Parquet file); return the targets."""
    outputs: list[Path] = []
    try:
        for table in tables:
            for tmp, target, _ in table.staged:
                os.replace(tmp, target)
                outputs.append(target)
            if not table.parquet:
                stale = table.staged[0][1].with_suffix(".parquet")
                if stale.exists():
                    stale.unlink()
    finally:
        for table in tables:
            table.discard()
    return outputs
