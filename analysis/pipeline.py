"""The pipeline's two stages: parse (raw files to articles and mentions) and tabulate (mentions to events)."""

from __future__ import annotations

import dataclasses
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from analysis.extract import dates
from analysis.extract import events as extract
from analysis.ingest import cleaning
from analysis.ingest import duplicates as dedup
from analysis.ingest import files as reading
from analysis.tabulate import corrections, merge
from analysis.tabulate.tables import read_table
from analysis.parallel import map_ordered
from analysis.records import Article, ArticleResult, Event, Mention, Tally
from analysis.tabulate.tables import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    TALLY_COLUMNS,
    article_row,
    records_frame,
    write_tables,
)

INTERIM = "interim"
PARQUET_FROM_ARTICLES = 1000  # corpora at least this large also get Parquet tables


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


def process_source(src: reading.SourceFile) -> list[ArticleResult]:
    """Read, clean and extract one input file; never raises (problems become statuses)."""
    results: list[ArticleResult] = []
    try:
        documents = reading.read_source(src)
    except Exception as error:  # a reader bug must not lose the file
        article = Article(article_id=Path(src.rel).stem, path=src.rel, status=f"skipped: read error ({type(error).__name__}: {error})")
        return [ArticleResult(article=article)]
    for doc in documents:
        try:
            article = cleaning.clean_document(doc)
        except Exception as error:
            article = Article(article_id=doc.article_id, path=doc.path, status=f"skipped: cleaning error ({type(error).__name__}: {error})")
            results.append(ArticleResult(article=article))
            continue
        results.append(_extract(article))
    return results


def _extract(article: Article) -> ArticleResult:
    """Extract mentions from a cleaned article and keep only what the corpus pass needs."""
    if not article.status.startswith("ok"):
        return ArticleResult(article=article)
    try:
        result = extract.extract_article(article)
    except Exception as error:
        warnings = article.warnings + (f"extraction error ({type(error).__name__}: {error})",)
        result = ArticleResult(article=replace(article, warnings=warnings))
    result.sketch = dedup.sketch(article)
    result.line_keys = _standalone_mention_lines(article, result.mentions)
    if article.published is None:
        result.month_days = anchored_month_days(article)
    else:
        # The text is not needed after extraction: drop it so memory follows events, not the corpus.
        result.article = _light(article)
    return result


_ANCHOR = re.compile(r"\b(?:on|late on|early on|by|since|on the (?:morning|afternoon|evening|night) of)\s+$", re.I)


def anchored_month_days(article: Article) -> tuple[tuple[int, int], ...]:
    """Year-less month-days that date something ("on July 7"), else every month-day, in text order.

    A deadline or an anniversary ("a deadline of September 11") says little about when an
    article was written; a day something happened on does.
    """
    anchored: list[tuple[int, int]] = []
    every: list[tuple[int, int]] = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        for month, day, start, _ in dates.find_month_days(text):
            every.append((int(month), int(day)))
            if _ANCHOR.search(text[max(0, start - 40) : start]):
                anchored.append((int(month), int(day)))
    return tuple(anchored or every)


_MAX_LINE_WORDS = 30


def _standalone_mention_lines(article: Article, mentions: list[Mention]) -> tuple[tuple[str, str], ...]:
    """(mention_id, line key) for mentions whose sentence is a whole short line (a possible banner)."""
    out = []
    for m in mentions:
        line_start = article.text.rfind("\n", 0, m.char_start) + 1
        line_end = article.text.find("\n", m.char_end)
        line = article.text[line_start : len(article.text) if line_end < 0 else line_end]
        if line.strip() == m.sentence.strip() and len(line.split()) <= _MAX_LINE_WORDS:
            out.append((m.mention_id, cleaning.line_key(line)))
    return tuple(out)


def corpus_banner_lines(results: list[ArticleResult], sources: dict[str, str], min_sources: int = 4) -> frozenset[str]:
    """Line keys that stand alone in at least `min_sources` independent articles: corpus boilerplate."""
    seen: dict[str, set[str]] = {}
    for r in results:
        source = sources.get(r.article.article_id, r.article.article_id)
        for _, key in r.line_keys:
            seen.setdefault(key, set()).add(source)
    return frozenset(k for k, found in seen.items() if len(found) >= min_sources)


def _light(article: Article) -> Article:
    """The article without its text and sentences (their count kept), once extraction is done."""
    return replace(article, text="", sentences=(), n_sentences=len(article.sentences) if article.n_sentences < 0 else article.n_sentences)


def _corpus_year(results: Iterable[ArticleResult]) -> int | None:
    """Return the most common publication year among dated articles (latest on ties)."""
    years = Counter(r.article.published.year for r in results if r.article.published)
    if not years:
        return None
    return max(years.items(), key=lambda item: (item[1], item[0]))[0]


def _date_from_corpus(result: ArticleResult, year: int | None) -> ArticleResult:
    """Date an undated article by its latest month-day in the corpus year, then re-extract it."""
    article = result.article
    if article.published is not None or not article.status.startswith("ok"):
        return result
    if year is None or not result.month_days:
        warnings = article.warnings if any("no date" in w for w in article.warnings) else article.warnings + ("no date found",)
        updated = _light(replace(article, warnings=warnings))
        return ArticleResult(article=updated, mentions=result.mentions, tallies=result.tallies, sketch=result.sketch, line_keys=result.line_keys)
    candidates = []
    for month, day in result.month_days:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return ArticleResult(article=_light(article), mentions=result.mentions, tallies=result.tallies, sketch=result.sketch, line_keys=result.line_keys)
    warnings = tuple(w for w in article.warnings if w != "no date found") + (
        f"publication date inferred from the corpus: latest dated day in the text with the corpus year {year}",
    )
    dated = replace(article, published=max(candidates), published_precision="day", published_source="corpus", warnings=warnings)
    redone = _extract(dated)
    redone.sketch = result.sketch
    return redone


def iter_results(
    raw_dir: Path, *, workers: int | None = None, dask_address: str | None = None, progress: bool = True
) -> Iterator[ArticleResult]:
    """Stream the read+extract stage over every file under raw_dir, in a stable order."""
    sources = reading.discover_files(raw_dir)
    for batch in map_ordered(
        process_source,
        sources,
        workers=workers,
        dask_address=dask_address or None,
        progress="Reading articles" if progress else False,
        total=len(sources),
    ):
        yield from batch


def parse_corpus(
    raw_dir: Path,
    processed_dir: Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool = True,
) -> ParseSummary:
    """Read every raw file into articles.csv and the interim mention and tally tables."""
    raw_dir, processed_dir = Path(raw_dir), Path(processed_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist: put article files there or pass --raw DIR")
    n_files = len(reading.discover_files(raw_dir))
    results = list(iter_results(raw_dir, workers=workers or None, dask_address=dask_address, progress=progress))
    year = _corpus_year(results)
    results = [_date_from_corpus(r, year) for r in results]

    duplicates = dedup.find_duplicates(
        (r.article.article_id, r.article.content_hash, r.sketch)
        for r in results
        if r.article.status.startswith("ok") and r.article.content_hash
    )
    banners = corpus_banner_lines(results, duplicates)
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

    n_ok = sum(1 for a in articles if str(a["status"]).startswith("ok"))
    interim = processed_dir / INTERIM
    parquet = len(articles) >= PARQUET_FROM_ARTICLES
    outputs = write_tables({"articles": records_frame(articles, ARTICLE_COLUMNS)}, processed_dir, parquet=parquet)
    outputs += write_tables(
        {
            "mentions_raw": records_frame(mentions, MENTION_COLUMNS),
            "tallies_raw": records_frame(tallies, TALLY_COLUMNS),
        },
        interim,
        parquet=parquet,
    )
    return ParseSummary(
        n_files=n_files,
        n_articles=len(articles),
        n_ok=n_ok,
        n_skipped=len(articles) - n_ok,
        n_duplicates=len(duplicates),
        n_mentions=len(mentions),
        n_tallies=len(tallies),
        outputs=tuple(str(p) for p in outputs),
    )


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
    return [_record_from_row(Mention, row) for row in frame.to_dict("records")]  # type: ignore[misc]


def tallies_from_frame(frame: pd.DataFrame) -> list[Tally]:
    """Rebuild Tally records from a tallies table."""
    return [_record_from_row(Tally, row) for row in frame.to_dict("records")]  # type: ignore[misc]


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


_SPACE = re.compile(r"\W+")


def mark_repeats(mentions: list[Mention], sources: dict[str, str]) -> list[Mention]:
    """Mark a mention whose sentence another source already printed word for word (syndicated copy)."""
    first: dict[tuple[str, str, str, str], Mention] = {}
    marked: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.article_id, m.char_start, m.mention_id)):
        key = (m.event_type, m.place, m.destination, _SPACE.sub(" ", m.sentence.lower()).strip())
        seen = first.get(key)
        if seen is not None and sources.get(m.article_id, m.article_id) != sources.get(seen.article_id, seen.article_id):
            marked.append(replace(m, repeat_of=seen.mention_id))
            continue
        first.setdefault(key, m)
        marked.append(m)
    return marked


def tabulate_events(processed_dir: Path, *, start_date: str = "", end_date: str = "", corrections_path: str = "") -> TabulateSummary:
    """Merge the interim mentions into events and write mentions, events and tallies tables."""
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
    mentions = mark_repeats(mentions, sources)
    tallies = [t for t in tallies_from_frame(read_table(interim, "tallies_raw")) if in_window(t.date, t.date, start, end)]
    precisions = {
        str(a): str(p)
        for a, p in zip(articles.get("article_id", []), articles.get("published_precision", []))
        if isinstance(p, str) and p
    }
    events: list[Event] = merge.merge_mentions(
        [m for m in mentions if not m.repeat_of], sources, precisions if "published_precision" in articles else None
    )
    parquet = len(articles) >= PARQUET_FROM_ARTICLES
    outputs = write_tables(
        {
            "mentions": records_frame(sorted(mentions, key=lambda m: (m.article_id, m.char_start, m.mention_id)), MENTION_COLUMNS),
            "events": records_frame(events, EVENT_COLUMNS),
            "tallies": records_frame(tallies, TALLY_COLUMNS),
        },
        processed_dir,
        parquet=parquet,
    )
    corrections.correct_tables(processed_dir, corrections_path)
    by_type = Counter(e.event_type for e in events)
    return TabulateSummary(
        n_mentions=len(mentions),
        n_events=len(events),
        events_by_type=dict(sorted(by_type.items())),
        n_disputed=sum(1 for e in events if e.status == "disputed"),
        n_tallies=len(tallies),
        outputs=tuple(str(p) for p in outputs),
    )


def progress_enabled() -> bool:
    """Whether to draw progress bars (only when someone is watching a terminal)."""
    return sys.stderr.isatty()
