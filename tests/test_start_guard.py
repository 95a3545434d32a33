"""The start guard of hot expressions: the characters a match starts with, and the same matches behind the guard."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis.extract import vocabulary
from analysis.extract.dates import _RECOGNIZERS
from analysis.extract.stems import first_chars, start_guarded
from analysis.extract.triggers import _TRIGGERS
from analysis.ingest.outlets import load_outlets

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\b(?:fled|crossed)\s+into", re.I, frozenset("fc")),
        (r"(?<=\s)as\s+taken", 0, frozenset("a")),
        (r"\b(?:the\s+)?fall\s+of", re.I, frozenset("tf")),  # an optional opening part adds the next part's start
        (r"[A-C]x", re.I, frozenset("abc")),
        (r"[A-C]x", 0, frozenset("ABC")),
        (r"\b(?:fell|\w+ed)", re.I, None),  # a category may start a match
        (r"(?:fell)?", 0, None),  # the empty string matches: any position
        (r"(?-i:K)abul", re.I, None),  # flags changed inside a group
    ],
)
def test_first_chars(pattern: str, flags: int, expected: frozenset[str] | None) -> None:
    assert first_chars(re.compile(pattern, flags)) == expected


def test_guard_only_where_the_engine_has_no_start_of_its_own() -> None:
    assert start_guarded(re.compile(r"\bfled", re.I)).pattern == r"(?=[f])\bfled"
    literal = re.compile(r"fled\b", re.I)
    assert start_guarded(literal) is literal  # a literal opening is already skipped to by the engine
    wide = re.compile(r"\b\w+ed\b")
    assert start_guarded(wide) is wide


SAMPLE_STRIDE = 20  # one article in twenty of the sets, in name order: every set's styles, at a fixed cost per set


def _texts() -> list[str]:
    """A fixed sample of the development and blind sets' articles, and every labelled sentence."""
    files = [p for p in sorted(DATA.glob("*/articles/*")) if p.is_file()]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files[::SAMPLE_STRIDE]]
    with (DATA / "labelled_sentences.jsonl").open(encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def test_guarded_triggers_and_date_forms_match_exactly_as_the_plain_ones() -> None:
    texts = _texts()
    plain = [re.compile(rule.pattern, re.I) for rule in vocabulary.TRIGGER_RULES]
    guarded = [rx for _, rx, _ in _TRIGGERS]
    assert sum(g.pattern.startswith("(?=[") for g in guarded) >= 15  # most triggers are guarded
    pairs = list(zip(plain, guarded))
    pairs += [(re.compile(rx.pattern.split("])", 1)[1], rx.flags), rx)
              for rx in [r.regex for r in _RECOGNIZERS] + [load_outlets().pattern] if rx.pattern.startswith("(?=[")]
    assert load_outlets().pattern.pattern.startswith("(?=[")  # the outlet names' alternation is guarded
    n_matches = 0
    for before, after in pairs:
        for text in texts:
            for t in (text, text.lower()):
                want = [(m.span(), m.groups()) for m in before.finditer(t)]
                assert [(m.span(), m.groups()) for m in after.finditer(t)] == want, before.pattern[:80]
                n_matches += len(want)
    assert n_matches > 1000
