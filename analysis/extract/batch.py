"""The read+extract stage for one input file: read, clean, extract, and keep only compact records.

Runs inside workers (one process, a pool, or Dask). What comes back per article is the article
without its text, its mentions and tallies, its near-duplicate fingerprint, the month-days an
undated article could be dated by, and its standalone short lines; the corpus passes need nothing
else. An article dated later by a corpus pass is read again from its file (`redate_source`), so
no text is ever held for the whole corpus. The pipeline's first pass leaves undated articles
unextracted (`defer_undated`): their mentions depend on the date the corpus pass gives them, so
they are extracted once, in that pass, with it or, when none is found, without one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.extract import events as extract
from analysis.ingest import cleaning
from analysis.ingest import corpus
from analysis.ingest import duplicates as dedup
from analysis.ingest import files as reading
from analysis.ingest.normalise import restore_offsets
from analysis.parallel import DEFAULT_FILE_BUDGET, BudgetExceeded, budget_text, time_limit
from analysis.records import Article, ArticleResult


@dataclass(frozen=True)
class RedateJob:
    """One file to read again, with the articles to extract: the publication date found for each, or None."""

    source: reading.SourceFile
    dates: dict[str, corpus.CorpusDate | None] = field(default_factory=dict)


def _documents(src: reading.SourceFile, budget: float | None) -> list[reading.RawDocument] | Article:
    """Read one file into documents within the budget; a failure becomes a skipped article."""
    try:
        with time_limit(budget):
            return reading.read_source(src)
    except BudgetExceeded:
        return Article(article_id=src.article_id or Path(src.rel).stem, path=reading.display_path(src.rel),
                       status=budget_text(budget or 0))
    except Exception as error:  # a reader bug must not lose the file
        return Article(article_id=Path(src.rel).stem, path=src.rel,
                       status=f"skipped: read error ({type(error).__name__}: {error})")


def _clean(doc: reading.RawDocument) -> Article:
    """Clean one document; a failure becomes a skipped article, never an exception."""
    try:
        return cleaning.clean_document(doc)
    except Exception as error:
        return Article(article_id=doc.article_id, path=doc.path,
                       status=f"skipped: cleaning error ({type(error).__name__}: {error})")


def read_articles(src: reading.SourceFile, budget: float | None = None) -> list[Article]:
    """Read and clean one file into articles (skipped ones included), without extracting."""
    documents = _documents(src, budget)
    return [documents] if isinstance(documents, Article) else [_clean(doc) for doc in documents]


def _over_budget(doc: reading.RawDocument, budget: float | None) -> ArticleResult:
    """The result of an article whose cleaning and extraction ran past the budget."""
    return ArticleResult(article=Article(article_id=doc.article_id, path=doc.path, status=budget_text(budget or 0),
                                         fmt=doc.fmt, encoding=doc.encoding, url=doc.url))


def light(article: Article) -> Article:
    """The article without its text and sentences (their count kept), once extraction is done."""
    n = len(article.sentences) if article.n_sentences < 0 else article.n_sentences
    return replace(article, text="", sentences=(), offset_map=(), n_sentences=n)


def extract_compact(article: Article, defer_undated: bool = False, fingerprint: bool = True) -> ArticleResult:
    """Extract one cleaned article and return its compact result (text dropped); an undated one only fingerprinted when
    deferred; no fingerprint when asked not to (the corpus pass that needs it has run)."""
    if not article.status.startswith("ok"):
        return ArticleResult(article=article)
    try:
        if defer_undated and article.published is None:
            result = ArticleResult(article=article, deferred=True)
        else:
            result = extract.extract_article(article)
    except Exception as error:
        warnings = article.warnings + (f"extraction error ({type(error).__name__}: {error})",)
        result = ArticleResult(article=replace(article, warnings=warnings))
    if result.warnings:  # what the extractor could not read (an unknown list item) belongs to the article
        result.article = replace(result.article, warnings=result.article.warnings + tuple(
            w for w in result.warnings if w not in result.article.warnings))
    if fingerprint:
        fp = dedup.fingerprint(article)
        result.sketch, result.bands = dedup.pack(fp.sketch), dedup.pack(fp.bands)  # 8 bytes a value, not a Python int
    result.line_keys = corpus.standalone_lines(article, result.mentions)
    result = restore_offsets(result, article.offset_map)  # offsets into the text as read
    if article.published is None:
        result.month_days = corpus.dating_month_days(article)
    result.article = light(result.article)
    return result


def process_source(src: reading.SourceFile, budget: float | None = DEFAULT_FILE_BUDGET,
                   defer_undated: bool = False) -> list[ArticleResult]:
    """Read, clean and extract one input file, each step within `budget` seconds; never raises."""
    documents = _documents(src, budget)
    if isinstance(documents, Article):
        return [ArticleResult(article=documents)]
    results = []
    for doc in documents:
        try:
            with time_limit(budget):
                result = extract_compact(_clean(doc), defer_undated)
        except BudgetExceeded:  # (also when the block ended past its budget: the result is dropped, one row kept)
            result = _over_budget(doc, budget)
        results.append(result)
    return results


def redate_source(job: RedateJob, budget: float | None = DEFAULT_FILE_BUDGET) -> list[ArticleResult]:
    """Read a file again and extract the articles the first pass left undated: with the date a corpus pass found, else without."""
    documents = _documents(job.source, budget)
    if isinstance(documents, Article):
        return []
    out = []
    for doc in documents:
        if doc.article_id not in job.dates:
            continue
        result: ArticleResult | None = None
        try:
            with time_limit(budget):
                article = _clean(doc)
                found = job.dates[article.article_id]
                if article.published is None and article.status.startswith("ok"):
                    if found is not None:
                        warnings = tuple(w for w in article.warnings if w != "no date found") + (found.note,)
                        article = replace(article, published=found.published, published_precision=found.precision,
                                          published_source="corpus", warnings=warnings)
                    result = extract_compact(article, fingerprint=False)  # (near-copies were found already)
        except BudgetExceeded:  # (also when the block ended past its budget: one row, the skipped one)
            result = _over_budget(doc, budget)
        if result is not None:
            out.append(result)
    return out
