"""Hard-wrapped text (PDF extracts, plain-text mail, old wire feeds): where a line break only wraps a paragraph.

In such text every paragraph is cut into lines of about the same width, and a word may be split by a
hyphen at a line end ("Dawlat-" / "abad"). The readers work a line at a time, so a wrapped sentence
would reach them in pieces. These functions find the breaks that only wrap: a line nearly as long
as the text's width, ending without a full stop, followed by a line of text. Such a break becomes a
space, and a hyphen that splits a word before it goes with it (kept when the next part is
capitalised: "Sar-e-" / "Pul" is "Sar-e-Pul").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_LINES = 8  # lines of text needed before a text can be called hard-wrapped
MIN_WIDTH = 40  # narrower lines are not a wrap width (lists, tables, verse)
FULL_SHARE = 0.72  # a line this close to the width was wrapped because it was full
WRAPPED_SHARE = 0.5  # share of full lines that must end mid-sentence for the text to be hard-wrapped
LOWER_SHARE = 0.4  # share of those whose next line goes on with a lower-case word

_LINE = re.compile(r"[^\n]*\n?")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_STARTS_ITEM = re.compile(r"\s*(?:[-*•·–—]\s|\d{1,2}[.)]\s|#)")
_WORD_HYPHEN = re.compile(r"[^\W\d_]-$")
_STARTS_WORD = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class WrapBreaks:
    """Line breaks that only wrap a paragraph: those that become a space, and hyphen-and-break pairs to remove."""

    spaces: tuple[int, ...] = ()  # positions of '\n' that become ' '
    removed: tuple[tuple[int, int], ...] = ()  # (start, end) spans removed: a word-splitting '-\n', or '\n' after 'Sar-e-'


_COLUMNS = re.compile(r"\S(?:[ \t]{3,}|\t)\S")  # a gap between columns of a table
_LOWER = re.compile(r"[a-z]")


def _prose(line: str) -> bool:
    """True for a line of running text: lower-case words, no columns or table bars (not a heading, rule or row)."""
    body = line.strip()
    return bool(body) and _LOWER.search(body) is not None and _COLUMNS.search(body) is None and body.count("|") < 2


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line's start offset and text (without its newline)."""
    return [(m.start(), m.group().rstrip("\n")) for m in _LINE.finditer(text) if m.group()]


def wrap_width(text: str) -> int:
    """The width a text is hard-wrapped at, or 0 when its line breaks end paragraphs."""
    if text.count("\n") < MIN_LINES:
        return 0
    lines = [line.rstrip() for _, line in _lines(text)]
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return 0
    width = lengths[(len(lengths) * 9) // 10 - 1] if len(lengths) >= 10 else lengths[-1]
    if width < MIN_WIDTH:
        return 0
    full = mid_sentence = lower_next = 0
    for line, after in zip(lines, lines[1:]):
        if len(line) < FULL_SHARE * width or len(line) > 1.15 * width or not _prose(line):
            continue
        full += 1
        if _prose(after) and not _ENDS_SENTENCE.search(line):
            mid_sentence += 1
            lower_next += after.lstrip()[:1].islower()
    wrapped = (full >= MIN_LINES // 2 and mid_sentence >= max(4, WRAPPED_SHARE * full)
               and lower_next >= LOWER_SHARE * mid_sentence)  # prose goes on in lower case; records and tickers do not
    return width if wrapped else 0


# a drop cap set apart from the rest of its word at a paragraph's start ("T he Taliban", "G hazni's governor"; never "A"
# or "I", words of their own)
_DROP_CAP = re.compile(r"(?m)^[ \t]*[*_\"“‘'(]{0,2}[B-HJ-Z](?P<gap> )(?=[a-z]{2,}\b)")


def drop_cap_gaps(text: str) -> tuple[tuple[int, int], ...]:
    """The spaces that part a paragraph's drop cap from the rest of its word, as spans to remove."""
    if "\n" not in text and not text[:1].isupper():
        return ()
    return tuple(m.span("gap") for m in _DROP_CAP.finditer(text))


# a word split by a line-end hyphen whose line break became a space ("cap- tured", "Wed- nesday" in a page whose
# paragraphs kept the lines of its print edition); not a suspended hyphen ("pro- and anti-government", "two- or three-day")
_SPLIT_WORD = re.compile(r"(?P<gap>-(?<=[^\W\d_]{2}-) )(?=[a-z]{2,})(?!(?:and|or|nor|to|as|than|but)\b)")  # (the hyphen
# first, so that the engine skips to it)


def split_word_gaps(text: str) -> tuple[tuple[int, int], ...]:
    """The hyphen-and-space runs that part the two halves of one word, as spans to remove."""
    if "- " not in text:
        return ()
    return tuple(m.span("gap") for m in _SPLIT_WORD.finditer(text))


def wrap_breaks(text: str) -> WrapBreaks:
    """The breaks of a hard-wrapped text that only wrap a paragraph (none when the text is not hard-wrapped)."""
    width = wrap_width(text)
    if not width:
        return WrapBreaks()
    spaces: list[int] = []
    removed: list[tuple[int, int]] = []
    lines = _lines(text)
    for (start, line), (next_start, after) in zip(lines, lines[1:]):
        body = line.rstrip()
        if (len(body) < FULL_SHARE * width or not _prose(body) or not _prose(after)
                or (_ENDS_SENTENCE.search(body) and not body.endswith(":"))  # (a full line ending on a colon goes on:
                or _STARTS_ITEM.match(after) or len(body) > 1.15 * width):  # "went one by one:" / "Nad Ali on ...")
            continue
        newline = next_start - 1
        indent = len(after) - len(after.lstrip(" \t"))
        if indent:  # "   week. We assess": the next line's indentation goes with the break
            removed.append((next_start, next_start + indent))
        if _WORD_HYPHEN.search(body) and _STARTS_WORD.match(after, indent):
            hyphen = start + len(body) - 1
            if after[indent].islower():
                removed.append((hyphen, next_start))  # "Dawlat-\nabad" is "Dawlatabad"
            else:
                removed.append((hyphen + 1, next_start))  # "Sar-e-\nPul" is "Sar-e-Pul"
        else:
            spaces.append(newline)
    return WrapBreaks(tuple(spaces), tuple(removed))
