"""The prefilter scan: same cues as per-sentence checks, and the extractor's output unchanged with or without it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analysis.extract import prefilter
from analysis.extract.events import extract_article, extract_text
from analysis.extract.prefilter import Prefilter
from analysis.ingest.sentences import split_sentences
from analysis.extract.batch import read_articles
from analysis.ingest.files import discover_files
from analysis.paths import RAW_DIR
from analysis.records import Sentence

DATA = Path(__file__).parent / "data"


def test_scan_reports_every_group_inside_each_sentence_even_overlapping() -> None:
    pf = Prefilter([("take", "takeover"), ("over",), ("fled",)])
    text = "The takeover was swift. Troops FLED north.\nNothing here"
    sentences = split_sentences(text)
    cues = pf.scan(text, sentences)
    assert cues == [frozenset({0, 1}), frozenset({2}), frozenset()]
    # the same as checking each sentence on its own
    for s, found in zip(sentences, cues):
        low = s.text.lower()
        assert found == {g for g, stems in enumerate([("take", "takeover"), ("over",), ("fled",)])
                         if any(k in low for k in stems)}


def test_a_stem_across_two_sentences_belongs_to_neither() -> None:
    pf = Prefilter([("ab",)])
    text = "xa b"
    assert pf.scan(text, [Sentence(0, 0, 2, "xa"), Sentence(1, 2, 4, " b")]) == [frozenset(), frozenset()]


def test_unusable_spans_or_lowercasing_fall_back() -> None:
    pf = Prefilter([("a",)])
    assert pf.scan("İstanbul a", [Sentence(0, 0, 10, "İstanbul a")]) is None  # lowercasing changes the length
    assert pf.scan("abc", [Sentence(0, 2, 3, "c"), Sentence(1, 0, 1, "a")]) is None  # out of order
    with prefilter.disabled():
        assert pf.scan("abc", [Sentence(0, 0, 3, "abc")]) is None
    assert pf.scan("abc", [Sentence(0, 0, 3, "abc")]) == [frozenset({0})]


def _labelled_results() -> list[object]:
    """Every labelled sentence read by the extractor."""
    out = []
    with (DATA / "labelled_sentences.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                case = json.loads(line)
                published = case.get("published") or "2021-08-01"
                precision = "month" if len(published) == 7 else "day"
                day = date.fromisoformat(published if len(published) == 10 else published + "-01")
                r = extract_text(case["text"], day, article_id=str(case["id"]), precision=precision)
                out.append((r.mentions, r.tallies))
    return out


def _article_results() -> list[object]:
    """Every seed and development holdout article read and extracted."""
    folders = [RAW_DIR, DATA / "dev_holdout1" / "articles", DATA / "dev_holdout2" / "articles"]
    out = []
    for folder in folders:
        for src in discover_files(folder):
            for article in read_articles(src):
                r = extract_article(article)
                out.append((article.article_id, r.mentions, r.tallies))
    return out


@pytest.mark.parametrize("read", [_labelled_results, _article_results])
def test_extraction_identical_with_and_without_prefilter(read) -> None:  # type: ignore[no-untyped-def]
    with_prefilter = read()
    with prefilter.disabled():
        without = read()
    assert with_prefilter == without
    assert sum(len(r[-2]) for r in with_prefilter) > 50  # the comparison covers many mentions
