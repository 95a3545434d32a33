"""The trigger phrases of the three event types (kind, pattern, voice), compiled from the lexicon, and the
literal stems, derived from their patterns, that let a sentence skip the triggers it cannot match."""

from __future__ import annotations

import re

from analysis.extract import vocabulary
from analysis.extract.stems import derive_stems, start_guarded
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

