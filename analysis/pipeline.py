"""The pipeline's two stages: parse (raw files to articles and mentions) and tabulate (mentions to events)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd

from analysis.extract import batch
from analysis.extract.batch import process_source  # noqa: F401  (the read+extract stage's function)
from analysis.ingest import corpus
from analysis.ingest import duplicates as dedup
from analysis.ingest import files as reading
from analysis.tabulate import corrections, merge
from analysis.tabulate.tables import read_table
from analysis.ingest.folders import check_folders
from analysis.parallel import DEFAULT_FILE_BUDGET, map_ordered, release_freed_memory
from analysis.records import ArticleResult, Event, Mention, Tally
from analysis.tabulate.tables import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    TALLY_COLUMNS,
    article_row,
    mentions_from_frame,
    records_frame,
    tallies_from_frame,
    write_tables,
)

INTERIM = "interim"
PARQUET_FROM_ARTICLES = 1000  # corpora at least this large also get Parquet tables
FRAME_CHUNK = 20_000  # records turned into table rows at a time


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
) -> Iterator[ArticleResult]:
    """Stream the read+extract stage over every file under raw_dir, in a stable order."""
    sources = reading.discover_files(raw_dir) if sources is None else sources
    for results in map_ordered(
        functools.partial(batch.process_source, budget=file_budget),
        sources,
        workers=workers,
        dask_address=dask_address or None,
        progress="Reading articles" if progress else False,
        total=len(sources),
    ):
        yield from results


def find_duplicates(results: Sequence[ArticleResult]) -> dict[str, str]:
    """The near-duplicate stage: map each copied article to the original of its story."""
    return dedup.find_duplicates(
        (r.article.article_id, r.article.content_hash, r.sketch, r.bands)
        for r in results
        if r.article.status.startswith("ok") and r.article.content_hash
    )


def date_from_corpus(
    results: list[ArticleResult],
    duplicates: dict[str, str],
    sources: Sequence[reading.SourceFile],
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
    file_budget: float | None = DEFAULT_FILE_BUDGET,
) -> list[ArticleResult]:
    """The corpus-dating stage: date undated articles, then read and extract those again with their dates."""
    found = corpus.date_undated(results, duplicates)
    by_path: dict[str, dict[str, corpus.CorpusDate]] = {}
    for r in results:
        if r.article.article_id in found:
            by_path.setdefault(r.article.path, {})[r.article.article_id] = found[r.article.article_id]
    jobs = [batch.RedateJob(src, by_path[src.rel]) for src in sources if src.rel in by_path]
    redone: dict[str, ArticleResult] = {}
    if jobs:
        for batch_results in map_ordered(
            functools.partial(batch.redate_source, budget=file_budget), jobs, workers=workers, dask_address=dask_address or None,
            progress="Dating articles" if progress else False, total=len(jobs),
        ):
            for r in batch_results:
                redone[r.article.article_id] = r
    out = []
    for r in results:
        new = redone.get(r.article.article_id)
        if new is not None:
            out.append(new)
        elif r.article.published is None and r.article.status.startswith("ok"):
            r.article = corpus.undated_warning(r.article)
            out.append(r)
        else:
            out.append(r)
    return out


def parse_corpus(
    raw_dir: Path,
    processed_dir: Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
    file_budget: float | None = DEFAULT_FILE_BUDGET,
) -> ParseSummary:
    """Read every raw file into articles.csv and the interim mention and tally tables."""
    raw_dir, processed_dir = Path(raw_dir), Path(processed_dir)
    check_folders(raw_dir, processed_dir)
    sources = reading.discover_files(raw_dir)
    results = list(iter_results(raw_dir, workers=workers or None, dask_address=dask_address, progress=progress,
                                sources=sources, file_budget=file_budget))
    duplicates = find_duplicates(results)
    results = date_from_corpus(results, duplicates, sources, workers=workers or None, dask_address=dask_address,
                               progress=progress, file_budget=file_budget)
    banners = corpus.banner_lines(results, duplicates)
    articles, mentions, tallies = corpus_tables(results, duplicates, banners)
    del results  # the tables hold everything from here on
    release_freed_memory()
    n_articles, n_mentions, n_tallies = len(articles), len(mentions), len(tallies)
    n_ok = sum(1 for a in articles if str(a["status"]).startswith("ok"))
    outputs = write_parse_tables(processed_dir, articles, mentions, tallies)
    release_freed_memory()
    return ParseSummary(
        n_files=len(sources),
        n_articles=n_articles,
        n_ok=n_ok,
        n_skipped=n_articles - n_ok,
        n_duplicates=len(duplicates),
        n_mentions=n_mentions,
        n_tallies=n_tallies,
        outputs=tuple(str(p) for p in outputs),
    )


def corpus_tables(
    results: Sequence[ArticleResult], duplicates: dict[str, str], banners: frozenset[str]
) -> tuple[list[dict[str, object]], list[Mention], list[Tally]]:
    """Article rows, mentions and tallies of the corpus, with copies marked and banner lines dropped."""
    articles: list[dict[str, object]] = []
    mentions: list[Mention] = []
    tallies: list[Tally] = []
    for r in results:
        article = r.article
        if article.article_id in duplicates:
            article = replace(article, duplicate_of=duplicates[article.article_id])
        dropped = {mid for mid, key in r.line_keys if key in banners}
        kept = [m for m in r.mentions if m.mention_id not in dropped]
        if dropped:
            article = replace(
                article,
                n_boilerplate=article.n_boilerplate + len(dropped),
                warnings=article.warnings + (f"{len(dropped)} line(s) repeated across the corpus read as boilerplate",),
            )
        articles.append(article_row(article, n_mentions=len(kept)))
        mentions.extend(kept)
        tallies.extend(r.tallies)
    return articles, mentions, tallies


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


def write_parse_tables(processed_dir: Path, articles: list[dict[str, object]], mentions: list[Mention], tallies: list[Tally]) -> list[Path]:
    """Write articles.csv and the interim mention and tally tables (Parquet too for large corpora); empties the lists."""
    parquet = len(articles) >= PARQUET_FROM_ARTICLES
    outputs = write_tables({"articles": frame_consuming(articles, ARTICLE_COLUMNS)}, processed_dir, parquet=parquet)
    outputs += write_tables(
        {"mentions_raw": frame_consuming(mentions, MENTION_COLUMNS), "tallies_raw": frame_consuming(tallies, TALLY_COLUMNS)},
        processed_dir / INTERIM,
        parquet=parquet,
    )
    return outputs


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


def tabulate_events(processed_dir: Path, *, start_date: str = "", end_date: str = "", corrections_path: str = "") -> TabulateSummary:
    """Merge the interim mentions into events and write mentions, events and tallies tables."""
    data = load_for_tabulate(processed_dir, start_date=start_date, end_date=end_date)
    release_freed_memory()
    mentions, events = merge_events(data)
    outputs = write_tabulated(processed_dir, data, mentions, events)
    corrections.correct_tables(processed_dir, corrections_path)
    by_type = Counter(e.event_type for e in events)
    return TabulateSummary(
        n_mentions=len(mentions),
        n_events=len(events),
        events_by_type=dict(sorted(by_type.items())),
        n_disputed=sum(1 for e in events if e.status == "disputed"),
        n_tallies=len(data.tallies),
        outputs=tuple(str(p) for p in outputs),
    )
