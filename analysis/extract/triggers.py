"""The trigger phrases of the three event types (kind, pattern, voice), compiled from the lexicon, the literal
stems, derived from their patterns, that let a sentence skip the triggers it cannot match, and the selector that narrows
each trigger to the alternatives a sentence holds the stems of."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract import vocabulary
from analysis.extract.stems import derive_stems, split_alternatives, start_guarded
from analysis.extract.vocabulary import TriggerKind, Voice


_BY_TALIBAN = vocabulary.MACROS["BY_TALIBAN"]  # "the Taliban", "insurgents", "the Islamic Emirate", ...

# (kind, pattern, voice) in the order they are tried: triggers.tsv of the lexicon, each behind a lookahead for the
# characters its matches start with (the same matches; most positions of a sentence are passed over at once)
_TRIGGERS: list[tuple[TriggerKind, re.Pattern[str], Voice]] = [
    (rule.kind, start_guarded(re.compile(rule.pattern, re.I)), rule.voice) for rule in vocabulary.TRIGGER_RULES]


def _stems_of(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """The literal stems of one trigger, sorted, or None when the trigger must be tried on every sentence."""
    stems = derive_stems(rx)
    return tuple(sorted(stems)) if stems is not None else None


# Literal stems every match of a trigger contains (lowercase), derived from its pattern: a trigger is only run
# on a sentence holding one of them (None: on every sentence), which skips most sentences of an article cheaply.
TRIGGER_STEMS: tuple[tuple[str, ...] | None, ...] = tuple(_stems_of(rx) for _, rx, _ in _TRIGGERS)


@dataclass(frozen=True)
class _Branches:
    """A trigger's pattern cut at its top-level alternatives, with the stems of each (None: tried on every sentence)."""

    head: str
    alternatives: tuple[str, ...]
    tail: str
    stems: tuple[tuple[str, ...] | None, ...]


def _branches(pattern: str) -> _Branches | None:
    """The alternatives of a trigger's pattern with their stems, when at least two of them have stems of their own and
    the pattern has no capturing group (the same numbering whichever alternatives are kept); else None."""
    parts = split_alternatives(pattern)
    if parts is None or re.compile(pattern, re.I).groups:
        return None
    head, alternatives, tail = parts
    try:
        stems = tuple(_stems_of(re.compile(a, re.I)) for a in alternatives)
    except re.error:
        return None
    return _Branches(head, tuple(alternatives), tail, stems) if sum(s is not None for s in stems) >= 2 else None


# A sentence holding the stems of one alternative of a trigger gets that alternative alone; one holding several gets
# the runs of alternatives (at most this many a trigger) they lie in. Each distinct pattern is compiled once per process
# (a few milliseconds for the long ones); with every set of alternatives its own pattern, real reporting met thousands
# of sets; so at most one pattern an alternative and 2**4 a trigger.
MAX_CHUNKS = 4


class TriggerSelector:
    """The triggers a sentence can match, each narrowed to the alternatives whose stems the sentence holds.

    An alternative none of whose stems occur in a sentence cannot match anywhere in it, and each match of a pattern
    goes through exactly one alternative of its top-level group, so the narrowed pattern finds the same matches in
    that sentence (at any start or end position), only faster: most sentences hold one or two of the dozens of verbs
    a flight trigger lists (several are kept in up to MAX_CHUNKS runs). `groups` are the stem groups the prefilter
    scans for, after its own (numbered from `first_group`).
    """

    def __init__(self, triggers: list[tuple[TriggerKind, re.Pattern[str], Voice]], patterns: list[str],
                 first_group: int) -> None:
        """Cut every trigger that can be cut; `patterns` are the triggers' patterns before start guarding."""
        self._triggers = triggers
        self._branches: dict[int, tuple[_Branches, frozenset[int], dict[int, int]]] = {}
        self.groups: list[tuple[str, ...]] = []
        for g, pattern in enumerate(patterns):
            branches = _branches(pattern)
            if branches is None:
                continue
            alternative_of: dict[int, int] = {}  # prefilter group -> the alternative whose stems it holds
            for j, stems in enumerate(branches.stems):
                if stems is not None:
                    alternative_of[first_group + len(self.groups)] = j
                    self.groups.append(stems)
            always = frozenset(j for j, stems in enumerate(branches.stems) if stems is None)
            if len(always) < len(branches.stems):
                self._branches[g] = (branches, always, alternative_of)
        self._narrowed: dict[tuple[int, frozenset[int]], re.Pattern[str]] = {}

    def select(self, found: frozenset[int]) -> list[tuple[TriggerKind, re.Pattern[str], Voice]]:
        """The triggers whose stems are in `found` (the prefilter's groups of one sentence), in order, narrowed."""
        out = []
        for g in sorted(g for g in found if g < len(self._triggers)):
            cut = self._branches.get(g)
            if cut is None:
                out.append(self._triggers[g])
                continue
            rx = self.pattern(g, found)
            if rx is not None:
                kind, _, voice = self._triggers[g]
                out.append((kind, rx, voice))
        return out

    def pattern(self, g: int, found: frozenset[int]) -> re.Pattern[str] | None:
        """Trigger g's pattern for a sentence of the prefilter's groups `found`: itself, narrowed, or None when the
        sentence cannot hold a match."""
        if g not in found:
            return None
        cut = self._branches.get(g)
        if cut is None:
            return self._triggers[g][1]
        branches, always, alternative_of = cut
        kept = always | frozenset(map(alternative_of.__getitem__, found & alternative_of.keys()))
        n = len(branches.alternatives)
        if len(kept) > 1:  # several alternatives: the runs that hold them (a bounded number of patterns to compile)
            size = -(-n // MAX_CHUNKS)
            runs = {j // size for j in kept}
            kept = frozenset(j for j in range(n) if j // size in runs)
        if len(kept) == n:
            return self._triggers[g][1]
        return self._narrow(g, branches, kept) if kept else None

    def _narrow(self, g: int, branches: _Branches, kept: frozenset[int]) -> re.Pattern[str]:
        """Trigger g's pattern with only the alternatives `kept`, compiled once."""
        rx = self._narrowed.get((g, kept))
        if rx is None:
            body = "|".join(a for j, a in enumerate(branches.alternatives) if j in kept)
            rx = start_guarded(re.compile(f"{branches.head}(?:{body}){branches.tail}", re.I))
            self._narrowed[(g, kept)] = rx
        return rx


# matches that start with one of these name the event as a noun ("the fall of X")
_NOUN_TRIGGERS: tuple[str, ...] = vocabulary.NOUN_TRIGGERS

# words allowed between a trigger verb and its place
_GAP_WORDS: frozenset[str] = vocabulary.GAP_WORDS

# the outcome a capital read by each kind gets (kinds the capital readers do not use are left out)
_CAPITAL_OUTCOME: dict[str, tuple[str, ...]] = vocabulary.CAPITAL_OUTCOMES


class _Pos:
    """A trigger match moved to a later position (a colon list read as the verb's object)."""

    def __init__(self, m: re.Match[str], start: int) -> None:
        self._m = m
        self._start = start

    def start(self) -> int:
        """Where the moved trigger now starts."""
        return self._start

    def end(self) -> int:
        """Where the moved trigger now ends (same as its start)."""
        return self._start

    def group(self, n: int = 0) -> str:
        """The original trigger text."""
        return self._m.group(n)

