"""Generated documents (random Unicode, control characters, long runs of one word, huge numbers, nested
quotes, invisible characters) through reading, cleaning and extraction: nothing raises, every file stays
within the per-file budget, and every offset points inside the text as read."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import pipeline
from analysis.ingest import files as reading
from analysis.ingest.normalise import normalise_text, repair_text

BUDGET = 5.0
PIECES = [
    "Taliban fighters captured", "the district of", "Imam Sahib", "Kunduz province", "on Monday", "officials said",
    "Zaranj, the capital of Nimroz", "fled to Tajikistan", "more than 1,000 soldiers", "the Taliban denied",
    "\u200b", "\u202e", "\u00ad", "\u00a0", "\uff2b\uff55\uff4e\uff44\uff55\uff5a", "\u06f1\u06f2", "\r\n", "\t", ". ",
    ", ", "; ", "\n", "\n\n", " date 2021-08-0", "\"'“‘«", "»’”'\"",
]


def nested_quotes(depth: int) -> str:
    """Quotes inside quotes `depth` deep around a short claim."""
    text = "the Taliban seized Khanabad"
    for i in range(depth):
        text = f"{'“' if i % 2 else chr(34)}{text}{'”' if i % 2 else chr(34)} he said"
    return text


documents = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.text(max_size=400),
    st.text(alphabet=st.characters(max_codepoint=0x20, blacklist_categories=()), max_size=200),
    st.tuples(st.sampled_from(["district", "Kunduz", "captured", "x"]), st.integers(1, 4000)).map(lambda t: " ".join([t[0]] * t[1])),
    st.integers(min_value=10**20, max_value=10**400).map(lambda n: f"The Taliban captured {n} districts, officials said {n}."),
    st.integers(1, 300).map(nested_quotes),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map("".join),
)
formats = st.sampled_from(["txt", "html", "md", "json", "jsonl"])


def as_file(text: str, fmt: str) -> bytes:
    """The generated text saved as a file of the given format."""
    if fmt == "html":
        return f"<html><head><title>t</title></head><body><article><p>{text}</p></article></body></html>".encode("utf-8", "surrogatepass")
    if fmt in ("json", "jsonl"):
        return json.dumps({"text": text, "date": "2021-08-01", "url": text[:40]}).encode("utf-8")
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, fmt=formats)
def test_generated_documents_never_break_reading_cleaning_or_extraction(text, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc.{fmt}"
        path.write_bytes(as_file(text, fmt))
        [src] = reading.discover_files(folder)
        started = time.perf_counter()
        results = pipeline.process_source(src, budget=BUDGET)
        assert time.perf_counter() - started < BUDGET + 2
        documents = reading.read_source(src)
    assert results and len(results) == len(documents)
    for result, doc in zip(results, documents):
        status = result.article.status
        assert status == "ok" or status.startswith("skipped: "), status
        as_read = repair_text(doc.text)[0]  # the text offsets point into
        for item in [*result.mentions, *result.tallies]:
            assert 0 <= item.char_start <= item.char_end <= len(as_read)
            assert normalise_text(as_read[item.char_start:item.char_end]).text == item.sentence
        for sentence in result.article.sentences:
            assert 0 <= sentence.start <= sentence.end <= len(result.article.text)
