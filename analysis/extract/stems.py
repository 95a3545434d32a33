"""Literal stems derived from a regular expression: lowercase strings of which every match of the
expression contains at least one, so that a cheap substring scan can skip text the expression cannot match.

The expression is read with the standard library's own regex parser. Each part of it is either a
small finite set of exact strings (literals, small character classes, optional parts, small
alternations) or unbounded (`\\s+`, `\\w*`, wide classes); a run of exact parts multiplies into one
set of strings; a sequence keeps the run (or the stems of a repeated or grouped part) whose shortest
string is longest; an alternation needs stems from every branch and takes their union; lookarounds
and anchors match no text and add nothing. When no set with strings of at least `MIN_STEM` characters
can be found, the answer is None: the expression has to be tried on every text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from typing import Any, Iterable

try:  # Python 3.11 and later
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

MAX_STRINGS = 64  # a finite set larger than this counts as unbounded
MIN_STEM = 3  # stems shorter than this would let almost every sentence through

_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_GROUPS = {_sre.ATOMIC_GROUP} if hasattr(_sre, "ATOMIC_GROUP") else set()


@dataclass(frozen=True)
class _Info:
    """What one part of an expression guarantees: the exact strings it matches, and stems every match contains."""

    exact: frozenset[str] | None  # every string the part can match (None: too many or unbounded)
    stems: frozenset[str] | None  # every match contains one of these (None: nothing guaranteed)


def derive_stems(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """The lowercase stems one of which every match of `pattern` contains, or None when none can be derived."""
    text = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    info = _sequence(list(_parse.parse(text, flags)))
    best = _minimal(info.exact) if info.exact is not None else info.stems
    if not best or min(len(s) for s in best) < MIN_STEM:
        return None
    return best


def _minimal(strings: Iterable[str]) -> frozenset[str]:
    """The strings without those that contain another one of them (that one already guarantees the match)."""
    ordered = sorted(set(strings), key=lambda s: (len(s), s))
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _score(stems: frozenset[str] | None) -> tuple[int, int]:
    """How good a stem set is: its shortest stem first (longer is rarer), then fewer stems."""
    if not stems:
        return (-1, 0)
    return (min(len(s) for s in stems), -len(stems))


def _best(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The best of some stem sets (the first of equally good ones), or None when none guarantees anything."""
    chosen: frozenset[str] | None = None
    for c in candidates:
        if c is None or not c or "" in c:
            continue
        c = _minimal(c)
        if chosen is None or _score(c) > _score(chosen):
            chosen = c
    return chosen


def _times(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    """Every concatenation of a string of `left` and one of `right`, or None when there would be too many."""
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    """What a sequence of parts guarantees."""
    run: frozenset[str] | None = frozenset({""})
    exact = True
    candidates: list[frozenset[str] | None] = []
    for item in items:
        info = _node(item)
        joined = _times(run, info.exact) if run is not None and info.exact is not None else None
        if joined is not None:
            run = joined
            continue
        exact = False
        candidates.append(run)
        candidates.append(info.stems)
        run = info.exact if info.exact is not None else frozenset({""})
    candidates.append(run)
    if exact and run is not None:
        return _Info(run, _best([run]))
    return _Info(None, _best(candidates))


def _chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The lowercase characters a character class matches, or None when it is negated, wide or a category."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            found.add(chr(av).lower())
        elif op is _sre.RANGE and av[1] - av[0] < MAX_STRINGS:
            found.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(found) if len(found) <= MAX_STRINGS else None


def _node(item: tuple[Any, Any]) -> _Info:
    """What one parsed part of an expression guarantees."""
    op, av = item
    if op is _sre.LITERAL:
        one = frozenset({chr(av).lower()})
        return _Info(one, one)
    if op is _sre.IN:
        chars = _chars(av)
        return _Info(chars, chars)
    if op in _ZERO_WIDTH:
        return _Info(frozenset({""}), None)  # anchors and lookarounds match no text of their own
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op in _GROUPS:
        return _sequence(list(av))
    if op is _sre.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        exact: frozenset[str] | None = None
        if all(b.exact is not None for b in branches):
            union = frozenset().union(*(b.exact for b in branches if b.exact is not None))
            exact = union if len(union) <= MAX_STRINGS else None
        stems = None
        if all(b.stems for b in branches) and not any("" in (b.stems or ()) for b in branches):
            stems = _minimal(frozenset().union(*(b.stems for b in branches if b.stems)))
        return _Info(exact, stems)
    if op in _REPEATS:
        low, high, sub = av
        inner = _sequence(list(sub))
        if inner.exact is not None and low == high:
            run: frozenset[str] | None = frozenset({""})
            for _ in range(low):
                run = _times(run, inner.exact) if run is not None else None
            return _Info(run, _best([run]) if run is not None else (inner.stems if low else None))
        if inner.exact is not None and low == 0 and high == 1:
            optional = inner.exact | {""}
            return _Info(optional if len(optional) <= MAX_STRINGS else None, None)
        if low >= 1:  # at least one copy: its stems are in every match, and so is one copy's exact text
            return _Info(None, _best([inner.exact, inner.stems]))
        return _Info(None, None)
    return _Info(None, None)  # any character, a negated literal, a category, a back-reference


def guard_stems(pattern: str | re.Pattern[str]) -> tuple[str, ...]:
    """The sorted stems of a pattern for an `any(stem in text)` pre-check; ("",) lets every text through when none derive."""
    stems = derive_stems(pattern)
    return tuple(sorted(stems)) if stems is not None else ("",)


def first_chars(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """The characters (lowercase under IGNORECASE) every match of `pattern` starts with, or None when any may start one."""
    text = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    chars, nullable = _first_of_sequence(list(_parse.parse(text, flags)), bool(flags & re.I))
    return None if chars is None or nullable or not chars else chars


def _first_of_sequence(items: list[tuple[Any, Any]], fold: bool) -> tuple[frozenset[str] | None, bool]:
    """The characters a sequence of parts can start with (None: any), and whether it can match the empty string."""
    found: set[str] = set()
    for item in items:
        chars, nullable = _first_of_node(item, fold)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_of_node(item: tuple[Any, Any], fold: bool) -> tuple[frozenset[str] | None, bool]:
    """The characters one parsed part can start with (None: any), and whether it can match the empty string."""
    op, av = item
    if op is _sre.LITERAL:
        return frozenset({chr(av).lower() if fold else chr(av)}), False
    if op is _sre.IN:
        found: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _sre.LITERAL:
                found.add(chr(sub_av).lower() if fold else chr(sub_av))
            elif sub_op is _sre.RANGE and sub_av[1] - sub_av[0] < 128:
                found.update(chr(c).lower() if fold else chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None, False  # negated, a category or a wide range
        return frozenset(found), False
    if op in _ZERO_WIDTH:
        return frozenset(), True  # anchors and lookarounds match no text of their own
    if op is _sre.SUBPATTERN:
        if av[1] or av[2]:
            return None, False  # flags changed inside the group
        return _first_of_sequence(list(av[-1]), fold)
    if op in _GROUPS:
        return _first_of_sequence(list(av), fold)
    if op is _sre.BRANCH:
        union: set[str] = set()
        any_nullable = False
        for branch in av[1]:
            chars, nullable = _first_of_sequence(list(branch), fold)
            if chars is None:
                return None, False
            union |= chars
            any_nullable = any_nullable or nullable
        return frozenset(union), any_nullable
    if op in _REPEATS:
        low, _high, sub = av
        chars, nullable = _first_of_sequence(list(sub), fold)
        return chars, nullable or low == 0
    return None, False  # any character, a negated literal, a category, a back-reference


def _opens_unanchored(rx: re.Pattern[str]) -> bool:
    """Whether an expression opens with an anchor, a lookaround or an optional part: the regex engine then has no
    first literal or character set of its own to skip ahead with."""
    items = list(_parse.parse(rx.pattern, rx.flags))
    while items:
        op, av = items[0]
        if op is _sre.SUBPATTERN:
            items = list(av[-1])
            continue
        return op in _ZERO_WIDTH or (op in _REPEATS and av[0] == 0)
    return False


def start_guarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The same expression behind a lookahead for the characters its matches start with (same matches, found faster
    because most positions fail at once), when it opens unanchored (see _opens_unanchored); else itself."""
    if not _opens_unanchored(rx):
        return rx
    chars = first_chars(rx)
    if chars is None or len(chars) > 40:
        return rx
    guard = "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"
    return re.compile(guard + rx.pattern, rx.flags)


def split_alternatives(pattern: str) -> tuple[str, list[str], str] | None:
    """The pattern as head, alternatives and tail: `head(?:A|B|...)tail`, where the group is one every match passes
    through exactly once (not inside another group, not repeated nor optional) and, of those, the one with the most
    alternatives; a pattern that is itself an alternation has no head or tail. None when no such group has three or more."""
    depth, i, n = 0, 0, len(pattern)
    groups: list[tuple[int, int, list[int]]] = []  # (start, end, positions of its top-level bars) of depth-0 groups
    open_at, bars = -1, []
    top_bars: list[int] = []
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: skip to its closing bracket
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            if depth == 0:
                open_at, bars = i, []
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                quantified = i + 1 < n and pattern[i + 1] in "?*+{"
                if not quantified and pattern.startswith("(?:", open_at):
                    groups.append((open_at, i, bars))
        elif c == "|":
            if depth == 1:
                bars.append(i)
            elif depth == 0:
                top_bars.append(i)
        i += 1
    if depth != 0:
        return None
    if top_bars:  # alternatives at the top of the pattern itself
        cuts = [-1, *top_bars, n]
        return "", [pattern[a + 1:b] for a, b in zip(cuts, cuts[1:])], ""
    best = max(groups, key=lambda g: len(g[2]), default=None)
    if best is None or len(best[2]) < 2:
        return None
    start, end, cuts = best[0], best[1], [best[0] + 2, *best[2], best[1]]
    return pattern[:start], [pattern[a + 1:b] for a, b in zip(cuts, cuts[1:])], pattern[end + 1:]
