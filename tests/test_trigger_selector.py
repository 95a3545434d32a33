"""Triggers narrowed to the alternatives a sentence holds stems of: the same matches as the whole patterns."""

from __future__ import annotations

import json
import re
from pathlib import Path

from analysis.extract import events
from analysis.extract.prefilter import Prefilter
from analysis.extract.stems import split_alternatives
from analysis.extract.triggers import TriggerSelector
from analysis.ingest.sentences import split_sentences
from analysis.extract.batch import read_articles
from analysis.ingest.files import discover_files
from analysis.paths import RAW_DIR

DATA = Path(__file__).parent / "data"


def test_split_alternatives_finds_the_group_matched_once_per_match() -> None:
    assert split_alternatives(r"\b(?:fled|crossed[|(]|left(?:\s+for|\s+to))\s+x") == \
        (r"\b", ["fled", "crossed[|(]", r"left(?:\s+for|\s+to)"], r"\s+x")
    assert split_alternatives("fled|crossed|left") == ("", ["fled", "crossed", "left"], "")
    assert split_alternatives(r"(?:fled|crossed|left)?\s+x") is None  # optional: a match may skip it
    assert split_alternatives(r"(?:fled|crossed)\s+x") is None  # too few branches to be worth cutting
    assert split_alternatives(r"(?:a|b|c)(?:x|y)") == ("", ["a", "b", "c"], "(?:x|y)")
    assert split_alternatives(r"(?<=a|b|c)x") is None  # a lookbehind's branches are not the match's


def test_a_sentence_gets_only_the_alternatives_it_holds_stems_of() -> None:
    triggers = [("fled", re.compile(r"\b(?:fled|crossed\s+into|abandoned)\s+(?:the\s+)?\w+", re.I), "active"),
                ("capture", re.compile(r"\btook\s+\w+", re.I), "active")]
    patterns = [rx.pattern for _, rx, _ in triggers]
    selector = TriggerSelector(triggers, patterns, len(triggers))
    prefilter = Prefilter([("fled", "crossed", "abandoned"), ("took",), *selector.groups])
    text = "Soldiers crossed into Iran. Police fled the town and abandoned it. The men took Doshi."
    sentences = split_sentences(text)
    picked = [selector.select(found) for found in prefilter.scan(text, sentences)]
    assert [[rx.pattern.count("|") for _, rx, _ in p] for p in picked] == [[0], [1], [2 - 2]]  # only the held ones
    assert [[k for k, _, _ in p] for p in picked] == [["fled"], ["fled"], ["capture"]]
    assert "crossed" in picked[0][0][1].pattern and "fled" not in picked[0][0][1].pattern
    for s, p in zip(sentences, picked):  # the same matches as the whole patterns
        for kind, rx, _ in p:
            whole = next(t[1] for t in triggers if t[0] == kind)
            assert [m.span() for m in rx.finditer(s.text)] == [m.span() for m in whole.finditer(s.text)]


def _sentences() -> list[str]:
    """Every labelled sentence and every sentence of the seeds."""
    out = [json.loads(line)["text"] for line in (DATA / "labelled_sentences.jsonl").open(encoding="utf-8") if line.strip()]
    for src in discover_files(RAW_DIR):
        for article in read_articles(src):
            out += [article.text[s.start:s.end] for s in article.sentences]
    return out


def test_narrowed_triggers_match_as_the_whole_ones_on_every_labelled_and_seed_sentence() -> None:
    narrowed = dropped = 0
    for text in _sentences():
        found = events._PREFILTER.groups(None, 0, text.lower())
        mid = len(text) // 3
        for g, (_, whole, _) in enumerate(events._TRIGGERS):
            rx = events._SELECTOR.pattern(g, found)
            if rx is whole or g not in found:
                continue
            if rx is None:  # no alternative's stems: the whole pattern cannot match either
                dropped += 1
                assert whole.search(text) is None
                continue
            narrowed += 1
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in whole.finditer(text)]
            assert [m.span() for m in rx.finditer(text, mid)] == [m.span() for m in whole.finditer(text, mid)]
            assert [m.span() for m in rx.finditer(text, 0, mid)] == [m.span() for m in whole.finditer(text, 0, mid)]
    assert narrowed > 1000 and dropped > 100  # most sentences holding a trigger's stems get a narrowed one


def test_the_narrowed_patterns_compiled_stay_bounded() -> None:
    """One pattern an alternative kept alone, and at most 2**MAX_CHUNKS unions of runs a trigger, however varied the text."""
    from analysis.extract.triggers import MAX_CHUNKS
    selector = events._SELECTOR
    for text in _sentences():
        selector.select(events._PREFILTER.groups(None, 0, text.lower()))
    per_trigger: dict[int, int] = {}
    for g, kept in selector._narrowed:
        per_trigger[g] = per_trigger.get(g, 0) + 1
    assert per_trigger  # the labelled sentences narrow many triggers
    for g, count in per_trigger.items():
        n = len(selector._branches[g][0].alternatives)
        assert count <= n + 2 ** MAX_CHUNKS
    several = [kept for g, kept in selector._narrowed if len(kept) > 1]
    for g, kept in selector._narrowed:
        n = len(selector._branches[g][0].alternatives)
        size = -(-n // MAX_CHUNKS)
        if len(kept) > 1:  # whole runs only
            assert all(j // size in {k // size for k in kept} for j in kept)
            assert {j for j in range(n) if j // size in {k // size for k in kept}} == set(kept)
    assert several  # some sentences hold the stems of several alternatives of one trigger
