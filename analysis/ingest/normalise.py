"""Folding of invisible and look-alike characters before any reader runs, with a map back to the text as read."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Sequence

import ftfy

from analysis.ingest.unwrap import WrapBreaks
from analysis.records import ArticleResult

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)
_MOJIBAKE_STEPS = frozenset(
    {"encode", "decode", "transcode", "restore_byte_a0", "replace_lossy_sequences", "decode_inconsistent_utf8"}
    | {"fix_c1_controls"}
)

# Characters dropped: zero-width spaces and joiners, word joiner and invisible operators, the
# zero-width no-break space (a BOM inside text), soft hyphens, bidi marks, embeddings, overrides
# and isolates, the Arabic letter mark and the Mongolian vowel separator.
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_REMOVE = re.compile(f"[{_INVISIBLE}]+")

# Characters replaced one for one: spaces of every width become a plain space; fullwidth ASCII
# becomes ASCII; Arabic-Indic, Persian and fullwidth digits become 0-9.
_FOLD_TABLE: dict[int, str] = {}
for _cp in (0x00A0, 0x1680, 0x2007, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
    _FOLD_TABLE[_cp] = " "
for _cp in range(0xFF01, 0xFF5F):
    _FOLD_TABLE[_cp] = chr(_cp - 0xFEE0)
for _base in (0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6):
    for _d in range(10):
        _FOLD_TABLE[_base + _d] = str(_d)
_FOLD_CLASS = "".join(sorted({re.escape(chr(c)) for c in _FOLD_TABLE}))
_FOLD = re.compile(f"[{_FOLD_CLASS}]")
_ANY = re.compile(f"[{_INVISIBLE}{_FOLD_CLASS}]")


@dataclass(frozen=True)
class Normalised:
    """Text after folding, how many characters changed, and where characters were removed.

    `removed` holds (position in the folded text, characters removed just before it), in order;
    replacements are one for one, so these runs are all that is needed to map offsets back.
    """

    text: str
    n_changed: int
    removed: tuple[tuple[int, int], ...] = ()
    n_unwrapped: int = 0  # line breaks of a hard-wrapped text joined


def normalise_text(text: str, breaks: WrapBreaks = WrapBreaks()) -> Normalised:
    """Fold invisible and look-alike characters out of `text`, join the wrapping `breaks`, keeping a map of removed runs."""
    n_unwrapped = len(breaks.spaces) + len(breaks.removed)
    if not n_unwrapped and (text.isascii() or _ANY.search(text) is None):
        return Normalised(text, 0)
    n_folded = sum(1 for _ in _FOLD.finditer(text))
    folded = text.translate(_FOLD_TABLE) if n_folded else text
    if breaks.spaces:
        chars = list(folded)
        for pos in breaks.spaces:
            chars[pos] = " "
        folded = "".join(chars)
    spans = sorted([m.span() for m in _REMOVE.finditer(folded)] + list(breaks.removed))
    runs: list[tuple[int, int]] = []
    parts: list[str] = []
    last, n_removed, n_invisible = 0, 0, 0
    for start, end in spans:
        start = max(start, last)
        if end <= start:
            continue
        parts.append(folded[last:start])
        runs.append((start - n_removed, end - start))
        n_removed += end - start
        last = end
    n_invisible = n_removed - sum(end - start for start, end in breaks.removed)
    if runs:
        parts.append(folded[last:])
        folded = "".join(parts)
        merged: list[tuple[int, int]] = []
        for pos, width in runs:  # two removals side by side are one run
            if merged and merged[-1][0] == pos:
                merged[-1] = (pos, merged[-1][1] + width)
            else:
                merged.append((pos, width))
        runs = merged
    return Normalised(folded, n_folded + max(0, n_invisible), tuple(runs), n_unwrapped)


class OffsetMap:
    """Maps span offsets in folded text back to the text as read."""

    def __init__(self, removed: Sequence[tuple[int, int]]) -> None:
        """Build prefix sums over the removed runs."""
        self.positions = [p for p, _ in removed]
        self.before: list[int] = []
        total = 0
        for _, width in removed:
            total += width
            self.before.append(total)

    def _shift(self, n_runs: int) -> int:
        """Characters removed in the first `n_runs` runs."""
        return self.before[n_runs - 1] if n_runs > 0 else 0

    def start(self, pos: int) -> int:
        """Offset as read of a span starting at folded `pos` (after invisible characters before it)."""
        return pos + self._shift(bisect_right(self.positions, pos))

    def end(self, pos: int) -> int:
        """Offset as read of a span ending (exclusive) at folded `pos`."""
        return pos + self._shift(bisect_left(self.positions, pos))


def restore_offsets(result: ArticleResult, removed: Sequence[tuple[int, int]]) -> ArticleResult:
    """Return `result` with mention and tally offsets moved from the folded text to the text as read."""
    if not removed:
        return result
    omap = OffsetMap(removed)
    result.mentions = [replace(m, char_start=omap.start(m.char_start), char_end=omap.end(m.char_end)) for m in result.mentions]
    result.tallies = [replace(t, char_start=omap.start(t.char_start), char_end=omap.end(t.char_end)) for t in result.tallies]
    return result


def change_warning(n_changed: int) -> str:
    """The articles.csv warning for `n_changed` folded characters, or '' when none."""
    if not n_changed:
        return ""
    noun = "character" if n_changed == 1 else "characters"
    return f"{n_changed:,} invisible or look-alike {noun} normalised (zero-width, bidi, soft hyphen, wide or non-ASCII digits, special spaces)"


# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_REPAIRABLE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _needs_repair(text: str) -> bool:
    """True when ftfy could change the text (mojibake, control characters, non-NFC forms)."""
    if _REPAIRABLE_CHARS.search(text) is not None:
        return True
    if text.isascii():
        return False
    return _MOJIBAKE_HINT.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and control characters conservatively; return text and what was done."""
    if not _needs_repair(text):
        return text, ()
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed == text:
        return text, ()
    steps = ftfy.fix_and_explain(text, _FTFY._replace(explain=True)).explanation or []
    notes: list[str] = []
    if any(action in _MOJIBAKE_STEPS or param in _MOJIBAKE_STEPS for action, param in steps):
        notes.append("mojibake repaired")
    if any(param == "remove_control_chars" for _, param in steps):
        notes.append("control characters removed")
    if not notes:
        notes.append("text normalised (NFC)")
    return fixed, tuple(notes)
