"""One scan over an article for the cheap cues the extractor checks sentence by sentence.

The extractor runs a trigger's patterns, and reads dates, numbers and claims, only in sentences
that hold one of the trigger's literal stems (and looks for anaphora only where an anaphora
stem occurs). Checking every stem of every trigger against every sentence costs more than the
rest of a sentence without an event. This module builds one Aho-Corasick automaton from those
stem lists (the extractor passes its own) and scans the lowercased article once: each sentence
gets the set of stem groups found inside it. A group given as None has no stems and is reported
for every sentence. The result is exactly what the per-sentence
substring checks would give (every occurrence is reported, overlapping ones too), so the
extractor's output does not change; `disabled()` turns the scan off to check that.
"""

from __future__ import annotations

from bisect import bisect_right
from contextlib import contextmanager
from typing import Iterator, Sequence

import ahocorasick

from analysis.records import Sentence

_enabled = True


@contextmanager
def disabled() -> Iterator[None]:
    """Run the extractor without the prefilter (each sentence checked on its own), e.g. to compare results."""
    global _enabled
    before, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = before


class Prefilter:
    """An automaton over groups of lowercase stems; a scan tells which groups occur in each sentence."""

    def __init__(self, groups: Sequence[Sequence[str] | None]) -> None:
        """Build the automaton; group i is reported as the integer i (a None group for every sentence)."""
        owners: dict[str, set[int]] = {}
        for index, stems in enumerate(groups):
            for stem in stems or ():
                if stem:
                    owners.setdefault(stem.lower(), set()).add(index)
        self.n_groups = len(groups)
        self._always = frozenset(index for index, stems in enumerate(groups) if stems is None)
        self._groups = [tuple(k.lower() for k in stems or () if k) for stems in groups]
        self._automaton = ahocorasick.Automaton()
        for stem, found in sorted(owners.items()):
            self._automaton.add_word(stem, (len(stem), frozenset(found)))
        self._automaton.make_automaton()

    def scan(self, text: str, sentences: Sequence[Sentence]) -> list[frozenset[int]] | None:
        """The stem groups wholly inside each sentence span of `text`; None when the spans cannot be used.

        None (check each sentence on its own) when the prefilter is disabled, when lowercasing
        changes the text's length (offsets would shift), or when the spans are out of order or
        outside the text.
        """
        if not _enabled or not sentences:
            return None
        low = text.lower()
        if len(low) != len(text):
            return None
        starts = [s.start for s in sentences]
        previous_end = 0
        for s in sentences:
            if not (previous_end <= s.start <= s.end <= len(text)):
                return None
            previous_end = s.end
        found: list[set[int]] = [set(self._always) for _ in sentences]
        for end_index, (length, groups) in self._automaton.iter(low):
            start = end_index + 1 - length
            k = bisect_right(starts, start) - 1
            if k >= 0 and end_index < sentences[k].end:
                found[k].update(groups)
        return [frozenset(f) for f in found]

    def groups(self, cues: list[frozenset[int]] | None, index: int, low: str) -> frozenset[int]:
        """The groups of sentence `index` from a scan, or, without one, by checking its lowercased text `low`."""
        if cues is not None:
            return cues[index]
        return self._always | frozenset(g for g, stems in enumerate(self._groups) if any(k in low for k in stems))
