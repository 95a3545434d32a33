"""The pipeline's two stages: parse (raw files to articles and mentions) and tabulate (mentions to events)."""

from __future__ import annotations

import functools
import os
import pickle
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Generic, Iterable, Iterator, Sequence, TypeVar

import pandas as pd

from analysis.extract import batch
from analysis.extract.batch import process_source  # noqa: F401  (the read+extract stage's function)
from analysis.ingest import corpus
from analysis.ingest import duplicates as dedup
from analysis.ingest import files as reading
from analysis.tabulate import corrections, merge, review_tables, streamed
from analysis.tabulate.tables import read_table
from analysis.ingest.folders import check_folders
from analysis.parallel import DEFAULT_FILE_BUDGET, map_ordered, paused_gc, release_freed_memory, worker_pool
from analysis.records import ArticleResult, CorpusRecord, Event, Mention, Tally, is_history
from analysis.tabulate.tables import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    TALLY_COLUMNS,
    StreamedTable,
    article_row,
    commit_streamed,
    mentions_from_frame,
    records_frame,
    tallies_from_frame,
    write_tables,
)

INTERIM = "interim"
PARQUET_FROM_ARTICLES = 1000  # corpora at least this large also get Parquet tables
FRAME_CHUNK = 20_000  # records turned into table rows at a time
SPOOL_CHUNK = 2_000  # article results pickled to the parse spool at a time

T = TypeVar("T")


@dataclass(frozen=True)
class ParseSummary:
    """What the parse stage read: files, articles by status, mentions and tallies found."""

    n_files: int
    n_articles: int
    n_ok: int
    n_skipped: int
    n_duplicates: int
    n_mentions: int
    n_tallies: int
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class TabulateSummary:
    """What the tabulate stage wrote: mentions kept, events by type, tallies."""

    n_mentions: int
    n_events: int
    events_by_type: dict[str, int]
    n_disputed: int
    n_tallies: int
    outputs: tuple[str, ...]


def iter_results(
    raw_dir: Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
    sources: Sequence[reading.SourceFile] | None = None,
    file_budget: float | None = DEFAULT_FILE_BUDGET,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[ArticleResult]:
    """Stream the read+extract stage over every file under raw_dir, in a stable order (on `pool` when given)."""
    sources = reading.discover_files(raw_dir) if sources is None else sources
    for results in map_ordered(
        functools.partial(batch.process_source, budget=file_budget, defer_undated=True),
        sources,
        workers=workers,
        dask_address=dask_address or None,
        progress="Reading articles" if progress else False,
        total=len(sources),
        pool=pool,
    ):
        yield from results


@dataclass
class CorpusIndex:
    """The compact records of a corpus's articles in reading order, with their near-duplicate fingerprints."""

    records: list[CorpusRecord]
    fingerprints: dedup.FingerprintStore


class ResultSpool(Generic[T]):
    """Records (article results) pickled into a temporary file: appended a chunk at a time and read back in order, or stored by id."""

    def __init__(self, folder: Path, chunk: int | None = None) -> None:
        """Create the spool file in `folder` (chunks of `chunk` results, default SPOOL_CHUNK)."""
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".parse-spool-", suffix=".pickle", dir=folder)
        self.path = Path(name)
        self._handle = os.fdopen(fd, "w+b")
        self._chunk = max(1, SPOOL_CHUNK if chunk is None else chunk)
        self._pending: list[T] = []
        self._chunks: list[int] = []  # where each chunk starts
        self._by_id: dict[str, int] = {}  # where each stored result starts

    def add(self, result: T) -> None:
        """Append a record (written out with the next full chunk)."""
        self._pending.append(result)
        if len(self._pending) >= self._chunk:
            self._write_chunk()

    def _write_chunk(self) -> None:
        """Write the pending results as one pickled chunk at the end of the file."""
        self._handle.seek(0, os.SEEK_END)
        self._chunks.append(self._handle.tell())
        pickle.dump(self._pending, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending = []

    def __iter__(self) -> Iterator[T]:
        """The appended records in order, a chunk in memory at a time."""
        if self._pending:
            self._write_chunk()
        self._handle.flush()
        for offset in self._chunks:
            self._handle.seek(offset)
            chunk = pickle.load(self._handle)
            chunk.reverse()
            while chunk:  # each result let go of once used
                yield chunk.pop()

    def put(self, article_id: str, result: T) -> None:
        """Store a record under an article id (a later one replaces it)."""
        self._handle.seek(0, os.SEEK_END)
        self._by_id[article_id] = self._handle.tell()
        pickle.dump(result, self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def __contains__(self, article_id: object) -> bool:
        """Whether a result is stored under this id."""
        return article_id in self._by_id

    def get(self, article_id: str) -> T | None:
        """The record stored under an article id, or None."""
        offset = self._by_id.get(article_id)
        if offset is None:
            return None
        self._handle.flush()
        self._handle.seek(offset)
        return pickle.load(self._handle)

    def close(self) -> None:
        """Close and remove the spool file."""
        self._pending = []
        self._handle.close()
        self.path.unlink(missing_ok=True)


@dataclass
class ParseSpools:
    """The parse stage's files: every article's result as first read, its standalone lines, articles read again, fingerprints."""

    results: ResultSpool[ArticleResult]
    lines: ResultSpool[tuple[str, tuple[tuple[str, str], ...]]]
    redone: ResultSpool[ArticleResult]
    redone_lines: ResultSpool[tuple[tuple[str, str], ...]]  # the standalone lines of the articles read again, by id
    fingerprints: dedup.FingerprintStore
    first_published: date | None = None  # what an undated article's history is measured from


@contextmanager
def parse_spools(processed_dir: Path, chunk: int | None = None) -> Iterator[ParseSpools]:
    """Spools under the processed folder's interim/, removed afterwards (also on error)."""
    folder = Path(processed_dir) / INTERIM
    opened: list[ResultSpool | dedup.FingerprintStore] = []
    try:
        for _ in range(4):
            opened.append(ResultSpool(folder, chunk))
        opened.append(dedup.FingerprintStore(folder))
        yield ParseSpools(*opened)  # type: ignore[arg-type]
    finally:
        for spool in opened:
            spool.close()


def _bulky(result: ArticleResult) -> ArticleResult:
    """What the tables need of a result: the article, mentions, tallies and standalone lines (no fingerprint)."""
    return ArticleResult(article=result.article, mentions=result.mentions, tallies=result.tallies,
                         line_keys=result.line_keys, warnings=result.warnings)


def _shared(value: object, seen: dict) -> object:
    """One object for equal small values repeated across articles (statuses, dates, precisions)."""
    return seen.setdefault(value, value)


def _digest_bytes(content_hash: str) -> bytes | str:
    """A hex digest as its bytes (anything else as it is)."""
    try:
        raw = bytes.fromhex(content_hash)
    except ValueError:
        return content_hash
    return raw if raw.hex() == content_hash else content_hash


def compact_record(result: ArticleResult, fingerprints: dedup.FingerprintStore, seen: dict) -> CorpusRecord:
    """The compact record of a result; a readable article's fingerprint goes to the store."""
    a = result.article
    readable = a.status.startswith("ok") and bool(a.content_hash)
    return CorpusRecord(
        article_id=a.article_id,
        path=a.path,
        status=_shared(a.status, seen),  # type: ignore[arg-type]
        content_hash=_digest_bytes(a.content_hash),
        published=_shared(a.published, seen),  # type: ignore[arg-type]
        published_precision=_shared(a.published_precision, seen),  # type: ignore[arg-type]
        month_days=result.month_days,
        line_digests=corpus.line_digests(result.line_keys),
        fingerprint=fingerprints.add(result.sketch, result.bands) if readable else -1,
        deferred=result.deferred,
    )


def spool_results(results: Iterable[ArticleResult], spools: ParseSpools) -> CorpusIndex:
    """Spool each result's mentions, tallies and standalone lines to disk, keeping its compact record and fingerprint."""
    index = CorpusIndex([], spools.fingerprints)
    seen: dict = {}
    for r in results:
        index.records.append(compact_record(r, index.fingerprints, seen))
        spools.results.add(_bulky(r))
        spools.lines.add((r.article.article_id, r.line_keys))
    return index


def find_duplicates(index: CorpusIndex) -> dict[str, str]:
    """The near-duplicate stage: map each copied article to the original of its story (the store's band keys are dropped)."""
    return dedup.find_duplicates_in(index.records, index.fingerprints)


def date_from_corpus(
    index: CorpusIndex,
    duplicates: dict[str, str],
    sources: Sequence[reading.SourceFile],
    redone: ResultSpool[ArticleResult],
    redone_lines: ResultSpool[tuple[tuple[str, str], ...]],
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
    file_budget: float | None = DEFAULT_FILE_BUDGET,
    pool: ProcessPoolExecutor | None = None,
) -> None:
    """The corpus-dating stage: date undated articles, then extract the ones the first pass deferred (with the date
    found, else undated) and re-extract the ones it did not, with their dates, into `redone` (their standalone
    lines into `redone_lines`)."""
    found = corpus.date_undated(index.records, duplicates)
    by_path: dict[str, dict[str, corpus.CorpusDate | None]] = {}
    for r in index.records:
        if r.article_id in found or r.deferred:
            by_path.setdefault(r.path, {})[r.article_id] = found.get(r.article_id)
    jobs = [batch.RedateJob(src, by_path[src.rel]) for src in sources if src.rel in by_path]
    del found, by_path
    digests: dict[str, bytes] = {}  # 8 bytes a line: the lines themselves wait on disk for the banner pass
    for batch_results in map_ordered(
        functools.partial(batch.redate_source, budget=file_budget), jobs, workers=workers, dask_address=dask_address or None,
        progress="Dating articles" if progress else False, total=len(jobs), pool=pool,
    ) if jobs else ():
        for r in batch_results:
            redone.put(r.article.article_id, _bulky(r))
            redone_lines.put(r.article.article_id, r.line_keys)
            digests[r.article.article_id] = corpus.line_digests(r.line_keys)
    for record in index.records:  # the banner pass reads the digests of the new reading's lines
        if record.article_id in digests:
            record.line_digests = digests[record.article_id]


def find_banners(index: CorpusIndex, duplicates: dict[str, str], spools: ParseSpools) -> frozenset[str]:
    """The banner pass: standalone lines of many independent articles, found by digest, then confirmed on the spooled lines."""
    candidates = corpus.banner_candidates(index.records, duplicates)
    if not candidates:
        return frozenset()
    redone = spools.redone_lines
    lines = ((article_id, redone.get(article_id) if article_id in redone else keys) for article_id, keys in spools.lines)
    return corpus.banner_lines(lines, duplicates, candidates)


def _as_history(mention: Mention, first_published: date | None) -> Mention:
    """An undated article's mention as history when it ends long before the corpus's first publication, else itself."""
    return replace(mention, modality="past") if is_history(mention.modality, mention.date_high, first_published) \
        else mention


def final_results(spools: ParseSpools) -> Iterator[ArticleResult]:
    """The spooled results in reading order, re-dated ones replaced, readable undated ones warned."""
    for r in spools.results:
        new = spools.redone.get(r.article.article_id) if r.article.article_id in spools.redone else None
        if new is not None:
            if new.article.published is None:
                new.mentions = [_as_history(m, spools.first_published) for m in new.mentions]
            yield new
        elif r.article.published is None and r.article.status.startswith("ok"):
            r.article = corpus.undated_warning(r.article)
            r.mentions = [_as_history(m, spools.first_published) for m in r.mentions]
            yield r
        else:
            yield r


def _no_lap(stage: str) -> None:
    """Note nothing at the end of a stage (the default of `lap`)."""


def parse_corpus(
    raw_dir: Path,
    processed_dir: Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
    file_budget: float | None = DEFAULT_FILE_BUDGET,
    lap: Callable[[str], None] = _no_lap,
) -> ParseSummary:
    """Read every raw file into articles.csv and the interim mention and tally tables, spooling results to disk
    (lap: called with each stage's name as it ends, as the benchmark times them)."""
    raw_dir, processed_dir = Path(raw_dir), Path(processed_dir)
    check_folders(raw_dir, processed_dir)
    sources = reading.discover_files(raw_dir)
    n_files = len(sources)
    with parse_spools(processed_dir) as spools:
        with worker_pool(workers or None, dask_address=dask_address) as pool:  # one pool, started while this process is small
            index = spool_results(iter_results(raw_dir, workers=workers or None, dask_address=dask_address,
                                               progress=progress, sources=sources, file_budget=file_budget, pool=pool),
                                  spools)
            lap("read+extract")
            duplicates = find_duplicates(index)
            lap("near-duplicates")
            date_from_corpus(index, duplicates, sources, spools.redone, spools.redone_lines, workers=workers or None,
                                            dask_address=dask_address, progress=progress, file_budget=file_budget,
                                            pool=pool)
        del sources  # a million source entries are half a gigabyte the tables do not need
        lap("corpus dating")
        banners = find_banners(index, duplicates, spools)
        n_articles = len(index.records)
        spools.first_published = corpus.first_publication(index.records)
        del index  # the spools hold everything the tables need
        release_freed_memory()
        written = write_parse_tables(processed_dir, spools, duplicates, banners, parquet=n_articles >= PARQUET_FROM_ARTICLES)
    release_freed_memory()
    lap("parse tables")
    return ParseSummary(
        n_files=n_files,
        n_articles=written.n_articles,
        n_ok=written.n_ok,
        n_skipped=written.n_articles - written.n_ok,
        n_duplicates=len(duplicates),
        n_mentions=written.n_mentions,
        n_tallies=written.n_tallies,
        outputs=tuple(str(p) for p in written.outputs),
    )


def corpus_rows(
    result: ArticleResult, duplicates: dict[str, str], banners: frozenset[str]
) -> tuple[dict[str, object], list[Mention], list[Tally]]:
    """An article's row, kept mentions and tallies, with a copy marked and banner lines dropped."""
    article = result.article
    if article.article_id in duplicates:
        article = replace(article, duplicate_of=duplicates[article.article_id])
    dropped = {mid for mid, key in result.line_keys if key in banners}
    kept = [m for m in result.mentions if m.mention_id not in dropped]
    if dropped:
        article = replace(
            article,
            n_boilerplate=article.n_boilerplate + len(dropped),
            warnings=article.warnings + (f"{len(dropped)} line(s) repeated across the corpus read as boilerplate",),
        )
    return article_row(article, n_mentions=len(kept)), kept, result.tallies


@dataclass(frozen=True)
class ParseTables:
    """What writing the parse tables wrote: row counts and the files."""

    n_articles: int
    n_ok: int
    n_mentions: int
    n_tallies: int
    outputs: list[Path]


PARSE_TABLES: tuple[tuple[str, list[str]], ...] = (
    ("articles", ARTICLE_COLUMNS), ("mentions_raw", MENTION_COLUMNS), ("tallies_raw", TALLY_COLUMNS))
# The tables written by each reading of the spool: the mentions alone, so one large table's row group is held at a time.
TABLE_PASSES: tuple[tuple[str, ...], ...] = (("articles", "tallies_raw"), ("mentions_raw",))


def _stream_tables(processed_dir: Path, spools: ParseSpools, duplicates: dict[str, str], banners: frozenset[str],
                   names: Sequence[str], parquet: bool,
                   valued: dict[str, frozenset[str]] | None) -> tuple[dict[str, StreamedTable], int]:
    """Write the named parse tables into temporary files in one reading of the spools; return them and the readable count."""
    tables: dict[str, StreamedTable] = {}
    try:
        for name, columns in PARSE_TABLES:
            if name in names:
                folder = Path(processed_dir) if name == "articles" else Path(processed_dir) / INTERIM
                tables[name] = StreamedTable(folder, name, columns, parquet=parquet, valued=(valued or {}).get(name))
        rows: dict[str, list] = {name: [] for name in tables}
        n_ok = 0
        for result in final_results(spools):
            article, mentions, tallies = corpus_rows(result, duplicates, banners)
            n_ok += str(article["status"]).startswith("ok")
            for name, new in (("articles", (article,)), ("mentions_raw", mentions), ("tallies_raw", tallies)):
                pending = rows.get(name)
                if pending is not None:
                    pending.extend(new)
                    if len(pending) >= FRAME_CHUNK:
                        tables[name].add(pending)
                        pending.clear()
        for name, pending in rows.items():
            tables[name].add(pending)
            pending.clear()
            tables[name].finish()
    except BaseException:
        for table in tables.values():
            table.discard()
        raise
    return tables, n_ok


def _table_pass(processed_dir: Path, spools: ParseSpools, duplicates: dict[str, str], banners: frozenset[str],
                names: Sequence[str], parquet: bool) -> tuple[dict[str, StreamedTable], int]:
    """Write the named tables; once more, knowing their columns, when a Parquet schema guessed from the first row group failed."""
    tables, n_ok = _stream_tables(processed_dir, spools, duplicates, banners, names, parquet, None)
    if any(t.guessed_wrong for t in tables.values()):
        valued = {name: frozenset(t.seen_valued) for name, t in tables.items()}
        for table in tables.values():
            table.discard()
        tables, n_ok = _stream_tables(processed_dir, spools, duplicates, banners, names, parquet, valued)
    return tables, n_ok


def write_parse_tables(processed_dir: Path, spools: ParseSpools, duplicates: dict[str, str], banners: frozenset[str],
                       *, parquet: bool) -> ParseTables:
    """Write articles.csv and the interim mention and tally tables (Parquet too when asked) from the spooled results.

    All are written to temporary files first, then renamed, as write_tables does.
    """
    done: dict[str, StreamedTable] = {}
    n_ok = 0
    try:
        with paused_gc():
            for names in TABLE_PASSES:
                tables, readable = _table_pass(processed_dir, spools, duplicates, banners, names, parquet)
                done.update(tables)
                n_ok = readable
    except BaseException:
        for table in done.values():
            table.discard()
        raise
    articles, mentions, tallies = (done[name] for name, _ in PARSE_TABLES)
    return ParseTables(articles.rows, n_ok, mentions.rows, tallies.rows, commit_streamed([articles, mentions, tallies]))


def frame_consuming(records: list, columns: list[str]) -> pd.DataFrame:
    """Build a table from records a chunk at a time, emptying the list as it goes (records and rows never all held twice)."""
    if not records:
        return records_frame([], columns)
    frames = []
    while records:
        start = max(0, len(records) - FRAME_CHUNK)
        frames.append(records_frame(records[start:], columns))
        del records[start:]
    frames.reverse()
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _parse_day(text: str) -> date | None:
    """Read an optional ISO day parameter ('' means no limit)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date {text!r} is not ISO YYYY-MM-DD") from None


def in_window(low: date | None, high: date | None, start: date | None, end: date | None) -> bool:
    """Whether a date range (open below when low is None) meets the [start, end] window."""
    if start and high and high < start:
        return False
    if end and (low or high) and (low or high) > end:  # type: ignore[operator]
        return False
    return True


@dataclass
class TabulateInput:
    """What the tabulate stage reads: mentions and tallies in the window, copies and date precisions."""

    n_articles: int
    mentions: list[Mention]
    tallies: list[Tally]
    sources: dict[str, str]
    precisions: dict[str, str] | None


def load_for_tabulate(processed_dir: Path, *, start_date: str = "", end_date: str = "") -> TabulateInput:
    """Read the parse stage's tables back as records, keeping the mentions and tallies in the window."""
    processed_dir = Path(processed_dir)
    interim = processed_dir / INTERIM
    if not (interim / "mentions_raw.csv").exists():
        raise FileNotFoundError(f"{interim / 'mentions_raw.csv'} is missing: run the parse step first (notebook 01_parse)")
    start, end = _parse_day(start_date), _parse_day(end_date)
    articles = read_table(processed_dir, "articles")
    sources = {
        str(a): str(d)
        for a, d in zip(articles.get("article_id", []), articles.get("duplicate_of", []))
        if isinstance(d, str) and d
    }
    mentions = [m for m in mentions_from_frame(read_table(interim, "mentions_raw")) if in_window(m.date_low, m.date_high, start, end)]
    tallies = [t for t in tallies_from_frame(read_table(interim, "tallies_raw")) if in_window(t.date, t.date, start, end)]
    precisions = {
        str(a): str(p)
        for a, p in zip(articles.get("article_id", []), articles.get("published_precision", []))
        if isinstance(p, str) and p
    }
    return TabulateInput(len(articles), mentions, tallies, sources, precisions if "published_precision" in articles else None)


def merge_events(data: TabulateInput) -> tuple[list[Mention], list[Event]]:
    """The merge stage: mark word-for-word repeats, merge mentions into events, tell each mention its event."""
    mentions = merge.mark_repeats(data.mentions, data.sources)
    events = merge.merge_mentions([m for m in mentions if not m.repeat_of], data.sources, data.precisions)
    return merge.assign_events(mentions, events), events


def write_tabulated(processed_dir: Path, data: TabulateInput, mentions: list[Mention], events: list[Event]) -> list[Path]:
    """Write mentions, events and tallies tables (Parquet too for large corpora)."""
    return write_tables(
        {
            "mentions": frame_consuming(sorted(mentions, key=lambda m: (m.article_id, m.char_start, m.mention_id)), MENTION_COLUMNS),
            "events": records_frame(events, EVENT_COLUMNS),
            "tallies": records_frame(data.tallies, TALLY_COLUMNS),
        },
        Path(processed_dir),
        parquet=data.n_articles >= PARQUET_FROM_ARTICLES,
    )


def merge_streamed(processed_dir: Path, *, start_date: str = "", end_date: str = "",
                   chunk: int = streamed.MENTION_CHUNK) -> streamed.MergeStage | None:
    """The streamed merge stage (see analysis/tabulate/streamed.py); None when the interim mentions do not allow it."""
    processed_dir = Path(processed_dir)
    interim = processed_dir / INTERIM
    if not (interim / "mentions_raw.csv").exists():
        raise FileNotFoundError(f"{interim / 'mentions_raw.csv'} is missing: run the parse step first (notebook 01_parse)")
    window = streamed.Window(_parse_day(start_date), _parse_day(end_date))
    try:
        with paused_gc():
            return streamed.merge_streamed(processed_dir, window, chunk)
    except streamed.NotStreamable:
        return None


def write_streamed(stage: streamed.MergeStage, chunk: int = streamed.MENTION_CHUNK) -> TabulateSummary:
    """Write the tables of a streamed merge stage; the summary tabulate_events returns (outputs without corrections)."""
    with paused_gc():
        done = streamed.write_streamed(stage, parquet_from=PARQUET_FROM_ARTICLES, chunk=chunk)
    return TabulateSummary(n_mentions=done.n_mentions, n_events=done.n_events, events_by_type=done.events_by_type,
                           n_disputed=done.n_disputed, n_tallies=done.n_tallies, outputs=tuple(str(p) for p in done.outputs))


def write_review_tables(processed_dir: Path, chunk: int = streamed.MENTION_CHUNK) -> list[Path]:
    """Write the review tables from the final events and mentions of processed_dir, read a chunk at a time."""
    return review_tables.write_review(processed_dir, review_tables.review_of_folder(processed_dir, chunk))


def tabulate_events(processed_dir: Path, *, start_date: str = "", end_date: str = "", corrections_path: str = "",
                    chunk: int = streamed.MENTION_CHUNK, lap: Callable[[str], None] = _no_lap) -> TabulateSummary:
    """Merge the interim mentions into events and write mentions, events and tallies tables, apply the corrections,
    then write the review tables the report reads instead of the mentions (lap: called as "merge" and "event
    tables" end).

    In bounded memory, a chunk of interim mentions at a time; all in memory when the interim mentions are
    not in table order or repeat a mention id.
    """
    stage = merge_streamed(processed_dir, start_date=start_date, end_date=end_date, chunk=chunk)
    if stage is not None:
        lap("merge")
        summary = write_streamed(stage, chunk)
        del stage
        release_freed_memory()
        corrections.correct_tables(processed_dir, corrections_path)
        written = write_review_tables(processed_dir, chunk)
        lap("event tables")
        return replace(summary, outputs=summary.outputs + tuple(str(p) for p in written))
    return tabulate_in_memory(processed_dir, start_date=start_date, end_date=end_date, corrections_path=corrections_path,
                              lap=lap)


def tabulate_in_memory(processed_dir: Path, *, start_date: str = "", end_date: str = "", corrections_path: str = "",
                       lap: Callable[[str], None] = _no_lap) -> TabulateSummary:
    """The tabulate stage with every mention in memory: the reference the streamed stage is checked against."""
    data = load_for_tabulate(processed_dir, start_date=start_date, end_date=end_date)
    release_freed_memory()
    mentions, events = merge_events(data)
    lap("merge")
    outputs = write_tabulated(processed_dir, data, mentions, events)
    corrections.correct_tables(processed_dir, corrections_path)
    by_type = Counter(e.event_type for e in events)
    summary = TabulateSummary(
        n_mentions=len(mentions),
        n_events=len(events),
        events_by_type=dict(sorted(by_type.items())),
        n_disputed=sum(1 for e in events if e.status == "disputed"),
        n_tallies=len(data.tallies),
        outputs=tuple(str(p) for p in outputs),
    )
    del data, mentions, events
    facts = review_tables.review_of_tables(read_table(processed_dir, "events"), read_table(processed_dir, "mentions"))
    written = review_tables.write_review(processed_dir, facts)
    lap("event tables")
    return replace(summary, outputs=summary.outputs + tuple(str(p) for p in written))
