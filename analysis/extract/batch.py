"""The read+extract stage for one input file: read, clean, extract, and keep only compact records.

Runs inside workers (one process, a pool, or Dask). What comes back per article is the article
without its text, its mentions and tallies, its near-duplicate fingerprint, the month-days an
undated article could be dated by, and its standalone short lines; the corpus passes need nothing
else. An article dated later by a corpus pass is read again from its file (`redate_source`), so
no text is ever held for the whole corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.extract import events as extract
from analysis.ingest import cleaning
from analysis.ingest import corpus
from analysis.ingest import duplicates as dedup
from analysis.ingest import files as reading
from analysis.records import Article, ArticleResult


@dataclass(frozen=True)
class RedateJob:
    """One file to read again, with the publication dates found for some of its articles."""

    source: reading.SourceFile
    dates: dict[str, corpus.CorpusDate] = field(default_factory=dict)


def _articles(src: reading.SourceFile) -> list[Article]:
    """Read and clean one file into articles; a failure becomes a skipped article, never an exception."""
    try:
        documents = reading.read_source(src)
    except Exception as error:  # a reader bug must not lose the file
        return [Article(article_id=Path(src.rel).stem, path=src.rel, status=f"skipped: read error ({type(error).__name__}: {error})")]
    out = []
    for doc in documents:
        try:
            out.append(cleaning.clean_document(doc))
        except Exception as error:
            out.append(Article(article_id=doc.article_id, path=doc.path, status=f"skipped: cleaning error ({type(error).__name__}: {error})"))
    return out


def light(article: Article) -> Article:
    """The article without its text and sentences (their count kept), once extraction is done."""
    n = len(article.sentences) if article.n_sentences < 0 else article.n_sentences
    return replace(article, text="", sentences=(), n_sentences=n)


def extract_compact(article: Article) -> ArticleResult:
    """Extract one cleaned article and return its compact result (text dropped)."""
    if not article.status.startswith("ok"):
        return ArticleResult(article=article)
    try:
        result = extract.extract_article(article)
    except Exception as error:
        warnings = article.warnings + (f"extraction error ({type(error).__name__}: {error})",)
        result = ArticleResult(article=replace(article, warnings=warnings))
    fp = dedup.fingerprint(article)
    result.sketch, result.bands = dedup.pack(fp.sketch), dedup.pack(fp.bands)  # 8 bytes a value, not a Python int
    result.line_keys = corpus.standalone_lines(article, result.mentions)
    if article.published is None:
        result.month_days = corpus.dating_month_days(article)
    result.article = light(result.article)
    return result


def process_source(src: reading.SourceFile) -> list[ArticleResult]:
    """Read, clean and extract one input file; never raises (problems become statuses)."""
    return [extract_compact(a) for a in _articles(src)]


def redate_source(job: RedateJob) -> list[ArticleResult]:
    """Read a file again and extract the articles a corpus pass dated, with their new publication dates."""
    out = []
    for article in _articles(job.source):
        found = job.dates.get(article.article_id)
        if found is None or article.published is not None or not article.status.startswith("ok"):
            continue
        warnings = tuple(w for w in article.warnings if w != "no date found") + (found.note,)
        dated = replace(article, published=found.published, published_precision=found.precision,
                        published_source="corpus", warnings=warnings)
        out.append(extract_compact(dated))
    return out
